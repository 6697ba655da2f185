"""The RDF formats graphbuild writes, in one registry.

Turtle and N-Triples are written deterministically: the same input gives
byte-identical files (N-Triples lines are sorted; Turtle subjects are sorted by
rdflib's serializer).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..io.writers import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

    from ..graph.model import KnowledgeGraph


@dataclass(frozen=True)
class RdfFormat:
    name: str
    rdflib_name: str
    suffix: str
    media_type: str


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "turtle", ".ttl", "text/turtle"),
        RdfFormat("ntriples", "nt", ".nt", "application/n-triples"),
        RdfFormat("jsonld", "json-ld", ".jsonld", "application/ld+json"),
        RdfFormat("xml", "xml", ".rdf", "application/rdf+xml"),
    )
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld", "rdfxml": "xml", "rdf": "xml"}


def get_format(name: str) -> RdfFormat:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise UsageError(f"Unknown RDF format '{name}'. Available: {', '.join(FORMATS)}.")
    return FORMATS[key]


def guess_format(path: Path) -> RdfFormat:
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if fmt.suffix == suffix:
            return fmt
    extra = {".n3": "turtle", ".owl": "xml", ".json": "jsonld", ".xml": "xml"}
    if suffix in extra:
        return FORMATS[extra[suffix]]
    raise UsageError(f"{path}: cannot tell the RDF format from the suffix '{suffix}'. Use one of: {', '.join(f.suffix for f in FORMATS.values())}.")


def serialize(graph: "Graph", fmt: RdfFormat) -> str:
    if fmt.name == "ntriples":
        text = graph.serialize(format="nt")
        return "".join(sorted(set(text.splitlines(keepends=True))))
    if fmt.name == "jsonld":
        return graph.serialize(format="json-ld", indent=2, sort_keys=True)
    return graph.serialize(format=fmt.rdflib_name)


def write_rdf(graph: "Graph", path: Path, format: str) -> Path:
    fmt = get_format(format)
    text = serialize(graph, fmt)
    with atomic_write(path) as handle:
        handle.write(text)
    return path


def write_graph(kg: "KnowledgeGraph", path: Path, format: str = "turtle") -> Path:
    return write_rdf(kg.to_rdf(), path, format)
