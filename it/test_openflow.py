"""A userspace Open vSwitch bridge (netdev datapath, OpenFlow 1.3) connects to the controller."""
import subprocess
import time

import pytest

import restconf

BRIDGE = "pvsit1"
DPID = 0x1001  # openflow:4097: distinct from the example's switches


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def bridge():
    sh("ovs-vsctl", "--if-exists", "del-br", BRIDGE)
    sh("ovs-vsctl", "add-br", BRIDGE, "--", "set", "bridge", BRIDGE, "datapath_type=netdev",
       "protocols=OpenFlow13", f"other-config:datapath-id={DPID:016x}", "fail-mode=secure")
    sh("ovs-vsctl", "set-controller", BRIDGE, "tcp:127.0.0.1:6653")
    yield f"openflow:{DPID}"
    sh("ovs-vsctl", "--if-exists", "del-br", BRIDGE)


def test_bridge_connects_and_appears_in_the_inventory(bridge):
    start = time.monotonic()
    node = restconf.wait_for(
        lambda: (lambda r: r.status == 200 and r.json())(
            restconf.get(f"opendaylight-inventory:nodes/node={bridge}?content=nonconfig")),
        timeout=60, interval=0.5, what=f"{bridge} in the operational inventory")
    connected_after = time.monotonic() - start
    print(f"{bridge} in the inventory {connected_after:.1f}s after set-controller")
    assert node["opendaylight-inventory:node"][0]["id"] == bridge
    # OVSDB refreshes the controller status every few seconds.
    restconf.wait_for(lambda: sh("ovs-vsctl", "get", "controller", BRIDGE, "is_connected") == "true",
                      timeout=15, interval=0.5, what="is_connected in OVSDB")
    negotiated = sh("ovs-vsctl", "get", "bridge", BRIDGE, "protocols")
    assert "OpenFlow13" in negotiated


def test_bridge_leaves_the_inventory_when_removed(bridge):
    restconf.wait_for(lambda: restconf.get(f"opendaylight-inventory:nodes/node={bridge}?content=nonconfig")
                      .status == 200, timeout=60, interval=0.5, what=f"{bridge} connected")
    sh("ovs-vsctl", "del-br", BRIDGE)
    restconf.wait_for(lambda: restconf.get(f"opendaylight-inventory:nodes/node={bridge}?content=nonconfig")
                      .status != 200, timeout=60, interval=0.5, what=f"{bridge} gone from the inventory")
