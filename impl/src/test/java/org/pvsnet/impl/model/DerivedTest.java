/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DerivedTest {
    /** A source: equal to another of the same text, whatever the object. */
    private record Source(String text) {
    }

    /** A value, which knows its source; two derivations of one source are equal but not the same object. */
    private record Value(Source source) {
    }

    private final List<Source> derivedFrom = new ArrayList<>();

    private Derived<Source, Value> derive(final SortedMap<String, Source> sources,
            final Derived<Source, Value> earlier) {
        derivedFrom.clear();
        return Derived.of(ImmutableSortedMap.copyOfSorted(sources), earlier, source -> {
            derivedFrom.add(source);
            return new Value(source);
        });
    }

    private static SortedMap<String, Source> sources(final String... keys) {
        final SortedMap<String, Source> sources = new TreeMap<>();
        for (String key : keys) {
            sources.put(key, new Source(key));
        }
        return sources;
    }

    @Test
    void theFirstDerivationMakesEveryValueInKeyOrder() {
        final Derived<Source, Value> first = derive(sources("b", "a", "c"), Derived.empty());
        assertThat(first.values().keySet()).containsExactly("a", "b", "c");
        assertThat(first.values().values()).extracting(value -> value.source().text()).containsExactly("a", "b", "c");
        assertThat(first.made()).containsExactlyElementsOf(first.values().values());
        assertThat(first.dropped()).isEmpty();
    }

    @Test
    void theSameSourcesKeepTheirValuesWithoutDerivingAnything() {
        final SortedMap<String, Source> sources = sources("a", "b", "c");
        final Derived<Source, Value> first = derive(sources, Derived.empty());
        final Derived<Source, Value> again = derive(sources, first);
        assertThat(derivedFrom).isEmpty();
        assertThat(again.made()).isEmpty();
        assertThat(again.dropped()).isEmpty();
        for (String key : sources.keySet()) {
            assertThat(again.values().get(key)).isSameAs(first.values().get(key));
        }
    }

    @Test
    void anEqualSourceKeepsItsValueAChangedOneIsDerivedAgainAndTheEarlierValueDropped() {
        final Derived<Source, Value> first = derive(sources("a", "b", "c", "d"), Derived.empty());
        final SortedMap<String, Source> next = new TreeMap<>(first.values().values().stream()
            .collect(java.util.stream.Collectors.toMap(v -> v.source().text(), Value::source)));
        next.put("b", new Source("b"));
        next.put("c", new Source("c changed"));
        final Derived<Source, Value> second = derive(next, first);
        assertThat(second.values().get("b")).as("an equal source").isSameAs(first.values().get("b"));
        assertThat(derivedFrom).containsExactly(new Source("c changed"));
        assertThat(second.made()).containsExactly(new Value(new Source("c changed")));
        assertThat(second.dropped()).containsExactly(first.values().get("c"));
        assertThat(second.values().get("a")).isSameAs(first.values().get("a"));
        assertThat(second.values().get("d")).isSameAs(first.values().get("d"));
    }

    @Test
    void keysAddedAndRemovedAtEitherEndAndBetween() {
        final Derived<Source, Value> first = derive(sources("b", "d", "f"), Derived.empty());
        final SortedMap<String, Source> next = new TreeMap<>();
        first.values().forEach((key, value) -> next.put(key, value.source()));
        next.remove("b");
        next.remove("f");
        next.put("a", new Source("a"));
        next.put("c", new Source("c"));
        next.put("g", new Source("g"));
        final Derived<Source, Value> second = derive(next, first);
        assertThat(second.values().keySet()).containsExactly("a", "c", "d", "g");
        assertThat(second.made()).extracting(value -> value.source().text()).containsExactly("a", "c", "g");
        assertThat(second.dropped()).containsExactly(first.values().get("b"), first.values().get("f"));
        assertThat(second.values().get("d")).isSameAs(first.values().get("d"));
    }

    @Test
    void manyRandomChangesGiveWhatADerivationFromScratchGives() {
        final Random random = new Random(11);
        SortedMap<String, Source> now = new TreeMap<>();
        Derived<Source, Value> derived = Derived.empty();
        for (int round = 0; round < 300; round++) {
            final SortedMap<String, Source> next = new TreeMap<>(now);
            for (int change = random.nextInt(4); change >= 0; change--) {
                final String key = "k" + random.nextInt(40);
                switch (random.nextInt(3)) {
                    case 0 -> next.remove(key);
                    case 1 -> next.put(key, new Source(key + "/" + random.nextInt(3)));
                    default -> next.computeIfPresent(key, (k, source) -> new Source(source.text()));
                }
            }
            final Derived<Source, Value> after = derive(next, derived);
            assertThat(after.values()).as("round %s", round).isEqualTo(derive(next, Derived.empty()).values());
            final List<Value> made = new ArrayList<>();
            final List<Value> dropped = new ArrayList<>();
            for (String key : next.keySet()) {
                final Value before = derived.values().get(key);
                final Value value = after.values().get(key);
                if (before != null && before.source().equals(next.get(key))) {
                    assertThat(value).as("round %s, %s kept", round, key).isSameAs(before);
                } else {
                    made.add(value);
                    if (before != null) {
                        dropped.add(before);
                    }
                }
            }
            derived.values().forEach((key, value) -> {
                if (!next.containsKey(key)) {
                    dropped.add(value);
                }
            });
            assertThat(after.made()).as("round %s", round).containsExactlyInAnyOrderElementsOf(made);
            assertThat(after.dropped()).as("round %s", round).containsExactlyInAnyOrderElementsOf(dropped);
            now = next;
            derived = after;
        }
    }
}
