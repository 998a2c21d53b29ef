/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Derived;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Gateway;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Paths;
import org.pvsnet.impl.model.Port;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Roles.Attachment;
import org.pvsnet.impl.model.Roles.PortRole;
import org.pvsnet.impl.model.Roles.Service;
import org.pvsnet.impl.model.Roles.SwitchRole;
import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.model.Violation;
import org.pvsnet.impl.resolve.Rules;

/**
 * The semantic rules of a pvsnet configuration, across objects. Pure: a network in, the list of
 * violations out (empty when the network may be programmed). The rules are documented in docs/api.md
 * under "Validation"; each has a unit test.
 */
public final class Validator {
    private final Network network;
    private final List<Violation> violations = new ArrayList<>();

    private Validator(final Network network) {
        this.network = network;
    }

    /**
     * What the rules found of each customer on its own, against one set of switches, for the next validation to
     * take instead of checking that customer again; and what the customers held (their {@link CustomerClaims})
     * when the rules across customers last found nothing shared. Safe to share between threads: validations with
     * one memo take turns.
     */
    public static final class Memo {
        private record Found(Customer customer, List<Violation> violations) {
        }

        private @Nullable Map<String, Switch> switches;
        private Derived<Customer, Found> customers = Derived.empty();
        // how many of them the rules found something wrong with: none, in every accepted configuration
        private int wrong;
        // what the customers held when the rules across customers last found nothing wrong; null otherwise
        private @Nullable CustomerClaims claims;

        /** Whether the next validation can check the rules across customers with the changed customers alone. */
        synchronized boolean holdsClaims() {
            return claims != null;
        }
    }

    /** All violations of a network, in a deterministic order. */
    public static List<Violation> validate(final Network network) {
        return validate(network, new Memo());
    }

    /**
     * The same as {@link #validate(Network)}, taking from the memo what it found of each customer that is the very
     * same object (the configuration reader keeps the object of an entry no change touched) on the very same
     * switches; then keeping what this validation found.
     */
    public static List<Violation> validate(final Network network, final Memo memo) {
        synchronized (memo) {
            return validateWith(network, memo);
        }
    }

    private static List<Violation> validateWith(final Network network, final Memo memo) {
        final boolean sameSwitches = memo.switches != null && Network.sameSwitches(network.switches(), memo.switches);
        // the rules of each customer on its own, for the customers that changed (all, when a switch did)
        final Derived<Customer, Memo.Found> customers = Derived.of(network.customers(),
            sameSwitches ? memo.customers : Derived.empty(), customer -> {
                final Validator own = new Validator(network);
                own.customer(customer);
                return new Memo.Found(customer, List.copyOf(own.violations));
            });
        final int wrong = (sameSwitches ? memo.wrong : 0) + customers.made().stream().mapToInt(Validator::wrong).sum()
            - customers.dropped().stream().mapToInt(Validator::wrong).sum();
        final Validator validator = new Validator(network);
        validator.switches();
        // The rules across customers go through every customer only when the claims cannot tell that nothing is
        // shared: a change to one customer is checked against what the others hold.
        final boolean nothingShared = memo.claims != null && sameSwitches
            && memo.claims.update(memo.customers.values(), customers.values(),
                customers.made().stream().map(Memo.Found::customer).toList(),
                customers.dropped().stream().map(Memo.Found::customer).toList());
        int across = 0;
        if (!nothingShared) {
            memo.claims = null;
            final int before = validator.violations.size();
            validator.uniqueCustomerValues();
            validator.tunnelWire();
            across += validator.violations.size() - before;
        }
        if (wrong > 0) {
            customers.values().values().forEach(found -> validator.violations.addAll(found.violations()));
        }
        if (!nothingShared) {
            final int before = validator.violations.size();
            validator.pvsPorts();
            across += validator.violations.size() - before;
            if (across == 0) {
                memo.claims = CustomerClaims.of(network, customers.values());
            }
        }
        memo.switches = network.switches();
        memo.customers = customers;
        memo.wrong = wrong;
        return List.copyOf(validator.violations);
    }

    private static int wrong(final Memo.Found found) {
        return found.violations().isEmpty() ? 0 : 1;
    }

    // The rules of one customer on its own: they read nothing but the customer and the switches.
    private void customer(final Customer customer) {
        tunnels(customer);
        sites(customer);
        pvss(customer);
        gateways(customer);
        rateLimit(customer);
        internetAccess(customer);
        pvsTunnels(customer);
    }

    private void fail(final String path, final String reason) {
        violations.add(new Violation(path, reason));
    }

    // A tunnel switch routes, so it needs the MAC it sends from and answers ARP with.
    private void switches() {
        for (Switch sw : network.switches().values()) {
            if (sw.role() == SwitchRole.TUNNEL_SWITCH && sw.gatewayMac().isEmpty()) {
                fail(Paths.sw(sw.nodeId()) + "/gateway-mac", "a tunnel-switch needs a gateway-mac");
            }
            if (sw.role() == SwitchRole.HOST) {
                for (Port port : sw.ports().values()) {
                    if (port.role() == PortRole.INTERNET) {
                        fail(Paths.port(sw.nodeId(), port.number()) + "/role",
                            "role internet is only valid on a tunnel-switch");
                    }
                }
            }
            if (sw.role() == SwitchRole.TUNNEL_SWITCH) {
                upstream(sw);
                for (Port port : sw.ports().values()) {
                    if (port.role() == PortRole.PVS) {
                        fail(Paths.port(sw.nodeId(), port.number()) + "/role",
                            "role pvs is only valid on a host switch");
                    }
                }
            }
        }
    }

    // The public side: one internet port, and the upstream router behind it, or neither.
    private void upstream(final Switch sw) {
        final List<Long> internet = sw.ports(PortRole.INTERNET);
        final String path = Paths.sw(sw.nodeId()) + "/internet";
        if (internet.size() > 1) {
            fail(Paths.port(sw.nodeId(), internet.get(1)) + "/role", "a tunnel-switch has at most one internet "
                + "port; port " + internet.get(0) + " already is");
        }
        if (!internet.isEmpty() && sw.upstream().isEmpty()) {
            fail(path, "the upstream router (next-hop and router-mac) is required with an internet port");
        }
        if (internet.isEmpty() && sw.upstream().isPresent()) {
            fail(path, "there is no port of role internet to reach the upstream router on");
        }
    }

    // Customer numbers are the routing-context ids in metadata; public addresses are NAT identities.
    private void uniqueCustomerValues() {
        final Map<Long, String> numbers = new HashMap<>();
        final Map<Ipv4Address, String> publicAddresses = new HashMap<>();
        for (Customer customer : network.customers().values()) {
            final String other = numbers.putIfAbsent(customer.number(), customer.id());
            if (other != null) {
                fail(Paths.customer(customer.id()) + "/number",
                    "number " + customer.number() + " is already used by customer " + other);
            }
            customer.publicAddress().ifPresent(address -> {
                final String holder = publicAddresses.putIfAbsent(address, customer.id());
                if (holder != null) {
                    fail(Paths.customer(customer.id()) + "/internet-access/public-address",
                        "public-address " + address + " is already used by customer " + holder);
                }
            });
        }
    }

    // Two tunnels must never be indistinguishable on the wire, across all customers.
    private void tunnelWire() {
        // Each tunnel is compared with the earlier tunnels of its port that it can clash with, not with every
        // earlier tunnel: pairwise, 10,000 customers took seconds.
        final Map<String, PortTunnels> ports = new HashMap<>();
        int index = 0;
        for (Customer customer : network.customers().values()) {
            for (Tunnel tunnel : customer.tunnels().values()) {
                final Owned owned = new Owned(index++, customer.id(), tunnel);
                final PortTunnels port = ports.computeIfAbsent(tunnel.switchId() + "/" + tunnel.port(),
                    key -> new PortTunnels());
                for (Owned other : port.candidates(tunnel.encapsulation())) {
                    final String clash = clash(other.tunnel.encapsulation(), tunnel.encapsulation());
                    if (clash != null) {
                        fail(Paths.tunnel(customer.id(), tunnel.name()),
                            "collides with tunnel " + other.tunnel.name() + " of customer " + other.customer
                                + " on " + tunnel.switchId() + " port " + tunnel.port() + ": " + clash);
                    }
                }
                port.add(owned);
            }
        }
    }

    private record Owned(int index, String customer, Tunnel tunnel) {
    }

    /**
     * The tunnels seen so far on one port, indexed by what {@link #clash} looks at: an untagged tunnel clashes
     * with every other, tunnels of different kinds (Ethernet, VXLAN, GRE) always clash, and tunnels of one kind
     * only when their outer headers are the same on the wire.
     */
    private static final class PortTunnels {
        private final List<Owned> all = new ArrayList<>();
        private final List<Owned> untagged = new ArrayList<>();
        private final Map<Object, List<Owned>> byKind = new HashMap<>();
        private final Map<Object, List<Owned>> byOuterHeader = new HashMap<>();

        void add(final Owned owned) {
            final Encapsulation encapsulation = owned.tunnel().encapsulation();
            all.add(owned);
            if (encapsulation.headers().isEmpty()) {
                untagged.add(owned);
            } else {
                byKind.computeIfAbsent(kind(encapsulation), key -> new ArrayList<>()).add(owned);
                byOuterHeader.computeIfAbsent(outer(encapsulation), key -> new ArrayList<>()).add(owned);
            }
        }

        /** The earlier tunnels that may clash with this encapsulation, in the order they were seen. */
        List<Owned> candidates(final Encapsulation encapsulation) {
            if (encapsulation.headers().isEmpty()) {
                return all;
            }
            final List<Owned> candidates = new ArrayList<>(untagged);
            final Object kind = kind(encapsulation);
            byKind.forEach((other, owned) -> {
                if (!other.equals(kind)) {
                    candidates.addAll(owned);
                }
            });
            candidates.addAll(byOuterHeader.getOrDefault(outer(encapsulation), List.of()));
            candidates.sort(Comparator.comparingInt(Owned::index));
            return candidates;
        }

    }

    // Ethernet (VLAN, QinQ, MPLS) is one kind; each keyed encapsulation (VXLAN, GRE) is a kind of its own
    static Object kind(final Encapsulation encapsulation) {
        return keyed(encapsulation.headers()) ? encapsulation.getClass() : Header.class;
    }

    // the first header as a switch sees it, of a tagged encapsulation
    static Object outer(final Encapsulation encapsulation) {
        return encapsulation.headers().getFirst().onWire();
    }

    /**
     * Why two encapsulations on the same port cannot be told apart, or null if they can: one's headers are the
     * start of the other's (no headers, a leased line, is the start of every stack), compared as a switch sees
     * them (a tag by its VLAN id only).
     */
    static String clash(final Encapsulation first, final Encapsulation second) {
        final List<Header> a = first.headers();
        final List<Header> b = second.headers();
        if (a.isEmpty() || b.isEmpty()) {
            return "an untagged tunnel takes the whole port";
        }
        if (keyed(a) != keyed(b) || keyed(a) && first.getClass() != second.getClass()) {
            return "a port is either a VXLAN port, a GRE port or an Ethernet port: " + first.describe() + " and "
                + second.describe() + " cannot share it";
        }
        final int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            if (!a.get(i).sameOnWire(b.get(i))) {
                return null;
            }
        }
        if (a.size() == b.size()) {
            return first.equals(second) ? "both are " + first.describe()
                : first.describe() + " and " + second.describe() + " look the same to a switch, which matches a tag"
                    + " by its VLAN id only";
        }
        return first.describe() + " and " + second.describe() + " share the outer " + switch (a.getFirst()) {
            case Header.VlanTag tag -> "VLAN " + tag.vid();
            case Header.MplsLabel label -> "label " + label.label();
            case Header.TunnelKey key -> "tunnel id " + key.key();
        };
    }

    private static boolean keyed(final List<Header> headers) {
        return headers.getFirst() instanceof Header.TunnelKey;
    }

    private static boolean mpls(final Tunnel tunnel) {
        return tunnel.encapsulation() instanceof Encapsulation.Mpls;
    }

    private void tunnels(final Customer customer) {
        final Map<String, String> peeredBy = new HashMap<>();
        for (Tunnel tunnel : customer.tunnels().values()) {
            final String path = Paths.tunnel(customer.id(), tunnel.name());
            final Switch sw = network.switches().get(tunnel.switchId());
            if (sw == null) {
                fail(path + "/switch", "switch " + tunnel.switchId() + " is not configured in "
                    + Paths.ROOT + "/switch");
            } else {
                final Optional<PortRole> role = sw.portRole(tunnel.port());
                if (role.isEmpty()) {
                    fail(path + "/port", "port " + tunnel.port() + " is not configured on switch " + sw.nodeId());
                } else if (role.orElseThrow() != PortRole.EXTERNAL && role.orElseThrow() != PortRole.INTERNAL) {
                    fail(path + "/port", "port " + tunnel.port() + " of " + sw.nodeId() + " has role "
                        + name(role.orElseThrow()) + "; a tunnel needs a port with role external or internal");
                }
                if (tunnel.service() == Service.TUNNEL_SWITCHING && sw.role() != SwitchRole.TUNNEL_SWITCH) {
                    fail(path + "/service", "tunnel-switching needs a tunnel on a tunnel-switch, " + sw.nodeId()
                        + " is a host");
                }
            }
            switch (tunnel.service()) {
                case PACKET_SWITCHING -> tunnel.peer().ifPresent(peer -> fail(path + "/peer",
                    "only a tunnel-switching tunnel has a peer; this tunnel is packet-switching"));
                case TUNNEL_SWITCHING -> {
                    if (tunnel.peer().isEmpty()) {
                        fail(path + "/peer", "a tunnel-switching tunnel needs exactly one peer");
                    } else {
                        peer(customer, tunnel, tunnel.peer().orElseThrow(), peeredBy);
                    }
                }
                default -> throw new IllegalStateException(tunnel.service().toString());
            }
        }
    }

    private void peer(final Customer customer, final Tunnel tunnel, final String peerName,
            final Map<String, String> peeredBy) {
        final String path = Paths.tunnel(customer.id(), tunnel.name()) + "/peer";
        final Tunnel peer = customer.tunnels().get(peerName);
        if (peer == null) {
            fail(path, "tunnel " + peerName + " is not a tunnel of customer " + customer.id());
        } else if (peer.name().equals(tunnel.name())) {
            fail(path, "a tunnel cannot be its own peer");
        } else if (!peer.switchId().equals(tunnel.switchId())) {
            fail(path, "peer " + peerName + " is on " + peer.switchId() + ", not on " + tunnel.switchId()
                + "; a cross-connect stays within one tunnel switch");
        } else if (peer.service() != Service.TUNNEL_SWITCHING) {
            fail(path, "peer " + peerName + " is packet-switching; a cross-connect joins two tunnel-switching "
                + "tunnels");
        } else if (peer.peer().isPresent() && !peer.peer().orElseThrow().equals(tunnel.name())) {
            fail(path, "peer " + peerName + " is cross-connected with " + peer.peer().orElseThrow());
        } else {
            final String first = peeredBy.putIfAbsent(peerName, tunnel.name());
            if (first != null) {
                fail(path, "tunnel " + peerName + " is already the peer of " + first);
            }
        }
    }

    private void sites(final Customer customer) {
        final List<Site> sites = List.copyOf(customer.sites().values());
        for (int i = 0; i < sites.size(); i++) {
            final Site site = sites.get(i);
            final String path = Paths.site(customer.id(), site.name());
            final boolean known = tunnelReference(customer, path + "/tunnel", site.tunnel());
            site.returnTunnel().ifPresent(tunnel -> tunnelReference(customer, path + "/return-tunnel", tunnel));
            if (known && Rules.routed(network, customer.tunnels().get(site.tunnel()))) {
                // The switch routes to the site's router: it must know its address (the MAC may be learned).
                if (site.nextHop().isEmpty()) {
                    fail(path + "/next-hop", "a site behind a packet-switching tunnel of a tunnel-switch needs "
                        + "its router's next-hop address");
                }
                final Tunnel back = customer.tunnels().get(site.towardsTunnel());
                if (site.routerMac().isEmpty() && (mpls(customer.tunnels().get(site.tunnel()))
                    || back != null && mpls(back))) {
                    fail(path + "/router-mac", "a site behind an MPLS tunnel needs its router's MAC: an MPLS tunnel "
                        + "carries IPv4 only, so the router's ARP never reaches the switch to be learned");
                }
            }
            for (int j = 0; j < i; j++) {
                if (!routedTowards(customer, site.towardsTunnel())
                    || !routedTowards(customer, sites.get(j).towardsTunnel())) {
                    continue;   // only routing looks at destinations; a cross-connect never does
                }
                for (Ipv4Prefix prefix : site.prefixes()) {
                    for (Ipv4Prefix other : sites.get(j).prefixes()) {
                        if (prefix.overlaps(other)) {
                            fail(path + "/prefix", "prefix " + prefix + " overlaps " + other + " of site "
                                + sites.get(j).name() + "; a destination must lead to one site");
                        }
                    }
                }
            }
        }
    }

    // A destination is routed when the tunnel towards it is a packet-switching tunnel of a tunnel switch.
    private boolean routedTowards(final Customer customer, final String tunnelName) {
        final Tunnel tunnel = customer.tunnels().get(tunnelName);
        return tunnel != null && Rules.routed(network, tunnel);
    }

    // Every address the customer declares for itself lies in its address-space, when it declares one.
    private void insideAddressSpace(final Customer customer, final Ipv4Address address, final String path) {
        if (!customer.addressSpace().isEmpty()
            && customer.addressSpace().stream().noneMatch(prefix -> prefix.contains(address))) {
            fail(path, "address " + address + " is outside the address-space " + customer.addressSpace()
                + " of customer " + customer.id());
        }
    }

    // The meter lives on tunnel switches: a rate-limit nothing enforces is refused, not ignored.
    private void rateLimit(final Customer customer) {
        final boolean onTunnelSwitch = customer.tunnels().values().stream().map(t -> network.switches()
            .get(t.switchId())).anyMatch(sw -> sw != null && sw.role() == SwitchRole.TUNNEL_SWITCH);
        if (customer.rateLimitKbps().isPresent() && !onTunnelSwitch) {
            fail(Paths.customer(customer.id()) + "/rate-limit", "a rate-limit is enforced by tunnel switches, and "
                + "customer " + customer.id() + " has no tunnel on one");
        }
    }

    // Internet access is source NAT in the one tunnel switch that routes the customer, on its internet port,
    // with the customer's number as the connection-tracking zone (16 bits).
    private void internetAccess(final Customer customer) {
        if (customer.publicAddress().isEmpty()) {
            return;
        }
        final Ipv4Address address = customer.publicAddress().orElseThrow();
        final String path = Paths.customer(customer.id()) + "/internet-access";
        if (customer.number() > 0xFFFF) {
            fail(Paths.customer(customer.id()) + "/number", "a customer with internet access needs a number up to "
                + "65535 (its connection-tracking zone); " + customer.number() + " is above");
        }
        if (customer.addressSpace().stream().anyMatch(prefix -> prefix.contains(address))) {
            fail(path + "/public-address", "public-address " + address + " lies in the customer's own "
                + "address-space " + customer.addressSpace());
        }
        final List<String> routedOn = customer.tunnels().values().stream().filter(t -> Rules.routed(network, t))
            .map(Tunnel::switchId).distinct().sorted().toList();
        if (routedOn.size() != 1) {
            fail(path + "/enabled", routedOn.isEmpty()
                ? "customer " + customer.id() + " has no packet-switching tunnel on a tunnel-switch, so its traffic "
                    + "never reaches an internet port"
                : "internet access is programmed on one tunnel-switch, and customer " + customer.id()
                    + " is routed on " + String.join(", ", routedOn));
            return;
        }
        final Switch sw = network.switches().get(routedOn.get(0));
        if (sw.ports(PortRole.INTERNET).isEmpty()) {
            fail(path + "/enabled", "tunnel-switch " + sw.nodeId() + " has no port of role internet");
        } else if (sw.upstream().isPresent() && sw.upstream().orElseThrow().nextHop().equals(address)) {
            fail(path + "/public-address", "public-address " + address + " is the upstream router of "
                + sw.nodeId());
        }
    }

    // The provider's addresses in the customer's routing context: answered by a tunnel switch, so they must be
    // distinct from every other address it answers for or routes to, and their subnets must not overlap.
    private void gateways(final Customer customer) {
        final List<Gateway> gateways = customer.gateways();
        final boolean routed = customer.tunnels().values().stream().anyMatch(t -> Rules.routed(network, t));
        for (int i = 0; i < gateways.size(); i++) {
            final Gateway gateway = gateways.get(i);
            final Ipv4Address address = gateway.address();
            final String path = Paths.gateway(customer.id(), address);
            if (!routed) {
                fail(path + "/address", "customer " + customer.id() + " has no packet-switching tunnel on a "
                    + "tunnel-switch, so nothing would answer for gateway " + address);
            }
            insideAddressSpace(customer, address, path + "/address");
            final int host = address.bits() & ~Ipv4Prefix.mask(gateway.subnet().length());
            if (host == 0 || host == ~Ipv4Prefix.mask(gateway.subnet().length())) {
                fail(path + "/address", "address " + address + " is the network or broadcast address of "
                    + gateway.subnet());
            }
            for (Pvs pvs : customer.pvss().values()) {
                if (pvs.address().equals(address)) {
                    fail(path + "/address", "address " + address + " is the address of PVS " + pvs.name());
                }
            }
            for (Site site : customer.sites().values()) {
                if (site.nextHop().filter(address::equals).isPresent()) {
                    fail(path + "/address", "address " + address + " is the next-hop of site " + site.name());
                }
            }
            for (int j = 0; j < i; j++) {
                if (gateway.subnet().overlaps(gateways.get(j).subnet())) {
                    fail(path + "/prefix-length", "subnet " + gateway.subnet() + " overlaps " + gateways.get(j)
                        .subnet() + " of gateway " + gateways.get(j).address() + "; one address per subnet");
                }
            }
        }
    }

    private boolean tunnelReference(final Customer customer, final String path, final String tunnel) {
        if (!customer.tunnels().containsKey(tunnel)) {
            fail(path, "tunnel " + tunnel + " is not a tunnel of customer " + customer.id());
            return false;
        }
        return true;
    }

    private void pvss(final Customer customer) {
        final Map<Ipv4Address, String> addresses = new HashMap<>();
        for (Pvs pvs : customer.pvss().values()) {
            final String path = Paths.pvs(customer.id(), pvs.name());
            insideAddressSpace(customer, pvs.address(), path + "/address");
            final String twin = addresses.putIfAbsent(pvs.address(), pvs.name());
            if (twin != null) {
                fail(path + "/address", "address " + pvs.address() + " is already used by PVS " + twin
                    + " of the same customer");
            }
            for (Site site : customer.sites().values()) {
                if (!routedTowards(customer, site.towardsTunnel()) || !routedTowards(customer, pvs.towardsTunnel())) {
                    continue;
                }
                for (Ipv4Prefix prefix : site.prefixes()) {
                    if (prefix.contains(pvs.address())) {
                        fail(path + "/address", "address " + pvs.address() + " lies in prefix " + prefix
                            + " of site " + site.name() + "; a destination must lead to one place");
                    }
                }
            }
            host(customer, pvs, path);
        }
    }

    private void host(final Customer customer, final Pvs pvs, final String path) {
        final Switch host = network.switches().get(pvs.host());
        if (host == null) {
            fail(path + "/host", "switch " + pvs.host() + " is not configured in " + Paths.ROOT + "/switch");
            return;
        }
        if (host.role() != SwitchRole.HOST) {
            fail(path + "/host", "switch " + pvs.host() + " has role tunnel-switch; a PVS needs a host");
            return;
        }
        final Optional<PortRole> role = host.portRole(pvs.port());
        if (role.isEmpty()) {
            fail(path + "/port", "port " + pvs.port() + " is not configured on switch " + host.nodeId());
        } else if (role.orElseThrow() != PortRole.PVS) {
            fail(path + "/port", "port " + pvs.port() + " of " + host.nodeId() + " has role "
                + name(role.orElseThrow()) + "; a PVS needs a port with role pvs");
        }
        final boolean tunnelKnown = tunnelReference(customer, path + "/tunnel", pvs.tunnel());
        pvs.returnTunnel().ifPresent(tunnel -> tunnelReference(customer, path + "/return-tunnel", tunnel));
        if (!tunnelKnown) {
            return;
        }
        final Tunnel tunnel = customer.tunnels().get(pvs.tunnel());
        if (pvs.attachment() == Attachment.SELF_ENCAPSULATING
            && tunnel.encapsulation() instanceof Encapsulation.Untagged) {
            fail(path + "/attachment", "a self-encapsulating PVS needs a tagged tunnel; " + tunnel.name()
                + " is untagged");
        }
        final Tunnel back = pvs.returnTunnel().map(customer.tunnels()::get).orElse(tunnel);
        if (pvs.attachment() != Attachment.SELF_ENCAPSULATING && (mpls(tunnel) || back != null && mpls(back))) {
            fail(path + "/tunnel", "a PVS behind an MPLS tunnel could not resolve its gateway: an MPLS tunnel "
                + "carries IPv4 only, no ARP; use vlan or qinq towards hosts, or a self-encapsulating PVS");
        }
        uplink(host, pvs, tunnel, path);
    }

    // The host must know which of its ports carries the PVS's tunnel.
    private void uplink(final Switch host, final Pvs pvs, final Tunnel tunnel, final String path) {
        if (Rules.uplink(network, host, pvs, tunnel) instanceof Rules.Uplink.Unknown unknown) {
            fail(path + "/" + unknown.leaf(), unknown.reason());
        }
    }

    // One PVS per tunnel on a host, or the host could not demux.
    private void pvsTunnels(final Customer customer) {
        final Map<String, String> byTunnel = new HashMap<>();
        for (Pvs pvs : customer.pvss().values()) {
            final String other = byTunnel.putIfAbsent(pvs.host() + "/" + pvs.towardsTunnel(), pvs.name());
            if (other != null) {
                fail(Paths.pvs(customer.id(), pvs.name()) + "/tunnel", "PVS " + other + " on the same host "
                    + pvs.host() + " already receives on tunnel " + pvs.towardsTunnel()
                    + "; give each PVS its own tunnel");
            }
        }
    }

    // One PVS per host port, across customers.
    private void pvsPorts() {
        final Map<String, String> users = new HashMap<>();
        for (Customer customer : network.customers().values()) {
            for (Pvs pvs : customer.pvss().values()) {
                final String user = users.putIfAbsent(pvs.host() + " port " + pvs.port(),
                    "PVS " + pvs.name() + " of customer " + customer.id());
                if (user != null) {
                    fail(Paths.pvs(customer.id(), pvs.name()) + "/port", "port " + pvs.port() + " of "
                        + pvs.host() + " is already used by " + user);
                }
            }
        }
    }

    private static String name(final Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
