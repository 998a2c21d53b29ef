/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;

/**
 * Ping on a gateway address, byte for byte: the request a switch punts and the reply pvsnet sends back.
 */
class IcmpFramesTest {
    private static final MacAddress GATEWAY = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress ROUTER = MacAddress.parse("02:00:00:01:01:01");
    // An echo request 10.1.0.1 -> 10.1.0.254 as Linux ping sends it (id 0x1234, seq 1, 8 bytes of data),
    // untagged as the lookup table leaves it.
    private static final byte[] REQUEST = HexFormat.of().parseHex("020000000001" + "020000010101" + "0800"
        + "4500002400004000" + "4001" + "0000" + "0a010001" + "0a0100fe"
        + "0800" + "0000" + "1234" + "0001" + "0102030405060708");

    static {
        REQUEST[24] = (byte) (IcmpFrames.checksum(REQUEST, 14, 20) >> 8);
        REQUEST[25] = (byte) IcmpFrames.checksum(REQUEST, 14, 20);
    }

    @Test
    void anEchoRequestIsParsed() {
        final IcmpFrames.EchoRequest request = IcmpFrames.parseEchoRequest("openflow:1", 1, REQUEST).orElseThrow();
        assertThat(request.source()).isEqualTo(Ipv4Address.parse("10.1.0.1"));
        assertThat(request.destination()).isEqualTo(Ipv4Address.parse("10.1.0.254"));
        assertThat(HexFormat.of().formatHex(request.echo())).isEqualTo("123400010102030405060708");
    }

    @Test
    void theReplyIsAValidEchoReplyFromTheGatewayOnTheTunnel() {
        final var request = IcmpFrames.parseEchoRequest("openflow:1", 1, REQUEST).orElseThrow();
        final byte[] reply = IcmpFrames.echoReply(GATEWAY, List.of(Header.VlanTag.dot1q(201)), ROUTER, request);
        final ByteBuffer buf = ByteBuffer.wrap(reply);
        assertThat(reply).hasSize(18 + 20 + 16);
        assertThat(HexFormat.of().formatHex(reply, 0, 18)).isEqualTo("020000010101" + "020000000001" + "810000c9"
            + "0800");
        // IPv4: from the gateway to the pinger, TTL 64, ICMP, header checksum valid
        assertThat(buf.getInt(18 + 12)).isEqualTo(Ipv4Address.parse("10.1.0.254").bits());
        assertThat(buf.getInt(18 + 16)).isEqualTo(Ipv4Address.parse("10.1.0.1").bits());
        assertThat(reply[18 + 8]).isEqualTo((byte) 64);
        assertThat(IcmpFrames.checksum(reply, 18, 20)).isZero();
        // ICMP: echo reply with the request's id, sequence and data; checksum valid
        assertThat(reply[38]).isZero();
        assertThat(HexFormat.of().formatHex(reply, 42, 54)).isEqualTo("123400010102030405060708");
        assertThat(IcmpFrames.checksum(reply, 38, 16)).isZero();
    }

    @Test
    void otherPacketsAreNotEchoRequests() {
        final byte[] udp = REQUEST.clone();
        udp[23] = 17;
        assertThat(IcmpFrames.parseEchoRequest("openflow:1", 1, udp)).isEmpty();
        final byte[] reply = REQUEST.clone();
        reply[34] = 0;
        assertThat(IcmpFrames.parseEchoRequest("openflow:1", 1, reply)).isEmpty();
        assertThat(IcmpFrames.parseEchoRequest("openflow:1", 1, new byte[20])).isEmpty();
    }
}
