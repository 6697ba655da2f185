"""Relation patterns are data: every relation has some, every pattern is valid and works on its example."""

import json

import pytest

from graphbuild.errors import PatternError
from graphbuild.relations.patterns import PATTERN_DIR, load_patterns, read_pattern_file
from graphbuild.relations.schema import load_schema

PATTERNS = load_patterns()


def test_every_object_relation_of_the_ontology_has_a_pattern_file():
    relations = {name for name, spec in load_schema().items() if not spec.datatype}
    files = {p.stem for p in PATTERN_DIR.glob("*.jsonl")}
    assert relations == files


def test_every_pattern_names_a_known_relation_and_documents_itself():
    schema = load_schema()
    for pattern in PATTERNS:
        assert pattern.predicate in schema
        assert pattern.example and pattern.note


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_pattern_finds_its_relation_in_its_example(pattern, extractor):
    from graphbuild.pipeline import extract

    (record,) = extract([pattern.example], extractor=extractor)
    assert pattern.predicate in {r.predicate for r in record.relations}, record.to_dict()


def test_unknown_relation_file_is_refused(tmp_path):
    path = tmp_path / "likes.jsonl"
    path.write_text(json.dumps({"id": "x", "trigger": {"lemmas": ["like"]}, "subject": ["agent"], "object": ["patient"], "example": "e", "note": "n"}) + "\n")
    with pytest.raises(PatternError, match="'likes' is not a relation of the ontology"):
        read_pattern_file(path)


def test_malformed_pattern_names_its_line(tmp_path):
    path = tmp_path / "acquired.jsonl"
    good = {"id": "a", "trigger": {"lemmas": ["buy"]}, "subject": ["agent"], "object": ["patient"], "example": "e", "note": "n"}
    bad = dict(good, id="b", subject=["nsubj ^^bad"])
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(PatternError, match=r"acquired\.jsonl:2:"):
        read_pattern_file(path)


@pytest.mark.parametrize("share", [{"under": 50}, {"below": "half"}, {}, 50])
def test_a_malformed_share_condition_says_what_it_takes(tmp_path, share):
    path = tmp_path / "investsIn.jsonl"
    path.write_text(json.dumps({"id": "a", "trigger": {"lemmas": ["own"], "share": share}, "subject": ["agent"], "object": ["patient"], "example": "e", "note": "n"}) + "\n")
    with pytest.raises(PatternError, match=r'investsIn\.jsonl:1: "share"'):
        read_pattern_file(path)


def test_pattern_without_example_is_refused(tmp_path):
    path = tmp_path / "acquired.jsonl"
    path.write_text(json.dumps({"id": "a", "trigger": {"lemmas": ["buy"]}, "subject": ["agent"], "object": ["patient"], "note": "n"}) + "\n")
    with pytest.raises(PatternError, match='needs "example"'):
        read_pattern_file(path)


@pytest.mark.parametrize(
    "text,fact",
    [
        ("Maria Lopez, a professor at Stanford University, said the chip was fast.", ("maria-lopez", "employeeOf", "stanford-university")),
        ("Tom Reed has been named publisher of the Daily Ledger, the newspaper said.", ("tom-reed", "employeeOf", "daily-ledger")),
        ("The valves were shipped by Dorvel Corp. of Toledo.", ("dorvel", "headquarteredIn", "toledo")),
        ("Nordex Group, a wind turbine maker, is the parent company of Acciona Windpower.", ("acciona-windpower", "subsidiaryOf", "nordex")),
    ],
)
def test_news_titles_and_home_towns(text, fact, extractor):
    from graphbuild.pipeline import extract

    (record,) = extract([text], extractor=extractor)
    assert fact in {(r.subject, r.predicate, r.object) for r in record.relations}, record.to_dict()["relations"]
