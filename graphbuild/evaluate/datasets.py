"""Score extraction on annotated passages (KnowledgeNet, FIRE, CoNLL04, Re-DocRED).

The format is one JSON object per passage: ``{"dataset", "doc_id",
"passage_id", "text", "annotated_properties"?, "facts": [{"relation",
"subject_start", "subject_end", "object_start", "object_end", ...}]}``.

Scoring is KnowledgeNet's 'span_overlap', as its evaluator.py does it: a
prediction matches a gold fact in the same passage when the relation is the
same and the subject spans overlap and the object spans overlap.  A gold fact
is a TP if some prediction matches it, else a FN; a prediction matching
nothing is a FP only when its relation is one the passage was annotated for
(KnowledgeNet) or one the set annotates, and when it does not repeat (by the
same rule) a prediction that matched.  Relations graphbuild does not extract
are left out and listed as such.  Entailment from the ontology applies: a
ceoOf fact is also an employeeOf fact.

KnowledgeNet annotates a fact once for every pair of mentions that states it
('Rolls-Royce, which he joined as CEO' holds four), so there a graphbuild fact
is reported for every pair of its arguments' names and pointing words in its
sentence, each prediction with its own two spans; the other sets annotate one
pair of mentions per fact, so there a fact is one prediction, on the pair of
spans it was read from (as ``match="fact"`` reports it everywhere).  The lenient ``match="entity"``
variant lets one prediction carry every mention and resolved pronoun of its
entities in the passage; it is never reported as the set's score.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Document, Entity, ExtractionRecord, Span
from ..relations.schema import load_schema
from .scoring import Report

#: Sets that annotate a fact once for every pair of mentions stating it (KnowledgeNet's guidelines).
EVERY_MENTION_PAIR = frozenset({"knowledgenet"})

#: (dataset, their relation) -> (graphbuild relation, True when their subject is our object).
MAPPINGS: dict[str, dict[str, tuple[str, bool]]] = {
    "knowledgenet": {
        "CEO": ("ceoOf", True),
        "FOUNDED_BY": ("founderOf", True),
        "SUBSIDIARY_OF": ("subsidiaryOf", False),
        "HEADQUARTERS": ("headquarteredIn", False),
        "DATE_FOUNDED": ("dateFounded", False),
        "EMPLOYEE_OR_MEMBER_OF": ("employeeOf", False),
    },
    "fire": {
        "ActionBuy": ("acquired", False),
        "Subsidiaryof": ("subsidiaryOf", False),
        "Employeeof": ("employeeOf", False),
        "Productof": ("makesProduct", True),
        "Locatedin": ("headquarteredIn", False),
    },
    "conll04": {
        "Work_For": ("employeeOf", False),
        "OrgBased_In": ("headquarteredIn", False),
    },
    "redocred": {
        "P159": ("headquarteredIn", False),
        "P108": ("employeeOf", False),
        "P749": ("subsidiaryOf", False),
        "P112": ("founderOf", True),
        "P488": ("chairmanOf", True),
        "P176": ("makesProduct", True),
        "P1056": ("makesProduct", False),
        "P355": ("subsidiaryOf", True),
        "P571": ("dateFounded", False),
    },
}


@dataclass(frozen=True)
class Passage:
    id: str
    dataset: str
    text: str
    annotated: frozenset[str] | None  # their relation names; None: all the set annotates
    facts: tuple[dict[str, Any], ...]


def read_passages(path: str | Path) -> Iterator[Passage]:
    from ..io.readers import iter_json_lines

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such gold file.")
    for where, data in iter_json_lines(path):
        try:
            dataset = data["dataset"]
            if dataset not in MAPPINGS:
                raise InputError(f"{where}: unknown dataset '{dataset}'. Known: {', '.join(MAPPINGS)}.")
            annotated = data.get("annotated_properties")
            yield Passage(
                id=str(data.get("passage_id") or data.get("doc_id") or where),
                dataset=dataset,
                text=data["text"],
                annotated=frozenset(annotated) if annotated is not None else None,
                facts=tuple(data.get("facts", ())),
            )
        except KeyError as exc:
            raise InputError(f"{where}: not a gold passage (no {exc}); see the format in graphbuild/evaluate/datasets.py.") from None


def passage_document(passage: Passage) -> Document:
    """The passage as a document: gold offsets refer to the whole text, so nothing is cut."""
    return Document(id=passage.id, text=passage.text, segments=((0, len(passage.text)),))


def gold_relation(fact: dict[str, Any]) -> str:
    """The relation's name as the mapping knows it (Re-DocRED: the Wikidata property id)."""
    return str(fact.get("relation_id") or fact["relation"])


def gold_spans(fact: dict[str, Any], role: str) -> list[tuple[int, int]]:
    """Every span naming the fact's subject or object (Re-DocRED lists all mentions of the entity)."""
    mentions = fact.get(f"{role}_mentions")
    if mentions:
        return [(int(a), int(b)) for a, b in mentions]
    return [(int(fact[f"{role}_start"]), int(fact[f"{role}_end"]))]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predictions(record: ExtractionRecord, dataset: str, match: str = "span") -> list[dict[str, Any]]:
    """Our relations as the set's predictions, with entailed super-relations added.

    With ``match="span"`` (the official rule) a fact is reported, in a set that
    annotates every mention pair (KnowledgeNet), once for every pair of its
    arguments' mentions in its sentence, each prediction with its own two spans
    ('Rolls-Royce, which he joined': four pairs); in other sets once.
    With ``"fact"`` a fact is one prediction, on the two spans its rule or the
    classifier read.  With ``"entity"`` one prediction carries every mention and
    resolved pronoun of each entity in the passage (the lenient variant).
    """
    schema = load_schema()
    reverse = {ours: (theirs, swap) for theirs, (ours, swap) in MAPPINGS[dataset].items()}
    entities = {e.id: e for e in record.entities}
    out = []
    for rel in record.relations:
        names = [name for name in (rel.predicate, *_ancestors(rel.predicate, schema)) if name in reverse]
        if not names:
            continue
        own = (rel.subject_mention, rel.object_mention)
        if match == "entity":
            pairs = [(_all_spans(entities.get(rel.subject), rel.subject_mention), _all_spans(entities.get(rel.object), rel.object_mention), *own)]
        elif match == "fact" or dataset not in EVERY_MENTION_PAIR:
            pairs = [([_bounds(rel.subject_mention)], [_bounds(rel.object_mention)], *own)]
        else:
            subjects = _sentence_mentions(entities.get(rel.subject), rel.subject_mention, rel.sentence)
            objects = _sentence_mentions(entities.get(rel.object), rel.object_mention, rel.sentence)
            pairs = [([_bounds(s)], [_bounds(o)], s, o) for s in subjects for o in objects if not _overlap(_bounds(s), _bounds(o))]
        for name in names:
            theirs, swap = reverse[name]
            for subj, obj, subj_mention, obj_mention in pairs:
                if swap:
                    subj, obj, subj_mention, obj_mention = obj, subj, obj_mention, subj_mention
                out.append({"relation": theirs, "subject": subj, "object": obj, "ours": rel.predicate, "sentence": rel.sentence.text, "method": rel.method,
                            "subject_text": subj_mention.text, "object_text": obj_mention.text})
    return out


def _bounds(span: Span) -> tuple[int, int]:
    return (span.start, span.end)


def _all_spans(entity: Entity | None, own: Span) -> list[tuple[int, int]]:
    """The argument's own span, then every mention and resolved pronoun of its entity."""
    spans = [_bounds(own)]
    if entity is not None and entity.resolved:
        spans += [_bounds(m) for m in (*entity.mentions, *entity.references)]
    return spans


def _sentence_mentions(entity: Entity | None, own: Span, sentence: Span) -> list[Span]:
    """The argument's own words, then the entity's other names and pointing words in the sentence.

    A pointing word is a one-word reference ('he', 'which', 'where'); a description
    ('the company') is left out, since KnowledgeNet does not annotate it as a mention.
    """
    found = {_bounds(own): own}
    if entity is not None and entity.resolved:
        for m in (*entity.mentions, *(r for r in entity.references if " " not in r.text.strip())):
            if sentence.start <= m.start and m.end <= sentence.end:
                found.setdefault(_bounds(m), m)
    return list(found.values())


def _matches(prediction: dict[str, Any], relation: str, subjects: list[tuple[int, int]], objects: list[tuple[int, int]]) -> bool:
    """The span rule: same relation, and subject spans and object spans overlap."""
    return (
        prediction["relation"] == relation
        and any(_overlap(p, s) for p in prediction["subject"] for s in subjects)
        and any(_overlap(p, o) for p in prediction["object"] for o in objects)
    )


def _ancestors(name: str, schema) -> list[str]:
    found, todo = [], list(schema[name].parents) if name in schema else []
    while todo:
        parent = todo.pop()
        if parent not in found:
            found.append(parent)
            todo.extend(schema[parent].parents if parent in schema else ())
    return found


def score_passage(passage: Passage, record: ExtractionRecord, report: Report, match: str = "span") -> None:
    mapping = MAPPINGS[passage.dataset]
    preds = predictions(record, passage.dataset, match)
    annotated = passage.annotated if passage.annotated is not None else frozenset(mapping)
    matched: set[int] = set()
    for fact in passage.facts:
        relation = gold_relation(fact)
        if relation not in mapping:
            report.count(relation, "skipped")
            continue
        g_subj, g_obj = gold_spans(fact, "subject"), gold_spans(fact, "object")
        hits = [i for i, p in enumerate(preds) if _matches(p, relation, g_subj, g_obj)]
        if hits:
            report.count(relation, "tp")
            matched.update(hits)
        else:
            report.count(relation, "fn")
            report.misses.append({"passage": passage.id, "relation": relation, "subject": fact.get("subject"), "object": fact.get("object"), "text": passage.text})
    kept = [preds[i] for i in matched]
    for i, p in enumerate(preds):
        # As evaluator.py: a prediction repeating a matched one (by the same rule) is not counted again.
        if i in matched or p["relation"] not in annotated or any(_matches(p, q["relation"], q["subject"], q["object"]) for q in kept):
            continue
        report.count(p["relation"], "fp")
        report.false_facts.append({"passage": passage.id, "relation": p["relation"], "subject": p["subject_text"], "object": p["object_text"], "method": p["method"], "text": passage.text})
