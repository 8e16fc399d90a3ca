"""Fixture expectations: comments on the lines they concern, read with `tokenize` (a `#`
inside a string does not count), matched exactly in both directions.

    v = tf.get_variable("v", [1])   # creates: foo/v:0
    w = tf.get_variable("v", [1])   # error: SL101
    with tf.variable_scope(s):      # warn: SL201; creates: a/b:0

Kinds: `creates`, `shares` (ordered names), `error` (codes), `warn` (codes, static tier only),
`static` (names that replace `creates` for the static tier, where it honestly cannot know
them: the precision gap), `static_shape` (`name (?, 4)`, the shape the static tier predicts
for the variables of that name on the line, where it lost a dimension TF knows: `?`; the
static-vs-runtime tier holds it to the run's shape on every other dimension), and the header
`# fixture: units=case_*` (each matching top-level function is one run, in a fresh graph). A
comment `# word: ...` with another lowercase word is an error; other comments are prose. A
fixture without any expectation is rejected.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

KINDS = ("creates", "shares", "error", "warn", "static", "static_shape")
STATIC_SHAPE = re.compile(r"([^\s,()]+)\s*\(([^)]*)\)")
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
    static_shapes: Dict[str, Tuple[Any, ...]] = field(default_factory=dict)  # name -> dims, "?" where lost


@dataclass
class Fixture:
    path: Path
    lines: Dict[int, LineExpectation]
    units: Optional[str] = None

    def count(self) -> int:
        return sum(len(e.creates) + len(e.shares) + len(e.errors) + len(e.warns) + len(e.static or []) +
                   len(e.static_shapes) for e in self.lines.values())


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
            found.setdefault(kind, []).extend([value] if kind == "static_shape" else _names(value))
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
        for text in found.get("static_shape", []):
            try:
                line.static_shapes.update(parse_static_shapes(text))
            except FixtureError as exc:
                raise FixtureError("%s:%d: %s" % (path, token.start[0], exc)) from None
    fixture = Fixture(path, lines, units)
    if not fixture.count():
        raise FixtureError("%s: a fixture needs at least one expectation" % path)
    return fixture


def parse_static_shapes(text: str) -> Dict[str, Tuple[Any, ...]]:
    """`a/v:0 (?, 4), b:0 (3,)` -> {"a/v:0": ("?", 4), "b:0": (3,)}."""
    shapes: Dict[str, Tuple[Any, ...]] = {}
    for name, dims in STATIC_SHAPE.findall(text):
        parts = [d.strip() for d in dims.split(",") if d.strip()]
        if not all(d == "?" or d.isdigit() for d in parts):
            raise FixtureError("static_shape dims are numbers or ?: %r" % dims)
        shapes[name] = tuple(d if d == "?" else int(d) for d in parts)
    if not shapes or STATIC_SHAPE.sub("", text).strip(" ,"):
        raise FixtureError("malformed static_shape %r (want `name (?, 4), ...`)" % text)
    return shapes


def with_static_shapes(fixture: Fixture, observed: Dict[str, Any]) -> List[str]:
    """Put the fixture's `static_shape`s in place of the run's shapes in `observed` (a unit), for
    a comparison with the static tier; the differences where a declared shape disagrees with the
    run's on a dimension it claims to know."""
    problems: List[str] = []
    for var in observed.get("variables", []):
        declared = fixture.lines.get(var["line"], LineExpectation()).static_shapes.get(var["name"])
        if declared is None:
            continue
        ran = var["shape"]
        if ran is None or len(ran) != len(declared) or any(d != "?" and d != r for d, r in zip(declared, ran)):
            problems.append("%s:%d: static_shape %s of %s disagrees with the run's %s"
                            % (fixture.path.name, var["line"], declared, var["name"], ran))
        var["shape"] = list(declared)
    return problems


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
