"""Score extraction against graphbuild's article gold format, by entities.

The gold is a JSON list of stories (``seed_gold.json``) or one article per JSON
line (``news_dev.jsonl``), each ``{"id", "text", "entities", "relations"}``
as ``NEWS_GUIDELINES.md`` describes.  The rules are the guidelines':

- a predicted fact matches a gold fact when the relation is the same and the
  predicted subject and object each share a name or mention with the gold
  subject and object (case-insensitive; either way round when symmetric);
- a fact counts once per article however often it is stated;
- a fact the ontology only entails from a predicted, more specific one
  (``employeeOf`` from ``ceoOf``) may match a gold fact but is never counted
  false, since the guidelines annotate the most specific relation;
- negated facts are not predictions, nor are facts with an unresolved pronoun
  (they have no entity in the graph).

Each story is paired with the extracted document of the same id, else the one
whose story text it overlaps most (a scraped page split into sections).
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

_REQUIRED = ("text", "relations")


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The stories of an article gold file: a JSON list, or JSON lines of articles."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read the gold file ({exc.strerror or exc}).") from None
    if raw.lstrip().startswith("["):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc}).") from None
        if not isinstance(data, list) or not all(isinstance(s, dict) and all(k in s for k in _REQUIRED) for s in data):
            raise InputError(f'{path}: expected a JSON list of stories with "text", "entities" and "relations".')
        return data
    from ..io.readers import iter_json_lines

    stories = []
    for where, data in iter_json_lines(path):
        missing = [k for k in _REQUIRED if k not in data]
        if missing:
            raise InputError(f"{where}: not a gold article (no {', '.join(missing)}); see the format in NEWS_GUIDELINES.md.")
        stories.append(data)
    return stories


def is_article_line(data: dict[str, Any]) -> bool:
    """A JSON line in the article format (not a KnowledgeNet-style passage)."""
    return "relations" in data and "dataset" not in data


def _words(text: str) -> set[str]:
    return set(text.lower().split())


def _names_of_prediction(record: ExtractionRecord) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for entity in record.entities:
        names[entity.id] = {entity.label.lower(), *(a.lower() for a in entity.aliases), *(m.text.lower() for m in entity.mentions)}
    return names


def _paired_record(story: dict[str, Any], records: list[ExtractionRecord], texts: dict[str, str]) -> ExtractionRecord | None:
    by_id = {r.id: r for r in records}
    if "id" in story and str(story["id"]) in by_id:
        return by_id[str(story["id"])]
    gold_words = _words(story["text"])
    return max(records, key=lambda r: len(gold_words & _words(texts.get(r.id, ""))), default=None)


def article_predictions(record: ExtractionRecord, schema) -> list[tuple[str, set[str], set[str], bool, Any]]:
    """(relation, subject names, object names, entailed only, source relation), once per fact."""
    names = _names_of_prediction(record)
    unresolved = {e.id for e in record.entities if not e.resolved}
    stated: dict[tuple[str, str, str], Any] = {}
    for rel in record.relations:
        if rel.status == "negated" or rel.subject in unresolved or rel.object in unresolved:
            continue
        stated.setdefault((rel.predicate, rel.subject, rel.object), rel)
    # A fact the ontology entails from a more specific predicted one is entailed, even when
    # it was also stated ('Gazprom chief X' and 'X, who runs Gazprom, said').
    entailed: dict[tuple[str, str, str], Any] = {}
    for (predicate, s, o), rel in stated.items():
        for parent in schema[predicate].parents if predicate in schema else ():
            entailed.setdefault((parent, s, o), stated.get((parent, s, o), rel))
    stated = {key: rel for key, rel in stated.items() if key not in entailed}
    out = []
    for only_entailed, facts in ((False, stated), (True, entailed)):
        for (predicate, s, o), rel in facts.items():
            subject_names = names.get(s, set()) | {rel.subject_mention.text.lower()}
            object_names = names.get(o, {o.lower()}) | {rel.object_mention.text.lower()}
            out.append((predicate, subject_names, object_names, only_entailed, rel))
    return out


def score_stories(gold: list[dict[str, Any]], records: Iterable[ExtractionRecord], texts: dict[str, str], report: Report | None = None) -> Report:
    """Score ``records`` (with their story ``texts`` by document id) against ``gold`` stories."""
    schema = load_schema()
    records = list(records)
    report = report if report is not None else Report()
    for story in gold:
        record = _paired_record(story, records, texts)
        gold_names = {e["name"]: {e["name"].lower(), *(m.lower() for m in e.get("mentions", []))} for e in story.get("entities", [])}
        predicted = article_predictions(record, schema) if record is not None else []
        matched: set[int] = set()
        for fact in story["relations"]:
            relation = fact["relation"]
            g_subj = gold_names.get(fact["subject"], {fact["subject"].lower()})
            g_obj = gold_names.get(fact["object"], {fact["object"].lower()})
            symmetric = relation in schema and schema[relation].symmetric
            hits = [
                i
                for i, (predicate, p_subj, p_obj, _, _) in enumerate(predicted)
                if predicate == relation and ((p_subj & g_subj and p_obj & g_obj) or (symmetric and p_subj & g_obj and p_obj & g_subj))
            ]
            if hits:
                report.count(relation, "tp")
                matched.update(hits)
            else:
                report.count(relation, "fn")
                report.misses.append({"story": story.get("id"), **{k: fact[k] for k in ("subject", "relation", "object", "evidence") if k in fact}})
        for i, (predicate, _, _, only_entailed, rel) in enumerate(predicted):
            if i in matched or only_entailed:
                continue
            # The same pair stated in both directions of a symmetric relation is one fact.
            if schema[predicate].symmetric and any(_same_pair(rel, predicted[j][4]) for j in matched):
                continue
            report.count(predicate, "fp")
            report.false_facts.append({"story": story.get("id"), "subject": rel.subject, "relation": predicate, "object": rel.object, "sentence": rel.sentence.text, "method": rel.method})
    return report


def _same_pair(a, b) -> bool:
    return a.predicate == b.predicate and {a.subject, a.object} == {b.subject, b.object}
