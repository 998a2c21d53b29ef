/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jdt.annotation.Nullable;

/**
 * How far one switch is towards its desired flows.
 *
 * @param conflict why the switch cannot be trusted whatever it reports (two switches share its datapath id), or
 *     null
 * @param absentPorts the configured ports a connected switch does not have, number to name: flows for them are
 *     accepted but carry nothing (a VXLAN port nobody created, the port of a server that is not running). They
 *     concern the customers using them, not the switch's other customers
 */
public record Progress(boolean connected, int desired, int installed, int metersDesired, int metersInstalled,
        int foreign, @Nullable String conflict, SortedMap<Long, String> absentPorts) {
    public Progress {
        absentPorts = Collections.unmodifiableSortedMap(new TreeMap<>(absentPorts));
    }

    public boolean complete() {
        return conflict == null && connected && installed >= desired && metersInstalled >= metersDesired
            && foreign == 0;
    }

    /** The ports of the list the switch lacks, as "port N (name)", or nothing. */
    public List<String> absent(final Collection<Long> ports) {
        return ports.stream().distinct().sorted().filter(absentPorts::containsKey)
            .map(port -> "port " + port + " (" + absentPorts.get(port) + ")").toList();
    }

    /** What to do about absent ports, after the list of them. */
    public static String remedy(final int count) {
        final boolean one = count == 1;
        return (one ? " is" : " are") + " configured but not on the switch (create " + (one ? "it" : "them")
            + ", e.g. ovs-vsctl add-port ... ofport_request=N; docs/pipeline.md, \"Switch prerequisites\")";
    }

    /** What is still missing, for a pending switch. */
    public String missing() {
        return installed + " of " + desired + " flows"
            + (metersDesired == 0 ? "" : ", " + metersInstalled + " of " + metersDesired + " meters")
            + " on the switch" + (foreign == 0 ? "" : ", and " + foreign + " foreign flows (being removed)");
    }
}
