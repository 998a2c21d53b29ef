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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.render.Drift;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.render.SwitchProgrammer;
import org.pvsnet.impl.render.SwitchWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the switches: periodically, and on a new snapshot when the switches' answers to its writes do not tell,
 * compares what the switches report with the compiled flows, sums the counters, and republishes the status when
 * anything changed.
 */
public final class StatusFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusFollower.class);
    // A meter still absent from a connected switch this long after it was desired was refused by the switch.
    private static final Duration METER_GRACE = Duration.ofSeconds(10);
    // A read of a switch's flows began before its answer to a write may show the flows as they were: for this
    // long after a switch took a compilation, its answer is trusted over what it reports.
    private static final Duration READ_LAG = Duration.ofSeconds(10);

    // reads in a row that found a switch's flows unreadable before that is a warning
    private static final int UNREAD_WARN = 5;

    private final PipelineService pipeline;
    private final InventoryReader inventory;
    private final StatusPublisher publisher;
    private final ScheduledExecutorService executor;
    private final long pollMillis;
    private final ExecutorService announcer;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final AtomicBoolean announceQueued = new AtomicBoolean();
    private @Nullable Snapshot published;
    private @Nullable Map<String, Progress> lastProgress;
    private @Nullable Counters lastCounters;
    private @Nullable Map<String, String> lastMeterErrors;
    // per connected switch whose flows could not be read: how many reads in a row
    private final Map<String, Integer> unread = new HashMap<>();
    // per connected switch: the ports its last read reported
    private final Map<String, Set<Long>> lastPorts = new HashMap<>();
    // When each desired meter (node/meter id) was first seen missing on its connected switch.
    private final Map<String, Instant> missingSince = new HashMap<>();
    private final SharedDatapathIds shared = new SharedDatapathIds();
    private final Set<String> conflicted = new HashSet<>();
    private final Clock clock = Clock.systemUTC();
    private final DriftRepairer repairer;
    private final SwitchProgrammer programmer;

    public StatusFollower(final PipelineService pipeline, final InventoryReader inventory,
            final StatusPublisher publisher, final SwitchWriter switches, final SwitchProgrammer programmer,
            final long pollMillis) {
        this.pipeline = requireNonNull(pipeline);
        this.inventory = requireNonNull(inventory);
        this.programmer = requireNonNull(programmer);
        repairer = new DriftRepairer(switches, programmer, clock);
        this.publisher = requireNonNull(publisher);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "pvsnet-status");
            thread.setDaemon(true);
            return thread;
        });
        this.pollMillis = pollMillis;
        executor.schedule(this::poll, pollMillis, TimeUnit.MILLISECONDS);
        announcer = Executors.newSingleThreadExecutor(r -> {
            final Thread thread = new Thread(r, "pvsnet-status-announce");
            thread.setDaemon(true);
            return thread;
        });
        // One announcement waiting is enough, however many snapshots arrive meanwhile: it takes the newest, and
        // does not wait for a read in progress. The switches are read at once only when it cannot tell; else
        // the periodic read confirms. A read after every change would share the cores with the next change
        // (with a client making one change after another, it doubled the time to answer a POST).
        pipeline.addListener(snapshot -> {
            if (!announceQueued.getAndSet(true)) {
                announcer.execute(() -> {
                    announceQueued.set(false);
                    if (!announce()) {
                        refreshSoon();
                    }
                });
            }
        });
    }

    /** A read of the switches now; one waiting is enough, however many are asked for meanwhile. */
    private void refreshSoon() {
        if (!refreshQueued.getAndSet(true)) {
            executor.execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /**
     * The periodic read. Reading every flow of large switches costs (10,000 customers: 130,000 flows, about a
     * second of a core, as much again for openflowplugin to decode them and for the garbage collector): the next
     * read waits five times as long as this one took, at the price of a slower look at a large fabric.
     */
    private void poll() {
        final long start = System.nanoTime();
        refresh();
        final long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (took > pollMillis) {
            LOG.debug("Reading the switches took {} ms", took);
        }
        if (!executor.isShutdown()) {
            executor.schedule(this::poll, Math.max(pollMillis, 5 * took), TimeUnit.MILLISECONDS);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void refresh() {
        final Optional<Snapshot> current = pipeline.current();
        if (current.isEmpty()) {
            return;
        }
        try {
            switch (current.orElseThrow()) {
                case Snapshot.Refused refused -> refused(refused);
                case Snapshot.Accepted accepted -> follow(accepted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // keep polling: one failed read must not stop the status from ever changing again
            LOG.warn("Could not refresh the status", e);
        }
    }

    private synchronized void refused(final Snapshot.Refused refused) {
        if (refused != published) {
            publisher.publishRefused(refused);
            published = refused;
        }
    }

    /**
     * Publish a new snapshot at once when every switch is known to have it, without reading the switches: each
     * switch either said it took the snapshot's change, or has the same flows as the last snapshot and its last
     * read's progress still holds. Reading 130,000 flows takes seconds, and the next periodic read corrects this
     * (ports and counters come from the last read until then).
     *
     * @return whether the status is that of the newest snapshot; false when only a read can tell
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private synchronized boolean announce() {
        final Snapshot current = pipeline.current().orElse(null);
        if (current == null || current == published) {
            return true;
        }
        if (!(current instanceof Snapshot.Accepted snapshot) || !(published instanceof Snapshot.Accepted before)
                || lastProgress == null) {
            return false;
        }
        try {
            final Instant since = clock.instant().minus(READ_LAG);
            final Map<String, Progress> progress = new TreeMap<>();
            for (var entry : snapshot.compilation().flows().entrySet()) {
                final String nodeId = entry.getKey();
                final Progress last = lastProgress.get(nodeId);
                final Set<Long> ports = lastPorts.get(nodeId);
                final List<Compiler.MeterSpec> meters = snapshot.compilation().meters().getOrDefault(nodeId,
                    List.of());
                if (last != null && last.connected() && ports != null
                        && programmer.took(nodeId, snapshot.compilation(), since)) {
                    progress.put(nodeId, new Progress(true, entry.getValue().size(), entry.getValue().size(),
                        meters.size(), meters.size(), 0, last.conflict(),
                        absentPorts(snapshot.configured().switches().get(nodeId), ports)));
                } else if (last != null && entry.getValue().equals(before.compilation().flows().get(nodeId))
                        && meters.equals(before.compilation().meters().getOrDefault(nodeId, List.of()))
                        && Objects.equals(snapshot.configured().switches().get(nodeId),
                            before.configured().switches().get(nodeId))) {
                    progress.put(nodeId, last);
                } else {
                    // not known: the read tells
                    return false;
                }
            }
            final Map<String, String> meterErrors = new TreeMap<>(lastMeterErrors == null ? Map.of()
                : lastMeterErrors);
            meterErrors.keySet().retainAll(snapshot.resolved().customers().keySet());
            final Counters counters = lastCounters == null ? Counters.NONE : lastCounters;
            forgetUnconfigured(snapshot);
            publisher.publish(snapshot, progress, counters, meterErrors);
            published = snapshot;
            lastProgress = progress;
            lastCounters = counters;
            lastMeterErrors = meterErrors;
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the new configuration's status before reading the switches", e);
            return false;
        }
    }

    private void follow(final Snapshot.Accepted snapshot) throws InterruptedException {
        final Map<String, InventoryReader.SwitchReport> reports = inventory.read(snapshot.compilation());
        follow(snapshot, reports);
    }

    private synchronized void follow(final Snapshot.Accepted snapshot,
            final Map<String, InventoryReader.SwitchReport> reports) throws InterruptedException {
        if (pipeline.current().orElse(null) != snapshot) {
            // a newer snapshot came during the read: its own refresh follows, and this one's must not replace
            // what was announced of it
            return;
        }
        final Map<String, Progress> progress = new TreeMap<>();
        final Map<String, String> refused = new TreeMap<>();
        final Instant now = clock.instant();
        forgetUnconfigured(snapshot);
        unread.keySet().retainAll(reports.entrySet().stream().filter(e -> !e.getValue().flowsRead())
            .map(Map.Entry::getKey).collect(Collectors.toSet()));
        // the lambda below reads the last progress through this (it runs under this method's lock)
        final Map<String, Progress> previous = lastProgress;
        snapshot.compilation().flows().forEach((nodeId, flows) -> {
            final InventoryReader.SwitchReport report = reports.getOrDefault(nodeId,
                InventoryReader.SwitchReport.ABSENT);
            if (!report.flowsRead()) {
                // a switch that is disconnecting does not answer: its last progress stands until a read finds it
                // gone or answering. One that keeps not answering is worth a warning.
                final int times = unread.merge(nodeId, 1, Integer::sum);
                if (times == UNREAD_WARN) {
                    LOG.warn("{}: its flows could not be read {} times in a row: {}", nodeId, times, report.unread());
                } else {
                    LOG.debug("{}: its flows could not be read: {}", nodeId, report.unread());
                }
                final Progress last = previous == null ? null : previous.get(nodeId);
                progress.put(nodeId, last != null ? last : new Progress(true, flows.size(), 0,
                    snapshot.compilation().meters().getOrDefault(nodeId, List.of()).size(), 0, 0, null,
                    new TreeMap<>()));
                return;
            }
            final List<Compiler.MeterSpec> meters = snapshot.compilation().meters().getOrDefault(nodeId, List.of());
            final Drift drift = Drift.of(flows, report.flowsById(),
                meters.stream().map(Compiler.MeterSpec::id).collect(Collectors.toSet()), report.meters().keySet());
            repairer.observe(snapshot, nodeId, report.connected(), drift, report.flows());
            if (!report.connected()) {
                programmer.disconnected(nodeId);
            } else if (drift.isEmpty()) {
                programmer.confirmed(nodeId, snapshot.compilation());
            }
            // a switch that said it took the compilation has it, whatever the lagging inventory shows yet
            final boolean took = report.connected()
                && programmer.took(nodeId, snapshot.compilation(), now.minus(READ_LAG));
            final int installed = took ? flows.size() : flows.size() - drift.missing().size();
            for (Compiler.MeterSpec meter : meters) {
                final String key = nodeId + "/" + meter.id();
                if (!drift.metersMissing().contains(meter.id()) || !report.connected()) {
                    // only a connected switch that lacks the meter can be refusing it
                    missingSince.remove(key);
                    continue;
                }
                final Instant since = missingSince.computeIfAbsent(key, k -> now);
                if (since.plus(METER_GRACE).isBefore(now)) {
                    refused.put(meter.name(), "meter " + meter.id() + " (" + meter.rate() + " " + meter.unit()
                        + ") is not on " + nodeId + " " + METER_GRACE.toSeconds() + " s after it was written: the "
                        + "switch refused it (the reason is in karaf.log)");
                }
            }
            final String conflict = shared.observe(nodeId, report.endpoint(), now).orElse(null);
            if (conflict != null && conflicted.add(nodeId)) {
                LOG.warn("{} is in error: {}", nodeId, conflict);
            } else if (conflict == null && conflicted.remove(nodeId)) {
                LOG.info("{}: one switch connects under this datapath id again", nodeId);
            }
            if (report.connected()) {
                lastPorts.put(nodeId, Set.copyOf(report.ports()));
            } else {
                lastPorts.remove(nodeId);
            }
            final SortedMap<Long, String> absent = report.connected()
                ? absentPorts(snapshot.configured().switches().get(nodeId), report.ports()) : new TreeMap<>();
            // the last round's progress says what the switch lacked then: log a change once
            final Progress last = previous == null ? null : previous.get(nodeId);
            final SortedMap<Long, String> before = last == null ? null : last.absentPorts();
            if (!absent.isEmpty() && !absent.equals(before)) {
                LOG.warn("{} lacks configured ports {}: what uses them carries nothing until they are created", nodeId,
                    absent);
            } else if (absent.isEmpty() && before != null && !before.isEmpty()) {
                LOG.info("{} has every configured port again", nodeId);
            }
            progress.put(nodeId, new Progress(report.connected(), flows.size(), installed, meters.size(),
                took ? meters.size() : meters.size() - drift.metersMissing().size(),
                took ? 0 : drift.foreign().size(), conflict, absent));
        });
        final Map<String, String> meterErrors = new TreeMap<>();
        for (var customer : snapshot.resolved().customers().values()) {
            Compiler.meter(customer.customer()).map(meter -> refused.get(meter.name()))
                .ifPresent(reason -> meterErrors.put(customer.id(), reason));
        }
        // a switch's counters are in the customers' sums: with one switch unread, the last sums stand
        final Counters counters = lastCounters != null && !unread.isEmpty() ? lastCounters
            : Counters.of(snapshot, reports);
        if (snapshot != published || !progress.equals(lastProgress) || !counters.equals(lastCounters)
            || !meterErrors.equals(lastMeterErrors)) {
            publisher.publish(snapshot, progress, counters, meterErrors);
            published = snapshot;
            lastProgress = progress;
            lastCounters = counters;
            lastMeterErrors = meterErrors;
        }
    }

    /**
     * Forget what was seen of switches the snapshot does not configure: a switch configured again later starts
     * afresh (two endpoints seen under its id before it was deleted are no conflict of the new one).
     */
    private void forgetUnconfigured(final Snapshot.Accepted snapshot) {
        final Set<String> configured = snapshot.compilation().flows().keySet();
        shared.retain(configured);
        conflicted.retainAll(configured);
        unread.keySet().retainAll(configured);
        lastPorts.keySet().retainAll(configured);
        missingSince.keySet().removeIf(key -> !configured.contains(key.substring(0, key.lastIndexOf('/'))));
    }

    /** The configured ports a connected switch lacks, of those it reports (a switch not connected lacks none). */
    private static SortedMap<Long, String> absentPorts(final @Nullable Switch sw, final Set<Long> reported) {
        final SortedMap<Long, String> absent = new TreeMap<>();
        if (sw != null) {
            sw.ports().values().stream().filter(port -> !reported.contains(port.number()))
                .forEach(port -> absent.put(port.number(), port.name()));
        }
        return absent;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        announcer.shutdownNow();
        repairer.close();
    }
}
