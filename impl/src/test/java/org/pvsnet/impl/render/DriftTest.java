/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.ExamplesTest;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;

/**
 * The drift of a switch, with the switch's report made the way openflowplugin makes it: every flow mapped to
 * its binding objects and read back, under openflowplugin's ids.
 */
class DriftTest {
    private static final String FIGS = "figs-7-8-9.json";
    private static final String SWITCH = "openflow:1";

    static java.util.stream.Stream<String> examples() throws java.io.IOException {
        return ExamplesTest.examples();
    }

    private static List<Flow> desired(final String example, final String nodeId) {
        return Compiler.compile(Examples.resolved(example)).flows().get(nodeId);
    }

    /** The switch's report of these flows: read back from their binding form, under ids like openflowplugin's. */
    private static Map<String, Flow> reported(final String nodeId, final List<Flow> flows) {
        final Map<String, Flow> reported = new HashMap<>();
        for (int i = 0; i < flows.size(); i++) {
            reported.put("#UF$TABLE*" + flows.get(i).table() + "-" + i,
                OpenFlowReader.read(OpenFlowMapper.map(nodeId, flows.get(i))));
        }
        return reported;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void aSwitchWithExactlyTheCompiledFlowsHasNoDrift(final String example) {
        Compiler.compile(Examples.resolved(example)).flows().forEach((nodeId, flows) ->
            assertThat(Drift.of(flows, reported(nodeId, flows), Set.of(), Set.of()).isEmpty())
                .as(example + " " + nodeId).isTrue());
    }

    @Test
    void aDeletedFlowIsMissingAndNothingElse() {
        final List<Flow> flows = desired(FIGS, SWITCH);
        final Drift drift = Drift.of(flows, reported(SWITCH, flows.subList(1, flows.size())), Set.of(), Set.of());
        assertThat(drift.missing()).containsExactly(flows.get(0));
        assertThat(drift.foreign()).isEmpty();
        assertThat(drift.describe()).isEqualTo("1 flows missing or changed");
    }

    @Test
    void aFlowWithOtherActionsIsMissingNotForeign() {
        final List<Flow> flows = desired(FIGS, SWITCH);
        final Flow original = flows.get(0);
        final Flow changed = new Flow(original.id(), original.table(), original.priority(), original.cookie(),
            original.match(), List.of(new Action.Output(7)), Optional.empty());
        final List<Flow> onSwitch = new java.util.ArrayList<>(flows);
        onSwitch.set(0, changed);
        final Drift drift = Drift.of(flows, reported(SWITCH, onSwitch), Set.of(), Set.of());
        assertThat(drift.missing()).containsExactly(original);
        assertThat(drift.foreign()).isEmpty();
    }

    @Test
    void aFlowOfHigherPriorityIsForeignAndRemovedOnce() {
        final List<Flow> flows = desired(FIGS, SWITCH);
        final Flow original = flows.get(0);
        final Flow leak = new Flow("leak", original.table(), original.priority() + 1, 0, original.match(),
            List.of(new Action.Output(7)), Optional.empty());
        final Map<String, Flow> onSwitch = reported(SWITCH, flows);
        onSwitch.put("#UF$TABLE*0-100", OpenFlowReader.read(OpenFlowMapper.map(SWITCH, leak)));
        // openflowplugin may list one flow under two ids for a moment
        onSwitch.put("#UF$TABLE*0-101", OpenFlowReader.read(OpenFlowMapper.map(SWITCH, leak)));
        final Drift drift = Drift.of(flows, onSwitch, Set.of(), Set.of());
        assertThat(drift.missing()).isEmpty();
        assertThat(drift.foreign()).containsExactly("#UF$TABLE*0-100");
    }

    @Test
    void aMissingMeterIsReported() {
        final List<Flow> flows = desired(FIGS, SWITCH);
        final Drift drift = Drift.of(flows, reported(SWITCH, flows), Set.of(1L, 16777217L), Set.of(1L));
        assertThat(drift.metersMissing()).containsExactly(16777217L);
        assertThat(drift.describe()).isEqualTo("1 meters missing");
    }

    @Test
    void anEmptySwitchMissesEverything() {
        final List<Flow> flows = desired(FIGS, SWITCH);
        final Drift drift = Drift.of(flows, Map.of(), Set.of(), Set.of());
        assertThat(drift.missing().stream().map(Flow::text).collect(Collectors.toSet()))
            .isEqualTo(flows.stream().map(Flow::text).collect(Collectors.toSet()));
    }
}
