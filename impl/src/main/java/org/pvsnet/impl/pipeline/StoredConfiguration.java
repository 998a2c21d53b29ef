/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import java.util.List;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.pvsnet.impl.validate.Validation;

/**
 * A configuration as stored, checked only when the pipeline gets to it: one that a newer configuration overtakes
 * while it waits is never read.
 */
public interface StoredConfiguration {
    /** Whether pvsnet may program it, and as what network. */
    Validation.Outcome check();

    /** Every customer it lists, readable or not: those a refused configuration leaves without flows. */
    List<String> customerIds();

    /** A configuration in its binding form (null: none). */
    static StoredConfiguration of(final @Nullable Pvsnet config) {
        return new StoredConfiguration() {
            @Override
            public Validation.Outcome check() {
                return Validation.check(config);
            }

            @Override
            public List<String> customerIds() {
                return config == null || config.getCustomer() == null ? List.of()
                    : config.getCustomer().keySet().stream().map(key -> key.getId().getValue()).sorted().toList();
            }
        };
    }
}
