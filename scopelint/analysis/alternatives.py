"""Using a value that is one of a few known callables or instances (values.Alternatives): the
name an undecided branch bound to `tf.image.decode_jpeg` on one path and `decode_png` on the
other (BEGAN's data loader), the trainer that is `MpiAdamOptimizer(...)` or `AdamOptimizer(...)`
(baselines' ppo2).

A call runs once per alternative, each on its own path (as the bodies of an undecided `if`:
Interpreter.run_paths journals what a path changes in shared lists, dicts and instances), and the
paths' states and results are joined. Each path runs as certain as the caller's, as if its option
were the value; what the paths reported is settled after: an event, finding or warning every path
made is kept once, as certain as it was, and the others are uncertain (events) or dropped. So the
trainer built twice raises on every path, and is reported. Inside a `try`, whose handlers would
read a raise on one path as certain, the paths are uncertain from the start.

Each alternative's call costs its own work from the budget. Recursion is bounded as any call is
(MAX_RECURSION per function); on top of it, a call of alternatives made while MAX_NESTING others
are running is unknown code, as it was before alternatives existed, so that fan-out stays at most
MAX_ALTERNATIVES ** MAX_NESTING paths.
"""

from __future__ import annotations

import ast
import dataclasses
from typing import Any, Callable, List, Optional, Tuple

from scopelint.analysis.analysis_state import State
from scopelint.analysis.class_members import attribute_hook
from scopelint.analysis.markers import Property
from scopelint.analysis.values import (
    Alternatives, BoundMethod, ClassVal, FunctionVal, InstanceVal, join_values, MISSING,
)
from scopelint.semantics.values import UNKNOWN

MAX_NESTING = 2


def on_each(interp: Any, value: Alternatives, st: State, run: Callable[[Any, State], Any]) -> Any:
    """Run `run(option, fork)` for each alternative on a fork of `st`, join the forks into `st`
    and return the join of the results of the forks that go on."""
    results: List[Any] = []
    events = st.graph.events  # one list, which every fork appends to
    start = len(events)
    ends: List[int] = []
    # Each alternative runs as certain as the caller, as if it were the one: what it reports is
    # settled once all have run (an error every alternative raises is certain). Not inside a
    # `try`, whose handlers would take a raise on one alternative's path for a certain one.
    as_certain = not interp.tries
    findings_start, warnings_start = len(interp.findings), len(interp.warnings)
    findings: List[List[Any]] = []
    warnings: List[List[Any]] = []

    def path(option: Any) -> Callable[[], State]:
        def go() -> State:
            fork = st.fork(certain=as_certain)
            reported, warned = len(interp.findings), len(interp.warnings)
            result = run(option, fork)
            if fork.alive:
                results.append(result)
            ends.append(len(events))
            findings.append(interp.findings[reported:])
            warnings.append(interp.warnings[warned:])
            return fork
        return go

    interp.join_into(st, interp.run_paths([path(option) for option in value.options]))
    _merge_alike_events(events, start, ends)
    _keep_if_every_path(interp.findings, findings_start, findings)
    _keep_if_every_path(interp.warnings, warnings_start, warnings)
    if not st.alive or not results:
        return UNKNOWN
    joined = results[0]
    for other in results[1:]:
        joined = join_values(joined, other, alternatives=True)
    return joined


def optional_name(test: ast.expr, st: State) -> Optional[Tuple[str, Alternatives]]:
    """A name `test` reads whose value is one of a few options with None among them (`if MPI is
    not None and comm is None:`): the test is decided on each option's path, not undecided."""
    names = getattr(test, "_scopelint_names", None)  # on the node: an `if` runs many times
    if names is None:
        names = test._scopelint_names = tuple(dict.fromkeys(  # type: ignore[attr-defined]
            sub.id for sub in ast.walk(test) if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load)))
    env = st.env
    for name in names:
        if name in env.global_names or name in env.nonlocal_names:
            continue  # a fork's binding of it would not be the one the code reads and writes
        value = env.lookup(name)
        if type(value) is Alternatives and None in value.options:
            return name, value
    return None


def each_option(interp: Any, st: State, name: str, value: Alternatives, run: Callable[[State], Any]) -> Any:
    """Run `run(fork)` once per option of `name`'s value, each on a fork where `name` is that
    option (bound in the fork's own frame), settled and joined into `st` as on_each does.
    `run(st)`, unsplit, when MAX_NESTING splits or calls of alternatives are already running."""
    had_own = name in st.env.vars

    def one(option: Any, fork: State) -> Any:
        fork.env.vars[name] = option
        return run(fork)

    result = on_each_nested(interp, value, st, one, lambda: run(st))
    if not had_own and st.alive:
        st.env.vars.pop(name, None)  # it is read from the enclosing frame again, as it was
    return result


def _keep_if_every_path(reports: List[Any], start: int, per_path: List[List[Any]]) -> None:
    """Findings (or warnings) each alternative's path made as if certain: kept once when every
    path made the same, dropped otherwise (each was made on some paths only)."""
    del reports[start:]
    if per_path and all(made == per_path[0] for made in per_path[1:]):
        reports.extend(per_path[0])


def _merge_alike_events(events: List[Any], start: int, ends: List[int]) -> None:
    """Where every alternative made the same events (the same slots of two Adam optimizers, the
    same layer after either activation), list them once, each as certain as it was on every path
    (each alternative ran on a fork as certain as the caller, or on an uncertain one inside a
    `try`). Otherwise each alternative's events happened on its path only: uncertain."""
    bounds = [start] + ends
    segments = [events[a:b] for a, b in zip(bounds, bounds[1:])]
    if len(segments) >= 2 and segments[0] and all(other == segments[0] for other in segments[1:]):
        del events[start + len(segments[0]):]
        return
    for index in range(start, len(events)):
        event = events[index]
        if getattr(event, "certain", False):
            events[index] = dataclasses.replace(event, certain=False)


def attribute(interp: Any, value: Alternatives, name: str, st: State) -> Any:
    """`value.name`: each alternative's attribute, joined (Alternatives again when they are a few
    known callables: `trainer.compute_gradients`). A read that may run code (a property's getter,
    an attribute of a TF API) runs on each alternative's path, as a call does."""
    if None in value.options and not hasattr(None, name):
        # AttributeError on the None option's path (`comm.Get_size()` where comm may be None)
        return on_each_nested(interp, value, st, none_raises(interp, lambda option, fork: interp.get_attribute(
            option, name, fork)), lambda: UNKNOWN)
    if all(_plain_read(option, name) for option in value.options):
        joined: Any = MISSING
        for option in value.options:
            found = interp.get_attribute(option, name, st)
            joined = found if joined is MISSING else join_values(joined, found, alternatives=True)
        return joined
    return on_each_nested(interp, value, st, lambda option, fork: interp.get_attribute(option, name, fork),
                          lambda: UNKNOWN)


def on_each_nested(interp: Any, value: Alternatives, st: State, run: Callable[[Any, State], Any],
                   otherwise: Callable[[], Any]) -> Any:
    """on_each, counted against MAX_NESTING: `otherwise()` when that many are running already."""
    if interp.alternative_depth >= MAX_NESTING:
        return otherwise()
    interp.alternative_depth += 1
    try:
        return on_each(interp, value, st, run)
    finally:
        interp.alternative_depth -= 1


def none_raises(interp: Any, run: Callable[[Any, State], Any]) -> Callable[[Any, State], Any]:
    """`run` for each option but None, which used as a callable or an object raises TypeError or
    AttributeError on its path."""
    def each(option: Any, fork: State) -> Any:
        if option is None:
            interp._program_raised(fork)
            return UNKNOWN
        return run(option, fork)
    return each


def _plain_read(option: Any, name: str) -> bool:
    """Reading `option.name` runs no code of the program's or TF's."""
    if isinstance(option, InstanceVal):
        if name in option.attrs:
            return True
        found = option.cls.lookup(name)
        return not isinstance(found, Property) and not (found is MISSING and attribute_hook(option, name) is not None)
    if isinstance(option, ClassVal):
        return not isinstance(option.lookup(name), Property)
    return isinstance(option, (FunctionVal, BoundMethod))


def bind(interp: Any, value: Alternatives, receiver: Any, st: State) -> Any:
    """A class attribute that is one of a few functions, read through an instance: each bound."""
    return Alternatives(tuple(interp.bind(option, receiver, st) for option in value.options))
