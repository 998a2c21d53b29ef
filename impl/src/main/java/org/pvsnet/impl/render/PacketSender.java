/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

/** Sends a frame out of a switch port (packet-out). */
@FunctionalInterface
public interface PacketSender {
    void send(String nodeId, long port, byte[] frame);
}
