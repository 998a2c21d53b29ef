/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render.nicira;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.opendaylight.openflowjava.protocol.api.extensibility.OFDeserializer;
import org.opendaylight.openflowjava.protocol.api.keys.MatchEntryDeserializerKey;
import org.opendaylight.openflowjava.protocol.api.util.EncodeConstants;
import org.opendaylight.openflowjava.protocol.api.util.OxmMatchConstants;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.oxm.rev150225.Nxm1Class;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.oxm.rev150225.match.entries.grouping.MatchEntry;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.oxm.rev150225.match.entries.grouping.MatchEntryBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.TunnelEndpoint;

/**
 * Reads past the tunnel endpoint addresses (Nicira NXM_NX_TUN_IPV4_SRC and _DST) that Open vSwitch puts into the
 * match of a packet-in from a VXLAN or GRE port. openflowplugin has no deserializer for them on this train and
 * drops the whole packet-in without one, so a router's ARP or a ping to a gateway behind such a tunnel would never
 * reach pvsnet. The entry becomes a value-less {@link TunnelEndpoint} that openflowplugin's conversion ignores.
 */
final class TunnelEndpointSkipper implements OFDeserializer<MatchEntry> {
    /** NXM_NX_TUN_IPV4_SRC and NXM_NX_TUN_IPV4_DST. */
    static final List<MatchEntryDeserializerKey> KEYS = List.of(
        new MatchEntryDeserializerKey(EncodeConstants.OF_VERSION_1_3, OxmMatchConstants.NXM_1_CLASS, 31),
        new MatchEntryDeserializerKey(EncodeConstants.OF_VERSION_1_3, OxmMatchConstants.NXM_1_CLASS, 32));

    @Override
    public MatchEntry deserialize(final ByteBuf message) {
        message.skipBytes(Short.BYTES);                             // oxm_class
        final boolean masked = (message.readUnsignedByte() & 1) != 0;   // field << 1 | has_mask
        message.skipBytes(message.readUnsignedByte());              // the value (and mask), length as given
        return new MatchEntryBuilder().setOxmClass(Nxm1Class.VALUE).setOxmMatchField(TunnelEndpoint.VALUE)
            .setHasMask(masked).build();
    }
}
