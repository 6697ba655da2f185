"""Score extraction against graphbuild's article gold format (``seed_gold.json``).

The gold file is a list of stories ``{"id", "text", "entities", "relations"}``.
A predicted fact matches a gold fact when the predicate is the same and the
subject and the object each match one of the gold entity's names or mentions
(case-insensitive).  partnersWith and competesWith match in either direction.
Each story is paired with the extracted document whose story text it overlaps
most.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import ExtractionRecord
from ..relations.schema import load_schema
from .scoring import Report


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read the gold file ({exc}).") from None
    if not isinstance(data, list) or not all(isinstance(s, dict) and "text" in s and "relations" in s for s in data):
        raise InputError(f'{path}: expected a JSON list of stories with "text", "entities" and "relations".')
    return data


def _words(text: str) -> set[str]:
    return set(text.lower().split())


def _names_of_prediction(record: ExtractionRecord) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for entity in record.entities:
        names[entity.id] = {entity.label.lower(), *(a.lower() for a in entity.aliases), *(m.text.lower() for m in entity.mentions)}
    return names


def score_stories(gold: list[dict[str, Any]], records: Iterable[ExtractionRecord], texts: dict[str, str]) -> Report:
    """Score ``records`` (with their story ``texts`` by document id) against ``gold`` stories."""
    schema = load_schema()
    records = list(records)
    report = Report()
    for story in gold:
        gold_words = _words(story["text"])
        record = max(records, key=lambda r: len(gold_words & _words(texts.get(r.id, ""))), default=None)
        gold_names = {e["name"]: {e["name"].lower(), *(m.lower() for m in e.get("mentions", []))} for e in story.get("entities", [])}
        predicted = []
        if record is not None:
            names = _names_of_prediction(record)
            seen = set()
            unresolved = {e.id for e in record.entities if not e.resolved}
            for rel in record.relations:
                if rel.subject in unresolved or rel.object in unresolved:
                    continue  # not a graph fact
                key = (rel.predicate, rel.subject, rel.object)
                if key in seen:
                    continue
                seen.add(key)
                predicted.append((rel, names.get(rel.subject, set()) | {rel.subject_mention.text.lower()}, names.get(rel.object, set()) | {rel.object_mention.text.lower()}))
        matched_predictions: set[int] = set()
        for fact in story["relations"]:
            relation = fact["relation"]
            g_subj = gold_names.get(fact["subject"], {fact["subject"].lower()})
            g_obj = gold_names.get(fact["object"], {fact["object"].lower()})
            symmetric = relation in schema and schema[relation].symmetric
            hit = None
            for i, (rel, p_subj, p_obj) in enumerate(predicted):
                if rel.predicate != relation:
                    continue
                if (p_subj & g_subj and p_obj & g_obj) or (symmetric and p_subj & g_obj and p_obj & g_subj):
                    hit = i
                    break
            if hit is None:
                report.count(relation, "fn")
                report.misses.append({"story": story.get("id"), **{k: fact[k] for k in ("subject", "relation", "object", "evidence") if k in fact}})
            else:
                report.count(relation, "tp")
                matched_predictions.add(hit)
        for i, (rel, _, _) in enumerate(predicted):
            if i in matched_predictions:
                continue
            # A second prediction matching an already-found gold fact is not false.
            if any(_same_gold(rel, predicted[j][0]) for j in matched_predictions):
                continue
            report.count(rel.predicate, "fp")
            report.false_facts.append({"story": story.get("id"), "subject": rel.subject, "relation": rel.predicate, "object": rel.object, "sentence": rel.sentence.text, "method": rel.method})
    return report


def _same_gold(a, b) -> bool:
    return a.predicate == b.predicate and {a.subject, a.object} == {b.subject, b.object}
