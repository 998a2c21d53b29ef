/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrierOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeterOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeterOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessages;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundle;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleControlType;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;

/** The steps of a change: the meters, then the bundle, each completed by a barrier after it. */
class SwitchWriterTest {
    private static final List<Flow> FLOWS = Compiler.compile(Examples.resolved("figs-7-8-9.json")).flows()
        .get("openflow:1");
    private static final Compiler.MeterSpec METER = new Compiler.MeterSpec(5, Compiler.MeterSpec.Unit.KBPS, 1000,
        100, "pvsnet-C1");
    private static final Compiler.MeterSpec OTHER_METER = new Compiler.MeterSpec(6, Compiler.MeterSpec.Unit.KBPS,
        2000, 200, "pvsnet-C2");
    private static final Compiler.MeterSpec GONE_METER = new Compiler.MeterSpec(7, Compiler.MeterSpec.Unit.KBPS,
        3000, 300, "pvsnet-C3");
    private static final String COMMIT = BundleControlType.ONFBCTCOMMITREQUEST.getName();
    private static final String DISCARD = BundleControlType.ONFBCTDISCARDREQUEST.getName();

    /**
     * A switch behind openflowplugin: a step without a reply of its own (a bundle's message; the commit, whose reply
     * openflowplugin does not decode) is completed by the next barrier's answer, failed if the switch refused it.
     * There is no periodic barrier: a step no barrier follows is never completed, but a discard is answered at once.
     */
    private static final class Switch implements RpcService {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Runnable> unanswered = new ArrayList<>();
        final Predicate<String> refuses;

        Switch(final Predicate<String> refuses) {
            this.refuses = refuses;
        }

        @Override
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
            if (type == AddBundleMessages.class) {
                return type.cast((AddBundleMessages) input -> step("add " + input.getMessages().getMessage().size(),
                    new AddBundleMessagesOutputBuilder().build()));
            }
            if (type == ControlBundle.class) {
                return type.cast((ControlBundle) input -> {
                    final var answer = step(input.getType().getName(), new ControlBundleOutputBuilder().build());
                    if (input.getType() == BundleControlType.ONFBCTDISCARDREQUEST) {
                        answerAll();
                    }
                    return answer;
                });
            }
            if (type == AddMeter.class) {
                return type.cast((AddMeter) input -> step("add meter " + input.getMeterId().getValue(),
                    new AddMeterOutputBuilder().build()));
            }
            if (type == RemoveMeter.class) {
                return type.cast((RemoveMeter) input -> step("remove meter " + input.getMeterId().getValue(),
                    new RemoveMeterOutputBuilder().build()));
            }
            if (type == SendBarrier.class) {
                return type.cast((SendBarrier) input -> {
                    sent.add("barrier");
                    answerAll();
                    return RpcResultBuilder.success(new SendBarrierOutputBuilder().build()).buildFuture();
                });
            }
            throw new UnsupportedOperationException(type.getSimpleName());
        }

        private <O> ListenableFuture<RpcResult<O>> step(final String name, final O output) {
            sent.add(name);
            final SettableFuture<RpcResult<O>> answer = SettableFuture.create();
            synchronized (unanswered) {
                unanswered.add(() -> answer.set(refuses.test(name)
                    ? RpcResultBuilder.<O>failed().withError(ErrorType.APPLICATION, "refused: " + name).build()
                    : RpcResultBuilder.success(output).build()));
            }
            return answer;
        }

        private void answerAll() {
            synchronized (unanswered) {
                unanswered.forEach(Runnable::run);
                unanswered.clear();
            }
        }
    }

    /** As many flows as asked, each the example's first under an id of its own. */
    private static List<Flow> copies(final int count) {
        final Flow first = FLOWS.getFirst();
        return IntStream.range(0, count).mapToObj(i -> new Flow("pvsnet:copy-" + i, first.table(), first.priority(),
            first.cookie(), first.match(), first.actions(), first.tunnel())).toList();
    }

    private static void write(final Switch to, final List<Flow> add) throws Exception {
        new SwitchWriter(to).change("openflow:1", List.of(), List.of(), List.of(), add, List.of());
    }

    @Test
    void theMessagesAndTheCommitAreCompletedByTheBarrierAfterThem() throws Exception {
        final Switch takes = new Switch(step -> false);
        write(takes, FLOWS);
        // without the barrier, this switch would never answer: the write would fail
        assertThat(takes.sent).containsExactly("add " + FLOWS.size(), COMMIT, "barrier");
    }

    @Test
    void aMessageTheSwitchRefusedFailsTheChange() {
        // the switch may have committed the others: the change is reported not applied, for a repair
        final Switch refuses = new Switch(step -> step.startsWith("add"));
        assertThatThrownBy(() -> write(refuses, FLOWS)).isInstanceOf(SwitchWriter.WriteFailed.class)
            .hasMessageContaining("refused: add " + FLOWS.size());
        assertThat(refuses.sent).containsExactly("add " + FLOWS.size(), COMMIT, "barrier");
    }

    @Test
    void aRefusedCommitIsReportedAndNotDiscardedAgain() {
        final Switch refuses = new Switch(step -> step.equals(COMMIT));
        assertThatThrownBy(() -> write(refuses, FLOWS)).isInstanceOf(SwitchWriter.WriteFailed.class)
            .hasMessageContaining("refused: " + COMMIT);
        assertThat(refuses.sent).containsExactly("add " + FLOWS.size(), COMMIT, "barrier");
    }

    @Test
    void aChunkRefusedBeforeTheCommitIsSentDiscardsTheBundle() {
        // 5 chunks, at most 3 unanswered: the first is waited for before the fifth is sent, and it was refused
        final Switch refuses = new Switch(step -> step.startsWith("add"));
        assertThatThrownBy(() -> write(refuses, copies(25_000))).isInstanceOf(SwitchWriter.WriteFailed.class);
        assertThat(refuses.sent).doesNotContain(COMMIT).contains(DISCARD);
    }

    @Test
    void theMetersAreTakenBeforeTheBundleAndRemovedAfterIt() throws Exception {
        final Switch takes = new Switch(step -> false);
        new SwitchWriter(takes).change("openflow:1", List.of(METER), List.of(OTHER_METER), List.of(), FLOWS,
            List.of(GONE_METER));
        assertThat(takes.sent).containsExactly("remove meter 5", "add meter 5", "add meter 6", "barrier",
            "add " + FLOWS.size(), COMMIT, "barrier", "remove meter 7", "barrier");
    }

    @Test
    void aRefusedMeterStopsTheChangeBeforeItsFlows() {
        final Switch refuses = new Switch(step -> step.equals("add meter 6"));
        assertThatThrownBy(() -> new SwitchWriter(refuses).change("openflow:1", List.of(), List.of(OTHER_METER),
            List.of(), FLOWS, List.of())).isInstanceOf(SwitchWriter.WriteFailed.class)
            .hasMessageContaining("refused: add meter 6");
        assertThat(refuses.sent).containsExactly("add meter 6", "barrier");
    }

    @Test
    void aFailureWithoutReasonIsReportedAsARefusal() {
        // openflowplugin's bundle control fails a refused commit with no error in its result
        final RpcService refuses = new RpcService() {
            private final Switch takes = new Switch(step -> false);

            @Override
            public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
                return type == ControlBundle.class ? type.cast((ControlBundle) input -> RpcResultBuilder
                    .<ControlBundleOutput>failed().buildFuture()) : takes.getRpc(type);
            }
        };
        assertThatThrownBy(() -> new SwitchWriter(refuses).change("openflow:1", List.of(), List.of(), List.of(),
            FLOWS, List.of())).isInstanceOf(SwitchWriter.WriteFailed.class)
            .hasMessage(COMMIT + ": refused by the switch");
    }

    @Test
    void aLargeBundleGoesInChunksEachCompletedByABarrier() throws Exception {
        // 12,000 flows: chunks of 5000, 5000 and 2000, fewer than the chunks allowed in flight at once
        final Switch takes = new Switch(step -> false);
        write(takes, copies(12_000));
        assertThat(takes.sent).containsExactly("add 5000", "barrier", "add 5000", "barrier", "add 2000", COMMIT,
            "barrier");
    }
}
