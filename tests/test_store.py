"""Triple stores for real: the embedded store, and an Oxigraph server through the SPARQL 1.1 protocols."""

import pytest
from conftest import EXAMPLES, run_cli
from servers import OxigraphServer, Proxy

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


def test_load_into_oxigraph_server_and_query_it_back(server, seed_ttl, seed_triples):
    result = run_cli("load", str(seed_ttl), "--endpoint", f"{server.url}/store", "--batch-size", "100")
    assert result.returncode == 0, result.stderr
    assert f"{seed_triples} triples sent in {(seed_triples + 99) // 100} batch(es)" in result.stdout
    assert f"now holds {seed_triples} triples" in result.stdout
    answer = run_cli("query", "--endpoint", f"{server.url}/query", CEOS, "--format", "json")
    assert answer.returncode == 0, answer.stderr
    assert '"person": "Lei Jun"' in answer.stdout
    # Loading the same build again duplicates nothing.
    again = run_cli("load", str(seed_ttl), "--endpoint", f"{server.url}/store")
    assert f"now holds {seed_triples} triples" in again.stdout


def test_named_graph_append_and_replace(server, seed_ttl, seed_triples, tmp_path):
    store = RemoteStore(f"{server.url}/store")
    extra = tmp_path / "extra.nt"
    extra.write_text('<https://example.org/a> <https://example.org/p> "x" .\n', encoding="utf-8")
    assert store.load(seed_ttl, graph=GRAPH_IRI).target_count == seed_triples
    assert store.load(extra, graph=GRAPH_IRI).target_count == seed_triples + 1  # append
    assert store.load(extra, graph=GRAPH_IRI, replace=True).target_count == 1  # replace
    assert store.count() == 0  # the default graph was never touched


def test_sparql_update_protocol(server, seed_ttl, seed_triples):
    store = RemoteStore(f"{server.url}/update", protocol="update", query_url=f"{server.url}/query")
    result = store.load(seed_ttl, graph=GRAPH_IRI, batch_size=250)
    assert result.target_count == seed_triples


def test_basic_auth_right_and_wrong_password_never_printed(server, seed_ttl, seed_triples):
    proxy = Proxy(server.url, user="ana", password="s3cret-pw")
    try:
        wrong = run_cli("load", str(seed_ttl), "--endpoint", f"{proxy.url}/store", "--user", "ana", env={"GRAPHBUILD_STORE_PASSWORD": "nope-pw"})
        assert wrong.returncode == 1
        assert "refused the credentials (HTTP 401)" in wrong.stderr
        assert "nope-pw" not in wrong.stderr + wrong.stdout and "Traceback" not in wrong.stderr
        right = run_cli("load", str(seed_ttl), "--endpoint", f"{proxy.url}/store", "--user", "ana", env={"GRAPHBUILD_STORE_PASSWORD": "s3cret-pw"})
        assert right.returncode == 0, right.stderr
        assert f"now holds {seed_triples} triples" in right.stdout
        assert "s3cret-pw" not in right.stdout + right.stderr
        missing = run_cli("load", str(seed_ttl), "--endpoint", f"{proxy.url}/store", "--user", "ana", env={"GRAPHBUILD_STORE_PASSWORD": "", "HOME": "/nonexistent"})
        assert missing.returncode == 1
    finally:
        proxy.stop()


def test_server_going_away_mid_load_reports_what_was_loaded_and_a_rerun_completes(server, seed_ttl, seed_triples):
    proxy = Proxy(server.url, die_after_posts=3)
    try:
        failed = run_cli("load", str(seed_ttl), "--endpoint", f"{proxy.url}/store", "--batch-size", "100", "--retries", "1", "--timeout", "5")
        assert failed.returncode == 1
        assert "Loaded before the failure: 3 batch(es), 300 triples; the rest was not loaded" in failed.stderr
        assert "Traceback" not in failed.stderr
    finally:
        proxy.stop()
    assert RemoteStore(f"{server.url}/store").count() == 300
    rerun = run_cli("load", str(seed_ttl), "--endpoint", f"{server.url}/store", "--batch-size", "100")
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


def test_ntriples_files_are_sent_line_by_line_and_count_the_same(server, seed_build, seed_triples, tmp_path):
    nt = tmp_path / "graph.nt"
    result = run_cli("export", str(seed_build / "graph.ttl"), "--format", "ntriples", "-o", str(nt))
    assert result.returncode == 0, result.stderr
    loaded = run_cli("load", str(nt), "--endpoint", f"{server.url}/store", "--batch-size", "64")
    assert loaded.returncode == 0, loaded.stderr
    assert f"{seed_triples} triples sent in {(seed_triples + 63) // 64} batch(es)" in loaded.stdout
    assert f"now holds {seed_triples} triples" in loaded.stdout
    broken = tmp_path / "broken.nt"
    broken.write_text("<https://example.org/a> <https://example.org/p> \"unterminated .\n", encoding="utf-8")
    refused = run_cli("load", str(broken), "--endpoint", f"{server.url}/store", "--retries", "0")
    assert refused.returncode == 1 and "HTTP 400" in refused.stderr and "Traceback" not in refused.stderr


def test_oxigraph_is_recognised_and_its_bulk_mode_used_by_default(server, seed_ttl, seed_triples):
    store = RemoteStore(f"{server.url}/store")
    assert store.server_name().lower().startswith("oxigraph")
    result = store.load(seed_ttl, batch_size=100)
    assert store.no_transaction is True and result.target_count == seed_triples
    plain = RemoteStore(f"{server.url}/store", no_transaction=False)
    assert plain.load(seed_ttl, graph=GRAPH_IRI).target_count == seed_triples and plain.no_transaction is False
