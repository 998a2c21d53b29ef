/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * IPv4 addresses, prefixes and MAC addresses.
 */
class AddressTest {
    @Test
    void prefixesAreNormalisedAndCompared() {
        final Ipv4Prefix prefix = Ipv4Prefix.parse("10.1.2.3/16");
        assertThat(prefix).hasToString("10.1.0.0/16");
        assertThat(prefix.contains(Ipv4Address.parse("10.1.255.255"))).isTrue();
        assertThat(prefix.contains(Ipv4Address.parse("10.2.0.0"))).isFalse();
        assertThat(prefix.overlaps(Ipv4Prefix.parse("10.0.0.0/8"))).isTrue();
        assertThat(prefix.overlaps(Ipv4Prefix.parse("10.2.0.0/16"))).isFalse();
        assertThat(Ipv4Prefix.parse("0.0.0.0/0").contains(Ipv4Address.parse("255.255.255.255"))).isTrue();
        assertThat(Ipv4Prefix.parse("200.1.1.1/32").contains(Ipv4Address.parse("200.1.1.1"))).isTrue();
    }

    @Test
    void addressesAreUnsigned() {
        assertThat(Ipv4Address.parse("255.0.0.1")).hasToString("255.0.0.1");
        assertThat(Ipv4Address.parse("255.0.0.1")).isGreaterThan(Ipv4Address.parse("10.0.0.1"));
        assertThatThrownBy(() -> Ipv4Address.parse("1.2.3.256")).hasMessage("not an IPv4 address: 1.2.3.256");
        assertThatThrownBy(() -> Ipv4Address.parse("1.2.3")).hasMessage("not an IPv4 address: 1.2.3");
    }

    @Test
    void macAddressesRoundTrip() {
        assertThat(MacAddress.parse("02:00:00:AB:cd:0f")).hasToString("02:00:00:ab:cd:0f");
        assertThat(MacAddress.parse("02:00:00:00:00:01").bits()).isEqualTo(0x020000000001L);
        assertThatThrownBy(() -> MacAddress.parse("02:00:00:00:01")).hasMessage("not a MAC address: 02:00:00:00:01");
    }
}
