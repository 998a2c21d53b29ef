"""Many clients at once: 8 RESTCONF clients, each making 50 changes to its own customers, all at the same time.

  ./pvsnet start && ./pvsnet ovs && /usr/bin/python3 bench/clients.py [--clients 8] [--changes 50]

Each client POSTs new customers (half of its changes), PATCHes the site of the first ones it made (another
prefix), and DELETEs the last ones, interleaved, as fast as the controller answers. Checked at the end, with
the answers timed:
  - no answer was a 5xx, and every change was answered 2xx (each client changes only its own customers);
  - the configuration holds exactly the customers that should remain, with every PATCH in it (no lost update);
  - every remaining customer is `programmed` in pvsnet-state, and how long after the last answer;
  - the tunnel switch has the flows of every remaining customer, with the PATCHed prefix, and none of a deleted
    one (read from the switch with ovs-ofctl, not from the controller);
  - the controller's resident memory before and after.
Layout and customers as bench/provision.py (one tunnel switch, one host).
"""
import argparse
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "it"))
import restconf  # noqa: E402
import provision  # noqa: E402
from fabric import add_internal_ports  # noqa: E402

PATCHED_PREFIX = "10.2.0.0/16"


def client_plan(client, changes):
    """The client's changes, in order: (method, customer number), customers 1 + client * changes + i. Half are
    POSTs; 3/5 of the rest PATCH a customer right after it was made, the others DELETE the last ones made."""
    first = 1 + client * changes
    posts = changes // 2
    patches = (changes - posts) * 3 // 5
    deletes = changes - posts - patches
    plan = []
    for i in range(posts):
        plan.append(("POST", first + i))
        if i < patches:
            plan.append(("PATCH", first + i))
    return plan + [("DELETE", first + posts - 1 - k) for k in range(deletes)]


def run_client(plan, answers):
    for method, n in plan:
        start = time.monotonic()
        if method == "POST":
            resp = restconf.post(restconf.CONFIG, {"pvsnet:customer": [provision.customer(n)]})
        elif method == "PATCH":
            resp = restconf.request("PATCH", f"data/{restconf.CONFIG}/customer=K{n}", {"pvsnet:customer": [
                {"id": f"K{n}", "site": [{"name": "hq", "prefix": [PATCHED_PREFIX]}]}]})
        else:
            resp = restconf.request("DELETE", f"data/{restconf.CONFIG}/customer=K{n}")
        answers.append((method, n, resp.status, time.monotonic() - start, resp.text[:300]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--changes", type=int, default=50)
    args = parser.parse_args()
    plans = [client_plan(c, args.changes) for c in range(args.clients)]
    numbers = sorted({n for plan in plans for _, n in plan})
    deleted = {n for plan in plans for method, n in plan if method == "DELETE"}
    patched = {n for plan in plans for method, n in plan if method == "PATCH"}
    remaining = [n for n in numbers if n not in deleted]
    assert not patched & deleted and len(plans[0]) == args.changes, plans[0]

    ports = max(numbers)
    provision.bridge(provision.TS, 1)
    provision.bridge(provision.host_bridge(0), 10)
    switches = provision.switches(ports)
    add_internal_ports(provision.TS, switches[0])
    add_internal_ports(provision.host_bridge(0), switches[1])
    for name in (provision.TS, provision.host_bridge(0)):
        provision.sh("ovs-vsctl", "set-controller", name, "tcp:127.0.0.1:6653")
    restconf.delete(restconf.CONFIG)
    provision.wait(lambda: all(restconf.connected(node) for node in ("openflow:1", "openflow:10")), 120, 0.5)
    assert restconf.put(restconf.CONFIG, {"pvsnet:pvsnet": {"switch": switches, "customer": []}}).status in (
        200, 201, 204)
    provision.wait(lambda: provision.switches_programmed(2), 120, 0.2)
    rss_before = provision.controller_rss_mib()

    answers = []
    threads = [threading.Thread(target=run_client, args=(plan, answers)) for plan in plans]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answered = time.monotonic() - start
    failed = [a for a in answers if not 200 <= a[2] < 300]
    server_errors = [a for a in answers if a[2] >= 500]

    config = restconf.get(restconf.CONFIG).json()["pvsnet:pvsnet"].get("customer", [])
    ids = sorted(int(c["id"][1:]) for c in config)
    lost = [n for n in patched if PATCHED_PREFIX not in next(
        (c["site"][0]["prefix"] for c in config if c["id"] == f"K{n}"), [])]
    provision.wait(lambda: provision.all_programmed(len(remaining)), 120, 0.1)
    programmed = time.monotonic() - start - answered
    rss_after = provision.controller_rss_mib()

    by_customer = {}
    for line in provision.flows(provision.TS):
        cookie = int(line.split("cookie=")[1].split(",")[0], 16)
        if cookie >> 32:
            by_customer.setdefault(cookie >> 32, []).append(line)
    missing = [n for n in remaining if len(by_customer.get(n, [])) < 10]
    leftover = sorted(n for n in by_customer if n not in remaining)
    unpatched = [n for n in patched if not any("nw_dst=10.2.0.0/16" in line or "nw_src=10.2.0.0/16" in line
                                               for line in by_customer.get(n, []))]

    times = [a[3] * 1000 for a in answers]
    print(f"{args.clients} clients x {args.changes} changes = {len(answers)} requests, answered in {answered:.2f} s "
          f"({len(answers) / answered:.0f}/s); each: median {statistics.median(times):.0f} ms, "
          f"p99 {provision.percentile(times, 99):.0f} ms, max {max(times):.0f} ms")
    for method in ("POST", "PATCH", "DELETE"):
        mine = [a[3] * 1000 for a in answers if a[0] == method]
        print(f"  {method:6} {len(mine):4}  median {statistics.median(mine):6.0f} ms")
    print(f"  not 2xx: {len(failed)} (5xx: {len(server_errors)}) {failed[:3]}")
    print(f"configuration: {len(ids)} customers, {len(remaining)} expected, "
          f"{'equal' if ids == remaining else 'DIFFERENT'}; PATCHes lost: {len(lost)}")
    print(f"every remaining customer programmed {programmed:.2f} s after the last answer")
    print(f"tunnel switch: customers missing flows {missing[:5]} ({len(missing)}), deleted customers' flows left "
          f"{leftover[:5]} ({len(leftover)}), PATCHed prefix absent for {len(unpatched)}")
    print(f"controller RSS: {rss_before} MiB before, {rss_after} MiB after")
    ok = not failed and ids == remaining and not lost and not missing and not leftover and not unpatched
    restconf.delete(restconf.CONFIG)
    for name in (provision.TS, provision.host_bridge(0)):
        provision.sh("ovs-vsctl", "--if-exists", "del-br", name)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
