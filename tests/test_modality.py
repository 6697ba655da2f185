"""Statuses from the text: asserted, reported, planned, ended, negated; conditionals state nothing."""

import pytest

from graphbuild.pipeline import extract


def _statuses(extractor, text, predicate):
    (record,) = extract([text], extractor=extractor)
    return {r.status for r in record.relations if r.predicate == predicate}


@pytest.mark.parametrize(
    "text,predicate,status",
    [
        ("Google acquired YouTube in 2006.", "acquired", "asserted"),
        ("Google plans to acquire YouTube.", "acquired", "planned"),
        ("Google reportedly acquired YouTube.", "acquired", "reported"),
        ("Google did not acquire YouTube.", "acquired", "negated"),
        ("Microsoft denied that it would partner with Google.", "partnersWith", "negated"),
        ("Steve Ballmer, the former CEO of Microsoft, spoke on Monday.", "ceoOf", "ended"),
        ("Previously Leica shared a partnership with Huawei, but this has come to an end.", "partnersWith", "ended"),
    ],
)
def test_status(extractor, text, predicate, status):
    assert _statuses(extractor, text, predicate) == {status}


def test_title_of_a_person_who_plans_something_stays_asserted(extractor):
    assert _statuses(extractor, "Tim Cook, CEO of Apple, plans to visit China next week.", "ceoOf") == {"asserted"}


def test_conditional_clause_yields_no_fact(extractor):
    assert _statuses(extractor, "If Google acquires YouTube, prices will rise.", "acquired") == set()
