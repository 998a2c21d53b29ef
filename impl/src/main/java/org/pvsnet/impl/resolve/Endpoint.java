/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Tunnel;

/**
 * Someone a tunnel switch routes for, behind packet-switching tunnels of that switch: a PVS, or a site's
 * router. Endpoints are the ARP requesters the switch answers (when their MAC is known) and the addresses
 * they may ask for.
 *
 * @param name what it is, for people: "PVS main-server" or "site site-1"
 * @param site the site whose router this is; empty for a PVS
 * @param mac absent for a site router whose MAC is neither configured nor learned yet
 * @param from the tunnel its packets arrive on
 * @param towards the tunnel packets to it leave on
 */
public record Endpoint(String name, Optional<String> site, Ipv4Address address, Optional<MacAddress> mac, Tunnel from,
        Tunnel towards) {
    public Endpoint {
        requireNonNull(name);
        requireNonNull(site);
        requireNonNull(address);
        requireNonNull(mac);
        requireNonNull(from);
        requireNonNull(towards);
    }
}
