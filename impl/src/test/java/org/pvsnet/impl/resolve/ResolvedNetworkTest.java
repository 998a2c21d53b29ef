/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;
import org.pvsnet.impl.model.Customer;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.validate.Validation;

/** The facts of the resolved view, on the seed's Figs 7/8/9 example (see docs/examples/figs-7-8-9.json). */
class ResolvedNetworkTest {
    private final ResolvedNetwork figs = Examples.resolved("figs-7-8-9.json");

    @Test
    void aRoutingContextHoldsTheRoutedTunnelsTheCrossConnectsAndTheForwardingTable() {
        final RoutingContext c1 = figs.customers().get("C1").contexts().get("openflow:1");
        assertThat(c1.routed()).extracting(t -> t.name()).containsExactly("710a", "710b", "710e", "710f", "730a",
            "730b", "730c");
        assertThat(c1.crossConnects()).isEmpty();
        assertThat(c1.routes()).extracting(r -> r.destination() + " " + r.to() + " " + r.towards().name())
            .containsExactlyInAnyOrder("10.0.0.10/32 PVS main-server 730a", "10.0.0.11/32 PVS backup-server 730c",
                "10.1.0.0/16 site site-1 710e", "10.2.0.0/16 site site-2 710f");
        final RoutingContext c2 = figs.customers().get("C2").contexts().get("openflow:1");
        assertThat(c2.routed()).isEmpty();
        assertThat(c2.crossConnects()).extracting(cc -> cc.from().name() + ">" + cc.to().name())
            .containsExactlyInAnyOrder("710c>730d", "730d>710c");
    }

    @Test
    void theSwitchAndTheControllerAnswerTheSameRequesters() {
        final RoutingContext c1 = figs.customers().get("C1").contexts().get("openflow:1");
        final Endpoint site1 = c1.requester(1, Ipv4Address.parse("10.1.0.1")).orElseThrow();
        assertThat(site1.site()).contains("site-1");
        assertThat(c1.answers(site1, Ipv4Address.parse("10.0.0.10"))).isTrue();
        assertThat(c1.answers(site1, Ipv4Address.parse("10.1.0.1"))).as("not for itself").isFalse();
        assertThat(c1.answers(site1, Ipv4Address.parse("10.9.9.9"))).as("not for strangers").isFalse();
        // a router on another port is not that requester
        assertThat(c1.requester(2, Ipv4Address.parse("10.1.0.1"))).isEmpty();
    }

    @Test
    void eachPvsIsAttachedThroughItsHostsUplinkAndLinked() {
        final Attachment main = figs.customers().get("C1").attachments().get("main-server");
        assertThat(main.host().nodeId()).isEqualTo("openflow:11");
        assertThat(main.uplink()).isEqualTo(1);
        assertThat(main.endsOnHost()).isFalse();
        assertThat(figs.linked(new Place("openflow:1", 3))).contains(new Place("openflow:11", 1));
        assertThat(figs.linked(new Place("openflow:11", 1))).contains(new Place("openflow:1", 3));
        assertThat(figs.customers().get("C1").switches()).containsExactly("openflow:1", "openflow:11",
            "openflow:12");
    }

    @Test
    void aLeasedLineEndsOnTheHostWhichChecksItsSources() {
        final ResolvedCustomer customer = Examples.resolved("fig-3.json").customers().values().iterator().next();
        assertThat(customer.attachments().values()).allSatisfy(a -> assertThat(a.endsOnHost()).isTrue());
        assertThat(customer.contexts()).isEmpty();
    }

    @Test
    void aSiteWithoutRouterMacIsUnresolvedAndAskedOfTheController() {
        final Network network = ((Validation.Outcome.Accepted) Validation.check(Mutate.site(Examples.figs789(), "C1",
            "site-2", s -> s.setRouterMac(null)))).network();
        final ResolvedCustomer c1 = ResolvedNetwork.of(network).customers().get("C1");
        assertThat(c1.unresolved()).singleElement().asString().startsWith("site site-2 [10.2.0.0/16] on openflow:1");
        assertThat(c1.contexts().get("openflow:1").routes()).noneMatch(r -> r.to().equals("site site-2"));
        assertThat(c1.contexts().get("openflow:1").endpoints()).anySatisfy(e -> {
            assertThat(e.site()).contains("site-2");
            assertThat(e.mac()).isEmpty();
        });
    }

    @Test
    void sourcesInsideAnotherSourceAreLeftOut() {
        final var config = Mutate.tunnel(Examples.figs789(), "C1", "710a", t -> t.setAllowedSource(java.util.Set.of(
            new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix(
                "10.1.0.0/16"),
            new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix(
                "10.1.2.0/24"))));
        final ResolvedCustomer c1 = ResolvedNetwork.of(((Validation.Outcome.Accepted) Validation.check(config))
            .network()).customers().get("C1");
        assertThat(c1.sources(c1.tunnel("710a"))).containsExactly(Ipv4Prefix.parse("10.1.0.0/16"));
    }

    private static Network network(final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet config) {
        return ((Validation.Outcome.Accepted) Validation.check(config)).network();
    }

    /** Each customer taken out in turn, one changed, all back: the same view as resolving from nothing. */
    @Test
    void resolvingFromThePreviousViewGivesTheSameViewAndReusesTheCustomersThatDidNotChange() {
        for (String example : List.of("figs-7-8-9.json", "qinq.json", "mixed.json", "underlay.json", "fig-6.json")) {
            final Network all = network(Examples.load(example));
            ResolvedNetwork previous = ResolvedNetwork.of(all);
            for (String id : all.customers().keySet()) {
                final TreeMap<String, Customer> without = new TreeMap<>(all.customers());
                without.remove(id);
                final Network network = new Network(all.switches(), without);
                final ResolvedNetwork next = ResolvedNetwork.of(network, previous);
                assertThat(next.customers()).as(example + " without " + id)
                    .isEqualTo(ResolvedNetwork.of(network).customers());
                // each customer the previous view had is its very object; the one put back is resolved again
                for (ResolvedCustomer kept : next.customers().values()) {
                    final ResolvedCustomer had = previous.customers().get(kept.id());
                    assertThat(kept == had).as(example + " " + kept.id()).isEqualTo(had != null);
                }
                previous = next;
            }
            final ResolvedNetwork again = ResolvedNetwork.of(all, previous);
            assertThat(again.customers()).isEqualTo(ResolvedNetwork.of(all).customers());
        }
    }

    @Test
    void aChangedCustomerIsResolvedAgainAndChangedSwitchesResolveEveryCustomer() {
        final Network first = network(Examples.figs789());
        final ResolvedNetwork before = ResolvedNetwork.of(first);
        final Network changed = network(Mutate.site(Examples.figs789(), "C1", "site-2", s -> s.setRouterMac(null)));
        final TreeMap<String, Customer> customers = new TreeMap<>(first.customers());
        customers.put("C1", changed.customers().get("C1"));
        final ResolvedNetwork after = ResolvedNetwork.of(new Network(first.switches(), customers), before);
        assertThat(after.customers().get("C1").unresolved()).hasSize(1);
        assertThat(after.customers().get("C2")).isSameAs(before.customers().get("C2"));

        // equal switches read again are not the same objects: nothing is taken from the previous view
        final ResolvedNetwork reread = ResolvedNetwork.of(network(Examples.figs789()), before);
        assertThat(reread.customers()).isEqualTo(before.customers());
        assertThat(reread.customers().get("C2")).isNotSameAs(before.customers().get("C2"));
    }
}
