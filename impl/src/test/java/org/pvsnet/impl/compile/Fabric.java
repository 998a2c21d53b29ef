/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.sim.Packet;
import org.pvsnet.impl.sim.Simulator;

/**
 * All switches of a compiled network wired together: a packet put on a wire is followed through the
 * tunnel switch and the hosts until it leaves towards a site or a PVS, or is dropped. Links between a
 * tunnel switch's internal port and a host's uplink are those the PVSs' tunnels imply.
 */
final class Fabric {
    /** Where a packet can end up: a PVS port, or a tunnel towards a site (port + tags). */
    record Place(String nodeId, long port) {
    }

    /** A packet that left the fabric. */
    record Arrival(Place place, Packet packet, String owner) {
    }

    private final Network network;
    private final Map<String, Simulator> simulators = new HashMap<>();
    private final Map<Place, Place> links = new HashMap<>();

    Fabric(final Network network) {
        this.network = network;
        Compiler.compile(network).flows().forEach((nodeId, flows) -> simulators.put(nodeId, new Simulator(flows)));
        for (Customer customer : network.customers().values()) {
            for (Pvs pvs : customer.pvss().values()) {
                for (String name : List.of(pvs.tunnel(), pvs.towardsTunnel())) {
                    final Tunnel tunnel = customer.tunnels().get(name);
                    if (!tunnel.switchId().equals(pvs.host())) {
                        final Place ts = new Place(tunnel.switchId(), tunnel.port());
                        final Place host = new Place(pvs.host(), Compiler.uplink(
                            network.switches().get(pvs.host()), pvs, tunnel));
                        links.put(ts, host);
                        links.put(host, ts);
                    }
                }
            }
        }
    }

    /** Put a packet on the wire into a switch port; collect where it leaves the fabric. */
    List<Arrival> send(final String nodeId, final long port, final Packet packet) {
        final List<Arrival> arrivals = new ArrayList<>();
        send(nodeId, port, packet, arrivals, 0);
        return arrivals;
    }

    private void send(final String nodeId, final long port, final Packet packet, final List<Arrival> arrivals,
            final int hops) {
        if (hops > 4) {
            throw new AssertionError("forwarding loop at " + nodeId);
        }
        for (Simulator.Exit exit : simulators.get(nodeId).run(port, packet).exits()) {
            final Place out = new Place(nodeId, exit.port());
            final Place peer = links.get(out);
            if (peer != null) {
                send(peer.nodeId(), peer.port(), exit.packet(), arrivals, hops + 1);
            } else {
                arrivals.add(new Arrival(out, exit.packet(), owner(out, exit.packet())));
            }
        }
    }

    /** Which customer owns what is at this place: "C1 pvs main-server", "C1 tunnel 710e", or "nobody". */
    String owner(final Place place, final Packet packet) {
        for (Customer customer : network.customers().values()) {
            for (Pvs pvs : customer.pvss().values()) {
                if (pvs.host().equals(place.nodeId()) && pvs.port() == place.port()) {
                    return customer.id() + " pvs " + pvs.name();
                }
            }
            for (Tunnel tunnel : customer.tunnels().values()) {
                if (tunnel.switchId().equals(place.nodeId()) && tunnel.port() == place.port()
                    && carries(tunnel.encapsulation(), packet)) {
                    return customer.id() + " tunnel " + tunnel.name();
                }
            }
        }
        return "nobody";
    }

    static boolean carries(final Encapsulation encapsulation, final Packet packet) {
        return switch (encapsulation) {
            case Encapsulation.Untagged untagged -> packet.vlans().isEmpty();
            case Encapsulation.Vlan vlan -> packet.vlans().equals(List.of(vlan.vlanId()));
            default -> false;
        };
    }

    /** The packet as it is on the wire of a tunnel. */
    static Packet onWire(final Tunnel tunnel, final Packet packet) {
        return switch (tunnel.encapsulation()) {
            case Encapsulation.Untagged untagged -> packet;
            case Encapsulation.Vlan vlan -> packet.tagged(vlan.vlanId());
            default -> throw new IllegalArgumentException(tunnel.encapsulation().describe());
        };
    }
}
