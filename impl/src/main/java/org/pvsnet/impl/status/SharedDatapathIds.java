/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Notices two switches connecting under one datapath id. openflowplugin keeps one connection per datapath id
 * and closes the older one when another arrives ("already connected. Closing previous connection"), so the
 * two take turns, each reconnecting as soon as the other is closed; the status's polls then see the node
 * reported by alternating endpoints (bridge names, addresses). Nothing else in the inventory says so.
 */
final class SharedDatapathIds {
    // Long enough to see both of two switches that reconnect with Open vSwitch's backoff (up to 8 s).
    static final Duration WINDOW = Duration.ofSeconds(30);

    /** Per node id: each endpoint seen, and when last. */
    private final Map<String, Map<String, Instant>> seen = new HashMap<>();

    /**
     * One poll of a node: its endpoint now (empty when not connected). Returns the reason to report while more
     * than one endpoint was seen within the window.
     */
    Optional<String> observe(final String nodeId, final String endpoint, final Instant now) {
        final Map<String, Instant> endpoints = seen.computeIfAbsent(nodeId, k -> new TreeMap<>());
        if (!endpoint.isEmpty()) {
            endpoints.put(endpoint, now);
        }
        endpoints.values().removeIf(last -> last.plus(WINDOW).isBefore(now));
        if (endpoints.isEmpty()) {
            seen.remove(nodeId);
        }
        if (endpoints.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("switches share datapath id " + nodeId + ": " + String.join(" and ", endpoints.keySet())
            + " connected in turn in the last " + WINDOW.toSeconds() + " s (openflowplugin keeps one connection per "
            + "datapath id and closes the other); give each its own, e.g. ovs-vsctl set bridge BR "
            + "other-config:datapath-id=0000000000000042");
    }

    /** Forget nodes no longer configured. */
    void retain(final Set<String> nodeIds) {
        seen.keySet().retainAll(nodeIds);
    }
}
