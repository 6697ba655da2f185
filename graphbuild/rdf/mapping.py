"""The knowledge graph as RDF, in two layers like Wikidata's.

* Plain fact triples (``id:lei-jun tk:ceoOf id:xiaomi``) for simple queries:
  only facts the text asserts or reports.  Planned, ended and negated facts
  are not true now, so they never appear as plain triples.
* A statement node per fact carrying its qualifiers: subject, predicate and
  object, status, confidence, source articles (PROV-O) and one evidence node
  per supporting sentence (text, offsets, the words naming each argument, the
  pattern that found it).

No blank nodes: every node has a deterministic IRI, so loading the same build
twice adds nothing.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from ..relations.schema import entity_subtypes, fitting_subtype
from .iri import document_iri, entity_iri, evidence_iri, statement_iri, wikidata_iri
from .namespace import TK

if TYPE_CHECKING:  # pragma: no cover
    from ..graph.model import KnowledgeGraph

SCHEMA = Namespace("https://schema.org/")

#: Statuses whose facts are also written as plain triples.
PLAIN_STATUSES = ("asserted", "reported")

PREFIXES = {
    "tk": TK._NS,
    "id": Namespace("https://w3id.org/graphbuild/id/"),
    "doc": Namespace("https://w3id.org/graphbuild/doc/"),
    "st": Namespace("https://w3id.org/graphbuild/statement/"),
    "ev": Namespace("https://w3id.org/graphbuild/evidence/"),
    "wd": Namespace("http://www.wikidata.org/entity/"),
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
    "owl": OWL,
}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text_literal(value: str) -> Literal:
    """A string literal every RDF syntax can carry: XML 1.0 has no control characters, so they become U+FFFD."""
    return Literal(_NOT_XML.sub("\ufffd", value))


def _date_literal(value: str) -> Literal | None:
    """An article's date as xsd:date or xsd:dateTime when it is one (ISO 8601), else None."""
    from datetime import date, datetime

    text = value.strip()
    try:
        if len(text) == 10:
            return Literal(date.fromisoformat(text).isoformat(), datatype=XSD.date)
        return Literal(datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat(), datatype=XSD.dateTime)
    except ValueError:
        return None


def _decimal(value: float) -> Literal:
    """A confidence as a canonical xsd:decimal ('0.85', '1.0'), the form triple stores give back."""
    text = f"{value:.4f}".rstrip("0")
    return Literal(text + "0" if text.endswith(".") else text, datatype=XSD.decimal)


def to_rdf(kg: "KnowledgeGraph", graph: Graph | None = None) -> Graph:
    graph = graph if graph is not None else new_graph()
    add = graph.add
    for doc_id, meta in kg.documents.items():
        doc = document_iri(doc_id)
        add((doc, RDF.type, TK.NewsArticle))
        add((doc, DCTERMS.identifier, text_literal(doc_id)))
        if meta.get("title"):
            add((doc, DCTERMS.title, text_literal(meta["title"])))
        if meta.get("url"):
            add((doc, SCHEMA.url, Literal(_NOT_XML.sub("\ufffd", meta["url"]), datatype=XSD.anyURI)))
        if meta.get("date"):
            add((doc, DCTERMS.date, text_literal(meta["date"])))
            published = _date_literal(meta["date"])
            if published is not None:
                add((doc, PROV.generatedAtTime, published))
        if meta.get("source"):
            add((doc, DCTERMS.source, text_literal(meta["source"])))
        if meta.get("hash"):
            add((doc, SCHEMA.sha256, Literal(meta["hash"])))
        if meta.get("author"):
            add((doc, DCTERMS.creator, text_literal(meta["author"])))

    for key, data in kg.graph.nodes(data=True):
        node = entity_iri(key)
        add((node, RDF.type, TK[data["type"]]))
        if fitting_subtype(data.get("subtype"), data["type"]):
            add((node, RDF.type, TK[data["subtype"]]))  # 'Country' as well as 'Place'
        add((node, RDFS.label, text_literal(data["label"])))
        for alias in data["aliases"]:
            add((node, SKOS.altLabel, text_literal(alias)))
        if data.get("qid"):
            # schema:sameAs, not owl:sameAs: an OWL reasoner would merge the two IRIs and give
            # every statement two subjects (see the note on Wikidata links in techkg.ttl).
            add((node, SCHEMA.sameAs, wikidata_iri(data["qid"])))
        add((node, TK.mentionCount, Literal(data["mentions"], datatype=XSD.integer)))
        add((node, TK.articleCount, Literal(len(data["articles"]), datatype=XSD.integer)))
        # What decides label and type, so an incremental build decides as a build from scratch.
        add((node, TK.nameCounts, _json_literal(kg.name_counts(key))))
        add((node, TK.typeCounts, _json_literal(kg.type_counts(key))))
        for doc_id in data["articles"]:
            add((document_iri(doc_id), SCHEMA.mentions, node))

    for subject, obj, _, data in kg.graph.edges(keys=True, data=True):
        s, o, predicate, status = entity_iri(subject), entity_iri(obj), data["predicate"], data["status"]
        if status in PLAIN_STATUSES:
            add((s, TK[predicate], o))
        stmt = statement_iri(subject, predicate, obj, status)
        add((stmt, TK.object, o))
        _add_statement(graph, stmt, s, predicate, status, data)

    for fact in kg.value_facts():
        s, predicate, status = entity_iri(fact["subject"]), fact["predicate"], fact["status"]
        value = _value_literal(fact["value"])
        if status in PLAIN_STATUSES:
            add((s, TK[predicate], value))
        stmt = statement_iri(fact["subject"], predicate, f"value:{fact['value']}", status)
        add((stmt, TK.objectValue, value))
        _add_statement(graph, stmt, s, predicate, status, fact)
    return graph


def _json_literal(value: dict) -> Literal:
    return Literal(_NOT_XML.sub("\ufffd", json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))), datatype=RDF.JSON)


def _value_literal(value: str) -> Literal:
    """A year as xsd:gYear; anything else as a plain string."""
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return text_literal(value)


def _add_statement(graph: Graph, stmt: URIRef, subject: URIRef, predicate: str, status: str, data: dict) -> None:
    """The statement node's qualifiers and one evidence node per supporting sentence."""
    add = graph.add
    add((stmt, RDF.type, TK.Statement))
    add((stmt, TK.subject, subject))
    add((stmt, TK.predicate, TK[predicate]))
    add((stmt, TK.status, TK[status]))
    add((stmt, TK.confidence, _decimal(data["confidence"])))
    for ev in data["evidence"]:
        evidence = evidence_iri(stmt, ev["document"], ev["start"], ev["end"])
        doc = document_iri(ev["document"])
        add((stmt, TK.evidence, evidence))
        add((stmt, PROV.wasDerivedFrom, doc))
        add((evidence, RDF.type, TK.Evidence))
        add((evidence, PROV.wasDerivedFrom, doc))
        add((evidence, TK.sentence, text_literal(ev["sentence"])))
        add((evidence, TK.start, Literal(ev["start"], datatype=XSD.integer)))
        add((evidence, TK.end, Literal(ev["end"], datatype=XSD.integer)))
        add((evidence, TK.subjectText, text_literal(ev["subject_text"])))
        add((evidence, TK.objectText, text_literal(ev["object_text"])))
        add((evidence, TK.method, text_literal(ev["method"])))
        add((evidence, TK.confidence, _decimal(ev["confidence"])))


def to_dataset(kg: "KnowledgeGraph") -> Dataset:
    """The graph as a dataset with one named graph per source article.

    The default graph holds the entities, plain facts and statement nodes; each
    article's graph (named by the article's IRI) holds the article's metadata,
    the evidence taken from it and the links from statements to that evidence.
    The union of all graphs is :func:`to_rdf`.
    """
    from ..config import DOCUMENT_NS, EVIDENCE_NS

    flat = to_rdf(kg)
    dataset = Dataset()
    for prefix, ns in flat.namespaces():
        dataset.bind(prefix, ns, override=True)
    default = dataset.default_graph
    graphs: dict[str, Graph] = {}

    def named(doc) -> Graph:
        key = str(doc)
        if key not in graphs:
            graphs[key] = dataset.graph(URIRef(key))
        return graphs[key]

    for s, p, o in flat:
        subject = str(s)
        if subject.startswith(DOCUMENT_NS):
            named(s).add((s, p, o))
        elif subject.startswith(EVIDENCE_NS):
            named(flat.value(s, PROV.wasDerivedFrom)).add((s, p, o))
        elif p == TK.evidence:
            named(flat.value(o, PROV.wasDerivedFrom)).add((s, p, o))
        elif p == PROV.wasDerivedFrom:
            named(o).add((s, p, o))
        else:
            default.add((s, p, o))
    return dataset


def _local(iri: object, namespace: str) -> str:
    text = str(iri)
    return text[len(namespace):] if text.startswith(namespace) else text


def _json_value(literal) -> dict:
    if literal is None:
        return {}
    try:
        value = json.loads(str(literal))
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def from_rdf(graph: Graph) -> "KnowledgeGraph":
    """Rebuild a :class:`KnowledgeGraph` from RDF that graphbuild wrote (any format)."""
    from urllib.parse import unquote

    from ..config import WIKIDATA_NS
    from ..graph.model import KnowledgeGraph
    from ..relations.schema import ENTITY_CLASSES
    from .iri import key_from_entity_iri

    kg = KnowledgeGraph()
    tk_ns = str(TK._NS)
    doc_ids: dict[object, str] = {}
    for doc in graph.subjects(RDF.type, TK.NewsArticle):
        doc_id = str(graph.value(doc, DCTERMS.identifier) or unquote(str(doc).rsplit("/", 1)[-1]))
        doc_ids[doc] = doc_id
        meta = {}
        for name, prop in (("title", DCTERMS.title), ("url", SCHEMA.url), ("date", DCTERMS.date), ("source", DCTERMS.source), ("hash", SCHEMA.sha256), ("author", DCTERMS.creator)):
            value = graph.value(doc, prop)
            if value is not None:
                meta[name] = str(value)
        kg.documents[doc_id] = meta

    for cls in ENTITY_CLASSES:
        for node in graph.subjects(RDF.type, TK[cls]):
            key = key_from_entity_iri(str(node))
            links = (*graph.objects(node, SCHEMA.sameAs), *graph.objects(node, OWL.sameAs))  # owl: before 0.1.0's release
            qid = next((_local(o, WIKIDATA_NS) for o in links if str(o).startswith(WIKIDATA_NS)), None)
            mentions = graph.value(node, TK.mentionCount)
            kg.graph.add_node(
                key,
                label=str(graph.value(node, RDFS.label) or key),
                type=cls,
                aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
                qid=qid,
                mentions=int(mentions) if mentions is not None else 0,
                articles=sorted(doc_ids.get(d, str(d)) for d in graph.subjects(SCHEMA.mentions, node)),
            )
            subtype = next((name for name, parent in entity_subtypes().items() if parent == cls and (node, RDF.type, TK[name]) in graph), None)
            if subtype is not None:
                kg.graph.nodes[key]["subtype"] = subtype
            kg.restore_counts(key, _json_value(graph.value(node, TK.nameCounts)), _json_value(graph.value(node, TK.typeCounts)), kb_label=qid is not None)

    for stmt in graph.subjects(RDF.type, TK.Statement):
        subject = key_from_entity_iri(str(graph.value(stmt, TK.subject)))
        predicate = _local(graph.value(stmt, TK.predicate), tk_ns)
        status = _local(graph.value(stmt, TK.status), tk_ns)
        evidence = []
        for ev in graph.objects(stmt, TK.evidence):
            doc = graph.value(ev, PROV.wasDerivedFrom)
            evidence.append(
                {
                    "document": doc_ids.get(doc, str(doc)),
                    "sentence": str(graph.value(ev, TK.sentence) or ""),
                    "start": int(graph.value(ev, TK.start) or 0),
                    "end": int(graph.value(ev, TK.end) or 0),
                    "subject_text": str(graph.value(ev, TK.subjectText) or ""),
                    "object_text": str(graph.value(ev, TK.objectText) or ""),
                    "confidence": float(graph.value(ev, TK.confidence) or 0.0),
                    "method": str(graph.value(ev, TK.method) or ""),
                }
            )
        evidence.sort(key=lambda e: (e["document"], e["start"], e["method"]))
        confidence = float(graph.value(stmt, TK.confidence) or 0.0)
        value = graph.value(stmt, TK.objectValue)
        if value is not None:
            if subject in kg.graph:
                kg.graph.nodes[subject].setdefault("values", {})[(predicate, str(value), status)] = {
                    "predicate": predicate, "value": str(value), "status": status, "confidence": confidence, "evidence": evidence,
                }
            continue
        obj = key_from_entity_iri(str(graph.value(stmt, TK.object)))
        for key in (subject, obj):
            if key not in kg.graph:
                kg.graph.add_node(key, label=key, type="Organization", aliases=[], qid=None, mentions=0, articles=[])
        kg.graph.add_edge(
            subject, obj, key=(predicate, status), predicate=predicate, status=status,
            confidence=confidence, evidence=evidence,
        )
    return kg
