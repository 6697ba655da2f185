"""Entry point of the ``graphbuild`` command: parse, dispatch, turn errors into one line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from . import build, evaluate, export, extract, html, load, query
from .common import setup_logging

COMMANDS = (build, extract, query, html, export, evaluate, load)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="graphbuild",
        description="Turn technology-industry news into a knowledge graph you can explore, query and load.",
        epilog="Run 'graphbuild COMMAND -h' for a command's options.",
    )
    p.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    _add_verbosity(p, default=False)
    sub = p.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.register(sub)
    for command_parser in sub.choices.values():
        # 'graphbuild extract --quiet' as well as 'graphbuild --quiet extract': given after the
        # command, the option overrides; not given there, the one before the command stands.
        _add_verbosity(command_parser, default=argparse.SUPPRESS)
    return p


def _add_verbosity(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", default=default, help="print only errors and results")
    parser.add_argument("-v", "--verbose", action="store_true", default=default, help="print debugging details")


def main(argv: Sequence[str] | None = None) -> int:
    from ..errors import GraphbuildError, UsageError

    p = parser()
    args = p.parse_args(argv)
    if not hasattr(args, "run"):
        p.print_help(sys.stderr)
        return 2
    setup_logging(args.quiet, args.verbose)
    try:
        return int(args.run(args) or 0)
    except GraphbuildError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        if isinstance(exc, UsageError):
            print(f"Run 'graphbuild {args.command} -h' for usage.", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Interrupted; outputs written so far are complete, the rest was not written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
