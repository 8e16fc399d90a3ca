"""Oracle tier: `scopelint fix` judged by real TensorFlow. Each fixed program (tests/fixtures/
fixes/fixed/) runs clean under TF, and the variables it creates are the original's (those TF
created before the error, with the same names, shapes and dtypes, in the same order), then
those the error had prevented; scopelint's prediction for the fixed program is what TF
created. Each rewrite the re-analysis gate refused fails under TF as the gate said."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Tuple, Union

import pytest
from test_fixes import FIXED, NO_FIX, WITH_FIX
from tf_oracle import OracleError, observe_many

from scopelint.api import check_source
from scopelint.fix import edits
from scopelint.fix.engine import candidate_rewrites

Observed = Dict[str, Union[Dict[str, Any], OracleError]]
GATE_REFUSED = sorted(name for name, reason in NO_FIX.items() if "the rewritten file would report" in reason)


def _refused_rewrites(name: str, into: Path) -> List[Tuple[Path, List[Tuple[str, int]]]]:
    """Every rewrite tried for the case's finding, written to `into`, with the errors (code,
    line) that scopelint's re-analysis of it predicts."""
    original = FIXED.parent / name
    text = original.read_text(encoding="utf-8")
    target = next(d for d in check_source(text, str(original)).diagnostics if d.site is not None)
    assert target.site is not None
    out = []
    for index, rewrite in enumerate(candidate_rewrites(target, target.site)):
        try:
            edit = rewrite(text)
        except edits.NotFixable:
            continue
        path = into / ("%d_%s" % (index, name))
        path.write_text(edit.text, encoding="utf-8")
        predicted = [(d.code, d.line) for d in check_source(edit.text, str(path)).diagnostics if d.code < "SL2"]
        out.append((path, predicted))
    return out


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Observed, Dict[str, list]]:
    into = tmp_path_factory.mktemp("refused")
    refused = {name: _refused_rewrites(name, into) for name in GATE_REFUSED}
    programs: List[Path] = [p for original in WITH_FIX for p in (original, FIXED / original.name)]
    programs += [path for rewrites in refused.values() for path, _ in rewrites]
    return observe_many(programs), refused


def _run(observed: Observed, path: Path) -> Dict[str, Any]:
    result = observed[str(path)]
    if isinstance(result, OracleError):
        raise result
    (unit,) = result["units"]
    assert unit["exception"] is None, unit["exception"]
    return unit  # type: ignore[no-any-return]


def _created(unit: Dict[str, Any]) -> List[Tuple[str, Any, Any]]:
    return [(v["name"], v["shape"], v["dtype"]) for v in unit["variables"] if v["action"] == "create"]


@pytest.mark.oracle
@pytest.mark.parametrize("original", WITH_FIX, ids=[p.name for p in WITH_FIX])
def test_fixed_program_runs_clean_and_keeps_every_name(original: Path,
                                                       observed: Tuple[Observed, Dict[str, list]]) -> None:
    before, after = _run(observed[0], original), _run(observed[0], FIXED / original.name)
    assert after["diagnostics"] == []
    kept = _created(before)
    assert _created(after)[: len(kept)] == kept
    if not before["diagnostics"]:  # SL201: nothing raised, nothing may change
        assert _created(after) == kept
    fixed_text = (FIXED / original.name).read_text(encoding="utf-8")
    predicted = [(v.name, list(v.shape) if v.shape is not None else None, v.dtype)
                 for v in check_source(fixed_text, str(original)).inventory if v.entry is None]
    assert predicted == _created(after)


@pytest.mark.oracle
@pytest.mark.parametrize("name", GATE_REFUSED, ids=GATE_REFUSED)
def test_rewrites_the_gate_refused_fail_under_tensorflow(name: str, observed: Tuple[Observed, Dict[str, list]]) -> None:
    rewrites = observed[1][name]
    assert rewrites
    for path, predicted in rewrites:
        unit = _run(observed[0], path)
        assert [(d["code"], d["line"]) for d in unit["diagnostics"]] == predicted != []
