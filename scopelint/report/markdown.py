"""The Markdown report: for a pull-request comment or a CI job summary."""

from __future__ import annotations

from typing import List

from scopelint.report import Report, scope_tree, tree_lines
from scopelint.report.text import summary
from scopelint.rules import BY_CODE


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    lines: List[str] = ["# scopelint report", "", summary(report), ""]
    if report.findings:
        lines += ["## Findings", "", "| location | code | message | fix |", "|---|---|---|---|"]
        for result in report.results:
            for diag in result.diagnostics:
                rule = BY_CODE.get(diag.code)
                lines.append("| `%s:%d:%d` | %s | %s | %s |" % (
                    _cell(result.path), diag.line, diag.col, diag.code, _cell(diag.message),
                    _cell(rule.fix if rule else "")))
        lines += ["", "| rule | findings |", "|---|---|"]
        for code, count in report.rule_counts().items():
            rule = BY_CODE.get(code)
            lines.append("| %s %s | %d |" % (code, rule.slug if rule else "", count))
        lines.append("")
    if report.skipped:
        lines += ["## Files not analysed", ""]
        lines += ["- `%s`: %s" % (_cell(r.path), _cell(r.skipped or "")) for r in report.skipped]
        lines.append("")
    lines += ["## Coverage", "", "| file | variables | fully named |", "|---|---|---|"]
    for result in report.results:
        if result.inventory:
            lines.append("| `%s` | %d | %d |" % (_cell(result.path), len(result.inventory), result.names_known))
    lines.append("| **all** | %d | %d (%.0f%%) |" % (report.variables, report.fully_known, 100 * report.coverage()))
    with_variables = [r for r in report.results if r.inventory]
    if with_variables:
        lines += ["", "## Variable inventory", ""]
        for result in with_variables:
            summary_line = "<details><summary><code>%s</code> (%d variables)</summary>" % (
                result.path, len(result.inventory))
            lines += [summary_line, "", "```"]
            lines += tree_lines(scope_tree(result.inventory), "")
            lines += ["```", "", "</details>", ""]
    return "\n".join(lines).rstrip() + "\n"
