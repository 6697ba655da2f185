"""``graphbuild export``: convert a graph graphbuild wrote into another format."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import echo

HELP = "convert a graph (an RDF file graphbuild wrote) to another RDF or property-graph format"


def register(sub: argparse._SubParsersAction) -> None:
    from ..exporters import exporters

    formats = exporters()
    lines = "; ".join(f"{name}: {e.description}" for name, e in formats.items())
    p = sub.add_parser("export", help=HELP, description=f"{HELP.capitalize()}. Formats: {lines}.")
    p.add_argument("graph", metavar="GRAPH", help="an RDF file graphbuild wrote (.ttl, .nt, .nq, .trig, .jsonld, .rdf)")
    p.add_argument("--format", "-f", dest="export_format", required=True, choices=list(formats), help="output format")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="output file (a folder for neo4j-csv)")
    p.set_defaults(run=run, command="export")


def run(args: argparse.Namespace) -> int:
    from ..exporters import get_exporter
    from ..query.sparql import load_rdf
    from ..rdf.mapping import from_rdf

    exporter = get_exporter(args.export_format)
    kg = from_rdf(load_rdf(args.graph))
    path = exporter.write(kg, Path(args.output))
    echo(f"Wrote {path} ({exporter.description}; {kg.graph.number_of_nodes()} entities, {kg.graph.number_of_edges()} facts).")
    return 0
