"""Group a document's entity mentions into entities with canonical keys.

Within one document a short form names the entity its long form names:
'Jun' after 'Lei Jun', 'N300' after 'Nord N300'.  Keys are the knowledge-base
id when the name is known, else a slug of the canonical name, so the same
entity gets the same key in every document and every run.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import numpy
from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase, abbreviates, name_key, name_words, person_key, slug
from .components import is_markup

ORGANIZATION_LABELS = frozenset({"Company", "Organization", "GovernmentBody"})

#: What a feed puts before a source's name at the start of a line: nothing, or a dateline 'CHICAGO ('.
_CREDIT_BEFORE = re.compile(r"[^\S\n]*(?:[A-Z][A-Za-z.,' ]*\()?")
#: What follows it: a spaced dash that opens the story ('Reuters - ', '(AP) -- ').
_CREDIT_AFTER = re.compile(r"\)?[^\S\n]+[-\u2013\u2014]{1,2}[^\S\n]")
#: What follows a credit in brackets at the end of a headline: 'Red Hat Buys Netscape Software (NewsFactor)'.
_CREDIT_AT_END = re.compile(r"\)[^\S\n]*")


@dataclass(frozen=True)
class Mention:
    """Words of the text that name an entity (or, for coreference, point at one)."""

    key: str
    type: str
    start: int  # character offsets into the processed text
    end: int
    text: str
    root: int  # token index of the mention's syntactic head
    kb_id: str | None = None


@dataclass
class EntityInfo:
    key: str
    types: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    kb_id: str | None = None


def _acronym_definitions(doc: Doc) -> dict[str, Span]:
    """'Federal Trade Commission (FTC)': the acronym stands for the entity before it in this document.

    The short form is one all-capital word in brackets right after the name whose
    letters it takes in order ('San Diego Institute for Policy Research (SDI)'),
    so that word and its later uses are the entity.
    """
    found: dict[str, Span] = {}
    for ent in doc.ents:
        end = ent.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            acronym = doc[end + 1].text
            if acronym.isupper() and len(acronym) <= 10 and len(ent) > 1 and abbreviates(acronym, ent.text):
                found.setdefault(acronym, ent)
        # 'i-STAT Corporation (Nasdaq: STAT)': a stock ticker names the company.
        if end + 4 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ":" and doc[end + 4].text == ")":
            exchange, ticker = doc[end + 1].text, doc[end + 3].text
            if exchange[:1].isupper() and exchange.isalpha() and ticker.replace(".", "").isalpha() and ticker.isupper():
                found.setdefault(ticker, ent)
    return found


#: Words that introduce another name of the entity just named: 'Ana Ruiz (born Ana Maria Torres)'.
_ALIAS_CUES = frozenset({"born", "formerly", "née", "nee", "aka", "a.k.a.", "as", "or", "simply", "known", "called", "named", ":"})
_MAX_BRACKET = 25


def _same_kind(a: str, b: str) -> bool:
    return a == b or a in ORGANIZATION_LABELS and b in ORGANIZATION_LABELS


def _bracketed_aliases(doc: Doc) -> dict[int, Span]:
    """Names in brackets right after a name that are other names of it, by their start token.

    'Kenji Sato (佐藤 健二 Sato Kenji)', 'Ana Ruiz (born Ana Maria Torres)',
    'Meta Platforms (formerly Facebook)': a bracketed
    name of the same kind that an alias word introduces, or (for people) that shares a
    word with the name, is the same entity.  Two different knowledge-base entries never merge.
    """
    found: dict[int, Span] = {}
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        if ent.end >= len(doc) or doc[ent.end].text != "(":
            continue
        close = next((t.i for t in doc[ent.end + 1 : ent.end + _MAX_BRACKET] if t.text == ")"), None)
        if close is None:
            continue
        for inner in ents[n + 1 :]:
            if inner.start >= close:
                break
            if not _same_kind(ent.label_, inner.label_) or (ent.id_ and inner.id_ and ent.id_ != inner.id_):
                continue
            cue = doc[inner.start - 1].lower_ in _ALIAS_CUES
            shared = ent.label_ == "Person" and set(person_key(ent.text).split()) & set(person_key(inner.text).split())
            if cue or shared:
                found[inner.start] = found.get(ent.start, ent)
    return found


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _has_digit(text: str) -> bool:
    return bool(re.search(r"\d", text))


@dataclass(frozen=True)
class TokenWords:
    """Strings of every token of a document, by token index.

    The rules look at each token's word to decide whether to look further; reading
    the words from one array spares a spaCy Token object per token and per look
    (building those was the largest single cost of relation matching).
    """

    lower: tuple[str, ...]
    lemma: tuple[str, ...]  # lower case
    pos: tuple[str, ...]
    tag: tuple[str, ...]

    @classmethod
    def of(cls, doc: Doc) -> TokenWords:
        strings = doc.vocab.strings
        table = doc.to_array([LOWER, LEMMA, POS, TAG])

        def column(k: int, name) -> tuple[str, ...]:
            # Each distinct value is looked up once: a document repeats most of its words.
            values, where = numpy.unique(table[:, k], return_inverse=True)
            names = [name(int(v)) for v in values]
            return tuple([names[j] for j in where.tolist()])

        return cls(
            column(0, strings.__getitem__),
            column(1, lambda v: strings[v].lower() if v else ""),
            column(2, POS_NAMES.__getitem__),
            column(3, strings.__getitem__),
        )


class DocEntities:
    """The entities of one processed document and a token -> mention index."""

    def __init__(self, doc: Doc, kb: KnowledgeBase):
        self.doc = doc
        self.text = doc.text  # spaCy rebuilds Doc.text from its tokens on every access
        self.kb = kb
        self.mentions: list[Mention] = []
        self.sent_starts = [s.start for s in doc.sents]
        self.by_token: dict[int, Mention] = {}
        self.info: dict[str, EntityInfo] = {}
        self.coref_memo: dict = {}  # what graphbuild.nlp.coref.Coref resolved in this document
        persons = [e for e in doc.ents if e.label_ == "Person"]
        products = [e for e in doc.ents if e.label_ == "Product"]
        organizations = [e for e in doc.ents if e.label_ in ORGANIZATION_LABELS and not e.id_]
        person_words = {w for p in persons if len(person_key(p.text).split()) > 1 for w in person_key(p.text).split()}
        self.acronyms = _acronym_definitions(doc)
        aliases = _bracketed_aliases(doc)
        keys: dict[int, tuple[str, str]] = {}
        for ent in doc.ents:
            label = ent.label_
            if label != "Person" and not ent.id_ and len(ent) == 1 and ent.text.lower() in person_words:
                label = "Person"  # 'Cook' after 'Tim Cook', whatever the model tagged it
            key = self._key(ent, label, persons, products, organizations)
            if ent.start in aliases and aliases[ent.start].start in keys:
                key, label = keys[aliases[ent.start].start]  # another name of the entity just named
            keys[ent.start] = (key, label)
            mention = Mention(key, label, ent.start_char, ent.end_char, ent.text, ent.root.i, ent.id_ or None)
            self._add(mention, range(ent.start, ent.end), ent.text)
        self._add_acronym_uses(doc)
        self.mentions.sort(key=lambda m: m.start)

    def _add_acronym_uses(self, doc: Doc) -> None:
        """Uses of a defined acronym the model did not tag: the bracketed one and later ones."""
        if not self.acronyms:
            return
        for token in doc:
            long_form = self.acronyms.get(token.text)
            if long_form is None or token.i in self.by_token or token.i < long_form.end:
                continue
            named = self.by_token.get(long_form.root.i)
            if named is None:
                continue
            mention = Mention(named.key, named.type, token.idx, token.idx + len(token.text), token.text, token.i, named.kb_id)
            self._add(mention, [token.i], token.text)

    def _key(self, ent: Span, label: str, persons: list[Span], products: list[Span], organizations: list[Span]) -> str:
        if ent.id_:
            return ent.id_
        if ent.text in self.acronyms:  # 'FTC' after 'Federal Trade Commission (FTC)'
            long_form = self.acronyms[ent.text]
            entry = self.kb.lookup(long_form.text)
            return entry.id if entry is not None else slug(self.kb.organization_key(long_form.text))
        if label == "Person":
            key = person_key(ent.text)
            words = key.split()
            if len(words) == 1:
                # 'Jun' is the 'Lei Jun' of this document when one longer name has that word.
                longer = {person_key(p.text) for p in persons if len(person_key(p.text).split()) > 1 and words[0] in person_key(p.text).split()}
                if len(longer) == 1:
                    key = longer.pop()
            return slug(key)
        if label in ORGANIZATION_LABELS:
            return slug(self._full_organization_key(ent.text, organizations))
        key = name_key(ent.text)
        if label == "Product" and _has_digit(key):
            # 'N200' is the 'OnePlus Nord N200 5G' of this document: its words stand inside one longer name.
            longer = {name_key(p.text) for p in products if name_key(p.text) != key and _contains(name_key(p.text).split(), key.split())}
            if len(longer) == 1:
                key = longer.pop()
        return slug(key)

    def _full_organization_key(self, text: str, organizations: list[Span]) -> str:
        """'Federated' is the 'Federated Department Stores' of this document: the one name it begins,
        followed only by words of a company's trade or legal form ('Sony Ericsson' stays apart from 'Sony')."""
        key = self.kb.organization_key(text)
        words = name_key(text).split()
        if not words or " ".join(words) in name_words("generic_stems"):
            return key
        tails = name_words("trade_words") | name_words("descriptors") | name_words("legal_suffixes")
        longer = set()
        for other in organizations:
            other_words = name_key(other.text).split()
            if len(other_words) > len(words) and other_words[: len(words)] == words and tails.issuperset(other_words[len(words):]):
                longer.add(self.kb.organization_key(other.text))
        return longer.pop() if len(longer) == 1 else key

    def _add(self, mention: Mention, token_ids: range | list[int], name: str) -> None:
        self.mentions.append(mention)
        for i in token_ids:
            self.by_token[i] = mention
        info = self.info.setdefault(mention.key, EntityInfo(mention.key))
        info.types[mention.type] += 1
        info.names[" ".join(name.split())] += 1  # a name across a line break or blanked markup
        info.kb_id = info.kb_id or mention.kb_id

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    @cached_property
    def words(self) -> TokenWords:
        """Every token's lower-case form, lemma, part of speech and tag, read once."""
        return TokenWords.of(self.doc)

    def credits_source(self, mention: Mention) -> bool:
        """Whether the mention is a news feed's credit ('Reuters - ...', 'CHICAGO (Reuters) - ...', a headline's '... (AP)').

        The agency that sent the story is not a party to what it reports, whatever
        the sentence goes on to say; a dash that closes an aside later in the sentence
        ('Sony - which makes the PSP - said') makes the first one an aside, not a credit.
        """
        line_start = self.text.rfind("\n", 0, mention.start) + 1
        line_end = self.text.find("\n", mention.end)
        if line_end < 0:
            line_end = len(self.text)
        if _CREDIT_AT_END.fullmatch(self.text, mention.end, line_end) and self.text[line_start:mention.start].rstrip().endswith("("):
            return True  # a headline's credit: 'Red Hat Acquires Netscape Server Software (NewsFactor)'
        after = _CREDIT_AFTER.match(self.text, mention.end)
        if after is None or not _CREDIT_BEFORE.fullmatch(self.text, line_start, mention.start):
            return False
        sentence_end = self.doc[mention.root].sent.end_char
        return _CREDIT_AFTER.search(self.text, after.end(), sentence_end) is None

    def demonym(self, token: Token) -> Mention | None:
        """A place named by an adjective ('Chinese' -> China), known to the knowledge base."""
        entry = self.kb.place_of_demonym(token.text)
        if entry is None or token.pos_ not in ("ADJ", "PROPN", "NOUN"):
            return None
        mention = Mention(entry.id, entry.type, token.idx, token.idx + len(token.text), token.text, token.i, entry.id)
        info = self.info.setdefault(entry.id, EntityInfo(entry.id))
        info.types[entry.type] += 1
        info.names[entry.name] += 1
        info.kb_id = entry.id
        return mention

    def untagged_name(self, token: Token, types: frozenset[str]) -> Mention | None:
        """A capitalised proper noun the model did not tag, where a rule expects a name of ``types``.

        'Quorvex Systems is a subsidiary of Thor Industries': the rule's path reaches
        'Quorvex Systems', and the relation's domain says what it must be.  The name
        (with its compound words) becomes a mention like any other.  Besides a clause's
        subject, the name after 'at' a noun is read ('chief technology officer at MessageLabs'):
        'with' or 'for' would also take 'a Chief Executive Officer' for an organization.
        """
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.i in self.by_token or token.ent_type_:
            return None
        if token.dep_ not in ("nsubj", "nsubjpass") and not (token.dep_ == "pobj" and token.head.lower_ == "at" and token.head.head.pos_ == "NOUN"):
            return None
        words = [token]
        while words[0].i > 0:
            prev = self.doc[words[0].i - 1]
            if prev.pos_ == "PROPN" and prev.head.i == token.i and prev.dep_ in ("compound", "flat") and prev.text[:1].isupper() and prev.i not in self.by_token:
                words.insert(0, prev)
            else:
                break
        span = self.doc[words[0].i : token.i + 1]
        if is_markup(span):
            return None
        if len(span) == 1 and token.is_sent_start and not re.search(r"\d|.[A-Z]", token.text):
            return None  # any word is capitalised there: 'News of Xiaomi entering...'
        if len(span) == 1 and any(c.dep_ == "det" for c in token.children):
            return None  # 'the Company' of a filing is a description, not a name
        entry = self.kb.lookup(span.text)
        if entry is not None and (span.text not in (entry.name, *entry.aliases) or entry.type not in types):
            entry = None  # 'News' is not 'News Corp'
        if entry is not None:
            key, etype = entry.id, entry.type
        elif "Person" in types and not types & ORGANIZATION_LABELS:
            key, etype = slug(person_key(span.text)), "Person"
        elif types & ORGANIZATION_LABELS:
            key, etype = slug(self.kb.organization_key(span.text)), "Organization" if "Organization" in types else sorted(types & ORGANIZATION_LABELS)[0]
        else:
            return None
        if not key:
            return None
        mention = Mention(key, etype, span.start_char, span.end_char, span.text, token.i, entry.id if entry is not None else None)
        self._add(mention, range(span.start, span.end), span.text)
        return mention

    def topic(self, types: frozenset[str], exclude: set[str] = frozenset()) -> Mention | None:
        """The document's main entity of ``types`` (the most mentioned; ties: named first), as its first mention.

        News names its subject again and again: 'rival Yahoo' in a story about Google is Google's rival.
        """
        counts: dict[str, int] = {}
        first: dict[str, Mention] = {}
        for m in self.mentions:
            if m.type in types and m.key not in exclude:
                counts[m.key] = counts.get(m.key, 0) + 1
                first.setdefault(m.key, m)
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k], -first[k].start))
        return first[best] if counts[best] > 1 else None

    def before(self, token: Token, types: frozenset[str], max_sentences: int = 3) -> list[Mention]:
        """Mentions of the given types before ``token``, nearest first, within a few sentences."""
        sent_starts = self.sent_starts
        current = max((i for i, s in enumerate(sent_starts) if s <= token.i), default=0)
        earliest = sent_starts[max(0, current - max_sentences)]
        found = [m for m in self.mentions if m.type in types and earliest <= m.root < token.i]
        return sorted(found, key=lambda m: m.root, reverse=True)
