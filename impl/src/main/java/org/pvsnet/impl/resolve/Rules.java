/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Roles.PortRole;
import org.pvsnet.impl.model.Roles.Service;
import org.pvsnet.impl.model.Roles.SwitchRole;
import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;

/**
 * The rules that both the validator (on a network that may be invalid) and the resolved view (on a valid
 * one) need. Each is decided here and nowhere else.
 */
public final class Rules {
    /** Where a PVS's tunnels leave its host, or why that cannot be told. */
    public sealed interface Uplink {
        /** The host port that carries the PVS's tunnels. */
        record Found(long port) implements Uplink {
        }

        /**
         * The configuration does not say.
         *
         * @param leaf the PVS leaf to fix, e.g. "uplink-port"
         */
        record Unknown(String leaf, String reason) implements Uplink {
        }
    }

    private Rules() {
        // rules only
    }

    /** A switch routes a tunnel when the tunnel ends on it, the switch is a tunnel switch and the tunnel PS. */
    public static boolean routes(final Switch sw, final Tunnel tunnel) {
        return sw.role() == SwitchRole.TUNNEL_SWITCH && tunnel.switchId().equals(sw.nodeId())
            && tunnel.service() == Service.PACKET_SWITCHING;
    }

    /** Whether any configured tunnel switch routes the tunnel. */
    public static boolean routed(final Network network, final Tunnel tunnel) {
        final Switch sw = network.switches().get(tunnel.switchId());
        return sw != null && routes(sw, tunnel);
    }

    /**
     * The host port that carries a PVS's tunnel: the configured uplink-port; else the tunnel's own port when
     * the tunnel ends on the host; else the host's only internal port.
     */
    public static Uplink uplink(final Network network, final Switch host, final Pvs pvs, final Tunnel tunnel) {
        final OptionalLong explicit = pvs.uplinkPort();
        if (explicit.isPresent()) {
            final Optional<PortRole> role = host.portRole(explicit.getAsLong());
            return role.isEmpty() || role.orElseThrow() == PortRole.PVS || role.orElseThrow() == PortRole.INTERNET
                ? new Uplink.Unknown("uplink-port", "port " + explicit.getAsLong() + " of " + host.nodeId()
                    + " is not an external or internal port")
                : new Uplink.Found(explicit.getAsLong());
        }
        if (tunnel.switchId().equals(host.nodeId())) {
            return new Uplink.Found(tunnel.port());
        }
        final Switch other = network.switches().get(tunnel.switchId());
        if (other != null && other.role() != SwitchRole.TUNNEL_SWITCH) {
            return new Uplink.Unknown("tunnel", "tunnel " + tunnel.name() + " ends on host " + tunnel.switchId()
                + ", not on this PVS's host " + host.nodeId() + " nor on a tunnel-switch");
        }
        final List<Long> internal = host.ports(PortRole.INTERNAL);
        return internal.size() == 1 ? new Uplink.Found(internal.getFirst())
            : new Uplink.Unknown("uplink-port", "host " + host.nodeId() + " has " + internal.size()
                + " internal ports; say which one carries tunnel " + tunnel.name());
    }

    /**
     * The sources a tunnel may carry into the customer's routing context (anti-spoofing): its allowed-source
     * list when configured; otherwise the prefixes of the sites that send on it, and the address of each PVS
     * that sends on it from another switch (a PVS on the tunnel's own switch sends from a PVS port, not from
     * the tunnel). Prefixes inside another one are left out, so no two flows of a tunnel overlap.
     */
    public static List<Ipv4Prefix> sources(final Customer customer, final Tunnel tunnel) {
        final SortedSet<Ipv4Prefix> sources = new TreeSet<>(tunnel.allowedSources());
        if (sources.isEmpty()) {
            for (Site site : customer.sites().values()) {
                if (site.tunnel().equals(tunnel.name())) {
                    sources.addAll(site.prefixes());
                }
            }
            for (Pvs pvs : customer.pvss().values()) {
                if (pvs.tunnel().equals(tunnel.name()) && !pvs.host().equals(tunnel.switchId())) {
                    sources.add(Ipv4Prefix.host(pvs.address()));
                }
            }
        }
        return sources.stream()
            .filter(p -> sources.stream().noneMatch(q -> !q.equals(p) && q.length() < p.length() && q.overlaps(p)))
            .toList();
    }
}
