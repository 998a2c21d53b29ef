/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.pvsnet.impl.model.Roles.PortRole;
import org.pvsnet.impl.model.Roles.SwitchRole;

/**
 * An Open vSwitch bridge programmed by pvsnet, known by its OpenFlow node id.
 *
 * @param upstream the router on the internet port, if the switch has one
 */
public record Switch(String nodeId, SwitchRole role, Optional<MacAddress> gatewayMac, Optional<Upstream> upstream,
        SortedMap<Long, Port> ports) {
    public Switch {
        requireNonNull(nodeId);
        requireNonNull(role);
        requireNonNull(gatewayMac);
        requireNonNull(upstream);
        ports = Maps.frozen(ports);
    }

    /** The ports of a role, in order. */
    public List<Long> ports(final PortRole wanted) {
        return ports.values().stream().filter(port -> port.role() == wanted).map(Port::number).toList();
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
