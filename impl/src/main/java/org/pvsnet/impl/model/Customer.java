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
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * A customer: one private routing context with its tunnels, sites and PVSs.
 *
 * @param number the value carried in OpenFlow metadata and cookies
 * @param addressSpace the declared private space; empty means any address
 * @param rateLimitKbps limit of the traffic the customer sends, if any
 * @param publicAddress the internet source-NAT address, present only when internet access is on
 */
public record Customer(String id, long number, String description, List<Ipv4Prefix> addressSpace,
        OptionalLong rateLimitKbps, Optional<Ipv4Address> publicAddress, List<Gateway> gateways,
        SortedMap<String, Tunnel> tunnels, SortedMap<String, Site> sites, SortedMap<String, Pvs> pvss) {
    public Customer {
        requireNonNull(id);
        requireNonNull(description);
        addressSpace = List.copyOf(addressSpace);
        requireNonNull(rateLimitKbps);
        requireNonNull(publicAddress);
        gateways = List.copyOf(gateways);
        tunnels = Maps.frozen(tunnels);
        sites = Maps.frozen(sites);
        pvss = Maps.frozen(pvss);
    }

    /** The same customer with other sites. */
    public Customer withSites(final SortedMap<String, Site> newSites) {
        return new Customer(id, number, description, addressSpace, rateLimitKbps, publicAddress, gateways, tunnels,
            newSites, pvss);
    }

    public boolean internetAccess() {
        return publicAddress.isPresent();
    }
}
