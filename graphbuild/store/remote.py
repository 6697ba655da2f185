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
import hashlib
import json
import logging
import netrc
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from .common import LoadResult, StoreError, checked_iri, stream_triples

log = logging.getLogger("graphbuild")

PASSWORD_ENV = "GRAPHBUILD_STORE_PASSWORD"
TOKEN_ENV = "GRAPHBUILD_STORE_TOKEN"
PROTOCOLS = ("gsp", "update")
DEFAULT_BATCH_SIZE = 50_000
DEFAULT_PARALLEL = 2
MAX_GET_URL = 2000  # longer queries go as a form POST: proxies and servers cut long URLs


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


class Credentials:
    """Who we are to the store, and how to say it: chosen from the server's own challenge.

    A bearer token goes with every request.  A user and password are sent only
    once the server asks (HTTP 401), by the scheme it names: Basic, or Digest
    (RFC 7616; Virtuoso's authenticated endpoints accept nothing else), so a
    password never travels to a server that did not ask for it.
    """

    def __init__(self, user: str | None = None, password: str | None = None, token: str | None = None):
        self.user, self._password, self._token = user, password, token
        self.scheme: str | None = "bearer" if token else None
        self._challenge: dict[str, str] = {}
        self._nonce_count = 0
        self._lock = threading.Lock()  # batches go out from several threads

    @classmethod
    def resolve(cls, url: str, user: str | None) -> "Credentials":
        token = os.environ.get(TOKEN_ENV)
        if token:
            return cls(token=token)
        password = os.environ.get(PASSWORD_ENV) or None
        host = urllib.parse.urlsplit(url).hostname or ""
        if password is None:
            try:
                entry = netrc.netrc().authenticators(host)
            except (FileNotFoundError, netrc.NetrcParseError):
                entry = None
            if entry and (user is None or entry[0] in (user, None, "")):
                user, password = user or entry[0], entry[2]
        if user and password is None:
            raise StoreError(f"--user {user} needs a password: set {PASSWORD_ENV} or add a netrc entry for {host}.")
        return cls(user, password)

    @property
    def given(self) -> bool:
        return bool(self._token or self.user)

    def header(self, method: str, url: str) -> str | None:
        """The Authorization header for a request, once a scheme is known."""
        if self.scheme == "bearer":
            return f"Bearer {self._token}"
        if self.scheme == "basic":
            return "Basic " + base64.b64encode(f"{self.user}:{self._password}".encode()).decode()
        if self.scheme == "digest":
            return self._digest(method, url)
        return None

    def answer(self, challenges: list[str], sent: str | None) -> bool:
        """Take a 401's WWW-Authenticate challenges; True when a retry with credentials makes sense.

        ``sent`` is the scheme the refused request used (None: it carried no credentials).
        """
        if not self.user:
            return False
        offered = {scheme.lower(): params for scheme, params in _parse_challenges(challenges)}
        digest = offered.get("digest")
        if digest is not None and digest.get("algorithm", "MD5").upper() in _DIGEST_HASHES and "auth" in digest.get("qop", "auth").split(","):
            # A new nonce may simply mean that the old one expired, or that two batches in flight
            # reached the server out of order: always worth one retry (the caller bounds them).
            with self._lock:
                self.scheme, self._challenge, self._nonce_count = "digest", digest, 0
            return True
        if "basic" in offered and sent != "basic":  # another batch in flight may have set it already
            self.scheme = "basic"
            return True
        return False

    def _digest(self, method: str, url: str) -> str:
        challenge = self._challenge
        algorithm = challenge.get("algorithm", "MD5").upper()
        digest = _DIGEST_HASHES[algorithm]
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        realm, nonce = challenge.get("realm", ""), challenge.get("nonce", "")
        with self._lock:
            self._nonce_count += 1
            count, cnonce = f"{self._nonce_count:08x}", os.urandom(8).hex()
        secret = digest(f"{self.user}:{realm}:{self._password}")
        target = digest(f"{method}:{uri}")
        fields = {"username": self.user, "realm": realm, "nonce": nonce, "uri": uri, "algorithm": algorithm}
        if "qop" in challenge:
            fields.update(qop="auth", nc=count, cnonce=cnonce)
            fields["response"] = digest(f"{secret}:{nonce}:{count}:{cnonce}:auth:{target}")
        else:
            fields["response"] = digest(f"{secret}:{nonce}:{target}")
        if "opaque" in challenge:
            fields["opaque"] = challenge["opaque"]
        unquoted = ("algorithm", "qop", "nc")
        return "Digest " + ", ".join(f"{k}={v}" if k in unquoted else f'{k}="{v}"' for k, v in fields.items())

    def __repr__(self) -> str:  # never show the secret
        return f"Credentials(user={self.user!r}, <hidden>)" if self.given else "Credentials(None)"


_DIGEST_HASHES = {
    "MD5": lambda text: hashlib.md5(text.encode()).hexdigest(),
    "SHA-256": lambda text: hashlib.sha256(text.encode()).hexdigest(),
}
_CHALLENGE_PARAM = re.compile(r'\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)\s*,?')


def _parse_challenges(headers: list[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """(scheme, parameters) of each challenge in WWW-Authenticate headers.

    >>> list(_parse_challenges(['Digest realm="SPARQL", qop="auth", nonce="ab"', 'Basic realm="x"']))
    [('Digest', {'realm': 'SPARQL', 'qop': 'auth', 'nonce': 'ab'}), ('Basic', {'realm': 'x'})]
    """
    for header in headers:
        rest = header.strip()
        while rest:
            scheme, _, rest = rest.partition(" ")
            params: dict[str, str] = {}
            while True:
                match = _CHALLENGE_PARAM.match(rest)
                if not match:
                    break
                value = match.group(2)
                params[match.group(1).lower()] = value[1:-1].replace('\\"', '"') if value.startswith('"') else value
                rest = rest[match.end():]
            yield scheme.strip(","), params
            rest = rest.strip()


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
        parallel: int = DEFAULT_PARALLEL,
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
        self._server_name: str | None = None
        # Batches in flight at once: a store parses one request per thread, so two keep it busy while the
        # next batch travels (Virtuoso loads 1.5x faster with 2 than with 1: 9.4 s against 13.9 s in bench/store_load.py).
        self.parallel = max(1, parallel)

    # ------------------------------------------------------------------ HTTP
    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
        """One HTTP exchange: credentials as the server asks, retries with backoff on 5xx and dropped connections.

        A request the server does not answer within the timeout is not retried: a
        store that hangs on a request (Virtuoso on a query POSTed as
        application/sparql-query) would hang again, and the user should hear so now.
        """
        delay = self.backoff
        attempt = challenges_answered = 0
        while True:
            request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
            sent = self.credentials.scheme
            authorization = self.credentials.header(method, url)
            if authorization:
                request.add_header("Authorization", authorization)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as exc:
                detail = _error_text(exc.read(), exc.headers.get("Content-Type", ""))
                challenges = exc.headers.get_all("WWW-Authenticate") or []
                if exc.code == 401 and challenges_answered < 2 and self.credentials.answer(challenges, sent if authorization else None):
                    challenges_answered += 1
                    continue
                if exc.code in (401, 403):
                    if not self.credentials.given:
                        raise StoreError(f"{method} {_safe(url)}: the store asks for credentials (HTTP {exc.code}). Give --user NAME with {PASSWORD_ENV} (or a netrc entry), or {TOKEN_ENV}.") from None
                    raise StoreError(f"{method} {_safe(url)}: the store refused the credentials (HTTP {exc.code}). Check --user and {PASSWORD_ENV} or {TOKEN_ENV}.") from None
                if exc.code == 404 and method == "DELETE":
                    return b""  # nothing to replace yet
                if exc.code < 500 or attempt >= self.retries:
                    raise StoreError(f"{method} {_safe(url)}: HTTP {exc.code} {exc.reason}. {detail}".rstrip()) from None
                reason = f"HTTP {exc.code}"
            except (TimeoutError, socket.timeout) as exc:
                raise StoreError(self._no_answer(method, url)) from exc
            except (urllib.error.URLError, ConnectionError, OSError) as exc:
                cause = getattr(exc, "reason", exc)
                if isinstance(cause, (TimeoutError, socket.timeout)):
                    raise StoreError(self._no_answer(method, url)) from None
                if attempt >= self.retries:
                    raise StoreError(f"{method} {_safe(url)}: cannot reach the store ({cause}).") from None
                reason = str(cause)
            log.warning("%s %s failed (%s); retrying in %.1f s", method, _safe(url), reason, delay)
            time.sleep(delay)
            delay *= 2
            attempt += 1

    def _no_answer(self, method: str, url: str) -> str:
        return (
            f"{method} {_safe(url)}: the store did not answer within {self.timeout:g} s. "
            "Check that the URL is the store's endpoint and the store is not overloaded; raise --timeout if it is only slow."
        )

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
        if graph is None and self.server_name().lower().startswith("virtuoso"):
            raise StoreError(
                f"{_safe(self.url)} is Virtuoso, which keeps no default graph to load into (its queries see all graphs at once): "
                "give a named graph with --graph IRI, for example --graph https://example.org/graphs/news."
            )
        if replace:
            self._clear(graph)
        path = Path(source) if isinstance(source, (str, Path)) else None
        failure: BaseException | None = None
        with ThreadPoolExecutor(max_workers=self.parallel) as pool:
            in_flight: set = set()
            for batch in batches:  # the file is read here, a few batches ahead at most
                in_flight.add(pool.submit(self._send_checked, batch, graph, path))
                if len(in_flight) >= self.parallel:
                    done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                    failure = _collect(done, result, progress)
                    if failure is not None:
                        break
            done, _ = wait(in_flight)
            failure = failure or _collect(done, result, progress)
        if isinstance(failure, StoreError) and result.batches:
            raise StoreError(
                f"{failure} Loaded before the failure: {result.batches} batch(es), {result.triples_sent} triples; the rest was not loaded. "
                "Run the same command again to finish: statements have stable IRIs, so nothing is duplicated."
            ) from None
        if failure is not None:
            raise failure
        result.target_count = self.count(graph)
        result.seconds = time.perf_counter() - started
        return result

    def _send_checked(self, batch: list | bytes, graph: str | None, path: Path | None) -> int:
        """Send one batch; the number of triples sent.  A batch the store refuses is checked for a bad line."""
        try:
            self._send(batch, graph)
        except StoreError:
            if isinstance(batch, _Lines) and path is not None:
                batch.check_syntax(path)  # a bad line in the file: say which, not the store's guess
            raise
        return len(batch) if isinstance(batch, list) else len(batch.line_numbers) if isinstance(batch, _Lines) else batch.count(b"\n")

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
        """The server's own name (its HTTP Server header), or '' when it does not say or does not answer."""
        if self._server_name is None:
            request = urllib.request.Request(f"{self.query_url}?query={urllib.parse.quote('ASK {}')}", headers={"Accept": "application/sparql-results+json"})
            authorization = self.credentials.header("GET", request.full_url)
            if authorization:
                request.add_header("Authorization", authorization)
            try:
                with urllib.request.urlopen(request, timeout=min(self.timeout, 10.0)) as response:
                    self._server_name = response.headers.get("Server", "")
            except urllib.error.HTTPError as exc:
                self._server_name = exc.headers.get("Server", "")
            except (urllib.error.URLError, OSError):
                self._server_name = ""
        return self._server_name

    # ------------------------------------------------------------------ querying
    def count(self, graph: str | None = None) -> int:
        graph = checked_iri(graph)
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        _, rows = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(rows[0][0])

    def query(self, sparql: str):
        """(header, rows) of a query, by the SPARQL 1.1 Protocol's forms every store answers.

        GET for a query that fits in a URL, a form-encoded POST (``query=...``) for a
        longer one; never a POST of ``application/sparql-query``, which Virtuoso 7
        leaves unanswered.  Results come as SPARQL JSON, or N-Triples for graphs.
        """
        # Protocol parameters in the endpoint URL (default-graph-uri=...) go with the query, in the URL or the form.
        endpoint, _, parameters = self.query_url.partition("?")
        encoded = urllib.parse.urlencode([("query", sparql), *urllib.parse.parse_qsl(parameters, keep_blank_values=True)])
        accept = {"Accept": "application/sparql-results+json, application/n-triples;q=0.9"}
        if len(endpoint) + len(encoded) < MAX_GET_URL:
            body = self._request("GET", f"{endpoint}?{encoded}", None, accept)
        else:
            body = self._request("POST", endpoint, encoded.encode("ascii"), {**accept, "Content-Type": "application/x-www-form-urlencoded"})
        text = body.decode("utf-8")
        if text.lstrip().startswith("{"):
            data = json.loads(text)
            if "boolean" in data:
                return ["ask"], [["true" if data["boolean"] else "false"]]
            header = data["head"]["vars"]
            bindings = data["results"]["bindings"]
            if header == ["__ASK_RETVAL"]:  # Virtuoso 7 answers ASK as a one-column table: a row '1' for true
                return ["ask"], [["true" if any(b.get("__ASK_RETVAL", {}).get("value") == "1" for b in bindings) else "false"]]
            return header, [[row.get(v, {}).get("value", "") for v in header] for row in bindings]
        import pyoxigraph

        triples = pyoxigraph.parse(input=body, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return ["subject", "predicate", "object"], sorted([t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object))] for t in triples)


def _collect(done: Iterable, result: LoadResult, progress: Callable[[LoadResult], None] | None) -> BaseException | None:
    """Count the batches that arrived; the first failure among them, if any."""
    failure = None
    for future in done:
        error = future.exception()
        if error is not None:
            failure = failure or error
            continue
        result.batches += 1
        result.triples_sent += future.result()
        if progress is not None:
            progress(result)
    return failure


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Lines(bytes):
    """A batch of N-Triples lines, knowing the line numbers they have in their file."""

    line_numbers: list[int]

    def check_syntax(self, path: Path) -> None:
        """Raise InputError naming the file and line when the batch is not valid N-Triples."""
        import pyoxigraph

        from ..errors import InputError

        try:
            for _ in pyoxigraph.parse(input=bytes(self), format=pyoxigraph.RdfFormat.N_TRIPLES):
                pass
        except SyntaxError as exc:
            index = min(max((exc.lineno or 1) - 1, 0), len(self.line_numbers) - 1)
            reason = str(exc.args[0]).split(": ", 1)[-1] if exc.args else str(exc)
            raise InputError(f"{path}:{self.line_numbers[index]}: not valid N-Triples ({reason}). Fix the line, or export the graph again with 'graphbuild export'.") from None


def _ntriples_batches(path: Path, size: int) -> Iterator[_Lines]:
    """Batches of whole N-Triples lines (comments and blank lines left out), read as a stream."""
    from ..errors import InputError

    if not path.is_file():
        raise InputError(f"{path}: no such RDF file.")
    lines: list[bytes] = []
    numbers: list[int] = []

    def batch() -> _Lines:
        out = _Lines(b"".join(lines))
        out.line_numbers = list(numbers)
        lines.clear()
        numbers.clear()
        return out

    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith(b"#"):
                continue
            lines.append(stripped + b"\n")
            numbers.append(number)
            if len(lines) >= size:
                yield batch()
    if lines:
        yield batch()


def _safe(url: str) -> str:
    """A URL for messages: without any user:password part, nor the text of a query sent by GET."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    query = parts.query
    if "query=" in query:
        query = urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True) if k != "query"])
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _error_text(body: bytes, content_type: str) -> str:
    """The readable part of an error answer (stores send plain text, JSON or an HTML page), cut to 300 characters."""
    text = body.decode("utf-8", "replace")
    if "html" in content_type.lower() or text.lstrip().lower().startswith(("<!doctype", "<html")):
        text = re.sub(r"(?is)<(head|title|style|script)\b.*?</\1>", " ", text)
        text = re.sub(r"(?s)<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text[:300] + ("..." if len(text) > 300 else "")
