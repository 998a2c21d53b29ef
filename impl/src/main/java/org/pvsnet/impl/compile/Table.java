/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import java.util.Optional;
import org.pvsnet.impl.model.Roles.SwitchRole;

/** The tables of the pipeline, as docs/pipeline.md names them, and what a miss in each means. */
public enum Table {
    /** Tunnel switch: customer lookup (seed table 800) with anti-spoofing. */
    CLASSIFY(SwitchRole.TUNNEL_SWITCH, 0, "not a tunnel of any customer here, or a source the tunnel may not carry"),
    /** Tunnel switch: customer lookup, second stage, for tunnels with two headers (QinQ: the inner tag). */
    CLASSIFY_INNER(SwitchRole.TUNNEL_SWITCH, 5,
        "an outer header of a tunnel here, but no tunnel with this inner header, or a source it may not carry"),
    /** Tunnel switch: ARP requests answered in the switch. */
    ARP(SwitchRole.TUNNEL_SWITCH, 10, "an ARP request the switch does not answer for this requester"),
    /** Tunnel switch: responses from the internet, in their customer's zone, through connection tracking. */
    INTERNET_IN(SwitchRole.TUNNEL_SWITCH, 20, "not for a customer with internet access"),
    /** Tunnel switch: responses after connection tracking, back into the customer's forwarding table. */
    INTERNET_RETURN(SwitchRole.TUNNEL_SWITCH, 21, "not for a customer with internet access"),
    /** Tunnel switch: per-customer forwarding by destination (seed tables 900). */
    FORWARD(SwitchRole.TUNNEL_SWITCH, 30, "no route to the destination in the customer's forwarding table"),
    /** Host: mux/demux between tunnels and PVS ports (seed lookup tables 412 and 512). */
    MUX(SwitchRole.HOST, 0, "neither a PVS's tunnel nor a PVS sending from its own address"),
    /** Host: mux/demux, second stage, for tunnels with two headers (QinQ: the inner tag). */
    MUX_INNER(SwitchRole.HOST, 1, "an outer header of a PVS's tunnel, but no PVS's tunnel with this inner header");

    private final SwitchRole role;
    private final int id;
    private final String miss;

    Table(final SwitchRole role, final int id, final String miss) {
        this.role = role;
        this.id = id;
        this.miss = miss;
    }

    public int id() {
        return id;
    }

    /** Why a packet that matches no flow of the table, or only its miss flow, is dropped. */
    public String miss() {
        return miss;
    }

    /** The table with this id on a switch of this role. */
    public static Optional<Table> of(final SwitchRole role, final int id) {
        for (Table table : values()) {
            if (table.role == role && table.id == id) {
                return Optional.of(table);
            }
        }
        return Optional.empty();
    }
}
