"""The command line as a user meets it: outputs, summaries, one-line errors."""

import json

from conftest import EXAMPLES, run_cli
from rdflib import Graph


def test_build_writes_graph_page_and_extractions(seed_build):
    assert {p.name for p in seed_build.iterdir()} >= {"graph.ttl", "graph.html", "extractions.jsonl", "manifest.json"}
    g = Graph().parse(seed_build / "graph.ttl")
    assert len(g) > 100
    lines = (seed_build / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert {"id", "entities", "relations"} <= set(first)
    rel = first["relations"][0]
    assert {"subject", "predicate", "object", "confidence", "status", "subject_mention", "object_mention", "sentence"} <= set(rel)


def test_build_prints_a_summary(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Google acquired YouTube in 2006. Sundar Pichai is the CEO of Google.", encoding="utf-8")
    result = run_cli("build", str(article), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Built a graph from 1 document(s)" in result.stdout
    assert "acquired 1" in result.stdout and "ceoOf 1" in result.stdout
    from graphbuild.nlp import resolve_model_name

    # The package to pass to --model, whatever spaCy's own name for the pipeline inside.
    assert f"with {resolve_model_name()}" in result.stdout


def test_query_command_prints_a_table(seed_build):
    result = run_cli("query", str(seed_build / "graph.ttl"), str(EXAMPLES / "queries" / "ceos.rq"))
    assert result.returncode == 0, result.stderr
    assert "Lei Jun" in result.stdout and "Xiaomi" in result.stdout


def test_html_command_renders_a_focused_page(seed_build, tmp_path):
    page = tmp_path / "focus.html"
    result = run_cli("html", str(seed_build / "graph.ttl"), "-o", str(page), "--focus", "Lei Jun")
    assert result.returncode == 0, result.stderr
    assert "within 1 hop of Lei Jun" in page.read_text(encoding="utf-8")


def test_user_mistakes_get_one_line_errors_without_traceback(tmp_path, seed_build):
    cases = [
        (("build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o")), "no such file or folder", 1),
        (("query", str(seed_build / "graph.ttl"), "SELECT ?x WHERE { ?x ?y }"), "Invalid SPARQL at line 1", 2),
        (("query", str(tmp_path / "none.ttl"), "ASK {}"), "no such RDF file", 1),
        (("html", str(seed_build / "graph.ttl"), "-o", str(tmp_path / "p.html"), "--focus", "Nobody Atall"), "No entity named 'Nobody Atall'", 2),
        (("frobnicate",), "invalid choice: 'frobnicate'", 2),
        (("query", "only-one-argument.ttl"), "give GRAPH and QUERY, or only QUERY with --store or --endpoint", 2),
    ]
    for args, message, code in cases:
        result = run_cli(*args)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_build_refuses_a_folder_it_did_not_write(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    result = run_cli("build", str(EXAMPLES / "articles"), "-o", str(out))
    assert result.returncode == 2 and "--force" in result.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_unknown_model_is_a_clear_error(tmp_path):
    result = run_cli("extract", str(EXAMPLES / "articles"), "--model", "no_such_model_xyz")
    assert result.returncode == 1
    assert "spaCy model 'no_such_model_xyz' is not installed" in result.stderr


def test_version_and_module_entry_point():
    import graphbuild

    result = run_cli("--version")
    assert result.stdout.strip() == f"graphbuild {graphbuild.__version__}"


def test_extract_to_stdout_from_jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": "Apple's CEO Tim Cook met investors."}) + "\n", encoding="utf-8")
    result = run_cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["id"] == "n1"
    assert ("tim-cook", "ceoOf", "apple") in {(r["subject"], r["predicate"], r["object"]) for r in record["relations"]}


def test_quiet_and_verbose_work_before_and_after_the_command(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Tim Cook, the CEO of Apple, met investors.", encoding="utf-8")
    after = run_cli("extract", str(article), "--quiet")
    before = run_cli("--quiet", "extract", str(article))
    assert after.returncode == before.returncode == 0, after.stderr
    assert after.stdout == before.stdout and '"ceoOf"' in after.stdout
    assert run_cli("build", str(article), "-o", str(tmp_path / "out"), "-v").returncode == 0


def test_a_quiet_build_with_workers_prints_nothing_but_errors(tmp_path):
    for n in range(4):
        (tmp_path / f"a{n}.txt").write_text(f"Tim Cook, the CEO of Apple, met investors in city {n}.", encoding="utf-8")
    result = run_cli("--quiet", "build", *(str(tmp_path / f"a{n}.txt") for n in range(4)), "-o", str(tmp_path / "out"), "--workers", "2")
    assert result.returncode == 0
    assert result.stderr == "", result.stderr  # no library warning (spaCy's W095) from the parent or the workers
