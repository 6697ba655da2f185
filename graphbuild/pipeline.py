"""read -> nlp.pipe -> extract -> graph, streaming document by document.

:func:`extract` yields one :class:`ExtractionRecord` per document without
holding the others; :func:`build` folds them into a :class:`KnowledgeGraph`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import BATCH_SIZE
from .records import Document, ExtractionRecord

log = logging.getLogger("graphbuild")

Input = str | Path


@dataclass
class Extractor:
    """The loaded NLP pipeline, knowledge base and patterns: load once, use for many documents."""

    model: str | None = None
    kb_paths: Sequence[str | Path] = ()
    nlp: object = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from .kb import load_kb
        from .nlp import load_pipeline
        from .relations.matcher import RelationMatcher

        self.nlp = load_pipeline(self.model, [str(p) for p in self.kb_paths])
        self.kb = load_kb(self.kb_paths)
        self.matcher = RelationMatcher()

    @property
    def model_name(self) -> str:
        meta = self.nlp.meta  # type: ignore[attr-defined]
        return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"

    def records(self, documents: Iterable[Document], batch_size: int = BATCH_SIZE, skip: Callable[[Document, str], bool] | None = None) -> Iterator[ExtractionRecord]:
        """One record per document; ``skip(document, story_text)`` drops documents before any NLP runs."""
        from .extract import build_record, story_text

        stream = ((text, doc) for doc in documents for text in (story_text(doc),) if skip is None or not skip(doc, text))
        for spacy_doc, doc in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):  # type: ignore[attr-defined]
            yield build_record(spacy_doc, doc, self.kb, self.matcher)


def extract(
    inputs: Iterable[Input] | Input,
    *,
    model: str | None = None,
    kb: Sequence[str | Path] = (),
    batch_size: int = BATCH_SIZE,
    extractor: Extractor | None = None,
    on_document: Callable[[ExtractionRecord], None] | None = None,
    allow_text: bool = True,
    skip: Callable[[Document, str], bool] | None = None,
) -> Iterator[ExtractionRecord]:
    """Extraction records for paths (files, folders) or raw texts, one per document.

    With ``allow_text=False`` (the command line) every input must be a path.

    >>> records = list(extract(["Tim Cook, the CEO of Apple, spoke."]))  # doctest: +SKIP
    """
    from .io.readers import iter_documents

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    extractor = extractor or Extractor(model, kb)
    for record in extractor.records(iter_documents(inputs, allow_text=allow_text), batch_size, skip=skip):
        if on_document is not None:
            on_document(record)
        yield record


def build(
    inputs: Iterable[Input] | Input,
    *,
    model: str | None = None,
    kb: Sequence[str | Path] = (),
    batch_size: int = BATCH_SIZE,
    into=None,
):
    """Build a :class:`~graphbuild.graph.KnowledgeGraph` from paths or texts.

    ``inputs`` may mix paths (``.txt``/``.md`` files, ``.jsonl`` archives,
    folders of them) and raw article texts.  With ``into`` (a KnowledgeGraph)
    the new documents are added to it: documents it already holds (same id or
    same text) are skipped before any NLP runs.
    """
    from .graph.model import KnowledgeGraph

    started = time.perf_counter()
    kg = into if into is not None else KnowledgeGraph()
    for record in extract(inputs, model=model, kb=kb, batch_size=batch_size, skip=lambda doc, text: already_in(kg, doc, text)):
        kg.add_record(record)
    log.info("built %r in %.1f s", kg, time.perf_counter() - started)
    return kg


def already_in(kg, document: Document, text: str) -> bool:
    """True when ``kg`` holds this document already (same id, or the same story text)."""
    from .io.readers import content_hash

    return kg.has_document(document.id, content_hash(text))
