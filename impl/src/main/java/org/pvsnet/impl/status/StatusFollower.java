/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.render.OpenFlowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the switches: on every new snapshot and then periodically, compares what the switches report with
 * the compiled flows, sums the counters, and republishes the status when anything changed.
 */
public final class StatusFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusFollower.class);

    private final PipelineService pipeline;
    private final InventoryReader inventory;
    private final StatusPublisher publisher;
    private final ScheduledExecutorService executor;
    private @Nullable Snapshot published;
    private @Nullable Map<String, Progress> lastProgress;
    private @Nullable Counters lastCounters;

    public StatusFollower(final PipelineService pipeline, final InventoryReader inventory,
            final StatusPublisher publisher, final long pollMillis) {
        this.pipeline = requireNonNull(pipeline);
        this.inventory = requireNonNull(inventory);
        this.publisher = requireNonNull(publisher);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "pvsnet-status");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        pipeline.addListener(snapshot -> executor.execute(this::refresh));
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void refresh() {
        final Optional<Snapshot> current = pipeline.current();
        if (current.isEmpty()) {
            return;
        }
        try {
            switch (current.orElseThrow()) {
                case Snapshot.Refused refused -> {
                    if (refused != published) {
                        publisher.publishRefused(refused);
                        published = refused;
                    }
                }
                case Snapshot.Accepted accepted -> follow(accepted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // keep polling: one failed read must not stop the status from ever changing again
            LOG.warn("Could not refresh the status", e);
        }
    }

    private void follow(final Snapshot.Accepted snapshot) throws InterruptedException {
        final Map<String, InventoryReader.SwitchReport> reports =
            inventory.read(snapshot.compilation().flows().keySet());
        final Map<String, Progress> progress = new TreeMap<>();
        snapshot.compilation().flows().forEach((nodeId, flows) -> {
            final InventoryReader.SwitchReport report = reports.getOrDefault(nodeId,
                InventoryReader.SwitchReport.ABSENT);
            final int installed = (int) flows.stream().map(OpenFlowMapper::flowId)
                .filter(report.flows()::containsKey).count();
            progress.put(nodeId, new Progress(report.connected(), flows.size(), installed));
        });
        final Counters counters = Counters.of(snapshot, reports);
        if (snapshot != published || !progress.equals(lastProgress) || !counters.equals(lastCounters)) {
            publisher.publish(snapshot, progress, counters);
            published = snapshot;
            lastProgress = progress;
            lastCounters = counters;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
