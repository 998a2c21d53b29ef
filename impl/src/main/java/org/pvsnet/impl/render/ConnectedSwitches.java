/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataObjectModification.ModificationType;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * The switches openflowplugin has connected now: those with a flow-capable node in the operational inventory,
 * followed through the inventory's changes. Every configuration change asks this of each switch it writes; a
 * datastore read per switch put a round trip to the inventory's shard on the path of every change.
 */
public final class ConnectedSwitches implements Predicate<String>, DataTreeChangeListener<FlowCapableNode> {
    private final Set<String> connected = ConcurrentHashMap.newKeySet();

    /** Follow the inventory; the set fills with the switches connected now, then follows them. */
    public Registration follow(final DataBroker broker) {
        return broker.registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
            DataObjectReference.builder(Nodes.class).child(Node.class).augmentation(FlowCapableNode.class).build(),
            this);
    }

    @Override
    public boolean test(final String nodeId) {
        return connected.contains(nodeId);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<FlowCapableNode>> changes) {
        // a node's statistics change below it often; only its coming and going matter here
        for (DataTreeModification<FlowCapableNode> change : changes) {
            final String nodeId = InventoryPaths.nodeIdOf(change.path());
            if (nodeId == null) {
                continue;
            }
            if (change.getRootNode().modificationType() == ModificationType.DELETE) {
                connected.remove(nodeId);
            } else {
                connected.add(nodeId);
            }
        }
    }

    @Override
    public void onInitialData() {
        // no switch is connected
    }
}
