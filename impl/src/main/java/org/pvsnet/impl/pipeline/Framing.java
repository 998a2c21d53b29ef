/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.Header;

/**
 * How a frame the controller sends into a tunnel (an ARP or ICMP reply) gets the tunnel's headers: VLAN tags are
 * written into the frame's bytes, an MPLS label and a tunnel key are put on by the packet-out's own actions (a
 * label sits between the tags and the payload and says nothing of it; a tunnel key is not in the frame at all).
 *
 * @param tags the tags to write into the frame, outermost first
 * @param outside the actions the switch applies before sending it
 */
record Framing(List<Header.VlanTag> tags, List<Action> outside) {
    Framing {
        tags = List.copyOf(tags);
        outside = List.copyOf(outside);
    }

    static Framing of(final Encapsulation encapsulation) {
        final List<Header.VlanTag> tags = new ArrayList<>();
        final List<Action> outside = new ArrayList<>();
        for (Header header : encapsulation.headers()) {
            switch (header) {
                case Header.VlanTag tag -> tags.add(tag);
                case Header.MplsLabel label -> outside.add(new Action.PushMpls(label.label()));
                case Header.TunnelKey key -> outside.add(new Action.SetTunnelId(key.key()));
            }
        }
        return new Framing(tags, outside);
    }
}
