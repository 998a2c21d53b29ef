/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render.nicira;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openflowjava.protocol.api.keys.ActionSerializerKey;
import org.opendaylight.openflowjava.protocol.api.keys.ExperimenterActionDeserializerKey;
import org.opendaylight.openflowjava.protocol.api.util.EncodeConstants;
import org.opendaylight.openflowjava.protocol.spi.connection.SwitchConnectionProvider;
import org.opendaylight.openflowplugin.extension.api.OpenFlowPluginExtensionRegistratorProvider;
import org.opendaylight.openflowplugin.extension.api.TypeVersionKey;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.action.container.action.choice.NiciraActionCase;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NiciraActionFlowCase;
import org.opendaylight.yangtools.concepts.ObjectRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link NiciraCodec} with openflowplugin's converters and with both openflowjava switch connection
 * providers (ports 6653 and 6633: each has its own codec registry). Without it, flows carrying the action
 * would go out without it (openflowplugin drops an action it cannot serialize, with a warning). Registers
 * {@link TunnelEndpointSkipper} with both too, so that packet-ins from tunnel ports are decoded.
 */
@Component(service = NiciraCodecRegistration.class, immediate = true)
public final class NiciraCodecRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(NiciraCodecRegistration.class);
    private static final ActionSerializerKey<NiciraActionCase> SERIALIZER_KEY = new ActionSerializerKey<>(
        EncodeConstants.OF_VERSION_1_3, NiciraActionCase.class, NiciraCodec.VENDOR.getValue());
    private static final ExperimenterActionDeserializerKey DESERIALIZER_KEY = new ExperimenterActionDeserializerKey(
        EncodeConstants.OF_VERSION_1_3, NiciraActions.VENDOR);

    private final List<SwitchConnectionProvider> providers;
    private final List<ObjectRegistration<?>> converters = new ArrayList<>();

    @Activate
    public NiciraCodecRegistration(
            @Reference(target = "(type=openflow-switch-connection-provider-default-impl)")
            final SwitchConnectionProvider defaultProvider,
            @Reference(target = "(type=openflow-switch-connection-provider-legacy-impl)")
            final SwitchConnectionProvider legacyProvider,
            @Reference final OpenFlowPluginExtensionRegistratorProvider registratorProvider) {
        final NiciraCodec codec = new NiciraCodec();
        final TunnelEndpointSkipper skipper = new TunnelEndpointSkipper();
        providers = List.of(defaultProvider, legacyProvider);
        for (SwitchConnectionProvider provider : providers) {
            provider.registerActionSerializer(SERIALIZER_KEY, codec);
            provider.registerActionDeserializer(DESERIALIZER_KEY, codec);
            TunnelEndpointSkipper.KEYS.forEach(key -> provider.registerMatchEntryDeserializer(key, skipper));
        }
        final var registrator = registratorProvider.getExtensionConverterRegistrator();
        converters.add(registrator.registerActionConvertor(
            new TypeVersionKey<>(NiciraActionFlowCase.class, EncodeConstants.OF_VERSION_1_3), codec));
        converters.add(registrator.registerActionConvertor(
            new ActionSerializerKey<>(EncodeConstants.OF_VERSION_1_3, NiciraActionCase.class, null), codec));
        LOG.info("pvsnet's Nicira action codec (ct/nat) and tunnel-endpoint match reader registered with "
            + "openflowplugin and both switch connection providers");
    }

    @Deactivate
    void close() {
        converters.forEach(registration -> registration.close());
        converters.clear();
        for (SwitchConnectionProvider provider : providers) {
            provider.unregisterSerializer(SERIALIZER_KEY);
            provider.unregisterDeserializer(DESERIALIZER_KEY);
            TunnelEndpointSkipper.KEYS.forEach(provider::unregisterDeserializer);
        }
    }
}
