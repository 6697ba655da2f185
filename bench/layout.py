"""Which layout to compute before the page opens: time, overlap and closeness, measured in one run.

    python bench/layout.py [--sizes 2000 10000] [--graph out/bbc/graph.ttl] [--out bench/results/layout.md]

For synthetic graphs of ``bench/html_render.py`` (and, with ``--graph``, a graph
graphbuild wrote), compares graphbuild's layout (igraph's Fruchterman-Reingold
per connected component, components packed) with networkx's spring layout of
the whole graph.  Reports seconds; the share of nodes closer to another node
than 5% of the median nearest-neighbour distance (overlap, target < 10%); and
how much closer the two ends of a fact lie than two random nodes (median edge
length / median distance of random pairs: lower keeps connected entities near).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from html_render import synthetic  # noqa: E402

from graphbuild.html.layout import compute_layout, nearest_distances  # noqa: E402


def overlap_share(positions: dict) -> float:
    near = nearest_distances(list(positions.values()))
    median = sorted(near)[len(near) // 2]
    return sum(d < 0.05 * median for d in near) / len(near)


def closeness(graph, positions: dict) -> float:
    rng = random.Random(1)
    keys = list(positions)

    def dist(a, b):
        return math.dist(positions[a], positions[b])

    edges = sorted(dist(s, o) for s, o in graph.edges() if s in positions and o in positions and s != o)
    pairs = sorted(dist(rng.choice(keys), rng.choice(keys)) for _ in range(20000))
    return edges[len(edges) // 2] / pairs[len(pairs) // 2]


def networkx_spring(graph, keys):
    import networkx as nx

    simple = nx.Graph(graph.subgraph(keys))
    return nx.spring_layout(simple, seed=7)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--graph", type=Path, help="also a graph graphbuild wrote (its facts only, like the page's default view)")
    parser.add_argument("--spring-limit", type=int, default=2000, help="largest graph to try networkx's spring layout on (it is quadratic)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "layout.md")
    args = parser.parse_args()
    graphs = [(f"synthetic {n}", synthetic(n).graph) for n in args.sizes]
    if args.graph:
        from graphbuild.rdf.formats import parse
        from graphbuild.rdf.mapping import from_rdf

        graphs.append((f"{args.graph}", from_rdf(parse(args.graph)).graph))
    rows = ["| graph | nodes with facts | layout | seconds | overlapping nodes | edge length / random pair distance |", "|---|---|---|---|---|---|"]
    for name, graph in graphs:
        keys = [k for k in graph if graph.degree(k) > 0]
        candidates = [("graphbuild (igraph FR per component, packed)", compute_layout)]
        if len(keys) <= args.spring_limit:
            candidates.append(("networkx spring_layout (whole graph)", networkx_spring))
        for label, method in candidates:
            started = time.perf_counter()
            positions = method(graph, keys)
            seconds = time.perf_counter() - started
            rows.append(f"| {name} | {len(keys)} | {label} | {seconds:.2f} | {overlap_share(positions):.1%} | {closeness(graph, positions):.2f} |")
            print(rows[-1], flush=True)
    text = "# Layout before the page opens\n\nMeasured by `python bench/layout.py` in one run.\n\n" + "\n".join(rows) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
