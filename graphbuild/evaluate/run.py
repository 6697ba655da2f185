"""Run an evaluation: read a gold file, extract from its texts, score, write a report."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..io.writers import atomic_write
from .scoring import Report


#: How predictions meet gold spans in passages: 'span' is KnowledgeNet's official
#: rule, each prediction on its own spans (in KnowledgeNet a prediction per pair of the
#: fact's mentions in its sentence, as it annotates); 'fact' the same rule on the one
#: pair a fact was read from; 'entity' a lenient variant (any mention or resolved
#: pronoun of the predicted entity).
MATCH_RULES = ("span", "fact", "entity")


@dataclass
class Evaluation:
    gold: Path
    kind: str  # 'article' (seed_gold.json / news JSONL format) or 'passages' (JSONL)
    documents: int
    report: Report
    match: str = "span"

    @property
    def rule(self) -> str:
        """The scoring rule, in words, for reports."""
        if self.kind == "article":
            return "by entities (NEWS_GUIDELINES.md): same relation, subject and object share a name or mention with the gold entities"
        if self.match == "span":
            return ("span_overlap (KnowledgeNet's official evaluator.py): each prediction's own subject and object spans overlap the gold spans; "
                    "in KnowledgeNet, which annotates every mention pair, a fact is predicted for every pair of its arguments' names and pronouns in its sentence")
        if self.match == "fact":
            return "span_overlap (KnowledgeNet's official evaluator.py), one prediction per fact: the two spans it was read from"
        return "entity (lenient, not an official rule): any mention or resolved pronoun of the predicted entities overlaps the gold spans"


def gold_kind(path: Path) -> str:
    """'article' for a JSON list of stories, 'passages' for JSONL records."""
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(1).strip() or handle.read(64).lstrip()[:1]
    except OSError as exc:
        raise InputError(f"{path}: cannot read the gold file ({exc.strerror or exc}).") from None
    if head == "[":
        return "article"
    if head == "{":
        from .articles import is_article_line

        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
        try:
            return "article" if is_article_line(json.loads(first)) else "passages"
        except json.JSONDecodeError:
            return "passages"  # the passage reader names the bad line
    raise InputError(f"{path}: not a gold file: expected a JSON list of stories (seed_gold.json format) or JSONL passages.")


def evaluate(gold: str | Path, extractor, limit: int | None = None, match: str = "span") -> Evaluation:
    """Extract from the gold texts and score; ``match`` is the passage rule (see MATCH_RULES)."""
    from ..extract import story_text
    from ..records import Document

    if match not in MATCH_RULES:
        raise InputError(f"Unknown match rule '{match}'. Available: {', '.join(MATCH_RULES)}.")
    path = Path(gold)
    kind = gold_kind(path)
    if kind == "article":
        from .articles import load_gold, score_stories

        stories = load_gold(path)[:limit]
        # The article is read as the stories' texts joined, the way graphbuild reads a page.
        documents = [Document(id=str(s.get("id", n)), text=s["text"], segments=((0, len(s["text"])),)) for n, s in enumerate(stories)]
        records = list(extractor.records(documents))
        report = score_stories(stories, records, {d.id: story_text(d) for d in documents})
        return Evaluation(path, kind, len(documents), report)
    from .datasets import passage_document, read_passages, score_passage

    passages = list(read_passages(path))[:limit]
    report = Report()
    for passage, record in zip(passages, extractor.records(passage_document(p) for p in passages)):
        score_passage(passage, record, report, match=match)
    return Evaluation(path, kind, len(passages), report, match)


def write_report(evaluation: Evaluation, folder: Path) -> list[Path]:
    """report.json (scores), report.md (table), misses.jsonl and false_facts.jsonl."""
    report = evaluation.report
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with atomic_write(folder / "report.json") as out:
        json.dump({"gold": str(evaluation.gold), "documents": evaluation.documents, "rule": evaluation.rule, **report.to_dict()}, out, indent=2, ensure_ascii=False)
    written.append(folder / "report.json")
    for name, rows in (("misses.jsonl", report.misses), ("false_facts.jsonl", report.false_facts)):
        with atomic_write(folder / name) as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        written.append(folder / name)
    skipped = "".join(f"- {name}: {count} gold facts\n" for name, count in report.skipped.items()) or "- none\n"
    with atomic_write(folder / "report.md") as out:
        out.write(f"# Evaluation of graphbuild on {evaluation.gold.name}\n\n{evaluation.documents} documents. Scored {evaluation.rule}.\n\n```\n{report.table()}\n```\n\n")
        out.write(f"Relations of the gold set that graphbuild does not extract (left out of the score):\n{skipped}\n")
        out.write(f"{len(report.misses)} missed facts are in misses.jsonl and {len(report.false_facts)} false facts in false_facts.jsonl.\n")
    written.append(folder / "report.md")
    return written
