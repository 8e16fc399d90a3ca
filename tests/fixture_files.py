"""The fixture programs every tier runs (tests/fixtures/**, except bad-input samples)."""

from __future__ import annotations

from pathlib import Path
from typing import List

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_files() -> List[Path]:
    return sorted(p for p in FIXTURES.rglob("*.py") if "input" not in p.relative_to(FIXTURES).parts)


def fixture_id(path: Path) -> str:
    return str(path.relative_to(FIXTURES))
