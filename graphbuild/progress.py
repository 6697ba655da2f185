"""Progress of a long run: a bar on a terminal, plain log lines otherwise, nothing when quiet."""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("graphbuild")

#: Seconds between plain progress lines when the output is not a terminal.
LOG_EVERY = 10.0


class Progress:
    def __init__(self, total: int | None = None, quiet: bool = False, stream=None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.total = total
        self.documents = 0
        self.words = 0
        self.started = time.perf_counter()
        self.last_line = self.started
        self.bar = None
        if not quiet and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True)

    def update(self, documents: int, words: int) -> None:
        self.documents += documents
        self.words += words
        if self.quiet:
            return
        rate = self.words / max(1e-9, time.perf_counter() - self.started)
        if self.bar is not None:
            self.bar.update(documents)
            self.bar.set_postfix_str(f"{rate:,.0f} words/s")
            return
        now = time.perf_counter()
        if now - self.last_line >= LOG_EVERY:
            self.last_line = now
            eta = ""
            if self.total:
                left = (self.total - self.documents) * (now - self.started) / max(1, self.documents)
                eta = f", about {left:.0f} s left"
            log.info("processed %d%s documents (%s words/s%s)", self.documents, f"/{self.total}" if self.total else "", f"{rate:,.0f}", eta)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def count_documents(inputs) -> int | None:
    """A quick count of the documents in files (JSONL lines, text files), or None for streams."""
    from pathlib import Path

    from .io.readers import JSONL_SUFFIXES, SUPPORTED, _suffix

    total = 0
    for item in inputs:
        path = Path(item)
        if str(item) == "-" or not path.exists():
            return None
        files = [p for p in path.rglob("*") if p.is_file() and _suffix(p) in SUPPORTED] if path.is_dir() else [path]
        for f in files:
            if _suffix(f) in JSONL_SUFFIXES:
                if f.name.endswith(".gz"):
                    return None
                with f.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total
