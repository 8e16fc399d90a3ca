"""Static equals runtime on every fixture, beyond what the comments say: each variable's
shape and dtype, and each diagnostic's message. The oracle tier holds the runtime to real TF
on the same fields, so a static-only shape or dtype bug (a model's kernel shape, a shape op)
fails here even though names and codes agree.

A fixture whose comments give the static tier its own `static:` names is one where the
analysis is honestly less precise: the comparison skips it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from fixture_files import fixture_files, fixture_id
from fixture_spec import load_fixture
from test_fixtures_runtime import observe as run_observe
from test_fixtures_static import observe as static_observe

from scopelint.verify import compare_runs

FILES = fixture_files()


def _units(observed: Dict[str, Any]) -> List[Dict[str, Any]]:
    return observed["units"] if "units" in observed else [observed]


@pytest.mark.parametrize("path", FILES, ids=[fixture_id(p) for p in FILES])
def test_static_equals_runtime_on_fixture(path: Path) -> None:
    fixture = load_fixture(path)
    if any(e.static is not None for e in fixture.lines.values()):
        pytest.skip("the static tier has its own expectations here")
    predicted = {u.get("entry"): u for u in _units(static_observe(path, fixture.units))}
    differences: List[str] = []
    for observed in _units(run_observe(path, fixture.units)):
        entry = observed.get("entry")
        if entry not in predicted:
            differences.append("%s: no static unit" % entry)
            continue
        differences += ["%s: %s" % (entry or "<module>", d) for d in compare_runs(predicted[entry], observed)]
    assert differences == [], "\n".join(differences)
