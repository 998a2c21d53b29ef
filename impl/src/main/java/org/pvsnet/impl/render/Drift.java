/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;

/**
 * How one switch differs from what pvsnet compiled for it: a pure comparison of the desired flows with the
 * flows the switch reports, by content (table, priority, match, cookie and actions: {@link Flow#text()}),
 * never by the ids openflowplugin gives them. pvsnet owns every table of the switches it programs, so any
 * reported flow that is not desired is foreign.
 *
 * @param missing desired flows the switch does not have as compiled: absent, or present with other actions or
 *     cookie (adding the desired one replaces it, as their table, priority and match are the same)
 * @param foreign openflowplugin's ids of reported flows whose table, priority and match no desired flow has
 * @param metersMissing desired meter ids the switch does not report
 */
public record Drift(List<Flow> missing, List<String> foreign, Set<Long> metersMissing) {
    public Drift {
        missing = List.copyOf(missing);
        foreign = List.copyOf(foreign);
        metersMissing = Set.copyOf(metersMissing);
    }

    /**
     * The drift of one switch.
     *
     * @param desired the compiled flows
     * @param reported the flows the switch reports, read back into pvsnet's form, by openflowplugin's id
     * @param metersDesired the compiled meter ids
     * @param metersReported the meter ids the switch reports
     */
    public static Drift of(final List<Flow> desired, final Map<String, Flow> reported, final Set<Long> metersDesired,
            final Set<Long> metersReported) {
        final Set<String> present = reported.values().stream().map(Flow::text).collect(Collectors.toSet());
        final List<Flow> missing = desired.stream().filter(flow -> !present.contains(flow.text())).sorted().toList();
        final Set<String> desiredKeys = desired.stream().map(Drift::key).collect(Collectors.toSet());
        final List<String> foreign = new ArrayList<>();
        // a flow reported twice (openflowplugin may list the same flow under two ids for a moment) is one flow
        final Map<String, String> byText = new TreeMap<>();
        reported.forEach((id, flow) -> byText.merge(flow.text(), id, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        byText.forEach((text, id) -> {
            if (!desiredKeys.contains(key(reported.get(id)))) {
                foreign.add(id);
            }
        });
        final Set<Long> metersMissing = new HashSet<>(metersDesired);
        metersMissing.removeAll(metersReported);
        return new Drift(missing, foreign, metersMissing);
    }

    public boolean isEmpty() {
        return missing.isEmpty() && foreign.isEmpty() && metersMissing.isEmpty();
    }

    /** For the status and the log: how many flows and meters differ. */
    public String describe() {
        final List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add(missing.size() + " flows missing or changed");
        }
        if (!foreign.isEmpty()) {
            parts.add(foreign.size() + " foreign flows");
        }
        if (!metersMissing.isEmpty()) {
            parts.add(metersMissing.size() + " meters missing");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** What identifies a flow in its table for OpenFlow (a flow-mod ADD with the same key replaces it). */
    static String key(final Flow flow) {
        return flow.table() + "/" + flow.priority() + "/" + flow.match().stream().map(MatchField::text)
            .collect(Collectors.joining(","));
    }
}
