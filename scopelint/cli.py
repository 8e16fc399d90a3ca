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

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_PROGRAM_ERROR, EXIT_INTERNAL = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scopelint",
        description="Predicts TF1 variable names and variable-scope errors before the graph is built.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="EXECUTE a file against scopelint's reference runtime (runs your code!) and report its variables",
        description="Executes FILE under CPython with a stand-in `tensorflow` module (the reference runtime; "
        "TensorFlow itself is never imported) and reports every variable created or shared and the "
        "scope error that stopped it. This runs the program's code: use it only on code you trust. "
        "Static analysis (`names`, `check`) never executes anything.",
    )
    run.add_argument("file")
    run.add_argument("--format", choices=("text", "json"), default="text")
    run.add_argument("--entry", help="after the module body, call this top-level function in a fresh graph")
    run.add_argument("--timeout", type=float, default=60.0, help="seconds before the run is stopped (default 60)")

    rules = sub.add_parser("rules", help="list the rule catalog")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "run":
            return _cmd_run(args)
        if args.command == "rules":
            return _cmd_rules(args)
    except KeyboardInterrupt:
        print("scopelint: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
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
        result = run_file(args.file, entry=args.entry)
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
    exception = result.get("exception")
    if exception:
        print(
            "scopelint: %s:%s: the program raised %s: %s"
            % (args.file, exception.get("line"), exception["type"], exception["message"]),
            file=sys.stderr,
        )
        return EXIT_PROGRAM_ERROR
    return EXIT_FINDINGS if result["diagnostics"] else EXIT_OK


def _run_text(result: Dict[str, Any]) -> str:
    from scopelint.semantics.shapes import TensorShape

    lines: List[str] = []
    for var in result["variables"]:
        shape = "?" if var["shape"] is None else str(TensorShape(var["shape"]))
        lines.append("%s:%s: %-6s %s %s %s" % (result["file"], var["line"], var["action"], var["name"], shape,
                                               var["dtype"] or "?"))
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
