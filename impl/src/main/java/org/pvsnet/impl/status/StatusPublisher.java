/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.TransactionChain;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Address;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.DateAndTime;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ObjectState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PvsnetState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PvsnetStateBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.counters.CountersBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.CustomerBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.CustomerKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.SwitchBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.SwitchKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.InternetBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.MeterBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.TunnelBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.internet.ReceivedBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.internet.RefusedBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.internet.SentBuilder;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.EntryObject;
import org.opendaylight.yangtools.binding.Key;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Switch;
import org.pvsnet.impl.model.Tunnel;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.render.InventoryReader;
import org.pvsnet.impl.resolve.ResolvedCustomer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what pvsnet made of the configuration into the operational datastore
 * ({@code pvsnet:pvsnet-state}), replacing the previous state atomically: each write sends the switch and customer
 * entries that differ from the last one's. Remembers when each object's state last changed.
 */
public final class StatusPublisher {
    /** Where the state lives. */
    public static final DataObjectIdentifier<PvsnetState> PATH = DataObjectIdentifier.builder(PvsnetState.class)
        .build();

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    /** The state of one object, as this publisher last wrote it. */
    private record Written(ObjectState state, String since) {
    }

    private final DataBroker dataBroker;
    private final Clock clock;
    private final Map<String, Written> written = new HashMap<>();
    private TransactionChain chain;
    // The state as last written, by entry: the next write sends only what differs. The generation is null when
    // the datastore's state is not known (at start, after a failed write): the next write replaces all of it.
    private @Nullable Long writtenGeneration;
    private final Map<SwitchKey,
        org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Switch> writtenSwitches =
            new HashMap<>();
    private final Map<CustomerKey,
        org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer> writtenCustomers =
            new HashMap<>();
    // Each customer's state as last built, with what it was built from: most customers' inputs are the same from
    // one publication to the next, and building thousands of states again cost more than the rest of a publication
    private Map<String, Built> built = new HashMap<>();

    /** Everything a customer's state is built from. */
    private record Inputs(Customer customer, Verdict verdict, List<Verdict> tunnels, Counters.Count count,
            List<Counters.Count> tunnelCounts, InventoryReader.MeterReport meter, Counters.Internet internet) {
    }

    private record Built(Inputs inputs,
            org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer state) {
    }

    public StatusPublisher(final DataBroker dataBroker, final Clock clock) {
        this.dataBroker = requireNonNull(dataBroker);
        this.clock = requireNonNull(clock);
    }

    /**
     * Publish an accepted snapshot with how far each switch is: a switch is programmed when it is connected
     * and every desired flow is on it; a customer is programmed when every switch it uses is; a customer
     * that could not be compiled is in error with the reason, and that never affects the others.
     *
     * @param progress per switch, from the operational inventory; absent means not known yet
     */
    public synchronized void publish(final Snapshot.Accepted snapshot, final Map<String, Progress> progress,
            final Counters counters, final Map<String, String> meterErrors) {
        final Map<String, Verdict> switchVerdicts = new HashMap<>();
        final List<org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Switch> switches =
            new ArrayList<>();
        final Map<String, String> switchErrors = snapshot.switchErrors();
        for (Switch sw : snapshot.resolved().switches().values()) {
            final Progress p = progress.get(sw.nodeId());
            // a switch that did not take the change is in error until a read finds every flow on it (the drift
            // repairer writes them, for example once a switch that was reconnecting is ready)
            final Verdict verdict = switchErrors.containsKey(sw.nodeId()) && (p == null || !p.complete())
                ? new Verdict(ObjectState.Error, switchErrors.get(sw.nodeId()))
                : p == null ? new Verdict(ObjectState.Pending, "waiting for the first check of the switch")
                : p.conflict() != null ? new Verdict(ObjectState.Error, p.conflict())
                : !p.connected() ? new Verdict(ObjectState.Pending, sw.nodeId() + " is not connected")
                : p.complete() ? new Verdict(ObjectState.Programmed, absent(sw.nodeId(), p.absentPorts().keySet(), p))
                : new Verdict(ObjectState.Pending, p.missing());
            switchVerdicts.put(sw.nodeId(), verdict);
            final SwitchBuilder builder = new SwitchBuilder().setNodeId(new NodeId(sw.nodeId()))
                .setState(verdict.state).setReason(verdict.reason)
                .setLastChange(since("switch " + sw.nodeId(), verdict.state));
            if (p != null) {
                builder.setConnected(p.connected()).setFlowsDesired(Uint32.valueOf(p.desired()))
                    .setFlowsInstalled(Uint32.valueOf(p.installed()));
            }
            switches.add(builder.build());
        }
        // ports are seldom absent: when none is, no customer's ports need to be listed
        final boolean portsAbsent = progress.values().stream().anyMatch(p -> !p.absentPorts().isEmpty());
        final Map<String, Built> now = new HashMap<>();
        final var customers = new ArrayList<
            org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer>();
        for (ResolvedCustomer customer : snapshot.resolved().customers().values()) {
            final String absent = portsAbsent ? absent(customer.ports(), progress) : null;
            final Verdict verdict = meterErrors.containsKey(customer.id())
                ? new Verdict(ObjectState.Error, meterErrors.get(customer.id()))
                : absent != null ? new Verdict(ObjectState.Error, absent)
                : combined(customer.switches().stream().map(switchVerdicts::get).toList());
            final Inputs inputs = inputs(customer, verdict, switchVerdicts, portsAbsent, progress, counters);
            Built known = built.get(customer.id());
            if (known == null || !known.inputs().equals(inputs)) {
                known = new Built(inputs, customerState(customer, inputs));
            }
            now.put(customer.id(), known);
            customers.add(known.state());
        }
        built = now;
        write(snapshot.generation(), switches, customers);
    }

    private static Inputs inputs(final ResolvedCustomer customer, final Verdict verdict,
            final Map<String, Verdict> switchVerdicts, final boolean portsAbsent, final Map<String, Progress> progress,
            final Counters counters) {
        final List<Verdict> tunnels = new ArrayList<>();
        final List<Counters.Count> tunnelCounts = new ArrayList<>();
        for (Tunnel tunnel : customer.customer().tunnels().values()) {
            final String absent = portsAbsent ? absent(Map.of(tunnel.switchId(), List.of(tunnel.port())), progress)
                : null;
            tunnels.add(absent != null ? new Verdict(ObjectState.Error, absent)
                : verdict.state == ObjectState.Error ? verdict : switchVerdicts.get(tunnel.switchId()));
            tunnelCounts.add(counters.tunnel(customer.id(), tunnel.name()));
        }
        return new Inputs(customer.customer(), verdict, tunnels, counters.customer(customer.id()), tunnelCounts,
            counters.meter(customer.id()), counters.internet(customer.id()));
    }

    /** Which of these ports their connected switches lack, with what to do about it, or null if none. */
    private static @Nullable String absent(final Map<String, ? extends Collection<Long>> ports,
            final Map<String, Progress> progress) {
        final List<String> absent = new ArrayList<>();
        int count = 0;
        for (var entry : new TreeMap<>(ports).entrySet()) {
            final Progress p = progress.get(entry.getKey());
            final List<String> lacking = p == null ? List.of() : p.absent(entry.getValue());
            if (!lacking.isEmpty()) {
                absent.add(entry.getKey() + " " + String.join(", ", lacking));
                count += lacking.size();
            }
        }
        return absent.isEmpty() ? null : String.join("; ", absent) + Progress.remedy(count);
    }

    private static @Nullable String absent(final String nodeId, final Collection<Long> ports, final Progress progress) {
        return absent(Map.of(nodeId, ports), Map.of(nodeId, progress));
    }

    /** The state of an object that needs all of these: the worst of them. */
    private static Verdict combined(final List<Verdict> verdicts) {
        final List<String> reasons = verdicts.stream().filter(v -> v.reason != null).map(v -> v.reason).distinct()
            .toList();
        if (verdicts.stream().anyMatch(v -> v.state == ObjectState.Error)) {
            return new Verdict(ObjectState.Error, String.join("; ", reasons));
        }
        if (verdicts.stream().anyMatch(v -> v.state != ObjectState.Programmed)) {
            return new Verdict(ObjectState.Pending, String.join("; ", reasons));
        }
        return new Verdict(ObjectState.Programmed, null);
    }

    private record Verdict(ObjectState state, String reason) {
    }

    /**
     * Publish a configuration that cannot be used (only possible for data stored while pvsnet was not
     * running, as validation refuses it otherwise): each customer is in error with the reason.
     */
    public synchronized void publishRefused(final Snapshot.Refused refused) {
        built = new HashMap<>();
        final var customers = refused.customerIds().stream()
            .map(id -> new CustomerBuilder().setId(new Name(id)).setState(ObjectState.Error)
                .setReason(refused.reason()).setLastChange(since("customer " + id, ObjectState.Error)).build())
            .toList();
        write(refused.generation(), List.of(), customers);
    }

    private org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer customerState(
            final ResolvedCustomer customer, final Inputs inputs) {
        final Verdict verdict = inputs.verdict();
        final List<Tunnel> configured = List.copyOf(customer.customer().tunnels().values());
        final var tunnels = new ArrayList<
            org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.Tunnel>();
        for (int i = 0; i < configured.size(); i++) {
            tunnels.add(tunnelState(customer, configured.get(i), inputs.tunnels().get(i),
                inputs.tunnelCounts().get(i)));
        }
        return new CustomerBuilder().setId(new Name(customer.id())).setState(verdict.state).setReason(verdict.reason)
            .setLastChange(since("customer " + customer.id(), verdict.state))
            .setCounters(counters(inputs.count()))
            .setMeter(Compiler.meter(customer.customer()).map(meter -> {
                final InventoryReader.MeterReport report = inputs.meter();
                return new MeterBuilder().setId(Uint32.valueOf(meter.id())).setRate(Uint32.valueOf(meter.rate()))
                    .setPackets(counter(report.packets())).setBytes(counter(report.bytes()))
                    .setDroppedPackets(counter(report.dropped())).build();
            }).orElse(null))
            .setInternet(customer.customer().publicAddress().map(address -> {
                final Counters.Internet internet = inputs.internet();
                return new InternetBuilder().setPublicAddress(new Ipv4Address(address.toString()))
                    .setZone(Uint16.valueOf(customer.number()))
                    .setSent(new SentBuilder().setPackets(counter(internet.sent().packets()))
                        .setBytes(counter(internet.sent().bytes())).build())
                    .setReceived(new ReceivedBuilder().setPackets(counter(internet.received().packets()))
                        .setBytes(counter(internet.received().bytes())).build())
                    .setRefused(new RefusedBuilder().setPackets(counter(internet.refused().packets()))
                        .setBytes(counter(internet.refused().bytes())).build())
                    .build();
            }).orElse(null))
            .setTunnel(BindingMap.ordered(tunnels))
            .build();
    }

    private org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.customer.Tunnel tunnelState(
            final ResolvedCustomer customer, final Tunnel tunnel, final Verdict verdict, final Counters.Count count) {
        return new TunnelBuilder().setName(new Name(tunnel.name())).setState(verdict.state).setReason(verdict.reason)
            .setLastChange(since("tunnel " + customer.id() + "/" + tunnel.name(), verdict.state))
            .setCounters(counters(count)).build();
    }

    private static Counter64 counter(final long value) {
        return new Counter64(Uint64.fromLongBits(value));
    }

    private static org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.counters.Counters counters(
            final Counters.Count count) {
        return new CountersBuilder().setPackets(counter(count.packets())).setBytes(counter(count.bytes())).build();
    }

    private synchronized void resetChain() {
        if (chain != null) {
            chain.close();
            chain = null;
        }
        // what the datastore holds is no longer known: the next write replaces the whole state
        writtenGeneration = null;
    }

    private DateAndTime since(final String object, final ObjectState state) {
        final Written previous = written.get(object);
        if (previous != null && previous.state == state) {
            return new DateAndTime(previous.since);
        }
        final String now = clock.instant().toString();
        written.put(object, new Written(state, now));
        return new DateAndTime(now);
    }

    private synchronized void write(final long generation,
            final List<org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Switch> switches,
            final List<org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer>
                customers) {
        // One chain: each state is written on top of the previous one. Two independent transactions that both
        // create the container would conflict, and a status would be lost.
        if (chain == null) {
            chain = dataBroker.createTransactionChain();
        }
        final WriteTransaction tx = chain.newWriteOnlyTransaction();
        final int entries;
        if (writtenGeneration == null) {
            tx.put(LogicalDatastoreType.OPERATIONAL, PATH, new PvsnetStateBuilder()
                .setGeneration(Uint64.valueOf(generation))
                .setSwitch(BindingMap.ordered(switches))
                .setCustomer(BindingMap.ordered(customers))
                .build());
            entries = switches.size() + customers.size();
            remember(writtenSwitches, switches);
            remember(writtenCustomers, customers);
        } else {
            // What the datastore holds is known: only the entries that differ are written. A change to one
            // customer then costs one customer's state, not that of every customer (10,000: 3.8 MB).
            entries = replaceChanged(tx, writtenSwitches, switches, key -> DataObjectIdentifier.builder(
                PvsnetState.class).child(
                    org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Switch.class, key)
                .build())
                + replaceChanged(tx, writtenCustomers, customers, key -> DataObjectIdentifier.builder(
                    PvsnetState.class).child(
                        org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer.class,
                        key).build());
            if (entries == 0 && writtenGeneration == generation) {
                tx.cancel();
                return;
            }
            if (writtenGeneration != generation) {
                tx.merge(LogicalDatastoreType.OPERATIONAL, PATH, new PvsnetStateBuilder()
                    .setGeneration(Uint64.valueOf(generation)).build());
            }
        }
        writtenGeneration = generation;
        tx.commit().addCallback(new com.google.common.util.concurrent.FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                LOG.debug("Published status of generation {}: {} entries written", generation, entries);
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.error("Could not publish status of generation {}", generation, cause);
                resetChain();
            }
        }, MoreExecutors.directExecutor());
    }

    private static <K extends Key<V>, V extends EntryObject<V, K>> void remember(final Map<K, V> written,
            final List<V> entries) {
        written.clear();
        entries.forEach(entry -> written.put(entry.key(), entry));
    }

    /** Puts the entries that differ from those written, deletes those gone; returns how many. */
    private static <K extends Key<V>, V extends EntryObject<V, K>> int replaceChanged(final WriteTransaction tx,
            final Map<K, V> written, final List<V> entries, final Function<K, DataObjectIdentifier<V>> path) {
        int changed = 0;
        final Map<K, V> now = new HashMap<>();
        for (V entry : entries) {
            now.put(entry.key(), entry);
            final V before = written.get(entry.key());
            // a state reused as it was built is the very object written
            if (entry != before && !entry.equals(before)) {
                tx.put(LogicalDatastoreType.OPERATIONAL, path.apply(entry.key()), entry);
                changed++;
            }
        }
        for (K gone : written.keySet()) {
            if (!now.containsKey(gone)) {
                tx.delete(LogicalDatastoreType.OPERATIONAL, path.apply(gone));
                changed++;
            }
        }
        written.clear();
        written.putAll(now);
        return changed;
    }
}
