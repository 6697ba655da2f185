"""The layout computed before the page opens: spread out, connected entities close, repeatable."""

import math
import random

import networkx as nx

from graphbuild.html.layout import communities, compute_layout, nearest_distances


def _news_like(n: int, seed: int = 3) -> nx.MultiDiGraph:
    """Hubs and leaves, many small components and lone entities, like a news archive's graph."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"e{i}" for i in range(n))
    for _ in range(n):
        s, o = f"e{int(n * rng.random() ** 2)}", f"e{rng.randrange(n)}"
        if s != o and rng.random() < 0.8:
            g.add_edge(s, o)
    return g


def test_every_node_gets_a_position_and_the_same_graph_the_same_positions():
    g = _news_like(600)
    first = compute_layout(g, list(g))
    assert set(first) == set(g)
    assert compute_layout(g, list(g)) == first
    assert compute_layout(g, list(reversed(list(g)))) == first  # order of the input does not matter


def test_nodes_do_not_pile_up_and_facts_join_near_neighbours():
    g = _news_like(1200)
    positions = compute_layout(g, list(g))
    near = nearest_distances(list(positions.values()))
    median = sorted(near)[len(near) // 2]
    assert sum(d < 0.05 * median for d in near) / len(near) < 0.10
    rng = random.Random(0)
    keys = list(positions)
    edge = sorted(math.dist(positions[s], positions[o]) for s, o in g.edges() if s != o)
    pair = sorted(math.dist(positions[rng.choice(keys)], positions[rng.choice(keys)]) for _ in range(5000))
    assert edge[len(edge) // 2] < 0.5 * pair[len(pair) // 2]


def test_lone_entities_are_kept_out_of_the_connected_part_on_big_graphs():
    g = _news_like(1200)
    positions = compute_layout(g, list(g))
    lone = [k for k in g if g.degree(k) == 0]
    connected = [k for k in g if g.degree(k) > 0]
    assert lone and min(positions[k][1] for k in lone) > max(positions[k][1] for k in connected)


def test_empty_and_tiny_graphs():
    g = nx.MultiDiGraph()
    assert compute_layout(g, []) == {}
    g.add_node("a")
    assert compute_layout(g, ["a"]) == {"a": (0.0, 0.0)}
    g.add_edge("a", "b")
    assert set(compute_layout(g, ["a", "b"])) == {"a", "b"}


def test_nearest_distances_agree_with_brute_force():
    rng = random.Random(5)
    points = [(rng.uniform(0, 100), rng.uniform(0, 30)) for _ in range(300)]
    brute = [min(math.dist(p, q) for j, q in enumerate(points) if j != i) for i, p in enumerate(points)]
    assert [round(d, 9) for d in nearest_distances(points)] == [round(d, 9) for d in brute]


def test_communities_are_numbered_from_the_largest_and_repeatable():
    g = nx.MultiDiGraph()
    g.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d"), ("x", "y"), ("y", "z"), ("z", "x"), ("lone", "lone")])
    found = communities(g, list(g))
    assert found == communities(g, list(g))
    assert found["a"] == found["b"] == found["c"] and found["x"] == found["y"] == found["z"] != found["a"]
    assert "lone" not in found
