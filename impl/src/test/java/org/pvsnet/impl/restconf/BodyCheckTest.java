/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.restconf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.pvsnet.impl.Examples;

class BodyCheckTest {
    private static final BodyCheck CHECK = new BodyCheck(Examples.RUNTIME.modelContext(), Pvsnet.QNAME, "pvsnet");
    private static final BodyCheck.Target TOP = BodyCheck.Target.parse("pvsnet:pvsnet");
    private static final BodyCheck.Target C1 = BodyCheck.Target.parse("pvsnet:pvsnet/customer=C1");

    private static String example() throws IOException {
        return Files.readString(Examples.file("figs-7-8-9.json"));
    }

    private static Refusal refused(final String method, final BodyCheck.Target target, final String body) {
        final BodyCheck.Outcome outcome = CHECK.check(method, target, body);
        assertThat(outcome).isInstanceOf(BodyCheck.Outcome.Refuse.class);
        return ((BodyCheck.Outcome.Refuse) outcome).refusal();
    }

    @Test
    void theExamplePassesAndNamesTheEncapsulationOfEachTunnel() throws IOException {
        final BodyCheck.Outcome outcome = CHECK.check("PUT", TOP, example());
        assertThat(outcome).isInstanceOf(BodyCheck.Outcome.Pass.class);
        final var choices = ((BodyCheck.Outcome.Pass) outcome).choices();
        assertThat(choices).isNotEmpty().allSatisfy(choice -> {
            assertThat(choice.outer()).isFalse();
            assertThat(choice.choice().getQName().getLocalName()).isEqualTo("encapsulation");
        });
        assertThat(choices).anySatisfy(choice -> {
            assertThat(choice.field()).isEqualTo("pvsnet:pvsnet/customer=C1/tunnel=710a");
            assertThat(choice.apiPath()).isEqualTo("pvsnet:pvsnet/customer=C1/tunnel=710a");
            assertThat(choice.chosen().getQName().getLocalName()).isEqualTo("vlan");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                              | body: empty; a PUT of pvsnet:pvsnet needs a JSON document",
        "'   '                           | body: empty",
        "{}                              | body: a PUT of pvsnet:pvsnet needs a JSON object with exactly one member "
            + "(\"pvsnet:pvsnet\"), not an empty object {}",
        "[]                              | not an array of 0",
        "'{\"pvsnet:pvsnet\": {'         | body: not a JSON document",
        "'{\"pvsnet:pvsnet\": {}} x'     | body: not a JSON document",
        "'{\"foo:pvsnet\": {}}'          | body: foo:pvsnet names module foo, not pvsnet",
        "'{\"pvsnet\": {}}'              | body: pvsnet needs its module: pvsnet:pvsnet",
        "'{\"pvsnet:pvsnet\": {}, \"pvsnet:x\": 1}' | exactly one member",
        "'{\"pvsnet:pvsnet\": []}'       | pvsnet:pvsnet: a container is a JSON object, not an array of 0",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"number\": null}]}}'"
            + " | pvsnet:pvsnet/customer=C1/number: null is not a value; leave the member out",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\"}, {\"id\": \"C1\", \"number\": 2}]}}'"
            + " | pvsnet:pvsnet/customer=C1: customer C1 appears twice in one request",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"number\": 2}]}}'"
            + " | pvsnet:pvsnet/customer: an entry without its key id",
        "'{\"pvsnet:pvsnet\": {\"customer\": {\"id\": \"C1\"}}}'"
            + " | pvsnet:pvsnet/customer: a list is a JSON array of objects, not an object with 1 members",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"number\": 1, \"number\": 2}]}}'"
            + " | pvsnet:pvsnet/customer=C1/number: appears twice in one object",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"address-space\": [\"10.0.0.0/8\", \"10.0.0.0/8\"]}]}}'"
            + " | pvsnet:pvsnet/customer=C1/address-space: 10.0.0.0/8 appears twice",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"address-space\": [\"10.0.0.0/33\"]}]}}'"
            + " | pvsnet:pvsnet/customer=C1/address-space: \"10.0.0.0/33\" is not a valid ipv4-prefix",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"number\": \"one\"}]}}'"
            + " | pvsnet:pvsnet/customer=C1/number: \"one\" is not an integer",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"number\": 4294967296}]}}'"
            + " | pvsnet:pvsnet/customer=C1/number: 4294967296 is out of range 0..4294967295 of uint32",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"tunnel\": [{\"name\": \"t\", \"vlan\": "
            + "{\"vlan-id\": 70000}}]}]}}'"
            + " | pvsnet:pvsnet/customer=C1/tunnel=t/vlan/vlan-id: 70000 is out of range 0..65535 of uint16",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"tunnel\": [{\"name\": \"t\", \"vlan\": "
            + "{\"vlan-id\": 7}, \"untagged\": [null]}]}]}}'"
            + " | pvsnet:pvsnet/customer=C1/tunnel=t/encapsulation: vlan and untagged are two cases of one choice",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"tunnel\": [{\"name\": \"t\", \"untagged\": null}]}]}}'"
            + " | pvsnet:pvsnet/customer=C1/tunnel=t/untagged: a leaf of type empty is written [null], not null",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"pvs\": [{\"name\": \"s\", \"mac\": \"zz:00\"}]}]}}'"
            + " | pvsnet:pvsnet/customer=C1/pvs=s/mac: \"zz:00\" is not a valid mac-address",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"pvs\": [{\"name\": \"s\", \"address\": "
            + "\"10.0.0.300\"}]}]}}' | pvsnet:pvsnet/customer=C1/pvs=s/address: \"10.0.0.300\" is not a valid "
            + "ipv4-address",
        "'{\"pvsnet:pvsnet\": {\"switch\": [{\"node-id\": \"openflow:1\", \"role\": \"router\"}]}}'"
            + " | pvsnet:pvsnet/switch=openflow:1/role: \"router\" is not one of tunnel-switch, host",
        "'{\"pvsnet:pvsnet\": {\"customer\": [{\"id\": \"C1\", \"internet-access\": {\"enabled\": \"yes\"}}]}}'"
            + " | pvsnet:pvsnet/customer=C1/internet-access/enabled: \"yes\" is not a boolean",
    })
    void aWholeConfigurationPutIsRefusedNamingTheField(final String body, final String expected) {
        assertThat(refused("PUT", TOP, body).message()).startsWith(Refusal.PREFIX).contains(expected);
    }

    @Test
    void aRequestForOneCustomerMustNameThatCustomer() {
        assertThat(refused("PUT", C1, "{\"pvsnet:pvsnet\": {}}").message()).contains(
            "body: member pvsnet:pvsnet does not name the target pvsnet:pvsnet/customer=C1 (\"pvsnet:customer\")");
        assertThat(CHECK.check("PUT", C1, "{\"pvsnet:customer\": [{\"id\": \"C1\", \"number\": 1}]}"))
            .isInstanceOf(BodyCheck.Outcome.Pass.class);
        assertThat(refused("PATCH", C1, "{\"pvsnet:customer\": [{\"id\": \"C1\", \"number\": -1}]}").message())
            .contains("pvsnet:pvsnet/customer=C1/number: -1 is out of range");
    }

    @Test
    void aPostNamesAChildOfItsTarget() {
        assertThat(refused("POST", TOP, "{\"foo:customer\": [{\"id\": \"C9\"}]}").message())
            .contains("body: foo:customer names module foo, not pvsnet");
        assertThat(refused("POST", TOP, "{\"pvsnet:customers\": [{\"id\": \"C9\"}]}").message())
            .contains("body: pvsnet:customers is not a child of pvsnet:pvsnet");
        assertThat(CHECK.check("POST", TOP, "{\"pvsnet:customer\": [{\"id\": \"C9\", \"number\": 9}]}"))
            .isInstanceOf(BodyCheck.Outcome.Pass.class);
    }

    @Test
    void aNodeInsideACaseIsAnOuterChoice() {
        final BodyCheck.Outcome outcome = CHECK.check("POST",
            BodyCheck.Target.parse("pvsnet:pvsnet/customer=C%201/tunnel=t"), "{\"pvsnet:untagged\": [null]}");
        assertThat(outcome).isInstanceOf(BodyCheck.Outcome.Pass.class);
        assertThat(((BodyCheck.Outcome.Pass) outcome).choices()).singleElement().satisfies(choice -> {
            assertThat(choice.outer()).isTrue();
            assertThat(choice.field()).isEqualTo("pvsnet:pvsnet/customer=C 1/tunnel=t");
            assertThat(choice.apiPath()).isEqualTo("pvsnet:pvsnet/customer=C%201/tunnel=t");
            assertThat(choice.chosen().getQName().getLocalName()).isEqualTo("untagged");
        });
    }

    @Test
    void unknownPathsAndMembersAreLeftToRestconf() {
        assertThat(CHECK.check("PUT", BodyCheck.Target.parse("pvsnet:pvsnet/nothing"), "{\"pvsnet:nothing\": 1}"))
            .isInstanceOf(BodyCheck.Outcome.Pass.class);
        assertThat(CHECK.check("PUT", TOP, "{\"pvsnet:pvsnet\": {\"colour\": \"red\"}}"))
            .isInstanceOf(BodyCheck.Outcome.Pass.class);
    }
}
