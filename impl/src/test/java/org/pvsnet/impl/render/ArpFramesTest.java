/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;

/**
 * The frames of controller-assisted ARP, byte for byte.
 */
class ArpFramesTest {
    private static final MacAddress GATEWAY = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress ROUTER = MacAddress.parse("02:00:00:01:02:01");

    @Test
    void aReplyParsesBackAsTheAnswerToItsRequest() {
        final byte[] reply = ArpFrames.reply(GATEWAY, List.of(Header.VlanTag.dot1q(106)), ROUTER,
            Ipv4Address.parse("10.2.0.1"), Ipv4Address.parse("10.0.0.10"));
        assertThat(reply).hasSize(46);
        // 802.1Q tag with VLAN 106, then ARP
        assertThat(new byte[] {reply[12], reply[13], reply[14], reply[15], reply[16], reply[17]})
            .containsExactly(0x81, 0x00, 0x00, 106, 0x08, 0x06);
        assertThat(new byte[] {reply[24], reply[25]}).containsExactly(0, 2);   // op = reply
        // a reply is not a request
        assertThat(ArpFrames.parse("openflow:1", 1, 1, reply)).isEmpty();
    }

    @Test
    void aPuntedRequestIsRead() {
        final byte[] request = ArpFrames.reply(GATEWAY, List.of(), ROUTER, Ipv4Address.parse("10.2.0.1"),
            Ipv4Address.parse("10.0.0.10"));
        request[21] = 1;    // turn it into a request from the gateway's point of view
        assertThat(ArpFrames.parse("openflow:1", 1, 7, request)).contains(new ArpFrames.Request("openflow:1", 1, 7,
            GATEWAY, Ipv4Address.parse("10.0.0.10"), Ipv4Address.parse("10.2.0.1")));
        assertThat(ArpFrames.parse("openflow:1", 1, 7, new byte[20])).isEmpty();
    }
}
