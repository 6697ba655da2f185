"""Candidate argument pairs in a sentence and the features that describe them.

Shared by the trained relation classifier and its training script, so what is
learned is exactly what is seen at run time.  Arguments are entity mentions,
pronouns (resolved or not) and, for date relations, date expressions.  A pair
is described by the dependency path between the two heads (with and without
its words), the words between them, their types and their order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..nlp.components import DATE_SPANS
from ..nlp.coref import Coref
from ..nlp.mentions import DocEntities, Mention

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
MAX_BETWEEN = 12
_CONTENT = frozenset({"NOUN", "VERB", "ADJ"})


def date_mentions(doc: Doc) -> list[Mention]:
    """Date expressions that name a year, as mentions of type ``Date`` keyed by the year."""
    found = []
    for span in doc.spans.get(DATE_SPANS, []):
        year = _YEAR.search(span.text)
        if year is None:
            continue
        found.append(Mention(f"date:{year.group()}", "Date", span.start_char, span.end_char, span.text, span.root.i))
    return found


def sentence_arguments(sent: Span, entities: DocEntities, coref: Coref, dates: list[Mention]) -> list[Mention]:
    """Every possible argument in ``sent``: entities, pronouns, dates."""
    args: dict[tuple[int, int], Mention] = {}
    for m in entities.mentions:
        if sent.start <= m.root < sent.end:
            args[(m.start, m.end)] = m
    for token in coref.pointing(sent.start, sent.end):
        pointed = coref.resolve(token)
        if pointed is not None:
            args.setdefault((pointed.start, pointed.end), pointed)
    for d in dates:
        if sent.start <= d.root < sent.end:
            args.setdefault((d.start, d.end), d)
    return sorted(args.values(), key=lambda m: m.start)


def dependency_path(a: Token, b: Token) -> tuple[list[tuple[Token, str]], Token] | None:
    """Steps from ``a`` up to the lowest common ancestor and down to ``b``, and that ancestor.

    Each step is a token and its attachment, marked ``^`` going up and ``v`` going down.
    None when the two are in different sentences.
    """
    a_chain = [a, *a.ancestors]
    b_chain = [b, *b.ancestors]
    b_index = {t.i: n for n, t in enumerate(b_chain)}
    for n, token in enumerate(a_chain):
        if token.i in b_index:
            up, down = a_chain[:n], b_chain[: b_index[token.i]]
            return [(t, f"{t.dep_}^") for t in up] + [(t, f"{t.dep_}v") for t in reversed(down)], token
    return None


def features(doc: Doc, a: Mention, b: Mention) -> list[str]:
    """String features of the ordered pair (a, b); :func:`sentence_features` adds those of its sentence."""
    ha, hb = doc[a.root], doc[b.root]
    feats = [f"ta={a.type}", f"tb={b.type}", f"tt={a.type}>{b.type}", "order=" + ("ab" if a.start < b.start else "ba")]
    if ha.pos_ == "PRON" or ha.tag_ == "WRB":
        feats.append(f"pa={ha.lower_}")
    if hb.pos_ == "PRON" or hb.tag_ == "WRB":
        feats.append(f"pb={hb.lower_}")
    found = dependency_path(ha, hb)
    if found is not None:
        steps, top = found
        deps = " ".join(d for _, d in steps)
        words = [t.lemma_.lower() for t, _ in steps if t.i not in (ha.i, hb.i)]
        if top.i not in (ha.i, hb.i):
            words.append(top.lemma_.lower())
        feats.append(f"P={deps}")
        feats.append(f"PL={deps}|{' '.join(words)}")
        feats.append(f"top={top.lemma_.lower()}")
        feats.append(f"topdep={top.dep_}")
        feats.append(f"len={min(len(steps), 6)}")
        feats.extend(f"L={w}" for w in words)
        for child in top.children:
            if child.dep_ in ("prep", "prt", "agent", "neg", "auxpass"):
                feats.append(f"topc={child.dep_}:{child.lower_}")
    else:
        feats.append("P=none")
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = []
    for t in doc[lo.root + 1 : hi.root]:
        if not (t.is_punct or t.is_space or lo.start <= t.idx < lo.end or hi.start <= t.idx < hi.end):
            between.append(t)
            if len(between) > MAX_BETWEEN:
                break  # far apart: the words between are not read
    if len(between) <= MAX_BETWEEN:
        feats.extend(f"B={t.lemma_.lower()}" for t in between)
        if len(between) <= 4:
            feats.append("BS=" + " ".join(t.lemma_.lower() for t in between))
    else:
        feats.append("B=far")
    first = doc[lo.root]
    if first.i > 0:
        feats.append(f"prev={doc[first.i - 1].lemma_.lower()}")
    if hb in ha.conjuncts:
        feats.append("coordinated")  # 'Sony, IBM and Toshiba'
    return feats


def sentence_features(sent: Span) -> list[str]:
    """Content words anywhere in the sentence, the same for all its pairs: news states a
    relation of two names with words off the path between them ('rival', 'deal', 'stake')."""
    return sorted({f"S={t.lemma_.lower()}" for t in sent if t.pos_ in _CONTENT and not t.is_stop})


def candidate_pairs(sent: Span, args: list[Mention]) -> Iterator[tuple[Mention, Mention]]:
    """Ordered pairs of distinct arguments of the sentence."""
    for a in args:
        for b in args:
            if a is not b and a.key != b.key and not (a.start < b.end and b.start < a.end):
                yield a, b
