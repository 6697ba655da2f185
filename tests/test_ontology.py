"""The ontology, its shapes and context: parse, reason, document, validate what we emit."""

import json

import pytest
from conftest import ROOT
from rdflib import OWL, RDF, RDFS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from graphbuild.config import ONTOLOGY_NS
from graphbuild.rdf.namespace import TK
from graphbuild.relations.schema import load_schema

ONTOLOGIES = ROOT / "ontologies"
TKNS = Namespace(ONTOLOGY_NS)


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGIES / "techkg.ttl", format="turtle")


def _local_terms(g):
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_NS)}


def test_ontology_has_a_versioned_iri(ontology):
    (onto,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert ontology.value(onto, OWL.versionIRI) is not None
    assert ontology.value(onto, OWL.versionInfo) is not None


def test_every_class_and_property_has_a_label_and_a_definition(ontology):
    for term in _local_terms(ontology):
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, SKOS.definition) is not None, term


def test_relations_have_domain_range_and_the_required_characteristics(ontology):
    for name, spec in load_schema().items():
        prop = TKNS[name]
        assert ontology.value(prop, RDFS.domain) is not None and ontology.value(prop, RDFS.range) is not None, name
    assert (TK.partnersWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (TK.competesWith, RDF.type, OWL.SymmetricProperty) in ontology
    assert (TK.ceoOf, RDFS.subPropertyOf, TK.employeeOf) in ontology
    assert (TK.dateFounded, RDF.type, OWL.DatatypeProperty) in ontology
    wdt = Namespace("http://www.wikidata.org/prop/direct/")
    assert (TK.hasCeo, OWL.equivalentProperty, wdt.P169) in ontology and (TK.ceoOf, OWL.inverseOf, TK.hasCeo) in ontology
    assert (TK.foundedBy, OWL.equivalentProperty, wdt.P112) in ontology
    assert (TK.subsidiaryOf, OWL.equivalentProperty, wdt.P749) in ontology
    assert (TK.madeBy, OWL.equivalentProperty, wdt.P176) in ontology


def test_owl_rl_closure_is_consistent(ontology, seed_kg):
    import owlrl

    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    for triple in seed_kg.to_rdf():
        graph.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = list(graph.subjects(RDF.type, URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")))
    assert errors == []
    assert not list(graph.subjects(RDF.type, OWL.Nothing))
    # The entailments users rely on hold: a CEO is an employee; the inverse reads back.
    lei, xiaomi = URIRef("https://w3id.org/graphbuild/id/lei-jun"), URIRef("https://w3id.org/graphbuild/id/xiaomi")
    assert (lei, TK.employeeOf, xiaomi) in graph
    assert (xiaomi, TK.hasCeo, lei) in graph


def test_closed_namespace_matches_the_ontology(ontology):
    declared = {str(t)[len(ONTOLOGY_NS):] for t in _local_terms(ontology)}
    assert declared == set(TK.__annotations__)
    with pytest.raises(AttributeError):
        TK.ceoOF  # noqa: B018  (a typo must fail loudly)


def test_every_relation_has_a_shape():
    shapes = Graph().parse(ONTOLOGIES / "techkg-shapes.ttl", format="turtle")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    targeted = {str(o)[len(ONTOLOGY_NS):] for o in shapes.objects(None, sh.targetSubjectsOf)}
    assert targeted == set(load_schema())


@pytest.mark.parametrize("inference", ["none", "rdfs", "owlrl"])
def test_example_build_conforms_to_the_shapes(seed_build, inference):
    """What a validator, or a store that reasons (GraphDB's RDFS and OWL rulesets), sees."""
    from pyshacl import validate

    data = Graph().parse(seed_build / "graph.ttl")
    conforms, _, text = validate(
        data,
        shacl_graph=str(ONTOLOGIES / "techkg-shapes.ttl"),
        ont_graph=str(ONTOLOGIES / "techkg.ttl"),
        inference=inference,
        allow_warnings=False,
    )
    assert conforms, text


def _superclasses(ontology, cls):
    return set(ontology.transitive_objects(cls, RDFS.subClassOf))


def test_output_uses_every_property_within_its_domain_and_range(ontology, seed_build):
    """A domain or range the output breaks makes every RDFS reasoner mistype nodes."""
    from rdflib import Literal

    data = Graph().parse(seed_build / "graph.ttl")
    types = {}
    for node, cls in (*data.subject_objects(RDF.type), *ontology.subject_objects(RDF.type)):  # tk:reported is typed in the ontology
        types.setdefault(node, set()).update(_superclasses(ontology, cls))
    checked = set()
    for s, p, o in data:
        if not str(p).startswith(ONTOLOGY_NS):
            continue
        domain, range_ = ontology.value(p, RDFS.domain), ontology.value(p, RDFS.range)
        if domain is not None:
            assert domain in types.get(s, set()), f"{s} uses {p} outside its domain {domain}"
        if range_ is not None and range_ != RDFS.Literal:
            if isinstance(o, Literal):
                datatype = o.datatype or (RDF.langString if o.language else XSD.string)  # RDF 1.1 simple literals
                assert datatype == range_, f"{p} {o!r} is not a {range_}"
            else:
                assert range_ in types.get(o, set()), f"{o} is the object of {p} outside its range {range_}"
        checked.add(p)
    assert {TK.confidence, TK.subject, TK.evidence, TK.start, TK.mentionCount, TK.ceoOf} <= checked


def test_shapes_catch_an_entity_with_two_unrelated_types(seed_build):
    from pyshacl import validate

    data = Graph().parse(seed_build / "graph.ttl")
    xiaomi = URIRef("https://w3id.org/graphbuild/id/xiaomi")
    data.add((xiaomi, RDF.type, TK.Organization))  # a superclass of tk:Company: allowed
    for inference in ("none", "rdfs"):
        conforms, _, text = validate(data, shacl_graph=str(ONTOLOGIES / "techkg-shapes.ttl"), ont_graph=str(ONTOLOGIES / "techkg.ttl"), inference=inference)
        assert conforms, text
    data.add((xiaomi, RDF.type, TK.Person))
    for inference in ("none", "rdfs"):
        conforms, _, text = validate(data, shacl_graph=str(ONTOLOGIES / "techkg-shapes.ttl"), ont_graph=str(ONTOLOGIES / "techkg.ttl"), inference=inference)
        assert not conforms and "two unrelated graphbuild entity types" in text, inference


def test_shapes_catch_a_broken_graph(seed_build):
    from pyshacl import validate

    data = Graph().parse(seed_build / "graph.ttl")
    # A product as CEO, a confidence above 1: both must be reported.
    data.add((URIRef("https://w3id.org/graphbuild/id/xiaomi-12-ultra"), TK.ceoOf, URIRef("https://w3id.org/graphbuild/id/xiaomi")))
    statement = next(data.subjects(RDF.type, TK.Statement))
    data.set((statement, TK.confidence, __import__("rdflib").Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    conforms, _, text = validate(data, shacl_graph=str(ONTOLOGIES / "techkg-shapes.ttl"), ont_graph=str(ONTOLOGIES / "techkg.ttl"), inference="none")
    assert not conforms
    assert "ceoOf" in text and "1.5" in text


def test_jsonld_context_covers_every_relation():
    context = json.loads((ONTOLOGIES / "techkg.context.jsonld").read_text(encoding="utf-8"))["@context"]
    for name in load_schema():
        assert name in context


def test_jsonld_output_reads_as_plain_json(seed_kg, tmp_path):
    path = tmp_path / "g.jsonld"
    seed_kg.serialize(path, "jsonld")
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes = {n["iri"]: n for n in data["@graph"]}
    lei = nodes["id:lei-jun"]
    assert lei["type"] == "Person" and lei["label"] == "Lei Jun" and lei["ceoOf"] == "id:xiaomi"


def test_reference_page_is_up_to_date():
    from graphbuild.rdf.vocabulary_doc import render_markdown

    assert (ROOT / "docs" / "ontology.md").read_text(encoding="utf-8") == render_markdown(), "run: python -m graphbuild.rdf.vocabulary_doc > docs/ontology.md"
