"""Real servers for store tests: an Oxigraph server, and small proxies in front of it.

The proxies stand in for what a test cannot get from Oxigraph itself: HTTP basic
authentication, and a server that goes away in the middle of a load.
"""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port, from the binary the oxigraph package installs."""

    def __init__(self, location: Path):
        binary = shutil.which("oxigraph")
        if binary is None:
            raise RuntimeError("the 'oxigraph' command is missing: pip install oxigraph (it is in graphbuild's test extras)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1).read()
                return
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited: {self.process.stderr.read().decode()}")
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph serve did not answer within 30 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Proxy:
    """Forwards requests to ``upstream``; can demand basic auth, or drop every connection after N POSTs."""

    def __init__(self, upstream: str, user: str | None = None, password: str | None = None, die_after_posts: int | None = None):
        proxy = self
        self.upstream = upstream
        self.expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else None
        self.die_after_posts = die_after_posts
        self.posts = 0
        self.seen_authorization: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                """Keep test output clean: the proxy logs nothing."""

            def _forward(self):
                auth = self.headers.get("Authorization")
                if auth:
                    proxy.seen_authorization.append(auth)
                if proxy.expected and auth != proxy.expected:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="graphbuild-test"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) or None
                if self.command == "POST":
                    proxy.posts += 1
                    if proxy.die_after_posts is not None and proxy.posts > proxy.die_after_posts:
                        self.close_connection = True
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                request = urllib.request.Request(proxy.upstream + self.path, data=body, method=self.command, headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, payload, ctype = response.status, response.read(), response.headers.get("Content-Type", "")
                except urllib.error.HTTPError as exc:
                    status, payload, ctype = exc.code, exc.read(), exc.headers.get("Content-Type", "")
                self.send_response(status)
                if ctype:
                    self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _forward

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
