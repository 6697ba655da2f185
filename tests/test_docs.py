"""Docs checked by tests: the README tells the truth about commands, relations and set-up."""

import re

from conftest import ROOT

from graphbuild.cli.main import COMMANDS, parser
from graphbuild.relations.schema import load_schema

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme():
    subcommands = next(a for a in parser()._actions if a.dest == "==SUPPRESS==" or a.__class__.__name__ == "_SubParsersAction").choices
    names = [c.__name__.rsplit(".", 1)[-1] for c in COMMANDS]
    assert set(names) == set(subcommands)
    for name in names:
        assert f"graphbuild {name}" in README, name
        assert len(subcommands[name].format_help()) > 200, name


def test_every_relation_has_a_row_in_the_readme_table():
    for name in load_schema():
        assert re.search(rf"^\| `{name}` \|", README, re.M), name


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```(?:bash|sh)\n(.*?)```", README, re.S)
    setup = [c.strip() for c in commands if "pytest" in c and "pip install" in c]
    assert setup, "README must show the test command"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup[0].splitlines()[-1] in ci


def test_examples_queries_are_documented():
    for query in (ROOT / "examples" / "queries").glob("*.rq"):
        first = query.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#"), f"{query.name} needs a comment saying what it asks"
