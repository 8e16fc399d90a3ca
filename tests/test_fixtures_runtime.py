"""Runtime tier: the reference runtime, run on every fixture (each unit in a fresh graph),
must produce exactly the expectations written from real TensorFlow's output."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest
from fixture_files import fixture_files, fixture_id
from fixture_spec import compare, load_fixture

from scopelint.runtime import run_file

FILES = fixture_files()


def observe(path: Path, units: Any) -> Dict[str, Any]:
    if not units:
        return {"units": [run_file(str(path))]}
    import ast
    import fnmatch

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and fnmatch.fnmatchcase(n.name, units)]
    return {"units": [run_file(str(path), entry=name) for name in names]}


@pytest.mark.parametrize("path", FILES, ids=[fixture_id(p) for p in FILES])
def test_runtime_matches_fixture(path: Path) -> None:
    fixture = load_fixture(path)
    observed = observe(path, fixture.units)
    for unit in observed["units"]:
        assert unit["exception"] is None, "the program itself failed: %s" % unit["exception"]
    differences = compare(fixture, observed, "runtime")
    assert differences == [], "\n".join(differences)
