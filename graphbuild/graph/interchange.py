"""Property-graph exports for Gephi, yEd and Neo4j users: GraphML, GEXF, Neo4j CSV.

These formats take scalar attributes only, so lists become ``;``-joined
strings and the evidence of a fact is summarised (count, first sentence,
sources).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from ..io.writers import atomic_write
from ..relations.schema import fitting_subtype

if TYPE_CHECKING:  # pragma: no cover
    from .model import KnowledgeGraph

LIST_SEPARATOR = ";"


def flat_graph(kg: "KnowledgeGraph") -> nx.MultiDiGraph:
    """A copy of the graph with scalar attributes only (the original is never changed)."""
    flat = nx.MultiDiGraph()
    for key, data in sorted(kg.graph.nodes(data=True)):
        flat.add_node(
            key,
            label=data["label"],
            type=data["type"],
            subtype=fitting_subtype(data.get("subtype"), data["type"]) or "",
            aliases=LIST_SEPARATOR.join(data["aliases"]),
            qid=data.get("qid") or "",
            mentions=int(data["mentions"]),
            articles=len(data["articles"]),
        )
    for s, o, key, data in sorted(kg.graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        evidence = data["evidence"]
        flat.add_edge(
            s,
            o,
            key=f"{data['predicate']}|{data['status']}",
            label=data["predicate"],
            predicate=data["predicate"],
            status=data["status"],
            confidence=float(data["confidence"]),
            evidence_count=len(evidence),
            sentence=evidence[0]["sentence"] if evidence else "",
            documents=LIST_SEPARATOR.join(sorted({e["document"] for e in evidence})),
        )
    return flat


def _clean(text: str) -> str:
    """XML 1.0 cannot carry control characters; GraphML and GEXF are XML."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 32 else "\ufffd" for c in text)


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for _, data in graph.nodes(data=True):
        for k, v in data.items():
            if isinstance(v, str):
                data[k] = _clean(v)
    for _, _, data in graph.edges(data=True):
        for k, v in data.items():
            if isinstance(v, str):
                data[k] = _clean(v)
    return graph


def write_graphml(kg: "KnowledgeGraph", path: Path) -> Path:
    graph = _xml_safe(flat_graph(kg))
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(graph, handle, encoding="utf-8")
    return path


def write_gexf(kg: "KnowledgeGraph", path: Path) -> Path:
    graph = _xml_safe(flat_graph(kg))
    with atomic_write(path, "wb") as handle:
        nx.write_gexf(graph, handle, encoding="utf-8")
    return path


def write_neo4j_csv(kg: "KnowledgeGraph", folder: Path) -> Path:
    """``nodes.csv`` and ``relationships.csv`` in the shape ``neo4j-admin database import full`` reads.

    Import with::

        neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter=";" neo4j
    """
    folder.mkdir(parents=True, exist_ok=True)
    flat = flat_graph(kg)
    with atomic_write(folder / "nodes.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["entityId:ID", "name", "aliases:string[]", "wikidata", "mentions:int", "articles:int", ":LABEL"])
        for key, d in flat.nodes(data=True):
            labels = ";".join(["Entity", d["type"], *([d["subtype"]] if d["subtype"] else [])])
            writer.writerow([key, d["label"], d["aliases"], d["qid"], d["mentions"], d["articles"], labels])
    with atomic_write(folder / "relationships.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([":START_ID", ":END_ID", ":TYPE", "status", "confidence:float", "evidenceCount:int", "sentence", "documents:string[]"])
        for s, o, d in flat.edges(data=True):
            writer.writerow([s, o, _neo4j_type(d["predicate"]), d["status"], d["confidence"], d["evidence_count"], d["sentence"], d["documents"]])
    return folder


def _neo4j_type(predicate: str) -> str:
    """Neo4j's convention for relationship types: ``ceoOf`` -> ``CEO_OF``."""
    out = []
    for i, c in enumerate(predicate):
        if c.isupper() and i and not predicate[i - 1].isupper():
            out.append("_")
        out.append(c.upper())
    return "".join(out)
