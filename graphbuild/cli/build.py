"""``graphbuild build``: articles in, graph out (RDF, HTML page, extractions)."""

from __future__ import annotations

import argparse
import contextlib
import json
import time
from collections import Counter
from pathlib import Path

from ..config import DEFAULT_RDF_FORMAT, EXTRACTIONS_FILE, GRAPH_BASENAME, HTML_FILE
from ..errors import InputError, UsageError
from ..io.readers import content_hash
from ..io.extractions import PreviousExtractions
from .common import InputFailures, add_language_option, add_nlp_options, add_on_error_option, add_run_options, make_progress, scheduler_of, echo, english_filter

MANIFEST = "manifest.json"
DEFAULT_OUTPUT = "out"

HELP = "build a knowledge graph from articles: writes graph.ttl, graph.html and extractions.jsonl"


def register(sub: argparse._SubParsersAction) -> None:
    from ..exporters import exporters

    p = sub.add_parser("build", help=HELP, description=HELP.capitalize() + ".")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.md files, .jsonl archives or folders of them")
    p.add_argument("-o", "--output", metavar="DIR", help=f"output folder (default: {DEFAULT_OUTPUT}; none with --into)")
    p.add_argument("--format", dest="graph_format", choices=list(exporters()), default=DEFAULT_RDF_FORMAT, help=f"format of the graph file (default: {DEFAULT_RDF_FORMAT})")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--force", action="store_true", help="re-extract documents the output folder already holds, and write into a folder that holds other files")
    p.add_argument(
        "--into",
        metavar="GRAPH",
        help="add to an existing graph file or embedded store folder (created if missing) and write it back: known entities keep "
        "their node and IRI, documents already in it (same id or same text) are skipped, evidence accumulates",
    )
    p.add_argument("--store", metavar="PATH", help="also write the graph straight into the embedded store in this folder")
    add_nlp_options(p)
    add_on_error_option(p)
    add_language_option(p)
    add_run_options(p)
    p.set_defaults(run=run, command="build")


def _check_output(folder: Path, force: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder. Give -o a folder name.")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MANIFEST).exists() and not force:
        raise UsageError(f"{folder}: the folder holds files graphbuild did not write. Choose another -o folder or add --force.")


def _settings(extractor, args: argparse.Namespace) -> dict:
    """What decides a document's extraction besides its text: a re-run with other settings extracts again."""
    from .. import __version__

    def fingerprint(path) -> str:
        return f"{path} {content_hash(Path(path).read_text(encoding='utf-8', errors='replace'))}"

    return {
        "graphbuild": __version__,
        "model": extractor.model_name,
        "kb": [fingerprint(p) for p in args.kb],
        "relation_model": fingerprint(args.relation_model) if args.relation_model else None,
    }


def _previous_records(folder: Path | None, force: bool, settings: dict) -> PreviousExtractions:
    """What an earlier build wrote into ``folder`` with the same settings (nothing with --force, or if it was not ours)."""
    path = folder / EXTRACTIONS_FILE if folder is not None else None
    if force or path is None or not (folder / MANIFEST).exists() or not path.exists():
        return PreviousExtractions()
    try:
        earlier = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("settings")
    except (OSError, ValueError, AttributeError):
        earlier = None
    if earlier != settings:
        echo(f"{folder} was built with other settings (model, knowledge base, relation model or version): extracting every document again.")
        return PreviousExtractions()
    return PreviousExtractions(path)


def _existing(path: str | None):
    """The graph to add to and the exporter that writes it back (a new graph and None without --into)."""
    from ..exporters import get_exporter
    from ..graph.model import KnowledgeGraph
    from ..query.sparql import load_rdf
    from ..rdf.formats import guess_format
    from ..rdf.mapping import from_rdf

    if path is None:
        return KnowledgeGraph(), None
    target = Path(path)
    if target.is_dir() or (not target.exists() and not target.suffix):
        # An embedded store: read its graph, and replace its default graph with the merged one.
        from ..store.embedded import EmbeddedStore

        existed = target.is_dir() and any(target.iterdir())
        return (from_rdf(EmbeddedStore(target).to_rdflib()) if existed else KnowledgeGraph()), _StoreWriter()
    writer = get_exporter(guess_format(target).name)
    return (from_rdf(load_rdf(target)) if target.exists() else KnowledgeGraph()), writer


class _StoreWriter:
    """Writes a merged graph back into the embedded store --into names."""

    def write(self, kg, path: Path) -> Path:
        from ..rdf.formats import FORMATS, serialize
        from ..store.embedded import EmbeddedStore

        EmbeddedStore(path).load_bytes(serialize(kg.to_rdf(), FORMATS["ntriples"]).encode("utf-8"), replace=True)
        return path


def run(args: argparse.Namespace) -> int:
    from ..exporters import get_exporter
    from ..io.writers import atomic_write
    from ..pipeline import Extractor, already_in, extract

    folder = Path(args.output) if args.output else (None if args.into else Path(DEFAULT_OUTPUT))
    if folder is not None:
        _check_output(folder, args.force)
    exporter = get_exporter(args.graph_format)
    started = time.perf_counter()
    kg, into_writer = _existing(args.into)
    known_before = set(kg.graph.nodes)
    extractor = Extractor(args.model, args.kb, relation_model=args.relation_model)
    added = 0
    failures = InputFailures(args.on_error)
    settings = _settings(extractor, args)
    previous = _previous_records(folder, args.force, settings)
    reused: list[int] = []

    def skip(doc, text: str) -> bool:
        if already_in(kg, doc, text):
            return True
        offset = previous.offset_of(doc.id, content_hash(text))
        if offset is not None:
            reused.append(offset)  # processed by an earlier run: reuse, do not extract again
            return True
        return foreign is not None and foreign(doc, text)

    foreign = english_filter(args.non_english)
    progress = make_progress(args, args.inputs)
    with contextlib.ExitStack() as stack:
        stack.callback(progress.close)
        out = stack.enter_context(atomic_write(folder / EXTRACTIONS_FILE)) if folder is not None else None
        records = extract(args.inputs, extractor=extractor, allow_text=False, skip=skip, on_error=failures, workers=args.workers, progress=progress, scheduler=scheduler_of(args))
        for record in records:
            if out is not None:
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            kg.add_record(record)
            added += 1
        for line, record in previous.read(reused):
            if out is not None:
                out.write(line + "\n")
            kg.add_record(record)
    if reused:
        echo(f"Reused {len(reused)} document(s) already extracted in {folder} (--force extracts them again).")
    if added + len(reused) == 0 and into_writer is None:
        if failures.errors:
            raise InputError("no input could be read, so nothing was built: " + "; ".join(failures.errors))
        raise UsageError("No documents were found in the inputs; nothing was built.")
    written = []
    if into_writer is not None:
        written.append(into_writer.write(kg, Path(args.into)))
    if folder is not None:
        graph_path = folder / (f"{GRAPH_BASENAME}{exporter.suffix}" if not exporter.folder else f"{GRAPH_BASENAME}-{exporter.name}")
        written.append(exporter.write(kg, graph_path))
        if not args.no_html:
            written.append(kg.to_html(folder / HTML_FILE, title=_title(args.inputs)))
        written.append(folder / EXTRACTIONS_FILE)
        manifest = {"inputs": [str(i) for i in args.inputs], "model": extractor.model_name, "settings": settings, "documents": sorted(kg.documents), "stats": kg.stats()}
        with atomic_write(folder / MANIFEST) as handle:
            handle.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    if args.store:
        from ..rdf.formats import FORMATS, serialize
        from ..store.embedded import EmbeddedStore

        stored = EmbeddedStore(args.store).load_bytes(serialize(kg.to_rdf(), FORMATS["ntriples"]).encode("utf-8"))
        written.append(Path(f"{args.store} (store: {stored.target_count} triples)"))
    _summary(kg.stats(), time.perf_counter() - started, extractor.model_name, written)
    if into_writer is not None:
        echo(f"  added:    {added} new document(s) and {len(set(kg.graph.nodes) - known_before)} new entities; documents already in the graph were skipped")
    return failures.finish()


def _title(inputs: list[str]) -> str:
    names = [Path(i).name or str(i) for i in inputs]
    return "graphbuild: " + ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _fmt_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in Counter(counts).most_common()) or "none"


def _summary(stats: dict, elapsed: float, model: str, written: list[Path]) -> None:
    echo(f"Built a graph from {stats['documents']} document(s) in {elapsed:.1f} s with {model}.")
    echo(f"  entities: {stats['entities']} ({_fmt_counts(stats['entities_by_type'])})")
    echo(f"  facts:    {stats['facts']} ({_fmt_counts(stats['facts_by_relation'])})")
    if stats.get("facts_set_aside"):
        echo(f"  set aside: {stats['facts_set_aside']} fact(s) whose entities' types, settled over all articles, do not fit the relation")
    echo("  wrote:    " + ", ".join(str(p) for p in written))
