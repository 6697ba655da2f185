"""Extraction in worker processes on one machine.

The parent loads the pipeline once; workers are forked from it and share the
loaded model copy-on-write, so starting N workers costs no model loads.  Each
worker runs the whole extraction (spaCy and graphbuild's rules) on batches of
documents.  At most ``2 x workers`` batches are in flight, so memory does not
grow with the number of documents, and records come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from ..records import Document, ExtractionRecord

#: The extractor forked workers use (set in the parent just before the pool starts).
_SHARED = None


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _run_batch(batch: list[Document]) -> list[ExtractionRecord]:
    return list(_SHARED.records(batch, batch_size=len(batch) or 1))


def parallel_records(extractor, documents: Iterable[Document], workers: int, batch_size: int = 16) -> Iterator[ExtractionRecord]:
    """Records of ``documents`` computed by ``workers`` forked processes, in input order."""
    global _SHARED
    if workers <= 1:
        yield from extractor.records(documents, batch_size=batch_size)
        return
    _SHARED = extractor.load()
    batches = iter(lambda it=iter(documents): list(islice(it, batch_size)), [])
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(pool.submit(_run_batch, batch))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
