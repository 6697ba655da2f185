"""A processed spaCy Doc in, an :class:`ExtractionRecord` out.  Pure: no I/O.

The NLP half runs on the story text of a document (its segments joined by
blank lines); this module maps every offset back to the document's input text,
so ``text[start:end]`` is the mention's words in the file the user gave.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from .io.noise import blank_noise
from .io.readers import content_hash
from .kb import KnowledgeBase, preferred_name
from .nlp.coref import Coref
from .nlp.mentions import DocEntities, Mention
from .records import Document, Entity, ExtractionRecord, Relation, Span, record_meta
from .relations.matcher import Match, RelationMatcher

SEGMENT_JOINER = "\n\n"


class OffsetMap:
    """Maps offsets in the processed story text to offsets in the input text."""

    def __init__(self, document: Document):
        self.segments = document.content_ranges()
        self.starts: list[int] = []
        pos = 0
        for start, end in self.segments:
            self.starts.append(pos)
            pos += end - start + len(SEGMENT_JOINER)
        self.text = SEGMENT_JOINER.join(document.text[s:e] for s, e in self.segments)

    def to_input(self, offset: int, *, is_end: bool = False) -> int:
        probe = offset - 1 if is_end and offset > 0 else offset
        i = max(0, bisect_right(self.starts, probe) - 1)
        seg_start, seg_end = self.segments[i]
        mapped = seg_start + (probe - self.starts[i])
        mapped = min(mapped, seg_end - (1 if is_end else 0))
        return mapped + 1 if is_end else mapped


def story_text(document: Document) -> str:
    """The story of ``document``: its segments joined, as offsets count them."""
    return OffsetMap(document).text


def nlp_text(document: Document) -> str:
    """The text the NLP pipeline reads for ``document``: its story with wire-news noise blanked, offsets unchanged."""
    return blank_noise(story_text(document))


def _span(offsets: OffsetMap, source_text: str, start: int, end: int) -> Span:
    s, e = offsets.to_input(start), offsets.to_input(end, is_end=True)
    return Span(s, e, source_text[s:e])


def _label(names: dict[str, int], etype: str, kb_name: str | None) -> str:
    """The display name: the knowledge base's, else the most frequent full form."""
    return kb_name or preferred_name(names, etype)


def build_record(doc: Doc, document: Document, kb: KnowledgeBase, matcher: RelationMatcher, story: str | None = None) -> ExtractionRecord:
    """Extract the entities and relations of one processed document.

    ``story`` is the text the record's hash is of, when ``document`` is a part
    of it (a chunk, or the story without its dateline).
    """
    offsets = OffsetMap(document)
    entities = DocEntities(doc, kb)
    matches: Sequence[Match] = matcher(doc, entities)

    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in entities.mentions:
        by_key[mention.key].append(mention)
    # Entities only reached through coreference or a place adjective still get a record;
    # a date is a value, not an entity.
    for match in matches:
        for m in (match.subject, match.object):
            if m.type != "Date":
                by_key.setdefault(m.key, [])

    references: dict[str, list[Mention]] = defaultdict(list)
    for pointer in Coref(entities).references():
        if pointer.key in by_key:
            references[pointer.key].append(pointer)

    records = []
    for key, mentions in by_key.items():
        info = entities.info[key] if key in entities.info else None
        entry = kb.entries.get(key)
        if entry is not None:
            etype = entry.type
        elif info is not None and info.types:
            etype = info.types.most_common(1)[0][0]
        else:
            etype = next(m.type for match in matches for m in (match.subject, match.object) if m.key == key)
        names = dict(info.names) if info is not None else {}
        label = _label(names, etype, entry.name if entry else None) if names or entry else key
        spans = tuple(_span(offsets, document.text, m.start, m.end) for m in sorted(mentions, key=lambda m: m.start))
        aliases = tuple(sorted(n for n in names if n != label))
        if key.startswith("?"):
            pronoun = next(m for match in matches for m in (match.subject, match.object) if m.key == key)
            records.append(Entity(key, pronoun.text, etype, (_span(offsets, document.text, pronoun.start, pronoun.end),), resolved=False))
            continue
        pointers = tuple(_span(offsets, document.text, m.start, m.end) for m in references.get(key, ()))
        subtype = entry.subtype if entry is not None and entry.type == etype else None
        records.append(Entity(key, label, etype, spans, qid=entry.qid if entry else None, aliases=aliases, references=pointers, subtype=subtype))

    relations = [
        Relation(
            subject=m.subject.key,
            predicate=m.predicate,
            object=literal_value(m.object) if m.object.type == "Date" else m.object.key,
            confidence=m.confidence,
            subject_mention=_span(offsets, document.text, m.subject.start, m.subject.end),
            object_mention=_span(offsets, document.text, m.object.start, m.object.end),
            sentence=_span(offsets, document.text, m.sentence.start_char, _sentence_end(m)),
            status=m.status,
            method=m.pattern,
        )
        for m in sorted(matches, key=lambda m: (m.sentence.start_char, m.subject.start, m.object.start, m.predicate))
    ]
    return ExtractionRecord(
        id=document.id,
        entities=tuple(sorted(records, key=lambda e: e.id)),
        relations=tuple(relations),
        meta={**record_meta(document), "hash": content_hash(offsets.text if story is None else story)},
    )


def literal_value(mention: Mention) -> str:
    """The value a date argument stands for: its year ('in early 1998' -> '1998')."""
    return mention.key.removeprefix("date:")


def _sentence_end(match: Match) -> int:
    """End of the sentence without trailing blank lines."""
    sent = match.sentence
    text = sent.text
    return sent.start_char + len(text.rstrip())
