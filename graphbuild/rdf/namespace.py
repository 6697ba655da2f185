"""The techkg vocabulary as a closed rdflib namespace: ``TK.ceoOF`` is an error, not a wrong IRI.

Kept in sync with ``ontologies/techkg.ttl`` by ``tests/test_ontology.py``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from ..config import ONTOLOGY_NS


class TK(DefinedNamespace):
    """graphbuild tech-industry ontology terms."""

    _fail = True
    _NS = Namespace(ONTOLOGY_NS)

    Agency: URIRef
    City: URIRef
    Company: URIRef
    Component: URIRef
    Country: URIRef
    Court: URIRef
    Device: URIRef
    Entity: URIRef
    Evidence: URIRef
    GovernmentBody: URIRef
    Legislature: URIRef
    MarketParticipant: URIRef
    NewsArticle: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Product: URIRef
    Region: URIRef
    Regulator: URIRef
    Software: URIRef
    Statement: URIRef
    Status: URIRef
    acquired: URIRef
    acquiredBy: URIRef
    articleCount: URIRef
    asserted: URIRef
    bannedBy: URIRef
    bans: URIRef
    ceoOf: URIRef
    chairmanOf: URIRef
    competesWith: URIRef
    confidence: URIRef
    dateFounded: URIRef
    employeeOf: URIRef
    employs: URIRef
    end: URIRef
    ended: URIRef
    evidence: URIRef
    foundedBy: URIRef
    founderOf: URIRef
    hasCeo: URIRef
    hasChairperson: URIRef
    hasSubsidiary: URIRef
    headquarteredIn: URIRef
    investsIn: URIRef
    madeBy: URIRef
    makesProduct: URIRef
    mentionCount: URIRef
    nameCounts: URIRef
    method: URIRef
    negated: URIRef
    object: URIRef
    objectText: URIRef
    objectValue: URIRef
    operatesIn: URIRef
    partnersWith: URIRef
    planned: URIRef
    predicate: URIRef
    regulatedBy: URIRef
    relation: URIRef
    reported: URIRef
    sentence: URIRef
    start: URIRef
    typeCounts: URIRef
    status: URIRef
    subject: URIRef
    subjectText: URIRef
    subsidiaryOf: URIRef
    sues: URIRef
    suppliesTo: URIRef
    usesComponent: URIRef
