"""Extraction in worker processes on one machine.

The parent loads the pipeline once; workers are forked from it and share the
loaded model copy-on-write, so starting N workers costs no model loads.  Each
worker runs the whole extraction (spaCy and graphbuild's rules) on batches of
documents.  At most ``2 x workers`` batches are in flight, so memory does not
grow with the number of documents, and records come back in input order.

No worker outlives its run: on Linux each worker asks the kernel to end it when
its parent dies (whatever killed the parent, SIGKILL included), workers leave
Ctrl-C to the parent, and the parent stops its workers before it exits on
SIGINT or SIGTERM.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from contextlib import contextmanager
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


_PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    """In each worker: die with the parent, and leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


@contextmanager
def _sigterm_raises():
    """SIGTERM ends the parent through Python, so that it can stop its workers first."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def parallel_records(extractor, documents: Iterable[Document], workers: int, batch_size: int = 16) -> Iterator[ExtractionRecord]:
    """Records of ``documents`` computed by ``workers`` forked processes, in input order."""
    global _SHARED
    if workers <= 1:
        yield from extractor.records(documents, batch_size=batch_size)
        return
    _SHARED = extractor.load()
    batches = iter(lambda it=iter(documents): list(islice(it, batch_size)), [])
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        with _sigterm_raises():
            in_flight: deque = deque()
            for batch in batches:
                in_flight.append(pool.submit(_run_batch, batch))
                if len(in_flight) >= 2 * workers:
                    yield from in_flight.popleft().result()
            while in_flight:
                yield from in_flight.popleft().result()
    except BaseException:
        # Interrupted, stopped or failed: end the workers now rather than after their batches.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
