/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.pvsnet.impl.model.Roles.PortRole;
import org.pvsnet.impl.model.Roles.SwitchRole;

/**
 * An Open vSwitch bridge programmed by pvsnet, known by its OpenFlow node id.
 *
 * @param upstream the router on the internet port, if the switch has one
 * @param byRole the port numbers of each role, in order, as {@link #byRole(SortedMap)} gives them: a host with
 *     thousands of PVS ports is asked for its internal port once per PVS
 */
public record Switch(String nodeId, SwitchRole role, Optional<MacAddress> gatewayMac, Optional<Upstream> upstream,
        SortedMap<Long, Port> ports, Map<PortRole, List<Long>> byRole) {
    public Switch {
        requireNonNull(nodeId);
        requireNonNull(role);
        requireNonNull(gatewayMac);
        requireNonNull(upstream);
        ports = Maps.frozen(ports);
        byRole = Map.copyOf(byRole);
        if (!byRole.equals(byRole(ports))) {
            throw new IllegalArgumentException("byRole does not index the ports of " + nodeId);
        }
    }

    public Switch(final String nodeId, final SwitchRole role, final Optional<MacAddress> gatewayMac,
            final Optional<Upstream> upstream, final SortedMap<Long, Port> ports) {
        this(nodeId, role, gatewayMac, upstream, ports, byRole(ports));
    }

    /** The port numbers of each role, in order. */
    public static Map<PortRole, List<Long>> byRole(final SortedMap<Long, Port> ports) {
        final Map<PortRole, List<Long>> index = new EnumMap<>(PortRole.class);
        for (Port port : ports.values()) {
            index.computeIfAbsent(port.role(), unused -> new ArrayList<>()).add(port.number());
        }
        index.replaceAll((unused, numbers) -> List.copyOf(numbers));
        return index;
    }

    /** The ports of a role, in order. */
    public List<Long> ports(final PortRole wanted) {
        return byRole.getOrDefault(wanted, List.of());
    }

    /** The internet port: the one port of role internet, if there is exactly one. */
    public OptionalLong internetPort() {
        final List<Long> internet = ports(PortRole.INTERNET);
        return internet.size() == 1 ? OptionalLong.of(internet.get(0)) : OptionalLong.empty();
    }

    /** The role of a port, if the port is configured. */
    public Optional<PortRole> portRole(final long port) {
        return Optional.ofNullable(ports.get(port)).map(Port::role);
    }

    /** The datapath id, the number after "openflow:". */
    public long datapathId() {
        return Long.parseUnsignedLong(nodeId.substring(nodeId.indexOf(':') + 1));
    }
}
