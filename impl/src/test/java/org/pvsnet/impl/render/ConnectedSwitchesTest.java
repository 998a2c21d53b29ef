/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yangtools.concepts.Registration;

public class ConnectedSwitchesTest extends AbstractConcurrentDataBrokerTest {
    private final ConnectedSwitches connected = new ConnectedSwitches();
    private Registration registration;

    public ConnectedSwitchesTest() {
        super(true);
    }

    @Before
    public void connectOneBeforeFollowing() throws Exception {
        write("openflow:1", true);
        registration = connected.follow(getDataBroker());
    }

    @After
    public void stop() {
        registration.close();
    }

    @Test
    public void followsTheSwitchesComingAndGoing() throws Exception {
        // there before the following started
        await(() -> connected.test("openflow:1"));
        assertThat(connected.test("openflow:2")).isFalse();

        write("openflow:2", true);
        await(() -> connected.test("openflow:2"));

        // a change below a connected switch (a port, its statistics) leaves it connected
        final WriteTransaction port = getDataBroker().newWriteOnlyTransaction();
        final NodeConnectorId portId = new NodeConnectorId("openflow:2:7");
        port.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node("openflow:2").toBuilder()
            .child(NodeConnector.class, new NodeConnectorKey(portId)).build(),
            new NodeConnectorBuilder().setId(portId).build());
        port.commit().get();

        final WriteTransaction gone = getDataBroker().newWriteOnlyTransaction();
        gone.delete(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node("openflow:1"));
        gone.commit().get();
        await(() -> !connected.test("openflow:1"));
        assertThat(connected.test("openflow:2")).isTrue();

        // a node without the flow-capable part is not an OpenFlow switch openflowplugin has connected
        write("openflow:3", false);
        write("openflow:4", true);
        await(() -> connected.test("openflow:4"));
        assertThat(connected.test("openflow:3")).isFalse();
    }

    private void write(final String nodeId, final boolean flowCapable) throws Exception {
        final NodeBuilder node = new NodeBuilder().setId(new NodeId(nodeId));
        if (flowCapable) {
            node.addAugmentation(new FlowCapableNodeBuilder().setManufacturer("Nicira, Inc.").build());
        }
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(nodeId), node.build());
        tx.commit().get();
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException {
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("the condition within 10 s").isBefore(deadline);
            Thread.sleep(5);
        }
    }
}
