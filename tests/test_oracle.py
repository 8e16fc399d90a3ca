"""Oracle tier: every fixture under real TensorFlow (TF imported once per worker process, every
unit in a fresh graph), which must produce the fixture's expectations; and the reference
runtime must observe exactly what TF observed: the same variables (name, action, line, shape,
dtype) and the same errors (code, line, TF's message)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Union

import pytest
from fixture_files import fixture_files, fixture_id
from fixture_spec import compare, load_fixture
from test_fixtures_runtime import observe as runtime_observe
from tf_oracle import OracleError, observe_many

FILES = fixture_files()
VARIABLE_KEYS = ("name", "action", "line", "shape", "dtype")
# `raised_line` and `frames` are TF's traceback as the oracle saw it: the runtime must report the
# same chain of program frames, not only the line it picks from them.
DIAGNOSTIC_KEYS = ("code", "line", "message", "raised_line", "frames")


@pytest.fixture(scope="session")
def tf_observations() -> Dict[str, Union[Dict[str, Any], OracleError]]:
    """Every fixture under real TF at once, spread over the cores."""
    return observe_many(FILES)


def projection(units: List[Dict[str, Any]]) -> List[Any]:
    return [([tuple(v[k] for k in VARIABLE_KEYS) for v in unit["variables"]],
             [tuple(_hashable(d[k]) for k in DIAGNOSTIC_KEYS) for d in unit["diagnostics"]]) for unit in units]


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


@pytest.mark.oracle
@pytest.mark.parametrize("path", FILES, ids=[fixture_id(p) for p in FILES])
def test_tensorflow_agrees(path: Path, tf_observations: Dict[str, Union[Dict[str, Any], OracleError]]) -> None:
    fixture = load_fixture(path)
    observed = tf_observations[str(path)]
    if isinstance(observed, OracleError):
        raise observed
    for unit in observed["units"]:
        assert unit["exception"] is None, "the program failed under TF: %s" % unit["exception"]
    differences = compare(fixture, observed, "tf")
    assert differences == [], "real TF disagrees with the fixture:\n" + "\n".join(differences)
    runtime = runtime_observe(path, fixture.units)
    assert projection(runtime["units"]) == projection(observed["units"])
