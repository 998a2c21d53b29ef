/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

import org.pvsnet.impl.model.Roles.PortRole;

/**
 * A switch port pvsnet uses, with its one role.
 */
public record Port(long number, String name, PortRole role) {
    public Port {
        requireNonNull(name);
        requireNonNull(role);
    }
}
