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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.statistics.rev131111.NodeMeterStatistics;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.pvsnet.impl.compile.Compiler;
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
    // a share of a switch's flows asked at once: about 50 ms of openflowplugin's decoding on this machine kind
    private static final int FLOWS_PER_SHARE = 4096;

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
    // per switch, how many flows the last read found: how many shares the next one asks for
    private final Map<String, Integer> lastFlowCount = new ConcurrentHashMap<>();

    public InventoryReader(final DataBroker dataBroker, final RpcService rpcs) {
        this.dataBroker = requireNonNull(dataBroker);
        this.rpcs = requireNonNull(rpcs);
    }

    /**
     * What each switch of a compilation reports; a switch that does not answer for its flows says why
     * ({@link SwitchReport#unread}).
     */
    public Map<String, SwitchReport> read(final Compiler.Compilation compilation) throws InterruptedException {
        final Set<String> nodeIds = compilation.flows().keySet();
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
        // Every connected switch is asked at once, a share of its flows at a time: a change written during a read
        // waits on the switch's connection behind one share's answer, not behind 100,000 flows (seconds).
        final Map<String, Map<String, Installed>> flows = new HashMap<>();
        final Map<String, String> unread = new HashMap<>();
        final Map<String, Integer> shares = new HashMap<>();
        nodes.keySet().forEach(nodeId -> {
            flows.put(nodeId, new HashMap<>());
            // as many as the switch had or should have: the first read after a big change is shared too
            shares.put(nodeId, shares(Math.max(lastFlowCount.getOrDefault(nodeId, 0),
                compilation.flows(nodeId).size())));
        });
        final int most = shares.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int share = 0; share < most; share++) {
            final Map<String, Future<RpcResult<GetFlowStatisticsOutput>>> asked = new HashMap<>();
            for (var entry : shares.entrySet()) {
                if (share < entry.getValue() && !unread.containsKey(entry.getKey())) {
                    asked.put(entry.getKey(), askFlows(entry.getKey(), share, entry.getValue()));
                }
            }
            for (var entry : asked.entrySet()) {
                answer(entry.getValue(), flows.get(entry.getKey())).ifPresent(why -> unread.put(entry.getKey(), why));
            }
        }
        final Map<String, SwitchReport> reports = new TreeMap<>();
        for (String nodeId : nodeIds) {
            final Node node = nodes.get(nodeId);
            if (node == null) {
                reports.put(nodeId, SwitchReport.ABSENT);
                continue;
            }
            final FlowCapableNode fcn = node.augmentation(FlowCapableNode.class);
            final String failed = unread.getOrDefault(nodeId, "");
            if (failed.isEmpty()) {
                lastFlowCount.put(nodeId, flows.get(nodeId).size());
            }
            reports.put(nodeId, new SwitchReport(true, endpoint(node, fcn), ports(node),
                failed.isEmpty() ? flows.get(nodeId) : Map.of(), meters(fcn), failed));
        }
        return reports;
    }

    /** How many shares to ask a switch's flows in: one per {@link #FLOWS_PER_SHARE} flows it had, a power of two. */
    static int shares(final int flows) {
        int shares = 1;
        while ((long) shares * FLOWS_PER_SHARE < flows) {
            shares <<= 1;
        }
        return shares;
    }

    /**
     * Ask for one share of a switch's flows: those of the customers whose number is {@code share} modulo
     * {@code shares}, by the customer number in the cookie's high half (a switch's own flows have 0).
     */
    private Future<RpcResult<GetFlowStatisticsOutput>> askFlows(final String nodeId, final int share,
            final int shares) {
        return rpcs.getRpc(GetFlowStatistics.class).invoke(new GetFlowStatisticsInputBuilder()
            .setNode(new NodeRef(InventoryPaths.node(nodeId))).setStoreStats(false)
            .setCookie(new FlowCookie(Uint64.fromLongBits((long) share << 32)))
            .setCookieMask(new FlowCookie(Uint64.fromLongBits((long) (shares - 1) << 32)))
            .build());
    }

    /** Adds a share's flows; why not, when the switch did not answer with them. */
    private static Optional<String> answer(final Future<RpcResult<GetFlowStatisticsOutput>> answer,
            final Map<String, Installed> flows) throws InterruptedException {
        try {
            final RpcResult<GetFlowStatisticsOutput> result = answer.get(FLOWS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (result.isSuccessful() && result.getResult() != null) {
                flows.putAll(flows(result.getResult()));
                return Optional.empty();
            }
            return Optional.of("it answered " + result.getErrors());
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Optional.of("no answer in " + FLOWS_TIMEOUT_SECONDS + " s");
        }
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
