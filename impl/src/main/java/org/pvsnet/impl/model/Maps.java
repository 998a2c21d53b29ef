/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Immutable, key-ordered maps: iteration order is the key order, so everything derived from the
 * model (flows, status, error messages) is deterministic.
 */
final class Maps {
    private Maps() {
        // utility
    }

    static <K extends Comparable<K>, V> SortedMap<K, V> frozen(final SortedMap<K, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
