"""The package is ready to publish: a wheel that builds, installs and runs outside the repository."""

import subprocess
import sys
import venv

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_wheel_builds_installs_and_runs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("graphbuild-*.whl")
    env_dir = tmp_path / "venv"
    # System site-packages provide spaCy and the model; the wheel itself must carry our code and data.
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True, timeout=600)
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "a.txt").write_text("Tim Cook, the CEO of Apple, met investors in London.", encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import graphbuild; print(graphbuild.__file__)"], cwd=work, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout
    version = subprocess.run([str(env_dir / "bin" / "graphbuild"), "--version"], cwd=work, capture_output=True, text=True, check=True)
    assert version.stdout.startswith("graphbuild ")
    built = subprocess.run([str(env_dir / "bin" / "graphbuild"), "build", "a.txt", "-o", "out"], cwd=work, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "ceoOf 1" in built.stdout
    assert (work / "out" / "graph.ttl").is_file()
