"""Triple stores for real: the embedded store, and Oxigraph and Virtuoso servers through the SPARQL 1.1 protocols.

Every scenario a user runs against a server runs against both (the ``target`` fixture).
"""

import shutil
import urllib.parse
from dataclasses import dataclass

import pytest
from conftest import EXAMPLES, run_cli
from servers import OxigraphServer, Proxy, VirtuosoServer

from graphbuild.store.common import StoreError
from graphbuild.store.embedded import EmbeddedStore
from graphbuild.store.remote import RemoteStore

CEOS = str(EXAMPLES / "queries" / "ceos.rq")
GRAPH_IRI = "https://example.org/graphs/news"


@pytest.fixture(scope="module")
def seed_ttl(seed_build):
    return seed_build / "graph.ttl"


@pytest.fixture(scope="module")
def seed_triples(seed_ttl):
    from rdflib import Graph

    return len(Graph().parse(seed_ttl))


@pytest.fixture
def server(tmp_path):
    srv = OxigraphServer(tmp_path / "oxigraph")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if shutil.which("virtuoso-t") is None:
        # The README's test command installs it: missing, it is a broken set-up, not a reason to skip.
        pytest.fail("Virtuoso is missing: apt-get install -y virtuoso-opensource (the README's test command installs it)")
    srv = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    yield srv
    srv.stop()


@dataclass
class Target:
    """One real store as the scenarios see it: where to load, query and update, and how it differs."""

    name: str
    gsp: str
    query: str
    update: str
    default_graph: bool  # False: the store has no default graph of its own to load into (Virtuoso)
    graph: str  # the graph scenarios load into: None-able only where default_graph
    server: object

    def query_endpoint(self, graph: str | None) -> str:
        """The query endpoint restricted to one graph (the SPARQL protocol's default-graph-uri)."""
        return f"{self.query}?default-graph-uri={urllib.parse.quote(graph, safe='')}" if graph else self.query


@pytest.fixture(params=["oxigraph", "virtuoso"])
def target(request, tmp_path):
    graph = f"https://example.org/graphs/{request.node.name.replace('[', '-').rstrip(']')}"
    if request.param == "oxigraph":
        srv = OxigraphServer(tmp_path / "oxigraph")
        yield Target("oxigraph", f"{srv.url}/store", f"{srv.url}/query", f"{srv.url}/update", True, graph, srv)
        srv.stop()
    else:
        srv = request.getfixturevalue("virtuoso")
        yield Target("virtuoso", f"{srv.url}/sparql-graph-crud", f"{srv.url}/sparql", f"{srv.url}/sparql", False, graph, srv)


def _stored(store: RemoteStore, graph: str | None) -> set[tuple[str, str, str, str, str]]:
    """Every triple of a graph as the store gives it back: (s, p, object, datatype, language)."""
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    _, rows = store.query(f"SELECT ?s ?p ?o (DATATYPE(?o) AS ?datatype) (LANG(?o) AS ?language) WHERE {{ {pattern} }}")
    lang_string = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    # Virtuoso 7 answers DATATYPE() of a language-tagged literal as SPARQL 1.0 did: unbound.
    return {(s, p, o, datatype or (lang_string if language else ""), language) for s, p, o, datatype, language in rows}


def _expected(path) -> set[tuple[str, str, str, str, str]]:
    from rdflib import RDF, XSD, Graph, Literal

    out = set()
    for s, p, o in Graph().parse(path):
        if isinstance(o, Literal):
            datatype = o.datatype or (RDF.langString if o.language else XSD.string)
            out.add((str(s), str(p), str(o), str(datatype), o.language or ""))
        else:
            out.add((str(s), str(p), str(o), "", ""))
    return out


def test_embedded_store_persists_across_processes_and_loads_idempotently(seed_ttl, seed_triples, tmp_path):
    store = tmp_path / "store"
    first = run_cli("load", str(seed_ttl), "--store", str(store))
    assert first.returncode == 0, first.stderr
    assert f"holds {seed_triples} triples" in first.stdout
    again = run_cli("load", str(seed_ttl), "--store", str(store))
    assert f"holds {seed_triples} triples" in again.stdout  # nothing duplicated
    answer = run_cli("query", "--store", str(store), CEOS, "--format", "csv")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.splitlines() == ["person,company", "Lei Jun,Xiaomi"]


def test_build_writes_straight_into_the_store(tmp_path):
    store = tmp_path / "store"
    result = run_cli("build", str(EXAMPLES / "articles"), "-o", str(tmp_path / "out"), "--store", str(store), "--no-html")
    assert result.returncode == 0, result.stderr
    header, rows = EmbeddedStore(store).query("SELECT ?c WHERE { ?p <https://w3id.org/graphbuild/techkg#founderOf> ?c }")
    assert rows == [["https://w3id.org/graphbuild/id/xiaomi"]]


def test_invalid_query_on_the_store_says_where(tmp_path):
    EmbeddedStore(tmp_path / "s")
    result = run_cli("query", "--store", str(tmp_path / "s"), "SELECT ?x WHERE { ?x")
    assert result.returncode == 2 and "Invalid SPARQL at line 1, column" in result.stderr and "Traceback" not in result.stderr


def test_load_query_back_and_reload_without_duplicates(target, seed_ttl, seed_triples):
    if target.default_graph:
        result = run_cli("load", str(seed_ttl), "--endpoint", target.gsp, "--batch-size", "100")
        assert result.returncode == 0, result.stderr
        assert f"{seed_triples} triples sent in {(seed_triples + 99) // 100} batch(es)" in result.stdout
        assert f"now holds {seed_triples} triples" in result.stdout
    else:  # said before anything is sent, with what to do
        refused = run_cli("load", str(seed_ttl), "--endpoint", target.gsp, "--retries", "0", "--timeout", "10")
        assert refused.returncode == 1 and "keeps no default graph" in refused.stderr and "--graph IRI" in refused.stderr and "Traceback" not in refused.stderr
    for graph in [None] * target.default_graph + [target.graph]:
        extra = ["--graph", graph] if graph else []
        result = run_cli("load", str(seed_ttl), "--endpoint", target.gsp, *extra, "--batch-size", "100")
        assert result.returncode == 0, result.stderr
        assert f"now holds {seed_triples} triples" in result.stdout  # the second time into the default graph: nothing duplicated
        answer = run_cli("query", "--endpoint", target.query_endpoint(graph), CEOS, "--format", "json")
        assert answer.returncode == 0, answer.stderr
        assert '"person": "Lei Jun"' in answer.stdout
        again = run_cli("load", str(seed_ttl), "--endpoint", target.gsp, *extra)
        assert f"now holds {seed_triples} triples" in again.stdout


def test_every_iri_and_literal_survives_the_round_trip(target, seed_ttl):
    """Statement and evidence IRIs, rdf:JSON, decimals, integers, dates, language tags, non-ASCII text."""
    store = RemoteStore(target.gsp)
    store.load(seed_ttl, graph=target.graph)
    stored, expected = _stored(store, target.graph), _expected(seed_ttl)
    assert stored == expected, sorted(expected ^ stored)[:5]
    datatypes = {t[3].rsplit("#", 1)[-1] for t in expected}
    assert {"JSON", "decimal", "integer", "string"} <= datatypes


TRICKY_LITERALS = """\
<https://example.org/acme> <https://w3id.org/graphbuild/techkg#dateFounded> "1998"^^<http://www.w3.org/2001/XMLSchema#gYear> .
<https://example.org/acme> <https://w3id.org/graphbuild/techkg#confidence> "0.9375"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<https://example.org/acme> <https://w3id.org/graphbuild/techkg#nameCounts> "{\\"Acme \\u00e9\\": 2, \\"ACME\\": 1}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .
<https://example.org/acme> <http://www.w3.org/2000/01/rdf-schema#label> "Acme \u2014 \u5c0f\u7c73 \\"quoted\\"\\nsecond line"@en .
<https://example.org/acme> <http://purl.org/dc/terms/date> "2026-11-30"^^<http://www.w3.org/2001/XMLSchema#date> .
<https://example.org/acme> <https://w3id.org/graphbuild/techkg#sentence> "%s" .
""" % ("word " * 2000).strip()


def test_literal_datatypes_stores_differ_on_survive(target, tmp_path):
    path = tmp_path / "tricky.nt"
    path.write_text(TRICKY_LITERALS, encoding="utf-8")
    store = RemoteStore(target.gsp)
    store.load(path, graph=target.graph)
    assert _stored(store, target.graph) == _expected(path)


def test_named_graph_append_and_replace(target, seed_ttl, seed_triples, tmp_path):
    store = RemoteStore(target.gsp)
    extra = tmp_path / "extra.nt"
    extra.write_text('<https://example.org/a> <https://example.org/p> "x" .\n', encoding="utf-8")
    assert store.load(seed_ttl, graph=target.graph).target_count == seed_triples
    assert store.load(extra, graph=target.graph).target_count == seed_triples + 1  # append
    assert store.load(extra, graph=target.graph, replace=True).target_count == 1  # replace
    if target.default_graph:
        assert store.count() == 0  # the default graph was never touched


def test_sparql_update_protocol(target, seed_ttl, seed_triples):
    store = RemoteStore(target.update, protocol="update", query_url=target.query)
    result = store.load(seed_ttl, graph=target.graph, batch_size=250)
    assert result.target_count == seed_triples
    assert store.load(seed_ttl, graph=target.graph, replace=True, batch_size=250).target_count == seed_triples


@pytest.fixture
def guarded(target):
    """A Graph Store endpoint that demands credentials: basic (a proxy before Oxigraph) or Virtuoso's own digest."""
    if target.name == "virtuoso":
        yield f"{target.server.url}/sparql-graph-crud-auth", "Digest", VirtuosoServer.user, VirtuosoServer.password
        return
    proxy = Proxy(target.server.url, user="ana", password="s3cret-pw")
    yield f"{proxy.url}/store", "Basic", "ana", "s3cret-pw"
    proxy.stop()


def test_authentication_right_and_wrong_password_never_printed(target, guarded, seed_ttl, seed_triples):
    url, scheme, user, password = guarded
    graph = ["--graph", target.graph]
    wrong = run_cli("load", str(seed_ttl), "--endpoint", url, *graph, "--user", user, env={"GRAPHBUILD_STORE_PASSWORD": "nope-pw"})
    assert wrong.returncode == 1
    assert "refused the credentials (HTTP 401)" in wrong.stderr
    assert "nope-pw" not in wrong.stderr + wrong.stdout and "Traceback" not in wrong.stderr
    right = run_cli("load", str(seed_ttl), "--endpoint", url, *graph, "--user", user, "--batch-size", "100", env={"GRAPHBUILD_STORE_PASSWORD": password})
    assert right.returncode == 0, right.stderr
    assert f"now holds {seed_triples} triples" in right.stdout
    assert password not in right.stdout + right.stderr
    anonymous = run_cli("load", str(seed_ttl), "--endpoint", url, *graph, env={"GRAPHBUILD_STORE_PASSWORD": "", "HOME": "/nonexistent"})
    assert anonymous.returncode == 1 and "asks for credentials" in anonymous.stderr
    missing = run_cli("load", str(seed_ttl), "--endpoint", url, *graph, "--user", user, env={"GRAPHBUILD_STORE_PASSWORD": "", "HOME": "/nonexistent"})
    assert missing.returncode == 1 and "needs a password" in missing.stderr


def test_the_scheme_is_the_one_the_server_asks_for(target, guarded, seed_ttl, monkeypatch):
    url, scheme, user, password = guarded
    monkeypatch.setenv("GRAPHBUILD_STORE_PASSWORD", password)
    store = RemoteStore(url, user=user)
    store.load(seed_ttl, graph=target.graph, batch_size=200)
    assert store.credentials.scheme == scheme.lower()
    assert "s3cret" not in repr(store.credentials)


def test_server_going_away_mid_load_reports_what_was_loaded_and_a_rerun_completes(target, seed_ttl, seed_triples):
    upstream = target.gsp.rsplit("/", 1)
    proxy = Proxy(upstream[0], die_after_posts=3)
    graph = ["--graph", target.graph]
    try:
        failed = run_cli("load", str(seed_ttl), "--endpoint", f"{proxy.url}/{upstream[1]}", *graph, "--batch-size", "100", "--retries", "1", "--timeout", "5")
        assert failed.returncode == 1
        assert "Loaded before the failure: 3 batch(es), 300 triples; the rest was not loaded" in failed.stderr
        assert "Traceback" not in failed.stderr
    finally:
        proxy.stop()
    assert RemoteStore(target.gsp).count(target.graph) == 300
    rerun = run_cli("load", str(seed_ttl), "--endpoint", target.gsp, *graph, "--batch-size", "100")
    assert rerun.returncode == 0, rerun.stderr
    assert f"now holds {seed_triples} triples" in rerun.stdout


def test_unreachable_endpoint_is_a_clear_error(tmp_path, seed_ttl):
    from servers import free_port

    store = RemoteStore(f"http://127.0.0.1:{free_port()}/store", retries=1, backoff=0.01, timeout=2)
    with pytest.raises(StoreError, match="cannot reach the store"):
        store.load(seed_ttl)


def test_oxigraph_no_transaction_switch_loads_the_same(server, seed_ttl, seed_triples):
    result = run_cli("load", str(seed_ttl), "--endpoint", f"{server.url}/store", "--graph", GRAPH_IRI, "--no-transaction", "--batch-size", "200")
    assert result.returncode == 0, result.stderr
    assert f"now holds {seed_triples} triples" in result.stdout


def test_a_graph_iri_cannot_break_out_of_the_sparql_it_is_written_into(tmp_path, seed_ttl):
    for bad in ("https://example.org/g> } ; DROP ALL ; #", "not an iri", 'https://example.org/"x"'):
        result = run_cli("load", str(seed_ttl), "--store", str(tmp_path / "s"), "--graph", bad)
        assert result.returncode == 2 and "is not an absolute IRI" in result.stderr
    with pytest.raises(Exception, match="not an absolute IRI"):
        RemoteStore("http://127.0.0.1:9/store").count("https://example.org/g> } DROP ALL #")


def test_ntriples_files_are_sent_line_by_line_and_count_the_same(target, seed_build, seed_triples, tmp_path):
    nt = tmp_path / "graph.nt"
    result = run_cli("export", str(seed_build / "graph.ttl"), "--format", "ntriples", "-o", str(nt))
    assert result.returncode == 0, result.stderr
    loaded = run_cli("load", str(nt), "--endpoint", target.gsp, "--graph", target.graph, "--batch-size", "64")
    assert loaded.returncode == 0, loaded.stderr
    assert f"{seed_triples} triples sent in {(seed_triples + 63) // 64} batch(es)" in loaded.stdout
    assert f"now holds {seed_triples} triples" in loaded.stdout
    broken = tmp_path / "broken.nt"
    broken.write_text("<https://example.org/a> <https://example.org/p> \"unterminated .\n", encoding="utf-8")
    refused = run_cli("load", str(broken), "--endpoint", target.gsp, "--graph", target.graph, "--retries", "0")
    # Oxigraph answers 400, Virtuoso 500 with a misleading 'unsupported type text/plain': graphbuild names the line.
    assert refused.returncode == 1 and f"{broken}:1: not valid N-Triples" in refused.stderr and "Traceback" not in refused.stderr


def test_oxigraph_is_recognised_and_its_bulk_mode_used_by_default(server, seed_ttl, seed_triples):
    store = RemoteStore(f"{server.url}/store")
    assert store.server_name().lower().startswith("oxigraph")
    result = store.load(seed_ttl, batch_size=100)
    assert store.no_transaction is True and result.target_count == seed_triples
    plain = RemoteStore(f"{server.url}/store", no_transaction=False)
    assert plain.load(seed_ttl, graph=GRAPH_IRI).target_count == seed_triples and plain.no_transaction is False


def test_example_queries_answer_the_same_from_the_embedded_store_oxigraph_and_virtuoso(seed_ttl, server, virtuoso, tmp_path):
    """What users copy from examples/queries/ must not depend on where the graph was loaded."""
    from graphbuild.query.sparql import initial_namespaces, read_query, with_prefixes

    embedded = EmbeddedStore(tmp_path / "store")
    embedded.load_file(seed_ttl)
    oxigraph = RemoteStore(f"{server.url}/store")
    oxigraph.load(seed_ttl)
    graph = "https://example.org/graphs/example-queries"
    RemoteStore(f"{virtuoso.url}/sparql-graph-crud").load(seed_ttl, graph=graph, replace=True)
    on_virtuoso = RemoteStore(f"{virtuoso.url}/sparql", query_url=f"{virtuoso.url}/sparql?default-graph-uri={urllib.parse.quote(graph, safe='')}")
    assert on_virtuoso.count() == len(_expected(seed_ttl))  # the query sees that one graph only
    queries = sorted((EXAMPLES / "queries").glob("*.rq"))
    assert len(queries) >= 6
    for path in queries:
        sparql = read_query(str(path))
        header, rows = embedded.query(sparql, prefixes=initial_namespaces())
        assert rows, f"{path.name} finds nothing in the example graph"
        for name, remote in (("Oxigraph", oxigraph), ("Virtuoso", on_virtuoso)):
            remote_header, remote_rows = remote.query(with_prefixes(sparql))
            assert (remote_header, sorted(remote_rows)) == (header, sorted(rows)), f"{path.name} on {name}"


def test_a_store_that_never_answers_fails_fast_and_is_named(tmp_path):
    import socket
    import threading
    import time

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()  # accepts, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    try:
        started = time.monotonic()
        result = run_cli("query", "--endpoint", url, "ASK {}", "--timeout", "2")
        elapsed = time.monotonic() - started
    finally:
        listener.close()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"GET {url}: the store did not answer within 2 s" in result.stderr
    assert "retrying" not in result.stderr and elapsed < 30  # not retried: it would hang again


def test_long_queries_go_as_a_form_post_which_virtuoso_answers(virtuoso, seed_ttl):
    graph = "https://example.org/graphs/long-query"
    store = RemoteStore(f"{virtuoso.url}/sparql-graph-crud", timeout=20)
    store.load(seed_ttl, graph=graph, replace=True)
    padding = "\n".join(f"# a comment that makes the query longer than a URL should be, line {i}" for i in range(60))
    header, rows = store.query(f"{padding}\nSELECT ?label WHERE {{ GRAPH <{graph}> {{ <https://w3id.org/graphbuild/id/xiaomi> <http://www.w3.org/2000/01/rdf-schema#label> ?label }} }}")
    assert rows == [["Xiaomi"]]
    assert store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}") == (["ask"], [["true"]])
    assert store.query(f"ASK {{ GRAPH <{graph}> {{ ?s <https://example.org/nothing> ?o }} }}") == (["ask"], [["false"]])


def test_an_html_error_page_is_reduced_to_its_text():
    from graphbuild.store.remote import _error_text

    page = b"<!DOCTYPE html><html><head><title>SPARQL request failed</title><style>h1{}</style></head><body><h1>HTTP/1.1 500 Request Failed</h1>\n<h3>Error 22023</h3><xmp>The endpoint has no default graph</xmp></body></html>"
    assert _error_text(page, "text/html; charset=ISO-8859-1") == "HTTP/1.1 500 Request Failed Error 22023 The endpoint has no default graph"
    assert _error_text(b"x" * 400, "text/plain") == "x" * 300 + "..."
