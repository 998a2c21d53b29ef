/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrierOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessages;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundle;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleOutputBuilder;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.validate.Validation;

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

    // -- what the programmer sends: a switch that takes every bundle, and notes what it got --------------------

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final RpcService takesEverything = new RpcService() {
        @Override
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
            if (type == ControlBundle.class) {
                return type.cast((ControlBundle) input -> {
                    sent.add(input.getType().getName());
                    return RpcResultBuilder.success(new ControlBundleOutputBuilder().build()).buildFuture();
                });
            }
            if (type == AddBundleMessages.class) {
                return type.cast((AddBundleMessages) input -> {
                    sent.add("add " + input.getMessages().getMessage().size());
                    return RpcResultBuilder.success(new AddBundleMessagesOutputBuilder().build()).buildFuture();
                });
            }
            if (type == SendBarrier.class) {
                // the barriers are SwitchWriterTest's
                return type.cast((SendBarrier) input ->
                    RpcResultBuilder.success(new SendBarrierOutputBuilder().build()).buildFuture());
            }
            throw new UnsupportedOperationException(type.getSimpleName());
        }
    };
    private final SwitchProgrammer programmer = new SwitchProgrammer(new SwitchWriter(takesEverything),
        nodeId -> true);
    private static final Compiler.Compilation BEFORE = Compiler.compile(Examples.resolved("fig-6.json"));
    private static final Compiler.Compilation AFTER = Compiler.compile(Examples.resolved("figs-7-8-9.json"));

    @Test
    void aSwitchWhoseStateIsUnknownGetsNothingUntilRepairedThenDifferences() throws Exception {
        assertThat(programmer.write(BEFORE).added()).isZero();
        assertThat(sent).isEmpty();
        programmer.repaired("openflow:1", BEFORE);
        assertThat(sent).as("repaired to the last written compilation: nothing more to send").isEmpty();
        final int expected = SwitchProgrammer.Change.of(base(BEFORE), base(AFTER)).add().size()
            + SwitchProgrammer.Change.of(base(BEFORE), base(AFTER)).remove().size();
        programmer.write(AFTER);
        assertThat(sent).containsExactly("add " + expected, "ONF_BCT_COMMIT_REQUEST");
    }

    @Test
    void aChangeWrittenDuringARepairIsSentAsSoonAsTheRepairEnds() throws Exception {
        programmer.write(BEFORE);
        // the repair to BEFORE is under way when AFTER is written: the programmer skips the switch
        programmer.write(AFTER);
        assertThat(sent).isEmpty();
        programmer.repaired("openflow:1", BEFORE);
        final var change = SwitchProgrammer.Change.of(base(BEFORE), base(AFTER));
        assertThat(change.isEmpty()).isFalse();
        final int messages = change.add().size() + change.remove().size();
        assertThat(sent).containsExactly("add " + messages, "ONF_BCT_COMMIT_REQUEST");
        // and from then on, the switch's base is AFTER: writing it again sends nothing
        programmer.write(AFTER);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aSwitchThatTookAChangeIsTrustedUntilTheInventoryShowsIt() throws Exception {
        final Instant start = Instant.now();
        programmer.write(BEFORE);
        programmer.repaired("openflow:1", BEFORE);
        assertThat(programmer.took("openflow:1", BEFORE, start)).as("a repair is seen in the inventory").isFalse();
        programmer.write(AFTER);
        assertThat(programmer.took("openflow:1", AFTER, start)).isTrue();
        assertThat(programmer.took("openflow:1", BEFORE, start)).isFalse();
        assertThat(programmer.took("openflow:1", AFTER, Instant.now().plusSeconds(1))).as("too long ago").isFalse();
        programmer.confirmed("openflow:1", AFTER);
        assertThat(programmer.took("openflow:1", AFTER, start)).as("the inventory caught up").isFalse();
    }

    @Test
    void aSwitchEmptiedByAChangeTakesTheNextOneDirectly() throws Exception {
        // without meters: this switch takes bundles only
        final Compiler.Compilation flowsOnly = new Compiler.Compilation(BEFORE.flows(), Map.of());
        programmer.write(flowsOnly);
        programmer.repaired("openflow:1", flowsOnly);
        programmer.write(new Compiler.Compilation(Map.of(), Map.of()));
        final List<String> bundle = List.of("add " + base(BEFORE).flows().size(), "ONF_BCT_COMMIT_REQUEST");
        assertThat(sent).isEqualTo(bundle);
        sent.clear();
        programmer.write(flowsOnly);
        assertThat(sent).as("no drift repair needed first").isEqualTo(bundle);
    }

    @Test
    void aRepairComputedForAnEarlierConfigurationIsDropped() throws Exception {
        programmer.write(BEFORE);
        programmer.repaired("openflow:1", BEFORE);
        programmer.write(AFTER);
        final List<String> ran = new ArrayList<>();
        assertThat(programmer.repair("openflow:1", BEFORE, () -> ran.add("stale"))).isFalse();
        assertThat(ran).as("it would bring back what AFTER removed").isEmpty();
        assertThat(programmer.repair("openflow:1", AFTER, () -> ran.add("current"))).isTrue();
        assertThat(ran).containsExactly("current");
    }

    @Test
    void aSwitchOfUnknownStateIsRepairedToAnEarlierConfigurationThenTakesTheLaterOne() throws Exception {
        programmer.write(BEFORE);
        programmer.write(AFTER);
        assertThat(sent).as("no base: changes skip the switch").isEmpty();
        assertThat(programmer.repair("openflow:1", BEFORE, () -> true)).isTrue();
        final var change = SwitchProgrammer.Change.of(base(BEFORE), base(AFTER));
        assertThat(sent).containsExactly("add " + (change.add().size() + change.remove().size()),
            "ONF_BCT_COMMIT_REQUEST");
    }

    private static SwitchProgrammer.Base base(final Compiler.Compilation compilation) {
        return new SwitchProgrammer.Base(compilation.flows().get("openflow:1"),
            compilation.meters().getOrDefault("openflow:1", List.of()));
    }

    /**
     * The walk over both states in order finds what a comparison of the flows' texts as sets finds: between each
     * example and the same without each of its customers, both ways, compiled with and without a memo (kept
     * flows the same objects, or equal ones).
     */
    @Test
    void walkingBothStatesInOrderFindsWhatComparingTheirTextsFinds() {
        int compared = 0;
        for (String example : List.of("figs-7-8-9.json", "qinq.json", "mixed.json", "underlay.json", "fig-6.json",
                "fig-10b.json")) {
            final Network all = ((Validation.Outcome.Accepted) Validation.check(Examples.load(example))).network();
            final Compiler.Memo memo = new Compiler.Memo();
            final Compiler.Compilation whole = Compiler.compile(ResolvedNetwork.of(all), memo);
            for (String id : all.customers().keySet()) {
                final TreeMap<String, Customer> without = new TreeMap<>(all.customers());
                without.remove(id);
                final Network less = new Network(all.switches(), without);
                for (Compiler.Compilation fewer : List.of(Compiler.compile(ResolvedNetwork.of(less), memo),
                        Compiler.compile(ResolvedNetwork.of(less)))) {
                    for (String nodeId : whole.flows().keySet()) {
                        final var from = new SwitchProgrammer.Base(whole.flows(nodeId), List.of());
                        final var to = new SwitchProgrammer.Base(fewer.flows(nodeId), List.of());
                        assertSameAsByTexts(example + " " + nodeId + " without " + id, from, to);
                        assertSameAsByTexts(example + " " + nodeId + " with " + id, to, from);
                        compared++;
                    }
                }
                Compiler.compile(ResolvedNetwork.of(all), memo);
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    private static void assertSameAsByTexts(final String what, final SwitchProgrammer.Base from,
            final SwitchProgrammer.Base to) {
        final Set<String> before = from.flows().stream().map(Flow::text).collect(Collectors.toSet());
        final Set<String> after = to.flows().stream().map(Flow::text).collect(Collectors.toSet());
        final List<Flow> add = to.flows().stream().filter(flow -> !before.contains(flow.text())).toList();
        final Set<String> replacing = add.stream().map(Drift::key).collect(Collectors.toSet());
        final List<Flow> remove = from.flows().stream()
            .filter(flow -> !after.contains(flow.text()) && !replacing.contains(Drift.key(flow))).toList();
        final var change = SwitchProgrammer.Change.of(from, to);
        assertThat(change.add()).as(what).isEqualTo(add);
        assertThat(change.remove()).as(what).isEqualTo(remove);
    }
}
