"""Provisioning benchmark: RESTCONF -> flows on a userspace OVS switch.

  ./pvsnet start && ./pvsnet ovs && /usr/bin/python3 bench/provision.py [--customers 1000] [--singles 100] [--warmup 30]

Measures, on one tunnel switch (openflow:1) and one host (openflow:2), both userspace bridges:
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
import restconf  # noqa: E402
from fabric import add_internal_ports  # noqa: E402

TS, HOST, SCRATCH = "bench-ts", "bench-h", "bench-x"


def sh(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def bridge(name, dpid):
    sh("ovs-vsctl", "--if-exists", "del-br", name)
    sh("ovs-vsctl", "add-br", name, "--", "set", "bridge", name, "datapath_type=netdev", "protocols=OpenFlow13",
       f"other-config:datapath-id={dpid:016x}", "fail-mode=secure")


def flows(name, cookie_mask=None):
    args = ["ovs-ofctl", "-O", "OpenFlow13", "dump-flows", name]
    if cookie_mask:
        args.append(f"cookie={cookie_mask}")
    return [line for line in subprocess.run(args, capture_output=True, text=True).stdout.splitlines()
            if "cookie=" in line]


def switches(pvs_ports):
    return [
        {"node-id": "openflow:1", "role": "tunnel-switch", "gateway-mac": "02:00:00:00:00:01",
         "port": [{"number": 1, "role": "external"}, {"number": 2, "role": "internal"}]},
        {"node-id": "openflow:2", "role": "host",
         "port": [{"number": 1, "role": "internal"}] + [{"number": 1 + p, "role": "pvs"}
                                                        for p in range(1, pvs_ports + 1)]},
    ]


def customer(n):
    """Customer n: a site on VLAN n of port 1, a PVS on VLAN 2000+n of port 2; all share 10.0.0.10."""
    return {"id": f"K{n}", "number": n, "address-space": ["10.0.0.0/8"],
            "tunnel": [{"name": "site", "switch": "openflow:1", "port": 1, "vlan": {"vlan-id": n}},
                       {"name": "pvs", "switch": "openflow:1", "port": 2, "vlan": {"vlan-id": 2000 + n}}],
            "site": [{"name": "hq", "prefix": ["10.1.0.0/16"], "tunnel": "site", "next-hop": "10.1.0.1",
                      "router-mac": "02:10:00:00:%02x:%02x" % (n // 256, n % 256)}],
            "pvs": [{"name": "web", "address": "10.0.0.10", "mac": "02:20:00:00:%02x:%02x" % (n // 256, n % 256),
                     "host": "openflow:2", "port": 1 + n, "tunnel": "pvs"}]}


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


def all_programmed(count):
    state = restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]
    customers = state.get("customer", [])
    return len(customers) == count and all(c["state"] == "programmed" for c in customers)


def measure_singles(count, warmup, monitor, host_monitor, singles):
    """One POST after another, each once the previous one is on both switches; the first warmup not counted."""
    for n in range(1, warmup + count + 1):
        start = time.monotonic()
        resp = restconf.post(restconf.CONFIG, {"pvsnet:customer": [customer(n)]})
        assert resp.status == 201, resp
        rest = time.monotonic() - start
        # 10 flows of customer n on the tunnel switch: 4 classify, 2 ARP, 4 forward
        wait(lambda: monitor.customer_added(n, 10) is not None, 30, 0.002)
        if n > warmup:
            singles.append((rest, monitor.customer_added(n, 10) - start))
        # the next change does not queue behind this one's 3 flows on the host
        wait(lambda: host_monitor.customer_added(n, 3) is not None, 30, 0.002)


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
    args = parser.parse_args()

    ports = max(args.customers, args.warmup + args.singles)  # a PVS port per customer, on the host
    bridge(TS, 1)
    bridge(HOST, 2)
    # every configured port exists (pvsnet holds a customer whose port a switch lacks in error)
    for name, switch in zip((TS, HOST), switches(ports)):
        add_internal_ports(name, switch)
        sh("ovs-vsctl", "set-controller", name, "tcp:127.0.0.1:6653")
    restconf.delete(restconf.CONFIG)
    wait(lambda: restconf.get("opendaylight-inventory:nodes/node=openflow:1?content=nonconfig").status == 200
         and restconf.get("opendaylight-inventory:nodes/node=openflow:2?content=nonconfig").status == 200, 60, 0.2)

    # 1. one customer at a time
    base = {"pvsnet:pvsnet": {"switch": switches(ports), "customer": []}}
    assert restconf.put(restconf.CONFIG, base).status in (200, 201, 204)
    wait(lambda: len(flows(TS)) == 3, 30)
    singles = []
    monitor, host_monitor = FlowMonitor(TS), FlowMonitor(HOST)
    time.sleep(0.5)  # the monitors are listening
    try:
        measure_singles(args.singles, args.warmup, monitor, host_monitor, singles)
    finally:
        monitor.close()
        host_monitor.close()
    restconf.delete(restconf.CONFIG)
    wait(lambda: len(flows(TS)) == 0, 60, 0.05)

    # 2. N customers in one PUT
    doc = {"pvsnet:pvsnet": {"switch": switches(ports),
                             "customer": [customer(n) for n in range(1, args.customers + 1)]}}
    expected_ts = 3 + 10 * args.customers
    expected_host = 1 + 3 * args.customers
    start = time.monotonic()
    resp = restconf.put(restconf.CONFIG, doc)
    put_seconds = time.monotonic() - start
    assert resp.status in (200, 201, 204), resp
    wait(lambda: len(flows(TS)) == expected_ts and len(flows(HOST)) == expected_host, 600, 0.2)
    on_switch = time.monotonic() - start
    wait(lambda: all_programmed(args.customers), 600, 0.5)
    programmed = time.monotonic() - start

    # 3. the same flows through ovs-ofctl --bundle, side by side
    bridge(SCRATCH, 99)
    dump = subprocess.run(["ovs-ofctl", "-O", "OpenFlow13", "--no-stats", "dump-flows", TS], capture_output=True,
                          text=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".flows", delete=False) as f:
        f.write("\n".join(line.strip() for line in dump.splitlines() if "cookie=" in line) + "\n")
    start = time.monotonic()
    sh("ovs-ofctl", "-O", "OpenFlow13", "--bundle", "add-flows", SCRATCH, f.name)
    bundle = time.monotonic() - start
    assert len(flows(SCRATCH)) == expected_ts
    os.unlink(f.name)

    rest = [s[0] * 1000 for s in singles]
    total = [s[1] * 1000 for s in singles]
    print(f"one customer, {len(singles)} times after {args.warmup} not counted (10 flows on the tunnel switch each):")
    print(f"  POST answered        median {statistics.median(rest):7.1f} ms   max {max(rest):7.1f} ms")
    print(f"  all flows on switch  median {statistics.median(total):7.1f} ms   "
          f"p90 {percentile(total, 90):7.1f} ms   p99 {percentile(total, 99):7.1f} ms   max {max(total):7.1f} ms")
    print(f"{args.customers} customers in one PUT ({expected_ts} + {expected_host} flows):")
    print(f"  PUT answered (validated)        {put_seconds:7.2f} s")
    print(f"  all flows on both switches      {on_switch:7.2f} s   ({(expected_ts + expected_host) / on_switch:,.0f}"
          f" flows/s)")
    print(f"  every customer 'programmed'     {programmed:7.2f} s")
    print(f"  same {expected_ts} flows, ovs-ofctl --bundle add-flows: {bundle:7.2f} s")

    restconf.delete(restconf.CONFIG)
    for name in (TS, HOST, SCRATCH):
        sh("ovs-vsctl", "--if-exists", "del-br", name)


if __name__ == "__main__":
    main()
