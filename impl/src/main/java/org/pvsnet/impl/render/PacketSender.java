/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.util.List;
import org.pvsnet.impl.compile.Action;

/** Sends a frame out of a switch port (packet-out). */
@FunctionalInterface
public interface PacketSender {
    /**
     * Sends the frame out of the port, after the switch applied {@code encapsulate} to it: the headers that are not
     * in the frame's bytes (an MPLS label pushed, a tunnel key set).
     */
    void send(String nodeId, long port, List<Action> encapsulate, byte[] frame);
}
