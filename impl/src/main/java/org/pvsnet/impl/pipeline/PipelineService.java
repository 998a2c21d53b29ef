/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.render.SwitchProgrammer;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.validate.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the current snapshot: takes each configuration in commit order, resolves and compiles it and writes
 * the difference to the switches (one atomic change per switch), on one thread. Learned router MACs recompile the same
 * generation. Whoever needs the snapshot (status, ARP responder, RPCs) reads {@link #current()} or listens.
 */
public final class PipelineService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineService.class);

    private final SwitchProgrammer programmer;
    private final LearnedMacStore store;
    private final LearnedMacs learned = new LearnedMacs();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private final AtomicReference<Waiting> waiting = new AtomicReference<>();
    // what the last compilation made of each customer: a change to one customer compiles that customer
    private final Compiler.Memo memo = new Compiler.Memo();
    private long generation;
    private volatile @Nullable Snapshot current;

    public PipelineService(final SwitchProgrammer programmer, final LearnedMacStore store) {
        this.programmer = requireNonNull(programmer);
        this.store = requireNonNull(store);
        executor = Executors.newSingleThreadExecutor(r -> {
            final Thread thread = new Thread(r, "pvsnet-pipeline");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Be told of every new snapshot, on the pipeline's thread. */
    public void addListener(final Consumer<Snapshot> listener) {
        listeners.add(requireNonNull(listener));
    }

    public Optional<Snapshot> current() {
        return Optional.ofNullable(current);
    }

    /** The current accepted snapshot, if there is one. */
    public Optional<Snapshot.Accepted> accepted() {
        return current instanceof Snapshot.Accepted accepted ? Optional.of(accepted) : Optional.empty();
    }

    /**
     * A new configuration (null: none). Returns at once; the work is queued in commit order. Each configuration
     * is whole, so one still waiting when a newer one arrives is skipped: under many clients the pipeline
     * applies the newest instead of falling behind by one compilation and write per commit.
     */
    public void configurationChanged(final StoredConfiguration config) {
        if (waiting.getAndSet(new Waiting(config)) == null) {
            executor.execute(() -> apply(waiting.getAndSet(null).config()));
        }
    }

    /** A configuration in its binding form (null: none). */
    public void configurationChanged(final @Nullable Pvsnet config) {
        configurationChanged(StoredConfiguration.of(config));
    }

    /** A configuration not yet applied. */
    private record Waiting(StoredConfiguration config) {
    }

    /**
     * A site router's MAC, seen in its ARP request: handed to the store when it is new; the store's answer
     * ({@link #learnedChanged}) recompiles.
     */
    public void routerMacSeen(final String customer, final String site, final MacAddress mac) {
        final SiteRef ref = new SiteRef(customer, site);
        executor.execute(() -> {
            if (current instanceof Snapshot.Accepted && !mac.equals(learned.get(ref))) {
                LOG.info("Customer {} site {}: learned router MAC {}", customer, site, mac);
                store.remember(ref, mac);
            }
        });
    }

    /**
     * What the store holds now. Recompiles the same generation when it differs from the pipeline's copy. At
     * start, call it before the first configuration, so that the first compilation has them.
     */
    public void learnedChanged(final Map<SiteRef, MacAddress> stored) {
        final Map<SiteRef, MacAddress> copy = Map.copyOf(stored);
        executor.execute(() -> {
            if (learned.replaceAll(copy) && current instanceof Snapshot.Accepted now) {
                program(now.generation(), now.configured());
            }
        });
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void apply(final StoredConfiguration config) {
        try {
            switch (config.check()) {
                case Validation.Outcome.Accepted accepted -> program(++generation, accepted.network());
                case Validation.Outcome.Rejected rejected -> {
                    // Only data stored while pvsnet was not running can get here; the cohort refuses the rest.
                    LOG.error("A stored configuration cannot be used: {}", rejected.message());
                    publish(new Snapshot.Refused(generation, config.customerIds(), rejected.message()));
                }
            }
        } catch (RuntimeException e) {
            // an unexpected failure must be visible and must not stop later configurations from being applied
            LOG.error("A configuration could not be applied", e);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void program(final long gen, final Network configured) {
        final long start = System.nanoTime();
        for (SiteRef stale : learned.stale(configured)) {
            LOG.info("{}: forgetting the learned router MAC {}", stale, learned.get(stale));
            store.forget(stale);
        }
        final ResolvedNetwork resolved = ResolvedNetwork.of(learned.applyTo(configured),
            current instanceof Snapshot.Accepted last ? last.resolved() : ResolvedNetwork.EMPTY);
        final Compiler.Compilation compilation = Compiler.compile(resolved, memo);
        final long compiled = System.nanoTime();
        final SwitchProgrammer.Outcome outcome;
        try {
            outcome = programmer.write(compilation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("Configuration generation {}: {} switches, {} customers, {} flows; compiled in {} ms, "
            + "{} flows added and {} removed in {} ms", gen, resolved.switches().size(),
            resolved.customers().size(), compilation.flowCount(), (compiled - start) / 1_000_000,
            outcome.added(), outcome.removed(), (System.nanoTime() - compiled) / 1_000_000);
        publish(new Snapshot.Accepted(gen, configured, resolved, compilation, outcome.errors()));
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void publish(final Snapshot snapshot) {
        current = snapshot;
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("A snapshot listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
