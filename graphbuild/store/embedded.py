"""The embedded store: a real SPARQL database on disk, in-process (pyoxigraph), no server.

It persists across runs and processes; one process may write at a time.
"""

from __future__ import annotations

import time
from pathlib import Path

from .common import LoadResult, StoreError, checked_iri, oxigraph_format, stream_triples, term_text


class EmbeddedStore:
    def __init__(self, path: str | Path):
        import pyoxigraph

        self.path = Path(path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = pyoxigraph.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}). Is another graphbuild or oxigraph process using it?") from None

    def _graph(self, graph: str | None):
        import pyoxigraph

        graph = checked_iri(graph)
        return pyoxigraph.NamedNode(graph) if graph else pyoxigraph.DefaultGraph()

    def load_file(self, path: str | Path, graph: str | None = None, replace: bool = False) -> LoadResult:
        """Bulk-load an RDF file (streamed, not held in memory) into the default or a named graph."""
        import pyoxigraph

        started = time.perf_counter()
        path = Path(path)
        target = self._graph(graph)
        if replace:
            self._clear(target)
        fmt = oxigraph_format(path)
        try:
            if fmt.supports_datasets and graph:
                # A quad file loaded into one named graph: its graphs are merged there.
                self.store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, target) for t in stream_triples(path))
            else:
                # Triples go to the target graph; quads keep their own graphs (one per article).
                self.store.bulk_load(path=str(path), format=fmt, to_graph=target if not fmt.supports_datasets else None)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: could not be loaded ({exc}).") from None
        self.store.flush()
        return LoadResult(target_count=self.count(graph), seconds=time.perf_counter() - started)

    def load_bytes(self, data: bytes, graph: str | None = None, replace: bool = False) -> LoadResult:
        import pyoxigraph

        started = time.perf_counter()
        target = self._graph(graph)
        if replace:
            self._clear(target)
        self.store.bulk_load(input=data, format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=target)
        self.store.flush()
        return LoadResult(target_count=self.count(graph), seconds=time.perf_counter() - started)

    def _clear(self, target) -> None:
        self.store.clear_graph(target)

    def count(self, graph: str | None = None) -> int:
        """Triples in the default or a named graph, counted by the database itself."""
        graph = checked_iri(graph)
        pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        (solution,) = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        return int(solution["n"].value)

    def query(self, sparql: str, prefixes: dict[str, str] | None = None):
        """(header, rows) for SELECT, ``bool`` for ASK, triples as rows for CONSTRUCT/DESCRIBE."""
        import pyoxigraph

        try:
            result = self.store.query(sparql, prefixes=prefixes)
        except SyntaxError as exc:
            from ..errors import QueryError

            raise QueryError(_syntax_message(str(exc))) from None
        if isinstance(result, pyoxigraph.QueryBoolean):
            return ["ask"], [["true" if bool(result) else "false"]]
        if isinstance(result, pyoxigraph.QuerySolutions):
            header = [v.value for v in result.variables]
            return header, [[term_text(row[v]) for v in header] for row in result]
        return ["subject", "predicate", "object"], sorted([term_text(t.subject), term_text(t.predicate), term_text(t.object)] for t in result)

    def to_rdflib(self):
        """The store's default graph as an rdflib Graph (to render or export what a store holds)."""
        import pyoxigraph
        from rdflib import Graph

        data = self.store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
        return Graph().parse(data=data, format="nt")

    def close(self) -> None:
        self.store.flush()
        del self.store


def _syntax_message(text: str) -> str:
    """pyoxigraph's parse error as one line: where, and the start of what was expected."""
    import re

    match = re.match(r"error at (\d+):(\d+): (.*)", text, re.S)
    if not match:
        return f"Invalid SPARQL: {text.splitlines()[0][:200]}"
    line, column, rest = match.groups()
    rest = " ".join(rest.split())
    return f"Invalid SPARQL at line {line}, column {column}: {rest[:120]}{'...' if len(rest) > 120 else ''}"
