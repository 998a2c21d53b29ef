"""The controller keeps its datastore across a restart: `../pvsnet stop` then `../pvsnet start` (without --fresh), and
a kill -9 of the JVM then `../pvsnet start`. The configuration reads back byte-identical, an AAA user added through
RESTCONF still logs in, and pvsnet answers for the restored configuration. The module leaves the controller running
and healthy, with the configuration and the user deleted, as the next test modules expect."""
import os
import signal
import time

import pytest

import restconf
from controller import KARAF, controller_pid, pvsnet

USER, PASSWORD = "restart-probe", "Pr0be-restart"
USER_ID = f"{USER}@sdn"


def stored():
    resp = restconf.get(restconf.CONFIG + "?content=config")
    assert resp.status == 200, resp
    return resp


def auth(method, path, body=None):
    return restconf.request(method, path, body, content_type="application/json")


def user_exists():
    """From the list: AAA logs an ERROR for every GET or DELETE of a user that does not exist."""
    resp = auth("GET", "/auth/v1/users")
    assert resp.status == 200, resp
    return any(u["userid"] == USER_ID for u in resp.json()["users"])


def add_user():
    """A user with the admin role, so that it can read RESTCONF: it lives in AAA's H2 database under data/."""
    remove_user()   # left by an interrupted run
    resp = auth("POST", "/auth/v1/users", {"name": USER, "domainid": "sdn", "password": PASSWORD, "enabled": 1,
                                          "description": "test_restart", "email": ""})
    assert resp.status == 201, resp
    resp = auth("POST", f"/auth/v1/domains/sdn/users/{USER_ID}/roles", {"roleid": "admin@sdn"})
    # AAA keeps a user's grants when the user is deleted: a run interrupted before remove_user left one
    assert resp.status == 201 or "Grant already exists" in resp.text, resp
    assert restconf.get(restconf.STATE, auth=(USER, PASSWORD)).status == 200


def remove_user():
    """Its grants first: AAA does not delete them with the user."""
    if not user_exists():
        return
    for role in auth("GET", f"/auth/v1/domains/sdn/users/{USER_ID}/roles").json()["roles"]:
        resp = auth("DELETE", f"/auth/v1/domains/sdn/users/{USER_ID}/roles/{role['roleid']}")
        assert resp.status in (200, 204), resp
    resp = auth("DELETE", f"/auth/v1/users/{USER_ID}")
    assert resp.status in (200, 204), resp


def state_answers():
    try:
        return restconf.get(restconf.STATE).status == 200
    except OSError:   # nothing listens on 8181
        return False


def customers_in_state():
    state = restconf.get(restconf.STATE)
    return state.status == 200 and sorted(c["id"] for c in state.json()["pvsnet:pvsnet-state"].get("customer", []))


@pytest.fixture(scope="module")
def configured():
    doc = restconf.load_example()
    resp = restconf.put(restconf.CONFIG, doc)
    assert resp.status in (200, 201, 204), resp
    add_user()
    yield doc
    # Whatever happened above, the next modules need a running controller without this configuration or user.
    if not state_answers():
        pvsnet("start")
    restconf.wait_for(state_answers, timeout=60, what="pvsnet-state")
    assert restconf.delete(restconf.CONFIG).status in (200, 204)
    remove_user()
    restconf.wait_for(lambda: customers_in_state() == [], timeout=30, what="no customer left in pvsnet-state")


def check_restored(doc, before, how, took):
    after = stored()
    assert restconf.canonical(after.json()) == restconf.canonical(before.json()) == restconf.canonical(doc)
    assert after.text == before.text, "same content, but not byte-identical"
    assert restconf.get(restconf.STATE, auth=(USER, PASSWORD)).status == 200, "the AAA user was lost"
    start = time.monotonic()
    restconf.wait_for(lambda: customers_in_state() == ["C1", "C2", "C3"], timeout=30,
                      what="pvsnet-state for the restored configuration")
    print(f"\n{how}: {took:.1f}s; configuration identical ({len(after.text)} bytes), AAA user kept, "
          f"pvsnet-state lists C1 C2 C3 {time.monotonic() - start:.1f}s later")


def test_a_graceful_restart_keeps_the_configuration(configured):
    before = stored()
    stopped = pvsnet("stop")
    assert controller_pid() is None
    started = pvsnet("start")
    check_restored(configured, before, f"./pvsnet stop {stopped:.1f}s, ./pvsnet start", started)


def test_a_killed_controller_restarts_with_its_configuration(configured):
    before = stored()
    pid = controller_pid()
    assert pid, f"no controller JVM with karaf.base={KARAF}"
    os.kill(pid, signal.SIGKILL)
    restconf.wait_for(lambda: controller_pid() is None, timeout=10, what="the killed JVM gone")
    started = pvsnet("start")
    check_restored(configured, before, "kill -9, then ./pvsnet start", started)
