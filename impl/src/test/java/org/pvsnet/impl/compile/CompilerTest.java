/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Encapsulation;
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
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.sim.Packet;
import org.pvsnet.impl.validate.Validation;
import org.pvsnet.impl.validate.Validator;

/**
 * What the compiled flows do, proved over the whole fabric with the simulator: every site reaches its
 * customer's PVSs and back, never another customer's; spoofed sources drop; TS tunnels carry any frame.
 * On the seed's examples and on random networks of overlapping customers.
 */
class CompilerTest {
    private static final MacAddress SITE_HOST = MacAddress.parse("02:aa:00:00:00:01");

    static Stream<String> examples() throws java.io.IOException {
        return org.pvsnet.impl.ExamplesTest.examples();
    }

    static Compiler.Compilation compile(final Network network) {
        return Compiler.compile(ResolvedNetwork.of(network));
    }

    private static Network network(final String example) {
        return ((Validation.Outcome.Accepted) Validation.check(Examples.load(example))).network();
    }

    /** A site's traffic enters the fabric where its tunnel ends, from its router. */
    private static List<Fabric.Arrival> fromSite(final Fabric fabric, final Customer customer, final Site site,
            final Packet packet) {
        final Tunnel tunnel = customer.tunnels().get(site.tunnel());
        return fabric.send(tunnel.switchId(), tunnel.port(), Fabric.onWire(tunnel, packet));
    }

    private static Ipv4Address someHost(final Site site) {
        return new Ipv4Address(site.prefixes().getFirst().network().bits() + 5);
    }

    private static MacAddress routerOf(final Site site) {
        return site.routerMac().orElse(SITE_HOST);
    }

    /** Where a sender addresses its frames: the gateway MAC of a routing tunnel switch, else the peer itself. */
    private static MacAddress firstHop(final Network network, final Customer customer, final String tunnel,
            final MacAddress peer) {
        final Tunnel first = customer.tunnels().get(tunnel);
        final Switch sw = network.switches().get(first.switchId());
        return sw.role() == SwitchRole.TUNNEL_SWITCH && first.service() == Service.PACKET_SWITCHING
            ? sw.gatewayMac().orElseThrow() : peer;
    }

    /** Everything each site can reach: its own customer's PVSs, each by its own identity; nothing else. */
    static void assertReachabilityAndIsolation(final Network network) {
        final Fabric fabric = new Fabric(network);
        for (Customer customer : network.customers().values()) {
            for (Site site : customer.sites().values()) {
                for (Customer other : network.customers().values()) {
                    for (Pvs target : other.pvss().values()) {
                        final Optional<Pvs> own = customer.pvss().values().stream()
                            .filter(p -> p.address().equals(target.address())).findFirst();
                        // on a leased line the site addresses the server it believes is there
                        final Packet packet = Packet.ipv4(routerOf(site), firstHop(network, customer, site.tunnel(),
                            own.map(Pvs::mac).orElse(target.mac())), someHost(site), target.address());
                        final List<Fabric.Arrival> arrivals = fromSite(fabric, customer, site, packet);
                        assertThat(arrivals).as("%s %s -> %s", customer.id(), site.name(), target.address())
                            .allSatisfy(a -> assertThat(a.owner()).startsWith(customer.id() + " "));
                        if (own.isPresent()) {
                            assertThat(arrivals).as("%s %s -> %s", customer.id(), site.name(), target.address())
                                .singleElement().satisfies(a -> {
                                    assertThat(a.owner()).isEqualTo(customer.id() + " pvs " + own.orElseThrow().name());
                                    // a self-encapsulating PVS gets its tunnel's frames whole
                                    final Pvs pvs = own.orElseThrow();
                                    final Packet whole = pvs.attachment() == Attachment.SELF_ENCAPSULATING
                                        ? Fabric.onWire(customer.tunnels().get(pvs.towardsTunnel()), packet) : packet;
                                    assertThat(a.packet().vlans()).isEqualTo(whole.vlans());
                                    assertThat(a.packet().labels()).isEqualTo(whole.labels());
                                    assertThat(a.packet().ethDst()).isEqualTo(own.orElseThrow().mac());
                                });
                        }
                    }
                }
                for (Pvs pvs : customer.pvss().values()) {
                    // and back: the PVS answers the site
                    final Packet reply = Packet.ipv4(pvs.mac(),
                        firstHop(network, customer, pvs.tunnel(), routerOf(site)), pvs.address(), someHost(site));
                    final List<Fabric.Arrival> arrivals = fabric.send(pvs.host(), pvs.port(),
                        pvs.attachment() == Attachment.SELF_ENCAPSULATING
                            ? Fabric.onWire(customer.tunnels().get(pvs.tunnel()), reply) : reply);
                    assertThat(arrivals).as("%s %s -> %s", customer.id(), pvs.name(), site.name())
                        .singleElement().satisfies(a -> {
                            assertThat(a.owner()).isEqualTo(customer.id() + " tunnel " + site.towardsTunnel());
                            assertThat(a.packet().ethDst()).isIn(routerOf(site), SITE_HOST);
                        });
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void sitesReachTheirOwnServersOnly(final String example) {
        assertReachabilityAndIsolation(network(example));
    }

    /** Within one customer, through the tunnel switch: PVS to PVS and site to site. */
    static void assertWithinCustomer(final Network network) {
        final Fabric fabric = new Fabric(network);
        for (Customer customer : network.customers().values()) {
            for (Pvs from : customer.pvss().values()) {
                for (Pvs to : customer.pvss().values()) {
                    if (from.equals(to) || !routed(network, customer, from.tunnel())) {
                        continue;
                    }
                    final Packet packet = Packet.ipv4(from.mac(), firstHop(network, customer, from.tunnel(), to.mac()),
                        from.address(), to.address());
                    final boolean whole = from.attachment() == Attachment.SELF_ENCAPSULATING;
                    assertThat(fabric.send(from.host(), from.port(),
                        whole ? Fabric.onWire(customer.tunnels().get(from.tunnel()), packet) : packet))
                        .as("%s %s -> %s", customer.id(), from.name(), to.name()).singleElement()
                        .satisfies(a -> assertThat(a.owner()).isEqualTo(customer.id() + " pvs " + to.name()));
                }
            }
            for (Site from : customer.sites().values()) {
                for (Site to : customer.sites().values()) {
                    if (from.equals(to) || !routed(network, customer, from.tunnel())
                        || to.routerMac().isEmpty()) {
                        continue;
                    }
                    final Packet packet = Packet.ipv4(routerOf(from), firstHop(network, customer, from.tunnel(),
                        routerOf(to)), someHost(from), someHost(to));
                    assertThat(fromSite(fabric, customer, from, packet)).as("%s %s -> %s", customer.id(),
                        from.name(), to.name()).singleElement()
                        .satisfies(a -> assertThat(a.owner()).isEqualTo(customer.id() + " tunnel "
                            + to.towardsTunnel()));
                }
            }
        }
    }

    private static boolean routed(final Network network, final Customer customer, final String tunnel) {
        final Tunnel t = customer.tunnels().get(tunnel);
        return network.switches().get(t.switchId()).role() == SwitchRole.TUNNEL_SWITCH
            && t.service() == Service.PACKET_SWITCHING;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void serversReachEachOtherAndSitesReachEachOtherWithinACustomer(final String example) {
        assertWithinCustomer(network(example));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void compilingTwiceGivesTheSameFlows(final String example) {
        assertThat(compile(network(example))).isEqualTo(compile(network(example)));
    }

    @Test
    void aSpoofedSourceIsDropped() {
        final Network network = network("figs-7-8-9.json");
        final Customer c1 = network.customers().get("C1");
        final Site site1 = c1.sites().get("site-1");
        // site 1 claims an address of site 2
        final Packet spoofed = Packet.ipv4(routerOf(site1), MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Address.parse("10.2.0.9"), Ipv4Address.parse("10.0.0.10"));
        assertThat(fromSite(new Fabric(network), c1, site1, spoofed)).isEmpty();
        // a PVS claims another address
        final Pvs main = c1.pvss().get("main-server");
        final Packet fromPvs = Packet.ipv4(main.mac(), MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Address.parse("10.0.0.99"), Ipv4Address.parse("10.1.0.5"));
        assertThat(new Fabric(network).send(main.host(), main.port(), fromPvs)).isEmpty();
    }

    @Test
    void aLeasedLineChecksSourcesOnTheHost() {
        final Network network = network("fig-3.json");
        final Customer a = network.customers().get("A");
        final Site site = a.sites().values().iterator().next();
        final Pvs server = a.pvss().get("server");
        final Packet genuine = Packet.ipv4(SITE_HOST, server.mac(), Ipv4Address.parse("10.1.0.1"), server.address());
        final Packet spoofed = Packet.ipv4(SITE_HOST, server.mac(), Ipv4Address.parse("10.99.0.66"),
            server.address());
        assertThat(fromSite(new Fabric(network), a, site, genuine)).hasSize(1);
        assertThat(fromSite(new Fabric(network), a, site, spoofed)).isEmpty();
    }

    @Test
    void aTunnelSwitchedTunnelCarriesAnyFrameUnchanged() {
        final Network network = network("figs-7-8-9.json");
        final Fabric fabric = new Fabric(network);
        final Packet frame = Packet.other(SITE_HOST, MacAddress.parse("02:bb:00:00:00:02"), 0x88b5).tagged(103);
        final List<Fabric.Arrival> arrivals = fabric.send("openflow:1", 1, frame);
        assertThat(arrivals).singleElement().satisfies(a -> {
            assertThat(a.owner()).isEqualTo("C2 pvs server");
            assertThat(a.packet()).isEqualTo(frame.withVlans(List.of()));
        });
        final Packet back = Packet.other(MacAddress.parse("02:bb:00:00:00:02"), SITE_HOST, 0x88b5);
        assertThat(fabric.send("openflow:13", 2, back)).isEmpty(); // the host only lets its PVS's own IP/ARP out
    }

    @Test
    void theSwitchAnswersArpForKnownRequesters() {
        final Network network = network("figs-7-8-9.json");
        final Customer c1 = network.customers().get("C1");
        final Site site1 = c1.sites().get("site-1");
        final Packet request = Packet.arpRequest(site1.routerMac().orElseThrow(), site1.nextHop().orElseThrow(),
            Ipv4Address.parse("10.0.0.10"));
        assertThat(fromSite(new Fabric(network), c1, site1, request)).singleElement().satisfies(a -> {
            assertThat(a.owner()).isEqualTo("C1 tunnel 710e");
            assertThat(a.packet().arpOp()).isEqualTo(2);
            assertThat(a.packet().arpSha()).isEqualTo(MacAddress.parse("02:00:00:00:00:01"));
            assertThat(a.packet().src()).isEqualTo(Ipv4Address.parse("10.0.0.10"));
            assertThat(a.packet().dst()).isEqualTo(site1.nextHop().orElseThrow());
        });
        // an unknown requester is not answered, and nothing is flooded
        final Packet stranger = Packet.arpRequest(SITE_HOST, Ipv4Address.parse("10.1.9.9"),
            Ipv4Address.parse("10.0.0.10"));
        assertThat(fromSite(new Fabric(network), c1, site1, stranger)).isEmpty();
    }

    @Test
    void anUnknownRouterMacIsAskedOfTheController() {
        final var config = Mutate.site(Examples.figs789(), "C1", "site-2", s -> s.setRouterMac(null));
        final Network network = ((Validation.Outcome.Accepted) Validation.check(config)).network();
        final Compiler.Compilation compilation = compile(network);
        assertThat(compilation.meters().get("openflow:1")).containsExactly(Compiler.CONTROLLER_METER);
        assertThat(compilation.flows("openflow:1")).noneMatch(f -> f.id().equals("C1/forward/10.2.0.0/16"))
            .anySatisfy(f -> {
                assertThat(f.id()).isEqualTo("C1/arp/10.2.0.1/controller");
                assertThat(f.text()).endsWith("actions=meter:1,CONTROLLER:65535");
            });
        final Site site2 = network.customers().get("C1").sites().get("site-2");
        final Packet request = Packet.arpRequest(MacAddress.parse("02:00:00:01:02:01"),
            site2.nextHop().orElseThrow(), Ipv4Address.parse("10.0.0.10"));
        assertThat(fromSite(new Fabric(network), network.customers().get("C1"), site2, request)).singleElement()
            .satisfies(a -> assertThat(a.place().port()).isEqualTo(org.pvsnet.impl.sim.Simulator.CONTROLLER));
    }

    @Test
    void theSwitchAnswersArpForAGatewayToRequestersInItsSubnetOnly() {
        final Network network = network("figs-7-8-9.json");
        final Customer c1 = network.customers().get("C1");
        final Site site1 = c1.sites().get("site-1");
        final Packet request = Packet.arpRequest(site1.routerMac().orElseThrow(), site1.nextHop().orElseThrow(),
            Ipv4Address.parse("10.1.0.254"));
        assertThat(fromSite(new Fabric(network), c1, site1, request)).singleElement().satisfies(a -> {
            assertThat(a.owner()).isEqualTo("C1 tunnel 710e");
            assertThat(a.packet().arpOp()).isEqualTo(2);
            assertThat(a.packet().src()).isEqualTo(Ipv4Address.parse("10.1.0.254"));
        });
        // 10.0.0.1 serves the PVSs' subnet, not the site router's: a real router would not answer there either
        final Packet other = Packet.arpRequest(site1.routerMac().orElseThrow(), site1.nextHop().orElseThrow(),
            Ipv4Address.parse("10.0.0.1"));
        assertThat(fromSite(new Fabric(network), c1, site1, other)).isEmpty();
        assertThat(compile(network).flows("openflow:1").stream().map(Flow::id).filter(id -> id.contains("/arp/")
            && id.endsWith("/10.0.0.1"))).containsExactlyInAnyOrder("C1/arp/10.0.0.10/10.0.0.1",
                "C1/arp/10.0.0.11/10.0.0.1", "C3/arp/10.0.0.10/10.0.0.1");
    }

    @Test
    void packetsToAGatewayGoToTheControllerThroughItsMeterAndAreNeverRouted() {
        final Network network = network("figs-7-8-9.json");
        final Customer c1 = network.customers().get("C1");
        final Site site1 = c1.sites().get("site-1");
        // 10.1.0.254 lies in site-1's own prefix: without the gateway flow it would be routed back to the site
        final Packet ping = Packet.ipv4(site1.routerMac().orElseThrow(), MacAddress.parse("02:00:00:00:00:01"),
            site1.nextHop().orElseThrow(), Ipv4Address.parse("10.1.0.254"));
        assertThat(fromSite(new Fabric(network), c1, site1, ping)).singleElement()
            .satisfies(a -> assertThat(a.place().port()).isEqualTo(org.pvsnet.impl.sim.Simulator.CONTROLLER));
        assertThat(compile(network).flows("openflow:1")).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo("C1/gateway/10.1.0.254");
            assertThat(f.text()).isEqualTo("table=30, priority=1100, cookie=0x%x,metadata=0x100000000/"
                + "0xffffffff00000000,ip,nw_dst=10.1.0.254 actions=meter:1,CONTROLLER:65535", f.cookie());
        });
    }

    @Test
    void aRateLimitMetersEverythingTheCustomerSendsIntoTheTunnelSwitch() {
        final var config = Mutate.customer(Mutate.customer(Examples.figs789(), "C1",
            c -> c.setRateLimit(org.opendaylight.yangtools.yang.common.Uint32.valueOf(10_000))), "C2",
            c -> c.setRateLimit(org.opendaylight.yangtools.yang.common.Uint32.valueOf(2_000)));
        final Network network = ((Validation.Outcome.Accepted) Validation.check(config)).network();
        final Compiler.Compilation compilation = compile(network);
        final var c1 = new Compiler.MeterSpec(16_777_217, Compiler.MeterSpec.Unit.KBPS, 10_000, 1_000,
            "pvsnet-customer-C1");
        final var c2 = new Compiler.MeterSpec(16_777_218, Compiler.MeterSpec.Unit.KBPS, 2_000, 200,
            "pvsnet-customer-C2");
        assertThat(compilation.meters().get("openflow:1")).containsExactly(Compiler.CONTROLLER_METER, c1, c2);
        assertThat(c1.text()).isEqualTo("meter=16777217 kbps burst stats bands=type=drop rate=10000 burst_size=1000");
        assertThat(compilation.meters().get("openflow:11")).isEmpty();
        // every lookup and cross-connect flow of C1 and C2 passes the customer's meter first; C3's none
        final List<Flow> lookup = compilation.flows("openflow:1").stream()
            .filter(f -> f.table() == Table.CLASSIFY.id() && f.customer() != 0).toList();
        assertThat(lookup).filteredOn(f -> f.customer() == 1).isNotEmpty()
            .allSatisfy(f -> assertThat(f.actions().getFirst()).isEqualTo(new Action.Meter(c1.id())));
        assertThat(lookup).filteredOn(f -> f.customer() == 2).hasSize(2)
            .allSatisfy(f -> assertThat(f.actions().getFirst()).isEqualTo(new Action.Meter(c2.id())));
        assertThat(lookup).filteredOn(f -> f.customer() == 3).isNotEmpty()
            .allSatisfy(f -> assertThat(f.actions()).noneMatch(Action.Meter.class::isInstance));
        // a metered customer reaches the same places as before
        assertReachabilityAndIsolation(network);
    }

    @Test
    void internetTrafficLeavesSourceTranslatedAndOwnDestinationsStayInside() {
        final Network network = network("fig-10b.json");
        final Compiler.Compilation compilation = compile(network);
        final Fabric fabric = new Fabric(network, compilation);
        for (Customer customer : network.customers().values()) {
            final Site site = customer.sites().values().iterator().next();
            final Ipv4Address outside = Ipv4Address.parse("192.0.2.80");
            final List<Fabric.Arrival> out = fromSite(fabric, customer, site, Packet.ipv4(routerOf(site),
                firstHop(network, customer, site.tunnel(), null), Ipv4Address.parse("10.1.0.1"), outside));
            // one copy, on the internet port, from the customer's public address to the upstream router
            assertThat(out).singleElement().satisfies(arrival -> {
                assertThat(arrival.owner()).isEqualTo("the internet");
                assertThat(arrival.place().port()).isEqualTo(3);
                assertThat(arrival.packet().src()).isEqualTo(customer.publicAddress().orElseThrow());
                assertThat(arrival.packet().dst()).isEqualTo(outside);
                assertThat(arrival.packet().ethDst()).isEqualTo(MacAddress.parse("02:00:00:00:10:64"));
                assertThat(arrival.packet().vlans()).isEmpty();
            });
            // the customer's own space never leaves, routed or not
            assertThat(fromSite(fabric, customer, site, Packet.ipv4(routerOf(site),
                firstHop(network, customer, site.tunnel(), null), Ipv4Address.parse("10.1.0.1"),
                Ipv4Address.parse("10.77.0.1")))).isEmpty();
        }
        final List<Flow> flows = compilation.flows("openflow:1");
        assertThat(flows).filteredOn(f -> f.id().equals("D/forward/internet")).singleElement()
            .satisfies(f -> assertThat(f.actions()).contains(Action.Conntrack.sourceNat(1010,
                Ipv4Address.parse("198.51.100.10")), new Action.Output(3)));
        assertThat(flows).filteredOn(f -> f.id().equals("E/internet/untranslate")).singleElement()
            .satisfies(f -> assertThat(f.actions()).containsExactly(Action.Conntrack.undoNat(1011, 21)));
        // unsolicited traffic from the internet to a public address reaches nobody (no connection state here)
        assertThat(fabric.send("openflow:1", 3, Packet.ipv4(MacAddress.parse("02:00:00:00:10:64"),
            MacAddress.parse("02:00:00:00:10:01"), Ipv4Address.parse("192.0.2.80"),
            Ipv4Address.parse("198.51.100.10")))).isEmpty();
        // a customer without access: nothing leaves
        final Network without = network("figs-7-8-9.json");
        assertThat(compile(without).flows("openflow:1")).noneMatch(f -> f.id().contains("internet"));
    }

    @Test
    void theUpstreamRouterIsAnsweredForEachPublicAddress() {
        final Network network = network("fig-10b.json");
        final Fabric fabric = new Fabric(network);
        final MacAddress upstream = MacAddress.parse("02:00:00:00:10:64");
        final List<Fabric.Arrival> reply = fabric.send("openflow:1", 3, Packet.arpRequest(upstream,
            Ipv4Address.parse("198.51.100.1"), Ipv4Address.parse("198.51.100.11")));
        assertThat(reply).singleElement().satisfies(arrival -> {
            assertThat(arrival.place().port()).isEqualTo(3);
            assertThat(arrival.packet().arpOp()).isEqualTo(2);
            assertThat(arrival.packet().src()).isEqualTo(Ipv4Address.parse("198.51.100.11"));
            assertThat(arrival.packet().ethDst()).isEqualTo(upstream);
        });
        assertThat(fabric.send("openflow:1", 3, Packet.arpRequest(upstream, Ipv4Address.parse("198.51.100.1"),
            Ipv4Address.parse("198.51.100.99")))).isEmpty();
    }

    @Test
    void flowIdsAreUniquePerSwitchAndCookiesCarryTheCustomer() {
        final Compiler.Compilation compilation = compile(network("figs-7-8-9.json"));
        compilation.flows().forEach((nodeId, flows) -> {
            assertThat(flows.stream().map(Flow::id).distinct()).hasSameSizeAs(flows);
            flows.forEach(f -> assertThat(f.customer()).isEqualTo(f.id().startsWith("C")
                ? Long.parseLong(f.id().substring(1, f.id().indexOf('/'))) : 0));
        });
    }

    @RepeatedTest(20)
    void randomNetworksOfOverlappingCustomersAreIsolated(final org.junit.jupiter.api.RepetitionInfo info) {
        final Network network = RandomNetworks.generate(new Random(info.getCurrentRepetition()));
        assertThat(Validator.validate(network)).isEmpty();
        assertReachabilityAndIsolation(network);
        assertWithinCustomer(network);
    }

    /** Random valid networks: one tunnel switch, three hosts, customers with the same addresses. */
    static final class RandomNetworks {
        static Network generate(final Random random) {
            final TreeMap<String, Switch> switches = new TreeMap<>();
            final TreeMap<Long, Port> tsPorts = new TreeMap<>();
            for (long p = 1; p <= 5; p++) {
                tsPorts.put(p, new Port(p, "p" + p, p <= 2 ? PortRole.EXTERNAL : PortRole.INTERNAL));
            }
            switches.put("openflow:1", new Switch("openflow:1", SwitchRole.TUNNEL_SWITCH,
                Optional.of(MacAddress.parse("02:00:00:00:00:01")), Optional.empty(), tsPorts));
            for (int h = 0; h < 3; h++) {
                final TreeMap<Long, Port> ports = new TreeMap<>();
                ports.put(1L, new Port(1, "uplink", PortRole.INTERNAL));
                for (long p = 2; p <= 40; p++) {
                    ports.put(p, new Port(p, "pvs" + p, PortRole.PVS));
                }
                switches.put("openflow:" + (11 + h), new Switch("openflow:" + (11 + h), SwitchRole.HOST,
                    Optional.empty(), Optional.empty(), ports));
            }
            final TreeMap<String, Customer> customers = new TreeMap<>();
            int vlan = 10 + random.nextInt(100);
            long nextHostPort = 2;
            final int count = 2 + random.nextInt(6);
            for (int c = 1; c <= count; c++) {
                final TreeMap<String, Tunnel> tunnels = new TreeMap<>();
                final TreeMap<String, Site> sites = new TreeMap<>();
                final TreeMap<String, Pvs> pvss = new TreeMap<>();
                final int siteCount = 1 + random.nextInt(3);
                for (int s = 1; s <= siteCount; s++) {
                    final long port = 1 + random.nextInt(2);
                    final Encapsulation in = new Encapsulation.Vlan(vlan++);
                    final boolean oneWay = random.nextBoolean();
                    tunnels.put("s" + s, new Tunnel("s" + s, "openflow:1", port, in, Service.PACKET_SWITCHING,
                        Optional.empty(), List.of()));
                    if (oneWay) {
                        tunnels.put("s" + s + "r", new Tunnel("s" + s + "r", "openflow:1", port,
                            new Encapsulation.Vlan(vlan++), Service.PACKET_SWITCHING, Optional.empty(), List.of()));
                    }
                    sites.put("site" + s, new Site("site" + s, List.of(Ipv4Prefix.parse("10." + s + ".0.0/16")),
                        "s" + s, oneWay ? Optional.of("s" + s + "r") : Optional.empty(),
                        Optional.of(Ipv4Address.parse("10." + s + ".0.1")),
                        Optional.of(new MacAddress(0x0200_0000_0000L | c << 16 | s))));
                }
                final int pvsCount = 1 + random.nextInt(3);
                for (int p = 1; p <= pvsCount; p++) {
                    final int host = random.nextInt(3);
                    final long tsPort = 3 + host;
                    tunnels.put("v" + p, new Tunnel("v" + p, "openflow:1", tsPort, new Encapsulation.Vlan(vlan++),
                        Service.PACKET_SWITCHING, Optional.empty(), List.of()));
                    pvss.put("pvs" + p, new Pvs("pvs" + p, Ipv4Address.parse("10.0.0." + (10 + p)),
                        new MacAddress(0x0200_0001_0000L | c << 8 | p), "openflow:" + (11 + host), nextHostPort++,
                        "v" + p, Optional.empty(), OptionalLong.empty(), Attachment.HOST_MUX));
                }
                customers.put("C" + c, new Customer("C" + c, c, "", List.of(Ipv4Prefix.parse("10.0.0.0/8")),
                    OptionalLong.empty(), Optional.empty(), List.of(), tunnels, sites, pvss));
            }
            return new Network(switches, customers);
        }

        private RandomNetworks() {
        }
    }
}
