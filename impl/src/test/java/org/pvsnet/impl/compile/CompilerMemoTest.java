/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.resolve.ResolvedNetwork;
import org.pvsnet.impl.validate.Validation;

/** Compiling with a memo: the same flows as without, and a customer that did not change is not compiled again. */
class CompilerMemoTest {
    private static Network network(final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet config) {
        return ((Validation.Outcome.Accepted) Validation.check(config)).network();
    }

    private static Compiler.Compilation compile(final Network network, final Compiler.Memo memo) {
        return Compiler.compile(ResolvedNetwork.of(network), memo);
    }

    /** The first network's switches (the same objects, as the reader keeps them), with C1 changed. */
    private static Network withChangedC1(final Network first) {
        final Network changed = network(Mutate.pvs(Examples.figs789(), "C1", "main-server",
            p -> p.setMac(new MacAddress("02:00:00:00:99:99"))));
        final TreeMap<String, Customer> customers = new TreeMap<>(first.customers());
        customers.put("C1", changed.customers().get("C1"));
        return new Network(first.switches(), customers);
    }

    @Test
    void aChangeToOneCustomerCompilesThatCustomerAndGivesTheSameFlows() {
        final Compiler.Memo memo = new Compiler.Memo();
        final Network first = network(Examples.figs789());
        final Compiler.Compilation before = compile(first, memo);
        assertThat(before).isEqualTo(Compiler.compile(ResolvedNetwork.of(first)));

        final Network second = withChangedC1(first);
        final Compiler.Compilation after = compile(second, memo);
        assertThat(after).isEqualTo(Compiler.compile(ResolvedNetwork.of(second)));
        assertThat(after).isNotEqualTo(before);

        final long c1 = second.customers().get("C1").number();
        int reused = 0;
        for (String nodeId : after.flows().keySet()) {
            final List<Flow> had = before.flows(nodeId);
            for (Flow flow : after.flows(nodeId)) {
                if (flow.customer() != 0 && flow.customer() != c1) {
                    // the very flow objects of the first compilation
                    assertThat(had.stream().anyMatch(old -> old == flow)).as(flow.text()).isTrue();
                    reused++;
                }
            }
        }
        assertThat(reused).isPositive();
    }

    @Test
    void changedSwitchesCompileEveryCustomerAgain() {
        final Compiler.Memo memo = new Compiler.Memo();
        final Network first = network(Examples.figs789());
        final Compiler.Compilation before = compile(first, memo);
        // equal switches, but not the same objects: read again
        final Network again = network(Examples.figs789());
        final Compiler.Compilation after = compile(again, memo);
        assertThat(after).isEqualTo(before);
        final String nodeId = after.flows().keySet().iterator().next();
        final Flow customerFlow = after.flows(nodeId).stream().filter(f -> f.customer() != 0).findFirst()
            .orElseThrow();
        assertThat(before.flows(nodeId).stream().noneMatch(old -> old == customerFlow)).isTrue();
    }

    /** Each customer taken out in turn, then all back: each step in the same order as a compile without memo. */
    @Test
    void customersRemovedAndAddedGiveTheSameFlowsInTheSameOrder() {
        for (String example : List.of("figs-7-8-9.json", "qinq.json", "mixed.json", "underlay.json", "fig-6.json")) {
            final Network all = network(Examples.load(example));
            final Compiler.Memo memo = new Compiler.Memo();
            sameAsWithoutMemo(example, all, memo);
            for (String id : all.customers().keySet()) {
                final TreeMap<String, Customer> without = new TreeMap<>(all.customers());
                without.remove(id);
                sameAsWithoutMemo(example + " without " + id, new Network(all.switches(), without), memo);
            }
            sameAsWithoutMemo(example + " again", all, memo);
        }
    }

    /** The same with a rate-limit on every customer, and one customer's rate changed: the meters follow. */
    @Test
    void meteredCustomersRemovedAddedAndChangedGiveTheSameMeters() {
        for (String example : List.of("figs-7-8-9.json", "mixed.json")) {
            final Network all = metered(network(Examples.load(example)), 0);
            final Compiler.Memo memo = new Compiler.Memo();
            sameAsWithoutMemo(example, all, memo);
            assertThat(compile(all, memo).meters().values().stream().mapToInt(List::size).sum())
                .as("meters compiled").isGreaterThan(all.customers().size());
            for (String id : all.customers().keySet()) {
                final TreeMap<String, Customer> without = new TreeMap<>(all.customers());
                without.remove(id);
                sameAsWithoutMemo(example + " without " + id, new Network(all.switches(), without), memo);
                final TreeMap<String, Customer> faster = new TreeMap<>(all.customers());
                faster.put(id, limited(all.customers().get(id), 7));
                sameAsWithoutMemo(example + " " + id + " faster", new Network(all.switches(), faster), memo);
            }
            sameAsWithoutMemo(example + " again", all, memo);
        }
    }

    /** Every customer limited to 1000 kbit/s per its number, plus {@code more}. */
    private static Network metered(final Network network, final long more) {
        final TreeMap<String, Customer> customers = new TreeMap<>();
        network.customers().forEach((id, c) -> customers.put(id, limited(c, more)));
        return new Network(network.switches(), customers);
    }

    private static Customer limited(final Customer customer, final long more) {
        return new Customer(customer.id(), customer.number(), customer.description(), customer.addressSpace(),
            OptionalLong.of(1000 * customer.number() + more), customer.publicAddress(), customer.gateways(),
            customer.tunnels(), customer.sites(), customer.pvss());
    }

    private static void sameAsWithoutMemo(final String what, final Network network, final Compiler.Memo memo) {
        assertThat(compile(network, memo)).as(what).isEqualTo(Compiler.compile(ResolvedNetwork.of(network)));
    }
}
