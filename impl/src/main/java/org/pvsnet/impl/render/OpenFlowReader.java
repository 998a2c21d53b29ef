/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.DecNwTtlCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PopMplsActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PopVlanActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PushMplsActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PushVlanActionCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetField;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteActionsCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteMetadataCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.Instruction;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4Match;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.nicira.rev261126.nodes.node.table.flow.instructions.instruction.instruction.apply.actions._case.apply.actions.action.action.NiciraActionFlowCase;
import org.pvsnet.impl.compile.Action;
import org.pvsnet.impl.compile.Flow;
import org.pvsnet.impl.compile.MatchField;
import org.pvsnet.impl.model.Header;
import org.pvsnet.impl.model.Ipv4Address;
import org.pvsnet.impl.model.Ipv4Prefix;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.render.nicira.NiciraActions;

/**
 * The inverse of {@link OpenFlowMapper}: an openflowplugin flow (as pvsnet writes it, or as a switch
 * reports it in the operational inventory, whoever installed it) back into pvsnet's flow record, so the
 * simulator can run on what is really sent and really installed. What pvsnet never compiles is kept as
 * {@link MatchField.Opaque} or {@link Action.Opaque}; FLOOD, ALL and NORMAL outputs as {@link Action.Flood}.
 */
public final class OpenFlowReader {
    private OpenFlowReader() {
        // pure functions
    }

    public static Flow read(
            final org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow flow) {
        return read(flow.getId() == null ? "?" : flow.getId().getValue(), flow);
    }

    /** A flow under the id openflowplugin gives it (pvsnet's own, {@link OpenFlowMapper#flowId}, are read back). */
    public static Flow read(final String inventoryId,
            final org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.Flow flow) {
        // pvsnet's own flows carry their readable id as the flow name
        final String id = inventoryId.startsWith(OpenFlowMapper.ID_PREFIX) && flow.getFlowName() != null
            ? flow.getFlowName() : inventoryId;
        final List<Action> actions = new ArrayList<>();
        if (flow.getInstructions() != null && flow.getInstructions().getInstruction() != null) {
            flow.getInstructions().getInstruction().values().stream()
                .sorted(Comparator.comparingInt(i -> i.getOrder() == null ? 0 : i.getOrder().intValue()))
                .forEach(instruction -> instruction(instruction, actions));
        }
        return new Flow(id, flow.getTableId() == null ? 0 : flow.getTableId().toJava(),
            flow.getPriority() == null ? 0x8000 : flow.getPriority().toJava(),
            flow.getCookie() == null ? 0 : flow.getCookie().getValue().longValue(), match(flow.getMatch()), actions,
            Optional.empty());
    }

    private static List<MatchField> match(final @Nullable Match match) {
        final List<MatchField> fields = new ArrayList<>();
        if (match == null) {
            return fields;
        }
        if (match.getInPort() != null) {
            final String port = lastPart(match.getInPort().getValue());
            fields.add(isNumber(port) ? new MatchField.InPort(Long.parseLong(port))
                : new MatchField.Opaque("in_port=" + port));
        }
        final var tunnel = match.getTunnel();
        if (tunnel != null && tunnel.getTunnelId() != null) {
            fields.add(tunnel.getTunnelMask() == null ? new MatchField.TunnelId(tunnel.getTunnelId().longValue())
                : new MatchField.Opaque("tun_id=" + tunnel.getTunnelId() + "/" + tunnel.getTunnelMask()));
        }
        final var vlan = match.getVlanMatch();
        if (vlan != null) {
            if (vlan.getVlanPcp() != null) {
                fields.add(new MatchField.Opaque("vlan_pcp=" + vlan.getVlanPcp().getValue()));
            }
            final var id = vlan.getVlanId();
            if (id != null && Boolean.TRUE.equals(id.getVlanIdPresent())) {
                fields.add(id.getVlanId() == null || id.getVlanId().getValue().toJava() == 0
                    ? new MatchField.Opaque("vlan_tci=0x1000/0x1000")
                    : new MatchField.VlanId(id.getVlanId().getValue().toJava()));
            } else if (id != null) {
                fields.add(new MatchField.NoVlan());
            }
        }
        if (match.getMetadata() != null) {
            final long mask = match.getMetadata().getMetadataMask() == null ? -1L
                : match.getMetadata().getMetadataMask().longValue();
            fields.add(new MatchField.Metadata(match.getMetadata().getMetadata().longValue() & mask, mask));
        }
        final var ethernet = match.getEthernetMatch();
        if (ethernet != null) {
            if (ethernet.getEthernetType() != null) {
                fields.add(new MatchField.EthType(ethernet.getEthernetType().getType().getValue().intValue()));
            }
            if (ethernet.getEthernetSource() != null) {
                fields.add(ethernet.getEthernetSource().getMask() == null
                    ? new MatchField.EthSrc(MacAddress.parse(ethernet.getEthernetSource().getAddress().getValue()))
                    : new MatchField.Opaque("dl_src=" + ethernet.getEthernetSource().getAddress().getValue()));
            }
            if (ethernet.getEthernetDestination() != null) {
                fields.add(new MatchField.Opaque("dl_dst="
                    + ethernet.getEthernetDestination().getAddress().getValue()));
            }
        }
        switch (match.getLayer3Match()) {
            case null -> {
                // no layer 3 fields
            }
            case Ipv4Match ipv4 -> {
                if (ipv4.getIpv4Source() != null) {
                    fields.add(new MatchField.Ipv4Src(Ipv4Prefix.parse(ipv4.getIpv4Source().getValue())));
                }
                if (ipv4.getIpv4Destination() != null) {
                    fields.add(new MatchField.Ipv4Dst(Ipv4Prefix.parse(ipv4.getIpv4Destination().getValue())));
                }
            }
            case ArpMatch arp -> arp(arp, fields);
            default -> fields.add(new MatchField.Opaque("layer 3: " + match.getLayer3Match()));
        }
        final var protocol = match.getProtocolMatchFields();
        if (protocol != null) {
            fields.add(protocol.getMplsLabel() != null && protocol.getMplsTc() == null && protocol.getMplsBos() == null
                && protocol.getPbb() == null ? new MatchField.MplsLabel(protocol.getMplsLabel().intValue())
                : new MatchField.Opaque(protocol.toString()));
        }
        // Fields pvsnet never matches: present means the flow is narrower than it looks; over-approximate.
        final List<Object> others = new ArrayList<>();
        others.add(match.getIpMatch());
        others.add(match.getLayer4Match());
        others.add(match.getIcmpv4Match());
        others.add(match.getIcmpv6Match());
        others.add(match.getTcpFlagsMatch());
        others.add(match.getInPhyPort());
        others.stream().filter(o -> o != null).forEach(o -> fields.add(new MatchField.Opaque(o.toString())));
        return fields;
    }

    private static void arp(final ArpMatch arp, final List<MatchField> fields) {
        if (arp.getArpOp() != null) {
            fields.add(new MatchField.ArpOp(arp.getArpOp().toJava()));
        }
        if (arp.getArpSourceTransportAddress() != null) {
            fields.add(new MatchField.ArpSpa(Ipv4Prefix.parse(arp.getArpSourceTransportAddress().getValue())));
        }
        if (arp.getArpTargetTransportAddress() != null) {
            final Ipv4Prefix target = Ipv4Prefix.parse(arp.getArpTargetTransportAddress().getValue());
            fields.add(target.length() == 32 ? new MatchField.ArpTpa(target.network())
                : new MatchField.Opaque("arp_tpa=" + target));
        }
        if (arp.getArpSourceHardwareAddress() != null || arp.getArpTargetHardwareAddress() != null) {
            fields.add(new MatchField.Opaque("arp_sha/arp_tha"));
        }
    }

    private static void instruction(final Instruction instruction, final List<Action> actions) {
        switch (instruction.getInstruction()) {
            case MeterCase meter -> actions.add(new Action.Meter(meter.getMeter().getMeterId().getValue().toJava()));
            case ApplyActionsCase apply -> actions(apply.getApplyActions().getAction(), actions);
            // the action set runs when the pipeline ends; in pvsnet's pipelines that is the same place
            case WriteActionsCase write -> actions(write.getWriteActions().getAction(), actions);
            case WriteMetadataCase write -> actions.add(new Action.WriteMetadata(
                write.getWriteMetadata().getMetadata().longValue(),
                write.getWriteMetadata().getMetadataMask().longValue()));
            case GoToTableCase go -> actions.add(new Action.GotoTable(go.getGoToTable().getTableId().toJava()));
            case null -> {
                // an empty instruction
            }
            default -> actions.add(new Action.Opaque("instruction " + instruction.getInstruction()));
        }
    }

    private static void actions(final @Nullable Map<?, org.opendaylight.yang.gen.v1.urn.opendaylight
            .action.types.rev131112.action.list.Action> list, final List<Action> actions) {
        if (list == null) {
            return;
        }
        final List<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action> ordered =
            list.values().stream()
                .sorted(Comparator.comparingInt(a -> a.getOrder() == null ? 0 : a.getOrder().intValue())).toList();
        for (int i = 0; i < ordered.size(); i++) {
            final var action = ordered.get(i).getAction();
            switch (action) {
                case PopVlanActionCase pop -> actions.add(new Action.PopVlan());
                case PushVlanActionCase push -> {
                    // pvsnet pushes a tag and sets its id in the next action; read the two back as one
                    final int vid = i + 1 < ordered.size() && ordered.get(i + 1).getAction() instanceof SetFieldCase set
                        ? vlanId(set.getSetField()) : -1;
                    if (vid > 0) {
                        final var type = push.getPushVlanAction().getEthernetType();
                        actions.add(new Action.PushVlan(type == null ? Header.VlanTag.DOT1Q : type.toJava(), vid));
                        i++;
                    } else {
                        actions.add(new Action.Opaque("push_vlan without a VLAN id"));
                    }
                }
                case PushMplsActionCase push -> {
                    // pvsnet pushes a label and sets it in the next action; read the two back as one
                    final var next = i + 1 < ordered.size() ? ordered.get(i + 1).getAction() : null;
                    final int label = next instanceof SetFieldCase set ? mplsLabel(set.getSetField()) : -1;
                    if (label >= 0) {
                        actions.add(new Action.PushMpls(label));
                        i++;
                    } else {
                        actions.add(new Action.Opaque("push_mpls without a label"));
                    }
                }
                case PopMplsActionCase pop -> actions.add(new Action.PopMpls(pop.getPopMplsAction()
                    .getEthernetType() == null ? 0 : pop.getPopMplsAction().getEthernetType().toJava()));
                case SetFieldCase set -> setField(set.getSetField(), actions);
                case DecNwTtlCase dec -> actions.add(new Action.DecTtl());
                case NiciraActionFlowCase nicira -> actions.add(NiciraActions.decode(nicira.getNiciraAction()
                    .getData()).<Action>map(ct -> ct).orElseGet(() -> new Action.Opaque("Nicira action "
                        + HexFormat.of().formatHex(nicira.getNiciraAction().getData()))));
                case OutputActionCase output -> actions.add(output(
                    output.getOutputAction().getOutputNodeConnector().getValue()));
                case null -> {
                    // an empty action
                }
                default -> actions.add(new Action.Opaque(action.toString()));
            }
        }
    }

    private static int vlanId(final SetField set) {
        return set.getVlanMatch() != null && set.getVlanMatch().getVlanId() != null
            && set.getVlanMatch().getVlanId().getVlanId() != null
            ? set.getVlanMatch().getVlanId().getVlanId().getValue().toJava() : -1;
    }

    private static int mplsLabel(final SetField set) {
        return set.getProtocolMatchFields() != null && set.getProtocolMatchFields().getMplsLabel() != null
            ? set.getProtocolMatchFields().getMplsLabel().intValue() : -1;
    }

    private static void setField(final SetField set, final List<Action> actions) {
        final int vid = vlanId(set);
        if (vid > 0) {
            actions.add(new Action.SetVlan(vid));
        }
        final int label = mplsLabel(set);
        if (label >= 0) {
            actions.add(new Action.SetMplsLabel(label));
        }
        if (set.getTunnel() != null && set.getTunnel().getTunnelId() != null) {
            actions.add(new Action.SetTunnelId(set.getTunnel().getTunnelId().longValue()));
        }
        final var ethernet = set.getEthernetMatch();
        if (ethernet != null && ethernet.getEthernetSource() != null) {
            actions.add(new Action.SetEthSrc(MacAddress.parse(ethernet.getEthernetSource().getAddress().getValue())));
        }
        if (ethernet != null && ethernet.getEthernetDestination() != null) {
            actions.add(new Action.SetEthDst(MacAddress.parse(
                ethernet.getEthernetDestination().getAddress().getValue())));
        }
        if (set.getLayer3Match() instanceof ArpMatch arp) {
            if (arp.getArpOp() != null) {
                actions.add(new Action.SetArpOp(arp.getArpOp().toJava()));
            }
            if (arp.getArpSourceHardwareAddress() != null) {
                actions.add(new Action.SetArpSha(MacAddress.parse(
                    arp.getArpSourceHardwareAddress().getAddress().getValue())));
            }
            if (arp.getArpSourceTransportAddress() != null) {
                actions.add(new Action.SetArpSpa(host(arp.getArpSourceTransportAddress().getValue())));
            }
            if (arp.getArpTargetHardwareAddress() != null) {
                actions.add(new Action.SetArpTha(MacAddress.parse(
                    arp.getArpTargetHardwareAddress().getAddress().getValue())));
            }
            if (arp.getArpTargetTransportAddress() != null) {
                actions.add(new Action.SetArpTpa(host(arp.getArpTargetTransportAddress().getValue())));
            }
        } else if (set.getLayer3Match() != null) {
            actions.add(new Action.Opaque("set_field " + set.getLayer3Match()));
        }
        if (vid <= 0 && label < 0 && set.getTunnel() == null && ethernet == null && set.getLayer3Match() == null) {
            actions.add(new Action.Opaque("set_field " + set));
        }
    }

    private static Ipv4Address host(final String prefix) {
        return Ipv4Prefix.parse(prefix.contains("/") ? prefix : prefix + "/32").network();
    }

    private static Action output(final String connector) {
        final String port = lastPart(connector);
        return switch (port) {
            case "IN_PORT", "INPORT" -> new Action.OutputInPort();
            case "CONTROLLER" -> new Action.Controller();
            case "FLOOD", "ALL", "NORMAL" -> new Action.Flood(port);
            default -> isNumber(port) ? new Action.Output(Long.parseLong(port)) : new Action.Opaque("output:" + port);
        };
    }

    // "openflow:1:3" -> "3"; "3" -> "3"
    private static String lastPart(final String connector) {
        return connector.substring(connector.lastIndexOf(':') + 1);
    }

    private static boolean isNumber(final String text) {
        return !text.isEmpty() && text.length() < 19 && text.chars().allMatch(Character::isDigit);
    }
}
