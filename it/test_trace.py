"""trace-packet checked against Open vSwitch itself, and the traffic counters, on Mininet.

For each seed figure, packets are walked twice: by pvsnet's trace-packet RPC over the compiled pipeline,
and by `ovs-appctl ofproto/trace` over the flows the switches really hold, bridge after bridge across the
internal links. Both must end at the same (switch, port, VLAN), and that end must be the one the
configuration implies: each site's packet to each PVS of its customer, each PVS's packet to each site,
a spoofed source, and packets addressed to other customers' PVSs.
"""
import re
import subprocess
from dataclasses import dataclass

import pytest

import restconf
from fabric import first_address, provisioned, vlan_of

FIGURES = ["fig-3.json", "fig-6.json", "figs-7-8-9.json"]
SPOOFED = "10.99.0.66"


@pytest.fixture(scope="module", params=FIGURES)
def fabric(request):
    with provisioned(request.param) as net:
        yield net


# -- the two walks -------------------------------------------------------------------------------------------

@dataclass
class Packet:
    """An IPv4 packet (ICMP echo, as trace-packet sends) entering switch NODE on IN_PORT with tag VLAN."""
    node: str
    in_port: int
    vlan: int | None
    src_mac: str
    dst_mac: str
    source: str
    destination: str


def rpc_ends(packet):
    """Where trace-packet says copies of PACKET leave the fabric: sorted (switch, port, VLAN or None)."""
    body = {"switch": packet.node, "in-port": packet.in_port, "source": packet.source,
            "destination": packet.destination, "protocol": "ip", "source-mac": packet.src_mac}
    body.update({"vlan": {"vlan-id": packet.vlan}} if packet.vlan else {"untagged": [None]})
    resp = restconf.request("POST", "operations/pvsnet:trace-packet", {"input": body})
    assert resp.status == 200, resp
    ends = []
    for exit_ in resp.json()["pvsnet:output"].get("exit", []):
        port = exit_["port"]
        tag = exit_.get("encapsulation", "untagged")
        ends.append((exit_["switch"], int(port) if port.isdigit() else port,
                     int(tag.split()[1]) if tag.startswith("vlan ") else None))
    return sorted(ends, key=str)


def datapath_ports():
    """Datapath port number -> (bridge, OpenFlow port): all userspace bridges share the one netdev datapath,
    and ofproto/trace names datapath ports in its 'Datapath actions:'."""
    out = subprocess.run(["ovs-appctl", "dpif/show"], check=True, capture_output=True, text=True).stdout
    ports, bridge = {}, None
    for line in out.splitlines():
        if re.fullmatch(r"  \S+:", line):
            bridge = line.strip()[:-1]
        elif match := re.match(r"    \S+ (\d+)/(\d+):", line):
            ports[int(match.group(2))] = (bridge, int(match.group(1)))
    return ports


def split_actions(text):
    """Top-level actions of a 'Datapath actions:' line; commas inside parentheses belong to an action."""
    actions, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            actions.append(text[start:i])
            start = i + 1
    return actions + [text[start:]]


def datapath_outputs(trace, vlan):
    """(datapath port or CONTROLLER, VLAN or None) of each output of an ofproto/trace, replaying the
    datapath actions' pops and pushes on the packet's tag."""
    line = next(x for x in trace.splitlines() if x.startswith("Datapath actions:"))
    outputs = []
    for action in split_actions(line.split(":", 1)[1].strip()):
        if action == "pop_vlan":
            vlan = None
        elif action.startswith("push_vlan("):
            vlan = int(re.search(r"vid=(\d+)", action).group(1))
        elif action.isdigit():
            outputs.append((int(action), vlan))
        elif action.startswith("userspace("):
            outputs.append(("CONTROLLER", vlan))
    return outputs


def ovs_ends(fabric, packet):
    """Where Open vSwitch sends PACKET: traced on its entry bridge, and again on the next bridge for every
    copy that leaves on an internal link, until it leaves on a port that is not one. Sorted like rpc_ends."""
    ports = datapath_ports()
    node_of = {bridge.name: node for node, bridge in fabric.bridge.items()}
    links = fabric.internal_links()
    links.update({far: near for near, far in list(links.items())})

    def walk(node, in_port, vlan, hops):
        tag = f"dl_vlan={vlan}" if vlan else "vlan_tci=0"
        flow = (f"in_port={in_port},{tag},dl_src={packet.src_mac},dl_dst={packet.dst_mac},icmp,icmp_type=8,"
                f"nw_src={packet.source},nw_dst={packet.destination},nw_ttl=64")
        ends = []
        for port, out_vlan in datapath_outputs(fabric.trace(node, flow), vlan):
            if port == "CONTROLLER":
                ends.append((node, port, out_vlan))
                continue
            bridge, of_port = ports[port]
            here = (node_of[bridge], of_port)
            assert hops < 4, f"{packet} loops: {here}"
            ends += walk(*links[here], out_vlan, hops + 1) if here in links else [(*here, out_vlan)]
        return ends

    return sorted(walk(packet.node, packet.in_port, packet.vlan, 0), key=str)


# -- the geometry of a figure ------------------------------------------------------------------------------

def site_address(site):
    return site.get("next-hop") or first_address(site["prefix"][0])


def gateway_or(fabric, tunnel, peer_mac):
    """The MAC a packet on TUNNEL is sent to: the tunnel switch's gateway when it routes the tunnel, else the
    peer's own."""
    sw = fabric.switches[tunnel["switch"]]
    routed = sw["role"] == "tunnel-switch" and tunnel.get("service", "packet-switching") == "packet-switching"
    return sw["gateway-mac"] if routed else peer_mac


def from_site(fabric, cid, site, source, destination, destination_mac):
    tunnel = fabric.tunnel(cid, site["tunnel"])
    return Packet(tunnel["switch"], tunnel["port"], vlan_of(tunnel), fabric.site_host[(cid, site["name"])].MAC(),
                  gateway_or(fabric, tunnel, destination_mac), source, destination)


def end_of_tunnel(fabric, cid, name):
    tunnel = fabric.tunnel(cid, name)
    return (tunnel["switch"], tunnel["port"], vlan_of(tunnel))


def owners(fabric):
    """(switch, port, VLAN) -> customer, for every PVS port and every tunnel end."""
    ends = {}
    for cid, customer in fabric.customers.items():
        ends.update({(p["host"], p["port"], None): cid for p in customer.get("pvs", [])})
        ends.update({end_of_tunnel(fabric, cid, t["name"]): cid for t in customer.get("tunnel", [])})
    return ends


def sites(fabric):
    return [(cid, site) for cid, c in sorted(fabric.customers.items()) for site in c.get("site", [])]


def pvss(fabric):
    return [(cid, pvs) for cid, c in sorted(fabric.customers.items()) for pvs in c.get("pvs", [])]


def both_walks(fabric, packet):
    """OVS's walk of PACKET, after checking that trace-packet ends in the same places."""
    ovs = ovs_ends(fabric, packet)
    assert rpc_ends(packet) == ovs, f"{fabric.figure}: {packet}"
    return ovs


# -- the tests ---------------------------------------------------------------------------------------------

def test_a_sites_packet_reaches_each_pvs_of_its_customer(fabric):
    for cid, site in sites(fabric):
        for owner, pvs in pvss(fabric):
            if owner == cid:
                packet = from_site(fabric, cid, site, site_address(site), pvs["address"], pvs["mac"])
                assert both_walks(fabric, packet) == [(pvs["host"], pvs["port"], None)], packet


def test_a_pvss_packet_reaches_each_site_of_its_customer_on_the_sites_return_tunnel(fabric):
    for cid, pvs in pvss(fabric):
        for owner, site in sites(fabric):
            if owner == cid:
                towards = fabric.tunnel(cid, pvs["tunnel"])
                packet = Packet(pvs["host"], pvs["port"], None, pvs["mac"],
                                gateway_or(fabric, towards, site.get("router-mac", "02:ce:00:00:00:01")),
                                pvs["address"], site_address(site))
                back = end_of_tunnel(fabric, cid, site.get("return-tunnel", site["tunnel"]))
                assert both_walks(fabric, packet) == [back], packet


def test_a_spoofed_source_from_a_site_is_dropped(fabric):
    """Sites behind packet-switching tunnels only: a tunnel-switching cross-connect does not look into its
    frames (seed Fig 8), so it carries any source to its own customer's PVS."""
    checked = 0
    for cid, site in sites(fabric):
        if fabric.tunnel(cid, site["tunnel"]).get("service") == "tunnel-switching":
            continue
        for owner, pvs in pvss(fabric):
            if owner == cid:
                packet = from_site(fabric, cid, site, SPOOFED, pvs["address"], pvs["mac"])
                assert both_walks(fabric, packet) == [], packet
                checked += 1
    assert checked


def test_another_customers_pvs_address_never_leads_to_that_customer(fabric):
    ends = owners(fabric)
    for cid, site in sites(fabric):
        own = {pvs["address"]: (pvs["host"], pvs["port"], None) for owner, pvs in pvss(fabric) if owner == cid}
        for owner, pvs in pvss(fabric):
            if owner == cid:
                continue
            packet = from_site(fabric, cid, site, site_address(site), pvs["address"], pvs["mac"])
            reached = both_walks(fabric, packet)
            assert all(ends.get(end) in (cid, None) for end in reached), (packet, reached)
            if pvs["address"] in own and fabric.tunnel(cid, site["tunnel"]).get("service") != "tunnel-switching":
                assert reached == [own[pvs["address"]]], (packet, reached)


def counters():
    """Packets counted per customer and per (customer, tunnel), from pvsnet-state."""
    state = restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
    per_customer, per_tunnel = {}, {}
    for customer in state.get("customer", []):
        per_customer[customer["id"]] = int(customer.get("counters", {}).get("packets", 0))
        for tunnel in customer.get("tunnel", []):
            per_tunnel[(customer["id"], tunnel["name"])] = int(tunnel.get("counters", {}).get("packets", 0))
    return per_customer, per_tunnel


def test_pings_from_a_site_are_counted_for_its_customer_and_tunnel_only(fabric):
    cid, site = sites(fabric)[0]
    pvs = next(p for owner, p in pvss(fabric) if owner == cid)
    key = (cid, site["tunnel"])
    before, before_tunnel = counters()
    out = fabric.site_host[(cid, site["name"])].cmd(f"ping -c 20 -i 0.05 -W 1 {pvs['address']}")
    assert " 20 received" in out, out

    def grown():
        now, now_tunnel = counters()
        return (now[cid] - before[cid] >= 20 and now_tunnel[key] - before_tunnel[key] >= 20) and now

    after = restconf.wait_for(grown, timeout=15, interval=0.5, what=f"{cid} and tunnel {key[1]} counting 20 pings")
    others = {other: (before[other], after[other]) for other in before if other != cid}
    assert all(b == a for b, a in others.values()), others
