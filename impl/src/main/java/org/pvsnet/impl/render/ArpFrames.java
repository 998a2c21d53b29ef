/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;

/**
 * The ARP frames of controller-assisted ARP: the request a tunnel switch sends up (its tunnel tag already
 * popped), and the reply the controller sends back down, tagged for the requester's return tunnel.
 */
public final class ArpFrames {
    private static final int ETH_ARP = 0x0806;

    /** An ARP request punted by a switch, with what the pipeline knows about it. */
    public record Request(String nodeId, long inPort, long customer, MacAddress senderMac, Ipv4Address senderIp,
            Ipv4Address targetIp) {
    }

    private ArpFrames() {
        // utility
    }

    public static Optional<Request> parse(final String nodeId, final long inPort, final long customer,
            final byte[] frame) {
        if (frame.length < 42) {
            return Optional.empty();
        }
        final ByteBuffer buf = ByteBuffer.wrap(frame);
        final int offset = EthernetHeader.typeOffset(buf);
        if ((buf.getShort(offset) & 0xffff) != ETH_ARP || frame.length < offset + 30
            || (buf.getShort(offset + 8) & 0xffff) != 1) {
            return Optional.empty();
        }
        return Optional.of(new Request(nodeId, inPort, customer, mac(buf, offset + 10),
            new Ipv4Address(buf.getInt(offset + 16)), new Ipv4Address(buf.getInt(offset + 26))));
    }

    /** The reply: "target is at gateway", to the requester, with the tunnel's tags (outermost first). */
    public static byte[] reply(final MacAddress gateway, final List<Header.VlanTag> tags, final MacAddress requesterMac,
            final Ipv4Address requesterIp, final Ipv4Address target) {
        final ByteBuffer buf = ByteBuffer.allocate(EthernetHeader.length(tags) + 28);
        EthernetHeader.put(buf, requesterMac, gateway, tags, ETH_ARP);
        buf.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
            .putShort((short) 2);
        EthernetHeader.putMac(buf, gateway);
        buf.putInt(target.bits());
        EthernetHeader.putMac(buf, requesterMac);
        buf.putInt(requesterIp.bits());
        return buf.array();
    }

    private static MacAddress mac(final ByteBuffer buf, final int offset) {
        long bits = 0;
        for (int i = 0; i < 6; i++) {
            bits = bits << 8 | buf.get(offset + i) & 0xff;
        }
        return new MacAddress(bits);
    }
}
