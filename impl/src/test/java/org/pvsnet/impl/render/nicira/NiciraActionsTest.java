/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render.nicira;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.model.Ipv4Address;

class NiciraActionsTest {
    private static byte[] hex(final String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    // Expected bytes in the layout of Open vSwitch's tests/ofp-actions.at (ct with a nested nat)
    @Test
    void sourceNatIsEncodedAsOpenVswitchDoes() {
        assertThat(NiciraActions.encode(Action.Conntrack.sourceNat(91, Ipv4Address.parse("203.0.113.11"))))
            .isEqualTo(hex("ffff 0030 00002320 0023 0001 00000000 005b ff 000000 0000"
                + " ffff 0018 00002320 0024 0000 0001 0001 cb00710b 00000000"));
    }

    @Test
    void undoingNatIsEncodedAsOpenVswitchDoes() {
        assertThat(NiciraActions.encode(Action.Conntrack.undoNat(91, 21)))
            .isEqualTo(hex("ffff 0028 00002320 0023 0000 00000000 005b 15 000000 0000"
                + " ffff 0010 00002320 0024 0000 0000 0000"));
    }

    @Test
    void whatIsEncodedDecodesToTheSameAction() {
        for (Action.Conntrack ct : new Action.Conntrack[] {
            Action.Conntrack.sourceNat(65535, Ipv4Address.parse("198.51.100.10")), Action.Conntrack.undoNat(1, 21),
            new Action.Conntrack(7, true, Optional.empty(), OptionalInt.empty())}) {
            assertThat(NiciraActions.decode(NiciraActions.encode(ct))).contains(ct);
        }
    }

    @Test
    void otherNiciraActionsAreNotDecodedAsConntrack() {
        // NXAST_RESUBMIT_TABLE (subtype 14), and a ct with an alg (not written by pvsnet)
        assertThat(NiciraActions.decode(hex("ffff 0010 00002320 000e fffe 0500 0000"))).isEmpty();
        assertThat(NiciraActions.decode(hex("ffff 0028 00002320 0023 0001 00000000 005b ff 000000 0015"
            + " ffff 0010 00002320 0024 0000 0000 0000"))).isEmpty();
    }
}
