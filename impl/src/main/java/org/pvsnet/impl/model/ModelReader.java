/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.Gre;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.Mpls;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.Qinq;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.Untagged;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.Vlan;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation.Vxlan;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet._switch.Internet;
import org.pvsnet.impl.model.Roles.Attachment;
import org.pvsnet.impl.model.Roles.PortRole;
import org.pvsnet.impl.model.Roles.Service;
import org.pvsnet.impl.model.Roles.SwitchRole;

/**
 * Turns the configuration as stored (generated YANG bindings) into the immutable domain model. Every
 * problem found on the way (a missing mandatory leaf, a value out of range) is reported with its path;
 * the semantic rules across objects are the {@code Validator}'s job.
 */
public final class ModelReader {

    /** The outcome of reading: a model, or the reasons there is none. */
    public sealed interface Result {
        /** The configuration was readable. */
        record Readable(Network network) implements Result {
        }

        /** The configuration has problems; nothing may be built from it. */
        record Unreadable(List<Violation> violations) implements Result {
            public Unreadable {
                violations = List.copyOf(violations);
            }
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern NODE_ID = Pattern.compile("openflow:[1-9][0-9]{0,19}");

    private final List<Violation> violations = new ArrayList<>();

    private ModelReader() {
        // one instance per read
    }

    /**
     * One switch or one customer as read: its model, or none, and the problems found in it. A configuration is
     * read entry by entry, so that an entry no change touched need not be read again (ConfigurationReader).
     */
    public record Entry<T>(@Nullable T value, List<Violation> violations) {
        public Entry {
            violations = List.copyOf(violations);
        }
    }

    /**
     * Read a configuration. An absent configuration is the empty network.
     */
    public static Result read(final @Nullable Pvsnet config) {
        return config == null ? new Result.Readable(Network.EMPTY)
            : assemble(values(config.getSwitch()).stream().map(ModelReader::readSwitch).toList(),
                values(config.getCustomer()).stream().map(ModelReader::readCustomer).toList());
    }

    public static Entry<Switch> readSwitch(
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Switch sw) {
        final ModelReader reader = new ModelReader();
        return new Entry<>(reader.sw(sw), reader.violations);
    }

    public static Entry<Customer> readCustomer(
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer customer) {
        final ModelReader reader = new ModelReader();
        return new Entry<>(reader.customer(customer), reader.violations);
    }

    /** The configuration of these entries; their problems in this order. */
    public static Result assemble(final Collection<Entry<Switch>> switches,
            final Collection<Entry<Customer>> customers) {
        final List<Violation> violations = new ArrayList<>();
        // sorted as an array, not put one by one into a tree: 10,000 customers on every change
        final ImmutableSortedMap.Builder<String, Switch> bySwitch = ImmutableSortedMap.naturalOrder();
        for (Entry<Switch> entry : switches) {
            violations.addAll(entry.violations());
            if (entry.value() != null) {
                bySwitch.put(entry.value().nodeId(), entry.value());
            }
        }
        final ImmutableSortedMap.Builder<String, Customer> byCustomer = ImmutableSortedMap.naturalOrder();
        for (Entry<Customer> entry : customers) {
            violations.addAll(entry.violations());
            if (entry.value() != null) {
                byCustomer.put(entry.value().id(), entry.value());
            }
        }
        return violations.isEmpty()
            ? new Result.Readable(new Network(bySwitch.buildOrThrow(), byCustomer.buildOrThrow()))
            : new Result.Unreadable(violations);
    }

    private @Nullable Switch sw(final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Switch sw) {
        final String nodeId = sw.getNodeId().getValue();
        final String path = Paths.sw(nodeId);
        checkNodeId(path + "/node-id", nodeId);
        final TreeMap<Long, Port> ports = new TreeMap<>();
        for (var port : values(sw.getPort())) {
            final long number = port.getNumber().getValue().toJava();
            // a host may have thousands of ports: its path is made once per port, for the errors that name it
            final String portPath = Paths.port(nodeId, number);
            checkPort(portPath + "/number", number);
            final PortRole role = required(portPath + "/role", port.getRole(),
                r -> switch (r) {
                    case External -> PortRole.EXTERNAL;
                    case Internal -> PortRole.INTERNAL;
                    case Internet -> PortRole.INTERNET;
                    case Pvs -> PortRole.PVS;
                });
            if (role != null) {
                ports.put(number, new Port(number, port.getName() == null ? "" : port.getName(), role));
            }
        }
        final SwitchRole role = required(path + "/role", sw.getRole(), r -> switch (r) {
            case TunnelSwitch -> SwitchRole.TUNNEL_SWITCH;
            case Host -> SwitchRole.HOST;
        });
        final Optional<MacAddress> gatewayMac = optional(path + "/gateway-mac", sw.getGatewayMac(),
            mac -> MacAddress.parse(mac.getValue()));
        return role == null ? null : new Switch(nodeId, role, gatewayMac, upstream(path, sw.getInternet()), ports);
    }

    private Optional<Upstream> upstream(final String path, final @Nullable Internet internet) {
        if (internet == null) {
            return Optional.empty();
        }
        final Ipv4Address nextHop = required(path + "/internet/next-hop", internet.getNextHop(),
            a -> Ipv4Address.parse(a.getValue()));
        final MacAddress routerMac = required(path + "/internet/router-mac", internet.getRouterMac(),
            mac -> MacAddress.parse(mac.getValue()));
        return nextHop == null || routerMac == null ? Optional.empty() : Optional.of(new Upstream(nextHop, routerMac));
    }

    private List<Gateway> gateways(final String customer,
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer config) {
        final List<Gateway> gateways = new ArrayList<>();
        for (var gateway : values(config.getGateway())) {
            final Ipv4Address address = Ipv4Address.parse(gateway.getAddress().getValue());
            final Integer length = required(Paths.gateway(customer, address) + "/prefix-length",
                gateway.getPrefixLength(), l -> (int) checked("prefix-length", l.toJava(), 8, 30));
            if (length != null) {
                gateways.add(new Gateway(address, new Ipv4Prefix(address, length)));
            }
        }
        return gateways;
    }

    private @Nullable Customer customer(
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer customer) {
        final String id = customer.getId().getValue();
        final String path = Paths.customer(id);
        checkName(path + "/id", id);
        final Long number = required(path + "/number", customer.getNumber(), n -> checked("number", n.toJava(),
            1, 16_777_215));
        if (customer.getRateLimit() != null) {
            required(path + "/rate-limit", customer.getRateLimit(), r -> checked("rate-limit", r.toJava(), 8,
                10_000_000));
        }
        final List<Ipv4Prefix> space = prefixes(path + "/address-space", customer.getAddressSpace());
        final var rate = customer.getRateLimit();
        final var internet = customer.getInternetAccess();
        Optional<Ipv4Address> publicAddress = Optional.empty();
        if (internet != null && Boolean.TRUE.equals(internet.getEnabled())) {
            final Ipv4Address address = required(path + "/internet-access/public-address",
                internet.getPublicAddress(), a -> Ipv4Address.parse(a.getValue()));
            publicAddress = Optional.ofNullable(address);
        }

        final TreeMap<String, Tunnel> tunnels = new TreeMap<>();
        for (var tunnel : values(customer.getTunnel())) {
            final Tunnel read = tunnel(id, tunnel);
            if (read != null) {
                tunnels.put(read.name(), read);
            }
        }
        final TreeMap<String, Site> sites = new TreeMap<>();
        for (var site : values(customer.getSite())) {
            final String name = site.getName().getValue();
            final String sitePath = Paths.site(id, name);
            checkName(sitePath + "/name", name);
            final String tunnel = required(sitePath + "/tunnel", site.getTunnel(), t -> t.getValue());
            final List<Ipv4Prefix> prefixes = prefixes(sitePath + "/prefix", site.getPrefix());
            if (prefixes.isEmpty()) {
                violations.add(new Violation(sitePath + "/prefix", "a site needs at least one prefix"));
            }
            if (tunnel != null) {
                sites.put(name, new Site(name, prefixes, tunnel,
                    Optional.ofNullable(site.getReturnTunnel()).map(t -> t.getValue()),
                    optional(sitePath + "/next-hop", site.getNextHop(), a -> Ipv4Address.parse(a.getValue())),
                    optional(sitePath + "/router-mac", site.getRouterMac(), m -> MacAddress.parse(m.getValue()))));
            }
        }
        final TreeMap<String, Pvs> pvss = new TreeMap<>();
        for (var pvs : values(customer.getPvs())) {
            final Pvs read = pvs(id, pvs);
            if (read != null) {
                pvss.put(read.name(), read);
            }
        }
        if (number == null) {
            return null;
        }
        return new Customer(id, number, customer.getDescription() == null ? "" : customer.getDescription(), space,
            rate == null ? OptionalLong.empty() : OptionalLong.of(rate.toJava()), publicAddress, gateways(id, customer),
            tunnels, sites, pvss);
    }

    private @Nullable Tunnel tunnel(final String customer,
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.Tunnel tunnel) {
        final String name = tunnel.getName().getValue();
        final String path = Paths.tunnel(customer, name);
        checkName(path + "/name", name);
        final String sw = required(path + "/switch", tunnel.getSwitch(), s -> nodeId(s.getValue()));
        final Long port = required(path + "/port", tunnel.getPort(), p -> port(p.getValue().toJava()));
        final Encapsulation encapsulation = encapsulation(path, tunnel.getEncapsulation());
        final Service service = service(tunnel.getService());
        final List<Ipv4Prefix> allowed = prefixes(path + "/allowed-source", tunnel.getAllowedSource());
        if (sw == null || port == null || encapsulation == null) {
            return null;
        }
        return new Tunnel(name, sw, port, encapsulation, service,
            Optional.ofNullable(tunnel.getPeer()).map(p -> p.getValue()), allowed);
    }

    /**
     * Read an encapsulation given somewhere else than in the configuration (an RPC input).
     *
     * @throws IllegalArgumentException naming the path and the reason, if it is missing or out of range
     */
    public static Encapsulation readEncapsulation(final String path,
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.@Nullable Encapsulation
                encapsulation) {
        final ModelReader reader = new ModelReader();
        final Encapsulation read = reader.encapsulation(path, encapsulation);
        if (read == null) {
            throw new IllegalArgumentException(reader.violations.stream().map(Violation::toString)
                .collect(java.util.stream.Collectors.joining("; ")));
        }
        return read;
    }

    private @Nullable Encapsulation encapsulation(final String path,
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.@Nullable Encapsulation
                encapsulation) {
        return switch (encapsulation) {
            case null -> {
                violations.add(new Violation(path, "missing encapsulation: one of untagged, vlan, qinq, mpls, "
                    + "vxlan or gre is required"));
                yield null;
            }
            case Untagged untagged -> new Encapsulation.Untagged();
            case Vlan vlan -> required(path + "/vlan/vlan-id", vlan.getVlan().getVlanId(),
                id -> new Encapsulation.Vlan(id.getValue().toJava()));
            case Qinq qinq -> {
                final Integer outer = required(path + "/qinq/outer-vlan-id", qinq.getQinq().getOuterVlanId(),
                    id -> new Encapsulation.Vlan(id.getValue().toJava()).vlanId());
                final Integer inner = required(path + "/qinq/inner-vlan-id", qinq.getQinq().getInnerVlanId(),
                    id -> new Encapsulation.Vlan(id.getValue().toJava()).vlanId());
                final var protocol = qinq.getQinq().getOuterTagProtocol();
                yield outer == null || inner == null ? null : new Encapsulation.QinQ(outer, inner,
                    protocol == null ? Header.VlanTag.DOT1Q : protocol.getIntValue());
            }
            case Mpls mpls -> required(path + "/mpls/label", mpls.getMpls().getLabel(),
                label -> new Encapsulation.Mpls((int) checked("label", label.toJava(), 16, 1_048_575)));
            case Vxlan vxlan -> required(path + "/vxlan/vni", vxlan.getVxlan().getVni(),
                vni -> new Encapsulation.Vxlan(vni.toJava()));
            case Gre gre -> required(path + "/gre/key", gre.getGre().getKey(),
                key -> new Encapsulation.Gre(key.toJava()));
            default -> {
                violations.add(new Violation(path, "unknown encapsulation " + encapsulation));
                yield null;
            }
        };
    }

    private @Nullable Pvs pvs(final String customer,
            final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.Pvs pvs) {
        final String name = pvs.getName().getValue();
        final String path = Paths.pvs(customer, name);
        checkName(path + "/name", name);
        final Ipv4Address address = required(path + "/address", pvs.getAddress(),
            a -> Ipv4Address.parse(a.getValue()));
        final MacAddress mac = required(path + "/mac", pvs.getMac(), m -> MacAddress.parse(m.getValue()));
        final String host = required(path + "/host", pvs.getHost(), h -> nodeId(h.getValue()));
        final Long port = required(path + "/port", pvs.getPort(), p -> port(p.getValue().toJava()));
        final String tunnel = required(path + "/tunnel", pvs.getTunnel(), t -> t.getValue());
        final Attachment attachment = attachment(pvs.getAttachment());
        if (address == null || mac == null || host == null || port == null || tunnel == null) {
            return null;
        }
        final var uplink = pvs.getUplinkPort();
        if (uplink != null) {
            checkPort(path + "/uplink-port", uplink.getValue().toJava());
        }
        return new Pvs(name, address, mac, host, port, tunnel,
            Optional.ofNullable(pvs.getReturnTunnel()).map(t -> t.getValue()),
            uplink == null ? OptionalLong.empty() : OptionalLong.of(uplink.getValue().toJava()), attachment);
    }

    // Absent enumerations take the YANG default.
    private static Service service(final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126
            .@Nullable Service service) {
        return switch (service) {
            case null -> Service.PACKET_SWITCHING;
            case PacketSwitching -> Service.PACKET_SWITCHING;
            case TunnelSwitching -> Service.TUNNEL_SWITCHING;
        };
    }

    private static Attachment attachment(final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126
            .@Nullable Attachment attachment) {
        return switch (attachment) {
            case null -> Attachment.HOST_MUX;
            case HostMux -> Attachment.HOST_MUX;
            case SelfEncapsulating -> Attachment.SELF_ENCAPSULATING;
        };
    }

    private List<Ipv4Prefix> prefixes(final String path, final @Nullable Collection<
            org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix> values) {
        final List<Ipv4Prefix> result = new ArrayList<>();
        if (values != null) {
            for (var value : values) {
                try {
                    result.add(Ipv4Prefix.parse(value.getValue()));
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation(path, e.getMessage()));
                }
            }
        }
        result.sort(null);
        return result;
    }

    private <T, R> @Nullable R required(final String path, final @Nullable T value, final Function<T, R> convert) {
        if (value == null) {
            violations.add(new Violation(path, "missing mandatory leaf"));
            return null;
        }
        try {
            return convert.apply(value);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(path, e.getMessage()));
            return null;
        }
    }

    private <T, R> Optional<R> optional(final String path, final @Nullable T value, final Function<T, R> convert) {
        return value == null ? Optional.empty() : Optional.ofNullable(required(path, value, convert));
    }

    private void checkName(final String path, final String name) {
        required(path, name, ModelReader::name);
    }

    private void checkNodeId(final String path, final String nodeId) {
        required(path, nodeId, ModelReader::nodeId);
    }

    private void checkPort(final String path, final long port) {
        required(path, port, ModelReader::port);
    }

    private static String name(final String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a name: 1 to 64 letters, digits, '.', '_' "
                + "or '-', starting with a letter or digit");
        }
        return name;
    }

    private static String nodeId(final String nodeId) {
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("'" + nodeId + "' is not an OpenFlow node id like openflow:1");
        }
        return nodeId;
    }

    private static long port(final long port) {
        return checked("port", port, 1, 0xFFFF_FF00L);
    }

    private static long checked(final String field, final long value, final long min, final long max) {
        Ranges.checkRange(field, value, min, max);
        return value;
    }

    private static <V> Collection<V> values(final @Nullable Map<?, V> map) {
        return map == null ? List.of() : map.values();
    }
}
