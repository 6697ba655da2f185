"""spaCy model resolution, our registered components, and pipeline assembly."""

from .pipeline import load_pipeline
from .model import model_meta, resolve_model_name

__all__ = ["load_pipeline", "model_meta", "resolve_model_name"]
