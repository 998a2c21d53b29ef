/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.sim;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.Table;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.resolve.Attachment;
import org.pvsnet.impl.resolve.Place;
import org.pvsnet.impl.resolve.ResolvedCustomer;
import org.pvsnet.impl.resolve.ResolvedNetwork;

/**
 * Every switch of a network with its flows, wired as the resolved view says (a tunnel switch's internal
 * port to the uplink of the host behind it): walks a packet from where it enters to wherever it leaves the
 * fabric, and says whose port that is. The same code answers trace-packet, verify-isolation and the
 * tests.
 */
public final class Fabric {
    /** Hops allowed before a walk is called a loop. */
    private static final int MAX_SWITCHES = 8;

    /** One table visit on one switch: the flow that matched, or none. */
    public record Hop(String nodeId, int table, Optional<Flow> flow) {
    }

    /**
     * Who owns a place where a packet leaves.
     *
     * @param customer absent for nobody and for the controller
     */
    public record Owner(Kind kind, Optional<String> customer, String description) {
        /** What is at the place. */
        public enum Kind { PVS, TUNNEL, INTERNET, CONTROLLER, NOBODY }

        static final Owner NOBODY = new Owner(Kind.NOBODY, Optional.empty(), "nobody");
        static final Owner CONTROLLER = new Owner(Kind.CONTROLLER, Optional.empty(), "the controller");

        @Override
        public String toString() {
            return description;
        }
    }

    /** A packet leaving the fabric. */
    public record Exit(Place place, Packet packet, Owner owner) {
        public boolean toController() {
            return place.port() == Simulator.CONTROLLER;
        }
    }

    /**
     * Everything that happened to one packet.
     *
     * @param drops why copies of the packet ended inside the fabric (empty when every copy left)
     */
    public record Walk(List<Hop> hops, List<Exit> exits, List<String> drops) {
        public Walk {
            hops = List.copyOf(hops);
            exits = List.copyOf(exits);
            drops = List.copyOf(drops);
        }

        /** One line: where every copy of the packet ended. */
        public String verdict() {
            final List<String> ends = new ArrayList<>();
            for (Exit exit : exits) {
                final String where = exit.place() + ", " + Wire.describe(exit.packet());
                ends.add(switch (exit.owner().kind()) {
                    case CONTROLLER -> "sent to the controller by " + exit.place().nodeId();
                    case PVS -> "delivered to " + exit.owner() + " on " + where;
                    case TUNNEL -> "sent on " + exit.owner() + " at " + where;
                    case INTERNET -> "sent to the internet at " + where;
                    case NOBODY -> "leaves on " + where + ", a port of nobody's";
                });
            }
            ends.addAll(drops);
            return String.join("; ", ends);
        }
    }

    private final ResolvedNetwork network;
    private final Map<String, Simulator> switches = new HashMap<>();

    public Fabric(final ResolvedNetwork network, final Map<String, List<Flow>> flows) {
        this.network = requireNonNull(network);
        flows.forEach((nodeId, list) -> {
            final Switch sw = network.switches().get(nodeId);
            if (sw != null) {
                switches.put(nodeId, new Simulator(list, sw.ports().keySet()));
            }
        });
    }

    /** Put a packet on the wire into a switch port and follow it through the fabric. */
    public Walk walk(final Place entry, final Packet packet) {
        final List<Hop> hops = new ArrayList<>();
        final List<Exit> exits = new ArrayList<>();
        final List<String> drops = new ArrayList<>();
        walk(entry, packet, hops, exits, drops, 0);
        return new Walk(hops, exits, drops);
    }

    private void walk(final Place entry, final Packet packet, final List<Hop> hops, final List<Exit> exits,
            final List<String> drops, final int depth) {
        final Simulator simulator = switches.get(entry.nodeId());
        if (simulator == null) {
            drops.add(entry.nodeId() + " has no flows");
            return;
        }
        if (depth >= MAX_SWITCHES) {
            drops.add("forwarding loop: still in the fabric after " + MAX_SWITCHES + " switches, at " + entry);
            return;
        }
        final Simulator.Trace trace = simulator.run(entry.port(), packet);
        trace.steps().forEach(step -> hops.add(new Hop(entry.nodeId(), step.table(), step.flow())));
        if (trace.dropped()) {
            drops.add(dropReason(entry.nodeId(), trace));
        }
        for (Simulator.Exit exit : trace.exits()) {
            final Place out = new Place(entry.nodeId(), exit.port());
            final Optional<Place> next = network.linked(out);
            if (next.isPresent()) {
                walk(next.orElseThrow(), exit.packet(), hops, exits, drops, depth + 1);
            } else {
                exits.add(new Exit(out, exit.packet(), exit.port() == Simulator.CONTROLLER ? Owner.CONTROLLER
                    : owner(out, exit.packet())));
            }
        }
    }

    private String dropReason(final String nodeId, final Simulator.Trace trace) {
        final Simulator.Step last = trace.steps().getLast();
        final String table = tableName(nodeId, last.table());
        if (trace.ttlExpired()) {
            return "dropped in " + table + ": TTL expired";
        }
        final Optional<Flow> flow = last.flow();
        if (flow.isEmpty() || flow.orElseThrow().customer() == 0 && flow.orElseThrow().actions().isEmpty()) {
            final Optional<Table> known = table(nodeId, last.table());
            return "dropped in " + table + ": " + known.map(Table::miss).orElse("no flow matched");
        }
        return "dropped in " + table + " by flow " + flow.orElseThrow().id();
    }

    private Optional<Table> table(final String nodeId, final int id) {
        return Table.of(network.switches().get(nodeId).role(), id);
    }

    /** "table 0 (CLASSIFY) of openflow:1". */
    public String tableName(final String nodeId, final int id) {
        return "table " + id + table(nodeId, id).map(t -> " (" + t.name() + ")").orElse("") + " of " + nodeId;
    }

    /** Whose PVS or tunnel is at this place, for a packet tagged like this one. */
    public Owner owner(final Place place, final Packet packet) {
        for (ResolvedCustomer customer : network.customers().values()) {
            for (Attachment attachment : customer.attachments().values()) {
                if (attachment.port().equals(place)) {
                    return new Owner(Owner.Kind.PVS, Optional.of(customer.id()), "PVS " + attachment.pvs().name()
                        + " of customer "
                        + customer.id());
                }
            }
            for (Tunnel tunnel : customer.customer().tunnels().values()) {
                if (tunnel.switchId().equals(place.nodeId()) && tunnel.port() == place.port()
                    && Wire.carries(tunnel.encapsulation(), packet)) {
                    return new Owner(Owner.Kind.TUNNEL, Optional.of(customer.id()), "tunnel " + tunnel.name()
                        + " of customer "
                        + customer.id());
                }
            }
        }
        final Switch sw = network.switches().get(place.nodeId());
        if (sw != null && sw.internetPort().equals(java.util.OptionalLong.of(place.port()))) {
            return new Owner(Owner.Kind.INTERNET, Optional.empty(), "the internet");
        }
        return Owner.NOBODY;
    }
}
