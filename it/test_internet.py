"""Internet access with per-customer source NAT (seed Fig 10B), proved with traffic on Mininet, provisioned only
through RESTCONF.

One tunnel switch (openflow:1: port 1 external, 2 internal, 3 internet) and one host (openflow:61). Behind the
internet port, a Mininet host plays the upstream router (203.0.113.1, MAC 02:00:00:00:ff:01; fabric's
internet host) and runs a small UDP and TCP echo server that answers with the address and port it saw and the
payload it got. Three customers with the same addresses (as in it/test_router.py: a site 10.1.0.0/16 whose router
is 10.1.0.1 on a VLAN of port 1, a PVS 10.0.0.10 behind the host on a VLAN of port 2, gateways 10.0.0.1/24 and
10.1.0.254/24): "A" (91) with internet access as 203.0.113.11, "B" (92) as 203.0.113.12, "C" (93) without.

What is proved, with captures (tcpdump) on the hosts and the payloads the echo server returns:
- one site tunnel carries both the customer's PVS traffic and its internet traffic, and the PVS reaches the
  internet too;
- the internet sees only public addresses, from the gateway MAC to the router MAC;
- two customers with the same private source address and port each get their own responses, at the same time,
  through their own conntrack zone (the customer's number);
- a customer without internet access gets nothing out, and still reaches its PVS;
- unsolicited traffic to a public address reaches nothing;
- a destination in a customer's address-space without a route never leaves on the internet port;
- the switch answers the upstream router's ARP for public addresses only, with the gateway MAC.
"""
import collections
import contextlib
import os
import re
import subprocess
import time

import pytest
from scapy.layers.inet import ICMP, IP, TCP, UDP
from scapy.layers.l2 import ARP, Ether
from scapy.packet import Raw
from scapy.utils import rdpcap

import one_tunnel_switch
import restconf
from fabric import background, end, provisioned, read
from one_tunnel_switch import GATEWAY_MAC, TS

NEXT_HOP = "203.0.113.1"
ROUTER_MAC = "02:00:00:00:ff:01"
PUBLIC = {"A": "203.0.113.11", "B": "203.0.113.12"}
NUMBER = {"A": 91, "B": 92, "C": 93}
ECHO_PORT = 8000
SERVER_FILE = "/tmp/pvsnet-internet-echo-server.py"
CLIENT_FILE = "/tmp/pvsnet-internet-echo-client.py"

# The internet's server: every UDP datagram and every TCP connection (one message, then the server closes) is
# answered with "<source address>:<source port> <payload>", as the server saw them.
ECHO_SERVER = """\
import socket, sys, threading
port = int(sys.argv[1])

def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    while True:
        data, peer = s.recvfrom(2048)
        s.sendto(("%s:%d " % peer).encode() + data, peer)

def tcp():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen(512)
    while True:
        c, peer = s.accept()
        try:
            c.settimeout(2)
            data = c.recv(2048)
            c.sendall(("%s:%d " % peer).encode() + data)
        except OSError:
            pass
        finally:
            c.close()

threading.Thread(target=udp, daemon=True).start()
tcp()
"""

# The customers' client: COUNT messages "<token>-<i>", each answered by the echo server: UDP from one socket (bound
# to --sport if given; up to 3 tries each), TCP one connection per message. Prints each reply (or TIMEOUT/ERROR
# and the message) and a last line "done ok=<n> failed=<n> seconds=<s>"; --quiet prints the first reply and that
# line only.
ECHO_CLIENT = """\
import argparse, socket, time
p = argparse.ArgumentParser()
p.add_argument("dst"); p.add_argument("port", type=int); p.add_argument("token")
p.add_argument("--proto", default="udp"); p.add_argument("--count", type=int, default=1)
p.add_argument("--sport", type=int, default=0); p.add_argument("--timeout", type=float, default=1.0)
p.add_argument("--quiet", action="store_true")
a = p.parse_args()
ok = failed = 0
start = time.monotonic()
udp = None
for i in range(a.count):
    msg = ("%s-%d" % (a.token, i)).encode()
    reply = None
    try:
        if a.proto == "udp":
            if udp is None:
                udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                udp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                udp.bind(("0.0.0.0", a.sport))
                udp.settimeout(a.timeout)
            for _ in range(3):
                udp.sendto(msg, (a.dst, a.port))
                try:
                    while reply is None:
                        data = udp.recvfrom(2048)[0]
                        if data.endswith(b" " + msg):
                            reply = data
                    break
                except socket.timeout:
                    pass
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if a.sport:
                s.bind(("0.0.0.0", a.sport))
            s.settimeout(a.timeout)
            s.connect((a.dst, a.port))
            s.sendall(msg)
            data = b""
            while True:
                chunk = s.recv(2048)
                if not chunk:
                    break
                data += chunk
            s.close()
            reply = data or None
    except OSError as e:
        print("ERROR %s %s" % (msg.decode(), e))
    if reply is None:
        failed += 1
        print("TIMEOUT %s" % msg.decode())
    else:
        ok += 1
        if not a.quiet or ok == 1:
            print(reply.decode())
print("done ok=%d failed=%d seconds=%.3f" % (ok, failed, time.monotonic() - start))
"""


def customer(cid, site_vlan, pvs_vlan, pvs_port):
    c = one_tunnel_switch.customer(cid, NUMBER[cid], site_vlan, pvs_vlan, pvs_port, f"test_internet: customer {cid}")
    if cid in PUBLIC:
        c["internet-access"] = {"enabled": True, "public-address": PUBLIC[cid]}
    return c


def config():
    """The whole configuration: A and B with internet access, C without; the same private addresses for all."""
    return {"pvsnet:pvsnet": {
        "switch": one_tunnel_switch.switches(["a-web", "b-web", "c-web"],
                                             internet={"next-hop": NEXT_HOP, "router-mac": ROUTER_MAC}),
        "customer": [customer("A", 901, 101, 2), customer("B", 902, 102, 3), customer("C", 903, 103, 4)]}}


# -- hosts and processes ----------------------------------------------------------------------------------

def site(net, cid):
    return net.site_host[(cid, "hq")]


def pvs(net, cid):
    return net.pvs_host[(cid, "web")]


def internet(net):
    return net.internet_host[TS]


def write_scripts():
    for path, text in ((SERVER_FILE, ECHO_SERVER), (CLIENT_FILE, ECHO_CLIENT)):
        with open(path, "w") as f:
            f.write(text)


def start_echo_server(host, port=ECHO_PORT):
    """The echo server on host (the internet host); its process id, once it listens."""
    write_scripts()
    pid = background(host, f"/usr/bin/python3 {SERVER_FILE} {port}")
    restconf.wait_for(lambda: f":{port} " in host.cmd(f"ss -ltnH 'sport = :{port}'"), timeout=10, interval=0.1,
                      what=f"the echo server on {host.name} listening on {port}")
    return pid


def echo_command(dst, token, proto="udp", count=1, sport=0, timeout=1.0, port=ECHO_PORT, quiet=False):
    return (f"/usr/bin/python3 {CLIENT_FILE} {dst} {port} {token} --proto {proto} --count {count} "
            f"--sport {sport} --timeout {timeout}{' --quiet' if quiet else ''}")


def echo(host, dst, token, **kw):
    """Run the echo client on host; its reply lines (without the closing 'done' line) and that line."""
    lines = host.cmd(echo_command(dst, token, **kw)).strip().splitlines()
    assert lines and lines[-1].startswith("done "), lines
    return lines[:-1], lines[-1]


REPLY = re.compile(r"^(\d+\.\d+\.\d+\.\d+):(\d+) (\S+)$")


def parse_reply(line):
    """(address, port, payload) of an echo reply line, or None."""
    m = REPLY.match(line.strip())
    return (m.group(1), int(m.group(2)), m.group(3)) if m else None


def sent_as(replies):
    """(address the server saw, payload) of each reply line; a line that is no reply stays as it is."""
    return [parse_reply(r)[0::2] if parse_reply(r) else r for r in replies]


def pings(host, dst, count=3, wait=1):
    """How many of count pings host got answered."""
    out = host.cmd(f"ping -n -c {count} -i 0.2 -W {wait} {dst}")
    m = re.search(r"(\d+) received", out)
    assert m, out
    return int(m.group(1))


# -- captures ---------------------------------------------------------------------------------------------

class Capture:
    """tcpdump on a host's interface into a pcap file; after stop(), .packets holds what it saw (scapy)."""

    def __init__(self, host):
        self.host = host
        self.file = f"/tmp/pvsnet-test-internet-{host.name}.pcap"
        self.log = f"/tmp/pvsnet-test-internet-{host.name}.txt"
        self.packets = []

    def start(self):
        for path in (self.file, self.log):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
        # --immediate-mode: every packet is written as it comes (not when a ring block is full or times out), so
        # the last packets before stop() are in the file
        self.pid = background(self.host, f"tcpdump -i {self.host.defaultIntf()} -n -U --immediate-mode -Z root "
                                         f"-w {self.file}", self.log)
        restconf.wait_for(lambda: "listening on" in read(self.log), timeout=10, interval=0.1,
                          what=f"tcpdump on {self.host.name}")

    def stop(self):
        end(self.host, self.pid, "INT")
        size = os.path.getsize(self.file) if os.path.exists(self.file) else 0
        assert size, f"tcpdump on {self.host.name} wrote nothing: {read(self.log)}"
        self.packets = list(rdpcap(self.file)) if size > 24 else []

    def ipv4(self, not_from=None):
        """The IPv4 packets seen, but those with Ethernet source not_from (a host's own packets)."""
        return [p for p in self.packets if IP in p and (not_from is None or p[Ether].src != not_from)]


@contextlib.contextmanager
def captured(*hosts):
    """Capture on each host while the block runs (with a moment for the last packets); yields the Captures."""
    captures = [Capture(h) for h in hosts]
    try:
        for c in captures:
            c.start()
        yield captures
        time.sleep(0.5)
    finally:
        for c in captures:
            if hasattr(c, "pid"):
                c.stop()


def describe(p):
    """One line for a captured packet: MACs, addresses, protocol and the start of the payload."""
    if ARP in p:
        a = p[ARP]
        return f"{p[Ether].src}>{p[Ether].dst} arp op={a.op} {a.hwsrc} {a.psrc} > {a.hwdst} {a.pdst}"
    if IP not in p:
        return f"{p[Ether].src}>{p[Ether].dst} type=0x{p[Ether].type:04x}"
    ip = p[IP]
    what = ip.proto
    if ICMP in p:
        what = f"icmp type={p[ICMP].type}"
    elif UDP in p:
        what = f"udp {p[UDP].sport}>{p[UDP].dport}"
    elif TCP in p:
        what = f"tcp {p[TCP].sport}>{p[TCP].dport} {p[TCP].flags}"
    payload = bytes(p[Raw].load)[:40] if Raw in p else b""
    return f"{p[Ether].src}>{p[Ether].dst} {ip.src}>{ip.dst} ttl={ip.ttl} {what} {payload!r}"


def payloads(packets):
    return [bytes(p[Raw].load) for p in packets if Raw in p]


def show(title, packets, limit=12):
    print(f"{title}: {len(packets)} packets")
    for p in packets[:limit]:
        print(f"    {describe(p)}")
    if len(packets) > limit:
        print(f"    ... {len(packets) - limit} more")


def conntrack():
    """The datapath's conntrack entries (userspace datapath)."""
    return subprocess.run(["ovs-appctl", "dpctl/dump-conntrack"], capture_output=True, text=True).stdout.splitlines()


# -- the tests --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def net():
    with provisioned("test_internet", addressing="gateway", doc=config()) as fabric:
        pid = start_echo_server(internet(fabric))
        try:
            yield fabric
        finally:
            end(internet(fabric), pid)


def test_one_site_tunnel_carries_pvs_and_internet_traffic(net):
    """Fig 10B: A's site reaches its PVS and the internet over the same tunnel; A's PVS reaches the internet."""
    a = site(net, "A")
    assert net.who_answers(a, "10.0.0.10") == "A/web"
    answered = pings(a, NEXT_HOP)
    replies, done = echo(a, NEXT_HOP, "A-site")
    print(f"\nA's site: PVS 10.0.0.10 answers as A/web; ping {NEXT_HOP}: {answered}/3; UDP echo: {replies} ({done})")
    assert answered == 3
    assert sent_as(replies) == [(PUBLIC["A"], "A-site-0")], replies

    replies, done = echo(pvs(net, "A"), NEXT_HOP, "A-web", proto="tcp")
    answered = pings(pvs(net, "A"), NEXT_HOP)
    print(f"A's PVS: ping {NEXT_HOP}: {answered}/3; TCP echo: {replies} ({done})")
    assert answered == 3
    assert sent_as(replies) == [(PUBLIC["A"], "A-web-0")], replies
    # and the PVS traffic of the same tunnel still works afterwards
    assert net.who_answers(a, "10.0.0.10") == "A/web"


def test_the_internet_sees_only_public_addresses(net):
    """Everything the internet host receives from the switch comes from a public address, from the gateway MAC
    to the router MAC; never a private address."""
    inet = internet(net)
    inet.cmd(f"ip neigh flush dev {inet.defaultIntf()}")
    with captured(inet) as (cap,):
        for cid in ("A", "B"):
            for host, name in ((site(net, cid), "site"), (pvs(net, cid), "web")):
                assert pings(host, NEXT_HOP, count=2) == 2, (cid, name)
                for proto in ("udp", "tcp"):
                    replies, done = echo(host, NEXT_HOP, f"{cid}-{name}-{proto}", proto=proto, count=3)
                    seen = [x[0] if isinstance(x, tuple) else x for x in sent_as(replies)]
                    assert seen == [PUBLIC[cid]] * 3, (cid, name, proto, replies)
    arriving = cap.ipv4(not_from=ROUTER_MAC)
    sources = collections.Counter(p[IP].src for p in arriving)
    print(f"\nthe internet host received {len(arriving)} IPv4 packets from the switch, by source: {dict(sources)}")
    show("  first ones", arriving, limit=6)
    arp = [p for p in cap.packets if ARP in p and p[Ether].src != ROUTER_MAC]
    show("  ARP from the switch", arp)
    assert set(sources) == set(PUBLIC.values()), sources
    assert all(p[IP].dst == NEXT_HOP for p in arriving), [describe(p) for p in arriving if p[IP].dst != NEXT_HOP]
    assert all(p[Ether].src == GATEWAY_MAC and p[Ether].dst == ROUTER_MAC for p in arriving), \
        [describe(p) for p in arriving if (p[Ether].src, p[Ether].dst) != (GATEWAY_MAC, ROUTER_MAC)]
    # no private address anywhere in what arrived, not even inside a payload
    private = (bytes([10, 1, 0, 1]), bytes([10, 0, 0, 10]))
    assert not any(x in bytes(p[IP]) for p in arriving for x in private), "a private address inside a packet"
    # the router asked for the public addresses (its neighbours were flushed) and the switch answered
    answered = {p[ARP].psrc for p in arp if p[ARP].op == 2 and p[ARP].hwsrc == GATEWAY_MAC}
    assert answered == set(PUBLIC.values()), [describe(p) for p in arp]


def test_same_private_source_each_customer_gets_its_own_responses(net):
    """A's and B's site routers are both 10.1.0.1: both talk to the internet at the same time from the same UDP
    source port, and over TCP; every response reaches the customer that sent the request, translated from its
    own public address, through a conntrack zone per customer."""
    sport = 40000
    runs = {}
    for proto, count, port in (("udp", 50, sport), ("tcp", 20, 0)):
        pids = {cid: background(site(net, cid), echo_command(NEXT_HOP, f"{cid}-{proto}", proto=proto, count=count,
                                                             sport=port),
                                f"/tmp/pvsnet-test-internet-{cid}-{proto}.txt") for cid in ("A", "B")}
        for cid, pid in pids.items():
            site(net, cid).cmd(f"wait {pid}")
        for cid in pids:
            lines = read(f"/tmp/pvsnet-test-internet-{cid}-{proto}.txt").strip().splitlines()
            runs[(cid, proto)] = (count, lines)
    print()
    for (cid, proto), (count, lines) in sorted(runs.items()):
        replies = [parse_reply(line) for line in lines[:-1]]
        seen = collections.Counter((r[0], r[1] if proto == "udp" else "*") if r else line
                                   for r, line in zip(replies, lines))
        print(f"{cid}'s site 10.1.0.1 over {proto}: {lines[-1] if lines else 'no output'}; replies say the "
              f"server saw {dict(seen)}")
        assert lines and lines[-1].startswith(f"done ok={count} failed=0"), lines[-6:]
        assert [(r[0], r[2]) for r in replies] == [(PUBLIC[cid], f"{cid}-{proto}-{i}") for i in range(count)], \
            [line for line, r in zip(lines, replies) if not r or r[0] != PUBLIC[cid]][:5]
    entries = conntrack()
    for cid in ("A", "B"):
        zone = [e for e in entries if re.search(rf"zone={NUMBER[cid]}\b", e)
                and "src=10.1.0.1," in e and f"dst={PUBLIC[cid]}," in e and f"dport={sport}" in e]
        print(f"conntrack zone {NUMBER[cid]} ({cid}), UDP from port {sport}: {zone}")
        assert zone, f"no conntrack entry in zone {NUMBER[cid]} translating 10.1.0.1 to {PUBLIC[cid]}"


def test_a_customer_without_internet_access_gets_nothing_out(net):
    """C (no internet-access) pings and sends UDP and TCP to the internet from its site and its PVS: nothing
    arrives on the internet host, nothing is answered; C still reaches its own PVS."""
    inet = internet(net)
    with captured(inet) as (cap,):
        attempts = {}
        for host, name in ((site(net, "C"), "site"), (pvs(net, "C"), "web")):
            attempts[(name, "ping")] = pings(host, NEXT_HOP, count=3)
            for proto in ("udp", "tcp"):
                attempts[(name, proto)] = echo(host, NEXT_HOP, f"C-{name}-{proto}", proto=proto, timeout=0.5)[1]
        # the capture works: A's traffic in the same capture arrives
        control = echo(site(net, "A"), NEXT_HOP, "A-control")[0]
    arriving = cap.ipv4(not_from=ROUTER_MAC)
    print(f"\nC's attempts: {attempts}; A's control: {control}")
    show("the internet host received from the switch", arriving)
    assert all(v == 0 for k, v in attempts.items() if k[1] == "ping"), attempts
    assert all(v.startswith("done ok=0 failed=1") for k, v in attempts.items() if k[1] != "ping"), attempts
    assert not any(b"C-" in x for x in payloads(arriving)), [describe(p) for p in arriving]
    assert all(p[IP].src == PUBLIC["A"] for p in arriving), [describe(p) for p in arriving]
    assert any(b"A-control-0" in x for x in payloads(arriving)), "the capture saw A's control packet"
    assert net.who_answers(site(net, "C"), "10.0.0.10") == "C/web"


def test_unsolicited_traffic_to_a_public_address_reaches_nothing(net):
    """The internet host sends to A's and B's public addresses with no prior connection (ping, UDP from a port
    no customer talked to, TCP): the customers' sites and PVSs see none of it; a solicited response in the same
    captures does arrive."""
    inet = internet(net)
    watched = [site(net, c) for c in ("A", "B")] + [pvs(net, c) for c in ("A", "B")]
    with captured(*watched) as caps:
        results = {}
        for cid, address in PUBLIC.items():
            results[(cid, "ping")] = pings(inet, address, count=2)
            for proto, port in (("udp", 40000), ("udp", 5201), ("tcp", 80), ("tcp", 40001)):
                results[(cid, proto, port)] = echo(inet, address, f"UNSOLICITED-{cid}", proto=proto, port=port,
                                                   sport=ECHO_PORT + 1 if proto == "udp" else 0, timeout=0.5)[1]
        control = echo(site(net, "A"), NEXT_HOP, "A-control")[0]
    print(f"\nunsolicited from the internet: {results}; A's control: {control}")
    for cap in caps:
        show(f"  {cap.host.name} received", cap.ipv4())
    assert all(v == 0 for k, v in results.items() if k[1] == "ping"), results
    assert all(v.startswith("done ok=0") for k, v in results.items() if k[1] != "ping"), results
    for cap in caps:
        from_internet = [p for p in cap.ipv4() if p[IP].src == NEXT_HOP]
        unsolicited = [p for p in from_internet if not any(b"A-control" in x for x in payloads([p]))]
        assert not unsolicited, (cap.host.name, [describe(p) for p in unsolicited])
    assert sent_as(control) == [(PUBLIC["A"], "A-control-0")], control
    assert any(b"A-control-0" in x for x in payloads(caps[0].ipv4())), "A's site capture saw its control response"


def test_a_customer_address_without_a_route_never_leaves_on_the_internet_port(net):
    """10.77.0.1 is in A's address-space but matches no route: A's packets to it are not sent to the internet
    (nor translated); A's packets to a public destination, in the same capture, are."""
    inet = internet(net)
    with captured(inet) as (cap,):
        answered = pings(site(net, "A"), "10.77.0.1", count=3)
        udp = echo(site(net, "A"), "10.77.0.1", "A-private", timeout=0.5)[1]
        from_pvs = pings(pvs(net, "A"), "10.77.0.1", count=2)
        control = echo(site(net, "A"), NEXT_HOP, "A-control")[0]
    arriving = cap.ipv4(not_from=ROUTER_MAC)
    print(f"\nA to 10.77.0.1: ping {answered}/3 from the site, {from_pvs}/2 from the PVS, UDP {udp}; "
          f"control {control}")
    show("the internet host received from the switch", arriving)
    assert answered == 0 and from_pvs == 0 and udp.startswith("done ok=0")
    leaked = [p for p in arriving if p[IP].dst != NEXT_HOP or any(b"A-private" in x for x in payloads([p]))]
    assert not leaked, [describe(p) for p in leaked]
    assert any(b"A-control-0" in x for x in payloads(arriving)), "the capture saw A's control packet"


def test_the_switch_answers_the_routers_arp_for_public_addresses_only(net):
    """The upstream router's ARP for a public address is answered with the gateway MAC; for any other address of
    the subnet (nobody's, e.g. 203.0.113.13) it is not answered."""
    inet = internet(net)
    intf = inet.defaultIntf()
    inet.cmd(f"ip neigh flush dev {intf}")
    with captured(inet) as (cap,):
        for address in list(PUBLIC.values()) + ["203.0.113.13"]:
            inet.cmd(f"ping -n -c 1 -W 1 {address}")
    neighbours = inet.cmd(f"ip neigh show dev {intf}")
    arp = [p for p in cap.packets if ARP in p]
    print(f"\nthe router's neighbours: {neighbours.strip()}")
    show("ARP on the internet port", arp)
    replies = {p[ARP].psrc: (p[Ether].src, p[ARP].hwsrc, p[ARP].pdst, p[ARP].hwdst)
               for p in arp if p[ARP].op == 2}
    for address in PUBLIC.values():
        assert replies.get(address) == (GATEWAY_MAC, GATEWAY_MAC, NEXT_HOP, ROUTER_MAC), replies
        assert re.search(rf"^{re.escape(address)} lladdr {GATEWAY_MAC}", neighbours, re.M), neighbours
    assert "203.0.113.13" not in replies, replies
    assert any(p[ARP].op == 1 and p[ARP].pdst == "203.0.113.13" for p in arp), "the router asked for .13"


def test_the_nat_flows_are_restored_after_every_flow_is_deleted(net):
    """ovs-ofctl del-flows on the tunnel switch: pvsnet restores every flow, the conntrack actions included (they
    travel in its repair bundle through its own codec), and A's site reaches the internet as A again."""
    bridge = net.bridge[TS].name

    def dump():
        out = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "dump-flows", bridge, "--no-stats"],
                             capture_output=True, text=True, check=True).stdout
        return sorted(line.strip() for line in out.splitlines() if "cookie=" in line)
    before = dump()
    assert any("ct(commit" in f for f in before)
    subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "del-flows", bridge], check=True)
    started = time.monotonic()
    restconf.wait_for(lambda: dump() == before, timeout=30, interval=0.2, what="every flow restored")
    print(f"\nall {len(before)} flows deleted: restored in {time.monotonic() - started:.1f}s")
    restconf.wait_for(restconf.programmed, timeout=30, interval=0.2, what="every customer programmed")
    assert sent_as(echo(site(net, "A"), NEXT_HOP, "A-restored")[0]) == [(PUBLIC["A"], "A-restored-0")]


def test_pvsnet_state_counts_each_customers_internet_traffic(net):
    """pvsnet-state reports, per customer with access, its public address, its zone and the packets sent,
    received and refused (from the internet flows' statistics); C, without access, has no internet container.
    Runs after the tests above (which sent, received and were refused traffic); 20 more datagrams and 3
    unsolicited pings to A's address must show in A's counters."""
    def internet_state():
        state = restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
        return {c["id"]: c.get("internet") for c in state["customer"]}

    def counts(entry):
        return {k: int(entry[k]["packets"]) for k in ("sent", "received", "refused")}

    restconf.wait_for(lambda: all(internet_state()[c] for c in PUBLIC), timeout=15, interval=0.5,
                      what="an internet container for A and B")
    before = internet_state()
    assert before["C"] is None, before["C"]
    for cid in PUBLIC:
        assert before[cid]["public-address"] == PUBLIC[cid] and int(before[cid]["zone"]) == NUMBER[cid], before[cid]
    assert echo(site(net, "A"), NEXT_HOP, "A-counted", count=20)[1].startswith("done ok=20 failed=0")
    assert pings(internet(net), PUBLIC["A"], count=3) == 0

    def grown():
        now = internet_state()
        a, old = counts(now["A"]), counts(before["A"])
        return (a["sent"] >= old["sent"] + 20 and a["received"] >= old["received"] + 20
                and a["refused"] >= old["refused"] + 3) and now
    after = restconf.wait_for(grown, timeout=20, interval=0.5, what="A's internet counters growing")
    print(f"\npvsnet-state internet, before: { {c: before[c] and counts(before[c]) for c in before} }, "
          f"after: { {c: after[c] and counts(after[c]) for c in after} }")
