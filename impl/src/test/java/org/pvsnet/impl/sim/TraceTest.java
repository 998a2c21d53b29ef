/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.ExamplesTest;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.resolve.Place;
import org.pvsnet.impl.resolve.ResolvedCustomer;
import org.pvsnet.impl.resolve.ResolvedNetwork;

/** What trace-packet answers, on every example: the verdicts an operator reads. */
class TraceTest {
    private static final MacAddress HOST = MacAddress.parse("02:aa:00:00:00:01");

    static Stream<String> examples() throws java.io.IOException {
        return ExamplesTest.examples();
    }

    private static Fabric.Walk fromSite(final Fabric fabric, final ResolvedCustomer customer, final Site site,
            final Packet packet) {
        final Tunnel tunnel = customer.tunnel(site.tunnel());
        return fabric.walk(new Place(tunnel.switchId(), tunnel.port()),
            Wire.onWire(tunnel.encapsulation(), packet));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void aSitesPacketToItsOwnServerIsDeliveredThereAndASpoofedOneIsDroppedAtTheLookup(final String example) {
        final ResolvedNetwork network = Examples.resolved(example);
        final Compiler.Compilation compilation = Compiler.compile(network);
        final Fabric fabric = new Fabric(network, compilation.flows());
        for (ResolvedCustomer customer : network.customers().values()) {
            for (Site site : customer.customer().sites().values()) {
                final Ipv4Address source = new Ipv4Address(site.prefixes().getFirst().network().bits() + 5);
                for (Pvs pvs : customer.customer().pvss().values()) {
                    final Fabric.Walk walk = fromSite(fabric, customer, site,
                        Packet.ipv4(HOST, Packet.BROADCAST, source, pvs.address()));
                    // a self-encapsulating PVS gets its tunnel's frames whole
                    final String wire = pvs.attachment() == org.pvsnet.impl.model.Roles.Attachment.SELF_ENCAPSULATING
                        ? Wire.describe(Wire.onWire(customer.tunnel(pvs.towardsTunnel()).encapsulation(),
                            Packet.ipv4(HOST, Packet.BROADCAST, source, pvs.address()))) : "untagged";
                    assertThat(walk.verdict()).as("%s %s -> %s", customer.id(), site.name(), pvs.name())
                        .startsWith("delivered to PVS " + pvs.name() + " of customer " + customer.id() + " on "
                            + pvs.host() + " port " + pvs.port() + ", " + wire);
                }
                final boolean tunnelSwitched = customer.tunnel(site.tunnel()).service()
                    == org.pvsnet.impl.model.Roles.Service.TUNNEL_SWITCHING;
                final Fabric.Walk spoofed = fromSite(fabric, customer, site, Packet.ipv4(HOST, Packet.BROADCAST,
                    Ipv4Address.parse("192.0.2.66"), customer.customer().pvss().values().iterator().next().address()));
                if (!tunnelSwitched) {
                    assertThat(spoofed.exits()).isEmpty();
                    // in the customer lookup: its first stage, or its second for a tunnel with two headers
                    assertThat(spoofed.verdict()).matches("dropped in table [05] \\(.*");
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aTraceOfFigs789WalksTheTunnelSwitchAndTheHost() {
        final ResolvedNetwork network = Examples.resolved("figs-7-8-9.json");
        final Fabric fabric = new Fabric(network, Compiler.compile(network).flows());
        final Fabric.Walk walk = fabric.walk(new Place("openflow:1", 1), Packet.ipv4(HOST, Packet.BROADCAST,
            Ipv4Address.parse("10.1.0.5"), Ipv4Address.parse("10.0.0.10")).tagged(101));
        assertThat(walk.hops()).extracting(h -> h.nodeId() + " " + h.table() + " "
            + h.flow().map(f -> f.id()).orElse("miss"))
            .containsExactly("openflow:1 0 C1/classify/710a/ip/10.1.0.0/16", "openflow:1 30 C1/forward/10.0.0.10/32",
                "openflow:11 0 C1/pvs/main-server/demux");
        assertThat(walk.verdict()).isEqualTo("delivered to PVS main-server of customer C1 on openflow:11 port 2, "
            + "untagged");
        assertThat(walk.exits().getFirst().packet().ttl()).isEqualTo(63);
        final Fabric.Walk unknown = fabric.walk(new Place("openflow:1", 1), Packet.ipv4(HOST, Packet.BROADCAST,
            Ipv4Address.parse("10.1.0.5"), Ipv4Address.parse("10.0.0.99")).tagged(101));
        assertThat(unknown.verdict()).isEqualTo("dropped in table 30 (FORWARD) of openflow:1: no route to the "
            + "destination in the customer's forwarding table");
    }
}
