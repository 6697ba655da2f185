"""The dependency-path language, on hand-built parses (no model involved)."""

import pytest

from graphbuild.relations.paths import agent, parse_path, patient, walk


def test_parse_rejects_nonsense():
    with pytest.raises(ValueError):
        parse_path("nsubj ^^x")
    with pytest.raises(ValueError):
        parse_path("")


def test_active_and_passive_roles(nlp_doc):
    # Google acquired YouTube .
    active = nlp_doc(["Google", "acquired", "YouTube", "."], heads=[1, 1, 1, 1], deps=["nsubj", "ROOT", "dobj", "punct"], pos=["PROPN", "VERB", "PROPN", "PUNCT"])
    assert [t.text for t in agent(active[1])] == ["Google"]
    assert [t.text for t in patient(active[1])] == ["YouTube"]
    # YouTube was acquired by Google .
    passive = nlp_doc(
        ["YouTube", "was", "acquired", "by", "Google", "."],
        heads=[2, 2, 2, 2, 3, 2],
        deps=["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
        pos=["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
    )
    assert [t.text for t in agent(passive[2])] == ["Google"]
    assert [t.text for t in patient(passive[2])] == ["YouTube"]


def test_subject_is_inherited_through_control_verbs(nlp_doc):
    # Xiaomi plans to enter the market .
    doc = nlp_doc(
        ["Xiaomi", "plans", "to", "enter", "the", "market", "."],
        heads=[1, 1, 3, 1, 5, 3, 1],
        deps=["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
        pos=["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert [t.text for t in agent(doc[3])] == ["Xiaomi"]


def test_walk_with_lemma_filter_and_optional_steps(nlp_doc):
    # Lei Jun , CEO of Xiaomi
    doc = nlp_doc(
        ["Jun", ",", "CEO", "of", "Xiaomi"],
        heads=[0, 0, 0, 2, 3],
        deps=["ROOT", "punct", "appos", "prep", "pobj"],
        pos=["PROPN", "PUNCT", "NOUN", "ADP", "PROPN"],
    )
    ceo = doc[2]
    assert {t.text for t in walk([ceo], parse_path("prep:of pobj"))} == {"Xiaomi"}
    assert walk([ceo], parse_path("prep:at pobj")) == set()
    assert {t.text for t in walk([ceo], parse_path("^appos"))} == {"Jun"}
    assert {t.text for t in walk([ceo], parse_path("prep:of? pobj?"))} == {"CEO", "of", "Xiaomi"}
