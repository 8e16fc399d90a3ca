"""Fixture expectations: comments on the lines they concern, read with `tokenize` (a `#`
inside a string does not count), matched exactly in both directions.

    v = tf.get_variable("v", [1])   # creates: foo/v:0
    w = tf.get_variable("v", [1])   # error: SL101
    with tf.variable_scope(s):      # warn: SL201; creates: a/b:0

Kinds: `creates`, `shares` (ordered names), `error` (codes), `warn` (codes, static tier only),
`static` (names that replace `creates` for the static tier, where it honestly cannot know
them: the precision gap), and the header `# fixture: units=case_*` (each matching top-level
function is one run, in a fresh graph). A comment `# word: ...` with another lowercase word is
an error; other comments are prose. A fixture without any expectation is rejected.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

KINDS = ("creates", "shares", "error", "warn", "static")
CLAUSE = re.compile(r"^\s*([a-z_]+):\s*(.*)$")


class FixtureError(ValueError):
    pass


@dataclass
class LineExpectation:
    creates: List[str] = field(default_factory=list)
    shares: List[str] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    warns: List[str] = field(default_factory=list)
    static: Optional[List[str]] = None


@dataclass
class Fixture:
    path: Path
    lines: Dict[int, LineExpectation]
    units: Optional[str] = None

    def count(self) -> int:
        return sum(len(e.creates) + len(e.shares) + len(e.errors) + len(e.warns) + len(e.static or [])
                   for e in self.lines.values())


def _names(text: str) -> List[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_comment(comment: str) -> Tuple[Optional[str], Dict[str, List[str]]]:
    """(units pattern or None, {kind: values}) of one comment token. A comment may hold prose
    and expectations in `#`-separated segments: `# shared by object re-entry  # shares: a/v:0`."""
    found: Dict[str, List[str]] = {}
    units = None
    for segment in comment.split("#"):
        clauses = segment.split(";")
        if not CLAUSE.match(clauses[0]):
            continue  # prose
        for clause in clauses:
            match = CLAUSE.match(clause)
            if not match:
                raise FixtureError("malformed expectation clause %r" % clause.strip())
            kind, value = match.group(1), match.group(2).strip()
            if kind == "fixture":
                if not value.startswith("units="):
                    raise FixtureError("unknown fixture header %r" % value)
                units = value[len("units="):].strip()
                continue
            if kind not in KINDS:
                raise FixtureError("unknown expectation kind %r" % kind)
            found.setdefault(kind, []).extend(_names(value))
    return units, found


def load_fixture(path: Union[str, Path]) -> Fixture:
    path = Path(path)
    source = path.read_text(encoding="utf-8")
    lines: Dict[int, LineExpectation] = {}
    units = None
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        try:
            header, found = parse_comment(token.string)
        except FixtureError as exc:
            raise FixtureError("%s:%d: %s" % (path, token.start[0], exc)) from None
        if header is not None:
            units = header
        if not found:
            continue
        line = lines.setdefault(token.start[0], LineExpectation())
        line.creates.extend(found.get("creates", []))
        line.shares.extend(found.get("shares", []))
        line.errors.extend(found.get("error", []))
        line.warns.extend(found.get("warn", []))
        if "static" in found:
            line.static = (line.static or []) + found["static"]
    fixture = Fixture(path, lines, units)
    if not fixture.count():
        raise FixtureError("%s: a fixture needs at least one expectation" % path)
    return fixture


def _units(observed: Dict[str, Any]) -> List[Dict[str, Any]]:
    if "units" in observed:
        return list(observed["units"])
    return [observed]


def compare(fixture: Fixture, observed: Dict[str, Any], tier: str) -> List[str]:
    """Differences between expectations and an observation, one readable line each."""
    assert tier in ("runtime", "tf", "static")
    seen: Dict[int, LineExpectation] = {}
    for unit in _units(observed):
        for var in unit.get("variables", []):
            entry = seen.setdefault(var["line"], LineExpectation())
            (entry.creates if var["action"] == "create" else entry.shares).append(var["name"])
        for diag in unit.get("diagnostics", []):
            seen.setdefault(diag["line"], LineExpectation()).errors.append(diag["code"])
        if tier == "static":
            for warn in unit.get("warnings", []):
                seen.setdefault(warn["line"], LineExpectation()).warns.append(warn["code"])
    differences: List[str] = []
    for line in sorted(set(fixture.lines) | set(seen)):
        want = fixture.lines.get(line, LineExpectation())
        got = seen.get(line, LineExpectation())
        want_creates = want.static if (tier == "static" and want.static is not None) else want.creates
        checks = [("creates", want_creates, got.creates), ("shares", want.shares, got.shares),
                  ("error", want.errors, got.errors)]
        if tier == "static":
            checks.append(("warn", sorted(set(want.warns)), sorted(set(got.warns))))
        for kind, expected, actual in checks:
            if expected != actual:
                differences.append("%s:%d: %s expected %s, %s tier got %s"
                                   % (fixture.path.name, line, kind, expected or "nothing", tier, actual or "nothing"))
    return differences
