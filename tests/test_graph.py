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


def test_a_fact_whose_types_no_longer_fit_is_set_aside_and_comes_back_when_they_do():
    """'BMW invested in Mini' read Mini as a company; if most articles say Mini is a car, investsIn
    (range Organization) cannot hold in the graph; more articles naming the company bring it back."""
    bmw = Entity("bmw", "BMW", "Company", (Span(0, 3, "BMW"),))

    def mini(kind, times=1):
        return Entity("mini", "Mini", kind, tuple(Span(13 + 6 * i, 17 + 6 * i, "Mini") for i in range(times)))

    invests = Relation("bmw", "investsIn", "mini", 0.8, Span(0, 3, "BMW"), Span(13, 17, "Mini"), Span(0, 18, "BMW invests in Mini."), "asserted", "test")
    kg = KnowledgeGraph.from_records([_record("d1", [invests], [bmw, mini("Company")])])
    assert kg.graph.has_edge("bmw", "mini") and kg.facts_set_aside == 0
    kg.add_record(_record("d2", entities=[bmw, mini("Product", times=3)]))
    assert kg.graph.nodes["mini"]["type"] == "Product"
    assert not kg.graph.has_edge("bmw", "mini") and kg.facts_set_aside == 1 and kg.stats()["facts_set_aside"] == 1
    kg.add_record(_record("d3", entities=[bmw, mini("Company", times=4)]))
    assert kg.graph.nodes["mini"]["type"] == "Company"
    (data,) = kg.graph.get_edge_data("bmw", "mini").values()
    assert data["predicate"] == "investsIn" and [e["document"] for e in data["evidence"]] == ["d1"] and kg.facts_set_aside == 0


def test_a_fact_between_one_entity_and_itself_is_not_kept():
    kg = KnowledgeGraph.from_records([_record("d1", [_rel("competesWith", "apple", "apple")])])
    assert kg.graph.number_of_edges() == 0


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


def _article(doc_id, entities, relations=()):
    span = Span(0, 1, "x")
    return ExtractionRecord(
        doc_id,
        tuple(Entity(key, label, etype, (Span(0, len(label), label),) * uses, aliases=tuple(aliases)) for key, label, etype, uses, aliases in entities),
        tuple(Relation(s, p, o, 0.8, span, span, span) for s, p, o in relations),
    )


BARE = _article("bare", [("mpaa", "MPAA", "Organization", 3, ()), ("marchionne", "Mr Marchionne", "Person", 2, ()), ("fiat", "Fiat", "Company", 1, ())],
                [("marchionne", "ceoOf", "fiat"), ("mpaa", "sues", "fiat")])
FULL = _article("full", [("motion-picture-association-of-america", "Motion Picture Association of America", "GovernmentBody", 1, ("MPAA",)),
                         ("sergio-marchionne", "Sergio Marchionne", "Person", 1, ())])


@pytest.mark.parametrize("order", [(BARE, FULL), (FULL, BARE)], ids=["bare-first", "full-first"])
def test_a_bare_acronym_or_surname_joins_the_one_entity_it_names_in_another_article(order):
    kg = KnowledgeGraph.from_records(order)
    assert sorted(kg.graph.nodes) == ["fiat", "motion-picture-association-of-america", "sergio-marchionne"]
    facts = {(s, d["predicate"], o) for s, o, d in kg.graph.edges(data=True)}
    assert facts == {("sergio-marchionne", "ceoOf", "fiat"), ("motion-picture-association-of-america", "sues", "fiat")}
    mpaa = kg.graph.nodes["motion-picture-association-of-america"]
    # The long form names it, and its words decide the type, however often the bare acronym was used.
    assert (mpaa["label"], mpaa["type"], mpaa["aliases"]) == ("Motion Picture Association of America", "GovernmentBody", ["MPAA"])
    assert kg.graph.nodes["sergio-marchionne"]["articles"] == ["bare", "full"]


def test_a_surname_two_people_share_stays_apart():
    other = _article("other", [("anna-marchionne", "Anna Marchionne", "Person", 1, ())])
    kg = KnowledgeGraph.from_records([FULL, other, BARE])
    assert {"marchionne", "sergio-marchionne", "anna-marchionne"} <= set(kg.graph.nodes)


def test_the_entity_audit_counts_what_readers_notice():
    from graphbuild.graph.audit import bare_titled_persons, shared_labels, wrong_names

    kg = KnowledgeGraph.from_records([
        _article("b", [("kyle-cooper", "Kyle Cooper", "Person", 1, ()), ("acme-2", "Acme", "Company", 1, ()), ("jane-cooper", "Jane Cooper", "Person", 1, ())]),
        _article("a", [("377bn", "$377bn", "Organization", 1, ()), ("non-nato", "non-Nato", "Place", 1, ()), ("ifo", "institute Ifo", "Organization", 1, ()),
                       ("da-silva", "da Silva", "Person", 1, ()), ("cooper", "Ms Cooper", "Person", 1, ()), ("acme-1", "Acme", "Company", 1, ())]),
    ])  # two Coopers are known when 'Ms Cooper' arrives: she stays apart
    assert wrong_names(kg) == {"amount": ["$377bn"], "descriptor": ["institute Ifo"], "prefix": ["non-Nato"]}
    assert shared_labels(kg) == {("acme", "Company"): ["acme-1", "acme-2"]}
    assert bare_titled_persons(kg) == {"Ms Cooper": ["Jane Cooper", "Kyle Cooper"]}
