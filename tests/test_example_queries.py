"""Every documented example query runs on the example graph and gives the asserted answer."""

from conftest import EXAMPLES

from graphbuild.query.sparql import load_rdf, read_query, rows, run_query

import pytest

QUERIES = EXAMPLES / "queries"

EXPECTED = {
    "ceos.rq": lambda r: ["Lei Jun", "Xiaomi"] in r,
    "bans.rq": lambda r: {(x[0], x[1], x[2]) for x in r} >= {("Huawei", "AT&T", "reported"), ("Huawei", "Verizon", "reported")} and all(x[3] for x in r),
    "partners-of-partners.rq": lambda r: ["Xiaomi", "Leica", "Huawei"] in r and ["Huawei", "Leica", "Xiaomi"] in r,
    "facts-from-article.rq": lambda r: ["Huawei", "partnersWith", "Leica", "ended"] in r and ["Lei Jun", "chairmanOf", "Xiaomi", "asserted"] in r and all(x[0] != "AT&T" for x in r),
    "low-confidence.rq": lambda r: r and all(float(x[3]) < 0.7 for x in r) and ["Huawei", "bannedBy", "AT&T"] in [x[:3] for x in r],
    "company-facts.rq": lambda r: {x[1] for x in r} >= {"bannedBy", "competesWith", "partnersWith"} and all("Huawei" in (x[0], x[2]) for x in r),
    "employees-with-entailment.rq": lambda r: ["Lei Jun", "Xiaomi", "https://w3id.org/graphbuild/techkg#ceoOf"] in r,
}


def test_every_query_is_covered():
    assert {q.name for q in QUERIES.glob("*.rq")} == set(EXPECTED)
    assert len(EXPECTED) >= 6


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_query_answer(seed_build, name):
    graph = load_rdf(seed_build / "graph.ttl")
    _, body = rows(run_query(graph, read_query(str(QUERIES / name))))
    assert EXPECTED[name](body), body
