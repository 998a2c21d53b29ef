/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.opendaylight.openflowjava.protocol.api.extensibility.DeserializerRegistry;
import org.opendaylight.openflowjava.protocol.api.extensibility.DeserializerRegistryInjector;
import org.opendaylight.openflowjava.protocol.api.extensibility.OFDeserializer;
import org.opendaylight.openflowjava.protocol.api.keys.MessageCodeKey;
import org.opendaylight.openflowjava.protocol.api.util.EncodeConstants;
import org.opendaylight.openflowjava.protocol.impl.deserialization.factories.ErrorMessageFactory;
import org.opendaylight.openflowjava.protocol.impl.deserialization.factories.ExperimenterMessageFactory;
import org.opendaylight.openflowjava.protocol.spi.connection.SwitchConnectionProvider;
import org.opendaylight.openflowplugin.extension.onf.OnfConstants;
import org.opendaylight.openflowplugin.extension.onf.deserializer.BundleControlFactory;
import org.opendaylight.openflowplugin.extension.onf.deserializer.OnfExperimenterErrorFactory;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.common.types.rev130731.ExperimenterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.protocol.rev130731.ErrorMessage;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.protocol.rev130731.ExperimenterMessage;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.protocol.rev130731.ExperimenterMessageBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets openflowplugin decode a switch's answers to OpenFlow 1.3 bundle requests: the bundle-control replies (a
 * commit taken) and the ONF experimenter errors (a commit refused, an unknown bundle). openflowjava finds the
 * decoder of an experimenter's message by a key that compares the experimenter id, a {@code Uint32}, by reference
 * ({@code ExperimenterIdDeserializerKey.equals} in 0.20.1), and the id it reads off the wire is never the object
 * ONF's extension registered with: every such answer failed to decode (a WARN with a stack trace each) and was
 * dropped. openflowplugin then completed the step at the next barrier as if the switch had taken it, so a refused
 * commit looked taken. pvsnet replaces OpenFlow 1.3's error and experimenter message decoders, on both switch
 * connection providers, by ones that hand ONF's to ONF's decoders and every other to openflowjava's own.
 */
@Component(service = OnfBundleReplies.class, immediate = true)
public final class OnfBundleReplies {
    private static final Logger LOG = LoggerFactory.getLogger(OnfBundleReplies.class);
    static final MessageCodeKey ERROR = new MessageCodeKey(EncodeConstants.OF_VERSION_1_3, 1, ErrorMessage.class);
    static final MessageCodeKey EXPERIMENTER = new MessageCodeKey(EncodeConstants.OF_VERSION_1_3, 4,
        ExperimenterMessage.class);
    private static final long ONF = OnfConstants.ONF_EXPERIMENTER.toJava();
    private static final long BUNDLE_CONTROL = OnfConstants.ONF_ET_BUNDLE_CONTROL.toJava();
    private static final int EXPERIMENTER_ERROR = 0xffff;

    private final List<SwitchConnectionProvider> providers;

    @Activate
    public OnfBundleReplies(
            @Reference(target = "(type=openflow-switch-connection-provider-default-impl)")
            final SwitchConnectionProvider defaultProvider,
            @Reference(target = "(type=openflow-switch-connection-provider-legacy-impl)")
            final SwitchConnectionProvider legacyProvider) {
        providers = List.of(defaultProvider, legacyProvider);
        for (SwitchConnectionProvider provider : providers) {
            provider.registerDeserializer(ERROR, new Errors());
            provider.registerDeserializer(EXPERIMENTER, new Messages());
        }
        LOG.info("OpenFlow 1.3 bundle replies and ONF errors decoded on both switch connection providers");
    }

    @Deactivate
    void close() {
        for (SwitchConnectionProvider provider : providers) {
            provider.registerDeserializer(ERROR, new ErrorMessageFactory());
            provider.registerDeserializer(EXPERIMENTER, new ExperimenterMessageFactory());
        }
    }

    /**
     * OpenFlow 1.3 errors: ONF's experimenter errors by ONF's decoder, the others by openflowjava's. The buffer is
     * past the header's version, type and length: xid (4 bytes), type (2), code (2), then an experimenter error's
     * experimenter id (4).
     */
    static final class Errors implements OFDeserializer<ErrorMessage>, DeserializerRegistryInjector {
        private final ErrorMessageFactory others = new ErrorMessageFactory();
        private final OnfExperimenterErrorFactory onf = new OnfExperimenterErrorFactory();

        @Override
        public ErrorMessage deserialize(final ByteBuf message) {
            final int at = message.readerIndex();
            return message.readableBytes() >= 12 && message.getUnsignedShort(at + 4) == EXPERIMENTER_ERROR
                && message.getUnsignedInt(at + 8) == ONF ? onf.deserialize(message) : others.deserialize(message);
        }

        @Override
        public void injectDeserializerRegistry(final DeserializerRegistry registry) {
            others.injectDeserializerRegistry(registry);
        }
    }

    /**
     * OpenFlow 1.3 experimenter messages: ONF's bundle-control replies by ONF's decoder, the others by openflowjava's.
     * The buffer is past the header's version, type and length: xid (4 bytes), experimenter id (4), type (4).
     */
    static final class Messages implements OFDeserializer<ExperimenterMessage>, DeserializerRegistryInjector {
        private final ExperimenterMessageFactory others = new ExperimenterMessageFactory();
        private final BundleControlFactory control = new BundleControlFactory();

        @Override
        public ExperimenterMessage deserialize(final ByteBuf message) {
            final int at = message.readerIndex();
            if (message.readableBytes() < 12 || message.getUnsignedInt(at + 4) != ONF
                    || message.getUnsignedInt(at + 8) != BUNDLE_CONTROL) {
                return others.deserialize(message);
            }
            final Uint32 xid = Uint32.fromIntBits(message.readInt());
            final Uint32 experimenter = Uint32.fromIntBits(message.readInt());
            final Uint32 type = Uint32.fromIntBits(message.readInt());
            return new ExperimenterMessageBuilder().setVersion(EncodeConstants.OF_VERSION_1_3).setXid(xid)
                .setExperimenter(new ExperimenterId(experimenter)).setExpType(type)
                .setExperimenterDataOfChoice(control.deserialize(message)).build();
        }

        @Override
        public void injectDeserializerRegistry(final DeserializerRegistry registry) {
            others.injectDeserializerRegistry(registry);
            control.injectDeserializerRegistry(registry);
        }
    }
}
