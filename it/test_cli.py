"""The command line (cli/pvsnet_cli.py) against the running controller, run as an operator runs it.

The first tests need no switch. The others connect the Figs 7/8/9 example's four switches as empty
userspace bridges: pvsnet programs them like real ones, so `apply` can wait for `programmed` and
`verify` can check the flows the switches report."""
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

import restconf
from conftest import tunnel
from fabric import add_internal_ports, free_datapath_ids

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
EXAMPLE = os.path.join(TOP, "docs", "examples", "figs-7-8-9.json")


def pvsnet(*args):
    """Run the CLI with ARGS; the connection comes from PVSNET_URL/USER/PASSWORD, as for the other tests."""
    return subprocess.run(["/usr/bin/python3", os.path.join(TOP, "cli", "pvsnet_cli.py"), *args],
                          capture_output=True, text=True, timeout=300, cwd=TOP)


def sh(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


def stored():
    return restconf.canonical(restconf.get(restconf.CONFIG + "?content=config").json())


@pytest.fixture(scope="module")
def switches():
    """The example's switches as userspace bridges with an internal port for each configured port."""
    bridges = []
    free_datapath_ids(sw["node-id"] for sw in restconf.load_example()["pvsnet:pvsnet"]["switch"])
    for sw in restconf.load_example()["pvsnet:pvsnet"]["switch"]:
        number = int(sw["node-id"].split(":")[1])
        bridges.append(f"pvscli{number}")
        sh("ovs-vsctl", "--if-exists", "del-br", bridges[-1])
        sh("ovs-vsctl", "add-br", bridges[-1], "--", "set", "bridge", bridges[-1], "datapath_type=netdev",
           "protocols=OpenFlow13", f"other-config:datapath-id={number:016x}", "fail-mode=secure")
        add_internal_ports(bridges[-1], sw)
        sh("ovs-vsctl", "set-controller", bridges[-1], "tcp:127.0.0.1:6653")
    try:
        yield
    finally:
        for bridge in bridges:
            sh("ovs-vsctl", "--if-exists", "del-br", bridge)
        restconf.delete(restconf.CONFIG)


@pytest.fixture(scope="module")
def applied(switches):
    """The example applied with the CLI and programmed on the switches."""
    return pvsnet("apply", EXAMPLE, "--timeout", "90")


# -- apply, before any switch is connected -----------------------------------------------------------------

def test_apply_refuses_a_bad_file_names_the_field_and_stores_nothing(example, tmp_path):
    tunnel(example, "C3", "710d")["vlan"]["vlan-id"] = 101
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(example))
    done = pvsnet("apply", str(bad))
    assert done.returncode == 1, done
    assert "refused (HTTP 400)" in done.stderr
    assert "customer=C3/tunnel=710d: collides with tunnel 710a of customer C1" in done.stderr, done.stderr
    assert stored() == restconf.canonical(restconf.load_example())


def test_apply_without_waiting_stores_the_file():
    restconf.delete(restconf.CONFIG)
    done = pvsnet("apply", "--no-wait", EXAMPLE)
    assert (done.returncode, done.stdout.strip()) == (0, f"stored {EXAMPLE}"), done
    assert stored() == restconf.canonical(restconf.load_example())


def test_apply_says_which_switches_it_still_waits_for():
    done = pvsnet("apply", EXAMPLE, "--timeout", "3")
    assert done.returncode == 1, done
    assert "not every customer is programmed after" in done.stdout
    assert re.search(r"C1 +pending .*openflow:11 is not connected", done.stdout), done.stdout


# -- with the switches connected ----------------------------------------------------------------------------

def test_apply_waits_until_every_customer_is_programmed(applied):
    assert applied.returncode == 0, applied
    assert "every customer programmed after" in applied.stdout
    for cid in ("C1", "C2", "C3"):
        assert re.search(rf"^  {cid} +programmed", applied.stdout, re.MULTILINE), applied.stdout


def test_status_shows_every_switch_programmed_and_every_customer(applied):
    done = pvsnet("status")
    assert done.returncode == 0, done
    for node in ("openflow:1", "openflow:11", "openflow:12", "openflow:13"):
        row = re.search(rf"^  {node} +yes +programmed +(\d+)/(\d+)", done.stdout, re.MULTILINE)
        assert row and row.group(1) == row.group(2) != "0", done.stdout
    for cid in ("C1", "C2", "C3"):
        assert re.search(rf"^  {cid} +programmed +\d+ +\d+", done.stdout, re.MULTILINE), done.stdout


def test_customers_lists_each_customer_with_its_size_and_state(applied):
    done = pvsnet("customers")
    assert done.returncode == 0, done
    assert [line.split() for line in done.stdout.splitlines()[1:]] == [
        ["C1", "1", "7", "2", "2", "no", "programmed"],
        ["C2", "2", "2", "1", "1", "no", "programmed"],
        ["C3", "3", "2", "1", "1", "no", "programmed"]]


def test_the_pvsnet_script_passes_commands_to_the_cli(applied):
    done = subprocess.run([os.path.join(TOP, "pvsnet"), "customers"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done
    assert done.stdout.splitlines()[1].split()[0] == "C1"


def test_show_lists_the_lookup_rows_routes_state_and_flows_of_a_customer(applied):
    done = pvsnet("show", "C1")
    assert done.returncode == 0, done
    lines = done.stdout.splitlines()
    assert re.match(r"customer C1: programmed, \d+ packets, \d+ bytes$", lines[0]), lines[0]
    lookup = lines[lines.index(next(x for x in lines if x.startswith("lookup table"))) + 2:]
    rows = {row.split()[2]: row.split() for row in lookup[:lookup.index("")]}
    # Fig 8: the tunnels on which C1's traffic arrives at the tunnel switch, each with its port and tag
    for name, port, vlan in (("710a", "1", "101"), ("710b", "1", "102"), ("730b", "3", "202"), ("730c", "4", "203")):
        assert rows[name][:5] == ["openflow:1", port, name, "vlan", vlan], rows
        assert rows[name][5] == "PS"
    # Fig 9: C1's forwarding table
    routes = lines[lines.index(next(x for x in lines if x.startswith("forwarding table"))) + 2:]
    routes = {row.split()[1]: row for row in routes[:routes.index("")]}
    assert set(routes) == {"10.1.0.0/16", "10.2.0.0/16", "10.0.0.10/32", "10.0.0.11/32"}, routes
    assert "710e" in routes["10.1.0.0/16"] and "730a" in routes["10.0.0.10/32"]
    assert "unresolved: none" in lines
    for heading in ("  openflow:1 table 0:", "  openflow:1 table 30:", "  openflow:11 table 0:"):
        assert heading in lines
    assert re.search(r"^  710a +programmed", done.stdout, re.MULTILINE)


def test_trace_of_a_site_packet_ends_at_its_own_pvs(applied):
    done = pvsnet("trace", "openflow:1", "1", "10.1.0.1", "10.0.0.10", "--vlan", "101")
    assert done.returncode == 0, done
    lines = done.stdout.splitlines()
    assert re.match(r" +1\. openflow:1 table 0 CLASSIFY +table=0, priority=200,", lines[0]), lines
    assert "-> openflow:11 port 2 untagged: PVS main-server of customer C1" in lines, done.stdout


def test_trace_of_the_same_address_from_another_customer_ends_at_that_customers_pvs(applied):
    done = pvsnet("trace", "1", "1", "10.1.0.1", "10.0.0.10", "--vlan", "104")
    assert done.returncode == 0, done
    exits = [line for line in done.stdout.splitlines() if line.startswith("->")]
    assert exits == ["-> openflow:13 port 3 untagged: PVS server of customer C3"], done.stdout


def test_trace_of_a_spoofed_source_is_dropped(applied):
    done = pvsnet("trace", "openflow:1", "1", "10.9.0.1", "10.0.0.10", "--vlan", "101")
    assert done.returncode == 0, done
    assert not [line for line in done.stdout.splitlines() if line.startswith("->")], done.stdout
    verdict = done.stdout.splitlines()[-1]
    assert "dropped" in verdict and "table 0" in verdict, done.stdout


def test_trace_of_an_arp_request_is_answered_out_of_the_sites_return_tunnel(applied):
    done = pvsnet("trace", "openflow:1", "1", "10.1.0.1", "10.0.0.10", "--vlan", "101", "--arp",
                  "--mac", "02:00:00:01:01:01")
    assert done.returncode == 0, done
    assert re.search(r"^-> openflow:1 port 1 vlan 105: tunnel 710e of customer C1", done.stdout, re.MULTILINE), \
        done.stdout


def test_trace_of_a_non_ip_frame_is_cross_connected(applied):
    done = pvsnet("trace", "openflow:1", "1", "--vlan", "103", "--other")
    assert done.returncode == 0, done
    assert "-> openflow:13 port 2 untagged: PVS server of customer C2" in done.stdout.splitlines(), done.stdout


def test_verify_proves_the_customers_isolated_on_the_compiled_and_installed_flows(applied):
    done = pvsnet("verify")
    assert done.returncode == 0, done
    lines = done.stdout.splitlines()
    assert "isolated: yes" in lines
    checked = [line[4:] for line in lines if line.startswith("  - ")]
    # a leaf-list: RESTCONF does not keep its order
    assert any(c.startswith("compiled") for c in checked), lines
    for node in ("openflow:1", "openflow:11", "openflow:12", "openflow:13"):
        assert any(c.startswith(f"installed on {node}") for c in checked), lines
    assert int(next(x for x in lines if x.startswith("packets checked:")).split(":")[1]) > 0


def test_verify_of_one_customer_on_the_compiled_flows_only(applied):
    done = pvsnet("verify", "C1", "--compiled")
    assert done.returncode == 0, done
    checked = [line for line in done.stdout.splitlines() if line.startswith("  - ")]
    assert len(checked) == 1 and checked[0].startswith("  - compiled"), done.stdout


def test_diagram_writes_an_svg_of_the_customers_routing_context(applied, tmp_path):
    path = tmp_path / "x.svg"
    done = pvsnet("diagram", "C1", "-o", str(path))
    assert (done.returncode, done.stdout.strip()) == (0, f"wrote {path}"), done
    root = ElementTree.parse(path).getroot()
    text = "\n".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for name in ("site site-1", "site site-2", "PVS main-server", "PVS backup-server", "10.0.0.11", "710e"):
        assert name in text, name
    assert "programmed" in text


def test_diagram_prints_the_dot_text_on_request(applied):
    done = pvsnet("diagram", "C2", "--dot")
    assert done.returncode == 0, done
    assert done.stdout.startswith('digraph "C2" {') and "cross-connect" in done.stdout


def test_show_of_an_unknown_customer_says_so(applied):
    done = pvsnet("show", "C9")
    assert done.returncode == 2, done
    assert done.stderr.startswith("pvsnet: pvsnet:show-customer failed") and "C9" in done.stderr, done.stderr


# -- errors ------------------------------------------------------------------------------------------------

def test_an_unreachable_controller_is_one_clear_line():
    done = pvsnet("status", "--url", "http://127.0.0.1:9")
    assert (done.returncode, done.stderr) == (2, "pvsnet: controller not reachable at http://127.0.0.1:9 "
                                                  "(./pvsnet start)\n"), done


def test_wrong_credentials_are_one_clear_line():
    done = pvsnet("customers", "--password", "not-the-password")
    assert done.returncode == 2, done
    assert "(HTTP 401)" in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
