"""threading.Thread in the analysis: `start()` runs the target there and then, with a scope
stack of its own (TF's variable scopes, name scopes and creator scopes are per thread) over
the graph's one variable store. What the target raises ends the thread, not the caller.

Running the target to completion at `start()` is exact when the thread's graph building does
not interleave with the caller's (the caller joins it, or waits for it), as TF1 code that
builds in threads does; interleaved creation is a race in TF too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List

from scopelint.analysis.values import DictVal, ListVal
from scopelint.semantics.values import UNKNOWN

if TYPE_CHECKING:
    from scopelint.analysis.interpreter import Interpreter, State


class ThreadVal:
    """threading.Thread(target=..., args=..., kwargs=...)."""

    def __init__(self, target: Any, args: Any, kwargs: Any) -> None:
        self.target, self.args, self.kwargs = target, args, kwargs
        self.started = False


def make_thread(args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """threading.Thread(group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None)."""
    names = ("group", "target", "name", "args", "kwargs", "daemon")
    bound = dict(zip(names, args))
    for key, value in kwargs.items():
        if key not in names or key in bound:
            return UNKNOWN
        bound[key] = value
    target_args: Any = _items(bound.get("args", ()))
    target_kwargs = bound.get("kwargs") or {}
    if isinstance(target_kwargs, DictVal):
        target_kwargs = dict(target_kwargs.items) if target_kwargs.complete and not target_kwargs.poisoned else UNKNOWN
    if target_args is UNKNOWN or not isinstance(target_kwargs, dict) or \
            not all(isinstance(k, str) for k in target_kwargs):
        target_args, target_kwargs = UNKNOWN, UNKNOWN
    return ThreadVal(bound.get("target"), target_args, target_kwargs)


def thread_init_runs_nothing(args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """`threading.Thread.__init__(self, group=None, target=None, ...)` in a subclass's __init__,
    given no target: it keeps its arguments and calls nothing (a `start()` later runs `run`)."""
    names = ("self", "group", "target", "name", "args", "kwargs", "daemon")
    if len(args) > len(names) or any(key not in names for key in kwargs):
        return False
    target = kwargs.get("target", args[2] if len(args) > 2 else None)
    return target is None


def _items(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return tuple(value)
    if isinstance(value, ListVal) and value.items is not None and not value.poisoned:
        return tuple(value.items)
    return UNKNOWN


class ThreadMethod:
    def __init__(self, thread: ThreadVal, name: str) -> None:
        self.thread, self.name = thread, name

    def invoke(self, interp: "Interpreter", args: List[Any], kwargs: Dict[str, Any], st: "State") -> Any:
        thread = self.thread
        if self.name in ("start", "run"):
            if thread.target is None:
                return None
            if thread.args is UNKNOWN:
                st.graph.unknown_code_ran()
                return None
            if self.name == "run":  # the target, in the calling thread
                interp.call(thread.target, list(thread.args), dict(thread.kwargs), st, None)
                return None
            if thread.started:
                return None  # RuntimeError: threads can only be started once (not a scope error)
            thread.started = True
            interp.run_thread(thread.target, list(thread.args), dict(thread.kwargs), st)
            return None
        return UNKNOWN  # join, is_alive, setDaemon: nothing for the graph
