"""A small RESTCONF client for pvsnet's end-to-end tests and demo (standard library only)."""
import base64
import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request

BASE = os.environ.get("PVSNET_URL", "http://127.0.0.1:8181")
USER = os.environ.get("PVSNET_USER", "admin")
PASSWORD = os.environ.get("PVSNET_PASSWORD", "admin")
CONFIG = "pvsnet:pvsnet"
STATE = "pvsnet:pvsnet-state"
LEARNED = "pvsnet:learned"


class Response:
    def __init__(self, status, body, elapsed):
        self.status = status
        self.text = body
        self.elapsed = elapsed

    def json(self):
        return json.loads(self.text) if self.text else None

    def error_messages(self):
        """The error-message of every RFC 8040 error in the body."""
        body = self.json() or {}
        return [e.get("error-message", "") for e in body.get("errors", {}).get("error", [])]

    def __repr__(self):
        return f"HTTP {self.status} {self.text[:500]}"


def _path(path):
    """/rests/<path>, or path itself when it starts with /."""
    return path if path.startswith("/") else f"/rests/{path}"


def _prepared(body, auth, accept, content_type):
    """The bytes of a body (JSON for a dict or list) and the headers of a request that carries it."""
    data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
    headers = {"Accept": accept}
    if data is not None:
        headers["Content-Type"] = content_type
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    return data, headers


def request(method, path, body=None, auth=(USER, PASSWORD), accept="application/json",
            content_type="application/yang-data+json"):
    """Send one request to /rests/<path> (or to <path> when it starts with /); never raises for HTTP errors."""
    data, headers = _prepared(body, auth, accept, content_type)
    req = urllib.request.Request(f"{BASE}{_path(path)}", data=data, headers=headers, method=method)
    start = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return Response(resp.status, resp.read().decode(), time.monotonic() - start)
    except urllib.error.HTTPError as err:
        return Response(err.code, err.read().decode(), time.monotonic() - start)


class Connection:
    """One HTTP connection kept open from request to request, with the session cookie the controller gives the
    first one: what a program driving pvsnet would use. request() sends a new connection each time, as curl does."""

    def __init__(self, auth=(USER, PASSWORD)):
        url = urllib.parse.urlsplit(BASE)
        self.host, self.port = url.hostname, url.port or 80
        self.auth = auth
        self.cookie = None
        self.conn = None

    def request(self, method, path, body=None, accept="application/json",
                content_type="application/yang-data+json"):
        data, headers = _prepared(body, self.auth, accept, content_type)
        if self.cookie:
            headers["Cookie"] = self.cookie
        start = time.monotonic()
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, _path(path), data, headers)
                resp = self.conn.getresponse()
                text = resp.read().decode()
                break
            except (http.client.HTTPException, ConnectionError):
                # the server closed the kept connection: open another once
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        cookie = resp.getheader("Set-Cookie")
        if cookie and cookie.startswith("JSESSIONID="):
            self.cookie = cookie.split(";")[0]
        return Response(resp.status, text, time.monotonic() - start)

    def close(self):
        if self.conn is not None:
            self.conn.close()


def get(path, **kw):
    return request("GET", f"data/{path}", **kw)


def connected(node):
    """Whether openflowplugin has the switch in its operational inventory (it is connected)."""
    return get(f"opendaylight-inventory:nodes/node={node}?content=nonconfig").status == 200


def put(path, body, **kw):
    return request("PUT", f"data/{path}", body, **kw)


def post(path, body, **kw):
    return request("POST", f"data/{path}", body, **kw)


def patch(path, body, **kw):
    return request("PATCH", f"data/{path}", body, **kw)


def delete(path, **kw):
    return request("DELETE", f"data/{path}", **kw)


def wait_for(predicate, timeout=30, interval=0.1, what="condition"):
    """Poll until predicate() returns a truthy value; return it, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def programmed():
    """The state when it lists customers and every one is programmed; otherwise None."""
    state = get(STATE).json()["pvsnet:pvsnet-state"]
    customers = state.get("customer", [])
    return state if customers and all(c["state"] == "programmed" for c in customers) else None


def canonical(value):
    """Order-independent form of a JSON document: lists sorted, for comparing what was PUT with a GET."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def load_example(name="figs-7-8-9.json"):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "docs", "examples", name)) as f:
        return json.load(f)
