"""RDF output: the two-layer model, safe IRIs, determinism, round trips."""

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graphbuild.graph.model import KnowledgeGraph
from graphbuild.rdf.formats import FORMATS
from graphbuild.rdf.iri import entity_iri
from graphbuild.rdf.mapping import from_rdf, text_literal
from graphbuild.rdf.namespace import TK
from graphbuild.records import Entity, ExtractionRecord, Relation, Span

ID = "https://w3id.org/graphbuild/id/"


def test_plain_triples_only_for_asserted_and_reported_facts(seed_kg):
    g = seed_kg.to_rdf()
    assert (URIRef(ID + "lei-jun"), TK.ceoOf, URIRef(ID + "xiaomi")) in g
    assert (URIRef(ID + "huawei"), TK.bannedBy, URIRef(ID + "att")) in g  # reported
    ended = [(s, o) for s, o in g.subject_objects(TK.partnersWith) if {str(s), str(o)} == {ID + "huawei", ID + "leica"}]
    assert ended == []
    statuses = {str(st) for st in g.objects(None, TK.status)}
    assert str(TK.ended) in statuses and str(TK.planned) in statuses


def test_every_statement_has_evidence_with_source(seed_kg):
    g = seed_kg.to_rdf()
    statements = list(g.subjects(predicate=TK.status))
    assert statements
    for st in statements:
        evidence = list(g.objects(st, TK.evidence))
        assert evidence
        for ev in evidence:
            assert g.value(ev, TK.sentence) is not None
            assert (g.value(ev, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")), None, None) in g
        confidence = float(g.value(st, TK.confidence))
        assert 0.0 <= confidence <= 1.0


def test_no_blank_nodes(seed_kg):
    g = seed_kg.to_rdf()
    assert not any(isinstance(term, BNode) for triple in g for term in triple)


def test_wikidata_links(seed_kg):
    g = seed_kg.to_rdf()
    assert (URIRef(ID + "xiaomi"), URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef("http://www.wikidata.org/entity/Q1636958")) in g


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_round_trips(seed_kg, tmp_path, fmt):
    path = tmp_path / f"graph{FORMATS[fmt].suffix}"
    seed_kg.serialize(path, fmt)
    parsed = Graph().parse(path, format=FORMATS[fmt].rdflib_name)
    assert isomorphic(parsed, seed_kg.to_rdf())


@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_output_is_byte_identical_across_builds(seed_records, tmp_path, fmt):
    a = tmp_path / "a"
    b = tmp_path / "b"
    KnowledgeGraph.from_records(seed_records).serialize(a, fmt)
    KnowledgeGraph.from_records(list(reversed(seed_records))).serialize(b, fmt)
    assert a.read_bytes() == b.read_bytes()


def test_rdf_back_to_graph_is_lossless(seed_kg):
    again = from_rdf(seed_kg.to_rdf())
    assert isomorphic(again.to_rdf(), seed_kg.to_rdf())


HOSTILE = ['Evil "Corp" <script>alert(1)</script>', "Back\\slash & #hash\nnew line", "שלום עולם 🚀", "Ctrl\x07char"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_make_valid_rdf_in_every_format(tmp_path, name):
    from graphbuild.kb import name_key, slug

    key = slug(name_key(name))
    entity = Entity(key, name, "Company", (Span(0, len(name), name),))
    other = Entity("beats", "Beats", "Company", (Span(0, 5, "Beats"),))
    rel = Relation(key, "acquired", "beats", 0.9, Span(0, len(name), name), Span(0, 5, "Beats"), Span(0, len(name), name + " sentence"), "asserted", "test")
    kg = KnowledgeGraph.from_records([ExtractionRecord('doc "1" <x>#', (entity, other), (rel,))])
    for fmt, spec in FORMATS.items():
        path = tmp_path / f"g{spec.suffix}"
        kg.serialize(path, fmt)
        parsed = Graph().parse(path, format=spec.rdflib_name)
        assert isomorphic(parsed, kg.to_rdf()), fmt
    iri = str(entity_iri(key))
    assert not any(c in iri for c in ' "<>#\\\n{}|^`')
    assert (entity_iri(key), None, text_literal(name)) in kg.to_rdf()
    assert text_literal(name) == Literal(name.replace("\x07", "\ufffd"))
