"""The page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

import shutil

import pytest

from graphbuild.graph.model import KnowledgeGraph
from graphbuild.records import Entity, ExtractionRecord, Relation, Span

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        import playwright.sync_api as playwright_api
    except ImportError:  # the test extras bring it: missing, it is a broken set-up, not a reason to skip
        pytest.fail("Playwright is missing: pip install -e '.[test]' (the README's test command installs it)")
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


def _archive_graph(n: int = 400) -> KnowledgeGraph:
    """A graph the size of a small archive: hubs, leaves and a quarter of entities with no fact."""
    import random

    rng = random.Random(11)
    kg = KnowledgeGraph()
    kg.documents = {"d0": {"title": "Archive"}}
    types = ["Company", "Person", "Product", "Place", "GovernmentBody", "Organization"]
    for i in range(n):
        kg.graph.add_node(f"e{i}", label=f"Entity {i}", type=types[i % len(types)], aliases=[], qid=None, mentions=1 + i % 7, articles=["d0"])
    for j in range(int(n * 0.9)):
        s, o = f"e{int(0.75 * n * rng.random() ** 2)}", f"e{rng.randrange(int(0.75 * n))}"
        if s != o:
            ev = [{"document": "d0", "sentence": f"S{j}.", "start": 0, "end": 3, "subject_text": s, "object_text": o, "confidence": 0.8, "method": "test"}]
            kg.graph.add_edge(s, o, key=("partnersWith", "asserted"), predicate="partnersWith", status="asserted", confidence=0.8, evidence=ev)
    return kg


@pytest.fixture(scope="module")
def archive_page(tmp_path_factory):
    kg = _archive_graph()
    path = tmp_path_factory.mktemp("archive") / "graph.html"
    kg.to_html(path)
    return kg, path


def _drawn(page):
    return set(page.evaluate("network.body.nodeIndices"))


def test_the_page_opens_on_the_layout_computed_in_python_with_physics_off(browser, seed_build):
    page, *_ = open_page(browser, seed_build / "graph.html")
    positions = page.evaluate("network.getPositions()")
    expected = page.evaluate("Object.fromEntries(graphData.nodes.map(n => [n.id, {x: n.x, y: n.y}]))")
    assert positions and all(abs(positions[k]["x"] - v["x"]) <= 1 and abs(positions[k]["y"] - v["y"]) <= 1 for k, v in expected.items())
    assert page.evaluate("network.physics.physicsEnabled") is False
    page.check("#physics")
    assert page.evaluate("network.physics.physicsEnabled") is True  # a reader may untangle a region
    page.uncheck("#physics")
    assert page.evaluate("network.physics.physicsEnabled") is False
    # Colours are the type's, and can switch to the community's.
    xiaomi = "network.body.data.nodes.get('xiaomi').color.background"
    assert page.evaluate(xiaomi) == page.evaluate("graphData.nodes.find(n => n.id === 'xiaomi').color")
    page.select_option("#colour-by", "community")
    assert page.evaluate(xiaomi) == page.evaluate("graphData.nodes.find(n => n.id === 'xiaomi').communityColor")
    page.close()


def test_a_big_page_hides_entities_without_facts_and_says_how_many(browser, archive_page):
    kg, path = archive_page
    page, _, errors, _ = open_page(browser, path)
    with_facts = {k for k in kg.graph if kg.graph.degree(k) > 0}
    factless = kg.graph.number_of_nodes() - len(with_facts)
    assert factless > 50 and errors == []
    assert _drawn(page) == with_facts
    assert page.inner_text("#factless-text") == f"{factless} entities with no facts hidden (show them)"
    page.check("#show-factless")
    assert len(_drawn(page)) == kg.graph.number_of_nodes()
    # Finding an entity with no facts shows it.
    page.uncheck("#show-factless")
    lone = sorted(set(kg.graph) - with_facts)[0]
    page.evaluate(f"focusEntity({kg.graph.nodes[lone]['label']!r})")
    assert lone in _drawn(page) and page.is_checked("#show-factless")
    page.close()


def test_the_best_connected_are_named_at_the_opening_zoom_the_rest_on_zooming_in(browser, archive_page):
    kg, path = archive_page
    page, *_ = open_page(browser, path)
    ranked = page.evaluate("graphData.ranked")
    font = "id => network.body.nodes[id].options.font.size * network.getScale()"
    threshold = page.evaluate("network.body.nodes[graphData.ranked[0]].options.scaling.label.drawThreshold")
    assert page.evaluate(f"({font})(graphData.ranked[0])") >= threshold
    facts = {n["id"]: n["facts"] for n in page.evaluate("graphData.nodes")}
    last = [k for k in ranked if facts[k] > 0][-1]  # the least connected entity drawn
    assert page.evaluate(f"({font})({last!r})") < threshold - 1  # its label is not drawn yet
    page.evaluate("network.moveTo({scale: 1.5})")
    assert page.evaluate(f"({font})({last!r})") >= threshold
    assert len(ranked) == kg.graph.number_of_nodes()
    page.close()


def test_the_most_connected_list_and_the_neighbourhood_narrow_the_view_and_show_all_restores_it(browser, archive_page):
    kg, path = archive_page
    page, *_ = open_page(browser, path)
    before = _drawn(page)
    top = page.evaluate("graphData.top")
    degrees = sorted((kg.graph.degree(k) for k in kg.graph), reverse=True)
    assert len(top) == 15 and kg.graph.degree(top[0]) == degrees[0]
    page.click("#top-list button >> nth=0")
    assert page.evaluate("network.getSelectedNodes()") == [top[0]]
    page.click('#details button[data-depth="1"]')
    simple = kg.graph.to_undirected()
    assert _drawn(page) == {top[0], *simple.neighbors(top[0])}
    assert page.is_visible("#focus-bar") and kg.graph.nodes[top[0]]["label"] in page.inner_text("#focus-text")
    two_steps = {top[0]} | set(simple.neighbors(top[0])) | {m for n in simple.neighbors(top[0]) for m in simple.neighbors(n)}
    page.evaluate(f"showNeighbourhood({top[0]!r}, 2)")
    assert _drawn(page) == two_steps
    page.click("#show-all")
    assert _drawn(page) == before and not page.is_visible("#focus-bar")
    page.close()
