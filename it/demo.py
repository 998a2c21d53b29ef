"""The demo: the Figs 7/8/9 example provisioned through RESTCONF on a running controller, with a userspace
OVS bridge connected as the tunnel switch. Run by `./pvsnet demo`, which starts everything first.
`demo.py --stop` (run by `./pvsnet demo --stop`) removes the bridge the demo leaves connected."""
import copy
import subprocess
import sys
import time

import restconf
from fabric import add_internal_ports

BRIDGE = "pvs-ts"   # the tunnel switch of Fig 7, openflow:1


def sh(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


def step(text):
    print(f"\n== {text}")


def connect_bridge():
    step(f"connect OVS bridge {BRIDGE} (netdev datapath, OpenFlow 1.3) as openflow:1, with the ports the example "
         "configures")
    sh("ovs-vsctl", "--may-exist", "add-br", BRIDGE, "--", "set", "bridge", BRIDGE, "datapath_type=netdev",
       "protocols=OpenFlow13", "other-config:datapath-id=0000000000000001", "fail-mode=secure")
    # pvsnet checks that a switch has every configured port: here internal ports stand for the cables to the
    # metro network and to the hosts
    ts = next(s for s in restconf.load_example()["pvsnet:pvsnet"]["switch"] if s["node-id"] == "openflow:1")
    for number, name, interface in add_internal_ports(BRIDGE, ts):
        print(f"  port {number} ({name}): {interface}")
    sh("ovs-vsctl", "set-controller", BRIDGE, "tcp:127.0.0.1:6653")
    start = time.monotonic()
    restconf.wait_for(lambda: restconf.get("opendaylight-inventory:nodes/node=openflow:1?content=nonconfig")
                      .status == 200, timeout=60, interval=0.2, what="openflow:1 in the inventory")
    print(f"openflow:1 is in the operational inventory after {time.monotonic() - start:.1f}s")


def load_example():
    doc = restconf.load_example()
    step("PUT the Figs 7/8/9 example to /rests/data/pvsnet:pvsnet")
    resp = restconf.put(restconf.CONFIG, doc)
    print(f"HTTP {resp.status} in {resp.elapsed * 1000:.0f} ms")
    if resp.status not in (200, 201, 204):
        sys.exit(f"the example was refused: {resp}")
    return doc


def show_lookup_table(doc):
    step("customer lookup table (seed Fig 8) as configured")
    print(f"{'switch':<11} {'port':>4} {'tunnel':<8} {'encapsulation':<14} {'service':<17} customer")
    for customer in doc["pvsnet:pvsnet"]["customer"]:
        for tunnel in customer["tunnel"]:
            encap = next((f"{k} {list(v.values())[0]}" for k, v in tunnel.items()
                          if k in ("vlan", "mpls", "vxlan", "gre")), "untagged")
            print(f"{tunnel['switch']:<11} {tunnel['port']:>4} {tunnel['name']:<8} {encap:<14} "
                  f"{tunnel.get('service', 'packet-switching'):<17} {customer['id']}")


def show_state(doc):
    step("GET /rests/data/pvsnet:pvsnet-state (only the tunnel switch exists here; the hosts are not connected)")
    ids = sorted(c["id"] for c in doc["pvsnet:pvsnet"]["customer"])
    state = restconf.wait_for(lambda: (lambda s: sorted(c["id"] for c in s.get("customer", [])) == ids and s)(
        restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]), timeout=10, what="status of the example")
    # the tunnel switch is programmed once openflowplugin's statistics have seen every flow on it
    state = restconf.wait_for(lambda: (lambda s: any(w["node-id"] == "openflow:1" and w["state"] == "programmed"
                                                     for w in s.get("switch", [])) and s)(
        restconf.get(restconf.STATE).json()["pvsnet:pvsnet-state"]), timeout=30, what="openflow:1 programmed")
    print(f"generation {state['generation']}")
    for sw in sorted(state["switch"], key=lambda s: s["node-id"]):
        print(f"  switch   {sw['node-id']:<12} {sw['state']:<11} {sw.get('flows-installed', 0)}/"
              f"{sw.get('flows-desired', 0)} flows  {sw.get('reason', '')}")
    for c in sorted(state["customer"], key=lambda c: c["id"]):
        print(f"  customer {c['id']:<12} {c['state']:<11} {c.get('reason', '')}")
    print("flows on the tunnel switch: " + str(sum(1 for line in sh("ovs-ofctl", "-O", "OpenFlow13", "dump-flows",
                                                                     BRIDGE).splitlines() if "cookie=" in line)))


def show_refusal(doc):
    step("an invalid change is refused and nothing is applied: C3 tunnel 710d reuses VLAN 101 of C1")
    bad = copy.deepcopy(doc)
    c3 = next(c for c in bad["pvsnet:pvsnet"]["customer"] if c["id"] == "C3")
    next(t for t in c3["tunnel"] if t["name"] == "710d")["vlan"]["vlan-id"] = 101
    resp = restconf.put(restconf.CONFIG, bad)
    print(f"HTTP {resp.status}: {resp.error_messages()[0]}")
    same = restconf.canonical(restconf.get(restconf.CONFIG + "?content=config").json()) == \
        restconf.canonical(doc)
    print(f"stored configuration unchanged: {same}")


def reachability_matrix():
    """Fig 6 on Mininet: which PVS answers each site, for every PVS address in the data centre."""
    from fabric import Fabric   # needs Mininet and root
    step("Fig 6 on Mininet: a tunnel switch, two hosts, three customers with the same addresses")
    doc = restconf.load_example("fig-6.json")
    restconf.delete(restconf.CONFIG)
    net = Fabric(doc).start()
    try:
        net.wait_connected()
        start = time.monotonic()
        restconf.put(restconf.CONFIG, doc)
        restconf.wait_for(lambda: all(c["state"] == "programmed" for c in restconf.get(restconf.STATE).json()[
            "pvsnet:pvsnet-state"].get("customer", [{"state": "no"}])), timeout=60, interval=0.2,
            what="every customer programmed")
        print(f"PUT -> every customer programmed in {time.monotonic() - start:.1f}s; "
              f"flows per switch: " + ", ".join(f"{n}={net.flow_count(n)}" for n in sorted(net.bridge)))
        targets = [(cid, p["name"], p["address"]) for cid, c in sorted(net.customers.items()) for p in c["pvs"]]
        print("\nwho answers (UDP identity service on every PVS); '-' = nothing reachable")
        print(f"{'site':<14}" + "".join(f"{a + ' (' + c + '/' + n + ')':>26}" for c, n, a in targets))
        for (cid, site), host in sorted(net.site_host.items()):
            row = [net.who_answers(host, address, timeout=0.5) for _, _, address in targets]
            print(f"{cid + '/' + site:<14}" + "".join(f"{(r if r != 'TIMEOUT' else '-'):>26}" for r in row))
        print("\nEvery site reaches only its own customer's servers, whatever address it asks for.")
    finally:
        net.stop()
        # Fig 6's network is gone: so is its configuration. Otherwise the next bridge to connect as openflow:1
        # would be reported as sharing Fig 6's datapath id for 30 s (pvsnet-state, "switches share datapath id")
        restconf.delete(restconf.CONFIG)


def main():
    sh("ovs-vsctl", "--if-exists", "del-br", BRIDGE)   # a bridge of an earlier demo would share Fig 6's dpid
    reachability_matrix()
    restconf.wait_for(lambda: restconf.get("opendaylight-inventory:nodes/node=openflow:1?content=nonconfig")
                      .status != 200, timeout=30, interval=0.5, what="Fig 6's tunnel switch gone")
    connect_bridge()
    doc = load_example()
    show_lookup_table(doc)
    show_state(doc)
    show_refusal(doc)
    step("the controller keeps running; try")
    print(f"  curl -u {restconf.USER}:{restconf.PASSWORD} {restconf.BASE}/rests/data/pvsnet:pvsnet")
    print(f"  curl -u {restconf.USER}:{restconf.PASSWORD} {restconf.BASE}/rests/data/pvsnet:pvsnet-state")
    print(f"  {restconf.BASE}/openapi/explorer/index.html   (OpenAPI explorer)")
    print(f"  ./pvsnet demo --stop   (removes bridge {BRIDGE} and stops the controller; ./pvsnet test removes it too)")


def stop():
    sh("ovs-vsctl", "--if-exists", "del-br", BRIDGE)
    print(f"removed bridge {BRIDGE}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--stop"]:
        stop()
    else:
        main()
