/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each compilation to the switches, one atomic change per switch: the difference between what pvsnet
 * knows a switch has (its base: the flows and meters of the last change it took, or that the status found on
 * it) and the new compilation. A switch whose base is not known (pvsnet has just started, the switch has just
 * connected, or a change failed) is not written here: the drift repairer compares it with what it reports and
 * brings it to the compiled state without touching the flows it already has.
 */
public final class SwitchProgrammer {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchProgrammer.class);

    /**
     * What a change did.
     *
     * @param errors per switch, why it did not take the change
     */
    public record Outcome(int added, int removed, Map<String, String> errors) {
        public Outcome {
            errors = Map.copyOf(errors);
        }
    }

    /**
     * A state of a switch: its flows, in a compilation's order, and its meters. A state written becomes the next
     * change's starting point.
     */
    record Base(List<Flow> flows, List<Compiler.MeterSpec> meters) {
    }

    private record Took(Compiler.Compilation compilation, Instant at) {
    }

    /** A switch's change, and the state it brings the switch to. */
    private record Planned(Change change, Base desired) {
    }

    private final SwitchWriter writer;
    private final Predicate<String> connected;
    // one virtual thread per switch write: they wait on the switches, not on the CPU
    private static final ExecutorService WRITERS =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("pvsnet-switch-write-", 0).factory());

    private final Map<String, Base> bases = new ConcurrentHashMap<>();
    // per switch: the configuration change it took whole (the last compilation written), and when, until the
    // inventory shows it
    private final Map<String, Took> took = new ConcurrentHashMap<>();
    private Compiler.@Nullable Compilation written;

    /**
     * A programmer.
     *
     * @param connected whether a switch is connected now
     */
    public SwitchProgrammer(final SwitchWriter writer, final Predicate<String> connected) {
        this.writer = requireNonNull(writer);
        this.connected = requireNonNull(connected);
    }

    public synchronized Outcome write(final Compiler.Compilation compilation) throws InterruptedException {
        written = compilation;
        final Map<String, Planned> changes = new TreeMap<>();
        // a switch without a base is the drift repairer's
        for (String nodeId : new TreeSet<>(bases.keySet())) {
            if (!connected.test(nodeId)) {
                bases.remove(nodeId);
                took.remove(nodeId);
                continue;
            }
            final Base to = base(nodeId, compilation);
            final Change change = Change.of(bases.get(nodeId), to);
            if (!change.isEmpty()) {
                changes.put(nodeId, new Planned(change, to));
            } else {
                // unchanged: it has this compilation since it took the previous one. Its flows are the base now:
                // the next change finds most of them the very same objects.
                bases.put(nodeId, to);
                took.computeIfPresent(nodeId, (node, last) -> new Took(compilation, last.at()));
            }
        }
        // the switches take their changes at the same time: each waits for its own switch's answers
        final Map<String, Future<Optional<String>>> writes = new TreeMap<>();
        for (var entry : changes.entrySet()) {
            final String nodeId = entry.getKey();
            final Planned planned = entry.getValue();
            writes.put(nodeId, changes.size() == 1
                ? CompletableFuture.completedFuture(apply(nodeId, planned.change(), planned.desired()))
                : WRITERS.submit(() -> apply(nodeId, planned.change(), planned.desired())));
        }
        int added = 0;
        int removed = 0;
        final Map<String, String> errors = new TreeMap<>();
        for (var entry : writes.entrySet()) {
            final Optional<String> error = outcome(entry.getValue());
            if (error.isPresent()) {
                errors.put(entry.getKey(), error.orElseThrow());
            } else {
                took.put(entry.getKey(), new Took(compilation, Instant.now()));
                added += changes.get(entry.getKey()).change().add().size();
                removed += changes.get(entry.getKey()).change().remove().size();
            }
        }
        return new Outcome(added, removed, errors);
    }

    private static Optional<String> outcome(final Future<Optional<String>> write) throws InterruptedException {
        try {
            return write.get();
        } catch (ExecutionException e) {
            // apply() catches what a write throws; this is a bug, reported like a failed write
            LOG.error("A switch write failed unexpectedly", e.getCause());
            return Optional.of("the switch did not take the change: " + e.getCause());
        }
    }

    /** A drift repair of one switch; true when the switch took it. */
    @FunctionalInterface
    public interface Repair {
        boolean run() throws InterruptedException;
    }

    /**
     * Run a drift repair computed against this compilation, unless a newer one has been written to the switch
     * since: the repair would then bring back what the newer one removed (a deleted customer's flows), after
     * it. A switch whose state is unknown was not written since (changes skip it): its repair runs, and the
     * changes it missed follow ({@link #repaired}). Repairs and changes are written one at a time.
     *
     * @return whether the repair ran and the switch took it
     */
    public synchronized boolean repair(final String nodeId, final Compiler.Compilation compilation,
            final Repair repair) throws InterruptedException {
        if (compilation != written && bases.containsKey(nodeId)) {
            LOG.debug("{}: a repair computed for an earlier configuration is dropped", nodeId);
            return false;
        }
        if (!repair.run()) {
            return false;
        }
        repaired(nodeId, compilation);
        return true;
    }

    /**
     * The drift repairer brought the switch to this compilation. A switch without a base was skipped by every
     * change written while it was repaired: the difference from the repaired compilation to the last written
     * one goes now, rather than after the next repair (seconds later).
     */
    public synchronized void repaired(final String nodeId, final Compiler.Compilation compilation)
            throws InterruptedException {
        if (bases.containsKey(nodeId) || written == null || !connected.test(nodeId)) {
            return;
        }
        final Base from = base(nodeId, compilation);
        if (compilation == written) {
            bases.put(nodeId, from);
            return;
        }
        final Base desired = base(nodeId, written);
        final Change change = Change.of(from, desired);
        if (!change.isEmpty()) {
            LOG.info("{}: repaired to an earlier configuration; sending the later one's difference ({} flows added, "
                + "{} removed)", nodeId, change.add().size(), change.remove().size());
        }
        apply(nodeId, change, desired);
    }

    private static Base base(final String nodeId, final Compiler.Compilation compilation) {
        return new Base(compilation.flows().getOrDefault(nodeId, List.of()),
            compilation.meters().getOrDefault(nodeId, List.of()));
    }

    /** Write a change; the switch's base becomes desired, or is forgotten when the switch did not take it. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private Optional<String> apply(final String nodeId, final Change change, final Base desired)
            throws InterruptedException {
        try {
            if (!change.isEmpty()) {
                writer.change(nodeId, change.replaceMeters(), change.addMeters(), change.remove().stream()
                    .map(flow -> OpenFlowMapper.map(nodeId, flow)).toList(), change.add(), change.removeMeters());
            }
            // kept when empty too: a switch emptied by one change (a configuration deleted, then put back) takes the
            // next one directly; a switch that goes away is forgotten by write() and disconnected()
            bases.put(nodeId, desired);
            return Optional.empty();
        } catch (SwitchWriter.WriteFailed | RuntimeException e) {
            // the switch is whatever it was; the drift repairer finds out what and repairs it
            LOG.warn("{}: the change was not applied: {}", nodeId, e.getMessage());
            bases.remove(nodeId);
            took.remove(nodeId);
            return Optional.of("the switch did not take the change: " + e.getMessage());
        }
    }

    /**
     * The status found the switch equal to this compilation: changes to it can be written as differences from
     * now on. Ignored when a newer compilation has been written since.
     */
    public synchronized void confirmed(final String nodeId, final Compiler.Compilation compilation) {
        if (compilation == written && compilation.flows().containsKey(nodeId)) {
            bases.put(nodeId, base(nodeId, compilation));
            // the inventory has caught up: from now on it tells the status of this switch, drift included
            took.remove(nodeId);
        }
    }

    /** The switch went away: what it has when it comes back is for the drift repairer to find out. */
    public synchronized void disconnected(final String nodeId) {
        bases.remove(nodeId);
        took.remove(nodeId);
    }

    /**
     * Whether the switch took this compilation whole through pvsnet's writes (every flow and meter of it is on
     * the switch, which said so), no earlier than {@code since}: the inventory shows a write seconds later.
     */
    public boolean took(final String nodeId, final Compiler.Compilation compilation, final Instant since) {
        final Took last = took.get(nodeId);
        return last != null && last.compilation() == compilation && !last.at().isBefore(since);
    }

    /**
     * The difference between two states of one switch.
     *
     * @param remove flows whose table, priority and match the new state does not have
     * @param add flows of the new state that are not in the old one as they are (new or changed, or using a
     *     replaced meter)
     * @param addMeters meters that are new
     * @param replaceMeters meters whose band changed
     * @param removeMeters meters that are gone
     */
    record Change(List<Flow> remove, List<Flow> add, List<Compiler.MeterSpec> addMeters,
            List<Compiler.MeterSpec> replaceMeters, List<Compiler.MeterSpec> removeMeters) {

        /**
         * The difference, found by walking the two states' flows together: both are in a compilation's order
         * (table, priority, text), and a flow the compiler kept is the very same object in both. A switch of
         * 100,000 flows is diffed without hashing a text.
         */
        static Change of(final Base from, final Base to) {
            final Map<Long, Compiler.MeterSpec> before = from.meters().stream()
                .collect(Collectors.toMap(Compiler.MeterSpec::id, spec -> spec));
            final Set<Long> after = to.meters().stream().map(Compiler.MeterSpec::id).collect(Collectors.toSet());
            final List<Compiler.MeterSpec> addMeters = to.meters().stream()
                .filter(spec -> !before.containsKey(spec.id())).toList();
            final List<Compiler.MeterSpec> replaceMeters = to.meters().stream()
                .filter(spec -> before.containsKey(spec.id()) && !spec.equals(before.get(spec.id()))).toList();
            final List<Compiler.MeterSpec> removeMeters = from.meters().stream()
                .filter(spec -> !after.contains(spec.id())).toList();
            // a switch deletes the flows that use a meter with it: those of a replaced meter are added again
            final Set<Long> replaced = replaceMeters.stream().map(Compiler.MeterSpec::id).collect(Collectors.toSet());
            final List<Flow> added = new ArrayList<>();
            final List<Flow> gone = new ArrayList<>();
            // Walked as plain references: a cast to Flow would load every flow's header, a cache miss each when
            // 100,000 flows lie scattered in the heap (17 ms a change at 10,000 customers); equal references need
            // no look at the flow.
            final List<?> was = from.flows();
            final List<?> now = to.flows();
            final int wasSize = was.size();
            final int nowSize = now.size();
            int had = 0;
            int next = 0;
            while (had < wasSize || next < nowSize) {
                final Object old = had < wasSize ? was.get(had) : null;
                final Object flow = next < nowSize ? now.get(next) : null;
                final int order = old == flow ? 0 : old == null ? 1 : flow == null ? -1
                    : ((Flow) old).compareTo((Flow) flow);
                if (order <= 0) {
                    had++;
                }
                if (order >= 0) {
                    next++;
                }
                if (order < 0) {
                    gone.add((Flow) old);
                } else if (order > 0) {
                    added.add((Flow) flow);
                } else if (!replaced.isEmpty() && meter((Flow) flow).filter(replaced::contains).isPresent()) {
                    added.add((Flow) flow);
                }
            }
            // A flow that is not in the new state as it is either changed or gone. A changed one has the key of
            // a flow among the added (a switch holds one flow per key), which replaces it; a gone one is removed.
            final Set<String> replacing = added.stream().map(Drift::key).collect(Collectors.toSet());
            final List<Flow> remove = gone.stream().filter(flow -> !replacing.contains(Drift.key(flow))).toList();
            return new Change(remove, List.copyOf(added), addMeters, replaceMeters, removeMeters);
        }

        boolean isEmpty() {
            return remove.isEmpty() && add.isEmpty() && addMeters.isEmpty() && replaceMeters.isEmpty()
                && removeMeters.isEmpty();
        }
    }

    private static Optional<Long> meter(final Flow flow) {
        return flow.actions().stream().filter(Action.Meter.class::isInstance).map(a -> ((Action.Meter) a).id())
            .findFirst();
    }
}
