/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.resolve.ResolvedCustomer;

/**
 * Traffic per customer and per tunnel: the statistics of the flows that receive from each tunnel where it
 * ends (lookup flows on a tunnel switch, demux flows on a host), summed; a customer's are the sum of its
 * tunnels'.
 */
public record Counters(Map<String, Count> customers, Map<TunnelKey, Count> tunnels,
        Map<String, InventoryReader.MeterReport> meters, Map<String, Internet> internet) {
    public static final Counters NONE = new Counters(Map.of(), Map.of(), Map.of(), Map.of());

    /** A customer's internet traffic: sent out translated, responses received, packets to it refused. */
    public record Internet(Count sent, Count received, Count refused) {
        public static final Internet ZERO = new Internet(Count.ZERO, Count.ZERO, Count.ZERO);

        Internet plus(final String key, final Count count) {
            return switch (key) {
                case Compiler.INTERNET_SENT -> new Internet(sent.plus(count), received, refused);
                case Compiler.INTERNET_RECEIVED -> new Internet(sent, received.plus(count), refused);
                case Compiler.INTERNET_REFUSED -> new Internet(sent, received, refused.plus(count));
                default -> this;
            };
        }
    }

    /** Packets and bytes. */
    public record Count(long packets, long bytes) {
        public static final Count ZERO = new Count(0, 0);

        Count plus(final Count other) {
            return new Count(packets + other.packets, bytes + other.bytes);
        }
    }

    public record TunnelKey(String customer, String tunnel) {
    }

    public Counters {
        customers = Map.copyOf(customers);
        tunnels = Map.copyOf(tunnels);
        meters = Map.copyOf(meters);
        internet = Map.copyOf(internet);
    }

    public Internet internet(final String customer) {
        return internet.getOrDefault(customer, Internet.ZERO);
    }

    /** A customer's rate-limit meter, summed over the switches that report it. */
    public InventoryReader.MeterReport meter(final String customer) {
        return meters.getOrDefault(customer, InventoryReader.MeterReport.ZERO);
    }

    public Count customer(final String id) {
        return customers.getOrDefault(id, Count.ZERO);
    }

    public Count tunnel(final String customer, final String tunnel) {
        return tunnels.getOrDefault(new TunnelKey(customer, tunnel), Count.ZERO);
    }

    /** Sum what the switches report for the compiled flows of a snapshot. */
    static Counters of(final Snapshot.Accepted snapshot, final Map<String, InventoryReader.SwitchReport> reports) {
        final Map<String, Count> customers = new HashMap<>();
        final Map<TunnelKey, Count> tunnels = new HashMap<>();
        final Map<String, Internet> internet = new HashMap<>();
        snapshot.compilation().flows().forEach((nodeId, flows) -> {
            final InventoryReader.SwitchReport report = reports.get(nodeId);
            if (report != null) {
                add(snapshot, report, flows, customers, tunnels, internet);
            }
        });
        final Map<String, InventoryReader.MeterReport> meters = new HashMap<>();
        for (ResolvedCustomer customer : snapshot.resolved().customers().values()) {
            Compiler.meter(customer.customer()).ifPresent(meter -> reports.forEach((nodeId, report) -> {
                final InventoryReader.MeterReport found = report.meters().get(meter.id());
                if (found != null) {
                    meters.merge(customer.id(), found, InventoryReader.MeterReport::plus);
                }
            }));
        }
        return new Counters(customers, tunnels, meters, internet);
    }

    private static void add(final Snapshot.Accepted snapshot, final InventoryReader.SwitchReport report,
            final List<Flow> flows, final Map<String, Count> customers, final Map<TunnelKey, Count> tunnels,
            final Map<String, Internet> internet) {
        // by content: the ids openflowplugin gives flows sent in bundles are its own
        final Map<String, InventoryReader.Installed> byContent = new HashMap<>();
        report.flows().values().forEach(installed -> byContent.put(installed.flow().text(), installed));
        for (Flow flow : flows) {
            final InventoryReader.Installed installed = byContent.get(flow.text());
            final ResolvedCustomer owner = snapshot.resolved().customer(flow.customer()).orElse(null);
            if (installed == null || owner == null) {
                continue;
            }
            final Count count = new Count(installed.packets(), installed.bytes());
            if (owner.customer().internetAccess()) {
                final String key = flow.id().substring(owner.id().length() + 1);
                internet.merge(owner.id(), Internet.ZERO.plus(key, count), (a, b) -> new Internet(
                    a.sent().plus(b.sent()), a.received().plus(b.received()), a.refused().plus(b.refused())));
            }
            if (flow.tunnel().isEmpty()) {
                continue;
            }
            customers.merge(owner.id(), count, Count::plus);
            tunnels.merge(new TunnelKey(owner.id(), flow.tunnel().orElseThrow()), count, Count::plus);
        }
    }
}
