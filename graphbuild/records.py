"""The records that cross the boundary between the NLP half and the graph half.

They are the ``extractions.jsonl`` contract: one :class:`ExtractionRecord` per
input document.  Offsets are character offsets into the document's input text
(the file or JSONL ``text`` the document came from), end excluded, so
``text[start:end]`` is always the mention's words.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

#: The statuses a fact can have, from the text's point of view.
STATUSES = ("asserted", "reported", "planned", "ended", "negated")


@dataclass(frozen=True)
class Document:
    """One unit of input text: an article, or one story section of a scraped page.

    ``text`` is the whole input text the document came from; ``segments`` are the
    ``(start, end)`` ranges of it that hold the story (boilerplate removed).
    """

    id: str
    text: str
    segments: tuple[tuple[int, int], ...] = ()
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    author: str | None = None

    def content_ranges(self) -> tuple[tuple[int, int], ...]:
        return self.segments or ((0, len(self.text)),)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class Entity:
    """An entity as one document names it; ``id`` is its canonical key across documents.

    An unresolved entity is a pronoun with no antecedent in the document ('He is
    the CEO of X' read alone): its facts are in the extraction output, and the
    graph leaves them out.  ``mentions`` are the words that name the entity;
    ``references`` the pronouns and descriptions ('she', 'the company', 'where')
    that coreference resolved to it.  ``subtype`` is the narrower ontology class
    the knowledge base gives ('Country' for a Place).
    """

    id: str
    label: str
    type: str
    mentions: tuple[Span, ...]
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    resolved: bool = True
    references: tuple[Span, ...] = ()
    subtype: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "mentions": [m.to_dict() for m in self.mentions],
        }
        if self.qid:
            data["qid"] = self.qid
        if self.subtype:
            data["subtype"] = self.subtype
        if self.aliases:
            data["aliases"] = list(self.aliases)
        if self.references:
            data["references"] = [m.to_dict() for m in self.references]
        if not self.resolved:
            data["unresolved"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entity":
        return cls(
            id=str(data["id"]),
            label=str(data["label"]),
            type=str(data["type"]),
            mentions=tuple(Span.from_dict(m) for m in data.get("mentions", ())),
            qid=data.get("qid"),
            aliases=tuple(data.get("aliases", ())),
            resolved=not data.get("unresolved", False),
            references=tuple(Span.from_dict(m) for m in data.get("references", ())),
            subtype=data.get("subtype"),
        )


@dataclass(frozen=True)
class Relation:
    """One fact found in one sentence, in the direction the ontology defines.

    For a data property (``dateFounded``) ``object`` is the value itself (a year,
    '1998'), not an entity id.
    """

    subject: str
    predicate: str
    object: str
    confidence: float
    subject_mention: Span
    object_mention: Span
    sentence: Span
    status: str = "asserted"
    method: str = ""

    def renamed(self, keys: dict[str, str]) -> "Relation":
        """The same fact with its entity ids mapped through ``keys`` (ids not in it stay)."""
        subject, obj = keys.get(self.subject, self.subject), keys.get(self.object, self.object)
        return self if (subject, obj) == (self.subject, self.object) else replace(self, subject=subject, object=obj)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "confidence": round(self.confidence, 4),
            "status": self.status,
            "method": self.method,
            "subject_mention": self.subject_mention.to_dict(),
            "object_mention": self.object_mention.to_dict(),
            "sentence": self.sentence.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Relation":
        return cls(
            subject=str(data["subject"]),
            predicate=str(data["predicate"]),
            object=str(data["object"]),
            confidence=float(data["confidence"]),
            subject_mention=Span.from_dict(data["subject_mention"]),
            object_mention=Span.from_dict(data["object_mention"]),
            sentence=Span.from_dict(data["sentence"]),
            status=str(data.get("status", "asserted")),
            method=str(data.get("method", "")),
        )


@dataclass(frozen=True)
class ExtractionRecord:
    """Everything extracted from one document."""

    id: str
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        data.update(self.meta)
        data["entities"] = [e.to_dict() for e in self.entities]
        data["relations"] = [r.to_dict() for r in self.relations]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ExtractionRecord":
        meta = {k: v for k, v in data.items() if k not in ("id", "entities", "relations")}
        return cls(
            id=str(data["id"]),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            relations=tuple(Relation.from_dict(r) for r in data.get("relations", ())),
            meta=meta,
        )


def record_meta(doc: Document) -> dict[str, Any]:
    """The document metadata written next to its extractions."""
    return {k: v for k, v in asdict(doc).items() if k in ("title", "url", "date", "source", "author") and v}
