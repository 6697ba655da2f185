"""Every example script runs as users would run it."""

import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_example_script_runs(script, tmp_path):
    result = subprocess.run([sys.executable, str(script), str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Lei Jun is CEO of Xiaomi" in result.stdout
    assert (tmp_path / "out" / "graph.html").is_file()
