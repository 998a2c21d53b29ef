/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;

/**
 * Finds two flows of one table with the same priority that can match the same packet. OpenFlow leaves
 * the choice between them undefined, so a pipeline must never contain such a pair.
 */
public final class Overlaps {
    private static final int IPV4 = 0x0800;
    private static final int ARP = 0x0806;
    private static final int ANY = 0;
    private static final int CONTRADICTION = -1;

    private Overlaps() {
        // pure functions
    }

    /** Every overlapping pair, as {@code "a <-> b"} with both flows' ids. */
    public static List<String> find(final List<Flow> flows) {
        final Map<String, List<Flow>> groups = new HashMap<>();
        flows.forEach(f -> groups.computeIfAbsent(f.table() + "/" + f.priority(), k -> new ArrayList<>()).add(f));
        final List<String> overlaps = new ArrayList<>();
        for (List<Flow> group : groups.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    if (intersect(group.get(i), group.get(j))) {
                        overlaps.add(group.get(i).id() + " <-> " + group.get(j).id() + " (table "
                            + group.get(i).table() + ", priority " + group.get(i).priority() + ")");
                    }
                }
            }
        }
        return overlaps.stream().sorted().toList();
    }

    /** Whether some packet matches both flows: every field constrained by both must agree. */
    static boolean intersect(final Flow first, final Flow second) {
        if (combine(ethType(first), ethType(second)) == CONTRADICTION) {
            return false;
        }
        for (MatchField field : first.match()) {
            for (MatchField other : second.match()) {
                if (!compatible(field, other)) {
                    return false;
                }
            }
        }
        return true;
    }

    // The ethertype a flow requires, explicitly or through its fields (nw_src needs ip, arp_spa needs arp).
    private static int ethType(final Flow flow) {
        int type = ANY;
        for (MatchField field : flow.match()) {
            type = combine(type, switch (field) {
                case MatchField.EthType t -> t.type();
                case MatchField.Ipv4Src src -> IPV4;
                case MatchField.Ipv4Dst dst -> IPV4;
                case MatchField.ArpOp op -> ARP;
                case MatchField.ArpSpa spa -> ARP;
                case MatchField.ArpTpa tpa -> ARP;
                default -> ANY;
            });
        }
        return type;
    }

    private static int combine(final int first, final int second) {
        if (first == ANY || first == second) {
            return second;
        }
        return second == ANY ? first : CONTRADICTION;
    }

    private static boolean compatible(final MatchField field, final MatchField other) {
        return switch (field) {
            case MatchField.InPort x -> !(other instanceof MatchField.InPort y) || x.port() == y.port();
            case MatchField.VlanId x -> !(other instanceof MatchField.NoVlan)
                && (!(other instanceof MatchField.VlanId y) || x.vid() == y.vid());
            case MatchField.NoVlan x -> !(other instanceof MatchField.VlanId);
            case MatchField.TunnelId x -> !(other instanceof MatchField.TunnelId y) || x.id() == y.id();
            case MatchField.Metadata x -> !(other instanceof MatchField.Metadata y)
                || ((x.value() ^ y.value()) & x.mask() & y.mask()) == 0;
            case MatchField.Ipv4Src x -> !(other instanceof MatchField.Ipv4Src y) || x.prefix().overlaps(y.prefix());
            case MatchField.Ipv4Dst x -> !(other instanceof MatchField.Ipv4Dst y) || x.prefix().overlaps(y.prefix());
            case MatchField.ArpSpa x -> !(other instanceof MatchField.ArpSpa y) || x.prefix().overlaps(y.prefix());
            case MatchField.ArpTpa x -> !(other instanceof MatchField.ArpTpa y) || x.address().equals(y.address());
            case MatchField.ArpOp x -> !(other instanceof MatchField.ArpOp y) || x.op() == y.op();
            case MatchField.EthSrc x -> !(other instanceof MatchField.EthSrc y) || x.mac().equals(y.mac());
            case MatchField.MplsLabel x -> !(other instanceof MatchField.MplsLabel y) || x.label() == y.label();
            // the ethertype is compared above; an unknown field may match anything
            case MatchField.EthType x -> true;
            case MatchField.Opaque x -> true;
        };
    }
}
