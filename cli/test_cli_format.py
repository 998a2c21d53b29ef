"""Unit tests of the CLI's pure parts: tables, RPC answers as text, and the diagrams of the seed figures.

They need no controller: the RPC answers are written by hand from the contract in yang/pvsnet.yang."""
import json
import os
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

import pvsnet_cli as cli

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "examples")

STATE = {
    "generation": "7",
    "switch": [
        {"node-id": "openflow:11", "connected": False, "state": "pending", "flows-desired": 4,
         "flows-installed": 0, "reason": "openflow:11 is not connected"},
        {"node-id": "openflow:1", "connected": True, "state": "programmed", "flows-desired": 43,
         "flows-installed": 43},
    ],
    "customer": [
        {"id": "C2", "state": "programmed", "counters": {"packets": 5, "bytes": 420}},
        {"id": "C1", "state": "pending", "reason": "openflow:11 is not connected",
         "counters": {"packets": "1234", "bytes": "98765"},
         "tunnel": [{"name": "710a", "state": "programmed", "counters": {"packets": "1200", "bytes": "96000"}},
                    {"name": "730b", "state": "pending", "reason": "openflow:11 is not connected"}]},
    ],
}

TRACE = {
    "step": [
        {"index": 2, "switch": "openflow:1", "table": 30, "table-name": "FORWARD",
         "flow-id": "pvsnet:C1_forward_10.0.0.10_32",
         "flow": "priority=1064,ip,metadata=0x100000000/0xffffffff00000000,nw_dst=10.0.0.10 actions=output:3"},
        {"index": 1, "switch": "openflow:1", "table": 0, "table-name": "CLASSIFY",
         "flow-id": "pvsnet:C1_classify_710a_ip_10.1.0.0_16",
         "flow": "priority=200,ip,in_port=1,dl_vlan=101,nw_src=10.1.0.0/16 actions=pop_vlan,goto_table:30"},
        {"index": 3, "switch": "openflow:11", "table": 0, "table-name": "MUX",
         "flow": "priority=200,in_port=1,dl_vlan=201 actions=pop_vlan,output:2"},
    ],
    "exit": [{"index": 1, "switch": "openflow:11", "port": "2", "encapsulation": "untagged",
              "owner": "PVS main-server of customer C1",
              "packet": "02:00:00:00:00:01 > 02:00:00:00:01:0a 10.1.0.1 > 10.0.0.10 ttl 63"}],
    "delivered": True,
    "verdict": "delivered to PVS main-server of customer C1",
}

SHOW = {
    "lookup": [
        {"index": 2, "switch": "openflow:1", "port": 3, "tunnel": "730b", "encapsulation": "vlan 202",
         "service": "packet-switching", "action": "forwarding table of C1", "allowed-source": ["10.0.0.10/32"]},
        {"index": 1, "switch": "openflow:1", "port": 1, "tunnel": "710a", "encapsulation": "vlan 101",
         "service": "packet-switching", "action": "forwarding table of C1", "allowed-source": ["10.1.0.0/16"]},
    ],
    "route": [{"index": 1, "switch": "openflow:1", "destination": "10.0.0.10/32", "to": "PVS main-server",
               "next-hop-mac": "02:00:00:00:01:0a", "tunnel": "730a", "port": 3, "encapsulation": "vlan 201"}],
    "unresolved": ["10.2.0.0/16 (site site-2): router MAC not learned yet"],
    "flow": [
        {"index": 1, "switch": "openflow:11", "table": 0, "text": "priority=200,in_port=1,dl_vlan=201 actions=pop_vlan,output:2"},
        {"index": 2, "switch": "openflow:1", "table": 30, "text": "priority=1064,ip,nw_dst=10.0.0.10 actions=output:3"},
        {"index": 3, "switch": "openflow:1", "table": 0, "text": "priority=200,ip,in_port=1,dl_vlan=101 actions=goto_table:30"},
    ],
}


def example(name):
    with open(os.path.join(EXAMPLES, name)) as f:
        return json.load(f)["pvsnet:pvsnet"]


def test_a_table_aligns_its_columns_and_right_aligns_numbers():
    lines = cli.table(["NAME", "PACKETS", "REASON"], [["C1", 5, "x"], ["customer-2", 1234, ""]], indent="")
    assert lines == ["NAME        PACKETS  REASON",
                     "C1                5  x",
                     "customer-2     1234"]


def test_counters_are_read_whether_restconf_sends_strings_or_numbers():
    assert [cli.count("1234"), cli.count(1234), cli.count(None)] == [1234, 1234, None]


def test_status_lists_switches_in_node_order_and_customers_with_counters():
    text = cli.format_status(STATE)
    assert text.splitlines()[0] == "generation 7"
    assert text.index("openflow:1 ") < text.index("openflow:11")
    assert "openflow:1   yes        programmed  43/43" in text
    assert "openflow:11  no         pending     0/4    openflow:11 is not connected" in text
    assert "C1        pending        1234  98765  openflow:11 is not connected" in text
    assert "C2        programmed        5    420" in text


def test_status_of_an_empty_controller():
    assert cli.format_status({"generation": 0}) == \
        "generation 0\nswitches: none configured\ncustomers: none configured"


def test_customers_counts_tunnels_sites_and_pvss_of_each_customer():
    lines = cli.format_customers(example("figs-7-8-9.json"), STATE).splitlines()
    assert lines[0].split() == ["CUSTOMER", "NUMBER", "TUNNELS", "SITES", "PVSS", "INTERNET", "STATE"]
    assert [line.split() for line in lines[1:]] == [["C1", "1", "7", "2", "2", "no", "pending"],
                                                     ["C2", "2", "2", "1", "1", "no", "programmed"],
                                                     ["C3", "3", "2", "1", "1", "no", "-"]]


def test_customers_shows_internet_access():
    lines = cli.format_customers(example("fig-10b.json"), {}).splitlines()
    assert any(line.split()[5] == "yes" for line in lines[1:]), lines


def test_show_prints_the_lookup_table_routes_unresolved_state_and_flows_by_switch_and_table():
    text = cli.format_show("C1", SHOW, STATE)
    lines = text.splitlines()
    assert lines[0] == "customer C1: pending, 1234 packets, 98765 bytes (openflow:11 is not connected)"
    assert "  710a    programmed     1200  96000" in text
    assert "  730b    pending           -      -  openflow:11 is not connected" in text
    lookup = lines.index("lookup table (seed table 800), 2 rows:")
    assert lines[lookup + 2].split() == ["openflow:1", "1", "710a", "vlan", "101", "PS", "forwarding", "table", "of",
                                         "C1", "10.1.0.0/16"]
    assert lines[lookup + 3].split()[2] == "730b"
    route = lines.index("forwarding table (seed tables 900), 1 routes:")
    assert lines[route + 2].split() == ["openflow:1", "10.0.0.10/32", "PVS", "main-server", "02:00:00:00:01:0a",
                                        "730a", "3", "vlan", "201"]
    assert "  - 10.2.0.0/16 (site site-2): router MAC not learned yet" in lines
    flows = lines[lines.index("compiled flows, 3:") + 1:]
    assert flows == ["  openflow:1 table 0:",
                     "    priority=200,ip,in_port=1,dl_vlan=101 actions=goto_table:30",
                     "  openflow:1 table 30:",
                     "    priority=1064,ip,nw_dst=10.0.0.10 actions=output:3",
                     "  openflow:11 table 0:",
                     "    priority=200,in_port=1,dl_vlan=201 actions=pop_vlan,output:2"]


def test_trace_prints_each_step_each_exit_and_the_verdict():
    assert cli.format_trace(TRACE).splitlines() == [
        "  1. openflow:1 table 0 CLASSIFY   priority=200,ip,in_port=1,dl_vlan=101,nw_src=10.1.0.0/16 "
        "actions=pop_vlan,goto_table:30",
        "  2. openflow:1 table 30 FORWARD   priority=1064,ip,metadata=0x100000000/0xffffffff00000000,"
        "nw_dst=10.0.0.10 actions=output:3",
        "  3. openflow:11 table 0 MUX       priority=200,in_port=1,dl_vlan=201 actions=pop_vlan,output:2",
        "-> openflow:11 port 2 untagged: PVS main-server of customer C1",
        "   02:00:00:00:00:01 > 02:00:00:00:01:0a 10.1.0.1 > 10.0.0.10 ttl 63",
        "delivered to PVS main-server of customer C1",
    ]


def test_a_dropped_trace_shows_the_miss():
    dropped = {"step": [{"index": 1, "switch": "openflow:1", "table": 0, "table-name": "CLASSIFY"}],
               "delivered": False, "verdict": "dropped in table 0 CLASSIFY: no tunnel or spoofed source"}
    assert cli.format_trace(dropped).splitlines() == [
        "  1. openflow:1 table 0 CLASSIFY   (miss)",
        "dropped in table 0 CLASSIFY: no tunnel or spoofed source"]


def test_trace_input_follows_the_contract():
    assert cli.trace_input("1", 1, "10.1.0.1", "10.0.0.10", vlan=101) == {
        "switch": "openflow:1", "in-port": 1, "vlan": {"vlan-id": 101}, "protocol": "ip",
        "source": "10.1.0.1", "destination": "10.0.0.10"}
    assert cli.trace_input("openflow:21", 1, None, None, protocol="other", source_mac="02:00:00:00:00:09") == {
        "switch": "openflow:21", "in-port": 1, "untagged": [None], "protocol": "other",
        "source-mac": "02:00:00:00:00:09"}


def test_the_command_line_takes_connection_options_before_or_after_the_command():
    args = cli.parser().parse_args(["trace", "1", "3", "10.0.0.10", "10.1.0.1", "--arp", "--vlan", "201",
                                    "--url", "http://ctl:8181"])
    assert (args.url, args.protocol, args.vlan, args.in_port) == ("http://ctl:8181", "arp", 201, 3)
    args = cli.parser().parse_args(["--user", "ops", "verify", "C1", "--installed"])
    assert (args.user, args.customer, args.flows) == ("ops", "C1", "installed")
    assert cli.parser().parse_args(["verify"]).flows == "both"


def test_verify_lists_what_was_checked_and_every_violation():
    text = cli.format_verify({"isolated": False, "packets-checked": "1500",
                              "checked": ["compiled: 58 flows on 4 switches", "installed on openflow:1: 43 flows"],
                              "violation": ["C1 710a 10.1.0.1 > 10.0.0.10 reaches PVS server of customer C3"]})
    assert text.splitlines() == ["checked:",
                                 "  - compiled: 58 flows on 4 switches",
                                 "  - installed on openflow:1: 43 flows",
                                 "packets checked: 1500",
                                 "isolated: no",
                                 "violations (1):",
                                 "  - C1 710a 10.1.0.1 > 10.0.0.10 reaches PVS server of customer C3"]


def test_restconf_errors_without_a_message_still_say_something():
    body = {"errors": {"error": [{"error-tag": "invalid-value", "error-path": "/pvsnet:pvsnet"},
                                 {"error-tag": "invalid-value", "error-message": "pvsnet refused …"}]}}
    assert cli.error_messages(body) == ["invalid-value /pvsnet:pvsnet", "pvsnet refused …"]
    assert cli.error_messages({"message": "Request failed.", "status": "500"}) == ["Request failed."]
    assert cli.error_messages(None) == ["(no error message)"]


def test_apply_is_settled_when_every_customer_is_programmed_or_one_is_in_error():
    assert cli.settled(STATE, ["C2"]) == "programmed"
    assert cli.settled(STATE, ["C1", "C2"]) is None
    assert cli.settled({"customer": [{"id": "C1", "state": "error"}, {"id": "C2", "state": "pending"}]},
                       ["C1", "C2"]) == "error"


class FakeController:
    """Answers state() with each of STATES in turn, then with the last one again."""

    def __init__(self, *states):
        self.states = list(states)

    def state(self):
        return self.states.pop(0) if len(self.states) > 1 else self.states[0]


def test_apply_does_not_take_the_previous_configurations_state_for_the_new_ones(monkeypatch):
    monkeypatch.setattr(cli.time, "sleep", lambda seconds: None)
    old = {"generation": "4", "customer": [{"id": "C1", "state": "programmed"}]}
    pending = {"generation": "5", "customer": [{"id": "C1", "state": "pending"}]}
    done = {"generation": "5", "customer": [{"id": "C1", "state": "programmed"}]}
    state, outcome, _ = cli.wait_for_customers(FakeController(old, pending, done), ["C1"], 4, timeout=10)
    assert (state, outcome) == (done, "programmed")


def test_apply_of_an_unchanged_configuration_takes_the_current_state_once_settled(monkeypatch):
    monkeypatch.setattr(cli, "SETTLE", 0)
    same = {"generation": "4", "customer": [{"id": "C1", "state": "programmed"}]}
    assert cli.wait_for_customers(FakeController(same), ["C1"], 4, timeout=10)[:2] == (same, "programmed")


def test_apply_gives_up_after_its_timeout():
    pending = {"generation": "5", "customer": [{"id": "C1", "state": "pending"}]}
    assert cli.wait_for_customers(FakeController(pending), ["C1"], 4, timeout=0)[:2] == (pending, None)


def rendered(dot_text):
    """The text that the SVG Graphviz makes of DOT_TEXT shows, one line per text element; parsing it proves
    the SVG well-formed."""
    done = subprocess.run(["dot", "-Tsvg"], input=dot_text, capture_output=True, text=True, check=True)
    root = ElementTree.fromstring(done.stdout)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return "\n".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))


@pytest.mark.parametrize("figure", ["figs-7-8-9.json", "fig-3.json", "fig-6.json"])
def test_the_diagram_of_every_customer_shows_its_sites_tunnels_and_pvss(figure):
    config = example(figure)
    for customer in config["customer"]:
        dot_text = cli.customer_dot(config, {}, customer["id"])
        svg = rendered(dot_text)
        names = [f"site {s['name']}" for s in customer["site"]] + [f"PVS {p['name']}" for p in customer["pvs"]]
        names += [p["address"] for p in customer["pvs"]] + [t["name"] for t in customer["tunnel"]]
        for name in names:
            assert name in dot_text and name in svg, (customer["id"], name)


def test_the_diagram_of_figs_7_8_9_has_the_tunnel_switch_internal_tunnels_and_hosts():
    dot_text = cli.customer_dot(example("figs-7-8-9.json"), STATE, "C1")
    assert 'subgraph "cluster_openflow:1"' in dot_text and "tunnel switch openflow:1" in dot_text
    assert 'subgraph "cluster_openflow:11"' in dot_text and 'subgraph "cluster_openflow:12"' in dot_text
    # site 1 sends on 710a and receives on 710e (Fig 8); main server receives on 730a, sends on 730b
    assert '"site:site-1" -> "port:openflow:1:1" [label="710a\\nvlan 101\\nPS"' in dot_text
    assert '"site:site-1" -> "port:openflow:1:1" [label="710e\\nvlan 105\\nPS"' in dot_text
    assert '"port:openflow:1:3" -> "port:openflow:11:1" [label="730a\\nvlan 201\\nPS"' in dot_text
    assert '"port:openflow:1:3" -> "port:openflow:11:1" [label="730b\\nvlan 202\\nPS"' in dot_text
    assert "02:00:00:00:01:0a" in dot_text


def test_the_diagram_of_a_tunnel_switched_customer_shows_the_cross_connect():
    dot_text = cli.customer_dot(example("figs-7-8-9.json"), {}, "C2")
    assert "cross-connect\\n710c \u2194 730d" in dot_text
    assert "TS \u2194 730d" in dot_text


def test_the_diagram_of_fig_3_has_the_tunnel_ending_on_the_host():
    dot_text = cli.customer_dot(example("fig-3.json"), {}, "A")
    assert "tunnel switch" not in dot_text
    assert '"site:site-310" -> "port:openflow:21:1" [label="312\\nvlan 312\\nPS"' in dot_text
    assert '"port:openflow:21:1" -> "port:openflow:21:2" [label="mux/demux"' in dot_text


def test_the_diagram_colours_objects_by_state():
    dot_text = cli.customer_dot(example("figs-7-8-9.json"), STATE, "C1")
    green, orange, grey = (cli.COLOURS[s][0] for s in ("programmed", "pending", "configured"))
    site_1 = next(line for line in dot_text.splitlines() if line.startswith('  "site:site-1" ['))
    assert grey in site_1       # 710a is programmed, but its return tunnel 710e has no state
    main_server = next(line for line in dot_text.splitlines() if '"pvs:main-server" [' in line)
    assert orange in main_server     # its host openflow:11 is pending
    assert green not in main_server


def test_a_diagram_of_an_unknown_customer_is_an_error():
    with pytest.raises(cli.CliError, match="customer C9 is not configured"):
        cli.customer_dot(example("figs-7-8-9.json"), {}, "C9")
