"""Assemble the spaCy pipeline graphbuild runs: the trained model plus our components."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .model import load_model


def load_pipeline(model: str | None = None, kb_paths: Sequence[str] = (), use_bundled_kb: bool = True) -> Language:
    """The trained pipeline with graphbuild's components added in their places."""
    nlp = load_model(model)
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        from ..errors import ModelError

        raise ModelError(
            f"The spaCy model '{nlp.meta.get('name')}' lacks a named-entity recogniser or a dependency parser; "
            "graphbuild needs both (use an en_core_web_* pipeline)."
        )
    kb_config = {"kb_paths": [str(p) for p in kb_paths], "use_bundled": use_bundled_kb}
    components.add_tokenizer_exceptions(nlp)
    nlp.add_pipe("graphbuild_segment_boundaries", first=True)
    nlp.add_pipe("graphbuild_gazetteer", before="ner", config=kb_config)
    nlp.add_pipe("graphbuild_entity_typer", after="ner", config=kb_config)
    return nlp
