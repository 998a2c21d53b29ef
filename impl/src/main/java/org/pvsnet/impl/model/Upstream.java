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
 * The upstream router on a tunnel switch's internet port (seed Fig 10B).
 *
 * @param nextHop its address: it asks the switch for the customers' public addresses
 * @param routerMac where internet traffic is sent
 */
public record Upstream(Ipv4Address nextHop, MacAddress routerMac) {
    public Upstream {
        requireNonNull(nextHop);
        requireNonNull(routerMac);
    }
}
