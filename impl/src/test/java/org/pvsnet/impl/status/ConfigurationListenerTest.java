/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.SettableFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowCapableNodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapList;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.flow.and.statistics.map.list.FlowAndStatisticsMapListBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.transaction.rev150304.SendBarrierOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.Nodes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.Node;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.nodes.NodeKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessages;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.AddBundleMessagesOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundle;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.ControlBundleOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Learned;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ObjectState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PvsnetState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.CustomerKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.concepts.Registration;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.pvsnet.impl.ConfigurationListener;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.LearnedRouterMacs;
import org.pvsnet.impl.Mutate;
import org.pvsnet.impl.pipeline.ArpResponder;
import org.pvsnet.impl.pipeline.GatewayResponder;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.render.ConnectedSwitches;
import org.pvsnet.impl.render.IcmpFrames;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.render.OpenFlowMapper;
import org.pvsnet.impl.render.SwitchProgrammer;
import org.pvsnet.impl.render.SwitchWriter;
import org.pvsnet.impl.validate.ConfigurationReader;

/**
 * The configuration listener, the pipeline, the ARP responder and the status they publish, on an in-memory
 * datastore.
 */
public class ConfigurationListenerTest extends AbstractConcurrentDataBrokerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    private static final DataObjectIdentifier<Pvsnet> CONFIG = DataObjectIdentifier.builder(Pvsnet.class).build();

    // The switches' flows, as they answer openflowplugin's direct statistics; nothing is ever written to them
    // here (no repair: the status's check is what is under test).
    private final Map<String, List<FlowAndStatisticsMapList>> onSwitches = new ConcurrentHashMap<>();
    // switches that fail every request for their flows
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    // while set, the switches take bundles (answer them, and keep the flows they had: the reads are held then)
    private volatile boolean bundlesTaken;
    // while set, reads of the switches' flows wait until released
    private volatile boolean readsHeld;
    private final List<Runnable> heldReads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final RpcService switches = new RpcService() {
        @Override
        public <R extends Rpc<?, ?>> R getRpc(final Class<R> type) {
            if (bundlesTaken && type == ControlBundle.class) {
                return type.cast((ControlBundle) input -> RpcResultBuilder.success(new ControlBundleOutputBuilder()
                    .build()).buildFuture());
            }
            if (bundlesTaken && type == AddBundleMessages.class) {
                return type.cast((AddBundleMessages) input -> RpcResultBuilder.success(
                    new AddBundleMessagesOutputBuilder().build()).buildFuture());
            }
            if (bundlesTaken && type == SendBarrier.class) {
                return type.cast((SendBarrier) input -> RpcResultBuilder.success(new SendBarrierOutputBuilder()
                    .build()).buildFuture());
            }
            if (type != GetFlowStatistics.class) {
                throw new UnsupportedOperationException("nothing is written to the switches in this test");
            }
            final GetFlowStatistics read = input -> {
                final var node = (DataObjectIdentifier<?>) input.getNode().getValue();
                final String nodeId = node.firstKeyOf(Node.class).getId().getValue();
                if (silent.contains(nodeId)) {
                    return RpcResultBuilder.<GetFlowStatisticsOutput>failed()
                        .withError(ErrorType.APPLICATION, "the device is disconnecting").buildFuture();
                }
                final var answer = SettableFuture.<RpcResult<GetFlowStatisticsOutput>>create();
                final Runnable reply = () -> answer.set(RpcResultBuilder.success(new GetFlowStatisticsOutputBuilder()
                    .setFlowAndStatisticsMapList(onSwitches.getOrDefault(nodeId, List.of())).build()).build());
                if (readsHeld) {
                    heldReads.add(reply);
                } else {
                    reply.run();
                }
                return answer;
            };
            return type.cast(read);
        }
    };

    private Registration registration;
    private Registration learnedRegistration;
    private Registration connections;
    private PipelineService pipeline;
    private StatusFollower status;
    private ArpResponder arp;
    private final List<String> packetsOut = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Before
    public void listen() {
        final InventoryReader inventory = new InventoryReader(getDataBroker(), switches);
        final SwitchWriter writer = new SwitchWriter(switches);
        final ConnectedSwitches connected = new ConnectedSwitches();
        connections = connected.follow(getDataBroker());
        final SwitchProgrammer programmer = new SwitchProgrammer(writer, connected);
        final LearnedRouterMacs learned = new LearnedRouterMacs(getDataBroker());
        packetsOut.clear();
        pipeline = new PipelineService(programmer, learned);
        learnedRegistration = learned.follow(pipeline);
        status = new StatusFollower(pipeline, inventory, new StatusPublisher(getDataBroker(), CLOCK), writer,
            programmer, 50);
        arp = new ArpResponder(pipeline,
            (node, port, encapsulate, frame) -> packetsOut.add(node + " port " + port + " " + frame.length + " bytes"));
        final var serializer = getDataBrokerTestCustomizer().getAdapterContext().currentSerializer();
        registration = getDomBroker().extension(DOMDataBroker.DataTreeChangeExtension.class)
            .registerTreeChangeListener(DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION,
                serializer.toYangInstanceIdentifier(CONFIG)),
                new ConfigurationListener(pipeline, new ConfigurationReader(serializer)));
    }

    @After
    public void stop() {
        registration.close();
        learnedRegistration.close();
        connections.close();
        status.close();
        pipeline.close();
    }

    // the flow ids pvsnet compiled for the switch in its current snapshot
    private Set<String> compiledFlowIds(final String nodeId) {
        return compiled(nodeId).keySet();
    }

    private Map<String, org.pvsnet.impl.compile.Flow> compiled(final String nodeId) {
        return pipeline.accepted().map(snapshot -> snapshot.compilation().flows().getOrDefault(nodeId, List.of())
            .stream().collect(Collectors.toMap(OpenFlowMapper::flowId, flow -> flow))).orElse(Map.of());
    }

    /** Pretend openflowplugin saw the switch connect with all its configured ports, and found these flows. */
    private void switchReports(final String nodeId, final Set<String> flowIds) throws Exception {
        switchReports(nodeId, flowIds, pipeline.accepted().orElseThrow().configured().switches().get(nodeId).ports()
            .keySet());
    }

    /** Pretend openflowplugin saw the switch connect with these ports, and the switch has these flows. */
    private void switchReports(final String nodeId, final Set<String> flowIds, final Set<Long> ports)
            throws Exception {
        final List<FlowAndStatisticsMapList> flows = new ArrayList<>();
        compiled(nodeId).forEach((id, flow) -> {
            if (flowIds.contains(id)) {
                flows.add(new FlowAndStatisticsMapListBuilder(OpenFlowMapper.map(nodeId, flow))
                    .setFlowId(new FlowId("#UF$TABLE*" + flow.table() + "-" + flows.size())).build());
            }
        });
        onSwitches.put(nodeId, flows);
        // the switch accepted every meter
        final var meters = pipeline.accepted().orElseThrow().compilation().meters().getOrDefault(nodeId, List.of())
            .stream().map(OpenFlowMapper::meter).toList();
        // openflowplugin writes the switch's description when it connects: the augmentation is never empty
        final var node = new NodeBuilder().setId(new NodeId(nodeId)).addAugmentation(new FlowCapableNodeBuilder()
            .setManufacturer("Nicira, Inc.")
            .setMeter(meters.isEmpty() ? null : BindingMap.ordered(meters))
            .build())
            .setNodeConnector(BindingMap.ordered(Stream.concat(Stream.of("LOCAL"),
                    ports.stream().map(String::valueOf))
                .map(port -> new NodeConnectorBuilder().setId(new NodeConnectorId(nodeId + ":" + port)).build())
                .toList()))
            .build();
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.OPERATIONAL, DataObjectIdentifier.builder(Nodes.class)
            .child(Node.class, new NodeKey(new NodeId(nodeId))).build(), node);
        tx.commit().get();
    }

    private PvsnetState awaitState(final Predicate<PvsnetState> until) throws Exception {
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            final Optional<PvsnetState> state;
            try (var tx = getDataBroker().newReadOnlyTransaction()) {
                state = tx.read(LogicalDatastoreType.OPERATIONAL, StatusPublisher.PATH).get();
            }
            if (state.isPresent() && until.test(state.orElseThrow())) {
                return state.orElseThrow();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("state never satisfied the condition; last: " + state);
            }
            Thread.sleep(20);
        }
    }

    private void write(final Pvsnet config) throws Exception {
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, CONFIG, config);
        tx.commit().get();
    }

    @Test
    public void publishesAnEmptyStateAtStart() throws Exception {
        final PvsnetState state = awaitState(s -> s.getGeneration() != null);
        assertThat(state.getGeneration().longValue()).isEqualTo(1);
        assertThat(state.getCustomer()).isNullOrEmpty();
    }

    @Test
    public void manyConfigurationsInARowEndWithTheNewestApplied() throws Exception {
        awaitState(s -> s.getGeneration() != null);
        final Pvsnet fig6 = Examples.load("fig-6.json");
        final Pvsnet figs789 = Examples.figs789();
        for (int i = 0; i < 100; i++) {
            pipeline.configurationChanged(i % 2 == 0 ? figs789 : fig6);
        }
        pipeline.configurationChanged(figs789);
        final PvsnetState state = awaitState(s -> s.getCustomer() != null
            && s.getCustomer().keySet().stream().map(key -> key.getId().getValue()).sorted().toList()
                .equals(List.of("C1", "C2", "C3")));
        // one start, then at most one generation per configuration: waiting ones are skipped, never repeated
        assertThat(state.getGeneration().longValue()).isBetween(2L, 102L);
        Thread.sleep(200);
        assertThat(pipeline.accepted().orElseThrow().configured().customers().keySet())
            .as("the last configuration is the one applied").containsExactly("C1", "C2", "C3");
    }

    private static org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer customer(
            final PvsnetState state, final String id) {
        return state.getCustomer().get(
            new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.CustomerKey(new Name(id)));
    }

    private static org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Switch sw(
            final PvsnetState state, final String nodeId) {
        return state.getSwitch().get(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state
            .SwitchKey(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId(nodeId)));
    }

    @Test
    public void flowsAreWrittenAndObjectsWaitForTheirSwitches() throws Exception {
        write(Examples.figs789());
        final PvsnetState state = awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        assertThat(state.getSwitch()).hasSize(4);
        final var c1 = customer(state, "C1");
        assertThat(c1.getState()).isEqualTo(ObjectState.Pending);
        assertThat(c1.getReason()).isEqualTo("openflow:1 is not connected; openflow:11 is not connected; "
            + "openflow:12 is not connected");
        assertThat(c1.getLastChange().getValue()).isEqualTo("2026-11-26T00:00:00Z");
        assertThat(c1.getTunnel()).hasSize(7);
        assertThat(c1.getTunnel().values()).allSatisfy(t -> assertThat(t.getState()).isEqualTo(ObjectState.Pending));
        assertThat(sw(state, "openflow:1").getFlowsDesired().toJava()).isEqualTo(54);
        assertThat(compiledFlowIds("openflow:1")).hasSize(54).allSatisfy(id -> assertThat(id).startsWith("pvsnet:"));
        assertThat(compiledFlowIds("openflow:13")).contains("pvsnet:C2_pvs_server_demux");
    }

    @Test
    public void aSwitchWhoseFlowsCannotBeReadKeepsItsStatusAndTheOthersGoOn() throws Exception {
        write(Examples.figs789());
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        switchReports("openflow:11", compiledFlowIds("openflow:11"));
        awaitState(s -> sw(s, "openflow:11").getState() == ObjectState.Programmed);
        silent.add("openflow:11");
        switchReports("openflow:1", compiledFlowIds("openflow:1"));
        final var state = awaitState(s -> sw(s, "openflow:1").getState() == ObjectState.Programmed);
        assertThat(sw(state, "openflow:11").getState()).isEqualTo(ObjectState.Programmed);
        assertThat(sw(state, "openflow:11").getFlowsInstalled().toJava()).isEqualTo(4);
    }

    @Test
    public void aChangeEverySwitchTookIsPublishedBeforeTheSwitchesAreReadAgain() throws Exception {
        write(Examples.figs789());
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        for (String nodeId : List.of("openflow:1", "openflow:11", "openflow:12", "openflow:13")) {
            switchReports(nodeId, compiledFlowIds(nodeId));
        }
        final long before = awaitState(s -> s.getCustomer().values().stream()
            .allMatch(c -> c.getState() == ObjectState.Programmed)).getGeneration().longValue();
        // reading 130,000 flows takes seconds: here the reads do not end at all until released
        readsHeld = true;
        bundlesTaken = true;
        try {
            write(Mutate.site(Examples.figs789(), "C1", "site-1",
                site -> site.setRouterMac(new MacAddress("02:00:00:00:99:01"))));
            final PvsnetState state = awaitState(s -> s.getGeneration().longValue() > before);
            assertThat(state.getCustomer().values()).allSatisfy(c ->
                assertThat(c.getState()).isEqualTo(ObjectState.Programmed));
            assertThat(sw(state, "openflow:1").getFlowsInstalled()).isEqualTo(sw(state, "openflow:1")
                .getFlowsDesired());
        } finally {
            readsHeld = false;
            heldReads.forEach(Runnable::run);
        }
    }

    @Test
    public void aSwitchWithAllItsFlowsIsProgrammed() throws Exception {
        write(Examples.figs789());
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        final Set<String> all = compiledFlowIds("openflow:11");
        final String one = all.iterator().next();
        switchReports("openflow:11", Set.of(one));
        var state = awaitState(s -> sw(s, "openflow:11").getFlowsInstalled() != null
            && sw(s, "openflow:11").getFlowsInstalled().toJava() == 1);
        assertThat(sw(state, "openflow:11").getState()).isEqualTo(ObjectState.Pending);
        assertThat(sw(state, "openflow:11").getReason()).isEqualTo("1 of 4 flows on the switch");
        switchReports("openflow:11", all);
        state = awaitState(s -> sw(s, "openflow:11").getState() == ObjectState.Programmed);
        assertThat(sw(state, "openflow:11").getConnected()).isTrue();
        for (String nodeId : List.of("openflow:1", "openflow:12", "openflow:13")) {
            switchReports(nodeId, compiledFlowIds(nodeId));
        }
        state = awaitState(s -> s.getCustomer().values().stream()
            .allMatch(c -> c.getState() == ObjectState.Programmed));
        assertThat(state.getCustomer().values()).allSatisfy(c -> {
            assertThat(c.getState()).isEqualTo(ObjectState.Programmed);
            assertThat(c.getReason()).isNull();
        });
    }

    @Test
    public void aCustomerWhosePortASwitchLacksIsInErrorNamingItAndTheOthersAreNot() throws Exception {
        write(Examples.figs789());
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        for (String nodeId : List.of("openflow:1", "openflow:12", "openflow:13")) {
            switchReports(nodeId, compiledFlowIds(nodeId));
        }
        // C1's main server is on port 2 of openflow:11, which the switch does not have
        switchReports("openflow:11", compiledFlowIds("openflow:11"), Set.of(1L));
        var state = awaitState(s -> customer(s, "C1").getState() == ObjectState.Error
            && customer(s, "C2").getState() == ObjectState.Programmed);
        assertThat(customer(state, "C1").getReason())
            .isEqualTo("openflow:11 port 2 (main-server) is configured but not on the switch (create it, e.g. "
                + "ovs-vsctl add-port ... ofport_request=N; docs/pipeline.md, \"Switch prerequisites\")");
        assertThat(customer(state, "C3").getState()).isEqualTo(ObjectState.Programmed);
        // the switch holds every flow: programmed, saying what it lacks
        assertThat(sw(state, "openflow:11").getState()).isEqualTo(ObjectState.Programmed);
        assertThat(sw(state, "openflow:11").getReason()).startsWith("openflow:11 port 2 (main-server) is configured");
        switchReports("openflow:11", compiledFlowIds("openflow:11"));
        state = awaitState(s -> customer(s, "C1").getState() == ObjectState.Programmed);
        assertThat(customer(state, "C1").getReason()).isNull();
        assertThat(sw(state, "openflow:11").getReason()).isNull();
    }

    @Test
    public void aRemovedCustomerDisappearsFromTheState() throws Exception {
        write(Examples.figs789());
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, CONFIG.toBuilder()
            .child(org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer.class,
                new CustomerKey(new Name("C2"))).build());
        tx.commit().get();
        final PvsnetState state = awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 2);
        assertThat(state.getCustomer().keySet()).extracting(k -> k.getId().getValue()).containsExactlyInAnyOrder(
            "C1", "C3");
        // C2's flows are no longer compiled, C3's still are
        assertThat(compiledFlowIds("openflow:13")).noneMatch(id -> id.startsWith("pvsnet:C2_"))
            .anyMatch(id -> id.startsWith("pvsnet:C3_"));
        assertThat(state.getGeneration().longValue()).isGreaterThanOrEqualTo(3);
    }

    @Test
    public void aRouterMacIsLearnedFromItsArpAndAnswered() throws Exception {
        write(org.pvsnet.impl.Mutate.site(Examples.figs789(), "C1", "site-2", s -> s.setRouterMac(null)));
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        assertThat(compiledFlowIds("openflow:1")).contains("pvsnet:C1_arp_10.2.0.1_controller")
            .doesNotContain("pvsnet:C1_forward_10.2.0.0_16");
        arp.requested(new org.pvsnet.impl.render.ArpFrames.Request("openflow:1", 1, 1,
            org.pvsnet.impl.model.MacAddress.parse("02:00:00:01:02:01"),
            org.pvsnet.impl.model.Ipv4Address.parse("10.2.0.1"),
            org.pvsnet.impl.model.Ipv4Address.parse("10.0.0.10")));
        final var deadline = Instant.now().plusSeconds(10);
        while (!compiledFlowIds("openflow:1").contains("pvsnet:C1_forward_10.2.0.0_16")) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(20);
        }
        assertThat(compiledFlowIds("openflow:1")).doesNotContain("pvsnet:C1_arp_10.2.0.1_controller")
            .contains("pvsnet:C1_arp_10.2.0.1_10.0.0.10");
        // the reply leaves on site 2's return tunnel 710f (port 1), tagged: 46 bytes
        assertThat(packetsOut).containsExactly("openflow:1 port 1 46 bytes");
        // an ARP from someone who is not a configured router is neither learned nor answered
        arp.requested(new org.pvsnet.impl.render.ArpFrames.Request("openflow:1", 1, 1,
            org.pvsnet.impl.model.MacAddress.parse("02:66:00:00:00:66"),
            org.pvsnet.impl.model.Ipv4Address.parse("10.2.0.66"),
            org.pvsnet.impl.model.Ipv4Address.parse("10.0.0.10")));
        Thread.sleep(300);
        assertThat(packetsOut).hasSize(1);
        assertThat(storedRouterMacs()).containsExactly(Map.entry("C1/site-2", "02:00:00:01:02:01"));
    }

    @Test
    public void aLearnedRouterMacOutlivesARestartUntilDeletedOrConfigured() throws Exception {
        aRouterMacIsLearnedFromItsArpAndAnswered();
        // a restart: a new pipeline compiles the learned MAC's flows from the start, no ARP needed
        stop();
        listen();
        awaitCompiled("openflow:1", ids -> !ids.isEmpty());
        assertThat(compiledFlowIds("openflow:1")).contains("pvsnet:C1_forward_10.2.0.0_16")
            .doesNotContain("pvsnet:C1_arp_10.2.0.1_controller");
        // an operator deletes it: the router's ARP goes to the controller again
        final WriteTransaction delete = getDataBroker().newWriteOnlyTransaction();
        delete.delete(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Learned.class).build());
        delete.commit().get();
        awaitCompiled("openflow:1", ids -> ids.contains("pvsnet:C1_arp_10.2.0.1_controller"));
        // learned again, then configured: the learned entry is forgotten
        aRouterMacIsLearnedFromItsArpAndAnswered();
        write(Examples.figs789());
        final Instant deadline = Instant.now().plusSeconds(10);
        while (!storedRouterMacs().isEmpty()) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitCompiled(final String nodeId, final Predicate<Set<String>> until) throws Exception {
        final Instant deadline = Instant.now().plusSeconds(10);
        while (!until.test(compiledFlowIds(nodeId))) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /** pvsnet:learned's router MACs: {customer/site: mac}. */
    private Map<String, String> storedRouterMacs() throws Exception {
        try (var tx = getDataBroker().newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, DataObjectIdentifier.builder(Learned.class).build())
                .get().map(Learned::nonnullRouterMac).orElse(Map.of()).values().stream()
                .collect(Collectors.toMap(e -> e.getCustomer().getValue() + "/" + e.getSite().getValue(),
                    e -> e.getMac().getValue()));
        }
    }

    @Test
    public void aPingToAGatewayIsAnsweredTheWayTheForwardingTableRoutesBack() throws Exception {
        write(Examples.figs789());
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        final GatewayResponder gateway = new GatewayResponder(pipeline,
            (node, port, encapsulate, frame) -> packetsOut.add(node + " port " + port + " vlan "
                + ((frame[14] & 0x0f) << 8
                | frame[15] & 0xff) + " to "
                + new org.pvsnet.impl.model.Ipv4Address(java.nio.ByteBuffer.wrap(frame).getInt(18 + 16))));
        final byte[] echo = {0x12, 0x34, 0, 1, 'p', 'v', 's'};
        // site 1 of C1 (router 10.1.0.1) pings its gateway 10.1.0.254: the reply leaves on 710e (port 1, VLAN 105)
        gateway.pinged(new IcmpFrames.EchoRequest("openflow:1", 1, ipv4("10.1.0.1"), ipv4("10.1.0.254"), echo));
        // the main server pings 10.0.0.1: back on its return tunnel 730a (port 3, VLAN 201)
        gateway.pinged(new IcmpFrames.EchoRequest("openflow:1", 1, ipv4("10.0.0.10"), ipv4("10.0.0.1"), echo));
        // C3 has no gateway 10.2.0.254, and nobody answers for an address that is not a gateway
        gateway.pinged(new IcmpFrames.EchoRequest("openflow:1", 3, ipv4("10.1.0.1"), ipv4("10.2.0.254"), echo));
        gateway.pinged(new IcmpFrames.EchoRequest("openflow:1", 1, ipv4("10.1.0.1"), ipv4("10.0.0.10"), echo));
        assertThat(packetsOut).containsExactly("openflow:1 port 1 vlan 105 to 10.1.0.1",
            "openflow:1 port 3 vlan 201 to 10.0.0.10");
    }

    private static org.pvsnet.impl.model.Ipv4Address ipv4(final String text) {
        return org.pvsnet.impl.model.Ipv4Address.parse(text);
    }

    @Test
    public void unusableStoredDataPutsCustomersInError() throws Exception {
        // The cohort keeps such data out in a running controller; data stored before pvsnet started can
        // still be wrong, and the operator must see it.
        write(org.pvsnet.impl.Mutate.sw(Examples.figs789(), "openflow:1", s -> s.setGatewayMac(null)));
        final PvsnetState state = awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        assertThat(state.getCustomer().values()).allSatisfy(c -> {
            assertThat(c.getState()).isEqualTo(ObjectState.Error);
            assertThat(c.getReason()).contains("pvsnet:pvsnet/switch=openflow:1/gateway-mac");
        });
    }
}
