"""Values the interpreter hands the program for context-manager plumbing: contextlib.ExitStack and
suppress, a scope's methods, a scope manager entered by hand, and the exit of a `with` scope."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List

from scopelint.analysis import tf_api
from scopelint.analysis.analysis_state import State
from scopelint.analysis.fix_sites import FixSite, REUSE_CALL
from scopelint.analysis.values import CreatorScopeCM, is_concrete, NameScopeCM, OpaqueVal, ScopeCM
from scopelint.runtime.tensors import Tensor
from scopelint.semantics.graph import scope_collection_prefix, VariableScope
from scopelint.semantics.values import UNKNOWN

if TYPE_CHECKING:
    from scopelint.analysis.interpreter import Interpreter


class _ExitStack:
    """contextlib.ExitStack(): the exits of the contexts entered on it, run when its `with` ends."""

    def __init__(self) -> None:
        self.exits: List[Callable[[State], None]] = []


class _ExitStackMethod:
    def __init__(self, stack: _ExitStack, name: str) -> None:
        self.stack = stack
        self.name = name

    def invoke(self, interp: Interpreter, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        manager = args[0] if args else None
        if self.name == "close":
            while self.stack.exits:
                self.stack.exits.pop()(st)
            return None
        if self.name == "enter_context" and isinstance(manager, (ScopeCM, NameScopeCM)):
            opened = interp.open_scope(manager, st, None)
            if opened is None:
                return UNKNOWN
            value, leave = opened
            self.stack.exits.append(leave)
            return value
        if self.name == "enter_context" and (_is_neutral(manager) or isinstance(manager, (Tensor, str))):
            return UNKNOWN
        # Anything else (callbacks, other context managers) may run code at any point.
        if self.name == "enter_context":
            scope, stack = st.graph.current, st.graph.name_stack
            interp._enter_unknown_scope(st)

            def leave(s: State) -> None:
                s.graph.current, s.graph.name_stack = scope, stack

            self.stack.exits.append(leave)
        st.graph.unknown_code_ran()
        return UNKNOWN


class _ScopeExit:
    """How a `with tf.variable_scope(...)` block leaves its scope; Python attributes an error its
    exit raises to the `with` line."""

    def __init__(self, interp: "Interpreter", leave: Callable[[State], None], line: int, col: int) -> None:
        self.interp, self.leave, self.line, self.col = interp, leave, line, col

    def __call__(self, st: State) -> None:
        frame = self.interp.frames[-1] if self.interp.frames else None
        saved = (frame[0], frame[2]) if frame is not None else None
        if frame is not None:
            frame[0], frame[2] = self.line, self.col
        try:
            self.leave(st)
        finally:
            if frame is not None and saved is not None:
                frame[0], frame[2] = saved


class _ManualEntry:
    """`cm.__enter__()` / `cm.__exit__(...)` of a variable or name scope, called by hand: the
    scope stays open between the two calls (TF keeps a stack of entries per manager)."""

    def __init__(self, manager: Any, name: str) -> None:
        self.manager = manager
        self.name = name

    def invoke(self, interp: Interpreter, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        entries: List[Callable[[State], None]] = self.manager.__dict__.setdefault("manual_entries", [])
        if self.name == "__enter__":
            opened = interp.open_scope(self.manager, st, None) if not isinstance(self.manager, CreatorScopeCM) \
                else interp.open_creator_scope(self.manager, st)
            if opened is None:
                return UNKNOWN
            value, leave = opened
            entries.append(leave)
            return value
        if not entries:  # entered on a path the analysis did not follow
            st.graph.unknown_code_ran()
            return UNKNOWN
        leave = entries[-1]
        alive = st.alive
        leave(st)
        if st.alive or not alive:
            entries.pop()  # a refused exit (improper nesting) leaves the entry open, as in TF
        return None


class _ScopeMethod:
    def __init__(self, scope: VariableScope, name: str) -> None:
        self.scope = scope
        self.name = name

    def invoke(self, interp: Interpreter, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        collections = {"global_variables": "variables", "trainable_variables": "trainable_variables",
                       "local_variables": "local_variables"}
        if self.name in collections or self.name == "get_collection":
            key = collections.get(self.name) or (args[0] if args else kwargs.get("name", UNKNOWN))
            return interp.collection_value(st.graph, key, scope_collection_prefix(self.scope.name))
        if self.name == "reuse_variables":
            st.graph.reuse_variables(self.scope)
            frame = interp.frames[-1] if interp.frames else None
            if frame is not None and len(frame) == 3 and self.scope is st.graph.root:
                # A root left reusing: where a fix would put the rest of the program in a scope of its own.
                interp.scope_sites.reuse_set(self.scope, FixSite(REUSE_CALL, int(frame[0]), int(frame[2])))
        elif self.name == "set_dtype" and args and is_concrete(args[0]):
            from scopelint.semantics.dtypes import as_dtype

            self.scope.dtype = as_dtype(args[0])
        elif self.name.startswith("set_"):
            attr = self.name[4:]
            setattr(self.scope, attr, interp.to_core(args[0]) if args else UNKNOWN)
        return None


def _is_neutral(manager: Any) -> bool:
    if isinstance(manager, OpaqueVal):
        return manager.label.split(".")[0] in tf_api.NEUTRAL_CONTEXTS or manager.label in tf_api.NEUTRAL_CONTEXTS
    return manager is None


class _Suppress:
    """contextlib.suppress(...): `catches_scope_errors` when a type may be ValueError/TypeError."""

    def __init__(self, catches_scope_errors: bool) -> None:
        self.catches_scope_errors = catches_scope_errors
