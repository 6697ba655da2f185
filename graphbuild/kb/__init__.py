"""The entity knowledge base: known names, aliases, types and Wikidata ids."""

from .base import KBEntry, KnowledgeBase, load_kb
from .names import abbreviates, is_acronym, name_key, name_words, not_a_name, organization_key, person_key, preferred_name, slug

__all__ = ["KBEntry", "KnowledgeBase", "abbreviates", "is_acronym", "load_kb", "name_key", "name_words", "not_a_name", "organization_key", "person_key", "preferred_name", "slug"]
