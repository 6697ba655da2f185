"""The entity knowledge base: known names, aliases, types and Wikidata ids."""

from .base import KBEntry, KnowledgeBase, load_kb
from .names import name_key, name_words, organization_key, person_key, slug

__all__ = ["KBEntry", "KnowledgeBase", "load_kb", "name_key", "name_words", "organization_key", "person_key", "slug"]
