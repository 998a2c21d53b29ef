/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.pvsnet.impl.compile.Flow;

/**
 * What openflowplugin reports about the switches (operational inventory): connected or not, and which
 * of the desired flows its statistics have seen on the switch.
 */
public final class Inventory {

    /** Progress of one switch towards its desired flows. */
    public record Progress(boolean connected, int desired, int installed) {
        public boolean complete() {
            return connected && installed >= desired;
        }
    }

    private final DataBroker dataBroker;

    public Inventory(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    public Map<String, Progress> progress(final Map<String, List<Flow>> desired) throws InterruptedException {
        final Map<String, Progress> progress = new TreeMap<>();
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            for (var entry : desired.entrySet()) {
                final var node = tx.read(LogicalDatastoreType.OPERATIONAL, FlowWriter.node(entry.getKey())).get();
                if (node.isEmpty()) {
                    progress.put(entry.getKey(), new Progress(false, entry.getValue().size(), 0));
                    continue;
                }
                final FlowCapableNode fcn = node.orElseThrow().augmentation(FlowCapableNode.class);
                final Set<String> seen = FlowWriter.flowIds(fcn).keySet();
                final int installed = (int) entry.getValue().stream()
                    .filter(flow -> seen.contains(OpenFlowMapper.flowId(flow))).count();
                progress.put(entry.getKey(), new Progress(fcn != null, entry.getValue().size(), installed));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the operational inventory", e);
        }
        return progress;
    }
}
