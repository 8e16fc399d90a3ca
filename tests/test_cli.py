"""The command line as users meet it: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def scopelint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scopelint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_run_reports_variables_and_the_error(tmp_path: Path) -> None:
    program = write(tmp_path, "gan.py", (ROOT / "examples" / "dcgan.py").read_text())
    result = scopelint("run", str(program), "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert [v["name"] for v in data["variables"]][:2] == ["generator/w:0", "generator/b:0"]
    assert data["diagnostics"][0]["code"] == "SL101"
    assert data["diagnostics"][0]["line"] == 27
    assert "Traceback" not in result.stderr


def test_program_output_does_not_corrupt_json(tmp_path: Path) -> None:
    program = write(tmp_path, "p.py", "import tensorflow as tf\nprint('hello')\nv = tf.get_variable('v', [1])\n")
    result = scopelint("run", str(program), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["variables"][0]["name"] == "v:0"
    assert "hello" in result.stderr


@pytest.mark.parametrize("command", ["run", "names", "verify"])
def test_missing_file_is_a_usage_error(command: str, tmp_path: Path) -> None:
    result = scopelint(command, str(tmp_path / "nope.py"))
    assert result.returncode == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["run", "names"])
def test_syntax_error_and_python2_are_one_line_errors(command: str, tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.py", "def f(:\n")
    result = scopelint(command, str(broken))
    assert result.returncode == 2 and "syntax error at line 1" in result.stderr
    py2 = write(tmp_path, "old.py", "import tensorflow as tf\nprint 'building'\nx = `1`\n")
    result = scopelint(command, str(py2))
    expected = "Python 2 source, " if command == "run" else "Python 2 syntax that scopelint could not rewrite"
    assert result.returncode == 2 and expected in result.stderr
    assert "line 3" in result.stderr or command == "run"  # names the backticks, which cannot be rewritten
    assert result.stderr.count("\n") == 1


def test_python2_is_analysed_but_not_run(tmp_path: Path) -> None:
    py2 = write(tmp_path, "old.py", "import tensorflow as tf\nprint 'building'\nw = tf.get_variable('w', [1])\n"
                                    "w = tf.get_variable('w', [1])\n")
    result = scopelint("check", str(py2))
    assert result.returncode == 1 and result.stdout.startswith("%s:4:5: SL101" % py2)
    result = scopelint("run", str(py2))
    assert result.returncode == 2 and "Python 2 source, which the runtime cannot run" in result.stderr


def test_unrelated_exception_in_program_has_its_own_exit_code(tmp_path: Path) -> None:
    program = write(tmp_path, "boom.py", "import tensorflow as tf\nv = tf.get_variable('v', [1])\nx = 1 / 0\n")
    result = scopelint("run", str(program))
    assert result.returncode == 3
    assert "boom.py:3: the program raised ZeroDivisionError" in result.stderr
    # The program's own traceback, without scopelint's frames.
    assert "Traceback of the program" in result.stderr and 'boom.py", line 3, in <module>' in result.stderr
    assert "scopelint/" not in result.stderr


def test_endless_program_is_stopped(tmp_path: Path) -> None:
    program = write(tmp_path, "spin.py", "while True:\n    pass\n")
    result = scopelint("run", str(program), "--timeout", "1")
    assert result.returncode == 3
    assert "stopped after 1.0s" in result.stderr


def test_undecodable_file_is_reported_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "latin.py"
    path.write_bytes(b"import tensorflow as tf\nname = '\xe9'\n")
    result = scopelint("check", str(path))
    assert result.returncode == 1
    assert "SL001" in result.stdout and "cannot decode" in result.stdout


def test_check_exit_codes_and_select(tmp_path: Path) -> None:
    clean = write(tmp_path, "clean.py", "import tensorflow as tf\nv = tf.get_variable('v', [1])\n")
    assert scopelint("check", str(clean)).returncode == 0
    bad = write(tmp_path, "bad.py", "import tensorflow as tf\nv = tf.get_variable('v', [1])\n"
                                    "w = tf.get_variable('v', [1])\n")
    result = scopelint("check", str(bad))
    assert result.returncode == 1
    assert result.stdout.startswith("%s:3:5: SL101 Variable v already exists" % bad)
    assert scopelint("check", str(bad), "--ignore", "SL1").returncode == 0
    assert scopelint("check", str(tmp_path / "missing")).returncode == 2


def test_names_exit_status_follows_what_check_reports(tmp_path: Path) -> None:
    # Endless recursion: the analysis is cut off (SL002, off by default), which is not a finding.
    cut = write(tmp_path, "cut.py", "import tensorflow as tf\n\ndef f(n):\n    return f(n + 1)\n\n"
                                    "f(0)\nv = tf.get_variable('v', [1])\n")
    checked = scopelint("check", str(cut))
    assert checked.returncode == 0
    # ... but the summary says the file was not checked to its end, and how to see where
    assert "no findings. The analysis stopped at its work budget in 1 file" in checked.stderr
    assert "`--select SL002` shows where" in checked.stderr
    assert scopelint("names", str(cut)).returncode == 0
    assert "work budget" not in scopelint("check", str(write(tmp_path, "whole.py", "import tensorflow as tf\n"))).stderr
    bad = write(tmp_path, "bad.py", "import tensorflow as tf\nv = tf.get_variable('v', [1])\n"
                                    "w = tf.get_variable('v', [1])  # noqa: SL101\n")
    assert scopelint("names", str(bad)).returncode == 0
    bad.write_text(bad.read_text().replace("  # noqa: SL101", ""))
    assert scopelint("names", str(bad)).returncode == 1


def test_names_analyses_as_check_does_with_the_projects_config(tmp_path: Path) -> None:
    # `follow-imports = false` (and `work-budget`) in the project's pyproject.toml: `names`
    # shows what `check` analysed, not what the defaults would give.
    write(tmp_path, "ops.py", "import tensorflow as tf\n\ndef linear(name):\n    return tf.get_variable(name, [1])\n")
    program = write(tmp_path, "train.py", "from ops import linear\nlinear('w')\nlinear('w')\n")
    assert "w:0" in scopelint("names", str(program), cwd=tmp_path).stdout
    assert scopelint("check", str(program), cwd=tmp_path).returncode == 1
    write(tmp_path, "pyproject.toml", "[tool.scopelint]\nfollow-imports = false\n")
    assert "w:0" not in scopelint("names", str(program), cwd=tmp_path).stdout
    assert scopelint("check", str(program), cwd=tmp_path).returncode == 0


def test_modules_on_pythonpath_are_followed_as_python_finds_them(tmp_path: Path) -> None:
    # TF's models/research and slim are used with PYTHONPATH set to them: so are the modules here.
    library = tmp_path / "research"
    library.mkdir()
    write(library, "ops.py", "import tensorflow as tf\n\ndef linear(name):\n    return tf.get_variable(name, [1])\n")
    project = tmp_path / "project"
    project.mkdir()
    program = write(project, "train.py", "from ops import linear\nlinear('w')\nlinear('w')\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(library), os.environ.get("PYTHONPATH")])))
    run = subprocess.run([sys.executable, "-m", "scopelint", "check", str(program)], cwd=project, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and ":3:1: SL101 Variable w already exists" in run.stdout, run.stdout + run.stderr
    assert scopelint("check", str(program), cwd=project).returncode == 0  # without it, ops is not found


def test_verify_agrees_on_the_example() -> None:
    result = scopelint("verify", "examples/dcgan.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "agrees with the reference runtime (5 variables, 1 error)" in result.stdout


def test_names_json_has_the_run_schema(tmp_path: Path) -> None:
    program = write(tmp_path, "m.py", "import tensorflow as tf\n\ndef build():\n"
                                      "    with tf.variable_scope('net'):\n"
                                      "        return tf.get_variable('w', [2, 3])\n")
    data = json.loads(scopelint("names", str(program), "--format", "json").stdout)
    assert data["variables"] == []
    entry = data["entry_points"]["build"]
    # Its callers are elsewhere: the variable may already exist there, so the event is a may-event.
    assert entry["variables"] == [{"name": "net/w:0", "line": 5, "action": "create", "shape": [2, 3],
                                   "dtype": "float32", "certain": False, "saved": True, "key": "net/w"}]


def test_version() -> None:
    result = scopelint("--version")
    assert result.returncode == 0 and result.stdout.startswith("scopelint 0.")


def test_no_command_prints_help() -> None:
    result = scopelint()
    assert result.returncode == 2
    assert "usage" in result.stdout


def test_noqa_and_pyproject_config(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.py", "import tensorflow as tf\nv = tf.get_variable('v', [1])\n"
                                    "w = tf.get_variable('v', [1])  # noqa: SL101\n"
                                    "x = tf.get_variable('v', [2])  # noqa\n")
    assert scopelint("check", str(bad)).returncode == 0
    other = write(tmp_path, "other.py", "import tensorflow as tf\nwith tf.variable_scope('s', reuse=True):\n"
                                        "    tf.get_variable('missing', [1])\n")
    assert "SL102" in scopelint("check", str(other)).stdout
    (tmp_path / "pyproject.toml").write_text('[tool.scopelint]\nignore = ["SL102"]\nexclude = ["skip_*.py"]\n'
                                             'colour = "red"\n')
    result = scopelint("check", str(other))
    assert result.returncode == 0
    assert "unknown key [tool.scopelint] colour" in result.stderr
    write(tmp_path, "skip_me.py", "import tensorflow as tf\nv = tf.get_variable('v', [1])\n"
                                  "w = tf.get_variable('v', [1])\n")
    assert scopelint("check", str(tmp_path)).returncode == 0
    assert scopelint("check", str(other), "--select", "SL102").returncode == 1
