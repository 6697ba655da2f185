"""Rule-based coreference: pronouns, relative pronouns and definite descriptions.

'he' points at the nearest person before it; 'it'/'its' and 'the company'
at the nearest organization (preferring one that was a subject); 'the phone'
at the nearest product; 'who' (and 'where') at the noun its clause describes.  The mention
returned keeps the offsets of the pointing words, so extraction output shows
the words that are in the sentence, and the entity key of what they mean.
"""

from __future__ import annotations

import json
from functools import lru_cache

from spacy.tokens import Token

from ..config import PACKAGE_DIR
from ..kb import name_words
from .mentions import DocEntities, Mention

ORGANIZATION_TYPES = frozenset({"Company", "Organization", "GovernmentBody"})
#: 'it' may stand for an organization or a product ('Like the N200 before it').
TYPE_GROUPS = {
    "Person": frozenset({"Person"}),
    "Organization": ORGANIZATION_TYPES,
    "Product": frozenset({"Product"}),
    "Thing": ORGANIZATION_TYPES | {"Product"},
}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads((PACKAGE_DIR / "nlp" / "coref.json").read_text(encoding="utf-8"))


def _is_subject(mention: Mention, entities: DocEntities) -> bool:
    token = entities.doc[mention.root]
    return token.dep_ in _SUBJECT_DEPS or token.dep_ == "poss" and token.head.dep_ in _SUBJECT_DEPS


class Coref:
    """Resolves pointing words of one document, each once (the memo lives on the document's entities).

    Answers are memoised per token and per number of known mentions, so a name
    the matcher adds later (an untagged subject) is taken into account.
    """

    def __init__(self, entities: DocEntities):
        self.entities = entities
        # Kept on the document's entities (plain data, no reference back to this resolver),
        # so every resolver of the document shares it and nothing outlives the document.
        self._memo: dict[tuple[int, int], Mention | None] = entities.coref_memo
        data = rules()
        self.pronouns = {w: group for group, words in data["pronouns"].items() for w in words}
        self.relatives = {w: group for group, words in data["relative_pronouns"].items() for w in words}
        self.relative_adverbs = frozenset(data["relative_adverbs"])
        self.descriptions = {w: group for group, words in data["descriptions"].items() for w in words}
        self.determiners = frozenset(data["determiners"])
        self.window = int(data["max_sentences_back"])

    def pointing(self, start: int, end: int) -> list[Token]:
        """The tokens of ``doc[start:end]`` that may stand for something named elsewhere: a pronoun, 'where', 'the company'."""
        doc = self.entities.doc
        return [doc[i] for i in range(start, end) if self._points(i)]

    def _points(self, i: int) -> bool:
        # Read from the document's word arrays: a token is built only for a likely description.
        words = self.entities.words
        if words.pos[i] == "PRON" or words.tag[i] == "WP$" or words.lower[i] in self.relative_adverbs and words.tag[i] == "WRB":
            return True  # 'whose' is tagged a determiner as often as a pronoun
        return self._is_description(i)

    def _is_description(self, i: int) -> bool:
        """'the company', 'the firm'; not the last word of a name the model missed ('the UK National Tremor Foundation')."""
        words = self.entities.words
        if words.pos[i] not in ("NOUN", "PROPN") or words.lemma[i] not in self.descriptions:
            return False
        token = self.entities.doc[i]
        return not (token.is_title and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title for c in token.children))

    def references(self) -> list[Mention]:
        """Every pointing word or description of the document that resolves to a named entity."""
        found = []
        for token in self.pointing(0, len(self.entities.doc)):
            pointed = self.resolve(token)
            if pointed is not None and not pointed.key.startswith("?"):
                found.append(pointed)
        return found

    def resolve(self, token: Token) -> Mention | None:
        key = (token.i, len(self.entities.mentions))
        if key not in self._memo:
            self._memo[key] = self._resolve(token)
        return self._memo[key]

    def _resolve(self, token: Token) -> Mention | None:
        """The entity ``token`` points at, as a mention spanning the pointing words.

        A pronoun with no antecedent in reach gives an unresolved mention (its key
        starts with ``?``): its facts are extracted but never become graph nodes.
        """
        lower = token.lower_
        span = (token.idx, token.idx + len(token.text))
        if (token.pos_ == "PRON" or token.tag_ == "WP$") and lower in self.relatives and token.dep_ in ("nsubj", "nsubjpass", "poss", "dobj", "pobj"):
            clause = token.head
            if token.dep_ in ("poss", "pobj"):  # 'GM, whose operations are...', 'Nissan, in which Renault owns a stake': the clause is the verb above
                clause = clause.head
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ in ("relcl", "acl"):
                target = self.entities.at(clause.head) or self._described(clause.head)
                if target is not None:
                    return self._point(target, *span, token)
            # 'a firm which...': the relative stands for a noun of its own sentence; when that
            # noun names no entity, it is an unnamed party and no fact argument.
            return None
        if lower in self.relative_adverbs and token.tag_ == "WRB" and token.head.dep_ == "relcl":
            # 'where' names nothing by itself: without a named antecedent it is no argument.
            noun = token.head.head
            return self._point(self.entities.at(noun) or self._described(noun), *span, token)
        if token.pos_ == "PRON" and lower in self.pronouns:
            group = self.pronouns[lower]
            found = self._antecedent(token, TYPE_GROUPS[group])
            return self._point(found, *span, token) if found is not None else self._unresolved(token, group, *span)
        if self._is_description(token.i):
            dets = [c for c in token.children if c.dep_ == "det" and c.lower_ in self.determiners]
            if not dets:
                return None
            group = TYPE_GROUPS[self.descriptions[token.lemma_.lower()]]
            start = min(c.idx for c in token.subtree if c.i <= token.i)
            # 'MMO2, the UK-based operator' is MMO2 (a name after the description is reached by the rules themselves)
            named = self._described(token, group) if token.dep_ == "appos" else None
            if named is not None and named.type in group:
                return self._point(named, start, token.idx + len(token.text), token)
            return self._point(self._antecedent(token, group), start, token.idx + len(token.text), token)
        return None

    def resolve_group(self, token: Token) -> list[Mention]:
        """'the two companies', 'both firms', 'they': the organizations a plural stands for, or nothing.

        A plural description that counts two stands for the two latest distinct
        names of its kind within reach ('Sony and Samsung said the two companies
        had signed'); 'they' or 'the companies' in a clause reported by organizations
        listed together stands for them ('Sony and Samsung said they had agreed').  Read only where
        an argument is wanted, never as a reference of one of them.
        """
        if token.lower_ in ("they", "them") and token.pos_ == "PRON":
            return self._reporting_group(token)
        if token.tag_ != "NNS" or self.descriptions.get(token.lemma_.lower()) != "Organization":
            return []
        children = {(c.dep_, c.lower_) for c in token.children}
        # 'two European firms' introduces new ones; 'the two firms' points back.
        counted = ("nummod", "two") in children and children & {("det", "the"), ("det", "these")} or children & {("det", "both"), ("predet", "both")}
        if not counted:
            # 'Nvidia and Intel announced that the companies had signed': the plain plural reported by those it names.
            return self._reporting_group(token) if children & {("det", "the")} and len(children) == 1 else []
        found: dict[str, Mention] = {}
        for mention in self.entities.before(token, TYPE_GROUPS["Organization"], self.window):
            found.setdefault(mention.key, mention)
            if len(found) == 2:
                return list(found.values())
        return []

    def _reporting_group(self, token: Token) -> list[Mention]:
        """The organizations coordinated as subject of the verb that reports the pronoun's clause."""
        clause = token.head
        while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            return []
        for child in clause.head.children:
            if child.dep_ == "nsubj" and (first := self.entities.at(child)) is not None:
                group = [first] + [m for c in child.conjuncts if (m := self.entities.at(c)) is not None]
                if len({m.key for m in group}) > 1 and all(m.type in TYPE_GROUPS["Organization"] for m in group):
                    return group
        return []

    def _described(self, noun: Token, types: frozenset[str] = frozenset()) -> Mention | None:
        """The entity a common noun stands for by apposition, copula or a product's name: 'Tom Kivisto is a businessman who ...'.

        With ``types``, a name the model left untagged counts too ('MMO2, the UK-based operator').
        """
        for child in noun.children:
            if child.dep_ == "appos" and (m := self.entities.at(child)) is not None:
                return m
            # 'the Cell processor, which...': a product's name before its noun names the thing itself
            # (a company's name does not: 'the Nokia phone, which...' is a phone, not Nokia);
            # so does an organization's before a word for an organization ('the Lagardere group, which...').
            if child.dep_ == "compound" and (m := self.entities.at(child)) is not None and (
                m.type == "Product" or m.type in ORGANIZATION_TYPES and self.descriptions.get(noun.lemma_.lower()) == "Organization"
            ):
                return m
        if noun.dep_ in ("attr", "appos") and noun.head.i != noun.i:
            head = noun.head
            if noun.dep_ == "appos" and (m := self.entities.at(head) or (self.entities.untagged_name(head, types) if types else None)) is not None:
                return m
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and (m := self.entities.at(child)) is not None:
                    return m
        return None

    def _unresolved(self, token: Token, group: str, start: int, end: int) -> Mention:
        etype = "Person" if group == "Person" else "Organization"
        return Mention(f"?{token.lower_}@{start}", etype, start, end, self.entities.text[start:end], token.i, None)

    def _antecedent(self, token: Token, types: frozenset[str]) -> Mention | None:
        # 'it', 'the group' never stand for a family ('The Ambani family controls 48% of the group').
        families = name_words("family_nouns")
        candidates = [m for m in self.entities.before(token, types, self.window) if m.text.rsplit(None, 1)[-1].lower() not in families]
        if not candidates:
            return self._cataphora(token, types)
        if types & ORGANIZATION_TYPES:
            # 'GM, which is struggling with its own marques': a possessive in a clause whose
            # subject names a fitting entity (directly or through 'which') belongs to that subject.
            if token.dep_ == "poss" and (bound := self._clause_subject(token, types)) is not None:
                return bound
            # An organization pronoun most often continues the last sentence's topic.
            subjects = [m for m in candidates if _is_subject(m, self.entities) and m.root < token.sent.start]
            same_sentence = [m for m in candidates if m.root >= token.sent.start and _is_subject(m, self.entities)]
            for pool in (same_sentence, subjects):
                if pool:
                    return pool[0]
        return candidates[0]

    def _clause_subject(self, token: Token, types: frozenset[str]) -> Mention | None:
        """The entity that is the subject of the clause ``token`` sits in, when it came before it."""
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # a root is its own head
            verb = verb.head
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass") or child.i > token.i:
                continue
            found = self.entities.at(child)
            if found is None and child.lower_ in self.relatives and verb.dep_ in ("relcl", "acl"):
                found = self.entities.at(verb.head)
            if found is not None and found.type in types:
                return found
        return None

    def _cataphora(self, token: Token, types: frozenset[str]) -> Mention | None:
        """'Since its founding in 2006, Acme Robotics has built...': a pronoun in an opening
        phrase, with nothing named before it, means the subject of the clause it opens."""
        clause = token
        while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
            clause = clause.head
        if clause.i < token.i:
            return None
        for child in clause.children:
            if child.dep_ in _SUBJECT_DEPS and child.i > token.i:
                found = self.entities.at(child)
                return found if found is not None and found.type in types else None
        return None

    def _point(self, target: Mention | None, start: int, end: int, token: Token) -> Mention | None:
        if target is None:
            return None
        text = self.entities.text[start:end]
        return Mention(target.key, target.type, start, end, text, token.i, target.kb_id)
