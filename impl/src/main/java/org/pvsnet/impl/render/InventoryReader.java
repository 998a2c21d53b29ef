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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.statistics.rev131111.NodeMeterStatistics;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.pvsnet.impl.compile.Flow;

/**
 * Reads what the switches report: from openflowplugin's operational inventory whether each switch is connected,
 * its ports and its meters with their statistics; and, asked of the switch itself at each read (openflowplugin's
 * direct statistics, not stored anywhere), the flows on it (pvsnet's and anyone else's) with their counters.
 * openflowplugin's own polling of flow statistics into the inventory is turned off (pvsnet's start): with 10,000
 * customers it held 130,000 flows as datastore trees, most of the controller's heap, and rewrote them every 3 s.
 */
public final class InventoryReader {
    private static final long FLOWS_TIMEOUT_SECONDS = 10;

    /**
     * A flow found on a switch, as openflowplugin reports it, with its counters.
     *
     * @param reported the flow as the switch reports it, to remove it by its match when it is foreign
     * @param flow the reported flow read back into pvsnet's form once, for the status's comparison by content,
     *     the counters and the simulator
     */
    public record Installed(String inventoryId, org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.Flow
            reported, Flow flow, long packets, long bytes) {
    }

    /** A meter found on a switch: packets and bytes that entered it, packets its drop band dropped. */
    public record MeterReport(long packets, long bytes, long dropped) {
        public static final MeterReport ZERO = new MeterReport(0, 0, 0);

        public MeterReport plus(final MeterReport other) {
            return new MeterReport(packets + other.packets, bytes + other.bytes, dropped + other.dropped);
        }
    }

    /**
     * One switch as reported.
     *
     * @param endpoint who is connected under this datapath id: its local port's name (on Open vSwitch, the
     *     bridge's name) and its address, e.g. "bridge pvs-ts at 127.0.0.1"; empty when not connected
     * @param ports the OpenFlow port numbers the switch has, its local port aside
     * @param flows by the id openflowplugin gives each (pvsnet writes in bundles, so its own flows have such ids too)
     * @param meters by meter id
     * @param unread why the flows of this connected switch could not be read this time (it is disconnecting, or
     *     did not answer in time), then {@code flows} is empty and says nothing; empty when they were read
     */
    public record SwitchReport(boolean connected, String endpoint, Set<Long> ports, Map<String, Installed> flows,
            Map<Long, MeterReport> meters, String unread) {
        public static final SwitchReport ABSENT = new SwitchReport(false, "", Set.of(), Map.of(), Map.of(), "");

        public SwitchReport {
            requireNonNull(endpoint);
            requireNonNull(unread);
            ports = Set.copyOf(ports);
            flows = Map.copyOf(flows);
            meters = Map.copyOf(meters);
        }

        /** Whether {@code flows} are what the switch has. */
        public boolean flowsRead() {
            return unread.isEmpty();
        }

        /** The installed flows in pvsnet's form, for the simulator. */
        public List<Flow> flowList() {
            return flows.values().stream().map(Installed::flow).toList();
        }

        /** The installed flows in pvsnet's form, by openflowplugin's id, for {@link Drift#of}. */
        public Map<String, Flow> flowsById() {
            final Map<String, Flow> byId = new HashMap<>();
            flows.forEach((id, installed) -> byId.put(id, installed.flow()));
            return byId;
        }
    }

    private final DataBroker dataBroker;
    private final RpcService rpcs;

    public InventoryReader(final DataBroker dataBroker, final RpcService rpcs) {
        this.dataBroker = requireNonNull(dataBroker);
        this.rpcs = requireNonNull(rpcs);
    }

    /** What each switch reports; a switch that does not answer for its flows says why ({@link SwitchReport#unread}). */
    public Map<String, SwitchReport> read(final Set<String> nodeIds) throws InterruptedException {
        final Map<String, Node> nodes = new TreeMap<>();
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            for (String nodeId : nodeIds) {
                tx.read(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(nodeId)).get()
                    .filter(node -> node.augmentation(FlowCapableNode.class) != null)
                    .ifPresent(node -> nodes.put(nodeId, node));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the operational inventory", e);
        }
        // every connected switch is asked at once: a read takes as long as the slowest switch, not their sum
        final Map<String, Future<RpcResult<GetFlowStatisticsOutput>>> asked = new HashMap<>();
        nodes.keySet().forEach(nodeId -> asked.put(nodeId, rpcs.getRpc(GetFlowStatistics.class).invoke(
            new GetFlowStatisticsInputBuilder().setNode(new NodeRef(InventoryPaths.node(nodeId))).setStoreStats(false)
                .build())));
        final Map<String, SwitchReport> reports = new TreeMap<>();
        for (String nodeId : nodeIds) {
            final Node node = nodes.get(nodeId);
            if (node == null) {
                reports.put(nodeId, SwitchReport.ABSENT);
                continue;
            }
            final FlowCapableNode fcn = node.augmentation(FlowCapableNode.class);
            final Future<RpcResult<GetFlowStatisticsOutput>> answer = asked.get(nodeId);
            String unread = "";
            Map<String, Installed> flows = Map.of();
            try {
                final RpcResult<GetFlowStatisticsOutput> result = answer.get(FLOWS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (result.isSuccessful() && result.getResult() != null) {
                    flows = flows(result.getResult());
                } else {
                    unread = "it answered " + result.getErrors();
                }
            } catch (ExecutionException e) {
                unread = String.valueOf(e.getCause());
            } catch (TimeoutException e) {
                answer.cancel(true);
                unread = "no answer in " + FLOWS_TIMEOUT_SECONDS + " s";
            }
            reports.put(nodeId, new SwitchReport(true, endpoint(node, fcn), ports(node), flows, meters(fcn),
                unread));
        }
        return reports;
    }

    private static Map<String, Installed> flows(final GetFlowStatisticsOutput answer) {
        final Map<String, Installed> flows = new HashMap<>();
        for (var flow : answer.nonnullFlowAndStatisticsMapList()) {
            final String id = flow.getFlowId() == null ? "?" : flow.getFlowId().getValue();
            flows.put(id, new Installed(id, flow, OpenFlowReader.read(id, flow), value(flow.getPacketCount()),
                value(flow.getByteCount())));
        }
        return flows;
    }

    private static String endpoint(final Node node, final FlowCapableNode fcn) {
        final String local = node.nonnullNodeConnector().values().stream()
            .filter(connector -> connector.getId().getValue().endsWith(":LOCAL"))
            .map(connector -> connector.augmentation(FlowCapableNodeConnector.class))
            .filter(connector -> connector != null && connector.getName() != null)
            .map(FlowCapableNodeConnector::getName).findFirst().orElse("?");
        final String address = fcn.getIpAddress() == null ? "?" : fcn.getIpAddress().stringValue();
        return "bridge " + local + " at " + address;
    }

    /** Port numbers from the connectors' ids ("openflow:1:4"); the local port ("openflow:1:LOCAL") is not one. */
    private static Set<Long> ports(final Node node) {
        final Set<Long> ports = new HashSet<>();
        for (var connector : node.nonnullNodeConnector().values()) {
            final String id = connector.getId().getValue();
            final String number = id.substring(id.lastIndexOf(':') + 1);
            if (!number.isEmpty() && number.chars().allMatch(Character::isDigit)) {
                ports.add(Long.parseLong(number));
            }
        }
        return ports;
    }

    private static Map<Long, MeterReport> meters(final FlowCapableNode node) {
        final Map<Long, MeterReport> meters = new HashMap<>();
        for (var meter : node.nonnullMeter().values()) {
            final var stats = meter.augmentation(NodeMeterStatistics.class);
            final var counters = stats == null ? null : stats.getMeterStatistics();
            long dropped = 0;
            if (counters != null) {
                for (var band : counters.nonnullMeterBandStats().nonnullBandStat().values()) {
                    dropped += value(band.getPacketBandCount());
                }
            }
            meters.put(meter.getMeterId().getValue().toJava(), counters == null ? MeterReport.ZERO
                : new MeterReport(value(counters.getPacketInCount()), value(counters.getByteInCount()), dropped));
        }
        return meters;
    }

    private static long value(final @Nullable Counter64 counter) {
        return counter == null ? 0 : counter.getValue().longValue();
    }
}
