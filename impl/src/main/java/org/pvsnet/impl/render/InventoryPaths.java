/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.TableKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.KeyStep;

/** Where things live in openflowplugin's inventory. */
final class InventoryPaths {
    private InventoryPaths() {
        // paths only
    }

    static DataObjectIdentifier<Nodes> nodes() {
        return DataObjectIdentifier.builder(Nodes.class).build();
    }

    static DataObjectIdentifier<Node> node(final String nodeId) {
        return DataObjectIdentifier.builder(Nodes.class).child(Node.class, new NodeKey(new NodeId(nodeId))).build();
    }

    /** The node a path is in ("openflow:1"), or null when it names none. */
    static String nodeIdOf(final DataObjectReference<?> path) {
        for (var step : path.steps()) {
            if (step instanceof KeyStep<?, ?> keyed && keyed.key() instanceof NodeKey node) {
                return node.getId().getValue();
            }
        }
        return null;
    }

    static DataObjectIdentifier<FlowCapableNode> flowCapableNode(final String nodeId) {
        return node(nodeId).toBuilder().augmentation(FlowCapableNode.class).build();
    }

    /** A flow, where its own table id and key say. */
    static DataObjectIdentifier<Flow> flow(final String nodeId, final Flow flow) {
        return flowCapableNode(nodeId).toBuilder().child(Table.class, new TableKey(flow.getTableId()))
            .child(Flow.class, flow.key()).build();
    }

    static DataObjectIdentifier<Meter> meter(final String nodeId, final Meter meter) {
        return flowCapableNode(nodeId).toBuilder().child(Meter.class, new MeterKey(meter.getMeterId())).build();
    }
}
