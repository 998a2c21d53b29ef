"""Internal tunnels over VXLAN and GRE: docs/examples/underlay.json on the wire.

The tunnel switch reaches host 12 through a VXLAN port, host 13 through a GRE port, and host 11 through a VLAN
trunk (the reference, and a self-encapsulating appliance that tags its own frames). The underlay is one
bridge with both ends' addresses (the tunnel switch's 192.168.99.1, the hosts' 192.168.99.2) that sends their
tunnel packets round a cable, where tcpdump reads them (fabric.py, start_host_tunnels). Customers A
and B have the same addresses; each one's web server is on host 12, its database on host 13, its third server on
host 11. The generic
data-plane suite (test_dataplane.py) proves identity, overlap, isolation and spoofing for this example; here the
keys are checked where they travel, and TCP through each at full size. Both ends of an internal GRE tunnel are
Open vSwitch ports: this kernel has no GRE device, and OVS does GRE itself.
"""
import time

import pytest

from fabric import HOSTS_LOCAL, UNDERLAY_LOCAL, Wire, iperf3, ping, port, provisioned, tags


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


def hex_packets(tcpdump_x):
    """The bytes of each packet in `tcpdump -x` output, as one hex string each."""
    packets = []
    for line in tcpdump_x.splitlines():
        if line.startswith("\t0x"):
            if line.startswith("\t0x0000:"):
                packets.append("")
            packets[-1] += "".join(line.split(":", 1)[1].split())
    return packets


def test_an_mpls_site_cross_connected_to_a_vlan_gets_its_frames_through_unchanged_but_for_the_encapsulation(net):
    site, server = net.site_host[("S", "branch")], net.pvs_host[("S", "server")]
    metro, inside = Wire(port(net, "openflow:1", 1)), Wire(port(net, "openflow:1", 4))
    capture = f"/tmp/pvsnet-cap-{server.name}.txt"
    server.cmd(f"tcpdump -Q in -l -n -e -x -i {server.defaultIntf()} 'udp port 7777' > {capture} 2>/dev/null &")
    time.sleep(1)
    site.cmd("/usr/bin/python3 -c \"from scapy.all import *; conf.verb=0; "
             f"sendp(Ether(src='{site.MAC()}',dst='02:00:00:00:18:0a')/IP(src='{site.IP()}',dst='10.0.0.10',ttl=9)/"
             f"UDP(sport=4242,dport=7777)/b'pvsnet-mpls-probe',iface='{site.defaultIntf()}',count=2)\"")
    time.sleep(0.5)
    server.cmd("kill %tcpdump; wait %tcpdump 2>/dev/null")
    with open(capture) as f:
        seen = f.read()
    on_metro = [line for line in metro.read() if "MPLS" in line]
    towards_server = [line for line in inside.read() if "10.0.0.10.7777" in line]
    # on the metro port under label 4001, towards the server under VLAN 2400
    assert on_metro and all("MPLS (label 4001" in line for line in on_metro), on_metro
    assert towards_server and all(tags(line) == [(0x8100, 2400)] for line in towards_server), towards_server
    # at the server: the site's own MACs and TTL (a cross-connect does not route), the payload byte for byte
    assert seen.count(f"{site.MAC()} > 02:00:00:00:18:0a") == 2, seen
    packets = hex_packets(seen)
    assert len(packets) == 2, seen
    for packet in packets:
        # tcpdump -x starts at the IP header: TTL 9 and protocol UDP are its ninth and tenth bytes
        assert packet[16:20] == "0911" and b"pvsnet-mpls-probe".hex() in packet, seen
    # the answer comes back the same way: S's server, not A's, B's or C's with the same address
    assert net.who_answers(site, "10.0.0.10") == "S/server"


@pytest.mark.parametrize("pvs", ["app", "web", "db"], ids=["vlan", "vxlan", "gre"])
def test_tcp_runs_through_the_internal_tunnel_at_full_size(net, pvs):
    report = iperf3(net.site_host[("A", "hq")], net.pvs_host[("A", pvs)], seconds=2)
    mss = report["start"]["tcp_mss_default"]
    received_bytes = report["end"]["sum_received"]["bytes"]
    print(f"TCP A hq -> {pvs}: {report['end']['sum_received']['bits_per_second'] / 1e6:.0f} Mbit/s, MSS {mss}")
    assert mss >= 1448 and received_bytes > 1_000_000, (mss, received_bytes)
