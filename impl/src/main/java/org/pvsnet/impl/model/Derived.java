/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * One value worked out of each entry of a key-ordered map (a customer resolved, a customer compiled), worked out
 * again only for the entries whose source changed since an earlier derivation: a source that is the very object
 * the earlier value was worked out of, or an equal one, keeps that value.
 *
 * <p>The model's readers keep the object of every entry a change did not touch, so with 10,000 customers and one
 * changed the two key-ordered arrays of sources are walked side by side comparing references: no key is hashed,
 * compared or even loaded from memory except around the change, and the result's map is copied from arrays
 * already in order. {@link #made()} and {@link #dropped()} tell the next stage what changed.
 *
 * @param <S> the source of a value
 * @param <V> the value
 */
public final class Derived<S, V> {
    private static final Derived<?, ?> EMPTY = new Derived<>(new String[0], new Object[0], new Object[0],
        ImmutableSortedMap.of(), List.of(), List.of());

    private final String[] keys;
    private final Object[] sources;
    private final Object[] values;
    private final SortedMap<String, V> map;
    private final List<V> made;
    private final List<V> dropped;

    private Derived(final String[] keys, final Object[] sources, final Object[] values,
            final SortedMap<String, V> map, final List<V> made, final List<V> dropped) {
        this.keys = keys;
        this.sources = sources;
        this.values = values;
        this.map = map;
        this.made = made;
        this.dropped = dropped;
    }

    /** No values: the start of a derivation, or a derivation that takes nothing from the earlier one. */
    @SuppressWarnings("unchecked")
    public static <S, V> Derived<S, V> empty() {
        return (Derived<S, V>) EMPTY;
    }

    /**
     * The value of every source, in key order: the earlier derivation's where the source is the same (or equal),
     * else {@code derive}'s.
     */
    @SuppressWarnings("unchecked")
    public static <S, V> Derived<S, V> of(final SortedMap<String, S> now, final Derived<S, V> earlier,
            final Function<? super S, ? extends V> derive) {
        final String[] keys = now.keySet().toArray(new String[0]);
        final Object[] sources = now.values().toArray();
        final Object[] values = new Object[sources.length];
        final List<V> made = new ArrayList<>();
        final List<V> dropped = new ArrayList<>();
        int at = 0;
        for (int index = 0; index < sources.length; index++) {
            final Object source = sources[index];
            Object value = null;
            while (at < earlier.sources.length) {
                final Object was = earlier.sources[at];
                if (was == source) {
                    value = earlier.values[at++];
                    break;
                }
                final int order = earlier.keys[at].compareTo(keys[index]);
                if (order > 0) {
                    // a key the earlier derivation did not have
                    break;
                }
                final Object before = earlier.values[at++];
                if (order == 0 && was.equals(source)) {
                    value = before;
                    break;
                }
                // the key is gone, or its source changed
                dropped.add((V) before);
                if (order == 0) {
                    break;
                }
            }
            if (value == null) {
                final V derived = requireNonNull(derive.apply((S) source));
                made.add(derived);
                value = derived;
            }
            values[index] = value;
        }
        while (at < earlier.sources.length) {
            dropped.add((V) earlier.values[at++]);
        }
        return new Derived<>(keys, sources, values, sorted(now, keys, sources, values),
            Collections.unmodifiableList(made), Collections.unmodifiableList(dropped));
    }

    /** Every value, by the key of its source. */
    public SortedMap<String, V> values() {
        return map;
    }

    /** The values worked out by this derivation (of new or changed sources), in key order. */
    public List<V> made() {
        return made;
    }

    /** The earlier derivation's values it did not keep (of sources gone or changed), in key order. */
    public List<V> dropped() {
        return dropped;
    }

    // The values by key, copied from arrays already in order: an ImmutableSortedMap copied from a sorted map of the
    // same order is neither sorted nor compared again. The view hands each value in turn; a lookup out of turn
    // (never made by the copy, but not promised by it either) finds the key's place instead.
    @SuppressWarnings("unchecked")
    private static <S, V> SortedMap<String, V> sorted(final SortedMap<String, S> now, final String[] keys,
            final Object[] sources, final Object[] values) {
        final int[] next = {0};
        return ImmutableSortedMap.copyOfSorted(com.google.common.collect.Maps.transformEntries(now,
            (final String key, final S source) -> {
                final int at = next[0] < sources.length && sources[next[0]] == source ? next[0]++
                    : Arrays.binarySearch(keys, key);
                return (V) values[at];
            }));
    }
}
