"""Reading inputs: files, folders, JSONL; ids; clear errors."""

import gzip
import json
import logging

import pytest

from graphbuild.errors import InputError
from graphbuild.io.readers import content_hash, iter_documents


def test_folder_of_text_files_gets_relative_path_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Apple bought Beats.", encoding="utf-8")
    (tmp_path / "two.md").write_text("Google bought YouTube.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    docs = list(iter_documents([tmp_path]))
    assert [d.id for d in docs] == ["a/one.txt", "two.md"]


def test_jsonl_records_keep_ids_and_metadata(tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [{"id": "n1", "text": "Apple bought Beats.", "title": "Deal", "url": "https://example.org/1"}, {"text": "Google bought YouTube."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = list(iter_documents([path]))
    assert docs[0].id == "n1" and docs[0].title == "Deal" and docs[0].url == "https://example.org/1"
    assert docs[1].id == content_hash("Google bought YouTube.")


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g", "text": "Intel makes chips."}) + "\n")
    assert [d.id for d in iter_documents([path])] == ["g"]


def test_malformed_jsonl_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2: not valid JSON"):
        list(iter_documents([path]))


def test_jsonl_record_without_text(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "body": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r':1: each line must be a JSON object with a "text"'):
        list(iter_documents([path]))


def test_missing_and_empty_inputs(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_documents([tmp_path / "nope.txt"]))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        list(iter_documents([empty]))


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path, caplog):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Nestlé bought a café chain in Zürich for many millions of francs last year, sources said.".encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        (doc,) = iter_documents([path])
    assert "\ufffd" in doc.text
    assert "latin1.txt" in caplog.text and "invalid UTF-8" in caplog.text


def test_raw_text_only_when_allowed():
    with pytest.raises(InputError):
        list(iter_documents(["Apple bought Beats."]))
    (doc,) = iter_documents(["Apple bought Beats."], allow_text=True)
    assert doc.text == "Apple bought Beats."
