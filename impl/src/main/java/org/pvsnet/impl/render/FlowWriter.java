/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the switches to the compiled state through openflowplugin: flows are written to the
 * configuration inventory, and openflowplugin's forwarding-rules manager pushes them to the switch and
 * pushes them again whenever the switch reconnects. Only the difference to what was written before is
 * written: an unchanged flow is not touched, so a recompile of an unchanged model changes nothing.
 * Each switch is written in its own transaction, so one switch's failure does not hold back the others.
 */
public final class FlowWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FlowWriter.class);

    /** What pvsnet wrote for one flow id: its table, and the flow (null when only found in the datastore). */
    private record Written(int table, @Nullable Flow flow) {
    }

    /** The outcome for one switch. */
    public record Result(int written, int deleted, @Nullable String error) {
    }

    private final DataBroker dataBroker;
    private final Map<String, Map<String, Written>> written = new HashMap<>();
    private final Map<String, Set<Long>> writtenMeters = new HashMap<>();

    public FlowWriter(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    static DataObjectIdentifier<Node> node(final String nodeId) {
        return DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(nodeId))).build();
    }

    static DataObjectIdentifier<FlowCapableNode> flowCapableNode(final String nodeId) {
        return node(nodeId).toBuilder().augmentation(FlowCapableNode.class).build();
    }

    static DataObjectIdentifier<Table> table(final String nodeId, final int table) {
        return flowCapableNode(nodeId).toBuilder().child(Table.class, new TableKey(Uint8.valueOf(table))).build();
    }

    /** Every flow id in a switch's inventory, with the table it is in. */
    static Map<String, Integer> flowIds(final @Nullable FlowCapableNode node) {
        final Map<String, Integer> ids = new HashMap<>();
        if (node != null && node.getTable() != null) {
            for (Table table : node.getTable().values()) {
                final int id = table.getId().toJava();
                if (table.getFlow() != null) {
                    table.getFlow().keySet().forEach(key -> ids.put(key.getId().getValue(), id));
                }
            }
        }
        return ids;
    }

    static DataObjectIdentifier<org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table
            .Flow> flow(final String nodeId, final int table, final String flowId) {
        return table(nodeId, table).toBuilder().child(
            org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow.class,
            new FlowKey(new FlowId(flowId))).build();
    }

    /**
     * Forget what is in memory and learn from the configuration inventory which pvsnet flows exist, so that
     * flows of a previous run that are no longer wanted get deleted.
     */
    public synchronized void loadFromDatastore(final Set<String> nodeIds) throws InterruptedException {
        written.clear();
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            for (String nodeId : nodeIds) {
                final var fcn = tx.read(LogicalDatastoreType.CONFIGURATION, flowCapableNode(nodeId)).get();
                final Map<String, Written> found = new HashMap<>();
                flowIds(fcn.orElse(null)).forEach((id, table) -> {
                    if (id.startsWith(OpenFlowMapper.ID_PREFIX)) {
                        found.put(id, new Written(table, null));
                    }
                });
                if (!found.isEmpty()) {
                    written.put(nodeId, found);
                }
            }
        } catch (ExecutionException e) {
            LOG.warn("Could not read the configuration inventory; pvsnet flows of a previous run may remain", e);
        }
    }

    static DataObjectIdentifier<org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter>
            meter(final String nodeId, final long id) {
        return flowCapableNode(nodeId).toBuilder().child(
            org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter.class,
            new MeterKey(new MeterId(Uint32.valueOf(id)))).build();
    }

    /**
     * Write the meters the flows use, before the flows, in their own transaction per switch: a flow that
     * names a meter the switch does not have is refused by the switch.
     */
    public synchronized void applyMeters(final Map<String, List<Compiler.MeterSpec>> desired)
            throws InterruptedException {
        final Set<String> nodes = new HashSet<>(desired.keySet());
        nodes.addAll(writtenMeters.keySet());
        for (String nodeId : nodes) {
            final List<Compiler.MeterSpec> want = desired.getOrDefault(nodeId, List.of());
            final Set<Long> have = writtenMeters.getOrDefault(nodeId, Set.of());
            final Set<Long> wantIds = new HashSet<>();
            final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
            boolean changed = false;
            for (Compiler.MeterSpec spec : want) {
                wantIds.add(spec.id());
                if (!have.contains(spec.id())) {
                    tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, meter(nodeId, spec.id()),
                        OpenFlowMapper.meter(spec));
                    changed = true;
                }
            }
            for (Long id : have) {
                if (!wantIds.contains(id)) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, meter(nodeId, id));
                    changed = true;
                }
            }
            if (!changed) {
                tx.cancel();
                continue;
            }
            try {
                tx.commit().get();
                writtenMeters.put(nodeId, wantIds);
            } catch (ExecutionException e) {
                LOG.error("{}: could not write meters", nodeId, e);
            }
        }
    }

    /** Write the difference between what was written and what is desired, switch by switch. */
    public synchronized Map<String, Result> apply(final Map<String, List<Flow>> desired) throws InterruptedException {
        final Set<String> nodes = new HashSet<>(desired.keySet());
        nodes.addAll(written.keySet());
        final Map<String, Result> results = new TreeMap<>();
        for (String nodeId : nodes) {
            final Map<String, Written> want = new HashMap<>();
            desired.getOrDefault(nodeId, List.of())
                .forEach(flow -> want.put(OpenFlowMapper.flowId(flow), new Written(flow.table(), flow)));
            final Map<String, Written> have = written.getOrDefault(nodeId, Map.of());
            final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
            int puts = 0;
            int deletes = 0;
            for (var entry : want.entrySet()) {
                final Written before = have.get(entry.getKey());
                if (before == null || !Objects.equals(before.flow, entry.getValue().flow)) {
                    final Flow flow = entry.getValue().flow;
                    tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION,
                        flow(nodeId, flow.table(), entry.getKey()), OpenFlowMapper.map(nodeId, flow));
                    puts++;
                }
            }
            for (var entry : have.entrySet()) {
                if (!want.containsKey(entry.getKey())) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, flow(nodeId, entry.getValue().table, entry.getKey()));
                    deletes++;
                }
            }
            if (puts == 0 && deletes == 0) {
                tx.cancel();
                results.put(nodeId, new Result(0, 0, null));
                continue;
            }
            try {
                tx.commit().get();
                written.put(nodeId, want);
                results.put(nodeId, new Result(puts, deletes, null));
                LOG.info("{}: wrote {} flows, deleted {}", nodeId, puts, deletes);
            } catch (ExecutionException e) {
                LOG.error("{}: could not write flows", nodeId, e);
                results.put(nodeId, new Result(0, 0, "could not write flows: " + e.getCause().getMessage()));
            }
        }
        return results;
    }
}
