"""Differential test: on random TF1-style programs, the static prediction (nothing executed)
must equal what the reference runtime observes when it runs them: every variable's name,
line, action, shape and dtype, and the error (code, line, TF's message)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from program_generator import programs

from scopelint.analysis import analyze_source
from scopelint.runtime import run_file
from scopelint.source import Source
from scopelint.verify import compare_runs

EXAMPLES = int(os.environ.get("SCOPELINT_FUZZ_EXAMPLES", "300"))


def check_program(source: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "program.py"
        path.write_text(source)
        observed = run_file(str(path))
        assert observed["exception"] is None, "generated program failed on its own: %s\n%s" % (
            observed["exception"], source)
        predicted = analyze_source(Source(str(path), source), strict=True).as_json()
        differences = compare_runs(predicted, observed)
        assert differences == [], "\n".join(differences) + "\n--- program:\n" + source


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_static_equals_runtime(source: str) -> None:
    check_program(source)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_static_equals_runtime_many(source: str) -> None:
    check_program(source)
