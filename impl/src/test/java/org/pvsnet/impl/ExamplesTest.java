/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendaylight.yangtools.yang.common.QNameModule;
import org.opendaylight.yangtools.yang.model.api.ChoiceSchemaNode;
import org.opendaylight.yangtools.yang.model.api.DataNodeContainer;
import org.opendaylight.yangtools.yang.model.api.DocumentedNode;
import org.opendaylight.yangtools.yang.model.api.Module;
import org.opendaylight.yangtools.yang.model.api.RpcDefinition;
import org.opendaylight.yangtools.yang.model.api.SchemaNode;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.validate.Validation;

/**
 * The documented examples (docs/examples) are valid and say what the seed's figures say; the YANG
 * model documents every node.
 */
public class ExamplesTest {

    public static Stream<String> examples() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(Examples.file(""))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                .stream();
        }
    }

    private static Network accepted(final String name) {
        final var outcome = Validation.check(Examples.load(name));
        assertThat(outcome).isInstanceOf(Validation.Outcome.Accepted.class);
        return ((Validation.Outcome.Accepted) outcome).network();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsAccepted(final String name) {
        assertThat(accepted(name).customers()).isNotEmpty();
    }

    @Test
    void fig3HasThreeCustomersOnOneHostWithOneAddress() {
        final Network network = accepted("fig-3.json");
        assertThat(network.switches()).hasSize(1);
        assertThat(network.customers().values()).hasSize(3).allSatisfy(c -> {
            assertThat(c.pvss()).hasSize(1);
            assertThat(c.pvss().values().iterator().next().address()).hasToString("10.0.0.10");
            assertThat(c.tunnels().values().iterator().next().switchId()).isEqualTo("openflow:21");
        });
    }

    @Test
    void fig6HasATunnelSwitchTwoHostsAndThreeSites() {
        final Network network = accepted("fig-6.json");
        assertThat(network.switches().keySet()).containsExactly("openflow:1", "openflow:640", "openflow:650");
        assertThat(network.customers().values().stream().mapToInt(c -> c.sites().size()).sum()).isEqualTo(3);
    }

    @Test
    void fig10bGivesEachCustomerItsOwnPublicAddress() {
        final Network network = accepted("fig-10b.json");
        assertThat(network.customers().values()).allSatisfy(c -> assertThat(c.internetAccess()).isTrue());
        assertThat(network.customers().values().stream().map(c -> c.publicAddress().orElseThrow()).distinct())
            .hasSize(2);
    }

    @Test
    void everyYangNodeHasADescription() {
        final Module module = Examples.RUNTIME.modelContext().findModules("pvsnet").iterator().next();
        final List<String> undocumented = new ArrayList<>();
        module.getTypeDefinitions().forEach(t -> check(t, undocumented));
        module.getGroupings().forEach(g -> walk(g, undocumented, module.getQNameModule()));
        walk(module, undocumented, module.getQNameModule());
        for (RpcDefinition rpc : module.getRpcs()) {
            check(rpc, undocumented);
            walk(rpc.getInput(), undocumented, module.getQNameModule());
            walk(rpc.getOutput(), undocumented, module.getQNameModule());
        }
        assertThat(undocumented).isEmpty();
    }

    private static void walk(final DataNodeContainer container, final List<String> undocumented,
            final QNameModule module) {
        container.getChildNodes().forEach(child -> {
            if (child.getQName().getModule().equals(module)) {
                check(child, undocumented);
            }
            if (child instanceof DataNodeContainer nested) {
                walk(nested, undocumented, module);
            }
            if (child instanceof ChoiceSchemaNode choice) {
                choice.getCases().forEach(c -> {
                    check(c, undocumented);
                    walk(c, undocumented, module);
                });
            }
        });
    }

    private static void check(final DocumentedNode node, final List<String> undocumented) {
        if (node.getDescription().isEmpty()) {
            undocumented.add(node instanceof SchemaNode schema ? schema.getQName().getLocalName() : node.toString());
        }
    }
}
