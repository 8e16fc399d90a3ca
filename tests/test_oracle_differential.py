"""Oracle tier, beyond the fixtures: random TF1-style programs (a fixed, reproducible set)
run under real TensorFlow and on the reference runtime must give the same variables and the
same error, so that the runtime models TF's semantics and not just the fixtures."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from program_generator import programs
from test_oracle import projection
from tf_oracle import tf_observe

from scopelint.runtime import run_file

EXAMPLES = int(os.environ.get("SCOPELINT_ORACLE_FUZZ_EXAMPLES", "30"))


@pytest.mark.oracle
@seed(20261125)
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(programs())
def test_runtime_equals_tensorflow_on_random_programs(source: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "program.py"
        path.write_text(source)
        observed = tf_observe(path)["units"][0]
        assert observed["exception"] is None, "%s\n%s" % (observed["exception"], source)
        runtime = run_file(str(path))
        assert projection([runtime]) == projection([observed]), source
