/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Attachment;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PortNumber;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PortRole;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Service;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.SwitchRole;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.VlanId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.QinqBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.UntaggedBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.VlanBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.SwitchKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.GatewayBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.InternetAccessBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Empty;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.ModelReader;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Violation;

/**
 * Every validation rule: the Figs 7/8/9 example with one thing broken must be refused with the path
 * of that thing and the reason, and with nothing else.
 */
class ValidatorTest {
    private static final Pvsnet EXAMPLE = Examples.figs789();

    private static List<Violation> violations(final Pvsnet config) {
        return switch (Validation.check(config)) {
            case Validation.Outcome.Accepted accepted -> List.of();
            case Validation.Outcome.Rejected rejected -> rejected.violations();
        };
    }

    private static void assertRefused(final Pvsnet config, final String path, final String reason) {
        assertThat(violations(config)).containsExactly(new Violation(path, reason));
    }

    private static Pvsnet vlan(final Pvsnet config, final String customer, final String tunnel, final int vlan) {
        return Mutate.tunnel(config, customer, tunnel, t -> t.setEncapsulation(new VlanBuilder()
            .setVlan(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation
                .vlan.VlanBuilder().setVlanId(new VlanId(Uint16.valueOf(vlan))).build()).build()));
    }

    @Test
    void theExampleIsAccepted() {
        assertThat(violations(EXAMPLE)).isEmpty();
    }

    @Test
    void anEmptyConfigurationIsAccepted() {
        assertThat(violations(null)).isEmpty();
    }

    @Test
    void tunnelSwitchNeedsGatewayMac() {
        assertRefused(Mutate.sw(EXAMPLE, "openflow:1", s -> s.setGatewayMac(null)),
            "pvsnet:pvsnet/switch=openflow:1/gateway-mac", "a tunnel-switch needs a gateway-mac");
    }

    @Test
    void customerNumbersAreUnique() {
        assertRefused(Mutate.customer(EXAMPLE, "C3", c -> c.setNumber(Uint32.ONE)),
            "pvsnet:pvsnet/customer=C3/number", "number 1 is already used by customer C1");
    }

    private static final Pvsnet FIG_10B = Examples.load("fig-10b.json");

    private static Pvsnet publicAddress(final Pvsnet config, final String customer, final String address) {
        return Mutate.customer(config, customer, c -> c.setInternetAccess(new InternetAccessBuilder()
            .setEnabled(true).setPublicAddress(new Ipv4Address(address)).build()));
    }

    @Test
    void publicAddressesAreUnique() {
        assertRefused(publicAddress(FIG_10B, "E", "198.51.100.10"),
            "pvsnet:pvsnet/customer=E/internet-access/public-address",
            "public-address 198.51.100.10 is already used by customer D");
    }

    @Test
    void aPublicAddressIsOutsideTheCustomersSpaceAndNotTheUpstreamRouter() {
        assertRefused(publicAddress(FIG_10B, "D", "10.9.9.9"),
            "pvsnet:pvsnet/customer=D/internet-access/public-address",
            "public-address 10.9.9.9 lies in the customer's own address-space [10.0.0.0/8]");
        assertRefused(publicAddress(FIG_10B, "D", "198.51.100.1"),
            "pvsnet:pvsnet/customer=D/internet-access/public-address",
            "public-address 198.51.100.1 is the upstream router of openflow:1");
    }

    @Test
    void internetAccessNeedsAnInternetPortWithItsUpstreamRouter() {
        assertRefused(publicAddress(EXAMPLE, "C1", "198.51.100.7"),
            "pvsnet:pvsnet/customer=C1/internet-access/enabled",
            "tunnel-switch openflow:1 has no port of role internet");
        assertRefused(Mutate.sw(FIG_10B, "openflow:1", s -> s.setInternet(null)),
            "pvsnet:pvsnet/switch=openflow:1/internet",
            "the upstream router (next-hop and router-mac) is required with an internet port");
        // C2 is tunnel-switched only: its traffic is never routed, so never to the internet
        assertRefused(publicAddress(EXAMPLE, "C2", "198.51.100.7"),
            "pvsnet:pvsnet/customer=C2/internet-access/enabled",
            "customer C2 has no packet-switching tunnel on a tunnel-switch, so its traffic never reaches an "
                + "internet port");
    }

    @Test
    void internetAccessNeedsANumberThatFitsAConnectionTrackingZone() {
        assertRefused(Mutate.customer(FIG_10B, "D", c -> c.setNumber(Uint32.valueOf(70000))),
            "pvsnet:pvsnet/customer=D/number",
            "a customer with internet access needs a number up to 65535 (its connection-tracking zone); 70000 is "
                + "above");
    }

    @Test
    void internetAccessNeedsPublicAddress() {
        assertRefused(Mutate.customer(EXAMPLE, "C1",
                c -> c.setInternetAccess(new InternetAccessBuilder().setEnabled(true).build())),
            "pvsnet:pvsnet/customer=C1/internet-access/public-address", "missing mandatory leaf");
    }

    @Test
    void tunnelOnUnknownSwitchIsDangling() {
        assertRefused(Mutate.tunnel(EXAMPLE, "C1", "710a", t -> t.setSwitch(new NodeId("openflow:99"))),
            "pvsnet:pvsnet/customer=C1/tunnel=710a/switch",
            "switch openflow:99 is not configured in pvsnet:pvsnet/switch");
    }

    @Test
    void tunnelOnUnknownPortIsDangling() {
        assertRefused(Mutate.tunnel(EXAMPLE, "C1", "710a", t -> t.setPort(new PortNumber(Uint32.valueOf(9)))),
            "pvsnet:pvsnet/customer=C1/tunnel=710a/port", "port 9 is not configured on switch openflow:1");
    }

    @Test
    void tunnelNeedsExternalOrInternalPort() {
        final Pvsnet config = Mutate.sw(Mutate.port(EXAMPLE, "openflow:1", 6, PortRole.Internet), "openflow:1",
            s -> s.setInternet(FIG_10B.getSwitch().get(new SwitchKey(new NodeId("openflow:1"))).getInternet()));
        assertRefused(Mutate.tunnel(config, "C1", "710a", t -> t.setPort(new PortNumber(Uint32.valueOf(6)))),
            "pvsnet:pvsnet/customer=C1/tunnel=710a/port",
            "port 6 of openflow:1 has role internet; a tunnel needs a port with role external or internal");
    }

    @Test
    void twoCustomersCannotShareATag() {
        assertRefused(vlan(EXAMPLE, "C3", "710d", 101), "pvsnet:pvsnet/customer=C3/tunnel=710d",
            "collides with tunnel 710a of customer C1 on openflow:1 port 1: both are vlan 101");
    }

    @Test
    void anUntaggedTunnelTakesTheWholePort() {
        final Pvsnet config = Mutate.tunnel(EXAMPLE, "C3", "710d",
            t -> t.setEncapsulation(new UntaggedBuilder().setUntagged(Empty.value()).build()));
        assertThat(violations(config)).hasSize(5).allSatisfy(v -> {
            assertThat(v.path()).isEqualTo("pvsnet:pvsnet/customer=C3/tunnel=710d");
            assertThat(v.reason()).endsWith("an untagged tunnel takes the whole port");
        });
    }

    @Test
    void qinqCannotReuseAVlanAsOuterTag() {
        final Pvsnet config = Mutate.tunnel(EXAMPLE, "C3", "710d", t -> t.setEncapsulation(new QinqBuilder()
            .setQinq(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation
                .qinq.QinqBuilder().setOuterVlanId(new VlanId(Uint16.valueOf(101)))
                .setInnerVlanId(new VlanId(Uint16.valueOf(7))).build()).build()));
        assertRefused(config, "pvsnet:pvsnet/customer=C3/tunnel=710d",
            "collides with tunnel 710a of customer C1 on openflow:1 port 1: vlan 101 and qinq 101.7 share "
                + "the outer VLAN 101");
    }

    @Test
    void keyedAndEthernetTunnelsCannotShareAPort() {
        assertThat(Validator.clash(new Encapsulation.Vxlan(5), new Encapsulation.Gre(5)))
            .contains("either a VXLAN port, a GRE port or an Ethernet port");
        assertThat(Validator.clash(new Encapsulation.Vxlan(5), new Encapsulation.Vlan(5)))
            .contains("either a VXLAN port, a GRE port or an Ethernet port");
        assertThat(Validator.clash(new Encapsulation.Vxlan(5), new Encapsulation.Vxlan(6))).isNull();
        assertThat(Validator.clash(new Encapsulation.Mpls(16), new Encapsulation.Vlan(16))).isNull();
        assertThat(Validator.clash(new Encapsulation.QinQ(5, 1), new Encapsulation.QinQ(5, 2))).isNull();
    }

    @Test
    void tunnelSwitchingNeedsAPeer() {
        assertRefused(Mutate.tunnel(EXAMPLE, "C2", "710c", t -> t.setPeer(null)),
            "pvsnet:pvsnet/customer=C2/tunnel=710c/peer", "a tunnel-switching tunnel needs exactly one peer");
    }

    @Test
    void packetSwitchingHasNoPeer() {
        assertRefused(Mutate.tunnel(EXAMPLE, "C1", "710a", t -> t.setPeer(new Name("710e"))),
            "pvsnet:pvsnet/customer=C1/tunnel=710a/peer",
            "only a tunnel-switching tunnel has a peer; this tunnel is packet-switching");
    }

    @Test
    void peerMustBeATunnelOfTheSameCustomer() {
        assertThat(violations(Mutate.tunnel(EXAMPLE, "C2", "710c", t -> t.setPeer(new Name("730e"))))).containsExactly(
            new Violation("pvsnet:pvsnet/customer=C2/tunnel=710c/peer", "tunnel 730e is not a tunnel of customer C2"),
            new Violation("pvsnet:pvsnet/customer=C2/tunnel=730d/peer", "peer 710c is cross-connected with 730e"));
    }

    @Test
    void peerCannotBeItself() {
        final Pvsnet config = Mutate.tunnel(EXAMPLE, "C2", "730d", t -> t.setPeer(new Name("730d")));
        assertThat(violations(config)).contains(
            new Violation("pvsnet:pvsnet/customer=C2/tunnel=730d/peer", "a tunnel cannot be its own peer"));
    }

    @Test
    void peersPointAtEachOther() {
        final Pvsnet config = Mutate.tunnel(Mutate.tunnel(EXAMPLE, "C2", "730x", t -> t
                .setSwitch(new NodeId("openflow:1")).setPort(new PortNumber(Uint32.valueOf(5)))
                .setEncapsulation(new VlanBuilder().setVlan(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet
                    .rev261126.encapsulation.encapsulation.vlan.VlanBuilder()
                    .setVlanId(new VlanId(Uint16.valueOf(299))).build()).build())
                .setService(Service.TunnelSwitching).setPeer(new Name("710c"))),
            "C2", "730d", t -> t);
        assertThat(violations(config)).contains(new Violation("pvsnet:pvsnet/customer=C2/tunnel=730x/peer",
            "peer 710c is cross-connected with 730d"));
    }

    @Test
    void tunnelSwitchingOnlyOnATunnelSwitch() {
        final Pvsnet config = Mutate.sw(EXAMPLE, "openflow:1", s -> s.setRole(SwitchRole.Host));
        assertThat(violations(config)).contains(new Violation("pvsnet:pvsnet/customer=C2/tunnel=710c/service",
            "tunnel-switching needs a tunnel on a tunnel-switch, openflow:1 is a host"));
    }

    @Test
    void siteTunnelMustExist() {
        assertRefused(Mutate.site(EXAMPLE, "C1", "site-1", s -> s.setReturnTunnel(new Name("nope"))),
            "pvsnet:pvsnet/customer=C1/site=site-1/return-tunnel", "tunnel nope is not a tunnel of customer C1");
    }

    @Test
    void sitePrefixesDoNotOverlap() {
        assertRefused(Mutate.site(EXAMPLE, "C1", "site-2", s -> s.setPrefix(Set.of(new Ipv4Prefix("10.1.128.0/17")))),
            "pvsnet:pvsnet/customer=C1/site=site-2/prefix",
            "prefix 10.1.128.0/17 overlaps 10.1.0.0/16 of site site-1; a destination must lead to one site");
    }

    @Test
    void pvsAddressInsideAddressSpace() {
        assertRefused(Mutate.pvs(EXAMPLE, "C1", "main-server", p -> p.setAddress(new Ipv4Address("192.168.1.1"))),
            "pvsnet:pvsnet/customer=C1/pvs=main-server/address",
            "address 192.168.1.1 is outside the address-space [10.0.0.0/8] of customer C1");
    }

    @Test
    void pvsAddressUniqueWithinCustomer() {
        assertRefused(Mutate.pvs(EXAMPLE, "C1", "main-server", p -> p.setAddress(new Ipv4Address("10.0.0.11"))),
            "pvsnet:pvsnet/customer=C1/pvs=main-server/address",
            "address 10.0.0.11 is already used by PVS backup-server of the same customer");
    }

    @Test
    void pvsAddressOutsideSitePrefixes() {
        assertRefused(Mutate.pvs(EXAMPLE, "C1", "main-server", p -> p.setAddress(new Ipv4Address("10.2.0.5"))),
            "pvsnet:pvsnet/customer=C1/pvs=main-server/address",
            "address 10.2.0.5 lies in prefix 10.2.0.0/16 of site site-2; a destination must lead to one place");
    }

    @Test
    void pvsHostMustBeAHost() {
        assertRefused(Mutate.pvs(EXAMPLE, "C1", "main-server", p -> p.setHost(new NodeId("openflow:1"))),
            "pvsnet:pvsnet/customer=C1/pvs=main-server/host",
            "switch openflow:1 has role tunnel-switch; a PVS needs a host");
    }

    @Test
    void pvsPortMustHaveRolePvs() {
        assertRefused(Mutate.pvs(EXAMPLE, "C1", "main-server", p -> p.setPort(new PortNumber(Uint32.ONE))),
            "pvsnet:pvsnet/customer=C1/pvs=main-server/port",
            "port 1 of openflow:11 has role internal; a PVS needs a port with role pvs");
    }

    @Test
    void onePvsPerPortAcrossCustomers() {
        assertRefused(Mutate.pvs(EXAMPLE, "C3", "server", p -> p.setPort(new PortNumber(Uint32.TWO))),
            "pvsnet:pvsnet/customer=C3/pvs=server/port",
            "port 2 of openflow:13 is already used by PVS server of customer C2");
    }

    @Test
    void selfEncapsulatingPvsNeedsATag() {
        final Pvsnet config = Mutate.pvs(Mutate.tunnel(EXAMPLE, "C1", "730c",
                t -> t.setEncapsulation(new UntaggedBuilder().setUntagged(Empty.value()).build())),
            "C1", "backup-server", p -> p.setAttachment(Attachment.SelfEncapsulating));
        assertRefused(config, "pvsnet:pvsnet/customer=C1/pvs=backup-server/attachment",
            "a self-encapsulating PVS needs a tagged tunnel; 730c is untagged");
    }

    @Test
    void ambiguousUplinkNeedsUplinkPort() {
        final Pvsnet config = Mutate.port(EXAMPLE, "openflow:12", 3, PortRole.Internal);
        assertRefused(config, "pvsnet:pvsnet/customer=C1/pvs=backup-server/uplink-port",
            "host openflow:12 has 2 internal ports; say which one carries tunnel 730c");
        assertThat(violations(Mutate.pvs(config, "C1", "backup-server",
            p -> p.setUplinkPort(new PortNumber(Uint32.valueOf(3)))))).isEmpty();
    }

    @Test
    void portRolesFitTheSwitchRole() {
        final Pvsnet config = Mutate.port(EXAMPLE, "openflow:11", 9, PortRole.Internet);
        assertRefused(config, "pvsnet:pvsnet/switch=openflow:11/port=9/role",
            "role internet is only valid on a tunnel-switch");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        final Pvsnet config = Mutate.pvs(vlan(EXAMPLE, "C3", "710d", 101), "C1", "main-server",
            p -> p.setHost(new NodeId("openflow:77")));
        assertThat(violations(config)).extracting(Violation::path).containsExactly(
            "pvsnet:pvsnet/customer=C3/tunnel=710d", "pvsnet:pvsnet/customer=C1/pvs=main-server/host");
    }

    @Test
    void rejectionMessageNamesEveryPath() {
        final var outcome = (Validation.Outcome.Rejected) Validation.check(
            Mutate.sw(EXAMPLE, "openflow:1", s -> s.setGatewayMac(null)));
        assertThat(outcome.message()).isEqualTo("pvsnet refused the configuration, nothing was applied: "
            + "pvsnet:pvsnet/switch=openflow:1/gateway-mac: a tunnel-switch needs a gateway-mac");
    }

    @Test
    void aPeerIsTunnelSwitchingToo() {
        final Pvsnet config = Mutate.tunnel(EXAMPLE, "C2", "730d", t -> t.setService(Service.PacketSwitching)
            .setPeer(null));
        assertRefused(config, "pvsnet:pvsnet/customer=C2/tunnel=710c/peer",
            "peer 730d is packet-switching; a cross-connect joins two tunnel-switching tunnels");
    }

    @Test
    void aRoutedSiteNeedsItsRouter() {
        final Pvsnet config = Mutate.site(EXAMPLE, "C1", "site-2", s -> s.setRouterMac(null).setNextHop(null));
        assertThat(violations(config)).containsExactly(
            new Violation("pvsnet:pvsnet/customer=C1/site=site-2/next-hop",
                "a site behind a packet-switching tunnel of a tunnel-switch needs its router's next-hop address"));
        // the MAC alone may be missing: the switch learns it from the router's ARP
        assertThat(violations(Mutate.site(EXAMPLE, "C1", "site-2", s -> s.setRouterMac(null)))).isEmpty();
    }

    @Test
    void aHostDemuxesOnePvsPerTunnel() {
        final Pvsnet config = Mutate.pvs(EXAMPLE, "C1", "second", p -> p.setAddress(new Ipv4Address("10.0.0.12"))
            .setMac(new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715
                .MacAddress("02:00:00:00:01:0c"))
            .setHost(new NodeId("openflow:12")).setPort(new PortNumber(Uint32.valueOf(3)))
            .setTunnel(new Name("730c")));
        final Pvsnet withPort = Mutate.port(config, "openflow:12", 3, PortRole.Pvs);
        assertRefused(withPort, "pvsnet:pvsnet/customer=C1/pvs=second/tunnel",
            "PVS backup-server on the same host openflow:12 already receives on tunnel 730c; give each PVS its "
                + "own tunnel");
    }

    private static Pvsnet gateways(final Pvsnet config, final String customer, final String... gateways) {
        return Mutate.customer(config, customer, c -> c.setGateway(BindingMap.ordered(Arrays.stream(gateways)
            .map(text -> new GatewayBuilder().setAddress(new Ipv4Address(text.split("/")[0]))
                .setPrefixLength(Uint8.valueOf(Integer.parseInt(text.split("/")[1]))).build()).toList())));
    }

    @Test
    void gatewaysOfTheExampleAreAccepted() {
        assertThat(violations(gateways(EXAMPLE, "C1", "10.0.0.1/24", "10.1.0.254/24", "10.2.0.254/24"))).isEmpty();
    }

    @Test
    void gatewayInsideAddressSpace() {
        assertRefused(gateways(EXAMPLE, "C1", "192.168.0.1/24"),
            "pvsnet:pvsnet/customer=C1/gateway=192.168.0.1/address",
            "address 192.168.0.1 is outside the address-space [10.0.0.0/8] of customer C1");
    }

    @Test
    void gatewayIsNotAPvsOrANextHop() {
        assertRefused(gateways(EXAMPLE, "C1", "10.0.0.10/24"), "pvsnet:pvsnet/customer=C1/gateway=10.0.0.10/address",
            "address 10.0.0.10 is the address of PVS main-server");
        assertRefused(gateways(EXAMPLE, "C1", "10.1.0.1/24"), "pvsnet:pvsnet/customer=C1/gateway=10.1.0.1/address",
            "address 10.1.0.1 is the next-hop of site site-1");
    }

    @Test
    void gatewayIsAHostOfItsSubnet() {
        assertRefused(gateways(EXAMPLE, "C1", "10.0.0.0/24"), "pvsnet:pvsnet/customer=C1/gateway=10.0.0.0/address",
            "address 10.0.0.0 is the network or broadcast address of 10.0.0.0/24");
        assertRefused(gateways(EXAMPLE, "C1", "10.0.0.255/24"), "pvsnet:pvsnet/customer=C1/gateway=10.0.0.255/address",
            "address 10.0.0.255 is the network or broadcast address of 10.0.0.0/24");
    }

    @Test
    void gatewaySubnetsDoNotOverlap() {
        assertRefused(gateways(EXAMPLE, "C1", "10.0.0.1/24", "10.0.0.2/16"),
            "pvsnet:pvsnet/customer=C1/gateway=10.0.0.2/prefix-length",
            "subnet 10.0.0.0/16 overlaps 10.0.0.0/24 of gateway 10.0.0.1; one address per subnet");
    }

    @Test
    void gatewayPrefixLengthIsInRange() {
        assertRefused(gateways(EXAMPLE, "C1", "10.0.0.1/31"),
            "pvsnet:pvsnet/customer=C1/gateway=10.0.0.1/prefix-length",
            "prefix-length 31 is out of range 8..30");
    }

    @Test
    void gatewayNeedsATunnelSwitchThatRoutes() {
        // C2 is tunnel-switched only: nothing would answer for its gateway
        assertRefused(gateways(EXAMPLE, "C2", "10.0.0.1/24"), "pvsnet:pvsnet/customer=C2/gateway=10.0.0.1/address",
            "customer C2 has no packet-switching tunnel on a tunnel-switch, so nothing would answer for gateway "
                + "10.0.0.1");
    }

    @Test
    void aTunnelSwitchedSiteMayShareItsSegmentWithItsServer() {
        // TS never looks at addresses: site 10.0.0.0/24 and its server 10.0.0.10 are one L2 segment
        assertThat(violations(Mutate.site(EXAMPLE, "C2", "site-1", s -> s.setPrefix(Set.of(
            new Ipv4Prefix("10.0.0.0/24")))))).isEmpty();
    }

    @Test
    void aRateLimitNeedsATunnelSwitch() {
        final Pvsnet fig3 = Examples.load("fig-3.json");
        assertRefused(Mutate.customer(fig3, "A", c -> c.setRateLimit(Uint32.valueOf(1000))),
            "pvsnet:pvsnet/customer=A/rate-limit",
            "a rate-limit is enforced by tunnel switches, and customer A has no tunnel on one");
        assertThat(violations(Mutate.customer(EXAMPLE, "C2", c -> c.setRateLimit(Uint32.valueOf(1000))))).isEmpty();
    }

    private static Network read(final Pvsnet config) {
        return ((ModelReader.Result.Readable) ModelReader.read(config)).network();
    }

    /**
     * With a memo, a customer that is the same object on the same switches is taken from it: the answers are those
     * of a validation from nothing, for a customer broken, kept, fixed, and for the switches changed under it.
     */
    @Test
    void aMemoGivesTheSameViolationsAsValidatingFromNothing() {
        final Validator.Memo memo = new Validator.Memo();
        final Network valid = read(EXAMPLE);
        assertThat(Validator.validate(valid, memo)).isEmpty();

        // C1 broken alone: a rule of one customer
        final TreeMap<String, Customer> customers = new TreeMap<>(valid.customers());
        customers.put("C1", read(Mutate.pvs(EXAMPLE, "C1", "main-server",
            p -> p.setAddress(new Ipv4Address("192.168.1.1")))).customers().get("C1"));
        final Network broken = new Network(valid.switches(), customers);
        final Violation outside = new Violation("pvsnet:pvsnet/customer=C1/pvs=main-server/address",
            "address 192.168.1.1 is outside the address-space [10.0.0.0/8] of customer C1");
        assertThat(Validator.validate(broken, memo)).containsExactly(outside);

        // the broken C1 kept, C2 gone: C1's violation comes from the memo
        customers.remove("C2");
        final Network kept = new Network(valid.switches(), customers);
        assertThat(Validator.validate(kept, memo)).containsExactly(outside).isEqualTo(Validator.validate(kept));

        // valid customers on changed switches: checked again, not taken from the memo
        assertThat(Validator.validate(valid, memo)).isEmpty();
        final Network hostSwitch = new Network(read(Mutate.sw(EXAMPLE, "openflow:1",
            s -> s.setRole(SwitchRole.Host))).switches(), valid.customers());
        assertThat(Validator.validate(hostSwitch, memo)).isEqualTo(Validator.validate(hostSwitch))
            .contains(new Violation("pvsnet:pvsnet/customer=C2/tunnel=710c/service",
                "tunnel-switching needs a tunnel on a tunnel-switch, openflow:1 is a host"));
    }

    /** A configuration read as the reader reads it: what equals the previous one's is that very object. */
    private static Network readAfter(final Pvsnet config, final Network previous) {
        final Network read = read(config);
        final TreeMap<String, org.pvsnet.impl.model.Switch> switches = new TreeMap<>(read.switches());
        switches.replaceAll((id, sw) -> sw.equals(previous.switches().get(id)) ? previous.switches().get(id) : sw);
        final TreeMap<String, Customer> customers = new TreeMap<>(read.customers());
        customers.replaceAll((id, c) -> c.equals(previous.customers().get(id)) ? previous.customers().get(id) : c);
        return new Network(switches, customers);
    }

    /**
     * The rules across customers checked from the claims of the last configuration that broke none of them: each
     * step of a sequence (customers changed, broken, fixed, gone, back) gives the violations of a validation from
     * nothing, in the same order.
     */
    @Test
    void theRulesAcrossCustomersCheckedFromTheClaimsGiveTheSameViolations() {
        final Pvsnet untagged = Mutate.tunnel(EXAMPLE, "C3", "710d",
            t -> t.setEncapsulation(new UntaggedBuilder().setUntagged(Empty.value()).build()));
        final Pvsnet alonePort2 = Mutate.tunnel(EXAMPLE, "C3", "710d", t -> t.setPort(new PortNumber(Uint32.TWO))
            .setEncapsulation(new UntaggedBuilder().setUntagged(Empty.value()).build()));
        final List<Pvsnet> steps = List.of(EXAMPLE,
            vlan(EXAMPLE, "C3", "710d", 101),
            EXAMPLE,
            vlan(EXAMPLE, "C3", "710d", 109),
            Mutate.customer(EXAMPLE, "C3", c -> c.setNumber(Uint32.ONE)),
            EXAMPLE,
            Mutate.pvs(EXAMPLE, "C3", "server", p -> p.setPort(new PortNumber(Uint32.TWO))),
            EXAMPLE,
            untagged,
            EXAMPLE,
            publicAddress(publicAddress(FIG_10B, "D", "198.51.100.7"), "E", "198.51.100.7"),
            publicAddress(FIG_10B, "D", "198.51.100.7"),
            publicAddress(publicAddress(FIG_10B, "D", "198.51.100.7"), "E", "198.51.100.8"),
            EXAMPLE,
            Mutate.customer(EXAMPLE, "C2", c -> c.setNumber(Uint32.valueOf(42))),
            // two customers swap numbers in one change: nothing shared
            Mutate.customer(Mutate.customer(EXAMPLE, "C2", c -> c.setNumber(Uint32.valueOf(3))), "C3",
                c -> c.setNumber(Uint32.valueOf(2))),
            // two changed customers take one tag
            vlan(vlan(EXAMPLE, "C2", "710c", 150), "C3", "710d", 150),
            EXAMPLE,
            // an untagged tunnel alone on port 2; then a tagged one joins it
            alonePort2,
            Mutate.tunnel(alonePort2, "C2", "710c", t -> t.setPort(new PortNumber(Uint32.TWO))),
            alonePort2,
            EXAMPLE);
        final Validator.Memo memo = new Validator.Memo();
        Network previous = Network.EMPTY;
        int fromClaims = 0;
        for (int step = 0; step < steps.size(); step++) {
            final Network network = readAfter(steps.get(step), previous);
            fromClaims += memo.holdsClaims() ? 1 : 0;
            assertThat(Validator.validate(network, memo)).as("step " + step)
                .isEqualTo(Validator.validate(network));
            previous = network;
        }
        // the claims were used, not only rebuilt
        assertThat(fromClaims).isGreaterThan(steps.size() / 2);

        // a customer gone: what it held is free again
        final Validator.Memo after = new Validator.Memo();
        final Network all = read(EXAMPLE);
        assertThat(Validator.validate(all, after)).isEmpty();
        final TreeMap<String, Customer> withoutC1 = new TreeMap<>(all.customers());
        withoutC1.remove("C1");
        assertThat(Validator.validate(new Network(all.switches(), withoutC1), after)).isEmpty();
        final Network c3TakesC1sTag = readAfter(vlan(EXAMPLE, "C3", "710d", 101), all);
        final TreeMap<String, Customer> taken = new TreeMap<>(c3TakesC1sTag.customers());
        taken.remove("C1");
        assertThat(Validator.validate(new Network(all.switches(), taken), after)).isEmpty();
        assertThat(after.holdsClaims()).isTrue();
        assertThat(Validator.validate(c3TakesC1sTag, after)).isEqualTo(Validator.validate(c3TakesC1sTag))
            .isNotEmpty();
    }
}
