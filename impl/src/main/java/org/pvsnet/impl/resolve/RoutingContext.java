/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.pvsnet.impl.model.Gateway;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Switch;

/**
 * A customer's routing context on one tunnel switch: what the switch does for that customer.
 *
 * @param routed the customer's packet-switching tunnels that end on this switch (lookup table rows that lead
 *     to the forwarding table)
 * @param crossConnects the tunnel-switching rows: frames passed on without being looked into
 * @param endpoints who the switch routes for here: ARP requesters and targets
 * @param routes the forwarding table
 */
public record RoutingContext(Switch sw, List<org.pvsnet.impl.model.Tunnel> routed, List<CrossConnect> crossConnects,
        List<Endpoint> endpoints, List<Route> routes, List<Gateway> gateways) {
    public RoutingContext {
        requireNonNull(sw);
        routed = List.copyOf(routed);
        crossConnects = List.copyOf(crossConnects);
        endpoints = List.copyOf(endpoints);
        routes = List.copyOf(routes);
        gateways = List.copyOf(gateways);
    }

    /** The MAC the switch routes from and answers ARP with. */
    public MacAddress gatewayMac() {
        return sw.gatewayMac().orElseThrow();
    }

    /** The endpoint that sent an ARP request: its address, arriving on the port of its own tunnel. */
    public Optional<Endpoint> requester(final long inPort, final Ipv4Address sender) {
        return endpoints.stream().filter(e -> e.address().equals(sender) && e.from().port() == inPort).findFirst();
    }

    /** The addresses a requester may ask the switch for: every other endpoint of the customer here. */
    public List<Ipv4Address> targets(final Endpoint requester) {
        return Stream.concat(
            endpoints.stream().map(Endpoint::address).filter(a -> !a.equals(requester.address())),
            gateways(requester).stream().map(Gateway::address)).toList();
    }

    /** The gateways a requester may use: those whose subnet it is in, as on a router's interface. */
    public List<Gateway> gateways(final Endpoint requester) {
        return gateways.stream().filter(g -> g.subnet().contains(requester.address())).toList();
    }

    /** The gateway with this address, if the customer has one. */
    public Optional<Gateway> gateway(final Ipv4Address address) {
        return gateways.stream().filter(g -> g.address().equals(address)).findFirst();
    }

    /** The route the switch takes to an address: the longest prefix that contains it. */
    public Optional<Route> routeTo(final Ipv4Address address) {
        return routes.stream().filter(r -> r.destination().contains(address))
            .max(Comparator.comparingInt(r -> r.destination().length()));
    }

    /** Whether the switch answers this requester's ARP for this address. */
    public boolean answers(final Endpoint requester, final Ipv4Address target) {
        return targets(requester).contains(target);
    }

    /** Whether a packet to be routed may arrive on this port (its destination may be behind the same port). */
    public boolean receivesOn(final long port) {
        return routed.stream().anyMatch(t -> t.port() == port);
    }
}
