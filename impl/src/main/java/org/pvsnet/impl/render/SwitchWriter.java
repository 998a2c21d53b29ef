/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrierInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeterInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.RemoveMeterInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessages;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundle;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.MessagesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.MessageBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.add.flow._case.AddFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.remove.flow._case.RemoveFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleControlType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleId;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the switches through openflowplugin's RPCs, never through its inventory: meter-mods (OVS takes none in
 * a bundle) and flows in one atomic, ordered OpenFlow bundle per change, so that a packet sees a switch before or
 * after the change, never half of it (but for a message the switch refuses as it is added: see bundle). One writer
 * at a time per switch: a configuration change and a drift repair never interleave their bundles.
 */
public final class SwitchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchWriter.class);
    // Bundle ids are the application's to choose; pvsnet's start high, away from openflowplugin's own (from 0).
    private static final long FIRST_BUNDLE_ID = 0x70000000L;
    private static final BundleFlags ATOMIC_ORDERED = new BundleFlags(true, true);
    private static final long RPC_TIMEOUT_SECONDS = 30;
    // Each bundle message holds one permit of openflowplugin's per-switch request quota (rpc-requests-quota,
    // 20000) until the next barrier: a large bundle goes in chunks, at most CHUNKS_IN_FLIGHT unanswered. More than
    // one lets openflowplugin convert a chunk while the one before is serialized and sent.
    private static final int MESSAGES_PER_CALL = 5000;
    private static final int CHUNKS_IN_FLIGHT = 3;

    /**
     * A write the switch (or openflowplugin on its behalf) did not take. A refused commit left nothing; a message
     * refused as it was added may leave the bundle's others committed (see bundle): either way, a repair follows.
     */
    public static final class WriteFailed extends Exception {
        private static final long serialVersionUID = 1L;

        WriteFailed(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    private final RpcService rpcs;
    private final AtomicLong bundleIds = new AtomicLong(FIRST_BUNDLE_ID);
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public SwitchWriter(final RpcService rpcs) {
        this.rpcs = requireNonNull(rpcs);
    }

    /**
     * Change one switch: replace the meters whose band changed (openflowplugin sends a changed meter as
     * OFPMC_ADD, which a switch refuses with METER_EXISTS: removed, then added; the switch deletes the flows
     * that use it, so they must be among the added flows), add the new meters, then in one bundle remove the
     * flows (strictly: by table, priority and match) and add the others (an added flow replaces one with the
     * same table, priority and match), then remove the meters no flow uses any more.
     */
    public void change(final String nodeId, final Collection<Compiler.MeterSpec> replaceMeters,
            final Collection<Compiler.MeterSpec> addMeters,
            final List<? extends org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.Flow> remove,
            final List<Flow> add, final Collection<Compiler.MeterSpec> removeMeters)
            throws InterruptedException, WriteFailed {
        final NodeRef node = new NodeRef(InventoryPaths.node(nodeId));
        synchronized (locks.computeIfAbsent(nodeId, id -> new Object())) {
            final List<Pending> meters = new ArrayList<>();
            for (Compiler.MeterSpec spec : replaceMeters) {
                meters.add(removeMeter(node, spec));
                meters.add(addMeter(node, spec));
            }
            for (Compiler.MeterSpec spec : addMeters) {
                meters.add(addMeter(node, spec));
            }
            expectAll(node, meters);
            if (!remove.isEmpty() || !add.isEmpty()) {
                bundle(node, nodeId, remove, add);
            }
            for (Compiler.MeterSpec spec : removeMeters) {
                meters.add(removeMeter(node, spec));
            }
            expectAll(node, meters);
        }
    }

    // A meter-mod has no reply of its own: the barrier expectAll sends after it completes it, or its refusal fails it.
    private Pending addMeter(final NodeRef node, final Compiler.MeterSpec spec) {
        return new Pending(rpcs.getRpc(AddMeter.class).invoke(new AddMeterInputBuilder(OpenFlowMapper.meter(spec))
            .setNode(node).build()), "add meter " + spec.id());
    }

    private Pending removeMeter(final NodeRef node, final Compiler.MeterSpec spec) {
        return new Pending(rpcs.getRpc(RemoveMeter.class).invoke(new RemoveMeterInputBuilder(
            OpenFlowMapper.meter(spec)).setNode(node).build()), "remove meter " + spec.id());
    }

    /**
     * Bring a switch back to what pvsnet compiled for it: the missing meters, then one bundle that removes the
     * foreign flows and adds the missing and changed ones. Flows that equal the compiled ones are not touched.
     * A failure is logged: the drift stays, is seen again and tried again (a few times, see DriftRepairer).
     *
     * @param reported what the switch reports, for the foreign flows' matches
     * @param meters the compiled meters of the switch, for the missing ones
     * @return whether the switch took the repair
     */
    public boolean repair(final String nodeId, final Drift drift,
            final Map<String, InventoryReader.Installed> reported, final List<Compiler.MeterSpec> meters)
            throws InterruptedException {
        final long start = System.nanoTime();
        try {
            // the foreign ids are keys of reported (Drift took them from the same report)
            change(nodeId, List.of(),
                meters.stream().filter(spec -> drift.metersMissing().contains(spec.id())).toList(),
                drift.foreign().stream().map(id -> reported.get(id).reported()).toList(), drift.missing(), List.of());
            LOG.info("{}: repaired in {} ms: removed {} foreign flows, added {} missing or changed flows, {} meters",
                nodeId, (System.nanoTime() - start) / 1_000_000, drift.foreign().size(), drift.missing().size(),
                drift.metersMissing().size());
            return true;
        } catch (WriteFailed e) {
            LOG.warn("{}: repair failed: {}", nodeId, e.getMessage());
            return false;
        }
    }

    private void bundle(final NodeRef node, final String nodeId,
            final List<? extends org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.Flow> remove,
            final List<Flow> add) throws InterruptedException, WriteFailed {
        // Each chunk's messages are made when it is sent: the bindings of 100,000 flows at once weighed on the heap.
        final int total = remove.size() + add.size();
        final IntFunction<Message> message = index -> index < remove.size()
            ? new MessageBuilder().setNode(node).setBundleInnerMessage(new BundleRemoveFlowCaseBuilder()
                .setRemoveFlowCaseData(new RemoveFlowCaseDataBuilder(remove.get(index)).setStrict(true).build())
                .build()).build()
            : new MessageBuilder().setNode(node).setBundleInnerMessage(new BundleAddFlowCaseBuilder()
                .setAddFlowCaseData(new AddFlowCaseDataBuilder(OpenFlowMapper.map(nodeId,
                    add.get(index - remove.size()))).build()).build()).build();
        final BundleId bundle = new BundleId(Uint32.valueOf(bundleIds.getAndIncrement() & 0xffffffffL));
        // The chunks and the commit go out back to back, then a barrier, and are waited for together: the switch
        // answers in order, so the barrier's answer comes after every refusal, and completes the steps without a
        // reply of their own at once rather than at openflowplugin's next periodic barrier. Waiting for the
        // messages' answers before the commit would cost one more pass of the switch's main loop per change (13 to
        // 23 ms with 10,000 ports on Open vSwitch's bridges): so a message the switch refuses as it is added
        // does not keep it from committing the others (Open vSwitch 3.1 commits them), and the change is reported
        // not applied, for the drift repairer to bring the switch to what was compiled. pvsnet's flows pass the
        // switch's checks (the end-to-end tests run them all); a commit the switch refuses leaves nothing. No open
        // request: the first message added opens the bundle (Open vSwitch does, as the bundle extension allows).
        final long start = System.nanoTime();
        final List<Pending> pending = new ArrayList<>();
        boolean committing = false;
        try {
            int inFlight = 0;
            for (int from = 0; from < total; from += MESSAGES_PER_CALL) {
                final List<Message> chunk = IntStream.range(from, Math.min(total, from + MESSAGES_PER_CALL))
                    .mapToObj(message).toList();
                pending.add(new Pending(rpcs.getRpc(AddBundleMessages.class).invoke(
                    new AddBundleMessagesInputBuilder().setNode(node).setBundleId(bundle).setFlags(ATOMIC_ORDERED)
                        .setMessages(new MessagesBuilder().setMessage(chunk).build()).build()), "add to bundle"));
                if (from + MESSAGES_PER_CALL < total) {
                    // a chunk holds its quota permits until it completes: the barrier after it completes it as soon
                    // as the switch has taken it
                    pending.add(barrier(node));
                    if (++inFlight > CHUNKS_IN_FLIGHT) {
                        expectFirst(pending);
                        expectFirst(pending);
                        inFlight--;
                    }
                }
            }
            committing = true;
            pending.add(control(node, bundle, BundleControlType.ONFBCTCOMMITREQUEST));
            final long sent = System.nanoTime();
            expectAll(node, pending);
            LOG.debug("{}: bundle of {} messages sent in {} us, committed after {} us", nodeId, total,
                (sent - start) / 1000, (System.nanoTime() - start) / 1000);
        } catch (WriteFailed e) {
            if (!committing) {
                discard(node, bundle);
            }
            throw e;
        }
    }

    /** A step sent to a switch, not yet waited for. */
    private record Pending(Future<? extends RpcResult<?>> call, String what) {
    }

    private Pending control(final NodeRef node, final BundleId bundle, final BundleControlType type) {
        return new Pending(rpcs.getRpc(ControlBundle.class).invoke(new ControlBundleInputBuilder().setNode(node)
            .setBundleId(bundle).setFlags(ATOMIC_ORDERED).setType(type).build()), type.getName());
    }

    private Pending barrier(final NodeRef node) {
        return new Pending(rpcs.getRpc(SendBarrier.class).invoke(new SendBarrierInputBuilder().setNode(node).build()),
            "barrier");
    }

    /**
     * Wait for these steps, after a barrier: the switch answers in order, so the barrier's answer comes after
     * every refusal of them, and completes those without a reply of their own at once rather than at
     * openflowplugin's next periodic barrier. The first failure is the one reported.
     */
    private void expectAll(final NodeRef node, final List<Pending> steps) throws InterruptedException, WriteFailed {
        if (!steps.isEmpty()) {
            steps.add(barrier(node));
            while (!steps.isEmpty()) {
                expectFirst(steps);
            }
        }
    }

    /** Wait for the oldest step; a failure is the first one (the switch answers in order). */
    private static void expectFirst(final List<Pending> pending) throws InterruptedException, WriteFailed {
        final Pending step = pending.removeFirst();
        expect(step.call(), step.what());
    }

    private void discard(final NodeRef node, final BundleId bundle) throws InterruptedException {
        try {
            final Pending step = control(node, bundle, BundleControlType.ONFBCTDISCARDREQUEST);
            expect(step.call(), step.what());
        } catch (WriteFailed e) {
            // the switch drops an idle bundle by itself after a while
            LOG.debug("discarding bundle {} failed", bundle.getValue(), e);
        }
    }

    private static void expect(final Future<? extends RpcResult<?>> call, final String what)
            throws InterruptedException, WriteFailed {
        final RpcResult<?> result;
        try {
            result = call.get(RPC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new WriteFailed(what + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new WriteFailed(what + ": no answer in " + RPC_TIMEOUT_SECONDS + " s", e);
        }
        if (!result.isSuccessful()) {
            // openflowplugin's bundle control passes on no error of a refused commit, only the failure
            throw new WriteFailed(what + ": " + (result.getErrors().isEmpty() ? "refused by the switch"
                : result.getErrors().stream().map(error -> error.getMessage()).toList()), null);
        }
    }
}
