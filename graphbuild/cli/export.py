"""``graphbuild export``: convert a graph graphbuild wrote into another format."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_graph_source, echo, read_graph_source

HELP = "convert a graph (an RDF file graphbuild wrote) to another RDF or property-graph format"


def register(sub: argparse._SubParsersAction) -> None:
    from ..exporters import exporters

    formats = exporters()
    lines = "; ".join(f"{name}: {e.description}" for name, e in formats.items())
    p = sub.add_parser("export", help=HELP, description=f"{HELP.capitalize()}. Formats: {lines}.")
    add_graph_source(p, "export")
    p.add_argument("--format", "-f", dest="export_format", required=True, choices=list(formats), help="output format")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="output file (a folder for neo4j-csv)")
    p.set_defaults(run=run, command="export")


def run(args: argparse.Namespace) -> int:
    from ..exporters import get_exporter

    exporter = get_exporter(args.export_format)
    kg = read_graph_source(args)
    path = exporter.write(kg, Path(args.output))
    echo(f"Wrote {path} ({exporter.description}; {kg.graph.number_of_nodes()} entities, {kg.graph.number_of_edges()} facts).")
    return 0
