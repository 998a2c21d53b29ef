/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.validate;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.pvsnet.impl.model.ModelReader;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.model.Violation;

/**
 * The one question asked of every configuration before it is stored, and again when it is used:
 * may pvsnet program it? Reading and semantic validation together.
 */
public final class Validation {

    /** The answer. */
    public sealed interface Outcome {
        /** The configuration is accepted as this network. */
        record Accepted(Network network) implements Outcome {
        }

        /** The configuration is refused for these reasons. */
        record Rejected(List<Violation> violations) implements Outcome {
            public Rejected {
                violations = List.copyOf(violations);
                if (violations.isEmpty()) {
                    throw new IllegalArgumentException("a rejection needs a reason");
                }
            }

            /** One line for an operator: every offending path with its reason. */
            public String message() {
                return "pvsnet refused the configuration, nothing was applied: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
            }
        }
    }

    private Validation() {
        // utility
    }

    public static Outcome check(final @Nullable Pvsnet config) {
        return check(ModelReader.read(config));
    }

    /** The same question of a configuration already read. */
    public static Outcome check(final ModelReader.Result read) {
        return check(read, new Validator.Memo());
    }

    /** The same, with what the last answers found of each customer (see {@link Validator.Memo}). */
    public static Outcome check(final ModelReader.Result read, final Validator.Memo memo) {
        return switch (read) {
            case ModelReader.Result.Unreadable unreadable -> new Outcome.Rejected(unreadable.violations());
            case ModelReader.Result.Readable readable -> {
                final List<Violation> violations = Validator.validate(readable.network(), memo);
                yield violations.isEmpty() ? new Outcome.Accepted(readable.network())
                    : new Outcome.Rejected(violations);
            }
        };
    }
}
