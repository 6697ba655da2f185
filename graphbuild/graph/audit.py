"""Entity problems a reader of a built graph notices first, counted.

Three checks, each a list a person can read: entities whose name is an amount,
a descriptor glued to a name or a prefixed word ('745bn', 'firm Aggregate
Industries', 'non-EU'); labels held by more than one entity of the same type;
and persons known only as a title and surname ('Ms Cooper') while a person
with that surname is in the graph under a full name.  ``bench/quality.py``
reports them for the BBC corpus build.
"""

from __future__ import annotations

from collections import defaultdict

from ..kb import name_words, not_a_name, person_key
from .model import KnowledgeGraph


def looks_wrong(label: str) -> str | None:
    """Why a name is not an entity's name ('amount', 'descriptor', 'prefix'), or None.

    >>> looks_wrong("$377bn"), looks_wrong("firm Aggregate Industries"), looks_wrong("non-EU"), looks_wrong("iPod")
    ('amount', 'descriptor', 'prefix', None)
    """
    text = label.strip()
    reason = not_a_name(text)
    if reason:
        return reason
    first = text.split()[0] if text.split() else ""
    if len(text.split()) > 1 and first.isalpha() and first.islower() and first not in name_words("name_particles"):
        return "descriptor"  # names start with a capital; 'iPod' and 'eBay' are one word
    return None


def wrong_names(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """Entity labels that are amounts, glued descriptors or prefixed words, by reason."""
    found: dict[str, list[str]] = defaultdict(list)
    for _, data in kg.graph.nodes(data=True):
        reason = looks_wrong(data["label"])
        if reason:
            found[reason].append(data["label"])
    return {k: sorted(v) for k, v in sorted(found.items())}


def shared_labels(kg: KnowledgeGraph) -> dict[tuple[str, str], list[str]]:
    """(label, type) held by more than one node, with the nodes' keys."""
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, data in kg.graph.nodes(data=True):
        holders[(data["label"].lower(), data["type"])].append(key)
    return {k: sorted(v) for k, v in sorted(holders.items()) if len(v) > 1}


def bare_titled_persons(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """Persons named by a title and surname alone, with the full-named persons of that surname."""
    titles = name_words("person_titles")
    full: dict[str, list[str]] = defaultdict(list)
    bare: list[tuple[str, str]] = []
    for key, data in kg.graph.nodes(data=True):
        if data["type"] != "Person":
            continue
        words = data["label"].replace(".", "").split()
        if len(words) == 2 and words[0].lower() in titles:
            bare.append((data["label"], words[1].lower()))
        elif len(person_key(data["label"]).split()) > 1:
            full[person_key(data["label"]).split()[-1]].append(data["label"])
    return {label: sorted(full[surname]) for label, surname in sorted(bare) if surname in full}
