"""The knowledge graph: one node per entity, evidence on every edge, merging rules."""

from graphbuild.graph.algorithms import ego_network, top_connected
from graphbuild.graph.model import KnowledgeGraph, find_entity, noisy_or
from graphbuild.records import Entity, ExtractionRecord, Relation, Span

import pytest


def _record(doc_id, relations=(), entities=None):
    entities = entities or [
        Entity("apple", "Apple", "Company", (Span(0, 5, "Apple"),), qid="Q312"),
        Entity("beats", "Beats", "Company", (Span(13, 18, "Beats"),)),
    ]
    return ExtractionRecord(doc_id, tuple(entities), tuple(relations), {"title": f"title {doc_id}"})


def _rel(predicate="acquired", s="apple", o="beats", confidence=0.8, status="asserted"):
    return Relation(s, predicate, o, confidence, Span(0, 5, "Apple"), Span(13, 18, "Beats"), Span(0, 19, "Apple bought Beats."), status, "test")


def test_noisy_or_combines_documents_not_repeats():
    kg = KnowledgeGraph.from_records([_record("d1", [_rel(confidence=0.8)]), _record("d2", [_rel(confidence=0.5)])])
    (data,) = [d for _, _, d in kg.graph.edges(data=True)]
    assert data["confidence"] == round(noisy_or([0.8, 0.5]), 4) == 0.9
    assert [e["document"] for e in data["evidence"]] == ["d1", "d2"]


def test_the_same_document_twice_adds_nothing():
    kg = KnowledgeGraph()
    assert kg.add_record(_record("d1", [_rel()]))
    assert not kg.add_record(_record("d1", [_rel()]))
    (data,) = [d for _, _, d in kg.graph.edges(data=True)]
    assert len(data["evidence"]) == 1
    assert kg.graph.nodes["apple"]["mentions"] == 1


def test_symmetric_relations_are_stored_once():
    kg = KnowledgeGraph.from_records([_record("d1", [_rel("partnersWith", "beats", "apple")]), _record("d2", [_rel("partnersWith", "apple", "beats")])])
    assert list(kg.graph.edges(keys=True)) == [("apple", "beats", ("partnersWith", "asserted"))]


def test_different_statuses_are_different_facts():
    kg = KnowledgeGraph.from_records([_record("d1", [_rel(status="planned")]), _record("d2", [_rel(status="asserted")])])
    assert sorted(k for _, _, k in kg.graph.edges(keys=True)) == [("acquired", "asserted"), ("acquired", "planned")]


def test_type_and_label_conflicts_majority_wins_variants_become_aliases():
    e1 = Entity("acme", "Acme", "Organization", (Span(0, 4, "Acme"), Span(10, 14, "Acme")))
    e2 = Entity("acme", "ACME Corp", "Company", (Span(0, 9, "ACME Corp"),))
    kg = KnowledgeGraph.from_records([_record("d1", entities=[e1]), _record("d2", entities=[e2])])
    node = kg.graph.nodes["acme"]
    assert node["label"] == "Acme" and node["type"] == "Organization"
    assert node["aliases"] == ["ACME Corp"]
    assert node["articles"] == ["d1", "d2"]


def test_find_entity_by_label_alias_or_key_with_suggestions():
    kg = KnowledgeGraph.from_records([_record("d1", [_rel()])])
    assert find_entity(kg, "apple inc.") == "apple"
    from graphbuild.errors import UsageError

    with pytest.raises(UsageError, match="Did you mean: Apple"):
        find_entity(kg, "Appel")


def test_top_connected_and_ego_network_on_the_seed(seed_kg):
    top = top_connected(seed_kg.graph, 3)
    assert top[0] == "xiaomi"
    ego = ego_network(seed_kg.graph, "lei-jun", 1)
    assert set(ego) == {"lei-jun", "xiaomi"}
