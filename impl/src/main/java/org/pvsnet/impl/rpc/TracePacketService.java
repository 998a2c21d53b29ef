/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.rpc;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.TracePacket;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.TracePacketInput;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.TracePacketOutput;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.TracePacketOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.trace.packet.output.Exit;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.trace.packet.output.ExitBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.trace.packet.output.Step;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.trace.packet.output.StepBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.pvsnet.impl.compile.Table;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.ModelReader;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.render.OpenFlowMapper;
import org.pvsnet.impl.resolve.Place;
import org.pvsnet.impl.sim.Fabric;
import org.pvsnet.impl.sim.Packet;
import org.pvsnet.impl.sim.Simulator;
import org.pvsnet.impl.sim.Wire;

/** The trace-packet RPC: one packet walked through the live compiled pipeline, across switches. */
public final class TracePacketService implements TracePacket {
    private static final MacAddress DEFAULT_SOURCE_MAC = MacAddress.parse("02:00:00:00:00:fe");
    private static final int OTHER_ETHERTYPE = 0x88b5;

    private final PipelineService pipeline;

    public TracePacketService(final PipelineService pipeline) {
        this.pipeline = requireNonNull(pipeline);
    }

    @Override
    public ListenableFuture<RpcResult<TracePacketOutput>> invoke(final TracePacketInput input) {
        final Optional<Snapshot.Accepted> snapshot = pipeline.accepted();
        if (snapshot.isEmpty()) {
            return RpcResults.unavailable("pvsnet has no accepted configuration to trace through");
        }
        if (input.getSwitch() == null) {
            return RpcResults.invalid("switch", "missing: the switch the packet enters");
        }
        final String nodeId = input.getSwitch().getValue();
        final Switch sw = snapshot.orElseThrow().resolved().switches().get(nodeId);
        if (sw == null) {
            return RpcResults.invalid("switch", nodeId + " is not a configured switch");
        }
        if (input.getInPort() == null) {
            return RpcResults.invalid("in-port", "missing: the port the packet enters on");
        }
        final long inPort = input.getInPort().getValue().toJava();
        final Encapsulation encapsulation;
        try {
            encapsulation = input.getEncapsulation() == null ? new Encapsulation.Untagged()
                : ModelReader.readEncapsulation("input", input.getEncapsulation());
        } catch (IllegalArgumentException e) {
            return RpcResults.invalid("encapsulation", e.getMessage());
        }
        final var protocol = input.getProtocol() == null
            ? org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.TraceProtocol.Ip : input.getProtocol();
        final MacAddress sourceMac;
        try {
            sourceMac = input.getSourceMac() == null ? DEFAULT_SOURCE_MAC
                : MacAddress.parse(input.getSourceMac().getValue());
        } catch (IllegalArgumentException e) {
            return RpcResults.invalid("source-mac", e.getMessage());
        }
        final Packet inner;
        if (protocol == org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.TraceProtocol.Other) {
            inner = Packet.other(sourceMac, Packet.BROADCAST, OTHER_ETHERTYPE);
        } else {
            if (input.getSource() == null || input.getDestination() == null) {
                return RpcResults.invalid(input.getSource() == null ? "source" : "destination",
                    "missing: an ip or arp packet needs a source and a destination address");
            }
            final Ipv4Address source = Ipv4Address.parse(input.getSource().getValue());
            final Ipv4Address destination = Ipv4Address.parse(input.getDestination().getValue());
            inner = switch (protocol) {
                case Arp -> Packet.arpRequest(sourceMac, source, destination);
                default -> Packet.ipv4(sourceMac, sw.gatewayMac().orElse(Packet.BROADCAST), source, destination);
            };
        }
        final Packet packet = Wire.onWire(encapsulation, inner);
        final Fabric fabric = new Fabric(snapshot.orElseThrow().resolved(),
            snapshot.orElseThrow().compilation().flows());
        return RpcResults.success(output(fabric.walk(new Place(nodeId, inPort), packet),
            snapshot.orElseThrow()));
    }

    private static TracePacketOutput output(final Fabric.Walk walk,
            final Snapshot.Accepted snapshot) {
        final List<Step> steps = new ArrayList<>();
        for (Fabric.Hop hop : walk.hops()) {
            final StepBuilder step = new StepBuilder().setIndex(Uint16.valueOf(steps.size() + 1))
                .setSwitch(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId(hop.nodeId()))
                .setTable(Uint8.valueOf(hop.table()))
                .setTableName(Table.of(snapshot.resolved().switches().get(hop.nodeId()).role(), hop.table())
                    .map(Table::name).orElse(null));
            hop.flow().ifPresent(flow -> step.setFlowId(OpenFlowMapper.flowId(flow)).setFlow(flow.text()));
            steps.add(step.build());
        }
        final List<Exit> exits = new ArrayList<>();
        for (Fabric.Exit exit : walk.exits()) {
            exits.add(new ExitBuilder().setIndex(Uint16.valueOf(exits.size() + 1))
                .setSwitch(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId(
                    exit.place().nodeId()))
                .setPort(exit.place().port() == Simulator.CONTROLLER ? "CONTROLLER"
                    : String.valueOf(exit.place().port()))
                .setEncapsulation(Wire.describe(exit.packet()))
                .setOwner(exit.owner().description())
                .setPacket(exit.packet().describe())
                .build());
        }
        return new TracePacketOutputBuilder().setStep(BindingMap.ordered(steps)).setExit(BindingMap.ordered(exits))
            .setDelivered(!exits.isEmpty()).setVerdict(walk.verdict()).build();
    }
}
