"""The flake8 front end, tested through flake8 itself (the plugin is found by its entry point,
as in a user's editor): codes, positions, selection, noqa, per-file ignores, options, and
input that must not break flake8's run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "dcgan.py").read_text()
BUG = "Variable discriminator/w0 already exists, disallowed."


def flake8(args: List[str], cwd: Path, stdin: str = "") -> Tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "flake8", "--isolated", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


def test_reports_the_finding_at_the_line_to_fix(tmp_path: Path) -> None:
    (tmp_path / "gan.py").write_text(EXAMPLE)
    code, out, err = flake8(["--select", "SL", "gan.py"], tmp_path)
    assert code == 1, err
    assert out.splitlines() == ["gan.py:27:10: SL101 " + BUG + " Did you mean to set reuse=True or "
                                "reuse=tf.AUTO_REUSE in VarScope?"]
    assert "Traceback" not in err


def test_selection_noqa_and_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "gan.py").write_text(EXAMPLE)
    lines = EXAMPLE.splitlines()
    lines[26] += "  # noqa: SL101"
    (tmp_path / "quiet.py").write_text("\n".join(lines) + "\n")
    assert flake8(["--select", "SL", "quiet.py"], tmp_path)[:2] == (0, "")
    assert flake8(["--select", "SL", "--ignore", "SL101", "gan.py"], tmp_path)[:2] == (0, "")
    assert flake8(["--select", "SL1", "gan.py"], tmp_path)[0] == 1
    assert flake8(["--select", "E", "--extend-select", "SL101", "gan.py"], tmp_path)[0] == 1
    assert flake8(["--select", "SL", "--per-file-ignores", "gan.py:SL101", "gan.py"], tmp_path)[:2] == (0, "")
    # Without --select, flake8's defaults plus the plugin's code are reported.
    code, out, _ = flake8(["--max-line-length", "200", "gan.py"], tmp_path)
    assert "SL101" in out


def test_stdin_and_follow_imports_option(tmp_path: Path) -> None:
    code, out, _ = flake8(["--select", "SL", "-"], tmp_path, stdin=EXAMPLE)
    assert code == 1 and "stdin:27:10: SL101" in out
    project = ROOT / "tests" / "fixtures" / "projects" / "gan_ops"
    followed = flake8(["--select", "SL", "train.py"], project)
    assert followed[0] == 1 and "SL10" in followed[1]
    unfollowed = flake8(["--select", "SL", "--scopelint-follow-imports", "no", "train.py"], project)
    assert unfollowed[:2] == (0, "")  # the variables are created in ops.py, which it no longer reads


def test_files_it_cannot_analyse_never_break_flake8(tmp_path: Path) -> None:
    (tmp_path / "latin1.py").write_bytes(b"import tensorflow as tf\nname = '\xe9'\n")
    (tmp_path / "py2.py").write_text('import tensorflow as tf\nprint "building"\n')
    (tmp_path / "deep.py").write_text("import tensorflow as tf\nx = " + "(" * 150 + "1" + ")" * 150 + "\n")
    (tmp_path / "loop.py").write_text("import tensorflow as tf\nwhile True:\n    tf.get_variable('v', [1])\n")
    (tmp_path / "gan.py").write_text(EXAMPLE)
    code, out, err = flake8(["--select", "SL,E9", "."], tmp_path)
    assert "Traceback" not in err and "scopelint" not in err
    assert "gan.py:27:10: SL101" in out  # the run goes on past the other files
    assert "py2.py:2:" in out and "E999" in out  # flake8 cannot parse Python 2; no plugin runs on it
