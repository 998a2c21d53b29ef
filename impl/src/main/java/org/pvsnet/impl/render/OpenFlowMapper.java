/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.DecNwTtlCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PopMplsActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PopVlanActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PushMplsActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PushVlanActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.dec.nw.ttl._case.DecNwTtlBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.pop.mpls.action._case.PopMplsActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.pop.vlan.action._case.PopVlanActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.push.mpls.action._case.PushMplsActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.push.vlan.action._case.PushVlanActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.InstructionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteMetadataCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.apply.actions._case.ApplyActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.go.to.table._case.GoToTableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.write.metadata._case.WriteMetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.EtherType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.VlanId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.BandId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterBandType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.band.type.band.type.DropBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.MeterBandHeadersBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.MeterBandHeaderBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.meter.band.header.MeterBandTypesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpSourceHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpTargetHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetSourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetTypeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.MetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.ProtocolMatchFieldsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.Tunnel;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.TunnelBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.vlan.match.fields.VlanIdBuilder;
import org.opendaylight.yangtools.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Compiler;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.render.nicira.NiciraActions;
import org.pvsnet.impl.render.nicira.NiciraCodec;

/**
 * Translates a compiled flow into openflowplugin's flow model (flow-node-inventory), field by field.
 * Pure. A flow's id in the inventory is its compiled id with '/' replaced, so it is usable in RESTCONF
 * URLs; every pvsnet flow id starts with {@link #ID_PREFIX}.
 */
public final class OpenFlowMapper {
    public static final String ID_PREFIX = "pvsnet:";
    /** How the names of the meters pvsnet writes begin, so that it recognises them. */
    public static final String METER_NAME_PREFIX = "pvsnet";

    private OpenFlowMapper() {
        // pure functions
    }

    public static String flowId(final Flow flow) {
        return ID_PREFIX + flow.id().replace('/', '_');
    }

    public static org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow map(
            final String nodeId, final Flow flow) {
        final String id = flowId(flow);
        return new FlowBuilder()
            .withKey(new FlowKey(new FlowId(id)))
            .setId(new FlowId(id))
            .setFlowName(flow.id())
            .setTableId(Uint8.valueOf(flow.table()))
            .setPriority(Uint16.valueOf(flow.priority()))
            .setCookie(new FlowCookie(Uint64.fromLongBits(flow.cookie())))
            .setIdleTimeout(Uint16.ZERO)
            .setHardTimeout(Uint16.ZERO)
            .setBarrier(Boolean.FALSE)
            .setMatch(match(nodeId, flow.match()))
            .setInstructions(new InstructionsBuilder().setInstruction(instructions(flow.actions())).build())
            .build();
    }

    /** An OpenFlow meter with one drop band, in packets per second or kbit/s. */
    public static org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter meter(
            final Compiler.MeterSpec spec) {
        final var band = new MeterBandHeaderBuilder().setBandId(new BandId(Uint32.ZERO))
            .setBandRate(Uint32.valueOf(spec.rate())).setBandBurstSize(Uint32.valueOf(spec.burst()))
            .setMeterBandTypes(new MeterBandTypesBuilder().setFlags(new MeterBandType(true, false, false)).build())
            .setBandType(new DropBuilder().setDropRate(Uint32.valueOf(spec.rate()))
                .setDropBurstSize(Uint32.valueOf(spec.burst())).build())
            .build();
        final boolean kbps = spec.unit() == Compiler.MeterSpec.Unit.KBPS;
        // MeterFlags takes its bits in alphabetical order: burst, kbps, pktps, stats
        return new org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterBuilder()
            .setMeterId(new MeterId(Uint32.valueOf(spec.id())))
            .setMeterName(spec.name())
            .setFlags(new MeterFlags(true, kbps, !kbps, true))
            .setMeterBandHeaders(new MeterBandHeadersBuilder().setMeterBandHeader(BindingMap.of(band)).build())
            .build();
    }

    /** The meter a flow passes its packets through, if any: its id as text. */
    public static Optional<String> meterId(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow flow) {
        final var instructions = flow.getInstructions();
        if (instructions == null) {
            return Optional.empty();
        }
        return instructions.nonnullInstruction().values().stream()
            .map(instruction -> instruction.getInstruction())
            .filter(MeterCase.class::isInstance)
            .map(meter -> String.valueOf(((MeterCase) meter).getMeter().getMeterId().getValue()))
            .findFirst();
    }

    /** Whether a meter found in the inventory is pvsnet's (by its name). */
    public static boolean isOwnMeter(final String name) {
        return name != null && name.startsWith(METER_NAME_PREFIX);
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match match(
            final String nodeId, final List<MatchField> fields) {
        final MatchBuilder match = new MatchBuilder();
        final EthernetMatchBuilder ethernet = new EthernetMatchBuilder();
        boolean hasEthernet = false;
        final Ipv4MatchBuilder ipv4 = new Ipv4MatchBuilder();
        boolean hasIpv4 = false;
        final ArpMatchBuilder arp = new ArpMatchBuilder();
        boolean hasArp = false;
        for (MatchField field : fields) {
            switch (field) {
                case MatchField.InPort in -> match.setInPort(new NodeConnectorId(nodeId + ":" + in.port()));
                case MatchField.VlanId vlan -> match.setVlanMatch(vlan(true, vlan.vid()));
                case MatchField.NoVlan none -> match.setVlanMatch(vlan(false, 0));
                case MatchField.TunnelId tunnel -> match.setTunnel(tunnel(tunnel.id()));
                case MatchField.Metadata meta -> match.setMetadata(new MetadataBuilder()
                    .setMetadata(Uint64.fromLongBits(meta.value()))
                    .setMetadataMask(Uint64.fromLongBits(meta.mask())).build());
                case MatchField.EthType type -> {
                    ethernet.setEthernetType(new EthernetTypeBuilder()
                        .setType(new EtherType(Uint32.valueOf(type.type()))).build());
                    hasEthernet = true;
                }
                case MatchField.EthSrc src -> {
                    ethernet.setEthernetSource(new EthernetSourceBuilder().setAddress(mac(src.mac())).build());
                    hasEthernet = true;
                }
                case MatchField.Ipv4Src src -> {
                    ipv4.setIpv4Source(prefix(src.prefix()));
                    hasIpv4 = true;
                }
                case MatchField.Ipv4Dst dst -> {
                    ipv4.setIpv4Destination(prefix(dst.prefix()));
                    hasIpv4 = true;
                }
                case MatchField.ArpOp op -> {
                    arp.setArpOp(Uint16.valueOf(op.op()));
                    hasArp = true;
                }
                case MatchField.ArpSpa spa -> {
                    arp.setArpSourceTransportAddress(prefix(spa.prefix()));
                    hasArp = true;
                }
                case MatchField.ArpTpa tpa -> {
                    arp.setArpTargetTransportAddress(prefix(Ipv4Prefix.host(tpa.address())));
                    hasArp = true;
                }
                case MatchField.MplsLabel label -> match.setProtocolMatchFields(new ProtocolMatchFieldsBuilder()
                    .setMplsLabel(Uint32.valueOf(label.label())).build());
                case MatchField.Opaque opaque -> throw new IllegalArgumentException("read back only: " + opaque);
            }
        }
        if (hasEthernet) {
            match.setEthernetMatch(ethernet.build());
        }
        if (hasIpv4) {
            match.setLayer3Match(ipv4.build());
        } else if (hasArp) {
            match.setLayer3Match(arp.build());
        }
        return match.build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatch vlan(
            final boolean present, final int vid) {
        return new VlanMatchBuilder().setVlanId(new VlanIdBuilder().setVlanIdPresent(present)
            .setVlanId(new VlanId(Uint16.valueOf(vid))).build()).build();
    }

    // Apply-actions first, then write-metadata, then goto-table: the order OpenFlow 1.3 executes them.
    private static java.util.Map<
            org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionKey,
            Instruction> instructions(final List<Action> actions) {
        final List<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action> apply =
            new ArrayList<>();
        final List<Instruction> instructions = new ArrayList<>();
        Action.WriteMetadata metadata = null;
        Action.GotoTable gotoTable = null;
        Action.Meter meter = null;
        for (Action action : actions) {
            switch (action) {
                case Action.Meter m -> meter = m;
                case Action.WriteMetadata write -> metadata = write;
                case Action.GotoTable go -> gotoTable = go;
                default -> addAction(apply, action);
            }
        }
        int order = 0;
        if (meter != null) {
            instructions.add(new InstructionBuilder().setOrder(order++).setInstruction(new MeterCaseBuilder()
                .setMeter(new org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction
                    .instruction.meter._case.MeterBuilder().setMeterId(new MeterId(Uint32.valueOf(meter.id())))
                    .build()).build()).build());
        }
        if (!apply.isEmpty()) {
            instructions.add(new InstructionBuilder().setOrder(order++).setInstruction(new ApplyActionsCaseBuilder()
                .setApplyActions(new ApplyActionsBuilder().setAction(BindingMap.ordered(apply)).build()).build())
                .build());
        }
        if (metadata != null) {
            instructions.add(new InstructionBuilder().setOrder(order++).setInstruction(new WriteMetadataCaseBuilder()
                .setWriteMetadata(new WriteMetadataBuilder().setMetadata(Uint64.fromLongBits(metadata.value()))
                    .setMetadataMask(Uint64.fromLongBits(metadata.mask())).build()).build()).build());
        }
        if (gotoTable != null) {
            instructions.add(new InstructionBuilder().setOrder(order).setInstruction(new GoToTableCaseBuilder()
                .setGoToTable(new GoToTableBuilder().setTableId(Uint8.valueOf(gotoTable.table())).build()).build())
                .build());
        }
        return BindingMap.ordered(instructions);
    }

    /** These actions as the action list of an apply-actions instruction or a packet-out. */
    static List<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action> applyActions(
            final List<Action> actions) {
        final List<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action> list =
            new ArrayList<>();
        actions.forEach(action -> addAction(list, action));
        return list;
    }

    private static Tunnel tunnel(final long id) {
        return new TunnelBuilder().setTunnelId(Uint64.fromLongBits(id)).build();
    }

    private static void addAction(
            final List<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action> list,
            final Action action) {
        switch (action) {
            case Action.PopVlan pop -> add(list, new PopVlanActionCaseBuilder()
                .setPopVlanAction(new PopVlanActionBuilder().build()).build());
            case Action.PushVlan push -> {
                add(list, new PushVlanActionCaseBuilder().setPushVlanAction(new PushVlanActionBuilder()
                    .setEthernetType(Uint16.valueOf(push.tpid())).build()).build());
                add(list, setField(new SetFieldBuilder().setVlanMatch(vlan(true, push.vid()))));
            }
            case Action.SetVlan set -> add(list, setField(new SetFieldBuilder().setVlanMatch(vlan(true, set.vid()))));
            case Action.SetTunnelId set -> add(list, setField(new SetFieldBuilder().setTunnel(tunnel(set.id()))));
            case Action.PushMpls push -> {
                add(list, new PushMplsActionCaseBuilder().setPushMplsAction(new PushMplsActionBuilder()
                    .setEthernetType(Uint16.valueOf(0x8847)).build()).build());
                add(list, setField(new SetFieldBuilder().setProtocolMatchFields(new ProtocolMatchFieldsBuilder()
                    .setMplsLabel(Uint32.valueOf(push.label())).build())));
            }
            case Action.PopMpls pop -> add(list, new PopMplsActionCaseBuilder().setPopMplsAction(
                new PopMplsActionBuilder().setEthernetType(Uint16.valueOf(pop.ethType())).build()).build());
            case Action.SetMplsLabel set -> add(list, setField(new SetFieldBuilder().setProtocolMatchFields(
                new ProtocolMatchFieldsBuilder().setMplsLabel(Uint32.valueOf(set.label())).build())));
            case Action.SetEthSrc set -> add(list, setField(new SetFieldBuilder().setEthernetMatch(
                new EthernetMatchBuilder().setEthernetSource(new EthernetSourceBuilder().setAddress(mac(set.mac()))
                    .build()).build())));
            case Action.SetEthDst set -> add(list, setField(new SetFieldBuilder().setEthernetMatch(
                new EthernetMatchBuilder().setEthernetDestination(new EthernetDestinationBuilder()
                    .setAddress(mac(set.mac())).build()).build())));
            case Action.SetArpOp set -> add(list, setField(new SetFieldBuilder().setLayer3Match(
                new ArpMatchBuilder().setArpOp(Uint16.valueOf(set.op())).build())));
            case Action.SetArpSha set -> add(list, setField(new SetFieldBuilder().setLayer3Match(
                new ArpMatchBuilder().setArpSourceHardwareAddress(new ArpSourceHardwareAddressBuilder()
                    .setAddress(mac(set.mac())).build()).build())));
            case Action.SetArpTha set -> add(list, setField(new SetFieldBuilder().setLayer3Match(
                new ArpMatchBuilder().setArpTargetHardwareAddress(new ArpTargetHardwareAddressBuilder()
                    .setAddress(mac(set.mac())).build()).build())));
            case Action.SetArpSpa set -> add(list, setField(new SetFieldBuilder().setLayer3Match(
                new ArpMatchBuilder().setArpSourceTransportAddress(host(set.address())).build())));
            case Action.SetArpTpa set -> add(list, setField(new SetFieldBuilder().setLayer3Match(
                new ArpMatchBuilder().setArpTargetTransportAddress(host(set.address())).build())));
            case Action.DecTtl dec -> add(list, new DecNwTtlCaseBuilder().setDecNwTtl(new DecNwTtlBuilder().build())
                .build());
            case Action.Output output -> add(list, output(String.valueOf(output.port())));
            case Action.OutputInPort output -> add(list, output("IN_PORT"));
            case Action.Controller controller -> add(list, output("CONTROLLER"));
            case Action.Conntrack ct -> add(list, NiciraCodec.flowAction(NiciraActions.encode(ct)));
            case Action.Flood flood -> throw new IllegalArgumentException("read back only: " + flood);
            case Action.Opaque opaque -> throw new IllegalArgumentException("read back only: " + opaque);
            case Action.Meter meter -> throw new IllegalArgumentException("instruction, not action");
            case Action.WriteMetadata write -> throw new IllegalArgumentException("instruction, not action");
            case Action.GotoTable go -> throw new IllegalArgumentException("instruction, not action");
        }
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase
            setField(final SetFieldBuilder builder) {
        return new SetFieldCaseBuilder().setSetField(builder.build()).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action
            .OutputActionCase output(final String port) {
        return new OutputActionCaseBuilder().setOutputAction(new OutputActionBuilder()
            .setOutputNodeConnector(new Uri(port)).setMaxLength(Uint16.valueOf(0xffff)).build()).build();
    }

    private static void add(
            final List<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action> list,
            final org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.Action action) {
        list.add(new ActionBuilder().setOrder(list.size()).setAction(action).build());
    }

    private static MacAddress mac(final org.pvsnet.impl.model.MacAddress mac) {
        return new MacAddress(mac.toString());
    }

    private static org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix
            prefix(final Ipv4Prefix prefix) {
        return new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix(
            prefix.toString());
    }

    private static org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix
            host(final Ipv4Address address) {
        return prefix(Ipv4Prefix.host(address));
    }
}
