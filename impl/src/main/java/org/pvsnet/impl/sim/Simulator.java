/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;

/**
 * A small OpenFlow 1.3 table machine over compiled flows: where does this packet go on this switch?
 * It knows exactly the match fields and actions the compiler uses. Tests use it to prove reachability
 * and isolation in milliseconds; the same cases run on real Open vSwitch in it/.
 */
public final class Simulator {
    /** One table visit: the flow that matched, or none (a miss without a miss flow drops). */
    public record Step(int table, Optional<Flow> flow) {
    }

    /** A packet leaving the switch. */
    public record Exit(long port, Packet packet) {
    }

    /**
     * Everything that happened to one packet in one switch.
     *
     * @param ttlExpired the packet was dropped by dec_ttl
     */
    public record Trace(List<Step> steps, List<Exit> exits, boolean ttlExpired) {
        public boolean dropped() {
            return exits.isEmpty();
        }
    }

    /** The port number a packet sent to the controller "leaves" on. */
    public static final long CONTROLLER = 0xFFFF_FFFDL;

    private final List<Flow> flows;
    private final Set<Long> ports;

    /** A switch with these flows; FLOOD reaches these ports. */
    public Simulator(final List<Flow> flows, final Set<Long> ports) {
        this.ports = Set.copyOf(ports);
        this.flows = flows.stream()
            .sorted(Comparator.comparingInt(Flow::table).thenComparing(Comparator.comparingInt(Flow::priority)
                .reversed()))
            .toList();
    }

    public Trace run(final long inPort, final Packet input) {
        final List<Step> steps = new ArrayList<>();
        final List<Exit> exits = new ArrayList<>();
        Packet packet = input;
        long metadata = 0;
        int table = 0;
        while (true) {
            final Optional<Flow> hit = lookup(table, inPort, metadata, packet);
            steps.add(new Step(table, hit));
            if (hit.isEmpty()) {
                return new Trace(steps, exits, false);
            }
            Integer next = null;
            for (Action action : hit.orElseThrow().actions()) {
                switch (action) {
                    case Action.PopVlan pop -> packet = packet.withVlans(packet.vlans().subList(1,
                        packet.vlans().size()));
                    case Action.PushVlan push -> packet = packet.tagged(push.vid());
                    case Action.SetVlan set -> {
                        final List<Integer> tags = new ArrayList<>(packet.vlans());
                        tags.set(0, set.vid());
                        packet = packet.withVlans(tags);
                    }
                    case Action.PushMpls push -> packet = packet.labelled(push.label());
                    case Action.PopMpls pop -> {
                        // what the label carried is what the pop says; pvsnet pops only labels it pushed over IPv4
                        packet = packet.withLabels(packet.labels().subList(1, packet.labels().size()));
                    }
                    case Action.SetMplsLabel set -> {
                        final List<Integer> labels = new ArrayList<>(packet.labels());
                        labels.set(0, set.label());
                        packet = packet.withLabels(labels);
                    }
                    case Action.SetTunnelId set -> packet = packet.keyed(set.id());
                    case Action.SetEthSrc set -> packet = packet.withEthSrc(set.mac());
                    case Action.SetEthDst set -> packet = packet.withEthDst(set.mac());
                    case Action.SetArpOp set -> packet = packet.withArpOp(set.op());
                    case Action.SetArpSha set -> packet = packet.withArpSha(set.mac());
                    case Action.SetArpTha set -> packet = packet.withArpTha(set.mac());
                    case Action.SetArpSpa set -> packet = packet.withSrc(set.address());
                    case Action.SetArpTpa set -> packet = packet.withDst(set.address());
                    case Action.DecTtl dec -> {
                        if (packet.ttl() <= 1) {
                            return new Trace(steps, exits, true);
                        }
                        packet = packet.withTtl(packet.ttl() - 1);
                    }
                    case Action.Output output -> {
                        if (output.port() != inPort) {
                            exits.add(new Exit(output.port(), packet));
                        }
                    }
                    case Action.OutputInPort output -> exits.add(new Exit(inPort, packet));
                    case Action.Controller controller -> exits.add(new Exit(CONTROLLER, packet));
                    case Action.Flood flood -> {
                        for (long port : ports) {
                            if (port != inPort) {
                                exits.add(new Exit(port, packet));
                            }
                        }
                    }
                    case Action.Opaque opaque -> {
                        // does not move the packet
                    }
                    case Action.Meter meter -> {
                        // a meter only limits the rate; one packet always passes
                    }
                    case Action.Conntrack ct -> {
                        // No connection state here: a source is translated, a response is never recognised,
                        // so it continues untranslated in the table the switch resumes in.
                        if (ct.sourceNat().isPresent()) {
                            packet = packet.withSrc(ct.sourceNat().orElseThrow());
                        }
                        if (ct.table().isPresent()) {
                            next = ct.table().getAsInt();
                        }
                    }
                    case Action.WriteMetadata write -> metadata = metadata & ~write.mask()
                        | write.value() & write.mask();
                    case Action.GotoTable goTo -> next = goTo.table();
                }
            }
            if (next == null) {
                return new Trace(steps, exits, false);
            }
            table = next;
        }
    }

    private Optional<Flow> lookup(final int table, final long inPort, final long metadata, final Packet packet) {
        return flows.stream()
            .filter(flow -> flow.table() == table)
            .filter(flow -> flow.match().stream().allMatch(field -> matches(field, inPort, metadata, packet)))
            .findFirst();
    }

    private static boolean matches(final MatchField field, final long inPort, final long metadata,
            final Packet packet) {
        return switch (field) {
            case MatchField.InPort in -> in.port() == inPort;
            case MatchField.VlanId vlan -> !packet.vlans().isEmpty() && packet.vlans().getFirst() == vlan.vid();
            case MatchField.NoVlan none -> packet.vlans().isEmpty();
            case MatchField.TunnelId tunnel -> packet.tunnelId() == tunnel.id();
            case MatchField.Metadata meta -> (metadata & meta.mask()) == meta.value();
            case MatchField.EthType type -> packet.wireType() == type.type();
            case MatchField.MplsLabel label -> !packet.labels().isEmpty()
                && packet.labels().getFirst() == label.label();
            case MatchField.Ipv4Src src -> packet.wireType() == 0x0800 && packet.src() != null
                && src.prefix().contains(packet.src());
            case MatchField.Ipv4Dst dst -> packet.wireType() == 0x0800 && packet.dst() != null
                && dst.prefix().contains(packet.dst());
            case MatchField.ArpOp op -> packet.wireType() == 0x0806 && packet.arpOp() == op.op();
            case MatchField.ArpSpa spa -> packet.wireType() == 0x0806 && packet.src() != null
                && spa.prefix().contains(packet.src());
            case MatchField.ArpTpa tpa -> packet.wireType() == 0x0806 && tpa.address().equals(packet.dst());
            case MatchField.EthSrc src -> src.mac().equals(packet.ethSrc());
            case MatchField.Opaque opaque -> true;
        };
    }
}
