"""Every front end reports the same diagnostics: `scopelint check`, `scopelint report`, flake8
and pylint over the whole fixture suite (they are adapters over one pipeline, scopelint.api;
the pre-commit hook runs `scopelint check`, test_precommit_hook.py runs it through pre-commit)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
Finding = Tuple[str, int, int, str]


def _python3_files() -> List[str]:
    """Fixtures flake8 can parse (it runs no plugin on Python 2 files: E999)."""
    out = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.py")):
        try:
            ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        out.append(str(path.relative_to(ROOT)))
    return out


def _scopelint(*args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "scopelint", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def test_check_report_and_flake8_agree_on_the_fixture_suite() -> None:
    files = _python3_files()
    assert len(files) > 100
    check: Set[Finding] = {(d["path"], d["line"], d["col"], d["code"])
                           for d in json.loads(_scopelint("check", "--format", "json", *files))}
    report_data = json.loads(_scopelint("report", "--format", "json", "--no-cache", "--jobs", "2", *files))
    report: Set[Finding] = {(f["path"], d["line"], d["col"], d["code"])
                            for f in report_data["files"] for d in f["diagnostics"]}
    proc = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select", "SL", "--jobs", "2",
                           "--format", "%(path)s\t%(row)d\t%(col)d\t%(code)s", *files],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    flake8: Set[Finding] = set()
    for line in proc.stdout.splitlines():
        path, row, col, code = line.split("\t")
        flake8.add((path, int(row), int(col), code))
    assert len(check) > 50  # the suite is full of deliberate mistakes
    assert report == check
    assert flake8 == check
    assert _pylint(files) == check


def _pylint(files: List[str]) -> Set[Finding]:
    from scopelint.rules import RULES

    symbols = {"scopelint-" + rule.slug: rule.code for rule in RULES}
    enabled = ",".join("scopelint-" + rule.slug for rule in RULES if rule.enabled)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-m", "pylint", "--rcfile", os.devnull, "--persistent=n", "--score=n",
                           "--load-plugins=scopelint_pylint", "--output-format=json", "--jobs", "2",
                           "--disable=all", "--enable=" + enabled, *files],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr
    return {(m["path"], m["line"], m["column"] + 1, symbols[m["symbol"]]) for m in json.loads(proc.stdout or "[]")}
