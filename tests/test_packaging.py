"""The package is ready to publish: a wheel that builds, installs and runs outside the repository."""

import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_wheel_builds_installs_and_runs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("graphbuild-*.whl")
    env_dir = tmp_path / "venv"
    # The running environment's packages (a venv's or the system interpreter's) provide spaCy and the
    # models, as plain path entries after the new venv's own: the wheel must carry our code and data,
    # and the running environment's editable install of graphbuild is not loaded (its .pth hook is not read).
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "running_environment.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
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
