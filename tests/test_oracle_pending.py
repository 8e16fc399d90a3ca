"""Oracle tier for tests/fixtures_pending/: TF-annotated fixtures (from TensorFlow's own test
suites) on which the reference runtime or the analyzer still disagrees with TF. Real TF must
keep agreeing with their expectations; once both tiers agree too, a case moves to
tests/fixtures/. tests/fixtures_pending/README.md lists each case's cause."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Union

import pytest
from fixture_spec import compare, load_fixture
from tf_oracle import OracleError, observe_many

PENDING = Path(__file__).resolve().parent / "fixtures_pending"
FILES: List[Path] = sorted(PENDING.rglob("*.py"))


@pytest.fixture(scope="session")
def pending_observations() -> Dict[str, Union[Dict[str, Any], OracleError]]:
    return observe_many(FILES)


@pytest.mark.oracle
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(PENDING)) for p in FILES])
def test_tensorflow_agrees_with_pending(path: Path,
                                        pending_observations: Dict[str, Union[Dict[str, Any], OracleError]]) -> None:
    observed = pending_observations[str(path)]
    if isinstance(observed, OracleError):
        raise observed
    for unit in observed["units"]:
        assert unit["exception"] is None, "the program failed under TF: %s" % unit["exception"]
    differences = compare(load_fixture(path), observed, "tf")
    assert differences == [], "real TF disagrees with the fixture:\n" + "\n".join(differences)
