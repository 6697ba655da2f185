"""Extraction on a Dask distributed cluster (an existing engine: graphbuild has no scheduler of its own).

The driver reads the documents and submits them in batches; each Dask worker
loads the spaCy pipeline once (cached in the worker process) and returns
extraction records; the driver merges them into the graph exactly as a local
run does, so the result is the same graph.  At most ``2 x workers`` batches
are in flight, so the driver's memory does not grow with the corpus.

On a real cluster::

    dask-scheduler                                   # on the head node, prints tcp://HOST:8786
    dask-worker tcp://HOST:8786 --nprocs 4 --nthreads 1   # on each worker host, with graphbuild installed
    graphbuild build ARCHIVE.jsonl -o out/ --executor dask --scheduler tcp://HOST:8786
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from ..errors import UsageError
from ..records import Document, ExtractionRecord

_EXTRACTORS: dict = {}


def _extract_batch(batch: list[Document], model: str | None, kb_paths: tuple[str, ...], relation_model: str | None = None) -> list[ExtractionRecord]:
    """Runs on a worker: the pipeline is loaded once per worker process."""
    from ..pipeline import Extractor

    key = (model, kb_paths, relation_model)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(model, kb_paths, relation_model)
    return list(_EXTRACTORS[key].records(batch, batch_size=max(1, len(batch))))


def connect(scheduler: str):
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--executor dask needs Dask: pip install 'dask[distributed]'.") from None
    try:
        return Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"Cannot reach the Dask scheduler at {scheduler} ({exc}). Start one with 'dask-scheduler' and give its tcp:// address.") from None


def dask_records(
    documents: Iterable[Document],
    scheduler: str,
    model: str | None,
    kb_paths: Sequence[str] = (),
    batch_size: int = 16,
    relation_model: str | None = None,
) -> Iterator[ExtractionRecord]:
    """Records of ``documents`` computed on the cluster at ``scheduler``, in input order.

    Workers read the model, knowledge-base and relation-model files by the same
    paths, so those must be reachable from every worker.
    """
    client = connect(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        batches = iter(lambda it=iter(documents): list(islice(it, batch_size)), [])
        in_flight: deque = deque()
        kb = tuple(str(p) for p in kb_paths)
        for batch in batches:
            in_flight.append(client.submit(_extract_batch, batch, model, kb, relation_model, pure=False))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
    finally:
        client.close()
