/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

import org.pvsnet.impl.model.Pvs;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;

/**
 * How a PVS hangs off its host's mux/demux (seed Figs 4, 5).
 *
 * @param uplink the host port that carries the PVS's tunnels
 * @param from the tunnel the PVS sends on
 * @param towards the tunnel that carries traffic to the PVS
 * @param endsOnHost the customer's tunnel ends on the host itself (seed Fig 3: no tunnel switch); the host
 *     then checks the sources, as a tunnel switch would
 */
public record Attachment(Pvs pvs, Switch host, long uplink, Tunnel from, Tunnel towards, boolean endsOnHost) {
    public Attachment {
        requireNonNull(pvs);
        requireNonNull(host);
        requireNonNull(from);
        requireNonNull(towards);
    }

    /** The PVS's port. */
    public Place port() {
        return new Place(host.nodeId(), pvs.port());
    }
}
