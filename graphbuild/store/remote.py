"""Any SPARQL 1.1 server, through the standard protocols only.

Loading uses the SPARQL 1.1 Graph Store HTTP Protocol (``POST`` N-Triples to
``URL?default`` or ``URL?graph=IRI``; ``DELETE`` first with ``replace``), or
SPARQL 1.1 Update (``INSERT DATA``) for stores that offer only that.  Files are
streamed in batches, never held whole in memory.  Connection errors and 5xx
answers are retried with exponential backoff.  Credentials come from
``--user`` with ``GRAPHBUILD_STORE_PASSWORD`` or a netrc entry, or a bearer
token in ``GRAPHBUILD_STORE_TOKEN``; they are never printed or logged.

Every statement graphbuild writes has a stable IRI and there are no blank
nodes, so loading again after a failure completes the graph without
duplicating anything.
"""

from __future__ import annotations

import base64
import json
import logging
import netrc
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .common import LoadResult, StoreError, checked_iri, stream_triples

log = logging.getLogger("graphbuild")

PASSWORD_ENV = "GRAPHBUILD_STORE_PASSWORD"
TOKEN_ENV = "GRAPHBUILD_STORE_TOKEN"
PROTOCOLS = ("gsp", "update")
DEFAULT_BATCH_SIZE = 50_000


def query_url_for(store_url: str) -> str:
    """The SPARQL query endpoint next to a Graph Store endpoint, for the common servers.

    >>> query_url_for("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> query_url_for("http://localhost:3030/ds/data")
    'http://localhost:3030/ds/query'
    >>> query_url_for("http://localhost:7200/repositories/news/rdf-graphs/service")
    'http://localhost:7200/repositories/news'
    """
    parsed = urllib.parse.urlsplit(store_url)
    path = parsed.path.rstrip("/")
    for suffix, replacement in (("/store", "/query"), ("/data", "/query"), ("/sparql-graph-crud-auth", "/sparql"), ("/sparql-graph-crud", "/sparql")):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + replacement
            break
    else:
        if "/repositories/" in path:
            path = path.split("/rdf-graphs")[0].split("/statements")[0]
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


@dataclass
class Credentials:
    header: str | None = None

    @classmethod
    def resolve(cls, url: str, user: str | None) -> "Credentials":
        token = os.environ.get(TOKEN_ENV)
        if token:
            return cls(f"Bearer {token}")
        password = os.environ.get(PASSWORD_ENV)
        host = urllib.parse.urlsplit(url).hostname or ""
        if user and password is None:
            try:
                entry = netrc.netrc().authenticators(host)
            except (FileNotFoundError, netrc.NetrcParseError):
                entry = None
            if entry and (entry[0] in (user, None, "")):
                password = entry[2]
        if user is None:
            try:
                entry = netrc.netrc().authenticators(host)
            except (FileNotFoundError, netrc.NetrcParseError):
                entry = None
            if entry:
                user, password = entry[0], entry[2]
        if user:
            if password is None:
                raise StoreError(f"--user {user} needs a password: set {PASSWORD_ENV} or add a netrc entry for {host}.")
            return cls("Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
        return cls(None)

    def __repr__(self) -> str:  # never show the secret
        return "Credentials(<hidden>)" if self.header else "Credentials(None)"


class RemoteStore:
    def __init__(
        self,
        url: str,
        *,
        user: str | None = None,
        query_url: str | None = None,
        protocol: str = "gsp",
        timeout: float = 60.0,
        retries: int = 5,
        backoff: float = 0.5,
        no_transaction: bool | None = None,
    ):
        if protocol not in PROTOCOLS:
            raise StoreError(f"Unknown protocol '{protocol}'. Available: {', '.join(PROTOCOLS)}.")
        self.url = url
        self.query_url = query_url or (query_url_for(url) if protocol == "gsp" else url)
        self.protocol = protocol
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.credentials = Credentials.resolve(url, user)
        # Oxigraph's own switch for bulk POSTs: about twice as fast; a failed batch may be partly written,
        # which a re-run completes without duplicates.  None: use it when the server says it is Oxigraph.
        self.no_transaction = no_transaction

    # ------------------------------------------------------------------ HTTP
    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
        headers = dict(headers or {})
        if self.credentials.header:
            headers["Authorization"] = self.credentials.header
        delay = self.backoff
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                detail = exc.read()[:300].decode("utf-8", "replace").strip()
                if exc.code in (401, 403):
                    raise StoreError(f"{method} {_safe(url)}: the store refused the credentials (HTTP {exc.code}). Check --user and {PASSWORD_ENV} or {TOKEN_ENV}.") from None
                if exc.code == 404 and method == "DELETE":
                    return b""  # nothing to replace yet
                if exc.code < 500 or attempt == self.retries:
                    raise StoreError(f"{method} {_safe(url)}: HTTP {exc.code} {exc.reason}. {detail}") from None
                reason = f"HTTP {exc.code}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
                if attempt == self.retries:
                    raise StoreError(f"{method} {_safe(url)}: cannot reach the store ({getattr(exc, 'reason', exc)}).") from None
                reason = str(getattr(exc, "reason", exc))
            log.warning("%s %s failed (%s); retrying in %.1f s", method, _safe(url), reason, delay)
            time.sleep(delay)
            delay *= 2
        raise StoreError(f"{method} {_safe(url)}: gave up")  # pragma: no cover

    def _graph_url(self, graph: str | None, write: bool = False) -> str:
        sep = "&" if "?" in self.url else "?"
        url = f"{self.url}{sep}graph={urllib.parse.quote(graph, safe='')}" if graph else f"{self.url}{sep}default"
        return url + "&no_transaction" if write and self.no_transaction else url

    # ------------------------------------------------------------------ loading
    def load(self, source: Path | Iterable, graph: str | None = None, replace: bool = False, batch_size: int = DEFAULT_BATCH_SIZE,
             progress: Callable[[LoadResult], None] | None = None) -> LoadResult:
        """Send an RDF file (or an iterable of pyoxigraph triples) in batches; verify the count after."""
        graph = checked_iri(graph)
        started = time.perf_counter()
        result = LoadResult()
        if isinstance(source, (str, Path)) and Path(source).suffix.lower() == ".nt" and self.protocol == "gsp":
            # N-Triples lines go as they are: re-serialising them would only take CPU from the server.
            batches: Iterable = _ntriples_batches(Path(source), batch_size)
        else:
            triples = stream_triples(Path(source)) if isinstance(source, (str, Path)) else iter(source)
            batches = _batches(triples, batch_size)
        if self.no_transaction is None and self.protocol == "gsp":
            self.no_transaction = self.server_name().lower().startswith("oxigraph")
        if replace:
            self._clear(graph)
        try:
            for batch in batches:
                self._send(batch, graph)
                result.batches += 1
                result.triples_sent += len(batch) if isinstance(batch, list) else batch.count(b"\n")
                if progress is not None:
                    progress(result)
        except StoreError as exc:
            raise StoreError(
                f"{exc} Loaded before the failure: {result.batches} batch(es), {result.triples_sent} triples; the rest was not loaded. "
                "Run the same command again to finish: statements have stable IRIs, so nothing is duplicated."
            ) from None
        result.target_count = self.count(graph)
        result.seconds = time.perf_counter() - started
        return result

    def _send(self, batch: list | bytes, graph: str | None) -> None:
        import pyoxigraph

        data = batch if isinstance(batch, bytes) else pyoxigraph.serialize(batch, format=pyoxigraph.RdfFormat.N_TRIPLES)
        if self.protocol == "gsp":
            self._request("POST", self._graph_url(graph, write=True), data, {"Content-Type": "application/n-triples"})
        else:
            inner = data.decode("utf-8")
            update = f"INSERT DATA {{ GRAPH <{graph}> {{ {inner} }} }}" if graph else f"INSERT DATA {{ {inner} }}"
            self._request("POST", self.url, update.encode("utf-8"), {"Content-Type": "application/sparql-update"})

    def _clear(self, graph: str | None) -> None:
        if self.protocol == "gsp":
            self._request("DELETE", self._graph_url(graph))
        else:
            target = f"GRAPH <{graph}>" if graph else "DEFAULT"
            self._request("POST", self.url, f"CLEAR SILENT {target}".encode(), {"Content-Type": "application/sparql-update"})

    def server_name(self) -> str:
        """The server's own name (its HTTP Server header), or '' when it does not say."""
        request = urllib.request.Request(f"{self.query_url}?query={urllib.parse.quote('ASK {}')}", headers={"Accept": "application/sparql-results+json"})
        if self.credentials.header:
            request.add_header("Authorization", self.credentials.header)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get("Server", "")
        except (urllib.error.URLError, OSError):
            return ""

    # ------------------------------------------------------------------ querying
    def count(self, graph: str | None = None) -> int:
        graph = checked_iri(graph)
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        _, rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0][0])

    def query(self, sparql: str):
        """(header, rows) of a query, through the SPARQL 1.1 protocol (POST, JSON or N-Triples results)."""
        body = self._request(
            "POST",
            self.query_url,
            sparql.encode("utf-8"),
            {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
        )
        text = body.decode("utf-8")
        if text.lstrip().startswith("{"):
            data = json.loads(text)
            if "boolean" in data:
                return ["ask"], [["true" if data["boolean"] else "false"]]
            header = data["head"]["vars"]
            return header, [[row.get(v, {}).get("value", "") for v in header] for row in data["results"]["bindings"]]
        import pyoxigraph

        triples = pyoxigraph.parse(input=body, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return ["subject", "predicate", "object"], sorted([t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object))] for t in triples)


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ntriples_batches(path: Path, size: int) -> Iterator[bytes]:
    """Batches of whole N-Triples lines (comments and blank lines left out), read as a stream."""
    from ..errors import InputError

    if not path.is_file():
        raise InputError(f"{path}: no such RDF file.")
    lines: list[bytes] = []
    with path.open("rb") as handle:
        for line in handle:
            stripped = line.strip()
            if not stripped or stripped.startswith(b"#"):
                continue
            lines.append(stripped + b"\n")
            if len(lines) >= size:
                yield b"".join(lines)
                lines = []
    if lines:
        yield b"".join(lines)


def _safe(url: str) -> str:
    """A URL without any user:password part, for messages."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
