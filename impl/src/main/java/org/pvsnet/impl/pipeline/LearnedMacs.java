/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Site;

/** Router MACs learned from the routers' own ARP requests, for sites that have no router-mac configured. */
final class LearnedMacs {
    private record SiteKey(String customer, String site) {
    }

    private final Map<SiteKey, MacAddress> learned = new HashMap<>();

    /** Remember a MAC; true when it is new or changed. */
    synchronized boolean learn(final String customer, final String site, final MacAddress mac) {
        return !mac.equals(learned.put(new SiteKey(customer, site), mac));
    }

    /** The configured network with learned MACs filled in where none is configured; stale entries forgotten. */
    synchronized Network applyTo(final Network configured) {
        learned.keySet().removeIf(key -> {
            final Customer customer = configured.customers().get(key.customer());
            final Site site = customer == null ? null : customer.sites().get(key.site());
            return site == null || site.routerMac().isPresent();
        });
        if (learned.isEmpty()) {
            return configured;
        }
        final TreeMap<String, Customer> customers = new TreeMap<>();
        for (Customer customer : configured.customers().values()) {
            final TreeMap<String, Site> sites = new TreeMap<>();
            for (Site site : customer.sites().values()) {
                final MacAddress mac = learned.get(new SiteKey(customer.id(), site.name()));
                sites.put(site.name(), mac == null ? site : site.withRouterMac(mac));
            }
            customers.put(customer.id(), customer.withSites(sites));
        }
        return new Network(configured.switches(), customers);
    }
}
