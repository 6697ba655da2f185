"""``graphbuild html``: render a graph file as an interactive page."""

from __future__ import annotations

import argparse

from .common import add_graph_source, echo, read_graph_source

HELP = "render a graph (an RDF file graphbuild wrote) as a self-contained interactive HTML page"


def register(sub: argparse._SubParsersAction) -> None:
    from ..html.render import DEFAULT_MAX_NODES

    p = sub.add_parser("html", help=HELP, description=HELP.capitalize() + ".")
    add_graph_source(p, "render")
    p.add_argument("-o", "--output", metavar="FILE", default="graph.html", help="page to write (default: graph.html)")
    p.add_argument("--focus", metavar="NAME", help="show only the neighbourhood of this entity")
    p.add_argument("--depth", type=int, default=1, help="hops around --focus (default: 1)")
    p.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES, help=f"draw at most this many entities, the best connected (default: {DEFAULT_MAX_NODES})")
    p.add_argument("--title", help="page title")
    p.set_defaults(run=run, command="html")


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError

    if args.depth < 0:
        raise UsageError(f"--depth must be 0 or more, got {args.depth}.")
    kg = read_graph_source(args)
    path = kg.to_html(args.output, max_nodes=args.max_nodes, focus=args.focus, depth=args.depth, title=args.title)
    echo(f"Wrote {path} ({kg.graph.number_of_nodes()} entities, {kg.graph.number_of_edges()} facts).")
    return 0
