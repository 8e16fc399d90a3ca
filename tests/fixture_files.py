"""The fixture programs every tier runs (tests/fixtures/**, except bad-input samples)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import List

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# In a project directory (tests/fixtures/projects/NAME/), the programs are the files with
# expectations; the others are the modules they import (model.py, ops.py), kept as a project
# keeps them.
EXPECTATION = re.compile(r"#\s*(creates|shares|error|warn|static|static_shape|fixture):")


def fixture_files() -> List[Path]:
    return sorted(p for p in FIXTURES.rglob("*.py") if _is_program(p))


def _is_program(path: Path) -> bool:
    parts = path.relative_to(FIXTURES).parts
    if "input" in parts or parts[:2] == ("fixes", "fixed"):
        # fixes/fixed/: what `scopelint fix` makes of fixes/*.py, byte for byte, so the original's
        # expectation comments stay in it; tests/test_fixes*.py check those programs instead.
        return False
    return parts[0] != "projects" or bool(EXPECTATION.search(path.read_text(encoding="utf-8")))


def fixture_id(path: Path) -> str:
    return str(path.relative_to(FIXTURES))
