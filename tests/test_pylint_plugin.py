"""The pylint plugin as users meet it: `pylint --load-plugins=scopelint_pylint` in a subprocess,
reporting exactly what `scopelint.api.check_path` reports, honouring pylint's own message
control, and never breaking pylint's run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Sequence, Set, Tuple

from scopelint.api import check_path
from scopelint.rules import RULES
from fixture_spec import load_fixture

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

# Fixtures with `# error:` / `# warn:` expectations that between them exercise every reported
# rule, following imports (projects/) and tf_slim layers included.
CHOSEN = [
    "constructs/containers_and_iterators.py",
    "constructs/warn_fixed_name_in_loop.py",
    "constructs/warn_reuse_false_and_tf_variable.py",
    "entry/scope_argument_errors.py",
    "partitioned/partitioned_errors.py",
    "patterns/gan_discriminator_twice.py",
    "projects/gan_ops/train.py",
    "reuse/reuse_false_is_none.py",
    "sharing_checks/dtype_checks.py",
    "slim/slim_layers.py",
    "templates/template_errors.py",
    "tfsuite/variable_scope_reuse.py",
]

BY_PYLINT_ID = {rule.pylint_id: rule for rule in RULES}
BY_SYMBOL = {"scopelint-" + rule.slug: rule for rule in RULES}
DEFAULT_SYMBOLS = ",".join("scopelint-" + rule.slug for rule in RULES if rule.enabled)


Messages = List[Dict[str, Any]]


def pylint(paths: Sequence[Path], *options: str, cwd: Path = ROOT) -> Tuple[subprocess.CompletedProcess, Messages]:
    """Run pylint with the plugin (importable from the checkout, not installed) and only
    scopelint's default messages enabled unless `options` say otherwise; its JSON messages."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    args = [sys.executable, "-m", "pylint", "--rcfile", os.devnull, "--persistent=n", "--score=n",
            "--load-plugins=scopelint_pylint", "--output-format=json"]
    if not any(option.startswith("--disable") or option.startswith("--enable") for option in options):
        args += ["--disable=all", "--enable=" + DEFAULT_SYMBOLS]
    proc = subprocess.run(args + list(options) + [str(p) for p in paths], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "astroid-error" not in proc.stdout and "fatal" not in proc.stdout, proc.stdout
    messages = json.loads(proc.stdout) if proc.stdout.strip() else []
    return proc, messages


def scopelint_messages(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [m for m in messages if m["symbol"].startswith("scopelint-")]


def found(messages: List[Dict[str, Any]], cwd: Path = ROOT) -> Set[Tuple[str, int, int, str]]:
    """(resolved path, line, 1-based column, SL code) of each scopelint message of a run in `cwd`."""
    out = set()
    for m in scopelint_messages(messages):
        rule = BY_PYLINT_ID[m["message-id"]]
        assert BY_SYMBOL[m["symbol"]] is rule
        out.add((str((cwd / m["path"]).resolve()), m["line"], m["column"] + 1, rule.code))
    return out


def copy_example(tmp_path: Path, name: str, replace: Tuple[str, str] = ("", "")) -> Path:
    text = (ROOT / "examples" / "dcgan.py").read_text()
    path = tmp_path / name
    path.write_text(text.replace(*replace) if replace[0] else text)
    return path


SECOND_CALL = "d_fake = discriminator(fake)  # should be discriminator(fake, reuse=True)"


def test_pylint_reports_what_the_api_reports_on_fixtures() -> None:
    files = [FIXTURES / name for name in CHOSEN]
    expected = set()
    expected_messages = {}
    for path in files:
        fixture = load_fixture(path)
        assert any(e.errors or e.warns for e in fixture.lines.values()), path
        for diag in check_path(str(path)).diagnostics:
            key = (str(path.resolve()), diag.line, diag.col, diag.code)
            expected.add(key)
            expected_messages[key] = " ".join(diag.message.split())
    assert {key[3] for key in expected} >= {"SL101", "SL102", "SL103", "SL104", "SL105", "SL111", "SL201", "SL202"}
    proc, messages = pylint(files)
    assert found(messages) == expected
    assert proc.returncode & 2, "pylint's exit status has the error bit when E94xx messages are reported"
    for m in scopelint_messages(messages):
        key = (str((ROOT / m["path"]).resolve()), m["line"], m["column"] + 1, BY_PYLINT_ID[m["message-id"]].code)
        assert m["message"].startswith(expected_messages[key]), (m, expected_messages[key])


def test_pylint_pragmas_noqa_and_configuration_suppress(tmp_path: Path) -> None:
    plain = copy_example(tmp_path, "plain.py")
    by_symbol = copy_example(tmp_path, "by_symbol.py",
                             (SECOND_CALL, "d_fake = discriminator(fake)  # pylint: disable=scopelint-variable-exists"))
    by_id = copy_example(tmp_path, "by_id.py",
                         (SECOND_CALL, "d_fake = discriminator(fake)  # pylint: disable=E9411"))
    # a pragma on another line (here the line before) leaves the finding alone
    other_line = copy_example(tmp_path, "other_line.py",
                              ("fake = generator(z)", "fake = generator(z)  # pylint: disable=E9411"))
    module_wide = tmp_path / "module_wide.py"
    module_wide.write_text("# pylint: disable=scopelint-variable-exists\n" + plain.read_text())
    noqa = copy_example(tmp_path, "noqa.py", (SECOND_CALL, "d_fake = discriminator(fake)  # noqa: SL101"))
    configured = tmp_path / "configured"
    configured.mkdir()
    (configured / "pyproject.toml").write_text('[tool.scopelint]\nignore = ["SL101"]\n')
    ignored = copy_example(configured, "ignored.py")
    files = [plain, by_symbol, by_id, other_line, module_wide, noqa, ignored]
    proc, messages = pylint(files, cwd=tmp_path)
    assert found(messages, tmp_path) == {(str(plain.resolve()), 27, 10, "SL101"),
                                         (str(other_line.resolve()), 27, 10, "SL101")}
    assert proc.returncode & 2
    # pylint's --disable applies too, by symbol or by id; no messages means exit status 0
    for disable in ("--disable=scopelint-variable-exists", "--disable=E9411"):
        proc, messages = pylint([plain], "--disable=all", "--enable=" + DEFAULT_SYMBOLS, disable, cwd=tmp_path)
        assert messages == [] and proc.returncode == 0, proc.stdout


def test_rules_off_by_default_are_registered_but_quiet(tmp_path: Path) -> None:
    # Endless recursion cuts the analysis off at its work budget: SL002, off by default.
    cut = tmp_path / "cut.py"
    cut.write_text("import tensorflow as tf\n\ndef f(n):\n    return f(n + 1)\n\n"
                   "f(0)\nv = tf.get_variable('v', [1])\n")
    proc, messages = pylint([cut], "--enable=all", "--disable=scopelint-analysis-incomplete", cwd=tmp_path)
    assert scopelint_messages(messages) == []
    proc, messages = pylint([cut], cwd=tmp_path)  # pylint's defaults
    assert scopelint_messages(messages) == []
    proc, messages = pylint([cut], "--disable=all", "--enable=scopelint-analysis-incomplete", cwd=tmp_path)
    assert found(messages, tmp_path) == {(str(cut.resolve()), 1, 1, "SL002")}
    listing = subprocess.run(
        [sys.executable, "-m", "pylint", "--rcfile", os.devnull, "--load-plugins=scopelint_pylint",
         "--list-msgs-enabled"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    enabled, _, disabled = listing.stdout.partition("Disabled messages:")
    for rule in RULES:
        entry = "scopelint-%s (%s)" % (rule.slug, rule.pylint_id)
        assert entry in (enabled if rule.enabled else disabled), entry


def test_unparsable_files_get_pylints_syntax_error_only(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("import tensorflow as tf\ndef f(:\n")
    old = tmp_path / "old.py"
    old.write_text("import tensorflow as tf\nprint 'building'\nx = `1`\nv = tf.get_variable('v', [1])\n")
    files = [broken, old, ROOT / "tests" / "python2" / "python2_port.py"]
    proc, messages = pylint(files, "--disable=all", "--enable=scopelint,syntax-error", cwd=tmp_path)
    assert sorted(m["symbol"] for m in messages) == ["syntax-error"] * 3, messages
    assert proc.returncode == 2, proc.stderr  # pylint's own "error messages were issued", not a crash (32/1)


def test_from_stdin_checks_the_text_given(tmp_path: Path) -> None:
    path = copy_example(tmp_path, "on_disk.py", (SECOND_CALL, "d_fake = discriminator(fake, reuse=True)"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "pylint", "--rcfile", os.devnull, "--persistent=n", "--score=n",
         "--load-plugins=scopelint_pylint", "--output-format=json", "--disable=all", "--enable=" + DEFAULT_SYMBOLS,
         "--from-stdin", str(path)],
        input=(ROOT / "examples" / "dcgan.py").read_text(), cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert [(m["line"], m["symbol"]) for m in json.loads(proc.stdout)] == [(27, "scopelint-variable-exists")]


TABLE_ROW = re.compile(r"^\|\s*([A-Z]\d{4})\s*\|\s*([a-z0-9-]+)\s*\|\s*(SL\d{3})\s*\|\s*(.*?)\s*\|\s*(yes|no)\s*\|\s*$")


def test_docs_table_matches_the_rules() -> None:
    rows = [TABLE_ROW.match(line) for line in (ROOT / "docs" / "pylint.md").read_text().splitlines()]
    table = [m.groups() for m in rows if m]
    expected = [(rule.pylint_id, "scopelint-" + rule.slug, rule.code, rule.title, "yes" if rule.enabled else "no")
                for rule in RULES]
    assert table == expected
