"""Page size, time to write it and time until it is drawn in headless Chromium, for graphs of several sizes.

    python bench/html_render.py [--sizes 500 2000 10000] [--graph out/bbc/graph.ttl] [--out bench/results/html_render.md]

Synthetic graphs have entities of every type and about 1.5 facts per entity,
each with one evidence sentence; they are rendered with all nodes (--max-nodes N)
and with the default limit.  ``--graph`` adds a graph graphbuild wrote (the BBC
corpus build of the README), written by ``graphbuild html`` as a user would.
Each page is opened in Debian's Chromium via Playwright and timed from
navigation until the layout is drawn (physics off).  Also reported: the share
of drawn nodes closer to another than 5% of the median nearest-neighbour
distance (overlap; issue 14's target is < 10%).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from graphbuild.graph.model import KnowledgeGraph  # noqa: E402
from graphbuild.html.render import DEFAULT_MAX_NODES  # noqa: E402
from test_browser import wait_until_settled  # noqa: E402  (one way to wait for the page, shared with the tests)

TYPES = ["Company", "Organization", "GovernmentBody", "Person", "Product", "Place"]
RELATIONS = ["ceoOf", "partnersWith", "competesWith", "acquired", "makesProduct", "bannedBy"]


def synthetic(n: int, seed: int = 7) -> KnowledgeGraph:
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    kg.documents = {f"d{i}": {"title": f"Article {i}"} for i in range(max(1, n // 10))}
    for i in range(n):
        kg.graph.add_node(f"e{i}", label=f"Entity {i}", type=TYPES[i % len(TYPES)], aliases=[], qid=None, mentions=rng.randint(1, 20), articles=[f"d{i % len(kg.documents)}"])
    for j in range(int(n * 1.5)):
        # Preferential attachment: a few hubs, many leaves, like news graphs.
        s = f"e{int(n * rng.random() ** 2)}"
        o = f"e{rng.randrange(n)}"
        if s == o:
            continue
        predicate = RELATIONS[j % len(RELATIONS)]
        evidence = [{"document": f"d{j % len(kg.documents)}", "sentence": f"Sentence {j} relating {s} and {o}.", "start": 0, "end": 30, "subject_text": s, "object_text": o, "confidence": 0.8, "method": "bench"}]
        kg.graph.add_edge(s, o, key=(predicate, "asserted"), predicate=predicate, status="asserted", confidence=0.8, evidence=evidence)
    return kg


def settle_seconds(browser, path: Path) -> tuple[float, float, int]:
    """Seconds until drawn, overlapping share of the drawn nodes, and how many are drawn."""
    from graphbuild.html.layout import nearest_distances

    page = browser.new_page()
    started = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit", timeout=600_000)  # a big page blocks its own load event while it lays out
    wait_until_settled(page, 900)
    elapsed = time.perf_counter() - started
    positions = page.evaluate("network.getPositions()")
    page.close()
    near = nearest_distances([(p["x"], p["y"]) for p in positions.values()])
    median = sorted(near)[len(near) // 2]
    return elapsed, sum(d < 0.05 * median for d in near) / len(near), len(positions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--graph", type=Path, help="also a graph graphbuild wrote (for example the BBC corpus build)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "html_render.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="gb-html-"))
    rows = [
        "| graph | entities in graph | drawn | page size (MB) | kB per drawn entity | write page (s) | open until drawn (s) | overlapping nodes |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def row(name: str, total: int, limit: int, path: Path, built: float) -> None:
        seconds, overlap, drawn = settle_seconds(browser, path)
        size = path.stat().st_size
        rows.append(f"| {name} | {total:,} | {drawn:,} of {min(total, limit):,} | {size / 1e6:.1f} | {size / 1e3 / min(total, limit):.1f} | {built:.1f} | {seconds:.1f} | {overlap:.1%} |")
        print(rows[-1], flush=True)

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(
                str(work / "profile"), executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            )
            if args.graph:
                import subprocess

                from graphbuild.rdf.formats import parse
                from graphbuild.rdf.mapping import from_rdf

                total = from_rdf(parse(args.graph)).graph.number_of_nodes()
                for limit in sorted({min(2000, total), min(DEFAULT_MAX_NODES, total)}):  # issue 14's size, and the default
                    path = work / f"graph-{limit}.html"
                    started = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "graphbuild", "-q", "html", str(args.graph), "-o", str(path), "--max-nodes", str(limit)], check=True)
                    row(str(args.graph), total, limit, path, time.perf_counter() - started)
            for n in args.sizes:
                kg = synthetic(n)
                for limit in sorted({n, DEFAULT_MAX_NODES} if n > DEFAULT_MAX_NODES else {n}):
                    path = work / f"g{n}-{limit}.html"
                    started = time.perf_counter()
                    kg.to_html(path, max_nodes=limit)
                    row("synthetic", n, limit, path, time.perf_counter() - started)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = (
        f"# Page rendering\n\nMeasured by `python bench/html_render.py{' --graph ' + str(args.graph) if args.graph else ''}` in one run "
        f"(default --max-nodes {DEFAULT_MAX_NODES}). 'drawn' counts the entities on screen when the page opens: "
        "on big graphs those without facts wait behind a switch.\n\n" + "\n".join(rows) + "\n"
    )
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
