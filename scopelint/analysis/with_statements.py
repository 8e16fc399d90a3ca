"""`with` statements: entering and leaving variable and name scopes, creator scopes, generator-based
context managers and unknown ones (which may swallow exceptions), and threads' own scope stacks."""

from __future__ import annotations

import ast
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.builtin_calls import is_read_file
from scopelint.analysis.markers import GeneratorCM, GraphDefault, render_text
from scopelint.analysis.scope_managers import _ExitStack, _is_neutral, _ScopeExit, _Suppress
from scopelint.analysis.values import (
    BoundMethod, CreatorScopeCM, FunctionVal, InstanceVal, MISSING, NameScopeCM, NumpyLoaded, OpaqueVal, ScopeCM,
    ScopeVal, SessionVal,
)
from scopelint.runtime.tensors import Tensor
from scopelint.semantics import errors as scope_errors
from scopelint.semantics.values import AUTO_REUSE, Pattern, UNKNOWN


class WithStatements(AnalysisState):
    """Mixin of the Interpreter: `with` blocks and the scopes they open."""

    def exec_With(self, node: ast.With, st: State) -> None:
        self._with_items(list(node.items), node.body, st)

    exec_AsyncWith = exec_With

    def _with_items(self, items: List[ast.withitem], body: Sequence[ast.stmt], st: State) -> None:
        if not items:
            self.exec_block(body, st)
            return
        item = items[0]
        self.frames[-1][0] = item.context_expr.lineno
        self.frames[-1][2] = item.context_expr.col_offset
        manager = self.eval(item.context_expr, st)
        if not st.alive:
            return

        def inner(value: Any, inner_state: State) -> None:
            if item.optional_vars is not None:
                self.assign(item.optional_vars, value, inner_state)
            self._with_items(items[1:], body, inner_state)

        self.enter_context(manager, item.context_expr, inner, st)

    def enter_context(self, manager: Any, node: ast.expr, body: Callable[[Any, State], None], st: State) -> None:
        if isinstance(manager, (ScopeCM, NameScopeCM, CreatorScopeCM)):
            opened = self.open_scope(manager, st, node) if not isinstance(manager, CreatorScopeCM) \
                else self.open_creator_scope(manager, st)
            if opened is not None:
                value, leave = opened
                if isinstance(manager, ScopeCM) and isinstance(node, ast.AST) and hasattr(node, "lineno"):
                    leave = _ScopeExit(self, leave, node.lineno, node.col_offset)
                self._guarded(st, leave, lambda: body(value, st))
        elif isinstance(manager, GraphDefault):
            self._in_default_graph(manager.graph.graph_id, lambda: body(manager.graph, st), st)
        elif isinstance(manager, SessionVal) and manager.label == "Session" and not manager.interactive:
            # `with tf.Session(graph=g) as sess:` makes g the default graph, as g.as_default() does
            # (a graph the analysis does not know: one of unknown content)
            graph_id = manager.graph_id
            if graph_id is None:
                graph_id = object()
                self.graph_states[graph_id] = None
            self._in_default_graph(graph_id, lambda: body(manager, st), st)
        elif isinstance(manager, GeneratorCM):
            self.enter_generator(manager, body, st)
        elif isinstance(manager, InstanceVal) and isinstance(manager.cls.lookup("__enter__"), FunctionVal):
            value = self.call(self.get_attribute(manager, "__enter__", st), [], {}, st, node)
            exit_method = self.get_attribute(manager, "__exit__", st)

            def run() -> None:
                self._guarded(st, lambda s: self.call(exit_method, [None, None, None], {}, s, node),
                              lambda: body(value, st))

            if _may_swallow(exit_method):
                self._swallowing(st, run, always=_always_swallows(exit_method))
            else:
                run()
        elif isinstance(manager, _Suppress):
            if manager.catches_scope_errors:
                self._swallowing(st, lambda: body(None, st), always=True)
            else:
                body(None, st)
        elif isinstance(manager, _ExitStack):
            def close(s: State) -> None:
                while manager.exits:
                    manager.exits.pop()(s)

            self._guarded(st, close, lambda: body(manager, st))
        elif _is_neutral(manager) or isinstance(manager, (Tensor, str)):
            body(manager if isinstance(manager, SessionVal) else UNKNOWN, st)
        elif isinstance(manager, NumpyLoaded):
            body(manager, st)  # `with np.load(path) as data:` an NpzFile, which closes its file and swallows nothing
        elif isinstance(manager, OpaqueVal) and manager.inert:
            # A library's that never builds TF graphs (`gzip.open(path)`, `np.errstate()`): it opens
            # no scope and what it gives `as` is the library's too (`f.read()` touches no graph);
            # it may still swallow what the body raises (`np.testing.assert_raises(ValueError)`).
            # (a file opened for reading gives itself: `with open(path) as f: json.load(f)`)
            entered = manager if is_read_file(manager) else \
                OpaqueVal(manager.label + ".__enter__()", inert=True)
            self._swallowing(st, lambda: body(entered, st))
        else:
            # An unknown context manager may open a variable scope of unknown name and reuse,
            # and may swallow what its body raises (`contextlib.suppress(ValueError)`).
            self._swallowing(st, lambda: self.enter_context(ScopeCM(UNKNOWN, None, UNKNOWN, {}), node, body, st))

    def _in_default_graph(self, graph_id: object, run: Callable[[], None], st: State) -> None:
        """Run a `with` body with the graph `graph_id` the default, nested in TF's stack of
        default graphs (where tf.reset_default_graph() raises, SL107)."""
        self.graph_nesting += 1
        try:
            if graph_id is st.graph.graph_id:
                run()  # it is the default graph already
                return
            saved = st.graph
            self.graph_states[saved.graph_id] = saved
            st.graph = self.graph_state_of(graph_id, saved)
            self.runtime_graph.state = st.graph

            def restore(state: State) -> None:
                # Entered again later, the graph goes on from here; a path the analysis could
                # not decide leaves it unknown (the other paths may have built something else).
                self.graph_states[state.graph.graph_id] = state.graph if state.graph.path_certain else None
                state.graph = saved  # the outer graph, untouched while the other was the default
                self.runtime_graph.state = saved

            self.cleanups.append(restore)
            try:
                run()
            finally:
                self.cleanups.pop()
            restore(st)
        finally:
            self.graph_nesting -= 1

    def run_thread(self, target: Any, args: List[Any], kwargs: Dict[str, Any], st: State) -> None:
        """A thread runs `target` (threads.py): in a scope stack of its own, beyond the reach of
        the caller's `try` handlers and `with` blocks."""
        saved = self.tries, self.cleanups, self.frames, self.graph_nesting
        # A thread's traceback starts at its target: the caller's frames are not in it; its stack
        # of default graphs is its own.
        self.tries, self.cleanups, self.frames = [], [], [list(self.frames[-1][:3]) + [True]]
        self.graph_nesting = 0
        # The caller's graph, as the thread finds it if it enters it (`with graph.as_default()`):
        # with scopes of the thread's own. The thread's default graph is a new one of its own.
        caller = st.graph
        caller_scopes = caller.enter_thread()
        before = self.graph_states.get(caller.graph_id, MISSING)
        self.graph_states[caller.graph_id] = caller
        st.graph = self.graph_state_of(object(), caller)
        try:
            self._swallowing(st, lambda: self.call(target, args, kwargs, st, None), always=True, thread=True)
        finally:
            self.tries, self.cleanups, self.frames, self.graph_nesting = saved
        after = self.graph_states.pop(caller.graph_id)
        if before is not MISSING:
            self.graph_states[caller.graph_id] = before
        if after is None:  # the thread left it on a path the analysis could not decide
            after = caller
            after.unknown_code_ran()
        st.graph = after
        st.graph.path_certain = caller.path_certain
        st.graph.exit_thread(caller_scopes)
        self.runtime_graph.state = st.graph

    def open_scope(self, manager: Any, st: State,
                   node: Optional[ast.expr]) -> Optional[Tuple[Any, Callable[[State], None]]]:
        """Enter a variable or name scope: (the `as` value, how to leave it), or None when
        entering raised. Shared by `with` and ExitStack.enter_context."""
        graph = st.graph
        if isinstance(manager, NameScopeCM):
            try:
                returned, old = graph.enter_name_scope(manager.name)
            except scope_errors.ScopeError as exc:
                self.raised(exc, st)
                return None
            return returned, lambda s: setattr(s.graph, "name_stack", old)

        def leave(s: State) -> None:
            try:
                s.graph.exit_variable_scope(token)
            except scope_errors.ScopeError as exc:  # improper nesting (`__exit__` called by hand)
                self.raised(exc, s)

        parent_reuse = graph.reuse_of(graph.current) if graph.current is not None else False
        try:
            if manager.pure:
                token = graph.enter_pure_variable_scope(manager.name_or_scope, manager.kwargs.get("custom_getter"))
            else:
                token = graph.enter_variable_scope(manager.name_or_scope, manager.default_name, manager.reuse,
                                                   **manager.kwargs)
        except scope_errors.ScopeError as exc:
            self.raised(exc, st)
            return None
        self.scope_sites.entered(token.entered, token.old_scope, manager.call_site)
        if node is not None and manager.literal_reuse_false and isinstance(manager.name_or_scope, (str, Pattern)) \
                and parent_reuse in (True, AUTO_REUSE) and graph.path_certain:
            self.warn("SL201", "reuse=False inside a scope with reuse=%s has no effect: %s is still reused"
                      % (parent_reuse is True and "True" or "tf.AUTO_REUSE", render_text(token.entered.name)), node,
                      site=manager.call_site)
        return ScopeVal(token.entered), leave

    def open_creator_scope(self, manager: CreatorScopeCM, st: State) -> Optional[Tuple[Any, Callable[[State], None]]]:
        """Enter tf.variable_creator_scope: the core calls the creator for each new variable."""
        creator = self.to_core(manager.creator)
        if not callable(creator):
            st.graph.unknown_code_ran()
            return None
        token = st.graph.enter_creator_scope(creator)

        def leave(state: State) -> None:
            try:
                state.graph.exit_creator_scope(token)
            except scope_errors.ScopeError as exc:
                self.raised(exc, state)

        return None, leave

    def enter_generator(self, manager: "GeneratorCM", body: Callable[[Any, State], None], st: State) -> None:
        """A @contextmanager function: its `yield` runs the with-block body, in the frame of the
        `with` (the generator is suspended then, wherever it was made: tensorpack's
        rename_get_variable returns one a library function made)."""
        fired = []
        depth, calls, callers, loops = len(self.frames), len(self.calls), len(self.call_stack), self.loops

        def on_yield(value: Any, inner: State) -> None:
            fired.append(True)
            saved_env = inner.env
            inner.env = st.env
            # the block runs in the frame of the `with`: its `yield` (tensorpack's
            # override_to_local_variable yields inside its own `with custom_getter_scope(...)`),
            # `return`, `break` and calls are that frame's, not the generator's
            saved = self.frames, self.calls, self.call_stack, self.local_envs, self.loops
            self.frames, self.calls, self.loops = self.frames[:depth], self.calls[:calls], loops
            self.call_stack, self.local_envs = self.call_stack[:callers], self.local_envs[:callers]
            try:
                body(value, inner)
            finally:
                self.frames, self.calls, self.call_stack, self.local_envs, self.loops = saved
                st.env = inner.env
                inner.env = saved_env

        self.call_function(manager.function, manager.args, manager.kwargs, st, yield_hook=on_yield)
        if not fired:
            st.graph.unknown_code_ran()

    def _enter_unknown_scope(self, st: State) -> None:
        try:
            st.graph.enter_variable_scope(UNKNOWN, None, UNKNOWN)
        except scope_errors.ScopeError:
            pass
        st.graph.name_stack = Pattern.of(None)


def _always_swallows(exit_method: Any) -> bool:
    """`__exit__` whose only return is a final `return True`."""
    function = exit_method.function if isinstance(exit_method, BoundMethod) else exit_method
    if not isinstance(function, FunctionVal) or isinstance(function.node, ast.Lambda):
        return False
    returns = [n for n in ast.walk(function.node) if isinstance(n, ast.Return)]
    last = function.node.body[-1] if function.node.body else None
    return len(returns) == 1 and returns[0] is last and isinstance(last.value, ast.Constant) and \
        last.value.value is True


def _may_swallow(exit_method: Any) -> bool:
    """Whether a user `__exit__` may return a true value (which swallows the exception)."""
    function = exit_method.function if isinstance(exit_method, BoundMethod) else exit_method
    if not isinstance(function, FunctionVal) or isinstance(function.node, ast.Lambda):
        return True
    for child in ast.walk(function.node):
        if isinstance(child, ast.Return) and child.value is not None and not (
                isinstance(child.value, ast.Constant) and child.value.value in (None, False)):
            return True
    return False
