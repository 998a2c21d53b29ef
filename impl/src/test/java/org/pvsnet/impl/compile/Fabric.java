/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import java.util.List;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.resolve.Place;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.sim.Packet;
import org.pvsnet.impl.sim.Wire;

/** The compiled fabric of a network, as the property tests use it: where does a packet end up, and whose is it. */
final class Fabric {
    /** A packet that left the fabric; owner as "C1 pvs main-server", "C1 tunnel 710e", or "nobody". */
    record Arrival(Place place, Packet packet, String owner) {
    }

    private final org.pvsnet.impl.sim.Fabric fabric;

    Fabric(final Network network) {
        this(network, Compiler.compile(ResolvedNetwork.of(network)));
    }

    Fabric(final Network network, final Compiler.Compilation compilation) {
        fabric = new org.pvsnet.impl.sim.Fabric(ResolvedNetwork.of(network), compilation.flows());
    }

    /** Put a packet on the wire into a switch port; collect where it leaves the fabric. */
    List<Arrival> send(final String nodeId, final long port, final Packet packet) {
        return fabric.walk(new Place(nodeId, port), packet).exits().stream()
            .map(exit -> new Arrival(exit.place(), exit.packet(), owner(exit.owner()))).toList();
    }

    private static String owner(final org.pvsnet.impl.sim.Fabric.Owner owner) {
        final String description = owner.description();
        return switch (owner.kind()) {
            case PVS, TUNNEL -> owner.customer().orElseThrow() + " "
                + description.substring(0, description.indexOf(" of customer ")).replaceFirst("^PVS ", "pvs ");
            case INTERNET, CONTROLLER, NOBODY -> description;
        };
    }

    /** The packet as it is on the wire of a tunnel. */
    static Packet onWire(final Tunnel tunnel, final Packet packet) {
        return Wire.onWire(tunnel.encapsulation(), packet);
    }

    static boolean carries(final Encapsulation encapsulation, final Packet packet) {
        return Wire.carries(encapsulation, packet);
    }
}
