"""``graphbuild query``: run SPARQL over a graph file."""

from __future__ import annotations

import argparse

from .common import add_output_format_option, echo

HELP = "run a SPARQL 1.1 query (inline or a .rq file) over an RDF graph"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help=HELP, description=HELP.capitalize() + ". The prefixes tk:, id:, rdfs:, skos:, prov:, schema: are predeclared.")
    p.add_argument("graph", metavar="GRAPH", help="an RDF file graphbuild wrote (.ttl, .nt, .jsonld, .rdf)")
    p.add_argument("query", metavar="QUERY", help="a SPARQL query, or a .rq file holding one")
    add_output_format_option(p)
    p.set_defaults(run=run, command="query")


def run(args: argparse.Namespace) -> int:
    from ..query.sparql import format_result, load_rdf, read_query, run_query

    sparql = read_query(args.query)
    graph = load_rdf(args.graph)
    echo(format_result(run_query(graph, sparql), args.output_format))
    return 0
