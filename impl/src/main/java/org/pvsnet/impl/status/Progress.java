/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

/** How far one switch is towards its desired flows. */
public record Progress(boolean connected, int desired, int installed, int metersDesired, int metersInstalled,
        int foreign) {
    public boolean complete() {
        return connected && installed >= desired && metersInstalled >= metersDesired && foreign == 0;
    }

    /** What is still missing, for a pending switch. */
    public String missing() {
        return installed + " of " + desired + " flows"
            + (metersDesired == 0 ? "" : ", " + metersInstalled + " of " + metersDesired + " meters")
            + " on the switch" + (foreign == 0 ? "" : ", and " + foreign + " foreign flows (being removed)");
    }
}
