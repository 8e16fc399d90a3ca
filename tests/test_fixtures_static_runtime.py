"""Static equals runtime on every fixture, beyond what the comments say: each variable's
shape and dtype, and each diagnostic's message and chain of frames. The oracle tier holds the runtime to real TF
on the same fields, so a static-only shape or dtype bug (a model's kernel shape, a shape op)
fails here even though names and codes agree.

A fixture whose comments give the static tier its own `static:` names is one where the
analysis is honestly less precise: the comparison skips it. Its `static_shape:` clauses (a
dimension the analysis lost, `?`) stand in for the run's shapes, which they must agree with on
every other dimension."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from fixture_files import fixture_files, fixture_id
from fixture_spec import load_fixture, with_static_shapes
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
        differences += with_static_shapes(fixture, observed)
        differences += ["%s: %s" % (entry or "<module>", d) for d in compare_runs(predicted[entry], observed)]
        chains = [_chains(predicted[entry]), _chains(observed)]
        if chains[0] != chains[1]:
            differences.append("%s: error frames: static %s, runtime %s" % (entry or "<module>", *chains))
    assert differences == [], "\n".join(differences)


def _chains(unit: Dict[str, Any]) -> List[Any]:
    """Each error's chain of program frames and the line that raised (the oracle holds the
    runtime's to TF's traceback)."""
    return [(d["code"], d.get("raised_line"), [tuple(f) for f in d.get("frames", []) if f[1] not in _INLINED])
            for d in unit.get("diagnostics", [])]


# Comprehension frames exist before Python 3.12 only (PEP 709 inlines them); the analysis,
# like Python 3.12, has none.
_INLINED = ("<listcomp>", "<dictcomp>", "<setcomp>")
