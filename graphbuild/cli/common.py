"""Options and helpers shared by several commands, declared once."""

from __future__ import annotations

import argparse
import logging
import sys

from ..config import MODEL_PREFERENCE


def add_nlp_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        metavar="NAME_OR_PATH",
        help=f"spaCy pipeline to use (default: the first installed of {', '.join(MODEL_PREFERENCE)})",
    )
    parser.add_argument(
        "--kb",
        metavar="FILE",
        action="append",
        default=[],
        help="extra knowledge-base JSONL file (entities with aliases, types and Wikidata ids); repeatable",
    )
    parser.add_argument(
        "--relation-model",
        metavar="FILE",
        help="relation classifier written by 'python -m graphbuild.relations.train' (default: the bundled one)",
    )


def add_output_format_option(parser: argparse.ArgumentParser) -> None:
    from ..query.sparql import OUTPUT_FORMATS

    parser.add_argument("--format", "-f", dest="output_format", choices=OUTPUT_FORMATS, default="table", help="result format (default: table)")


def setup_logging(quiet: bool, verbose: bool) -> None:
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s" if not verbose else "%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("graphbuild")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def echo(message: str = "") -> None:
    print(message, flush=True)



ON_ERROR_CHOICES = ("fail", "skip")


def add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--non-english",
        choices=("skip", "process"),
        default="skip",
        help="documents that are not in English: 'skip' them with a warning (default), or 'process' them anyway",
    )


def english_filter(mode: str):
    """A skip rule for the pipeline that drops non-English documents (with a warning), or None."""
    if mode == "process":
        return None
    from ..io.language import looks_english

    def skip(document, text: str) -> bool:
        if looks_english(text):
            return False
        logging.getLogger("graphbuild").warning("%s: does not look like English; skipped (use --non-english process to keep it)", document.id)
        return True

    return skip


def add_on_error_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on-error",
        choices=ON_ERROR_CHOICES,
        default="fail",
        help="a bad file or line: 'fail' (default) processes every good document, lists the failures and exits with status 1; "
        "'skip' lists them as warnings and exits 0",
    )


class InputFailures:
    """Collects bad inputs during a run and reports them at the end."""

    def __init__(self, mode: str):
        self.mode = mode
        self.errors: list[str] = []

    def __call__(self, error: Exception) -> None:
        self.errors.append(str(error))
        logging.getLogger("graphbuild").debug("skipped: %s", error)

    def finish(self) -> int:
        """Print the list; the exit status the run should end with."""
        if not self.errors:
            return 0
        print(f"{len(self.errors)} input(s) could not be read:", file=sys.stderr)
        for error in self.errors:
            print(f"  {error}", file=sys.stderr)
        if self.mode == "skip":
            return 0
        print("Every document that could be read was processed and written. Add --on-error skip to accept these failures (exit status 0).", file=sys.stderr)
        return 1


def add_graph_source(parser: argparse.ArgumentParser, what: str) -> None:
    """GRAPH (an RDF file) or --store PATH: where a command reads a graph from."""
    parser.add_argument("graph", metavar="GRAPH", nargs="?", help="an RDF file graphbuild wrote (.ttl, .nt, .nq, .trig, .jsonld, .rdf), or use --store")
    parser.add_argument("--store", metavar="PATH", help=f"{what} what the embedded store in this folder holds")


def read_graph_source(args: argparse.Namespace):
    """The KnowledgeGraph named by GRAPH or --store."""
    from ..errors import UsageError
    from ..query.sparql import load_rdf
    from ..rdf.mapping import from_rdf

    if (args.graph is None) == (args.store is None):
        raise UsageError("give either GRAPH (an RDF file) or --store PATH.")
    if args.store:
        from ..store.embedded import EmbeddedStore

        return from_rdf(EmbeddedStore(args.store).to_rdflib())
    return from_rdf(load_rdf(args.graph))


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """How a long extraction runs: worker processes."""
    from ..executors.local import default_workers

    parser.add_argument("--workers", type=int, default=default_workers(), help=f"worker processes for extraction (default: the number of cores, here {default_workers()})")
    parser.add_argument("--executor", choices=("local", "dask"), default="local", help="where extraction runs: local worker processes (default) or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --executor dask)")


def scheduler_of(args: argparse.Namespace) -> str | None:
    """The Dask scheduler address when --executor dask, checked."""
    from ..errors import UsageError

    if args.executor == "dask":
        if not args.scheduler:
            raise UsageError("--executor dask needs --scheduler ADDRESS (the tcp:// address dask-scheduler prints).")
        return args.scheduler
    if args.scheduler:
        raise UsageError("--scheduler goes with --executor dask.")
    return None


def make_progress(args: argparse.Namespace, inputs):
    """A progress bar on a terminal, log lines otherwise, nothing with --quiet."""
    from ..progress import Progress, count_documents

    return Progress(total=count_documents(inputs), quiet=args.quiet)
