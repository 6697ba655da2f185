"""What both kinds of store share: reading RDF files as a stream of triples, result rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import GraphbuildError, InputError


class StoreError(GraphbuildError):
    """A store could not be opened, written or queried."""


@dataclass
class LoadResult:
    triples_sent: int = 0
    batches: int = 0
    target_count: int | None = None  # triples in the target graph after loading, when verified
    seconds: float = 0.0


def oxigraph_format(path: Path):
    """The pyoxigraph format of an RDF file, from its suffix."""
    import pyoxigraph

    from ..rdf.formats import guess_format

    fmt = guess_format(path)
    return {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
        "xml": pyoxigraph.RdfFormat.RDF_XML,
    }[fmt.name]


def stream_triples(path: Path) -> Iterator:
    """The triples of an RDF file, parsed as a stream (named graphs of quad files are merged)."""
    import pyoxigraph

    if not path.is_file():
        raise InputError(f"{path}: no such RDF file.")
    try:
        for quad in pyoxigraph.parse(path=str(path), format=oxigraph_format(path)):
            yield pyoxigraph.Triple(quad.subject, quad.predicate, quad.object)
    except SyntaxError as exc:
        raise InputError(f"{path}: not valid RDF ({exc}).") from None


def term_text(term) -> str:
    """A result cell: the IRI or the literal's lexical form."""
    if term is None:
        return ""
    return str(getattr(term, "value", term))


_IRI = __import__("re").compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")


def checked_iri(value: str | None) -> str | None:
    """A graph IRI the user gave, refused unless it is a well-formed absolute IRI.

    graphbuild writes it into SPARQL text (``GRAPH <...>``), so characters that
    could end the IRI there are never let through.
    """
    from ..errors import UsageError

    if value is None:
        return None
    if not _IRI.match(value):
        raise UsageError(f"'{value}' is not an absolute IRI (like https://example.org/graphs/news); spaces and <>\"{{}}|^`\\ are not allowed.")
    return value
