/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render.nicira;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.opendaylight.openflowplugin.extension.api.path.ActionPath;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.common.action.rev150203.actions.grouping.Action;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NiciraActionFlowCase;
import org.pvsnet.impl.compile.Action.Conntrack;
import org.pvsnet.impl.model.Ipv4Address;

class NiciraCodecTest {
    private final NiciraCodec codec = new NiciraCodec();

    @Test
    void theInventorysActionGoesOnTheWireUnchanged() {
        final byte[] ct = NiciraActions.encode(Conntrack.sourceNat(5, Ipv4Address.parse("203.0.113.11")));
        final Action ofjava = codec.convert(NiciraCodec.flowAction(ct));
        assertThat(ofjava.getExperimenterId()).isEqualTo(NiciraCodec.VENDOR);
        final ByteBuf wire = Unpooled.buffer();
        codec.serialize(ofjava, wire);
        assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(ct);
    }

    @Test
    void anyNiciraActionIsReadWholeAndTheNextOneFollows() {
        // a resubmit (subtype 14, 16 bytes) before pvsnet's ct: both read by their length, nothing left over
        final byte[] ct = NiciraActions.encode(Conntrack.undoNat(5, 21));
        final ByteBuf reply = Unpooled.buffer();
        reply.writeBytes(HexFormat.of().parseHex("ffff001000002320000efffe05000000"));
        reply.writeBytes(ct);
        final Action first = codec.deserialize(reply);
        final Action second = codec.deserialize(reply);
        assertThat(reply.readableBytes()).isZero();
        assertThat(((NiciraActionFlowCase) codec.convert(second, ActionPath.FLOWS_STATISTICS_UPDATE_APPLY_ACTIONS))
            .getNiciraAction().getData()).isEqualTo(ct);
        assertThat(NiciraActions.decode(((NiciraActionFlowCase) codec.convert(first,
            ActionPath.FLOWS_STATISTICS_UPDATE_APPLY_ACTIONS)).getNiciraAction().getData())).isEmpty();
    }
}
