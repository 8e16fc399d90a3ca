"""Static tier: the abstract interpreter's prediction must match every fixture's expectations
(the same expectations real TF and the reference runtime are held to), with the interpreter
in strict mode so that syntax it does not model fails here instead of going quiet."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from fixture_files import fixture_files

from scopelint.analysis import ModuleAnalysis, analyze_source
from scopelint.source import read_source

fixture_spec = pytest.importorskip("fixture_spec")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FILES = fixture_files()


def observe(path: Path, units: Any) -> Dict[str, Any]:
    """The analysis in the schema the fixture comparison reads."""
    analysis: ModuleAnalysis = analyze_source(read_source(str(path)), strict=True, fresh_entries=units)
    assert analysis.module is not None, analysis.notices
    findings = analysis.all_findings()
    if units:
        out: List[Dict[str, Any]] = []
        for name, unit in analysis.entries.items():
            out.append({"entry": name, "variables": unit.variables,
                        "diagnostics": [d.as_json() for d in unit.diagnostics],
                        "warnings": [d.as_json() for d in unit.warnings]})
        return {"units": out}
    return {
        "variables": analysis.module.variables,
        "diagnostics": [d.as_json() for d in findings if d.code.startswith("SL1") and d.code != "SL111"],
        "warnings": [d.as_json() for d in findings if d.code in ("SL111",) or d.code.startswith("SL2")],
    }


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(FIXTURES)) for p in FILES])
def test_static_prediction_matches_fixture(path: Path) -> None:
    fixture = fixture_spec.load_fixture(path)
    units = getattr(fixture, "units", None)
    differences = fixture_spec.compare(fixture, observe(path, units), "static")
    assert differences == [], "\n".join(differences)
