"""One registry of every output format, RDF and property-graph alike.

``build --format`` and ``export --format`` look formats up here; a plugin adds
one with :func:`register` the same way the built-ins are added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from .graph.model import KnowledgeGraph


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str  # '' for formats written into a folder
    write: Callable[["KnowledgeGraph", Path], Path]
    description: str
    folder: bool = False


_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> None:
    _REGISTRY[exporter.name] = exporter


def _rdf_writer(name: str) -> Callable[["KnowledgeGraph", Path], Path]:
    def write(kg: "KnowledgeGraph", path: Path) -> Path:
        from .rdf.formats import write_graph

        return write_graph(kg, path, name)

    return write


def _lazy(module: str, function: str) -> Callable[["KnowledgeGraph", Path], Path]:
    def write(kg: "KnowledgeGraph", path: Path) -> Path:
        import importlib

        return getattr(importlib.import_module(module, __package__), function)(kg, path)

    return write


def _builtins() -> None:
    from .rdf.formats import FORMATS

    descriptions = {
        "turtle": "RDF Turtle",
        "ntriples": "RDF N-Triples (sorted lines)",
        "nquads": "RDF N-Quads, one named graph per source article",
        "trig": "RDF TriG, one named graph per source article",
        "jsonld": "JSON-LD compacted with the techkg context",
        "xml": "RDF/XML",
    }
    for name, fmt in FORMATS.items():
        register(Exporter(name, fmt.suffix, _rdf_writer(name), descriptions[name]))
    register(Exporter("graphml", ".graphml", _lazy(".graph.interchange", "write_graphml"), "GraphML (yEd, Gephi, networkx)"))
    register(Exporter("gexf", ".gexf", _lazy(".graph.interchange", "write_gexf"), "GEXF (Gephi)"))
    register(Exporter("neo4j-csv", "", _lazy(".graph.interchange", "write_neo4j_csv"), "nodes.csv and relationships.csv for neo4j-admin import", folder=True))


def exporters() -> dict[str, Exporter]:
    if not _REGISTRY:
        _builtins()
    return dict(_REGISTRY)


def get_exporter(name: str) -> Exporter:
    available = exporters()
    if name not in available:
        raise UsageError(f"Unknown format '{name}'. Available: {', '.join(available)}.")
    return available[name]
