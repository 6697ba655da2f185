"""Bad input, faults and hostile text: a clear error, and nothing lost."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import EXAMPLES, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.io.chunks import chunk_document
from graphbuild.records import Document

FUZZ = settings(max_examples=int(os.environ.get("GRAPHBUILD_FUZZ_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def test_bad_inputs_are_listed_and_the_rest_is_built(tmp_path):
    good = tmp_path / "news.jsonl"
    good.write_text('{"id": "a", "text": "Google acquired YouTube in 2006."}\n{"id": "b", "text": \n{"id": "c", "text": "Apple hired Tim Cook in 1998."}\n', encoding="utf-8")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    result = run_cli("build", str(good), str(binary), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "3 input(s) could not be read" in result.stderr
    assert "news.jsonl:2: not valid JSON" in result.stderr and "bad.txt: looks like a binary file" in result.stderr
    assert "--on-error skip" in result.stderr and "Traceback" not in result.stderr
    lines = (tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["a", "c"]
    skipped = run_cli("build", str(good), str(binary), "-o", str(tmp_path / "out2"), "--on-error", "skip")
    assert skipped.returncode == 0 and "2 input(s) could not be read" in skipped.stderr


def test_nothing_readable_is_an_error(tmp_path):
    result = run_cli("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode == 1 and "no input could be read" in result.stderr


def test_long_documents_are_chunked_between_lines_and_sentences():
    paragraph = "Google acquired YouTube in 2006. " * 40
    text = "\n\n".join([paragraph] * 30) + "\n\n" + "x" * 10 + " " + "A very long line without breaks. " * 400
    doc = Document("big", text, segments=tuple((m.start(), m.end()) for m in __import__("re").finditer(r"[^\n]+", text)))
    chunks = chunk_document(doc, limit=5000)
    assert len(chunks) > 3
    covered = "".join(text[s:e] for c in chunks for s, e in c.segments)
    assert covered.replace(" ", "") == "".join(text[s:e] for s, e in doc.segments).replace(" ", "")
    assert all(sum(e - s for s, e in c.segments) <= 5000 for c in chunks)


def test_a_document_longer_than_spacy_takes_is_processed_whole(extractor, monkeypatch):
    import graphbuild.io.chunks as chunks
    from graphbuild.pipeline import extract

    monkeypatch.setattr(chunks, "MAX_CHUNK_CHARS", 2000)
    monkeypatch.setattr(chunks.chunk_document, "__defaults__", (2000,))
    filler = "The market was quiet on Monday and analysts expected little change this week. " * 12
    text = "\n\n".join(["Google acquired YouTube in 2006.", filler, filler, filler, "Tim Cook is the chief executive of Apple."])
    (record,) = extract([text], extractor=extractor)
    facts = {(r.subject, r.predicate, r.object) for r in record.relations}
    assert ("google", "acquired", "youtube") in facts and ("tim-cook", "ceoOf", "apple") in facts
    for rel in record.relations:
        assert text[rel.sentence.start:rel.sentence.end] == rel.sentence.text


def test_a_killed_build_leaves_the_previous_output_intact(tmp_path):
    out = tmp_path / "out"
    first = run_cli("build", str(EXAMPLES / "articles"), "-o", str(out))
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    many = tmp_path / "many.jsonl"
    body = "Google acquired YouTube in 2006. Sundar Pichai is the chief executive of Google. " * 20
    many.write_text("".join(json.dumps({"id": f"d{i}", "text": f"{body} Story {i}."}) + "\n" for i in range(3000)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "graphbuild", "build", str(many), "-o", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Kill it while it is writing extractions (its temporary file exists), before it can finish.
    while time.monotonic() < deadline and not any(p.name.endswith(".part") for p in out.iterdir()):
        time.sleep(0.05)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.endswith(".part")}
    assert after == before


_TEXT = st.lists(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(list("\"'<>&#\\\n\u202e\u05d0🚀\x07") + ["Apple", " Inc.", " CEO ", "Google", " acquired ", "Tim Cook", ". ", "<script>", "</script>"]),
    max_size=60,
).map("".join)


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029", "\x1c"])
def test_a_literal_holding_a_unicode_line_separator_stays_one_statement(tmp_path, separator):
    """N-Triples and N-Quads end a statement at '\\n' only (found by the fuzz test below)."""
    from rdflib import Dataset, Literal, URIRef
    from rdflib.compare import isomorphic

    from graphbuild.rdf.formats import FORMATS, parse, serialize

    dataset = Dataset()
    graph = dataset.graph(URIRef("urn:x:g"))
    graph.add((URIRef("urn:x:a"), URIRef("urn:x:says"), Literal(f"one{separator} 0 two")))
    for name in ("ntriples", "nquads"):
        path = tmp_path / f"g{FORMATS[name].suffix}"
        path.write_text(serialize(dataset if FORMATS[name].quads else graph, FORMATS[name]), encoding="utf-8")
        assert isomorphic(parse(path), graph), name


@FUZZ
@given(text=_TEXT)
def test_any_text_gives_valid_rdf_in_every_format(extractor, tmp_path, text):
    from rdflib.compare import isomorphic

    from graphbuild.graph.model import KnowledgeGraph
    from graphbuild.rdf.formats import FORMATS, parse, serialize
    from graphbuild.rdf.mapping import to_dataset

    from graphbuild.io.readers import documents_from_text

    if not text.strip():
        return
    records = list(extractor.records(documents_from_text(text, "fuzz")))
    for record in records:
        for entity in record.entities:
            for m in entity.mentions:
                assert text[m.start:m.end] == m.text
    kg = KnowledgeGraph.from_records(records)
    graph = kg.to_rdf()
    for name, fmt in FORMATS.items():
        path = tmp_path / f"g{fmt.suffix}"
        path.write_text(serialize(to_dataset(kg) if fmt.quads else graph, fmt), encoding="utf-8")
        assert isomorphic(parse(path), graph), name
    assert "<script" not in kg.to_html(tmp_path / "p.html").read_text(encoding="utf-8").split('type="application/json">', 1)[1].split("</script>", 1)[0]


@FUZZ
@given(lines=st.lists(st.one_of(st.text(max_size=60), st.dictionaries(st.sampled_from(["id", "text", "title"]), st.text(max_size=40), max_size=3).map(json.dumps)), max_size=8))
def test_jsonl_reader_never_crashes_and_names_bad_lines(tmp_path, lines):
    from graphbuild.errors import InputError
    from graphbuild.io.readers import iter_documents

    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = []
    docs = list(iter_documents([path], on_error=errors.append))
    assert all(isinstance(e, InputError) and "fuzz.jsonl:" in str(e) for e in errors)
    for doc in docs:
        assert doc.text.strip()


def test_a_query_that_runs_too_long_is_stopped(tmp_path):
    lines = "".join(f"<https://example.org/s{i}> <https://example.org/p> <https://example.org/o{i}> .\n" for i in range(3000))
    graph = tmp_path / "g.nt"
    graph.write_text(lines, encoding="utf-8")
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
    started = time.monotonic()
    result = run_cli("query", str(graph), cross, "--timeout", "2")
    assert result.returncode == 2
    assert "ran longer than 2 s and was stopped" in result.stderr
    assert time.monotonic() - started < 60
    quick = run_cli("query", str(graph), "ASK { ?s ?p ?o }", "--timeout", "30", "--format", "csv")
    assert quick.stdout.splitlines() == ["ask", "true"]


def test_a_news_brief_made_of_names_is_english_and_other_languages_are_not():
    from graphbuild.io.language import looks_english

    brief = (
        "Roundup: Acme Networks backs Zenith Labs, Orbis Systems; Nordvik Telecom OKs Helios Data bid; "
        "Kestrel Software touts Falcon Cloud with Wi-Fi; Borealis Bank to sell Vega Instruments' InfiniBand switch unit."
    )
    assert looks_english(brief)
    french = "Le groupe Orbis a annoncé lundi à Lyon qu'il vendait sa division de téléphones au fabricant Zenith. Les salariés seront repris, a indiqué l'entreprise, et la marque restera pendant cinq ans."
    spanish = "El grupo Orbis anunció el lunes en Madrid que vende su división de teléfonos al fabricante Zenith. Los empleados serán transferidos, dijo la empresa, y la marca se mantendrá durante cinco años."
    assert not looks_english(french) and not looks_english(spanish)


def test_non_english_text_is_warned_about_and_skipped_unless_asked(tmp_path):
    from graphbuild.io.language import looks_english

    german = "Der Konzern Siemens hat am Montag in München mitgeteilt, dass er seine Sparte für Mobiltelefone an den taiwanischen Hersteller BenQ verkauft. Die Mitarbeiter werden übernommen, teilte das Unternehmen mit, und die Marke bleibt für fünf Jahre erhalten."
    english = (tmp_path / "en.txt")
    english.write_text("Siemens has sold its mobile phone unit to BenQ of Taiwan, the company said on Monday in Munich, and staff will move with it.", encoding="utf-8")
    assert not looks_english(german) and looks_english(english.read_text(encoding="utf-8"))
    de = tmp_path / "de.txt"
    de.write_text(german, encoding="utf-8")
    result = run_cli("extract", str(de), str(english))
    assert result.returncode == 0
    assert "de.txt: does not look like English; skipped" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["en.txt"]
    kept = run_cli("extract", str(de), "--non-english", "process")
    assert len(kept.stdout.splitlines()) == 1
