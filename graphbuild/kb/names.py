"""Canonical forms of names, so that variants of one name meet on one key.

'Xiaomi', "Xiaomi's", 'Xiaomi Corp.' and 'Xiaomi Group' share the key
``xiaomi``; 'U.S.' and 'US' share ``us``; 'Apple Music' keeps its own key.
"""

from __future__ import annotations

import re
import unicodedata

#: Company-form words dropped from the end of organization names.
LEGAL_SUFFIXES = frozenset(
    "inc incorporated corp corporation co ltd limited llc plc ag sa se nv bv gmbh oyj ab asa spa "
    "group holdings holding".split()
)

#: Titles and roles dropped from the front of person names.
PERSON_TITLES = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady sen sens senator rep representative gov governor "
    "president chairman chairwoman ceo cfo cto coo chief executive founder mayor judge justice "
    "minister secretary general gen adm st".split()
)

_TOKEN = re.compile(r"[^\W_]+(?:[&'’+.\-][^\W_]+)*[.+]?", re.UNICODE)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$|['’]$", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).strip()
    text = _POSSESSIVE.sub(lambda m: "s" if m.group().lower().startswith("s") else "", text)
    tokens = []
    for token in _TOKEN.findall(text.lower()):
        # Dotted abbreviations meet their plain form: 'U.S.' -> 'us'.
        token = token.replace(".", "") if re.fullmatch(r"(?:\w\.)+\w?\.?", token) else token.rstrip(".")
        token = token.replace("’", "'")
        if token:
            tokens.append(token)
    return tokens


def name_key(text: str) -> str:
    """The key under which variants of an organization, product or place name meet.

    >>> name_key("Xiaomi Corp.") == name_key("Xiaomi's") == name_key("xiaomi")
    True
    >>> name_key("the U.S.") == name_key("US")
    True
    >>> name_key("Apple Music") == name_key("Apple")
    False
    """
    tokens = _tokens(text)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens = tokens[:-1]
    return " ".join(tokens)


def person_key(text: str) -> str:
    """The key of a person's name, without titles: 'Sen. Edward Markey' -> 'edward markey'."""
    tokens = _tokens(text)
    while len(tokens) > 1 and tokens[0] in PERSON_TITLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def slug(key: str) -> str:
    """A readable id from a key: letters and digits of any script, joined by '-'.

    >>> slug("at&t")
    'at-t'
    """
    parts = re.findall(r"[^\W_]+", key, re.UNICODE)
    return "-".join(parts) or "entity"
