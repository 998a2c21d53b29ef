/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.NodeId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.PortNumber;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.VlanId;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.PvsBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.pvsnet.customer.PvsKey;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.pvsnet.impl.Examples;
import org.pvsnet.impl.Mutate;
import org.pvsnet.impl.model.Roles.Attachment;
import org.pvsnet.impl.model.Roles.PortRole;
import org.pvsnet.impl.model.Roles.Service;
import org.pvsnet.impl.model.Roles.SwitchRole;

/**
 * Reading the stored configuration into the domain model.
 */
class ModelReaderTest {

    private static Network figs789() {
        return ((ModelReader.Result.Readable) ModelReader.read(Examples.figs789())).network();
    }

    @Test
    void readsTheSeedExample() {
        final Network network = figs789();
        assertThat(network.switches().keySet()).containsExactly("openflow:1", "openflow:11", "openflow:12",
            "openflow:13");
        final Switch ts = network.switches().get("openflow:1");
        assertThat(ts.role()).isEqualTo(SwitchRole.TUNNEL_SWITCH);
        assertThat(ts.gatewayMac()).contains(MacAddress.parse("02:00:00:00:00:01"));
        assertThat(ts.portRole(3)).contains(PortRole.INTERNAL);
        assertThat(ts.datapathId()).isEqualTo(1);

        assertThat(network.customers().keySet()).containsExactly("C1", "C2", "C3");
        final Customer c1 = network.customers().get("C1");
        assertThat(c1.number()).isEqualTo(1);
        assertThat(c1.addressSpace()).containsExactly(Ipv4Prefix.parse("10.0.0.0/8"));
        assertThat(c1.publicAddress()).isEmpty();
        assertThat(c1.tunnels().get("710a")).isEqualTo(new Tunnel("710a", "openflow:1", 1,
            new Encapsulation.Vlan(101), Service.PACKET_SWITCHING, Optional.empty(), List.of()));
        final Site site1 = c1.sites().get("site-1");
        assertThat(site1.tunnel()).isEqualTo("710a");
        assertThat(site1.towardsTunnel()).isEqualTo("710e");
        final Pvs main = c1.pvss().get("main-server");
        assertThat(main.address()).isEqualTo(Ipv4Address.parse("10.0.0.10"));
        assertThat(main.tunnel()).isEqualTo("730b");
        assertThat(main.towardsTunnel()).isEqualTo("730a");
        assertThat(main.attachment()).isEqualTo(Attachment.HOST_MUX);

        final Tunnel ts710c = network.customers().get("C2").tunnels().get("710c");
        assertThat(ts710c.service()).isEqualTo(Service.TUNNEL_SWITCHING);
        assertThat(ts710c.peer()).contains("730d");
        // Address isolation starts here: three customers, one address.
        assertThat(network.customers().values()).allSatisfy(c -> assertThat(c.pvss().values())
            .anySatisfy(p -> assertThat(p.address()).isEqualTo(Ipv4Address.parse("10.0.0.10"))));
    }

    @Test
    void anAbsentConfigurationIsTheEmptyNetwork() {
        assertThat(ModelReader.read(null)).isEqualTo(new ModelReader.Result.Readable(Network.EMPTY));
    }

    @Test
    void aTunnelWithoutEncapsulationIsUnreadable() {
        final var result = ModelReader.read(Mutate.tunnel(Examples.figs789(), "C1", "710a",
            t -> t.setEncapsulation(null)));
        assertThat(result).isEqualTo(new ModelReader.Result.Unreadable(List.of(new Violation(
            "pvsnet:pvsnet/customer=C1/tunnel=710a",
            "missing encapsulation: one of untagged, vlan, qinq, mpls, vxlan or gre is required"))));
    }

    @Test
    void missingMandatoryLeavesAreNamed() {
        final var result = ModelReader.read(Mutate.pvs(Examples.figs789(), "C1", "main-server",
            p -> p.setMac(null).setHost(null)));
        assertThat(result).isEqualTo(new ModelReader.Result.Unreadable(List.of(
            new Violation("pvsnet:pvsnet/customer=C1/pvs=main-server/mac", "missing mandatory leaf"),
            new Violation("pvsnet:pvsnet/customer=C1/pvs=main-server/host", "missing mandatory leaf"))));
    }

    private static List<Violation> violations(final org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126
            .Pvsnet config) {
        return ((ModelReader.Result.Unreadable) ModelReader.read(config)).violations();
    }

    @Test
    void outOfRangeValuesNameTheirLeaf() {
        assertThat(violations(Mutate.tunnel(Examples.figs789(), "C1", "710a", t -> t.setEncapsulation(
            new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.encapsulation.encapsulation
                .VlanBuilder().setVlan(new org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126
                    .encapsulation.encapsulation.vlan.VlanBuilder().setVlanId(new VlanId(Uint16.valueOf(4095)))
                    .build()).build())))).containsExactly(new Violation(
                        "pvsnet:pvsnet/customer=C1/tunnel=710a/vlan/vlan-id", "vlan-id 4095 is out of range 1..4094"));
        assertThat(violations(Mutate.customer(Examples.figs789(), "C2", c -> c.setNumber(Uint32.ZERO))))
            .containsExactly(new Violation("pvsnet:pvsnet/customer=C2/number", "number 0 is out of range 1..16777215"));
        assertThat(violations(Mutate.pvs(Examples.figs789(), "C1", "main-server",
                p -> p.setPort(new PortNumber(Uint32.valueOf(0xFFFF_FFFEL))))))
            .containsExactly(new Violation("pvsnet:pvsnet/customer=C1/pvs=main-server/port",
                "port 4294967294 is out of range 1..4294967040"));
    }

    @Test
    void namesAndNodeIdsHaveAFormat() {
        final var main = Examples.figs789().getCustomer().values().iterator().next().getPvs().values().iterator()
            .next();
        assertThat(violations(Mutate.pvs(Examples.figs789(), "C1", "main server", p -> new PvsBuilder(main)
                .withKey(new PvsKey(new Name("main server"))))))
            .containsExactly(new Violation("pvsnet:pvsnet/customer=C1/pvs=main server/name",
                "'main server' is not a name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter "
                    + "or digit"));
        assertThat(violations(Mutate.tunnel(Examples.figs789(), "C1", "710a",
                t -> t.setSwitch(new NodeId("of:1")))))
            .containsExactly(new Violation("pvsnet:pvsnet/customer=C1/tunnel=710a/switch",
                "'of:1' is not an OpenFlow node id like openflow:1"));
    }

    @Test
    void wireValuesAreRangeChecked() {
        assertThatThrownBy(() -> new Encapsulation.Vlan(4095)).hasMessage("vlan-id 4095 is out of range 1..4094");
        assertThatThrownBy(() -> new Encapsulation.QinQ(0, 5))
            .hasMessage("outer-vlan-id 0 is out of range 1..4094");
        assertThatThrownBy(() -> new Encapsulation.Mpls(15)).hasMessage("label 15 is out of range 16..1048575");
        assertThatThrownBy(() -> new Encapsulation.Vxlan(1 << 24))
            .hasMessage("vni 16777216 is out of range 1..16777215");
    }
}
