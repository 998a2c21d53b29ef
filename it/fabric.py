"""A Mininet network built from a pvsnet example configuration, for end-to-end proofs.

Every switch of the configuration becomes a userspace OVS bridge (netdev datapath, OpenFlow 1.3)
controlled by pvsnet through OpenDaylight. Links are the ones the configuration implies: an internal
tunnel's tunnel-switch port is wired to the uplink of the host of the PVS it serves. Each external port
gets a "customer edge" bridge that pvsnet does NOT control: it stands for the customers' networks and
puts each site's frames into the site's tunnel (the kernel here has no 8021q module, so tagging is done
in OVS). Behind it, one Mininet host per site plays the site's router; one Mininet host per PVS plays
the PVS. Addresses follow the configuration. Two addressing modes for the hosts:

- "on-link": every host puts all of 10/8 on-link, so it ARPs for every peer and the tunnel switch's proxy
  ARP answers for the peer;
- "gateway": hosts are configured as real ones. A site router gets `<next-hop>/<len>` and a PVS
  `<address>/<len>`, where len is the prefix length of the customer's gateway whose subnet contains the
  address, and a default route via that gateway; the tunnel switch answers ARP for the gateway and routes.
  A host whose customer has no gateway covering it (Fig 3, a tunnel-switched customer) stays on-link /8.

A switch port of role "internet" gets one Mininet host, the upstream router of the switch's "internet"
container: address `<next-hop>/24`, MAC `router-mac` (`Fabric.internet_host[node-id]`). Configurations
without an internet port get none.
"""
import contextlib
import ipaddress
import json
import re
import subprocess
import time

from mininet.link import Link
from mininet.net import Mininet
from mininet.node import Host, OVSSwitch, RemoteController

import restconf

UDP_PORT = 7777
SERVER_FILE = "/tmp/pvsnet-identity-server.py"
CLIENT_FILE = "/tmp/pvsnet-identity-client.py"

# Answers every UDP datagram with the identity of the PVS (customer/name): proof of who answered, since
# addresses overlap across customers.
IDENTITY_SERVER = (
    "import socket,sys\n"
    "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
    f"s.bind(('0.0.0.0',{UDP_PORT}))\n"
    "while True:\n"
    "    d,a=s.recvfrom(2048)\n"
    "    s.sendto(sys.argv[1].encode(),a)\n")

IDENTITY_CLIENT = (
    "import socket,sys\n"
    "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
    "s.settimeout(float(sys.argv[2]))\n"
    "for _ in range(3):\n"
    "    try:\n"
    f"        s.sendto(b'who',(sys.argv[1],{UDP_PORT}))\n"
    "        print(s.recvfrom(2048)[0].decode()); break\n"
    "    except OSError: pass\n"
    "else: print('TIMEOUT')\n")


def dpid(node_id):
    return "%016x" % int(node_id.split(":")[1])


def free_datapath_ids(node_ids):
    """Delete any bridge left with one of these datapath ids (e.g. the tunnel switch `./pvsnet demo` leaves
    connected): two bridges with one id would both connect as the same OpenFlow node and take turns."""
    wanted = {dpid(node_id) for node_id in node_ids}
    out = subprocess.run(["ovs-vsctl", "--format=csv", "--data=bare", "--no-headings", "--columns=name,datapath_id",
                          "list", "bridge"], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        name, _, datapath_id = line.partition(",")
        if datapath_id.strip() in wanted:
            subprocess.run(["ovs-vsctl", "--if-exists", "del-br", name], check=True)


MININET_INTERFACE = re.compile(r"^[a-z]+\d+-eth\d+$")


def remove_stale_interfaces():
    """Delete Mininet interfaces a killed run left in the root namespace: Mininet creates its veths without
    deleting same-named ones first, so one leftover fails every later network with "File exists"."""
    out = subprocess.run(["ip", "-o", "link", "show"], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        name = line.split(":")[1].strip().split("@")[0]
        if MININET_INTERFACE.match(name):
            subprocess.run(["ip", "link", "del", name], capture_output=True)


def vlan_of(tunnel):
    return tunnel["vlan"]["vlan-id"] if "vlan" in tunnel else None


TAG_PROTOCOL = {"dot1q": 0x8100, "dot1ad": 0x88a8}


def tags_of(tunnel):
    """The tunnel's tags on the wire as (tpid, vlan id), outermost first; [] for a leased line and for a tunnel
    whose header is not a tag (MPLS, VXLAN, GRE)."""
    if "vlan" in tunnel:
        return [(0x8100, tunnel["vlan"]["vlan-id"])]
    if "qinq" in tunnel:
        qinq = tunnel["qinq"]
        return [(TAG_PROTOCOL[qinq.get("outer-tag-protocol", "dot1q")], qinq["outer-vlan-id"]),
                (0x8100, qinq["inner-vlan-id"])]
    return []


def label_of(tunnel):
    """The tunnel's MPLS label, or None."""
    return tunnel["mpls"]["label"] if "mpls" in tunnel else None


def key_of(tunnel):
    """("vxlan", vni) or ("gre", key) for a tunnel on a flow-based tunnel port, else None."""
    if "vxlan" in tunnel:
        return "vxlan", tunnel["vxlan"]["vni"]
    if "gre" in tunnel:
        return "gre", tunnel["gre"]["key"]
    return None


# The underlay of VXLAN and GRE tunnel ports: one userspace bridge with the tunnel switch's address on its local
# port; behind it, one namespace per VXLAN port plays the far tunnel endpoint (VTEP). This kernel has no GRE
# device: the far end of a GRE port is an Open vSwitch bridge whose GRE port sends from an address of ul0 too.
UNDERLAY = ipaddress.ip_network("192.168.99.0/24")
UNDERLAY_LOCAL = "192.168.99.1"
# The hosts' end of internal VXLAN/GRE tunnels (hosts whose uplink is a tunnel port): a second address of ul0.
HOSTS_LOCAL = "192.168.99.2"
# ul0's ports of the cable that carries the internal tunnels' packets between those two addresses
LOOP_OUT, LOOP_IN = 100, 101


# Links between two bridges carry tagged frames: QinQ adds 8 bytes to a 1500-byte packet, more than a veth lets
# through (it allows one tag). The hosts keep 1500.
TRUNK_MTU = 1600


ADDRESSING = ("on-link", "gateway")


class Fabric:
    def __init__(self, config, addressing="on-link", protocol="tcp"):
        assert addressing in ADDRESSING, addressing
        self.addressing = addressing
        self.protocol = protocol
        self.config = config["pvsnet:pvsnet"]
        self.switches = {s["node-id"]: s for s in self.config["switch"]}
        self.customers = {c["id"]: c for c in self.config["customer"]}
        self.net = None
        self.bridge = {}        # node-id -> Mininet switch
        self.site_host = {}     # (customer, site) -> Mininet host
        self.pvs_host = {}      # (customer, pvs) -> Mininet host
        self.internet_host = {}  # node-id of a switch with an internet port -> the upstream router's host
        self.edges = []
        self.edge_flows = {}    # customer-edge bridge name -> its flows (ovs-ofctl syntax)
        self.default_route = {}  # Mininet host -> the gateway address of its default route (gateway mode)
        self.links = {}         # (tunnel switch, port) -> the Mininet link to the host's uplink
        self.self_encapsulating = {}  # (customer, pvs) -> the bridge that tags the PVS's frames
        self.vtep = {}          # (tunnel switch, tunnel port) -> (the far end: a host (VXLAN) or a bridge (GRE), its
        #                         underlay address, "vxlan" | "gre")
        self.host_tunnels = {}  # (tunnel switch, tunnel port) -> (host, uplink, "vxlan" | "gre"): internal tunnels
        self.static_neighbours = {}  # Mininet host -> [(address, MAC)]: no ARP crosses an MPLS tunnel
        self.cross_connected = {}    # Mininet host -> [Mininet host]: its peers across an MPLS cross-connect

    # -- the configuration's geometry ------------------------------------------------------------
    def tunnel(self, customer, name):
        return next(t for t in self.customers[customer]["tunnel"] if t["name"] == name)

    def uplink(self, pvs, tunnel):
        if "uplink-port" in pvs:
            return pvs["uplink-port"]
        if tunnel["switch"] == pvs["host"]:
            return tunnel["port"]
        return next(p["number"] for p in self.switches[pvs["host"]]["port"] if p["role"] == "internal")

    def internal_links(self):
        """(tunnel switch, port) <-> (host, uplink) pairs implied by the PVSs' tunnels."""
        links = {}
        for cid, customer in self.customers.items():
            for pvs in customer.get("pvs", []):
                for name in {pvs["tunnel"], pvs.get("return-tunnel", pvs["tunnel"])}:
                    tunnel = self.tunnel(cid, name)
                    if tunnel["switch"] != pvs["host"]:
                        links[(tunnel["switch"], tunnel["port"])] = (pvs["host"], self.uplink(pvs, tunnel))
        return links

    def host_address(self, cid, address):
        """(address/len, default gateway or None) of a host of customer cid with this address."""
        if self.addressing == "gateway":
            for gateway in self.customers[cid].get("gateway", []):
                subnet = ipaddress.ip_network(f"{gateway['address']}/{gateway['prefix-length']}", strict=False)
                if ipaddress.ip_address(address) in subnet:
                    return f"{address}/{gateway['prefix-length']}", gateway["address"]
        return f"{address}/8", None

    # -- building and tearing down ----------------------------------------------------------------
    def start(self):
        # The bridge-side ends of the veths live in the root namespace; with IPv6 on, the kernel sends its
        # own router solicitations out of them, straight into the hosts, around OVS. Keep them quiet.
        free_datapath_ids(self.switches)
        remove_stale_interfaces()
        self.ipv6_default = sysctl("net.ipv6.conf.default.disable_ipv6")
        sysctl("net.ipv6.conf.default.disable_ipv6", "1")
        self.net = Mininet(topo=None, controller=None, autoSetMacs=False, autoStaticArp=False, build=False)
        controller = self.net.addController(RemoteController("c0", ip="127.0.0.1", port=6653,
                                                                  protocol=self.protocol))
        short = {}
        trunks = []
        for i, node_id in enumerate(sorted(self.switches)):
            short[node_id] = f"pv{i}"
            self.bridge[node_id] = self.userspace_bridge(short[node_id], dpid(node_id))
        keyed = self.keyed_ports()
        for (ts, port), (host, uplink) in sorted(self.internal_links().items()):
            if (ts, port) in keyed:
                # a VXLAN/GRE port at each end, across the underlay (start_underlay)
                self.host_tunnels[(ts, port)] = (host, uplink, keyed.pop((ts, port)))
                continue
            self.links[(ts, port)] = self.net.addLink(self.bridge[ts], self.bridge[host], port1=port, port2=uplink,
                                                      cls=Link)
            trunks.append(self.links[(ts, port)])
        kinds = [kind for _, _, kind in self.host_tunnels.values()]
        # OVS finds the tunnel port of a packet by its addresses and type: one host per type shares HOSTS_LOCAL
        assert len(kinds) == len(set(kinds)), f"more than one host behind a {kinds} uplink: give each its address"
        # one customer-edge bridge per external port, one site router host per site
        edge_of = {}
        if keyed or self.host_tunnels:
            underlay = self.userspace_bridge("ul0", "%016x" % 0x9900, fail_mode="standalone")
        if self.host_tunnels or "gre" in keyed.values():
            self.underlay_loop = self.net.addLink(underlay, underlay, port1=LOOP_OUT, port2=LOOP_IN, cls=Link)
            trunks.append(self.underlay_loop)
        for i, ((node_id, number), kind) in enumerate(sorted(keyed.items())):
            address = str(UNDERLAY[10 + i])
            if kind == "gre":
                vtep = self.userspace_bridge(f"ge{i}", "%016x" % (0x6e00 + i))
            else:
                vtep = self.net.addHost(f"vt{i}", ip=f"{address}/{UNDERLAY.prefixlen}")
                trunks.append(self.net.addLink(vtep, underlay, cls=Link))
            self.vtep[(node_id, number)] = (vtep, address, kind)
        for node_id, sw in sorted(self.switches.items()):
            for port in sw["port"]:
                if port["role"] == "external" and (node_id, port["number"]) not in keyed:
                    name = f"ce{len(edge_of)}"
                    edge = self.userspace_bridge(name, "%016x" % (0xce00 + len(edge_of)))
                    trunks.append(self.net.addLink(edge, self.bridge[node_id], port1=1, port2=port["number"], cls=Link))
                    edge_of[(node_id, port["number"])] = {"bridge": edge, "next": 2, "flows": []}
        n = 0
        self.vtep_bridges = []
        for cid, customer in sorted(self.customers.items()):
            for site in customer.get("site", []):
                tunnel = self.tunnel(cid, site["tunnel"])
                back = self.tunnel(cid, site.get("return-tunnel", site["tunnel"]))
                place = (tunnel["switch"], tunnel["port"])
                ip = site.get("next-hop") or first_address(site["prefix"][0])
                mac = site.get("router-mac") or "02:ce:00:00:%02x:%02x" % (n // 256, n % 256)
                address, gateway = self.host_address(cid, ip)
                host = self.net.addHost(f"st{n}", ip=address, mac=mac)
                self.default_route[host] = gateway
                n += 1
                self.site_host[(cid, site["name"])] = host
                self.neighbours_across(host, cid, tunnel, back, gateway)
                if place in self.vtep:
                    vtep, address, kind = self.vtep[place]
                    if kind == "gre":
                        # the site's GRE end: its key on the bridge's GRE port (1), the site's router behind
                        flows = self.edge_flows.setdefault(vtep.name, [])
                        port = 2 + len(flows) // 2
                        self.net.addLink(host, vtep, port2=port, cls=Link)
                        flows += [f"in_port={port},actions=set_field:{key_of(tunnel)[1]}->tun_id,output:1",
                                  f"in_port=1,tun_id={key_of(back)[1]},actions=output:{port}"]
                        continue
                    # the site's VXLAN gateway: its VNI bridged to the site's router
                    link = self.net.addLink(host, vtep, cls=Link)
                    self.vtep_bridges.append((vtep, key_of(tunnel)[1], address, link.intf2.name))
                    continue
                edge = edge_of[place]
                port = edge["next"]
                edge["next"] += 1
                self.net.addLink(host, edge["bridge"], port2=port, cls=Link)
                edge["flows"] += edge_flows(port, tunnel, back)
        for cid, customer in sorted(self.customers.items()):
            for pvs in customer.get("pvs", []):
                address, gateway = self.host_address(cid, pvs["address"])
                host = self.net.addHost(f"vs{n}", ip=address, mac=pvs["mac"])
                self.default_route[host] = gateway
                n += 1
                if pvs.get("attachment") == "self-encapsulating":
                    # The PVS tags its own frames; the kernel here cannot (no 8021q), so a bridge pvsnet does not
                    # control does it for the PVS, as a customer edge does for a site.
                    name = f"se{len(self.self_encapsulating)}"
                    tagger = self.userspace_bridge(name, "%016x" % (0x5e00 + len(self.self_encapsulating)))
                    trunks.append(self.net.addLink(tagger, self.bridge[pvs["host"]], port1=1, port2=pvs["port"],
                                                   cls=Link))
                    self.net.addLink(host, tagger, port2=2, cls=Link)
                    back = self.tunnel(cid, pvs.get("return-tunnel", pvs["tunnel"]))
                    self.self_encapsulating[(cid, pvs["name"])] = tagger
                    self.edge_flows[name] = edge_flows(2, self.tunnel(cid, pvs["tunnel"]), back)
                    self.neighbours_across(host, cid, self.tunnel(cid, pvs["tunnel"]), back, gateway)
                else:
                    self.net.addLink(host, self.bridge[pvs["host"]], port2=pvs["port"], cls=Link)
                self.pvs_host[(cid, pvs["name"])] = host
        self.neighbours_across_cross_connects()
        # the upstream router behind each internet port (seed Fig 10B)
        for node_id, sw in sorted(self.switches.items()):
            for port in sw["port"]:
                if port["role"] == "internet":
                    assert node_id not in self.internet_host, f"{node_id}: more than one internet port"
                    upstream = sw["internet"]
                    host = self.net.addHost(f"in{len(self.internet_host)}", ip=f"{upstream['next-hop']}/24",
                                            mac=upstream["router-mac"])
                    self.default_route[host] = None
                    self.net.addLink(host, self.bridge[node_id], port2=port["number"], cls=Link)
                    self.internet_host[node_id] = host
        self.net.build()
        for node_id, bridge in self.bridge.items():
            bridge.start([controller])
        for edge in edge_of.values():
            edge["bridge"].start([])
            self.edges.append(edge["bridge"])
            self.edge_flows[edge["bridge"].name] = edge["flows"]
        for tagger in self.self_encapsulating.values():
            tagger.start([])
            self.edges.append(tagger)
        for vtep, _, kind in self.vtep.values():
            if kind == "gre":
                vtep.start([])
                self.edges.append(vtep)
        if keyed or self.host_tunnels:
            underlay.start([])
            self.edges.append(underlay)
        for link in trunks:
            for intf in (link.intf1, link.intf2):
                (intf.node.cmd if isinstance(intf.node, Host) else lambda c: subprocess.run(c.split(), check=True))(
                    f"ip link set {intf.name} mtu {TRUNK_MTU}")
        self.start_underlay()
        self.restore_edge_flows()
        for host in list(self.site_host.values()) + list(self.pvs_host.values()) + list(self.internet_host.values()):
            host.cmd("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1")
            host.cmd(f"ethtool -K {host.defaultIntf()} tx off rx off >/dev/null 2>&1")
            if self.default_route[host]:
                out = host.cmd(f"ip route replace default via {self.default_route[host]} dev {host.defaultIntf()}")
                assert not out.strip(), f"{host.name}: default route via {self.default_route[host]}: {out}"
            if host in self.static_neighbours:
                # a routed point-to-point link: its own address alone, everything via the gateway, whose MAC is
                # configured
                intf = host.defaultIntf()
                for command in (f"ip addr flush dev {intf}", f"ip addr add {host.IP()}/32 dev {intf}",
                                *(f"ip route replace {address} dev {intf}" for address, _ in
                                  self.static_neighbours[host]),
                                f"ip route replace default via {self.static_neighbours[host][0][0]} dev {intf}",
                                *(f"ip neigh replace {address} lladdr {mac} dev {intf} nud permanent"
                                  for address, mac in self.static_neighbours[host])):
                    out = host.cmd(command)
                    assert not out.strip(), f"{host.name}: {command}: {out}"
        for host, peers in self.cross_connected.items():
            for peer in peers:
                command = f"ip neigh replace {peer.IP()} lladdr {peer.MAC()} dev {host.defaultIntf()} nud permanent"
                out = host.cmd(command)
                assert not out.strip(), f"{host.name}: {command}: {out}"
        for path, text in ((SERVER_FILE, IDENTITY_SERVER), (CLIENT_FILE, IDENTITY_CLIENT)):
            with open(path, "w") as f:
                f.write(text)
        for (cid, name), host in self.pvs_host.items():
            host.cmd(f"/usr/bin/python3 {SERVER_FILE} {cid}/{name} >/dev/null 2>&1 &")
        return self

    def userspace_bridge(self, name, datapath_id, fail_mode="secure"):
        """A userspace OVS bridge speaking OpenFlow 1.3, fail-mode secure: pvsnet's switches, and the bridges that
        play the customers' own equipment (started without a controller); the underlay is a standalone one."""
        return self.net.addSwitch(name, cls=OVSSwitch, datapath="user", protocols="OpenFlow13", failMode=fail_mode,
                                  dpid=datapath_id)

    def keyed_ports(self):
        """{(switch, port): "vxlan" | "gre"} of the ports whose tunnels are VXLAN or GRE: flow-based tunnel ports."""
        keyed = {}
        for cid, customer in self.customers.items():
            for tunnel in customer.get("tunnel", []):
                if key_of(tunnel):
                    keyed[(tunnel["switch"], tunnel["port"])] = key_of(tunnel)[0]
        return keyed

    def neighbours_across(self, host, cid, tunnel, back, gateway):
        """A host behind an MPLS tunnel cannot ARP (the label carries IPv4 only): it sits on a routed
        point-to-point link, its gateway's MAC configured, as its own MAC is in pvsnet's configuration."""
        if gateway and (label_of(tunnel) or label_of(back)):
            self.static_neighbours.setdefault(host, []).append(
                (gateway, self.switches[tunnel["switch"]]["gateway-mac"]))

    def tunnel_port(self, node_id, number):
        """The name of the switch's VXLAN/GRE port towards one far end."""
        return f"{self.vtep[(node_id, number)][2][:2]}{number}{self.bridge[node_id].name}"

    def add_tunnel_port(self, node_id, number):
        """The switch's flow-based VXLAN/GRE port towards one far end, as an operator creates it."""
        _, address, kind = self.vtep[(node_id, number)]
        # a GRE end's address is ul0's as well: OVS would send from it, unless told the tunnel switch's
        add_tunnel_port(self.bridge[node_id].name, self.tunnel_port(node_id, number), kind, number, address,
                        UNDERLAY_LOCAL if kind == "gre" else None)

    def neighbours_across_cross_connects(self):
        """A tunnel-switched site and its customer's PVSs share a link layer, but an MPLS label carries IPv4 only:
        across an MPLS cross-connect each knows the others' MACs, as a site knows its router-mac."""
        for cid, customer in self.customers.items():
            for site in customer.get("site", []):
                tunnel = self.tunnel(cid, site["tunnel"])
                if tunnel.get("service") != "tunnel-switching" or (cid, site["name"]) not in self.site_host:
                    continue
                if not (label_of(tunnel) or label_of(self.tunnel(cid, tunnel["peer"]))):
                    continue
                host = self.site_host[(cid, site["name"])]
                for pvs in customer.get("pvs", []):
                    self.cross_connected.setdefault(host, []).append(self.pvs_host[(cid, pvs["name"])])
                    self.cross_connected.setdefault(self.pvs_host[(cid, pvs["name"])], []).append(host)

    def start_underlay(self):
        """The tunnel switch's VXLAN/GRE ports (key=flow, one per far endpoint), the underlay address they send
        from, each far VXLAN endpoint's kernel device bridged to its site's router, each far GRE endpoint's GRE
        port; the internal tunnels' ports at both ends."""
        if not self.vtep and not self.host_tunnels:
            return
        subprocess.run(["ip", "addr", "replace", f"{UNDERLAY_LOCAL}/{UNDERLAY.prefixlen}", "dev", "ul0"], check=True)
        subprocess.run(["ip", "link", "set", "ul0", "up", "mtu", str(TRUNK_MTU)], check=True)
        gre_ends = [(vtep, address) for vtep, address, kind in self.vtep.values() if kind == "gre"]
        if gre_ends or self.host_tunnels:
            self.loop_underlay([address for _, address in gre_ends] + ([HOSTS_LOCAL] if self.host_tunnels else []))
        for node_id, number in sorted(self.vtep):
            self.add_tunnel_port(node_id, number)
        for vtep, address in gre_ends:
            add_tunnel_port(vtep.name, f"gr{vtep.name}", "gre", 1, UNDERLAY_LOCAL, address)
        self.start_host_tunnels()
        for vtep, _, kind in self.vtep.values():
            if kind == "gre":
                continue
            # the bridge-side end of the far end's veth is a root-namespace interface too: it must not answer ARP for
            # the tunnel switch's underlay address (which only ul0 carries), or the far end sends its tunnel packets
            # to that veth's MAC and OVS never takes them for its tunnel port
            link = vtep.defaultIntf().link
            near = link.intf2 if link.intf1.node is vtep else link.intf1
            sysctl(f"net.ipv4.conf.{near.name}.arp_ignore", "1")
            # quiet, like the hosts: no IPv6 router solicitations from the far end's own bridge into the tunnel
            vtep.cmd("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1")
            # checksums are left to offload on a veth; OVS's tunnel port would see them wrong and drop the packet
            for intf in vtep.intfNames():
                vtep.cmd(f"ethtool -K {intf} tx off rx off >/dev/null 2>&1")
        for vtep, vni, address, intf in self.vtep_bridges:
            for command in (f"ip link add vx{vni} type vxlan id {vni} remote {UNDERLAY_LOCAL} local {address} "
                            f"dstport 4789", f"ip link set vx{vni} mtu 1500 up",
                            f"ip link add br{vni} type bridge", f"ip link set br{vni} up",
                            f"ip link set vx{vni} master br{vni}", f"ip link set {intf} master br{vni}",
                            f"ip link set {intf} up"):
                out = vtep.cmd(command)
                assert not out.strip(), f"{vtep.name}: {command}: {out}"

    def loop_underlay(self, addresses):
        """Tunnels whose two ends are Open vSwitch ports: the tunnel switch's end sends from UNDERLAY_LOCAL, the
        other end (a host's uplink, a GRE site's end) from one of these addresses, all of them ul0's. OVS routes a
        tunnel to one of its own addresses through that address's bridge, from its local port; ul0 sends such
        packets round a cable (where tcpdump sees them) and back into its local port, where OVS takes them off for
        the tunnel port they are addressed to. The neighbours are given: the kernel would not answer an ARP whose
        sender is one of its own addresses. ul0 is a learning switch for the VXLAN far ends: what it floods must
        not come round the cable again (a broadcast storm)."""
        for address in addresses:
            subprocess.run(["ip", "addr", "replace", f"{address}/{UNDERLAY.prefixlen}", "dev", "ul0"], check=True)
        for address in (UNDERLAY_LOCAL, *addresses):
            appctl("tnl/neigh/set", "ul0", address, mac_of("ul0"))
            self.edge_flows.setdefault("ul0", []).append(
                f"priority=100,in_port=LOCAL,ip,nw_dst={address},actions=output:{LOOP_OUT}")
        self.edge_flows["ul0"] += [f"priority=100,in_port={LOOP_IN},ip,actions=LOCAL",
                                   f"priority=90,in_port={LOOP_IN},actions=drop",
                                   f"priority=90,in_port={LOOP_OUT},actions=drop"]

    def start_host_tunnels(self):
        """Internal VXLAN/GRE tunnels: the tunnel switch's port sends to HOSTS_LOCAL, the host's uplink to
        UNDERLAY_LOCAL, round ul0's cable (loop_underlay)."""
        for (ts, number), (host, uplink, kind) in sorted(self.host_tunnels.items()):
            for node_id, port, remote, local in ((ts, number, HOSTS_LOCAL, UNDERLAY_LOCAL),
                                                 (host, uplink, UNDERLAY_LOCAL, HOSTS_LOCAL)):
                bridge = self.bridge[node_id].name
                add_tunnel_port(bridge, f"{kind[:2]}{port}{bridge}", kind, port, remote, local)

    def restore_edge_flows(self):
        """(Re)write the customer-edge bridges' flows: they stand for the customers' own networks, which pvsnet does
        not program (e.g. after an ovs-vswitchd restart, which empties every bridge)."""
        for name, flows in self.edge_flows.items():
            for flow in flows:
                ofctl("add-flow", name, flow)

    def stop(self):
        if self.net:
            for host in self.pvs_host.values():
                host.cmd("kill %?identity 2>/dev/null")
            self.net.stop()
            self.net = None
            sysctl("net.ipv6.conf.default.disable_ipv6", self.ipv6_default)

    # -- observing ------------------------------------------------------------------------------
    def wait_connected(self, timeout=60):
        deadline = time.monotonic() + timeout
        for bridge in self.bridge.values():
            while not bridge.connected():
                if time.monotonic() > deadline:
                    raise AssertionError(f"{bridge.name} did not connect")
                time.sleep(0.5)

    def flow_count(self, node_id):
        out = ofctl("dump-flows", self.bridge[node_id].name)
        return sum(1 for line in out.splitlines() if "cookie=" in line)

    def who_answers(self, src_host, address, timeout=1.0):
        return src_host.cmd(f"/usr/bin/python3 {CLIENT_FILE} {address} {timeout}").strip()

    def port_tx_packets(self, node_id, port):
        out = ofctl("dump-ports", self.bridge[node_id].name, str(port))
        for line in out.splitlines():
            if "tx pkts=" in line:
                return int(line.split("tx pkts=")[1].split(",")[0])
        raise AssertionError(out)

    def trace(self, node_id, flow, *packet):
        """ovs-appctl ofproto/trace of a flow, or of a packet (hex) arriving as the flow says."""
        return subprocess.run(["ovs-appctl", "ofproto/trace", self.bridge[node_id].name, flow, *packet],
                              capture_output=True, text=True).stdout


@contextlib.contextmanager
def provisioned(figure, addressing="on-link", doc=None, protocol="tcp"):
    """The figure's network on Mininet, its configuration PUT through RESTCONF and every customer programmed;
    torn down and the configuration deleted afterwards. addressing: "on-link" (hosts put 10/8 on-link) or
    "gateway" (hosts use the customer's gateways, see the module's doc). doc: a configuration to use instead
    of the example named figure (which then only names it). protocol: how the bridges reach the controller,
    "tcp" or "ssl" (after ./pvsnet tls on)."""
    restconf.delete(restconf.CONFIG)
    doc = doc if doc is not None else restconf.load_example(figure)
    net = Fabric(doc, addressing, protocol)
    try:
        net.start()
        net.wait_connected()
        start = time.monotonic()
        resp = restconf.put(restconf.CONFIG, doc)
        assert resp.status in (200, 201, 204), resp
        restconf.wait_for(restconf.programmed, timeout=60, interval=0.2, what="every customer programmed")
        print(f"{figure} ({addressing}): PUT -> every customer programmed in {time.monotonic() - start:.2f}s")
        net.figure = figure
        yield net
    finally:
        net.stop()
        restconf.delete(restconf.CONFIG)


def background(host, command, output="/dev/null"):
    """Start command in the background in host's shell; its process id."""
    return int(host.cmd(f"{command} >{output} 2>&1 & echo $!").split()[-1])


def end(host, pid, signal="TERM"):
    """End a process started by background() (by its id), and reap it."""
    host.cmd(f"kill -{signal} {pid} 2>/dev/null; wait {pid} 2>/dev/null")


def read(path):
    """The file's text so far; empty while the background shell has not created it yet."""
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def sysctl(name, value=None):
    if value is None:
        return subprocess.run(["sysctl", "-n", name], capture_output=True, text=True).stdout.strip()
    subprocess.run(["sysctl", "-qw", f"{name}={value}"], check=True)
    return value


def appctl(*args):
    subprocess.run(["ovs-appctl", *args], check=True, capture_output=True)


def mac_of(interface):
    with open(f"/sys/class/net/{interface}/address") as f:
        return f.read().strip()


def add_tunnel_port(bridge, name, kind, number, remote, local=None):
    """A flow-based VXLAN/GRE port (the key from tun_id) towards remote, under its OpenFlow number."""
    subprocess.run(["ovs-vsctl", "add-port", bridge, name, "--", "set", "interface", name, f"type={kind}",
                    f"options:remote_ip={remote}", *([f"options:local_ip={local}"] if local else []),
                    "options:key=flow", f"ofport_request={number}"], check=True)


def add_internal_ports(bridge, switch):
    """Internal ports on a bare bridge for every port the switch's configuration names, under their numbers:
    pvsnet holds a customer whose port a connected switch lacks in error. Returns [(number, port name,
    interface)]. One transaction: a thousand ports take a second or two."""
    added, command = [], []
    for port in switch["port"]:
        name = f"{bridge}-p{port['number']}"
        command += ["--", "--may-exist", "add-port", bridge, name, "--", "set", "interface", name, "type=internal",
                    f"ofport_request={port['number']}"]
        added.append((port["number"], port.get("name"), name))
    subprocess.run(["ovs-vsctl", *command], check=True, capture_output=True)
    return added


def add_bridge(name, datapath_id, target="tcp:127.0.0.1:6653"):
    """A bare userspace bridge with its own datapath id (an int), connected to target, as a switch outside the
    Fabric: a second switch under one id, a switch in plain TCP."""
    subprocess.run(["ovs-vsctl", "--may-exist", "add-br", name, "--", "set", "bridge", name, "datapath_type=netdev",
                    "fail-mode=secure", "other-config:datapath-id=%016x" % datapath_id, "protocols=OpenFlow13", "--",
                    "set-controller", name, target], check=True)


def controller_of(bridge):
    """(target, is_connected) of the bridge's controller, from OVSDB (Mininet caches its controllers)."""
    def vsctl(*args):
        return subprocess.run(["ovs-vsctl", *args], capture_output=True, text=True, check=True).stdout.strip()
    uuid = vsctl("get", "bridge", bridge, "controller").strip("[]")
    return vsctl("get", "controller", uuid, "target").strip('"'), vsctl("get", "controller", uuid, "is_connected")


def iperf3(client, server, *args, seconds=5, port=5201):
    """iperf3 from the client host to the server host (a one-off server); the client's JSON report."""
    pid = background(server, f"iperf3 -s -1 -p {port}")
    try:
        time.sleep(0.3)
        out = client.cmd(f"timeout {seconds + 20} iperf3 -c {server.IP()} -p {port} -t {seconds} --json "
                         f"{' '.join(args)}")
    finally:
        end(server, pid)
    try:
        return json.loads(out[out.index("{"):])
    except ValueError:
        raise AssertionError(f"iperf3 {client.name} -> {server.name}: {out[-2000:]}")


def ofctl(command, bridge, *args, options=()):
    """ovs-ofctl speaking OpenFlow 1.3 (Mininet's dpctl does not pass the version); options go before the command
    (e.g. --strict)."""
    return subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", *options, command, bridge, *args], check=True,
                          capture_output=True, text=True).stdout


def edge_flows(port, tunnel_in, tunnel_out):
    """The customer edge (port 1 towards pvsnet, `port` towards the site): the site's frames into its tunnel
    (its tags pushed, innermost first), the return tunnel's frames (outermost first) to the site. OpenFlow sees
    only the outer tag, so a second tag is matched in table 1, after the outer one is popped and noted in the
    metadata. An MPLS label carries IPv4 only, so only IPv4 crosses."""
    if label_of(tunnel_in) or label_of(tunnel_out):
        assert label_of(tunnel_in) and label_of(tunnel_out), "the test fabric plays MPLS both ways or not at all"
        return [f"in_port={port},ip,actions=push_mpls:0x8847,set_field:{label_of(tunnel_in)}->mpls_label,output:1",
                f"in_port=1,mpls,mpls_label={label_of(tunnel_out)},actions=pop_mpls:0x0800,output:{port}"]
    tags_in, tags_out = tags_of(tunnel_in), tags_of(tunnel_out)
    push = "".join(f"push_vlan:0x{tpid:x},set_field:{0x1000 | vid}->vlan_vid," for tpid, vid in reversed(tags_in))
    flows = [f"in_port={port},actions={push}output:1"]
    if not tags_out:
        return flows + [f"in_port=1,actions=output:{port}"]
    if len(tags_out) == 1:
        return flows + [f"in_port=1,dl_vlan={tags_out[0][1]},actions=pop_vlan,output:{port}"]
    (_, outer), (_, inner) = tags_out
    return flows + [f"in_port=1,dl_vlan={outer},actions=pop_vlan,write_metadata:{outer},goto_table:1",
                    f"table=1,in_port=1,metadata={outer},dl_vlan={inner},actions=pop_vlan,output:{port}"]


def first_address(prefix):
    base, _ = prefix.split("/")
    octets = [int(o) for o in base.split(".")]
    octets[3] += 1
    return ".".join(map(str, octets))


# -- what travels on a link ----------------------------------------------------------------------------

class Wire:
    """tcpdump -e of a bridge-side interface in the root namespace, from start until read()."""

    def __init__(self, interface):
        # no filter: a BPF expression has to name every tag it skips, and the point is to see them
        self.proc = subprocess.Popen(["tcpdump", "-e", "-n", "-l", "-i", interface],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # tcpdump says "listening on" once its capture is active; a fixed pause was sometimes too short on a loaded
        # machine (CI: one of two frames missed)
        said = ""
        while "listening on" not in said:
            line = self.proc.stderr.readline()
            assert line, f"tcpdump on {interface} ended: {said}"
            said += line

    def read(self):
        time.sleep(0.5)
        self.proc.terminate()
        out, _ = self.proc.communicate(timeout=10)
        return [line for line in out.splitlines() if line.strip()]


class Inbound:
    """tcpdump of what a Mininet host receives (inbound only, one line per frame), from start until read()."""

    def __init__(self, host, expression, extra=""):
        self.host = host
        self.path = f"/tmp/pvsnet-cap-{host.name}.txt"
        log = f"/tmp/pvsnet-cap-{host.name}.log"
        # stdout and stderr apart: the capture is counted by lines, and "listening on" (stderr) says it is active
        self.pid = int(host.cmd(f"rm -f {log}; tcpdump -Q in -l -n {extra} -i {host.defaultIntf()} '{expression}' "
                                f">{self.path} 2>{log} & echo $!").split()[-1])
        restconf.wait_for(lambda: "listening on" in read(log), timeout=10, interval=0.05,
                          what=f"tcpdump on {host.name}")

    def read(self):
        """The frames seen, after a moment for the last ones; ends the capture."""
        time.sleep(0.5)
        end(self.host, self.pid, "INT")
        with open(self.path) as f:
            return [line for line in f if line.strip()]


def port(net, node_id, number):
    """The root-namespace interface of a pvsnet bridge's port."""
    return net.bridge[node_id].intfs[number].name


def ping(host, address, count=3):
    out = host.cmd(f"ping -n -c {count} -i 0.2 -W 1 {address}")
    assert f"{count} received" in out, out
    return out


def tags(line):
    """The tags of a tcpdump -e line, outermost first, as (ethertype, vlan id)."""
    return [(int(tpid, 16), int(vid)) for tpid, vid in re.findall(r"ethertype [^,]*\((0x[0-9a-f]{4})\), [^,]*?vlan (\d+)",
                                                                    line)]
