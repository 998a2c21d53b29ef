"""Provisioning benchmark: RESTCONF -> flows on userspace OVS switches.

  ./pvsnet start && ./pvsnet ovs && /usr/bin/python3 bench/provision.py [--customers 1000] [--singles 100] [--warmup 30]
  (--help for the other options: --after, --deletes, --ports, --batch, --keep-alive, ...)

Measures, on one tunnel switch (openflow:1) and a host per 2000 customers (openflow:10, 11, ...), all userspace
bridges (a host's PVS ports are patch ports without a peer, which cost OVS no device: 10,000 tap devices would slow
it down):
  1. one customer: POST of one customer (2 tunnels, a site, a PVS) -> all its flows added on the tunnel
     switch, as `ovs-ofctl monitor` reports them (the switch tells its flow monitors at each commit: no
     polling), repeated --singles times;
  2. N customers in one PUT -> every flow on both switches, and -> every customer 'programmed' in
     pvsnet-state;
  3. side by side, the same flows loaded by `ovs-ofctl --bundle add-flows` into a fresh bridge: the bar
     for bulk loading on this datapath.
Prints a table; results go in docs/benchmarks.md.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "it"))
import ovsdb  # noqa: E402
import restconf  # noqa: E402
from fabric import add_internal_ports  # noqa: E402

TS, SCRATCH = "bench-ts", "bench-x"
PER_HOST = 2000  # customers behind one host; VLANs 1-2000 (sites) and 2001-4000 (PVSs) on one pair of TS ports


def host_bridge(g):
    return f"bench-h{g}"


def sh(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def bridge(name, dpid, fresh=True):
    """A userspace bridge; with fresh=False an existing one is kept with its ports (thousands take minutes to
    create and to delete), only its flows and controller removed."""
    if not fresh and subprocess.run(["ovs-vsctl", "br-exists", name]).returncode == 0:
        sh("ovs-vsctl", "del-controller", name)
        sh("ovs-ofctl", "-O", "OpenFlow13", "del-flows", name)
        return
    ovsdb.delete_bridge(name)
    sh("ovs-vsctl", "add-br", name, "--", "set", "bridge", name, "datapath_type=netdev", "protocols=OpenFlow13",
       f"other-config:datapath-id={dpid:016x}", "fail-mode=secure")


def flows(name, cookie_mask=None):
    args = ["ovs-ofctl", "-O", "OpenFlow13", "dump-flows", name]
    if cookie_mask:
        args.append(f"cookie={cookie_mask}")
    return [line for line in subprocess.run(args, capture_output=True, text=True).stdout.splitlines()
            if "cookie=" in line]


def hosts(customers):
    return (customers + PER_HOST - 1) // PER_HOST


def switches(customers):
    """The tunnel switch: per host, an external port 100+g and an internal port 2+g; host g: openflow:(10+g),
    its uplink port 1 and a PVS port per customer."""
    groups = range(hosts(customers))
    return [{"node-id": "openflow:1", "role": "tunnel-switch", "gateway-mac": "02:00:00:00:00:01",
             "port": [{"number": 100 + g, "role": "external"} for g in groups]
             + [{"number": 2 + g, "role": "internal"} for g in groups]}] + [
        {"node-id": f"openflow:{10 + g}", "role": "host",
         "port": [{"number": 1, "role": "internal"}]
         + [{"number": 2 + k, "role": "pvs"} for k in range(min(PER_HOST, customers - g * PER_HOST))]}
        for g in groups]


def customer(n):
    """Customer n (from 1) of host g = (n-1) // 2000: a site on VLAN 1+k of port 100+g, a PVS behind VLAN 2001+k of
    port 2+g, on port 2+k of the host (k = (n-1) % 2000); all share 10.0.0.10."""
    g, k = divmod(n - 1, PER_HOST)
    mac = "%02x:%02x:%02x" % (n >> 16, (n >> 8) & 0xff, n & 0xff)
    return {"id": f"K{n}", "number": n, "address-space": ["10.0.0.0/8"],
            "tunnel": [{"name": "site", "switch": "openflow:1", "port": 100 + g, "vlan": {"vlan-id": 1 + k}},
                       {"name": "pvs", "switch": "openflow:1", "port": 2 + g, "vlan": {"vlan-id": 2001 + k}}],
            "site": [{"name": "hq", "prefix": ["10.1.0.0/16"], "tunnel": "site", "next-hop": "10.1.0.1",
                      "router-mac": "02:10:00:" + mac}],
            "pvs": [{"name": "web", "address": "10.0.0.10", "mac": "02:20:00:" + mac,
                     "host": f"openflow:{10 + g}", "port": 2 + k, "tunnel": "pvs"}]}


def patch_customers(customers, batch):
    """PATCH the customers into the configuration, batch at a time, one after another."""
    for first in range(0, len(customers), batch):
        resp = restconf.request("PATCH", f"data/{restconf.CONFIG}", {"pvsnet:pvsnet": {
            "customer": customers[first:first + batch]}})
        assert resp.status in (200, 201, 204), resp


def add_pvs_ports(bridge, numbers):
    """PVS ports as patch ports without a peer, in one database transaction; those a kept bridge has are skipped."""
    have = ovsdb.port_names(bridge)
    ovsdb.add_patch_ports(bridge, [n for n in numbers if f"{bridge}-p{n}" not in have], lambda n: f"{bridge}-p{n}")
    last = max(numbers)
    sh("ovs-vsctl", "--timeout=300", "wait-until", "Interface", f"{bridge}-p{last}", f"ofport={last}")


def controller_pid():
    pid = subprocess.run(["pgrep", "-f", "org.apache.karaf.main.Main"], capture_output=True, text=True).stdout.split()
    return pid[0] if pid else None


def controller_rss_mib():
    """Resident memory of the controller's JVM (Karaf), in MiB."""
    pid = controller_pid()
    return int(sh("ps", "-o", "rss=", "-p", pid).strip()) // 1024 if pid else 0


def live_heap(histogram):
    """The controller's live heap in MiB after a full GC (what a heap cap has to hold), with its class histogram
    (the largest classes first) written to the file histogram."""
    jcmd = os.path.join(os.environ.get("PVSNET_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jcmd")
    text = sh(jcmd, controller_pid(), "GC.class_histogram")  # forces a full GC: only live objects are counted
    with open(histogram, "w") as f:
        f.write(text)
    total = next(line for line in text.splitlines() if line.startswith("Total"))
    return int(total.split()[2]) / 2**20


class FlowMonitor:
    """`ovs-ofctl monitor` on a bridge: when each flow was added, by cookie, as the switch reports it."""

    def __init__(self, bridge):
        self.added = {}
        self.lock = threading.Lock()
        # line-buffered: into a pipe, ovs-ofctl's stdio would hold the events back; the events come on stderr
        self.proc = subprocess.Popen(["stdbuf", "-oL", "ovs-ofctl", "-O", "OpenFlow13", "monitor", bridge,
                                      "watch:!initial"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            if "event=ADDED" in line and "cookie=" in line:
                cookie = int(line.split("cookie=")[1].split()[0], 16)
                with self.lock:
                    self.added.setdefault(cookie, time.monotonic())

    def customer_flows(self):
        """How many customers' flows (cookie's high 32 bits not 0) were added."""
        with self.lock:
            return sum(1 for cookie in self.added if cookie >> 32)

    def last_added(self):
        with self.lock:
            return max(self.added.values())

    def customer_added(self, n, count):
        """When the count-th flow of customer n (cookie's high 32 bits) was added, or None."""
        with self.lock:
            times = sorted(t for cookie, t in self.added.items() if cookie >> 32 == n)
        return times[count - 1] if len(times) >= count else None

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def wait(predicate, timeout, interval=0.005):
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise SystemExit("timed out")
        time.sleep(interval)
    return time.monotonic() - start


def switches_programmed(count):
    """Whether pvsnet-state lists count switches, every one programmed (their flows are on them)."""
    state = restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
    switches = state.get("switch", [])
    return len(switches) == count and all(sw["state"] == "programmed" for sw in switches)


def all_programmed(count):
    state = restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
    customers = state.get("customer", [])
    return len(customers) == count and all(c["state"] == "programmed" for c in customers)


def measure_singles(count, warmup, monitor, host_monitors, singles, first=1, connection=None):
    """One POST after another (customers first, first + 1, ...), each once the previous one is on both switches;
    the first warmup not counted. host_monitors: a FlowMonitor per host, by host index. connection: a kept
    restconf.Connection, or None for a new connection per POST (as curl makes)."""
    for n in range(first, first + warmup + count):
        body = {"pvsnet:customer": [customer(n)]}
        start = time.monotonic()
        resp = (connection.request("POST", f"data/{restconf.CONFIG}", body) if connection
                else restconf.post(restconf.CONFIG, body))
        assert resp.status == 201, resp
        rest = time.monotonic() - start
        # 10 flows of customer n on the tunnel switch: 4 classify, 2 ARP, 4 forward
        wait(lambda: monitor.customer_added(n, 10) is not None, 30, 0.002)
        if n >= first + warmup:
            singles.append((rest, monitor.customer_added(n, 10) - start))
        # the next change does not queue behind this one's 3 flows on the host
        host_monitor = host_monitors[(n - 1) // PER_HOST]
        wait(lambda: host_monitor.customer_added(n, 3) is not None, 30, 0.002)


def print_singles(singles):
    rest = [s[0] * 1000 for s in singles]
    total = [s[1] * 1000 for s in singles]
    print(f"  POST answered        median {statistics.median(rest):7.1f} ms   max {max(rest):7.1f} ms")
    print(f"  all flows on switch  median {statistics.median(total):7.1f} ms   "
          f"p90 {percentile(total, 90):7.1f} ms   p99 {percentile(total, 99):7.1f} ms   max {max(total):7.1f} ms")
    # the part after the datastore's commit: pvsnet's pipeline, openflowplugin and the switch
    after = [t - r for r, t in zip(rest, total)]
    print(f"  ... after the answer median {statistics.median(after):7.1f} ms   p90 {percentile(after, 90):7.1f} ms")


def percentile(values, p):
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=30, help="single POSTs made first and not counted: the "
                        "controller's JIT compiler is cold after a start")
    parser.add_argument("--ports", type=int, default=0, help="PVS ports configured on the hosts, at least one per "
                        "customer: more to measure single changes in a big configuration without loading N customers")
    parser.add_argument("--after", action="store_true", help="measure single POSTs again with the N customers "
                        "configured (customers N+1, N+2, ...)")
    parser.add_argument("--batch", type=int, default=0, help="load the N customers in PATCHes of this many, one "
                        "after another (0: one PUT). A big write can meet a bug of OpenDaylight's datastore journal "
                        "(CONTROLLER-2181, docs/benchmarks.md)")
    parser.add_argument("--keep-bridges", action="store_true", help="keep the bridges and their ports for the "
                        "next run, and reuse those of the last one")
    parser.add_argument("--histogram", default="/tmp/pvsnet-bench-heap.txt", help="where the controller's class "
                        "histogram goes, taken with every customer loaded")
    parser.add_argument("--deletes", type=int, default=0, help="with the N customers configured: DELETE customer "
                        "n and POST it back, for n = 1.. this many, each request 2 s after the one before (a DELETE "
                        "is checked against the rest of the configuration before it is committed)")
    parser.add_argument("--keep-config", action="store_true", help="leave the N customers configured and their "
                        "bridges in place at the end (to watch the controller with them loaded)")
    parser.add_argument("--keep-alive", action="store_true", help="send the single POSTs on one HTTP connection "
                        "kept open, with the controller's session cookie, as a program would (default: a new "
                        "connection per POST, as curl makes)")
    args = parser.parse_args()
    fresh = not args.keep_bridges
    connection = restconf.Connection() if args.keep_alive else None

    # a PVS port per customer, on its host
    ports = max(args.ports, args.customers + (args.warmup + args.singles if args.after else 0),
                args.warmup + args.singles)
    groups = range(hosts(ports))
    host_ids = [f"openflow:{10 + g}" for g in groups]
    bridge(TS, 1, fresh)
    add_internal_ports(TS, switches(ports)[0])
    for g, host in zip(groups, switches(ports)[1:]):
        bridge(host_bridge(g), 10 + g, fresh)
        add_internal_ports(host_bridge(g), {"port": host["port"][:1]})
        add_pvs_ports(host_bridge(g), [port["number"] for port in host["port"][1:]])
    for name in [TS] + [host_bridge(g) for g in groups]:
        sh("ovs-vsctl", "set-controller", name, "tcp:127.0.0.1:6653")
    restconf.delete(restconf.CONFIG)
    wait(lambda: all(restconf.connected(node) for node in ["openflow:1"] + host_ids), 120, 0.5)
    rss_before = controller_rss_mib()

    # 1. one customer at a time
    base = {"pvsnet:pvsnet": {"switch": switches(ports), "customer": []}}
    assert restconf.put(restconf.CONFIG, base).status in (200, 201, 204)
    wait(lambda: switches_programmed(1 + len(host_ids)), 120, 0.2)
    singles = []
    monitor, host_monitor = FlowMonitor(TS), FlowMonitor(host_bridge(0))
    time.sleep(0.5)  # the monitors are listening
    try:
        measure_singles(args.singles, args.warmup, monitor, [host_monitor], singles, connection=connection)
    finally:
        monitor.close()
        host_monitor.close()
    restconf.put(restconf.CONFIG, base)
    wait(lambda: not flows(TS, "0x100000000/0xffffffff00000000"), 60, 0.05)

    # 2. N customers in one PUT, followed by the switches' own flow monitors
    doc = {"pvsnet:pvsnet": {"switch": switches(ports),
                             "customer": [customer(n) for n in range(1, args.customers + 1)]}}
    monitors = [FlowMonitor(TS)] + [FlowMonitor(host_bridge(g)) for g in groups]
    time.sleep(0.5)
    expected = 13 * args.customers  # 10 on the tunnel switch, 3 on the customer's host
    start = time.monotonic()
    try:
        if args.batch:
            assert restconf.put(restconf.CONFIG, base).status in (200, 201, 204)
            patch_customers(doc["pvsnet:pvsnet"]["customer"], args.batch)
        else:
            resp = restconf.put(restconf.CONFIG, doc)
            assert resp.status in (200, 201, 204), resp
        put_seconds = time.monotonic() - start
        wait(lambda: sum(m.customer_flows() for m in monitors) >= expected, 900, 0.1)
        on_switch = max(m.last_added() for m in monitors if m.added) - start
    finally:
        for m in monitors:
            m.close()
    wait(lambda: all_programmed(args.customers), 900, 0.2)
    programmed = time.monotonic() - start
    state_start = time.monotonic()
    state = restconf.get(restconf.STATE)
    state_seconds, state_bytes = time.monotonic() - state_start, len(state.text)
    rss_after = controller_rss_mib()
    live = live_heap(args.histogram)
    after = []
    if args.after:
        monitor, host_monitors = FlowMonitor(TS), [FlowMonitor(host_bridge(g)) for g in groups]
        time.sleep(0.5)
        try:
            measure_singles(args.singles, args.warmup, monitor, host_monitors, after, first=args.customers + 1,
                            connection=connection)
        finally:
            for m in [monitor] + host_monitors:
                m.close()

    deletes = []
    for n in range(1, min(args.deletes, args.customers) + 1):
        time.sleep(2)
        start = time.monotonic()
        resp = restconf.delete(f"{restconf.CONFIG}/customer=K{n}")
        assert resp.status in (200, 204), resp
        deleted = time.monotonic() - start
        time.sleep(2)
        start = time.monotonic()
        resp = restconf.post(restconf.CONFIG, {"pvsnet:customer": [customer(n)]})
        assert resp.status == 201, resp
        deletes.append((deleted, time.monotonic() - start))

    # 3. the tunnel switch's flows through ovs-ofctl --bundle, side by side
    bridge(SCRATCH, 99)
    dump = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "--no-stats", "dump-flows", TS], capture_output=True,
                          text=True).stdout
    lines = [line.strip() for line in dump.splitlines() if "cookie=" in line]
    with tempfile.NamedTemporaryFile("w", suffix=".flows", delete=False) as f:
        f.write("\n".join(lines) + "\n")
    start = time.monotonic()
    sh("ovs-ofctl", "-O", "OpenFlow13", "--bundle", "add-flows", SCRATCH, f.name)
    bundle = time.monotonic() - start
    assert len(flows(SCRATCH)) == len(lines)
    os.unlink(f.name)

    print(f"one customer, {len(singles)} times after {args.warmup} not counted (10 flows on the tunnel switch each):")
    print_singles(singles)
    how = f"PATCHes of {args.batch}" if args.batch else "one PUT"
    print(f"{args.customers} customers in {how} ({expected} flows, {len(lines)} on the tunnel switch, "
          f"{len(host_ids)} hosts):")
    print(f"  {how} answered (validated)  {put_seconds:7.2f} s")
    print(f"  all flows on the switches       {on_switch:7.2f} s   ({expected / on_switch:,.0f} flows/s)")
    print(f"  every customer 'programmed'     {programmed:7.2f} s")
    print(f"  the tunnel switch's {len(lines)} flows, ovs-ofctl --bundle add-flows: {bundle:7.2f} s "
          f"({len(lines) / bundle:,.0f} flows/s)")
    print(f"  GET pvsnet-state: {state_bytes / 1e6:.1f} MB in {state_seconds:.2f} s")
    print(f"  controller RSS: {rss_before} MiB before, {rss_after} MiB with the {args.customers} customers; "
          f"live heap after a full GC {live:.0f} MiB (classes: {args.histogram})")

    if after:
        print(f"one customer with the {args.customers} customers configured, {len(after)} times after "
              f"{args.warmup} not counted:")
        print_singles(after)
    if deletes:
        print(f"one customer with the {args.customers} customers configured, {len(deletes)} times, 2 s apart:")
        print(f"  DELETE answered      median {statistics.median(d[0] for d in deletes) * 1000:7.1f} ms   "
              f"POST of it back answered median {statistics.median(d[1] for d in deletes) * 1000:7.1f} ms")

    sh("ovs-vsctl", "--if-exists", "del-br", SCRATCH)
    if args.keep_config:
        return
    restconf.delete(restconf.CONFIG)
    if fresh:
        for name in [TS] + [host_bridge(g) for g in groups]:
            ovsdb.delete_bridge(name)


if __name__ == "__main__":
    main()
