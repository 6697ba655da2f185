"""The in-memory knowledge graph and small pure algorithms over it."""

from .model import KnowledgeGraph

__all__ = ["KnowledgeGraph"]
