"""Internal tunnels over VXLAN and GRE: docs/examples/underlay.json on the wire.

The tunnel switch reaches host 12 through a VXLAN port, host 13 through a GRE port, and host 11 through a VLAN
trunk (the reference, and a self-encapsulating appliance that tags its own frames). The underlay is one
bridge with both ends' addresses (the tunnel switch's 192.168.99.1, the hosts' 192.168.99.2) that sends their
tunnel packets round a cable, where tcpdump reads them (fabric.py, start_host_tunnels). Customers A
and B have the same addresses; each one's web server is on host 12, its database on host 13, its third server on
host 11. The generic
data-plane suite (test_dataplane.py) proves identity, overlap, isolation and spoofing for this example; here the
keys are checked where they travel, and TCP through each at full size. Unlike an external GRE site, which this
kernel cannot play, both ends of an internal GRE tunnel are Open vSwitch ports: OVS does GRE itself.
"""
import pytest

from fabric import HOSTS_LOCAL, UNDERLAY_LOCAL, Wire, iperf3, ping, provisioned, tags


@pytest.fixture(scope="module")
def net():
    with provisioned("underlay.json", addressing="gateway") as fabric:
        yield fabric


def on_the_underlay(net, host, address):
    """(outer header, inner frame) of each tunnel packet on the underlay's cable while host pings address.
    tcpdump prints the frame a VXLAN packet carries on the line after the outer header, and the frame of a GRE
    packet on the same line, after the GRE header."""
    wire = Wire(net.underlay_loop.intf1.name)
    ping(host, address)
    lines = wire.read()
    packets = []
    for i, line in enumerate(lines):
        if "VXLAN" in line:
            packets.append((line, lines[i + 1] if i + 1 < len(lines) else ""))
        elif "GREv0" in line:
            outer, _, inner = line.partition("proto TEB")
            packets.append((outer, inner))
    return packets


@pytest.mark.parametrize("cid,pvs,address,there,back", [
    ("A", "web", "10.0.0.10", f"{UNDERLAY_LOCAL}.", f"> {UNDERLAY_LOCAL}.4789"),
    ("B", "web", "10.0.0.10", f"{UNDERLAY_LOCAL}.", f"> {UNDERLAY_LOCAL}.4789"),
    ("A", "db", "10.0.0.11", f"{UNDERLAY_LOCAL} > {HOSTS_LOCAL}: GRE", f"{HOSTS_LOCAL} > {UNDERLAY_LOCAL}: GRE"),
    ("B", "db", "10.0.0.11", f"{UNDERLAY_LOCAL} > {HOSTS_LOCAL}: GRE", f"{HOSTS_LOCAL} > {UNDERLAY_LOCAL}: GRE"),
], ids=["A-vxlan", "B-vxlan", "A-gre", "B-gre"])
def test_each_customer_crosses_the_underlay_under_its_own_key(net, cid, pvs, address, there, back):
    key = next(t for t in net.customers[cid]["tunnel"]
               if t["name"] == next(p for p in net.customers[cid]["pvs"] if p["name"] == pvs)["tunnel"])
    key = key["vxlan"]["vni"] if "vxlan" in key else key["gre"]["key"]
    marker = f"vni {key}" if pvs == "web" else f"key=0x{key:x}"
    packets = on_the_underlay(net, net.site_host[(cid, "hq")], address)
    requests = [(outer, inner) for outer, inner in packets if f"10.1.0.1 > {address}" in inner]
    replies = [(outer, inner) for outer, inner in packets if f"{address} > 10.1.0.1" in inner]
    assert requests and all(there in outer and marker in outer for outer, _ in requests), packets
    assert replies and all(back in outer and marker in outer for outer, _ in replies), packets
    assert net.who_answers(net.site_host[(cid, "hq")], address) == f"{cid}/{pvs}"


def test_a_self_encapsulating_appliance_behind_a_vlan_gets_and_sends_its_tagged_frames_whole(net):
    appliance = net.self_encapsulating[("B", "appliance")]
    wire = Wire(appliance.intfs[1].name)    # between host 11's PVS port and the bridge that tags for the appliance
    ping(net.site_host[("B", "hq")], "10.0.0.12")
    seen = [line for line in wire.read() if "10.0.0.12" in line]
    assert any("> 10.0.0.12" in line for line in seen) and any("10.0.0.12 >" in line for line in seen), seen
    assert all(tags(line) == [(0x8100, 2200)] for line in seen), seen
    # A's app server has the same address, behind VLAN 2100 on the same host
    assert net.who_answers(net.site_host[("A", "hq")], "10.0.0.12") == "A/app"
    assert net.who_answers(net.site_host[("B", "hq")], "10.0.0.12") == "B/appliance"


@pytest.mark.parametrize("pvs", ["app", "web", "db"], ids=["vlan", "vxlan", "gre"])
def test_tcp_runs_through_the_internal_tunnel_at_full_size(net, pvs):
    report = iperf3(net.site_host[("A", "hq")], net.pvs_host[("A", pvs)], seconds=2)
    mss = report["start"]["tcp_mss_default"]
    received_bytes = report["end"]["sum_received"]["bytes"]
    print(f"TCP A hq -> {pvs}: {report['end']['sum_received']['bits_per_second'] / 1e6:.0f} Mbit/s, MSS {mss}")
    assert mss >= 1448 and received_bytes > 1_000_000, (mss, received_bytes)
