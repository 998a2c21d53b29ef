/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import java.util.List;
import org.pvsnet.impl.model.Encapsulation;

/** How a tunnel's encapsulation shows on a simulated packet. */
public final class Wire {
    private Wire() {
        // utility
    }

    /** Whether a packet on the wire belongs to a tunnel of this encapsulation. */
    public static boolean carries(final Encapsulation encapsulation, final Packet packet) {
        return switch (encapsulation) {
            case Encapsulation.Untagged untagged -> packet.vlans().isEmpty();
            case Encapsulation.Vlan vlan -> packet.vlans().equals(List.of(vlan.vlanId()));
            case Encapsulation.QinQ qinq -> packet.vlans().equals(List.of(qinq.outerVlanId(), qinq.innerVlanId()));
            // not simulated yet: the pipeline does not compile them
            case Encapsulation.Mpls mpls -> false;
            case Encapsulation.Vxlan vxlan -> false;
            case Encapsulation.Gre gre -> false;
        };
    }

    /** The packet as it is on the wire of a tunnel of this encapsulation, or empty if that is not simulated. */
    public static java.util.Optional<Packet> onWire(final Encapsulation encapsulation, final Packet packet) {
        return switch (encapsulation) {
            case Encapsulation.Untagged untagged -> java.util.Optional.of(packet);
            case Encapsulation.Vlan vlan -> java.util.Optional.of(packet.tagged(vlan.vlanId()));
            case Encapsulation.QinQ qinq -> java.util.Optional.of(packet.tagged(qinq.innerVlanId())
                .tagged(qinq.outerVlanId()));
            case Encapsulation.Mpls mpls -> java.util.Optional.empty();
            case Encapsulation.Vxlan vxlan -> java.util.Optional.empty();
            case Encapsulation.Gre gre -> java.util.Optional.empty();
        };
    }

    /** The tags of a packet, in the words of the YANG model: "untagged", "vlan 101", "vlans 10.20". */
    public static String describe(final Packet packet) {
        return switch (packet.vlans().size()) {
            case 0 -> "untagged";
            case 1 -> "vlan " + packet.vlans().getFirst();
            default -> "vlans " + packet.vlans().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining("."));
        };
    }
}
