"""Read back an ``extractions.jsonl`` an earlier build wrote, without holding it in memory.

A re-run reuses the records of documents whose text has not changed.  The file
may hold millions of records, so only an index (document id -> byte offset and
content hash) is kept; a record is read when it is reused, and its line is
copied as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..records import ExtractionRecord


class PreviousExtractions:
    """The records of an earlier run's ``extractions.jsonl``, found by document id and hash."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._index: dict[str, tuple[int, str | None]] = {}
        if path is not None and not self._build_index(path):
            self._index = {}  # unreadable or damaged: extract everything again

    def _build_index(self, path: Path) -> bool:
        try:
            with path.open("rb") as handle:
                offset = handle.tell()
                for line in iter(handle.readline, b""):
                    data = json.loads(line)
                    self._index[str(data["id"])] = (offset, data.get("hash"))
                    offset = handle.tell()
        except (OSError, ValueError, KeyError, TypeError):
            return False
        return True

    def offset_of(self, doc_id: str, content_hash: str) -> int | None:
        """Where the record of ``doc_id`` is, if it was extracted from the same text."""
        found = self._index.get(doc_id)
        return found[0] if found is not None and found[1] == content_hash else None

    def read(self, offsets: list[int]) -> Iterator[tuple[str, ExtractionRecord]]:
        """The line (as written) and the record at each offset, in order."""
        if not offsets or self.path is None:
            return
        with self.path.open("rb") as handle:
            for offset in offsets:
                handle.seek(offset)
                line = handle.readline().decode("utf-8").rstrip("\n")
                yield line, ExtractionRecord.from_dict(json.loads(line))
