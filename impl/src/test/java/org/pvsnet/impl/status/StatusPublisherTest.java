/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.Test;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ObjectState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PvsnetState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.Customer;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.CustomerKey;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.pipeline.Snapshot;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.validate.Validation;

/**
 * The publisher writes only the entries that changed since its last write: what the datastore then holds equals
 * what a whole write of the same status gives.
 */
public class StatusPublisherTest extends AbstractConcurrentDataBrokerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    private static Snapshot.Accepted snapshot(final long generation, final Network network) {
        final ResolvedNetwork resolved = ResolvedNetwork.of(network);
        return new Snapshot.Accepted(generation, network, resolved, Compiler.compile(resolved), Map.of());
    }

    /** Every switch connected; those named pending lack one flow. */
    private static Map<String, Progress> progress(final Snapshot.Accepted snapshot, final String... pending) {
        final Map<String, Progress> progress = new TreeMap<>();
        snapshot.compilation().flows().forEach((nodeId, flows) -> {
            final int installed = java.util.Arrays.asList(pending).contains(nodeId) ? flows.size() - 1 : flows.size();
            progress.put(nodeId, new Progress(true, flows.size(), installed, 0, 0, 0, null, new TreeMap<>()));
        });
        return progress;
    }

    private PvsnetState awaitGeneration(final long generation) throws Exception {
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            final Optional<PvsnetState> state;
            try (var tx = getDataBroker().newReadOnlyTransaction()) {
                state = tx.read(LogicalDatastoreType.OPERATIONAL, StatusPublisher.PATH).get();
            }
            if (state.isPresent() && state.orElseThrow().getGeneration().longValue() == generation) {
                return state.orElseThrow();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("generation " + generation + " never published; last: " + state);
            }
            Thread.sleep(20);
        }
    }

    @Test
    public void writingOnlyWhatChangedLeavesTheSameStateAsAWholeWrite() throws Exception {
        final Network first = ((Validation.Outcome.Accepted) Validation.check(Examples.figs789())).network();
        final Snapshot.Accepted one = snapshot(1, first);
        assertThat(first.customers()).hasSizeGreaterThan(1);

        final StatusPublisher incremental = new StatusPublisher(getDataBroker(), CLOCK);
        incremental.publish(one, progress(one), Counters.NONE, Map.of());
        awaitGeneration(1);

        // One customer deleted, one switch no longer complete: the customers on it turn pending.
        final TreeMap<String, org.pvsnet.impl.model.Customer> customers = new TreeMap<>(first.customers());
        final String deleted = customers.lastKey();
        customers.remove(deleted);
        final Network second = new Network(first.switches(), customers);
        final Snapshot.Accepted two = snapshot(2, second);
        // a switch some customers use and others do not
        final String lagging = second.switches().keySet().stream().filter(nodeId -> two.resolved().customers()
            .values().stream().anyMatch(c -> !c.switches().contains(nodeId))).filter(nodeId -> two.resolved()
            .customers().values().stream().anyMatch(c -> c.switches().contains(nodeId))).findFirst().orElseThrow();
        final Set<String> changed = new TreeSet<>(Set.of(deleted));
        two.resolved().customers().values().stream().filter(c -> c.switches().contains(lagging))
            .forEach(c -> changed.add(c.id()));

        final List<Set<String>> touched = new CopyOnWriteArrayList<>();
        try (var registration = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.OPERATIONAL,
                StatusPublisher.PATH, changes -> changes.forEach(change -> touched.add(change.getRootNode()
                    .getModifiedChildren(Customer.class).stream()
                    .map(m -> (m.dataAfter() != null ? m.dataAfter() : m.dataBefore()).getId().getValue())
                    .collect(Collectors.toCollection(TreeSet::new)))))) {
            incremental.publish(two, progress(two, lagging), Counters.NONE, Map.of());
            final PvsnetState written = awaitGeneration(2);
            // only the customers whose state changed were written (the first notification is the initial data)
            awaitSize(touched, 2);
            assertThat(touched.get(touched.size() - 1)).isEqualTo(changed);
            assertThat(changed).hasSizeLessThan(first.customers().size());
            check(written, deleted, customers.size(), second, lagging);
        }
    }

    private static void awaitSize(final List<?> list, final int size) throws InterruptedException {
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (list.size() < size && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    private void check(final PvsnetState written, final String deleted, final int customers, final Network second,
            final String lagging) throws Exception {
        assertThat(written.nonnullCustomer()).doesNotContainKey(new CustomerKey(new Name(deleted)))
            .hasSize(customers);
        assertThat(written.nonnullCustomer().values()).anyMatch(c -> c.getState() == ObjectState.Pending);

        // the same status, written whole by a publisher that never wrote before
        final Snapshot.Accepted three = snapshot(3, second);
        new StatusPublisher(getDataBroker(), CLOCK).publish(three, progress(three, lagging), Counters.NONE, Map.of());
        final PvsnetState whole = awaitGeneration(3);
        assertThat(written.getSwitch()).isEqualTo(whole.getSwitch());
        assertThat(written.getCustomer()).isEqualTo(whole.getCustomer());
    }

    @Test
    public void aSwitchThatDidNotTakeAChangeIsInErrorUntilAReadFindsEveryFlowOnIt() throws Exception {
        final Network network = ((Validation.Outcome.Accepted) Validation.check(Examples.figs789())).network();
        final ResolvedNetwork resolved = ResolvedNetwork.of(network);
        final String failed = network.switches().keySet().iterator().next();
        final Snapshot.Accepted snapshot = new Snapshot.Accepted(1, network, resolved, Compiler.compile(resolved),
            Map.of(failed, "the switch did not take the change: no RPC"));
        final StatusPublisher publisher = new StatusPublisher(getDataBroker(), CLOCK);

        publisher.publish(snapshot, progress(snapshot, failed), Counters.NONE, Map.of());
        var state = awaitGeneration(1).nonnullSwitch().values().stream()
            .filter(sw -> sw.getNodeId().getValue().equals(failed)).findFirst().orElseThrow();
        assertThat(state.getState()).isEqualTo(ObjectState.Error);
        assertThat(state.getReason()).contains("no RPC");

        // repaired since: every flow is on it
        final Snapshot.Accepted read = new Snapshot.Accepted(2, network, resolved, snapshot.compilation(),
            snapshot.switchErrors());
        publisher.publish(read, progress(read), Counters.NONE, Map.of());
        state = awaitGeneration(2).nonnullSwitch().values().stream()
            .filter(sw -> sw.getNodeId().getValue().equals(failed)).findFirst().orElseThrow();
        assertThat(state.getState()).isEqualTo(ObjectState.Programmed);
    }

    /** States built again only when what they are built from changed: a verdict, a counter; never stale. */
    @Test
    public void aCustomerFollowsItsSwitchesAndItsCountersFromOnePublicationToTheNext() throws Exception {
        final Network network = ((Validation.Outcome.Accepted) Validation.check(Examples.figs789())).network();
        final StatusPublisher publisher = new StatusPublisher(getDataBroker(), CLOCK);
        final Snapshot.Accepted one = snapshot(1, network);
        final String lagging = one.resolved().customers().get("C1").switches().last();
        publisher.publish(one, progress(one, lagging), Counters.NONE, Map.of());
        assertThat(awaitGeneration(1).nonnullCustomer().get(new CustomerKey(new Name("C1"))).getState())
            .isEqualTo(ObjectState.Pending);

        final Snapshot.Accepted two = snapshot(2, network);
        final Counters counted = new Counters(Map.of("C1", new Counters.Count(5, 500)), Map.of(), Map.of(), Map.of());
        publisher.publish(two, progress(two), counted, Map.of());
        final PvsnetState written = awaitGeneration(2);
        final Customer c1 = written.nonnullCustomer().get(new CustomerKey(new Name("C1")));
        assertThat(c1.getState()).isEqualTo(ObjectState.Programmed);
        assertThat(c1.getCounters().getPackets().getValue().longValue()).isEqualTo(5);

        final Snapshot.Accepted three = snapshot(3, network);
        new StatusPublisher(getDataBroker(), CLOCK).publish(three, progress(three), counted, Map.of());
        final PvsnetState whole = awaitGeneration(3);
        assertThat(written.getSwitch()).isEqualTo(whole.getSwitch());
        assertThat(written.getCustomer()).isEqualTo(whole.getCustomer());
    }
}
