"""Training the relation classifier: a model file the extractor and the evaluate command use."""

import json

from conftest import DATA, run_cli


def test_train_writes_a_model_that_evaluate_uses(tmp_path):
    lines = (DATA / "knowledgenet_sample.jsonl").read_text(encoding="utf-8").splitlines()
    train, validate = tmp_path / "train.jsonl", tmp_path / "validate.jsonl"
    train.write_text("\n".join(lines[:35]) + "\n", encoding="utf-8")
    validate.write_text("\n".join(lines[35:]) + "\n", encoding="utf-8")
    model = tmp_path / "model.json"

    from graphbuild.relations.train import main

    assert main(["--train", str(train), "--validate", str(validate), "-o", str(model)]) == 0
    data = json.loads(model.read_text(encoding="utf-8"))
    assert data["trained_on"] == ["train.jsonl"] and data["relations"]
    for relation in data["relations"].values():
        assert relation["weights"] and 0 < relation["threshold"] < 1 and relation["train_positives"] >= 5

    result = run_cli("evaluate", str(validate), "--relation-model", str(model))
    assert result.returncode == 0, result.stderr
    assert "micro" in result.stdout


def test_evaluate_names_a_missing_relation_model(tmp_path):
    result = run_cli("evaluate", str(DATA / "seed_gold.json"), "--relation-model", str(tmp_path / "none.json"))
    assert result.returncode == 1
    assert "none.json: no such relation model file" in result.stderr and "Traceback" not in result.stderr


def _articles(tmp_path):
    """Two short articles in graphbuild's article format, written for this test, with entity spans."""
    import re

    texts = [
        ("a1", "Phone news\n\nApple makes the iPhone. The iPhone sells well, Apple said. Jane Doe, an analyst at Gartner, praised it.",
         [("Apple", "Company"), ("iPhone", "Product"), ("Jane Doe", "Person"), ("Gartner", "Company")],
         [("Apple", "makesProduct", "iPhone", "Apple makes the iPhone."),
          ("Jane Doe", "employeeOf", "Gartner", "Jane Doe, an analyst at Gartner, praised it.")]),
        ("a2", "Handset news\n\nSamsung makes the Galaxy phones. Bill Lumbergh, a spokesman for Samsung, confirmed it.",
         [("Samsung", "Company"), ("Galaxy", "Product"), ("Bill Lumbergh", "Person")],
         [("Samsung", "makesProduct", "Galaxy", "Samsung makes the Galaxy phones."),
          ("Bill Lumbergh", "employeeOf", "Samsung", "Bill Lumbergh, a spokesman for Samsung, confirmed it.")]),
    ]
    path = tmp_path / "articles.jsonl"
    lines = []
    for doc_id, text, entities, relations in texts:
        ents = [{"name": n, "type": t, "mentions": [n], "spans": [[m.start(), m.end()] for m in re.finditer(re.escape(n), text)]} for n, t in entities]
        rels = [{"subject": s, "relation": r, "object": o, "evidence": e} for s, r, o, e in relations]
        lines.append(json.dumps({"id": doc_id, "text": text, "entities": ents, "relations": rels}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_news_articles_label_pairs_by_entity_in_the_evidence_sentence(tmp_path, extractor):
    from graphbuild.relations.train import examples

    out = examples([_articles(tmp_path)], extractor)
    made = out["makesProduct"]
    assert sum(label for _, label in made) >= 2  # 'makes' in each article's evidence sentence
    # 'The iPhone sells well, Apple said' pairs the same two entities outside the evidence
    # sentence: left out, so no pair with the word 'sell' on it is a counter-example.
    assert not [feats for feats, label in made if label == 0 and "S=sell" in feats]
    assert any(label == 1 for _, label in out["employeeOf"])


def test_the_entity_typer_trains_on_annotated_spans(tmp_path):
    from graphbuild.nlp.entity_types import load_type_model
    from graphbuild.nlp.train_types import main

    model = tmp_path / "types.json"
    assert main(["--train", str(_articles(tmp_path)), "-o", str(model)]) == 0
    data = json.loads(model.read_text(encoding="utf-8"))
    assert len(data["types"]) >= 2 and data["weights"]
    typer = load_type_model(model)
    assert abs(sum(typer.probabilities(["lab=ORG", "w=gartner"]).values()) - 1.0) < 1e-9


def test_a_threshold_needs_more_than_one_correct_validation_pair():
    from graphbuild.relations.train import MIN_VALIDATION_HITS, _threshold

    assert MIN_VALIDATION_HITS == 2
    # One sure positive, then noise: a precision of 1/1 is no evidence, so no threshold is trusted.
    _, quality = _threshold([0.99, 0.5, 0.4, 0.3], [1, 0, 0, 0], min_precision=0.7)
    assert quality["f1"] == 0.0
    threshold, quality = _threshold([0.99, 0.95, 0.5, 0.4], [1, 1, 0, 0], min_precision=0.7)
    assert quality["precision"] == 1.0 and quality["recall"] == 1.0 and threshold == 0.95
