/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.ExamplesTest;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;
import org.pvsnet.impl.resolve.ResolvedNetwork;

/** verify-isolation's proof, on every example, and on a pipeline with a leak put into it. */
class IsolationTest {
    static Stream<String> examples() throws java.io.IOException {
        return ExamplesTest.examples();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsIsolated(final String example) {
        final ResolvedNetwork network = Examples.resolved(example);
        final Isolation.Result result = Isolation.verify(network, Compiler.compile(network).flows(),
            Optional.empty());
        assertThat(result.violations()).isEmpty();
        assertThat(result.packetsChecked()).isGreaterThan(100);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void noTwoFlowsOfEqualPriorityOverlap(final String example) {
        Compiler.compile(Examples.resolved(example)).flows().forEach((nodeId, flows) ->
            assertThat(Overlaps.find(flows)).as(nodeId).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void aForeignFlowThatSendsOneCustomersTunnelToAnothersServerIsFound() {
        final ResolvedNetwork network = Examples.resolved("figs-7-8-9.json");
        final Map<String, List<Flow>> flows = new HashMap<>(Compiler.compile(network).flows());
        // As measured on a real switch: ovs-ofctl add-flow priority=500,in_port=1,dl_vlan=101 -> C3's server
        // (port 5 of the tunnel switch, C3's tunnel 730e, vlan 205)
        final List<Flow> ts = new ArrayList<>(flows.get("openflow:1"));
        ts.add(new Flow("#UF$TABLE*0-1", 0, 500, 0,
            List.of(new MatchField.InPort(1), new MatchField.VlanId(101)),
            List.of(new Action.SetVlan(205), new Action.Output(5)), Optional.empty()));
        flows.put("openflow:1", ts);
        final Isolation.Result result = Isolation.verify(network, flows, Optional.of("C1"));
        assertThat(result.isolated()).isFalse();
        assertThat(result.violations()).first().asString()
            .startsWith("customer C1 tunnel 710a (openflow:1 port 1, vlan 101): ")
            .contains("reaches PVS server of customer C3 at openflow:13 port 3")
            .contains("openflow:1 table 0 #UF$TABLE*0-1");
        // the other direction is not affected, and the other customers are still isolated from each other
        assertThat(Isolation.verify(network, flows, Optional.of("C2")).isolated()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void overlappingFlowsOfEqualPriorityAreFound() {
        final Flow wide = new Flow("wide", 30, 1000, 0, List.of(MatchField.EthType.IPV4,
            new MatchField.Ipv4Dst(org.pvsnet.impl.model.Ipv4Prefix.parse("10.0.0.0/8"))), List.of(), Optional.empty());
        final Flow narrow = new Flow("narrow", 30, 1000, 0, List.of(MatchField.EthType.IPV4,
            new MatchField.Ipv4Dst(org.pvsnet.impl.model.Ipv4Prefix.parse("10.1.0.0/16"))), List.of(),
            Optional.empty());
        final Flow arp = new Flow("arp", 30, 1000, 0, List.of(MatchField.EthType.ARP), List.of(), Optional.empty());
        assertThat(Overlaps.find(List.of(wide, narrow, arp))).containsExactly(
            "wide <-> narrow (table 30, priority 1000)");
    }
}
