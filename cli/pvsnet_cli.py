#!/usr/bin/env python3
"""pvsnet's command line: the operator's view of a running controller, over RESTCONF.

The Karaf console does not work on JDK 25, so this is how operators look at and change pvsnet: the
configuration (`pvsnet:pvsnet`), its state (`pvsnet:pvsnet-state`) and the RPCs of `yang/pvsnet.yang`.
Standard library only, because the machines cannot reach PyPI; `diagram` renders with Graphviz's
`dot` (`./pvsnet setup` installs it).

The module has three layers: `Controller` speaks RESTCONF; the `format_*` and `customer_dot` functions
turn the JSON documents into text and are pure (unit-tested in cli/test_cli_format.py); the `run_*`
functions are the subcommands. Exit codes: 0 success, 1 a negative answer (a refused or not yet
programmed configuration, a violated isolation), 2 the command could not be carried out.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

CONFIG = "data/pvsnet:pvsnet"
STATE = "data/pvsnet:pvsnet-state"
HTTP_TIMEOUT = 300      # seconds; verify-isolation walks every probe packet through the whole fabric
SETTLE = 2.0            # seconds after which a PUT that published no new generation is taken as a no-op
EXIT_OK, EXIT_NO, EXIT_ERROR = 0, 1, 2

# seed Fig 8's column 'Service'
SERVICE = {"packet-switching": "PS", "tunnel-switching": "TS"}
# fill and line colours of a diagram node, by object state
COLOURS = {"programmed": ("#c8e6c9", "#2e7d32"), "pending": ("#ffe0b2", "#ef6c00"),
           "error": ("#ffcdd2", "#c62828"), "configured": ("#eeeeee", "#757575")}
SEVERITY = ["programmed", "configured", "pending", "error"]


class CliError(Exception):
    """The command could not be carried out; the message is one line for the operator."""


# -- RESTCONF ------------------------------------------------------------------------------------------

class Controller:
    """RESTCONF (RFC 8040) of one controller, with HTTP basic authentication."""

    def __init__(self, url, user, password):
        self.url = url.rstrip("/")
        self.user = user
        self.token = base64.b64encode(f"{user}:{password}".encode()).decode()

    def request(self, method, path, body=None):
        """Send one request to /rests/PATH; return (HTTP status, parsed JSON body or None).

        HTTP errors are returned, not raised, except 401: wrong credentials are never what a command
        can report as its answer."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.url}/rests/{path}", data=data, method=method)
        req.add_header("Accept", "application/json")
        req.add_header("Authorization", f"Basic {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/yang-data+json")
        try:
            with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as resp:
                return resp.status, parse_json(resp.read())
        except urllib.error.HTTPError as err:
            if err.code == 401:
                raise CliError(f"the controller at {self.url} refused user '{self.user}' (HTTP 401): "
                               "check --user/--password or PVSNET_USER/PVSNET_PASSWORD") from None
            return err.code, parse_json(err.read())
        except urllib.error.URLError as err:
            if isinstance(err.reason, ConnectionRefusedError):
                raise CliError(f"controller not reachable at {self.url} (./pvsnet start)") from None
            raise CliError(f"controller not reachable at {self.url}: {err.reason}") from None
        except TimeoutError:
            raise CliError(f"the controller at {self.url} did not answer within {HTTP_TIMEOUT} s") from None
        except ConnectionError as err:
            raise CliError(f"controller at {self.url} closed the connection: {err}") from None

    def get(self, path):
        """A datastore document; raises with RESTCONF's message unless HTTP 200."""
        status, body = self.request("GET", path)
        if status != 200:
            raise failure(f"GET {path}", status, body)
        return body

    def config(self):
        """The whole configuration (the inside of pvsnet:pvsnet); empty when nothing is configured."""
        status, body = self.request("GET", f"{CONFIG}?content=config")
        if status in (404, 409):    # RESTCONF's data-missing: nothing stored yet
            return {}
        if status != 200:
            raise failure(f"GET {CONFIG}", status, body)
        return body.get("pvsnet:pvsnet", {})

    def state(self):
        """pvsnet-state: generation, switches, customers and their tunnels."""
        return self.get(STATE).get("pvsnet:pvsnet-state", {})

    def rpc(self, name, payload):
        """Call RPC pvsnet:NAME with input PAYLOAD; return its output (empty when the answer is 204)."""
        status, body = self.request("POST", f"operations/pvsnet:{name}", {"input": payload})
        if status == 204:
            return {}
        if status != 200:
            raise failure(f"pvsnet:{name} failed", status, body)
        return (body or {}).get("pvsnet:output", {})


def parse_json(raw):
    """A response body as JSON; None when empty or not JSON (e.g. a proxy's HTML error page)."""
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def failure(what, status, body):
    """The error for an unexpected HTTP answer: what was done, the status, and RESTCONF's messages."""
    return CliError(f"{what} (HTTP {status}): {'; '.join(error_messages(body))}")


def error_messages(body):
    """The error-message of every RFC 8040 error in BODY; the tag and path where there is no message.

    OpenDaylight sends no message for some errors (a malformed address), only a tag; and a failure outside
    RESTCONF (an exception in an RPC) comes as the servlet container's {"message": …}."""
    body = body if isinstance(body, dict) else {}
    errors = (body.get("errors") or {}).get("error", [])
    messages = [e.get("error-message") or " ".join(filter(None, [e.get("error-tag"), e.get("error-path")]))
                for e in errors]
    return messages or [body.get("message") or "(no error message)"]


# -- small formatting helpers ---------------------------------------------------------------------------

def count(value):
    """A counter64 or uint64 as an int: RESTCONF sends them as JSON strings, some versions as numbers.
    None when absent."""
    return None if value is None else int(value)


def shown(value):
    """A cell of a table: '-' for absent."""
    return "-" if value is None else value


def yes_no(flag):
    """A boolean leaf for people; absent reads as no."""
    return "yes" if flag else "no"


def node_order(node_id):
    """Sort key: openflow:2 before openflow:11."""
    _, _, number = node_id.partition(":")
    return (0, int(number), node_id) if number.isdigit() else (1, 0, node_id)


def table(headers, rows, indent="  "):
    """ROWS under HEADERS as aligned text lines: numbers (and '-' among them) right-aligned, the last column
    unpadded."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [any(isinstance(row[i], int) for row in rows) and all(isinstance(row[i], int) or row[i] == "-"
                                                                     for row in rows) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [cell.rjust(widths[i]) if numeric[i] else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        parts[-1] = row[-1].rjust(widths[-1]) if numeric[-1] else row[-1]
        lines.append((indent + "  ".join(parts)).rstrip())
    return lines


def encapsulation(tunnel):
    """A configured tunnel's tag as text: 'untagged', 'vlan 101', 'qinq 300.7', 'mpls 1000', …"""
    if "vlan" in tunnel:
        return f"vlan {tunnel['vlan'].get('vlan-id')}"
    if "qinq" in tunnel:
        return f"qinq {tunnel['qinq'].get('outer-vlan-id')}.{tunnel['qinq'].get('inner-vlan-id')}"
    for kind, leaf in (("mpls", "label"), ("vxlan", "vni"), ("gre", "key")):
        if kind in tunnel:
            return f"{kind} {tunnel[kind].get(leaf)}"
    return "untagged"


def by_index(items):
    """An RPC output list in the order of its 'index' key (uint16, a number or a string)."""
    return sorted(items or [], key=lambda item: int(item.get("index", 0)))


def state_of(state, cid):
    """The pvsnet-state entry of customer CID, or {} when there is none yet."""
    return next((c for c in state.get("customer", []) if c.get("id") == cid), {})


# -- status and customers ---------------------------------------------------------------------------------

def format_status(state):
    """pvsnet-state as text: the generation, a table of switches and a table of customers."""
    lines = [f"generation {count(state.get('generation')) or 0}"]
    switches = sorted(state.get("switch", []), key=lambda s: node_order(s.get("node-id", "")))
    lines.append("switches:" if switches else "switches: none configured")
    lines += table(["SWITCH", "CONNECTED", "STATE", "FLOWS", "REASON"],
                   [[s.get("node-id"), yes_no(s.get("connected")), shown(s.get("state")),
                     f"{count(s.get('flows-installed')) or 0}/{count(s.get('flows-desired')) or 0}",
                     s.get("reason", "")] for s in switches]) if switches else []
    customers = sorted(state.get("customer", []), key=lambda c: c.get("id", ""))
    lines.append("customers:" if customers else "customers: none configured")
    lines += customer_state_table(customers) if customers else []
    return "\n".join(lines)


def customer_state_table(customers):
    """Lines of a table of customers in pvsnet-state: state, counters, reason."""
    return table(["CUSTOMER", "STATE", "PACKETS", "BYTES", "REASON"], state_rows(customers, "id"))


def state_rows(objects, key):
    """Table rows of customers or tunnels in pvsnet-state, named by their KEY leaf."""
    counters = [o.get("counters") or {} for o in objects]
    return [[o.get(key), shown(o.get("state")), shown(count(c.get("packets"))), shown(count(c.get("bytes"))),
             o.get("reason", "")] for o, c in zip(objects, counters)]


def format_customers(config, state):
    """One line per configured customer: its size, internet access, and the state pvsnet reports."""
    customers = sorted(config.get("customer", []), key=lambda c: c["id"])
    if not customers:
        return "no customer is configured"
    rows = [[c["id"], count(c.get("number")), len(c.get("tunnel", [])), len(c.get("site", [])),
             len(c.get("pvs", [])), yes_no((c.get("internet-access") or {}).get("enabled")),
             state_of(state, c["id"]).get("state", "-")] for c in customers]
    return "\n".join(table(["CUSTOMER", "NUMBER", "TUNNELS", "SITES", "PVSS", "INTERNET", "STATE"], rows,
                           indent=""))


# -- show-customer -----------------------------------------------------------------------------------------

def format_show(cid, output, state):
    """show-customer's answer and the customer's state: the seed's tables 800 and 900, then the flows."""
    customer = state_of(state, cid)
    counters = customer.get("counters") or {}
    lines = [f"customer {cid}: {customer.get('state', 'no state yet')}, "
             f"{shown(count(counters.get('packets')))} packets, {shown(count(counters.get('bytes')))} bytes"
             + (f" ({customer['reason']})" if customer.get("reason") else "")]
    tunnels = sorted(customer.get("tunnel", []), key=lambda t: t.get("name", ""))
    lines += table(["TUNNEL", "STATE", "PACKETS", "BYTES", "REASON"], state_rows(tunnels, "name"))
    lookup = by_index(output.get("lookup"))
    lines += ["", f"lookup table (seed table 800), {len(lookup)} rows:"]
    lines += table(["SWITCH", "PORT", "TUNNEL", "ENCAPSULATION", "SERVICE", "ACTION", "ALLOWED SOURCES"],
                   [[r.get("switch"), count(r.get("port")), r.get("tunnel"), r.get("encapsulation"),
                     SERVICE.get(r.get("service"), r.get("service")), r.get("action"),
                     ", ".join(r.get("allowed-source", []))] for r in lookup])
    routes = by_index(output.get("route"))
    lines += ["", f"forwarding table (seed tables 900), {len(routes)} routes:"]
    lines += table(["SWITCH", "DESTINATION", "TO", "NEXT HOP MAC", "TUNNEL", "PORT", "ENCAPSULATION"],
                   [[r.get("switch"), r.get("destination"), r.get("to"), r.get("next-hop-mac"), r.get("tunnel"),
                     count(r.get("port")), r.get("encapsulation")] for r in routes])
    unresolved = output.get("unresolved", [])
    lines += ["", "unresolved: none" if not unresolved else "unresolved:"] + [f"  - {u}" for u in unresolved]
    flows = by_index(output.get("flow"))
    lines += ["", f"compiled flows, {len(flows)}:"] + flow_lines(flows)
    return "\n".join(lines)


def flow_lines(flows):
    """The flows grouped by switch, then by table, each group under its heading."""
    lines = []
    groups = {}
    for flow in flows:
        groups.setdefault((flow.get("switch", ""), int(flow.get("table", 0))), []).append(flow.get("text", ""))
    for (switch, table_id), texts in sorted(groups.items(), key=lambda g: (node_order(g[0][0]), g[0][1])):
        lines.append(f"  {switch} table {table_id}:")
        lines += [f"    {text}" for text in texts]
    return lines


# -- trace-packet ------------------------------------------------------------------------------------------

def node_id(text):
    """A switch as the operator types it: 'openflow:1', or just '1'."""
    return f"openflow:{text}" if text.isdigit() else text


def trace_input(switch, in_port, source, destination, vlan=None, protocol="ip", source_mac=None):
    """The input of trace-packet: a packet entering SWITCH on IN_PORT, in VLAN or untagged."""
    payload = {"switch": node_id(switch), "in-port": in_port, "protocol": protocol}
    payload.update({"vlan": {"vlan-id": vlan}} if vlan is not None else {"untagged": [None]})
    payload.update({k: v for k, v in (("source", source), ("destination", destination),
                                      ("source-mac", source_mac)) if v is not None})
    return payload


def format_trace(output):
    """trace-packet's answer: the tables visited, where copies left the fabric, and the verdict."""
    steps = by_index(output.get("step"))
    where = [f"{s.get('switch')} table {count(s.get('table'))} {s.get('table-name', '')}".rstrip() for s in steps]
    width = max((len(w) for w in where), default=0)
    lines = [f"{int(s.get('index', 0)):3}. {w.ljust(width)}   {s.get('flow') or '(miss)'}"
             for s, w in zip(steps, where)]
    for exit_ in by_index(output.get("exit")):
        lines.append(f"-> {exit_.get('switch')} port {exit_.get('port')} {exit_.get('encapsulation', '')}: "
                     f"{exit_.get('owner', '')}")
        if exit_.get("packet"):
            lines.append(f"   {exit_['packet']}")
    lines.append(output.get("verdict") or ("delivered" if output.get("delivered") else "not delivered"))
    return "\n".join(lines)


# -- verify-isolation --------------------------------------------------------------------------------------

def format_verify(output):
    """verify-isolation's answer: what was checked, and every violation."""
    violations = output.get("violation", [])
    checked = output.get("checked", [])
    lines = ["checked:" if checked else "checked: nothing"] + [f"  - {c}" for c in checked]
    lines += [f"packets checked: {count(output.get('packets-checked')) or 0}",
              f"isolated: {yes_no(output.get('isolated'))}"]
    if violations:
        lines.append(f"violations ({len(violations)}):")
        lines += [f"  - {v}" for v in violations]
    return "\n".join(lines)


# -- diagram -----------------------------------------------------------------------------------------------

def quote(text):
    """A DOT double-quoted string; newlines become DOT's centred line breaks."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def attributes(**attrs):
    """A DOT attribute list."""
    return "[" + ", ".join(f"{k}={quote(v)}" for k, v in attrs.items()) + "]"


def worst(*states):
    """The state of something that works only when all its parts do: the most severe one (unknown counts as
    'configured')."""
    return max((s if s in SEVERITY else "configured" for s in states), key=SEVERITY.index, default="configured")


def painted(state):
    """Node attributes that colour an object by its state."""
    fill, line = COLOURS.get(state, COLOURS["configured"])
    return {"style": "filled", "fillcolor": fill, "color": line}


def uplink_port(pvs, tunnel, switches):
    """The host port that carries a PVS's tunnel (the rule of docs/api.md, 'Figs 4/5')."""
    if "uplink-port" in pvs:
        return pvs["uplink-port"]
    if tunnel.get("switch") == pvs["host"]:
        return tunnel["port"]
    internal = [p["number"] for p in switches.get(pvs["host"], {}).get("port", []) if p.get("role") == "internal"]
    return internal[0] if len(internal) == 1 else None


class Diagram:
    """The DOT text of one customer's routing context: sites, tunnels, switches with the ports the customer
    uses, the hosts' mux/demux and the PVSs, coloured by the state pvsnet reports (seed Figs 3, 7-9)."""

    def __init__(self, config, state, cid):
        self.customer = next((c for c in config.get("customer", []) if c["id"] == cid), None)
        if self.customer is None:
            raise CliError(f"customer {cid} is not configured")
        self.switches = {s["node-id"]: s for s in config.get("switch", [])}
        self.tunnels = {t["name"]: t for t in self.customer.get("tunnel", [])}
        customer_state = state_of(state, cid)
        self.state = customer_state.get("state")
        self.tunnel_state = {t.get("name"): t.get("state") for t in customer_state.get("tunnel", [])}
        self.switch_state = {s.get("node-id"): s for s in state.get("switch", [])}
        self.ports = {}         # node-id -> {port number: node id in the graph}
        self.members = {}       # node-id -> graph nodes drawn inside that switch's cluster (PVSs)
        self.edges = []
        self.drawn = set()      # tunnels already on the picture

    def port(self, node, number):
        """The graph node of port NUMBER of switch NODE, added to that switch's cluster."""
        return self.ports.setdefault(node, {}).setdefault(number, f"port:{node}:{number}")

    def tunnel_label(self, tunnel):
        """Name, tag and service (with the peer of a cross-connect), as the seed labels tunnels."""
        service = SERVICE.get(tunnel.get("service", "packet-switching"))
        peer = f" \u2194 {tunnel['peer']}" if tunnel.get("peer") else ""
        return f"{tunnel['name']}\n{encapsulation(tunnel)}\n{service}{peer}"

    def tunnel_edge(self, left, right, tunnel, direction):
        """A tunnel as an edge; arrows show the way its traffic goes (DOT's dir: forward, back or both)."""
        self.drawn.add(tunnel["name"])
        colour = painted(self.tunnel_state.get(tunnel["name"]))["color"]
        self.edges.append((left, right, dict(label=self.tunnel_label(tunnel), color=colour, fontcolor=colour,
                                             dir=direction)))

    def ends_of(self, own, forward, back, own_left):
        """Edges between OWN (a site, or a host's uplink) and the switch ports where its tunnel FORWARD arrives
        and its return tunnel BACK leaves: one edge both ways when they are the same tunnel. Edges are declared
        left to right (sites, tunnel switch, hosts) whichever way the traffic goes, which keeps that layout."""
        ends = [(forward, "both")] if forward is back else [(t, way) for t, way in ((forward, "forward"),
                                                                                     (back, "back")) if t]
        for tunnel, way in ends:
            port = self.port(tunnel["switch"], tunnel["port"])
            if own_left:
                self.tunnel_edge(own, port, tunnel, way)
            else:
                self.tunnel_edge(port, own, tunnel, {"forward": "back", "back": "forward"}.get(way, way))

    def sites(self):
        """A box per site with its prefixes, and its tunnels to the switch where they arrive."""
        lines = []
        for site in self.customer.get("site", []):
            tunnel = self.tunnels.get(site.get("tunnel"))
            back = self.tunnels.get(site.get("return-tunnel"), tunnel)
            state = worst(*(self.tunnel_state.get(t["name"]) for t in (tunnel, back) if t))
            label = "\n".join([f"site {site['name']}"] + site.get("prefix", [])
                              + ([f"router {site['next-hop']}"] if site.get("next-hop") else []))
            name = f"site:{site['name']}"
            lines.append(f"  {quote(name)} {attributes(label=label, shape='box', **painted(state))};")
            if tunnel:
                self.ends_of(name, tunnel, back, own_left=True)
        return lines

    def pvss(self):
        """Each PVS inside its host, behind the host's mux/demux; internal tunnels from the tunnel switch."""
        for pvs in self.customer.get("pvs", []):
            tunnel = self.tunnels.get(pvs.get("tunnel"))
            back = self.tunnels.get(pvs.get("return-tunnel"), tunnel)
            host = pvs["host"]
            name = f"pvs:{pvs['name']}"
            parts = [self.switch_state.get(host, {}).get("state")]
            parts += [self.tunnel_state.get(t["name"]) for t in (tunnel, back) if t]
            label = f"PVS {pvs['name']}\n{pvs.get('address', '')}\n{pvs.get('mac', '')}"
            self.members.setdefault(host, []).append(
                f"{quote(name)} {attributes(label=label, shape='box3d', **painted(worst(*parts)))};")
            pvs_port = self.port(host, pvs["port"])
            self.edges.append((pvs_port, name, {"dir": "none"}))
            uplink = uplink_port(pvs, tunnel or {}, self.switches)
            if uplink is None:
                continue
            mux = "self-encapsulating" if pvs.get("attachment") == "self-encapsulating" else "mux/demux"
            self.edges.append((self.port(host, uplink), pvs_port, {"label": mux, "style": "dotted", "dir": "both"}))
            # without a tunnel switch (seed Fig 3) the site's tunnel ends on the host and is drawn with the site
            forward, returning = (t if t and t["switch"] != host else None for t in (tunnel, back))
            if forward or returning:
                self.ends_of(self.port(host, uplink), forward, returning, own_left=False)

    def cross_connects(self):
        """Each tunnel-switching pair once, as a dashed edge inside the tunnel switch."""
        for tunnel in self.tunnels.values():
            peer = self.tunnels.get(tunnel.get("peer", ""))
            if tunnel.get("service") == "tunnel-switching" and peer and tunnel["name"] < peer["name"]:
                ends = (self.port(tunnel["switch"], tunnel["port"]), self.port(peer["switch"], peer["port"]))
                self.edges.append((*ends, {"label": f"cross-connect\n{tunnel['name']} \u2194 {peer['name']}",
                                           "style": "dashed", "dir": "both", "constraint": "false"}))

    def unused(self):
        """Tunnels that no site or PVS uses, so they are not missing from the picture."""
        lines = []
        for name, tunnel in sorted(self.tunnels.items()):
            if name not in self.drawn:
                end = f"unused:{name}"
                lines.append(f"  {quote(end)} {attributes(label='no site or PVS', shape='plaintext')};")
                self.tunnel_edge(self.port(tunnel["switch"], tunnel["port"]), end, tunnel, "both")
        return lines

    def cluster(self, node):
        """A switch as a cluster of the ports the customer uses (and, on a host, its PVSs)."""
        sw = self.switches.get(node, {})
        st = self.switch_state.get(node, {})
        role = "tunnel switch" if sw.get("role") == "tunnel-switch" else sw.get("role", "switch")
        label = "\n".join([f"{role} {node}"] + ([f"gateway {sw['gateway-mac']}"] if sw.get("gateway-mac") else [])
                          + [f"{st['state']}, {count(st.get('flows-installed')) or 0}/"
                             f"{count(st.get('flows-desired')) or 0} flows" if st.get("state") else "no state yet"])
        names = {p["number"]: p.get("name") for p in sw.get("port", [])}
        lines = [f"  subgraph {quote('cluster_' + node)} {{",
                 f"    label={quote(label)}; color={quote(painted(st.get('state'))['color'])}; style=rounded;"]
        for number, graph_node in sorted(self.ports.get(node, {}).items()):
            text = f"port {number}" + (f"\n{names[number]}" if names.get(number) else "")
            port_node = attributes(label=text, shape="box", style="rounded", fontsize="9")
            lines.append(f"    {quote(graph_node)} {port_node};")
        lines += [f"    {member}" for member in self.members.get(node, [])]
        return lines + ["  }"]

    def dot(self):
        """The whole graph: title, sites, switch clusters, then every edge."""
        customer = self.customer
        title = f"customer {customer['id']} (number {customer.get('number')}): {self.state or 'no state yet'}"
        if customer.get("description"):
            title += f"\n{customer['description']}"
        body = self.sites()
        self.pvss()
        self.cross_connects()
        body += self.unused()
        lines = [f"digraph {quote(customer['id'])} {{",
                 f"  graph [rankdir=LR, labelloc=t, fontname=Helvetica, label={quote(title)}];",
                 "  node [fontname=Helvetica, fontsize=10];",
                 "  edge [fontname=Helvetica, fontsize=9];"]
        lines += body
        for node in sorted(set(self.ports) | set(self.members), key=node_order):
            lines += self.cluster(node)
        lines += [f"  {quote(tail)} -> {quote(head)} {attributes(**attrs)};" for tail, head, attrs in self.edges]
        return "\n".join(lines + ["}"]) + "\n"


def customer_dot(config, state, cid):
    """Graphviz DOT text of customer CID's routing context."""
    return Diagram(config, state, cid).dot()


def render_svg(dot_text, path):
    """Render DOT_TEXT to an SVG file with Graphviz."""
    if not shutil.which("dot"):
        raise CliError("Graphviz 'dot' is not installed (./pvsnet setup installs it); --dot prints the DOT text")
    done = subprocess.run(["dot", "-Tsvg", "-o", path], input=dot_text, capture_output=True, text=True)
    if done.returncode != 0:
        raise CliError(f"dot could not render the diagram: {done.stderr.strip()}")


# -- apply -------------------------------------------------------------------------------------------------

def settled(state, ids):
    """Whether pvsnet-state has an answer for customers IDS: 'programmed' (all are), 'error' (one is), or None."""
    states = [state_of(state, cid).get("state") for cid in ids]
    if "error" in states:
        return "error"
    return "programmed" if all(s == "programmed" for s in states) else None


def wait_for_customers(controller, ids, generation_before, timeout):
    """Poll pvsnet-state until customers IDS are all programmed or one is in error, or TIMEOUT seconds pass.

    pvsnet publishes the state of a new configuration asynchronously, with a higher generation. A PUT that
    changes nothing publishes nothing new, so after SETTLE seconds a state naming exactly IDS is taken as
    current. Returns (state, outcome or None, seconds waited)."""
    start = time.monotonic()
    while True:
        state = controller.state()
        waited = time.monotonic() - start
        current = count(state.get("generation")) != generation_before or (
            waited >= SETTLE and sorted(c.get("id") for c in state.get("customer", [])) == sorted(ids))
        outcome = settled(state, ids) if current else None
        if outcome or waited >= timeout:
            return state, outcome, waited
        time.sleep(0.5)


def format_apply(path, doc, state, outcome, waited):
    """What apply says after the PUT: the stored file, then the customers' states."""
    pvsnet = doc.get("pvsnet:pvsnet", {})
    ids = sorted(c["id"] for c in pvsnet.get("customer", []))
    lines = [f"stored {path}: {len(pvsnet.get('switch', []))} switches, {len(ids)} customers; "
             f"generation {count(state.get('generation')) or 0}"]
    if outcome == "programmed":
        lines.append(f"every customer programmed after {waited:.1f} s")
    elif outcome == "error":
        lines.append("a customer is in error:")
    else:
        lines.append(f"not every customer is programmed after {waited:.1f} s:")
    customers = [state_of(state, cid) or {"id": cid} for cid in ids]
    return "\n".join(lines + (customer_state_table(customers) if customers else []))


# -- the subcommands ---------------------------------------------------------------------------------------

def run_status(controller, args):
    print(format_status(controller.state()))
    return EXIT_OK


def run_customers(controller, args):
    print(format_customers(controller.config(), controller.state()))
    return EXIT_OK


def run_show(controller, args):
    output = controller.rpc("show-customer", {"customer": args.customer})
    print(format_show(args.customer, output, controller.state()))
    return EXIT_OK


def run_apply(controller, args):
    try:
        with open(args.file) as f:
            doc = json.load(f)
    except (OSError, ValueError) as err:
        raise CliError(f"cannot read {args.file}: {err}") from None
    generation_before = count(controller.state().get("generation"))
    status, body = controller.request("PUT", CONFIG, doc)
    if 400 <= status < 500:
        print(f"refused (HTTP {status}), nothing was applied:", file=sys.stderr)
        for message in error_messages(body):
            print(f"  {message}", file=sys.stderr)
        return EXIT_NO
    if status not in (200, 201, 204):
        raise failure(f"PUT {CONFIG}", status, body)
    if args.no_wait:
        print(f"stored {args.file}")
        return EXIT_OK
    ids = [c["id"] for c in doc.get("pvsnet:pvsnet", {}).get("customer", [])]
    state, outcome, waited = wait_for_customers(controller, ids, generation_before, args.timeout)
    print(format_apply(args.file, doc, state, outcome, waited))
    return EXIT_OK if outcome == "programmed" else EXIT_NO


def run_trace(controller, args):
    if args.protocol != "other" and (args.source is None or args.destination is None):
        raise CliError(f"an {args.protocol} packet needs a SOURCE and a DESTINATION address")
    payload = trace_input(args.switch, args.in_port, args.source, args.destination, args.vlan, args.protocol,
                          args.mac)
    print(format_trace(controller.rpc("trace-packet", payload)))
    return EXIT_OK


def run_verify(controller, args):
    payload = {"flows": args.flows}
    if args.customer:
        payload["customer"] = args.customer
    output = controller.rpc("verify-isolation", payload)
    print(format_verify(output))
    return EXIT_OK if output.get("isolated") else EXIT_NO


def run_diagram(controller, args):
    dot_text = customer_dot(controller.config(), controller.state(), args.customer)
    if args.dot:
        print(dot_text, end="")
        return EXIT_OK
    path = args.output or f"{args.customer}.svg"
    render_svg(dot_text, path)
    print(f"wrote {path}")
    return EXIT_OK


# -- the command line --------------------------------------------------------------------------------------

def connection_options(with_defaults):
    """--url, --user, --password: before the subcommand (with the defaults) or after it (only when given)."""
    options = argparse.ArgumentParser(add_help=False)
    default = (lambda value: value) if with_defaults else (lambda value: argparse.SUPPRESS)
    options.add_argument("--url", default=default(os.environ.get("PVSNET_URL", "http://127.0.0.1:8181")),
                         help="controller base URL (env PVSNET_URL; default http://127.0.0.1:8181)")
    options.add_argument("--user", default=default(os.environ.get("PVSNET_USER", "admin")),
                         help="RESTCONF user (env PVSNET_USER; default admin)")
    options.add_argument("--password", default=default(os.environ.get("PVSNET_PASSWORD", "admin")),
                         help="RESTCONF password (env PVSNET_PASSWORD; default admin)")
    return options


def parser():
    main = argparse.ArgumentParser(prog="pvsnet", parents=[connection_options(True)],
                                   description="Look at and change a running pvsnet controller over RESTCONF.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = [connection_options(False)]

    def command(name, run, text):
        sub = commands.add_parser(name, parents=common, help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    command("status", run_status, "switches and customers with their state, flows and counters")
    command("customers", run_customers, "one line per configured customer")
    show = command("show", run_show, "a customer's lookup rows, routes, state, counters and compiled flows")
    show.add_argument("customer", metavar="CUSTOMER")
    apply = command("apply", run_apply, "store FILE as the whole configuration and wait until it is programmed")
    apply.add_argument("file", metavar="FILE")
    apply.add_argument("--timeout", type=float, default=30, help="seconds to wait for the switches (default 30)")
    apply.add_argument("--no-wait", action="store_true", help="return once the configuration is stored")
    trace = command("trace", run_trace, "walk one packet through the compiled pipeline")
    trace.add_argument("switch", metavar="SWITCH", help="openflow:N, or N")
    trace.add_argument("in_port", metavar="IN_PORT", type=int)
    trace.add_argument("source", metavar="SOURCE", nargs="?")
    trace.add_argument("destination", metavar="DESTINATION", nargs="?")
    trace.add_argument("--vlan", type=int, help="the packet's VLAN id (default: untagged)")
    kind = trace.add_mutually_exclusive_group()
    kind.add_argument("--arp", dest="protocol", action="store_const", const="arp", help="an ARP request")
    kind.add_argument("--other", dest="protocol", action="store_const", const="other",
                      help="a frame neither IPv4 nor ARP")
    trace.set_defaults(protocol="ip")
    trace.add_argument("--mac", help="source MAC")
    verify = command("verify", run_verify, "prove that no customer's packet reaches another customer")
    verify.add_argument("customer", metavar="CUSTOMER", nargs="?")
    flows = verify.add_mutually_exclusive_group()
    flows.add_argument("--compiled", dest="flows", action="store_const", const="compiled",
                       help="only the flows pvsnet compiled")
    flows.add_argument("--installed", dest="flows", action="store_const", const="installed",
                       help="only the flows the switches report")
    verify.set_defaults(flows="both")
    diagram = command("diagram", run_diagram, "an SVG of a customer's routing context (Graphviz)")
    diagram.add_argument("customer", metavar="CUSTOMER")
    diagram.add_argument("-o", "--output", metavar="FILE", help="where to write the SVG (default CUSTOMER.svg)")
    diagram.add_argument("--dot", action="store_true", help="print the DOT text instead")
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    try:
        return args.run(Controller(args.url, args.user, args.password), args)
    except CliError as err:
        print(f"pvsnet: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
