/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opendaylight.mdsal.binding.api.RpcService;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnector;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.node.NodeConnectorKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.PacketReceived;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.packet.service.rev130709.TransmitPacketOutput;
import org.opendaylight.yangtools.binding.DataObjectReference;
import org.opendaylight.yangtools.binding.KeyStep;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Cookie;
import org.pvsnet.impl.compile.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packet-in and packet-out through openflowplugin, for controller-assisted ARP only: recognises the ARP
 * requests the tunnel switches punt (table ARP, a customer's cookie), and sends replies out of a port.
 */
public final class PacketIo implements PacketSender {
    private static final Logger LOG = LoggerFactory.getLogger(PacketIo.class);

    private final RpcService rpcService;

    public PacketIo(final RpcService rpcService) {
        this.rpcService = requireNonNull(rpcService);
    }

    /**
     * A packet a pvsnet flow sent to the controller: where it came from, which customer's flow sent it, from
     * which table, and the frame.
     */
    public record Punt(String nodeId, long inPort, long customer, int table, byte[] frame) {
    }

    /** The packet-in as a punt of a customer's flow, if that is what it is. */
    public static Optional<Punt> punt(final PacketReceived packet) {
        if (packet.getTableId() == null || packet.getFlowCookie() == null || packet.getIngress() == null
            || packet.getPayload() == null) {
            return Optional.empty();
        }
        final long customer = Cookie.customer(packet.getFlowCookie().getValue().longValue());
        // The ingress reference names the node and the port ("openflow:1:3"); the match's in-port is the bare number.
        String nodeId = null;
        String connector = null;
        if (packet.getIngress().getValue() instanceof DataObjectReference<?> ref) {
            nodeId = InventoryPaths.nodeIdOf(ref);
            for (var step : ref.steps()) {
                if (step instanceof KeyStep<?, ?> keyed && keyed.key() instanceof NodeConnectorKey port) {
                    connector = port.getId().getValue();
                }
            }
        }
        if (customer == 0 || nodeId == null || connector == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Punt(nodeId, Long.parseLong(connector.substring(connector.lastIndexOf(':') + 1)),
                customer, packet.getTableId().getValue().intValue(), packet.getPayload()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The punted ARP request in a packet-in, if that is what it is. */
    public static Optional<ArpFrames.Request> arpRequest(final Punt punt) {
        return punt.table() == Table.ARP.id()
            ? ArpFrames.parse(punt.nodeId(), punt.inPort(), punt.customer(), punt.frame()) : Optional.empty();
    }

    /** The punted ICMP echo request to a gateway in a packet-in, if that is what it is. */
    public static Optional<IcmpFrames.EchoRequest> echoRequest(final Punt punt) {
        return punt.table() == Table.FORWARD.id()
            ? IcmpFrames.parseEchoRequest(punt.nodeId(), punt.customer(), punt.frame()) : Optional.empty();
    }

    @Override
    public void send(final String nodeId, final long port, final List<Action> encapsulate, final byte[] frame) {
        final var node = InventoryPaths.node(nodeId);
        final var egress = node.toBuilder().child(NodeConnector.class,
            new NodeConnectorKey(new NodeConnectorId(nodeId + ":" + port))).build();
        final TransmitPacketInputBuilder packetOut = new TransmitPacketInputBuilder().setNode(new NodeRef(node))
            .setEgress(new NodeConnectorRef(egress)).setPayload(frame);
        if (!encapsulate.isEmpty()) {
            // with actions, openflowplugin sends exactly these: the output comes last
            final List<Action> actions = new ArrayList<>(encapsulate);
            actions.add(new Action.Output(port));
            packetOut.setAction(BindingMap.ordered(OpenFlowMapper.applyActions(actions)));
        }
        Futures.addCallback(rpcService.getRpc(TransmitPacket.class).invoke(packetOut.build()),
            new FutureCallback<RpcResult<TransmitPacketOutput>>() {
                @Override
                public void onSuccess(final RpcResult<TransmitPacketOutput> result) {
                    if (!result.isSuccessful()) {
                        LOG.warn("{}: packet-out on port {} failed: {}", nodeId, port, result.getErrors());
                    }
                }

                @Override
                public void onFailure(final Throwable cause) {
                    LOG.warn("{}: packet-out on port {} failed", nodeId, port, cause);
                }
            }, MoreExecutors.directExecutor());
    }
}
