/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.opendaylight.openflowjava.protocol.api.keys.ExperimenterIdDeserializerKey;
import org.opendaylight.openflowjava.protocol.api.keys.ExperimenterIdTypeDeserializerKey;
import org.opendaylight.openflowjava.protocol.api.util.EncodeConstants;
import org.opendaylight.openflowjava.protocol.impl.deserialization.DeserializerRegistryImpl;
import org.opendaylight.openflowjava.protocol.impl.deserialization.factories.ExperimenterMessageFactory;
import org.opendaylight.openflowplugin.extension.onf.OnfConstants;
import org.opendaylight.openflowplugin.extension.onf.deserializer.BundleControlFactory;
import org.opendaylight.openflowplugin.extension.onf.deserializer.OnfExperimenterErrorFactory;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.protocol.rev130731.ErrorMessage;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.protocol.rev130731.ExperimenterMessage;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.protocol.rev130731.experimenter.core.ExperimenterDataOfChoice;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.BundleControlType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.rev170124.experimenter.input.experimenter.data.of.choice.BundleControlOnf;

/** A switch's answers to OpenFlow 1.3 bundle requests, as Open vSwitch sends them, decoded. */
class OnfBundleRepliesTest {
    private static final int ONF = 0x4F4E4600;

    /** openflowjava's registry with ONF's decoders registered as openflowplugin's ONF extension does. */
    private static DeserializerRegistryImpl registry() {
        final DeserializerRegistryImpl registry = new DeserializerRegistryImpl();
        registry.init();
        registry.registerDeserializer(new ExperimenterIdTypeDeserializerKey(EncodeConstants.OF_VERSION_1_3,
            OnfConstants.ONF_EXPERIMENTER, OnfConstants.ONF_ET_BUNDLE_CONTROL.toJava(),
            ExperimenterDataOfChoice.class), new BundleControlFactory());
        registry.registerDeserializer(new ExperimenterIdDeserializerKey(EncodeConstants.OF_VERSION_1_3,
            OnfConstants.ONF_EXPERIMENTER, ErrorMessage.class), new OnfExperimenterErrorFactory());
        return registry;
    }

    // the bodies past the header's version, type and length, as the decoders get them
    private static ByteBuf commitReply(final int xid) {
        return Unpooled.buffer().writeInt(xid).writeInt(ONF).writeInt(2300)
            .writeInt(0x70000001).writeShort(BundleControlType.ONFBCTCOMMITREPLY.getIntValue()).writeShort(3);
    }

    private static ByteBuf onfError(final int xid, final int code) {
        return Unpooled.buffer().writeInt(xid).writeShort(0xffff).writeShort(code).writeInt(ONF)
            .writeBytes(new byte[] {4, 33, 0, 16});
    }

    @Test
    void openflowjavaAloneCannotDecodeACommitReply() {
        // the experimenter id read off the wire is a new Uint32, and the registry's key compares it by reference
        final ExperimenterMessageFactory stock = new ExperimenterMessageFactory();
        stock.injectDeserializerRegistry(registry());
        assertThatThrownBy(() -> stock.deserialize(commitReply(7))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("was not found");
    }

    @Test
    void aCommitReplyIsDecodedWithItsXid() {
        final DeserializerRegistryImpl registry = registry();
        registry.registerDeserializer(OnfBundleReplies.EXPERIMENTER, new OnfBundleReplies.Messages());
        final ExperimenterMessage reply = registry.<OnfBundleReplies.Messages>getDeserializer(
            OnfBundleReplies.EXPERIMENTER).deserialize(commitReply(7));
        assertThat(reply.getXid().toJava()).isEqualTo(7);
        assertThat(((BundleControlOnf) reply.getExperimenterDataOfChoice()).getOnfControlGroupingData().getType())
            .isEqualTo(BundleControlType.ONFBCTCOMMITREPLY);
    }

    @Test
    void aRefusedCommitIsDecodedAsAnError() {
        final DeserializerRegistryImpl registry = registry();
        registry.registerDeserializer(OnfBundleReplies.ERROR, new OnfBundleReplies.Errors());
        final OnfBundleReplies.Errors errors = registry.getDeserializer(OnfBundleReplies.ERROR);
        final ErrorMessage refused = errors.deserialize(onfError(9, 2302));
        assertThat(refused.getXid().toJava()).isEqualTo(9);
        assertThat(refused.getCodeString()).isEqualTo("ONFERR_ET_BAD_ID");
        // any other error is openflowjava's to decode, as before: BAD_MATCH, BAD_PREREQ
        final ErrorMessage badMatch = errors.deserialize(Unpooled.buffer().writeInt(10).writeShort(4).writeShort(9));
        assertThat(badMatch.getXid().toJava()).isEqualTo(10);
        assertThat(badMatch.getType().toJava()).isEqualTo(4);
        assertThat(badMatch.getCode().toJava()).isEqualTo(9);
        assertThat(badMatch.getTypeString()).isNotEqualTo(refused.getTypeString());
    }

    @Test
    void anotherExperimentersMessageIsLeftToOpenflowjava() {
        final DeserializerRegistryImpl registry = registry();
        registry.registerDeserializer(OnfBundleReplies.EXPERIMENTER, new OnfBundleReplies.Messages());
        // Nicira's id: openflowjava's decoder looks it up, as it did before, and has none here
        assertThatThrownBy(() -> registry.<OnfBundleReplies.Messages>getDeserializer(OnfBundleReplies.EXPERIMENTER)
            .deserialize(Unpooled.buffer().writeInt(11).writeInt(0x2320).writeInt(1))).isInstanceOf(
                IllegalStateException.class).hasMessageContaining("experimenterID: 8992");
    }
}
