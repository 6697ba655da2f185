"""The matcher and coreference look at a token only when its word could matter.

They read every token's word, lemma, part of speech and tag from one array
(``DocEntities.words``) and build spaCy tokens only for likely ones.  These
shortcuts must never change an answer: each is checked here against the full
token-by-token test it stands in front of, on the seed article.
"""

from __future__ import annotations

import pytest

from conftest import SEED_ARTICLE


@pytest.fixture(scope="module")
def seed_entities(extractor):
    from graphbuild.nlp.mentions import DocEntities

    doc = extractor.nlp(SEED_ARTICLE.read_text(encoding="utf-8"))
    return DocEntities(doc, extractor.kb)


def test_words_are_the_tokens_own(seed_entities):
    doc, words = seed_entities.doc, seed_entities.words
    assert len(words.lower) == len(words.lemma) == len(words.pos) == len(words.tag) == len(doc)
    assert list(words.lower) == [t.lower_ for t in doc]
    assert list(words.lemma) == [t.lemma_.lower() for t in doc]
    assert list(words.pos) == [t.pos_ for t in doc]
    assert list(words.tag) == [t.tag_ for t in doc]


def test_words_of_an_empty_document(extractor):
    from graphbuild.nlp.mentions import TokenWords

    assert TokenWords.of(extractor.nlp("")) == TokenWords((), (), (), ())


def test_pointing_words_are_every_pointing_token(seed_entities):
    from graphbuild.nlp.coref import Coref

    coref = Coref(seed_entities)
    doc = seed_entities.doc
    expected = [t.i for t in doc if coref.is_pointing(t)]
    assert expected, "the seed article has pronouns and descriptions ('it', 'the company')"
    assert [t.i for t in coref.pointing(0, len(doc))] == expected
    for sent in doc.sents:
        assert [t.i for t in coref.pointing(sent.start, sent.end)] == [i for i in expected if sent.start <= i < sent.end]


def test_no_trigger_is_skipped(extractor, seed_entities):
    """A token the matcher skips by its word has no pattern trigger at all."""
    matcher = extractor.matcher
    words = seed_entities.words
    triggered = [t.i for t in seed_entities.doc if matcher._triggered(t)]
    assert triggered, "the seed article triggers patterns ('CEO', 'founder', 'rival')"
    assert all(words.lower[i] in matcher.by_word or words.lemma[i] in matcher.by_lemma for i in triggered)
