"""The reference runtime's shape ops (runtime/api.py, runtime/nn.py, runtime/tensors.py,
semantics/shapes.py), case by case against what real TensorFlow infers: static shape and dtype
of each op's result (tests/shape_ops_cases.py). The expected values are TF's, recorded by
tools/record_shape_ops.py in tests/shape_ops_expected.json; the oracle tier checks that TF
still infers exactly that table."""

from __future__ import annotations

import json
import os
from typing import Any, Dict

import pytest
from shape_ops_cases import CASES, EXPECTED, run_program
from tf_oracle import tf_python

TABLE: Dict[str, Any] = json.loads(open(EXPECTED).read())["cases"] if os.path.exists(EXPECTED) else {}


@pytest.fixture(scope="module")
def runtime_results() -> Dict[str, Any]:
    return run_program()


def test_every_case_is_recorded_from_tensorflow() -> None:
    assert sorted(TABLE) == sorted(case for case, _, _ in CASES), \
        "run tools/record_shape_ops.py (with SCOPELINT_TF_PYTHON) after changing the cases"


@pytest.mark.parametrize("case", [case for case, _, _ in CASES])
def test_runtime_infers_what_tensorflow_does(case: str, runtime_results: Dict[str, Any]) -> None:
    assert case in TABLE, "not recorded from TF yet"
    assert runtime_results[case] == TABLE[case]


@pytest.mark.oracle
def test_tensorflow_infers_the_recorded_table() -> None:
    assert run_program(tf_python()) == TABLE
