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
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.MacAddress;

/** The Ethernet header of the frames pvsnet reads from packet-ins and writes into packet-outs. */
final class EthernetHeader {
    private EthernetHeader() {
        // utility
    }

    /** Where the ethertype of a frame is: after the MACs and after any tags (0x8100 or 0x88a8). */
    static int typeOffset(final ByteBuffer frame) {
        int offset = 12;
        while (frame.limit() >= offset + 6 && isTag(frame.getShort(offset) & 0xffff)) {
            offset += 4;
        }
        return offset;
    }

    private static boolean isTag(final int type) {
        return type == Header.VlanTag.DOT1Q || type == Header.VlanTag.DOT1AD;
    }

    /** The header's length: 14 bytes, 4 more per tag. */
    static int length(final List<Header.VlanTag> tags) {
        return 14 + 4 * tags.size();
    }

    /** Writes destination, source, the tags (outermost first) and the ethertype. */
    static void put(final ByteBuffer buf, final MacAddress destination, final MacAddress source,
            final List<Header.VlanTag> tags, final int ethType) {
        putMac(buf, destination);
        putMac(buf, source);
        for (Header.VlanTag tag : tags) {
            buf.putShort((short) tag.tpid()).putShort((short) tag.vid());
        }
        buf.putShort((short) ethType);
    }

    static void putMac(final ByteBuffer buf, final MacAddress mac) {
        for (int i = 5; i >= 0; i--) {
            buf.put((byte) (mac.bits() >>> 8 * i));
        }
    }
}
