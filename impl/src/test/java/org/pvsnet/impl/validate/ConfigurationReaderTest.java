/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.Customer;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier.NodeIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.ContainerNode;
import org.opendaylight.yangtools.yang.data.api.schema.MapEntryNode;
import org.opendaylight.yangtools.yang.data.api.schema.SystemMapNode;
import org.opendaylight.yangtools.yang.data.spi.node.ImmutableNodes;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;
import org.pvsnet.impl.model.ModelReader;
import org.pvsnet.impl.model.Network;

/** The reader of stored configurations: the same model as ModelReader's, and unchanged entries not read again. */
class ConfigurationReaderTest {
    private static final NodeIdentifier CUSTOMERS = NodeIdentifier.create(Customer.QNAME);

    private final ConfigurationReader reader = new ConfigurationReader(Examples.CODEC);

    @Test
    void readsWhatTheModelReaderReads() {
        for (String name : new String[] {"figs-7-8-9.json", "fig-6.json", "mixed.json"}) {
            final Pvsnet config = Examples.load(name);
            assertThat(reader.read(Examples.toNormalized(config))).as(name).isEqualTo(ModelReader.read(config));
        }
        assertThat(reader.read(null)).isEqualTo(ModelReader.read(null));
    }

    @Test
    void theContainerTheCohortCheckedIsNotCheckedAgain() {
        final var node = Examples.toNormalized(Examples.figs789());
        final Validation.Outcome first = reader.check(node);
        assertThat(first).isEqualTo(Validation.check(Examples.figs789()));
        assertThat(reader.check(node)).isSameAs(first);
        // an equal container that is not the same node is checked
        final var again = Examples.toNormalized(Examples.figs789());
        assertThat(reader.check(again)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void reportsTheProblemsOfAnUnreadableEntryEveryTimeItIsRead() {
        final Pvsnet bad = Mutate.pvs(Examples.figs789(), "C1", "main-server", p -> p.setMac(null).setHost(null));
        final var node = Examples.toNormalized(bad);
        final ModelReader.Result expected = ModelReader.read(bad);
        assertThat(expected).isInstanceOf(ModelReader.Result.Unreadable.class);
        assertThat(reader.read(node)).isEqualTo(expected);
        assertThat(reader.read(node)).isEqualTo(expected);
    }

    @Test
    void anEntryTheChangeLeftAsItWasIsNotReadAgain() {
        final ContainerNode before = (ContainerNode) Examples.toNormalized(Examples.figs789());
        final Network first = ((ModelReader.Result.Readable) reader.read(before)).network();
        // C1 changed, everything else the same nodes, as the datastore keeps them
        final Pvsnet changed = Mutate.pvs(Examples.figs789(), "C1", "main-server",
            p -> p.setMac(new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715
                .MacAddress("02:00:00:00:99:99")));
        final ContainerNode after = withCustomer(before, customerEntry(Examples.toNormalized(changed), "C1"));

        final Network second = ((ModelReader.Result.Readable) reader.read(after)).network();
        assertThat(reader.read(after)).isEqualTo(ModelReader.read(Examples.fromNormalized(after)));
        assertThat(second.customers().get("C1")).isNotEqualTo(first.customers().get("C1"));
        first.customers().keySet().stream().filter(id -> !id.equals("C1")).forEach(id ->
            assertThat(second.customers().get(id)).as(id).isSameAs(first.customers().get(id)));
        first.switches().keySet().forEach(id ->
            assertThat(second.switches().get(id)).as(id).isSameAs(first.switches().get(id)));
    }

    private static MapEntryNode customerEntry(final Object config, final String id) {
        return ((SystemMapNode) ((ContainerNode) config).childByArg(CUSTOMERS)).body().stream()
            .filter(entry -> entry.name().values().iterator().next().toString().equals(id)).findFirst().orElseThrow();
    }

    /** The configuration with one customer entry replaced, every other node the same instance. */
    private static ContainerNode withCustomer(final ContainerNode config, final MapEntryNode customer) {
        final SystemMapNode customers = (SystemMapNode) config.childByArg(CUSTOMERS);
        final var map = ImmutableNodes.newSystemMapBuilder().withNodeIdentifier(CUSTOMERS);
        customers.body().forEach(entry -> map.withChild(entry.name().equals(customer.name()) ? customer : entry));
        final var container = ImmutableNodes.newContainerBuilder().withNodeIdentifier(config.name());
        config.body().forEach(child -> container.withChild(child.name().equals(CUSTOMERS) ? map.build() : child));
        return container.build();
    }
}
