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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.ExamplesTest;
import org.pvsnet.impl.validate.Validation;

/**
 * The complete flow set of every documented example, compared with a checked-in expectation
 * (src/test/resources/golden). A change of the pipeline shows in the diff of these files. To accept an
 * intended change: PVSNET_GOLDEN_UPDATE=1 mvn test, then review the diff.
 */
class GoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    static Stream<String> examples() throws IOException {
        return ExamplesTest.examples();
    }

    static String render(final Compiler.Compilation compilation) {
        final StringBuilder sb = new StringBuilder();
        compilation.flows().forEach((nodeId, flows) -> {
            sb.append("# ").append(nodeId).append(" (").append(flows.size()).append(" flows)\n");
            compilation.meters().getOrDefault(nodeId, java.util.List.of())
                .forEach(meter -> sb.append(meter.text()).append('\n'));
            flows.forEach(flow -> sb.append(flow.text()).append('\n'));
        });
        compilation.customerErrors().forEach((customer, error) -> sb.append("# error ").append(customer)
            .append(": ").append(error).append('\n'));
        return sb.toString();
    }

    static Compiler.Compilation compile(final String example) {
        return Compiler.compile(((Validation.Outcome.Accepted) Validation.check(Examples.load(example))).network());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void flowsAreExactlyTheGoldenOnes(final String example) throws IOException {
        final String actual = render(compile(example));
        final Path golden = DIR.resolve(example.replace(".json", ".flows"));
        if (System.getenv("PVSNET_GOLDEN_UPDATE") != null) {
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
