/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.MacAddress;

/**
 * The header fields the pipeline looks at or rewrites. Immutable; "with" methods return changed copies.
 *
 * @param vlans 802.1Q VLAN ids, outermost first; empty when untagged
 * @param ethType 0x0800 for IPv4, 0x0806 for ARP, anything else for frames nobody routes
 * @param src IPv4 source, or ARP sender protocol address
 * @param dst IPv4 destination, or ARP target protocol address
 * @param arpOp 1 request, 2 reply, 0 when not ARP
 * @param labels MPLS labels, outermost first, inside the tags; ethType is then what the labels carry
 * @param tunnelId the VXLAN VNI or GRE key the frame travels under, outside it; 0 for none (no such key is valid)
 */
public record Packet(List<Integer> vlans, MacAddress ethSrc, MacAddress ethDst, int ethType,
        @Nullable Ipv4Address src, @Nullable Ipv4Address dst, int arpOp, @Nullable MacAddress arpSha,
        @Nullable MacAddress arpTha, int ttl, List<Integer> labels, long tunnelId) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

    public Packet {
        vlans = List.copyOf(vlans);
        labels = List.copyOf(labels);
    }

    public static Packet ipv4(final MacAddress ethSrc, final MacAddress ethDst, final Ipv4Address src,
            final Ipv4Address dst) {
        return new Packet(List.of(), ethSrc, ethDst, 0x0800, src, dst, 0, null, null, 64, List.of(), 0);
    }

    public static Packet arpRequest(final MacAddress sender, final Ipv4Address senderIp, final Ipv4Address target) {
        return new Packet(List.of(), sender, BROADCAST, 0x0806, senderIp, target, 1, sender, null, 0, List.of(), 0);
    }

    public static Packet other(final MacAddress ethSrc, final MacAddress ethDst, final int ethType) {
        return new Packet(List.of(), ethSrc, ethDst, ethType, null, null, 0, null, null, 0, List.of(), 0);
    }

    /** For people: tags, MACs, what it is, addresses and TTL, e.g. "vlan 101 .. ip 10.1.0.1>10.0.0.10 ttl 63". */
    public String describe() {
        final StringBuilder sb = new StringBuilder();
        if (tunnelId != 0) {
            sb.append("key ").append(tunnelId).append(' ');
        }
        vlans.forEach(vid -> sb.append("vlan ").append(vid).append(' '));
        labels.forEach(label -> sb.append("mpls ").append(label).append(' '));
        sb.append(ethSrc).append('>').append(ethDst).append(' ');
        switch (ethType) {
            case 0x0800 -> sb.append("ip ").append(src).append('>').append(dst).append(" ttl ").append(ttl);
            case 0x0806 -> sb.append(arpOp == 1 ? "arp who-has " + dst + " tell " + src
                : "arp reply " + src + " is-at " + arpSha + " to " + dst);
            default -> sb.append("ethertype 0x").append(Integer.toHexString(ethType));
        }
        return sb.toString();
    }

    public Packet withEthSrc(final MacAddress mac) {
        return new Packet(vlans, mac, ethDst, ethType, src, dst, arpOp, arpSha, arpTha, ttl, labels, tunnelId);
    }

    public Packet withEthDst(final MacAddress mac) {
        return new Packet(vlans, ethSrc, mac, ethType, src, dst, arpOp, arpSha, arpTha, ttl, labels, tunnelId);
    }

    /** IPv4 source, or ARP sender protocol address. */
    public Packet withSrc(final Ipv4Address address) {
        return new Packet(vlans, ethSrc, ethDst, ethType, address, dst, arpOp, arpSha, arpTha, ttl, labels, tunnelId);
    }

    /** IPv4 destination, or ARP target protocol address. */
    public Packet withDst(final Ipv4Address address) {
        return new Packet(vlans, ethSrc, ethDst, ethType, src, address, arpOp, arpSha, arpTha, ttl, labels, tunnelId);
    }

    public Packet withArpOp(final int op) {
        return new Packet(vlans, ethSrc, ethDst, ethType, src, dst, op, arpSha, arpTha, ttl, labels, tunnelId);
    }

    public Packet withArpSha(final MacAddress mac) {
        return new Packet(vlans, ethSrc, ethDst, ethType, src, dst, arpOp, mac, arpTha, ttl, labels, tunnelId);
    }

    public Packet withArpTha(final MacAddress mac) {
        return new Packet(vlans, ethSrc, ethDst, ethType, src, dst, arpOp, arpSha, mac, ttl, labels, tunnelId);
    }

    public Packet withTtl(final int newTtl) {
        return new Packet(vlans, ethSrc, ethDst, ethType, src, dst, arpOp, arpSha, arpTha, newTtl, labels, tunnelId);
    }

    public Packet withVlans(final List<Integer> newVlans) {
        return new Packet(newVlans, ethSrc, ethDst, ethType, src, dst, arpOp, arpSha, arpTha, ttl, labels, tunnelId);
    }

    /** Under this tunnel key (0: none), as a flow-based VXLAN or GRE port carries it. */
    public Packet keyed(final long key) {
        return new Packet(vlans, ethSrc, ethDst, ethType, src, dst, arpOp, arpSha, arpTha, ttl, labels, key);
    }

    /** The ethertype on the wire: 0x8847 under MPLS labels, else the packet's own. */
    public int wireType() {
        return labels.isEmpty() ? ethType : 0x8847;
    }

    public Packet withLabels(final List<Integer> newLabels) {
        return new Packet(vlans, ethSrc, ethDst, ethType, src, dst, arpOp, arpSha, arpTha, ttl, newLabels, tunnelId);
    }

    /** With an MPLS label pushed outside the others. */
    public Packet labelled(final int label) {
        final java.util.ArrayList<Integer> stack = new java.util.ArrayList<>(labels);
        stack.add(0, label);
        return withLabels(stack);
    }

    public Packet tagged(final int vid) {
        final java.util.ArrayList<Integer> tags = new java.util.ArrayList<>(vlans);
        tags.add(0, vid);
        return withVlans(tags);
    }
}
