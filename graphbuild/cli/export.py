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
    p.add_argument("graph", metavar="GRAPH", nargs="?", help="an RDF file graphbuild wrote (.ttl, .nt, .nq, .trig, .jsonld, .rdf), or use --store")
    p.add_argument("--store", metavar="PATH", help="export what the embedded store in this folder holds")
    p.add_argument("--format", "-f", dest="export_format", required=True, choices=list(formats), help="output format")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="output file (a folder for neo4j-csv)")
    p.set_defaults(run=run, command="export")


def run(args: argparse.Namespace) -> int:
    from ..exporters import get_exporter
    from ..query.sparql import load_rdf
    from ..rdf.mapping import from_rdf

    from ..errors import UsageError

    exporter = get_exporter(args.export_format)
    if (args.graph is None) == (args.store is None):
        raise UsageError("give either GRAPH (an RDF file) or --store PATH.")
    if args.store:
        from ..store.embedded import EmbeddedStore

        kg = from_rdf(EmbeddedStore(args.store).to_rdflib())
    else:
        kg = from_rdf(load_rdf(args.graph))
    path = exporter.write(kg, Path(args.output))
    echo(f"Wrote {path} ({exporter.description}; {kg.graph.number_of_nodes()} entities, {kg.graph.number_of_edges()} facts).")
    return 0
