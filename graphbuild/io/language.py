"""Is a text English?  A cheap test before any NLP: the share of English function words.

English prose is about 40% function words ('the', 'of', 'and', 'in'...); other
languages written in Latin script rarely pass 10%, and other scripts have none.
Short texts (headlines, one-line notes) are always let through.  A news brief
made mostly of names ('Good Technology supported by HP, Samsung...RIM touts
BlackBerry with Wi-Fi') can fall below that share while being plain English, so
a text below it is refused only when the function words it does have belong to
another language (spaCy's stop-word lists of the common Latin-script languages).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Below this share of English function words, a text of MIN_WORDS words or more is not English.
MIN_SHARE = 0.12
MIN_WORDS = 25
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_english(text: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return True
    if sum(w in STOP_WORDS for w in words) / len(words) >= MIN_SHARE:
        return True
    english, others = _exclusive_function_words()
    own = sum(w in english for w in words)
    return all(sum(w in theirs for w in words) <= own for theirs in others.values())


_OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")


@lru_cache(maxsize=1)
def _exclusive_function_words() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """English function words no other listed language has, and each other language's that English lacks."""
    import importlib

    from spacy.lang.en.stop_words import STOP_WORDS

    others = {code: frozenset(importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS) for code in _OTHER_LANGUAGES}
    shared = frozenset().union(*others.values())
    return frozenset(STOP_WORDS) - shared, {code: words - STOP_WORDS for code, words in others.items()}
