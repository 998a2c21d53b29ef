/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.model.Network;
import org.pvsnet.impl.resolve.ResolvedNetwork;

/** What pvsnet made of the newest configuration: one immutable value, replaced whole on every change. */
public sealed interface Snapshot {
    /** Accepted configurations since start. */
    long generation();

    /**
     * An accepted configuration, compiled and written.
     *
     * @param configured the network as configured
     * @param resolved the resolved view of the configured network with learned router MACs filled in
     * @param switchErrors per switch, why its flows could not be written
     */
    record Accepted(long generation, Network configured, ResolvedNetwork resolved, Compiler.Compilation compilation,
            Map<String, String> switchErrors) implements Snapshot {
        public Accepted {
            requireNonNull(configured);
            requireNonNull(resolved);
            requireNonNull(compilation);
            switchErrors = Map.copyOf(switchErrors);
        }
    }

    /**
     * A stored configuration that breaks a rule (only possible for data stored while pvsnet was not running,
     * since validation refuses it otherwise): nothing of it is programmed.
     */
    record Refused(long generation, List<String> customerIds, String reason) implements Snapshot {
        public Refused {
            customerIds = List.copyOf(customerIds);
            requireNonNull(reason);
        }
    }
}
