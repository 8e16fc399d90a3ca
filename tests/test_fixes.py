"""`scopelint fix`: every fixture under tests/fixtures/fixes/ either has its expected rewrite in
fixes/fixed/ (matched byte for byte: comments and formatting kept) or is a case where no fix
may be offered, with the reason the user is told. The re-analysis gate is checked on its own,
on rewrites it must refuse. (test_fix_oracle.py runs the rewrites under real TensorFlow.)"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest

from scopelint import cli
from scopelint.api import FileResult, check_source
from scopelint.fix.engine import FIXABLE, fix_path, fix_source
from scopelint.fix.gate import finding_key, refusal

ROOT = Path(__file__).resolve().parent.parent
FIXES = ROOT / "tests" / "fixtures" / "fixes"
FIXED = FIXES / "fixed"
ORIGINALS = sorted(FIXES.glob("*.py"))
WITH_FIX = [p for p in ORIGINALS if (FIXED / p.name).exists()]
# The cases where no fix may be offered, and what the user is told.
NO_FIX: Dict[str, str] = {
    "sl101_no_fix_same_scope_entry.py": "no fix offered: the failing call enters no `with tf.variable_scope(...)`",
    "sl101_no_fix_layer_scope.py": "no fix offered: the failing call enters no `with tf.variable_scope(...)`",
    "sl101_no_fix_shapes_differ.py": "the rewritten file would report SL103 at line 15",
    "sl102_no_fix_reuse_first.py": "no fix offered: no reuse_variables() call of this file left the root scope",
    "sl102_no_fix_reuse_needed_after.py": "the rewritten file would report SL101 at line 19",
    "../projects/gan_ops/train.py": "no fix offered: the failing call enters no `with tf.variable_scope(...)`",
}


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _created(result: FileResult) -> Dict[Optional[str], List[Tuple[str, object, object]]]:
    units: Dict[Optional[str], List[Tuple[str, object, object]]] = {}
    for variable in result.inventory:
        units.setdefault(variable.entry, []).append((variable.name, variable.shape, variable.dtype))
    return units


def test_every_fix_fixture_is_either_fixed_or_refused() -> None:
    assert {p.name for p in ORIGINALS} == {p.name for p in WITH_FIX} | {n for n in NO_FIX if "/" not in n}
    assert {p.name for p in FIXED.glob("*.py")} <= {p.name for p in ORIGINALS}
    assert {d.code for p in WITH_FIX for d in check_source(_read(p), str(p)).diagnostics} == set(FIXABLE)


@pytest.mark.parametrize("original", WITH_FIX, ids=[p.name for p in WITH_FIX])
def test_fix_rewrites_exactly_as_expected(original: Path) -> None:
    before = check_source(_read(original), str(original))
    outcome = fix_source(_read(original), str(original))
    assert outcome.fixed == _read(FIXED / original.name)
    assert outcome.refused == []
    assert sorted(a.code for a in outcome.applied) == sorted(d.code for d in before.diagnostics if d.code in FIXABLE)


@pytest.mark.parametrize("original", WITH_FIX, ids=[p.name for p in WITH_FIX])
def test_fixed_program_passes_the_reanalysis(original: Path) -> None:
    """What the gate promises, checked here from the two analyses: the fixed findings are
    gone, none appeared, and each unit's variables are the original's, then those the error
    had prevented."""
    before = check_source(_read(original), str(original))
    after = check_source(_read(FIXED / original.name), str(original))
    assert not after.incomplete and after.skipped is None
    assert not Counter(finding_key(d) for d in after.diagnostics) - Counter(finding_key(d) for d in before.diagnostics)
    assert not [d for d in after.diagnostics if d.code in FIXABLE]
    old, new = _created(before), _created(after)
    assert set(old) <= set(new)
    for unit, variables in old.items():
        assert new[unit][: len(variables)] == variables
    errors_fixed = any(d.code != "SL201" for d in before.diagnostics)
    assert errors_fixed or new == old  # SL201 changes nothing at all: reuse=False reads as None


@pytest.mark.parametrize("original", WITH_FIX, ids=[p.name for p in WITH_FIX])
def test_fixes_are_idempotent(original: Path) -> None:
    fixed = _read(FIXED / original.name)
    again = fix_source(fixed, str(original))
    assert again.fixed == fixed and again.applied == [] and again.refused == []


@pytest.mark.parametrize("name", sorted(NO_FIX), ids=sorted(NO_FIX))
def test_no_fix_where_none_is_safe(name: str) -> None:
    path = (FIXES / name).resolve()
    outcome = fix_source(_read(path), str(path))
    assert outcome.fixed == outcome.original and outcome.applied == []
    assert len(outcome.refused) == 1
    assert NO_FIX[name] in outcome.refused[0].reason


# ---------------------------------------------------------------------------- the gate


def _gate(original: str, rewritten: str, code: str) -> Optional[str]:
    before = check_source(original, "gate.py")
    target = next(d for d in before.diagnostics if d.code == code)
    return refusal(before, check_source(rewritten, "gate.py"), target, prevents_variables=code != "SL201")


def test_gate_refuses_a_rewrite_that_renames_a_variable() -> None:
    original = _read(FIXES / "sl101_helper_built_twice.py")
    renamed = original.replace('tf.variable_scope("discriminator")', 'tf.variable_scope("disc", reuse=tf.AUTO_REUSE)')
    assert _gate(original, renamed, "SL101") == ("the module body would create disc/w:0 (4, 1) float32 where it "
                                                 "creates discriminator/w:0 (4, 1) float32")


def test_gate_refuses_a_rewrite_that_leaves_the_finding() -> None:
    original = _read(FIXES / "sl101_helper_built_twice.py")
    assert _gate(original, original.replace("# the scope", "# still the scope"), "SL101") == "the finding would remain"


def test_gate_refuses_new_variables_where_no_error_prevented_them() -> None:
    original = _read(FIXES / "sl201_reuse_false_ignored.py")
    rewritten = original.replace('"head", reuse=False', '"head"') + 'tf.get_variable("extra", [1])\n'
    assert _gate(original, rewritten, "SL201") == "the module body would also create extra:0 (1) float32"


# ---------------------------------------------------------------------------- files and the command line


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def test_fix_path_keeps_the_bom_and_crlf_line_ends(tmp_path: Path) -> None:
    text = _read(FIXES / "sl201_reuse_false_ignored.py").replace("\n", "\r\n")
    path = tmp_path / "crlf.py"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    outcome = fix_path(str(path))
    outcome.write()
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    expected = _read(FIXED / "sl201_reuse_false_ignored.py").replace("\n", "\r\n")
    assert data[len(codecs.BOM_UTF8):].decode("utf-8") == expected


def test_fix_diff_writes_nothing_and_fix_writes_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = _read(FIXES / "sl102_root_reuse_before_minimize.py")
    path = _write(tmp_path / "gan.py", original)
    assert cli.main(["fix", "--diff", str(path)]) == 1
    out, err = capsys.readouterr()
    assert _read(path) == original
    assert "+with tf.variable_scope(tf.get_variable_scope()):\n" in out and out.startswith("--- a/")
    assert "SL102 fixable: put lines 19-21 in" in err and "(nothing written)" in err
    assert cli.main(["fix", str(path)]) == 0
    assert _read(path) == _read(FIXED / "sl102_root_reuse_before_minimize.py")
    assert "Fixed 1 finding in 1 file; 0 findings remain." in capsys.readouterr().err
    assert cli.main(["fix", "--diff", str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_check_fix_reports_what_remains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixable = _write(tmp_path / "fixable.py", _read(FIXES / "sl101_helper_built_twice.py"))
    stuck = _write(tmp_path / "stuck.py", _read(FIXES / "sl101_no_fix_same_scope_entry.py"))
    assert cli.main(["check", "--fix", str(fixable), str(stuck)]) == 1
    out, err = capsys.readouterr()
    assert _read(fixable) == _read(FIXED / "sl101_helper_built_twice.py")
    assert out.splitlines()[0].startswith("%s:7:" % stuck) and "SL101" in out and len(out.splitlines()) == 1
    assert "%s:7: SL101 no fix offered" % stuck in err
    assert cli.main(["check", "--fix", str(fixable)]) == 0


def test_a_missing_libcst_is_a_usage_error_that_says_how_to_install_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "gan.py", _read(FIXES / "sl101_helper_built_twice.py"))
    monkeypatch.setitem(sys.modules, "libcst", None)  # `import libcst` raises ImportError
    assert cli.main(["fix", str(path)]) == 2
    assert "pip install 'scopelint[fix]'" in capsys.readouterr().err
    assert _read(path) == _read(FIXES / "sl101_helper_built_twice.py")


def test_the_analysis_never_imports_libcst() -> None:
    code = ("import sys; sys.modules['libcst'] = None\n"
            "from scopelint import api, cli\n"
            "result = api.check_path(sys.argv[1])\n"
            "assert [d.code for d in result.diagnostics] == ['SL101'], result\n"
            "assert cli.main(['check', sys.argv[1]]) == 1\n")
    done = subprocess.run([sys.executable, "-c", code, str(FIXES / "sl101_helper_built_twice.py")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------------------- argument lists, written as they were

REUSING = 'import tensorflow as tf\n\nwith tf.variable_scope("model", reuse=True):\n'
ARGUMENT_LISTS = [
    ('    with tf.variable_scope("a", reuse=False):\n        pass\n',
     '    with tf.variable_scope("a"):\n        pass\n'),
    ('    with tf.variable_scope(reuse=False, name_or_scope="c"):\n        pass\n',
     '    with tf.variable_scope(name_or_scope="c"):\n        pass\n'),
    ('    with tf.variable_scope(\n        "a",  # first\n        reuse=False  # last, no trailing comma\n    ):\n'
     '        pass\n',
     '    with tf.variable_scope(\n        "a"  # first\n        # last, no trailing comma\n    ):\n        pass\n'),
    ('    with tf.variable_scope("b",\n                           reuse=False,  # the flag\n'
     '                           values=[]):\n        pass\n',
     '    with tf.variable_scope("b",\n                           # the flag\n                           values=[]):\n'
     '        pass\n'),
]


@pytest.mark.parametrize("before, after", ARGUMENT_LISTS, ids=["one-line", "first", "last-no-comma", "middle"])
def test_reuse_false_leaves_and_every_comment_stays(before: str, after: str) -> None:
    outcome = fix_source(REUSING + before, "args.py")
    assert outcome.fixed == REUSING + after
    assert [a.code for a in outcome.applied] == ["SL201"]


# ---------------------------------------------------------------------------- docs/fixes.md


def _worked_examples() -> List[Tuple[str, List[str], str]]:
    """(title, python blocks, the text after them) of each worked example in docs/fixes.md."""
    text = (ROOT / "docs" / "fixes.md").read_text(encoding="utf-8").split("## Worked examples", 1)[1]
    return [(section.splitlines()[0], re.findall(r"```python\n(.*?)```", section, re.S), section)
            for section in text.split("\n### ")[1:]]


@pytest.mark.parametrize("title, blocks, section", _worked_examples(), ids=[e[0] for e in _worked_examples()])
def test_worked_examples_in_the_docs_are_what_fix_does(title: str, blocks: List[str], section: str,
                                                       tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if len(blocks) == 2:  # before, after
        outcome = fix_source(blocks[0], "example.py")
        assert outcome.fixed == blocks[1] and outcome.refused == []
        return
    (program,) = blocks  # a refusal: the page shows the command and what it prints
    shown = re.search(r"```\n\$ scopelint fix (\S+)\n(.*?)```", section, re.S)
    assert shown is not None
    path = _write(tmp_path / shown.group(1), program)
    assert cli.main(["fix", str(path)]) == 1
    assert capsys.readouterr().err.replace(str(path), shown.group(1)) == shown.group(2)
    assert _read(path) == program
