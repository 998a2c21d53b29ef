"""Encapsulations on the wire: what tcpdump sees on each link of docs/examples/qinq.json, and TCP through them.

The generic data-plane suite (test_dataplane.py) proves reachability, isolation, spoofing and tunnel switching for
this example too; here the headers themselves are checked where they travel:

- customer Q1's site-1 arrives over QinQ with an 802.1ad outer tag (0x88a8, vlan 100) and an 802.1Q inner tag
  (vlan 10); its server sits behind an internal QinQ tunnel (0x8100 300, 0x8100 1) and its self-encapsulating
  appliance receives its tunnel's frames whole (301, 1);
- customer V2 (a VLAN site, the same addresses as Q1) has its server behind 300/2: the outer tag 300 is shared
  with Q1's server tunnel on the same link;
- customer T3's site is tunnel-switched from QinQ (100/30) to a VLAN (230), frames otherwise untouched.

TCP runs through QinQ at full-size segments (the trunks between bridges have room for two tags; the hosts keep
an MTU of 1500). Throughput numbers are bench/encapsulations.py's job; here TCP must simply work.
"""
import pytest

from fabric import Wire, iperf3, ping, port, provisioned, tags


@pytest.fixture(scope="module")
def net():
    with provisioned("qinq.json", addressing="gateway") as fabric:
        yield fabric


def test_a_qinq_site_arrives_with_both_tags_and_leaves_towards_the_server_with_the_internal_ones(net):
    site = net.site_host[("Q1", "site-1")]
    metro, to_host = Wire(port(net, "openflow:1", 1)), Wire(port(net, "openflow:1", 2))
    ping(site, "10.0.0.10")
    seen_metro, seen_host = metro.read(), to_host.read()
    requests = [line for line in seen_metro if "10.1.0.1 > 10.0.0.10" in line]
    replies = [line for line in seen_metro if "10.0.0.10 > 10.1.0.1" in line]
    assert requests and replies, seen_metro
    # 802.1ad outer tag 100, 802.1Q inner tag 10, both ways
    assert all(tags(line) == [(0x88a8, 100), (0x8100, 10)] for line in requests + replies), requests + replies
    inside = [line for line in seen_host if "10.0.0.10" in line]
    assert inside and all(tags(line) == [(0x8100, 300), (0x8100, 1)] for line in inside), inside


def test_two_customers_share_an_outer_tag_and_stay_apart_by_the_inner_one(net):
    to_host = Wire(port(net, "openflow:1", 2))
    ping(net.site_host[("V2", "site-1")], "10.0.0.10")
    seen = to_host.read()
    inside = [line for line in seen if "10.0.0.10" in line]
    # V2's server: the outer tag 300 that Q1's server tunnel also uses, inner tag 2
    assert inside and all(tags(line) == [(0x8100, 300), (0x8100, 2)] for line in inside), inside
    assert net.who_answers(net.site_host[("V2", "site-1")], "10.0.0.10") == "V2/server"
    assert net.who_answers(net.site_host[("Q1", "site-1")], "10.0.0.10") == "Q1/server"


def test_a_self_encapsulating_pvs_gets_and_sends_its_tunnel_frames_whole(net):
    appliance = net.self_encapsulating[("Q1", "appliance")]
    wire = Wire(appliance.intfs[1].name)    # between the host bridge's PVS port and the appliance's tagger
    ping(net.site_host[("Q1", "site-1")], "10.0.0.20")
    seen = [line for line in wire.read() if "10.0.0.20" in line]
    assert any("> 10.0.0.20" in line for line in seen) and any("10.0.0.20 >" in line for line in seen), seen
    assert all(tags(line) == [(0x8100, 301), (0x8100, 1)] for line in seen), seen


def test_a_qinq_tunnel_switched_to_a_vlan_keeps_the_frame_and_changes_only_the_tags(net):
    site = net.site_host[("T3", "site-1")]
    metro, to_host = Wire(port(net, "openflow:1", 1)), Wire(port(net, "openflow:1", 3))
    site.cmd("/usr/bin/python3 -c \"from scapy.all import *; conf.verb=0; "
             f"sendp(Ether(src='{site.MAC()}',dst='02:00:00:00:03:0a',type=0x88b5)/Raw(b'pvsnet-qinq-probe'),"
             f"iface='{site.defaultIntf()}',count=2)\"")
    outside = [line for line in metro.read() if "0x88b5" in line]
    inside = [line for line in to_host.read() if "0x88b5" in line]
    assert len(outside) == 2 and all(tags(line) == [(0x88a8, 100), (0x8100, 30)] for line in outside), outside
    assert len(inside) == 2 and all(tags(line) == [(0x8100, 230)] for line in inside), inside
    assert all(f"{site.MAC()} > 02:00:00:00:03:0a" in line for line in inside), inside


def test_tcp_runs_through_qinq_at_full_size(net):
    report = iperf3(net.site_host[("Q1", "site-1")], net.pvs_host[("Q1", "server")], seconds=2)
    received = report["end"]["sum_received"]["bytes"]
    mss = report["start"]["tcp_mss_default"]
    print(f"TCP Q1 site-1 -> server over QinQ: {report['end']['sum_received']['bits_per_second'] / 1e6:.0f} "
          f"Mbit/s, MSS {mss}")
    assert mss >= 1448 and received > 1_000_000, (mss, received)
