"""Page size and time to a settled layout in headless Chromium, for graphs of several sizes.

    python bench/html_render.py [--sizes 500 2000 10000] [--out bench/results/html_render.md]

Each graph is synthetic (entities of every type, about 1.5 facts per entity,
each with one evidence sentence).  The page is rendered with all nodes
(--max-nodes N) and with the default limit, opened in Debian's Chromium via
Playwright, and timed from navigation until the layout has settled and physics
is off.  The default --max-nodes is chosen from these numbers.
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


def settle_seconds(browser, path: Path) -> float:
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit", timeout=600_000)  # a big page blocks its own load event while it lays out
    wait_until_settled(page, 900)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "html_render.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="gb-html-"))
    rows = ["| entities in graph | drawn | page size (MB) | build page (s) | open to settled layout (s) |", "|---|---|---|---|---|"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(
                str(work / "profile"), executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            )
            for n in args.sizes:
                kg = synthetic(n)
                for limit in sorted({n, DEFAULT_MAX_NODES} if n > DEFAULT_MAX_NODES else {n}):
                    path = work / f"g{n}-{limit}.html"
                    started = time.perf_counter()
                    kg.to_html(path, max_nodes=limit)
                    built = time.perf_counter() - started
                    seconds = settle_seconds(browser, path)
                    rows.append(f"| {n:,} | {min(n, limit):,} | {path.stat().st_size / 1e6:.1f} | {built:.1f} | {seconds:.1f} |")
                    print(rows[-1], flush=True)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = f"# Page rendering\n\nMeasured by `python bench/html_render.py` in one run (default --max-nodes {DEFAULT_MAX_NODES}).\n\n" + "\n".join(rows) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
