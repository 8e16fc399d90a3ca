"""`scopelint fix PATH... [--diff]` and `scopelint check --fix`: the command-line side of the
fixes. Imports nothing heavy at module level (the CLI builds its parser from here at start-up)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable, Dict, List

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

FIX_EXIT_CODES = """exit codes:
  0  nothing left to report: every finding was fixed, or there was none
  1  findings remain (no safe fix for them; each is listed with the reason), or, with
     --diff, a fix would be made
  2  usage or input error (missing path, unknown rule code), or libcst is not installed
  4  internal error"""


def add_parser(sub: Any, selection_options: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = sub.add_parser(
        "fix", help="rewrite files to fix SL101, SL102 and SL201 where it is safe (static; libcst)",
        description="Fixes the findings a safe rewrite is known for (docs/fixes.md): an ignored reuse=False "
        "(SL201), a second build of a network meant to share (SL101: reuse on the tf.variable_scope it passes "
        "through), a root reuse_variables() that makes an optimizer's slots fail (SL102). Each rewrite is "
        "re-analysed before it is written: the finding must be gone, no finding may appear, and every variable "
        "the file creates keeps its name, shape and dtype. Comments and formatting are kept.",
        epilog=FIX_EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to fix")
    parser.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    selection_options(parser)


def run(args: argparse.Namespace, config: Any) -> int:
    """`fix` (args.diff set or not) and `check --fix` (args.format set): fix, write, report."""
    from scopelint.fix import libcst_missing

    missing = libcst_missing()
    if missing is not None:
        print("scopelint: %s" % missing, file=sys.stderr)
        return EXIT_USAGE
    from scopelint.api import iter_python_files
    from scopelint.fix.engine import FileFix, fix_path

    show_diff = getattr(args, "diff", False)
    outcomes: List[FileFix] = []
    for path in iter_python_files(args.paths, config):
        outcome = fix_path(path, config)
        outcomes.append(outcome)
        if outcome.changed:
            if show_diff:
                sys.stdout.write(_unified_diff(outcome))
            else:
                outcome.write()
        for applied in outcome.applied:
            print("%s:%d: %s %s: %s" % (path, applied.line, applied.code, "fixable" if show_diff else "fixed",
                                        applied.summary), file=sys.stderr)
        for refused in outcome.refused:
            print("%s:%d: %s %s" % (path, refused.line, refused.code, refused.reason), file=sys.stderr)
    remaining = [(o.path, d) for o in outcomes for d in o.result.diagnostics]
    print(_summary(outcomes, len(remaining), show_diff), file=sys.stderr)
    if getattr(args, "command", None) == "check":
        _print_remaining(args, outcomes)
    if show_diff and any(o.changed for o in outcomes):
        return EXIT_FINDINGS
    return EXIT_FINDINGS if remaining else EXIT_OK


def _unified_diff(outcome: Any) -> str:
    import difflib

    lines = difflib.unified_diff(outcome.original.splitlines(True), outcome.fixed.splitlines(True),
                                 "a/" + outcome.path.lstrip("/"), "b/" + outcome.path.lstrip("/"))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _print_remaining(args: argparse.Namespace, outcomes: List[Any]) -> None:
    """What `check` prints, for the files as they are after the fixes."""
    from scopelint.cli import format_diagnostic
    from scopelint.report import Report
    from scopelint.report.text import summary

    findings: List[Dict[str, Any]] = [dict(d.as_json(), path=o.path) for o in outcomes for d in o.result.diagnostics]
    if args.format == "json":
        print(json.dumps(findings, indent=2))
    else:
        for item in findings:
            print(format_diagnostic(item["path"], item))
        print(summary(Report(tuple(o.result for o in outcomes))), file=sys.stderr)


def _summary(outcomes: List[Any], remaining: int, show_diff: bool) -> str:
    fixed = sum(len(o.applied) for o in outcomes)
    files = sum(1 for o in outcomes if o.changed)
    verb = "Would fix" if show_diff else "Fixed"
    text = "%s %d finding%s in %d file%s" % (verb, fixed, "" if fixed == 1 else "s", files, "" if files == 1 else "s")
    if show_diff:
        text += " (nothing written)"
    if show_diff:
        return "%s; %d finding%s would remain." % (text, remaining, "" if remaining == 1 else "s")
    return "%s; %d finding%s remain%s." % (text, remaining, "" if remaining == 1 else "s",
                                           "" if remaining != 1 else "s")
