/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

/**
 * How the frames of one tunnel are marked on its port. Each kind is one small record; the compiler
 * turns a kind into "match + pop" on the way in and "push" on the way out.
 */
public sealed interface Encapsulation {

    /**
     * The value that identifies the tunnel on its port, in the words of the YANG model, e.g. "vlan 710".
     */
    String describe();

    /** Plain frames: the whole port is the tunnel (a leased line). */
    record Untagged() implements Encapsulation {
        @Override
        public String describe() {
            return "untagged";
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
    }

    /** Two stacked 802.1Q tags. */
    record QinQ(int outerVlanId, int innerVlanId) implements Encapsulation {
        public QinQ {
            Ranges.checkVlan("outer-vlan-id", outerVlanId);
            Ranges.checkVlan("inner-vlan-id", innerVlanId);
        }

        @Override
        public String describe() {
            return "qinq " + outerVlanId + "." + innerVlanId;
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
    }

}
