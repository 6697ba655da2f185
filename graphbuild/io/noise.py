"""Wire-news noise the parser should not read: datelines, markup, stripped HTML entities.

News archives keep what a feed left in the text: a dateline before the story
('LOS ANGELES (Reuters) - ', 'AP - ', 'SPACE.com - TORONTO, Canada -- '), markup
('<A HREF="...">SBC.N</A>', '<b>...</b>') and HTML entities whose ampersand was
stripped ('quot;', 'AT amp;T').  The parser reads a dateline as the subject of
the story's first sentence, and a tag as words.  A dateline is boilerplate, so
:func:`without_datelines` leaves it out of the document's story segments, as the
readers leave out a page's navigation; :func:`blank_noise` turns markup inside
sentences into spaces, keeping the text's length.  Either way every offset the
pipeline finds is an offset of the input text, and mentions and evidence are cut
from the input itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Document

#: A tag of markup: '<A HREF="...">', '</b>', '<br />'.
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
#: A linked stock ticker ('<A HREF="...">SBC.N</A>'), blanked whole as a bracketed one is
#: ('Apple Computer Inc.<AAPL.O>'): left as words, the ticker would join the name before it.
_LINKED_TICKER = re.compile(r"<a\s[^<>\n]{0,300}>[A-Z0-9]{1,6}\.[A-Z]{1,3}</a>", re.IGNORECASE)
#: A Reuters instrument code in brackets after a name ('Texas Instruments Inc. (TXN.N: Quote, Profile,
#: Research)', '(0753.HK)'): left as words it becomes a company of its own.
_BRACKETED_TICKER = re.compile(r"\([A-Z0-9]{1,6}\.[A-Z]{1,3}(?::\s*Quote,\s*Profile,\s*Research)?\)")

#: An HTML entity, whole or with its ampersand stripped by the feed.
_ENTITY = re.compile(r"&?\b(quot|amp|apos|lt|gt|nbsp);|&#\d{1,4};")
_ENTITY_CHAR = {"quot": '"', "amp": "&", "apos": "'", "lt": "<", "gt": ">"}

#: A dateline opening a paragraph: places, a date or a source ('WASHINGTON (Reuters)',
#: 'MANHASSET, NY', 'InfoWorld', '8/24/2004'), then a dash.  A lowercase word ends the search.
_DATELINE = re.compile(
    r"[ \t]*(?:By )?(?:[A-Z0-9][\w.&'/]*|\([A-Za-z./ ]{2,20}\))(?:[ ,]+(?:[A-Z0-9][\w.&'/]*|of|\([A-Za-z./ ]{2,20}\)))*[ \t]+-{1,2}[ \t]+"
)
_DATELINE_MAX = 70
#: Where a paragraph starts inside a segment.
_PARAGRAPH = re.compile(r"\n(?=[^\n])")
#: Wire services that open a story alone: 'AP - ', 'Reuters - '.
_AGENCIES = frozenset({"AP", "AFP", "Reuters", "Bloomberg", "UPI"})


def _is_dateline(prefix: str) -> bool:
    """Whether the words before the dash are a dateline rather than the story's first words ('Microsoft - the giant - said').

    One word must be a wire service, a long word in capitals ('WASHINGTON'), a site
    ('SPACE.com') or a run-together name ('InfoWorld'); several need a mark of a
    dateline: a source in brackets, a comma between places, a word in capitals or 'By'.
    """
    words = prefix.split()
    if len(words) == 1:
        word = words[0]
        # 'WASHINGTON', 'AP': a word in capitals opens a dateline when it is long for a company's initials ('IBM - the ...').
        return word in _AGENCIES or word.isupper() and len(word) >= 5 or "." in word or "/" in word or any(c.isupper() for c in word[1:-1]) and not word.isupper()
    return "(" in prefix or "," in prefix or words[0] == "By" or any(len(w) > 1 and w.isupper() for w in words)


def _spaces(match: re.Match) -> str:
    return " " * len(match.group(0))


def _entity(match: re.Match) -> str:
    """'quot;' becomes its character, kept beside the word it belongs to; '&#39;' too."""
    raw = match.group(0)
    name = match.group(1)
    if name is None:
        code = int(raw[2:-1])
        char = chr(code) if code >= 32 else " "
    else:
        char = _ENTITY_CHAR.get(name, " ")
    text, end = match.string, match.end()
    next_is_word = end < len(text) and text[end].isalnum()
    return " " * (len(raw) - 1) + char if next_is_word else char + " " * (len(raw) - 1)


def _dateline_end(text: str, pos: int, end: int) -> int | None:
    """Where the story starts when a dateline opens the paragraph at ``pos``, else None."""
    found = None
    for _ in range(2):  # a source before a place: 'SPACE.com - TORONTO, Canada -- '
        match = _DATELINE.match(text, pos, end)
        if match is None or match.end() - pos > _DATELINE_MAX or not _is_dateline(match.group(0).strip().rstrip("-").strip()):
            break
        pos = found = match.end()
    return found


def without_datelines(document: Document) -> Document:
    """``document`` with the datelines that open its paragraphs left out of its story segments."""
    text, segments, changed = document.text, [], False
    for start, end in document.content_ranges():
        pos = start
        for paragraph in [start, *(m.end() for m in _PARAGRAPH.finditer(text, start, end))]:
            story = _dateline_end(text, paragraph, end) if paragraph >= pos else None
            if story is None:
                continue
            before = text[pos:paragraph].rstrip()
            if before.strip():
                segments.append((pos, pos + len(before)))
            pos, changed = story, True
        if text[pos:end].strip():
            segments.append((pos, end))
    return replace(document, segments=tuple(segments)) if changed and segments else document


def blank_noise(text: str) -> str:
    """``text`` with markup, bracketed instrument codes and stripped HTML entities blanked: the same length, the same offsets."""
    if "<" in text:
        text = _TAG.sub(_spaces, _LINKED_TICKER.sub(_spaces, text))
    if "(" in text:
        text = _BRACKETED_TICKER.sub(_spaces, text)
    if ";" in text:
        text = _ENTITY.sub(_entity, text)
    return text
