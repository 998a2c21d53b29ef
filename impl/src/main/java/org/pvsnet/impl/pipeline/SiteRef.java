/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import static java.util.Objects.requireNonNull;

/** A customer's site, by customer id and site name. */
public record SiteRef(String customer, String site) implements Comparable<SiteRef> {
    public SiteRef {
        requireNonNull(customer);
        requireNonNull(site);
    }

    @Override
    public int compareTo(final SiteRef other) {
        final int byCustomer = customer.compareTo(other.customer);
        return byCustomer != 0 ? byCustomer : site.compareTo(other.site);
    }

    @Override
    public String toString() {
        return "customer " + customer + " site " + site;
    }
}
