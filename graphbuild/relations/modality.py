"""What the sentence says of a fact: asserted, reported, planned, ended or negated.

The cues are data (``modality.json``).  Clausal cues ('plans to', 'denied
that', 'will') are looked for on the trigger and the verbs it depends on
through clausal links only, so 'Lei Jun, CEO of Xiaomi, plans to ...' keeps
his title asserted.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from spacy.tokens import Token

from ..config import PACKAGE_DIR

#: Links through which a trigger inherits the mood of the word it depends on.
_CLAUSAL = ("xcomp", "ccomp", "pcomp", "prep", "advcl", "conj", "acomp", "pobj", "dobj", "relcl", "acl")


@lru_cache(maxsize=1)
def cues() -> dict:
    return json.loads((PACKAGE_DIR / "relations" / "modality.json").read_text(encoding="utf-8"))


def _governors(trigger: Token) -> list[Token]:
    chain = [trigger]
    token = trigger
    for _ in range(5):
        if token.dep_ not in _CLAUSAL or token.head is token:
            break
        token = token.head
        chain.append(token)
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("pobj", "dobj"):
            break
    return chain


@lru_cache(maxsize=32)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """One compiled alternation per cue list, matched on whole words."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])")


def _phrase_in(sentence_lower: str, phrases: list[str]) -> bool:
    return bool(phrases) and _phrase_pattern(tuple(phrases)).search(sentence_lower) is not None


def is_conditional(trigger: Token, path: list[Token] = ()) -> bool:
    """True when the trigger, or a word on the path between the arguments, sits in an
    'if'/'whether' clause or a counterfactual ('could have obliged GM to buy'): the text claims nothing there."""
    conditional = cues()["conditional"]
    marks, modals = set(conditional["marks"]), set(conditional["counterfactual_modals"])
    words = [*_governors(trigger), *path]
    if any(c.dep_ == "mark" and c.lower_ in marks for t in words for c in t.children):
        return True
    # A description stays true in a counterfactual clause ('could have obliged GM to buy the Italian firm'): only an act is unreal there.
    return trigger.pos_ in ("VERB", "AUX") and any(_counterfactual(t, modals) for t in words)


def _counterfactual(verb: Token, modals: set[str]) -> bool:
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ == "VBN" and "have" in auxes and bool(modals.intersection(auxes))


def status_of(trigger: Token, sentence_text: str) -> str:
    """The status of a fact expressed by ``trigger`` in the sentence whose text is given.

    The caller passes the text (a slice of the document's) because spaCy rebuilds a
    span's text from its tokens on every access.
    """
    data = cues()
    chain = _governors(trigger)
    lemmas = {t.lemma_.lower() for t in chain[1:]}
    text = sentence_text.lower()
    if any(c.dep_ == "neg" for t in chain for c in t.children) or lemmas & set(data["negated"]["governing"]) or _phrase_in(text, data["negated"]["phrases"]):
        return "negated"
    ended = data["ended"]
    modifiers = {c.lower_.strip("-") for t in chain for c in t.children if c.dep_ in ("amod", "advmod", "compound", "nmod")}
    if modifiers & set(ended["modifiers"]) or _phrase_in(text, ended["adverbs"] + ended["phrases"]):
        return "ended"
    planned = data["planned"]
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    if lemmas & set(planned["governing"]) or auxes & set(planned["aux"]) or modifiers & set(planned["modifiers"]):
        return "planned"
    if _phrase_in(text, data["reported"]["phrases"]):
        return "reported"
    return "asserted"


def confidence_factor(status: str) -> float:
    return float(cues()["confidence_factor"][status])
