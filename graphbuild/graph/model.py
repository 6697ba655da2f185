"""The knowledge graph: one node per entity, one edge per fact, evidence on every edge.

``KnowledgeGraph.graph`` is a :class:`networkx.MultiDiGraph`:

* node id: the entity key (``xiaomi``, ``lei-jun``); attributes ``label``,
  ``type``, ``aliases`` (sorted list), ``qid``, ``mentions`` (count) and
  ``articles`` (sorted document ids);
* edge ``(subject, object, key=(predicate, status))``: attributes
  ``predicate``, ``status``, ``confidence`` (noisy-or over articles) and
  ``evidence`` (one dict per supporting sentence).  A symmetric relation is
  stored once, from the smaller key to the larger.

Facts with different statuses ('plans to enter' and 'entered') are different
edges: an analyst sees both, and the RDF keeps only asserted and reported facts
as plain triples.

Across articles, a bare acronym ('MPAA') is the organization another article
defined it for ('Motion Picture Association of America (MPAA)'), and a person
named by surname alone ('Mr Marchionne') is the one person of the graph with
that surname ('Sergio Marchionne'), whichever article came first; an acronym
or surname that names more than one entity of the graph is left alone.  A
merge is decided when it happens: a namesake that first appears in a later
article does not undo it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..config import DEFAULT_RDF_FORMAT
from ..kb import abbreviates, is_acronym, person_key, preferred_name, slug
from ..records import ExtractionRecord
from ..relations.schema import load_schema

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

#: When two evidences disagree on an entity's type, this order breaks ties.
TYPE_PRIORITY = ("Person", "Company", "GovernmentBody", "Product", "Place", "Organization")


def noisy_or(confidences: Iterable[float]) -> float:
    """Combine independent confidences: 1 - prod(1 - c).

    >>> round(noisy_or([0.8, 0.5]), 2)
    0.9
    """
    remaining = 1.0
    for c in confidences:
        remaining *= 1.0 - c
    return 1.0 - remaining


class KnowledgeGraph:
    """A knowledge graph built from extraction records."""

    def __init__(self) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self.documents: dict[str, dict[str, Any]] = {}
        self._types: dict[str, Counter] = {}
        self._names: dict[str, Counter] = {}
        self._kb_label: dict[str, str] = {}
        self._hashes_of: dict[str, str | None] = {}  # document id -> content hash, to find re-read documents fast
        self._hashes: set[str] = set()
        # Short names that stand for a longer one across articles: slug of the short name -> full keys.
        self._acronyms: dict[str, set[str]] = {}
        self._surnames: dict[str, set[str]] = {}
        self._merged: dict[str, str] = {}  # key of a node merged away -> the key it went into
        # Facts whose entities' settled types do not fit the relation's domain and range (an article
        # read 'Mini' as a company, most read it as a car): kept aside, not shown, and brought back
        # if later articles settle the types so that they fit.
        self._unfit: nx.MultiDiGraph = nx.MultiDiGraph()

    # ------------------------------------------------------------------ building
    @classmethod
    def from_records(cls, records: Iterable[ExtractionRecord]) -> "KnowledgeGraph":
        kg = cls()
        for record in records:
            kg.add_record(record)
        return kg

    def add_record(self, record: ExtractionRecord) -> bool:
        """Merge one document's extractions; a document already in the graph adds nothing."""
        if self.has_document(record.id, record.meta.get("hash")):
            return False
        self.documents[record.id] = dict(record.meta)
        self._hashes_of[record.id] = record.meta.get("hash")
        if record.meta.get("hash"):
            self._hashes.add(record.meta["hash"])
        unresolved = {e.id for e in record.entities if not e.resolved}
        renamed = {e.id: self._full_key(e) for e in record.entities if e.resolved}
        for entity in record.entities:
            if entity.resolved:
                self._add_entity(entity, record.id, renamed[entity.id])
        renamed = {old: self._current(new) for old, new in renamed.items()}  # adding may have merged some
        schema = load_schema()
        for rel in record.relations:
            if rel.subject in unresolved or rel.object in unresolved:
                continue  # a pronoun with no antecedent has no node to attach to
            rel = rel.renamed(renamed)
            if schema[rel.predicate].datatype:
                self._add_value(rel, record.id)
                continue
            subject, obj = rel.subject, rel.object
            if schema[rel.predicate].symmetric and obj < subject:
                subject, obj = obj, subject
                sub_text, obj_text = rel.object_mention.text, rel.subject_mention.text
            else:
                sub_text, obj_text = rel.subject_mention.text, rel.object_mention.text
            if subject == obj:
                continue  # both arguments settled on one entity ('BMW's Mini' and 'the Mini One')
            self._add_fact(subject, obj, (rel.predicate, rel.status), {"predicate": rel.predicate, "status": rel.status}, [
                {
                    "document": record.id,
                    "sentence": rel.sentence.text,
                    "start": rel.sentence.start,
                    "end": rel.sentence.end,
                    "subject_text": sub_text,
                    "object_text": obj_text,
                    "confidence": rel.confidence,
                    "method": rel.method,
                }
            ])
        return True

    def has_document(self, doc_id: str, content_hash: str | None = None) -> bool:
        """True when a document with this id, or with this exact text, is already in the graph."""
        if doc_id in self.documents:
            return True
        if content_hash is None:
            return False
        if len(self._hashes_of) != len(self.documents):  # documents were added directly (from RDF): reindex
            self._hashes_of = {d: m.get("hash") for d, m in self.documents.items()}
            self._hashes = {h for h in self._hashes_of.values() if h}
        return content_hash in self._hashes

    def name_counts(self, key: str) -> dict[str, int]:
        """How often each name of an entity was used: what decides its label."""
        return dict(sorted(self._names.get(key, {}).items()))

    def type_counts(self, key: str) -> dict[str, int]:
        """How often each type was given to an entity: what decides its type."""
        return dict(sorted(self._types.get(key, {}).items()))

    def restore_counts(self, key: str, names: dict[str, int], types: dict[str, int], kb_label: bool) -> None:
        """Bring back what decides an entity's label and type (used when a graph is read from RDF)."""
        self._names[key] = Counter(names)
        self._types[key] = Counter(types)
        if kb_label:
            self._kb_label[key] = self.graph.nodes[key]["label"]
        self._index_short_names(key, merge=False)  # the graph read back was merged when it was built

    def _add_value(self, rel, doc_id: str) -> None:
        """A data fact ('founded in 1998') is kept on its subject's node, with its evidence."""
        if rel.subject not in self.graph:
            return
        values = self.graph.nodes[rel.subject].setdefault("values", {})
        fact = values.setdefault((rel.predicate, rel.object, rel.status), {"predicate": rel.predicate, "value": rel.object, "status": rel.status, "confidence": 0.0, "evidence": []})
        _add_evidence(fact, [
            {
                "document": doc_id,
                "sentence": rel.sentence.text,
                "start": rel.sentence.start,
                "end": rel.sentence.end,
                "subject_text": rel.subject_mention.text,
                "object_text": rel.object_mention.text,
                "confidence": rel.confidence,
                "method": rel.method,
            }
        ])

    def value_facts(self) -> list[dict[str, Any]]:
        """Every data fact (subject, predicate, value, status, confidence, evidence), in a stable order."""
        out = []
        for key, data in self.graph.nodes(data=True):
            for fact in data.get("values", {}).values():
                out.append({"subject": key, **fact})
        return sorted(out, key=lambda f: (f["subject"], f["predicate"], f["value"], f["status"]))

    def _add_entity(self, entity, doc_id: str, key: str | None = None) -> None:
        key = key or entity.id
        if key not in self.graph:
            self.graph.add_node(key, label=entity.label, type=entity.type, aliases=[], qid=entity.qid, mentions=0, articles=[])
            self._types[key] = Counter()
            self._names[key] = Counter()
        node = self.graph.nodes[key]
        weight = max(1, len(entity.mentions))
        if key == entity.id:  # a bare acronym's type is a guess; its long form's words say what it is
            self._types[key][entity.type] += weight
        self._names[key][entity.label] += weight
        for alias in entity.aliases:
            self._names[key][alias] += 0  # known, never preferred over a label
        if entity.qid:
            node["qid"] = entity.qid
            self._kb_label[key] = entity.label
        if entity.subtype:
            node["subtype"] = entity.subtype
        node["mentions"] += len(entity.mentions)
        if doc_id not in node["articles"]:
            node["articles"] = sorted([*node["articles"], doc_id])
        self._settle(key)
        self._index_short_names(key)

    def _settle(self, key: str) -> None:
        """Conflicts: the knowledge-base form wins, else the most frequent (ties: fixed order)."""
        node = self.graph.nodes[key]
        before = node["type"]
        node["type"] = max(self._types[key].items(), key=lambda kv: (kv[1], -TYPE_PRIORITY.index(kv[0])))[0]
        if node["type"] != before:
            self._refit(key)
        node["label"] = self._kb_label.get(key) or _spelled_out(preferred_name(self._names[key], node["type"]), self._names[key])
        node["aliases"] = sorted(n for n in self._names[key] if n != node["label"])

    # ------------------------------------------------------------------ short names across articles
    def _short_names(self, key: str) -> tuple[list[str], list[str]]:
        """(acronym slugs, surname slugs) by which other articles may name the entity ``key``."""
        node = self.graph.nodes[key]
        if node["type"] == "Person":
            words = person_key(node["label"]).split()
            return [], [slug(words[-1])] if len(words) > 1 else []
        if node["type"] in ("Company", "Organization", "GovernmentBody"):
            names = [node["label"], *node["aliases"]]
            long_forms = [n for n in names if len(n.split()) > 1]
            return [slug(a.lower()) for a in names if is_acronym(a) and any(abbreviates(a, long) for long in long_forms)], []
        return [], []

    def _index_short_names(self, key: str, merge: bool = True) -> None:
        acronyms, surnames = self._short_names(key)
        for index, names in ((self._acronyms, acronyms), (self._surnames, surnames)):
            for name in names:
                index.setdefault(name, set()).add(key)
                # The node a bare short name got in another article is keyed by that name.
                if merge and name != key and name in self.graph and len(index[name]) == 1 and self._is_short_form(name, key):
                    self._merge(name, key)

    def _is_short_form(self, bare: str, full: str) -> bool:
        """The node ``bare`` is named only by the short name of ``full`` ('MPAA', 'Mr Marchionne')."""
        a, b = self.graph.nodes[bare], self.graph.nodes[full]
        if b["type"] == "Person":
            return a["type"] == "Person" and len(person_key(a["label"]).split()) == 1
        return a["type"] in ("Company", "Organization", "GovernmentBody") and is_acronym(a["label"]) and not a.get("qid")

    def _full_key(self, entity) -> str:
        """The key of the one entity of the graph a bare acronym or surname names, else its own."""
        if entity.qid:
            return entity.id
        if entity.type == "Person" and len(person_key(entity.label).split()) == 1:
            found = self._surnames.get(entity.id, set())
        elif entity.type in ("Company", "Organization", "GovernmentBody") and is_acronym(entity.label):
            found = self._acronyms.get(entity.id, set())
        else:
            return entity.id
        return next(iter(found)) if len(found) == 1 else entity.id

    def _merge(self, old: str, new: str) -> None:
        """Move the node ``old`` with its facts, names and counts into ``new``."""
        data, target = self.graph.nodes[old], self.graph.nodes[new]
        target["mentions"] += data["mentions"]
        target["articles"] = sorted(set(target["articles"]) | set(data["articles"]))
        for fact_key, fact in data.get("values", {}).items():
            _add_evidence(target.setdefault("values", {}).setdefault(fact_key, {**fact, "evidence": []}), fact["evidence"])
        self._types.pop(old)  # the long form's words, not a bare short name, decide the type
        self._names[new].update(self._names.pop(old))
        edges = [(s, o, key, edge) for g in (self.graph, self._unfit) if old in g for s, o, key, edge in (*g.out_edges(old, keys=True, data=True), *g.in_edges(old, keys=True, data=True))]
        for s, o, key, edge in edges:
            s, o = (new if s == old else s), (new if o == old else o)
            if s == o:
                continue  # 'MPAA' and its long form were both arguments of one fact
            self._add_fact(s, o, key, edge, edge["evidence"])
        if old in self._unfit:
            self._unfit.remove_node(old)
        self.graph.remove_node(old)
        self._merged[old] = new
        self._settle(new)

    def _fits(self, subject: str, obj: str, predicate: str) -> bool:
        return load_schema()[predicate].accepts(self.graph.nodes[subject]["type"], self.graph.nodes[obj]["type"])

    def _add_fact(self, subject: str, obj: str, key: tuple[str, str], attrs: dict[str, Any], evidence: list[dict[str, Any]]) -> None:
        """Add a fact (or evidence for it) to the graph, or aside when its entities' types do not fit it."""
        if load_schema()[attrs["predicate"]].symmetric and obj < subject:
            subject, obj = obj, subject
        target = self.graph if self._fits(subject, obj, attrs["predicate"]) else self._unfit
        if not target.has_edge(subject, obj, key):
            target.add_edge(subject, obj, key=key, **{**attrs, "confidence": 0.0, "evidence": []})
        _add_evidence(target.edges[subject, obj, key], evidence)

    def _refit(self, key: str) -> None:
        """After an entity's type changed: move its facts between the graph and the set-aside ones."""
        for g in (self.graph, self._unfit):
            if key not in g:
                continue
            for s, o, k, edge in [*g.out_edges(key, keys=True, data=True), *g.in_edges(key, keys=True, data=True)]:
                if (g is self.graph) != self._fits(s, o, edge["predicate"]):
                    g.remove_edge(s, o, k)
                    self._add_fact(s, o, k, edge, edge["evidence"])

    @property
    def facts_set_aside(self) -> int:
        """How many facts are not shown because their entities' types do not fit the relation."""
        return self._unfit.number_of_edges()

    def _current(self, key: str) -> str:
        """Where the node ``key`` is now, after merges."""
        while key in self._merged:
            key = self._merged[key]
        return key

    # ------------------------------------------------------------------ views
    def facts(self) -> list[dict[str, Any]]:
        """Every fact as a dict, in a stable order."""
        out = []
        for s, o, key, data in self.graph.edges(keys=True, data=True):
            out.append({"subject": s, "object": o, **{k: v for k, v in data.items()}})
        return sorted(out, key=lambda f: (f["subject"], f["predicate"], f["object"], f["status"]))

    def stats(self) -> dict[str, Any]:
        types = Counter(d["type"] for _, d in self.graph.nodes(data=True))
        predicates = Counter(d["predicate"] for _, _, d in self.graph.edges(data=True))
        values = self.value_facts()
        predicates.update(f["predicate"] for f in values)
        return {
            "documents": len(self.documents),
            "entities": self.graph.number_of_nodes(),
            "facts": self.graph.number_of_edges() + len(values),
            "entities_by_type": dict(sorted(types.items())),
            "facts_by_relation": dict(sorted(predicates.items())),
            "facts_set_aside": self.facts_set_aside,
        }

    # ------------------------------------------------------------------ outputs
    def to_rdf(self) -> "rdflib.Graph":
        """The graph as RDF in the techkg ontology (plain facts plus statement nodes)."""
        from ..rdf.mapping import to_rdf

        return to_rdf(self)

    def serialize(self, path: str | Path, format: str = DEFAULT_RDF_FORMAT) -> Path:
        """Write the graph to ``path`` in an RDF format (turtle, ntriples, nquads, trig, jsonld, xml)."""
        from ..rdf.formats import write_graph

        return write_graph(self, Path(path), format)

    def to_html(self, path: str | Path, **options: Any) -> Path:
        """Write a self-contained interactive page of the graph."""
        from ..html.render import write_html

        return write_html(self, Path(path), **options)

    def query(self, sparql: str) -> Any:
        """Run a SPARQL query over the graph's RDF; returns rdflib's result."""
        from ..query.sparql import run_query

        return run_query(self.to_rdf(), sparql)

    def _repr_html_(self) -> str:
        from ..html.render import notebook_iframe

        return notebook_iframe(self)

    def __repr__(self) -> str:
        s = self.stats()
        return f"<KnowledgeGraph: {s['documents']} documents, {s['entities']} entities, {s['facts']} facts>"


def _spelled_out(label: str, names: Counter) -> str:
    """An organization's long form rather than the acronym that abbreviates it ('MPAA' -> 'Motion
    Picture Association of America'): two organizations may share an acronym, rarely a long form."""
    if not is_acronym(label):
        return label
    long_forms = [n for n in names if len(n.split()) > 1 and abbreviates(label, n)]
    return max(long_forms, key=lambda n: (names[n], n)) if long_forms else label


def _add_evidence(fact: dict[str, Any], evidence: list[dict[str, Any]]) -> None:
    """Add sentences to a fact's evidence (kept in a stable order) and combine its confidence."""
    fact["evidence"] = sorted([*fact["evidence"], *evidence], key=lambda e: (e["document"], e["start"], e["method"]))
    fact["confidence"] = _combined(fact["evidence"])


def _combined(evidence: list[dict[str, Any]]) -> float:
    """Noisy-or over documents of each document's best evidence."""
    best: dict[str, float] = {}
    for e in evidence:
        best[e["document"]] = max(best.get(e["document"], 0.0), e["confidence"])
    return round(noisy_or(best.values()), 4)


def find_entity(kg: KnowledgeGraph, name: str) -> str:
    """The key of the entity called ``name`` (its key, label or an alias, any case).

    Raises :class:`~graphbuild.errors.UsageError` with close names when none matches.
    """
    from difflib import get_close_matches

    from ..errors import UsageError
    from ..kb import name_key

    if name in kg.graph:
        return name
    wanted = name_key(name)
    labels: dict[str, str] = {}
    for key, data in kg.graph.nodes(data=True):
        for n in (data["label"], *data["aliases"]):
            labels.setdefault(name_key(n), key)
    if wanted in labels:
        return labels[wanted]
    close = get_close_matches(name, sorted({d["label"] for _, d in kg.graph.nodes(data=True)}), n=5)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UsageError(f"No entity named '{name}' in the graph.{hint}")
