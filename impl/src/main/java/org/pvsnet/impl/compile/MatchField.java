/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import java.util.Locale;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.MacAddress;

/**
 * One OpenFlow 1.3 match field with its value. Only standard OXM fields. The declaration order of the
 * kinds is the order fields are printed in, as {@code ovs-ofctl add-flow} accepts them.
 */
public sealed interface MatchField extends Comparable<MatchField> {

    /** ovs-ofctl text of the field, e.g. {@code in_port=1}. */
    String text();

    /** Print order. */
    int order();

    @Override
    default int compareTo(final MatchField other) {
        return Integer.compare(order(), other.order());
    }

    record InPort(long port) implements MatchField {
        @Override
        public String text() {
            return "in_port=" + port;
        }

        @Override
        public int order() {
            return 0;
        }
    }

    /** Exactly this 802.1Q VLAN id in the outermost tag. */
    record VlanId(int vid) implements MatchField {
        @Override
        public String text() {
            return "dl_vlan=" + vid;
        }

        @Override
        public int order() {
            return 1;
        }
    }

    /**
     * The tunnel key a flow-based VXLAN or GRE port received the frame with (the VNI or GRE key): the customer's
     * tunnel on that port, as a VLAN id is on an Ethernet port.
     */
    record TunnelId(long id) implements MatchField {
        @Override
        public String text() {
            return "tun_id=" + hex(id);
        }

        @Override
        public int order() {
            return 1;
        }
    }

    /** No 802.1Q tag at all. */
    record NoVlan() implements MatchField {
        @Override
        public String text() {
            return "vlan_tci=0x0000/0x1fff";
        }

        @Override
        public int order() {
            return 1;
        }
    }

    record Metadata(long value, long mask) implements MatchField {
        @Override
        public String text() {
            return "metadata=" + hex(value) + "/" + hex(mask);
        }

        @Override
        public int order() {
            return 2;
        }
    }

    /** EtherType; ovs-ofctl's protocol shorthands (ip, arp) are used for the two we match. */
    record EthType(int type) implements MatchField {
        public static final EthType IPV4 = new EthType(0x0800);
        public static final EthType ARP = new EthType(0x0806);
        public static final EthType MPLS = new EthType(0x8847);

        @Override
        public String text() {
            return switch (type) {
                case 0x0800 -> "ip";
                case 0x0806 -> "arp";
                case 0x8847 -> "mpls";
                default -> "dl_type=0x" + Integer.toHexString(type);
            };
        }

        @Override
        public int order() {
            return 3;
        }
    }

    /** The outermost MPLS label (with eth_type 0x8847). */
    record MplsLabel(int label) implements MatchField {
        @Override
        public String text() {
            return "mpls_label=" + label;
        }

        @Override
        public int order() {
            return 4;
        }
    }

    record Ipv4Src(Ipv4Prefix prefix) implements MatchField {
        @Override
        public String text() {
            return "nw_src=" + prefixText(prefix);
        }

        @Override
        public int order() {
            return 5;
        }
    }

    record Ipv4Dst(Ipv4Prefix prefix) implements MatchField {
        @Override
        public String text() {
            return "nw_dst=" + prefixText(prefix);
        }

        @Override
        public int order() {
            return 6;
        }
    }

    record ArpOp(int op) implements MatchField {
        @Override
        public String text() {
            return "arp_op=" + op;
        }

        @Override
        public int order() {
            return 7;
        }
    }

    record ArpSpa(Ipv4Prefix prefix) implements MatchField {
        @Override
        public String text() {
            return "arp_spa=" + prefixText(prefix);
        }

        @Override
        public int order() {
            return 8;
        }
    }

    record ArpTpa(Ipv4Address address) implements MatchField {
        @Override
        public String text() {
            return "arp_tpa=" + address;
        }

        @Override
        public int order() {
            return 9;
        }
    }

    record EthSrc(MacAddress mac) implements MatchField {
        @Override
        public String text() {
            return "dl_src=" + mac;
        }

        @Override
        public int order() {
            return 10;
        }
    }

    /**
     * A field pvsnet does not compile but found on a switch (another controller's or a person's flow). Read
     * back only; the simulator assumes it may match anything, so a check over installed flows errs on the
     * side of finding a leak.
     */
    record Opaque(String text) implements MatchField {
        @Override
        public int order() {
            return 11;
        }
    }

    static String hex(final long value) {
        return "0x" + Long.toHexString(value).toLowerCase(Locale.ROOT);
    }

    /** A prefix as ovs-ofctl prints it: a /32 as a plain address. */
    static String prefixText(final Ipv4Prefix prefix) {
        return prefix.length() == 32 ? prefix.network().toString() : prefix.toString();
    }
}
