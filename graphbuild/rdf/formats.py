"""The RDF formats graphbuild writes, in one registry.

Turtle and N-Triples are written deterministically: the same input gives
byte-identical files (N-Triples lines are sorted; Turtle subjects are sorted by
rdflib's serializer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import ontology_dir
from ..errors import UsageError
from ..io.writers import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Dataset, Graph

    from ..graph.model import KnowledgeGraph


@dataclass(frozen=True)
class RdfFormat:
    name: str
    rdflib_name: str
    suffix: str
    media_type: str
    quads: bool = False


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "turtle", ".ttl", "text/turtle"),
        RdfFormat("ntriples", "nt", ".nt", "application/n-triples"),
        RdfFormat("nquads", "nquads", ".nq", "application/n-quads", quads=True),
        RdfFormat("trig", "trig", ".trig", "application/trig", quads=True),
        RdfFormat("jsonld", "json-ld", ".jsonld", "application/ld+json"),
        RdfFormat("xml", "xml", ".rdf", "application/rdf+xml"),
    )
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "nq": "nquads", "n-quads": "nquads", "json-ld": "jsonld", "rdfxml": "xml", "rdf": "xml"}


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
    extra = {".n3": "turtle", ".owl": "xml", ".json": "jsonld", ".xml": "xml", ".nquads": "nquads"}
    if suffix in extra:
        return FORMATS[extra[suffix]]
    raise UsageError(f"{path}: cannot tell the RDF format from the suffix '{suffix}'. Use one of: {', '.join(f.suffix for f in FORMATS.values())}.")


@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """The techkg JSON-LD context (``ontologies/techkg.context.jsonld``): JSON-LD output reads as plain JSON."""
    return json.loads((ontology_dir() / "techkg.context.jsonld").read_text(encoding="utf-8"))["@context"]


def serialize(graph: "Graph | Dataset", fmt: RdfFormat) -> str:
    """Text of ``graph`` in ``fmt``; N-Triples and N-Quads lines are sorted so output is deterministic."""
    if fmt.name in ("ntriples", "nquads"):
        text = graph.serialize(format=fmt.rdflib_name)
        # Statements end at '\n' only: str.splitlines would also cut at U+0085 or U+2028 inside a literal.
        return "".join(sorted({f"{line}\n" for line in text.split("\n") if line}))
    if fmt.name == "jsonld":
        return graph.serialize(format="json-ld", context=jsonld_context(), indent=2, sort_keys=True, auto_compact=True)
    return graph.serialize(format=fmt.rdflib_name)


def parse(path: Path, fmt: RdfFormat | None = None) -> "Graph":
    """Read an RDF file of any supported format into one graph (quads are merged)."""
    from rdflib import Dataset, Graph

    fmt = fmt or guess_format(path)
    if fmt.quads:
        dataset = Dataset()
        dataset.parse(path, format=fmt.rdflib_name)
        merged = Graph()
        for prefix, ns in dataset.namespaces():
            merged.bind(prefix, ns, override=True)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    graph = Graph()
    graph.parse(path, format=fmt.rdflib_name)
    return graph


def write_text(text: str, path: Path) -> Path:
    with atomic_write(path) as handle:
        handle.write(text)
    return path


def write_graph(kg: "KnowledgeGraph", path: Path, format: str = "turtle") -> Path:
    """Write ``kg`` as RDF; quad formats get one named graph per source article."""
    from .mapping import to_dataset

    fmt = get_format(format)
    data = to_dataset(kg) if fmt.quads else kg.to_rdf()
    return write_text(serialize(data, fmt), path)
