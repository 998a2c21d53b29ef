"""The management API end to end: the real distribution, RESTCONF over HTTP, the Figs 7/8/9 example."""
import copy

import pytest

import restconf
from conftest import customer, switch, tunnel


def stored():
    resp = restconf.get(restconf.CONFIG + "?content=config")
    assert resp.status == 200, resp
    return resp.json()


def test_unauthenticated_requests_are_refused():
    assert restconf.get(restconf.CONFIG, auth=None).status == 401
    assert restconf.get(restconf.CONFIG, auth=("admin", "wrong")).status == 401
    assert restconf.put(restconf.CONFIG, restconf.load_example(), auth=None).status == 401


def test_example_round_trips(example):
    assert restconf.canonical(stored()) == restconf.canonical(example)


def test_status_follows_the_configuration(example):
    # No switch of the example is connected in this test: everything waits for its switches.
    def three_customers():
        state = restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
        return sorted(c["id"] for c in state.get("customer", [])) == ["C1", "C2", "C3"] and state

    state = restconf.wait_for(three_customers, timeout=10, what="the example's customers in the state")
    assert sorted(s["node-id"] for s in state["switch"]) == ["openflow:1", "openflow:11", "openflow:12",
                                                              "openflow:13"]
    assert all(s["state"] == "pending" and s["reason"] == f"{s['node-id']} is not connected"
               for s in state["switch"]), state["switch"]
    assert next(s for s in state["switch"] if s["node-id"] == "openflow:1")["flows-desired"] == 54
    c1 = next(c for c in state["customer"] if c["id"] == "C1")
    assert c1["state"] == "pending"
    assert c1["reason"] == "openflow:1 is not connected; openflow:11 is not connected; openflow:12 is not connected"
    assert sorted(t["name"] for t in c1["tunnel"]) == ["710a", "710b", "710e", "710f", "730a", "730b", "730c"]

    assert restconf.delete(restconf.CONFIG + "/customer=C2").status in (200, 204)
    restconf.wait_for(lambda: sorted(c["id"] for c in restconf.get(restconf.STATE).json()[
        "pvsnet:pvsnet-state"].get("customer", [])) == ["C1", "C3"], timeout=10, what="C2 gone from the state")


# Ten different ways to get it wrong. Each: how to break the example, the field the error must name, and why.
def unknown_switch(doc):
    tunnel(doc, "C1", "710a")["switch"] = "openflow:99"


def shared_vlan(doc):
    tunnel(doc, "C3", "710d")["vlan"]["vlan-id"] = 101


def pvs_outside_space(doc):
    customer(doc, "C1")["pvs"][0]["address"] = "192.168.7.7"


def duplicate_pvs_address(doc):
    customer(doc, "C1")["pvs"][1]["address"] = customer(doc, "C1")["pvs"][0]["address"]


def ts_without_peer(doc):
    del tunnel(doc, "C2", "710c")["peer"]


def duplicate_number(doc):
    customer(doc, "C3")["number"] = 1


def duplicate_public_address(doc):
    for cid in ("C1", "C2"):
        customer(doc, cid)["internet-access"] = {"enabled": True, "public-address": "198.51.100.7"}


def tunnel_on_pvs_port(doc):
    tunnel(doc, "C1", "730c").update({"switch": "openflow:12", "port": 2})


def dangling_site_tunnel(doc):
    customer(doc, "C1")["site"][0]["tunnel"] = "no-such-tunnel"


def tunnel_switch_without_gateway_mac(doc):
    del switch(doc, "openflow:1")["gateway-mac"]


def two_pvs_on_one_port(doc):
    customer(doc, "C3")["pvs"][0]["port"] = 2


def vlan_out_of_range(doc):
    tunnel(doc, "C1", "710a")["vlan"]["vlan-id"] = 4095


INVALID = [
    (unknown_switch, "pvsnet:pvsnet/customer=C1/tunnel=710a/switch",
     "switch openflow:99 is not configured in pvsnet:pvsnet/switch"),
    (shared_vlan, "pvsnet:pvsnet/customer=C3/tunnel=710d",
     "collides with tunnel 710a of customer C1 on openflow:1 port 1: both are vlan 101"),
    (pvs_outside_space, "pvsnet:pvsnet/customer=C1/pvs=main-server/address",
     "address 192.168.7.7 is outside the address-space [10.0.0.0/8] of customer C1"),
    (duplicate_pvs_address, "pvsnet:pvsnet/customer=C1/pvs=",
     "is already used by PVS"),
    (ts_without_peer, "pvsnet:pvsnet/customer=C2/tunnel=710c/peer",
     "a tunnel-switching tunnel needs exactly one peer"),
    (duplicate_number, "pvsnet:pvsnet/customer=C3/number", "number 1 is already used by customer C1"),
    (duplicate_public_address, "pvsnet:pvsnet/customer=C2/internet-access/public-address",
     "public-address 198.51.100.7 is already used by customer C1"),
    (tunnel_on_pvs_port, "pvsnet:pvsnet/customer=C1/tunnel=730c/port",
     "port 2 of openflow:12 has role pvs; a tunnel needs a port with role external or internal"),
    (dangling_site_tunnel, "pvsnet:pvsnet/customer=C1/site=site-1/tunnel",
     "tunnel no-such-tunnel is not a tunnel of customer C1"),
    (tunnel_switch_without_gateway_mac, "pvsnet:pvsnet/switch=openflow:1/gateway-mac",
     "a tunnel-switch needs a gateway-mac"),
    (two_pvs_on_one_port, "pvsnet:pvsnet/customer=C3/pvs=server/port",
     "port 2 of openflow:13 is already used by PVS server of customer C2"),
]


@pytest.mark.parametrize("breakage,path,reason", INVALID, ids=[b.__name__ for b, _, _ in INVALID])
def test_invalid_configuration_is_refused_and_nothing_changes(example, breakage, path, reason):
    bad = copy.deepcopy(example)
    breakage(bad)
    resp = restconf.put(restconf.CONFIG, bad)
    assert resp.status == 400, resp
    error = resp.json()["errors"]["error"][0]
    assert error["error-tag"] == "invalid-value"
    assert error["error-type"] == "application"
    assert error["error-message"].startswith("pvsnet refused the configuration, nothing was applied: ")
    assert path in error["error-message"] and reason in error["error-message"], error["error-message"]
    assert restconf.canonical(stored()) == restconf.canonical(example)


def test_ranges_and_required_leaves_name_the_field(example):
    # pvsnet checks these itself: OpenDaylight's own YANG checks answer without naming the field.
    bad = copy.deepcopy(example)
    vlan_out_of_range(bad)
    del customer(bad, "C2")["pvs"][0]["mac"]
    resp = restconf.put(restconf.CONFIG, bad)
    assert resp.status == 400, resp
    message = resp.error_messages()[0]
    assert "pvsnet:pvsnet/customer=C1/tunnel=710a/vlan/vlan-id: vlan-id 4095 is out of range 1..4094" in message
    assert "pvsnet:pvsnet/customer=C2/pvs=server/mac: missing mandatory leaf" in message
    assert restconf.canonical(stored()) == restconf.canonical(example)


def test_malformed_values_are_refused_by_restconf(example):
    # Known upstream limitation: a malformed ietf-inet-types address gets a 400 invalid-value without a message.
    bad = copy.deepcopy(example)
    customer(bad, "C1")["pvs"][0]["address"] = "10.0.0.300"
    resp = restconf.put(restconf.CONFIG, bad)
    assert resp.status == 400, resp
    assert resp.json()["errors"]["error"][0]["error-tag"] == "invalid-value"
    assert restconf.canonical(stored()) == restconf.canonical(example)


def test_a_bad_sub_resource_post_is_refused(example):
    clash = {"pvsnet:tunnel": [{"name": "710z", "switch": "openflow:1", "port": 1, "vlan": {"vlan-id": 102}}]}
    resp = restconf.post(restconf.CONFIG + "/customer=C3", clash)
    assert resp.status == 400, resp
    assert "pvsnet:pvsnet/customer=C3/tunnel=710z: collides with tunnel 710b of customer C1" in resp.text
    assert restconf.canonical(stored()) == restconf.canonical(example)


def test_a_bad_merge_patch_is_refused(example):
    resp = restconf.patch(restconf.CONFIG + "/customer=C2", {"pvsnet:customer": [{"id": "C2", "number": 3}]})
    assert resp.status == 400, resp
    assert "pvsnet:pvsnet/customer=C3/number: number 3 is already used by customer C2" in resp.text
    assert restconf.canonical(stored()) == restconf.canonical(example)


def test_a_good_sub_resource_change_is_applied(example):
    extra = {"pvsnet:tunnel": [{"name": "710z", "switch": "openflow:1", "port": 2, "vlan": {"vlan-id": 102}}]}
    assert restconf.post(restconf.CONFIG + "/customer=C3", extra).status == 201
    expected = copy.deepcopy(example)
    customer(expected, "C3")["tunnel"].append(extra["pvsnet:tunnel"][0])
    assert restconf.canonical(stored()) == restconf.canonical(expected)


def test_deleting_everything_is_allowed(example):
    assert restconf.delete(restconf.CONFIG).status in (200, 204)
    assert restconf.get(restconf.CONFIG).status in (404, 409)
    restconf.wait_for(lambda: not restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"].get("customer"),
                      timeout=10, what="an empty state")


def test_the_admin_password_can_be_changed():
    def set_password(current, new):
        body = {"name": "admin", "domainid": "sdn", "password": new, "enabled": 1, "description": "admin user",
                "email": ""}
        resp = restconf.request("PUT", "/auth/v1/users/admin@sdn", body, auth=("admin", current),
                                content_type="application/json")
        assert resp.status == 200, resp

    set_password(restconf.PASSWORD, "N3w-secret")
    try:
        assert restconf.get(restconf.STATE).status == 401
        assert restconf.get(restconf.STATE, auth=("admin", "N3w-secret")).status == 200
    finally:
        set_password("N3w-secret", restconf.PASSWORD)
    assert restconf.get(restconf.STATE).status == 200


def test_openapi_describes_pvsnet():
    assert restconf.request("GET", "/openapi/explorer/index.html", accept="text/html").status == 200
    doc = restconf.request("GET", "/openapi/api/v3/single", accept="application/json")
    assert doc.status == 200, doc
    assert "pvsnet:pvsnet" in doc.text


def compiled(cid="C1"):
    """Wait until pvsnet has compiled the stored configuration (its state lists the customer)."""
    restconf.wait_for(lambda: any(c["id"] == cid for c in restconf.get(restconf.STATE).json()
                                  ["pvsnet:pvsnet-state"].get("customer", [])), what=f"{cid} compiled")


def test_rpcs_refuse_bad_input_naming_the_field(example):
    compiled()
    resp = restconf.request("POST", "operations/pvsnet:trace-packet",
                            {"input": {"switch": "openflow:99", "in-port": 1}})
    assert resp.status == 400, resp
    assert resp.error_messages() == ["input/switch: openflow:99 is not a configured switch"]
    resp = restconf.request("POST", "operations/pvsnet:trace-packet",
                            {"input": {"switch": "openflow:1", "in-port": 1, "vlan": {"vlan-id": 101}}})
    assert resp.status == 400, resp
    assert resp.error_messages()[0].startswith("input/source: missing")
    resp = restconf.request("POST", "operations/pvsnet:verify-isolation", {"input": {"customer": "C9"}})
    assert resp.status == 400, resp
    assert resp.error_messages() == ["input/customer: C9 is not a configured customer"]
    resp = restconf.request("POST", "operations/pvsnet:show-customer", {"input": {}})
    assert resp.status == 400, resp
    assert resp.error_messages() == ["input/customer: missing: the customer id"]


def test_trace_and_verify_answer_over_the_compiled_pipeline_without_switches(example):
    compiled()
    resp = restconf.request("POST", "operations/pvsnet:trace-packet", {"input": {
        "switch": "openflow:1", "in-port": 1, "vlan": {"vlan-id": 101},
        "source": "10.1.0.5", "destination": "10.0.0.10"}})
    assert resp.status == 200, resp
    out = resp.json()["pvsnet:output"]
    assert out["delivered"] is True
    assert out["verdict"] == "delivered to PVS main-server of customer C1 on openflow:11 port 2, untagged"
    assert [s["table-name"] for s in out["step"]] == ["CLASSIFY", "FORWARD", "MUX"]
    resp = restconf.request("POST", "operations/pvsnet:verify-isolation", {"input": {"flows": "compiled"}})
    assert resp.status == 200, resp
    out = resp.json()["pvsnet:output"]
    assert out["isolated"] is True and "violation" not in out, out
    assert int(out["packets-checked"]) > 1000
