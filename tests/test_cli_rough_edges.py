"""Rough edges found when scopelint was tried as a new user would (issue #14), one test each."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import scopelint.analysis as analysis
from scopelint.analysis import analyze_source
from scopelint.source import read_source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dcgan.py"
SCOPELINT = [sys.executable, "-m", "scopelint"]


def scopelint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*SCOPELINT, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("args", [["run", str(EXAMPLE)], ["rules", "--format", "json"], ["names", str(EXAMPLE)],
                                  ["check", str(EXAMPLE)]])
def test_a_reader_that_leaves_early_is_no_error(args: list) -> None:
    pipeline = "%s | head -1" % " ".join(map(str, SCOPELINT + args))
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", pipeline], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert "BrokenPipeError" not in proc.stderr and "internal error" not in proc.stderr
    assert len(proc.stdout.splitlines()) == 1


def test_exclude_globs_match_as_the_readme_says(tmp_path: Path) -> None:
    for directory in ("build", "src/build", "gen", "env"):
        (tmp_path / directory).mkdir(parents=True)
        shutil.copy(EXAMPLE, tmp_path / directory / "model.py")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    shutil.copy(EXAMPLE, tmp_path / "train.py")
    (tmp_path / "pyproject.toml").write_text('[tool.scopelint]\nexclude = ["gen/*"]\n')
    proc = scopelint("check", ".", "--format", "json", cwd=tmp_path)
    # build/ (src/build/ too) and virtualenvs are never walked into; `gen/*` matches from the root.
    assert sorted({d["path"] for d in json.loads(proc.stdout)}) == ["./train.py"]
    (tmp_path / "pyproject.toml").write_text('[tool.scopelint]\nexclude = ["gen", "train.py"]\n')
    assert scopelint("check", ".", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("selector", ["SL999", "XYZ"])
def test_a_selector_that_names_no_rule_is_a_usage_error(selector: str) -> None:
    proc = scopelint("check", str(EXAMPLE), "--select", selector)
    assert proc.returncode == 2 and "names no rule" in proc.stderr


def test_unknown_configuration_is_warned_about(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "train.py")
    (tmp_path / "pyproject.toml").write_text('[tool.scopelint]\nselekt = ["SL1"]\nignore = ["SL9"]\n')
    proc = scopelint("check", "train.py", cwd=tmp_path)
    assert "unknown key [tool.scopelint] selekt" in proc.stderr and "names no rule: SL9" in proc.stderr
    assert proc.returncode == 1


def test_syntax_errors_are_described_as_what_they_are(tmp_path: Path) -> None:
    (tmp_path / "typo.py").write_text("import tensorflow as tf\nx = tf.constant(1\n")
    (tmp_path / "old.py").write_text("import tensorflow as tf\nprint 'a'\nx = `tf`\n")
    (tmp_path / "README.md").write_text("Share weights with `tf.get_variable` and reuse=True.\n")
    proc = scopelint("check", "typo.py", "old.py", "README.md", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("typo.py:") and "SL001 syntax error at line" in lines[0]
    assert lines[1].startswith("old.py:3:") and "could not rewrite" in lines[1] and "x = `tf`" in lines[1]
    assert lines[2].startswith("README.md:") and "not Python source" in lines[2]


def test_a_clean_run_says_what_was_checked(tmp_path: Path) -> None:
    (tmp_path / "clean.py").write_text("import tensorflow as tf\nw = tf.get_variable('w', [2])\n")
    proc = scopelint("check", "clean.py", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == ""
    assert proc.stderr.strip() == "Checked 1 file: 1 variable predicted (100% fully named), no findings."


def test_names_agrees_with_check_on_what_is_reported(tmp_path: Path) -> None:
    lines = EXAMPLE.read_text().splitlines()
    lines[26] += "  # noqa: SL101"
    (tmp_path / "quiet.py").write_text("\n".join(lines) + "\n")
    proc = scopelint("names", "quiet.py", cwd=tmp_path)
    assert proc.returncode == 0 and "SL101" not in proc.stdout
    data = json.loads(scopelint("names", "quiet.py", "--format", "json", cwd=tmp_path).stdout)
    assert data["path"] == data["file"] == "quiet.py"


def test_names_explains_its_markers(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("import tensorflow as tf\n\ndef build(name):\n    with tf.variable_scope(name):\n"
                                   "        return tf.get_variable('w', [2])\n")
    out = scopelint("names", "m.py", cwd=tmp_path).stdout
    assert "[entry build]" in out and "    ?/\n      w:0" in out
    assert "[entry F]: a function nothing in the file calls" in out and "?: a part of the name" in out


def test_analysis_incomplete_points_where_it_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join("with tf.variable_scope('s%d'):\n    w%d = tf.get_variable('w', [2])\n" % (i, i) for i in range(300))
    path = tmp_path / "long.py"
    path.write_text("import tensorflow as tf\n" + body)
    monkeypatch.setattr(analysis, "MODULE_STEPS", 2000)
    findings = [d for d in analyze_source(read_source(str(path))).all_findings() if d.code == "SL002"]
    assert len(findings) == 1 and findings[0].line > 10
    assert path.read_text().splitlines()[findings[0].line - 1].startswith(("with", "    w"))


def test_run_passes_arguments_and_reports_the_exit_status(tmp_path: Path) -> None:
    program = tmp_path / "train.py"
    program.write_text("import argparse, sys\nimport tensorflow as tf\np = argparse.ArgumentParser()\n"
                       "p.add_argument('--layers', type=int, required=True)\nargs = p.parse_args()\n"
                       "for i in range(args.layers):\n    tf.get_variable('w%d' % i, [1])\nsys.exit(5)\n")
    proc = scopelint("run", str(program), "--format", "json", "--", "--layers", "2")
    assert [v["name"] for v in json.loads(proc.stdout)["variables"]] == ["w0:0", "w1:0"]
    assert proc.returncode == 3 and "exited with status 5" in proc.stderr
    missing = scopelint("run", str(program))
    assert missing.returncode == 3 and "required: --layers" in missing.stderr


def test_help_describes_paths_formats_and_exit_codes() -> None:
    for command in ("check", "report"):
        text = scopelint(command, "--help").stdout
        assert "PATH" in text and "--format" in text and "exit codes:" in text and "names no rule" not in text


def test_run_says_where_in_the_project_a_variable_was_made() -> None:
    proc = scopelint("run", "tests/fixtures/projects/gan_ops/train.py", "--format", "json")
    first = json.loads(proc.stdout)["variables"][0]
    assert first["line"] == 7 and first["origin"] == "ops.py:6"  # train.py's call, and the line in ops.py
    assert "(in ops.py:6)" in scopelint("run", "tests/fixtures/projects/gan_ops/train.py").stdout


def test_entry_points_past_the_files_work_budget_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's total budget spent, the entry points left are not analysed: SL002 says from
    which one, on its line, and the result is incomplete; none is dropped silently."""
    builders = "".join("def build%d(x):\n    for i in range(40):\n        with tf.variable_scope('b%%d' %% i):\n"
                       "            tf.get_variable('w', [2])\n\n" % i for i in range(4))
    path = tmp_path / "many.py"
    path.write_text("import tensorflow as tf\n\n" + builders)
    monkeypatch.setattr(analysis, "TOTAL_STEPS", 1000)
    result = analyze_source(read_source(str(path)))
    notices = [d for d in result.all_findings() if d.code == "SL002"]
    assert result.incomplete and result.entries_not_analysed
    first = result.entries_not_analysed[0]
    assert any(d.entry == first and path.read_text().splitlines()[d.line - 1] == "def %s(x):" % first
               for d in notices)
    assert set(result.entries) | set(result.entries_not_analysed) == {"build0", "build1", "build2", "build3"}


def test_a_file_named_relative_to_the_cwd_has_an_absolute_file() -> None:
    # `python tests/fixtures/misc/json_file_params.py` sees an absolute __file__ (Python 3.9 on), so its
    # `os.path.join(os.path.dirname(__file__), "json_file_params.json")` is read whatever the cwd
    relative = scopelint("names", "--format", "json", "tests/fixtures/misc/json_file_params.py")
    absolute = scopelint("names", "--format", "json", str(ROOT / "tests" / "fixtures" / "misc" / "json_file_params.py"))
    names = [[v["name"] for v in json.loads(proc.stdout)["variables"]] for proc in (relative, absolute)]
    assert names[0] == names[1] and "wavenet/layer0/filter:0" in names[0]
