"""A learned entity typer: which of graphbuild's types a name in context is.

spaCy's OntoNotes labels do not draw graphbuild's lines: most products in tech
news come out as ORG ('Xbox', 'iTunes'), and ORG does not say whether a name
is a company, a regulator or a newspaper.  This model reads a name with its
context (its words, the word after it, what it depends on, a possessor before
it) and scores the six types.  It is one multinomial linear model, trained by
``python -m graphbuild.nlp.train_types`` on the typed entity spans of
annotated news and shipped as plain weights in ``nlp/models/entity_types.json``,
so running it needs no machine-learning library.  The knowledge base still
decides the type of every name it knows.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span

from ..config import PACKAGE_DIR

MODEL_PATH = PACKAGE_DIR / "nlp" / "models" / "entity_types.json"
#: The model's class for a candidate that names no entity (an untagged capitalised word).
NO_ENTITY = "None"
NOUN_CLASSES_PATH = PACKAGE_DIR / "nlp" / "noun_classes.json"


@lru_cache(maxsize=1)
def noun_classes() -> dict[str, tuple[str, ...]]:
    """Lemma -> the kinds of thing it names beside a name ('processor' -> product), from ``noun_classes.json``."""
    data = json.loads(NOUN_CLASSES_PATH.read_text(encoding="utf-8"))
    classes: dict[str, list[str]] = {}
    for kind, words in data.items():
        if not kind.startswith("_"):
            for word in words:
                classes.setdefault(word, []).append(kind)
    return {w: tuple(k) for w, k in classes.items()}


def _classes(where: str, token) -> list[str]:
    return [f"{where}_class={kind}" for kind in noun_classes().get(token.lemma_.lower(), ())]


def type_features(span: Span, raw_label: str, rule_type: str | None) -> list[str]:
    """String features of a candidate name: its words, shape, neighbours and syntax."""
    doc = span.doc
    first, last, root = span[0], span[-1], span.root
    feats = [f"lab={raw_label}", f"rule={rule_type}", f"n={min(len(span), 4)}", f"first={first.lower_}", f"last={last.lower_}", f"shape={last.shape_[:5]}"]
    feats += [f"w={t.lower_}" for t in span]
    if any(t.like_num or any(c.isdigit() for c in t.text) for t in span):
        feats.append("digit")
    if span.text.isupper():
        feats.append("upper")
    if last.lower_[1:2].isupper() or first.text[:1].islower():
        feats.append("camel")  # 'iPod', 'eBay'
    if span.end < len(doc):
        nxt = doc[span.end]
        feats.append(f"next={nxt.lemma_.lower()}" if not nxt.is_punct or nxt.text in ("(", ",") else f"next={nxt.text}")
        feats += _classes("next", nxt)
        if nxt.tag_ == "POS" and span.end + 1 < len(doc):
            feats.append(f"owns={doc[span.end + 1].lemma_.lower()}")
    if span.start > 0:
        prev = doc[span.start - 1]
        feats.append(f"prev={prev.lower_}")
        feats += _classes("prev", prev)
        if span.start > 1:
            feats.append(f"prev2={doc[span.start - 2].lower_} {prev.lower_}")
            feats += _classes("prev2", doc[span.start - 2])
        if prev.tag_ == "POS":
            feats.append("possessed")  # "Nintendo's DS"
    feats.append(f"dep={root.dep_}")
    # A sentence root is its own head: it gets 'head=ROOT:<its own lemma>', as when the shipped weights were trained.
    feats.append(f"head={root.dep_}:{root.head.lemma_.lower()}")
    if root.dep_ in ("compound", "nmod", "amod"):
        feats.append(f"modifies={root.head.lemma_.lower()}")  # 'the Cell processor'
    feats += _classes(f"head_{root.dep_}", root.head)
    for child in root.children:
        if child.dep_ == "appos" or child.dep_ == "compound" and child.i >= span.end:
            feats.append(f"child={child.dep_}:{child.lemma_.lower()}")
        if child.dep_ in ("appos", "compound", "amod") and not span.start <= child.i < span.end:
            feats += _classes(f"child_{child.dep_}", child)
    return feats


@dataclass(frozen=True)
class TypeModel:
    """Per-type bias and feature weights; ``predict`` gives the type and its probability."""

    types: tuple[str, ...]
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # feature -> type -> weight

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        scores = dict(self.bias)
        for f in set(feats):
            for etype, w in self.weights.get(f, {}).items():
                scores[etype] += w
        top = max(scores.values())
        exp = {t: math.exp(s - top) for t, s in scores.items()}
        total = sum(exp.values())
        return {t: v / total for t, v in exp.items()}

    def predict(self, feats: list[str]) -> tuple[str, float]:
        probs = self.probabilities(feats)
        best = max(probs, key=probs.__getitem__)
        return best, probs[best]

    def to_dict(self) -> dict:
        return {"types": list(self.types), "bias": self.bias, "weights": self.weights}


@lru_cache(maxsize=2)
def load_type_model(path: Path = MODEL_PATH) -> TypeModel | None:
    """The bundled model, or None when there is none (the rules alone then type names)."""
    if not path.exists():
        return None
    from ..errors import PatternError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        types = tuple(data["types"])
        return TypeModel(types, {t: float(data["bias"][t]) for t in types}, {f: {t: float(w) for t, w in ws.items()} for f, ws in data["weights"].items()})
    except (KeyError, TypeError, ValueError) as exc:
        raise PatternError(f"{path}: not a graphbuild entity type model ({exc}). Retrain it with 'python -m graphbuild.nlp.train_types'.") from None
