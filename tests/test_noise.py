"""Wire-news noise is kept from the parser: datelines leave the story, markup is blanked; offsets never move."""

import pytest

from graphbuild.extract import OffsetMap, nlp_text
from graphbuild.io.noise import blank_noise, without_datelines
from graphbuild.pipeline import extract
from graphbuild.records import Document


def _story(text: str) -> str:
    return OffsetMap(without_datelines(Document(id="d", text=text))).text


@pytest.mark.parametrize(
    "text, story",
    [
        ("LOS ANGELES (Reuters) - Apple began shipping a program.", "Apple began shipping a program."),
        ("MANHASSET, NY - Philips and Samsung have entered into a deal.", "Philips and Samsung have entered into a deal."),
        ("AP - French technology company Thomson said on Monday.", "French technology company Thomson said on Monday."),
        ("SPACE.com - TORONTO, Canada -- A second team announced a launch.", "A second team announced a launch."),
        ("8/24/2004 -- Cisco Systems yesterday announced a connector.", "Cisco Systems yesterday announced a connector."),
        ("Stocks fall (AP)\n\nNEW YORK (CNN/Money) - Stocks fell.", "Stocks fall (AP)\n\nStocks fell."),
    ],
)
def test_a_dateline_is_left_out_of_the_story(text, story):
    assert _story(text) == story


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft - the software giant - said on Monday it would cut prices.",
        "IBM - the computer maker - said it would cut prices.",
        "Apple said - and nobody disagreed - that it had won.",
        "Title\n\nShares rose 5% - the biggest gain this year.",
    ],
)
def test_the_first_words_of_a_story_before_a_dash_are_no_dateline(text):
    document = Document(id="d", text=text)
    assert without_datelines(document) is document


def test_markup_and_stripped_entities_are_blanked_in_place():
    text = "Apple Computer Inc.<AAPL.O> said <b>quot;Hello quot;</b> to AT amp;T and SBC <A HREF=\"http://q?t=SBC.N\">SBC.N</A> today."
    blanked = blank_noise(text)
    assert len(blanked) == len(text)
    assert blanked.split() == ["Apple", "Computer", "Inc.", "said", '"Hello', '"', "to", "AT", "&T", "and", "SBC", "today."]


def test_bracketed_instrument_codes_are_blanked_but_other_brackets_stay():
    text = "Texas Instruments Inc. (TXN.N: Quote, Profile, Research) and Ahold (0753.HK) beat Sony (SNE) and the WTO (Geneva)."
    blanked = blank_noise(text)
    assert len(blanked) == len(text)
    assert blanked.split() == ["Texas", "Instruments", "Inc.", "and", "Ahold", "beat", "Sony", "(SNE)", "and", "the", "WTO", "(Geneva)."]


def test_the_parser_reads_the_story_but_offsets_and_evidence_are_the_input_s(extractor):
    text = "Chip deal\n\nMANHASSET, NY - Philips Electronics and Samsung Electronics have entered into a <b>deal</b>."
    assert "MANHASSET" not in nlp_text(without_datelines(Document(id="d", text=text)))
    (record,) = extract([text], extractor=extractor)
    assert {e.label for e in record.entities} == {"Philips", "Samsung Electronics"}
    (fact,) = [r for r in record.relations if r.predicate == "partnersWith"]
    assert fact.sentence.text == "Philips Electronics and Samsung Electronics have entered into a <b>deal</b>."
    for span in [fact.sentence, fact.subject_mention, fact.object_mention, *(m for e in record.entities for m in e.mentions)]:
        assert text[span.start : span.end] == span.text


def test_no_entity_comes_from_a_dateline_of_real_wire_news(extractor):
    from conftest import corpus_files

    (path,) = corpus_files("agnews_business.jsonl", instead="test_a_dateline_is_left_out_of_the_story checks datelines written for the tests.")
    import json
    import re

    texts = [t for t in (json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()) if re.match(r"[A-Z ,.]+ \(Reuters\) - ", t)][:40]
    assert len(texts) == 40
    documents = [Document(id=str(n), text=t) for n, t in enumerate(texts)]
    with_entities = 0
    for text, record in zip(texts, extractor.records(documents)):
        story_start = text.index(" - ") + 3
        assert not [m.text for e in record.entities for m in e.mentions if m.start < story_start], text[:80]
        with_entities += bool(record.entities)
    assert with_entities >= 30  # the stories themselves are still read
