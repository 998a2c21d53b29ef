/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.ExamplesTest;

/**
 * The flows of every documented example, one pipeline stage per assertion (as OVN's northd tests do): for
 * each example, switch and table, the flows are compared with src/test/resources/golden/EXAMPLE/NODE-table-N,
 * so a change to one table shows in that table's file only. To accept an intended change:
 * PVSNET_GOLDEN_UPDATE=1 mvn test, then review the diff.
 */
class GoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = System.getenv("PVSNET_GOLDEN_UPDATE") != null;

    static Compiler.Compilation compile(final String example) {
        return Compiler.compile(Examples.resolved(example));
    }

    static Stream<Arguments> stages() throws IOException {
        final List<Arguments> stages = new ArrayList<>();
        for (String example : ExamplesTest.examples().toList()) {
            compile(example).flows().forEach((nodeId, flows) -> flows.stream().map(Flow::table).distinct()
                .forEach(table -> stages.add(Arguments.of(example, nodeId, table))));
        }
        return stages.stream();
    }

    private static Path file(final String example, final String name) {
        return DIR.resolve(example.replace(".json", "")).resolve(name.replace(':', '_'));
    }

    private static void assertGolden(final Path golden, final String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(actual).as(golden.toString()).isEqualTo(Files.readString(golden));
    }

    @ParameterizedTest(name = "{0} {1} table {2}")
    @MethodSource("stages")
    void eachTableHasExactlyItsGoldenFlows(final String example, final String nodeId, final int table)
            throws IOException {
        final String actual = compile(example).flows(nodeId).stream().filter(flow -> flow.table() == table)
            .map(flow -> flow.text() + "\n").collect(Collectors.joining());
        assertGolden(file(example, nodeId + "-table-" + table), actual);
    }

    @ParameterizedTest
    @MethodSource("org.pvsnet.impl.ExamplesTest#examples")
    void metersAreTheGoldenOnes(final String example) throws IOException {
        final Compiler.Compilation compilation = compile(example);
        final StringBuilder sb = new StringBuilder();
        compilation.meters().forEach((nodeId, meters) -> meters.forEach(meter -> sb.append(nodeId).append(' ')
            .append(meter.text()).append('\n')));
        assertGolden(file(example, "meters"), sb.toString());
    }

    @Test
    void noStageFileIsLeftOver() throws IOException {
        final List<String> expected = new ArrayList<>();
        stages().forEach(a -> expected.add(file((String) a.get()[0], a.get()[1] + "-table-" + a.get()[2])
            .toString()));
        ExamplesTest.examples().forEach(e -> expected.add(file(e, "meters").toString()));
        try (Stream<Path> files = Files.walk(DIR)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
