/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import org.eclipse.jdt.annotation.Nullable;

/**
 * How far one switch is towards its desired flows.
 *
 * @param conflict why the switch cannot be trusted whatever it reports (two switches share its datapath id), or
 *     null
 */
public record Progress(boolean connected, int desired, int installed, int metersDesired, int metersInstalled,
        int foreign, @Nullable String conflict) {
    public boolean complete() {
        return conflict == null && connected && installed >= desired && metersInstalled >= metersDesired
            && foreign == 0;
    }

    /** What is still missing, for a pending switch. */
    public String missing() {
        return installed + " of " + desired + " flows"
            + (metersDesired == 0 ? "" : ", " + metersInstalled + " of " + metersDesired + " meters")
            + " on the switch" + (foreign == 0 ? "" : ", and " + foreign + " foreign flows (being removed)");
    }
}
