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
