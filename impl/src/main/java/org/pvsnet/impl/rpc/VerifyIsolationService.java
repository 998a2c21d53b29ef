/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.FlowSource;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.VerifyIsolation;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.VerifyIsolationInput;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.VerifyIsolationOutput;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.VerifyIsolationOutputBuilder;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.sim.Isolation;

/**
 * The verify-isolation RPC: the isolation proof over the compiled flows, and over the flows the switches
 * report, whoever put them there.
 */
public final class VerifyIsolationService implements VerifyIsolation {
    private final PipelineService pipeline;
    private final InventoryReader inventory;

    public VerifyIsolationService(final PipelineService pipeline, final InventoryReader inventory) {
        this.pipeline = requireNonNull(pipeline);
        this.inventory = requireNonNull(inventory);
    }

    @Override
    public ListenableFuture<RpcResult<VerifyIsolationOutput>> invoke(final VerifyIsolationInput input) {
        final Optional<Snapshot.Accepted> current = pipeline.accepted();
        if (current.isEmpty()) {
            return RpcResults.unavailable("pvsnet has no accepted configuration to verify");
        }
        final Snapshot.Accepted snapshot = current.orElseThrow();
        final Optional<String> customer = Optional.ofNullable(input.getCustomer()).map(c -> c.getValue());
        if (customer.isPresent() && !snapshot.resolved().customers().containsKey(customer.orElseThrow())) {
            return RpcResults.invalid("customer", customer.orElseThrow() + " is not a configured customer");
        }
        final FlowSource source = input.getFlows() == null ? FlowSource.Both : input.getFlows();
        final List<String> checked = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        int packets = 0;
        if (source != FlowSource.Installed) {
            final Isolation.Result result = Isolation.verify(snapshot.resolved(), snapshot.compilation().flows(),
                customer);
            checked.add("compiled: " + snapshot.compilation().flowCount() + " flows on "
                + snapshot.compilation().flows().size() + " switches");
            packets += result.packetsChecked();
            result.violations().forEach(v -> violations.add("compiled: " + v));
        }
        if (source != FlowSource.Compiled) {
            final Map<String, InventoryReader.SwitchReport> reports;
            try {
                reports = inventory.read(snapshot.compilation());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return RpcResults.unavailable("interrupted while reading the switches");
            }
            final String unread = reports.entrySet().stream().filter(e -> !e.getValue().flowsRead())
                .map(e -> e.getKey() + ": " + e.getValue().unread()).collect(Collectors.joining("; "));
            if (!unread.isEmpty()) {
                return RpcResults.unavailable("could not read the flows of " + unread);
            }
            final Map<String, List<Flow>> installed = new TreeMap<>();
            reports.forEach((nodeId, report) -> {
                if (report.connected()) {
                    installed.put(nodeId, report.flowList());
                    checked.add("installed on " + nodeId + ": " + report.flows().size() + " flows");
                } else {
                    checked.add(nodeId + " is not connected: nothing installed to check");
                }
            });
            final Isolation.Result result = Isolation.verify(snapshot.resolved(), installed, customer);
            packets += result.packetsChecked();
            result.violations().forEach(v -> violations.add("installed: " + v));
        }
        return RpcResults.success(new VerifyIsolationOutputBuilder().setIsolated(violations.isEmpty())
            .setPacketsChecked(Uint32.valueOf(packets)).setChecked(new LinkedHashSet<>(checked))
            .setViolation(new LinkedHashSet<>(violations)).build());
    }
}
