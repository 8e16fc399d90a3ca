"""`[tool.scopelint]` keys beyond selection: follow-imports and work-budget, and their checks."""

from __future__ import annotations

import shutil
from pathlib import Path

from scopelint.api import check_path
from scopelint.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path, table: str) -> Path:
    target = tmp_path / "gan"
    shutil.copytree(ROOT / "tests" / "fixtures" / "projects" / "gan_ops", target)
    (target / "pyproject.toml").write_text("[tool.scopelint]\n" + table)
    return target


def test_follow_imports_false_reads_no_other_module(tmp_path: Path) -> None:
    followed = check_path(str(_project(tmp_path / "a", "") / "train.py"))
    assert followed.diagnostics and followed.dependencies
    unfollowed = check_path(str(_project(tmp_path / "b", "follow-imports = false\n") / "train.py"))
    assert not unfollowed.diagnostics and not unfollowed.dependencies


def test_work_budget_scales_the_limits(tmp_path: Path) -> None:
    body = "".join("with tf.variable_scope('s%d'):\n    w%d = tf.get_variable('w', [2])\n" % (i, i)
                   for i in range(400))
    for name, budget in (("small", "0.002"), ("default", "1.0")):
        project = tmp_path / name
        project.mkdir()
        (project / "pyproject.toml").write_text("[tool.scopelint]\nextend-select = ['SL002']\nwork-budget = %s\n"
                                                % budget)
        (project / "long.py").write_text("import tensorflow as tf\n" + body)
        result = check_path(str(project / "long.py"))
        assert result.incomplete == (name == "small")
        assert ("SL002" in {d.code for d in result.diagnostics}) == (name == "small")


def test_wrong_values_are_warned_about(tmp_path: Path) -> None:
    project = _project(tmp_path, "follow-imports = 'no'\nwork-budget = -1\n")
    warnings = load_config(str(project / "train.py")).warnings
    assert any("follow-imports must be true or false" in w for w in warnings)
    assert any("work-budget must be a number" in w for w in warnings)
