/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render.nicira;

import io.netty.buffer.ByteBuf;
import org.opendaylight.openflowjava.protocol.api.extensibility.OFDeserializer;
import org.opendaylight.openflowjava.protocol.api.extensibility.OFSerializer;
import org.opendaylight.openflowplugin.extension.api.ConvertorActionFromOFJava;
import org.opendaylight.openflowplugin.extension.api.ConvertorActionToOFJava;
import org.opendaylight.openflowplugin.extension.api.path.ActionPath;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.common.action.rev150203.actions.grouping.Action;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.common.action.rev150203.actions.grouping.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflow.common.types.rev130731.ExperimenterId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.action.container.action.choice.NiciraActionCase;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.action.container.action.choice.NiciraActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.nicira.action.NiciraActionBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NiciraActionFlowCase;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NiciraActionFlowCaseBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * Carries an encoded Nicira action through openflowplugin unchanged. Towards the switch: the inventory's case
 * becomes openflowjava's case (converter), whose bytes are written as they are (serializer). From the switch
 * (flow statistics): every action of vendor 0x2320 is read whole, by its length, whatever its subtype, and
 * becomes the inventory's case again, so that statistics of a switch never fail on an action pvsnet wrote.
 */
public final class NiciraCodec implements OFSerializer<Action>, OFDeserializer<Action>,
        ConvertorActionToOFJava<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action,
            Action>,
        ConvertorActionFromOFJava<Action, ActionPath> {
    static final ExperimenterId VENDOR = new ExperimenterId(Uint32.valueOf(NiciraActions.VENDOR));

    /** The inventory's form of an encoded action. */
    public static NiciraActionFlowCase flowAction(final byte[] data) {
        return new NiciraActionFlowCaseBuilder()
            .setNiciraAction(new NiciraActionBuilder().setData(data.clone()).build()).build();
    }

    @Override
    public void serialize(final Action action, final ByteBuf out) {
        out.writeBytes(((NiciraActionCase) action.getActionChoice()).getNiciraAction().getData());
    }

    @Override
    public Action deserialize(final ByteBuf in) {
        final byte[] data = new byte[in.getUnsignedShort(in.readerIndex() + 2)];
        in.readBytes(data);
        return ofjava(data);
    }

    @Override
    public Action convert(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action action) {
        if (action instanceof NiciraActionFlowCase nicira) {
            return ofjava(nicira.getNiciraAction().getData());
        }
        // openflowplugin hands this codec only the actions registered for it.
        throw new IllegalArgumentException("not a pvsnet Nicira action: " + action);
    }

    // Statistics are written to the inventory's flows, whatever the path they were read on: its case fits.
    @Override
    public org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action convert(
            final Action action, final ActionPath path) {
        return flowAction(((NiciraActionCase) action.getActionChoice()).getNiciraAction().getData());
    }

    private static Action ofjava(final byte[] data) {
        return new ActionBuilder().setExperimenterId(VENDOR)
            .setActionChoice(new NiciraActionCaseBuilder()
                .setNiciraAction(new NiciraActionBuilder().setData(data).build()).build())
            .build();
    }
}
