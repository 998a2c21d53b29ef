/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.pvsnet.impl.model.Gateway;
import org.pvsnet.impl.render.IcmpFrames;
import org.pvsnet.impl.render.PacketSender;
import org.pvsnet.impl.resolve.Route;
import org.pvsnet.impl.resolve.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers ping on a customer's gateway addresses, as the customer's router would. A tunnel switch punts
 * IPv4 to a gateway address (through the controller meter); the echo reply leaves the way the customer's
 * forwarding table sends traffic to the pinging source: its next hop's MAC, its tunnel's tag, its port.
 * Anything else sent to a gateway is dropped here.
 */
public final class GatewayResponder {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayResponder.class);

    private final PipelineService pipeline;
    private final PacketSender sender;

    public GatewayResponder(final PipelineService pipeline, final PacketSender sender) {
        this.pipeline = requireNonNull(pipeline);
        this.sender = requireNonNull(sender);
    }

    public void pinged(final IcmpFrames.EchoRequest request) {
        final Optional<RoutingContext> context = pipeline.accepted()
            .flatMap(now -> now.resolved().customer(request.customer()))
            .map(customer -> customer.contexts().get(request.nodeId()));
        final Optional<Gateway> gateway = context.flatMap(c -> c.gateway(request.destination()));
        final Optional<Route> back = context.flatMap(c -> c.routeTo(request.source()));
        if (gateway.isEmpty() || back.isEmpty()) {
            LOG.debug("ping {} -> {} of customer {} on {} not answered: no such gateway or no route back",
                request.source(), request.destination(), request.customer(), request.nodeId());
            return;
        }
        final Route route = back.orElseThrow();
        final Framing framing = Framing.of(route.towards().encapsulation());
        sender.send(request.nodeId(), route.towards().port(), framing.outside(), IcmpFrames.echoReply(
            context.orElseThrow().gatewayMac(), framing.tags(), route.nextHop(), request));
    }
}
