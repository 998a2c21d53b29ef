"""The small network test_router and test_internet build on: one tunnel switch (openflow:1: port 1 external
towards the sites, port 2 internal towards the host) and one host (openflow:61: port 1 its uplink, PVS ports from
2). Every customer has the same addresses, in the style of seed Fig 6: a site 10.1.0.0/16 whose router is 10.1.0.1
on a VLAN of port 1, a PVS 10.0.0.10 behind the host on a VLAN of port 2, and gateways 10.0.0.1/24 (PVS side) and
10.1.0.254/24 (site side), so hosts can be configured with a default gateway (fabric addressing "gateway")."""

TS, HOST = "openflow:1", "openflow:61"
GATEWAY_MAC = "02:00:00:00:08:01"


def customer(cid, number, site_vlan, pvs_vlan, pvs_port, description):
    """Customer cid (number) with its site tunnel on VLAN site_vlan and its PVS on VLAN pvs_vlan, host port
    pvs_port; MACs derived from the number."""
    return {"id": cid, "number": number, "description": description,
            "address-space": ["10.0.0.0/8"],
            "gateway": [{"address": "10.0.0.1", "prefix-length": 24},
                        {"address": "10.1.0.254", "prefix-length": 24}],
            "tunnel": [{"name": "site", "switch": TS, "port": 1, "vlan": {"vlan-id": site_vlan}},
                       {"name": "pvs", "switch": TS, "port": 2, "vlan": {"vlan-id": pvs_vlan}}],
            "site": [{"name": "hq", "prefix": ["10.1.0.0/16"], "tunnel": "site", "next-hop": "10.1.0.1",
                      "router-mac": "02:00:00:%02x:01:01" % number}],
            "pvs": [{"name": "web", "address": "10.0.0.10", "mac": "02:00:00:%02x:00:0a" % number, "host": HOST,
                     "port": pvs_port, "tunnel": "pvs"}]}


def switches(pvs_ports, internet=None):
    """The two switches; pvs_ports names the host's PVS ports (2, 3, ...). internet: the tunnel switch's upstream
    router {next-hop, router-mac}, which adds its internet port 3."""
    ts_ports = [{"number": 1, "name": "to-sites", "role": "external"},
                {"number": 2, "name": "to-host", "role": "internal"}]
    ts = {"node-id": TS, "role": "tunnel-switch", "gateway-mac": GATEWAY_MAC, "port": ts_ports}
    if internet:
        ts["internet"] = internet
        ts_ports.append({"number": 3, "name": "to-internet", "role": "internet"})
    host = {"node-id": HOST, "role": "host",
            "port": [{"number": 1, "name": "uplink", "role": "internal"}]
            + [{"number": 2 + i, "name": name, "role": "pvs"} for i, name in enumerate(pvs_ports)]}
    return [ts, host]
