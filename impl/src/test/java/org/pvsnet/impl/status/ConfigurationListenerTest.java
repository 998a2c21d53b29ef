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
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.binding.dom.adapter.test.AbstractConcurrentDataBrokerTest;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.ObjectState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PvsnetState;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.CustomerKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.pvsnet.impl.ConfigurationListener;
import org.pvsnet.impl.Examples;

/**
 * The configuration listener and the status it publishes, on an in-memory datastore.
 */
public class ConfigurationListenerTest extends AbstractConcurrentDataBrokerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    private static final DataObjectIdentifier<Pvsnet> CONFIG = DataObjectIdentifier.builder(Pvsnet.class).build();

    private Registration registration;

    @Before
    public void listen() {
        registration = getDataBroker().registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, CONFIG,
            new ConfigurationListener(new StatusPublisher(getDataBroker(), CLOCK)));
    }

    @After
    public void stop() {
        registration.close();
    }

    private PvsnetState awaitState(final Predicate<PvsnetState> until) throws Exception {
        final Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            final Optional<PvsnetState> state;
            try (var tx = getDataBroker().newReadOnlyTransaction()) {
                state = tx.read(LogicalDatastoreType.OPERATIONAL, StatusPublisher.PATH).get();
            }
            if (state.isPresent() && until.test(state.orElseThrow())) {
                return state.orElseThrow();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("state never satisfied the condition; last: " + state);
            }
            Thread.sleep(20);
        }
    }

    private void write(final Pvsnet config) throws Exception {
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.put(LogicalDatastoreType.CONFIGURATION, CONFIG, config);
        tx.commit().get();
    }

    @Test
    public void publishesAnEmptyStateAtStart() throws Exception {
        final PvsnetState state = awaitState(s -> s.getGeneration() != null);
        assertThat(state.getGeneration().longValue()).isEqualTo(1);
        assertThat(state.getCustomer()).isNullOrEmpty();
    }

    @Test
    public void everyConfiguredObjectGetsAStatus() throws Exception {
        write(Examples.figs789());
        final PvsnetState state = awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        assertThat(state.getSwitch()).hasSize(4);
        final var c1 = state.getCustomer().get(
            new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.state.CustomerKey(new Name("C1")));
        assertThat(c1.getState()).isEqualTo(ObjectState.Configured);
        assertThat(c1.getLastChange().getValue()).isEqualTo("2026-11-26T00:00:00Z");
        assertThat(c1.getTunnel()).hasSize(7);
        assertThat(c1.getTunnel().values()).allSatisfy(t -> assertThat(t.getState()).isEqualTo(ObjectState.Configured));
    }

    @Test
    public void aRemovedCustomerDisappearsFromTheState() throws Exception {
        write(Examples.figs789());
        awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        final WriteTransaction tx = getDataBroker().newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, CONFIG.toBuilder()
            .child(org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer.class,
                new CustomerKey(new Name("C2"))).build());
        tx.commit().get();
        final PvsnetState state = awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 2);
        assertThat(state.getCustomer().keySet()).extracting(k -> k.getId().getValue()).containsExactlyInAnyOrder(
            "C1", "C3");
        assertThat(state.getGeneration().longValue()).isGreaterThanOrEqualTo(3);
    }

    @Test
    public void unusableStoredDataPutsCustomersInError() throws Exception {
        // The cohort keeps such data out in a running controller; data stored before pvsnet started can
        // still be wrong, and the operator must see it.
        write(org.pvsnet.impl.Mutate.sw(Examples.figs789(), "openflow:1", s -> s.setGatewayMac(null)));
        final PvsnetState state = awaitState(s -> s.getCustomer() != null && s.getCustomer().size() == 3);
        assertThat(state.getCustomer().values()).allSatisfy(c -> {
            assertThat(c.getState()).isEqualTo(ObjectState.Error);
            assertThat(c.getReason()).contains("pvsnet:pvsnet/switch=openflow:1/gateway-mac");
        });
    }
}
