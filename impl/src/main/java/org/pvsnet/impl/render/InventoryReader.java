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
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNode;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.Table;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowStatisticsData;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.statistics.rev131111.NodeMeterStatistics;
import org.pvsnet.impl.compile.Flow;

/**
 * Reads what the switches report through openflowplugin's operational inventory: whether each switch is
 * connected, and the flows on it (pvsnet's and anyone else's) with their statistics. openflowplugin fills
 * the flow list by polling the switches' statistics, so it lags the switch by a few seconds.
 */
public final class InventoryReader {
    /**
     * A flow found on a switch, as openflowplugin reports it, with its counters.
     *
     * @param flow the reported flow read back into pvsnet's form once, for the status's comparison by content,
     *     the counters and the simulator
     */
    public record Installed(String inventoryId,
            org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow reported,
            Flow flow, long packets, long bytes) {
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
     * @param flows by inventory id (pvsnet's own are {@link OpenFlowMapper#flowId})
     * @param meters by meter id
     */
    public record SwitchReport(boolean connected, String endpoint, Set<Long> ports, Map<String, Installed> flows,
            Map<Long, MeterReport> meters) {
        public static final SwitchReport ABSENT = new SwitchReport(false, "", Set.of(), Map.of(), Map.of());

        public SwitchReport {
            requireNonNull(endpoint);
            ports = Set.copyOf(ports);
            flows = Map.copyOf(flows);
            meters = Map.copyOf(meters);
        }

        /** The installed flows in pvsnet's form, for the simulator. */
        public List<Flow> flowList() {
            return flows.values().stream().map(Installed::flow).toList();
        }

        /** The installed flows in pvsnet's form, by inventory id, for {@link Drift#of}. */
        public Map<String, Flow> flowsById() {
            final Map<String, Flow> byId = new HashMap<>();
            flows.forEach((id, installed) -> byId.put(id, installed.flow()));
            return byId;
        }
    }

    private final DataBroker dataBroker;

    public InventoryReader(final DataBroker dataBroker) {
        this.dataBroker = requireNonNull(dataBroker);
    }

    /** Whether openflowplugin has the switch connected (it keeps a node in the operational inventory while so). */
    public boolean connected(final String nodeId) {
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            return tx.exists(LogicalDatastoreType.OPERATIONAL, InventoryPaths.flowCapableNode(nodeId)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the operational inventory", e);
        }
    }

    public Map<String, SwitchReport> read(final Set<String> nodeIds) throws InterruptedException {
        final Map<String, SwitchReport> reports = new TreeMap<>();
        try (ReadTransaction tx = dataBroker.newReadOnlyTransaction()) {
            for (String nodeId : nodeIds) {
                final var node = tx.read(LogicalDatastoreType.OPERATIONAL, InventoryPaths.node(nodeId)).get();
                final FlowCapableNode fcn = node.map(n -> n.augmentation(FlowCapableNode.class)).orElse(null);
                reports.put(nodeId, fcn == null ? SwitchReport.ABSENT
                    : new SwitchReport(true, endpoint(node.orElseThrow(), fcn), ports(node.orElseThrow()), flows(fcn),
                        meters(fcn)));
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the operational inventory", e);
        }
        return reports;
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

    private static Map<String, Installed> flows(final FlowCapableNode node) {
        final Map<String, Installed> flows = new HashMap<>();
        for (Table table : node.nonnullTable().values()) {
            for (var flow : table.nonnullFlow().values()) {
                final String id = flow.getId().getValue();
                final var stats = flow.augmentation(FlowStatisticsData.class);
                final var counters = stats == null ? null : stats.getFlowStatistics();
                flows.put(id, new Installed(id, flow, OpenFlowReader.read(flow),
                    counters == null || counters.getPacketCount() == null ? 0
                        : counters.getPacketCount().getValue().longValue(),
                    counters == null || counters.getByteCount() == null ? 0
                        : counters.getByteCount().getValue().longValue()));
            }
        }
        return flows;
    }
}
