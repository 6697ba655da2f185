"""Small pure functions over the knowledge graph's networkx graph."""

from __future__ import annotations

import networkx as nx


def top_connected(graph: nx.MultiDiGraph, limit: int) -> list[str]:
    """The ``limit`` best-connected nodes: highest degree, then most mentions, then key.

    Parameters
    ----------
    graph : the knowledge graph's MultiDiGraph
    limit : how many nodes to keep (>= 0)

    Returns
    -------
    Node keys in a stable order.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("d", "e")])
    >>> top_connected(g, 2)
    ['a', 'b']
    """
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), -graph.nodes[n].get("mentions", 0), str(n)))
    return ranked[: max(0, limit)]


def ego_network(graph: nx.MultiDiGraph, center: str, depth: int = 1) -> list[str]:
    """The nodes within ``depth`` hops of ``center``, following edges either way.

    >>> g = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> ego_network(g, "a", 2)
    ['a', 'b', 'c']
    """
    undirected = graph.to_undirected(as_view=True)
    lengths = nx.single_source_shortest_path_length(undirected, center, cutoff=depth)
    return sorted(lengths, key=lambda n: (lengths[n], str(n)))
