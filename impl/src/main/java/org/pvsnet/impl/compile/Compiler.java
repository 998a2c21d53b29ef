/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import static java.util.Objects.requireNonNull;
import static org.pvsnet.impl.compile.Headers.concat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Derived;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Gateway;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Roles.Attachment;
import org.pvsnet.impl.model.Roles.SwitchRole;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.model.Upstream;
import org.pvsnet.impl.resolve.CrossConnect;
import org.pvsnet.impl.resolve.Endpoint;
import org.pvsnet.impl.resolve.ResolvedCustomer;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.resolve.Route;
import org.pvsnet.impl.resolve.RoutingContext;

/**
 * The pure compiler: a resolved network in, OpenFlow 1.3 flows and meters per switch out. No I/O, no state;
 * the same network always gives the same flows, ids and cookies. Every table is documented in
 * docs/pipeline.md. The compiler decides nothing about the network: it turns the facts of the resolved view
 * into matches and actions.
 */
public final class Compiler {
    /** The customer number lives in the high half of the metadata register. */
    public static final long CUSTOMER_MASK = 0xFFFF_FFFF_0000_0000L;

    static final int PRIORITY_TUNNEL_SWITCHING = 300;
    static final int PRIORITY_CLASSIFY = 200;
    static final int PRIORITY_MUX = 200;
    static final int PRIORITY_ARP_REPLY = 100;
    static final int PRIORITY_ARP_TO_CONTROLLER = 50;
    static final int PRIORITY_FORWARD_BASE = 1000;
    static final int PRIORITY_GATEWAY = 1100;
    // below every route, even a site's 0.0.0.0/0
    static final int PRIORITY_INTERNET = PRIORITY_FORWARD_BASE - 1;
    static final int PRIORITY_UNSOLICITED = 200;
    static final int PRIORITY_RETURN = 100;

    /** Keys of a customer's internet flows whose statistics are its internet counters (sent, received, refused). */
    public static final String INTERNET_SENT = "forward/internet";
    public static final String INTERNET_RECEIVED = "internet/return";
    public static final String INTERNET_REFUSED = "internet/unsolicited";

    /** The meter that protects the controller from what a tunnel switch punts (ARP, packets to a gateway). */
    public static final MeterSpec CONTROLLER_METER = new MeterSpec(1, MeterSpec.Unit.PKTPS, 100, 10,
        "pvsnet-controller");

    /** Customer meters are numbered after the switch's own: 16777216 + customer number (1..16777215). */
    public static final long CUSTOMER_METER_BASE = 0x0100_0000L;

    /** An OpenFlow meter with one drop band; burst in packets or kbit, as the unit. */
    public record MeterSpec(long id, Unit unit, long rate, long burst, String name) {
        public enum Unit {
            PKTPS, KBPS;

            @Override
            public String toString() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public MeterSpec {
            requireNonNull(unit);
            requireNonNull(name);
        }

        /** A customer's rate-limit: kbit/s, with a burst of 100 ms of the rate. */
        public static MeterSpec customer(final Customer customer, final long kbps) {
            return new MeterSpec(CUSTOMER_METER_BASE + customer.number(), Unit.KBPS, kbps, Math.max(kbps / 10, 8),
                "pvsnet-customer-" + customer.id());
        }

        public String text() {
            return "meter=" + id + " " + unit + " burst stats bands=type=drop rate=" + rate + " burst_size=" + burst;
        }
    }

    /** The compiled network: flows and meters per switch (sorted). */
    public record Compilation(Map<String, List<Flow>> flows, Map<String, List<MeterSpec>> meters) {
        public Compilation {
            flows = Collections.unmodifiableMap(new TreeMap<>(flows));
            meters = Collections.unmodifiableMap(new TreeMap<>(meters));
        }

        public List<Flow> flows(final String nodeId) {
            return flows.getOrDefault(nodeId, List.of());
        }

        /** Every flow of every switch. */
        public int flowCount() {
            return flows.values().stream().mapToInt(List::size).sum();
        }
    }

    private Compiler() {
        // pure functions
    }

    public static Compilation compile(final ResolvedNetwork network) {
        return compile(network, new Memo());
    }

    /**
     * Compile, taking from the memo what an earlier compilation made of each customer that has not changed, as
     * long as no switch has (a customer's flows depend on it and on the switches alone), and leaving in it what
     * this one made. The result is the same as without a memo.
     */
    public static Compilation compile(final ResolvedNetwork network, final Memo memo) {
        boolean compiled = false;
        try {
            final Compilation compilation = memo.compile(network);
            compiled = true;
            return compilation;
        } finally {
            if (!compiled) {
                // the memo may be half updated: the next compilation starts from scratch
                memo.forget();
            }
        }
    }

    /**
     * What the last compilation made of each customer, and the switches it was made for: a change to one customer
     * then compiles that customer alone, and what depends on every customer (each switch's shared flows and
     * meters, its flows in order) is updated by the customers compiled again and those dropped, not worked out
     * over every customer. For one caller at a time (the pipeline's thread).
     */
    public static final class Memo {
        /** One customer's flows, per switch, and the flows it shares with others (per switch, by id). */
        record Compiled(ResolvedCustomer resolved, Map<String, List<Flow>> flows,
                Map<String, Map<String, Flow>> shared) {
            static Compiled of(final ResolvedCustomer resolved) {
                final CustomerCompiler compiler = new CustomerCompiler(resolved);
                final Map<String, List<Flow>> flows = new TreeMap<>();
                compiler.compile().forEach((nodeId, list) -> flows.put(nodeId, List.copyOf(list)));
                final Map<String, Map<String, Flow>> shared = new TreeMap<>();
                compiler.shared.forEach((nodeId, byId) -> shared.put(nodeId,
                    Collections.unmodifiableMap(new TreeMap<>(byId))));
                return new Compiled(resolved, Collections.unmodifiableMap(flows), Collections.unmodifiableMap(shared));
            }
        }

        /**
         * What the customers give one switch together: the shared flows (one per id, however many customers need
         * it) and the customers' meters.
         */
        private static final class SwitchTotals {
            private final Switch sw;
            private final SortedMap<String, Flow> shared = new TreeMap<>();
            private final Map<String, Integer> sharers = new HashMap<>();
            private final SortedMap<Long, MeterSpec> customerMeters = new TreeMap<>();
            private @Nullable List<MeterSpec> meters;

            SwitchTotals(final Switch sw) {
                this.sw = sw;
            }

            void add(final Map<String, Flow> flows) {
                flows.forEach((id, flow) -> {
                    if (sharers.merge(id, 1, Integer::sum) == 1) {
                        shared.put(id, flow);
                    }
                });
            }

            void remove(final Map<String, Flow> flows) {
                flows.keySet().forEach(id -> {
                    if (sharers.merge(id, -1, Integer::sum) == 0) {
                        sharers.remove(id);
                        shared.remove(id);
                    }
                });
            }

            void meter(final MeterSpec meter, final boolean add) {
                if (add) {
                    customerMeters.put(meter.id(), meter);
                } else {
                    customerMeters.remove(meter.id());
                }
                meters = null;
            }

            /** The flows of no customer: the switch's own, the shared outer-header ones and their table's miss. */
            List<Flow> common() {
                final List<Flow> common = new ArrayList<>(switchFlows(sw));
                if (!shared.isEmpty()) {
                    common.addAll(shared.values());
                    final Table inner = sw.role() == SwitchRole.HOST ? Table.MUX_INNER : Table.CLASSIFY_INNER;
                    common.add(flow(0, "miss/" + inner.id(), inner.id(), 0, List.of(), List.of(), Optional.empty()));
                }
                return common;
            }

            List<MeterSpec> meters() {
                List<MeterSpec> all = meters;
                if (all == null) {
                    final List<MeterSpec> list = new ArrayList<>(customerMeters.values());
                    if (sw.role() == SwitchRole.TUNNEL_SWITCH) {
                        list.add(CONTROLLER_METER);
                    }
                    all = list.stream().sorted(Comparator.comparingLong(MeterSpec::id)).toList();
                    meters = all;
                }
                return all;
            }
        }

        // null before the first compilation and after a failed one
        private @Nullable Map<String, Switch> switches;
        private Derived<ResolvedCustomer, Compiled> customers = Derived.empty();
        private Map<String, SwitchTotals> totals = Map.of();
        // the last compilation's flows of no customer, and all its flows in order, per switch
        private Map<String, List<Flow>> lastCommon = Map.of();
        private Map<String, List<Flow>> lastFlows = Map.of();

        Compilation compile(final ResolvedNetwork network) {
            final boolean sameSwitches = switches != null && Network.sameSwitches(network.switches(), switches);
            if (!sameSwitches) {
                customers = Derived.empty();
                totals = new LinkedHashMap<>();
                network.switches().values().forEach(sw -> totals.put(sw.nodeId(), new SwitchTotals(sw)));
            }
            final Derived<ResolvedCustomer, Compiled> compiled = Derived.of(network.customers(), customers,
                Compiled::of);
            compiled.dropped().forEach(gone -> count(gone, false));
            compiled.made().forEach(made -> count(made, true));
            final Map<String, List<Flow>> common = new LinkedHashMap<>();
            final Map<String, List<MeterSpec>> meters = new TreeMap<>();
            totals.forEach((nodeId, own) -> {
                common.put(nodeId, own.common());
                meters.put(nodeId, own.meters());
            });
            final Map<String, List<Flow>> flows = sameSwitches ? reordered(compiled, common)
                : sorted(network.switches().keySet(), compiled.values().values(), common);
            switches = new HashMap<>(network.switches());
            customers = compiled;
            lastCommon = common;
            lastFlows = flows;
            return new Compilation(flows, meters);
        }

        private void count(final Compiled customer, final boolean add) {
            customer.shared().forEach((nodeId, flows) -> {
                if (add) {
                    totals.get(nodeId).add(flows);
                } else {
                    totals.get(nodeId).remove(flows);
                }
            });
            meter(customer.resolved().customer()).ifPresent(meter -> customer.resolved().contexts().keySet()
                .forEach(nodeId -> totals.get(nodeId).meter(meter, add)));
        }

        void forget() {
            switches = null;
        }

        /** Every switch's flows, sorted whole. */
        static Map<String, List<Flow>> sorted(final Collection<String> nodeIds, final Collection<Compiled> compiled,
                final Map<String, List<Flow>> commonFlows) {
            final Map<String, List<Flow>> all = new LinkedHashMap<>();
            nodeIds.forEach(nodeId -> all.put(nodeId, new ArrayList<>(commonFlows.get(nodeId))));
            compiled.forEach(own -> own.flows().forEach((nodeId, list) -> all.get(nodeId).addAll(list)));
            all.replaceAll((nodeId, list) -> list.stream().sorted().toList());
            return all;
        }

        /**
         * Every switch's flows in order, from the last compilation's on the same switches: the flows of the
         * customers compiled again (or gone) and of no customer are taken out, the new ones put in their places.
         * Sorting 100,000 flows again for one customer's 13 cost more than compiling that customer.
         */
        Map<String, List<Flow>> reordered(final Derived<ResolvedCustomer, Compiled> compiled,
                final Map<String, List<Flow>> now) {
            final Map<String, List<Flow>> out = new HashMap<>();
            final Map<String, List<Flow>> in = new HashMap<>();
            compiled.dropped().forEach(before -> before.flows().forEach((nodeId, list) ->
                out.computeIfAbsent(nodeId, k -> new ArrayList<>()).addAll(list)));
            compiled.made().forEach(own -> own.flows().forEach((nodeId, list) ->
                in.computeIfAbsent(nodeId, k -> new ArrayList<>()).addAll(list)));
            lastCommon.forEach((nodeId, list) -> out.computeIfAbsent(nodeId, k -> new ArrayList<>()).addAll(list));
            now.forEach((nodeId, list) -> in.computeIfAbsent(nodeId, k -> new ArrayList<>()).addAll(list));
            final Map<String, List<Flow>> all = new LinkedHashMap<>();
            now.keySet().forEach(nodeId -> all.put(nodeId, merge(without(lastFlows.get(nodeId),
                out.getOrDefault(nodeId, List.of())), in.getOrDefault(nodeId, List.of()).stream().sorted().toList())));
            return all;
        }

        /**
         * A sorted list without some of its flows, each found by binary search: the list holds a flow once, so a
         * few flows are taken out of 100,000 without looking at the others.
         */
        private static List<Flow> without(final List<Flow> flows, final List<Flow> gone) {
            final int[] positions = new int[gone.size()];
            for (int index = 0; index < positions.length; index++) {
                final int found = Collections.binarySearch(flows, gone.get(index));
                if (found < 0 || flows.get(found) != gone.get(index)) {
                    // not where the order puts it: a list this memo did not make; take the long way
                    final Set<Flow> out = Collections.newSetFromMap(new IdentityHashMap<>());
                    out.addAll(gone);
                    return flows.stream().filter(flow -> !out.contains(flow)).toList();
                }
                positions[index] = found;
            }
            Arrays.sort(positions);
            final List<Flow> kept = new ArrayList<>(flows.size() - positions.length);
            int from = 0;
            for (int position : positions) {
                kept.addAll(flows.subList(from, position));
                from = position + 1;
            }
            kept.addAll(flows.subList(from, flows.size()));
            return kept;
        }

        /** Two sorted lists as one, the second's few flows put in place by binary search. */
        private static List<Flow> merge(final List<Flow> kept, final List<Flow> added) {
            final List<Flow> all = new ArrayList<>(kept.size() + added.size());
            int from = 0;
            for (Flow flow : added) {
                final int found = Collections.binarySearch(kept.subList(from, kept.size()), flow);
                final int at = from + (found >= 0 ? found : -found - 1);
                all.addAll(kept.subList(from, at));
                all.add(flow);
                from = at;
            }
            all.addAll(kept.subList(from, kept.size()));
            return Collections.unmodifiableList(all);
        }
    }

    /** A customer's rate-limit meter, on every tunnel switch it uses; none without a rate-limit. */
    public static Optional<MeterSpec> meter(final Customer customer) {
        return customer.rateLimitKbps().isPresent()
            ? Optional.of(MeterSpec.customer(customer, customer.rateLimitKbps().getAsLong())) : Optional.empty();
    }

    /** A switch's own flows: an explicit, counted drop at the end of every table. */
    private static List<Flow> switchFlows(final Switch sw) {
        final List<Table> tables = sw.role() == SwitchRole.HOST ? List.of(Table.MUX)
            : sw.upstream().isPresent() ? List.of(Table.CLASSIFY, Table.ARP, Table.INTERNET_IN, Table.INTERNET_RETURN,
                Table.FORWARD)
            : List.of(Table.CLASSIFY, Table.ARP, Table.FORWARD);
        return tables.stream()
            .map(table -> flow(0, "miss/" + table.id(), table.id(), 0, List.of(), List.of(), Optional.empty()))
            .toList();
    }

    static Flow flow(final long customer, final String id, final int table, final int priority,
            final List<MatchField> match, final List<Action> actions, final Optional<String> tunnel) {
        return new Flow(id, table, priority, Cookie.of(customer, table, id), match, actions, tunnel);
    }

    /**
     * Where a tunnel's frames are recognised: the table, the match, the actions that take off the headers still
     * on, and the headers the first stage already took off (none in a one-stage lookup).
     */
    private record Entry(Table table, List<MatchField> match, List<Action> pop, List<Header> remaining,
            List<Header> consumed) {
    }

    /** Compiles one customer's routing context onto every switch it uses. */
    private static final class CustomerCompiler {
        private final ResolvedCustomer customer;
        private final Optional<MeterSpec> meter;
        private final Map<String, List<Flow>> flows = new TreeMap<>();
        /** Flows no customer owns: a two-stage lookup's outer header, per switch, by id. */
        private final Map<String, Map<String, Flow>> shared = new TreeMap<>();

        CustomerCompiler(final ResolvedCustomer customer) {
            this.customer = customer;
            meter = meter(customer.customer());
        }

        Map<String, List<Flow>> compile() {
            for (RoutingContext context : customer.contexts().values()) {
                context.crossConnects().forEach(cc -> crossConnect(context, cc));
                context.routed().forEach(tunnel -> classify(context, tunnel));
                arp(context);
                context.routes().forEach(route -> route(context, route));
                context.gateways().forEach(gateway -> gateway(context, gateway));
                if (customer.customer().internetAccess()) {
                    internet(context);
                }
            }
            customer.attachments().values().forEach(this::mux);
            return flows;
        }

        private void add(final String nodeId, final String key, final Table table, final int priority,
                final List<MatchField> match, final List<Action> actions) {
            add(nodeId, key, table, priority, match, actions, Optional.empty());
        }

        private void add(final String nodeId, final String key, final Table table, final int priority,
                final List<MatchField> match, final List<Action> actions, final Optional<Tunnel> counted) {
            flows.computeIfAbsent(nodeId, k -> new ArrayList<>()).add(flow(customer.number(),
                customer.id() + "/" + key, table.id(), priority, match, actions, counted.map(Tunnel::name)));
        }

        private static Action out(final long port, final long inPort) {
            return port == inPort ? new Action.OutputInPort() : new Action.Output(port);
        }

        // Performance isolation: everything the customer sends into a tunnel switch passes its meter first.
        private List<Action> metered(final List<Action> actions) {
            return meter.map(spec -> concat(List.<Action>of(new Action.Meter(spec.id())), actions)).orElse(actions);
        }

        private MatchField.Metadata metadata() {
            return new MatchField.Metadata(customer.number() << 32, CUSTOMER_MASK);
        }

        // A tunnel's frames arriving on a port: recognised by all their headers in the first table, or, with two
        // headers, by the outer one in the first table (a flow shared with every tunnel that has the same outer
        // header on the port: it takes the header off and notes it in the metadata) and the rest in the second.
        private Entry entry(final String nodeId, final long port, final Encapsulation encapsulation, final Table first,
                final Table inner) {
            final MatchField.InPort in = new MatchField.InPort(port);
            final List<Header> headers = encapsulation.headers();
            if (!Headers.twoStage(encapsulation)) {
                return new Entry(first, concat(List.of(in), Headers.match(headers)),
                    Headers.pop(headers), headers, List.of());
            }
            final List<Header> outer = headers.subList(0, 1);
            final List<Header> rest = headers.subList(1, headers.size());
            final long key = Headers.outerKey(outer.getFirst());
            final String id = "outer/" + port + "/" + Long.toHexString(key);
            shared.computeIfAbsent(nodeId, k -> new TreeMap<>()).put(id, flow(0, id, first.id(), PRIORITY_CLASSIFY,
                concat(List.of(in), Headers.match(outer)), concat(Headers.pop(outer),
                    List.of(new Action.WriteMetadata(key, Headers.OUTER_MASK), new Action.GotoTable(inner.id()))),
                Optional.empty()));
            return new Entry(inner, concat(List.of(in, new MatchField.Metadata(key, Headers.OUTER_MASK)),
                Headers.matchRest(rest)), Headers.pop(rest), rest, outer);
        }

        private Entry entry(final RoutingContext context, final Tunnel tunnel) {
            return entry(context.sw().nodeId(), tunnel.port(), tunnel.encapsulation(), Table.CLASSIFY,
                Table.CLASSIFY_INNER);
        }

        // TS: every frame of the tunnel goes to its peer, headers swapped, contents untouched.
        private void crossConnect(final RoutingContext context, final CrossConnect cc) {
            final Entry in = entry(context, cc.from());
            add(context.sw().nodeId(), "ts/" + cc.from().name(), in.table(), PRIORITY_TUNNEL_SWITCHING, in.match(),
                metered(concat(Headers.swap(in.remaining(), cc.to().encapsulation()),
                    List.of(out(cc.to().port(), cc.from().port())))), Optional.of(cc.from()));
        }

        // PS: the customer lookup. A frame is the customer's only if it comes from a source the tunnel may carry.
        private void classify(final RoutingContext context, final Tunnel tunnel) {
            final Action enter = new Action.WriteMetadata(customer.number() << 32, CUSTOMER_MASK);
            final Entry in = entry(context, tunnel);
            for (Ipv4Prefix source : customer.sources(tunnel)) {
                final String key = "classify/" + tunnel.name();
                add(context.sw().nodeId(), key + "/ip/" + source, in.table(), PRIORITY_CLASSIFY,
                    concat(in.match(), List.of(MatchField.EthType.IPV4, new MatchField.Ipv4Src(source))),
                    metered(concat(in.pop(), List.of(enter, new Action.GotoTable(Table.FORWARD.id())))),
                    Optional.of(tunnel));
                if (!Headers.carriesArp(tunnel.encapsulation())) {
                    continue;
                }
                add(context.sw().nodeId(), key + "/arp/" + source, in.table(), PRIORITY_CLASSIFY,
                    concat(in.match(), List.of(MatchField.EthType.ARP, new MatchField.ArpSpa(source))),
                    metered(concat(in.pop(), List.of(enter, new Action.GotoTable(Table.ARP.id())))),
                    Optional.of(tunnel));
            }
        }

        // Proxy ARP with constant replies: one flow per (known requester, address it may ask for). A requester
        // whose MAC is not known yet (a site router) is punted to the controller, through the meter; the ARP
        // responder answers from the same routing context and the MAC is learned.
        private void arp(final RoutingContext context) {
            final String nodeId = context.sw().nodeId();
            final MacAddress gateway = context.gatewayMac();
            for (Endpoint requester : context.endpoints()) {
                if (!Headers.carriesArp(requester.from().encapsulation())) {
                    continue;   // its ARP cannot reach the switch; its MAC is configured
                }
                final List<MatchField> request = List.of(metadata(), MatchField.EthType.ARP, new MatchField.ArpOp(1),
                    new MatchField.ArpSpa(Ipv4Prefix.host(requester.address())));
                if (requester.mac().isEmpty()) {
                    add(nodeId, "arp/" + requester.address() + "/controller", Table.ARP, PRIORITY_ARP_TO_CONTROLLER,
                        request, List.of(new Action.Meter(CONTROLLER_METER.id()), new Action.Controller()));
                    continue;
                }
                final MacAddress mac = requester.mac().orElseThrow();
                for (Ipv4Address target : context.targets(requester)) {
                    add(nodeId, "arp/" + requester.address() + "/" + target, Table.ARP, PRIORITY_ARP_REPLY,
                        concat(request, List.of(new MatchField.ArpTpa(target))),
                        concat(List.of(new Action.SetEthSrc(gateway), new Action.SetEthDst(mac),
                            new Action.SetArpOp(2), new Action.SetArpSha(gateway), new Action.SetArpSpa(target),
                            new Action.SetArpTha(mac), new Action.SetArpTpa(requester.address())),
                            Headers.push(requester.towards().encapsulation()),
                            List.of(out(requester.towards().port(), requester.from().port()))));
                }
            }
        }

        // Seed tables 900: destination prefix -> next hop MAC, outgoing tunnel and port.
        private void route(final RoutingContext context, final Route route) {
            final Tunnel towards = route.towards();
            final List<MatchField> match = List.of(metadata(), MatchField.EthType.IPV4,
                new MatchField.Ipv4Dst(route.destination()));
            final List<Action> rewrite = concat(List.of(new Action.SetEthSrc(context.gatewayMac()),
                new Action.SetEthDst(route.nextHop()), new Action.DecTtl()), Headers.push(towards.encapsulation()));
            final int priority = PRIORITY_FORWARD_BASE + 2 * route.destination().length();
            final String nodeId = context.sw().nodeId();
            add(nodeId, "forward/" + route.destination(), Table.FORWARD, priority, match,
                concat(rewrite, List.of(new Action.Output(towards.port()))));
            if (context.receivesOn(towards.port())) {
                // The destination is behind the port the packet came in on: OpenFlow needs IN_PORT.
                add(nodeId, "forward/" + route.destination() + "/in_port", Table.FORWARD, priority + 1,
                    concat(List.of(new MatchField.InPort(towards.port())), match),
                    concat(rewrite, List.of(new Action.OutputInPort())));
            }
        }

        // The router's own address: IPv4 to it goes to the controller (which answers ping), through the meter,
        // above every route, so that an address inside a site's prefix is not routed to the site.
        private void gateway(final RoutingContext context, final Gateway gateway) {
            add(context.sw().nodeId(), "gateway/" + gateway.address(), Table.FORWARD, PRIORITY_GATEWAY,
                List.of(metadata(), MatchField.EthType.IPV4,
                    new MatchField.Ipv4Dst(Ipv4Prefix.host(gateway.address()))),
                List.of(new Action.Meter(CONTROLLER_METER.id()), new Action.Controller()));
        }

        // Seed Fig 10B: what matches none of the customer's routes and lies outside its own address-space leaves
        // on the internet port, its source translated to the public address in the customer's connection-tracking
        // zone; responses to the public address are translated back in that zone and routed in the customer's
        // forwarding table. Anything else sent to the public address is dropped.
        private void internet(final RoutingContext context) {
            final Switch sw = context.sw();
            final String nodeId = sw.nodeId();
            final long port = sw.internetPort().orElseThrow();
            final Upstream upstream = sw.upstream().orElseThrow();
            final Ipv4Address address = customer.customer().publicAddress().orElseThrow();
            final MacAddress gateway = context.gatewayMac();
            final int zone = (int) customer.number();
            add(nodeId, "internet/arp", Table.CLASSIFY, PRIORITY_CLASSIFY, List.of(new MatchField.InPort(port),
                MatchField.EthType.ARP, new MatchField.ArpOp(1), new MatchField.ArpSpa(Ipv4Prefix.host(
                    upstream.nextHop())), new MatchField.ArpTpa(address)),
                List.of(new Action.SetEthSrc(gateway), new Action.SetEthDst(upstream.routerMac()),
                    new Action.SetArpOp(2), new Action.SetArpSha(gateway), new Action.SetArpSpa(address),
                    new Action.SetArpTha(upstream.routerMac()), new Action.SetArpTpa(upstream.nextHop()),
                    new Action.OutputInPort()));
            add(nodeId, "internet/in", Table.CLASSIFY, PRIORITY_CLASSIFY, List.of(new MatchField.InPort(port),
                MatchField.EthType.IPV4, new MatchField.Ipv4Dst(Ipv4Prefix.host(address))),
                List.of(new Action.WriteMetadata(customer.number() << 32, CUSTOMER_MASK),
                    new Action.GotoTable(Table.INTERNET_IN.id())));
            add(nodeId, "internet/untranslate", Table.INTERNET_IN, PRIORITY_RETURN,
                List.of(metadata(), MatchField.EthType.IPV4),
                List.of(Action.Conntrack.undoNat(zone, Table.INTERNET_RETURN.id())));
            add(nodeId, INTERNET_REFUSED, Table.INTERNET_RETURN, PRIORITY_UNSOLICITED,
                List.of(metadata(), MatchField.EthType.IPV4, new MatchField.Ipv4Dst(Ipv4Prefix.host(address))),
                List.of());
            add(nodeId, INTERNET_RECEIVED, Table.INTERNET_RETURN, PRIORITY_RETURN,
                List.of(metadata(), MatchField.EthType.IPV4), List.of(new Action.GotoTable(Table.FORWARD.id())));
            for (Ipv4Prefix space : customer.customer().addressSpace()) {
                // the customer's own space never leaves, routed or not; just below the routes of its length
                add(nodeId, "forward/private/" + space, Table.FORWARD, PRIORITY_FORWARD_BASE + 2 * space.length() - 1,
                    List.of(metadata(), MatchField.EthType.IPV4, new MatchField.Ipv4Dst(space)), List.of());
            }
            add(nodeId, INTERNET_SENT, Table.FORWARD, PRIORITY_INTERNET,
                List.of(metadata(), MatchField.EthType.IPV4),
                List.of(new Action.SetEthSrc(gateway), new Action.SetEthDst(upstream.routerMac()), new Action.DecTtl(),
                    Action.Conntrack.sourceNat(zone, address), new Action.Output(port)));
        }

        // Seed Figs 4/5: lookup table 412 (tunnel -> PVS) and 512 (PVS -> tunnel) on the PVS's host.
        private void mux(final org.pvsnet.impl.resolve.Attachment attachment) {
            final String host = attachment.host().nodeId();
            final long uplink = attachment.uplink();
            final long port = attachment.pvs().port();
            final Tunnel from = attachment.from();
            final Tunnel towards = attachment.towards();
            final String key = "pvs/" + attachment.pvs().name();
            final Optional<Tunnel> counted = attachment.endsOnHost() ? Optional.of(towards) : Optional.empty();
            final Entry down = entry(host, uplink, towards.encapsulation(), Table.MUX, Table.MUX_INNER);
            if (attachment.pvs().attachment() == Attachment.SELF_ENCAPSULATING) {
                // The PVS sees its tunnel's frames whole: a header a first stage took off is put back.
                add(host, key + "/demux", down.table(), PRIORITY_MUX, down.match(), concat(Headers.push(
                    down.consumed()), List.of(new Action.Output(port))), counted);
                final Entry up = entry(host, port, from.encapsulation(), Table.MUX, Table.MUX_INNER);
                add(host, key + "/mux", up.table(), PRIORITY_MUX, up.match(), concat(Headers.push(
                    up.consumed()), List.of(new Action.Output(uplink))));
                return;
            }
            final List<Action> toPvs = concat(down.pop(), List.of(new Action.Output(port)));
            if (attachment.endsOnHost()) {
                // No tunnel switch in front (seed Fig 3): the host checks sources, as the tunnel switch would.
                for (Ipv4Prefix source : customer.sources(towards)) {
                    add(host, key + "/demux/ip/" + source, down.table(), PRIORITY_MUX,
                        concat(down.match(), List.of(MatchField.EthType.IPV4, new MatchField.Ipv4Src(source))),
                        toPvs, counted);
                    add(host, key + "/demux/arp/" + source, down.table(), PRIORITY_MUX,
                        concat(down.match(), List.of(MatchField.EthType.ARP, new MatchField.ArpSpa(source))),
                        toPvs, counted);
                }
            } else {
                add(host, key + "/demux", down.table(), PRIORITY_MUX, down.match(), toPvs);
            }
            final List<Action> toUplink = concat(Headers.push(from.encapsulation()),
                List.of(new Action.Output(uplink)));
            final Ipv4Prefix own = Ipv4Prefix.host(attachment.pvs().address());
            add(host, key + "/mux/ip", Table.MUX, PRIORITY_MUX, List.of(new MatchField.InPort(port),
                new MatchField.NoVlan(), MatchField.EthType.IPV4, new MatchField.Ipv4Src(own)), toUplink);
            add(host, key + "/mux/arp", Table.MUX, PRIORITY_MUX, List.of(new MatchField.InPort(port),
                new MatchField.NoVlan(), MatchField.EthType.ARP, new MatchField.ArpSpa(own)), toUplink);
        }
    }
}
