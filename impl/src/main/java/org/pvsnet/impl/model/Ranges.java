/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

/**
 * Range checks of wire values, with messages that name the YANG leaf.
 */
final class Ranges {
    private Ranges() {
        // utility
    }

    static void checkVlan(final String field, final int value) {
        checkRange(field, value, 1, 4094);
    }

    static void checkRange(final String field, final long value, final long min, final long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is out of range " + min + ".." + max);
        }
    }
}
