/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import java.util.Map;
import java.util.SortedMap;

/**
 * The whole configuration pvsnet programs: switches and customers. Immutable; built by
 * {@link ModelReader} and checked by the validator before anything uses it.
 */
public record Network(SortedMap<String, Switch> switches, SortedMap<String, Customer> customers) {
    public static final Network EMPTY = new Network(new java.util.TreeMap<>(), new java.util.TreeMap<>());

    public Network {
        switches = Maps.frozen(switches);
        customers = Maps.frozen(customers);
    }

    /**
     * Whether two sets of switches are the very same objects, key by key. {@link ModelReader}'s callers keep the
     * object of a switch no change touched, so this tells, without comparing thousands of ports, that whatever
     * was worked out of a customer against the one set holds against the other.
     */
    public static boolean sameSwitches(final Map<String, Switch> first, final Map<String, Switch> second) {
        if (first.size() != second.size()) {
            return false;
        }
        for (var entry : first.entrySet()) {
            if (second.get(entry.getKey()) != entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
