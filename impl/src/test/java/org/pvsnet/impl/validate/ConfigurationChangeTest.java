/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PortRole;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.CustomerBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.CustomerKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Switch;
import org.opendaylight.yangtools.yang.common.QName;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifierWithPredicates;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTree;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidateNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeConfiguration;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeModification;
import org.opendaylight.yangtools.yang.data.tree.impl.di.InMemoryDataTreeFactory;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;

/**
 * A change read from the last configuration (the customers the datastore's candidate names) gives what a read of
 * the whole configuration gives, through a sequence of changes made on a real data tree, as the datastore makes
 * them: only the accepted ones are committed.
 */
class ConfigurationChangeTest {
    private static final YangInstanceIdentifier CONFIG = Examples.CONFIG_PATH;
    private static final NodeIdentifier CUSTOMERS = NodeIdentifier.create(Customer.QNAME);
    private static final NodeIdentifier SWITCHES = NodeIdentifier.create(Switch.QNAME);
    private static final QName ID = QName.create(Customer.QNAME, "id");

    private final ConfigurationReader reader = new ConfigurationReader(Examples.CODEC);
    private DataTree tree;

    @BeforeEach
    void start() {
        tree = new InMemoryDataTreeFactory().create(DataTreeConfiguration.DEFAULT_CONFIGURATION,
            Examples.RUNTIME.modelContext());
    }

    @Test
    void aChangeReadFromTheLastConfigurationIsTheWholeReadOfIt() {
        final Pvsnet figs = Examples.figs789();
        // the whole configuration: read whole
        assertThat(step(mod -> mod.write(CONFIG, Examples.toNormalized(figs)), false)).isTrue();
        // one customer changed, then deleted, then written back
        assertThat(step(mod -> writeCustomer(mod, Mutate.customer(figs, "C2", c -> c.setDescription("two")), "C2"),
            true)).isTrue();
        assertThat(step(mod -> mod.delete(customer("C1")), true)).isTrue();
        assertThat(step(mod -> writeCustomer(mod, figs, "C1"), true)).isTrue();
        // a copy of C1 under another id takes C1's tunnels: refused, not committed, the next change starts from
        // the configuration before it
        assertThat(step(mod -> writeCustomer(mod, copy(figs, "C1", "C8", 8), "C8"), true)).isFalse();
        // two customers in one change: C3 gone, its copy C9 new
        assertThat(step(mod -> {
            mod.delete(customer("C3"));
            writeCustomer(mod, copy(figs, "C3", "C9", 9), "C9");
        }, true)).isTrue();
        // a switch changed: read whole
        assertThat(step(mod -> mod.write(CONFIG.node(SWITCHES), ((ContainerNode) Examples.toNormalized(
            Mutate.port(figs, "openflow:12", 99, PortRole.Pvs))).childByArg(SWITCHES)), false)).isTrue();
        // and the next customer change is read from that
        assertThat(step(mod -> writeCustomer(mod, Mutate.customer(figs, "C1", c -> c.setDescription("one")), "C1"),
            true)).isTrue();
        // every customer deleted: the list gone, read whole
        assertThat(step(mod -> mod.delete(CONFIG.node(CUSTOMERS)), false)).isTrue();
    }

    /** The configuration with a copy of customer from under another id and number. */
    private static Pvsnet copy(final Pvsnet config, final String from, final String id, final long number) {
        final Customer original = config.getCustomer().get(new CustomerKey(new Name(from)));
        return Mutate.customer(config, id, c -> new CustomerBuilder(original).withKey(new CustomerKey(new Name(id)))
            .setId(new Name(id)).setNumber(Uint32.valueOf(number)));
    }

    /**
     * Make a change, check it as the cohort does, and compare with a whole read by a reader of its own; commit it
     * when accepted, like the datastore. Returns whether it was accepted.
     */
    private boolean step(final Consumer<DataTreeModification> change, final boolean fromLast) {
        final DataTreeModification mod = tree.takeSnapshot().newModification();
        change.accept(mod);
        mod.ready();
        final DataTreeCandidate candidate;
        try {
            tree.validate(mod);
            candidate = tree.prepare(mod);
        } catch (org.opendaylight.yangtools.yang.data.tree.api.DataValidationFailedException e) {
            throw new AssertionError(e);
        }
        final DataTreeCandidateNode node = candidate.getRootNode().modifiedChild(CONFIG.getLastPathArgument());
        final long before = reader.changesRead();
        final Validation.Outcome outcome = reader.check(node);
        assertThat(outcome).isEqualTo(new ConfigurationReader(Examples.CODEC).check(node.dataAfter()));
        assertThat(reader.changesRead() - before).as("read from the last configuration").isEqualTo(fromLast ? 1 : 0);
        final boolean accepted = outcome instanceof Validation.Outcome.Accepted;
        if (accepted) {
            tree.commit(candidate);
        }
        return accepted;
    }

    private static YangInstanceIdentifier customer(final String id) {
        return CONFIG.node(CUSTOMERS).node(NodeIdentifierWithPredicates.of(Customer.QNAME, ID, id));
    }

    private static void writeCustomer(final DataTreeModification mod, final Pvsnet config, final String id) {
        final MapNode list = (MapNode) ((ContainerNode) Examples.toNormalized(config)).childByArg(CUSTOMERS);
        final MapEntryNode entry = list.childByArg(NodeIdentifierWithPredicates.of(Customer.QNAME, ID, id));
        mod.write(customer(id), entry);
    }
}
