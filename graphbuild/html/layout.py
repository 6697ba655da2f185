"""Node positions computed when the page is written, so that a big page opens drawn and still.

A browser running vis-network's physics needs 8-20 s to settle 2,000 nodes and
minutes for 10,000; igraph's compiled Fruchterman-Reingold does the same work in
well under a second (measured by ``bench/html_render.py``).  Each connected
component is laid out on its own and the components are packed side by side,
largest first: a layout of the whole graph at once would fling the many small
components of a news graph to its rim.  Entities without facts go in a grid
below, where they crowd nothing (the page hides them by default on big graphs).

Positions are in canvas units, scaled so that the median distance from a node
to its nearest neighbour is :data:`SPACING`; the same graph always gets the same
positions.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import networkx as nx

#: Median distance between a node and its nearest neighbour, in canvas units, on big graphs;
#: small graphs get more room, for the labels every node shows there.
SPACING = 60.0
SMALL_GRAPH_SPACING = 160.0
#: Up to this many nodes one layout takes the whole graph, lone entities and all: they settle
#: around the connected ones, as a reader of a small graph expects.
WHOLE_LAYOUT_UP_TO = 150
_SEED = 20261130


def fact_graph(graph: nx.Graph, keys: Iterable[str]) -> nx.Graph:
    """The entities ``keys`` joined once per pair that shares any fact, direction ignored."""
    keys = list(keys)
    simple = nx.Graph()
    simple.add_nodes_from(keys)
    simple.add_edges_from((s, o) for s, o in graph.subgraph(keys).edges() if s != o)
    return simple


def spacing_for(nodes: int) -> float:
    """Room per node: 160 canvas units up to 50 nodes, falling to 60 at 500 and beyond."""
    if nodes <= 50:
        return SMALL_GRAPH_SPACING
    if nodes >= 500:
        return SPACING
    share = math.log(nodes / 50) / math.log(10)
    return SMALL_GRAPH_SPACING + (SPACING - SMALL_GRAPH_SPACING) * share


def compute_layout(graph: nx.Graph, keys: Iterable[str], spacing: float | None = None) -> dict[str, tuple[float, float]]:
    """Positions for the nodes ``keys`` of ``graph``, their facts pulling connected ones together."""
    keys = list(keys)
    spacing = spacing or spacing_for(len(keys))
    simple = fact_graph(graph, keys)
    if len(keys) <= WHOLE_LAYOUT_UP_TO:
        return _rounded(_component_layout(simple, spacing))
    components = sorted((sorted(c) for c in nx.connected_components(simple) if len(c) > 1), key=lambda c: (-len(c), c[0]))
    lone = sorted(n for n in simple if simple.degree(n) == 0)
    boxes = [_component_layout(simple.subgraph(c), spacing) for c in components]
    positions = _pack(boxes, spacing)
    positions.update(_grid(lone, spacing, below=max((y for _, y in positions.values()), default=0.0) + 2 * spacing))
    return _rounded(positions)


def _rounded(positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    return {k: (round(x, 1), round(y, 1)) for k, (x, y) in positions.items()}


def _component_layout(component: nx.Graph, spacing: float) -> dict[str, tuple[float, float]]:
    """One connected component, laid out by igraph and scaled to the common spacing, centred on 0."""
    nodes = sorted(component)
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-spacing / 2, 0.0), nodes[1]: (spacing / 2, 0.0)}
    import igraph

    index = {n: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=sorted((index[a], index[b]) if index[a] < index[b] else (index[b], index[a]) for a, b in component.edges()))
    rng = random.Random(_SEED + len(nodes))
    half = math.sqrt(len(nodes)) / 2  # igraph's own starting square: a smaller one crowds its grid (70 s, not 1 s, at 9,000 nodes)
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in nodes]
    igraph.set_random_number_generator(random.Random(_SEED))  # igraph draws from Python's RNG: fixed, for a repeatable layout
    try:
        coords = g.layout_fruchterman_reingold(seed=start, niter=500, grid=len(nodes) > 500).coords  # grid: 1 s, not 98 s, at 9,000 nodes
    finally:
        igraph.set_random_number_generator(random)
    return _scaled(dict(zip(nodes, (tuple(c) for c in coords))), spacing)


def _scaled(points: dict[str, tuple[float, float]], spacing: float) -> dict[str, tuple[float, float]]:
    """Points centred on 0 and scaled so that the median nearest-neighbour distance is ``spacing``."""
    xs, ys = [p[0] for p in points.values()], [p[1] for p in points.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    nearest = nearest_distances(list(points.values()))
    median = sorted(nearest)[len(nearest) // 2] if nearest else 0.0
    factor = spacing / median if median > 0 else 1.0
    return {k: ((x - cx) * factor, (y - cy) * factor) for k, (x, y) in points.items()}


def nearest_distances(points: list[tuple[float, float]]) -> list[float]:
    """Each point's distance to its nearest other point (a grid of buckets keeps it near-linear)."""
    if len(points) < 2:
        return []
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    cell = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / math.sqrt(len(points))
    buckets: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(points):
        buckets.setdefault((int(x // cell), int(y // cell)), []).append(i)
    out = []
    for i, (x, y) in enumerate(points):
        bx, by = int(x // cell), int(y // cell)
        best, ring = math.inf, 0
        while True:  # widen the search ring until no closer point can lie outside it
            for gx in range(bx - ring, bx + ring + 1):
                for gy in range(by - ring, by + ring + 1):
                    if max(abs(gx - bx), abs(gy - by)) != ring:
                        continue
                    for j in buckets.get((gx, gy), ()):
                        if j != i:
                            best = min(best, math.hypot(points[j][0] - x, points[j][1] - y))
            if best <= ring * cell or ring > 2 * math.sqrt(len(points)) + 2:
                break
            ring += 1
        out.append(best)
    return out


def _pack(boxes: list[dict[str, tuple[float, float]]], spacing: float) -> dict[str, tuple[float, float]]:
    """Components in rows (shelf packing), largest first, in a roughly square area."""
    if not boxes:
        return {}
    sizes = []
    for box in boxes:
        xs, ys = [p[0] for p in box.values()], [p[1] for p in box.values()]
        sizes.append((max(xs) - min(xs) + 2 * spacing, max(ys) - min(ys) + 2 * spacing, min(xs), min(ys)))
    width_limit = max(max(w for w, *_ in sizes), math.sqrt(sum(w * h for w, h, *_ in sizes)) * 1.2)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box, (w, h, left, top) in zip(boxes, sizes):
        if x > 0 and x + w > width_limit:
            x, y, row_height = 0.0, y + row_height, 0.0
        for key, (px, py) in box.items():
            positions[key] = (x + spacing + px - left, y + spacing + py - top)
        x += w
        row_height = max(row_height, h)
    return positions


def _grid(keys: list[str], spacing: float, below: float) -> dict[str, tuple[float, float]]:
    """Entities without facts, in rows under everything else."""
    if not keys:
        return {}
    per_row = max(1, math.ceil(math.sqrt(len(keys)) * 2))
    return {k: ((i % per_row) * spacing, below + (i // per_row) * spacing) for i, k in enumerate(keys)}


def communities(graph: nx.Graph, keys: Iterable[str]) -> dict[str, int]:
    """Community number of each entity with facts (0 = the largest), by networkx's Louvain method, fixed seed."""
    simple = fact_graph(graph, keys)
    if simple.number_of_edges() == 0:
        return {}
    simple.remove_nodes_from([n for n in list(simple) if simple.degree(n) == 0])  # entities without facts have no community
    found = nx.community.louvain_communities(simple, seed=_SEED)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {key: i for i, members in enumerate(ordered) for key in members}
