"""Meter and data-path benchmark: customer rate-limits and TCP through the pipeline, on Mininet.

  ./pvsnet start && ./pvsnet ovs && /usr/bin/python3 bench/meter.py [--rates 1,10,100] [--repeat 3]

As root. Builds the topology of it/test_router.py (one tunnel switch, one host; customers M and N, each
with a site on a VLAN tunnel and a PVS behind the host; hosts configured with their gateways), provisioned
through RESTCONF, and measures, with iperf3 (-t 5):
  1. the meter's accuracy: for each rate R (Mbit/s), M's rate-limit set to R through RESTCONF, UDP offered
     at 2R (1200-byte datagrams) from M's site to M's PVS; the payload rate received, and the frame rate it
     stands for (the meter counts whole frames: 1246 bytes with the VLAN tag for 1200 of payload), against R;
     and M's TCP goodput through the same meter;
  2. TCP from a site to its PVS through the pipeline without a meter (customer N: edge bridge, tunnel switch,
     host bridge, joined by veths) against plain NORMAL bridges on the same machine: two namespaces on one
     netdev bridge (`ovs-ofctl add-flow br actions=normal`), and on three netdev bridges joined by veths
     (the same number of hops and veths as the pipeline). Interleaved, --repeat times; the median is shown.
  3. with --loaded N: the same comparison again once N more customers are configured on the same tunnel
     switch (bench/provision.py's customers: their tunnels on ports the switch is configured with but does not
     have, their hosts absent), PATCHed 250 at a time, their 10 flows each on the tunnel switch.
Prints a table; results go in docs/benchmarks.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "it"))
import restconf  # noqa: E402
import test_router as router  # noqa: E402
from fabric import provisioned  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import provision  # noqa: E402

PAYLOAD = 1200
FRAME = PAYLOAD + 8 + 20 + 14 + 4      # UDP, IPv4, Ethernet, 802.1Q: what the meter counts
NORMAL = "bench-nb"                    # prefix of the NORMAL bridges, namespaces and veths


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True).stdout


# -- plain NORMAL bridges ---------------------------------------------------------------------------------

class NormalPath:
    """Two namespaces, a (10.9.0.1) and b (10.9.0.2), joined by `bridges` netdev bridges in a chain: each
    bridge forwards with actions=normal; consecutive bridges are joined by a veth, as Mininet joins the
    pipeline's bridges."""

    def __init__(self, bridges):
        self.tag = f"{NORMAL}{bridges}"
        self.bridges = [f"{self.tag}-{i}" for i in range(bridges)]
        self.ns = {"a": f"{self.tag}a", "b": f"{self.tag}b"}
        # the veths' outer ends, by name (deleting one end deletes the pair), also those of an interrupted run
        self.links = [f"{self.tag}l{i}" for i in range(bridges - 1)] + [f"{self.tag}a0", f"{self.tag}b0"]

    def veth(self, one, other):
        sh("ip", "link", "add", one, "type", "veth", "peer", "name", other)
        for end in (one, other):
            sh("ip", "link", "set", end, "up")
            sh("ethtool", "-K", end, "tx", "off", "rx", "off", check=False)

    def start(self):
        self.stop()
        for br in self.bridges:
            sh("ovs-vsctl", "add-br", br, "--", "set", "bridge", br, "datapath_type=netdev",
               "protocols=OpenFlow13", "fail-mode=secure")
            sh("ovs-ofctl", "-O", "OpenFlow13", "add-flow", br, "actions=normal")
        for i in range(len(self.bridges) - 1):
            left, right = f"{self.tag}l{i}", f"{self.tag}r{i}"
            self.veth(left, right)
            sh("ovs-vsctl", "add-port", self.bridges[i], left)
            sh("ovs-vsctl", "add-port", self.bridges[i + 1], right)
        for side, address, br in (("a", "10.9.0.1", self.bridges[0]), ("b", "10.9.0.2", self.bridges[-1])):
            ns, outer, inner = self.ns[side], f"{self.tag}{side}0", f"{self.tag}{side}1"
            sh("ip", "netns", "add", ns)
            self.veth(outer, inner)
            sh("ip", "link", "set", inner, "netns", ns)
            sh("ovs-vsctl", "add-port", br, outer)
            self.run(side, "ip", "addr", "add", f"{address}/24", "dev", inner)
            self.run(side, "ip", "link", "set", inner, "up")
            self.run(side, "ip", "link", "set", "lo", "up")
            self.run(side, "ethtool", "-K", inner, "tx", "off", "rx", "off", check=False)
        return self

    def run(self, side, *args, check=True):
        return sh("ip", "netns", "exec", self.ns[side], *args, check=check)

    def tcp_mbit(self, seconds=5):
        server = subprocess.Popen(["ip", "netns", "exec", self.ns["b"], "iperf3", "-s", "-1", "-p", "5301"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.3)
            out = self.run("a", "timeout", str(seconds + 20), "iperf3", "-c", "10.9.0.2", "-p", "5301", "-t",
                           str(seconds), "--json", check=False)
        finally:
            server.kill()
            server.wait()
        return json.loads(out)["end"]["sum_received"]["bits_per_second"] / 1e6

    def stop(self):
        for br in self.bridges:
            sh("ovs-vsctl", "--if-exists", "del-br", br)
        for link in self.links:
            sh("ip", "link", "del", link, check=False)
        for ns in self.ns.values():
            sh("ip", "netns", "del", ns, check=False)


# -- the benchmark ----------------------------------------------------------------------------------------

def meter_row(net, mbit, seconds):
    # Remove, then add: a changed rate on an existing meter does not reach the switch (openflowplugin sends the
    # update as an ADD, which Open vSwitch refuses with METEREXISTS; see it/test_router.py).
    router.set_rate_limit(net, "M", None)
    router.set_rate_limit(net, "M", int(mbit * 1000))
    dropped_before = router.switch_meter_drops(net, "M")
    report = router.iperf3(net, "M", "-u", "-b", f"{2 * mbit:g}M", "-l", str(PAYLOAD), seconds=seconds)
    dropped = router.switch_meter_drops(net, "M") - dropped_before
    sent = report["end"]["sum_sent"]
    udp = router.received_mbit(report)
    tcp = router.tcp_mbit(net, "M", seconds)
    return {"offered": sent["bits_per_second"] / 1e6, "sent": sent["packets"], "udp": udp,
            "frames": udp * FRAME / PAYLOAD, "lost": report["end"]["sum_received"]["lost_packets"],
            "dropped": dropped, "tcp": tcp}


def load_customers(net, count):
    """count customers of bench/provision.py (numbered from 1001) on the tunnel switch, PATCHed 250 at a time
    (a datastore journal entry holds about that many); returns once the switch has their flows."""
    ts = net.bridge["openflow:1"].name
    before = flow_count(ts)
    switches = provision.switches(count)
    del switches[0]["gateway-mac"]          # the topology's own stays
    for sw in switches[1:]:
        sw["node-id"] = f"openflow:{int(sw['node-id'].split(':')[1]) + 1000}"   # away from the topology's
    customers = []
    for n in range(1, count + 1):
        c = provision.customer(n)
        c["id"], c["number"] = f"F{n}", 1000 + n
        c["pvs"][0]["host"] = f"openflow:{int(c['pvs'][0]['host'].split(':')[1]) + 1000}"
        customers.append(c)
    # the tunnel switch keeps its own ports (PATCH merges the port lists); 2 is its internal port already
    assert restconf.request("PATCH", f"data/{restconf.CONFIG}", {"pvsnet:pvsnet": {"switch": switches}}).status \
        in (200, 201, 204)
    start = time.monotonic()
    provision.patch_customers(customers, 250)
    while flow_count(ts) < before + 10 * count:
        assert time.monotonic() - start < 900, "the loaded customers' flows did not reach the tunnel switch"
        time.sleep(1)
    return flow_count(ts)


def flow_count(bridge):
    out = sh("ovs-ofctl", "-O", "OpenFlow13", "dump-aggregate", bridge)
    return int(out.split("flow_count=")[1].split()[0])


def compare(paths, repeat):
    results = {name: [] for name in paths}
    for _ in range(repeat):
        for name, measure in paths.items():
            results[name].append(measure())
    return results


def print_comparison(title, results):
    print(title)
    for name, values in results.items():
        print(f"  {name:<60} {statistics.median(values):8.1f} Mbit/s   (runs: "
              f"{', '.join(f'{v:.0f}' for v in values)})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rates", default="1,10,100", help="meter rates in Mbit/s, comma separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each TCP path comparison")
    parser.add_argument("--seconds", type=int, default=5, help="iperf3 -t")
    parser.add_argument("--loaded", type=int, default=0, help="then configure this many more customers on the "
                        "tunnel switch and compare the TCP paths again")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]

    with provisioned("bench-meter", addressing="gateway", doc=router.config()) as net:
        rows = [(rate, meter_row(net, rate, args.seconds)) for rate in rates]
        router.set_rate_limit(net, "M", None)

        paths = {"pipeline (N, unmetered: 3 bridges, VLAN push/pop, routed)": lambda: router.tcp_mbit(
            net, "N", args.seconds)}
        normals = [NormalPath(1).start(), NormalPath(3).start()]
        try:
            paths["NORMAL, 1 bridge"] = lambda: normals[0].tcp_mbit(args.seconds)
            paths["NORMAL, 3 bridges joined by veths"] = lambda: normals[1].tcp_mbit(args.seconds)
            results = compare(paths, args.repeat)
            if args.loaded:
                flows_loaded = load_customers(net, args.loaded)
                loaded = compare(paths, args.repeat)
        finally:
            for normal in normals:
                normal.stop()

    print(f"\nmeter accuracy (customer M, UDP offered at 2x the rate, {PAYLOAD}-byte datagrams, iperf3 -t "
          f"{args.seconds}; 'as frames' counts the {FRAME}-byte frames the meter sees):")
    print(f"  {'rate':>9}  {'UDP offered':>11}  {'received':>10}  {'as frames':>10}  {'frames/rate':>11}  "
          f"{'lost/sent':>13}  {'meter drops':>11}  {'TCP goodput':>11}  {'TCP/rate':>8}")
    for rate, r in rows:
        print(f"  {rate:>5g} Mb/s  {r['offered']:>6.1f} Mb/s  {r['udp']:>5.2f} Mb/s  {r['frames']:>5.2f} Mb/s  "
              f"{100 * r['frames'] / rate:>10.1f}%  {r['lost']:>6}/{r['sent']:<6}  {r['dropped']:>11}  "
              f"{r['tcp']:>6.2f} Mb/s  {100 * r['tcp'] / rate:>7.1f}%")
    print_comparison(f"\nTCP site -> PVS, no meter (iperf3 -t {args.seconds}, median of {args.repeat}, "
                     f"interleaved):", results)
    if args.loaded:
        print_comparison(f"\nthe same with {args.loaded} more customers configured ({flows_loaded} flows on the "
                         f"tunnel switch):", loaded)


if __name__ == "__main__":
    if os.geteuid() != 0:
        raise SystemExit("run as root (Mininet, namespaces, Open vSwitch)")
    main()
