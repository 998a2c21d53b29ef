/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.compile;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The layout of a flow's cookie, built and read only here: the customer number in bits 63..32 (0 for a
 * switch's own flows), the table in bits 31..24, a hash of the flow id in bits 23..0. One customer's flows
 * and statistics are one cookie mask away.
 */
public final class Cookie {
    private Cookie() {
        // layout only
    }

    public static long of(final long customer, final int table, final String flowId) {
        final CRC32 crc = new CRC32();
        crc.update(flowId.getBytes(StandardCharsets.UTF_8));
        return customer << 32 | (long) table << 24 | crc.getValue() & 0xFF_FFFFL;
    }

    /** The customer number a cookie carries; 0 for a switch's own flows. */
    public static long customer(final long cookie) {
        return cookie >>> 32;
    }
}
