"""Turn paths, folders and raw texts into :class:`Document` objects, streaming.

Formats: ``.txt``/``.md`` (one article per file, split into story sections),
``.jsonl``/``.jsonl.gz`` (one ``{"id", "text", ...}`` record per line).
Every document gets a stable id: the record's id, else the file's path relative
to the folder it was found in, else a hash of its text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Document
from .sections import find_sections

log = logging.getLogger("graphbuild")

#: Receives each input error when a run goes on past bad inputs.
OnError = Callable[[InputError], None]

TEXT_SUFFIXES = (".txt", ".md", ".text")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
GLOB_CHARS = "*?["


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in sorted(SUPPORTED, key=len, reverse=True) if name.endswith(s)), path.suffix.lower())


def decode(data: bytes, where: str) -> str:
    """Decode UTF-8, replacing bad bytes with U+FFFD and warning once per file."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: looks like a binary file, not text. Give graphbuild .txt, .md or .jsonl files.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        log.warning("%s: invalid UTF-8 at byte %d; bad bytes were replaced with U+FFFD", where, exc.start)
        return data.decode("utf-8-sig", errors="replace")


def documents_from_text(text: str, base_id: str, source: str | None = None, **meta: str | None) -> list[Document]:
    """Split one input text into its story sections, one :class:`Document` each.

    The first section keeps ``base_id``; further sections (teasers of other
    stories on a scraped page) get ``base_id#s2``, ``#s3``, ...
    """
    sections = find_sections(text)
    docs = []
    for n, section in enumerate(sections, start=1):
        doc_id = base_id if n == 1 else f"{base_id}#s{n}"
        title = meta.get("title") if n == 1 and meta.get("title") else section.title
        docs.append(
            Document(
                id=doc_id,
                text=text,
                segments=section.ranges,
                title=title,
                url=meta.get("url") if n == 1 else None,
                date=meta.get("date") if n == 1 else None,
                author=meta.get("author") if n == 1 else None,
                source=source,
            )
        )
    return docs


def read_text_file(path: Path, base_id: str) -> list[Document]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}). Check the path and its permissions.") from None
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: the file is empty; there is nothing to extract.")
    return documents_from_text(text, base_id, source=str(path))


def iter_json_lines(path: Path, on_error: OnError | None = None) -> Iterator[tuple[str, dict]]:
    """``(file:line, object)`` for each non-blank line of a JSONL file (gzipped or not).

    A line that is not a JSON object raises :class:`InputError` naming file and line,
    or, with ``on_error``, is reported there and skipped.
    """
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        handle = opener(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                try:
                    record = json.loads(decode(raw, where))
                except json.JSONDecodeError as exc:
                    raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}).") from None
                if not isinstance(record, dict):
                    raise InputError(f"{where}: each line must be a JSON object.")
            except InputError as error:
                if on_error is None:
                    raise
                on_error(error)
                continue
            yield where, record


def read_jsonl(path: Path, on_error: OnError | None = None) -> Iterator[Document]:
    """Stream documents from a JSONL file; a malformed line raises with its line number,
    or goes to ``on_error`` and the next lines are read."""
    for where, record in iter_json_lines(path, on_error):
        if not isinstance(record.get("text"), str):
            error = InputError(f'{where}: each line must be a JSON object with a "text" string (and an optional "id").')
            if on_error is None:
                raise error
            on_error(error)
            continue
        text = record["text"]
        if not text.strip():
            log.warning("%s: empty text, skipped", where)
            continue
        doc_id = str(record.get("id") or content_hash(text))
        meta = {k: str(record[k]) for k in ("title", "url", "date") if record.get(k)}
        yield from documents_from_text(text, doc_id, source=str(path), **meta)


def _looks_like_path(text: str) -> bool:
    """A single word ending in a known suffix or holding a '/' is a path the user mistyped, not an article."""
    if len(text.split()) != 1 or not any(c.isalnum() for c in text):
        return False
    return text.lower().endswith(SUPPORTED) or "/" in text or "\\" in text


def _iter_folder(folder: Path) -> Iterator[tuple[Path, str]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and _suffix(p) in SUPPORTED and not p.name.startswith("."))
    for path in files:
        yield path, path.relative_to(folder).as_posix()


def iter_documents(inputs: Iterable[str | Path], *, allow_text: bool = False, on_error: OnError | None = None) -> Iterator[Document]:
    """Yield the documents of every input, in order, without reading ahead.

    ``inputs`` are paths (files or folders).  With ``allow_text`` a string that
    is not an existing path is taken as the text of a document (the Python API's
    ``build(["Apple bought Beats."])``).  Without ``on_error`` the first bad
    input raises :class:`InputError`; with it, each bad file or line is reported
    there and the rest is read.
    """
    for item in inputs:
        yield from _reporting(_documents_of(item, allow_text, on_error), on_error)


def _reporting(documents: Iterator[Document], on_error: OnError | None) -> Iterator[Document]:
    """``documents``, with a bad input told to ``on_error`` (raised without one) and the rest still read."""
    try:
        yield from documents
    except InputError as error:
        if on_error is None:
            raise
        on_error(error)


def _documents_of(item: str | Path, allow_text: bool, on_error: OnError | None) -> Iterator[Document]:
    if str(item) == "-":
        yield from read_stdin(on_error)
        return
    if isinstance(item, str) and any(c in item for c in GLOB_CHARS) and not Path(item).exists():
        import glob

        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            raise InputError(f"{item}: the pattern matches no file.")
        for match in matches:
            path = Path(match)
            if path.is_file() and _suffix(path) in SUPPORTED:
                yield from _reporting(_read_file(path, path.as_posix(), on_error), on_error)
        return
    path = Path(item)
    is_path = isinstance(item, Path) or (len(str(item)) < 4096 and "\n" not in str(item) and path.exists())
    if not is_path:
        if not allow_text or _looks_like_path(str(item)):
            raise InputError(f"{item}: no such file or folder.")
        text = str(item)
        yield from documents_from_text(text, content_hash(text))
        return
    if not path.exists():
        raise InputError(f"{path}: no such file or folder.")
    if path.is_dir():
        found = False
        for file, rel in _iter_folder(path):
            found = True
            yield from _reporting(_read_file(file, rel, on_error), on_error)
        if not found:
            raise InputError(f"{path}: the folder holds no {', '.join(SUPPORTED)} files.")
    else:
        yield from _read_file(path, path.name, on_error)


def read_stdin(on_error: OnError | None = None) -> Iterator[Document]:
    """Standard input: JSONL records when it starts with '{', else one article."""
    import sys
    import tempfile

    data = sys.stdin.buffer.read()
    text = decode(data, "<stdin>")
    if text.lstrip().startswith("{"):
        with tempfile.NamedTemporaryFile(suffix=".jsonl", prefix="stdin-") as handle:
            handle.write(data)
            handle.flush()
            yield from read_jsonl(Path(handle.name), on_error)
        return
    if not text.strip():
        raise InputError("<stdin>: no text on standard input.")
    yield from documents_from_text(text, "stdin", source="<stdin>")


def read_html(path: Path, base_id: str) -> list[Document]:
    """The main article of an HTML page (trafilatura: no navigation, ads or comments), with its metadata.

    Offsets in the extraction output refer to the extracted article text.
    """
    import trafilatura

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    html = decode(raw, str(path))
    result = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (data.get("text") or "").strip()
    if not text or not re.search(r"[^\W\d_]{2,}[^\n]*[.!?]", text):  # no sentence at all: links, a menu
        raise InputError(f"{path}: no article text found in this HTML page (an index, navigation or empty page?).")
    meta = {k: str(data[k]) for k in ("title", "url", "date", "author") if data.get(k)}
    return documents_from_text(text, base_id, source=str(path), **meta)


def _read_file(path: Path, rel: str, on_error: OnError | None = None) -> Iterator[Document]:
    suffix = _suffix(path)
    if suffix in HTML_SUFFIXES:
        yield from read_html(path, rel)
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, on_error)
    elif suffix in TEXT_SUFFIXES:
        yield from read_text_file(path, rel)
    else:
        raise InputError(f"{path}: unsupported file type '{suffix}'. Supported: {', '.join(SUPPORTED)}.")
