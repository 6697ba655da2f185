"""A trained relation classifier over candidate pairs, as a registered data file.

The weights live in ``relations/models/pairs.json`` (one logistic model per
relation: bias, weights of string features, decision threshold), trained by
``python -m graphbuild.relations.train`` on KnowledgeNet folds 1-2 and
validated on fold 3.  Inference is plain Python: no machine-learning library
at run time.  Rules and the classifier work together: the matcher keeps, for
each fact in a sentence, the most confident of both.
"""

from __future__ import annotations

import json
import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..config import PACKAGE_DIR
from ..errors import InputError, PatternError
from ..nlp.coref import Coref
from ..nlp.mentions import DocEntities
from .modality import confidence_factor, is_conditional, status_of
from .pairs import candidate_pairs, date_mentions, dependency_path, features, sentence_arguments, sentence_features
from .schema import RelationSpec, load_schema

MODEL_PATH = PACKAGE_DIR / "relations" / "models" / "pairs.json"


#: A prediction needs a word feature (on the path or between the arguments) that the
#: model learned as evidence for the relation: nearness of two typed names alone is not enough.
CUE_PREFIXES = ("L=", "B=", "top=", "BS=", "topc=")
CUE_MIN_WEIGHT = 0.15


def _content_word(feature: str) -> bool:
    """'L=headquarter' is a cue; 'L=in' and 'B=the' are not."""
    words = feature.split("=", 1)[1].split(":")[-1].split()
    return any(w.isalpha() and len(w) > 2 and w not in STOP_WORDS for w in words)


@dataclass(frozen=True)
class RelationModel:
    relation: str
    bias: float
    threshold: float
    weights: dict[str, float]

    def has_cue(self, feats: list[str]) -> bool:
        return any(f.startswith(CUE_PREFIXES) and self.weights.get(f, 0.0) >= CUE_MIN_WEIGHT and _content_word(f) for f in feats)

    def probability(self, feats: AbstractSet[str], context: float = 0.0) -> float:
        """P(relation) of a pair, from its set of features (a feature counts once however often it fires);
        ``context`` is :meth:`score` of its sentence's features, summed once per sentence."""
        score = self.bias + context + self.score(feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def score(self, feats: AbstractSet[str]) -> float:
        # Most features of a pair carry no weight for a relation: intersect first (in C), then add.
        weights = self.weights
        return sum(weights[f] for f in weights.keys() & feats)


def model_path(relation_model: str | Path | None = None) -> Path:
    """The classifier file to use: the user's (which must exist) or the bundled one."""
    if relation_model is None:
        return MODEL_PATH
    path = Path(relation_model)
    if not path.is_file():
        raise InputError(f"{path}: no such relation model file. Train one with 'python -m graphbuild.relations.train -o {path}'.")
    return path


@lru_cache(maxsize=2)
def load_models(path: Path = MODEL_PATH) -> tuple[RelationModel, ...]:
    if not path.exists():
        return ()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(
            RelationModel(name, float(m["bias"]), float(m["threshold"]), {k: float(v) for k, v in m["weights"].items()})
            for name, m in sorted(data["relations"].items())
        )
    except (KeyError, ValueError, json.JSONDecodeError) as exc:
        raise PatternError(f"{path}: not a graphbuild relation model ({exc}). Retrain it with 'python -m graphbuild.relations.train'.") from None


def _accepts(spec: RelationSpec, a: str, b: str) -> bool:
    if spec.datatype:
        return a in spec.domain and b == "Date"
    return spec.accepts(a, b)


def _other_subject_between(path, a, b, entities: DocEntities) -> bool:
    """'Apple is based in Cupertino, while Samsung is in Seoul': Seoul is Samsung's, not Apple's.

    The path from one argument to the other runs through a clause whose subject
    is a third entity of the same kind as one of them.
    """
    steps, top = path
    kinds = {a.type, b.type}
    on_path = {t.i for t, _ in steps} | {top.i}
    for i in on_path:
        for child in entities.doc[i].children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i not in on_path and (m := entities.at(child)) is not None:
                # A name on the path itself is an argument's own head ('X (born Y) was...'), not a third party.
                if m.key not in (a.key, b.key) and m.type in kinds:
                    return True
    return False


def classify(doc: Doc, entities: DocEntities, models: tuple[RelationModel, ...] | None = None) -> list:
    """Matches the trained models find, above each model's threshold."""
    from .matcher import Match

    models = load_models() if models is None else models
    if not models:
        return []
    schema = load_schema()
    coref = Coref(entities)
    dates = date_mentions(doc)
    accepting: dict[tuple[str, str], list[RelationModel]] = {}  # the models that take a pair of these kinds
    found = []
    for sent in doc.sents:
        args = sentence_arguments(sent, entities, coref, dates)
        context: dict[str, float] = {}
        sentence_feats: frozenset[str] | None = None
        for a, b in candidate_pairs(sent, args):
            feats = None
            kinds = (a.type, b.type)
            if kinds not in accepting:
                accepting[kinds] = [m for m in models if (spec := schema.get(m.relation)) is not None and _accepts(spec, *kinds)]
            for model in accepting[kinds]:
                if feats is None:
                    feats = features(doc, a, b)
                    feat_set = set(feats)
                if model.relation not in context:
                    sentence_feats = sentence_feats if sentence_feats is not None else frozenset(sentence_features(sent))
                    context[model.relation] = model.score(sentence_feats)
                p = model.probability(feat_set, context[model.relation])
                if p < model.threshold or not model.has_cue(feats):
                    continue
                path = dependency_path(doc[a.root], doc[b.root])
                if path is not None and _other_subject_between(path, a, b, entities):
                    continue
                anchor = path[1] if path is not None else doc[a.root]
                if is_conditional(anchor, [t for t, _ in path[0]] if path is not None else []):
                    continue
                status = status_of(anchor, entities.text[sent.start_char : sent.end_char])
                found.append(Match(model.relation, a, b, sent, f"{model.relation}.classifier", status, p * confidence_factor(status)))
    return _one_direction(found, schema)


def _one_direction(found: list, schema) -> list:
    """A sentence says 'A acquired B' or 'B acquired A', not both: keep the likelier reading of a pair."""
    best: dict[tuple, object] = {}
    for match in found:
        key = (match.sentence.start, match.predicate, frozenset((match.subject.key, match.object.key)))
        kept = best.get(key)
        if kept is None or not schema[match.predicate].symmetric and match.confidence > kept.confidence:
            best[key] = match
    return list(best.values())
