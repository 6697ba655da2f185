"""Story sections of scraped pages: boilerplate out, offsets kept."""

import json

from conftest import DATA, SEED_ARTICLE

from graphbuild.io.sections import find_sections


def _texts(text):
    return ["\n\n".join(text[s:e] for s, e in section.ranges) for section in find_sections(text)]


def test_seed_page_splits_into_the_four_gold_stories():
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    gold = json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))
    assert _texts(text) == [story["text"] for story in gold]


def test_navigation_captions_and_bios_are_not_story_text():
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    stories = "\n".join(_texts(text))
    for boilerplate in ("Skip to main content", "Andy Boxall/Digital Trends", "Editors' Recommendations", "Brenda became obsessed", "Former Digital Trends Contributor", "Read more", "huawei p20 pro leica"):
        assert boilerplate not in stories


def test_headline_is_the_section_title():
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    titles = [s.title for s in find_sections(text)]
    assert titles[0] == "Xiaomi plans to launch its smartphones in the U.S. by the end of 2018"
    assert titles[3] == "Xiaomi steals Leica from Huawei for its next flagship phone"


def test_short_text_without_paragraphs_is_kept_whole():
    text = "Apple bought Beats."
    (section,) = find_sections(text)
    assert [text[s:e] for s, e in section.ranges] == ["Apple bought Beats."]


def test_plain_article_keeps_short_body_lines():
    text = (
        "Microsoft buys a games studio in a surprise deal\n\n"
        "Microsoft has bought the games studio Rare for $375m, the company said on Tuesday in a statement to investors.\n\n"
        "The deal closed today.\n\n"
        "Analysts said the price was high but the studio had a strong record of hits on consoles."
    )
    (section,) = find_sections(text)
    kept = [text[s:e] for s, e in section.ranges]
    assert "The deal closed today." in kept
    assert kept[0].startswith("Microsoft buys")


def test_ranges_are_offsets_into_the_input():
    text = "Skip to main content\n\n  Headline of a story about chips here\n\nIntel said on Monday that it would build a new chip factory in Ohio for twenty billion dollars.\n"
    (section,) = find_sections(text)
    for start, end in section.ranges:
        assert text[start:end].strip() == text[start:end]
        assert text[start:end] in text
