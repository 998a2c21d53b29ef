/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import com.google.common.collect.ImmutableSortedMap;
import java.util.SortedMap;

/**
 * Immutable, key-ordered maps: iteration order is the key order, so everything derived from the
 * model (flows, status, error messages) is deterministic.
 */
final class Maps {
    private Maps() {
        // utility
    }

    /** A frozen copy of a map; a map frozen already is taken as it is (10,000 customers are not copied again). */
    static <K extends Comparable<K>, V> SortedMap<K, V> frozen(final SortedMap<K, V> map) {
        return ImmutableSortedMap.copyOfSorted(map);
    }
}
