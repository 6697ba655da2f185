"""Loading speed and memory: graphbuild load --endpoint / --store against the stores' bulk loaders.

    python bench/store_load.py [--triples 1000000] [--out bench/results/store_load.md]

Generates a synthetic graph in graphbuild's model (entities, plain facts,
statement and evidence nodes) as N-Triples, then in one run measures triples
per second for `oxigraph load` (the reference), `graphbuild load --store` and
`graphbuild load --endpoint` into a fresh `oxigraph serve`, and each one's
peak resident memory; then, when Debian's virtuoso-opensource is installed,
`graphbuild load --endpoint` into a fresh Virtuoso against Virtuoso's own bulk
loader (`ld_dir` + `rdf_loader_run()`), with the server's peak memory; then a
two-hop SPARQL query over a plain file (rdflib) and over the store.  Targets
(issues 6 and 16): HTTP load >= 0.5x the bulk loader (Oxigraph and Virtuoso),
embedded load >= 0.8x, peak memory of `graphbuild load` independent of file size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

TK = "https://w3id.org/graphbuild/techkg#"
ID = "https://w3id.org/graphbuild/id/"
RELATIONS = ["ceoOf", "founderOf", "partnersWith", "competesWith", "acquired", "makesProduct", "bannedBy", "subsidiaryOf"]


def synthetic(path: Path, triples: int) -> int:
    """About ``triples`` triples: each fact is 1 plain triple + 7 statement triples + 8 evidence triples."""
    written = 0
    n = 0
    with path.open("w", encoding="utf-8") as out:
        while written < triples:
            s, o, r = f"{ID}e{n % 50000}", f"{ID}e{(n * 7919 + 13) % 50000}", RELATIONS[n % len(RELATIONS)]
            st, ev, doc = f"https://w3id.org/graphbuild/statement/{n}", f"https://w3id.org/graphbuild/evidence/{n}", f"https://w3id.org/graphbuild/doc/d{n % 20000}"
            lines = [
                f"<{s}> <{TK}{r}> <{o}> .",
                f"<{st}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{TK}Statement> .",
                f"<{st}> <{TK}subject> <{s}> .",
                f"<{st}> <{TK}predicate> <{TK}{r}> .",
                f"<{st}> <{TK}object> <{o}> .",
                f"<{st}> <{TK}status> <{TK}asserted> .",
                f'<{st}> <{TK}confidence> "0.{n % 97 + 2}"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
                f"<{st}> <{TK}evidence> <{ev}> .",
                f"<{ev}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{TK}Evidence> .",
                f'<{ev}> <{TK}sentence> "Sentence {n} says that e{n % 50000} {r} e{(n * 7919 + 13) % 50000}." .',
                f'<{ev}> <{TK}start> "{n}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                f'<{ev}> <{TK}end> "{n + 60}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                f'<{ev}> <{TK}subjectText> "e{n % 50000}" .',
                f'<{ev}> <{TK}objectText> "e{(n * 7919 + 13) % 50000}" .',
                f'<{ev}> <{TK}method> "bench" .',
                f"<{ev}> <http://www.w3.org/ns/prov#wasDerivedFrom> <{doc}> .",
            ]
            out.write("\n".join(lines) + "\n")
            written += len(lines)
            n += 1
    return written


def _server_peak_mib(pid: int) -> int:
    """Peak resident memory of a running process (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


def virtuoso_section(data: Path, total: int, gb: list[str], run_child, work: Path) -> str:
    """graphbuild load --endpoint into Virtuoso against its bulk loader, each into a fresh server and named graph."""
    from servers import VirtuosoServer

    graph = "https://example.org/graphs/bench"
    count = f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }};"
    server = VirtuosoServer(work / "virtuoso-bulk")
    try:
        shutil.copy(data, server.location / data.name)  # the bulk loader reads files from its DirsAllowed only
        started = time.perf_counter()
        server.sql(f"ld_dir('{server.location}', '{data.name}', '{graph}');", "rdf_loader_run();")
        bulk_seconds = time.perf_counter() - started
        bulk_count = int(server.sql(count).split()[1])
        bulk_memory = _server_peak_mib(server.process.pid)
    finally:
        server.stop()
    server = VirtuosoServer(work / "virtuoso-http")
    try:
        http_seconds, client_memory = run_child(gb + [str(data), "--endpoint", f"{server.url}/sparql-graph-crud", "--graph", graph])
        http_count = int(server.sql(count).split()[1])
        http_memory = _server_peak_mib(server.process.pid)
        sequential = VirtuosoServer(work / "virtuoso-http-1")
    finally:
        server.stop()
    try:
        one_seconds, _ = run_child(gb + [str(data), "--endpoint", f"{sequential.url}/sparql-graph-crud", "--graph", graph, "--parallel", "1"])
    finally:
        sequential.stop()
    rows = [
        "| loader into Virtuoso 7 (named graph) | seconds | triples/s | ratio to its bulk loader | distinct triples stored | peak RSS (MiB) |",
        "|---|---|---|---|---|---|",
        f"| ld_dir + rdf_loader_run() (bulk loader) | {bulk_seconds:.1f} | {total / bulk_seconds:,.0f} | 1.00 | {bulk_count:,} | server {bulk_memory} |",
        f"| graphbuild load --endpoint .../sparql-graph-crud (default: 2 batches in flight) | {http_seconds:.1f} | {total / http_seconds:,.0f} | {bulk_seconds / http_seconds:.2f} | {http_count:,} | graphbuild {client_memory}, server {http_memory} |",
        f"| graphbuild load --endpoint ... --parallel 1 | {one_seconds:.1f} | {total / one_seconds:,.0f} | {bulk_seconds / one_seconds:.2f} | | |",
    ]
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "store_load.md")
    args = parser.parse_args()
    from servers import OxigraphServer

    work = Path(tempfile.mkdtemp(prefix="gb-bench-"))
    try:
        data = work / "graph.nt"
        small = work / "small.nt"
        total = synthetic(data, args.triples)
        synthetic(small, args.triples // 4)
        gb = [sys.executable, "-m", "graphbuild", "-q", "load"]
        results = {}
        # Peak memory per run: each command runs in a fresh child of a fresh process, so measure in subprocesses.
        def run_child(cmd):
            probe = [sys.executable, "-c", "import resource,subprocess,sys,time;t=time.perf_counter();subprocess.run(sys.argv[1:],check=True,stdout=subprocess.DEVNULL);print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss//1024)", *cmd]
            out = subprocess.run(probe, check=True, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
            return float(out[0]), int(out[1])

        results["oxigraph load (bulk loader)"] = run_child([shutil.which("oxigraph"), "load", "--location", str(work / "bulk"), "--file", str(data)])
        results["graphbuild load --store"] = run_child(gb + [str(data), "--store", str(work / "embedded")])
        server = OxigraphServer(work / "served")
        try:
            results["graphbuild load --endpoint (default: Oxigraph detected, its no-transaction POSTs)"] = run_child(gb + [str(data), "--endpoint", f"{server.url}/store"])
            small_server_run = run_child(gb + [str(small), "--endpoint", f"{server.url}/store", "--graph", "https://example.org/small"])
        finally:
            server.stop()
        server = OxigraphServer(work / "served-plain")  # a fresh, empty server, like the others get
        try:
            results["graphbuild load --endpoint --transaction (plain transactional POSTs)"] = run_child(gb + [str(data), "--endpoint", f"{server.url}/store", "--transaction"])
        finally:
            server.stop()
        small_store_run = run_child(gb + [str(small), "--store", str(work / "embedded-small")])
        bulk_rate = total / results["oxigraph load (bulk loader)"][0]
        rows = ["| loader | seconds | triples/s | ratio to bulk loader | peak RSS (MiB) |", "|---|---|---|---|---|"]
        for name, (seconds, rss) in results.items():
            rows.append(f"| {name} | {seconds:.1f} | {total / seconds:,.0f} | {total / seconds / bulk_rate:.2f} | {rss} |")
        memory = (
            f"Peak memory of `graphbuild load` for {args.triples // 4:,} vs {total:,} triples: "
            f"--store {small_store_run[1]} vs {results['graphbuild load --store'][1]} MiB; "
            f"--endpoint {small_server_run[1]} vs {results['graphbuild load --endpoint (default: Oxigraph detected, its no-transaction POSTs)'][1]} MiB."
        )
        virtuoso = virtuoso_section(data, total, gb, run_child, work) if shutil.which("virtuoso-t") else "Virtuoso: not installed (apt-get install virtuoso-opensource), not measured."
        # A two-hop query: rdflib over a file against the embedded store, on the small file.
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?st <{TK}subject> ?s . ?s <{TK}ceoOf> ?o . ?o ?p ?x }}"
        from rdflib import Graph

        from graphbuild.store.embedded import EmbeddedStore

        t = time.perf_counter()
        g = Graph().parse(small, format="nt")
        rdflib_load = time.perf_counter() - t
        t = time.perf_counter()
        rdflib_answer = list(g.query(query))[0][0]
        rdflib_query = time.perf_counter() - t
        store = EmbeddedStore(work / "embedded-small")
        t = time.perf_counter()
        _, store_rows = store.query(query)
        store_query = time.perf_counter() - t
        compare = (
            f"Two-hop query over {args.triples // 4:,} triples: rdflib parses the file in {rdflib_load:.1f} s and answers in {rdflib_query:.2f} s "
            f"({rdflib_answer}); the embedded store answers in {store_query:.3f} s ({store_rows[0][0]})."
        )
        text = (
            "# Store loading\n\nMeasured by `python bench/store_load.py --triples "
            f"{args.triples}` ({total:,} triples of synthetic statements in graphbuild's model) in one run.\n\n"
            + "\n".join(rows) + f"\n\n{memory}\n\n{virtuoso}\n\n{compare}\n"
        )
        print(text)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
