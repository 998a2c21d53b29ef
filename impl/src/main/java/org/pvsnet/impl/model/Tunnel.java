/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.pvsnet.impl.model.Roles.Service;

/**
 * A tunnel as the switch it ends on sees it: one tagged flow of frames on one port.
 *
 * @param peer the cross-connected tunnel of a tunnel-switching (TS) tunnel
 * @param allowedSources configured anti-spoofing prefixes; empty means "derive from sites and PVSs"
 */
public record Tunnel(String name, String switchId, long port, Encapsulation encapsulation, Service service,
        Optional<String> peer, List<Ipv4Prefix> allowedSources) {
    public Tunnel {
        requireNonNull(name);
        requireNonNull(switchId);
        requireNonNull(encapsulation);
        requireNonNull(service);
        requireNonNull(peer);
        allowedSources = List.copyOf(allowedSources);
    }
}
