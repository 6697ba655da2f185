"""The page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

import shutil

import pytest

from graphbuild.graph.model import KnowledgeGraph
from graphbuild.records import Entity, ExtractionRecord, Relation, Span

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extras: pip install -e '.[test]'")
    if not shutil.which(CHROMIUM):
        pytest.fail("Chromium is missing: apt-get install -y chromium (the README's test command installs it)")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1400, "height": 900}
        )
        yield context
        context.close()


def wait_until_settled(page, seconds: float) -> None:
    """Poll from outside the page: its Content-Security-Policy forbids the eval Playwright's own waiting uses."""
    import time as _time

    deadline = _time.monotonic() + seconds
    while page.evaluate("window.graphbuildSettled === true") is not True:
        if _time.monotonic() > deadline:
            raise TimeoutError(f"the layout did not settle within {seconds} s")
        page.wait_for_timeout(100)


def open_page(browser, path):
    page = browser.new_page()
    requests, console_errors, dialogs = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    wait_until_settled(page, 120)
    return page, requests, console_errors, dialogs


def test_page_draws_the_whole_graph_offline_without_errors(browser, seed_build, seed_kg):
    page, requests, errors, _ = open_page(browser, seed_build / "graph.html")
    drawn = page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]")
    from graphbuild.rdf.mapping import from_rdf
    from graphbuild.query.sparql import load_rdf

    kg = from_rdf(load_rdf(seed_build / "graph.ttl"))
    assert drawn == [kg.graph.number_of_nodes(), kg.graph.number_of_edges()]
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert errors == []
    # Layout settled, then physics was switched off: the page stops using CPU.
    assert page.evaluate("network.physics.physicsEnabled") is False
    page.close()


def test_search_selects_and_focuses_the_entity(browser, seed_build):
    page, *_ = open_page(browser, seed_build / "graph.html")
    page.fill("#search", "Xiaomi")
    page.press("#search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["xiaomi"]
    assert "Company" in page.inner_text("#details")
    page.close()


def test_clicking_the_lei_jun_xiaomi_edge_shows_its_evidence(browser, seed_build):
    page, *_ = open_page(browser, seed_build / "graph.html")
    edge_id = page.evaluate("graphData.edges.find(e => e.from === 'lei-jun' && e.to === 'xiaomi' && e.predicate === 'ceoOf').id")
    point = page.evaluate(
        """(id) => { const e = network.body.edges[id]; const p = e.edgeType.getPoint(0.5);
                     const d = network.canvasToDOM(p); const r = document.getElementById('network').getBoundingClientRect();
                     return [r.left + d.x, r.top + d.y]; }""",
        edge_id,
    )
    page.mouse.click(*point)
    details = page.inner_text("#details")
    assert "Lei Jun" in details and "Xiaomi" in details
    assert "founder and CEO of Chinese technology company Xiaomi" in details or "founder, chairman, and CEO of Xiaomi Group" in details
    page.close()


def test_filters_and_confidence_slider_hide_what_they_should(browser, seed_build):
    page, *_ = open_page(browser, seed_build / "graph.html")
    total_nodes = page.evaluate("network.body.nodeIndices.length")
    page.uncheck("#type-filters label:has-text('Product') input")
    assert page.evaluate("network.body.nodeIndices.length") < total_nodes
    page.fill("#confidence", "0.95")
    page.dispatch_event("#confidence", "input")
    shown = page.evaluate("network.body.edgeIndices.map(id => network.body.data.edges.get(id).confidence)")
    assert all(c >= 0.95 for c in shown)
    page.close()


def test_script_in_article_text_never_runs(browser, tmp_path):
    name = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script>'
    evil = Entity("evil", name, "Company", (Span(0, len(name), name),))
    beats = Entity("beats", 'Beats "Audio" </script>', "Company", (Span(0, 5, "Beats"),))
    sentence = name + " acquired Beats."
    rel = Relation("evil", "acquired", "beats", 0.9, Span(0, len(name), name), Span(0, 5, "Beats"), Span(0, len(sentence), sentence), "asserted", "t")
    kg = KnowledgeGraph.from_records([ExtractionRecord("d<1>", (evil, beats), (rel,), {"url": "javascript:alert(3)", "title": "<b onmouseover=alert(4)>t</b>"})])
    path = kg.to_html(tmp_path / "evil.html")
    page, requests, errors, dialogs = open_page(browser, path)
    page.fill("#search", "Beats")
    page.press("#search", "Enter")
    page.evaluate("network.selectEdges(['e0'])")
    page.evaluate("network.body.emitter.emit('click', {nodes: [], edges: ['e0'], pointer: {DOM: {x: 0, y: 0}, canvas: {x: 0, y: 0}}})")
    assert "acquired" in page.inner_text("#details")
    assert dialogs == [] and page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#details img, #details script, #sources a[href^=javascript]').length") == 0
    assert errors == []
    page.close()
