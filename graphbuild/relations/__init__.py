"""Relations: their schema (read from the ontology) and their patterns (data files)."""

from .schema import RelationSpec, load_schema

__all__ = ["RelationSpec", "load_schema"]
