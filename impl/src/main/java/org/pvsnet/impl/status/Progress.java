/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

/** How far one switch is towards its desired flows. */
public record Progress(boolean connected, int desired, int installed) {
    public boolean complete() {
        return connected && installed >= desired;
    }
}
