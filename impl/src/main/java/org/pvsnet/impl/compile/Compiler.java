/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import static org.pvsnet.impl.compile.Tags.concat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Port;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Roles.Attachment;
import org.pvsnet.impl.model.Roles.PortRole;
import org.pvsnet.impl.model.Roles.Service;
import org.pvsnet.impl.model.Roles.SwitchRole;
import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;

/**
 * The pure compiler: a validated network in, the desired OpenFlow 1.3 flows of every switch out. No
 * I/O, no clock, no randomness: the same network always gives the same flows, ids and cookies. The
 * pipeline is documented table by table in docs/pipeline.md.
 *
 * <p>Each customer is compiled on its own: a customer that cannot be compiled (an encapsulation the
 * pipeline does not support yet) is reported with the reason and contributes no flows, while every
 * other customer is compiled as usual.
 */
public final class Compiler {
    /** Tunnel switch: customer lookup (seed table 800) with anti-spoofing; host: the mux/demux. */
    public static final int CLASSIFY = 0;
    /** Tunnel switch: ARP requests of known requesters answered in the switch. */
    public static final int ARP = 10;
    /** Tunnel switch: per-customer forwarding by destination (seed tables 900). */
    public static final int FORWARD = 30;

    /** The customer number lives in the high half of the metadata register. */
    public static final long CUSTOMER_MASK = 0xFFFF_FFFF_0000_0000L;

    static final int PRIORITY_TUNNEL_SWITCHING = 300;
    static final int PRIORITY_CLASSIFY = 200;
    static final int PRIORITY_MUX = 200;
    static final int PRIORITY_ARP_REPLY = 100;
    static final int PRIORITY_ARP_TO_CONTROLLER = 50;

    /** The meter that protects the controller from ARP punted by a tunnel switch. */
    public static final MeterSpec ARP_METER = new MeterSpec(1, 100, 10);

    /** An OpenFlow meter with one drop band, in packets per second. */
    public record MeterSpec(long id, long ratePps, long burst) {
        public String text() {
            return "meter=" + id + " pktps burst stats bands=type=drop rate=" + ratePps + " burst_size=" + burst;
        }
    }
    static final int PRIORITY_FORWARD_BASE = 1000;

    private Compiler() {
        // pure functions
    }

    /** The compiled network: flows per switch (sorted), and the customers that could not be compiled. */
    public record Compilation(Map<String, List<Flow>> flows, Map<String, List<MeterSpec>> meters,
            Map<String, String> customerErrors) {
        public Compilation {
            flows = java.util.Collections.unmodifiableMap(new TreeMap<>(flows));
            meters = java.util.Collections.unmodifiableMap(new TreeMap<>(meters));
            customerErrors = java.util.Collections.unmodifiableMap(new TreeMap<>(customerErrors));
        }

        public List<Flow> flows(final String nodeId) {
            return flows.getOrDefault(nodeId, List.of());
        }
    }

    public static Compilation compile(final Network network) {
        final Map<String, List<Flow>> flows = new LinkedHashMap<>();
        for (Switch sw : network.switches().values()) {
            flows.put(sw.nodeId(), new ArrayList<>(switchFlows(sw)));
        }
        final Map<String, String> errors = new TreeMap<>();
        for (Customer customer : network.customers().values()) {
            try {
                final Map<String, List<Flow>> own = new CustomerCompiler(network, customer).compile();
                own.forEach((nodeId, list) -> flows.get(nodeId).addAll(list));
            } catch (Tags.UnsupportedEncapsulation e) {
                errors.put(customer.id(), e.getMessage());
            }
        }
        flows.replaceAll((nodeId, list) -> list.stream().sorted().toList());
        final Map<String, List<MeterSpec>> meters = new TreeMap<>();
        for (Switch sw : network.switches().values()) {
            meters.put(sw.nodeId(), sw.role() == SwitchRole.TUNNEL_SWITCH ? List.of(ARP_METER) : List.of());
        }
        return new Compilation(flows, meters, errors);
    }

    /** A switch's own flows: an explicit, counted drop at the end of every table. */
    private static List<Flow> switchFlows(final Switch sw) {
        final List<Integer> tables = sw.role() == SwitchRole.TUNNEL_SWITCH ? List.of(CLASSIFY, ARP, FORWARD)
            : List.of(CLASSIFY);
        return tables.stream().map(table -> flow(0, "miss/" + table, table, 0, List.of(), List.of())).toList();
    }

    static Flow flow(final long customer, final String id, final int table, final int priority,
            final List<MatchField> match, final List<Action> actions) {
        final CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        final long cookie = customer << 32 | (long) table << 24 | crc.getValue() & 0xFF_FFFFL;
        return new Flow(id, table, priority, cookie, match, actions);
    }

    /** Compiles one customer's routing context onto every switch it uses. */
    private static final class CustomerCompiler {
        private final Network network;
        private final Customer customer;
        private final Map<String, List<Flow>> flows = new TreeMap<>();

        CustomerCompiler(final Network network, final Customer customer) {
            this.network = network;
            this.customer = customer;
        }

        Map<String, List<Flow>> compile() {
            for (Tunnel tunnel : customer.tunnels().values()) {
                final Switch sw = network.switches().get(tunnel.switchId());
                if (sw.role() == SwitchRole.TUNNEL_SWITCH) {
                    switch (tunnel.service()) {
                        case TUNNEL_SWITCHING -> crossConnect(sw, tunnel);
                        case PACKET_SWITCHING -> classify(sw, tunnel);
                        default -> throw new IllegalStateException(tunnel.service().toString());
                    }
                }
            }
            for (Switch sw : network.switches().values()) {
                if (sw.role() == SwitchRole.TUNNEL_SWITCH) {
                    arp(sw);
                    forward(sw);
                }
            }
            for (Pvs pvs : customer.pvss().values()) {
                mux(pvs);
            }
            return flows;
        }

        private void add(final String nodeId, final String key, final int table, final int priority,
                final List<MatchField> match, final List<Action> actions) {
            flows.computeIfAbsent(nodeId, k -> new ArrayList<>()).add(
                flow(customer.number(), customer.id() + "/" + key, table, priority, match, actions));
        }

        private Tunnel tunnel(final String name) {
            return customer.tunnels().get(name);
        }

        private static Action out(final long port, final long inPort) {
            return port == inPort ? new Action.OutputInPort() : new Action.Output(port);
        }

        private static MatchField.Metadata metadata(final Customer customer) {
            return new MatchField.Metadata(customer.number() << 32, CUSTOMER_MASK);
        }

        // TS: every frame of the tunnel goes to its peer, header swapped, contents untouched.
        private void crossConnect(final Switch sw, final Tunnel from) {
            final Tunnel to = tunnel(from.peer().orElseThrow());
            add(sw.nodeId(), "ts/" + from.name(), CLASSIFY, PRIORITY_TUNNEL_SWITCHING,
                concat(List.of(new MatchField.InPort(from.port())), Tags.match(from.encapsulation())),
                concat(Tags.swap(from.encapsulation(), to.encapsulation()), List.of(out(to.port(), from.port()))));
        }

        // PS: the customer lookup. A frame is the customer's only if it comes from an allowed source.
        private void classify(final Switch sw, final Tunnel tunnel) {
            final List<MatchField> wire = concat(List.of(new MatchField.InPort(tunnel.port())),
                Tags.match(tunnel.encapsulation()));
            final Action enter = new Action.WriteMetadata(customer.number() << 32, CUSTOMER_MASK);
            for (Ipv4Prefix source : allowedSources(tunnel)) {
                add(sw.nodeId(), "classify/" + tunnel.name() + "/ip/" + source, CLASSIFY, PRIORITY_CLASSIFY,
                    concat(wire, List.of(MatchField.EthType.IPV4, new MatchField.Ipv4Src(source))),
                    concat(Tags.pop(tunnel.encapsulation()), List.of(enter, new Action.GotoTable(FORWARD))));
                add(sw.nodeId(), "classify/" + tunnel.name() + "/arp/" + source, CLASSIFY, PRIORITY_CLASSIFY,
                    concat(wire, List.of(MatchField.EthType.ARP, new MatchField.ArpSpa(source))),
                    concat(Tags.pop(tunnel.encapsulation()), List.of(enter, new Action.GotoTable(ARP))));
            }
        }

        List<Ipv4Prefix> allowedSources(final Tunnel tunnel) {
            return allowedSources(tunnel, true);
        }

        /** Configured prefixes, or else what the sites (and PVSs, if asked) sending on the tunnel own. */
        List<Ipv4Prefix> allowedSources(final Tunnel tunnel, final boolean withPvss) {
            if (!tunnel.allowedSources().isEmpty()) {
                return tunnel.allowedSources();
            }
            final Set<Ipv4Prefix> sources = new java.util.TreeSet<>();
            for (Site site : customer.sites().values()) {
                if (site.tunnel().equals(tunnel.name())) {
                    sources.addAll(site.prefixes());
                }
            }
            for (Pvs pvs : customer.pvss().values()) {
                if (withPvss && pvs.tunnel().equals(tunnel.name())) {
                    sources.add(Ipv4Prefix.host(pvs.address()));
                }
            }
            return List.copyOf(sources);
        }

        /** Someone on a packet-switching tunnel of this switch; the MAC is absent until configured or learned. */
        private record Endpoint(Ipv4Address address, Optional<MacAddress> mac, Tunnel from, Tunnel towards) {
        }

        // PVSs and sites (by their router's address) whose tunnels are packet-switching tunnels of this switch.
        private List<Endpoint> endpoints(final Switch sw) {
            final List<Endpoint> endpoints = new ArrayList<>();
            for (Pvs pvs : customer.pvss().values()) {
                endpoint(sw, pvs.address(), Optional.of(pvs.mac()), pvs.tunnel(), pvs.towardsTunnel())
                    .ifPresent(endpoints::add);
            }
            for (Site site : customer.sites().values()) {
                if (site.nextHop().isPresent()) {
                    endpoint(sw, site.nextHop().orElseThrow(), site.routerMac(), site.tunnel(), site.towardsTunnel())
                        .ifPresent(endpoints::add);
                }
            }
            return endpoints;
        }

        private Optional<Endpoint> endpoint(final Switch sw, final Ipv4Address address,
                final Optional<MacAddress> mac, final String from, final String towards) {
            final Tunnel in = tunnel(from);
            final Tunnel out = tunnel(towards);
            return in.switchId().equals(sw.nodeId()) && out.switchId().equals(sw.nodeId())
                && in.service() == Service.PACKET_SWITCHING && out.service() == Service.PACKET_SWITCHING
                ? Optional.of(new Endpoint(address, mac, in, out)) : Optional.empty();
        }

        // Proxy ARP with constant replies: one flow per (known requester, address it may ask for). A requester
        // whose MAC is not known yet (a site router) is punted to the controller, through the meter, which
        // answers and learns the MAC.
        private void arp(final Switch sw) {
            final List<Endpoint> endpoints = endpoints(sw);
            final MacAddress gateway = sw.gatewayMac().orElseThrow();
            for (Endpoint requester : endpoints) {
                if (requester.mac.isEmpty()) {
                    add(sw.nodeId(), "arp/" + requester.address + "/controller", ARP, PRIORITY_ARP_TO_CONTROLLER,
                        List.of(metadata(customer), MatchField.EthType.ARP, new MatchField.ArpOp(1),
                            new MatchField.ArpSpa(Ipv4Prefix.host(requester.address))),
                        List.of(new Action.Meter(ARP_METER.id()), new Action.Controller()));
                    continue;
                }
                final MacAddress mac = requester.mac.orElseThrow();
                for (Endpoint target : endpoints) {
                    if (target.address.equals(requester.address)) {
                        continue;
                    }
                    add(sw.nodeId(), "arp/" + requester.address + "/" + target.address, ARP, PRIORITY_ARP_REPLY,
                        List.of(metadata(customer), MatchField.EthType.ARP, new MatchField.ArpOp(1),
                            new MatchField.ArpSpa(Ipv4Prefix.host(requester.address)),
                            new MatchField.ArpTpa(target.address)),
                        concat(List.of(new Action.SetEthSrc(gateway), new Action.SetEthDst(mac),
                            new Action.SetArpOp(2), new Action.SetArpSha(gateway),
                            new Action.SetArpSpa(target.address), new Action.SetArpTha(mac),
                            new Action.SetArpTpa(requester.address)),
                            Tags.push(requester.towards.encapsulation()),
                            List.of(out(requester.towards.port(), requester.from.port()))));
                }
            }
        }

        // Seed tables 900: destination prefix -> next hop MAC, outgoing tunnel and port.
        private void forward(final Switch sw) {
            final Set<Long> ingressPorts = new HashSet<>();
            customer.tunnels().values().stream()
                .filter(t -> t.switchId().equals(sw.nodeId()) && t.service() == Service.PACKET_SWITCHING)
                .forEach(t -> ingressPorts.add(t.port()));
            final MacAddress gateway = sw.gatewayMac().orElseThrow();
            for (Site site : customer.sites().values()) {
                final Tunnel towards = tunnel(site.towardsTunnel());
                if (site.routerMac().isPresent() && routedHere(sw, towards)) {
                    for (Ipv4Prefix prefix : site.prefixes()) {
                        route(sw, prefix, site.routerMac().orElseThrow(), towards, gateway, ingressPorts);
                    }
                }
            }
            for (Pvs pvs : customer.pvss().values()) {
                final Tunnel towards = tunnel(pvs.towardsTunnel());
                if (routedHere(sw, towards)) {
                    route(sw, Ipv4Prefix.host(pvs.address()), pvs.mac(), towards, gateway, ingressPorts);
                }
            }
        }

        private static boolean routedHere(final Switch sw, final Tunnel towards) {
            return towards.switchId().equals(sw.nodeId()) && towards.service() == Service.PACKET_SWITCHING;
        }

        private void route(final Switch sw, final Ipv4Prefix destination, final MacAddress nextHop,
                final Tunnel towards, final MacAddress gateway, final Set<Long> ingressPorts) {
            final List<MatchField> match = List.of(metadata(customer), MatchField.EthType.IPV4,
                new MatchField.Ipv4Dst(destination));
            final List<Action> rewrite = concat(List.of(new Action.SetEthSrc(gateway), new Action.SetEthDst(nextHop),
                new Action.DecTtl()), Tags.push(towards.encapsulation()));
            final int priority = PRIORITY_FORWARD_BASE + 2 * destination.length();
            add(sw.nodeId(), "forward/" + destination, FORWARD, priority, match,
                concat(rewrite, List.of(new Action.Output(towards.port()))));
            if (ingressPorts.contains(towards.port())) {
                // The destination is behind the port the packet came in on: OpenFlow needs IN_PORT.
                add(sw.nodeId(), "forward/" + destination + "/in_port", FORWARD, priority + 1,
                    concat(List.of(new MatchField.InPort(towards.port())), match),
                    concat(rewrite, List.of(new Action.OutputInPort())));
            }
        }

        // Seed Figs 4/5: lookup table 412 (tunnel -> PVS) and 512 (PVS -> tunnel) on the PVS's host.
        private void mux(final Pvs pvs) {
            final Switch host = network.switches().get(pvs.host());
            final Tunnel from = tunnel(pvs.tunnel());
            final Tunnel towards = tunnel(pvs.towardsTunnel());
            final long uplink = uplink(host, pvs, from);
            final String key = "pvs/" + pvs.name();
            if (pvs.attachment() == Attachment.SELF_ENCAPSULATING) {
                add(host.nodeId(), key + "/demux", CLASSIFY, PRIORITY_MUX,
                    concat(List.of(new MatchField.InPort(uplink)), Tags.match(towards.encapsulation())),
                    List.of(new Action.Output(pvs.port())));
                add(host.nodeId(), key + "/mux", CLASSIFY, PRIORITY_MUX,
                    concat(List.of(new MatchField.InPort(pvs.port())), Tags.match(from.encapsulation())),
                    List.of(new Action.Output(uplink)));
                return;
            }
            final List<MatchField> wire = concat(List.of(new MatchField.InPort(uplink)),
                Tags.match(towards.encapsulation()));
            final List<Action> toPvs = concat(Tags.pop(towards.encapsulation()),
                List.of(new Action.Output(pvs.port())));
            if (towards.switchId().equals(host.nodeId())) {
                // The customer's own tunnel ends on the host (seed Fig 3, no tunnel switch): the host is where
                // sources are checked, as the tunnel switch would.
                for (Ipv4Prefix source : allowedSources(towards, false)) {
                    add(host.nodeId(), key + "/demux/ip/" + source, CLASSIFY, PRIORITY_MUX,
                        concat(wire, List.of(MatchField.EthType.IPV4, new MatchField.Ipv4Src(source))), toPvs);
                    add(host.nodeId(), key + "/demux/arp/" + source, CLASSIFY, PRIORITY_MUX,
                        concat(wire, List.of(MatchField.EthType.ARP, new MatchField.ArpSpa(source))), toPvs);
                }
            } else {
                add(host.nodeId(), key + "/demux", CLASSIFY, PRIORITY_MUX, wire, toPvs);
            }
            final List<Action> toUplink = concat(Tags.push(from.encapsulation()), List.of(new Action.Output(uplink)));
            final Ipv4Prefix own = Ipv4Prefix.host(pvs.address());
            add(host.nodeId(), key + "/mux/ip", CLASSIFY, PRIORITY_MUX,
                List.of(new MatchField.InPort(pvs.port()), new MatchField.NoVlan(), MatchField.EthType.IPV4,
                    new MatchField.Ipv4Src(own)), toUplink);
            add(host.nodeId(), key + "/mux/arp", CLASSIFY, PRIORITY_MUX,
                List.of(new MatchField.InPort(pvs.port()), new MatchField.NoVlan(), MatchField.EthType.ARP,
                    new MatchField.ArpSpa(own)), toUplink);
        }
    }

    /** The host port that carries a PVS's tunnel (the validator made sure there is exactly one). */
    public static long uplink(final Switch host, final Pvs pvs, final Tunnel tunnel) {
        if (pvs.uplinkPort().isPresent()) {
            return pvs.uplinkPort().getAsLong();
        }
        if (tunnel.switchId().equals(host.nodeId())) {
            return tunnel.port();
        }
        return host.ports().values().stream().filter(p -> p.role() == PortRole.INTERNAL).map(Port::number)
            .findFirst().orElseThrow();
    }
}
