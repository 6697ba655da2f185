"""``graphbuild extract``: articles in, one JSON line of entities and relations per document."""

from __future__ import annotations

import argparse
import json
import sys

from .common import InputFailures, add_language_option, add_nlp_options, add_on_error_option, add_run_options, make_progress, scheduler_of, english_filter

HELP = "extract entities and relations into JSON lines (one per document)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help=HELP, description=HELP.capitalize() + ".")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.md files, .jsonl archives or folders of them")
    p.add_argument("-o", "--output", metavar="FILE", default="-", help="output JSONL file (default: standard output)")
    add_nlp_options(p)
    add_on_error_option(p)
    add_language_option(p)
    add_run_options(p)
    p.set_defaults(run=run, command="extract")


def run(args: argparse.Namespace) -> int:
    from ..io.writers import atomic_write
    from ..pipeline import Extractor, extract

    failures = InputFailures(args.on_error)
    progress = make_progress(args, args.inputs)
    records = extract(
        args.inputs, extractor=Extractor(args.model, args.kb, relation_model=args.relation_model), allow_text=False, on_error=failures, skip=english_filter(args.non_english), workers=args.workers, progress=progress, scheduler=scheduler_of(args)
    )
    if args.output == "-":
        for record in records:
            sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        with atomic_write(args.output) as out:
            for record in records:
                out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    progress.close()
    return failures.finish()
