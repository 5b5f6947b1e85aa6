#!/usr/bin/env python3
"""A local HTTP server for tests that serves recorded API pages.

Usage: http_server.py --pages DIR [--auth VALUE] [--log FILE]

Binds 127.0.0.1 on a free port and prints "listening on 127.0.0.1:PORT".
DIR/routes.json maps a request to what it is answered with:

  {"GET /incidents?limit=2&offset=0": {"file": "incidents-0.json"},
   "GET /incidents?limit=2&offset=2": {"file": "incidents-2.json",
        "before": [{"status": 429, "headers": {"Retry-After": "1"}}]},
   "POST /analytics/raw/incidents {\"limit\": 2}": {"file": "rows.json"},
   "GET /down": {"status": 503}}

Keys are the method, the path and the query (parameters in any order); a
POST key may end with its JSON body (compared as JSON). A route answers
each "before" response once, in order, then its page (status 200 unless
"status" says otherwise, "headers" added) every time. "{base}" in a header
value is replaced by the server's own URL (http://127.0.0.1:PORT), so a
recorded Link header points back at it. A request whose
Authorization header is not VALUE gets 401; one with no route gets 404.
Every request served is appended to FILE as a line of tab-separated
fields: key, status, 1 or 0 (authorized), User-Agent.
"""
import argparse
import json
import os
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def normalize(method, target, body=None):
    """The route key of a request: the query sorted, a JSON body canonical."""
    parts = urllib.parse.urlsplit(target)
    query = urllib.parse.urlencode(sorted(urllib.parse.parse_qsl(
        parts.query, keep_blank_values=True)))
    key = f"{method} {parts.path}" + (f"?{query}" if query else "")
    if body:
        key += " " + json.dumps(json.loads(body), sort_keys=True,
                                separators=(",", ":"))
    return key


def load_routes(folder):
    with open(os.path.join(folder, "routes.json")) as f:
        raw = json.load(f)
    routes = {}
    for key, route in raw.items():
        method, _, rest = key.partition(" ")
        target, _, body = rest.partition(" ")
        route = dict(route)
        route["pending"] = list(route.get("before", []))
        routes[normalize(method, target, body or None)] = route
    return routes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", required=True)
    parser.add_argument("--auth")
    parser.add_argument("--log")
    args = parser.parse_args()
    routes = load_routes(args.pages)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *unused):
            pass  # the JSON lines log is the record

        def answer(self, key, auth_ok, status, headers, body):
            # Logged first: a client that has its answer finds it logged.
            if args.log:
                agent = self.headers.get("User-Agent", "")
                with lock, open(args.log, "a") as log:
                    log.write(f"{key}\t{status}\t{int(auth_ok)}\t{agent}\n")
            self.send_response(status)
            headers = {"Content-Type": "application/json", **headers}
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            for name, value in headers.items():
                self.send_header(name, value.replace("{base}", base))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def serve(self, body=None):
            try:
                key = normalize(self.command, self.path, body)
            except ValueError:
                key = f"{self.command} {self.path} (body is not JSON)"
            auth_ok = (args.auth is None
                       or self.headers.get("Authorization") == args.auth)
            if not auth_ok:
                return self.answer(key, False, 401, {},
                                   b'{"error": "Unauthorized"}')
            with lock:
                route = routes.get(key)
                early = route["pending"].pop(0) if route and route[
                    "pending"] else None
            if route is None:
                return self.answer(key, True, 404, {},
                                   json.dumps({"error": f"no route {key}"})
                                   .encode())
            if early is not None:
                return self.answer(key, True, early.get("status", 200),
                                   early.get("headers", {}),
                                   early.get("body", "").encode())
            body = b""
            if "file" in route:
                with open(os.path.join(args.pages, route["file"]), "rb") as f:
                    body = f.read()
            return self.answer(key, True, route.get("status", 200),
                               route.get("headers", {}), body)

        def do_GET(self):
            self.serve()

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            self.serve(self.rfile.read(length).decode() or None)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
