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
 * How the frames of one tunnel are marked on its port. Each kind is one small record that says which
 * headers it puts around a frame ({@link #headers()}); everything else (match, pop, push, swap, ARP
 * replies, clashes, simulation) is derived from the headers.
 */
public sealed interface Encapsulation {

    /**
     * The value that identifies the tunnel on its port, in the words of the YANG model, e.g. "vlan 710".
     */
    String describe();

    /** The headers around a customer's frame on the wire, outermost first; none for a leased line. */
    List<Header> headers();

    /** Plain frames: the whole port is the tunnel (a leased line). */
    record Untagged() implements Encapsulation {
        @Override
        public String describe() {
            return "untagged";
        }

        @Override
        public List<Header> headers() {
            return List.of();
        }
    }

    /** One 802.1Q tag. */
    record Vlan(int vlanId) implements Encapsulation {
        public Vlan {
            Ranges.checkVlan("vlan-id", vlanId);
        }

        @Override
        public String describe() {
            return "vlan " + vlanId;
        }

        @Override
        public List<Header> headers() {
            return List.of(Header.VlanTag.dot1q(vlanId));
        }
    }

    /** Two stacked tags: an outer (service) tag of protocol outerTpid, an inner 802.1Q tag. */
    record QinQ(int outerVlanId, int innerVlanId, int outerTpid) implements Encapsulation {
        public QinQ {
            Ranges.checkVlan("outer-vlan-id", outerVlanId);
            Ranges.checkVlan("inner-vlan-id", innerVlanId);
            Header.VlanTag.checkProtocol("outer-tag-protocol", outerTpid);
        }

        /** With an 802.1Q outer tag (0x8100), the model's default. */
        public QinQ(final int outerVlanId, final int innerVlanId) {
            this(outerVlanId, innerVlanId, Header.VlanTag.DOT1Q);
        }

        @Override
        public String describe() {
            return "qinq " + outerVlanId + "." + innerVlanId
                + (outerTpid == Header.VlanTag.DOT1Q ? "" : " (outer 0x" + Integer.toHexString(outerTpid) + ")");
        }

        @Override
        public List<Header> headers() {
            return List.of(new Header.VlanTag(outerTpid, outerVlanId), Header.VlanTag.dot1q(innerVlanId));
        }
    }

    /** One MPLS label. */
    record Mpls(int label) implements Encapsulation {
        public Mpls {
            Ranges.checkRange("label", label, 16, 1_048_575);
        }

        @Override
        public String describe() {
            return "mpls " + label;
        }

        @Override
        public List<Header> headers() {
            return List.of(new Header.MplsLabel(label));
        }
    }

    /** VXLAN network identifier, carried in OpenFlow tunnel_id. */
    record Vxlan(long vni) implements Encapsulation {
        public Vxlan {
            Ranges.checkRange("vni", vni, 1, 16_777_215);
        }

        @Override
        public String describe() {
            return "vxlan " + vni;
        }

        @Override
        public List<Header> headers() {
            return List.of(new Header.TunnelKey(vni));
        }
    }

    /** GRE key, carried in OpenFlow tunnel_id. */
    record Gre(long key) implements Encapsulation {
        public Gre {
            Ranges.checkRange("key", key, 1, 0xFFFF_FFFFL);
        }

        @Override
        public String describe() {
            return "gre " + key;
        }

        @Override
        public List<Header> headers() {
            return List.of(new Header.TunnelKey(key));
        }
    }

}
