"""Encapsulation benchmark: TCP through each tunnel type, side by side in one run, on Mininet.

  ./pvsnet start --fresh && ./pvsnet ovs && /usr/bin/python3 bench/encapsulations.py [--seconds 5] [--repeat 3]

As root. Builds docs/examples/mixed.json (it/fabric.py, hosts configured with their gateways), provisioned
through RESTCONF, and runs iperf3 TCP (-t seconds) to customer M1's PVSs through the full pipeline:
  - by the site's tunnel, to the same server (behind an internal VLAN): VLAN (site-c), MPLS (site-a, labels
    pushed and popped by the customer edge), VXLAN (site-b, a kernel VXLAN device in the far end's namespace,
    OVS's userspace tunnel port on the tunnel switch); and GRE, customer G4's site to its server behind an
    internal VLAN on the same link (an OVS bridge's GRE port plays the site's end: this kernel has no GRE device);
  - by the PVS's tunnel, from the same VLAN site: VLAN (server), QinQ (db), MPLS to a self-encapsulating PVS
    (appliance, its labels popped by a bridge in front of it).
Then builds docs/examples/underlay.json and runs TCP from customer A's VLAN site to its servers behind each kind
of internal tunnel: VLAN (app, host 11), VXLAN (web, host 12), GRE (db, host 13), OVS's tunnel ports at both ends.
In each topology the cases are interleaved, --repeat times; the median
and the spread are shown, and each case's ratio to that topology's VLAN case. Results go in docs/benchmarks.md.
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "it"))
from fabric import iperf3, provisioned  # noqa: E402

# (label, customer, site, PVS): the first of each group is the VLAN reference
BY_SITE = [("site over VLAN", "M1", "site-c", "server"), ("site over MPLS", "M1", "site-a", "server"),
           ("site over VXLAN", "M1", "site-b", "server"), ("site over GRE", "G4", "site-1", "server")]
BY_PVS = [("PVS behind VLAN", "M1", "site-c", "server"), ("PVS behind QinQ", "M1", "site-c", "db"),
          ("PVS behind MPLS, self-encapsulating", "M1", "site-c", "appliance")]


# customer A in underlay.json: its site is behind a VLAN, each server behind another kind of internal tunnel
INTERNAL = [("internal VLAN", "A", "hq", "app"), ("internal VXLAN", "A", "hq", "web"),
            ("internal GRE", "A", "hq", "db")]


def measure(example, cases, args):
    """{label: [Mbit/s per run]} of the cases on the example's network, interleaved."""
    results = {label: [] for label, _, _, _ in cases}
    with provisioned(example, addressing="gateway") as net:
        for _ in range(args.repeat):
            for label, customer, site, pvs in cases:
                report = iperf3(net.site_host[(customer, site)], net.pvs_host[(customer, pvs)],
                                seconds=args.seconds)
                results[label].append(report["end"]["sum_received"]["bits_per_second"] / 1e6)
                print(f"  {label}: {results[label][-1]:.0f} Mbit/s", flush=True)
    return results


def table(title, rows, results, args):
    reference = statistics.median(results[rows[0][0]])
    print(f"\n{title}: TCP, iperf3 -t {args.seconds}, {args.repeat} interleaved runs each (Mbit/s):")
    print("| case | median | min-max | vs VLAN |\n|---|---|---|---|")
    for label, runs in ((label, results[label]) for label, _, _, _ in rows):
        median = statistics.median(runs)
        print(f"| {label} | {median:.0f} | {min(runs):.0f}-{max(runs):.0f} | {100 * median / reference:.0f}% |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    mixed = measure("mixed.json", BY_SITE + BY_PVS[1:], args)
    mixed[BY_PVS[0][0]] = mixed[BY_SITE[0][0]]     # the same path: VLAN site to VLAN server
    internal = measure("underlay.json", INTERNAL, args)
    table("mixed.json, by the site's tunnel", BY_SITE, mixed, args)
    table("mixed.json, by the PVS's tunnel", BY_PVS, mixed, args)
    table("underlay.json, by the internal tunnel to the host", INTERNAL, internal, args)


if __name__ == "__main__":
    main()
