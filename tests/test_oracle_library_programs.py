"""Oracle tier, beyond the fixtures: programs that use TF's library as model code does
(tests/library_program_generator.py, a fixed-seed sample) run under real TensorFlow and on the
reference runtime must give the same variables (name, line, action, shape, dtype) and the
same error (code, line, message, TF's chain of program frames).

    SCOPELINT_TF_PYTHON=/work/tfenv/bin/python pytest -m oracle tests/test_oracle_library_programs.py
    SCOPELINT_TF_PYTHON=... SCOPELINT_LIBRARY_ORACLE_SLOW_EXAMPLES=1000 SCOPELINT_LIBRARY_ORACLE_SEED=7 \\
        pytest -m slow tests/test_oracle_library_programs.py            # the long run, any seed
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple, Union

import pytest
from library_program_generator import sample
from test_oracle import projection
from tf_oracle import OracleError, observe_many

from scopelint.runtime import run_file

EXAMPLES = int(os.environ.get("SCOPELINT_LIBRARY_ORACLE_EXAMPLES", "100"))
SEED = 20261126
SLOW_EXAMPLES = int(os.environ.get("SCOPELINT_LIBRARY_ORACLE_SLOW_EXAMPLES", "500"))
SLOW_SEED = int(os.environ.get("SCOPELINT_LIBRARY_ORACLE_SEED", "1"))
Observed = Union[Dict[str, Any], OracleError]


def observe_sample(count: int, seed: int, directory: str) -> List[Tuple[str, Observed]]:
    """(source, TF's observation) for each program of the sample, observed in one batch."""
    paths = []
    for index, source in enumerate(sample(count, seed)):
        path = Path(directory) / ("program_%04d.py" % index)
        path.write_text(source)
        paths.append(path)
    observed = observe_many(paths)
    return [(str(path), observed[str(path)]) for path in paths]


def disagreement(path: str, observed: Observed) -> str:
    """Why the runtime and TF disagree on one program ("" when they agree)."""
    source = Path(path).read_text()
    if isinstance(observed, OracleError):
        return "the TF runner failed: %s\n%s" % (observed, source)
    unit = observed["units"][0]
    if unit["exception"] is not None:
        return "the program failed under TF on its own: %s\n%s" % (unit["exception"], source)
    runtime = run_file(path)
    ours, theirs = projection([runtime])[0], projection([unit])[0]
    for kind, mine, tf_s in (("variable", ours[0], theirs[0]), ("error", ours[1], theirs[1])):
        if mine != tf_s:
            index = next((i for i, (a, b) in enumerate(zip(mine, tf_s)) if a != b), min(len(mine), len(tf_s)))
            return "%s #%d: runtime %s, TF %s\n%s" % (kind, index + 1, mine[index] if index < len(mine) else None,
                                                      tf_s[index] if index < len(tf_s) else None, source)
    return ""


@pytest.fixture(scope="module")
def tf_sample() -> Iterator[List[Tuple[str, Observed]]]:
    with tempfile.TemporaryDirectory() as tmp:
        yield observe_sample(EXAMPLES, SEED, tmp)


@pytest.mark.oracle
@pytest.mark.parametrize("index", range(EXAMPLES))
def test_runtime_equals_tensorflow_on_library_programs(index: int, tf_sample: List[Tuple[str, Observed]]) -> None:
    path, observed = tf_sample[index]
    assert disagreement(path, observed) == ""


def _tensorflow_reachable() -> bool:
    return bool(os.environ.get("SCOPELINT_TF_PYTHON")) or importlib.util.find_spec("tensorflow") is not None


@pytest.mark.slow
@pytest.mark.skipif(not _tensorflow_reachable(), reason="needs TensorFlow ($SCOPELINT_TF_PYTHON)")
def test_runtime_equals_tensorflow_on_many_library_programs() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        found = [reason for reason in (disagreement(path, observed)
                                       for path, observed in observe_sample(SLOW_EXAMPLES, SLOW_SEED, tmp)) if reason]
    summary = "\n".join(reason.splitlines()[0] for reason in found)
    assert found == [], "%d of %d programs disagree:\n%s\nthe first program:\n%s" % (
        len(found), SLOW_EXAMPLES, summary, found[0] if found else "")
