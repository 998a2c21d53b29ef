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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.BiPredicate;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.pvsnet.impl.compile.Compiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a compilation into openflowplugin's configuration inventory, from where its forwarding-rules manager
 * programs the switches (and programs them again when they reconnect): meters first (a flow naming a
 * missing meter is refused by the switch), then flows; only the difference with what is there.
 */
public final class InventoryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryWriter.class);

    /**
     * What writing did.
     *
     * @param errors per switch, why its flows could not be written
     */
    public record Outcome(int written, int deleted, Map<String, String> errors) {
    }

    private final DataBroker dataBroker;
    private final DiffWriter<Flow> flows;
    private final DiffWriter<Meter> meters;
    private boolean loaded;

    public InventoryWriter(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
        flows = new DiffWriter<>(dataBroker, "flows", InventoryPaths::flow);
        meters = new DiffWriter<>(dataBroker, "meters", InventoryPaths::meter);
    }

    public synchronized Outcome write(final Compiler.Compilation compilation) throws InterruptedException {
        if (!loaded) {
            load(compilation.flows().keySet());
            loaded = true;
        }
        final Map<String, Map<String, Meter>> desiredMeters = new TreeMap<>();
        compilation.meters().forEach((nodeId, list) -> {
            final Map<String, Meter> byId = new HashMap<>();
            list.forEach(spec -> byId.put(String.valueOf(spec.id()), OpenFlowMapper.meter(spec)));
            desiredMeters.put(nodeId, byId);
        });
        replaceChanged(desiredMeters);
        // a failure is logged by the writer; the flows that need the meter then fail on the switch and show
        meters.apply(desiredMeters);
        final Map<String, Map<String, Flow>> desiredFlows = new TreeMap<>();
        compilation.flows().forEach((nodeId, list) -> {
            final Map<String, Flow> byId = new HashMap<>();
            list.forEach(flow -> byId.put(OpenFlowMapper.flowId(flow), OpenFlowMapper.map(nodeId, flow)));
            desiredFlows.put(nodeId, byId);
        });
        int written = 0;
        int deleted = 0;
        final Map<String, String> errors = new TreeMap<>();
        for (var entry : flows.apply(desiredFlows).entrySet()) {
            written += entry.getValue().written();
            deleted += entry.getValue().deleted();
            if (entry.getValue().error() != null) {
                errors.put(entry.getKey(), entry.getValue().error());
            }
        }
        return new Outcome(written, deleted, errors);
    }

    // openflowplugin 0.20 sends a changed meter as OFPMC_ADD, which a switch refuses (METER_EXISTS), so a meter
    // whose band changed is replaced: first removed with the flows that use it (a switch deletes those with the
    // meter anyway), then written again with them. The customer's lookup flows are off the switch meanwhile.
    private void replaceChanged(final Map<String, Map<String, Meter>> desiredMeters) throws InterruptedException {
        final Map<String, Set<String>> changed = meters.changed(desiredMeters);
        if (changed.isEmpty()) {
            return;
        }
        LOG.info("Replacing meters whose rate changed: {}", changed);
        final BiPredicate<String, Flow> usesChanged = (nodeId, flow) -> OpenFlowMapper.meterId(flow)
            .map(id -> changed.getOrDefault(nodeId, Set.of()).contains(id)).orElse(false);
        flows.apply(flows.writtenWithout(usesChanged));
        meters.apply(meters.writtenWithout((nodeId, meter) -> changed.getOrDefault(nodeId, Set.of())
            .contains(String.valueOf(meter.getMeterId().getValue()))));
    }

    // pvsnet's flows and meters of a previous run, on every switch in the inventory (also those no longer
    // configured, so that their flows go): kept when still desired, deleted when not.
    private void load(final Set<String> nodeIds) throws InterruptedException {
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            final Set<String> all = new TreeSet<>(nodeIds);
            tx.read(LogicalDatastoreType.CONFIGURATION, InventoryPaths.nodes()).get()
                .ifPresent(nodes -> nodes.nonnullNode().keySet().forEach(key -> all.add(key.getId().getValue())));
            for (String nodeId : all) {
                final FlowCapableNode node = tx.read(LogicalDatastoreType.CONFIGURATION,
                    InventoryPaths.flowCapableNode(nodeId)).get().orElse(null);
                final Map<String, Flow> ownFlows = new HashMap<>();
                final Map<String, Meter> ownMeters = new HashMap<>();
                if (node != null) {
                    for (Table table : node.nonnullTable().values()) {
                        for (Flow flow : table.nonnullFlow().values()) {
                            if (flow.getId().getValue().startsWith(OpenFlowMapper.ID_PREFIX)) {
                                ownFlows.put(flow.getId().getValue(), flow);
                            }
                        }
                    }
                    for (Meter meter : node.nonnullMeter().values()) {
                        if (OpenFlowMapper.isOwnMeter(meter.getMeterName())) {
                            ownMeters.put(String.valueOf(meter.getMeterId().getValue()), meter);
                        }
                    }
                }
                flows.found(nodeId, ownFlows);
                meters.found(nodeId, ownMeters);
            }
        } catch (ExecutionException e) {
            LOG.warn("Could not read the configuration inventory; pvsnet flows of a previous run may remain", e);
        }
    }
}
