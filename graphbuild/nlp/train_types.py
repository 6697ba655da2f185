"""Train the entity typer on annotated news (needs scikit-learn).

    python -m graphbuild.nlp.train_types --train ../shared/eval/news_train.jsonl --validate ../shared/eval/news_dev.jsonl

Every name the pipeline finds that the knowledge base and graphbuild's own
patterns leave to the model is paired with the annotated entity whose span
it overlaps most, and learns that entity's type.  Names the model tagged that
no annotation covers are left out (the guidelines do not annotate every place
and organization); untagged runs of proper nouns that no annotation covers
learn the class ``None``, so that the typer makes entities only of the runs
that name something.
The validation set reports the model's accuracy beside the rules' on the same
names.  The result is written to ``graphbuild/nlp/models/entity_types.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from .entity_types import MODEL_PATH, NO_ENTITY, type_features

TYPER = "graphbuild_entity_typer"


def labelled_names(path: Path, nlp) -> list[tuple[list[str], str, str]]:
    """(features, gold type, the rules' type) for every model-typed name of the articles in ``path``."""
    from ..evaluate.articles import load_gold
    from .components import ENTITY_TYPES, UNTAGGED

    typer = nlp.get_pipe(TYPER)
    stories = load_gold(path)
    out = []
    with nlp.select_pipes(disable=[TYPER]):
        for story, doc in zip(stories, nlp.pipe((s["text"] for s in stories), batch_size=16)):
            spans = [(tuple(span), e["type"]) for e in story.get("entities", ()) for span in e.get("spans", ())]
            for name, raw_label, rule, _ in typer.candidates(doc):
                if raw_label in ENTITY_TYPES or typer.kb.lookup(name.text) is not None:
                    continue
                overlaps = [(min(name.end_char, b) - max(name.start_char, a), etype) for (a, b), etype in spans if a < name.end_char and name.start_char < b]
                if overlaps:
                    out.append((type_features(name, raw_label, rule), max(overlaps)[1], rule))
                elif raw_label == UNTAGGED:
                    out.append((type_features(name, raw_label, rule), NO_ENTITY, NO_ENTITY))
    return out


def train(train_files: list[Path], validate_files: list[Path], out: Path, c: float, model: str | None) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from .pipeline import load_pipeline

    nlp = load_pipeline(model)
    train_rows = [row for f in train_files for row in labelled_names(f, nlp)]
    validate_rows = [row for f in validate_files for row in labelled_names(f, nlp)]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in feats} for feats, _, _ in train_rows])
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(x, [gold for _, gold, _ in train_rows])
    types = [str(t) for t in clf.classes_]
    coef, intercept = clf.coef_, clf.intercept_
    if len(types) == 2:  # a binary model scores the second class only: the same softmax with the first at zero
        coef, intercept = [[0.0] * coef.shape[1], coef[0]], [0.0, intercept[0]]
    weights: dict[str, dict[str, float]] = {}
    for j, feature in enumerate(vectorizer.get_feature_names_out()):
        row = {t: round(float(coef[k][j]), 4) for k, t in enumerate(types) if abs(coef[k][j]) >= 0.01}
        if row:
            weights[str(feature)] = row
    result = {
        "trained_on": [f.name for f in train_files],
        "validated_on": [f.name for f in validate_files],
        "C": c,
        "types": types,
        "bias": {t: round(float(b), 4) for t, b in zip(types, intercept)},
        "weights": dict(sorted(weights.items())),
    }
    if validate_rows:
        predicted = clf.predict(vectorizer.transform([{f: 1 for f in feats} for feats, _, _ in validate_rows]))
        gold = [g for _, g, _ in validate_rows]
        result["validation"] = {
            "names": len(gold),
            "accuracy": round(sum(p == g for p, g in zip(predicted, gold)) / len(gold), 3),
            "rules_accuracy": round(sum(r == g for (_, g, r) in validate_rows) / len(gold), 3),
            "gold_types": dict(Counter(gold)),
        }
        print(f"{len(train_rows)} training names; validation on {len(gold)} names: accuracy {result['validation']['accuracy']} (rules alone {result['validation']['rules_accuracy']})")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graphbuild.nlp.train_types", description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", nargs="+", type=Path, required=True, help="annotated news articles (graphbuild's article format, with entity spans)")
    parser.add_argument("--validate", nargs="*", type=Path, default=[], help="annotated articles to report accuracy on")
    parser.add_argument("-o", "--output", type=Path, default=MODEL_PATH, help=f"model file (default: {MODEL_PATH})")
    parser.add_argument("-C", type=float, default=1.0, help="inverse L2 regularisation strength (default: 1.0)")
    parser.add_argument("--model", help="spaCy pipeline (default: as for extraction)")
    args = parser.parse_args(argv)
    train(args.train, args.validate, args.output, args.C, args.model)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
