"""The set-up the front-end pages give is the set-up the tests run: their snippets are read
from docs/ and used as a user would copy them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def snippet(page: str, language: str, index: int = 0) -> str:
    blocks = re.findall(r"```%s\n(.*?)```" % re.escape(language), (DOCS / page).read_text(), re.S)
    return blocks[index]


def _project(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    shutil.copy(ROOT / "examples" / "dcgan.py", tmp_path / "src" / "train.py")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_model.py").write_text(
        "import tensorflow as tf\nv = tf.get_variable('v', [1])\nv = tf.get_variable('v', [1])\n")
    return tmp_path


def test_flake8_page_configuration(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / ".flake8").write_text(snippet("flake8.md", "ini"))
    proc = subprocess.run([sys.executable, "-m", "flake8", "--max-line-length", "200", "src", "tests"],
                          cwd=project, capture_output=True, text=True, timeout=300)
    assert "src/train.py:27:10: SL101" in proc.stdout
    assert "tests/test_model.py:3:5: SL101" in proc.stdout  # per-file-ignores names SL202 only
    assert proc.returncode == 1


def test_report_page_configuration_and_commands(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "pyproject.toml").write_text(snippet("report.md", "toml"))
    (project / "venv" / "lib").mkdir(parents=True)
    (project / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (project / "venv" / "lib" / "dup.py").write_text((project / "src" / "train.py").read_text())
    command = snippet("report.md", "sh").split()
    assert command[:2] == ["scopelint", "report"]
    proc = subprocess.run([sys.executable, "-m", "scopelint", "report", ".", "--format", "json"],
                          cwd=project, capture_output=True, text=True, timeout=300)
    data = json.loads(proc.stdout)
    assert [f["path"] for f in data["files"]] == ["./src/train.py", "./tests/test_model.py"]  # no venv/
    codes = {(f["path"], d["code"]) for f in data["files"] for d in f["diagnostics"]}
    assert codes == {("./src/train.py", "SL101")}  # tests/* ignore SL101 (per-file-ignores)
    assert proc.returncode == 1 and "warning" not in proc.stderr
    html = subprocess.run([sys.executable, "-m", "scopelint", *command[1:]], cwd=project, capture_output=True,
                          text=True, timeout=300)
    assert html.returncode == 1, html.stderr
    page = (project / "scopelint.html").read_text()
    assert "discriminator/w0" in page and "SL101" in page


def test_pylint_page_configuration(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "pyproject.toml").write_text(snippet("pylint.md", "toml"))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-m", "pylint", "--disable=all", "--enable=scopelint", "src"],
                          cwd=project, capture_output=True, text=True, timeout=300, env=env)
    assert "src/train.py:27:9: E9411" in proc.stdout and "(scopelint-variable-exists)" in proc.stdout, proc.stdout
