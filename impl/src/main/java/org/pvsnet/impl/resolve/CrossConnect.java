/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static java.util.Objects.requireNonNull;

import org.pvsnet.impl.model.Tunnel;

/** One direction of a tunnel-switching cross-connect: every frame of {@code from} leaves on {@code to}. */
public record CrossConnect(Tunnel from, Tunnel to) {
    public CrossConnect {
        requireNonNull(from);
        requireNonNull(to);
    }
}
