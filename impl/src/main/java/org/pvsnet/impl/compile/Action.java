/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;

/**
 * One OpenFlow 1.3 action or instruction, in the order it is applied: standard OpenFlow, plus the Nicira
 * connection-tracking action, which pvsnet encodes itself (render/NiciraActions) because openflowplugin
 * cannot send it on this release train.
 */
public sealed interface Action {

    /** ovs-ofctl text of the action. */
    String text();

    record PopVlan() implements Action {
        @Override
        public String text() {
            return "pop_vlan";
        }
    }

    /** Push a tag of protocol tpid (0x8100 or 0x88a8) and set its VLAN id (two OpenFlow actions). */
    record PushVlan(int tpid, int vid) implements Action {
        /** An 802.1Q tag. */
        public PushVlan(final int vid) {
            this(Header.VlanTag.DOT1Q, vid);
        }

        @Override
        public String text() {
            return "push_vlan:0x" + Integer.toHexString(tpid) + ",set_field:" + (0x1000 | vid) + "->vlan_vid";
        }
    }

    /** Push an MPLS label (ethertype 0x8847) and set it (two OpenFlow actions). */
    record PushMpls(int label) implements Action {
        @Override
        public String text() {
            return "push_mpls:0x8847,set_field:" + label + "->mpls_label";
        }
    }

    /** Pop the outermost MPLS label; the frame's ethertype becomes the given one (what the label carried). */
    record PopMpls(int ethType) implements Action {
        @Override
        public String text() {
            return "pop_mpls:0x" + String.format(java.util.Locale.ROOT, "%04x", ethType);
        }
    }

    /** Rewrite the outermost MPLS label. */
    record SetMplsLabel(int label) implements Action {
        @Override
        public String text() {
            return "set_field:" + label + "->mpls_label";
        }
    }

    /** The tunnel key a flow-based VXLAN or GRE port sends the frame with. */
    record SetTunnelId(long id) implements Action {
        @Override
        public String text() {
            return "set_field:" + MatchField.hex(id) + "->tun_id";
        }
    }

    /** Rewrite the VLAN id of the outermost tag. */
    record SetVlan(int vid) implements Action {
        @Override
        public String text() {
            return "set_field:" + (0x1000 | vid) + "->vlan_vid";
        }
    }

    record SetEthSrc(MacAddress mac) implements Action {
        @Override
        public String text() {
            return "set_field:" + mac + "->eth_src";
        }
    }

    record SetEthDst(MacAddress mac) implements Action {
        @Override
        public String text() {
            return "set_field:" + mac + "->eth_dst";
        }
    }

    record SetArpOp(int op) implements Action {
        @Override
        public String text() {
            return "set_field:" + op + "->arp_op";
        }
    }

    record SetArpSha(MacAddress mac) implements Action {
        @Override
        public String text() {
            return "set_field:" + mac + "->arp_sha";
        }
    }

    record SetArpTha(MacAddress mac) implements Action {
        @Override
        public String text() {
            return "set_field:" + mac + "->arp_tha";
        }
    }

    record SetArpSpa(Ipv4Address address) implements Action {
        @Override
        public String text() {
            return "set_field:" + address + "->arp_spa";
        }
    }

    record SetArpTpa(Ipv4Address address) implements Action {
        @Override
        public String text() {
            return "set_field:" + address + "->arp_tpa";
        }
    }

    record DecTtl() implements Action {
        @Override
        public String text() {
            return "dec_ttl";
        }
    }

    record Output(long port) implements Action {
        @Override
        public String text() {
            return "output:" + port;
        }
    }

    /** Back out of the port the packet came in on (OpenFlow does not output to in_port otherwise). */
    record OutputInPort() implements Action {
        @Override
        public String text() {
            return "in_port";
        }
    }

    /** Out of every port but the one it came in on (FLOOD, ALL and NORMAL, found on a switch, read back only). */
    record Flood(String port) implements Action {
        @Override
        public String text() {
            return port;
        }
    }

    /** An action pvsnet does not compile but found on a switch; it does not move the packet. */
    record Opaque(String text) implements Action {
    }

    /** Send the packet to the controller (packet-in), whole. */
    record Controller() implements Action {
        @Override
        public String text() {
            return "CONTROLLER:65535";
        }
    }

    /**
     * Nicira {@code ct} with NAT, in a customer's connection-tracking zone. With {@code commit} and a source
     * address: translate the connection's source to it (and commit the connection, whose responses are then
     * translated back). Without: undo the translation of a response of a committed connection. With a table,
     * the packet continues there after the connection tracker (the rest of this flow's actions see it
     * untranslated); without, the translation applies to the actions that follow.
     */
    record Conntrack(int zone, boolean commit, Optional<Ipv4Address> sourceNat, OptionalInt table)
            implements Action {
        public Conntrack {
            requireNonNull(sourceNat);
            requireNonNull(table);
        }

        /** Translate the source to {@code address} and commit the connection. */
        public static Conntrack sourceNat(final int zone, final Ipv4Address address) {
            return new Conntrack(zone, true, Optional.of(address), OptionalInt.empty());
        }

        /** Undo the translation of a response, then continue in {@code table}. */
        public static Conntrack undoNat(final int zone, final int table) {
            return new Conntrack(zone, false, Optional.empty(), OptionalInt.of(table));
        }

        @Override
        public String text() {
            return "ct(" + (commit ? "commit," : "") + (table.isPresent() ? "table=" + table.getAsInt() + "," : "")
                + "zone=" + zone + ",nat" + sourceNat.map(address -> "(src=" + address + ")").orElse("") + ")";
        }
    }

    /** Instruction: pass the packet through a meter first; the meter may drop it. */
    record Meter(long id) implements Action {
        @Override
        public String text() {
            return "meter:" + id;
        }
    }

    /** Instruction: write the customer into the metadata register. */
    record WriteMetadata(long value, long mask) implements Action {
        @Override
        public String text() {
            return "write_metadata:" + MatchField.hex(value) + "/" + MatchField.hex(mask);
        }
    }

    /** Instruction: continue in a later table. */
    record GotoTable(int table) implements Action {
        @Override
        public String text() {
            return "goto_table:" + table;
        }
    }
}
