/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl;

import java.util.function.UnaryOperator;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PortNumber;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PortRole;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PvsnetBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.CustomerBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.CustomerKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Switch;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.SwitchBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.SwitchKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet._switch.Port;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet._switch.PortBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet._switch.PortKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.Pvs;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.PvsBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.PvsKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.Site;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.SiteBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.SiteKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.Tunnel;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.TunnelBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.TunnelKey;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Small edits of a configuration for tests: change one switch, customer, tunnel, site or PVS and
 * keep the rest.
 */
public final class Mutate {
    private Mutate() {
        // utility
    }

    public static Pvsnet sw(final Pvsnet config, final String nodeId, final UnaryOperator<SwitchBuilder> edit) {
        final Switch old = config.getSwitch().get(new SwitchKey(new NodeId(nodeId)));
        final var switches = BindingMap.<SwitchKey, Switch>orderedBuilder();
        config.getSwitch().values().stream().filter(s -> s != old).forEach(switches::add);
        switches.add(edit.apply(new SwitchBuilder(old)).build());
        return new PvsnetBuilder(config).setSwitch(switches.build()).build();
    }

    /** Add a port with a role to a switch. */
    public static Pvsnet port(final Pvsnet config, final String nodeId, final long number, final PortRole role) {
        return sw(config, nodeId, s -> s.setPort(BindingMap.<PortKey, Port>orderedBuilder()
            .addAll(s.getPort().values())
            .add(new PortBuilder().setNumber(new PortNumber(Uint32.valueOf(number))).setRole(role).build())
            .build()));
    }

    public static Pvsnet customer(final Pvsnet config, final String id, final UnaryOperator<CustomerBuilder> edit) {
        final Customer old = config.getCustomer().get(new CustomerKey(new Name(id)));
        final var customers = BindingMap.<CustomerKey, Customer>orderedBuilder();
        config.getCustomer().values().stream().filter(c -> c != old).forEach(customers::add);
        customers.add(edit.apply(old == null ? new CustomerBuilder().setId(new Name(id))
            : new CustomerBuilder(old)).build());
        return new PvsnetBuilder(config).setCustomer(customers.build()).build();
    }

    public static Pvsnet tunnel(final Pvsnet config, final String customer, final String name,
            final UnaryOperator<TunnelBuilder> edit) {
        return customer(config, customer, c -> {
            final Tunnel old = c.getTunnel().get(new TunnelKey(new Name(name)));
            final var tunnels = BindingMap.<TunnelKey, Tunnel>orderedBuilder();
            c.getTunnel().values().stream().filter(t -> t != old).forEach(tunnels::add);
            tunnels.add(edit.apply(old == null ? new TunnelBuilder().setName(new Name(name))
                : new TunnelBuilder(old)).build());
            return c.setTunnel(tunnels.build());
        });
    }

    public static Pvsnet site(final Pvsnet config, final String customer, final String name,
            final UnaryOperator<SiteBuilder> edit) {
        return customer(config, customer, c -> {
            final Site old = c.getSite().get(new SiteKey(new Name(name)));
            final var sites = BindingMap.<SiteKey, Site>orderedBuilder();
            c.getSite().values().stream().filter(s -> s != old).forEach(sites::add);
            sites.add(edit.apply(old == null ? new SiteBuilder().setName(new Name(name)) : new SiteBuilder(old))
                .build());
            return c.setSite(sites.build());
        });
    }

    public static Pvsnet pvs(final Pvsnet config, final String customer, final String name,
            final UnaryOperator<PvsBuilder> edit) {
        return customer(config, customer, c -> {
            final Pvs old = c.getPvs().get(new PvsKey(new Name(name)));
            final var pvss = BindingMap.<PvsKey, Pvs>orderedBuilder();
            c.getPvs().values().stream().filter(p -> p != old).forEach(pvss::add);
            pvss.add(edit.apply(old == null ? new PvsBuilder().setName(new Name(name)) : new PvsBuilder(old))
                .build());
            return c.setPvs(pvss.build());
        });
    }
}
