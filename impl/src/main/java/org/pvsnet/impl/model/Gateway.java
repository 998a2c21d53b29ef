/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

/**
 * One address of the customer's router on the provider side: what hosts of the subnet use as their
 * default gateway.
 *
 * @param address the address the tunnel switch answers ARP and ping for
 * @param subnet the subnet it serves: its requesters are the ones inside it
 */
public record Gateway(Ipv4Address address, Ipv4Prefix subnet) {
    public Gateway {
        requireNonNull(address);
        requireNonNull(subnet);
    }

    @Override
    public String toString() {
        return address + "/" + subnet.length();
    }
}
