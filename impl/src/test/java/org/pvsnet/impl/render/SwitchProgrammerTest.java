/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;

/** What one configuration change sends to a switch: only the difference, meters in the order a switch needs. */
class SwitchProgrammerTest {
    private static final Compiler.MeterSpec METER = new Compiler.MeterSpec(5, Compiler.MeterSpec.Unit.KBPS, 1000,
        100, "pvsnet-C1");
    private static final List<Flow> FLOWS = Compiler.compile(Examples.resolved("figs-7-8-9.json")).flows()
        .get("openflow:1");

    // the switch's flows with the first one sent through METER
    private static SwitchProgrammer.Base metered(final Compiler.MeterSpec meter) {
        final List<Flow> flows = new ArrayList<>(FLOWS);
        flows.set(0, withActions(flows.get(0), List.of(new Action.Meter(meter.id()), new Action.Output(3))));
        return new SwitchProgrammer.Base(flows, List.of(meter));
    }

    private static Flow withActions(final Flow flow, final List<Action> actions) {
        return new Flow(flow.id(), flow.table(), flow.priority(), flow.cookie(), flow.match(), actions,
            Optional.empty());
    }

    @Test
    void theSameStateIsNoChange() {
        assertThat(SwitchProgrammer.Change.of(metered(METER), metered(METER)).isEmpty()).isTrue();
    }

    @Test
    void aFlowWithOtherActionsIsAddedAndNotRemoved() {
        final List<Flow> changed = new ArrayList<>(FLOWS);
        changed.set(3, withActions(FLOWS.get(3), List.of(new Action.Output(9))));
        final var change = SwitchProgrammer.Change.of(new SwitchProgrammer.Base(FLOWS, List.of()),
            new SwitchProgrammer.Base(changed, List.of()));
        assertThat(change.add()).containsExactly(changed.get(3));
        assertThat(change.remove()).isEmpty();
    }

    @Test
    void aFlowNoLongerCompiledIsRemovedAndNothingElseMoves() {
        final var change = SwitchProgrammer.Change.of(new SwitchProgrammer.Base(FLOWS, List.of()),
            new SwitchProgrammer.Base(FLOWS.subList(1, FLOWS.size()), List.of()));
        assertThat(change.remove()).containsExactly(FLOWS.get(0));
        assertThat(change.add()).isEmpty();
    }

    @Test
    void aChangedMeterIsReplacedAndTheFlowsUsingItAddedAgain() {
        final Compiler.MeterSpec faster = new Compiler.MeterSpec(5, Compiler.MeterSpec.Unit.KBPS, 2000, 200,
            "pvsnet-C1");
        final var change = SwitchProgrammer.Change.of(metered(METER), metered(faster));
        assertThat(change.replaceMeters()).containsExactly(faster);
        assertThat(change.addMeters()).isEmpty();
        assertThat(change.removeMeters()).isEmpty();
        // the switch deletes the flows of a deleted meter: the one that uses it comes back, no other is sent
        assertThat(change.add()).containsExactly(metered(faster).flows().get(0));
        assertThat(change.remove()).isEmpty();
    }

    @Test
    void aMeterIsAddedBeforeItsFlowsAndRemovedAfterThem() {
        final var added = SwitchProgrammer.Change.of(new SwitchProgrammer.Base(FLOWS, List.of()), metered(METER));
        assertThat(added.addMeters()).containsExactly(METER);
        assertThat(added.add()).containsExactly(metered(METER).flows().get(0));
        final var removed = SwitchProgrammer.Change.of(metered(METER),
            new SwitchProgrammer.Base(FLOWS.subList(1, FLOWS.size()), List.of()));
        assertThat(removed.removeMeters()).containsExactly(METER);
        assertThat(removed.remove()).containsExactly(metered(METER).flows().get(0));
    }
}
