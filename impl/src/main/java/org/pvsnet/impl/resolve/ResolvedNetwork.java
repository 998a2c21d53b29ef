/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Derived;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Roles.Service;
import org.pvsnet.impl.model.Roles.SwitchRole;
import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;

/**
 * The validated network with every derived fact worked out once per configuration: per customer, its routing
 * context on each tunnel switch (routed tunnels, cross-connects, ARP requesters and targets, forwarding
 * table), the sources of each tunnel, how each PVS is attached, the switches it touches; and the links
 * between tunnel switches and hosts. The compiler, the ARP responder, the status, trace and isolation checks
 * all read this; none of them works these facts out again.
 */
public final class ResolvedNetwork {
    public static final ResolvedNetwork EMPTY = new ResolvedNetwork(Network.EMPTY, Derived.empty());

    private final Network network;
    private final Derived<Customer, ResolvedCustomer> customers;
    // looked up by packets and traces, not by the pipeline: worked out on first use, not per configuration
    private final Supplier<Map<Long, ResolvedCustomer>> byNumber = Suppliers.memoize(this::numbers);
    private final Supplier<Map<Place, Place>> links = Suppliers.memoize(this::hostLinks);

    private ResolvedNetwork(final Network network, final Derived<Customer, ResolvedCustomer> customers) {
        this.network = requireNonNull(network);
        this.customers = requireNonNull(customers);
    }

    /** Resolve a network that passed validation (an invalid one may throw). */
    public static ResolvedNetwork of(final Network network) {
        return of(network, EMPTY);
    }

    /**
     * The same as {@link #of(Network)}, taking from {@code previous} each customer it resolved from an equal
     * customer (the very same object, when the configuration reader kept it) on the very same switches: what is
     * derived of a customer depends on nothing else, so one changed customer is resolved alone.
     */
    public static ResolvedNetwork of(final Network network, final ResolvedNetwork previous) {
        final boolean sameSwitches = Network.sameSwitches(network.switches(), previous.switches());
        return new ResolvedNetwork(network, Derived.of(network.customers(),
            sameSwitches ? previous.customers : Derived.empty(),
            customer -> new CustomerResolver(network, customer).resolve()));
    }

    public Network network() {
        return network;
    }

    public SortedMap<String, Switch> switches() {
        return network.switches();
    }

    public SortedMap<String, ResolvedCustomer> customers() {
        return customers.values();
    }

    /** The customer whose routing-context number this is (as carried in metadata and cookies). */
    public Optional<ResolvedCustomer> customer(final long number) {
        return Optional.ofNullable(byNumber.get().get(number));
    }

    /** The port at the other end of a tunnel switch - host link. */
    public Optional<Place> linked(final Place place) {
        return Optional.ofNullable(links.get().get(place));
    }

    private Map<Long, ResolvedCustomer> numbers() {
        final Map<Long, ResolvedCustomer> numbers = new HashMap<>();
        customers().values().forEach(c -> numbers.put(c.number(), c));
        return Map.copyOf(numbers);
    }

    private Map<Place, Place> hostLinks() {
        final Map<Place, Place> all = new HashMap<>();
        for (ResolvedCustomer resolved : customers().values()) {
            for (Attachment a : resolved.attachments().values()) {
                for (Tunnel tunnel : List.of(a.from(), a.towards())) {
                    if (!tunnel.switchId().equals(a.host().nodeId())) {
                        final Place tunnelSide = new Place(tunnel.switchId(), tunnel.port());
                        final Place hostSide = new Place(a.host().nodeId(), a.uplink());
                        all.put(tunnelSide, hostSide);
                        all.put(hostSide, tunnelSide);
                    }
                }
            }
        }
        return Map.copyOf(all);
    }

    /** Works out one customer. */
    private static final class CustomerResolver {
        private final Network network;
        private final Customer customer;
        private final List<String> unresolved = new ArrayList<>();

        CustomerResolver(final Network network, final Customer customer) {
            this.network = network;
            this.customer = customer;
        }

        ResolvedCustomer resolve() {
            final SortedMap<String, List<Ipv4Prefix>> sources = new TreeMap<>();
            final SortedSet<String> switches = new TreeSet<>();
            for (Tunnel tunnel : customer.tunnels().values()) {
                sources.put(tunnel.name(), Rules.sources(customer, tunnel));
                switches.add(tunnel.switchId());
            }
            final SortedMap<String, RoutingContext> contexts = new TreeMap<>();
            for (Switch sw : network.switches().values()) {
                if (sw.role() == SwitchRole.TUNNEL_SWITCH) {
                    contexts.put(sw.nodeId(), context(sw));
                }
            }
            final SortedMap<String, Attachment> attachments = new TreeMap<>();
            for (Pvs pvs : customer.pvss().values()) {
                attachments.put(pvs.name(), attachment(pvs));
                switches.add(pvs.host());
            }
            return new ResolvedCustomer(customer, sources, contexts, attachments, switches, unresolved);
        }

        private Tunnel tunnel(final String name) {
            return customer.tunnels().get(name);
        }

        private RoutingContext context(final Switch sw) {
            final List<Tunnel> routed = new ArrayList<>();
            final List<CrossConnect> crossConnects = new ArrayList<>();
            for (Tunnel tunnel : customer.tunnels().values()) {
                if (Rules.routes(sw, tunnel)) {
                    routed.add(tunnel);
                } else if (tunnel.switchId().equals(sw.nodeId()) && tunnel.service() == Service.TUNNEL_SWITCHING) {
                    crossConnects.add(new CrossConnect(tunnel, tunnel(tunnel.peer().orElseThrow())));
                }
            }
            final List<Endpoint> endpoints = new ArrayList<>();
            final List<Route> routes = new ArrayList<>();
            for (Pvs pvs : customer.pvss().values()) {
                final Tunnel towards = tunnel(pvs.towardsTunnel());
                final String name = "PVS " + pvs.name();
                endpoint(sw, name, Optional.empty(), pvs.address(), Optional.of(pvs.mac()), tunnel(pvs.tunnel()),
                    towards)
                    .ifPresent(endpoints::add);
                if (Rules.routes(sw, towards)) {
                    routes.add(new Route(Ipv4Prefix.host(pvs.address()), name, pvs.mac(), towards));
                }
            }
            for (Site site : customer.sites().values()) {
                final Tunnel towards = tunnel(site.towardsTunnel());
                final String name = "site " + site.name();
                site.nextHop().flatMap(nextHop -> endpoint(sw, name, Optional.of(site.name()), nextHop,
                    site.routerMac(), tunnel(site.tunnel()), towards)).ifPresent(endpoints::add);
                if (Rules.routes(sw, towards)) {
                    final Optional<MacAddress> mac = site.routerMac();
                    if (mac.isPresent()) {
                        site.prefixes().forEach(p -> routes.add(new Route(p, name, mac.orElseThrow(), towards)));
                    } else {
                        unresolved.add(name + " " + site.prefixes() + " on " + sw.nodeId() + ": the MAC of router "
                            + site.nextHop().map(Ipv4Address::toString).orElse("?")
                            + " is not configured and not learned yet (it is learned from the router's ARP)");
                    }
                }
            }
            return new RoutingContext(sw, routed, crossConnects, endpoints, routes, customer.gateways());
        }

        // An endpoint of a switch: both its tunnels are routed by the switch.
        private static Optional<Endpoint> endpoint(final Switch sw, final String name, final Optional<String> site,
                final Ipv4Address address, final Optional<MacAddress> mac, final Tunnel from, final Tunnel towards) {
            return Rules.routes(sw, from) && Rules.routes(sw, towards)
                ? Optional.of(new Endpoint(name, site, address, mac, from, towards)) : Optional.empty();
        }

        private Attachment attachment(final Pvs pvs) {
            final Switch host = network.switches().get(pvs.host());
            final Tunnel from = tunnel(pvs.tunnel());
            final Tunnel towards = tunnel(pvs.towardsTunnel());
            final long uplink = switch (Rules.uplink(network, host, pvs, from)) {
                case Rules.Uplink.Found found -> found.port();
                case Rules.Uplink.Unknown unknown -> throw new IllegalArgumentException(unknown.reason());
            };
            return new Attachment(pvs, host, uplink, from, towards, towards.switchId().equals(host.nodeId()));
        }
    }
}
