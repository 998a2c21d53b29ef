/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import java.util.ArrayList;
import java.util.List;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Header;

/** How a tunnel's encapsulation shows on a simulated packet. */
public final class Wire {
    private Wire() {
        // utility
    }

    /**
     * Whether a packet on the wire belongs to a tunnel of this encapsulation (a leased line: any untagged one). A
     * tunnel key is compared only where the encapsulation has one: an Ethernet port does not carry it.
     */
    public static boolean carries(final Encapsulation encapsulation, final Packet packet) {
        final List<Integer> vlans = new ArrayList<>();
        final List<Integer> labels = new ArrayList<>();
        for (Header header : encapsulation.headers()) {
            switch (header) {
                case Header.VlanTag tag -> vlans.add(tag.vid());
                case Header.MplsLabel label -> labels.add(label.label());
                case Header.TunnelKey key -> {
                    if (packet.tunnelId() != key.key()) {
                        return false;
                    }
                }
            }
        }
        return encapsulation.headers().isEmpty() ? packet.vlans().isEmpty()
            : packet.vlans().equals(vlans) && packet.labels().equals(labels);
    }

    /** The packet as it is on the wire of a tunnel of this encapsulation. */
    public static Packet onWire(final Encapsulation encapsulation, final Packet packet) {
        Packet wire = packet;
        for (Header header : encapsulation.headers().reversed()) {
            wire = switch (header) {
                case Header.VlanTag tag -> wire.tagged(tag.vid());
                case Header.MplsLabel label -> wire.labelled(label.label());
                case Header.TunnelKey key -> wire.keyed(key.key());
            };
        }
        return wire;
    }

    /** The tags of a packet, in the words of the YANG model: "untagged", "vlan 101", "vlans 10.20". */
    public static String describe(final Packet packet) {
        if (packet.tunnelId() != 0) {
            return "key " + packet.tunnelId() + " " + describeTags(packet);
        }
        if (!packet.labels().isEmpty()) {
            return (packet.vlans().isEmpty() ? "" : describeTags(packet) + " ") + "mpls " + packet.labels().stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.joining("."));
        }
        return describeTags(packet);
    }

    private static String describeTags(final Packet packet) {
        return switch (packet.vlans().size()) {
            case 0 -> "untagged";
            case 1 -> "vlan " + packet.vlans().getFirst();
            default -> "vlans " + packet.vlans().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining("."));
        };
    }
}
