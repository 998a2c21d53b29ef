/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

/** A port of a switch: where a packet enters or leaves a bridge. */
public record Place(String nodeId, long port) {
    public Place {
        requireNonNull(nodeId);
    }

    @Override
    public String toString() {
        return nodeId + " port " + port;
    }
}
