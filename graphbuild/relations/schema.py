"""What each relation means, read from ``ontologies/techkg.ttl``.

Direction, symmetry, domain and range live in the ontology and only there:
the matcher checks argument types against them, the RDF export and the HTML
page draw arrows from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..config import ONTOLOGY_NS, ontology_dir

#: graphbuild's entity types are these ontology classes.
ENTITY_CLASSES = ("Company", "Organization", "GovernmentBody", "Person", "Product", "Place")


@lru_cache(maxsize=1)
def _ontology():
    """``ontologies/techkg.ttl``, parsed once for the relations and the classes."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(ontology_dir() / "techkg.ttl", format="turtle")
    return graph


@lru_cache(maxsize=1)
def entity_subtypes() -> dict[str, str]:
    """Narrower classes of the ontology ('Country', 'Regulator', 'Device') and the nearest entity type above each."""
    from rdflib import RDFS

    graph = _ontology()
    found = {}
    for sub in set(graph.subjects(RDFS.subClassOf, None)):
        name = str(sub)[len(ONTOLOGY_NS):]
        if not str(sub).startswith(ONTOLOGY_NS) or name in ENTITY_CLASSES:
            continue
        parent = graph.value(sub, RDFS.subClassOf)
        while parent is not None and str(parent)[len(ONTOLOGY_NS):] not in ENTITY_CLASSES:
            parent = graph.value(parent, RDFS.subClassOf)
        if parent is not None and str(parent).startswith(ONTOLOGY_NS):
            found[name] = str(parent)[len(ONTOLOGY_NS):]
    return found


def fitting_subtype(subtype: str | None, entity_type: str) -> str | None:
    """``subtype`` when the ontology makes it a narrower class of ``entity_type``, else None."""
    return subtype if subtype and entity_subtypes().get(subtype) == entity_type else None


@dataclass(frozen=True)
class RelationSpec:
    name: str
    label: str
    definition: str
    domain: frozenset[str]
    range: frozenset[str]
    symmetric: bool
    inverse: str | None
    parents: tuple[str, ...]
    datatype: bool = False

    def accepts(self, subject_type: str, object_type: str) -> bool:
        return subject_type in self.domain and object_type in self.range


@lru_cache(maxsize=1)
def load_schema() -> dict[str, RelationSpec]:
    """Every relation graphbuild extracts (subproperties of ``tk:relation``, plus ``dateFounded``)."""
    from rdflib import OWL, RDF, RDFS, Namespace
    from rdflib.namespace import SKOS

    tk = Namespace(ONTOLOGY_NS)
    graph = _ontology()

    def local(iri) -> str:
        return str(iri)[len(ONTOLOGY_NS):]

    def subclasses(cls) -> frozenset[str]:
        found = {local(c) for c in graph.transitive_subjects(RDFS.subClassOf, cls) if str(c).startswith(ONTOLOGY_NS)}
        return frozenset(found & set(ENTITY_CLASSES))

    relations: dict[str, RelationSpec] = {}
    for prop in set(graph.transitive_subjects(RDFS.subPropertyOf, tk.relation)) - {tk.relation}:
        name = local(prop)
        inverse = graph.value(prop, OWL.inverseOf)
        relations[name] = RelationSpec(
            name=name,
            label=str(graph.value(prop, RDFS.label) or name),
            definition=str(graph.value(prop, SKOS.definition) or ""),
            domain=subclasses(graph.value(prop, RDFS.domain)),
            range=subclasses(graph.value(prop, RDFS.range)),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            inverse=local(inverse) if inverse is not None else None,
            parents=tuple(sorted(local(p) for p in graph.objects(prop, RDFS.subPropertyOf) if p != tk.relation)),
        )
    for prop in graph.subjects(RDF.type, OWL.DatatypeProperty):
        if graph.value(prop, RDFS.domain) == tk.Organization:
            name = local(prop)
            relations[name] = RelationSpec(
                name=name,
                label=str(graph.value(prop, RDFS.label) or name),
                definition=str(graph.value(prop, SKOS.definition) or ""),
                domain=subclasses(tk.Organization),
                range=frozenset({"Date"}),
                symmetric=False,
                inverse=None,
                parents=(),
                datatype=True,
            )
    return dict(sorted(relations.items()))
