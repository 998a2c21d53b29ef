/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.nio.ByteBuffer;
import java.util.OptionalInt;
import org.pvsnet.impl.model.MacAddress;

/** The Ethernet header of the frames pvsnet reads from packet-ins and writes into packet-outs. */
final class EthernetHeader {
    static final int VLAN_TPID = 0x8100;

    private EthernetHeader() {
        // utility
    }

    /** Where the ethertype of a frame is: after the MACs, and after one 802.1Q tag if there is one. */
    static int typeOffset(final ByteBuffer frame) {
        return frame.limit() >= 18 && (frame.getShort(12) & 0xffff) == VLAN_TPID ? 16 : 12;
    }

    /** The header's length: 14 bytes, 18 with a tag. */
    static int length(final OptionalInt vlan) {
        return vlan.isPresent() ? 18 : 14;
    }

    /** Writes destination, source, the tag when present and the ethertype. */
    static void put(final ByteBuffer buf, final MacAddress destination, final MacAddress source,
            final OptionalInt vlan, final int ethType) {
        putMac(buf, destination);
        putMac(buf, source);
        if (vlan.isPresent()) {
            buf.putShort((short) VLAN_TPID).putShort((short) vlan.getAsInt());
        }
        buf.putShort((short) ethType);
    }

    static void putMac(final ByteBuffer buf, final MacAddress mac) {
        for (int i = 5; i >= 0; i--) {
            buf.put((byte) (mac.bits() >>> 8 * i));
        }
    }
}
