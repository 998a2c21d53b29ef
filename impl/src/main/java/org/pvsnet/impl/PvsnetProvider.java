/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl;

import java.time.Clock;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.NotificationService;
import org.opendaylight.mdsal.binding.api.RpcProviderService;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.data.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.yangtools.concepts.Registration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pvsnet.impl.pipeline.ArpResponder;
import org.pvsnet.impl.pipeline.GatewayResponder;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.render.ConnectedSwitches;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.render.PacketIo;
import org.pvsnet.impl.render.SwitchProgrammer;
import org.pvsnet.impl.render.SwitchWriter;
import org.pvsnet.impl.rpc.ShowCustomerService;
import org.pvsnet.impl.rpc.TracePacketService;
import org.pvsnet.impl.rpc.VerifyIsolationService;
import org.pvsnet.impl.status.StatusFollower;
import org.pvsnet.impl.status.StatusPublisher;
import org.pvsnet.impl.validate.ConfigurationReader;
import org.pvsnet.impl.validate.ValidationCohort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pvsnet application in OSGi: guards the configuration with the validation cohort, follows it with
 * the configuration listener, and keeps the switches at the compiled state with the reconciler. Nothing
 * else lives here.
 */
@Component(service = { })
public final class PvsnetProvider implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PvsnetProvider.class);
    private static final DataObjectIdentifier<Pvsnet> CONFIG = DataObjectIdentifier.builder(Pvsnet.class).build();
    // How often the operational inventory is compared with the desired flows to move status forward.
    private static final long STATUS_POLL_MILLIS = 1000;

    private final Registration cohort;
    private final Registration listener;
    private final Registration learned;
    private final Registration packets;
    private final Registration rpcs;
    private final Registration connections;
    private final PipelineService pipeline;
    private final StatusFollower status;

    @Activate
    public PvsnetProvider(@Reference final DataBroker dataBroker, @Reference final DOMDataBroker domDataBroker,
            @Reference final BindingNormalizedNodeSerializer serializer,
            @Reference final NotificationService notificationService, @Reference final RpcService rpcService,
            @Reference final RpcProviderService rpcProviderService, @Reference final ConfigurationReader reader) {
        final var cohorts = domDataBroker.extension(DOMDataBroker.CommitCohortExtension.class);
        if (cohorts == null) {
            // Without a veto, invalid configuration would be stored and then ignored: refuse to run.
            throw new IllegalStateException("The data broker does not support commit cohorts; pvsnet cannot "
                + "validate configuration and does not start");
        }
        final var changes = domDataBroker.extension(DOMDataBroker.DataTreeChangeExtension.class);
        if (changes == null) {
            throw new IllegalStateException("The data broker does not support change listeners; pvsnet does not start");
        }
        final DOMDataTreeIdentifier config = DOMDataTreeIdentifier.of(LogicalDatastoreType.CONFIGURATION,
            serializer.toYangInstanceIdentifier(CONFIG));
        // one reader for both: the pipeline then reads nothing the cohort read when it checked the change
        cohort = cohorts.registerCommitCohort(config, new ValidationCohort(reader));
        final InventoryReader inventory = new InventoryReader(dataBroker, rpcService);
        final SwitchWriter switches = new SwitchWriter(rpcService);
        final ConnectedSwitches connected = new ConnectedSwitches();
        connections = connected.follow(dataBroker);
        final SwitchProgrammer programmer = new SwitchProgrammer(switches, connected);
        final LearnedRouterMacs learnedMacs = new LearnedRouterMacs(dataBroker);
        pipeline = new PipelineService(programmer, learnedMacs);
        status = new StatusFollower(pipeline, inventory, new StatusPublisher(dataBroker, Clock.systemUTC()),
            switches, programmer, STATUS_POLL_MILLIS);
        final PacketIo packetIo = new PacketIo(rpcService);
        final ArpResponder arp = new ArpResponder(pipeline, packetIo);
        final GatewayResponder gateway = new GatewayResponder(pipeline, packetIo);
        packets = notificationService.registerListener(PacketReceived.class, packet -> PacketIo.punt(packet)
            .ifPresent(punt -> {
                PacketIo.arpRequest(punt).ifPresent(arp::requested);
                PacketIo.echoRequest(punt).ifPresent(gateway::pinged);
            }));
        rpcs = rpcProviderService.registerRpcImplementations(new TracePacketService(pipeline),
            new VerifyIsolationService(pipeline, inventory), new ShowCustomerService(pipeline));
        // learned MACs first: the first configuration then compiles the flows the switches already have
        learned = learnedMacs.follow(pipeline);
        listener = changes.registerTreeChangeListener(config, new ConfigurationListener(pipeline, reader));
        LOG.info("pvsnet started: validating and following {}", CONFIG);
    }

    @Deactivate
    @Override
    public void close() {
        rpcs.close();
        packets.close();
        listener.close();
        learned.close();
        cohort.close();
        status.close();
        pipeline.close();
        connections.close();
        LOG.info("pvsnet stopped");
    }
}
