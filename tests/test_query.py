"""SPARQL over what build wrote: example queries with asserted answers, clear errors."""

import json

import pytest
from conftest import EXAMPLES

from graphbuild.errors import QueryError
from graphbuild.query.sparql import format_result, load_rdf, read_query, run_query


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return load_rdf(seed_build / "graph.ttl")


def test_ceos_query_answers_lei_jun_of_xiaomi(seed_graph):
    result = run_query(seed_graph, read_query(str(EXAMPLES / "queries" / "ceos.rq")))
    rows = [(str(r[0]), str(r[1])) for r in result]
    assert ("Lei Jun", "Xiaomi") in rows


def test_predeclared_prefixes_and_output_formats(seed_graph):
    result = run_query(seed_graph, "SELECT ?c WHERE { id:lei-jun tk:founderOf ?c }")
    assert json.loads(format_result(result, "json")) == [{"c": "https://w3id.org/graphbuild/id/xiaomi"}]
    assert format_result(result, "csv").splitlines() == ["c", "https://w3id.org/graphbuild/id/xiaomi"]
    assert "id:xiaomi" in format_result(result, "table")


def test_ask_query(seed_graph):
    assert format_result(run_query(seed_graph, "ASK { id:huawei tk:bannedBy id:verizon }"), "csv").splitlines() == ["ask", "true"]


def test_invalid_query_says_where(seed_graph):
    with pytest.raises(QueryError, match=r"line 1, column \d+"):
        run_query(seed_graph, "SELECT ?x WHERE { ?x ?y }")
