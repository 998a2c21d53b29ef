/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.Test;

public class SharedDatapathIdsTest {
    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
    private final SharedDatapathIds shared = new SharedDatapathIds();

    @Test
    public void oneSwitchReconnectingIsNoConflict() {
        assertThat(shared.observe("openflow:1", "bridge ts at 127.0.0.1", T0)).isEmpty();
        assertThat(shared.observe("openflow:1", "", T0.plusSeconds(1))).isEmpty();
        assertThat(shared.observe("openflow:1", "bridge ts at 127.0.0.1", T0.plusSeconds(5))).isEmpty();
    }

    @Test
    public void twoEndpointsInTurnAreReportedByNameUntilOneIsGoneForTheWindow() {
        assertThat(shared.observe("openflow:1", "bridge ts at 127.0.0.1", T0)).isEmpty();
        assertThat(shared.observe("openflow:1", "", T0.plusSeconds(1))).isEmpty();
        assertThat(shared.observe("openflow:1", "bridge demo at 127.0.0.1", T0.plusSeconds(2))).hasValueSatisfying(
            reason -> assertThat(reason).startsWith("switches share datapath id openflow:1: bridge demo at 127.0.0.1 "
                + "and bridge ts at 127.0.0.1 connected in turn"));
        // another node is not affected
        assertThat(shared.observe("openflow:2", "bridge host at 127.0.0.1", T0.plusSeconds(2))).isEmpty();
        // the demo's bridge removed: reported until the window has passed since it was last seen
        assertThat(shared.observe("openflow:1", "bridge ts at 127.0.0.1",
            T0.plusSeconds(2).plus(SharedDatapathIds.WINDOW))).isPresent();
        assertThat(shared.observe("openflow:1", "bridge ts at 127.0.0.1",
            T0.plusSeconds(3).plus(SharedDatapathIds.WINDOW))).isEmpty();
    }
}
