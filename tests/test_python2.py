"""Python 2 source is analysed after its syntax is rewritten line for line (scopelint.py2),
with Python 2's meaning where the syntax cannot show it (int division, xrange, iteritems)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scopelint.analysis import analyze_source
from scopelint.py2 import modernize
from scopelint.source import read_source

ROOT = Path(__file__).resolve().parent
TWINS = [(ROOT / "python2" / p.name, p) for p in sorted((ROOT / "fixtures").rglob("python2_*.py"))]


@pytest.mark.parametrize(("python2", "python3"), TWINS, ids=[t[0].name for t in TWINS])
def test_python2_twin_is_analysed_like_its_oracle_checked_python3_fixture(python2: Path, python3: Path) -> None:
    old, new = analyze_source(read_source(str(python2))).as_json(), analyze_source(read_source(str(python3))).as_json()
    old.pop("file"), new.pop("file")
    assert old["variables"] and old["diagnostics"]
    assert old == new


def test_python2_module_of_a_python3_program_keeps_python2_meaning() -> None:
    """A Python 3 program over a Python 2 module of its project (ENAS's controllers, built by a
    Python 3 driver): the module's `xrange`, `/` between ints and iteritems keep their Python 2
    meaning, as its Python 3 twin (oracle-checked) spells them; a loop over `xrange` was one of
    unknown length, its names `layer_?`."""
    twin = "python2_module_twin/train.py"
    old = analyze_source(read_source(str(ROOT / "python2" / twin))).as_json()
    new = analyze_source(read_source(str(ROOT / "fixtures" / "projects" / twin))).as_json()
    old.pop("file"), new.pop("file")
    assert old["variables"] and old["diagnostics"]
    assert all("?" not in v["name"] for v in old["variables"])
    assert old == new


@pytest.mark.parametrize(("source", "expected"), [
    ("print 'a', x\n", "print('a', x)\n"),
    ("print\n", "print()\n"),
    ("print x,  # trailing comma\n", "print(x,)  # trailing comma\n"),
    ("print >>sys.stderr, 'e %d' % (\n    n)\n", "print(sys.stderr, 'e %d' % (\n    n))\n"),
    ("if x: print x\n", "if x: print(x)\n"),
    ("print('already a call')\n", "print('already a call')\n"),
    ("try:\n    pass\nexcept ValueError, e:\n    pass\n", "try:\n    pass\nexcept ValueError as e:\n    pass\n"),
    ("try:\n    pass\nexcept (KeyError, ValueError):\n    pass\n",
     "try:\n    pass\nexcept (KeyError, ValueError):\n    pass\n"),
    ("raise ValueError, 'bad'\n", "raise ValueError( 'bad')\n"),
    ("a = x <> y\n", "a = x != y\n"),
    ("mode = 0777\n", "mode = 0o777\n"),
    ("n = 10L\n", "n = 10\n"),
    ("exec 'a = 1'\n", "exec('a = 1')\n"),
])
def test_rewrites(source: str, expected: str) -> None:
    assert modernize(source) == expected


def test_what_cannot_be_rewritten_is_not_guessed(tmp_path: Path) -> None:
    assert modernize("x = `1`\n") is None
    path = tmp_path / "backticks.py"
    path.write_text("import tensorflow as tf\nprint `tf`\nw = tf.get_variable('w', [1])\n")
    diagnostics = analyze_source(read_source(str(path))).all_findings()
    expected = ("SL001", "Python 2 syntax that scopelint could not rewrite, not analysed")
    assert [(d.code, d.message.split(" (")[0]) for d in diagnostics] == [expected]
