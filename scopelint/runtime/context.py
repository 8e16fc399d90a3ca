"""The runtime's graphs: a default-graph stack over semantics GraphStates, and the source
lines (frames in the executed file) that each event is attributed to."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from scopelint.semantics.graph import GraphState, StoredPartitioned, StoredVariable, ThreadedGraphState
from scopelint.semantics.locate import Frame


class _EventLog(list):  # type: ignore[type-arg]
    """The run's events; beside each, where in the program's own files it happened (a variable
    made in the project's ops.py is attributed to the line of the file that called into it,
    and `origins` says where it really was)."""

    def __init__(self, run: "Run") -> None:
        super().__init__()
        self.run = run
        self.origins: List[Optional[Tuple[str, int]]] = []

    def append(self, event: Any) -> None:
        super().append(event)
        self.origins.append(self.run.origin())


class Run:
    """One execution of one file: which file's frames count, and all events in order."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.home = os.path.dirname(path) + os.sep  # the program's project: its own modules
        self.events: _EventLog = _EventLog(self)
        self.depth_limits: List[int] = []  # frames below these depths are hidden (autograph)
        self.unmodelled: Set[str] = set()  # TF APIs the program called that the runtime stubs out

    def frames(self) -> Tuple[Frame, ...]:
        found: List[Frame] = []
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.path:
                found.append((frame.f_lineno, frame.f_code.co_name))
            frame = frame.f_back  # type: ignore[assignment]
        found.reverse()
        if self.depth_limits:
            found = found[: self.depth_limits[-1]]
        return tuple(found)

    def origin(self) -> Optional[Tuple[str, int]]:
        """The innermost frame in the program's project (its own modules, not scopelint's)."""
        frame = sys._getframe(2)
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename.startswith(self.home) and not filename.startswith(_SCOPELINT_HOME):
                return filename, frame.f_lineno
            frame = frame.f_back  # type: ignore[assignment]
        return None

    @contextlib.contextmanager
    def hide_deeper_frames(self) -> Iterator[None]:
        """TF 2.x converts functions given to map_fn/scan with autograph: their frames are
        in a generated file, so what they create is attributed to the calling line."""
        self.depth_limits.append(len(self.frames()))
        try:
            yield
        finally:
            self.depth_limits.pop()


_RUN: Optional[Run] = None
_FRAMES_SHOWN = "_scopelint_frames_shown"


def hide_frames_below(exc: BaseException, depth: int) -> None:
    """An exception leaving a function autograph converted: of the program's frames in its
    traceback, only the outermost `depth` are TF's (the outermost converted call wins)."""
    shown = getattr(exc, _FRAMES_SHOWN, None)
    setattr(exc, _FRAMES_SHOWN, depth if shown is None else min(shown, depth))


def frames_shown(exc: BaseException, frames: List[Any]) -> List[Any]:
    """The program's frames of an exception's traceback (outermost first), as TF's shows them."""
    shown = getattr(exc, _FRAMES_SHOWN, None)
    return frames if shown is None else frames[:shown]


_SCOPELINT_HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


class Graph:
    """tf.Graph: a semantics GraphState plus the collections user code reads."""

    def __init__(self) -> None:
        run = _RUN or Run("<none>")
        self.state: GraphState = ThreadedGraphState(events=run.events, frames=run.frames, wrap=self._wrap)
        self._objects: Dict[int, Any] = {}

    def _wrap(self, record: Any) -> Any:
        from scopelint.runtime.variables import PartitionedVariable, Variable

        existing = self._objects.get(id(record))
        if existing is not None:
            return existing
        if isinstance(record, StoredPartitioned):
            wrapped: Any = PartitionedVariable(record, [self._wrap(p) for p in record.parts])
        elif isinstance(record, StoredVariable):
            wrapped = Variable(record)
        else:
            return record
        self._objects[id(record)] = wrapped
        return wrapped

    # Collections live in the semantics core (the analysis reads them too); the runtime's view
    # of a stored variable is its Variable object.
    def get_collection(self, key: str, scope: Optional[str] = None) -> List[Any]:
        items = self.state.get_collection(key, scope)
        return [self._wrap(item) for item in items]

    def get_collection_ref(self, key: str) -> List[Any]:
        """The live list: stored variables in it are replaced by their Variable objects first."""
        items = self.state.collections.setdefault(key, [])
        items[:] = [self._wrap(item) for item in items]
        return items

    def add_to_collection(self, key: str, value: Any) -> None:
        self.state.add_to_collections([key], value)

    @contextlib.contextmanager
    def as_default(self) -> Iterator["Graph"]:
        _DEFAULTS.graphs.append(self)
        try:
            yield self
        finally:
            _DEFAULTS.graphs.pop()

    def name_scope(self, name: Any) -> Any:
        from scopelint.runtime.api import name_scope

        return name_scope(name)

    def get_name_scope(self) -> str:
        stack = self.state.name_stack
        return stack if isinstance(stack, str) else stack.render()

    def _get_control_flow_context(self) -> Any:
        """None: the runtime builds tf.cond and tf.while_loop bodies inline, in no control flow
        context (tensorpack's add_moving_summary asks it whether it runs under XLA)."""
        return None

    def unique_name(self, name: str, mark_as_used: bool = True) -> str:
        result = self.state.unique_name(name, mark_as_used)
        return result if isinstance(result, str) else result.render()

    @property
    def finalized(self) -> bool:
        return self.state.finalized is True

    @property
    def _finalized(self) -> bool:  # TF's attribute, which programs set to get past a finalize
        return self.finalized

    @_finalized.setter
    def _finalized(self, value: bool) -> None:
        self.state.finalized = bool(value)

    def finalize(self) -> None:
        """No op can be added afterwards: the core raises TF's RuntimeError on the next one."""
        self.state.finalized = True

    def _unsafe_unfinalize(self) -> None:
        self.state.finalized = False

    def control_dependencies(self, deps: Any) -> Any:
        return contextlib.nullcontext()

    def device(self, name: Any) -> Any:
        return contextlib.nullcontext()

    def colocate_with(self, op: Any, ignore_existing: bool = False) -> Any:
        return contextlib.nullcontext()

    def gradient_override_map(self, op_type_map: Any) -> Any:
        return contextlib.nullcontext()

    def container(self, container_name: Any) -> Any:
        return contextlib.nullcontext()

    def get_operations(self) -> List[Any]:
        return []

    def get_tensor_by_name(self, name: str) -> Any:
        from scopelint.runtime.tensors import Tensor

        return Tensor(None)


class _DefaultGraphStack(threading.local):
    """Per thread, as TF's: the stack of `as_default()` graphs, and under it the thread's own
    global default graph (a thread that does not enter its caller's graph builds in a new one)."""

    def __init__(self) -> None:
        self.graphs: List[Graph] = []
        self.global_default: Optional[Graph] = None


_DEFAULTS = _DefaultGraphStack()


def start_run(path: str) -> Run:
    global _RUN
    _RUN = Run(path)
    _DEFAULTS.global_default = Graph()
    _DEFAULTS.graphs[:] = []
    return _RUN


def end_run() -> None:
    global _RUN
    _RUN = None
    _DEFAULTS.global_default = None
    _DEFAULTS.graphs[:] = []


def default_graph() -> Graph:
    if _DEFAULTS.graphs:
        return _DEFAULTS.graphs[-1]
    if _DEFAULTS.global_default is None:
        _DEFAULTS.global_default = Graph()
    return _DEFAULTS.global_default


def reset_default_graph() -> None:
    if _DEFAULTS.graphs:
        from scopelint.semantics import errors

        raise errors.NestedGraphResetError(errors.NESTED_GRAPH_RESET)
    _DEFAULTS.global_default = Graph()


def state() -> GraphState:
    return default_graph().state
