"""Shared fixtures: the controller must already run (./pvsnet start), as the README's test command does."""
import copy
import glob
import json
import os
import subprocess

import pytest

import restconf


@pytest.fixture(scope="session", autouse=True)
def controller_is_up():
    restconf.wait_for(lambda: restconf.get(restconf.STATE).status == 200, timeout=120,
                      what="RESTCONF and pvsnet (./pvsnet start)")


@pytest.fixture(scope="session", autouse=True)
def no_leftover_bridges(controller_is_up):
    """No bridge left behind (e.g. the tunnel switch `./pvsnet demo` leaves connected as openflow:1) may share a
    datapath id with a switch of the examples: the tests expect those switches disconnected until they connect
    their own, and two bridges with one id take turns as the same OpenFlow node."""
    from fabric import free_datapath_ids   # Mininet, imported only here
    examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "examples", "*.json")
    nodes = set()
    for path in glob.glob(examples):
        with open(path) as f:
            nodes.update(s["node-id"] for s in json.load(f)["pvsnet:pvsnet"].get("switch", []))
    try:
        free_datapath_ids(nodes)
    except (OSError, subprocess.CalledProcessError):
        return   # no Open vSwitch running: no bridge either
    for node in sorted(nodes):
        path = f"opendaylight-inventory:nodes/node={node}?content=nonconfig"
        restconf.wait_for(lambda path=path: restconf.get(path).status != 200, timeout=30, interval=0.5,
                          what=f"{node} gone from the inventory")


@pytest.fixture
def example():
    """A fresh copy of the Figs 7/8/9 example, stored as the whole configuration."""
    doc = restconf.load_example()
    resp = restconf.put(restconf.CONFIG, doc)
    assert resp.status in (200, 201, 204), resp
    return copy.deepcopy(doc)


def customer(doc, cid):
    return next(c for c in doc["pvsnet:pvsnet"]["customer"] if c["id"] == cid)


def tunnel(doc, cid, name):
    return next(t for t in customer(doc, cid)["tunnel"] if t["name"] == name)


def switch(doc, node):
    return next(s for s in doc["pvsnet:pvsnet"]["switch"] if s["node-id"] == node)


def pytest_collection_modifyitems(items):
    """The log checks run last, so they see everything the other tests made the controller do."""
    items.sort(key=lambda item: item.fspath.basename == "test_log.py")
