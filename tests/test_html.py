"""The page is self-contained and safe whatever the articles contain (browser tests: test_browser.py)."""

import json
import re

from graphbuild.graph.model import KnowledgeGraph
from graphbuild.html.render import page_data, render_html
from graphbuild.records import Entity, ExtractionRecord, Relation, Span


def _hostile_kg():
    name = '<img src=x onerror="alert(1)">Evil</script><script>alert(2)</script>'
    e = Entity("evil", name, "Company", (Span(0, len(name), name),))
    f = Entity("beats", "Beats", "Company", (Span(0, 5, "Beats"),))
    sentence = name + " bought Beats & 'friends'."
    rel = Relation("evil", "acquired", "beats", 0.9, Span(0, len(name), name), Span(0, 5, "Beats"), Span(0, len(sentence), sentence), "asserted", "t")
    return KgWrap(ExtractionRecord("d", (e, f), (rel,), {"url": "javascript:alert(3)", "title": "<b>t</b>"}))


def KgWrap(record):
    return KnowledgeGraph.from_records([record])


def test_page_requests_nothing_from_the_network(seed_kg):
    page = render_html(seed_kg)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", page, re.I)
    assert "default-src 'none'" in page
    assert "vis.Network" in page


def test_article_text_is_only_in_escaped_json():
    page = render_html(_hostile_kg())
    assert "<img src=x" not in page
    assert "</script><script>alert(2)" not in page
    payload = page.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(payload)
    assert data["nodes"][0]["label"].startswith("<img")  # the text itself is kept, as data


def test_page_data_counts_match_the_graph(seed_kg):
    data = page_data(seed_kg)
    assert len(data["nodes"]) == seed_kg.graph.number_of_nodes()
    assert len(data["edges"]) == seed_kg.graph.number_of_edges()
    symmetric = [e for e in data["edges"] if e["predicate"] == "competesWith"]
    assert symmetric and all(e["symmetric"] for e in symmetric)
    ended = [e for e in data["edges"] if e["status"] == "ended"]
    assert ended and all(e["dashes"] for e in ended)
    china = next(n for n in data["nodes"] if n["id"] == "china")
    assert china["subtype"] == "Country" and china["title"].startswith("China (Country, Place)")


def test_big_graphs_show_the_best_connected_part_and_say_so(seed_kg):
    data = page_data(seed_kg, max_nodes=5)
    assert len(data["nodes"]) == 5
    assert "are hidden" in data["note"] and "--focus" in data["note"]


def test_notebook_view_is_an_isolated_iframe(seed_kg):
    html = seed_kg._repr_html_()
    assert html.startswith('<iframe srcdoc="') and 'sandbox="allow-scripts"' in html
    assert "<script" not in html.split('srcdoc="', 1)[1].split('"', 1)[0]  # the page is escaped inside the attribute


def test_html_renders_a_graph_from_the_embedded_store(seed_build, tmp_path):
    from conftest import run_cli

    store = tmp_path / "store"
    assert run_cli("load", str(seed_build / "graph.ttl"), "--store", str(store)).returncode == 0
    page = tmp_path / "from-store.html"
    result = run_cli("html", "--store", str(store), "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert "Lei Jun" in page.read_text(encoding="utf-8")
    exported = run_cli("export", "--store", str(store), "--format", "graphml", "-o", str(tmp_path / "g.graphml"))
    assert exported.returncode == 0, exported.stderr


def test_the_page_carries_a_repeatable_layout_and_what_the_reader_starts_from(seed_kg):
    data = page_data(seed_kg)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert page_data(seed_kg)["nodes"] == data["nodes"]  # the same graph, the same page
    facts = {n["id"]: n["facts"] for n in data["nodes"]}
    assert facts["xiaomi"] == max(facts.values()) and data["top"][0] == "xiaomi" and data["ranked"][0] == "xiaomi"
    assert all(facts[k] > 0 for k in data["top"])
    assert data["factless"] == sum(1 for v in facts.values() if v == 0) > 0
    assert data["hideFactless"] is False  # a small graph shows everything
    assert data["communities"] >= 2 and len({n["communityColor"] for n in data["nodes"] if n["community"] is not None}) >= 2


def test_a_big_graph_hides_its_entities_without_facts_by_default():
    from graphbuild.graph.model import KnowledgeGraph
    from graphbuild.html.render import HIDE_FACTLESS_FROM

    kg = KnowledgeGraph()
    for i in range(HIDE_FACTLESS_FROM):
        kg.graph.add_node(f"e{i}", label=f"E{i}", type="Company", aliases=[], qid=None, mentions=1, articles=[])
    kg.graph.add_edge("e0", "e1", key=("partnersWith", "asserted"), predicate="partnersWith", status="asserted", confidence=0.5, evidence=[])
    data = page_data(kg)
    assert data["hideFactless"] is True and data["factless"] == HIDE_FACTLESS_FROM - 2 and data["top"] == ["e0", "e1"]
