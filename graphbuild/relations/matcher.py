"""Find relations in a processed document by running the pattern files over it.

For every word that triggers a pattern, the subject and object paths are
walked from it (and from the words coordinated with it: 'founder and CEO of X'
gives both titles the 'of X').  The words reached become arguments when they
name an entity, point at one (pronouns, 'the company'), introduce entities
('carriers such as AT&T and Verizon'), or name a place by its adjective
('Chinese').  Argument types must fit the relation's domain and range in the
ontology; the first path alternative that finds a fitting argument wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..kb import name_key, name_words, slug
from ..nlp.coref import Coref
from ..nlp.entity_types import noun_classes
from ..nlp.mentions import DocEntities, Mention, TokenWords
from .modality import confidence_factor, is_conditional, status_of
from .paths import is_passive, parse_path, walk
from .patterns import Pattern, load_patterns
from .schema import RelationSpec, load_schema

#: The path of an argument that is the trigger word itself.
_SELF = parse_path("self")

#: Words through which a noun introduces the entities it stands for.
_INTRODUCING = ("as", "like", "including")


def _has_child(token: Token, dep: str, lemmas: frozenset[str]) -> bool:
    """A child attached by ``dep`` ('amod', or alternatives 'amod|compound'), with one of ``lemmas`` if given."""
    deps = dep.split("|")
    return any(c.dep_ in deps and (not lemmas or c.lemma_.lower() in lemmas) for c in token.children)


def _under(token: Token, dep: str, lemmas: frozenset[str]) -> bool:
    """Attached by ``dep`` to a head with one of ``lemmas`` if given ('sale' in 'on sale')."""
    return token.dep_ in dep.split("|") and token.head.i != token.i and (not lemmas or token.head.lemma_.lower() in lemmas)


#: Words that make the number before them a percentage: '40%', '40 percent' ('40 per cent' is read apart).
_PERCENT_WORDS = frozenset({"%", "percent"})


def stated_share(token: Token) -> float | None:
    """The percentage ``token`` or a word it governs states: 'owns 40% of', 'a 44% stake', 'controls 48 per cent'."""
    for word in (token, *token.children):
        if word.lower_ in _PERCENT_WORDS:
            number = next((c for c in word.children if c.dep_ == "nummod" and c.like_num), None)
        elif word.like_num and any(c.lower_ == "per" and any(g.lower_ == "cent" for g in c.children) for c in word.children):
            number = word  # '48 per cent': the parser hangs 'per cent' on the number
        else:
            continue
        try:
            return float(number.text.replace(",", "")) if number is not None else None
        except ValueError:
            return None
    return None


#: Words that make a title someone else's: a vice-chairman is not the chairman.
_DEPUTY = frozenset({"vice", "deputy", "assistant", "acting"})


def _deputy(doc: Doc, start: int) -> bool:
    """Whether the title at ``start`` is a deputy's: 'vice-chairman', 'deputy chief executive'."""
    before = start - 1
    if before >= 1 and doc[before].text == "-" and not doc[before - 1].whitespace_:
        before -= 1
    return before >= 0 and doc[before].lower_ in _DEPUTY


_NOMINAL = ("NOUN", "PROPN")
#: Relations that name one office.  A deputy's title does not state them, and a sentence gives
#: one organization per office holder: where a rule read it, the classifier adds no other.
_OFFICES = frozenset({"ceoOf", "chairmanOf"})


def _deputy_before(doc: Doc, person: Mention) -> bool:
    """'Vantor vice-chairman Tom Lee': a deputy's title right before the person's name."""
    name = doc.char_span(person.start, person.end, alignment_mode="expand")
    start = name.start if name is not None else person.root
    for i in range(start - 1, max(-1, start - 4), -1):
        if doc[i].is_alpha and doc[i].lower_ not in _DEPUTY and _deputy(doc, i):
            return True
    return False


def _home_of_another_word(doc: Doc, place: Mention) -> bool:
    """'US-based programmes from PBS': a place glued to 'based' is the home of the word 'based' modifies.

    When that word is no kind of organization ('programmes', 'podcaster'), no
    organization listed nearby gets the place from the classifier.  An
    organization noun ('a US-based think-tank') may be one the parser hung on the
    wrong name, and the classifier may still read it.
    """
    token = doc[place.root]
    based = token.head
    if token.dep_ not in ("npadvmod", "compound") or based.lemma_.lower() != "base" or based.i < token.i or based.dep_ != "amod":
        return False  # only where the parse says which noun 'based' describes
    words: set[str] = set()
    noun = based.head
    while True:  # the noun and the nouns it modifies: 'a Bombay-based traders' body'
        words |= {noun.lemma_.lower(), noun.lower_}
        if noun.i >= 2 and doc[noun.i - 1].text == "-":
            words.add(f"{doc[noun.i - 2].lower_}-{noun.lower_}")  # 'think-tank'
        if noun.dep_ not in ("compound", "poss", "nmod") or noun.head.i == noun.i:
            break
        noun = noun.head
    organizations = {"company", "organization", "government"}
    return not any(organizations & set(noun_classes().get(w, ())) for w in words)


def _counted(doc: Doc, mention: Mention) -> bool:
    """Whether a name stands in a counted phrase: '10 A320 aircraft', '10 of its A350s', 'two Boeing 747s'.

    Such a phrase names units of a product, not the product itself.
    """
    token = doc[mention.root]
    while token.dep_ in ("compound", "nmod", "amod") and token.head.i > token.i:
        token = token.head  # 'A320' -> 'aircraft'
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NUM":
        return True  # '10 of its A350'
    return any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in token.children)


def _same_kind(a: Token, b: Token) -> bool:
    """Both nouns ('President, CEO and Center Director'), or both of the same other part of speech;
    verbs of the same voice: in 'Commodore filed for bankruptcy and was sold to Tulip' the seller is not Commodore."""
    if a.pos_ in ("VERB", "AUX") and b.pos_ in ("VERB", "AUX"):
        return _passive_voice(a) == _passive_voice(b)
    return a.pos_ == b.pos_ or a.pos_ in _NOMINAL and b.pos_ in _NOMINAL


def _passive_voice(verb: Token) -> bool:
    """Passive, or a past form sharing a passive's auxiliary ('was based in Worcester and called Lowell', often tagged a past tense)."""
    if is_passive(verb):
        return True
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in verb.children) and is_passive(verb.head)


@dataclass(frozen=True)
class Match:
    predicate: str
    subject: Mention
    object: Mention
    sentence: Span
    pattern: str
    status: str
    confidence: float


class RelationMatcher:
    def __init__(
        self,
        patterns: Sequence[Pattern] | None = None,
        schema: dict[str, RelationSpec] | None = None,
        use_classifier: bool = True,
        relation_model: str | Path | None = None,
    ):
        from .classifier import load_models, model_path

        self.schema = schema or load_schema()
        self.models = load_models(model_path(relation_model)) if use_classifier else ()
        self.patterns = tuple(patterns if patterns is not None else load_patterns())
        self.by_word: dict[str, list[tuple[Pattern, tuple[str, ...]]]] = defaultdict(list)
        self.by_lemma: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            for words in pattern.trigger.words:
                self.by_word[words[-1]].append((pattern, words))
            for lemma in pattern.trigger.lemmas:
                self.by_lemma[lemma].append(pattern)
        self.name_patterns = [p for p in self.patterns if p.kind == "name_prefix"]
        self.line_patterns = [p for p in self.patterns if p.kind == "line_member"]
        self.unit_patterns = [p for p in self.patterns if p.kind == "unit_name"]
        self.descriptor_patterns = [p for p in self.patterns if p.kind == "descriptor"]
        self.maker_patterns = [p for p in self.patterns if p.kind == "known_maker"]
        self.by_entity: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in self.patterns:
            for etype in pattern.trigger.entity:
                self.by_entity[etype].append(pattern)

    # ------------------------------------------------------------------ triggers
    def _triggered(self, doc: Doc, i: int, words: TokenWords) -> list[Pattern]:
        """The patterns token ``i`` triggers; looked up by its word and lemma, so that a token is built only for a trigger word."""
        by_word, by_lemma = self.by_word.get(words.lower[i], ()), self.by_lemma.get(words.lemma[i], ())
        if not by_word and not by_lemma:
            return []
        token = doc[i]
        found = []
        for pattern, phrase in by_word:
            start = i - len(phrase) + 1
            if len(phrase) > 1 and (start < 0 or words.lower[start : i + 1] != phrase):
                continue
            if pattern.predicate in _OFFICES and _deputy(doc, start):
                continue  # a vice-chairman is not the chairman, though he is on the staff
            found.append(pattern)
        found.extend(by_lemma)
        result = []
        for pattern in dict.fromkeys(found):
            trig = pattern.trigger
            if trig.pos and token.pos_ not in trig.pos:
                continue
            if trig.with_child is not None and not _has_child(token, *trig.with_child):
                continue
            if trig.without_child is not None and _has_child(token, *trig.without_child):
                continue
            if trig.not_under is not None and _under(token, *trig.not_under):
                continue
            if trig.share is not None and not trig.share.allows(stated_share(token)):
                continue
            result.append(pattern)
        return result

    # ------------------------------------------------------------------ arguments
    def _resolve(self, token: Token, entities: DocEntities, coref: Coref, types: frozenset[str], spread: bool = True) -> list[Mention]:
        """The mentions ``token`` stands for; with ``spread``, also those of its conjuncts ('Apple and Google')."""
        mention = entities.at(token)
        if mention is not None:
            found = [mention]
            if spread:
                found += [m for c in token.conjuncts if (m := entities.at(c)) is not None]
            return found
        group = coref.resolve_group(token)
        if group:
            return group
        pointed = coref.resolve(token)
        if pointed is not None:
            return [pointed]
        found = []
        for child in token.children:
            if child.dep_ in ("appos", "compound", "nmod") and (m := entities.at(child)) is not None:
                found.append(m)
            elif child.dep_ == "prep" and (child.lower_ in _INTRODUCING or token.lower_ == "likes" and child.lower_ == "of"):  # 'the likes of Wal-Mart'
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    if (m := entities.at(pobj)) is not None:
                        found.append(m)
                        found += [m2 for c in pobj.conjuncts if (m2 := entities.at(c)) is not None]
        if any(m.type != "Place" for m in found) or not {"government", "place"} & set(noun_classes().get(token.lemma_.lower(), ())):
            # 'fellow UK firm Tibbett & Britten', 'a US woman': the place only describes the one meant;
            # 'US regulators', 'the UK market' stand for it.
            found = [m for m in found if m.type != "Place"]
        if not found and "Place" in types and (m := entities.demonym(token)) is not None:
            found.append(m)
        if not found and (m := entities.untagged_name(token, types)) is not None:
            found.append(m)
        return found

    def _side(self, anchors: set[Token], paths: Iterable, entities: DocEntities, coref: Coref, types: frozenset[str], trigger: Token, every: bool = False) -> list[Mention]:
        """The mentions the first path that reaches any reaches, or with ``every`` those all paths reach."""
        found: list[Mention] = []
        for path in paths:
            # The trigger's conjuncts share its dependents ('chairman and chief executive of X'),
            # but are not the trigger itself ('Intel, Samsung and the Brandt Institute in Paris').
            start = {trigger} if path[0][0] == "self" else anchors
            reached = sorted(walk(start, path), key=lambda t: t.i)
            # Going down ('nsubj', 'prep:in pobj') reaches every conjunct the words govern; going up
            # from a modifier ('California-based Wells Fargo', 'Laboratories in the US') reaches
            # only the name it modifies, not the names listed beside it.
            # A singular noun's apposition names one party: 'US firm Boeing and Airbus' says nothing of Airbus.
            spread = path[-1][0] not in ("up", "self") and not (path[-1][1] == frozenset({"appos"}) and trigger.tag_ == "NN")
            mentions: list[Mention] = []
            for token in reached:
                mentions += [m for m in self._resolve(token, entities, coref, types, spread) if m.type in types]
            found += mentions
            if found and not every:
                break
        return list({(m.key, m.start): m for m in found}.values())

    # ------------------------------------------------------------------ matching
    def __call__(self, doc: Doc, entities: DocEntities) -> list[Match]:
        coref = Coref(entities)
        matches: list[Match] = []
        for i in range(len(doc)):
            for pattern in self._triggered(doc, i, entities.words):
                matches += self._match_path(pattern, doc[i], entities, coref)
        for mention in list(entities.mentions):
            for pattern in self.by_entity.get(mention.type, ()):
                matches += self._match_path(pattern, doc[mention.root], entities, coref)
        for pattern in self.name_patterns:
            matches += self._match_name_prefix(pattern, doc, entities)
        for pattern in self.unit_patterns:
            matches += self._match_unit_name(pattern, doc, entities)
        for pattern in self.descriptor_patterns:
            matches += self._match_descriptor(pattern, doc, entities)
        for pattern in self.maker_patterns:
            matches += self._match_known_maker(pattern, doc, entities)
        if self.models:
            from .classifier import classify

            # A rule names the relation of a pair precisely; the classifier only adds pairs no rule read.
            ruled = {(m.sentence.start, frozenset((m.subject.key, m.object.key))) for m in matches}
            # A sentence that names someone's office by a rule names one organization for it:
            # 'Mitsubishi's chief executive Takashi Nishioka' is not also Peugeot's.
            offices = {(m.sentence.start, m.predicate, m.subject.key) for m in matches if m.predicate in _OFFICES}
            matches += [
                m
                for m in classify(doc, entities, self.models)
                if (m.sentence.start, frozenset((m.subject.key, m.object.key))) not in ruled and (m.sentence.start, m.predicate, m.subject.key) not in offices
                and not (m.predicate in _OFFICES and _deputy_before(doc, m.subject))
                and not (m.predicate == "headquarteredIn" and _home_of_another_word(doc, m.object))
            ]
        for pattern in self.line_patterns:
            matches += self._match_line_members(pattern, doc, entities, matches)
        matches += self._enclosing_places(doc, entities, matches)
        matches = self._paired_places(doc, entities, matches)
        matches = self._homes_named_elsewhere(doc, entities, matches)
        matches = [m for m in matches if not (entities.credits_source(m.subject) or entities.credits_source(m.object))]
        return self._best(matches)

    def _enclosing_places(self, doc: Doc, entities: DocEntities, matches: list[Match]) -> list[Match]:
        """'based in Irving, Texas' names one address: the fact holds for Irving and for Texas."""
        found = []
        for match in matches:
            if match.object.type != "Place" or "Place" not in self.schema[match.predicate].range:
                continue
            seen = {match.object.key, match.subject.key}
            for step in (1, -1):  # the wider places after it, the narrower ones before it
                place = match.object
                while (nxt := self._place_beside(doc, entities, place, step)) is not None and nxt.key not in seen:
                    seen.add(nxt.key)
                    found.append(Match(match.predicate, match.subject, nxt, match.sentence, f"{match.pattern}+place", match.status, 0.95 * match.confidence))
                    place = nxt
        return found

    @staticmethod
    def _place_beside(doc: Doc, entities: DocEntities, place: Mention, step: int) -> Mention | None:
        """The place named on the other side of a comma next to ``place`` ('Irving , Texas')."""
        edge = doc.char_span(place.start, place.end, alignment_mode="expand")
        if edge is None:
            return None
        comma_at = edge.end if step == 1 else edge.start - 1
        beyond = comma_at + step
        if not (0 <= comma_at < len(doc) and 0 <= beyond < len(doc)) or doc[comma_at].text != ",":
            return None
        other = entities.at(doc[beyond])
        return other if other is not None and other.type == "Place" else None

    @staticmethod
    def _paired_place(doc: Doc, entities: DocEntities, place: Mention) -> Mention | None:
        """The other place of 'US-German carmaker', 'Anglo-Dutch group': a pair names two homes, both meant."""
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            return None
        for hyphen, other in ((span.start - 1, span.start - 2), (span.end, span.end + 1)):
            if 0 <= other < len(doc) and doc[hyphen].text == "-" and not doc[hyphen].whitespace_ and not doc[hyphen - 1].whitespace_:
                beside = entities.at(doc[other]) or entities.demonym(doc[other])
                if beside is not None and beside.type == "Place" and beside.key != place.key:
                    return beside
        return None

    def _paired_places(self, doc: Doc, entities: DocEntities, matches: list[Match]) -> list[Match]:
        """'US-German carmaker DaimlerChrysler': what a rule read of one place holds for the other.

        The classifier's guesses about such a place are dropped: it learned single homes, and
        a pair next to a company name misleads it about the names around it.
        """
        kept = []
        for match in matches:
            other = self._paired_place(doc, entities, match.object) if match.object.type == "Place" else None
            if other is None:
                kept.append(match)
            elif not match.pattern.endswith(".classifier"):
                kept.append(match)
                if other.key != match.subject.key:
                    kept.append(Match(match.predicate, match.subject, other, match.sentence, f"{match.pattern}+pair", match.status, match.confidence))
        return kept

    @staticmethod
    def _homes_named_elsewhere(doc: Doc, entities: DocEntities, matches: list[Match]) -> list[Match]:
        """'GM of the US ... the Italian firm': a description is not the company whose own name is tied to another country.

        A description ('the Italian firm') is resolved to a recent organization by position
        alone; when the document ties that organization's name to other countries and never
        to this one, the description meant someone else, and its country is not this one's home.
        """
        def country(mention: Mention) -> bool:
            entry = entities.kb.entries.get(mention.kb_id or mention.key)
            return entry is not None and entry.subtype == "Country"

        def by_name(mention: Mention) -> bool:
            named = entities.at(doc[mention.root])
            return named is not None and named.key == mention.key

        homes: dict[str, set[str]] = defaultdict(set)
        for match in matches:
            if match.predicate == "headquarteredIn" and by_name(match.subject) and country(match.object):
                homes[match.subject.key].add(match.object.key)
        return [
            m
            for m in matches
            if not (m.predicate == "headquarteredIn" and not by_name(m.subject) and country(m.object) and homes[m.subject.key] and m.object.key not in homes[m.subject.key])
        ]

    @staticmethod
    def _names_own_party(trigger: Token, subjects: list[Mention], entities: DocEntities, types: frozenset[str]) -> bool:
        """Whether the phrase of the trigger and its subjects already names a party of ``types``
        ('Euronext chief executive Jean-Francois Theodore'), where the parse did not attach it to the trigger."""
        doc = trigger.doc
        words = {t.i for t in trigger.subtree} | {t.i for m in subjects for t in doc[m.root].subtree}
        return any((m := entities.at(doc[i])) is not None and m.type in types for i in words)

    def _match_path(self, pattern: Pattern, trigger: Token, entities: DocEntities, coref: Coref) -> list[Match]:
        spec = self.schema[pattern.predicate]
        if is_conditional(trigger):
            return []
        # Each entity triggers on its own: in 'Germany's Siemens and the UK's OFT' the
        # entity-triggered pattern of Siemens reads Siemens' words only, not its conjuncts'.
        own = entities.at(trigger) if pattern.trigger.entity else None
        # A trigger's conjuncts of its own kind share its dependents ('chairman and chief executive of X');
        # a name it is listed with does not ('Airbus and US firm Boeing').
        anchors = {trigger} if pattern.trigger.entity else {trigger, *(c for c in trigger.conjuncts if _same_kind(c, trigger) and entities.at(c) is None)}
        subjects = self._side(anchors, pattern.subject, entities, coref, spec.domain, trigger)
        objects = self._side(anchors, pattern.object, entities, coref, spec.range, trigger, pattern.every_object_path)
        if own is not None:
            subjects = [m for m in subjects if _SELF not in pattern.subject or m.key == own.key]
            objects = [m for m in objects if _SELF not in pattern.object or m.key == own.key]
        if not subjects and objects and pattern.topic_subject:
            topic = entities.topic(spec.domain, exclude={o.key for o in objects})
            subjects = [topic] if topic is not None else []
        if subjects and not objects and pattern.topic_object and not self._names_own_party(trigger, subjects, entities, spec.range):
            topic = entities.topic(spec.range, exclude={s.key for s in subjects})
            objects = [topic] if topic is not None else []
        if pattern.uncounted_object:
            objects = [o for o in objects if not _counted(trigger.doc, o)]
        pairs = [(s, o) for s in subjects for o in objects]
        if pattern.pair_conjuncts and spec.symmetric and len(subjects) > 1 and not objects:
            named = [s for s in subjects if not s.key.startswith("?")]  # 'we ... we' names no two parties
            pairs = [(a, b) for i, a in enumerate(named) for b in named[i + 1:]]
        pairs = [(s, o) for s, o in pairs if s.key != o.key and spec.accepts(s.type, o.type)]
        if not pairs:
            return []
        sent = trigger.sent
        status = status_of(trigger, entities.text[sent.start_char : sent.end_char])
        confidence = pattern.confidence * confidence_factor(status)
        return [Match(pattern.predicate, s, o, sent, pattern.id, status, confidence) for s, o in pairs]

    #: Words a descriptor's modifiers may hold between the place and the descriptor ('state gas', 'oil and gas').
    _DESCRIPTOR_MODIFIERS = ("ADJ", "NOUN", "PROPN", "CCONJ")

    def _match_descriptor(self, pattern: Pattern, doc: Doc, entities: DocEntities) -> list[Match]:
        """'Russian state gas firm Gazprom': read in word order, since parsers often cut such a phrase
        ('firm' left as an adjective of the name, or the name set apart from its descriptor)."""
        spec = self.schema[pattern.predicate]
        matches = []
        for mention in [m for m in entities.mentions if m.type in spec.domain]:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or span.start < 2:
                continue
            descriptor = doc[span.start - 1]
            # Its part of speech is not checked: the tagger takes 'winemaker' before a name for a proper noun, 'rivals' for a verb.
            if descriptor.lemma_.lower() not in pattern.trigger.lemmas or not descriptor.is_lower or not descriptor.is_alpha:
                continue
            places = []
            for i in range(span.start - 2, max(span.start - 7, descriptor.sent.start - 1), -1):
                token = doc[i]
                place = entities.at(token) or entities.demonym(token)
                if place is not None and place.type in spec.range:
                    places.append(place)
                    break
                if token.pos_ not in self._DESCRIPTOR_MODIFIERS or token.is_punct:
                    break
            if len(places) == 1 and places[0].key != mention.key:
                # A plural descriptor describes every name listed after it: 'US rivals Ford and General Motors'.
                plural = descriptor.tag_ == "NNS" or descriptor.lower_ != descriptor.lemma_.lower() and descriptor.lower_.endswith("s")
                listed = [entities.at(c) for c in doc[mention.root].conjuncts] if plural else []
                for named in [mention, *(m for m in listed if m is not None and m.type in spec.domain)]:
                    matches.append(Match(pattern.predicate, named, places[0], descriptor.sent, pattern.id, "asserted", pattern.confidence))
        return matches

    @staticmethod
    def _named_by_prefix(entities: DocEntities, mention: Mention, words: list[str], types: frozenset[str]) -> Mention | None:
        """The organization named by the first ``words`` of ``mention`` when it is known (in the KB or the document)."""
        prefix = " ".join(words)
        entry = entities.kb.lookup(prefix)
        key = entry.id if entry is not None and entry.type in types else slug(name_key(prefix))
        info = entities.info.get(key)
        if (entry is None or entry.type not in types) and (info is None or not set(info.types) & types):
            return None
        etype = entry.type if entry is not None and entry.type in types else info.types.most_common(1)[0][0]
        return Mention(key, etype, mention.start, mention.start + len(prefix), prefix, mention.root, entry.id if entry is not None else None)

    def _match_name_prefix(self, pattern: Pattern, doc: Doc, entities: DocEntities) -> list[Match]:
        """'Xiaomi 12 Ultra' is made by Xiaomi: a product named after its maker.

        The maker's name may also be an entity of its own right before the
        product's ('the Motorola Razr V3 phone', where the statistical model
        tags Motorola apart), unless the knowledge base says another
        organization makes the product ('Dell Windows PCs').
        """
        spec = self.schema[pattern.predicate]
        matches = []
        ending_at = {m.end: m for m in entities.mentions if m.type in spec.domain}
        for mention in [m for m in entities.mentions if m.type in spec.range]:
            words = mention.text.split()
            for k in range(len(words) - 1, 0, -1):
                subject = self._named_by_prefix(entities, mention, words[:k], spec.domain)
                if subject is None:
                    continue
                if subject.key != mention.key:
                    matches.append(Match(pattern.predicate, subject, mention, doc[mention.root].sent, pattern.id, "asserted", pattern.confidence))
                break
            before = ending_at.get(mention.start - 1)
            if before is not None and entities.text[before.end : mention.start] == " " and before.key != mention.key:
                known = entities.kb.made_as(mention.text)
                if known is None or known.maker == before.kb_id:
                    matches.append(Match(pattern.predicate, before, mention, doc[mention.root].sent, pattern.id, "asserted", pattern.confidence))
        return matches

    def _match_unit_name(self, pattern: Pattern, doc: Doc, entities: DocEntities) -> list[Match]:
        """'BT Wholesale', 'Microsoft Japan': a unit named by its organization and a unit word or a place."""
        spec = self.schema[pattern.predicate]
        units = name_words("unit_words")
        matches = []
        for mention in [m for m in entities.mentions if m.type in spec.domain]:
            words = mention.text.split()
            for k in range(len(words) - 1, 0, -1):
                rest = " ".join(words[k:])
                place = entities.kb.lookup(rest)
                if not (rest.lower() in units or place is not None and place.type == "Place"):
                    continue
                parent = self._named_by_prefix(entities, mention, words[:k], spec.range)
                if parent is not None and parent.key != mention.key:
                    matches.append(Match(pattern.predicate, mention, parent, doc[mention.root].sent, pattern.id, "asserted", pattern.confidence))
                break
        return matches

    def _match_known_maker(self, pattern: Pattern, doc: Doc, entities: DocEntities) -> list[Match]:
        """'Microsoft ... Windows XP': a sentence that names a product and the maker the knowledge base gives it."""
        spec = self.schema[pattern.predicate]
        matches = []
        for product in [m for m in entities.mentions if m.type in spec.range]:
            entry = entities.kb.made_as(product.text)
            if entry is None:
                continue
            sentence = doc[product.root].sent
            for maker in entities.mentions:
                if entry.maker in (maker.kb_id, maker.key) and maker.type in spec.domain and sentence.start_char <= maker.start < sentence.end_char:
                    matches.append(Match(pattern.predicate, maker, product, sentence, pattern.id, "asserted", pattern.confidence))
                    break
        return matches

    def _match_line_members(self, pattern: Pattern, doc: Doc, entities: DocEntities, found: list[Match]) -> list[Match]:
        """'Nord N300' is made by OnePlus when the document says OnePlus makes the 'Nord' line."""
        makers = [m for m in found if m.predicate == pattern.predicate]
        matches = []
        for fact in makers:
            line_words = fact.object.text.split()
            for mention in entities.mentions:
                words = mention.text.split()
                if mention.type not in self.schema[pattern.predicate].range or mention.key in (fact.object.key, fact.subject.key):
                    continue
                if len(words) > len(line_words) and words[: len(line_words)] == line_words:
                    # The maker is named where the line fact was found; the model's sentence is the evidence.
                    confidence = min(fact.confidence, pattern.confidence)
                    matches.append(Match(pattern.predicate, fact.subject, mention, doc[mention.root].sent, pattern.id, fact.status, confidence))
        return matches

    def _best(self, matches: list[Match]) -> list[Match]:
        """One match per fact and sentence: the most confident (a symmetric fact counts once).

        A fact the ontology entails from another fact of the same sentence (employeeOf
        from ceoOf) is dropped: the RDF and the evaluation derive it.
        """
        implied = {
            (parent, m.subject.key, m.object.key, m.sentence.start)
            for m in matches
            for parent in self.schema[m.predicate].parents
        }
        matches = [m for m in matches if (m.predicate, m.subject.key, m.object.key, m.sentence.start) not in implied]
        # Where a sentence says an organization is based, it does not also say it operates there.
        based = {(m.subject.key, m.object.key, m.sentence.start) for m in matches if m.predicate == "headquarteredIn"}
        matches = [m for m in matches if m.predicate != "operatesIn" or (m.subject.key, m.object.key, m.sentence.start) not in based]
        best: dict[tuple, Match] = {}
        for match in matches:
            pair = (match.subject.key, match.object.key)
            if self.schema[match.predicate].symmetric:
                pair = tuple(sorted(pair))
            key = (match.predicate, *pair, match.sentence.start)
            if key not in best or match.confidence > best[key].confidence:
                best[key] = match
        return list(best.values())
