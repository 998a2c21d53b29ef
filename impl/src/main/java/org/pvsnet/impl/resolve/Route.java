/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Tunnel;

/**
 * One row of a customer's forwarding table on a tunnel switch (seed tables 900).
 *
 * @param to what the destination is, for people: "PVS main-server" or "site site-1"
 * @param nextHop the MAC the packet is addressed to when it leaves
 */
public record Route(Ipv4Prefix destination, String to, MacAddress nextHop, Tunnel towards) {
    public Route {
        requireNonNull(destination);
        requireNonNull(to);
        requireNonNull(nextHop);
        requireNonNull(towards);
    }
}
