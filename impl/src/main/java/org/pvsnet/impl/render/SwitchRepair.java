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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.service.rev130918.AddMeterInputBuilder;
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
 * Brings one switch back to what pvsnet compiled for it, in one atomic step: the missing meters first (OVS
 * takes no meter-mods in a bundle), then one OpenFlow bundle (atomic, ordered) that removes the foreign flows
 * and adds the missing and changed ones. A packet sees the switch before or after the repair, never half of
 * it; flows that already equal the compiled ones are not touched.
 */
public final class SwitchRepair {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchRepair.class);
    // Bundle ids are the application's to choose; pvsnet's start high, away from openflowplugin's own (from 0).
    private static final long FIRST_BUNDLE_ID = 0x70000000L;
    private static final BundleFlags ATOMIC_ORDERED = new BundleFlags(true, true);
    private static final long RPC_TIMEOUT_SECONDS = 30;

    private final RpcService rpcs;
    private final AtomicLong bundleIds = new AtomicLong(FIRST_BUNDLE_ID);

    public SwitchRepair(final RpcService rpcs) {
        this.rpcs = requireNonNull(rpcs);
    }

    /**
     * Repair the switch.
     *
     * @param reported what the switch reports, for the foreign flows' matches
     * @param meters the compiled meters of the switch, for the missing ones
     */
    public void repair(final String nodeId, final Drift drift,
            final Map<String, InventoryReader.Installed> reported, final List<Compiler.MeterSpec> meters)
            throws InterruptedException {
        final NodeRef node = new NodeRef(InventoryPaths.node(nodeId));
        try {
            for (Compiler.MeterSpec spec : meters) {
                if (drift.metersMissing().contains(spec.id())) {
                    expect(rpcs.getRpc(AddMeter.class).invoke(new AddMeterInputBuilder(OpenFlowMapper.meter(spec))
                        .setNode(node).build()), "add meter " + spec.id());
                }
            }
            if (drift.missing().isEmpty() && drift.foreign().isEmpty()) {
                return;
            }
            final List<Message> messages = new ArrayList<>();
            // the foreign ids are keys of reported (Drift took them from the same report)
            for (String id : drift.foreign()) {
                messages.add(new MessageBuilder().setNode(node).setBundleInnerMessage(
                    new BundleRemoveFlowCaseBuilder().setRemoveFlowCaseData(
                        new RemoveFlowCaseDataBuilder(reported.get(id).reported()).setStrict(true).build()).build())
                    .build());
            }
            for (Flow flow : drift.missing()) {
                messages.add(new MessageBuilder().setNode(node).setBundleInnerMessage(
                    new BundleAddFlowCaseBuilder().setAddFlowCaseData(
                        new AddFlowCaseDataBuilder(OpenFlowMapper.map(nodeId, flow)).build()).build()).build());
            }
            final BundleId bundle = new BundleId(Uint32.valueOf(bundleIds.getAndIncrement() & 0xffffffffL));
            control(node, bundle, BundleControlType.ONFBCTOPENREQUEST);
            try {
                expect(rpcs.getRpc(AddBundleMessages.class).invoke(new AddBundleMessagesInputBuilder()
                    .setNode(node).setBundleId(bundle).setFlags(ATOMIC_ORDERED)
                    .setMessages(new MessagesBuilder().setMessage(messages).build()).build()), "add to bundle");
                control(node, bundle, BundleControlType.ONFBCTCOMMITREQUEST);
            } catch (RepairFailed e) {
                discard(node, bundle);
                throw e;
            }
            LOG.info("{}: repaired in one bundle: removed {} foreign flows, added {} missing or changed flows",
                nodeId, drift.foreign().size(), drift.missing().size());
        } catch (RepairFailed e) {
            // the drift stays, is seen again and tried again (a few times, see DriftRepairer)
            LOG.warn("{}: repair failed: {}", nodeId, e.getMessage());
        }
    }

    private void control(final NodeRef node, final BundleId bundle, final BundleControlType type)
            throws InterruptedException, RepairFailed {
        expect(rpcs.getRpc(ControlBundle.class).invoke(new ControlBundleInputBuilder().setNode(node)
            .setBundleId(bundle).setFlags(ATOMIC_ORDERED).setType(type).build()), type.getName());
    }

    private void discard(final NodeRef node, final BundleId bundle) throws InterruptedException {
        try {
            control(node, bundle, BundleControlType.ONFBCTDISCARDREQUEST);
        } catch (RepairFailed e) {
            // the switch drops an idle bundle by itself after a while
            LOG.debug("discarding bundle {} failed", bundle.getValue(), e);
        }
    }

    private static void expect(final Future<? extends RpcResult<?>> call, final String what)
            throws InterruptedException, RepairFailed {
        final RpcResult<?> result;
        try {
            result = call.get(RPC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RepairFailed(what + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new RepairFailed(what + ": no answer in " + RPC_TIMEOUT_SECONDS + " s", e);
        }
        if (!result.isSuccessful()) {
            throw new RepairFailed(what + ": " + result.getErrors().stream()
                .map(error -> error.getMessage()).toList(), null);
        }
    }

    private static final class RepairFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RepairFailed(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
