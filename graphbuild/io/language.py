"""Is a text English?  A cheap test before any NLP: the share of English function words.

English prose is about 40% function words ('the', 'of', 'and', 'in'...); other
languages written in Latin script rarely pass 10%, and other scripts have none.
Short texts (headlines, one-line notes) are always let through.
"""

from __future__ import annotations

import re

#: Below this share of English function words, a text of MIN_WORDS words or more is not English.
MIN_SHARE = 0.12
MIN_WORDS = 25
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def looks_english(text: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return True
    return sum(w in STOP_WORDS for w in words) / len(words) >= MIN_SHARE
