/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yangtools.binding.DataObject;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes per switch the difference between what it wrote before and what is desired now, into the
 * configuration inventory: one transaction per switch, puts of what is new or changed, deletes of what is
 * no longer desired. The same writer serves flows and meters.
 *
 * @param <T> what is written (a flow, a meter)
 */
final class DiffWriter<T extends DataObject> {
    private static final Logger LOG = LoggerFactory.getLogger(DiffWriter.class);

    /** The outcome for one switch. */
    record Result(int written, int deleted, @Nullable String error) {
    }

    private final DataBroker dataBroker;
    private final String what;
    private final BiFunction<String, T, DataObjectIdentifier<T>> path;
    // per switch, per key: what was written
    private final Map<String, Map<String, T>> written = new HashMap<>();

    DiffWriter(final DataBroker dataBroker, final String what,
            final BiFunction<String, T, DataObjectIdentifier<T>> path) {
        this.dataBroker = requireNonNull(dataBroker);
        this.what = requireNonNull(what);
        this.path = requireNonNull(path);
    }

    /** What is already in the inventory (e.g. from a previous run), so that only the difference is written. */
    synchronized void found(final String nodeId, final Map<String, T> present) {
        if (present.isEmpty()) {
            written.remove(nodeId);
        } else {
            written.put(nodeId, new HashMap<>(present));
        }
    }

    /** Per switch, the keys of what is written and desired with other contents (not what is new or gone). */
    synchronized Map<String, Set<String>> changed(final Map<String, Map<String, T>> desired) {
        final Map<String, Set<String>> changed = new TreeMap<>();
        written.forEach((nodeId, have) -> {
            final Map<String, T> want = desired.getOrDefault(nodeId, Map.of());
            have.forEach((key, value) -> {
                if (want.containsKey(key) && !want.get(key).equals(value)) {
                    changed.computeIfAbsent(nodeId, k -> new HashSet<>()).add(key);
                }
            });
        });
        return changed;
    }

    /** What is written now, per switch, without the entries {@code drop} picks. */
    synchronized Map<String, Map<String, T>> writtenWithout(final BiPredicate<String, T> drop) {
        final Map<String, Map<String, T>> kept = new TreeMap<>();
        written.forEach((nodeId, have) -> {
            final Map<String, T> own = new HashMap<>();
            have.forEach((key, value) -> {
                if (!drop.test(nodeId, value)) {
                    own.put(key, value);
                }
            });
            kept.put(nodeId, own);
        });
        return kept;
    }

    synchronized Map<String, Result> apply(final Map<String, Map<String, T>> desired) throws InterruptedException {
        final Set<String> nodes = new HashSet<>(desired.keySet());
        nodes.addAll(written.keySet());
        final Map<String, Result> results = new TreeMap<>();
        for (String nodeId : nodes) {
            final Map<String, T> want = desired.getOrDefault(nodeId, Map.of());
            final Map<String, T> have = written.getOrDefault(nodeId, Map.of());
            final WriteTransaction tx = dataBroker.newWriteOnlyTransaction();
            int puts = 0;
            int deletes = 0;
            for (var entry : want.entrySet()) {
                if (!entry.getValue().equals(have.get(entry.getKey()))) {
                    tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, path.apply(nodeId, entry.getValue()),
                        entry.getValue());
                    puts++;
                }
            }
            for (var entry : have.entrySet()) {
                if (!want.containsKey(entry.getKey())) {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, path.apply(nodeId, entry.getValue()));
                    deletes++;
                }
            }
            if (puts == 0 && deletes == 0) {
                tx.cancel();
                results.put(nodeId, new Result(0, 0, null));
                continue;
            }
            try {
                tx.commit().get();
                found(nodeId, want);
                results.put(nodeId, new Result(puts, deletes, null));
                LOG.info("{}: wrote {} {}, deleted {}", nodeId, puts, what, deletes);
            } catch (ExecutionException e) {
                LOG.error("{}: could not write {}", nodeId, what, e);
                results.put(nodeId, new Result(0, 0, "could not write " + what + ": " + e.getCause().getMessage()));
            }
        }
        return results;
    }
}
