/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.Tunnel;

/**
 * Everything derived about one customer.
 *
 * @param sources per tunnel name, the sources it may carry in (see {@link Rules#sources})
 * @param contexts per tunnel switch node id, the customer's routing context there
 * @param attachments per PVS name, how it hangs off its host
 * @param switches every switch the customer's flows are on
 * @param unresolved destinations that cannot be routed yet, with the reason
 */
public record ResolvedCustomer(Customer customer, SortedMap<String, List<Ipv4Prefix>> sources,
        SortedMap<String, RoutingContext> contexts, SortedMap<String, Attachment> attachments,
        SortedSet<String> switches, List<String> unresolved) {
    public ResolvedCustomer {
        requireNonNull(customer);
        sources = Collections.unmodifiableSortedMap(new TreeMap<>(sources));
        contexts = Collections.unmodifiableSortedMap(new TreeMap<>(contexts));
        attachments = Collections.unmodifiableSortedMap(new TreeMap<>(attachments));
        switches = Collections.unmodifiableSortedSet(new TreeSet<>(switches));
        unresolved = List.copyOf(unresolved);
    }

    public String id() {
        return customer.id();
    }

    public long number() {
        return customer.number();
    }

    public Tunnel tunnel(final String name) {
        return customer.tunnels().get(name);
    }

    public List<Ipv4Prefix> sources(final Tunnel tunnel) {
        return sources.get(tunnel.name());
    }

    /**
     * The switch ports the customer's traffic crosses, per switch: its tunnels' ports, its PVSs' ports and the
     * uplinks of their hosts.
     */
    public SortedMap<String, SortedSet<Long>> ports() {
        final SortedMap<String, SortedSet<Long>> ports = new TreeMap<>();
        for (Tunnel tunnel : customer.tunnels().values()) {
            ports.computeIfAbsent(tunnel.switchId(), k -> new TreeSet<>()).add(tunnel.port());
        }
        for (Attachment attachment : attachments.values()) {
            final SortedSet<Long> host = ports.computeIfAbsent(attachment.host().nodeId(), k -> new TreeSet<>());
            host.add(attachment.pvs().port());
            host.add(attachment.uplink());
        }
        return ports;
    }
}
