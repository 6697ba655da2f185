"""graphbuild's spaCy components, registered as factories.

* ``graphbuild_segment_boundaries``: a sentence never runs across two story
  lines (a headline without a full stop and the first paragraph).
* ``graphbuild_gazetteer``: an entity ruler built from the knowledge base, run
  before ``ner``: it names what the statistical model misses or mislabels
  (companies tagged as people, product models such as 'Snapdragon 8 Plus Gen 1').
  It presets them under the model's own labels and keeps their graphbuild types
  aside, in a span group the entity typer reads back.
* ``graphbuild_entity_typer``: types each name (the knowledge base's type,
  else the learned typer of :mod:`graphbuild.nlp.entity_types`, else rules
  over spaCy's label and the name's words), trims determiners and possessives
  off entity spans, and drops entity kinds graphbuild does not model (dates,
  numbers, nationalities).
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase, load_kb, name_words, not_a_name
from ..kb.base import ENTITY_TYPES

#: Span group where the entity typer keeps the document's date expressions.
DATE_SPANS = "graphbuild_dates"

#: spaCy (OntoNotes) labels and the graphbuild type they become; others are dropped.
SPACY_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "PRODUCT": "Product"}
#: The model's label a known name is preset with.  The recogniser only knows its own
#: labels: preset with one of ours, it grows its output layer by moves it never learned
#: (74 to 94) and decodes every word about a quarter slower.
PRESET_LABELS = {"Company": "ORG", "Organization": "ORG", "GovernmentBody": "ORG", "Person": "PERSON", "Product": "PRODUCT", "Place": "GPE"}
#: Span group where the gazetteer keeps its names, with graphbuild's types and ids, while the model reads the text.
KNOWN_SPANS = "graphbuild_known"

#: Words that make an organization name a government body or a company.
GOVERNMENT_WORDS = frozenset(
    "ministry department commission agency congress senate parliament court tribunal authority bureau "
    "government administration regulator council committee office cabinet treasury police army navy "
    "lawmakers legislators regulators senators".split()
)
COMPANY_WORDS = frozenset(
    "inc inc. corp corp. corporation co co. ltd ltd. llc plc ag sa gmbh holdings group technologies technology "
    "systems electronics telecom telecoms communications networks airlines motors robotics software labs "
    "pharmaceuticals pharma semiconductor semiconductors industries enterprises ventures capital partners "
    "media entertainment games studios bank bancorp insurance energy solutions services digital interactive".split()
)

#: Tokens that may follow a brand or product line in a model name: 'Galaxy S22 Ultra'.
MODEL_WORDS = (
    "Ultra Pro Plus Max Mini Lite Gen Note Edge Fold Flip Air Neo Prime Series Go XL XR XS SE CE GT "
    "Touch Nano Classic Slim Duo Play Power Turbo Sport Active Neo".split()
)
#: A lettered model code: 'N200', 'E200', 'X505'.
LETTERED_MODEL = r"[A-Za-z]{1,4}\d{1,5}[A-Za-z]{0,3}"
MODEL_TOKEN = rf"^(?:(?!(?:19|20)\d\d$)\d{{1,4}}[A-Za-z]{{0,3}}|{LETTERED_MODEL})$"
GENERATION = r"^[2345]G$"
#: A model code that names a product on its own: 'A380', 'W800', '7E7', 'F-16', '777-200LR', 'PMA430'.  Capital
#: letters and two digits or more: 'MP3', '3G' and 'G8' have one digit, 'Top500' and 'mid-2005' lowercase words.
CODE_NAME = re.compile(r"^(?=(?:\D*\d){2})(?=[^A-Z]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*[a-z]?$")
#: Nouns that may end a product-line name: 'Mi Bluetooth speaker', 'Galaxy Tab'.
PRODUCT_NOUNS = "speaker speakers phone phones camera kit watch band tablet laptop headphones earbuds router tv console".split()


def add_tokenizer_exceptions(nlp: Language) -> None:
    """Keep '5G' and its kin one token, as they are one word in product names, and
    'vice-president' one word, as the title it is (split, the parser hangs the
    organization before it on 'vice': 'Google vice-president of operations')."""
    for word in ("2G", "3G", "4G", "5G", "6G", "vice-president", "Vice-President", "Vice-president"):
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])


@Language.component("graphbuild_segment_boundaries", assigns=["token.is_sent_start"])
def segment_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line (graphbuild joins story lines with one)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def gazetteer_patterns(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Entity-ruler patterns for every knowledge-base name and for product model names."""
    patterns: list[dict[str, Any]] = []
    heads: list[str] = []
    for entry in kb.entries.values():
        if entry.standalone:
            for name in entry.names:
                patterns.append({"label": entry.type, "pattern": name, "id": entry.id})
        if entry.brand or entry.line:
            heads.extend(entry.names)
    head_words = sorted({h for h in heads if " " not in h})
    lines = sorted({n for e in kb.entries.values() if e.line for n in e.names if " " not in n})
    model = {"TEXT": {"REGEX": MODEL_TOKEN}}
    model_or_word = {"TEXT": {"REGEX": MODEL_TOKEN + "|^(?:" + "|".join(MODEL_WORDS) + ")$"}, "OP": "*"}
    optional_line = {"TEXT": {"IN": lines}, "OP": "?"}
    generation = {"TEXT": {"REGEX": GENERATION}, "OP": "?"}
    # brand [line] model-number [model words...] [5G]: 'Xiaomi 12 Ultra', 'OnePlus Nord N200 5G'
    patterns.append({"label": "Product", "pattern": [{"TEXT": {"IN": head_words}}, optional_line, model, model_or_word, generation]})
    # brand [line] model-word...: 'iPhone SE', 'OnePlus Nord CE 2 5G'
    patterns.append(
        {"label": "Product", "pattern": [{"TEXT": {"IN": head_words}}, optional_line, {"TEXT": {"IN": MODEL_WORDS}}, model_or_word, generation]}
    )
    # line model [model words...] [5G], where a line (unlike a brand) may take a year or a code in capitals
    # as its model: 'Windows 2000', 'Windows XP', 'PlayStation 2'; never a known name or a device noun ('Windows PC').
    not_models = sorted({n for e in kb.entries.values() for n in e.names if " " not in n} | {w.upper() for w in name_words("model_heads")})
    line_model = {"TEXT": {"REGEX": rf"{MODEL_TOKEN}|^(?:19|20)\d\d$|^[A-Z]{{2,3}}$", "NOT_IN": not_models}}
    patterns.append({"label": "Product", "pattern": [{"TEXT": {"IN": lines}}, line_model, model_or_word, generation]})
    # line lowercase-model: 'iPod mini', 'Mac mini'
    patterns.append({"label": "Product", "pattern": [{"TEXT": {"IN": lines}}, {"LOWER": {"IN": sorted(name_words("line_models"))}}]})
    # line Title-words [product noun]: 'Mi Sphere Camera Kit', 'Mi Bluetooth speaker', 'Windows Media Player'
    for n_words in (1, 2, 3):
        patterns.append(
            {
                "label": "Product",
                "pattern": [{"TEXT": {"IN": lines}}]
                + [{"IS_TITLE": True, "LENGTH": {">=": 2}, "ENT_TYPE": {"NOT_IN": list(ENTITY_TYPES)}}] * n_words
                + [{"LOWER": {"IN": PRODUCT_NOUNS}, "OP": "?"}],
            }
        )
    return patterns


def _modified_after(ent: Span, labels: tuple[str, ...] = ("Company", "Organization")) -> Token | None:
    """The word after an organization's name that the name modifies ('Wholesale' in 'BT Wholesale'), if any."""
    doc = ent.doc
    last = doc[ent.end - 1]
    if ent.label_ not in labels or ent.end >= len(doc) or last.dep_ != "compound" or not last.whitespace_ or last.head.i < ent.end:
        return None
    return last.head


def _name_goes_on(ent: Span) -> bool:
    """'Google Video', 'Kuwait Invest': a known organization's or place's name the parser joins to the capitalised word after it.

    That word ends another name (a product or a unit named after its maker, a
    company named after its country): the statistical model, not the knowledge
    base, is to say where it ends; a place it still names alone is linked by the
    typer.  After an organization's name, a descriptor or legal suffix ('Lucent
    Technologies', 'Xiaomi Corp.') is not such a word; nor, after any name, is a
    word that itself modifies a noun.
    """
    following = _modified_after(ent, ("Company", "Organization", "Place"))
    if following is None or following.i != ent.end or following.pos_ != "PROPN" or not following.is_title or following.ent_type_ or following.dep_ == "compound":
        return False
    word = following.lower_.rstrip(".")
    if ent.label_ == "Place":
        # After a place, a company word makes a company's name ('Japan Airlines', 'China Telecom');
        # a legal suffix ends a unit's ('Ambuja Cement India Ltd'), which the unit rule reads with its place.
        return word not in name_words("legal_suffixes")
    return word not in name_words("descriptors") and word not in name_words("legal_suffixes") and word not in COMPANY_WORDS


def _with_name_endings(doc: Doc) -> Doc:
    """'Time Warner Inc.', 'Philips Electronics': a known company's mention covers the legal suffix or descriptor written after its name.

    The name stays the same node (a name's key drops both), but the parser makes
    the last word the head ('Philips Electronics and Samsung signed'): a mention
    that stops short of it is out of reach of the rules that read the parse.  A
    descriptor joins only where the parser attaches the name to it.
    """
    suffixes = name_words("legal_suffixes") - name_words("group_suffixes")
    descriptors = name_words("descriptors")
    taken = {e.start for e in doc.ents}
    ents, changed = [], False
    for ent in doc.ents:
        end = ent.end
        if ent.id_ and ent.label_ in ("Company", "Organization"):
            if end < len(doc) and doc[end].is_title and doc[end].lower_ in descriptors and end not in taken and doc[end - 1].head.i == end:
                end += 1
            if end < len(doc) and not doc[end].is_lower and doc[end].lower_.rstrip(".") in suffixes and end not in taken:
                end += 1
        if end > ent.end:
            for token in doc[ent.end : end]:
                token.ent_id_ = ent.id_
            ent = Span(doc, ent.start, end, label=ent.label_, span_id=ent.id_)
            changed = True
        ents.append(ent)
    if changed:
        doc.ents = ents
    return doc


def _ends_longer_name(ent: Span) -> bool:
    """'Credit Suisse First Boston': a known place ending a run of proper nouns the parser joins to it.

    The run is one name (a bank, a university), which the statistical model is to
    read whole.  A run that starts with a known name is left alone: 'Microsoft
    Japan' is a unit named by its company and a place, which other rules read.
    """
    doc = ent.doc
    if ent.label_ != "Place" or ent.start == 0:
        return False
    before = doc[ent.start - 1]
    return before.pos_ == "PROPN" and before.is_title and before.dep_ == "compound" and before.head.i in range(ent.start, ent.end) and not before.ent_type_


class Gazetteer:
    """An entity ruler over the knowledge base (and user KB files)."""

    def __init__(self, nlp: Language, name: str, kb_paths: list[str], use_bundled: bool):
        self.name = name
        self.kb = load_kb(kb_paths, bundled=use_bundled)
        self.ruler = EntityRuler(nlp, name=f"{name}_ruler", phrase_matcher_attr="ORTH", overwrite_ents=True)
        self.ruler.add_patterns(gazetteer_patterns(self.kb))

    def __call__(self, doc: Doc) -> Doc:
        doc = self.ruler(doc)
        # 'Meta Group' is not Meta: leave the whole name to the model.
        dropped = [
            e
            for e in doc.ents
            if e.id_ and (e.end < len(doc) and (self.kb.names_another(e.text, doc[e.end].text) or _name_goes_on(e)) or _ends_longer_name(e))
        ]
        if dropped:
            for token in (t for e in dropped for t in e):
                token.ent_id_ = ""
            starts = {e.start for e in dropped}
            doc.ents = [e for e in doc.ents if e.start not in starts]
        doc = _with_name_endings(doc)
        known = list(doc.ents)
        doc.spans[KNOWN_SPANS] = known
        doc.ents = [Span(doc, e.start, e.end, label=PRESET_LABELS[e.label_], span_id=e.id_) for e in known]
        return doc


def restore_known_names(doc: Doc) -> None:
    """Give the names the gazetteer preset back their graphbuild types and ids once the model has read around them."""
    known = {(s.start, s.end): s for s in doc.spans.get(KNOWN_SPANS, ())}
    if known:
        doc.ents = [known.get((e.start, e.end), e) for e in doc.ents]
    doc.spans.pop(KNOWN_SPANS, None)


@Language.factory(
    "graphbuild_gazetteer",
    default_config={"kb_paths": [], "use_bundled": True},
    assigns=["doc.ents", "doc.spans", "token.ent_type", "token.ent_id"],
)
def make_gazetteer(nlp: Language, name: str, kb_paths: list[str], use_bundled: bool) -> Gazetteer:
    return Gazetteer(nlp, name, kb_paths, use_bundled)


def _trim(span: Span) -> Span | None:
    """Drop determiners, possessive endings and punctuation at the edges of an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    # Determiners and lowercase descriptors glued on by the model: 'the', 'firm Aggregate Industries',
    # 'first Wimax'; name particles stay ('da Silva', 'van Gogh').
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or doc[start].is_punct
        or doc[start].is_space
        or doc[start].is_alpha and doc[start].is_lower and doc[start].lower_ not in name_words("name_particles") and start + 1 < end
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct and doc[end - 1].text not in (".", "+", "!") or doc[end - 1].is_space or doc[end - 1].lower_ in ("and", "or")
    ):
        end -= 1  # 'Halo 2 and' (Half-Life 2): a name never ends in a conjunction
    while (
        end - 1 > start and doc[end - 1].is_lower and doc[end - 1].is_alpha and doc[end - 1].dep_ in ("compound", "amod")
        and doc[end - 1].head.i >= end and doc[end - 1].lower_ not in GOVERNMENT_WORDS
    ):
        end -= 1  # 'RICS housing spokesman': a lowercase word modifying what follows the name is no part of it ('UK government officials' keeps it)
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_, span_id=span.id_) if hasattr(Span, "id_") else Span(doc, start, end, label=span.label_)


def _with_name_possessive(span: Span) -> Span:
    """'Macy's', 'Sainsbury's': an 's that possesses nothing is part of the name.

    In "May's debt" the name is the possessor ('poss') of 'debt' and the 's only
    marks it; in "owner of Macy's and Bloomingdale's" or "McDonald's said" the
    parser makes the name itself the argument, so its 's belongs to it.
    """
    doc, end = span.doc, span.end
    if end < len(doc) and doc[end].tag_ == "POS" and doc[end].head.i == end - 1 and doc[end - 1].dep_ not in ("poss", "compound") and not doc[end - 1].whitespace_:
        return Span(doc, span.start, end + 1, label=span.label_)
    return span


def _looks_like_name(span: Span, product: bool = False) -> bool:
    """Whether ``span`` can be a name; with ``product``, a lone model code is one ('A380', '7E7').

    A code names a product, not an organization or a place: as a product
    it needs the model's PRODUCT label or a product noun after it ('A320
    aircraft'); 'G20' and '29A' tagged as an organization and a place stay out.
    """
    text = span.text
    if not_a_name(text):  # '$377bn', '1.8GHz', 'non-Nato'
        return False
    if is_markup(span):  # '<A HREF=http://...>', '<MSFT.O>' left in news feeds
        return False
    if len(re.findall(r"[^\W\d_]", text)) < 2 and not (product and CODE_NAME.match(text)):  # '2021', '5', the 'D' of '(D-Vermont)'
        return False
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() or t.text[:1].islower() and t.text[1:2].isupper() for t in span):
        return False  # 'huawei p20 pro leica' captions, common nouns; 'iPod' and 'eBay' are names
    return len(span) <= 8


#: An HTML tag, and the text of a link, left in news-feed text: '<A HREF="...">VZ.N</A>', '<MSFT.O>'.
_MARKUP = re.compile(r"<[^<>\n]{1,400}>(?:[^<>\n]{0,40}</[A-Za-z]+>)?")


def is_markup(span: Span) -> bool:
    """Web markup or an address, not a name: words inside a tag or a link, a URL (not a domain name)."""
    # 'Amazon.com' and 'Blue Gene/L' are names; 'http://...', 'www.x.com' and 'FullQuote.aspx?ticker=' are addresses.
    if any(any(c in t.text for c in "<>=?") or "://" in t.text or t.lower_.startswith(("http", "www.")) for t in span):
        return True
    doc = span.doc
    ranges = doc.user_data.get("graphbuild_markup")
    if ranges is None:
        text = doc.text  # spaCy joins the tokens' texts on every access
        ranges = doc.user_data["graphbuild_markup"] = [m.span() for m in _MARKUP.finditer(text)] if "<" in text else []
    return any(a < span.end_char and span.start_char < b for a, b in ranges)


def _split_at_spaced_dashes(span: Span) -> list[Span]:
    """'NewsFactor - Red Hat': a dash between spaces separates a source line from a name, never joins a name."""
    doc, pieces, start = span.doc, [], span.start
    for token in span:
        if token.text in ("-", "–", "—") and token.i > span.start and doc[token.i - 1].whitespace_ and token.whitespace_:
            pieces.append((start, token.i))
            start = token.i + 1
    if not pieces:
        return [span]
    pieces.append((start, span.end))
    return [Span(doc, a, b, label=span.label_) for a, b in pieces if a < b]


def _split_at_alternatives(span: Span) -> list[Span]:
    """'ProtectTools or Wave Systems' Embassy', 'Outlook and Outlook Express': two names the model ran together.

    No name holds 'or'; 'and' joins many ('Securities and Exchange Commission'), so
    a span is cut there only when the words after it repeat the span's first word.
    """
    doc, first = span.doc, span[0].text
    for token in span[1:-1]:
        if token.pos_ == "CCONJ" and (token.lower_ == "or" or token.lower_ == "and" and doc[token.i + 1].text == first):
            return [Span(doc, span.start, token.i, label=span.label_), *_split_at_alternatives(Span(doc, token.i + 1, span.end, label=span.label_))]
    return [span]


def _propagate(doc: Doc, ents: list[Span]) -> list[Span]:
    """One sense per document: a name recognised once is an entity wherever it recurs.

    The statistical model often tags 'Acme Robotics' in one sentence and misses it
    in the next; every other occurrence of the same words gets the same label.
    """
    from spacy.matcher import PhraseMatcher

    named = {}
    for ent in ents:
        if any(t.is_upper or t.is_title for t in ent):
            named.setdefault(ent.text, ent)
    if not named:
        return ents
    matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    for text, ent in named.items():
        matcher.add(text, [Doc(doc.vocab, words=[t.text for t in ent])])  # ORTH needs only the words; as_doc copies every annotation
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    added = []
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if any(i in taken for i in range(start, end)):
            continue
        source = named[doc.vocab.strings[match_id]]
        span = Span(doc, start, end, label=source.label_)
        span.id_ = source.id_
        added.append(span)
        taken.update(range(start, end))
    return sorted(ents + added, key=lambda e: e.start)


#: Words inside a name that never end one: 'Bank of', 'Institute for' are cut-off names.
_NAME_JOINERS = frozenset({"of", "for", "de", "du", "des", "and", "&"})


def _join_cut_names(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """'Bank of' + 'America' is 'Bank of America'; 'Sergio' + 'Marchionne' is 'Sergio Marchionne'.

    The gazetteer fixes 'America' as a place before the model reads the text,
    so the model can only tag the name around it; a span that ends in 'of' and
    touches the next entity is one name with the next one.  The model also tags
    an unfamiliar surname as a date now and then: a proper noun that is no
    calendar word, right after a person's name the parser joins it to, is the
    rest of that name.
    """
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if last is not None and last.end == ent.start and len(last) > 1 and last[-1].lower_ in _NAME_JOINERS:
            joined[-1] = Span(doc, last.start, ent.end, label=last.label_)
        elif last is not None and last.end == ent.start and last.label_ == "PERSON" and _surname_tagged_as_date(ent):
            joined[-1] = Span(doc, last.start, ent.end, label=last.label_)
        elif last is not None and last.end == ent.start and _one_name_in_two(last, ent):
            joined[-1] = Span(doc, last.start, ent.end, label=last.label_)
        else:
            joined.append(ent)
    return joined


def _one_name_in_two(first: Span, second: Span) -> bool:
    """'Aguas' + 'Argentinas': two names of one kind the model cut apart, which the parser reads as one noun phrase.

    Names the gazetteer set are left alone ('Yahoo Japan' is a known company and
    a known place, read by other rules).
    """
    last = first[-1]
    return (
        first.label_ == second.label_ and first.label_ in SPACY_LABELS and not first.id_ and not second.id_
        and last.pos_ == "PROPN" and second[0].pos_ == "PROPN" and last.dep_ == "compound" and last.head.i in range(second.start, second.end)
        and bool(last.whitespace_)
    )


#: Month and day names, in English: a date's proper nouns.
_CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr) if w)


def _surname_tagged_as_date(ent: Span) -> bool:
    """'Marchionne' tagged DATE right after 'Sergio': one title-case proper noun that names no time."""
    word = ent[0]
    return (
        ent.label_ == "DATE" and len(ent) == 1 and word.pos_ == "PROPN" and word.is_title and word.lower_ not in _CALENDAR_WORDS
        and word.i > 0 and word.doc[word.i - 1].head.i == word.i
    )


#: The learned typer replaces the rules' type only when at least this sure,
#: and makes an entity of a run of proper nouns the model left untagged only when this sure.
MIN_TYPE_PROBABILITY = 0.5
MIN_UNTAGGED_PROBABILITY = 0.6
#: spaCy's place and person labels are mostly right (415 of the 484 annotated spans it tags GPE in news_train
#: are places): the typer overrides them only when this sure.
MIN_OVERRIDE_PLACE_OR_PERSON = 0.8
#: Sentences from which a text is an article that introduces the people it names.
MIN_ARTICLE_SENTENCES = 5
#: The label of an untagged run of proper nouns offered to the typer.
UNTAGGED = "UNTAGGED"


def _untagged_runs(doc: Doc, taken: set[int]):
    """Maximal runs of proper nouns (and model numbers inside them) outside every entity.

    A run is a whole written word: it extends over pieces joined without a space
    ('Blu-ray', 'PCG-X505/P').  It is not a candidate when it touches an entity
    (it is a piece of that name: 'Mr' of 'Mr Sullivan', 'Inc.' after 'Time Warner'),
    when it is one word opening a sentence ('Meanwhile'), or inside a headline in
    title case, where words are capitalised for other reasons.
    """
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha]
        if len(words) > 3 and sum(t.is_title or t.is_upper for t in words) > 0.8 * len(words):
            continue
        i = sent.start
        while i < sent.end:
            if doc[i].pos_ != "PROPN" or i in taken:
                i += 1
                continue
            start, end = i, i + 1
            while end < sent.end and end not in taken and (doc[end].pos_ == "PROPN" or doc[end].like_num or not doc[end - 1].whitespace_ and not doc[end].is_punct or doc[end].text in "-/+" and not doc[end - 1].whitespace_):
                end += 1
            while start > sent.start and not doc[start - 1].whitespace_ and not doc[start - 1].is_punct and start - 1 not in taken:
                start -= 1
            while end > start and (doc[end - 1].like_num and end - 1 > start and doc[end - 2].whitespace_ or doc[end - 1].text in "-/"):
                end -= 1  # a count after a name ('Nokia 6600 phones' keeps 6600; 'Apple 3' is no model)
            i = max(end, i + 1)
            touches = start - 1 in taken and not doc[start - 1].is_punct or end in taken
            if touches or end - start == 1 and doc[start].is_sent_start:
                continue
            yield Span(doc, start, end, label=UNTAGGED)


#: Technical specifications before a product noun, besides amounts ('20GB player'): '3G mobile phone', '5MP camera'.
_SPECIFICATION = re.compile(r"^\d+(?:G|MP|mm|in)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _specification(text: str) -> bool:
    """A count, an amount or a technical specification: no part of a model's name."""
    return not_a_name(text) == "amount" or bool(_SPECIFICATION.match(text))


def _model_piece(token: Token, glued_to_next: bool) -> bool:
    """A word that may belong to a model name: a proper noun, an acronym, a model code, or a joiner inside a word."""
    text = token.text
    if token.tag_ == "POS" or token.pos_ == "DET" or token.is_space:
        return False
    if text in ("-", "/", "+") and glued_to_next and token.i > 0 and not token.doc[token.i - 1].whitespace_:
        return True  # 'PCG-X505/P'
    if token.is_punct or _specification(text) or _YEAR.match(text):
        return False
    return token.pos_ == "PROPN" and not token.is_lower or token.is_upper and token.is_alpha or any(c.isdigit() for c in text)


def _model_run(head: Token) -> tuple[int, int] | None:
    """Token range of the model name before ``head`` ('PCG-X505/P Vaio' before 'laptop'), or None.

    Lowercase modifiers between the name and its noun ('digital camera', 'media
    server') are stepped over; the name stays inside the noun's phrase.
    """
    doc, low = head.doc, head.left_edge.i
    i = head.i - 1
    while i >= low and (doc[i].is_lower and doc[i].is_alpha or _specification(doc[i].text)):
        i -= 1
    end = i + 1
    while i >= low and _model_piece(doc[i], glued_to_next=i + 1 < end and not doc[i].whitespace_):
        i -= 1
    start = i + 1
    while start < end and doc[start].text in ("-", "/", "+"):
        start += 1
    return (start, end) if start < end else None


def _model_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Products named by a model before a product noun, or by a model code after their maker.

    'Sony's PCG-X505/P Vaio laptop', 'the Vaio W1 desktop computer', 'the
    PH-S6500 phone', 'the Orange E200': the statistical model cuts such names into
    pieces or misses them.  A run of names and codes before a noun of
    ``model_heads`` is one product; a maker's name leads it only when a model
    code follows ('Nokia 6600'), else the maker stays apart ('Sony PSP' is the
    PSP).  A run that is already one entity, or any known kind of name that is
    not a product, is left alone ('Sony laptop', 'Manchester United player').
    """
    heads = name_words("model_heads")
    found: list[tuple[int, int]] = []
    for token in doc:
        if token.pos_ == "NOUN" and token.lemma_.lower() in heads:
            run = _model_run(token)
            if run is not None:
                found.append(run)
    by_start = {e.start: e for e in ents}
    for ent in ents:  # 'Orange E200', 'SonyEricsson P900': a maker's name, then a model code glued to it by the parse
        after = ent.end
        code_alone = after in by_start and by_start[after].end == after + 1  # 'A380' tagged on its own after 'Airbus'
        if ent.label_ in ("Company", "Organization") and after < len(doc) and CODE_NAME.match(doc[after].text) and (after not in by_start or code_alone):
            if doc[after].head.i in range(ent.start, ent.end) or ent.root.head.i == after:
                found.append((ent.start, after + 1))
    for start, end in found:
        inside = [e for e in ents if e.start < end and e.end > start]
        if any(e.start < start or e.end > end for e in inside):
            continue  # the run cuts a known name
        if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
            continue
        makers = [e for e in inside if e.label_ != "Product"]
        if len(makers) > 1 or makers and makers[0].start != start:
            continue
        if makers:
            rest = range(makers[0].end, end)
            code = len(rest) == 1 and CODE_NAME.match(doc[rest[0]].text)
            if not rest or not code and all(any(e.start <= i < e.end for e in inside if e.label_ == "Product") for i in rest):
                continue  # 'Sony PlayStation': a maker and a known product; 'EOS 300D' is one model
            if not any(any(c.isdigit() for c in doc[i].text) for i in rest):
                start = makers[0].end  # 'Sony PSP' names the PSP
        span = Span(doc, start, end, label="Product")
        if not _looks_like_name(span, product=True) or span.text.lower() in heads:
            continue
        if " " not in span.text and not span[0].is_title and sum(c.isdigit() for c in span.text) < 2:
            continue  # one acronym names a format, not a model: 'DVD player', 'MP3 player', 'USB drive'
        for token in span:
            token.ent_id_ = ""  # a maker's knowledge-base id would otherwise stay on its word
        ents = [e for e in ents if not (e.start < end and e.end > start)] + [span]
    return sorted(ents, key=lambda e: e.start)


def _family_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """'the Agnelli family', 'the Ambani clan': a surname before a family noun names the family, an owner of its own.

    The model tags the surname alone, as a person or an organization; the family
    is neither that person nor the company that bears the name.
    """
    nouns = name_words("family_nouns")
    out = []
    for ent in ents:
        after = ent.end
        if (
            ent.label_ in ("Person", "Organization") and not ent.id_ and after < len(doc) and doc[after].lower_ in nouns
            and ent[-1].dep_ == "compound" and ent[-1].head.i == after and doc[after].dep_ != "compound"
        ):
            ent = Span(doc, ent.start, after + 1, label="Organization")
        out.append(ent)
    return out


def _unit_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """'BT Wholesale', 'Microsoft Japan', 'Ambuja Cement India Ltd': an organization's name before a unit word or a place names a unit.

    The gazetteer fixes 'BT' and 'Japan' before the model reads the text, so the
    model cannot tag the whole name; the parser still joins the two (the
    organization's name modifies the word after it).  The joined name is an
    organization of its own, not the one it starts with.  A place or unit word
    that itself modifies a noun is left alone ('Nokia UK customers').
    """
    units, suffixes = name_words("unit_words"), name_words("legal_suffixes")
    by_start = {e.start: e for e in ents}
    merged: dict[int, Span] = {}
    for ent in ents:
        head = _modified_after(ent)
        if head is None:
            continue
        after = by_start.get(ent.end)
        if after is not None and after.label_ == "Place" and after.id_:
            end = after.end
        elif after is None and doc[ent.end].lower_ in units and doc[ent.end].is_title:
            end = ent.end + 1
        else:
            continue
        if end < len(doc) and doc[end].lower_.rstrip(".") in suffixes and not doc[end].is_lower:
            end += 1  # 'Ambuja Cement India Ltd'
        if head.i != end - 1 or doc[end - 1].dep_ == "compound":
            continue
        for token in doc[ent.start:end]:
            token.ent_id_ = ""
        merged[ent.start] = Span(doc, ent.start, end, label=ent.label_)
    if not merged:
        return ents
    covered = {i for span in merged.values() for i in range(span.start, span.end)}
    return sorted([e for e in ents if e.start not in merged and not set(range(e.start, e.end)) & covered] + list(merged.values()), key=lambda e: e.start)


class EntityTyper:
    """Types each name: the knowledge base's type, else the learned model's, else the rules'."""

    def __init__(self, nlp: Language, name: str, kb_paths: list[str], use_bundled: bool, use_type_model: bool = True):
        from .entity_types import load_type_model

        self.name = name
        self.kb = load_kb(kb_paths, bundled=use_bundled)
        self.model = load_type_model() if use_type_model else None

    def rule_type(self, span: Span) -> str | None:
        """The type the label and the name's words give, or None for kinds graphbuild does not model."""
        entry = self.kb.lookup(span.text)
        if entry is not None:
            return entry.type
        label = span.label_
        if label in ENTITY_TYPES:
            return label
        mapped = SPACY_LABELS.get(label)
        if mapped in ("Person", "Place") and len(span) > 1:
            # 'Acme Robotics' or 'Gekas Ullared AB' tagged as a person, 'Gulf Bank' or 'University of Oslo' as a place.
            first, last = span[0].lower_, span[-1].lower_.rstrip(".")
            if last in COMPANY_WORDS or last in name_words("legal_suffixes") or {first, last} & name_words("organization_heads"):
                mapped = "Organization"
            elif last in name_words("model_heads"):
                return "Product"  # "Sony's Qrio Robot", 'the Vaio Desktop': no one's name ends in a product noun
        if mapped == "Organization":
            words = {t.lower_ for t in span}
            if words & GOVERNMENT_WORDS:
                return "GovernmentBody"
            if words & COMPANY_WORDS:
                return "Company"
        return mapped

    def candidates(self, doc: Doc):
        """(name span, the label before typing, the rules' type, source span) for every name worth typing.

        Besides the entities the model tagged, runs of proper nouns it left untagged
        ('the Cell processor', "Sega's House of the Dead") are candidates labelled
        ``UNTAGGED``: only the learned typer can make entities of them.
        """
        taken: set[int] = set()
        named = {e.text for e in doc.ents}
        pieces = (
            part
            for joined in _join_cut_names(doc, doc.ents)
            for piece in _split_at_spaced_dashes(joined)
            for alternative in _split_at_alternatives(piece)
            for part in self._split_at_known_possessor(alternative, named)
        )
        for span in pieces:
            taken.update(range(span.start, span.end))
            rule = self.rule_type(span)
            if rule is None:
                continue
            trimmed = _trim(span)
            if trimmed is None or not _looks_like_name(trimmed, product=span.label_ == "PRODUCT"):
                continue
            yield _with_name_possessive(trimmed), span.label_, rule, span
        if self.model is None:
            return
        for run in _untagged_runs(doc, taken):
            if _looks_like_name(run):
                yield run, UNTAGGED, None, run

    def _split_at_known_possessor(self, span: Span, named: set[str]) -> list[Span]:
        """"Climax's Action studio": a name the model ran over a possessive, when the possessor is a name of its own.

        The possessor must be known (to the knowledge base or as an entity of the
        document), and the words after it must modify a noun of their own ('studio'):
        'Foster's Group', 'Foster's Lager' and 'McDonald's Corp' stay whole.
        """
        doc = span.doc
        last = span[-1]
        if not (last.dep_ == "compound" and last.head.i >= span.end and last.head.pos_ == "NOUN"):
            return [span]
        for token in span[1:-1]:
            if token.tag_ == "POS" and ((owner := doc[span.start : token.i].text) in named or self.kb.lookup(owner) is not None):
                return [Span(doc, span.start, token.i, label=span.label_), Span(doc, token.i + 1, span.end, label=span.label_)]
        return [span]

    def entity_type(self, span: Span, raw_label: str, rule: str | None) -> str | None:
        """The name's type, or None when an untagged run is no entity."""
        entry = self.kb.lookup(span.text)
        if entry is not None:
            return entry.type
        if self.model is None or raw_label in ENTITY_TYPES:  # our gazetteer's own patterns are precise
            return rule
        from .entity_types import NO_ENTITY, type_features

        predicted, probability = self.model.predict(type_features(span, raw_label, rule))
        if raw_label == UNTAGGED:
            return predicted if predicted != NO_ENTITY and probability >= MIN_UNTAGGED_PROBABILITY else None
        needed = MIN_OVERRIDE_PLACE_OR_PERSON if rule in ("Place", "Person") else MIN_TYPE_PROBABILITY
        return predicted if predicted != NO_ENTITY and (probability >= needed or predicted == rule) else rule

    def __call__(self, doc: Doc) -> Doc:
        restore_known_names(doc)
        # Dates are not entities, but 'founded in 1998' needs them: keep them aside.
        doc.spans[DATE_SPANS] = [span for span in doc.ents if span.label_ == "DATE"]
        ents = []
        for trimmed, raw_label, rule, span in list(self.candidates(doc)):
            etype = self.entity_type(trimmed, raw_label, rule)
            if etype is None:
                continue
            entry = self.kb.lookup(trimmed.text)
            ent = Span(doc, trimmed.start, trimmed.end, label=etype)
            if entry is not None:
                ent.id_ = entry.id
            elif span.id_:
                ent.id_ = span.id_
            ents.append(ent)
        doc.ents = self._lone_names(doc, _propagate(doc, _unit_names(doc, _model_names(doc, _family_names(doc, ents)))))
        return doc

    def _lone_names(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A one-word 'person' the document never names in full nor under a title is no person.

        News introduces people by their full name or a title ('Mr Irish'); a lone
        word the model tagged as a person is far more often a brand, a company or
        a program ('Canon', 'MessageLabs', 'Safari', 'Sasser').  Unless the learned
        typer is sure it is a person ('Bono'), it takes the typer's best other type.
        A text shorter than an article (a sentence lifted from one) may refer to
        someone its source introduced: there a lone name stays as tagged.
        """
        if self.model is None or sum(1 for _ in doc.sents) < MIN_ARTICLE_SENTENCES:
            return ents
        from .entity_types import NO_ENTITY, type_features

        persons = [e for e in ents if e.label_ == "Person"]
        named_in_full = {t.lower_ for e in persons if len(e) > 1 for t in e}
        titles = name_words("person_titles")
        lone: dict[str, list[Span]] = {}
        for e in persons:
            if len(e) == 1 and not e.id_ and e.text.lower() not in named_in_full:
                lone.setdefault(e.text, []).append(e)
        retyped: dict[int, str | None] = {}
        for spans in lone.values():
            if any(e.start > 0 and doc[e.start - 1].lower_.rstrip(".") in titles for e in spans):
                continue
            probabilities = self.model.probabilities(type_features(spans[0], "PERSON", "Person"))
            if probabilities.get("Person", 0.0) >= MIN_OVERRIDE_PLACE_OR_PERSON:
                continue
            other = max((t for t in probabilities if t != "Person"), key=probabilities.__getitem__)
            for e in spans:
                retyped[e.start] = None if other == NO_ENTITY else other
        if not retyped:
            return ents
        out = []
        for e in ents:
            if e.start not in retyped or e.label_ != "Person":
                out.append(e)
            elif retyped[e.start] is not None:
                out.append(Span(doc, e.start, e.end, label=retyped[e.start]))
        return out


@Language.factory(
    "graphbuild_entity_typer",
    default_config={"kb_paths": [], "use_bundled": True, "use_type_model": True},
    assigns=["doc.ents", "doc.spans"],
    requires=["doc.ents"],
)
def make_entity_typer(nlp: Language, name: str, kb_paths: list[str], use_bundled: bool, use_type_model: bool) -> EntityTyper:
    return EntityTyper(nlp, name, kb_paths, use_bundled, use_type_model)
