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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Encapsulation;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Site;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.status.StatusPublisher;
import org.pvsnet.impl.validate.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the switches at the compiled state of the newest configuration and the status in step with
 * what the switches really have. All work happens on one thread, in the order configurations arrive:
 * check, compile, write the difference, then watch the inventory until every switch is programmed.
 */
public final class Reconciler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** The newest accepted configuration and what became of it. */
    private record Current(long generation, Network configured, Network network, Compiler.Compilation compilation,
            Map<String, String> switchErrors) {
    }

    /** Sends a frame out of a switch port (packet-out). */
    @FunctionalInterface
    public interface PacketSender {
        void send(String nodeId, long port, byte[] frame);
    }

    private final StatusPublisher status;
    private final FlowWriter writer;
    private final Inventory inventory;
    private final ScheduledExecutorService executor;
    private final PacketSender packetSender;
    // Router MACs learned from the routers' own ARP requests, by "customer/site".
    private final Map<String, MacAddress> learned = new HashMap<>();
    private long generation;
    private @Nullable Current current;
    private @Nullable Map<String, Inventory.Progress> lastProgress;
    private boolean loaded;

    public Reconciler(final StatusPublisher status, final FlowWriter writer, final Inventory inventory,
            final PacketSender packetSender, final long pollMillis) {
        this.status = requireNonNull(status);
        this.packetSender = requireNonNull(packetSender);
        this.writer = requireNonNull(writer);
        this.inventory = requireNonNull(inventory);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "pvsnet-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** A new configuration (null: none). Returns at once; the work is queued in order. */
    public void configurationChanged(final @Nullable Pvsnet config) {
        executor.execute(() -> apply(config));
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void apply(final @Nullable Pvsnet config) {
        final long gen = ++generation;
        try {
            switch (Validation.check(config)) {
                case Validation.Outcome.Accepted accepted -> program(gen, accepted.network());
                case Validation.Outcome.Rejected rejected -> {
                    // Only data stored while pvsnet was not running can get here; the cohort refuses the rest.
                    LOG.error("Configuration generation {} cannot be used: {}", gen, rejected.message());
                    final List<String> ids = config == null || config.getCustomer() == null ? List.of()
                        : config.getCustomer().keySet().stream().map(key -> key.getId().getValue()).sorted()
                            .toList();
                    // nothing of it is programmed, and the status must not fall back to an older configuration
                    current = null;
                    status.publishRefused(gen, ids, rejected.message());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // an unexpected failure must be visible and must not stop later configurations from being applied
            LOG.error("Configuration generation {} could not be applied", gen, e);
        }
    }

    /** An ARP request a switch sent up. Returns at once; handled in order with configurations. */
    public void arpRequest(final ArpFrames.Request request) {
        executor.execute(() -> answer(request));
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void answer(final ArpFrames.Request request) {
        final Current now = current;
        if (now == null) {
            return;
        }
        try {
            final Customer customer = now.network.customers().values().stream()
                .filter(c -> c.number() == request.customer()).findFirst().orElse(null);
            if (customer == null) {
                return;
            }
            final Site site = customer.sites().values().stream()
                .filter(s -> s.nextHop().equals(Optional.of(request.senderIp())))
                .filter(s -> {
                    final Tunnel t = customer.tunnels().get(s.tunnel());
                    return t.switchId().equals(request.nodeId()) && t.port() == request.inPort();
                })
                .findFirst().orElse(null);
            if (site == null) {
                LOG.debug("ARP from unknown requester {} ignored", request);
                return;
            }
            final Site configured = now.configured.customers().get(customer.id()).sites().get(site.name());
            if (configured.routerMac().isEmpty()
                && !request.senderMac().equals(learned.put(customer.id() + "/" + site.name(), request.senderMac()))) {
                LOG.info("Customer {} site {}: learned router MAC {} for {}", customer.id(), site.name(),
                    request.senderMac(), request.senderIp());
                program(++generation, now.configured);
            }
            final boolean known = customer.pvss().values().stream()
                .anyMatch(p -> p.address().equals(request.targetIp()))
                || customer.sites().values().stream()
                    .anyMatch(s -> s.nextHop().equals(Optional.of(request.targetIp())) && !s.equals(site));
            if (!known) {
                return;
            }
            final Tunnel back = customer.tunnels().get(site.towardsTunnel());
            final Switch sw = now.network.switches().get(request.nodeId());
            final OptionalInt vlan = back.encapsulation() instanceof Encapsulation.Vlan v ? OptionalInt.of(v.vlanId())
                : OptionalInt.empty();
            packetSender.send(request.nodeId(), back.port(), ArpFrames.reply(sw.gatewayMac().orElseThrow(), vlan,
                request.senderMac(), request.senderIp(), request.targetIp()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Could not answer {}", request, e);
        }
    }

    /** The configured network with learned router MACs filled in where none is configured. */
    private Network withLearned(final Network configured) {
        learned.keySet().removeIf(key -> {
            final String[] parts = key.split("/", 2);
            final Customer c = configured.customers().get(parts[0]);
            return c == null || !c.sites().containsKey(parts[1]) || c.sites().get(parts[1]).routerMac().isPresent();
        });
        if (learned.isEmpty()) {
            return configured;
        }
        final TreeMap<String, Customer> customers = new TreeMap<>();
        for (Customer c : configured.customers().values()) {
            final TreeMap<String, Site> sites = new TreeMap<>();
            for (Site s : c.sites().values()) {
                final MacAddress mac = learned.get(c.id() + "/" + s.name());
                sites.put(s.name(), mac == null ? s : s.withRouterMac(mac));
            }
            customers.put(c.id(), c.withSites(sites));
        }
        return new Network(configured.switches(), customers);
    }

    private void program(final long gen, final Network configured) throws InterruptedException {
        final long start = System.nanoTime();
        final Network network = withLearned(configured);
        final Compiler.Compilation compilation = Compiler.compile(network);
        final long compiled = System.nanoTime();
        if (!loaded) {
            writer.loadFromDatastore(network.switches().keySet());
            loaded = true;
        }
        writer.applyMeters(compilation.meters());
        final Map<String, String> switchErrors = new TreeMap<>();
        int puts = 0;
        int deletes = 0;
        for (var entry : writer.apply(compilation.flows()).entrySet()) {
            if (entry.getValue().error() != null) {
                switchErrors.put(entry.getKey(), entry.getValue().error());
            }
            puts += entry.getValue().written();
            deletes += entry.getValue().deleted();
        }
        compilation.customerErrors().forEach((customer, error) ->
            LOG.warn("Customer {} is not programmed: {}", customer, error));
        LOG.info("Configuration generation {}: {} switches, {} customers, {} flows; compiled in {} ms, "
            + "{} flows written and {} deleted in {} ms", gen, network.switches().size(),
            network.customers().size(), compilation.flows().values().stream().mapToInt(List::size).sum(),
            (compiled - start) / 1_000_000, puts, deletes, (System.nanoTime() - compiled) / 1_000_000);
        current = new Current(gen, configured, network, compilation, switchErrors);
        lastProgress = null;
        refresh();
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void refresh() {
        final Current now = current;
        if (now == null) {
            return;
        }
        try {
            final Map<String, List<Flow>> desired = now.compilation.flows();
            final Map<String, Inventory.Progress> progress = inventory.progress(desired);
            if (!progress.equals(lastProgress)) {
                lastProgress = progress;
                status.publish(now.generation, now.network, now.compilation.customerErrors(), progress,
                    now.switchErrors);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // keep polling: one failed read must not stop the status from ever changing again
            LOG.warn("Could not refresh the status", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
