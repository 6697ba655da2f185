"""RDF output: the two-layer model, safe IRIs, determinism, round trips."""

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.compare import isomorphic

from graphbuild.graph.model import KnowledgeGraph
from graphbuild.rdf.formats import FORMATS, parse
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
    assert (URIRef(ID + "xiaomi"), URIRef("https://schema.org/sameAs"), URIRef("http://www.wikidata.org/entity/Q1636958")) in g
    assert not list(g.triples((None, URIRef("http://www.w3.org/2002/07/owl#sameAs"), None)))


def test_graphs_with_the_older_owl_sameas_links_still_read(seed_kg):
    owl_same_as, schema_same_as = URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef("https://schema.org/sameAs")
    g = seed_kg.to_rdf()
    for s, o in list(g.subject_objects(schema_same_as)):
        g.remove((s, schema_same_as, o))
        g.add((s, owl_same_as, o))
    assert from_rdf(g).graph.nodes["xiaomi"]["qid"] == "Q1636958"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_round_trips(seed_kg, tmp_path, fmt):
    path = tmp_path / f"graph{FORMATS[fmt].suffix}"
    seed_kg.serialize(path, fmt)
    parsed = parse(path)
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
    assert again.graph.nodes["china"]["subtype"] == "Country"


def test_knowledge_base_subtypes_are_extra_classes(seed_kg):
    from rdflib import RDF

    from graphbuild.rdf.namespace import TK

    g = seed_kg.to_rdf()
    assert {TK.Place, TK.Country} <= set(g.objects(URIRef(ID + "china"), RDF.type))
    assert {TK.GovernmentBody, TK.Regulator} <= set(g.objects(URIRef(ID + "fcc"), RDF.type))
    assert set(g.objects(URIRef(ID + "lei-jun"), RDF.type)) == {TK.Person}


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
        parsed = parse(path)
        assert isomorphic(parsed, kg.to_rdf()), fmt
    iri = str(entity_iri(key))
    assert not any(c in iri for c in ' "<>#\\\n{}|^`')
    assert (entity_iri(key), None, text_literal(name)) in kg.to_rdf()
    assert text_literal(name) == Literal(name.replace("\x07", "\ufffd"))


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_quad_formats_have_one_named_graph_per_article(seed_kg, tmp_path, fmt):
    from rdflib import Dataset

    from graphbuild.rdf.iri import document_iri
    from graphbuild.rdf.mapping import to_dataset

    path = tmp_path / f"g{FORMATS[fmt].suffix}"
    seed_kg.serialize(path, fmt)
    parsed = Dataset()
    parsed.parse(path, format=FORMATS[fmt].rdflib_name)
    names = {str(g.identifier) for g in parsed.graphs() if str(g.identifier) != "urn:x-rdflib:default"}
    assert names == {str(document_iri(d)) for d in seed_kg.documents}
    original = to_dataset(seed_kg)
    for graph in original.graphs():
        assert isomorphic(parsed.graph(graph.identifier), graph), graph.identifier


def test_property_graph_exports_read_back(seed_kg, tmp_path):
    import csv

    import networkx as nx

    from graphbuild.exporters import get_exporter

    for name, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = get_exporter(name).write(seed_kg, tmp_path / f"g.{name}")
        back = reader(path)
        assert back.number_of_nodes() == seed_kg.graph.number_of_nodes()
        assert back.number_of_edges() == seed_kg.graph.number_of_edges()
    folder = get_exporter("neo4j-csv").write(seed_kg, tmp_path / "neo4j")
    with open(folder / "nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(folder / "relationships.csv", encoding="utf-8") as f:
        rels = list(csv.DictReader(f))
    assert len(nodes) == seed_kg.graph.number_of_nodes() and len(rels) == seed_kg.graph.number_of_edges()
    assert {"entityId:ID", ":LABEL"} <= set(nodes[0]) and {":START_ID", ":END_ID", ":TYPE"} <= set(rels[0])
    assert ("lei-jun", "xiaomi", "CEO_OF") in {(r[":START_ID"], r[":END_ID"], r[":TYPE"]) for r in rels}
    assert {n["entityId:ID"]: n[":LABEL"] for n in nodes}["china"] == "Entity;Place;Country"


def test_exporting_does_not_change_the_graph(seed_kg, tmp_path):
    from graphbuild.exporters import get_exporter

    before = seed_kg.facts()
    get_exporter("graphml").write(seed_kg, tmp_path / "g.graphml")
    assert seed_kg.facts() == before


def test_article_date_becomes_generated_at_time():
    from rdflib import XSD
    from rdflib.namespace import PROV

    e = Entity("apple", "Apple", "Company", (Span(0, 5, "Apple"),))
    kg = KnowledgeGraph.from_records([ExtractionRecord("d1", (e,), (), {"date": "2005-03-01"}), ExtractionRecord("d2", (e,), (), {"date": "March 2005"})])
    g = kg.to_rdf()
    dates = {str(o): o.datatype for o in g.objects(None, PROV.generatedAtTime)}
    assert dates == {"2005-03-01": XSD.date}
