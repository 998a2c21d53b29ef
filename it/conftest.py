"""Shared fixtures: the controller must already run (./pvsnet start), as the README's test command does."""
import copy

import pytest

import restconf


@pytest.fixture(scope="session", autouse=True)
def controller_is_up():
    restconf.wait_for(lambda: restconf.get(restconf.STATE).status == 200, timeout=120,
                      what="RESTCONF and pvsnet (./pvsnet start)")


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
