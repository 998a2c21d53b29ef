/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jdt.annotation.Nullable;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.render.Drift;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.render.SwitchProgrammer;
import org.pvsnet.impl.render.SwitchWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a switch that differs from the compiled flows is repaired. A read that began while pvsnet was
 * writing to a switch, repairing it, or seeing it connect may show it half way, so such a difference is not
 * trusted: a switch is repaired only when it has been quiet for {@link #SETTLE} and two reads in a row showed
 * the same difference. The same difference repaired {@link #MAX_ATTEMPTS} times in vain is left alone (and
 * stays in the status), so that pvsnet never fights a switch in a loop.
 */
final class DriftRepairer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriftRepairer.class);
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 3;
    private static final int REPAIR_THREADS = 4;

    private final SwitchWriter repair;
    private final SwitchProgrammer programmer;
    private final Clock clock;
    private final ExecutorService executor;
    private Snapshot.@Nullable Accepted snapshot;
    private final Map<String, Instant> quietSince = new ConcurrentHashMap<>();
    private final Map<String, Drift> lastSeen = new HashMap<>();
    // per switch: the difference last repaired and how many times in a row
    private final Map<String, Attempts> attempts = new HashMap<>();
    private final Set<String> repairing = ConcurrentHashMap.newKeySet();
    private final Set<String> connected = new HashSet<>();

    DriftRepairer(final SwitchWriter repair, final SwitchProgrammer programmer, final Clock clock) {
        this.repair = requireNonNull(repair);
        this.programmer = requireNonNull(programmer);
        this.clock = requireNonNull(clock);
        // repairs wait off the status thread; the programmer runs them one at a time, between changes
        // (SwitchProgrammer.repair)
        executor = Executors.newFixedThreadPool(REPAIR_THREADS, r -> {
            final Thread thread = new Thread(r, "pvsnet-repair");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One read of one switch, on the status thread. */
    void observe(final Snapshot.Accepted current, final String nodeId, final boolean isConnected, final Drift drift,
            final Map<String, InventoryReader.Installed> reported) {
        final Instant now = clock.instant();
        if (current != snapshot) {
            // pvsnet has just written a new configuration: every switch is busy taking it
            snapshot = current;
            quietSince.replaceAll((node, since) -> now);
            lastSeen.clear();
            attempts.clear();
        }
        if (!isConnected) {
            connected.remove(nodeId);
            lastSeen.remove(nodeId);
            return;
        }
        if (connected.add(nodeId)) {
            quietSince.put(nodeId, now);
        }
        final Drift before = lastSeen.put(nodeId, drift);
        if (drift.isEmpty() || !drift.equals(before) || repairing.contains(nodeId)
            || quietSince.get(nodeId).plus(SETTLE).isAfter(now)) {
            if (drift.isEmpty()) {
                attempts.remove(nodeId);
            }
            return;
        }
        final Attempts last = attempts.get(nodeId);
        final int tries = last != null && last.drift().equals(drift) ? last.count() : 0;
        // counted one past the limit once, so that giving up is logged once
        attempts.put(nodeId, new Attempts(drift, Math.min(tries + 1, MAX_ATTEMPTS + 1)));
        if (tries >= MAX_ATTEMPTS) {
            if (tries == MAX_ATTEMPTS) {
                LOG.warn("{}: still differs after {} repairs ({}); leaving it as it is", nodeId, tries,
                    drift.describe());
            }
            return;
        }
        LOG.warn("{}: differs from the compiled flows ({}); repairing", nodeId, drift.describe());
        final List<Compiler.MeterSpec> meters = current.compilation().meters().getOrDefault(nodeId, List.of());
        repairing.add(nodeId);
        executor.execute(() -> {
            try {
                // the switch then has exactly this compilation's flows: the programmer may write differences
                programmer.repair(nodeId, current.compilation(), () -> repair.repair(nodeId, drift, reported, meters));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                quietSince.put(nodeId, clock.instant());
                repairing.remove(nodeId);
            }
        });
    }

    private record Attempts(Drift drift, int count) {
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
