/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import java.util.List;

/**
 * One header a tunnel puts around a customer's frames. An encapsulation is a stack of these, outermost
 * first; the compiler, the validator, the ARP responder and the simulator work on headers, so a new
 * encapsulation is a new stack and a new kind of header is a compile error wherever headers are handled.
 */
public sealed interface Header {

    /** An 802.1Q tag; tpid 0x8100, or 0x88a8 for an 802.1ad service tag. */
    record VlanTag(int tpid, int vid) implements Header {
        public static final int DOT1Q = 0x8100;
        public static final int DOT1AD = 0x88a8;

        public VlanTag {
            checkProtocol("tag protocol", tpid);
            Ranges.checkVlan("vlan-id", vid);
        }

        /** A tag protocol is 0x8100 (dot1q) or 0x88a8 (dot1ad); field names the value in the error. */
        static void checkProtocol(final String field, final int tpid) {
            if (tpid != DOT1Q && tpid != DOT1AD) {
                throw new IllegalArgumentException(field + ": 0x" + Integer.toHexString(tpid)
                    + " is neither 0x8100 (dot1q) nor 0x88a8 (dot1ad)");
            }
        }

        public static VlanTag dot1q(final int vid) {
            return new VlanTag(DOT1Q, vid);
        }
    }

    /** An MPLS label. */
    record MplsLabel(int label) implements Header {
    }

    /** The key of a flow-based VXLAN or GRE tunnel port, OpenFlow's tunnel_id. */
    record TunnelKey(long key) implements Header {
    }

    /**
     * Whether frames carrying this header and frames carrying the other cannot be told apart by the
     * switch. OpenFlow 1.3 matches a tag by its VLAN id only, whatever its protocol.
     */
    default boolean sameOnWire(final Header other) {
        return onWire().equals(other.onWire());
    }

    /**
     * What the switch tells this header apart by, as a value: equal for two headers exactly when they are
     * {@link #sameOnWire the same on the wire}. A key for looking headers up by it.
     */
    default Object onWire() {
        return switch (this) {
            case VlanTag tag -> List.of("vlan", tag.vid());
            case MplsLabel label -> label;
            case TunnelKey key -> key;
        };
    }
}
