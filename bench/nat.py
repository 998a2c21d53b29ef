"""Source-NAT benchmark: internet access (seed Fig 10B) through the tunnel switch, on Mininet.

  ./pvsnet start && ./pvsnet ovs && /usr/bin/python3 bench/nat.py [--repeat 3] [--seconds 5] [--connections 2000]

As root. Builds the topology of it/test_internet.py (one tunnel switch with an internet port and the upstream
router's host behind it, one host; customers A and B with internet access, C without, all with the same
addresses), provisioned through RESTCONF, and measures customer A:
  1. TCP throughput of one established connection (iperf3 -t S, median of --repeat, interleaved):
     - site -> internet host through pvsnet's NAT pipeline (edge bridge, tunnel switch: 2 bridges);
     - site -> its PVS through pvsnet's pipeline without NAT (edge bridge, tunnel switch, host: 3 bridges);
     - plain NORMAL netdev bridges on the same machine, with as many bridges and veths as each of those paths
       (bench/meter.py's NormalPath);
  2. new TCP connections per second: a python client in the site opens N short connections one after the other
     (connect, send a token, read the echo server's answer until it closes, close) to a server on the internet
     host through pvsnet's NAT, to the PVS without NAT, and between two namespaces on NORMAL bridges;
  3. the same NAT measurements through a minimal hand-written ct/nat flow set, to see what pvsnet's pipeline
     costs over the bare conntrack actions. Once pvsnet has programmed the switch, its flows are saved and the
     controller disconnected (ovs-vsctl del-controller; fail-mode secure keeps the flows); every measurement
     then loads its flow set first (ovs-ofctl replace-flows: pvsnet's own, or the hand-written one), so both
     are measured in each round, interleaved.
Every NAT measurement checks that the server saw A's public address. Prints a table with the command line.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "it"))
sys.path.insert(0, HERE)
import test_internet as inet  # noqa: E402
from fabric import background, end, ofctl, provisioned, read  # noqa: E402
from meter import NormalPath  # noqa: E402

CID = "A"
IPERF_PORT = 5201


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True).stdout


def iperf3(client, server, address, seconds, expect_source=None):
    """Mbit/s received by a one-off iperf3 server on host `server` from `client` (Mininet hosts); when
    expect_source is given, the server must have seen the connection from that address."""
    log = f"/tmp/pvsnet-bench-nat-iperf3-{server.name}.txt"
    sh("rm", "-f", log)
    pid = background(server, f"iperf3 -s -1 -p {IPERF_PORT}", log)
    try:
        time.sleep(0.3)
        out = client.cmd(f"timeout {seconds + 20} iperf3 -c {address} -p {IPERF_PORT} -t {seconds} -f m")
    finally:
        end(server, pid)
    line = next((x for x in out.splitlines() if x.rstrip().endswith("receiver")), None)
    assert line, out[-2000:]
    if expect_source:
        accepted = next((x for x in read(log).splitlines() if "Accepted connection from" in x), "")
        assert f"from {expect_source}," in accepted, (expect_source, read(log)[-1000:])
    return float(line.split("Mbits/sec")[0].split()[-1])


def conn_rate(run_client, count, expect_source):
    """(connections per second, connections that failed) of the echo client run by run_client(command) (quiet,
    TCP, count connections, 2 s timeout each, a failed one counted in the time); the first answer must say the
    server saw expect_source."""
    lines = run_client(inet.echo_command("{dst}", "bench", proto="tcp", count=count, timeout=2.0, quiet=True))
    lines = lines.strip().splitlines()
    assert lines and lines[-1].startswith("done "), lines[-5:]
    done = dict(x.split("=") for x in lines[-1].split()[1:])
    replies = [inet.parse_reply(x) for x in lines[:-1] if inet.parse_reply(x)]
    assert replies and replies[0][0] == expect_source, (expect_source, lines[:3])
    failures = [x for x in lines[:-1] if x.startswith(("ERROR", "TIMEOUT"))]
    if failures:
        print(f"  {int(done['failed'])} of {count} connections failed: {failures[:4]}")
    return int(done["ok"]) / float(done["seconds"]), int(done["failed"])


def on_host(host, dst):
    return lambda command: host.cmd(command.replace("{dst}", dst))


def normal_conn(normal):
    def run(command):
        return normal.run("a", *command.replace("{dst}", "10.9.0.2").split(), check=False)
    return run


def hand_flows(net):
    """A minimal hand-written flow set for customer A on the tunnel switch, equivalent to pvsnet's for A's site
    and its internet traffic: classify A's site tunnel, drop A's own space without a route, source-NAT the rest
    to A's public address in zone <number> (ct commit), and the internet side through ct(nat) of that zone back
    into A's site tunnel. ARP is not in it: the hosts' neighbours are made permanent before."""
    c = net.customers[CID]
    number, public = c["number"], c["internet-access"]["public-address"]
    site = net.tunnel(CID, "site")
    meta = f"0x{number:x}00000000/0xffffffff00000000"
    router_mac = c["site"][0]["router-mac"]
    return "\n".join([
        f"table=0,priority=200,ip,in_port={site['port']},dl_vlan={site['vlan']['vlan-id']},nw_src=10.1.0.0/16,"
        f"actions=pop_vlan,write_metadata:{meta},goto_table:30",
        f"table=0,priority=200,ip,in_port=3,nw_dst={public},actions=ct(zone={number},nat,table=40)",
        "table=0,priority=0,actions=drop",
        f"table=30,priority=100,ip,metadata={meta},nw_dst=10.0.0.0/8,actions=drop",
        f"table=30,priority=1,ip,metadata={meta},actions=ct(commit,zone={number},nat(src={public})),"
        f"set_field:{inet.GATEWAY_MAC}->eth_src,set_field:{inet.ROUTER_MAC}->eth_dst,dec_ttl,output:3",
        "table=30,priority=0,actions=drop",
        f"table=40,priority=100,ct_state=+trk+est,ct_zone={number},ip,nw_dst=10.1.0.0/16,"
        f"actions=set_field:{inet.GATEWAY_MAC}->eth_src,set_field:{router_mac}->eth_dst,dec_ttl,"
        f"push_vlan:0x8100,set_field:{0x1000 | site['vlan']['vlan-id']}->vlan_vid,output:{site['port']}",
        "table=40,priority=0,actions=drop",
        ""])


def saved_meters(bridge):
    """The bridge's meters as ovs-ofctl add-meter arguments (the switch drops them when its controller goes)."""
    out = sh("ovs-ofctl", "-O", "OpenFlow13", "dump-meters", bridge)
    meters, lines = [], out.splitlines()[1:]
    for head, band in zip(lines[0::2], lines[1::2]):
        flags = head.replace(" bands=", "").split()
        meters.append(",".join(flags + ["band=" + ",".join(band.split())]))
    return meters


def restore_meters(bridge, meters):
    present = sh("ovs-ofctl", "-O", "OpenFlow13", "dump-meters", bridge)
    for meter in meters:
        if f"{meter.split(',')[0]} " not in present:
            sh("ovs-ofctl", "-O", "OpenFlow13", "add-meter", bridge, meter)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (interleaved)")
    parser.add_argument("--seconds", type=int, default=5, help="iperf3 -t")
    parser.add_argument("--connections", type=int, default=2000, help="connections per conn/s run")
    args = parser.parse_args()
    started = time.monotonic()
    command = (f"/usr/bin/python3 bench/nat.py --repeat {args.repeat} --seconds {args.seconds} "
               f"--connections {args.connections}")

    throughput, rates, notes = {}, {}, []
    with provisioned("bench-nat", addressing="gateway", doc=inet.config()) as net:
        site, web, internet = inet.site(net, CID), inet.pvs(net, CID), inet.internet(net)
        public = net.customers[CID]["internet-access"]["public-address"]
        bridge = net.bridge[inet.TS].name
        pvsnet_flows = [x.strip() for x in ofctl("dump-flows", bridge, "--no-stats").splitlines() if "cookie=" in x]
        servers = [(internet, inet.start_echo_server(internet)), (web, inet.start_echo_server(web))]
        normals = [NormalPath(2).start(), NormalPath(3).start()]
        normal_server = subprocess.Popen(["ip", "netns", "exec", normals[0].ns["b"], "/usr/bin/python3",
                                          inet.SERVER_FILE, str(inet.ECHO_PORT)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            # From here on the switch is pvsnet's flows or the hand-written ones, swapped with replace-flows
            # (fail-mode secure, controller disconnected), so both are measured side by side in each round.
            site.cmd(f"ip neigh replace 10.1.0.254 lladdr {inet.GATEWAY_MAC} dev {site.defaultIntf()} nud permanent")
            internet.cmd(f"ip neigh replace {public} lladdr {inet.GATEWAY_MAC} dev {internet.defaultIntf()} "
                         "nud permanent")
            meters = saved_meters(bridge)
            sh("ovs-vsctl", "del-controller", bridge)
            flow_sets = {"pvsnet": "/tmp/pvsnet-bench-nat-pvsnet-flows.txt",
                         "hand": "/tmp/pvsnet-bench-nat-hand-flows.txt"}
            with open(flow_sets["pvsnet"], "w") as f:
                f.write("\n".join(pvsnet_flows) + "\n")
            with open(flow_sets["hand"], "w") as f:
                f.write(hand_flows(net))

            def on(flow_set, measure):
                def run():
                    restore_meters(bridge, meters)
                    load = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "replace-flows", bridge,
                                           flow_sets[flow_set]], capture_output=True, text=True)
                    assert load.returncode == 0, (flow_set, load.stderr, sh("ovs-ofctl", "-O", "OpenFlow13",
                                                                             "dump-meters", bridge, check=False))
                    return measure()
                return run
            tcp = {
                "pvsnet NAT: site -> internet (2 bridges)":
                    on("pvsnet", lambda: iperf3(site, internet, inet.NEXT_HOP, args.seconds, public)),
                "hand-written ct/nat flows: site -> internet":
                    on("hand", lambda: iperf3(site, internet, inet.NEXT_HOP, args.seconds, public)),
                "pvsnet, no NAT: site -> PVS (3 bridges)":
                    on("pvsnet", lambda: iperf3(site, web, "10.0.0.10", args.seconds, "10.1.0.1")),
                "NORMAL, 2 bridges joined by a veth": lambda: normals[0].tcp_mbit(args.seconds),
                "NORMAL, 3 bridges joined by veths": lambda: normals[1].tcp_mbit(args.seconds),
            }
            conn = {
                "pvsnet NAT: site -> internet":
                    on("pvsnet", lambda: conn_rate(on_host(site, inet.NEXT_HOP), args.connections, public)),
                "hand-written ct/nat flows": on("hand", lambda: conn_rate(on_host(site, inet.NEXT_HOP),
                                                                          args.connections, public)),
                "pvsnet, no NAT: site -> PVS":
                    on("pvsnet", lambda: conn_rate(on_host(site, "10.0.0.10"), args.connections, "10.1.0.1")),
                "NORMAL, 2 bridges, no NAT": lambda: conn_rate(normal_conn(normals[0]), args.connections,
                                                               "10.9.0.1"),
            }
            throughput = {name: [] for name in tcp}
            rates = {name: [] for name in conn}
            for _ in range(args.repeat):
                for name, measure in tcp.items():
                    throughput[name].append(measure())
                for name, measure in conn.items():
                    rates[name].append(measure())
            entries, number = inet.conntrack(), net.customers[CID]["number"]
            notes.append(f"conntrack entries after the runs: {len(entries)}, in zone {number}: "
                         f"{sum(1 for e in entries if f'zone={number}' in e)}")
        finally:
            normal_server.kill()
            normal_server.wait()
            for normal in normals:
                normal.stop()
            for host, pid in servers:
                end(host, pid)

    print(f"\n$ {command}\n")
    print(f"TCP throughput, one established connection (iperf3 -t {args.seconds}, median of {args.repeat}):")
    for name, values in throughput.items():
        print(f"  {name:<50} {statistics.median(values):8.1f} Mbit/s   (runs: "
              f"{', '.join(f'{v:.0f}' for v in values)})")
    print(f"\nnew TCP connections per second ({args.connections} sequential connect/send/echo/close, median of "
          f"{args.repeat}):")
    for name, runs in rates.items():
        values = [rate for rate, _ in runs]
        failed = sum(f for _, f in runs)
        print(f"  {name:<50} {statistics.median(values):8.0f} conn/s   (runs: "
              f"{', '.join(f'{v:.0f}' for v in values)}; failed connections: {failed} of "
              f"{args.connections * len(runs)})")
    print("\npvsnet's flows on the tunnel switch that use conntrack:")
    for line in pvsnet_flows:
        if "ct(" in line or "ct_state" in line:
            print(f"  {line.strip()}")
    print(f"  ({len(pvsnet_flows)} flows in all)")
    print("hand-written flow set (ovs-ofctl -O OpenFlow13 replace-flows):")
    for line in hand_flows(net).splitlines():
        print(f"  {line}")
    for note in notes:
        print(note)
    print(f"\nthe benchmark took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    if os.geteuid() != 0:
        raise SystemExit("run as root (Mininet, namespaces, Open vSwitch)")
    main()
