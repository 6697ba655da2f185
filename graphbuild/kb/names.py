"""Canonical forms of names, so that variants of one name meet on one key.

'Xiaomi', "Xiaomi's", 'Xiaomi Corp.' and 'Xiaomi Group' share the key
``xiaomi``; 'U.S.' and 'US' share ``us``; 'Apple Music' keeps its own key.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = json.loads((Path(__file__).parent / "name_words.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


def name_words(kind: str) -> frozenset[str]:
    """One of the word lists of ``name_words.json`` ('legal_suffixes', 'organization_heads', ...)."""
    return _words()[kind]


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
    legal = _words()["legal_suffixes"]
    while len(tokens) > 1 and tokens[-1] in legal:
        tokens = tokens[:-1]
    return " ".join(tokens)


def organization_key(text: str) -> str:
    """:func:`name_key` for an organization, also without one trailing descriptor.

    Only one: 'Ericsson Mobile Communications' is a subsidiary of Ericsson, not
    another name of it.

    >>> organization_key("Lucent Technologies") == organization_key("Lucent")
    True
    >>> organization_key("General Motors") == organization_key("General")
    False
    >>> organization_key("Sony Ericsson") == organization_key("Sony")
    False
    >>> organization_key("Ericsson Mobile Communications AB") == organization_key("Ericsson")
    False
    """
    tokens = name_key(text).split()
    words = _words()
    if len(tokens) > 1 and tokens[-1] in words["descriptors"] and " ".join(tokens[:-1]) not in words["generic_stems"]:
        tokens = tokens[:-1]
    return " ".join(tokens)


def person_key(text: str) -> str:
    """The key of a person's name, without titles: 'Sen. Edward Markey' -> 'edward markey'."""
    tokens = _tokens(text)
    titles = _words()["person_titles"]
    while len(tokens) > 1 and tokens[0] in titles:
        tokens = tokens[1:]
    return " ".join(tokens)


def slug(key: str) -> str:
    """A readable id from a key: letters and digits of any script, joined by '-'.

    >>> slug("at&t")
    'at-t'
    """
    parts = re.findall(r"[^\W_]+", key, re.UNICODE)
    return "-".join(parts) or "entity"


def abbreviates(short: str, long_form: str) -> bool:
    """'SDI' abbreviates 'San Diego Institute for Policy Research': same first letter, letters in order.

    >>> abbreviates("MPAA", "Motion Picture Association of America"), abbreviates("FDA", "Apple")
    (True, False)
    """
    letters = [c.lower() for c in short if c.isalpha()]
    rest = iter(long_form.lower())
    return len(letters) > 1 and letters[0] == long_form[:1].lower() and all(c in rest for c in letters)


def is_acronym(text: str) -> bool:
    """One all-capital word of 2 to 10 letters ('MPAA', 'FDA', 'ONGC')."""
    return 2 <= len(text) <= 10 and text.isalpha() and text.isupper()


_AMOUNT = re.compile(r"^[$£€¥]|^\d[\d.,]*\s?(?:bn|m|k|kbps|mbps|gbps|gb|mb|tb|ghz|mhz|kw|mw|gw|kwh|%|p|pc|billion|million|trillion)?$", re.IGNORECASE)
_PREFIXED = re.compile(r"^(?:non|pro|anti|ex|post|pre)-", re.IGNORECASE)


def not_a_name(text: str) -> str | None:
    """Why words are no entity's name: 'amount' ('$377bn', '119bn', '1.8GHz') or 'prefix' ('non-EU', 'ex-Columbia').

    >>> not_a_name("$377bn"), not_a_name("1.8GHz"), not_a_name("pro-Chavez"), not_a_name("3Com")
    ('amount', 'amount', 'prefix', None)
    """
    text = text.strip()
    if _AMOUNT.match(text):
        return "amount"
    if _PREFIXED.match(text):
        return "prefix"
    return None


def preferred_name(names: dict[str, int], etype: str) -> str:
    """The display name among ``names`` (name -> uses): for a person the fullest ('Cynthia Cooper'
    over 'Ms Cooper' and 'Cooper'; titles do not count as words), else the most used; ties by length.

    >>> preferred_name({"Ms Cooper": 5, "Cynthia Cooper": 1}, "Person"), preferred_name({"IBM": 3, "I.B.M.": 1}, "Company")
    ('Cynthia Cooper', 'IBM')
    """
    def rank(item: tuple[str, int]) -> tuple:
        name, count = item
        return (len(person_key(name).split()) if etype == "Person" else 0, count, len(name), name)

    return max(names.items(), key=rank)[0]

