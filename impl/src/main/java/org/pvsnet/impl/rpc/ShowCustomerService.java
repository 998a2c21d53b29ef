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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PortNumber;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Service;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ShowCustomer;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ShowCustomerInput;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ShowCustomerOutput;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ShowCustomerOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.show.customer.output.Flow;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.show.customer.output.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.show.customer.output.Lookup;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.show.customer.output.LookupBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.show.customer.output.Route;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.show.customer.output.RouteBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.pvsnet.impl.model.Roles;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.resolve.ResolvedCustomer;
import org.pvsnet.impl.resolve.RoutingContext;

/** The show-customer RPC: one customer's lookup rows, forwarding table and flows, from the live snapshot. */
public final class ShowCustomerService implements ShowCustomer {
    private final PipelineService pipeline;

    public ShowCustomerService(final PipelineService pipeline) {
        this.pipeline = requireNonNull(pipeline);
    }

    @Override
    public ListenableFuture<RpcResult<ShowCustomerOutput>> invoke(final ShowCustomerInput input) {
        final Optional<Snapshot.Accepted> current = pipeline.accepted();
        if (current.isEmpty()) {
            return RpcResults.unavailable("pvsnet has no accepted configuration");
        }
        if (input.getCustomer() == null) {
            return RpcResults.invalid("customer", "missing: the customer id");
        }
        final Snapshot.Accepted snapshot = current.orElseThrow();
        final ResolvedCustomer customer = snapshot.resolved().customers().get(input.getCustomer().getValue());
        if (customer == null) {
            return RpcResults.invalid("customer", input.getCustomer().getValue() + " is not a configured customer");
        }
        final List<Lookup> lookups = new ArrayList<>();
        for (Tunnel tunnel : customer.customer().tunnels().values()) {
            lookups.add(new LookupBuilder().setIndex(Uint16.valueOf(lookups.size() + 1))
                .setSwitch(new NodeId(tunnel.switchId())).setPort(new PortNumber(Uint32.valueOf(tunnel.port())))
                .setTunnel(new Name(tunnel.name())).setEncapsulation(tunnel.encapsulation().describe())
                .setService(tunnel.service() == Roles.Service.TUNNEL_SWITCHING ? Service.TunnelSwitching
                    : Service.PacketSwitching)
                .setAction(action(customer, tunnel))
                .setAllowedSource(customer.sources(tunnel).stream().map(p -> new Ipv4Prefix(p.toString()))
                    .collect(Collectors.toCollection(LinkedHashSet::new)))
                .build());
        }
        final List<Route> routes = new ArrayList<>();
        for (RoutingContext context : customer.contexts().values()) {
            for (org.pvsnet.impl.resolve.Route route : context.routes()) {
                routes.add(new RouteBuilder().setIndex(Uint16.valueOf(routes.size() + 1))
                    .setSwitch(new NodeId(context.sw().nodeId()))
                    .setDestination(new Ipv4Prefix(route.destination().toString())).setTo(route.to())
                    .setNextHopMac(new MacAddress(route.nextHop().toString()))
                    .setTunnel(new Name(route.towards().name()))
                    .setPort(new PortNumber(Uint32.valueOf(route.towards().port())))
                    .setEncapsulation(route.towards().encapsulation().describe()).build());
            }
        }
        final List<String> unresolved = new ArrayList<>(customer.unresolved());
        final List<Flow> flows = new ArrayList<>();
        snapshot.compilation().flows().forEach((nodeId, list) -> list.stream()
            .filter(flow -> flow.customer() == customer.number())
            .forEach(flow -> flows.add(new FlowBuilder().setIndex(Uint16.valueOf(flows.size() + 1))
                .setSwitch(new NodeId(nodeId)).setTable(Uint8.valueOf(flow.table())).setText(flow.text()).build())));
        return RpcResults.success(new ShowCustomerOutputBuilder().setLookup(BindingMap.ordered(lookups))
            .setRoute(BindingMap.ordered(routes)).setUnresolved(new LinkedHashSet<>(unresolved))
            .setFlow(BindingMap.ordered(flows))
            .build());
    }

    // What the lookup row of a tunnel leads to.
    private static String action(final ResolvedCustomer customer, final Tunnel tunnel) {
        final RoutingContext context = customer.contexts().get(tunnel.switchId());
        if (context != null) {
            return context.crossConnects().stream().filter(cc -> cc.from().equals(tunnel)).findFirst()
                .map(cc -> "cross-connect to tunnel " + cc.to().name())
                .orElse("forwarding table of " + customer.id());
        }
        final List<String> pvss = customer.attachments().values().stream()
            .filter(a -> a.endsOnHost() && a.towards().equals(tunnel)).map(a -> a.pvs().name()).toList();
        return pvss.isEmpty() ? "none: no PVS receives on it here" : "demux to PVS " + String.join(", ", pvss);
    }
}
