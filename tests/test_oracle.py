"""Oracle tier: every fixture under real TensorFlow (a fresh process each), which must
produce the fixture's expectations; and the reference runtime must observe exactly what TF
observed: the same variables (name, action, line, shape, dtype) and the same errors (code,
line, TF's message)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest
from fixture_files import fixture_files, fixture_id
from fixture_spec import compare, load_fixture
from test_fixtures_runtime import observe as runtime_observe

RUNNER = Path(__file__).resolve().parent / "oracle" / "tf_runner.py"
FILES = fixture_files()
VARIABLE_KEYS = ("name", "action", "line", "shape", "dtype")
DIAGNOSTIC_KEYS = ("code", "line", "message")


def tf_observe(path: Path) -> Dict[str, Any]:
    python = os.environ.get("SCOPELINT_TF_PYTHON", sys.executable)
    done = subprocess.run([python, str(RUNNER), str(path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, "TF runner failed:\n%s" % done.stderr[-4000:]
    return json.loads(done.stdout)


def projection(units: List[Dict[str, Any]]) -> List[Any]:
    return [([tuple(v[k] for k in VARIABLE_KEYS) for v in unit["variables"]],
             [tuple(d[k] for k in DIAGNOSTIC_KEYS) for d in unit["diagnostics"]]) for unit in units]


@pytest.mark.oracle
@pytest.mark.parametrize("path", FILES, ids=[fixture_id(p) for p in FILES])
def test_tensorflow_agrees(path: Path) -> None:
    fixture = load_fixture(path)
    observed = tf_observe(path)
    for unit in observed["units"]:
        assert unit["exception"] is None, "the program failed under TF: %s" % unit["exception"]
    differences = compare(fixture, observed, "tf")
    assert differences == [], "real TF disagrees with the fixture:\n" + "\n".join(differences)
    runtime = runtime_observe(path, fixture.units)
    assert projection(runtime["units"]) == projection(observed["units"])
