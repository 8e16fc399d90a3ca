"""The rule catalog, its docs and its behaviour must not drift apart: every code has a page,
and every page's example produces that code where its comment says (static analyzer, and
the reference runtime for rules that raise)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scopelint.analysis import analyze_source
from scopelint.rules import RULES
from scopelint.runtime import run_file
from scopelint.source import Source

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def example(code: str) -> str:
    text = (DOCS / ("%s.md" % code)).read_text()
    section = text.split("## Example", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "%s.md has no python example" % code
    return match.group(1)


def test_every_rule_has_a_page_and_every_page_a_rule() -> None:
    pages = {p.stem for p in DOCS.glob("SL*.md")}
    assert pages == {rule.code for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_page_has_the_sections_and_title(rule) -> None:
    text = (DOCS / ("%s.md" % rule.code)).read_text()
    assert text.startswith("# %s %s: %s" % (rule.code, rule.slug, rule.title))
    for heading in ("## What it does", "## Why is this bad", "## Example"):
        assert heading in text


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_example_produces_the_code_on_the_marked_line(rule, tmp_path: Path) -> None:
    source = example(rule.code)
    marked = [i + 1 for i, line in enumerate(source.splitlines()) if re.search(r"#\s*%s\b" % rule.code, line)]
    assert marked, "the example marks no line with %s" % rule.code
    path = tmp_path / "example.py"
    path.write_text(source)
    analysis = analyze_source(Source(str(path), source))
    found = {(d.line, d.code) for d in analysis.all_findings()}
    if rule.code == "SL001":
        assert any(d.code == "SL001" for d in analysis.notices)
        return
    assert (marked[0], rule.code) in found, "static analysis found %s" % sorted(found)
    if rule.raises:
        observed = run_file(str(path))
        assert [(d["code"], d["line"]) for d in observed["diagnostics"]] == [(rule.code, marked[0])]
