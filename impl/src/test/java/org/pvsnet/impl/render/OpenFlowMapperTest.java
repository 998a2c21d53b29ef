/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.ExamplesTest;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.resolve.Place;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.sim.Fabric;
import org.pvsnet.impl.sim.Isolation;
import org.pvsnet.impl.sim.Overlaps;
import org.pvsnet.impl.sim.Packet;

/**
 * What is really sent to openflowplugin: every compiled flow is mapped to its binding objects, read back
 * with {@link OpenFlowReader}, and the simulator runs on the flows read back (a fake OpenFlow table), so a
 * mapping mistake shows as a wrong packet path, not only as a different object.
 */
class OpenFlowMapperTest {
    static Stream<String> examples() throws java.io.IOException {
        return ExamplesTest.examples();
    }

    private static Map<String, List<Flow>> sent(final Compiler.Compilation compilation) {
        final Map<String, List<Flow>> sent = new TreeMap<>();
        compilation.flows().forEach((nodeId, flows) -> sent.put(nodeId, flows.stream()
            .map(flow -> OpenFlowReader.read(OpenFlowMapper.map(nodeId, flow))).toList()));
        return sent;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyFlowReadsBackAsItWasCompiled(final String example) {
        final Compiler.Compilation compilation = Compiler.compile(Examples.resolved(example));
        final Map<String, List<Flow>> sent = sent(compilation);
        compilation.flows().forEach((nodeId, flows) -> {
            for (int i = 0; i < flows.size(); i++) {
                final Flow compiled = flows.get(i);
                final Flow read = sent.get(nodeId).get(i);
                assertThat(read.text()).isEqualTo(compiled.text());
                assertThat(read.id()).isEqualTo(compiled.id());
                assertThat(read.match()).isEqualTo(compiled.match());
                assertThat(read.actions()).isEqualTo(compiled.actions());
            }
        });
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theFlowsAsSentAreIsolatedAndFreeOfOverlaps(final String example) {
        final ResolvedNetwork network = Examples.resolved(example);
        final Map<String, List<Flow>> sent = sent(Compiler.compile(network));
        assertThat(Isolation.verify(network, sent, Optional.empty()).violations()).isEmpty();
        sent.forEach((nodeId, flows) -> assertThat(Overlaps.find(flows)).as(nodeId).isEmpty());
    }

    @Test
    void aSitePacketThroughTheFlowsAsSentReachesItsServer() {
        final ResolvedNetwork network = Examples.resolved("figs-7-8-9.json");
        final Fabric fabric = new Fabric(network, sent(Compiler.compile(network)));
        final Fabric.Walk walk = fabric.walk(new Place("openflow:1", 1), Packet.ipv4(
            MacAddress.parse("02:00:00:01:01:01"), MacAddress.parse("02:00:00:00:00:01"),
            Ipv4Address.parse("10.1.0.5"), Ipv4Address.parse("10.0.0.10")).tagged(101));
        assertThat(walk.verdict()).isEqualTo("delivered to PVS main-server of customer C1 on openflow:11 port 2, "
            + "untagged");
        assertThat(walk.exits().getFirst().packet().ethSrc()).isEqualTo(MacAddress.parse("02:00:00:00:00:01"));
    }

    @Test
    void aForeignFlowReadsBackWithWhatPvsnetDoesNotCompileKeptOpaque() {
        final var flow = new org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table
            .FlowBuilder(OpenFlowMapper.map("openflow:1", Compiler.compile(Examples.resolved("figs-7-8-9.json"))
                .flows("openflow:1").getFirst()))
            .withKey(new org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey(
                new org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId("#UF$TABLE*0-7")))
            .setId(new org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId("#UF$TABLE*0-7"))
            .setFlowName(null).build();
        assertThat(OpenFlowReader.read(flow).id()).isEqualTo("#UF$TABLE*0-7");
    }
}
