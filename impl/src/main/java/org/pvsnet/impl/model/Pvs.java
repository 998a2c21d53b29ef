/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;
import org.pvsnet.impl.model.Roles.Attachment;

/**
 * A private virtual server: one port of a host's mux/demux bridge.
 *
 * @param tunnel the tunnel that carries the PVS's traffic out
 * @param returnTunnel the tunnel that carries traffic to the PVS, when different
 * @param uplinkPort the host port carrying the tunnel, when configured explicitly
 */
public record Pvs(String name, Ipv4Address address, MacAddress mac, String host, long port, String tunnel,
        Optional<String> returnTunnel, OptionalLong uplinkPort, Attachment attachment) {
    public Pvs {
        requireNonNull(name);
        requireNonNull(address);
        requireNonNull(mac);
        requireNonNull(host);
        requireNonNull(tunnel);
        requireNonNull(returnTunnel);
        requireNonNull(uplinkPort);
        requireNonNull(attachment);
    }

    /** The tunnel that carries traffic towards the PVS. */
    public String towardsTunnel() {
        return returnTunnel.orElse(tunnel);
    }
}
