"""`scopelint run`: execute a program against the reference runtime and report what its
scope APIs did. This is the only place scopelint executes user code."""

from __future__ import annotations

import builtins
import contextlib
import types
import os
import sys
import threading
import traceback
from typing import Any, Dict, List, Optional, Sequence

from scopelint.runtime import app, context, modules
from scopelint.schema import variable_json
from scopelint.semantics.errors import API_SIGNATURE_ERROR, ScopeError, ScopeTypeError, ScopeValueError
from scopelint.source import module_paths
from scopelint.tf import registry
from scopelint.semantics.events import VariableCreated, VariableShared
from scopelint.semantics.locate import fix_frame
from scopelint.source import describe_syntax_error, read_source


class RunFailed(Exception):
    """The file could not be run at all (missing, unreadable, not Python 3)."""


class RunTimeout(BaseException):
    """Raised (from a timer signal) to stop a program that runs too long; a BaseException
    so that the program's own `except Exception` does not swallow it."""


def run_file(path: str, entry: Optional[str] = None, argv: Sequence[str] = ()) -> Dict[str, Any]:
    """Run FILE's module body (then `entry()` in a fresh graph, if given) on the runtime, with
    `argv` as its command-line arguments."""
    source = read_source(path)
    if source.error is not None:
        raise RunFailed(source.error)
    abspath = os.path.abspath(path)
    try:
        code = compile(source.text, abspath, "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise RunFailed(describe_syntax_error(source.text, exc, "which the runtime cannot run (`names` and "
                                              "`check` analyse it)", path=path, python2="Python 2 source")) from None
    run = context.start_run(abspath)
    app.reset()
    program = types.ModuleType("__main__")
    program.__file__ = abspath
    program.__dict__["__builtins__"] = builtins
    namespace: Dict[str, Any] = program.__dict__
    result: Dict[str, Any] = {"file": path, "entry": entry, "variables": [], "diagnostics": [], "exception": None,
                              "exit_status": None}
    saved_argv, saved_path, saved_main = sys.argv, list(sys.path), sys.modules.get("__main__")
    saved_builtins = dict(vars(builtins))  # a program's shims (`builtins.basestring = str`) end with it
    saved_modules = set(sys.modules)
    sys.argv = [abspath] + list(argv)
    sys.modules["__main__"] = program  # tf.app.run() looks up __main__.main
    sys.path.insert(0, os.path.dirname(abspath))
    start = 0

    def thread_died(args: Any) -> None:
        """A scope error ends the thread it is raised in (TF prints it): a diagnostic all the same."""
        if isinstance(args.exc_value, ScopeError):
            result["diagnostics"].append(_diagnostic(args.exc_value, abspath))
        else:
            default_hook(args)

    default_hook, threading.excepthook = threading.excepthook, thread_died
    try:
        # The program's prints go to stderr: stdout carries the report (JSON must stay valid).
        with modules.installed(), contextlib.redirect_stdout(sys.stderr):
            try:
                exec(code, namespace)
                if entry is not None:
                    function = namespace.get(entry)
                    if not callable(function):
                        raise RunFailed("no function %r at the top level of %s" % (entry, path))
                    context.reset_default_graph()
                    start = len(run.events)
                    function()
            except ScopeError as exc:
                result["diagnostics"].append(_diagnostic(exc, abspath))
            except SystemExit as exc:  # sys.exit(), argparse's usage errors, tf.app.run()
                status = exc.code
                if status not in (None, 0):
                    result["exit_status"] = status if isinstance(status, int) else 1
                    if not isinstance(status, int):
                        print(status, file=sys.stderr)  # sys.exit("message") prints it, as Python does
            except RunFailed:
                raise
            except Exception as exc:  # the program's own failure, unless a scope API refused its arguments
                if isinstance(exc, TypeError) and API_SIGNATURE_ERROR.match(str(exc)):
                    result["diagnostics"].append(_diagnostic(ScopeTypeError(str(exc)), abspath, exc))
                    return _finish(result, run, start)
                if _raised_by_scope_model(exc):
                    scope_error = (ScopeTypeError if isinstance(exc, TypeError) else ScopeValueError)(str(exc))
                    result["diagnostics"].append(_diagnostic(scope_error, abspath, exc))
                    return _finish(result, run, start)
                frames = _frames(exc, abspath)
                result["exception"] = {
                    "type": type(exc).__name__,
                    "message": str(exc),
                    "line": frames[-1].lineno if frames else None,
                    # the program's own frames (its project's modules too), as Python would print them
                    "traceback": "".join(traceback.format_list(_program_frames(exc))),
                }
    finally:
        threading.excepthook = default_hook
        sys.argv, sys.path[:] = saved_argv, saved_path
        for name in [n for n in vars(builtins) if n not in saved_builtins]:
            delattr(builtins, name)
        for name, value in saved_builtins.items():
            if vars(builtins).get(name, saved_builtins) is not value:
                setattr(builtins, name, value)
        home = os.path.dirname(abspath) + os.sep
        for name in [m for m in sys.modules if m not in saved_modules]:
            if any(path.startswith(home) for path in module_paths(sys.modules[name])):
                del sys.modules[name]  # the program's own modules (its project's ops.py): not the next run's
        if saved_main is not None:
            sys.modules["__main__"] = saved_main
        context.end_run()
    return _finish(result, run, start)


def _finish(result: Dict[str, Any], run: context.Run, start: int) -> Dict[str, Any]:
    result["variables"] = []
    for event, origin in zip(run.events[start:], run.events.origins[start:]):
        if isinstance(event, (VariableCreated, VariableShared)):
            item = variable_json(event)
            if origin is not None and origin[0] != run.path:  # made in another of the project's files
                item["origin"] = "%s:%d" % (os.path.relpath(origin[0], os.path.dirname(run.path)), origin[1])
            result["variables"].append(item)
    result["unmodelled"] = sorted(run.unmodelled)
    return result


def _raised_by_scope_model(exc: BaseException) -> bool:
    """A ValueError/TypeError/RuntimeError whose innermost frame is a model of TF's scope
    machinery (template.py): TF's own scope error, as the oracle classifies it."""
    if not isinstance(exc, (ValueError, TypeError, RuntimeError)):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and registry.is_scope_model_file(frames[-1].filename)


def _program_frames(exc: BaseException) -> List[traceback.FrameSummary]:
    """The traceback without scopelint's own frames (the runtime standing in for TF)."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    return [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.startswith(here)]


def _frames(exc: BaseException, abspath: str) -> List[traceback.FrameSummary]:
    return context.frames_shown(exc, [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == abspath])


def _diagnostic(exc: ScopeError, abspath: str, raised: Optional[BaseException] = None) -> Dict[str, Any]:
    summaries = _frames(raised or exc, abspath)
    frames = [(f.lineno or 0, f.name) for f in summaries]
    if not frames:
        return {"code": exc.code, "line": None, "col": None, "message": exc.message, "raised_line": None, "frames": []}
    chosen = fix_frame(frames, exc.origin)
    summary = summaries[frames.index(chosen)]
    colno = getattr(summary, "colno", None)
    return {
        "code": exc.code,
        "line": chosen[0],
        "col": colno + 1 if colno is not None else None,
        "message": exc.message,
        "raised_line": frames[-1][0],  # where TF's traceback points; `line` is where to fix it
        "frames": [list(f) for f in frames],
    }
