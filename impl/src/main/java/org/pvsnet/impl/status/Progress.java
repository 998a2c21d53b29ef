/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * How far one switch is towards its desired flows.
 *
 * @param conflict why the switch cannot be trusted whatever it reports (two switches share its datapath id), or
 *     null
 * @param absentPorts the configured ports a connected switch does not have, each as "number (name)": flows for
 *     them are accepted but carry nothing (e.g. a VXLAN tunnel port nobody created)
 */
public record Progress(boolean connected, int desired, int installed, int metersDesired, int metersInstalled,
        int foreign, @Nullable String conflict, List<String> absentPorts) {
    public Progress {
        absentPorts = List.copyOf(absentPorts);
    }

    public boolean complete() {
        return conflict == null && absentPorts.isEmpty() && connected && installed >= desired
            && metersInstalled >= metersDesired && foreign == 0;
    }

    /** Why a connected switch cannot carry its customers' traffic although it may hold every flow, or null. */
    public @Nullable String absent() {
        return absentPorts.isEmpty() ? null : (absentPorts.size() == 1 ? "port " : "ports ")
            + String.join(", ", absentPorts) + (absentPorts.size() == 1 ? " is" : " are")
            + " configured but not on the switch (create it, e.g. ovs-vsctl add-port ... ofport_request=N; "
            + "docs/pipeline.md, \"Switch prerequisites\")";
    }

    /** What is still missing, for a pending switch. */
    public String missing() {
        return installed + " of " + desired + " flows"
            + (metersDesired == 0 ? "" : ", " + metersInstalled + " of " + metersDesired + " meters")
            + " on the switch" + (foreign == 0 ? "" : ", and " + foreign + " foreign flows (being removed)");
    }
}
