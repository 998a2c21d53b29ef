/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One desired OpenFlow entry. Immutable; printable in {@code ovs-ofctl add-flow} syntax, which is also
 * the form of the golden files and of docs/pipeline.md.
 *
 * @param id deterministic, readable flow id, unique per switch (the renderer's key)
 * @param cookie customer number in the high 32 bits, table and a hash of the id below
 * @param match fields, kept sorted in print order
 * @param actions applied in order; an empty list drops the packet
 * @param tunnel the customer tunnel whose received packets this flow counts (its lookup or demux flows)
 * @param text the flow in ovs-ofctl add-flow syntax (OpenFlow 1.3), always made from the other components:
 *     kept because sorting, comparing and diffing 100,000 flows ask for it millions of times
 */
public record Flow(String id, int table, int priority, long cookie, List<MatchField> match,
        List<Action> actions, Optional<String> tunnel, String text) implements Comparable<Flow> {
    public Flow {
        requireNonNull(id);
        requireNonNull(tunnel);
        match = match.stream().sorted().toList();
        actions = List.copyOf(actions);
        text = text(table, priority, cookie, match, actions);
    }

    public Flow(final String id, final int table, final int priority, final long cookie, final List<MatchField> match,
            final List<Action> actions, final Optional<String> tunnel) {
        this(id, table, priority, cookie, match, actions, tunnel, "");
    }

    /** The customer number carried in the cookie; 0 for the switch's own flows. */
    public long customer() {
        return Cookie.customer(cookie);
    }

    private static String text(final int table, final int priority, final long cookie,
            final List<MatchField> match, final List<Action> actions) {
        final StringBuilder sb = new StringBuilder()
            .append("table=").append(table)
            .append(", priority=").append(priority)
            .append(", cookie=").append(MatchField.hex(cookie));
        for (MatchField field : match) {
            sb.append(',').append(field.text());
        }
        sb.append(" actions=").append(actions.isEmpty() ? "drop"
            : actions.stream().map(Action::text).collect(Collectors.joining(",")));
        return sb.toString();
    }

    /** Order of the golden files: by table, then higher priority first, then text. */
    @Override
    public int compareTo(final Flow other) {
        if (table != other.table) {
            return Integer.compare(table, other.table);
        }
        if (priority != other.priority) {
            return Integer.compare(other.priority, priority);
        }
        return text.compareTo(other.text);
    }
}
