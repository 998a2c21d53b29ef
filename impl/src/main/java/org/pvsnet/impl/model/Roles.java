/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

/**
 * Closed sets of the model: roles, services, attachments.
 */
public final class Roles {

    /** What pvsnet programs on a switch. */
    public enum SwitchRole { TUNNEL_SWITCH, HOST }

    /** What a port carries. */
    public enum PortRole { EXTERNAL, INTERNAL, INTERNET, PVS }

    /** Service of a tunnel at the tunnel switch (seed Fig 8). */
    public enum Service { PACKET_SWITCHING, TUNNEL_SWITCHING }

    /** How a PVS is attached to its host's mux/demux. */
    public enum Attachment { HOST_MUX, SELF_ENCAPSULATING }

    private Roles() {
        // constants only
    }
}
