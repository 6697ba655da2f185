"""Find the story text of a scraped page: its sections, titles and paragraphs.

Pages copied from news sites carry navigation ('Skip to main content'), image
captions, bylines, author bios and teasers of other stories ('Read more').  None
of it may produce entities.  This module keeps whole lines of the input and
returns their character ranges, so offsets stay those of the input text.

A page that shows signs of being scraped (navigation or section-break lines
from ``boilerplate.json``) is cut into sections at its section breaks; in each
section the story body starts at the first real paragraph (a line of prose),
and of the short lines before it only the headline is kept.  Plain text without
such signs keeps every line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import PACKAGE_DIR

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$|[\"”]$")
_SENTENCE_SPLIT = re.compile(r"[.!?][\"'”’]?\s+[A-Z“\"]")
_TRAILING = " \t\r:.-–—|•·»›"

#: A line with at least this many words, or two sentences, is prose.
PARAGRAPH_MIN_WORDS = 15
#: Once a story has started, shorter lines that end a sentence stay in it.
BODY_LINE_MIN_WORDS = 8
#: A headline has at least this many words.
TITLE_MIN_WORDS = 4


@dataclass(frozen=True)
class Section:
    """One story of a page: its headline and the line ranges of its text."""

    title: str | None
    ranges: tuple[tuple[int, int], ...]


@lru_cache(maxsize=1)
def _phrases() -> tuple[frozenset[str], frozenset[str]]:
    data = json.loads((PACKAGE_DIR / "io" / "boilerplate.json").read_text(encoding="utf-8"))
    return frozenset(data["section_breaks"]), frozenset(data["drop"])


def _key(line: str) -> str:
    return line.strip().strip(_TRAILING).lower()


def _words(line: str) -> int:
    return len(line.split())


def _is_paragraph(line: str) -> bool:
    stripped = line.strip()
    if stripped.endswith(("…", "...")):  # truncated teaser or bio
        return False
    ends_sentence = bool(_SENTENCE_END.search(stripped))
    if not ends_sentence:
        return False
    return _words(stripped) >= PARAGRAPH_MIN_WORDS or bool(_SENTENCE_SPLIT.search(stripped))


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    if _words(stripped) < TITLE_MIN_WORDS or stripped.endswith((".", "…", ":", "...")):
        return False
    return stripped[:1].isupper() or stripped[:1].isdigit() or stripped[:1] in "\"“'‘"


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, without its line break and outer spaces."""
    spans = []
    for match in re.finditer(r"[^\r\n]+", text):
        line = match.group()
        left = len(line) - len(line.lstrip())
        right = len(line.rstrip())
        if right > left:
            spans.append((match.start() + left, match.start() + right))
    return spans


def find_sections(text: str) -> list[Section]:
    """Split ``text`` into stories, dropping what is not story text.

    Text without any prose paragraph (a one-line note, a list of facts) is kept
    whole, minus navigation lines: graphbuild never silently discards input
    that could be a story.
    """
    breaks, drop = _phrases()
    blocks: list[list[tuple[int, int]]] = [[]]
    scraped = False
    for start, end in _lines(text):
        key = _key(text[start:end])
        if key in breaks:
            blocks.append([])
            scraped = True
        elif key in drop:
            scraped = True
        else:
            blocks[-1].append((start, end))
    if not scraped:
        # Plain text (no navigation, no teaser links): every line is the author's.
        lines = blocks[0]
        if not lines:
            return []
        first = text[lines[0][0]:lines[0][1]]
        return [Section(title=first if _is_headline(first) else None, ranges=tuple(lines))]

    sections = [s for s in (_section(text, block) for block in blocks) if s is not None]
    if sections:
        return sections
    kept = tuple(span for block in blocks for span in block)
    return [Section(title=None, ranges=kept)] if kept else []


def _section(text: str, block: list[tuple[int, int]]) -> Section | None:
    first = next((i for i, (s, e) in enumerate(block) if _is_paragraph(text[s:e])), None)
    if first is None:
        return None
    preamble = block[:first]
    headlines = [span for span in preamble if _is_headline(text[span[0]:span[1]])]
    # The headline is the longest headline-like line; captions and bylines are shorter.
    title_span = max(headlines, key=lambda sp: (_words(text[sp[0]:sp[1]]), -sp[0]), default=None)
    body = [
        span
        for span in block[first:]
        if _is_paragraph(text[span[0]:span[1]])
        or (
            _words(text[span[0]:span[1]]) >= 1
            and bool(_SENTENCE_END.search(text[span[0]:span[1]]))
            and not text[span[0]:span[1]].endswith(("…", "..."))
        )
        or _words(text[span[0]:span[1]]) >= BODY_LINE_MIN_WORDS
    ]
    ranges = ([title_span] if title_span else []) + body
    title = text[title_span[0]:title_span[1]] if title_span else None
    return Section(title=title, ranges=tuple(ranges))
