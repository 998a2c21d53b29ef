/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render.nicira;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.model.Ipv4Address;

/**
 * The wire encoding of {@code ct(...,nat...)} (Open vSwitch's struct nx_action_conntrack, subtype 35, with one
 * nested struct nx_action_nat, subtype 36), byte for byte as ovs-ofctl encodes it. Pure.
 */
public final class NiciraActions {
    public static final long VENDOR = 0x0000_2320L;
    static final int EXPERIMENTER = 0xFFFF;
    static final int SUBTYPE_CT = 35;
    static final int SUBTYPE_NAT = 36;
    private static final int CT_LENGTH = 24;
    private static final int CT_FLAG_COMMIT = 1;
    private static final int NO_RECIRCULATION = 0xFF;
    private static final int NAT_FLAG_SOURCE = 1;
    private static final int NAT_RANGE_IPV4_MIN = 1;

    private NiciraActions() {
        // pure functions
    }

    public static byte[] encode(final Action.Conntrack ct) {
        // nat: 16 bytes, plus the address and zero padding to 8 when there is one
        final int natLength = ct.sourceNat().isPresent() ? 24 : 16;
        final ByteBuffer out = ByteBuffer.allocate(CT_LENGTH + natLength);
        header(out, CT_LENGTH + natLength, SUBTYPE_CT);
        out.putShort((short) (ct.commit() ? CT_FLAG_COMMIT : 0));
        out.putInt(0);                                  // zone_src: the zone is an immediate value
        out.putShort((short) ct.zone());
        out.put((byte) ct.table().orElse(NO_RECIRCULATION));
        out.put(new byte[5]);                           // pad[3], alg 0
        header(out, natLength, SUBTYPE_NAT);
        out.putShort((short) 0);                        // pad[2]
        out.putShort((short) (ct.sourceNat().isPresent() ? NAT_FLAG_SOURCE : 0));
        out.putShort((short) (ct.sourceNat().isPresent() ? NAT_RANGE_IPV4_MIN : 0));
        ct.sourceNat().ifPresent(address -> out.putInt(address.bits()));
        return out.array();                             // the rest is zero
    }

    /** The ct action encoded in {@code data}, if it is one pvsnet writes; anything else is not decoded. */
    public static Optional<Action.Conntrack> decode(final byte[] data) {
        final ByteBuffer in = ByteBuffer.wrap(data);
        if (data.length < CT_LENGTH + 16 || !isHeader(in, 0, SUBTYPE_CT) || !isHeader(in, CT_LENGTH, SUBTYPE_NAT)) {
            return Optional.empty();
        }
        final int flags = in.getShort(10) & 0xFFFF;
        final int zone = in.getShort(16) & 0xFFFF;
        final int table = in.get(18) & 0xFF;
        final int natFlags = in.getShort(CT_LENGTH + 12) & 0xFFFF;
        final int ranges = in.getShort(CT_LENGTH + 14) & 0xFFFF;
        if (in.getInt(12) != 0 || in.getShort(22) != 0 || (flags & ~CT_FLAG_COMMIT) != 0
            || (natFlags & ~NAT_FLAG_SOURCE) != 0 || (ranges & ~NAT_RANGE_IPV4_MIN) != 0
            || (ranges != 0) != (natFlags != 0)) {
            return Optional.empty();
        }
        final Optional<Ipv4Address> source = ranges == 0 ? Optional.empty()
            : Optional.of(new Ipv4Address(in.getInt(CT_LENGTH + 16)));
        return Optional.of(new Action.Conntrack(zone, flags == CT_FLAG_COMMIT, source,
            table == NO_RECIRCULATION ? OptionalInt.empty() : OptionalInt.of(table)));
    }

    private static void header(final ByteBuffer out, final int length, final int subtype) {
        out.putShort((short) EXPERIMENTER);
        out.putShort((short) length);
        out.putInt((int) VENDOR);
        out.putShort((short) subtype);
    }

    private static boolean isHeader(final ByteBuffer in, final int at, final int subtype) {
        return (in.getShort(at) & 0xFFFF) == EXPERIMENTER && (in.getInt(at + 4) & 0xFFFF_FFFFL) == VENDOR
            && (in.getShort(at + 8) & 0xFFFF) == subtype;
    }
}
