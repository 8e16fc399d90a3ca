"""Control flow: `if` (fork and join of paths), loops (unrolled over known iterables, else zero, one
or two iterations), `return`/`break`/`continue`, `raise`, and `try`/`except`/`finally` with the
graph each handler starts from."""

from __future__ import annotations

import ast
import builtins
import itertools
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from scopelint.analysis import alternatives, models, path_journal, unordered_loops
from scopelint.analysis.analysis_state import AnalysisState, CallContext, LoopContext, State, TryContext
from scopelint.analysis.markers import GeneratorObject
from scopelint.analysis.work_limits import MAX_GRAPH_LOOP_UNROLL, MAX_LIBRARY_UNROLL, MAX_UNROLL
from scopelint.runtime.tensors import Tensor
from scopelint.analysis.values import (
    alternatives_of, BuiltinFn, DictVal, item_of_lost, IteratorVal, join_values, LazyGen, ListVal, MISSING, SetVal,
)
from scopelint.semantics import errors as scope_errors
from scopelint.semantics.graph import GraphState
from scopelint.semantics.values import UNKNOWN


# Exception types whose handlers catch what TF's scope APIs raise (ValueError, TypeError)...
# RuntimeError: "Improper nesting of variable_scope." (a scope left by hand out of order);
# AssertionError: tf.reset_default_graph() in a nested graph (SL107).
_CATCHES_SCOPE_ERRORS = frozenset({"ValueError", "TypeError", "RuntimeError", "AssertionError", "Exception",
                                   "BaseException", "StandardError"})
# ...and types known not to (builtins, tf.errors.*); any other name may be a subclass of them.
_OTHER_EXCEPTIONS = frozenset({
    "ArithmeticError", "AttributeError", "EOFError", "FloatingPointError", "GeneratorExit",
    "ImportError", "ModuleNotFoundError", "IndexError", "KeyError", "KeyboardInterrupt", "LookupError",
    "MemoryError", "NameError", "NotImplementedError", "OSError", "IOError", "EnvironmentError",
    "OverflowError", "RecursionError", "ReferenceError", "StopIteration", "StopAsyncIteration",
    "SyntaxError", "SystemError", "SystemExit", "UnboundLocalError", "UnicodeError", "UnicodeDecodeError",
    "UnicodeEncodeError", "ZeroDivisionError", "FileNotFoundError", "PermissionError", "TimeoutError",
    "Warning", "DeprecationWarning", "UserWarning",
    # tf.errors: OpError and its subclasses
    "OpError", "CancelledError", "UnknownError", "InvalidArgumentError", "DeadlineExceededError",
    "NotFoundError", "AlreadyExistsError", "PermissionDeniedError", "UnauthenticatedError",
    "ResourceExhaustedError", "FailedPreconditionError", "AbortedError", "OutOfRangeError",
    "UnimplementedError", "InternalError", "UnavailableError", "DataLossError",
})
# The types that certainly catch a NameError (an unknown name may not).
_CATCHES_NAME_ERROR = frozenset({"NameError", "Exception", "BaseException"})
# ...and those that catch whatever the body raised (`Exception` but for SystemExit and
# KeyboardInterrupt, which no enclosing handler of the program's is about)
_CATCHES_ALL = frozenset({"Exception", "BaseException", "StandardError"})


class ControlFlow(AnalysisState):
    """Mixin of the Interpreter: branches, loops, jumps, raises and handlers."""

    def exec_Raise(self, node: ast.Raise, st: State) -> None:
        handling = self.handling[-1] if self.handling else None
        if handling and (node.exc is None or isinstance(node.exc, ast.Name) and node.exc.id == handling[1]):
            context = handling[0]
            if len(context.caught) == 1 and st.graph.path_certain:
                self.raised(context.caught[0], st)  # `raise` in the handler: the scope error goes on
                return
        if models.raises_scope_errors(node) and isinstance(node.exc, ast.Call) and node.exc.args:
            # TF's scope machinery raising (a model of template.py): a scope error, SL105.
            kind = node.exc.func.id if isinstance(node.exc.func, ast.Name) else "ValueError"
            message = self.eval(node.exc.args[0], st)
            if not st.alive:
                return
            if isinstance(message, str):
                error_class = scope_errors.ScopeTypeError if kind == "TypeError" else scope_errors.ScopeValueError
                self.raised(error_class(message), st)
                return
            st.graph._note_possible_error("SL105", None)
        elif node.exc is not None:
            self.eval(node.exc, st)
        if st.alive:
            frame = self.frames[-1] if self.frames else None
            if frame is not None and len(frame) > 3 and frame[3] is True:
                self.note_certain_raise(st, "TF raises " + _raised_text(node))  # in a model of TF's library
            self._program_raised(st)

    def _program_raised(self, st: State) -> None:
        """The program raises an exception of its own: any enclosing handler may catch it."""
        for context in self.tries:
            self._snapshot_raise(context, st)
        st.alive = False

    def _snapshot_raise(self, context: TryContext, st: State) -> None:
        """Record, for `context`'s handlers, the graph as it is when this path raises, after the
        `with` blocks between here and the `try` have exited."""
        if self._unwinding:
            return  # a cleanup that raised while unwinding another raise
        snapshot = st.fork(certain=False)
        self._unwinding = True
        try:
            self._unwind(snapshot, context.cleanups_base)
        finally:
            self._unwinding = False
        # Context managers the analysis did not register a cleanup for exit too.
        snapshot.graph.current, snapshot.graph.name_stack = context.scope, context.name_stack
        context.raised.append(snapshot.graph)
        self.note_changes_at_raise(context)
        context.raised_certainly = context.raised_certainly or st.graph.path_certain

    def exec_Return(self, node: ast.Return, st: State) -> None:
        # the call's value, as a join of returns would give it: Alternatives stay for callers that keep them
        value = self.eval(node.value, st, keep=True) if node.value is not None else None
        if not st.alive:
            return
        if not self.calls:
            st.alive = False
            return
        ctx = self.calls[-1]
        self._unwind(st, ctx.cleanups_base)
        # The path ends here: its graph is handed over, not copied (a copy per return made
        # calls cost as much as the graph is large).
        ctx.returns.append((value, State(st.graph, st.env.copy_chain(), True)))
        st.alive, st.escaped = False, True

    def exec_Break(self, node: ast.Break, st: State) -> None:
        self._jump(st, "breaks")

    def exec_Continue(self, node: ast.Continue, st: State) -> None:
        self._jump(st, "continues")

    def _jump(self, st: State, kind: str) -> None:
        """break/continue: the path goes to the innermost loop's `breaks` or `continues`."""
        if self.loops:
            loop = self.loops[-1]
            self._unwind(st, loop.cleanups_base)
            getattr(loop, kind).append(st.fork())
        st.alive, st.escaped = False, True

    def _unwind(self, st: State, base: int) -> None:
        """Leave the `with` blocks a return/break jumps out of, innermost first."""
        for cleanup in reversed(self.cleanups[base:]):
            cleanup(st)

    def exec_If(self, node: ast.If, st: State) -> None:
        split = alternatives.optional_name(node.test, st)
        if split is not None:  # `if MPI is not None:` where MPI may be None: decided on each path
            alternatives.each_option(self, st, *split, lambda fork: self.exec_If(node, fork))
            return
        test = self.eval_test(node.test, st)
        if not st.alive:
            return
        if test is True:
            self.exec_block(node.body, st)
        elif test is False or models.unknown_means_false(node):
            self.exec_block(node.orelse, st)
        else:
            self.branch(st, [node.body, node.orelse])

    def branch(self, st: State, bodies: List[Sequence[ast.stmt]]) -> None:
        """Run each body on its own fork of the state, then join the survivors into st."""
        def path(body: Sequence[ast.stmt]) -> Callable[[], State]:
            def run() -> State:
                fork = st.fork(certain=False)
                self.exec_block(body, fork)
                return fork
            return run

        self.join_into(st, self.run_paths([path(body) for body in bodies]))

    def run_paths(self, paths: List[Callable[[], State]]) -> List[State]:
        """Run the paths of an undecided branch one after the other, each returning the state it
        ends in. What a path changes in lists, dicts, instances and classes made before the
        branch is journaled, undone for the next path, and merged over the paths that go on
        (path_journal.py); the caller joins the states."""
        floor = path_journal.new_floor()
        changed: Dict[int, Tuple[Any, Any]] = {}  # id -> (value, its state before the branch)
        end_states: List[Dict[int, Any]] = []
        ends: List[State] = []
        handled = bool(self.tries)  # a path that raises here may go on in a handler
        for run in paths:
            self.journals.append(path_journal.Journal(floor))
            try:
                ends.append(run())
            finally:
                journal = self.journals.pop()
            end_states.append(path_journal.undo(journal))  # the next path starts where this one did
            for key, change in journal.before.items():
                changed.setdefault(key, change)
        going_on = [states for end, states in zip(ends, end_states) if end.alive or end.escaped or handled]
        self.merge_changes(changed, going_on)
        return ends

    def merge_changes(self, changed: Dict[int, Tuple[Any, Any]], end_states: List[Dict[int, Any]],
                      grown_as_last: bool = False) -> None:
        """Give each changed value the state the paths that go on left it in (a value a path did
        not change is as it was before the branch)."""
        for key, (value, before) in changed.items():
            states = [ends.get(key, before) for ends in end_states]
            if states:
                self.touch(value)  # an enclosing branch's path changes it now
                path_journal.merge(value, states, grown_as_last)

    def join_into(self, st: State, ends: List[State]) -> None:
        alive = [e for e in ends if e.alive]
        if not alive:
            st.alive = False
            return
        # After a join where some path returned, broke or continued, what follows runs only on the
        # others: no longer certain. (A path that raised ends the program: the rest is certain.)
        certain = st.graph.path_certain and not any(e.escaped for e in ends if not e.alive)
        merged = alive[0]
        module_level = merged.env.globals_env is merged.env
        for other in alive[1:]:
            merged.graph.join(other.graph)
            for name in set(merged.env.vars) | set(other.env.vars):
                merged.env.vars[name] = _joined_binding(name, merged.env.vars.get(name, MISSING),
                                                        other.env.vars.get(name, MISSING), module_level)
        merged.graph.path_certain = certain
        st.graph = merged.graph
        st.env.vars = merged.env.vars
        st.alive = True
        self.runtime_graph.state = st.graph

    def exec_For(self, node: ast.For, st: State) -> None:
        iterable = self.eval(node.iter, st)
        if isinstance(iterable, GeneratorObject) and self.drive_generator(node, iterable, st):
            return
        items = self.loop_items(iterable, st)
        if items is None and isinstance(iterable, SetVal):
            dicts = unordered_loops.order_free_dicts(node, iterable, st.env)
            if dicts is not None:
                self._order_free_loop(node, unordered_loops.run_order(iterable), dicts, st)
                return
            if not iterable.poisoned and len(iterable.values) <= unordered_loops.MAX_ORDERS_ITEMS:
                self._loop_in_every_order(node, unordered_loops.run_order(iterable), st)
                return
        if _has_own_break(node):
            # A loop that may break leaves an iterator partly consumed, by an unknown amount.
            if isinstance(iterable, IteratorVal):
                iterable.remaining = None
            elif isinstance(iterable, (GeneratorObject, LazyGen)):
                iterable.state = "unknown"
        limit = self._unroll_limit()
        if items is not None and limit in (MAX_UNROLL, MAX_LIBRARY_UNROLL) and len(items) > limit and (
                _graph_objects(items) or self._indexes_graph_objects(node.iter, st)):
            # as a model's loop over them is: one iteration a variable (an installed package's
            # too: tf_slim's clip_gradient_norms over every gradient, attention_ocr's train.py)
            limit = MAX_GRAPH_LOOP_UNROLL
        if items is None or len(items) > limit:
            if items is not None:
                self._note_summarised_loop(len(items), st)
            item = item_of_lost(iterable) if items is None else UNKNOWN
            self.unknown_loop(node, st, lambda s: self.assign(node.target, item, s))
            return
        if isinstance(iterable, ListVal) and iterable.grown and st.graph.path_certain:
            # how many items it really holds is unknown: each iteration runs on some paths only,
            # so what they create may not exist after the loop (the paths that ran none of them)
            none_ran = st.graph.fork()
            self._loop_over(node, items, st, limit, each_uncertain=True)
            if st.alive:
                certain = st.graph.path_certain
                st.graph.join(none_ran)
                st.graph.path_certain = certain
            return
        self._loop_over(node, items, st, limit)

    def _loop_over(self, node: ast.For, items: List[Any], st: State, limit: int,
                   each_uncertain: bool = False) -> None:
        """`for` over items the analysis knows: each bound to the target in turn."""
        pending = iter(items)

        def next_item() -> Optional[bool]:
            item = next(pending, MISSING)
            if item is MISSING:
                return False
            self.assign(node.target, item, st)
            if each_uncertain:
                st.graph.path_certain = False
            return True

        self._unrolled_loop(node, st, next_item, lambda s: self.assign(node.target, UNKNOWN, s), limit=limit)

    def _indexes_graph_objects(self, iterable: ast.expr, st: State) -> bool:
        """`for j in range(len(grads[0])):` over the graph's variables or tensors (pixel-cnn's
        gradient averaging over 567 parameters): bounded by the graph, as a loop over them is."""
        sequence = _indexed_sequence(iterable)
        if sequence is None:
            return False
        value = self.eval(sequence, st)
        return isinstance(value, ListVal) and not value.grown and _graph_objects(value.items)

    def _order_free_loop(self, node: ast.For, items: List[Any], dicts: List[DictVal], st: State) -> None:
        """A loop over a set in an order the analysis does not know, whose body gives the same
        result in every order (unordered_loops): run in one, then forget what depends on it."""
        self._loop_over(node, items, st, self._unroll_limit())
        if st.alive and len(items) > 1:
            last = items[0]
            for item in items[1:]:
                last = join_values(last, item)
            self.assign(node.target, last, st)  # the last item is any of them
            for written in dicts:
                written.unordered = True

    def _loop_in_every_order(self, node: ast.For, items: List[Any], st: State) -> None:
        """A loop over a small set whose body is not order-free (tensorpack's tfutils package
        imports the modules a frozenset names, each binding names in the package): Python runs
        it in the order of the items' salted hashes, so each order is a path of an undecided
        branch, and the paths are joined (what every order gives is certain). The paths share
        the env, whose changes the journal undoes for the next path and joins after (run_paths):
        at module level a copy of it would not be the globals its functions write
        (`globals()[k] = ...` in tensorpack's `_global_import`)."""
        limit = self._unroll_limit()
        if len(items) <= 1:
            self._loop_over(node, items, st, limit)
            return

        def path(order: Tuple[Any, ...]) -> Callable[[], State]:
            def run() -> State:
                graph = st.graph.fork()
                graph.path_certain = False
                fork = State(graph, st.env, st.alive)
                self.touch(st.env)
                self._loop_over(node, list(order), fork, limit)
                return fork
            return run

        self.join_into(st, self.run_paths([path(order) for order in itertools.permutations(items)]))

    def exec_While(self, node: ast.While, st: State) -> None:
        self._unrolled_loop(node, st, lambda: self.eval_test(node.test, st), lambda s: None,
                            endless=_is_constant_true(node.test))

    def _unrolled_loop(self, node: Any, st: State, next_step: Callable[[], Optional[bool]],
                       bind_unknown: Callable[[State], None], endless: bool = False,
                       limit: Optional[int] = None) -> None:
        """A loop whose iterations the analysis can count. `next_step()` starts the next one:
        True it runs, False the loop is done, None the analysis cannot tell (the rest of the
        loop then runs as one of unknown length). `endless`: a `while True:` loop, which only a
        break or a return ends; once one may have ended it on a path the analysis could not
        decide (a polling loop), how many more iterations run is unknown too."""
        loop_certain = st.graph.path_certain
        iteration_certain = loop_certain  # false once an earlier iteration may have broken out
        context = self.calls[-1] if self.calls else None
        returns_before = len(context.returns) if context is not None else 0
        breaks: List[State] = []
        ended = False
        count = 0
        while st.alive:
            self.frames[-1][0] = node.lineno
            step = next_step() if count <= (limit if limit is not None else self._unroll_limit()) else None
            if not st.alive:
                break
            if step is None:
                self.unknown_loop(node, st, bind_unknown)
                break
            if step is False:
                ended = True
                break
            count += 1
            returns_now = len(context.returns) if context is not None else 0
            loop = LoopContext(cleanups_base=len(self.cleanups), frame_depth=len(self.frames))
            self.loops.append(loop)
            try:
                self.exec_block(node.body, st)
            finally:
                self.loops.pop()
            if loop.continues:
                self.join_into(st, ([st] if st.alive else []) + loop.continues)
                if st.alive and not self._returned_since(context, returns_before):
                    st.graph.path_certain = iteration_certain  # every path that ran this one goes on
            if loop.breaks:
                breaks.extend(loop.breaks)
                iteration_certain = False
                if st.alive:
                    st.graph.path_certain = False
            if endless and st.alive and (loop.breaks or self._returned_since(context, returns_now)):
                self.unknown_loop(node, st, bind_unknown)
                break
        if ended and st.alive:
            self.exec_block(node.orelse, st)
        if breaks:
            self.join_into(st, ([st] if st.alive else []) + breaks)
        if st.alive and not self._returned_since(context, returns_before):
            st.graph.path_certain = loop_certain  # after the loop: every path that reached it

    def _escapes(self) -> Tuple[int, ...]:
        """How often the current function returned and its loops broke or continued: a change
        across a statement means some path left it that way."""
        context = self.calls[-1] if self.calls else None
        return (len(context.returns) if context is not None else 0,) + tuple(
            len(loop.breaks) + len(loop.continues) for loop in self.loops)

    @staticmethod
    def _returned_since(context: Optional[CallContext], returns_before: int) -> bool:
        return context is not None and len(context.returns) != returns_before

    def unknown_loop(self, node: Any, st: State, bind: Callable[[State], None]) -> None:
        """A loop whose trip count is unknown: zero, one or two iterations, joined. What the
        iterations change in values made before the loop is, after it, the join of that and
        of what they were before (zero iterations); a list, dict or set they grow keeps what
        two iterations put in it (path_journal.merge)."""
        start = st.fork(certain=True)
        runs: List[State] = []
        self.journals.append(path_journal.Journal(path_journal.new_floor()))
        try:
            self._loop_iterations(node, st, bind, runs)
        finally:
            journal = self.journals.pop()
        after = path_journal.undo(journal)
        self.merge_changes(journal.before, [{}] + ([after] if runs or self.tries else []), grown_as_last=True)
        for run in runs:
            run.graph.muted = start.graph.muted
        self.join_into(st, [start] + runs)
        if st.alive and getattr(node, "orelse", None):
            self.exec_block(node.orelse, st)

    def _loop_iterations(self, node: Any, st: State, bind: Callable[[State], None], runs: List[State]) -> None:
        """unknown_loop's first and second iterations: the states they end in go to `runs`."""
        current = st.fork(certain=False)
        for iteration in (1, 2):
            loop = LoopContext(cleanups_base=len(self.cleanups), frame_depth=len(self.frames))
            self.loops.append(loop)
            if iteration == 2:
                self.second_iteration += 1
                current.graph.muted = True
            try:
                bind(current)
                self.exec_block(node.body, current)
            finally:
                self.loops.pop()
                if iteration == 2:
                    self.second_iteration -= 1
            ends = ([current] if current.alive else []) + loop.continues
            runs.extend(loop.breaks)
            if not ends:
                break
            merged = ends[0]
            if len(ends) > 1:
                holder = ends[0].fork(certain=False)
                self.join_into(holder, ends)
                merged = holder
            runs.append(merged)
            current = merged.fork(certain=False)

    def exec_Try(self, node: ast.Try, st: State) -> None:
        if not node.handlers:
            self._try_finally(node, st)
            return
        certain = st.graph.path_certain
        before = st.fork(certain=False)
        context = TryContext(_handlers_catch_scope_errors(node.handlers), len(self.cleanups),
                             st.graph.current, st.graph.name_stack,
                             catches_name_error=_handlers_catch(node.handlers, _CATCHES_NAME_ERROR.__contains__),
                             journal=path_journal.Journal(path_journal.new_floor()))
        may_raise_before = self.may_raise
        escapes_before = self._escapes()
        self.journals.append(context.journal)
        try:
            self.tries.append(context)
            try:
                self.exec_block(node.body, st)
            finally:
                self.tries.pop()
            uncertain = self.may_raise != may_raise_before
            entry = self._handler_entry(context, before, st.graph if st.alive else None, uncertain)
            # A body that raised into handlers that catch everything goes on in them only: what
            # it left is no enclosing try's (DQN-tensorflow's BaseModel: `config.__dict__['__flags']`
            # under a bare `except:`, inside the caller's `try`).
            caught = not st.alive and not st.escaped and _handlers_catch(node.handlers, _CATCHES_ALL.__contains__)
            if st.alive:
                self.exec_block(node.orelse, st)
        finally:
            self.journals.pop()
        # The body and `else` ran as one path, the handlers as others: what they changed in values
        # made before the `try` is undone for each and merged over the paths that go on, as an
        # undecided `if`'s paths are (run_paths); a handler starts from the states where the body
        # raised, not from where it ended (`shapes.append(a.get_shape().as_list())` that raised
        # appended nothing: NTM-tensorflow's ops.linear appends `a.shape` in its handler instead).
        changed = dict(context.journal.before)
        going_on = [path_journal.undo(context.journal)]
        if not (st.alive or st.escaped or self.tries and not caught):
            going_on = []  # (undone all the same: the handlers start from where it raised)
        ends = [st]
        if entry is not None:
            # One handler, reached on every path: the body certainly raised, and either nothing
            # else could or the handler catches whatever it raised (`except Exception:` around
            # a call whose ops may fail too: TensorFlow-Examples' bidirectional_rnn.py retries
            # static_bidirectional_rnn in its handler, which raises again when BiRNN is built twice).
            entry.path_certain = (certain and not st.alive and context.raised_certainly and len(node.handlers) == 1
                                  and (context.catches_scope_errors and not uncertain
                                       or _handlers_catch(node.handlers, _CATCHES_ALL.__contains__)))
            start = _handlers_start(changed, context.changes_at_raises)
            for handler in node.handlers:
                fork = before.fork(certain=False)
                fork.graph = entry.fork()
                if handler.name:
                    fork.env.assign(handler.name, UNKNOWN)
                for key, state in start.items():
                    path_journal.restore(changed[key][0], state)
                journal = path_journal.Journal(path_journal.new_floor())
                self.handling.append((context, handler.name))
                self.journals.append(journal)
                try:
                    self.exec_block(handler.body, fork)
                finally:
                    self.journals.pop()
                    self.handling.pop()
                end_states = dict(start)
                end_states.update(path_journal.undo(journal))
                for key, change in journal.before.items():
                    changed.setdefault(key, change)
                if fork.alive or fork.escaped or self.tries:
                    going_on.append(end_states)
                ends.append(fork)
            for key, (value, state) in changed.items():
                path_journal.restore(value, state)
        self.merge_changes(changed, going_on)
        self.join_into(st, ends)
        if st.alive:
            # Reached by every path that did not return, break or continue inside the try.
            st.graph.path_certain = certain and self._escapes() == escapes_before
        if node.finalbody:
            self._run_finally(node, st)

    def _try_finally(self, node: Any, st: State) -> None:
        self.exec_block(node.body, st)
        if not st.alive:
            return  # it left by return/raise/break; the finally block's effects are not followed
        self._run_finally(node, st)

    def _run_finally(self, node: Any, st: State) -> None:
        if st.alive:
            self.exec_block(node.finalbody, st)

    exec_TryStar = exec_Try

    def _swallowing(self, st: State, run: Callable[[], None], always: bool = False, thread: bool = False) -> None:
        """Run a `with` whose manager may swallow exceptions (`always`: it does): a raise in its
        body is caught, and execution may go on after the `with` from where it raised. (`thread`:
        the body is a thread's, whose errors end the thread and are reported.)"""
        certain = st.graph.path_certain
        before = st.fork(certain=False)
        may_raise_before = self.may_raise
        context = TryContext(True, len(self.cleanups), st.graph.current, st.graph.name_stack, reports_errors=thread)
        self.tries.append(context)
        try:
            run()
        finally:
            self.tries.pop()
        if not context.raised:
            return
        completed = st.alive  # the body ran to its end on some path: what follows runs there, swallowing or not
        entry = self._handler_entry(context, before, None, self.may_raise != may_raise_before)
        assert entry is not None
        self.join_into(st, ([st] if st.alive else []) + [State(entry, st.env, True)])
        if st.alive:
            # Where the body certainly raised, what follows runs only if the manager swallowed it.
            st.graph.path_certain = st.graph.path_certain and certain and (always or completed)

    @staticmethod
    def _handler_entry(context: TryContext, before: State, end: Optional[GraphState],
                       uncertain: bool) -> Optional[GraphState]:
        """Where a handler starts: from the raises the body certainly made and, when something
        else in it may have raised, from any point between its start and its `end` (between
        those, variables and reuse flags only accumulate). None when nothing can reach it."""
        entries = list(context.raised)
        if uncertain:
            entries.append(before.graph)
            if end is not None:
                entries.append(end)
        if not entries:
            return None
        entry = entries[0].fork()
        for other in entries[1:]:
            entry.join(other)
        return entry

    def _guarded(self, st: State, cleanup: Callable[[State], None], run: Callable[[], None]) -> None:
        self.cleanups.append(cleanup)
        try:
            run()
        finally:
            self.cleanups.pop()
        if st.alive:
            cleanup(st)


def _handlers_start(changed: Dict[int, Tuple[Any, Any]], at_raises: List[Dict[int, Any]]) -> Dict[int, Any]:
    """The state each value a `try`'s body changed is in where its handlers start: as it was at
    the one point the body raised, or a join of its states at each (path_journal.merge)."""
    start = {}
    for key, (value, before) in changed.items():
        path_journal.merge(value, [states.get(key, before) for states in at_raises] or [before])
        start[key] = path_journal.state_of(value)
        path_journal.restore(value, before)
    return start


def _raised_text(node: ast.Raise) -> str:
    """`ValueError("The channel dimension ...")`, shortened: what a model of TF's raises."""
    exc = node.exc
    if not (isinstance(exc, ast.Call) and isinstance(exc.func, ast.Name)):
        return "an error"
    message = exc.args[0] if exc.args else None
    if isinstance(message, ast.BinOp):
        message = message.left  # `"Inputs %s has undefined channels" % (...)`: its format
    if not (isinstance(message, ast.Constant) and isinstance(message.value, str)):
        return exc.func.id
    text = message.value if len(message.value) <= 70 else message.value[:70] + "..."
    return "%s(%r)" % (exc.func.id, text)


def _joined_binding(name: str, left: Any, right: Any, module_level: bool) -> Any:
    """A name's value after a join. A module's global bound to a known function, class or
    instance on one path and unbound on the other (`try: from mpi_adam import MpiAdamOptimizer
    except ImportError: ...`, as baselines' ppo2 imports it) or to a builtin (`try: xrange` /
    `except NameError: xrange = range`, NTM-tensorflow's utils) is that value: reading it on the
    other path raises NameError, which ends that path (a builtin of the same name would be read
    there instead, so not for those)."""
    if (left is MISSING or right is MISSING) and module_level and not hasattr(builtins, name):
        bound = right if left is MISSING else left
        if alternatives_of([bound]) is bound or isinstance(bound, BuiltinFn):
            return bound
    return join_values(UNKNOWN if left is MISSING else left, UNKNOWN if right is MISSING else right,
                       alternatives=True)


def _may_catch_scope_errors(name: Optional[str]) -> bool:
    """Whether an exception type, by name, may catch the ValueError/TypeError/RuntimeError a
    scope API raises: those types, their bases, or a type the analysis does not know."""
    return name is None or name in _CATCHES_SCOPE_ERRORS or name not in _OTHER_EXCEPTIONS


def _handlers_catch_scope_errors(handlers: List[ast.excepthandler]) -> bool:
    """Whether a handler may catch a scope error (a bare `except` does)."""
    return _handlers_catch(handlers, _may_catch_scope_errors)


def _handlers_catch(handlers: List[ast.excepthandler], catches: Callable[[Optional[str]], bool]) -> bool:
    """Whether a handler is bare or names an exception type (by its name, None where it is not
    a name) that `catches` accepts."""
    for handler in handlers:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        for item in types:
            name = item.id if isinstance(item, ast.Name) else item.attr if isinstance(item, ast.Attribute) else None
            if catches(name):
                return True
    return False


def _indexed_sequence(iterable: ast.expr) -> Optional[ast.expr]:
    """`X` of `range(len(X))`, when X is a name, attribute or subscript (reading it again has no
    effect); else None."""
    if not (isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "range"
            and len(iterable.args) == 1 and not iterable.keywords):
        return None
    length = iterable.args[0]
    if not (isinstance(length, ast.Call) and isinstance(length.func, ast.Name) and length.func.id == "len" and
            len(length.args) == 1 and not length.keywords):
        return None
    sequence = length.args[0]
    probe = sequence
    while isinstance(probe, (ast.Attribute, ast.Subscript)):
        if isinstance(probe, ast.Subscript) and not isinstance(probe.slice, (ast.Constant, ast.Name)):
            return None
        probe = probe.value
    return sequence if isinstance(probe, ast.Name) else None


def _graph_objects(items: List[Any]) -> bool:
    """The items of a loop over the graph's variables or tensors (glow's adamax over its 1,158
    parameters, `zip(params, grads)`): bounded by the graph, not by a count of steps."""
    return all(isinstance(item, Tensor) or isinstance(item, ListVal) and not item.grown and
               any(isinstance(part, Tensor) for part in item.items) for item in items)


def _is_constant_true(test: ast.expr) -> bool:
    """`while True:` / `while 1:`: a test no iteration changes."""
    return isinstance(test, ast.Constant) and bool(test.value)


def _has_own_break(loop: Any) -> bool:
    cached = getattr(loop, "_scopelint_breaks", None)  # on the node: loops run many times
    if cached is None:
        cached = loop._scopelint_breaks = _has_own_break_uncached(loop)
    return bool(cached)


def _has_own_break_uncached(loop: Any) -> bool:
    stack = list(loop.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Break):
            return True
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
                             ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return False
