/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import java.util.SortedMap;

/**
 * The whole configuration pvsnet programs: switches and customers. Immutable; built by
 * {@link ModelReader} and checked by the validator before anything uses it.
 */
public record Network(SortedMap<String, Switch> switches, SortedMap<String, Customer> customers) {
    public static final Network EMPTY = new Network(new java.util.TreeMap<>(), new java.util.TreeMap<>());

    public Network {
        switches = Maps.frozen(switches);
        customers = Maps.frozen(customers);
    }
}
