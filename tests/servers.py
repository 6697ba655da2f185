"""Real servers for store tests: Oxigraph and Virtuoso, and small proxies in front of them.

The proxies stand in for what a test cannot get from the servers themselves:
HTTP basic authentication in front of Oxigraph, and a server that goes away in
the middle of a load.
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


class _ServerProcess:
    """A store server run as a child process: wait until it answers a query, stop it."""

    process: subprocess.Popen

    def _wait_until_answers(self, probe: str, seconds: float, name: str) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(probe, timeout=2).read()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if self.process.poll() is not None:
                    raise RuntimeError(f"{name} exited: {self.process.stderr.read().decode()} {self.log()}")
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{name} did not answer within {seconds:g} s. {self.log()}")

    def log(self) -> str:
        return ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()


class OxigraphServer(_ServerProcess):
    """``oxigraph serve`` on a free loopback port, from the binary the oxigraph package installs."""

    def __init__(self, location: Path):
        binary = shutil.which("oxigraph")
        if binary is None:
            raise RuntimeError("the 'oxigraph' command is missing: pip install oxigraph (it is in graphbuild's test extras)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_until_answers(f"{self.url}/query?query=ASK%7B%7D", 30, "oxigraph serve")


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {dir}
; about 1.4 GB of buffers: what Virtuoso's guide gives for 2-4 GB of free memory
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
ServerThreads = 10

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
"""


class VirtuosoServer(_ServerProcess):
    """OpenLink Virtuoso 7 (Debian's ``virtuoso-opensource``) with its own database in ``location``.

    Started on free loopback ports, SQL and HTTP.  Anonymous SPARQL Update and Graph
    Store writes are granted (``/sparql``, ``/sparql-graph-crud``), and a user
    ``user``/``password`` may write through the digest-authenticated
    ``/sparql-graph-crud-auth``.
    """

    user, password = "ana", "s3cret-pw"

    def __init__(self, location: Path):
        binary = shutil.which("virtuoso-t")
        if binary is None:
            raise RuntimeError("the 'virtuoso-t' command is missing: apt-get install virtuoso-opensource")
        location.mkdir(parents=True, exist_ok=True)
        self.location = location
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        ini = location / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=location, sql_port=self.sql_port, http_port=self.http_port), encoding="utf-8")
        self.process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=location, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_until_answers(f"{self.url}/sparql?query=ASK%7B%7D", 120, "virtuoso-t")  # a new database is created on first start
        self.sql(
            'GRANT SPARQL_UPDATE TO "SPARQL";',
            f"DB.DBA.USER_CREATE('{self.user}', '{self.password}');",
            f'GRANT SPARQL_UPDATE TO "{self.user}";',
        )

    def sql(self, *statements: str, timeout: float = 600) -> str:
        """Run SQL statements as the database administrator (isql-vt), failing on the first error."""
        script = "\n".join(statements) + "\n"
        result = subprocess.run(
            ["isql-vt", str(self.sql_port), "dba", "dba", "VERBOSE=OFF", "BANNER=OFF", "ERRORS=STDOUT"],
            input=script, capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode != 0 or "*** Error" in result.stdout:
            raise RuntimeError(f"isql-vt failed: {result.stdout} {result.stderr}")
        return result.stdout

    def log(self) -> str:
        path = self.location / "virtuoso.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""


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
