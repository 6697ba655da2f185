"""How graphbuild is tested (read this before adding a test).

* Two kinds of NLP test.  Rule logic (dependency paths, name keys, sections)
  is tested on hand-built inputs and is exact.  Everything else runs the real
  spaCy model on real text: the seed article in ``examples/articles`` and the
  gold facts in ``tests/data`` are in the repository; the BBC corpus is read
  from ``../shared/corpus`` (beside this repository or the one it was cloned
  from, or ``$GRAPHBUILD_CORPUS``) when present, and those tests skip, saying
  why, when it is not.
* Real components, no mocks: what is written is parsed back with rdflib,
  queries run, the CLI runs in a subprocess.
* The pipeline is loaded once per session (``extractor``) and the seed graph
  built once (``seed_kg``, ``seed_build``): reuse them, do not load another.
* No timed assertions: speed is measured by the scripts in ``bench/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED_ARTICLE = EXAMPLES / "articles" / "xiaomi-us-launch.txt"
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


def _corpus_places() -> list[Path]:
    """Where the BBC corpus may be: ``$GRAPHBUILD_CORPUS``, else ``shared/corpus`` beside this
    repository or beside the local repository it was cloned from (CI tests a fresh clone in a
    temporary folder, away from the shared material)."""
    if os.environ.get("GRAPHBUILD_CORPUS"):
        return [Path(os.environ["GRAPHBUILD_CORPUS"])]
    places = [SHARED / "corpus"]
    origin = subprocess.run(["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"], capture_output=True, text=True).stdout.strip()
    if origin and Path(origin).is_dir():
        places.append(Path(origin).resolve().parent / "shared" / "corpus")
    return places


CORPUS_PLACES = _corpus_places()
CORPUS = next((p for p in CORPUS_PLACES if (p / "bbc_tech.jsonl").exists()), CORPUS_PLACES[0])


def corpus_files(*names: str, instead: str) -> list[Path]:
    """The shared corpus files ``names``, or a skip that says why the test cannot run here and
    which test covers the same ground (``instead``) on text written for the tests."""
    files = [CORPUS / name for name in names]
    missing = [str(f) for f in files if not f.exists()]
    if missing and os.environ.get("GRAPHBUILD_CORPUS"):
        # Asked for by name, a corpus that is not there is a mistake to report, not a test to pass over.
        pytest.fail(f"GRAPHBUILD_CORPUS is set to {os.environ['GRAPHBUILD_CORPUS']}, which lacks {', '.join(missing)}; point it at the folder holding {', '.join(names)}.")
    if missing:
        where = "GRAPHBUILD_CORPUS is not set, and no shared/corpus beside this repository or the one it was cloned from holds it: looked in " + ", ".join(map(str, CORPUS_PLACES))
        pytest.skip(
            f"needs the news corpus, which is not at {', '.join(missing)} ({where}); its terms forbid copying it into the repository. "
            f"Set GRAPHBUILD_CORPUS to the folder holding {', '.join(names)} to run this test; {instead}"
        )
    return files


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m graphbuild ARGS`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "graphbuild", *args],
        cwd=cwd or ROOT,
        input=input,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="session")
def extractor():
    from graphbuild.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_documents():
    from graphbuild.io.readers import iter_documents

    return list(iter_documents([SEED_ARTICLE]))


@pytest.fixture(scope="session")
def seed_records(extractor, seed_documents):
    return list(extractor.records(seed_documents))


@pytest.fixture(scope="session")
def seed_kg(seed_records):
    from graphbuild.graph.model import KnowledgeGraph

    return KnowledgeGraph.from_records(seed_records)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """The output folder of ``graphbuild build examples/articles/`` run through the CLI."""
    out = tmp_path_factory.mktemp("seed-build") / "out"
    result = run_cli("build", str(EXAMPLES / "articles"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def nlp_doc():
    """Build a spaCy Doc by hand (words, heads, deps, entities): model-independent rule tests."""
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab

    def make(words, heads, deps, pos=None, lemmas=None, ents=None):
        return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos or ["X"] * len(words), lemmas=lemmas or [w.lower() for w in words], ents=ents)

    return make
