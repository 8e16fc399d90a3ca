"""The terminal report: findings as `path:line:col: CODE message [fix: ...]`, then a summary."""

from __future__ import annotations

from typing import List

from scopelint.report import Report, scope_tree, tree_lines
from scopelint.rules import BY_CODE


def render(report: Report) -> str:
    lines: List[str] = []
    for result in report.results:
        for diag in result.diagnostics:
            rule = BY_CODE.get(diag.code)
            fix = " [fix: %s]" % rule.fix if rule is not None else ""
            lines.append("%s:%d:%d: %s %s%s" % (result.path, diag.line, diag.col, diag.code, diag.message, fix))
    if report.findings:
        lines.append("")
        lines.append("Findings by rule:")
        for code, count in report.rule_counts().items():
            rule = BY_CODE.get(code)
            lines.append("  %s %-28s %d" % (code, rule.slug if rule else "", count))
    if report.skipped:
        lines.append("")
        lines.append("Files not analysed:")
        for result in report.skipped:
            lines.append("  %s: %s" % (result.path, result.skipped))
    with_variables = [r for r in report.results if r.inventory]
    if with_variables:
        lines.append("")
        lines.append("Variable inventory (what checkpoints of this code hold; `?` marks a part the analysis "
                     "could not predict):")
        for result in with_variables:
            lines.append("  %s  (%d variables, %d fully named)" % (
                result.path, len(result.inventory), result.names_known))
            lines.extend(tree_lines(scope_tree(result.inventory), "    "))
    lines.append("")
    lines.append(summary(report))
    return "\n".join(lines)


def summary(report: Report) -> str:
    """One line: what was checked and what was found."""
    files = len(report.results)
    text = "Checked %d file%s" % (files, "" if files == 1 else "s")
    if report.skipped:
        text += " (%d not analysed)" % len(report.skipped)
    text += ": %d variable%s predicted" % (report.variables, "" if report.variables == 1 else "s")
    if report.variables:
        text += " (%.0f%% fully named)" % (100 * report.coverage())
    findings = report.findings
    text += ", %s." % ("no findings" if not findings else "%d finding%s" % (findings, "" if findings == 1 else "s"))
    if report.incomplete:
        # SL002 is off by default: without this, "no findings" would read as a whole file checked
        text += (" The analysis stopped at its work budget in %d file%s: variables past that point may be "
                 "missing and errors there unreported (`--select SL002` shows where)." % (
                     report.incomplete, "" if report.incomplete == 1 else "s"))
    return text
