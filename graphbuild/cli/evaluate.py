"""``graphbuild evaluate``: score extraction against annotated text."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..evaluate.run import MATCH_RULES
from .common import add_nlp_options, echo

HELP = "score extraction against annotated text: precision, recall and F1 per relation"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help=HELP,
        description=HELP.capitalize()
        + ". GOLD is graphbuild's article format (a JSON list of stories like tests/data/seed_gold.json, or one article per JSON line "
        "like news_dev.jsonl), scored by entities as NEWS_GUIDELINES.md says, or JSONL passages (KnowledgeNet, FIRE, CoNLL04, Re-DocRED), "
        "scored by KnowledgeNet's official span_overlap rule, each prediction on its own spans.",
    )
    p.add_argument("gold", metavar="GOLD", help="gold file")
    p.add_argument("-o", "--output", metavar="DIR", help="write report.md, report.json, misses.jsonl and false_facts.jsonl here")
    p.add_argument("--limit", type=int, help="score only the first N passages or articles")
    p.add_argument(
        "--match",
        choices=MATCH_RULES,
        default="span",
        help="passages only: 'span' (default) is KnowledgeNet's official rule, each prediction on its own spans (for KnowledgeNet, which "
        "annotates every mention pair, a prediction for every pair of a fact's names and pronouns in its sentence); 'fact' the same rule "
        "on the one pair of spans each fact was read from; "
        "'entity' is a lenient variant that also accepts any mention or resolved pronoun of the predicted entities",
    )
    add_nlp_options(p)
    p.set_defaults(run=run, command="evaluate")


def run(args: argparse.Namespace) -> int:
    from ..evaluate.run import evaluate, write_report
    from ..pipeline import Extractor

    evaluation = evaluate(args.gold, Extractor(args.model, args.kb, relation_model=args.relation_model), limit=args.limit, match=args.match)
    report = evaluation.report
    echo(f"{evaluation.gold.name}: {evaluation.documents} documents, scored {evaluation.rule}")
    echo(report.table())
    if report.skipped:
        echo("not extracted (left out of the score): " + ", ".join(f"{k} ({v})" for k, v in report.skipped.items()))
    if args.output:
        written = write_report(evaluation, Path(args.output))
        echo("wrote " + ", ".join(str(p) for p in written))
    return 0
