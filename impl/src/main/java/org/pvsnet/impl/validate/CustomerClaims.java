/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Tunnel;

/**
 * What the customers of a configuration hold that no two may share: a number, a public address, a tunnel that
 * its switch must tell apart from the others on the port, a host port for a PVS. Made from a configuration that
 * the rules across customers found nothing wrong with, and brought to the next one customer by customer: a change
 * to one customer is checked against what the others hold without going through them all. Whether anything is
 * shared is all it tells; the rules themselves ({@link Validator}) say what and where. Not thread-safe.
 */
final class CustomerClaims {
    private final Map<Long, String> numbers = new HashMap<>();
    private final Map<Ipv4Address, String> publicAddresses = new HashMap<>();
    private final Map<String, String> pvsPorts = new HashMap<>();
    private final Map<String, PortTunnels> ports = new HashMap<>();
    // the customers (of whatever value the validator keeps per customer) whose claims these are
    private Map<String, ?> of;

    private CustomerClaims(final Map<String, ?> of) {
        this.of = of;
    }

    /**
     * The claims of a configuration whose customers share nothing.
     *
     * @param of the validator's map of the same customers, by which it tells later which claims these are
     */
    static CustomerClaims of(final Network network, final Map<String, ?> of) {
        final CustomerClaims claims = new CustomerClaims(of);
        network.customers().values().forEach(claims::add);
        return claims;
    }

    /**
     * Brings the claims from one configuration's customers to the next one's: the customers dropped are taken out
     * and those made put in. False when the claims are not those of {@code from}, or when one of the customers put
     * in claims what another holds; the claims are then of no use.
     */
    boolean update(final Map<String, ?> from, final Map<String, ?> to, final List<Customer> made,
            final List<Customer> dropped) {
        if (of != from) {
            return false;
        }
        of = to;
        dropped.forEach(this::remove);
        boolean shared = false;
        for (Customer customer : made) {
            shared |= add(customer);
        }
        // tunnels once all are in: two changed customers may clash with each other
        return !shared && made.stream().noneMatch(this::tunnelsClash);
    }

    private static String pvsPort(final Pvs pvs) {
        return pvs.host() + " port " + pvs.port();
    }

    private static String portOf(final Tunnel tunnel) {
        return tunnel.switchId() + "/" + tunnel.port();
    }

    private static String owner(final Customer customer, final Tunnel tunnel) {
        return customer.id() + "/" + tunnel.name();
    }

    /** Puts a customer's claims in; true when one of them was held by another customer already. */
    private boolean add(final Customer customer) {
        boolean shared = numbers.putIfAbsent(customer.number(), customer.id()) != null;
        if (customer.publicAddress().isPresent()) {
            shared |= publicAddresses.putIfAbsent(customer.publicAddress().orElseThrow(), customer.id()) != null;
        }
        for (Pvs pvs : customer.pvss().values()) {
            // held before: by another customer, or by another PVS of this one
            shared |= pvsPorts.putIfAbsent(pvsPort(pvs), customer.id()) != null;
        }
        for (Tunnel tunnel : customer.tunnels().values()) {
            ports.computeIfAbsent(portOf(tunnel), key -> new PortTunnels()).add(owner(customer, tunnel), tunnel);
        }
        return shared;
    }

    private void remove(final Customer customer) {
        numbers.remove(customer.number(), customer.id());
        customer.publicAddress().ifPresent(address -> publicAddresses.remove(address, customer.id()));
        customer.pvss().values().forEach(pvs -> pvsPorts.remove(pvsPort(pvs), customer.id()));
        for (Tunnel tunnel : customer.tunnels().values()) {
            final PortTunnels port = ports.get(portOf(tunnel));
            if (port != null && port.remove(owner(customer, tunnel), tunnel)) {
                ports.remove(portOf(tunnel));
            }
        }
    }

    /** Whether a switch could not tell one of the customer's tunnels from another tunnel on its port. */
    private boolean tunnelsClash(final Customer customer) {
        return customer.tunnels().values().stream()
            .anyMatch(tunnel -> ports.get(portOf(tunnel)).clashes(owner(customer, tunnel), tunnel));
    }

    /** The tunnels on one port, indexed by what {@link Validator#clash} looks at. */
    private static final class PortTunnels {
        private final Map<String, Tunnel> all = new HashMap<>();
        private final Set<String> untagged = new HashSet<>();
        private final Map<Object, Set<String>> byKind = new HashMap<>();
        private final Map<Object, Map<String, Tunnel>> byOuterHeader = new HashMap<>();

        void add(final String owner, final Tunnel tunnel) {
            all.put(owner, tunnel);
            if (tunnel.encapsulation().headers().isEmpty()) {
                untagged.add(owner);
            } else {
                byKind.computeIfAbsent(Validator.kind(tunnel.encapsulation()), key -> new HashSet<>()).add(owner);
                byOuterHeader.computeIfAbsent(Validator.outer(tunnel.encapsulation()), key -> new HashMap<>())
                    .put(owner, tunnel);
            }
        }

        /** Takes a tunnel out; true when the port has none left. */
        boolean remove(final String owner, final Tunnel tunnel) {
            if (!all.remove(owner, tunnel)) {
                return all.isEmpty();
            }
            if (tunnel.encapsulation().headers().isEmpty()) {
                untagged.remove(owner);
            } else {
                final Object kind = Validator.kind(tunnel.encapsulation());
                final Object outer = Validator.outer(tunnel.encapsulation());
                if (byKind.get(kind).remove(owner) && byKind.get(kind).isEmpty()) {
                    byKind.remove(kind);
                }
                final Map<String, Tunnel> sameOuter = byOuterHeader.get(outer);
                sameOuter.remove(owner);
                if (sameOuter.isEmpty()) {
                    byOuterHeader.remove(outer);
                }
            }
            return all.isEmpty();
        }

        /** Whether a switch could not tell this tunnel from another one on the port. */
        boolean clashes(final String owner, final Tunnel tunnel) {
            if (tunnel.encapsulation().headers().isEmpty()) {
                return all.size() > 1 || !all.containsKey(owner);
            }
            final Object kind = Validator.kind(tunnel.encapsulation());
            if (!untagged.isEmpty() || byKind.keySet().stream().anyMatch(other -> !other.equals(kind))) {
                return true;
            }
            return byOuterHeader.getOrDefault(Validator.outer(tunnel.encapsulation()), Map.of()).entrySet().stream()
                .anyMatch(other -> !other.getKey().equals(owner)
                    && Validator.clash(other.getValue().encapsulation(), tunnel.encapsulation()) != null);
        }
    }
}
