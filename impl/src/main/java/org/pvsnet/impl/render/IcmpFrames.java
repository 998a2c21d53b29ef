/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;

/** ICMP echo (ping) frames for a gateway address: the request a switch punts, the reply pvsnet sends. */
public final class IcmpFrames {
    private static final int ETH_IPV4 = 0x0800;
    private static final int PROTO_ICMP = 1;
    private static final int ECHO_REPLY = 0;
    private static final int ECHO_REQUEST = 8;
    private static final int REPLY_TTL = 64;

    /**
     * A ping to a gateway, punted by a tunnel switch.
     *
     * @param echo the ICMP message after type, code and checksum: identifier, sequence number and data
     */
    public record EchoRequest(String nodeId, long customer, Ipv4Address source, Ipv4Address destination,
            byte[] echo) {
        public EchoRequest {
            echo = echo.clone();
        }

        @Override
        public byte[] echo() {
            return echo.clone();
        }
    }

    private IcmpFrames() {
        // utility
    }

    public static Optional<EchoRequest> parseEchoRequest(final String nodeId, final long customer,
            final byte[] frame) {
        final ByteBuffer buf = ByteBuffer.wrap(frame);
        final int offset = EthernetHeader.typeOffset(buf);
        if (frame.length < offset + 2 + 20 || (buf.getShort(offset) & 0xffff) != ETH_IPV4) {
            return Optional.empty();
        }
        final int ip = offset + 2;
        final int headerLength = (buf.get(ip) & 0x0f) * 4;
        final int totalLength = buf.getShort(ip + 2) & 0xffff;
        final boolean fragment = (buf.getShort(ip + 6) & 0x3fff) != 0;
        final int icmp = ip + headerLength;
        if (headerLength < 20 || fragment || buf.get(ip + 9) != PROTO_ICMP || totalLength < headerLength + 8
            || frame.length < ip + totalLength || buf.get(icmp) != ECHO_REQUEST) {
            return Optional.empty();
        }
        return Optional.of(new EchoRequest(nodeId, customer, new Ipv4Address(buf.getInt(ip + 12)),
            new Ipv4Address(buf.getInt(ip + 16)), Arrays.copyOfRange(frame, icmp + 4, ip + totalLength)));
    }

    /** The echo reply from the gateway, to the requester's next hop, with the tunnel's tags (outermost first). */
    public static byte[] echoReply(final MacAddress gatewayMac, final List<Header.VlanTag> tags,
            final MacAddress nextHop, final EchoRequest request) {
        final byte[] echo = request.echo();
        final int ipLength = 20 + 4 + echo.length;
        final ByteBuffer buf = ByteBuffer.allocate(EthernetHeader.length(tags) + ipLength);
        EthernetHeader.put(buf, nextHop, gatewayMac, tags, ETH_IPV4);
        final int ip = buf.position();
        buf.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0)
            .put((byte) REPLY_TTL).put((byte) PROTO_ICMP).putShort((short) 0)
            .putInt(request.destination().bits()).putInt(request.source().bits());
        buf.putShort(ip + 10, checksum(buf.array(), ip, 20));
        final int icmp = buf.position();
        buf.put((byte) ECHO_REPLY).put((byte) 0).putShort((short) 0).put(echo);
        buf.putShort(icmp + 2, checksum(buf.array(), icmp, 4 + echo.length));
        return buf.array();
    }

    // The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words.
    static short checksum(final byte[] data, final int offset, final int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            final int high = data[offset + i] & 0xff;
            final int low = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
            sum += high << 8 | low;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
