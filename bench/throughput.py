"""Extraction throughput and memory on the real BBC articles, measured in one run.

    python bench/throughput.py [--corpus ../shared/corpus] [--limit N] [--rounds 5] [--slice 25] [--out bench/results/throughput.md]

Reports, for the same texts and the same spaCy model: words per second of
bare spaCy `nlp.pipe` and of `graphbuild extract` with one and two workers
(bare spaCy and one worker take turns on slices of ``--slice`` articles, then two
workers and one worker take turns on the whole corpus, for ``--rounds`` rounds, and
the median ratios are reported, since a shared machine's speed drifts within minutes);
peak resident memory of `graphbuild extract` for the corpus and for the corpus
repeated ten times (streaming: it should not grow); and the time of building
the graph and writing its RDF, with its share of the whole build.
Targets (issue 9): 1 worker >= 0.8x bare spaCy; 2 workers >= 1.7x 1 worker;
10x corpus within 1.3x the memory of 1x.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpus_lines(folder: Path, limit: int | None) -> list[str]:
    lines = []
    for name in ("bbc_tech.jsonl", "bbc_business.jsonl"):
        lines += [line for line in (folder / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[:limit] if limit else lines


def peak_child(cmd: list[str]) -> tuple[float, int]:
    """Seconds and peak RSS (MiB) of a command, measured from a fresh parent."""
    probe = "import resource,subprocess,sys,time;t=time.perf_counter();subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL);print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss//1024)"
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    return float(out[0]), int(out[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--rounds", type=int, default=5, help="turns of bare spaCy, one worker and two workers (the median ratios are reported)")
    parser.add_argument("--slice", type=int, default=25, help="articles per slice on which bare spaCy and one worker take turns")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "throughput.md")
    args = parser.parse_args()
    if not (args.corpus / "bbc_tech.jsonl").exists():
        print(f"The BBC corpus is not at {args.corpus}; give --corpus.", file=sys.stderr)
        return 2
    from graphbuild.extract import story_text
    from graphbuild.graph.model import KnowledgeGraph
    from graphbuild.io.readers import iter_documents
    from graphbuild.nlp.model import load_model
    from graphbuild.pipeline import Extractor, extract

    work = Path(tempfile.mkdtemp(prefix="gb-throughput-"))
    lines = corpus_lines(args.corpus, args.limit)
    one = work / "corpus.jsonl"
    one.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ten = work / "corpus10.jsonl"
    ten.write_text("".join("\n".join(json.dumps({**json.loads(l), "id": f"{json.loads(l)['id']}-{k}"}) for l in lines) + "\n" for k in range(10)), encoding="utf-8")
    texts = [story_text(d) for d in iter_documents([one])]
    words = sum(len(t.split()) for t in texts)
    rows = []

    bare = load_model(None)
    extractor = Extractor().load()  # load outside the timed runs
    # Warm both up on the whole corpus, untimed: the first pass over it runs slower
    # (bare spaCy's most of all), which had flattered the first timed round.
    list(bare.pipe(texts, batch_size=32))
    list(extract([one], extractor=extractor, workers=1))
    # Each round times bare spaCy and one worker over the same slices, then two workers over the
    # whole corpus; each ratio reported is the median of the rounds' ratios. The processor time of
    # this process is given beside the wall clock for one worker (two workers work in child processes).
    slices = []
    for k in range(0, len(lines), args.slice):
        path = work / f"slice{k}.jsonl"
        path.write_text("\n".join(lines[k : k + args.slice]) + "\n", encoding="utf-8")
        slices.append(([story_text(d) for d in iter_documents([path])], path))
    bare_rates, one_rates, two_rates, one_whole_rates, cpu_ratios = [], [], [], [], []
    for _ in range(args.rounds):
        # Bare spaCy and one worker take turns slice by slice (which goes first alternates), so that a
        # slow spell of the machine, which lasts seconds to minutes, falls on both sides alike.
        seconds = {"bare": 0.0, "one": 0.0}
        cpu_seconds = {"bare": 0.0, "one": 0.0}
        records = []
        for n, (slice_texts, slice_path) in enumerate(slices):
            for side in (("bare", "one") if n % 2 == 0 else ("one", "bare")):
                started, cpu = time.perf_counter(), time.process_time()
                if side == "bare":
                    for _ in bare.pipe(slice_texts, batch_size=32):
                        pass
                else:
                    records += extract([slice_path], extractor=extractor, workers=1)
                seconds[side] += time.perf_counter() - started
                cpu_seconds[side] += time.process_time() - cpu
        bare_rates.append(words / seconds["bare"])
        one_rates.append(words / seconds["one"])
        cpu_ratios.append(cpu_seconds["bare"] / cpu_seconds["one"])
        # Two workers are timed on the whole corpus (each run forks its workers once), right beside a
        # whole-corpus run of one worker, in alternating order: the two-worker ratio compares adjacent turns.
        whole = {}
        for workers in ((2, 1) if len(two_rates) % 2 == 0 else (1, 2)):
            started = time.perf_counter()
            list(extract([one], extractor=extractor, workers=workers))
            whole[workers] = words / (time.perf_counter() - started)
        two_rates.append(whole[2])
        one_whole_rates.append(whole[1])
    one_vs_bare = [o / b for o, b in zip(one_rates, bare_rates)]
    two_vs_one = [t / o for t, o in zip(two_rates, one_whole_rates)]
    rates = {1: statistics.median(one_rates), 2: statistics.median(two_rates)}
    rows.append(("bare spaCy nlp.pipe, 1 process", statistics.median(bare_rates), 1.0))
    rows.append(("graphbuild extract, 1 worker", rates[1], statistics.median(one_vs_bare)))
    rows.append(("graphbuild extract, 2 workers", rates[2], statistics.median(t / b for t, b in zip(two_rates, bare_rates))))

    started = time.perf_counter()
    kg = KnowledgeGraph.from_records(records)
    kg.serialize(work / "graph.ttl")
    graph_seconds = time.perf_counter() - started
    extract_seconds = words / rates[1]

    cmd = [sys.executable, "-m", "graphbuild", "-q", "extract", "--workers", "1", "-o", str(work / "x.jsonl")]
    _, mem1 = peak_child(cmd + [str(one)])
    _, mem10 = peak_child(cmd + [str(ten)])

    table = ["| run | words/s | ratio |", "|---|---|---|"]
    table += [f"| {name} | {rate:,.0f} | {ratio:.2f} |" for name, rate, ratio in rows]
    text = (
        f"# Throughput\n\nMeasured by `python bench/throughput.py{' --limit ' + str(args.limit) if args.limit else ''}` in one run: "
        f"{len(texts)} BBC documents, {words:,} words, model {extractor.model_name}, {os.cpu_count()} cores.\n\n"
        + "\n".join(table)
        + f"\n\n{args.rounds} rounds; in each, bare spaCy and one worker take turns on slices of {args.slice} articles, then two workers and one worker take turns on the whole corpus (which goes first alternates); the table gives the median rates and the median ratios to bare spaCy, and the two-worker ratio below compares the adjacent whole-corpus turns.\n\n"
        f"One worker against bare spaCy, round by round: {', '.join(f'{r:.2f}' for r in one_vs_bare)}; "
        f"by processor time: {', '.join(f'{r:.2f}' for r in cpu_ratios)} (median {statistics.median(cpu_ratios):.2f}).\n\n"
        f"Two workers against one (adjacent whole-corpus turns), round by round: {', '.join(f'{r:.2f}' for r in two_vs_one)} (median {statistics.median(two_vs_one):.2f}x).\n\n"
        f"Peak memory of `graphbuild extract` (one worker): {mem1} MiB for the corpus, {mem10} MiB for it repeated ten times ({mem10 / mem1:.2f}x).\n\n"
        f"Graph build and Turtle export of the {len(records)} records: {graph_seconds:.1f} s, {graph_seconds / (graph_seconds + extract_seconds):.1%} of the whole build (extraction with one worker: {extract_seconds:.0f} s).\n"
    )
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
