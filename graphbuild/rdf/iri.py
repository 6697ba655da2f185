"""Mint IRIs from a safe alphabet only.

Names and ids from articles never go into an IRI as they are: keys are slugs
(letters, digits, '-') and anything outside unreserved ASCII is percent-encoded,
so quotes, spaces, '<', '>', '#' and any script give valid, stable IRIs.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef

from ..config import DOCUMENT_NS, ENTITY_NS, EVIDENCE_NS, STATEMENT_NS, WIKIDATA_NS

_SAFE = "-._~"


def _local(text: str) -> str:
    return quote(text, safe=_SAFE) or "_"


def entity_iri(key: str) -> URIRef:
    """>>> str(entity_iri("lei-jun"))
    'https://w3id.org/graphbuild/id/lei-jun'
    """
    return URIRef(ENTITY_NS + _local(key))


def document_iri(doc_id: str) -> URIRef:
    return URIRef(DOCUMENT_NS + _local(doc_id))


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:24]


def statement_iri(subject: str, predicate: str, obj: str, status: str) -> URIRef:
    """The same fact with the same status gets the same IRI in every run: loads stay idempotent."""
    return URIRef(STATEMENT_NS + _digest(subject, predicate, obj, status))


def evidence_iri(statement: URIRef, document: str, start: int, end: int) -> URIRef:
    return URIRef(EVIDENCE_NS + _digest(statement, document, start, end))


def wikidata_iri(qid: str) -> URIRef:
    if not (qid.startswith("Q") and qid[1:].isdigit()):
        raise ValueError(f"not a Wikidata item id: {qid!r}")
    return URIRef(WIKIDATA_NS + qid)


def key_from_entity_iri(iri: str) -> str:
    from urllib.parse import unquote

    return unquote(iri[len(ENTITY_NS):]) if iri.startswith(ENTITY_NS) else iri
