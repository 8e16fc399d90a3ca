"""Differential test on programs that use TF's library (tests/library_program_generator.py):
layers, Keras layers, slim, RNN cells, optimizers, moving averages, shape ops, the errors they
raise and loops of unknown length. The static prediction must equal what the reference runtime
observes (variables: name, line, action, shape, dtype; the error: code, line, message), or,
in a program with a loop of unknown length, be sound (tests/sound_comparison.py).

    pytest tests/test_library_differential.py                                   # a fixed sample
    SCOPELINT_LIBRARY_FUZZ_EXAMPLES=2000 pytest tests/test_library_differential.py
    pytest -m slow tests/test_library_differential.py                           # the long run
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from library_program_generator import UNKNOWN_VALUES, library_programs
from sound_comparison import static_differences

from scopelint.analysis import analyze_source
from scopelint.runtime import run_file
from scopelint.source import read_source

EXAMPLES = int(os.environ.get("SCOPELINT_LIBRARY_FUZZ_EXAMPLES", "100"))
SLOW_EXAMPLES = int(os.environ.get("SCOPELINT_LIBRARY_FUZZ_SLOW_EXAMPLES", "3000"))


def check_program(source: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "program.py"
        path.write_text(source)
        observed = run_file(str(path))
        predicted = analyze_source(read_source(str(path)), strict=True).as_json()
    assert observed["exception"] is None, "generated program failed on its own: %s\n--- program:\n%s" % (
        observed["exception"], source)
    differences = static_differences(predicted, observed, source, UNKNOWN_VALUES)
    assert differences == [], "\n".join(differences) + "\n--- program:\n" + source


@seed(20261126)
@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(library_programs())
def test_static_equals_runtime_on_library_programs(source: str) -> None:
    check_program(source)


@pytest.mark.slow
@settings(max_examples=SLOW_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(library_programs())
def test_static_equals_runtime_on_many_library_programs(source: str) -> None:
    check_program(source)
