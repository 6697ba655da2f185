"""spaCy model resolution, our registered components, and pipeline assembly."""

from .pipeline import load_pipeline
from .model import resolve_model_name

__all__ = ["load_pipeline", "resolve_model_name"]
