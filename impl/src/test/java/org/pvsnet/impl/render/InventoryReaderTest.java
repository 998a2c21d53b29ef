/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;

/** Reading a switch's flows a share at a time, by the customer number in their cookies. */
public class InventoryReaderTest extends AbstractConcurrentDataBrokerTest {
    private static final String NODE = "openflow:1";
    private static final int CUSTOMERS = 3000;

    // one flow of the switch's own, and three per customer, as a switch holds them
    private final List<FlowAndStatisticsMapList> onSwitch = new ArrayList<>();
    // each request's cookie and mask, in the order asked
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private final RpcService switches = new RpcService() {
        @Override
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
            final GetFlowStatistics read = input -> {
                final long cookie = input.getCookie() == null ? 0 : input.getCookie().getValue().longValue();
                final long mask = input.getCookieMask() == null ? 0 : input.getCookieMask().getValue().longValue();
                asked.add(Long.toHexString(cookie) + "/" + Long.toHexString(mask));
                // as OpenFlow says: the flows whose cookie equals the request's in the mask's bits
                final List<FlowAndStatisticsMapList> matching = onSwitch.stream()
                    .filter(flow -> (flow.getCookie().getValue().longValue() & mask) == (cookie & mask)).toList();
                return RpcResultBuilder.success(new GetFlowStatisticsOutputBuilder()
                    .setFlowAndStatisticsMapList(matching).build()).buildFuture();
            };
            return type.cast(read);
        }
    };

    private List<Flow> compiled() {
        final List<Flow> flows = new ArrayList<>();
        flows.add(flow(0, 0));
        for (long customer = 1; customer <= CUSTOMERS; customer++) {
            for (int table = 0; table < 3; table++) {
                flows.add(flow(customer, table));
            }
        }
        return flows;
    }

    private static Flow flow(final long customer, final int table) {
        final String id = "c" + customer + "/t" + table;
        return new Flow(id, table, 100, customer << 32 | table, List.of(new MatchField.InPort(customer % 50 + 1)),
            List.of(new Action.Output(2)), java.util.Optional.empty());
    }

    private void connect(final List<Flow> flows) throws Exception {
        flows.forEach(flow -> onSwitch.add(new FlowAndStatisticsMapListBuilder(OpenFlowMapper.map(NODE, flow))
            .setFlowId(new FlowId("#UF$TABLE*" + flow.table() + "-" + onSwitch.size())).build()));
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(NODE), new NodeBuilder().setId(new NodeId(NODE))
            .addAugmentation(new FlowCapableNodeBuilder().setManufacturer("Nicira, Inc.").build()).build());
        tx.commit().get();
    }

    @Test
    public void aSwitchOfManyFlowsIsReadAShareAtATimeAndEveryFlowIsRead() throws Exception {
        final List<Flow> flows = compiled();
        connect(flows);
        final InventoryReader reader = new InventoryReader(getDataBroker(), switches);
        final Compiler.Compilation compilation = new Compiler.Compilation(Map.of(NODE, flows), Map.of());
        final var report = reader.read(compilation).get(NODE);
        assertThat(report.unread()).isEmpty();
        assertThat(report.flows()).hasSize(flows.size());
        assertThat(report.flowsById().values()).extracting(Flow::text)
            .containsExactlyInAnyOrderElementsOf(flows.stream().map(Flow::text).toList());
        // 9001 flows: three shares of 4096 would not hold them, four do
        assertThat(asked).containsExactly("0/300000000", "100000000/300000000", "200000000/300000000",
            "300000000/300000000");
    }

    @Test
    public void aSwitchOfFewFlowsIsReadWhole() throws Exception {
        final List<Flow> flows = compiled().subList(0, 100);
        connect(flows);
        final InventoryReader reader = new InventoryReader(getDataBroker(), switches);
        final var report = reader.read(new Compiler.Compilation(Map.of(NODE, flows), Map.of())).get(NODE);
        assertThat(report.flows()).hasSize(100);
        assertThat(asked).containsExactly("0/0");
    }

    @Test
    public void sharesFollowTheFlowCount() {
        assertThat(InventoryReader.shares(0)).isEqualTo(1);
        assertThat(InventoryReader.shares(4096)).isEqualTo(1);
        assertThat(InventoryReader.shares(4097)).isEqualTo(2);
        assertThat(InventoryReader.shares(100_000)).isEqualTo(32);
    }
}
