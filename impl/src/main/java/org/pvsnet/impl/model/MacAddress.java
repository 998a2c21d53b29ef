/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A 48-bit MAC address.
 */
public record MacAddress(long bits) {

    public MacAddress {
        if (bits >>> 48 != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits");
        }
    }

    public static MacAddress parse(final String text) {
        final String hex = text.replace(":", "").replace("-", "");
        if (hex.length() != 12 || text.length() != 17) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        try {
            return new MacAddress(HexFormat.fromHexDigitsToLong(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a MAC address: " + text, e);
        }
    }

    @Override
    public String toString() {
        final String hex = HexFormat.of().toHexDigits(bits).substring(4).toLowerCase(Locale.ROOT);
        final StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
