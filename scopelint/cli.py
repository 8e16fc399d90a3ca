"""The `scopelint` command line.

Exit codes (like ruff): 0 no findings, 1 findings, 2 usage or input error (missing file,
undecodable, syntax error), 3 the program run by `run`/`verify` raised an exception that is
not a scope error (or ran out of time), 4 internal error.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from typing import Any, Dict, List, Optional, Sequence

from scopelint.report import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_PROGRAM_ERROR, EXIT_INTERNAL = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scopelint",
        description="Predicts TF1 variable names and variable-scope errors before the graph is built.",
    )
    from scopelint import __version__

    parser.add_argument("--version", action="version", version="scopelint " + __version__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="EXECUTE a file against scopelint's reference runtime (runs your code!) and report its variables",
        description="Executes FILE under CPython with a stand-in `tensorflow` module (the reference runtime; "
        "TensorFlow itself is never imported) and reports every variable created or shared and the "
        "scope error that stopped it. This runs the program's code: use it only on code you trust. "
        "Static analysis (`names`, `check`) never executes anything.",
    )
    run.add_argument("file", help="the Python 3 program to run; its own arguments go after `--`: "
                     "scopelint run train.py -- --epochs 1")
    run.add_argument("--format", choices=("text", "json"), default="text",
                     help="text (default): one line per variable and error; json: the schema `names` prints")
    run.add_argument("--entry", help="after the module body, call this top-level function in a fresh graph")
    run.add_argument("--timeout", type=float, default=60.0, help="seconds before the run is stopped (default 60)")

    names = sub.add_parser("names", help="predict, without running it, every variable FILE creates")
    names.add_argument("file")
    names.add_argument("--format", choices=("text", "json"), default="text")
    names.add_argument("--explain", action="store_true", help=EXPLAIN_HELP)

    check = sub.add_parser(
        "check", help="report variable-scope errors in files and directories (static)",
        description="Analyses PATHs (files, or directories walked for .py files, skipping hidden, virtualenv "
        "and build directories and the configuration's `exclude`) without running them, and prints each "
        "finding as `path:line:col: CODE message [fix: ...]`, then a one-line summary on stderr.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to check")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="text (default) or json: a list of findings, each with path, line, col, code, message")
    check.add_argument("--explain", action="store_true", help=EXPLAIN_HELP)
    check.add_argument("--fix", action="store_true",
                       help="first apply the safe fixes (as `scopelint fix`), then report what remains")
    _selection_options(check)

    report = sub.add_parser(
        "report", help="a whole codebase: findings, the variable inventory as a scope tree, coverage",
        description="Analyses every Python file under PATHs in parallel and writes one report: findings per "
        "file with the fix, per-rule counts, files not analysed and why, the predicted variable inventory "
        "(what checkpoints of this code hold) and coverage (the share of names predicted fully). Results "
        "are cached per file content in .scopelint_cache/ beside pyproject.toml.",
        epilog=EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to report on")
    report.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    report.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    report.add_argument("--jobs", "-j", type=int, default=0, help="processes to use (default: all cores)")
    report.add_argument("--no-cache", action="store_true", help="analyse every file, and write no cache")
    report.add_argument("--cache-dir", metavar="DIR",
                        help="where to keep the cache (default: .scopelint_cache beside pyproject.toml, or here)")
    report.add_argument("--no-progress", action="store_true",
                        help="no progress bar (there is none when stderr is not a terminal)")
    _selection_options(report)

    verify = sub.add_parser(
        "verify",
        help="EXECUTE FILE on the reference runtime and compare with the static prediction (runs your code!)",
    )
    verify.add_argument("file")
    verify.add_argument("--timeout", type=float, default=60.0)

    ckpt = sub.add_parser(
        "ckpt", help="compare the variables FILE creates with what a checkpoint holds (static)",
        description="Predicts, without running it, the variables FILE creates (the module body, or the function "
        "--entry), and compares them with a checkpoint's keys: variables the checkpoint lacks (the restore "
        "fails) with their likely counterpart and an assignment_map for tf.train.init_from_checkpoint, shape "
        "and dtype mismatches, keys nothing creates. Reads TF's .index file itself (no TensorFlow needed).",
        epilog="exit codes:\n  0  the restore would succeed\n  1  it would fail\n  2  usage error, or the "
        "checkpoint cannot be read", formatter_class=argparse.RawDescriptionHelpFormatter)
    ckpt.add_argument("file", help="the program or module that builds the graph")
    ckpt.add_argument("--checkpoint", required=True, metavar="PREFIX",
                      help="a checkpoint prefix (model.ckpt-1000), its .index file, or a directory with a "
                      "`checkpoint` file")
    ckpt.add_argument("--names", action="store_true",
                      help="--checkpoint is a text list instead: one `name [dtype] [shape]` per line")
    ckpt.add_argument("--entry", help="the function that builds the graph (default: the module body)")
    ckpt.add_argument("--format", choices=("text", "json"), default="text")

    diff = sub.add_parser(
        "diff",
        help="the variables the working tree creates against a git revision's: renamed, added, removed (static)",
        description="Compares the variables the working tree's code creates with those the code at REV creates "
        "(read with git, nothing checked out): renamed (with the assignment_map that restores an old "
        "checkpoint), added, changed in shape or dtype, removed. PATHs default to the .py files changed since REV.",
        epilog="exit codes:\n  0  no change breaks restoring a checkpoint written at REV\n  1  one does (a variable "
        "renamed, added or changed)\n  2  usage error: not a git repository, unknown revision, no such path",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    diff.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: the changed .py files)")
    diff.add_argument("--base", required=True, metavar="REV", help="the git revision to compare with (HEAD, main, ...)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    from scopelint.fix.command import add_parser as add_fix_parser

    add_fix_parser(sub, _selection_options)

    rules = sub.add_parser("rules", help="list the rule catalog")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    return parser


EXIT_CODES_HELP = """exit codes:
  0  no findings
  1  findings (or a file that could not be analysed: SL001)
  2  usage or input error (missing path, unknown rule code, unreadable file)
  3  the program run by `run`/`verify` raised an exception that is not a scope error
  4  internal error"""


def _selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--select", help="comma-separated codes or prefixes to report (replaces the configuration's)")
    parser.add_argument("--ignore", help="comma-separated codes or prefixes not to report")


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `scopelint ... | head`: the reader left. Quietly, as other Unix tools do.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    words = list(sys.argv[1:] if argv is None else argv)
    program_args: List[str] = []
    if words[:1] == ["run"] and "--" in words:  # `scopelint run FILE [options] -- the program's own`
        cut = words.index("--")
        words, program_args = words[:cut], words[cut + 1:]
    args = parser.parse_args(words)
    args.program_args = program_args
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "run":
            return _cmd_run(args)
        if args.command == "rules":
            return _cmd_rules(args)
        if args.command == "names":
            return _cmd_names(args)
        if args.command == "fix" or (args.command == "check" and args.fix):
            return _cmd_fix(args)
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "report":
            return _cmd_report(args)
        if args.command == "ckpt":
            return _cmd_ckpt(args)
        if args.command == "diff":
            from scopelint.diff import command

            return command(args)
        if args.command == "verify":
            return _cmd_verify(args)
    except KeyboardInterrupt:
        print("scopelint: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        raise
    except Exception as exc:  # never a traceback for users; say what broke
        print("scopelint: internal error: %s: %s" % (type(exc).__name__, exc), file=sys.stderr)
        return EXIT_INTERNAL
    parser.error("unknown command %r" % args.command)
    return EXIT_USAGE


def _cmd_run(args: argparse.Namespace) -> int:
    from scopelint.runtime import RunFailed, run_file
    from scopelint.runtime.runner import RunTimeout

    def on_alarm(signum: int, frame: Any) -> None:
        raise RunTimeout()

    use_alarm = args.timeout and args.timeout > 0 and hasattr(signal, "SIGALRM")
    if use_alarm:
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, args.timeout)
    try:
        result = run_file(args.file, entry=args.entry, argv=args.program_args)
    except RunFailed as exc:
        print("scopelint: %s: %s" % (args.file, exc), file=sys.stderr)
        return EXIT_USAGE
    except RunTimeout:
        print("scopelint: %s: stopped after %ss (use --timeout)" % (args.file, args.timeout), file=sys.stderr)
        return EXIT_PROGRAM_ERROR
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print(_run_text(result))
    if result.get("unmodelled"):
        print("scopelint: note: %s calls TF APIs the reference runtime does not model (%s); variables they "
              "would create are missing" % (args.file, ", ".join(result["unmodelled"])), file=sys.stderr)
    exception = result.get("exception")
    if exception:
        print("Traceback of the program (most recent call last):\n%s" % exception.get("traceback", ""),
              end="", file=sys.stderr)
        print(
            "scopelint: %s:%s: the program raised %s: %s"
            % (args.file, exception.get("line"), exception["type"], exception["message"]),
            file=sys.stderr,
        )
        return EXIT_PROGRAM_ERROR
    if result.get("exit_status"):
        print("scopelint: %s: the program exited with status %s" % (args.file, result["exit_status"]),
              file=sys.stderr)
        return EXIT_PROGRAM_ERROR
    return EXIT_FINDINGS if result["diagnostics"] else EXIT_OK


def _run_text(result: Dict[str, Any]) -> str:
    from scopelint.semantics.shapes import from_json

    lines: List[str] = []
    for var in result["variables"]:
        shape = "?" if var["shape"] is None else str(from_json(var["shape"]))
        origin = "  (in %s)" % var["origin"] if var.get("origin") else ""
        lines.append("%s:%s: %-6s %s %s %s%s" % (result["file"], var["line"], var["action"], var["name"], shape,
                                                 var["dtype"] or "?", origin))
    for diag in result["diagnostics"]:
        lines.append(format_diagnostic(result["file"], diag))
    return "\n".join(lines) if lines else "%s: no variables" % result["file"]


def format_diagnostic(path: str, diag: Dict[str, Any]) -> str:
    from scopelint.rules import BY_CODE

    rule = BY_CODE.get(diag["code"])
    text = "%s:%s:%s: %s %s" % (path, diag["line"], diag.get("col") or 1, diag["code"], diag["message"])
    frames = diag.get("frames") or []
    if frames and frames[-1][0] != diag["line"]:
        text += " (raised at line %s in %s)" % (frames[-1][0], frames[-1][1])
    if rule is not None:
        text += " [fix: %s]" % rule.fix
    return text


def _cmd_rules(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from scopelint.rules import RULES

    if args.format == "json":
        print(json.dumps([asdict(rule) for rule in RULES], indent=2))
    else:
        for rule in RULES:
            print("%s  %-28s %s%s" % (rule.code, rule.slug, rule.title, "" if rule.enabled else " (off by default)"))
    return EXIT_OK


def _analyze(path: str, source: Any = None) -> Any:
    """The file analysed as `check` analyses it: with its project's follow-imports and work-budget."""
    from scopelint.analysis import analyze_source
    from scopelint.config import load_config
    from scopelint.source import read_source

    config = load_config(path)
    return analyze_source(source if source is not None else read_source(path), follow_imports=config.follow_imports,
                          work_budget=config.work_budget)


def _cmd_names(args: argparse.Namespace) -> int:
    from scopelint.api import reported_findings
    from scopelint.config import load_config
    from scopelint.source import read_source

    source = read_source(args.file)
    analysis = _analyze(args.file, source)
    if analysis.module is None:
        for notice in analysis.notices:
            print("scopelint: %s: %s" % (args.file, notice.message), file=sys.stderr)
        return EXIT_USAGE
    # What is reported (and sets the exit status) is what `check` would report: config, noqa.
    config = load_config(args.file)
    reported = reported_findings(analysis.all_findings(), source.text, config, args.file)
    if args.format == "json":
        result = analysis.as_json()
        result["path"] = args.file
        result["file"] = args.file  # the key `run --format json` uses: the two outputs diff directly
        print(json.dumps(result, indent=2))
    else:
        print(render_tree(args.file, analysis, {(d.line, d.code) for d in reported}))
        if args.explain:
            print(_explanation(args.file, analysis.not_followed()))
            print(_partly_unknown(analysis, source.text))
    return EXIT_FINDINGS if reported else EXIT_OK


EXPLAIN_HELP = ("also list the calls the analysis could not follow (unknown modules, unmodelled TF APIs, values it "
                "lost), each at its line: names after them may be partly unknown, errors they hide are not reported")


def _format_blindspot(path: str, blindspot: Any) -> str:
    return "%s:%d:%d: note: not followed: %s" % (path, blindspot.line, blindspot.col, blindspot.message)


def _explanation(path: str, not_followed: List[Any]) -> str:
    if not not_followed:
        # only calls after which something was still created or raised are listed (the others
        # cannot have changed a name): say so, not that every call was followed
        return "\nNo call scopelint could not follow came before a variable or error in %s." % path
    lines = ["", "Not followed (what these calls do is unknown: names after them may be partly unknown, and "
             "errors they would cause are not reported):"]
    lines += ["  line %d: %s" % (b.line, b.message) for b in not_followed]
    return "\n".join(lines)


MAX_PARTLY_UNKNOWN_LINES = 20


def _partly_unknown(analysis: Any, text: str) -> str:
    """The lines whose variables have a part of their name, shape or dtype the analysis could not
    compute, with the line's source: where the value came from is there (data read at run time,
    a library scopelint does not read, a value lost above), which `Not followed` does not list."""
    found: Dict[int, List[str]] = {}
    units = ([analysis.module] if analysis.module else []) + list(analysis.entries.values())
    for unit in units:
        for var in unit.variables:
            if var["action"] != "create":
                continue
            shape = var.get("shape")
            parts = [what for what, lost in (("name", "?" in var["name"]),
                                             ("shape", shape is None or "?" in [str(d) for d in shape]),
                                             ("dtype", var.get("dtype") is None)) if lost]
            if parts:
                notes = found.setdefault(var["line"], [])
                note = "%s (%s)" % (var["name"], ", ".join(parts))
                if note not in notes:
                    notes.append(note)
    if not found:
        return ""
    source = text.splitlines()
    lines = ["", "Partly unknown (a value these depend on was not computed: data read at run time, a module "
             "scopelint does not read, or a value lost on an earlier line):"]
    for line in sorted(found)[:MAX_PARTLY_UNKNOWN_LINES]:
        code = source[line - 1].strip() if 0 < line <= len(source) else ""
        names = found[line]
        shown = ", ".join(names[:3]) + (" and %d more" % (len(names) - 3) if len(names) > 3 else "")
        lines.append("  line %d: %s: `%s`" % (line, shown, code))
    if len(found) > MAX_PARTLY_UNKNOWN_LINES:
        lines.append("  ... and %d more lines" % (len(found) - MAX_PARTLY_UNKNOWN_LINES))
    return "\n".join(lines)


_LEGEND = (
    ("  [entry ", "[entry F]: a function nothing in the file calls, analysed as if called first in a fresh graph, "
     "with its parameters' defaults and unknown values for the others"),
    ("?", "?: a part of the name or shape the analysis could not predict"),
    ("(on some paths)", "(on some paths): created only on some of the paths through the code"),
    ("(incomplete)", "(incomplete): the analysis stopped at its work budget; names past that point are missing"),
)


def render_tree(path: str, analysis: Any, reported: Optional[Any] = None) -> str:
    """The predicted inventory as a scope tree: what checkpoints of this code will hold.
    `reported`: the (line, code) pairs to show (after config and noqa); None shows all."""
    from scopelint.semantics.shapes import from_json

    lines = ["%s" % path]
    units = [("module", analysis.module)] + [("entry " + name, unit) for name, unit in analysis.entries.items()]
    for label, unit in units:
        created = [v for v in unit.variables if v["action"] == "create"]
        if not created and not unit.diagnostics and label != "module":
            continue
        lines.append("  [%s]%s" % (label, " (incomplete)" if unit.incomplete else ""))
        tree: Dict[str, Any] = {}
        for var in created:
            node = tree
            parts = var["name"].split("/")
            for part in parts[:-1]:
                node = node.setdefault(part + "/", {})
            shape = "?" if var["shape"] is None else str(from_json(var["shape"]))
            maybe = "" if var.get("certain", True) else "  (on some paths)"
            node[parts[-1]] = "%s %s  line %s%s" % (shape, var["dtype"] or "?", var["line"], maybe)
        lines.extend(_tree_lines(tree, "    "))
        for diag in unit.diagnostics + unit.warnings:
            if reported is None or (diag.line, diag.code) in reported:
                lines.append("    " + format_diagnostic(path, diag.as_json()))
    body = "\n".join(lines)
    tree_text = "\n".join(line for line in lines if ": SL" not in line)  # messages have their own `?`
    legend = [text for marker, text in _LEGEND if marker in tree_text]
    if legend:
        body += "\n\n" + "\n".join(legend)
    return body


def _tree_lines(tree: Dict[str, Any], indent: str) -> List[str]:
    out: List[str] = []
    for key, value in tree.items():
        if isinstance(value, dict):
            out.append(indent + key)
            out.extend(_tree_lines(value, indent + "  "))
        else:
            out.append("%s%-24s %s" % (indent, key, value))
    return out


def _configured(args: argparse.Namespace) -> Optional[Any]:
    """The configuration for PATHs with the command line's selection, or None (usage error, said)."""
    import os

    from scopelint.config import load_config, unknown_codes, with_overrides

    missing = [p for p in args.paths if not os.path.exists(p)]
    for path in missing:
        print("scopelint: no such file or directory: %s" % path, file=sys.stderr)
    if missing:
        return None
    named = [c.strip().upper() for option in (args.select, args.ignore) if option for c in option.split(",")]
    wrong = unknown_codes([c for c in named if c])
    if wrong:
        print("scopelint: %s names no rule (see `scopelint rules`)" % ", ".join(wrong), file=sys.stderr)
        return None
    config = with_overrides(load_config(args.paths[0]), args.select, args.ignore)
    for warning in config.warnings:
        print("scopelint: warning: %s" % warning, file=sys.stderr)
    return config


def _cmd_check(args: argparse.Namespace) -> int:
    from scopelint.api import check_paths
    from scopelint.report import Report
    from scopelint.report.text import summary

    config = _configured(args)
    if config is None:
        return EXIT_USAGE
    run = check_paths(args.paths, config)
    findings: List[Dict[str, Any]] = [dict(d.as_json(), path=r.path) for r in run.results for d in r.diagnostics]
    if args.format == "json":
        if args.explain:
            notes = [dict(b.as_json(), path=r.path) for r in run.results for b in r.not_followed]
            print(json.dumps({"findings": findings, "not_followed": notes}, indent=2))
        else:
            print(json.dumps(findings, indent=2))
    else:
        for result in run.results:
            lines = [(d.line, d.col, format_diagnostic(result.path, dict(d.as_json(), path=result.path)))
                     for d in result.diagnostics]
            if args.explain:
                lines += [(b.line, b.col, _format_blindspot(result.path, b)) for b in result.not_followed]
            for _, _, text in sorted(lines, key=lambda item: (item[0], item[1])):
                print(text)
        print(summary(Report(tuple(run.results))), file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_OK


def _cmd_fix(args: argparse.Namespace) -> int:
    from scopelint.fix.command import run

    config = _configured(args)
    return EXIT_USAGE if config is None else run(args, config)


def _cmd_report(args: argparse.Namespace) -> int:
    import os

    from scopelint.api import check_paths
    from scopelint.cache import ResultCache, default_directory
    from scopelint.report import Report, render

    config = _configured(args)
    if config is None:
        return EXIT_USAGE
    jobs = args.jobs if args.jobs and args.jobs > 0 else (os.cpu_count() or 1)
    cache = None if args.no_cache else ResultCache(args.cache_dir or default_directory(config))
    bar = _ProgressBar() if sys.stderr.isatty() and not args.no_progress else None
    run = check_paths(args.paths, config, jobs=jobs, cache=cache, progress=bar)
    if bar is not None:
        bar.done()
    report = Report(tuple(run.results), roots=tuple(args.paths), cached=run.cached)
    text = render(report, args.format)
    from scopelint.report.text import summary

    cached = "; %d from the cache" % run.cached if run.cached else ""
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        print("%s%s. Report written to %s." % (summary(report).rstrip("."), cached, args.output), file=sys.stderr)
    else:
        print(text)
        if args.format != "text":
            print(summary(report).rstrip(".") + cached + ".", file=sys.stderr)
    return EXIT_FINDINGS if report.findings else EXIT_OK


class _ProgressBar:
    """`[#####.....] 120/480 files` on stderr, redrawn in place; only on a terminal."""

    def __init__(self) -> None:
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not total or done == self.last:
            return
        self.last = done
        width = 30
        filled = width * done // total
        sys.stderr.write("\r[%s%s] %d/%d files" % ("#" * filled, "." * (width - filled), done, total))
        sys.stderr.flush()

    def done(self) -> None:
        if self.last >= 0:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _cmd_ckpt(args: argparse.Namespace) -> int:
    from scopelint.api import check_path
    from scopelint.checkpoint import CheckpointError, read_checkpoint, read_name_list
    from scopelint.ckpt import compare, expected_variables, render_text

    try:
        entries = read_name_list(args.checkpoint) if args.names else read_checkpoint(args.checkpoint)
    except (CheckpointError, OSError) as exc:
        print("scopelint: %s: %s" % (args.checkpoint, exc), file=sys.stderr)
        return EXIT_USAGE
    result = check_path(args.file)
    if result.skipped is not None:
        print("scopelint: %s: %s" % (args.file, result.skipped), file=sys.stderr)
        return EXIT_USAGE
    units = {v.entry for v in result.inventory}
    if args.entry is not None and args.entry not in units:
        known = ", ".join(sorted(u for u in units if u)) or "none"
        print("scopelint: %s: no entry point %r creates variables (entry points that do: %s)"
              % (args.file, args.entry, known), file=sys.stderr)
        return EXIT_USAGE
    comparison = compare(expected_variables(result.inventory, args.entry), entries)
    if args.format == "json":
        print(json.dumps(dict(comparison.as_json(), file=args.file, checkpoint=args.checkpoint), indent=2))
    else:
        print(render_text(args.file, args.checkpoint, comparison))
    return EXIT_FINDINGS if comparison.restore_fails else EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from scopelint.runtime import RunFailed, run_file
    from scopelint.verify import compare_runs

    try:
        observed = run_file(args.file)
    except RunFailed as exc:
        print("scopelint: %s: %s" % (args.file, exc), file=sys.stderr)
        return EXIT_USAGE
    analysis = _analyze(args.file)
    if analysis.module is None:
        print("scopelint: %s: %s" % (args.file, analysis.notices[0].message), file=sys.stderr)
        return EXIT_USAGE
    differences = compare_runs(analysis.as_json(), observed)
    if observed.get("exception"):
        exc = observed["exception"]
        print("scopelint: %s:%s: the program raised %s: %s" % (args.file, exc["line"], exc["type"], exc["message"]),
              file=sys.stderr)
        return EXIT_PROGRAM_ERROR
    if differences:
        for line in differences:
            print(line)
        return EXIT_FINDINGS
    variables, errors = len(observed["variables"]), len(observed["diagnostics"])
    print("%s: the static prediction agrees with the reference runtime (%d variable%s, %d error%s)"
          % (args.file, variables, "" if variables == 1 else "s", errors, "" if errors == 1 else "s"))
    return EXIT_OK
