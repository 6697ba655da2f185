"""Options and helpers shared by several commands, declared once."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..config import MODEL_PREFERENCE


def add_nlp_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="NAME_OR_PATH",
        help=f"spaCy pipeline to use (default: the first installed of {', '.join(MODEL_PREFERENCE)})",
    )
    parser.add_argument(
        "--kb",
        metavar="FILE",
        action="append",
        default=[],
        help="extra knowledge-base JSONL file (entities with aliases, types and Wikidata ids); repeatable",
    )


def add_output_format_option(parser: argparse.ArgumentParser) -> None:
    from ..query.sparql import OUTPUT_FORMATS

    parser.add_argument("--format", "-f", dest="output_format", choices=OUTPUT_FORMATS, default="table", help="result format (default: table)")


def setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s" if not verbose else "%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("graphbuild")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def echo(message: str = "") -> None:
    print(message, flush=True)


def display(path: Path) -> str:
    return str(path)
