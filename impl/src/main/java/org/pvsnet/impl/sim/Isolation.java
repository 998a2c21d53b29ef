/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.resolve.Attachment;
import org.pvsnet.impl.resolve.Place;
import org.pvsnet.impl.resolve.ResolvedCustomer;
import org.pvsnet.impl.resolve.ResolvedNetwork;

/**
 * The isolation proof: no packet that enters on one customer's tunnel or PVS port leaves on another
 * customer's tunnel or PVS port. Every ingress of a customer is probed with IPv4, ARP and non-IP frames,
 * from the sources the tunnel may carry and from every foreign address, to every address that the
 * configuration or any flow mentions; each probe is walked through the whole fabric.
 */
public final class Isolation {
    /** A source no customer owns, for spoofing probes. */
    private static final Ipv4Address STRANGER = Ipv4Address.parse("203.0.113.1");
    private static final MacAddress PROBE_MAC = MacAddress.parse("02:00:00:00:00:fe");
    private static final int OTHER_ETHERTYPE = 0x88b5;

    /** The answer: how many probes were walked, and every violating path. */
    public record Result(int packetsChecked, List<String> violations) {
        public Result {
            violations = List.copyOf(violations);
        }

        public boolean isolated() {
            return violations.isEmpty();
        }
    }

    private Isolation() {
        // pure functions
    }

    /**
     * Check one flow set.
     *
     * @param customer only this customer's traffic; empty: every customer's
     */
    public static Result verify(final ResolvedNetwork network, final Map<String, List<Flow>> flows,
            final Optional<String> customer) {
        final Fabric fabric = new Fabric(network, flows);
        final SortedSet<Ipv4Address> addresses = addresses(network, flows);
        final List<String> violations = new ArrayList<>();
        int probes = 0;
        for (ResolvedCustomer probed : network.customers().values()) {
            if (customer.isPresent() && !customer.orElseThrow().equals(probed.id())) {
                continue;
            }
            for (Ingress ingress : ingresses(probed)) {
                for (Ipv4Address source : ingress.sources(addresses)) {
                    for (Ipv4Address destination : addresses) {
                        for (Packet packet : List.of(Packet.ipv4(PROBE_MAC, MacAddress.parse("ff:ff:ff:ff:ff:ff"),
                                source, destination), Packet.arpRequest(PROBE_MAC, source, destination))) {
                            probes++;
                            check(fabric, probed, ingress, packet, violations);
                        }
                    }
                }
                probes++;
                check(fabric, probed, ingress, Packet.other(PROBE_MAC, Packet.BROADCAST, OTHER_ETHERTYPE),
                    violations);
            }
        }
        return new Result(probes, violations.stream().distinct().toList());
    }

    private static void check(final Fabric fabric, final ResolvedCustomer probed, final Ingress ingress,
            final Packet inner, final List<String> violations) {
        final Packet packet = ingress.tunnel.isPresent()
            ? Wire.onWire(ingress.tunnel.orElseThrow().encapsulation(), inner) : inner;
        final Fabric.Walk walk = fabric.walk(ingress.place, packet);
        for (Fabric.Exit exit : walk.exits()) {
            final Optional<String> owner = exit.owner().customer();
            if (owner.isPresent() && !owner.orElseThrow().equals(probed.id())) {
                violations.add("customer " + probed.id() + " " + ingress.description + ": "
                    + packet.describe() + " reaches " + exit.owner() + " at " + exit.place()
                    + " via " + walk.hops().stream().filter(h -> h.flow().isPresent())
                        .map(h -> h.nodeId() + " table " + h.table() + " " + h.flow().orElseThrow().id())
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    /** Where a customer's traffic enters: each of its tunnels where it ends, and each PVS port. */
    private record Ingress(Place place, Optional<Tunnel> tunnel, List<Ipv4Address> own, String description) {
        /** Own sources first, then every foreign one. */
        List<Ipv4Address> sources(final SortedSet<Ipv4Address> all) {
            final List<Ipv4Address> sources = new ArrayList<>(own);
            all.stream().filter(a -> !own.contains(a)).forEach(sources::add);
            return sources;
        }
    }

    private static List<Ingress> ingresses(final ResolvedCustomer customer) {
        final List<Ingress> ingresses = new ArrayList<>();
        for (Tunnel tunnel : customer.customer().tunnels().values()) {
            ingresses.add(new Ingress(new Place(tunnel.switchId(), tunnel.port()), Optional.of(tunnel),
                customer.sources(tunnel).stream().map(Isolation::firstHost).toList(),
                "tunnel " + tunnel.name() + " (" + tunnel.switchId() + " port " + tunnel.port() + ", "
                    + tunnel.encapsulation().describe() + ")"));
        }
        for (Attachment attachment : customer.attachments().values()) {
            ingresses.add(new Ingress(attachment.port(), Optional.empty(), List.of(attachment.pvs().address()),
                "PVS " + attachment.pvs().name() + " (" + attachment.port() + ")"));
        }
        return ingresses;
    }

    /** Every address the configuration names, and the first and last address of every prefix a flow matches. */
    static SortedSet<Ipv4Address> addresses(final ResolvedNetwork network, final Map<String, List<Flow>> flows) {
        final SortedSet<Ipv4Address> addresses = new TreeSet<>();
        addresses.add(STRANGER);
        for (ResolvedCustomer customer : network.customers().values()) {
            customer.customer().addressSpace().forEach(p -> addEnds(addresses, p));
            customer.customer().publicAddress().ifPresent(addresses::add);
            for (Pvs pvs : customer.customer().pvss().values()) {
                addresses.add(pvs.address());
            }
            for (Site site : customer.customer().sites().values()) {
                site.nextHop().ifPresent(addresses::add);
                site.prefixes().forEach(p -> addEnds(addresses, p));
            }
            customer.customer().tunnels().values().forEach(t -> t.allowedSources().forEach(p -> addEnds(addresses, p)));
        }
        for (List<Flow> list : flows.values()) {
            for (Flow flow : list) {
                for (MatchField field : flow.match()) {
                    switch (field) {
                        case MatchField.Ipv4Src src -> addEnds(addresses, src.prefix());
                        case MatchField.Ipv4Dst dst -> addEnds(addresses, dst.prefix());
                        case MatchField.ArpSpa spa -> addEnds(addresses, spa.prefix());
                        case MatchField.ArpTpa tpa -> addresses.add(tpa.address());
                        default -> {
                            // no address in it
                        }
                    }
                }
            }
        }
        return addresses;
    }

    private static void addEnds(final SortedSet<Ipv4Address> addresses, final Ipv4Prefix prefix) {
        addresses.add(firstHost(prefix));
        if (prefix.length() < 31) {
            // the last usable address
            addresses.add(new Ipv4Address((prefix.network().bits() | ~Ipv4Prefix.mask(prefix.length())) - 1));
        }
    }

    /** The first usable address of a prefix (the address itself for a /31 or /32). */
    static Ipv4Address firstHost(final Ipv4Prefix prefix) {
        return prefix.length() >= 31 ? prefix.network() : new Ipv4Address(prefix.network().bits() + 1);
    }
}
