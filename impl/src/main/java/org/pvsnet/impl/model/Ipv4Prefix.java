/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

/**
 * An IPv4 prefix. The address is kept normalised: host bits are zero.
 */
public record Ipv4Prefix(Ipv4Address network, int length) implements Comparable<Ipv4Prefix> {

    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range 0..32: " + length);
        }
        network = new Ipv4Address(network.bits() & mask(length));
    }

    public static Ipv4Prefix parse(final String text) {
        final int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv4 prefix: " + text);
        }
        final int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 prefix: " + text, e);
        }
        return new Ipv4Prefix(Ipv4Address.parse(text.substring(0, slash)), length);
    }

    public static Ipv4Prefix host(final Ipv4Address address) {
        return new Ipv4Prefix(address, 32);
    }

    public static int mask(final int length) {
        return length == 0 ? 0 : -1 << 32 - length;
    }

    public boolean contains(final Ipv4Address address) {
        return (address.bits() & mask(length)) == network.bits();
    }

    public boolean overlaps(final Ipv4Prefix other) {
        final int shorter = Math.min(length, other.length);
        return (network.bits() & mask(shorter)) == (other.network.bits() & mask(shorter));
    }

    @Override
    public int compareTo(final Ipv4Prefix other) {
        final int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(length, other.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
