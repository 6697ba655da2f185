"""Run SPARQL 1.1 queries with rdflib and format the results.

Queries see the techkg prefixes (``tk:``, ``id:``, ``rdfs:``, ...) without
declaring them, so ``SELECT ?p WHERE { ?p tk:ceoOf id:xiaomi }`` just works.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from ..errors import InputError, QueryError
from ..rdf.formats import guess_format, parse
from ..rdf.mapping import PREFIXES

OUTPUT_FORMATS = ("table", "csv", "json")
_STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def initial_namespaces() -> dict[str, str]:
    return {**_STANDARD_PREFIXES, **{k: str(v) for k, v in PREFIXES.items()}}


def read_query(text_or_path: str) -> str:
    """A query given inline, or the text of a ``.rq``/``.sparql`` file."""
    path = Path(text_or_path)
    if len(text_or_path) < 1024 and "\n" not in text_or_path and path.suffix.lower() in (".rq", ".sparql", ".txt"):
        if not path.is_file():
            raise InputError(f"{path}: no such query file.")
        return path.read_text(encoding="utf-8")
    return text_or_path


def load_rdf(path: str | Path) -> Graph:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such RDF file. Build one with 'graphbuild build ARTICLES -o OUT/'.")
    fmt = guess_format(path)
    try:
        return parse(path, fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(f"{path}: not valid {fmt.name} ({exc}).") from None


def run_query(graph: Graph, sparql: str) -> Result:
    from pyparsing import ParseException

    try:
        return graph.query(sparql, initNs=initial_namespaces())
    except ParseException as exc:
        raise QueryError(f"Invalid SPARQL at line {exc.lineno}, column {exc.col}: {exc.msg}. Near: {exc.line.strip()!r}") from None
    except Exception as exc:
        if type(exc).__module__.startswith("rdflib") or isinstance(exc, (ValueError, TypeError)):
            raise QueryError(f"The query could not run: {exc}") from None
        raise


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Literal):
        return str(value)
    return str(value)


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Header and rows of any result kind (SELECT, ASK, CONSTRUCT/DESCRIBE)."""
    if result.type == "ASK":
        return ["ask"], [["true" if result.askAnswer else "false"]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], sorted([_cell(t) for t in triple] for triple in result.graph)  # type: ignore[union-attr]
    header = [str(v) for v in (result.vars or [])]
    return header, [[_cell(row[v]) for v in range(len(header))] for row in result]


def with_prefixes(sparql: str) -> str:
    """The query with graphbuild's prefixes declared first, for stores that do not predeclare them.

    A prefix the query declares itself overrides ours.
    """
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in initial_namespaces().items())
    return declared + sparql


def format_result(result: Result, output: str = "table") -> str:
    header, body = rows(result)
    return format_rows(header, body, output)


def format_rows(header: list[str], body: list[list[str]], output: str = "table") -> str:
    """A result as an aligned table (IRIs shortened with our prefixes), CSV or JSON."""
    if output not in OUTPUT_FORMATS:
        raise QueryError(f"Unknown output format '{output}'. Available: {', '.join(OUTPUT_FORMATS)}.")
    if output == "json":
        return json.dumps([dict(zip(header, r)) for r in body], ensure_ascii=False, indent=2)
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
        return buffer.getvalue().rstrip("\n")
    short = {str(ns): f"{p}:" for p, ns in PREFIXES.items()}
    shown = [[_shorten(c, short) for c in r] for r in body]
    widths = [max([len(h)] + [len(r[i]) for r in shown]) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in shown]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines)


def _shorten(value: str, short: dict[str, str]) -> str:
    for ns, prefix in short.items():
        if value.startswith(ns) and len(value) > len(ns):
            return prefix + value[len(ns):]
    return value


def run_limited(task, timeout: float | None):
    """``task()`` in a forked child process, stopped after ``timeout`` seconds.

    rdflib's query engine cannot be interrupted from inside, so a runaway query
    (a cross product over a big graph) runs where it can be killed.  Returns
    what ``task`` returns (it must be picklable); errors come back as raised.
    """
    if not timeout:
        return task()
    import multiprocessing

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)

    def target() -> None:
        try:
            child.send(("ok", task()))
        except BaseException as exc:  # sent back and re-raised in the parent
            child.send(("error", exc))

    process = context.Process(target=target, daemon=True)
    process.start()
    if not parent.poll(timeout):
        process.kill()
        process.join()
        raise QueryError(f"The query ran longer than {timeout:g} s and was stopped. Simplify it, add LIMIT, or raise --timeout.")
    kind, value = parent.recv()
    process.join()
    if kind == "error":
        raise value
    return value
