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
