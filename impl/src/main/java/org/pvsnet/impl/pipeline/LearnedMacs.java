/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Site;

/**
 * Router MACs learned from the routers' own ARP requests, for sites that have no router-mac configured: the
 * pipeline's copy of what the {@link LearnedMacStore} keeps. Used on the pipeline's thread only.
 */
final class LearnedMacs {
    private Map<SiteRef, MacAddress> learned = Map.of();

    MacAddress get(final SiteRef site) {
        return learned.get(site);
    }

    /** Take what the store holds; true when it differs from what was known. */
    boolean replaceAll(final Map<SiteRef, MacAddress> stored) {
        if (learned.equals(stored)) {
            return false;
        }
        learned = Map.copyOf(stored);
        return true;
    }

    /** The entries the configured network makes stale: their site is gone or has a router-mac configured. */
    List<SiteRef> stale(final Network configured) {
        return learned.keySet().stream().filter(key -> {
            final Customer customer = configured.customers().get(key.customer());
            final Site site = customer == null ? null : customer.sites().get(key.site());
            return site == null || site.routerMac().isPresent();
        }).sorted().toList();
    }

    /** The configured network with learned MACs filled in where none is configured. */
    Network applyTo(final Network configured) {
        if (learned.isEmpty()) {
            return configured;
        }
        final TreeMap<String, Customer> customers = new TreeMap<>();
        for (Customer customer : configured.customers().values()) {
            final TreeMap<String, Site> sites = new TreeMap<>();
            boolean applied = false;
            for (Site site : customer.sites().values()) {
                final MacAddress mac = site.routerMac().isPresent() ? null
                    : learned.get(new SiteRef(customer.id(), site.name()));
                sites.put(site.name(), mac == null ? site : site.withRouterMac(mac));
                applied |= mac != null;
            }
            // a customer with nothing learned stays the very object read: what was derived of it is reused
            customers.put(customer.id(), applied ? customer.withSites(sites) : customer);
        }
        return new Network(configured.switches(), customers);
    }
}
