"""Load the bundled knowledge base and any user files, and look names up in it.

The knowledge base lists entities, never relations: it helps recognise names
the statistical model misses, merge aliases and link to Wikidata, but every
fact in the graph still comes from the text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..config import PACKAGE_DIR
from ..errors import PatternError
from .names import name_key, name_words, organization_key

BUNDLED_KB = PACKAGE_DIR / "kb" / "entities.jsonl"
ENTITY_TYPES = ("Company", "Organization", "GovernmentBody", "Person", "Product", "Place")


@dataclass(frozen=True)
class KBEntry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    subtype: str | None = None
    demonyms: tuple[str, ...] = ()
    brand: bool = False
    line: bool = False
    standalone: bool = True
    maker: str | None = None  # the id of the organization that makes this product or line

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class KnowledgeBase:
    entries: dict[str, KBEntry] = field(default_factory=dict)
    by_key: dict[str, KBEntry] = field(default_factory=dict)
    by_demonym: dict[str, KBEntry] = field(default_factory=dict)

    def add(self, entry: KBEntry) -> None:
        """Add or replace an entry; a later file's entry wins over the bundled one."""
        self.entries[entry.id] = entry
        for name in entry.names:
            self.by_key[name_key(name)] = entry
        for demonym in entry.demonyms:
            self.by_demonym[demonym.lower()] = entry

    def lookup(self, text: str) -> KBEntry | None:
        key = name_key(text)
        entry = self.by_key.get(key)
        if entry is None or not entry.standalone:
            return None
        if _ends_in_group_suffix(text) and key != name_key(entry.name) and _plain(text) not in {_plain(n) for n in entry.names}:
            return None  # 'Meta Group' (an analyst firm) only shares the alias 'Meta' once 'Group' is dropped
        return entry

    def organization_key(self, text: str) -> str:
        """:func:`organization_key`, keeping the descriptor when dropping it leaves the name of a known non-organization.

        'Japan Airlines' without 'Airlines' would be Japan.
        """
        key = organization_key(text)
        known = self.lookup(key)
        return name_key(text) if known is not None and known.type not in ("Company", "Organization", "GovernmentBody") else key

    def made_as(self, text: str) -> KBEntry | None:
        """The known product ``text`` names, or the product line its first words name ('Windows XP'), when it has a maker."""
        words = text.split()
        for k in range(len(words), 0, -1):
            entry = self.by_key.get(name_key(" ".join(words[:k])))
            if entry is not None and entry.type == "Product" and (k == len(words) or entry.line):
                return entry if entry.maker is not None else None
        return None

    def names_another(self, text: str, next_word: str) -> bool:
        """Whether a group suffix after a known name makes another organization's name ('Meta' + 'Group')."""
        return next_word[:1].isupper() and next_word.lower().rstrip(".") in name_words("group_suffixes") and self.lookup(f"{text} {next_word}") is None

    def place_of_demonym(self, word: str) -> KBEntry | None:
        return self.by_demonym.get(word.lower())

    def __len__(self) -> int:
        return len(self.entries)


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _ends_in_group_suffix(text: str) -> bool:
    words = text.split()
    return len(words) > 1 and words[-1].lower().rstrip(".") in name_words("group_suffixes")


def _entry(data: dict, where: str) -> KBEntry:
    try:
        entry = KBEntry(
            id=str(data["id"]),
            name=str(data["name"]),
            type=str(data["type"]),
            aliases=tuple(str(a) for a in data.get("aliases", ())),
            qid=data.get("qid"),
            subtype=data.get("subtype"),
            demonyms=tuple(data.get("demonyms", ())),
            brand=bool(data.get("brand", False)),
            line=bool(data.get("line", False)),
            standalone=bool(data.get("standalone", True)),
            maker=data.get("maker"),
        )
    except KeyError as exc:
        raise PatternError(f"{where}: knowledge-base entry lacks the field {exc}; each needs id, name and type.") from None
    if entry.type not in ENTITY_TYPES:
        raise PatternError(f"{where}: unknown type '{entry.type}'. Available: {', '.join(ENTITY_TYPES)}.")
    if entry.subtype is not None:
        from ..relations.schema import entity_subtypes, fitting_subtype

        if fitting_subtype(entry.subtype, entry.type) is None:
            fitting = sorted(s for s, t in entity_subtypes().items() if t == entry.type)
            raise PatternError(f"{where}: '{entry.subtype}' is not a subtype of {entry.type} in the ontology. Available: {', '.join(fitting) or 'none'}.")
    if entry.maker is not None and entry.type != "Product":
        raise PatternError(f"{where}: only a Product has a 'maker'; '{entry.id}' is a {entry.type}.")
    if entry.qid is not None and not (str(entry.qid).startswith("Q") and str(entry.qid)[1:].isdigit()):
        raise PatternError(f"{where}: '{entry.qid}' is not a Wikidata item id (Q followed by digits).")
    return entry


def _read(path: Path) -> Iterable[tuple[KBEntry, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(f"{path}: cannot read the knowledge base ({exc.strerror or exc}).") from None
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path}:{lineno}: not valid JSON ({exc.msg}).") from None
        yield _entry(data, f"{path}:{lineno}"), f"{path}:{lineno}"


def load_kb(extra: Iterable[str | Path] = (), *, bundled: bool = True) -> KnowledgeBase:
    """The bundled knowledge base, extended (and overridden by id) by the user's JSONL files.

    Read once per set of files and modification times: the gazetteer, the entity
    typer and the extractor share it.  Treat it as read-only.
    """
    paths = tuple(([BUNDLED_KB] if bundled else []) + [Path(p) for p in extra])
    stamps = tuple(p.stat().st_mtime_ns if p.exists() else None for p in paths)
    return _load(paths, stamps)


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...], stamps: tuple) -> KnowledgeBase:
    kb = KnowledgeBase()
    makers = []
    for path in paths:
        for entry, where in _read(path):
            kb.add(entry)
            if entry.maker is not None:
                makers.append((entry.maker, where))
    for maker, where in makers:  # checked once every file is read: a maker may come from a later file
        found = kb.entries.get(maker)
        if found is None or found.type not in ("Company", "Organization"):
            what = "no entry" if found is None else f"a {found.type}"
            raise PatternError(f"{where}: the maker '{maker}' is {what}; 'maker' takes the id of a Company or Organization entry.")
    return kb
