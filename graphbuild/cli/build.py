"""``graphbuild build``: articles in, graph out (RDF, HTML page, extractions)."""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from ..config import EXTRACTIONS_FILE, GRAPH_BASENAME, HTML_FILE
from ..errors import UsageError
from .common import add_nlp_options, echo

MANIFEST = "manifest.json"

HELP = "build a knowledge graph from articles: writes graph.ttl, graph.html and extractions.jsonl"


def register(sub: argparse._SubParsersAction) -> None:
    from ..exporters import exporters

    p = sub.add_parser("build", help=HELP, description=HELP.capitalize() + ".")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.md files, .jsonl archives or folders of them")
    p.add_argument("-o", "--output", metavar="DIR", default="out", help="output folder (default: out)")
    p.add_argument("--format", dest="graph_format", choices=list(exporters()), default="turtle", help="format of the graph file (default: turtle)")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--force", action="store_true", help="write into an output folder that holds other files")
    add_nlp_options(p)
    p.set_defaults(run=run, command="build")


def _check_output(folder: Path, force: bool) -> None:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: exists and is not a folder. Give -o a folder name.")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MANIFEST).exists() and not force:
        raise UsageError(f"{folder}: the folder holds files graphbuild did not write. Choose another -o folder or add --force.")


def run(args: argparse.Namespace) -> int:
    from ..graph.model import KnowledgeGraph
    from ..io.writers import atomic_write
    from ..pipeline import Extractor, extract
    from ..exporters import get_exporter

    folder = Path(args.output)
    _check_output(folder, args.force)
    exporter = get_exporter(args.graph_format)
    started = time.perf_counter()
    extractor = Extractor(args.model, args.kb)
    kg = KnowledgeGraph()
    count = 0
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_write(folder / EXTRACTIONS_FILE) as out:
        for record in extract(args.inputs, extractor=extractor, allow_text=False):
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            kg.add_record(record)
            count += 1
    if count == 0:
        raise UsageError("No documents were found in the inputs; nothing was built.")
    graph_path = folder / (f"{GRAPH_BASENAME}{exporter.suffix}" if not exporter.folder else f"{GRAPH_BASENAME}-{exporter.name}")
    written = [exporter.write(kg, graph_path)]
    if not args.no_html:
        kg.to_html(folder / HTML_FILE, title=_title(args.inputs))
        written.append(folder / HTML_FILE)
    written.append(folder / EXTRACTIONS_FILE)
    elapsed = time.perf_counter() - started
    stats = kg.stats()
    manifest = {
        "inputs": [str(i) for i in args.inputs],
        "model": extractor.model_name,
        "documents": sorted(kg.documents),
        "stats": stats,
    }
    with atomic_write(folder / MANIFEST) as out:
        out.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    _summary(stats, elapsed, extractor.model_name, written)
    return 0


def _title(inputs: list[str]) -> str:
    names = [Path(i).name or str(i) for i in inputs]
    return "graphbuild: " + ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _fmt_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in Counter(counts).most_common()) or "none"


def _summary(stats: dict, elapsed: float, model: str, written: list[Path]) -> None:
    echo(f"Built a graph from {stats['documents']} document(s) in {elapsed:.1f} s with {model}.")
    echo(f"  entities: {stats['entities']} ({_fmt_counts(stats['entities_by_type'])})")
    echo(f"  facts:    {stats['facts']} ({_fmt_counts(stats['facts_by_relation'])})")
    echo("  wrote:    " + ", ".join(str(p) for p in written))
