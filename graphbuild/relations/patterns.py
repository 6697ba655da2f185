"""Load and validate the relation pattern files (``patterns/<relation>.jsonl``).

One file per relation, one JSON object per line::

    {"id": "ceo-title", "trigger": {"words": ["ceo", "chief executive"]},
     "subject": ["^appos", "^compound"], "object": ["prep:of pobj", "poss", "compound"],
     "confidence": 0.9, "example": "Lei Jun, CEO of Xiaomi, said ...", "note": "why"}

``trigger`` names the word that expresses the relation: ``words`` are lowercase
words or phrases (the last word is the anchor), ``lemmas`` match the anchor's
lemma; ``pos`` restricts its part of speech; ``with_child`` requires a child
(``{"dep": "dobj", "lemmas": ["tie"]}`` for 'cut ties'; ``"amod|compound"`` for either) and ``without_child``
forbids one (``{"dep": "amod", "lemmas": ["financial"]}``: 'Gazprom chief',
not 'financial chief'); ``not_under`` forbids the anchor's own attachment to a head
(``{"dep": "pobj", "lemmas": ["on"]}``: a product 'on sale' is no seller's sales);
``share`` reads the percentage the anchor or a word it governs states ('owns 40%
of', 'a 44% stake', '48 per cent'): ``{"below": 50}`` rejects a stated share of
50% or more (a minority stake), ``{"at_least": 50}`` needs one (control), and
``"stated": true`` needs a share at all.  ``subject`` and
``object`` are dependency paths from the anchor to each argument (see
:mod:`graphbuild.relations.matcher`).  ``"topic_subject": true`` lets a
pattern whose subject is not in the sentence take the document's topic
('Rival Yahoo has...' in a story about Google); ``"topic_object": true`` does the
same for a missing object ('Chairman Louis Schweitzer said' in a story about Renault).
An argument comes from the first of its paths that reaches one; ``"every_object_path": true``
takes objects from every object path instead (the carriers that cut Huawei off and the
lawmakers under whose pressure they did both ban it).  Direction, domain and range come from the
ontology, never from here.

Other kinds read words in order rather than the parse, where parsers stumble:
``name_prefix`` (a product named after its maker), ``unit_name`` (a unit named
by its organization and a unit word or a place: 'BT Wholesale', 'Microsoft
Japan'; the unit is the subject), ``line_member`` (a model of a line
the document says someone makes), ``known_maker`` (a product, or a model of a
line, whose knowledge-base ``maker`` the same sentence names: 'Microsoft ...
Windows XP') and ``descriptor``: a name right after a descriptor noun
of ``trigger.lemmas`` whose modifiers hold a place ('Russian state gas firm
Gazprom', 'US firm Boeing'), the name being the subject and the place the object.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import PACKAGE_DIR
from ..errors import PatternError
from .paths import parse_path
from .schema import load_schema

PATTERN_DIR = PACKAGE_DIR / "relations" / "patterns"
KINDS = ("path", "name_prefix", "unit_name", "line_member", "descriptor", "known_maker")


@dataclass(frozen=True)
class Trigger:
    words: tuple[tuple[str, ...], ...] = ()
    lemmas: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset()
    with_child: tuple[str, frozenset[str]] | None = None
    entity: frozenset[str] = frozenset()
    without_child: tuple[str, frozenset[str]] | None = None
    not_under: tuple[str, frozenset[str]] | None = None
    share: ShareCondition | None = None


@dataclass(frozen=True)
class ShareCondition:
    """The percentage a trigger must state: below a bound (a minority stake), at least one (control), or any."""

    below: float | None = None
    at_least: float | None = None
    stated: bool = False

    def allows(self, share: float | None) -> bool:
        if share is None:
            return not self.stated and self.at_least is None
        return (self.below is None or share < self.below) and (self.at_least is None or share >= self.at_least)


@dataclass(frozen=True)
class Pattern:
    id: str
    predicate: str
    kind: str
    trigger: Trigger
    subject: tuple[tuple, ...]
    object: tuple[tuple, ...]
    confidence: float
    pair_conjuncts: bool
    example: str
    note: str
    topic_subject: bool = False
    topic_object: bool = False
    uncounted_object: bool = False
    every_object_path: bool = False


def _trigger(data: dict, where: str) -> Trigger:
    words = tuple(tuple(w.lower().split()) for w in data.get("words", ()))
    lemmas = frozenset(l.lower() for l in data.get("lemmas", ()))
    entity = frozenset(data.get("entity", ()))
    if not words and not lemmas and not entity:
        raise PatternError(f'{where}: a trigger needs "words", "lemmas" or "entity" (entity types whose head word anchors the pattern).')
    return Trigger(
        words=words,
        lemmas=lemmas,
        pos=frozenset(data.get("pos", ())),
        with_child=_child_condition(data, "with_child", where),
        entity=entity,
        without_child=_child_condition(data, "without_child", where),
        not_under=_child_condition(data, "not_under", where),
        share=_share_condition(data, where),
    )


def _share_condition(data: dict, where: str) -> ShareCondition | None:
    share = data.get("share")
    if share is None:
        return None
    unknown = set(share) - {"below", "at_least", "stated"} if isinstance(share, dict) else None
    if unknown is None or unknown or not share:
        raise PatternError(f'{where}: "share" takes "below", "at_least" (percentages) and "stated" (true or false), e.g. {{"below": 50}}.')
    try:
        below = None if share.get("below") is None else float(share["below"])
        at_least = None if share.get("at_least") is None else float(share["at_least"])
    except (TypeError, ValueError):
        raise PatternError(f'{where}: "share" bounds must be numbers (percentages), got {share}.') from None
    return ShareCondition(below=below, at_least=at_least, stated=bool(share.get("stated", False)))


def _child_condition(data: dict, name: str, where: str) -> tuple[str, frozenset[str]] | None:
    child = data.get(name)
    if child is None:
        return None
    if not isinstance(child, dict) or "dep" not in child:
        raise PatternError(f'{where}: "{name}" needs a "dep" (and optional "lemmas").')
    return (str(child["dep"]), frozenset(l.lower() for l in child.get("lemmas", ())))


def _pattern(data: dict, predicate: str, where: str) -> Pattern:
    for key in ("id", "example", "note"):
        if not data.get(key):
            raise PatternError(f'{where}: every pattern needs "{key}".')
    kind = data.get("kind", "path")
    if kind not in KINDS:
        raise PatternError(f"{where}: unknown kind '{kind}'. Available: {', '.join(KINDS)}.")
    confidence = float(data.get("confidence", 0.8))
    if not 0.0 < confidence <= 1.0:
        raise PatternError(f"{where}: confidence must be in (0, 1], got {confidence}.")
    try:
        subject = tuple(parse_path(p) for p in data.get("subject", ()))
        obj = tuple(parse_path(p) for p in data.get("object", ()))
    except ValueError as exc:
        raise PatternError(f"{where}: {exc}") from None
    if kind == "descriptor":
        if not data.get("trigger", {}).get("lemmas"):
            raise PatternError(f'{where}: a descriptor pattern needs "trigger": {{"lemmas": [...]}}, the descriptor nouns.')
        trigger = _trigger(data["trigger"], where)
    elif kind == "path":
        if "trigger" not in data:
            raise PatternError(f'{where}: a path pattern needs a "trigger".')
        if not subject or not obj:
            raise PatternError(f'{where}: a path pattern needs "subject" and "object" paths.')
        trigger = _trigger(data["trigger"], where)
    else:
        trigger = Trigger()
    return Pattern(
        id=f"{predicate}.{data['id']}",
        predicate=predicate,
        kind=kind,
        trigger=trigger,
        subject=subject,
        object=obj,
        confidence=confidence,
        pair_conjuncts=bool(data.get("pair_conjuncts", False)),
        example=str(data["example"]),
        note=str(data["note"]),
        topic_subject=bool(data.get("topic_subject", False)),
        topic_object=bool(data.get("topic_object", False)),
        uncounted_object=bool(data.get("uncounted_object", False)),
        every_object_path=bool(data.get("every_object_path", False)),
    )


def read_pattern_file(path: Path) -> list[Pattern]:
    predicate = path.name.removesuffix(".jsonl")
    schema = load_schema()
    if predicate not in schema:
        raise PatternError(f"{path}: '{predicate}' is not a relation of the ontology. Known: {', '.join(schema)}.")
    patterns = []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path}:{lineno}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}).") from None
        pattern = _pattern(data, predicate, where)
        if pattern.id in seen:
            raise PatternError(f"{where}: duplicate pattern id '{data['id']}'.")
        seen.add(pattern.id)
        patterns.append(pattern)
    return patterns


@lru_cache(maxsize=4)
def load_patterns(folder: Path = PATTERN_DIR) -> tuple[Pattern, ...]:
    """Every pattern of every relation, in file order."""
    files = sorted(folder.glob("*.jsonl"))
    return tuple(p for f in files for p in read_pattern_file(f))
