"""``graphbuild query``: run SPARQL over a graph file, the embedded store or a SPARQL endpoint."""

from __future__ import annotations

import argparse

from ..errors import UsageError
from .common import add_output_format_option, echo

HELP = "run a SPARQL 1.1 query (inline or a .rq file) over an RDF file, an embedded store (--store) or a SPARQL endpoint (--endpoint)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help=HELP,
        description=HELP.capitalize() + ". The prefixes tk:, id:, rdfs:, skos:, prov:, schema: are predeclared.",
        usage="graphbuild query (GRAPH QUERY | --store PATH QUERY | --endpoint URL QUERY) [--format table|csv|json]",
    )
    p.add_argument("args", nargs="+", metavar="GRAPH QUERY", help="an RDF file graphbuild wrote and a SPARQL query (or a .rq file); only the query with --store or --endpoint")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--store", metavar="PATH", help="query the embedded store in this folder")
    target.add_argument("--endpoint", metavar="URL", help="query a SPARQL 1.1 query endpoint (e.g. http://127.0.0.1:7878/query for Oxigraph)")
    p.add_argument("--user", metavar="NAME", help="user for HTTP basic or digest authentication, as the server asks (password from GRAPHBUILD_STORE_PASSWORD or netrc)")
    p.add_argument("--timeout", type=float, default=None, help="stop a query that runs longer than this many seconds (default: no limit locally, 60 for --endpoint)")
    add_output_format_option(p)
    p.set_defaults(run=run, command="query")


def run(args: argparse.Namespace) -> int:
    from ..query.sparql import format_rows, initial_namespaces, load_rdf, read_query, rows as result_rows, run_limited, run_query, with_prefixes

    remote = args.store or args.endpoint
    expected = 1 if remote else 2
    if len(args.args) != expected:
        raise UsageError("give GRAPH and QUERY, or only QUERY with --store or --endpoint.")
    sparql = read_query(args.args[-1])
    if args.store:
        from ..store.embedded import EmbeddedStore

        store_path = args.store
        header, rows = run_limited(lambda: EmbeddedStore(store_path).query(sparql, prefixes=initial_namespaces()), args.timeout)
    elif args.endpoint:
        from ..store.remote import RemoteStore

        store = RemoteStore(args.endpoint, user=args.user, query_url=args.endpoint, timeout=args.timeout or 60.0, retries=2)
        header, rows = store.query(with_prefixes(sparql))
    else:
        graph = load_rdf(args.args[0])
        header, rows = run_limited(lambda: result_rows(run_query(graph, sparql)), args.timeout)
    echo(format_rows(header, rows, args.output_format))
    return 0
