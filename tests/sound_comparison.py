"""Static prediction against a real run where the analysis may honestly not know everything.

In a program with a loop of unknown length the analysis names what it cannot know with `?`
(`layer_?/dense/kernel:0`, `dense?/kernel:0`), marks events that may not happen as not
certain, and warns (SL111) instead of claiming the error a second pass raises. Unknown must
stay unknown, never wrong:

- every variable the run created or shared on a line where static is sure of what happens
  (no event there that is not certain) is covered by a static event on that line, with the
  same action and dtype, a name the static pattern matches, and the same shape (or a shape
  static leaves unknown); where static is unsure, it describes the first passes of a loop
  (docs/how-it-works.md), so later passes' variables may go unnamed, but never misnamed;
- every static event with a fully known name that is certain happened in the run, unless the
  run stopped earlier on an error;
- every static name with an unknown part matches something the run did on that line, unless
  nothing happened on that line (a path or a pass that did not run) or the run stopped on an
  error (static's event may be a later call through that line); a fully known name that
  static says only may be created (`certain: false`) is a hedge the run cannot refute;
- the errors static claims are the run's (code, line, message); where they differ, the run
  must have stopped where static said it did not know: a warning, or an event that is not
  certain, on the line of the run's error or before it, or inside a loop of unknown length
  (whose body may run no time at all: an error there is one static may not claim). Static's
  claim holds for the runs that get past that point, this one did not.
"""

from __future__ import annotations

import ast
import re
from typing import AbstractSet, Any, Dict, List, Pattern, Set

from scopelint.verify import compare_runs


def _pattern(name: str) -> Pattern[str]:
    return re.compile("^" + ".*".join(re.escape(part) for part in name.split("?")) + "$")


def _covers(static: Dict[str, Any], event: Dict[str, Any]) -> bool:
    return (static["line"] == event["line"] and static["action"] == event["action"]
            and static.get("dtype") in (None, event["dtype"])
            and _shape_covers(static.get("shape"), event["shape"])
            and bool(_pattern(static["name"]).match(event["name"])))


def _shape_covers(static: Any, ran: Any) -> bool:
    """A static shape left unknown, or one whose lost dims ("?") stand for the run's."""
    if static is None or static == ran:
        return True
    return ran is not None and len(static) == len(ran) and all(s == "?" or s == r for s, r in zip(static, ran))


def _uncertain(static: Dict[str, Any]) -> bool:
    return not static.get("certain", True) or "?" in static["name"]


def unknown_loop_lines(source: str, unknown_names: Set[str]) -> Set[int]:
    """The lines of the bodies of loops whose header reads one of `unknown_names` (what the
    generator reads from the environment: `steps`, `os`)."""
    lines: Set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.For, ast.While)):
            header = node.iter if isinstance(node, ast.For) else node.test
            if any(isinstance(n, ast.Name) and n.id in unknown_names for n in ast.walk(header)):
                lines.update(range(node.body[0].lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def sound_differences(predicted: Dict[str, Any], observed: Dict[str, Any],
                      in_unknown_loops: AbstractSet[int] = frozenset()) -> List[str]:
    out: List[str] = []
    ran, claimed = observed["variables"], predicted["variables"]
    unsure_lines = {s["line"] for s in claimed if _uncertain(s)}
    for event in ran:
        if event["line"] not in unsure_lines and not any(_covers(s, event) for s in claimed):
            out.append("the run's %(action)s %(name)s at line %(line)s (shape %(shape)s) is not predicted" % event)
    stopped = bool(observed["diagnostics"])
    lines_run = {e["line"] for e in ran}
    for static in claimed:
        if any(_covers(static, e) for e in ran):
            continue
        if not _uncertain(static) and not stopped:
            out.append("static's certain %(action)s %(name)s at line %(line)s did not happen" % static)
        elif "?" in static["name"] and static["line"] in lines_run and not stopped:
            out.append("static's %(action)s %(name)s at line %(line)s matches nothing the run did there" % static)
    keys = ("code", "line", "message")
    run_errors = [tuple(d[k] for k in keys) for d in observed["diagnostics"]]
    claimed_errors = [tuple(d[k] for k in keys) for d in predicted["diagnostics"]]
    if claimed_errors == run_errors:
        return out
    # The run stopped on an error static did not claim: fine only where static said it did not
    # know (then an error static claims further on is one the run never reached).
    unsure = predicted.get("warnings", []) + [s for s in claimed if _uncertain(s)]
    doubt = bool(run_errors) and any(item["line"] <= run_errors[0][1] for item in unsure)
    if run_errors and not doubt:
        frames = observed["diagnostics"][0].get("frames") or [[run_errors[0][1]]]
        doubt = any(frame[0] in in_unknown_loops for frame in frames)
    if not doubt:
        out.append("static claims %s; the run raised %s" % (claimed_errors or "nothing", run_errors or "nothing"))
    return out


def static_differences(predicted: Dict[str, Any], observed: Dict[str, Any], source: str,
                       unknown_names: Set[str]) -> List[str]:
    """Exactly equal where everything can be known; sound where loops read `unknown_names`."""
    loops = unknown_loop_lines(source, unknown_names)
    return sound_differences(predicted, observed, loops) if loops else compare_runs(predicted, observed)
