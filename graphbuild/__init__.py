"""graphbuild: technology-industry news in, knowledge graph out.

The public API is small and imports nothing heavy until it is used::

    import graphbuild
    kg = graphbuild.build(["examples/articles/"])
    kg.serialize("graph.ttl")
    kg.to_html("graph.html")
    for row in kg.query("SELECT ?s WHERE { ?s a <https://w3id.org/graphbuild/techkg#Company> }"):
        print(row)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "build", "extract", "KnowledgeGraph", "GraphbuildError"]

if TYPE_CHECKING:  # pragma: no cover
    from .errors import GraphbuildError
    from .graph.model import KnowledgeGraph
    from .pipeline import build, extract


def __getattr__(name: str) -> Any:
    """Import the heavy parts (spaCy, rdflib) only when a user reaches for them."""
    if name in ("build", "extract"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "KnowledgeGraph":
        from .graph.model import KnowledgeGraph

        return KnowledgeGraph
    if name == "GraphbuildError":
        from .errors import GraphbuildError

        return GraphbuildError
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
