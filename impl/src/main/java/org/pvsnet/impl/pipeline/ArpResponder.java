/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import static java.util.Objects.requireNonNull;

import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.render.ArpFrames;
import org.pvsnet.impl.render.PacketSender;
import org.pvsnet.impl.resolve.Endpoint;
import org.pvsnet.impl.resolve.ResolvedCustomer;
import org.pvsnet.impl.resolve.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's half of proxy ARP: a tunnel switch punts the ARP requests of site routers whose MAC it
 * does not know yet (through a meter). The responder answers them from the same routing context the
 * switch's own ARP flows come from, so the two never disagree, and hands the router's MAC to the pipeline to
 * learn.
 */
public final class ArpResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ArpResponder.class);

    private final PipelineService pipeline;
    private final PacketSender sender;

    public ArpResponder(final PipelineService pipeline, final PacketSender sender) {
        this.pipeline = requireNonNull(pipeline);
        this.sender = requireNonNull(sender);
    }

    public void requested(final ArpFrames.Request request) {
        final Snapshot.Accepted now = pipeline.accepted().orElse(null);
        final ResolvedCustomer customer = now == null ? null
            : now.resolved().customer(request.customer()).orElse(null);
        final RoutingContext context = customer == null ? null : customer.contexts().get(request.nodeId());
        final Endpoint endpoint = context == null ? null
            : context.requester(request.inPort(), request.senderIp()).orElse(null);
        if (endpoint == null) {
            LOG.debug("ARP from unknown requester {} ignored", request);
            return;
        }
        endpoint.site().ifPresent(site -> {
            final Site configured = now.configured().customers().get(customer.id()).sites().get(site);
            if (configured.routerMac().isEmpty()) {
                pipeline.routerMacSeen(customer.id(), site, request.senderMac());
            }
        });
        if (!context.answers(endpoint, request.targetIp())) {
            return;
        }
        final Framing framing = Framing.of(endpoint.towards().encapsulation());
        sender.send(request.nodeId(), endpoint.towards().port(), framing.outside(), ArpFrames.reply(
            context.gatewayMac(), framing.tags(), request.senderMac(), request.senderIp(), request.targetIp()));
    }
}
