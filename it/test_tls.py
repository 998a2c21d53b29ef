"""OpenFlow over TLS, once end to end (docs/operations.md, "OpenFlow over TLS").

`./pvsnet tls on` makes certificates with ovs-pki, switches openflowplugin's listeners (6653 and the legacy 6633)
to TLS with client certificates required, and gives this machine's Open vSwitch the switch certificate. Then:

- the network of one_tunnel_switch.py, its bridges connected with ssl:127.0.0.1:6653, is programmed over TLS and
  carries each customer's traffic to its own PVS (two customers with the same addresses);
- a client without a certificate of the switch CA gets no OpenFlow session, and a bridge connecting in plain TCP
  is not accepted: it never shows up as a switch.

`./pvsnet tls off` puts plain TCP back afterwards, for the tests that follow.
"""
import os
import socket
import ssl
import subprocess
import time

import pytest

import one_tunnel_switch
import restconf
from controller import pvsnet
from fabric import add_bridge, controller_of, provisioned
from one_tunnel_switch import TS

PKI = os.path.join(os.environ.get("PVSNET_RUN", os.path.join(os.path.dirname(__file__), "..", ".run")), "pki")


def config():
    return {"pvsnet:pvsnet": {
        "switch": one_tunnel_switch.switches(["m-web", "n-web"]),
        "customer": [one_tunnel_switch.customer("M", 91, 901, 100, 2, "test_tls: customer M"),
                     one_tunnel_switch.customer("N", 92, 902, 200, 3, "test_tls: customer N")]}}


@pytest.fixture(scope="module")
def tls():
    pvsnet("tls", "on")
    try:
        yield
    finally:
        pvsnet("tls", "off")


@pytest.fixture(scope="module")
def net(tls):
    with provisioned("test_tls", addressing="gateway", doc=config(), protocol="ssl") as fabric:
        yield fabric


def test_switches_over_tls_are_programmed_and_carry_each_customers_traffic(net):
    for bridge in net.bridge.values():
        assert controller_of(bridge.name) == ("ssl:127.0.0.1:6653", "true")
    assert net.who_answers(net.site_host[("M", "hq")], "10.0.0.10") == "M/web"
    assert net.who_answers(net.site_host[("N", "hq")], "10.0.0.10") == "N/web"
    state = restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
    assert {s["node-id"]: s["state"] for s in state["switch"]} == {TS: "programmed", one_tunnel_switch.HOST:
                                                                    "programmed"}


def first_bytes(certificate):
    """Connect to 6653 over TLS, trusting the controller CA, with the switch's certificate or none: the first
    bytes the controller sends (an OpenFlow HELLO starts with version 4), or the error."""
    context = ssl.create_default_context(cafile=os.path.join(PKI, "ca", "controllerca", "cacert.pem"))
    context.check_hostname = False
    if certificate:
        context.load_cert_chain(os.path.join(PKI, "switch-cert.pem"), os.path.join(PKI, "switch-privkey.pem"))
    try:
        with socket.create_connection(("127.0.0.1", 6653), timeout=5) as raw:
            with context.wrap_socket(raw) as tls_socket:
                return tls_socket.recv(8)
    except (ssl.SSLError, OSError) as e:
        return e


def test_only_a_client_with_a_switch_certificate_gets_an_openflow_session(tls):
    hello = first_bytes(certificate=True)
    assert isinstance(hello, bytes) and hello[:2] == b"\x04\x00", hello   # OpenFlow 1.3 HELLO
    refused = first_bytes(certificate=False)
    assert not (isinstance(refused, bytes) and refused), refused
    print(f"\nwith the switch certificate: {hello.hex()}; without: {refused!r}")


def test_a_bridge_in_plain_tcp_is_not_accepted(tls):
    name, node = "tcp-only", "openflow:93"
    add_bridge(name, 93)
    try:
        time.sleep(10)
        assert controller_of(name) == ("tcp:127.0.0.1:6653", "false")
        resp = restconf.get(f"opendaylight-inventory:nodes/node={node}?content=nonconfig")
        assert resp.status in (404, 409), resp   # RESTCONF: 409 data-missing
    finally:
        subprocess.run(["ovs-vsctl", "--if-exists", "del-br", name], check=True)
