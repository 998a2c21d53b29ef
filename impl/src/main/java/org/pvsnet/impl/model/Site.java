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

/**
 * A customer site: address prefixes behind a router reached over a tunnel.
 *
 * @param tunnel the tunnel the site's traffic arrives on
 * @param returnTunnel the tunnel traffic to the site leaves on, when different
 */
public record Site(String name, List<Ipv4Prefix> prefixes, String tunnel, Optional<String> returnTunnel,
        Optional<Ipv4Address> nextHop, Optional<MacAddress> routerMac) {
    public Site {
        requireNonNull(name);
        prefixes = List.copyOf(prefixes);
        requireNonNull(tunnel);
        requireNonNull(returnTunnel);
        requireNonNull(nextHop);
        requireNonNull(routerMac);
    }

    /** The same site with its router's MAC known (learned). */
    public Site withRouterMac(final MacAddress mac) {
        return new Site(name, prefixes, tunnel, returnTunnel, nextHop, Optional.of(mac));
    }

    /** The tunnel that carries traffic towards the site. */
    public String towardsTunnel() {
        return returnTunnel.orElse(tunnel);
    }
}
