"""The matcher and coreference look at a token only when its word could matter.

They read every token's word, lemma, part of speech and tag from one array
(``DocEntities.words``) and build spaCy tokens only for likely ones.  The arrays
must hold exactly what the tokens hold, and the words must still find what the
tokens found.
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


def test_pointing_words(extractor):
    """Pronouns, relative words and descriptions point; a description's word ending a name does not."""
    from graphbuild.nlp.coref import Coref
    from graphbuild.nlp.mentions import DocEntities

    doc = extractor.nlp("Xiaomi said the company, whose phones sell well, would grow. The UK National Tremor Foundation said it agreed with Xiaomi.")
    coref = Coref(DocEntities(doc, extractor.kb))
    pointing = [t.text for t in coref.pointing(0, len(doc))]
    assert pointing == ["company", "whose", "phones", "it"]  # not "Foundation"
    second = list(doc.sents)[1]
    assert [t.text for t in coref.pointing(second.start, second.end)] == ["it"]


def test_triggers_are_found_by_their_words(extractor):
    """A one-word trigger, a trigger phrase and a lemma trigger fire; a deputy's title does not make a chairman."""
    from graphbuild.nlp.mentions import DocEntities

    doc = extractor.nlp("Lei Jun, the chief executive of Xiaomi, acquired a stake. Vice chairman Tom Smith founded Acme.")
    entities = DocEntities(doc, extractor.kb)
    fired = {doc[i].text: {p.predicate for p in extractor.matcher._triggered(doc, i, entities.words)} for i in range(len(doc))}
    assert "ceoOf" in fired["executive"]  # the last word of 'chief executive'
    assert "acquired" in fired["acquired"]
    assert "founderOf" in fired["founded"]
    assert "chairmanOf" not in fired["chairman"]
    assert not fired["stake"] - {"investsIn"} and not fired["the"]
