/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static java.util.Objects.requireNonNull;

/**
 * One reason a configuration is refused: the RESTCONF path of the offending node and why.
 *
 * @param path RESTCONF data path, e.g. {@code pvsnet:pvsnet/customer=C1/tunnel=710a/vlan/vlan-id}
 * @param reason what is wrong, in the words of the model
 */
public record Violation(String path, String reason) {
    public Violation {
        requireNonNull(path);
        requireNonNull(reason);
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
