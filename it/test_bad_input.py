"""Bad input over the whole surface: each request refused with a 4xx naming the field and the reason, nothing
stored or deleted that the request did not name, the controller healthy afterwards. RequestGuard answers what
RESTCONF would get wrong (docs/api.md, "Refusals"); the validation cohort answers the rest."""
import copy
import pytest

import restconf
from conftest import customer, tunnel

C = restconf.CONFIG


def stored_text():
    """The stored configuration exactly as RESTCONF writes it: byte-identical means unchanged."""
    resp = restconf.get(C + "?content=config")
    assert resp.status == 200, resp
    return resp.text


def whole(change):
    """The example with one change: a PUT of the whole configuration."""
    def body():
        doc = restconf.load_example()
        change(doc["pvsnet:pvsnet"])
        return doc
    return body


def c1(change):
    return whole(lambda top: change(customer({"pvsnet:pvsnet": top}, "C1")))


def raw(text):
    return lambda: text.encode()


def duplicate_customer(top):
    twin = copy.deepcopy(top["customer"][0])
    twin["number"] = 99
    top["customer"].append(twin)


def two_cases(top):
    tunnel({"pvsnet:pvsnet": top}, "C1", "710a")["untagged"] = [None]


def huge():
    return b'{"pvsnet:pvsnet": {}}' + b" " * (33 * 1024 * 1024)


# (id, method, path under pvsnet:pvsnet, body, status, fragments the error must contain)
BAD = [
    # PUT of the whole configuration: the body itself
    ("wrong module prefix", "PUT", "", lambda: {"foo:pvsnet": {}}, 400,
     ["body: foo:pvsnet names module foo, not pvsnet"]),
    ("no module prefix", "PUT", "", lambda: {"pvsnet": {}}, 400, ["body: pvsnet needs its module: pvsnet:pvsnet"]),
    ("empty body", "PUT", "", raw(""), 400, ["body: empty; a PUT of pvsnet:pvsnet needs a JSON document"]),
    ("empty object", "PUT", "", lambda: {}, 400, ["body: a PUT of pvsnet:pvsnet needs a JSON object with exactly "
                                                   "one member", "not an empty object {}"]),
    ("an array", "PUT", "", lambda: [], 400, ["body: a PUT of pvsnet:pvsnet needs a JSON object"]),
    ("malformed JSON", "PUT", "", raw('{"pvsnet:pvsnet": {'), 400, ["body: not a JSON document"]),
    ("text after the document", "PUT", "", raw('{"pvsnet:pvsnet": {}} }'), 400, ["body: not a JSON document"]),
    ("two top-level members", "PUT", "", lambda: {"pvsnet:pvsnet": {}, "pvsnet:pvsnet-state": {}}, 400,
     ["exactly one member"]),
    ("XML of another namespace", "PUT", "", raw('<pvsnet xmlns="urn:foo"/>'), 400,
     ["Incorrect message root element (urn:foo)pvsnet"]),
    ("payload over 32 MiB", "PUT", "", huge, 413, ["body: more than 33554432 bytes"]),
    # PUT of the whole configuration: one field wrong
    ("customer twice", "PUT", "", whole(duplicate_customer), 400,
     ["pvsnet:pvsnet/customer=C1: customer C1 appears twice in one request"]),
    ("member twice", "PUT", "", raw('{"pvsnet:pvsnet": {"customer": [{"id": "C9", "number": 9, "number": 10}]}}'),
     400, ["pvsnet:pvsnet/customer=C9/number: appears twice in one object"]),
    ("address space twice", "PUT", "", c1(lambda c: c["address-space"].append(c["address-space"][0])), 400,
     ["pvsnet:pvsnet/customer=C1/address-space: 10.0.0.0/8 appears twice"]),
    ("null number", "PUT", "", c1(lambda c: c.update(number=None)), 400,
     ["pvsnet:pvsnet/customer=C1/number: null is not a value"]),
    ("customers not a list", "PUT", "", lambda: {"pvsnet:pvsnet": {"customer": {"id": "C1"}}}, 400,
     ["pvsnet:pvsnet/customer: a list is a JSON array of objects"]),
    ("entry without key", "PUT", "", lambda: {"pvsnet:pvsnet": {"customer": [{"number": 5}]}}, 400,
     ["pvsnet:pvsnet/customer: an entry without its key id"]),
    ("unknown leaf", "PUT", "", c1(lambda c: c.update(colour="red")), 400,
     ["Schema node with name colour was not found under", "customer"]),
    ("number as a word", "PUT", "", c1(lambda c: c.update(number="one")), 400,
     ['pvsnet:pvsnet/customer=C1/number: "one" is not an integer']),
    ("VLAN beyond 16 bits", "PUT", "", whole(lambda t: tunnel({"pvsnet:pvsnet": t}, "C1", "710a")["vlan"].update(
        {"vlan-id": 70000})), 400, ["pvsnet:pvsnet/customer=C1/tunnel=710a/vlan/vlan-id: 70000 is out of range"]),
    ("VLAN 4095", "PUT", "", whole(lambda t: tunnel({"pvsnet:pvsnet": t}, "C1", "710a")["vlan"].update(
        {"vlan-id": 4095})), 400, ["pvsnet:pvsnet/customer=C1/tunnel=710a/vlan/vlan-id: vlan-id 4095 is out of "
                                   "range 1..4094"]),
    ("address 10.0.0.300", "PUT", "", c1(lambda c: c["pvs"][0].update(address="10.0.0.300")), 400,
     ['pvsnet:pvsnet/customer=C1/pvs=main-server/address: "10.0.0.300" is not a valid ipv4-address']),
    ("prefix /33", "PUT", "", c1(lambda c: c.update({"address-space": ["10.0.0.0/33"]})), 400,
     ['pvsnet:pvsnet/customer=C1/address-space: "10.0.0.0/33" is not a valid ipv4-prefix']),
    ("bad MAC", "PUT", "", c1(lambda c: c["pvs"][0].update(mac="02:00:00:00:01")), 400,
     ['pvsnet:pvsnet/customer=C1/pvs=main-server/mac: "02:00:00:00:01" is not a valid mac-address']),
    ("unknown role", "PUT", "", whole(lambda t: t["switch"][0].update(role="router")), 400,
     ['pvsnet:pvsnet/switch=openflow:1/role: "router" is not one of tunnel-switch, host']),
    ("two encapsulations", "PUT", "", whole(two_cases), 400,
     ["pvsnet:pvsnet/customer=C1/tunnel=710a/encapsulation: vlan and untagged are two cases of one choice"]),
    ("name of 65 characters", "PUT", "", c1(lambda c: c["pvs"][0].update(name="s" * 65)), 400,
     ["pvsnet:pvsnet/customer=C1/pvs=" + "s" * 65 + "/name", "is not a name: 1 to 64"]),
    ("odd characters in a name", "POST", "", lambda: {"pvsnet:customer": [{"id": "C 1/\n", "number": 77}]}, 400,
     ["is not a name: 1 to 64 letters"]),
    ("dangling site tunnel", "PUT", "", c1(lambda c: c["site"][0].update(tunnel="nowhere")), 400,
     ["pvsnet:pvsnet/customer=C1/site=site-1/tunnel: tunnel nowhere is not a tunnel of customer C1"]),
    # lower levels
    ("PUT of a customer naming the top", "PUT", "/customer=C1", lambda: {"pvsnet:pvsnet": {}}, 400,
     ["body: member pvsnet:pvsnet does not name the target pvsnet:pvsnet/customer=C1"]),
    ("PUT of a customer under another key", "PUT", "/customer=C1",
     lambda: {"pvsnet:customer": [{"id": "C9", "number": 9}]}, 400, ["is different from identifier name", "C9"]),
    ("PUT switching a case in place", "PUT", "/customer=C1/tunnel=710a/untagged",
     lambda: {"pvsnet:untagged": [None]}, 400,
     ["pvsnet:pvsnet/customer=C1/tunnel=710a/encapsulation: is vlan; a PUT cannot change it to untagged"]),
    ("POST of an existing customer", "POST", "", lambda: {"pvsnet:customer": [{"id": "C1", "number": 1}]}, 409,
     ["Data already exists", "customer[id='C1']"]),
    ("POST naming another module", "POST", "", lambda: {"foo:customer": [{"id": "C9", "number": 9}]}, 400,
     ["body: foo:customer names module foo, not pvsnet"]),
    ("POST of a customer with a used number", "POST", "",
     lambda: {"pvsnet:customer": [{"id": "C9", "number": 1}]}, 400,
     ["pvsnet:pvsnet/customer=C9/number: number 1 is already used by customer C1"]),
    ("POST of a clashing tunnel", "POST", "/customer=C3",
     lambda: {"pvsnet:tunnel": [{"name": "710z", "switch": "openflow:1", "port": 1, "vlan": {"vlan-id": 102}}]}, 400,
     ["pvsnet:pvsnet/customer=C3/tunnel=710z: collides with tunnel 710b of customer C1"]),
    ("PATCH changing an encapsulation", "PATCH", "/customer=C1/tunnel=710a",
     lambda: {"pvsnet:tunnel": [{"name": "710a", "untagged": [None]}]}, 400,
     ["pvsnet:pvsnet/customer=C1/tunnel=710a/encapsulation: is vlan; a PATCH cannot change it to untagged"]),
    ("PATCH with a null", "PATCH", "/customer=C1", lambda: {"pvsnet:customer": [{"id": "C1", "number": None}]},
     400, ["pvsnet:pvsnet/customer=C1/number: null is not a value"]),
    ("PATCH taking another customer's number", "PATCH", "/customer=C2",
     lambda: {"pvsnet:customer": [{"id": "C2", "number": 3}]}, 400,
     ["pvsnet:pvsnet/customer=C3/number: number 3 is already used by customer C2"]),
    ("PATCH of a port role", "PATCH", "/switch=openflow:1",
     lambda: {"pvsnet:switch": [{"node-id": "openflow:1", "port": [{"number": 1, "role": "uplink"}]}]}, 400,
     ['pvsnet:pvsnet/switch=openflow:1/port=1/role: "uplink" is not one of']),
    ("DELETE of a tunnel a site uses", "DELETE", "/customer=C1/tunnel=710a", None, 409,
     ["pvsnet:pvsnet/customer=C1/tunnel=710a: cannot be deleted while the rest of the configuration needs it",
      "pvsnet:pvsnet/customer=C1/site=site-1/tunnel: tunnel 710a is not a tunnel of customer C1"]),
    ("DELETE of a host a PVS is on", "DELETE", "/switch=openflow:12", None, 409,
     ["pvsnet:pvsnet/switch=openflow:12: cannot be deleted", "pvs=backup-server/host"]),
    ("DELETE of the gateway MAC", "DELETE", "/switch=openflow:1/gateway-mac", None, 409,
     ["pvsnet:pvsnet/switch=openflow:1/gateway-mac: a tunnel-switch needs a gateway-mac"]),
    ("DELETE of a missing customer", "DELETE", "/customer=C99", None, 409,
     ["Data does not exist", "customer[id='C99']"]),
]


@pytest.mark.parametrize("method,path,body,status,fragments", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_request_is_refused_naming_the_field_and_nothing_changes(example, method, path, body, status,
                                                                       fragments):
    before = stored_text()
    payload = body() if body else None
    xml = isinstance(payload, bytes) and payload.startswith(b"<")
    resp = restconf.request(method, "data/" + C + path, payload,
                            content_type="application/yang-data+xml" if xml else "application/yang-data+json")
    assert resp.status == status, resp
    errors = resp.json()["errors"]["error"]   # every refusal is an RFC 8040 errors document
    text = "\n".join(str(value) for error in errors for value in error.values())
    for fragment in fragments:
        assert fragment in text, (fragment, resp)
    assert stored_text() == before


def test_the_suite_covers_every_method_and_level():
    assert len(BAD) >= 30
    assert {b[1] for b in BAD} == {"PUT", "POST", "PATCH", "DELETE"}
    assert all(400 <= b[4] < 500 for b in BAD)


def test_after_the_bad_requests_good_ones_are_applied(example):
    assert restconf.patch(C + "/customer=C2", {"pvsnet:customer": [{"id": "C2", "number": 42}]}).status in (200, 204)
    assert restconf.delete(C + "/customer=C3").status in (200, 204)
    restconf.wait_for(lambda: sorted(c["id"] for c in restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
                                     .get("customer", [])) == ["C1", "C2"], timeout=10, what="C3 gone from the state")
    expected = copy.deepcopy(example)
    customer(expected, "C2")["number"] = 42
    expected["pvsnet:pvsnet"]["customer"] = [c for c in expected["pvsnet:pvsnet"]["customer"] if c["id"] != "C3"]
    assert restconf.canonical(restconf.get(C + "?content=config").json()) == restconf.canonical(expected)
