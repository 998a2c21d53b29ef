/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import java.util.ArrayList;
import java.util.List;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Header;

/**
 * What a tunnel's headers mean to the pipeline: the match that recognises a header, the action that takes
 * it off, the actions that put it on. Everything is derived from {@link Encapsulation#headers()}, header by
 * header, in exhaustive switches: a new kind of header does not compile until each of them handles it.
 *
 * <p>OpenFlow 1.3 sees only the outermost header. A tunnel with two headers (QinQ) is therefore recognised in
 * two stages: its outer header in the first table (shared by every tunnel with the same outer header on the
 * port), which takes it off and notes it in the low half of the metadata register, then the rest in the
 * table after it. See docs/pipeline.md.
 */
final class Headers {
    /** The low half of metadata: the outer header a two-stage lookup took off (the high half is the customer). */
    static final long OUTER_MASK = 0x0000_0000_FFFF_FFFFL;

    /** What an MPLS label carries in pvsnet: IPv4, restored as the ethertype when the label is popped. */
    static final int IPV4 = 0x0800;

    private Headers() {
        // utility
    }

    /**
     * Whether the tunnel's frames are recognised in two stages (outer header first): with two headers, or under an
     * MPLS label, which hides the IP source until it is popped.
     */
    static boolean twoStage(final Encapsulation encapsulation) {
        final List<Header> headers = encapsulation.headers();
        return headers.size() > 1 || !headers.isEmpty() && headers.getFirst() instanceof Header.MplsLabel;
    }

    /**
     * Whether ARP crosses the tunnel. An MPLS label says nothing of what it carries, and popping it needs the
     * ethertype to restore: pvsnet's MPLS tunnels are routed links that carry IPv4 only, so neighbours on them are
     * configured (a site's router-mac), never resolved.
     */
    static boolean carriesArp(final Encapsulation encapsulation) {
        return encapsulation.headers().stream().noneMatch(Header.MplsLabel.class::isInstance);
    }

    /** The outer header, as the first stage of a two-stage lookup matches and notes it. */
    static Header outer(final Encapsulation encapsulation) {
        return encapsulation.headers().getFirst();
    }

    /** What the first stage writes into the metadata's low half for this outer header. */
    static long outerKey(final Header header) {
        return switch (header) {
            case Header.VlanTag tag -> 0x0100_0000L | tag.vid();
            case Header.MplsLabel label -> 0x0200_0000L | label.label();
            case Header.TunnelKey key -> throw new IllegalArgumentException("a tunnel key is never an outer header");
        };
    }

    /** Matches frames that carry these headers, outermost first; no header means no tag. */
    static List<MatchField> match(final List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of(new MatchField.NoVlan());
        }
        return matchOuter(headers);
    }

    /** What a second stage matches of the headers left after the first took the outer one off: nothing if none. */
    static List<MatchField> matchRest(final List<Header> rest) {
        return rest.isEmpty() ? List.of() : matchOuter(rest);
    }

    private static List<MatchField> matchOuter(final List<Header> headers) {
        if (headers.size() > 1) {
            throw new IllegalArgumentException("OpenFlow 1.3 matches only the outermost header");
        }
        return switch (headers.getFirst()) {
            case Header.VlanTag tag -> List.of(new MatchField.VlanId(tag.vid()));
            // the label right after the Ethernet header, not a label inside some VLAN tag
            case Header.MplsLabel label -> List.of(new MatchField.NoVlan(), MatchField.EthType.MPLS,
                new MatchField.MplsLabel(label.label()));
            case Header.TunnelKey key -> List.of(new MatchField.TunnelId(key.key()));
        };
    }

    /** Takes these headers off, outermost first. */
    static List<Action> pop(final List<Header> headers) {
        final List<Action> actions = new ArrayList<>();
        for (Header header : headers) {
            switch (header) {
                case Header.VlanTag tag -> actions.add(new Action.PopVlan());
                case Header.MplsLabel label -> actions.add(new Action.PopMpls(IPV4));
                // the tunnel port took the outer headers off; the key it noted in tun_id is cleared, so that no
                // later output to a tunnel port can carry it by mistake
                case Header.TunnelKey key -> actions.add(new Action.SetTunnelId(0));
            }
        }
        return List.copyOf(actions);
    }

    /** Puts the encapsulation's headers on: innermost first, so that the outermost ends outside. */
    static List<Action> push(final Encapsulation encapsulation) {
        return push(encapsulation.headers());
    }

    static List<Action> push(final List<Header> headers) {
        final List<Action> actions = new ArrayList<>();
        for (Header header : headers.reversed()) {
            actions.add(switch (header) {
                case Header.VlanTag tag -> new Action.PushVlan(tag.tpid(), tag.vid());
                case Header.MplsLabel label -> new Action.PushMpls(label.label());
                case Header.TunnelKey key -> new Action.SetTunnelId(key.key());
            });
        }
        return List.copyOf(actions);
    }

    /**
     * From one tunnel's remaining headers to another tunnel's headers, without looking inside the frame
     * (tunnel switching). One tag to one tag of the same protocol is a rewrite; anything else is pop then push.
     */
    static List<Action> swap(final List<Header> remaining, final Encapsulation to) {
        if (remaining.size() == 1 && to.headers().size() == 1 && remaining.getFirst() instanceof Header.VlanTag in
            && to.headers().getFirst() instanceof Header.VlanTag out && in.tpid() == out.tpid()) {
            return List.of(new Action.SetVlan(out.vid()));
        }
        if (remaining.size() == 1 && to.headers().size() == 1 && remaining.getFirst() instanceof Header.MplsLabel
            && to.headers().getFirst() instanceof Header.MplsLabel out) {
            return List.of(new Action.SetMplsLabel(out.label()));
        }
        return concat(pop(remaining), push(to));
    }

    @SafeVarargs
    static <T> List<T> concat(final List<? extends T>... lists) {
        final List<T> all = new ArrayList<>();
        for (List<? extends T> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
