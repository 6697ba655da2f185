"""Many articles: inputs of every kind, worker processes, progress, re-runs that skip done work."""

import json
import signal
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLES, run_cli


PAGE = """<!DOCTYPE html><html><head><title>Xiaomi partners with Leica | Tech News</title>
<meta name="author" content="Jane Writer"><meta property="article:published_time" content="2022-06-20">
<link rel="canonical" href="https://news.example.org/xiaomi-leica"></head>
<body><nav><a href="/">Home</a> <a href="/phones">Phones</a></nav><div class="ad">Advertisement: buy a Galaxy</div>
<article><h1>Xiaomi partners with Leica</h1>
<p>Xiaomi is working with Leica on the camera for its next flagship, the Xiaomi 12 Ultra, the company said on Monday in Beijing.</p>
<p>Lei Jun, the founder and chief executive of Xiaomi, said the partnership would bring better photography to millions of users.</p>
</article><section class="comments"><h3>Comments</h3><p>Samsung is better, says a reader who works for Samsung.</p></section>
<footer>Copyright 2022 Tech News.</footer></body></html>"""


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_html_page_main_text_and_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = run_cli("extract", str(page))
    assert result.returncode == 0, result.stderr
    (record,) = _records(result.stdout)
    assert record["title"] == "Xiaomi partners with Leica" and record["author"] == "Jane Writer"
    assert record["url"] == "https://news.example.org/xiaomi-leica" and record["date"] == "2022-06-20"
    labels = {e["label"] for e in record["entities"]}
    assert "Samsung" not in labels and "Galaxy" not in labels  # comments and ads are not the article
    assert ("lei-jun", "ceoOf", "xiaomi") in {(r["subject"], r["predicate"], r["object"]) for r in record["relations"]}


def test_html_that_is_not_an_article_is_a_clear_error(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>", encoding="utf-8")
    result = run_cli("extract", str(page))
    assert result.returncode == 1 and "no article text found" in result.stderr


def test_stdin_globs_and_gzipped_jsonl(tmp_path):
    import gzip

    (tmp_path / "a.txt").write_text("Google acquired YouTube in 2006.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Apple hired Tim Cook in 1998.", encoding="utf-8")
    globbed = run_cli("extract", str(tmp_path / "*.txt"))
    assert [r["id"] for r in _records(globbed.stdout)] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    piped = run_cli("extract", "-", input="Google acquired YouTube in 2006.")
    assert _records(piped.stdout)[0]["id"] == "stdin"
    piped_jsonl = run_cli("extract", "-", input='{"id": "x1", "text": "Google acquired YouTube."}\n')
    assert _records(piped_jsonl.stdout)[0]["id"] == "x1"
    with gzip.open(tmp_path / "n.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "g1", "text": "Intel makes chips."}) + "\n")
    assert _records(run_cli("extract", str(tmp_path / "n.jsonl.gz")).stdout)[0]["id"] == "g1"


def test_two_workers_give_the_same_records_as_one(tmp_path):
    texts = [f"Google acquired YouTube in {2000 + i}. Sundar Pichai is the CEO of Google. Story {i}." for i in range(24)]
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    one = run_cli("extract", str(path), "--workers", "1")
    two = run_cli("extract", str(path), "--workers", "2")
    assert one.returncode == two.returncode == 0
    assert _records(one.stdout) == _records(two.stdout) and len(_records(two.stdout)) == 24


def test_progress_lines_when_not_a_terminal_and_silence_when_quiet(tmp_path, monkeypatch):
    import graphbuild.progress as progress

    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    import io
    import logging

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger("graphbuild").addHandler(handler)
    logging.getLogger("graphbuild").setLevel(logging.INFO)
    try:
        p = progress.Progress(total=3, stream=io.StringIO())
        p.update(1, 100)
        p.update(1, 100)
        quiet = progress.Progress(total=3, quiet=True, stream=io.StringIO())
        quiet.update(1, 100)
    finally:
        logging.getLogger("graphbuild").removeHandler(handler)
    text = stream.getvalue()
    assert "processed 1/3 documents" in text and "processed 2/3 documents" in text and "words/s" in text and "left" in text
    assert text.count("processed") == 2


def test_a_rerun_reuses_what_was_extracted_unless_forced(tmp_path):
    out = tmp_path / "out"
    first = run_cli("build", str(EXAMPLES / "articles"), "-o", str(out), "--no-html")
    assert first.returncode == 0, first.stderr
    graph = (out / "graph.ttl").read_bytes()
    again = run_cli("build", str(EXAMPLES / "articles"), "-o", str(out), "--no-html")
    assert "Reused 4 document(s) already extracted" in again.stdout
    assert (out / "graph.ttl").read_bytes() == graph
    forced = run_cli("build", str(EXAMPLES / "articles"), "-o", str(out), "--no-html", "--force")
    assert "Reused" not in forced.stdout and (out / "graph.ttl").read_bytes() == graph


def test_a_rerun_extracts_changed_documents_and_copies_the_others(tmp_path):
    import json

    news, out = tmp_path / "news.jsonl", tmp_path / "out"
    texts = [f"Acme Robotics was founded by Jane Smith. Story {i} says Acme Robotics is based in Boston." for i in range(3)]
    news.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    assert run_cli("build", str(news), "-o", str(out), "--no-html").returncode == 0
    lines = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()

    texts[1] = "Jane Smith is the chief executive of Acme Robotics."
    news.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    again = run_cli("build", str(news), "-o", str(out), "--no-html")
    assert again.returncode == 0, again.stderr
    assert "Reused 2 document(s)" in again.stdout
    now = (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    by_id = {json.loads(line)["id"]: line for line in now}
    assert by_id["n0"] == lines[0] and by_id["n2"] == lines[2]  # copied as they were
    assert "ceoOf" in by_id["n1"]

    kb = tmp_path / "kb.jsonl"
    kb.write_text('{"id": "acme", "name": "Acme Robotics", "type": "Company"}\n', encoding="utf-8")
    other = run_cli("build", str(news), "-o", str(out), "--no-html", "--kb", str(kb))
    assert other.returncode == 0 and "Reused" not in other.stdout and "other settings" in other.stdout
    assert '"id": "acme"' in (out / "extractions.jsonl").read_text(encoding="utf-8")

    (out / "extractions.jsonl").write_text("{not json\n", encoding="utf-8")  # damaged: nothing to reuse
    damaged = run_cli("build", str(news), "-o", str(out), "--no-html", "--kb", str(kb))
    assert damaged.returncode == 0 and "Reused" not in damaged.stdout and "other settings" not in damaged.stdout
    assert len((out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_a_dask_cluster_builds_the_same_graph_as_a_local_run(tmp_path):
    from distributed import LocalCluster
    from rdflib import Graph
    from rdflib.compare import isomorphic

    texts = [f"Google acquired YouTube in {2000 + i}. Sundar Pichai is the chief executive of Google. Story {i}." for i in range(12)]
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    inputs = [str(news), str(EXAMPLES / "articles")]
    local = run_cli("build", *inputs, "-o", str(tmp_path / "local"), "--no-html", "--workers", "1")
    assert local.returncode == 0, local.stderr
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        distributed = run_cli("build", *inputs, "-o", str(tmp_path / "dask"), "--no-html", "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert distributed.returncode == 0, distributed.stderr
    assert isomorphic(Graph().parse(tmp_path / "local" / "graph.ttl"), Graph().parse(tmp_path / "dask" / "graph.ttl"))


def test_dask_options_are_checked():
    missing = run_cli("extract", str(EXAMPLES / "articles"), "--executor", "dask")
    assert missing.returncode == 2 and "--executor dask needs --scheduler" in missing.stderr
    stray = run_cli("extract", str(EXAMPLES / "articles"), "--scheduler", "tcp://127.0.0.1:1")
    assert stray.returncode == 2 and "--scheduler goes with --executor dask" in stray.stderr


def test_the_pipeline_loads_only_when_a_document_is_read():
    from graphbuild.nlp import resolve_model_name
    from graphbuild.pipeline import Extractor

    extractor = Extractor()
    assert "nlp" not in extractor.__dict__  # a Dask driver never pays for it
    assert extractor.model_name.startswith(resolve_model_name())
    from graphbuild.records import Document

    (record,) = extractor.records([Document("d", "Tim Cook is the CEO of Apple.")])
    assert "nlp" in extractor.__dict__ and ("tim-cook", "ceoOf", "apple") in {(r.subject, r.predicate, r.object) for r in record.relations}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"])
def test_no_worker_outlives_a_stopped_build(tmp_path, signum):
    import psutil

    archive = tmp_path / "many.jsonl"
    with archive.open("w", encoding="utf-8") as out:
        for n in range(400):
            text = f"Globex Corp, based in Boston, said on day {n} that Jane Doe, its chief executive, will meet Initech. " * 4
            out.write(json.dumps({"id": f"d{n}", "text": text}) + "\n")
    build = subprocess.Popen([sys.executable, "-m", "graphbuild", "--quiet", "build", str(archive), "-o", str(tmp_path / "out"), "--workers", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = psutil.Process(build.pid)
    deadline = time.monotonic() + 120
    workers: list = []
    while time.monotonic() < deadline and len(workers) < 2 and build.poll() is None:
        workers = [p for p in parent.children(recursive=True) if "python" in p.name().lower()]
        time.sleep(0.2)
    assert len(workers) >= 2, "the build ended before its workers could be seen"
    time.sleep(1.0)  # let the workers take their first batches
    build.send_signal(signum)
    build.wait(timeout=60)

    def alive(process) -> bool:
        try:
            return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    settle = time.monotonic() + 10
    while time.monotonic() < settle and any(alive(w) for w in workers):
        time.sleep(0.2)
    left = [w.pid for w in workers if alive(w)]
    for pid in left:  # do not leave them for the rest of the suite
        psutil.Process(pid).kill()
    assert not left, f"workers {left} outlived a build stopped with {signal.Signals(signum).name}"
    assert b"Traceback" not in build.stderr.read()
