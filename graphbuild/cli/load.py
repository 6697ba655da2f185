"""``graphbuild load``: put a graph into the embedded store or any SPARQL 1.1 store."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import echo

HELP = "load an RDF file into the embedded store (--store) or a SPARQL 1.1 server (--endpoint, Graph Store Protocol)"


def register(sub: argparse._SubParsersAction) -> None:
    from ..store.remote import DEFAULT_BATCH_SIZE, DEFAULT_PARALLEL, PROTOCOLS

    p = sub.add_parser("load", help=HELP, description=HELP.capitalize() + ". See the README for the URL form of Oxigraph, Fuseki, GraphDB, Virtuoso and Blazegraph.")
    p.add_argument("graph_file", metavar="GRAPH", help="an RDF file (.ttl, .nt, .nq, .trig, .jsonld, .rdf)")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--store", metavar="PATH", help="the embedded store's folder (created if missing)")
    target.add_argument("--endpoint", metavar="URL", help="the store's Graph Store Protocol endpoint (e.g. http://127.0.0.1:7878/store), or its update endpoint with --protocol update")
    p.add_argument("--graph", metavar="IRI", help="load into this named graph (default: the default graph)")
    p.add_argument("--replace", action="store_true", help="empty the target graph first (default: append)")
    p.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help=f"triples per request (default: {DEFAULT_BATCH_SIZE})")
    p.add_argument("--parallel", type=int, default=DEFAULT_PARALLEL, metavar="N", help=f"batches in flight at once (default: {DEFAULT_PARALLEL}; 1 sends them one after another)")
    p.add_argument("--protocol", choices=PROTOCOLS, default="gsp", help="gsp: SPARQL 1.1 Graph Store Protocol (default); update: SPARQL 1.1 Update INSERT DATA")
    p.add_argument("--query-endpoint", metavar="URL", help="SPARQL query endpoint used to verify the count (default: derived from --endpoint)")
    p.add_argument("--user", metavar="NAME", help="user for HTTP basic or digest authentication, as the server asks (password from GRAPHBUILD_STORE_PASSWORD or netrc; or a bearer token in GRAPHBUILD_STORE_TOKEN)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per request (default: 60)")
    transaction = p.add_mutually_exclusive_group()
    transaction.add_argument(
        "--no-transaction", dest="no_transaction", action="store_const", const=True, default=None,
        help="Oxigraph server: load each batch without a transaction (about twice as fast; a failed batch may be partly written, which a re-run completes). The default when the server says it is Oxigraph",
    )
    transaction.add_argument("--transaction", dest="no_transaction", action="store_const", const=False, help="always use plain transactional POSTs")
    p.add_argument("--retries", type=int, default=5, help="retries on connection errors and 5xx, with exponential backoff (default: 5)")
    p.set_defaults(run=run, command="load")


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError

    if args.batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {args.batch_size}.")
    if args.parallel < 1:
        raise UsageError(f"--parallel must be at least 1, got {args.parallel}.")
    path = Path(args.graph_file)
    target = f"graph <{args.graph}>" if args.graph else "the default graph"
    if args.store:
        from ..store.embedded import EmbeddedStore

        result = EmbeddedStore(args.store).load_file(path, graph=args.graph, replace=args.replace)
        echo(f"Loaded {path} into the store {args.store} ({target}) in {result.seconds:.1f} s: it now holds {result.target_count} triples.")
        return 0
    from ..store.remote import RemoteStore

    store = RemoteStore(args.endpoint, user=args.user, query_url=args.query_endpoint, protocol=args.protocol, timeout=args.timeout, retries=args.retries, no_transaction=args.no_transaction,
                        parallel=args.parallel)
    result = store.load(path, graph=args.graph, replace=args.replace, batch_size=args.batch_size)
    echo(
        f"Loaded {path} into {target} at {args.endpoint}: {result.triples_sent} triples sent in {result.batches} batch(es), {result.seconds:.1f} s; "
        f"the graph now holds {result.target_count} triples."
    )
    return 0
