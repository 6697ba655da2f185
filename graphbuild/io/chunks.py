"""Very long documents in pieces spaCy can take, and their records merged back.

A document's story is cut between lines (its segments); a single line longer
than a chunk is cut after a sentence end, else at a space.  Offsets stay those
of the input text, so the merged record reads as if the document had been
processed whole (coreference does not cross chunk boundaries).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..config import MAX_CHUNK_CHARS
from ..records import Document, ExtractionRecord

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]?\s")


def _split_segment(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
        if cut < limit // 4:
            cut = window.rfind(" ") + 1 or limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def chunk_document(doc: Document, limit: int = MAX_CHUNK_CHARS) -> list[Document]:
    """``doc`` itself when short enough, else documents with the same id over parts of its segments."""
    ranges = doc.content_ranges()
    if sum(end - start for start, end in ranges) <= limit:
        return [doc]
    parts: list[list[tuple[int, int]]] = [[]]
    size = 0
    for start, end in ranges:
        for piece in _split_segment(doc.text, start, end, limit):
            length = piece[1] - piece[0]
            if parts[-1] and size + length > limit:
                parts.append([])
                size = 0
            parts[-1].append(piece)
            size += length
    return [replace(doc, segments=tuple(part)) for part in parts if part]


def merge_records(records: list[ExtractionRecord], whole_text: str) -> ExtractionRecord:
    """One record from the records of one document's chunks (``whole_text``: the document's story text)."""
    from ..records import Entity

    entities: dict[str, Entity] = {}
    for record in records:
        for entity in record.entities:
            if entity.id in entities:
                known = entities[entity.id]
                mentions = tuple(sorted({(m.start, m.end): m for m in (*known.mentions, *entity.mentions)}.values(), key=lambda m: m.start))
                aliases = tuple(sorted(set(known.aliases) | set(entity.aliases) - {known.label}))
                entities[entity.id] = replace(known, mentions=mentions, aliases=aliases)
            else:
                entities[entity.id] = entity
    relations = tuple(r for record in records for r in record.relations)
    first = records[0]
    meta = dict(first.meta)
    from .readers import content_hash

    meta["hash"] = content_hash(whole_text)
    return ExtractionRecord(first.id, tuple(sorted(entities.values(), key=lambda e: e.id)), relations, meta)
