"""scopelint verify's comparison: a `?` in a predicted message stands for a dimension the
analysis lost, never for another variable or another known number."""

from scopelint.verify import compare_runs


def _diag(message: str) -> dict:
    return {"diagnostics": [{"code": "SL103", "line": 9, "message": message}]}


RUN = "Trying to share variable ff/dense/kernel, but specified shape (300, 4) and found shape (300, 8)."


def test_a_lost_dimension_matches_the_number_the_run_printed() -> None:
    predicted = "Trying to share variable ff/dense/kernel, but specified shape (?, 4) and found shape (?, 8)."
    assert compare_runs(_diag(predicted), _diag(RUN)) == []


def test_another_variable_or_a_known_dimension_still_differs() -> None:
    other_variable = "Trying to share variable ff/dense/bias, but specified shape (?, 4) and found shape (?, 8)."
    other_dimension = "Trying to share variable ff/dense/kernel, but specified shape (?, 2) and found shape (?, 8)."
    assert compare_runs(_diag(other_variable), _diag(RUN)) != []
    assert compare_runs(_diag(other_dimension), _diag(RUN)) != []
