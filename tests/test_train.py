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
        ("a1", "Acme deal\n\nAcme Robotics makes the Welder X robot. The Welder X sells well, Acme Robotics said. Jane Doe, an analyst at Globex, praised it.",
         [("Acme Robotics", "Company"), ("Welder X", "Product"), ("Jane Doe", "Person"), ("Globex", "Company")],
         [("Acme Robotics", "makesProduct", "Welder X", "Acme Robotics makes the Welder X robot."),
          ("Jane Doe", "employeeOf", "Globex", "Jane Doe, an analyst at Globex, praised it.")]),
        ("a2", "Initech news\n\nInitech makes the Stapler Pro printer. Bill Lumbergh, a spokesman for Initech, confirmed it.",
         [("Initech", "Company"), ("Stapler Pro", "Product"), ("Bill Lumbergh", "Person")],
         [("Initech", "makesProduct", "Stapler Pro", "Initech makes the Stapler Pro printer."),
          ("Bill Lumbergh", "employeeOf", "Initech", "Bill Lumbergh, a spokesman for Initech, confirmed it.")]),
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
    assert sum(label for _, label in made) == 2  # 'makes' in each article's evidence sentence
    # 'The Welder X sells well, Acme Robotics said' pairs the same two entities outside the
    # evidence sentence: left out, neither positive nor negative.
    assert len(made) == 2
    assert any(label == 1 for _, label in out["employeeOf"])


def test_the_entity_typer_trains_on_annotated_spans(tmp_path):
    from graphbuild.nlp.entity_types import load_type_model
    from graphbuild.nlp.train_types import main

    model = tmp_path / "types.json"
    assert main(["--train", str(_articles(tmp_path)), "-o", str(model)]) == 0
    data = json.loads(model.read_text(encoding="utf-8"))
    assert set(data["types"]) >= {"Company", "Person"} and data["weights"]
    typer = load_type_model(model)
    assert abs(sum(typer.probabilities(["lab=ORG", "w=acme"]).values()) - 1.0) < 1e-9
