"""Comprehensions, generator expressions, `yield`/`await`, and the values a generator produces."""

from __future__ import annotations

import ast
from typing import Any, Callable, Dict, List, Optional, Tuple

from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.markers import GeneratorObject
from scopelint.analysis.values import DictVal, Env, as_key, item_of_lost, LazyGen, ListVal, NOT_A_KEY
from scopelint.analysis.work_limits import MAX_UNROLL
from scopelint.semantics.values import UNKNOWN


class Generators(AnalysisState):
    """Mixin of the Interpreter: comprehensions and generators."""

    def eval_ListComp(self, node: ast.ListComp, st: State) -> Any:
        return self.comprehension(node.generators, lambda s: [self.eval(node.elt, s)], st, keep_undecided=True)

    eval_SetComp = eval_ListComp

    def eval_GeneratorExp(self, node: ast.GeneratorExp, st: State) -> Any:
        """Lazy: the elements are computed when something consumes the generator."""
        env = st.env

        def run(consumer: State, limit: Optional[int] = None) -> Optional[List[Any]]:
            inner = State(consumer.graph, env, consumer.alive)
            # its own frame, as in CPython
            self.frames.append(self._frame(node, env, node.lineno, "<genexpr>", node.col_offset))
            try:
                result = self.comprehension(node.generators, lambda s: [self.eval(node.elt, s)], inner, limit)
            finally:
                self.frames.pop()
            consumer.graph, consumer.alive = inner.graph, consumer.alive and inner.alive
            return list(result.items) if isinstance(result, ListVal) else None

        return LazyGen(run)

    def eval_DictComp(self, node: ast.DictComp, st: State) -> Any:
        pairs = self.comprehension(node.generators, lambda s: [ListVal([self.eval(node.key, s),
                                                                        self.eval(node.value, s)], True)], st)
        if not isinstance(pairs, ListVal):
            return DictVal({}, complete=False)
        result = DictVal({})
        for pair in pairs.items:
            key, value = pair.items
            if (held := as_key(key)) is not NOT_A_KEY:
                result.items[held] = value
            else:
                result.complete = False
        return result

    def comprehension(self, generators: List[ast.comprehension], element: Callable[[State], List[Any]],
                      st: State, limit: Optional[int] = None, keep_undecided: bool = False) -> Any:
        """The items, in a list; UNKNOWN where the analysis lost them. `limit`: only the first ones,
        as next() runs a generator expression only up to its first element: stopping, unknown, at
        a condition the analysis cannot decide. `keep_undecided`: an item whose condition is
        unknown is one of the list's on some paths (ListVal.grown), its element computed on those
        paths only; otherwise the list is unknown."""
        inner = State(st.graph, Env(st.env, st.env.globals_env), st.alive)
        out: List[Any] = []
        grown: List[bool] = []
        known = self._comprehend(generators, element, inner, out, grown, limit, keep_undecided)
        st.graph = inner.graph
        st.alive = st.alive and inner.alive  # an element that raised ends the path
        # over a list some of whose items exist on some paths only (ListVal.grown): so do these
        return ListVal(out, grown=bool(grown)) if known else UNKNOWN

    def _comprehend(self, generators: List[ast.comprehension], element: Callable[[State], List[Any]],
                    st: State, out: List[Any], grown: List[bool], limit: Optional[int] = None,
                    keep_undecided: bool = False) -> bool:
        if not generators:
            out.extend(element(st))
            return True
        first = generators[0]
        iterable = self.eval(first.iter, st)
        if isinstance(iterable, ListVal) and iterable.grown:
            grown.append(True)
        items = self.loop_items(iterable, st)
        if items is None or len(items) > self._comprehension_limit():
            if items is not None:
                self._note_summarised_loop(len(items), st, self._comprehension_limit())
            self.assign(first.target, item_of_lost(iterable) if items is None else UNKNOWN, st)
            fork = st.fork(certain=False)
            self._comprehend(generators[1:], element, fork, [], grown, limit, keep_undecided)
            st.graph.join(fork.graph)
            return False
        self.comprehension_sizes.append(len(items))
        try:
            return self._comprehend_items(first, generators, items, element, st, out, grown, limit, keep_undecided)
        finally:
            self.comprehension_sizes.pop()

    def _comprehend_items(self, first: ast.comprehension, generators: List[ast.comprehension], items: List[Any],
                          element: Callable[[State], List[Any]], st: State, out: List[Any], grown: List[bool],
                          limit: Optional[int] = None, keep_undecided: bool = False) -> bool:
        known = True
        for item in items:
            if limit is not None and (len(out) >= limit or not known):
                break
            self.assign(first.target, item, st)
            decisions = self._conditions(first.ifs, st)
            if False in decisions:
                continue
            if None not in decisions:
                known = self._comprehend(generators[1:], element, st, out, grown, limit, keep_undecided) and known
            elif keep_undecided:
                # `[v for g, v in grads_and_vars if g is not None]` of a gradient the analysis lost
                # (the Optimizer model's, over transformer-xl's towers averaged): kept on some paths
                fork = st.fork(certain=False)
                known = self._comprehend(generators[1:], element, fork, out, grown, limit, keep_undecided) and known
                st.graph.join(fork.graph)
                grown.append(True)
            else:
                known = False
        return known

    def _conditions(self, conditions: List[ast.expr], st: State) -> List[Optional[bool]]:
        """Each `if` of a comprehension's, in turn, up to the first one not true (false: the next
        is not run; unknown: the item is kept on some paths, or the list is unknown)."""
        decisions: List[Optional[bool]] = []
        for condition in conditions:
            decisions.append(self.eval_test(condition, st))
            if decisions[-1] is not True:
                break
        return decisions

    def eval_Await(self, node: ast.Await, st: State) -> Any:
        self.eval(node.value, st)
        return UNKNOWN

    def eval_Yield(self, node: ast.Yield, st: State) -> Any:
        value = self.eval(node.value, st) if node.value is not None else None
        if self.calls and self.calls[-1].yield_hook is not None:
            hook = self.calls[-1].yield_hook
            self.calls[-1].yield_hook = None
            hook(value, st)
        elif self.calls and self.calls[-1].yield_collector is not None:
            self.calls[-1].yield_collector(value, st)
            return None  # what next() sends
        return UNKNOWN

    def eval_YieldFrom(self, node: ast.YieldFrom, st: State) -> Any:
        self.eval(node.value, st)
        return UNKNOWN

    def drive_generator(self, node: ast.For, generator: GeneratorObject, st: State) -> bool:
        """`for x in gen(...)` over a generator of the program's that builds the graph as it goes
        (fast-style-transfer's `optimize()` builds its net, then yields each epoch's losses): run
        the generator, and at each `yield` the loop's body, as Python interleaves them. Only for
        a body that leaves the loop only at its end (no break, continue or return): True if it ran."""
        if generator.function is None or generator.state != "fresh" or node.orelse or \
                not _runs_to_its_end(node.body) or not self._generator_builds(generator, st):
            return False
        generator.state = "consumed"
        caller = ([list(f) for f in self.frames], self.tries, self.cleanups, self.loops)
        env = st.env

        def body(value: Any, at_yield: State) -> None:
            inside = (self.frames, self.tries, self.cleanups, self.loops)
            # the body runs in the caller's frame, beyond the generator's try and with blocks
            self.frames, self.tries, self.cleanups, self.loops = \
                [list(f) for f in caller[0]], caller[1], caller[2], caller[3]
            state = State(at_yield.graph, env, at_yield.alive)
            try:
                self.assign(node.target, value, state)
                self.exec_block(node.body, state)
            finally:
                self.frames, self.tries, self.cleanups, self.loops = inside
            at_yield.graph, at_yield.alive = state.graph, at_yield.alive and state.alive
            self.runtime_graph.state = at_yield.graph

        self.call_function(generator.function, generator.args, generator.kwargs, st, yield_collector=body)
        self.runtime_graph.state = st.graph
        return True

    def _generator_builds(self, generator: GeneratorObject, st: State) -> bool:
        """Whether running the generator to its end (muted, on a copy) touches a graph."""
        return self._trial_run(generator, st, lambda value, state: None)[1]

    def _trial_run(self, generator: GeneratorObject, st: State,
                   collect: Callable[[Any, State], None]) -> Tuple[State, bool]:
        """The generator run to its end on a muted copy of the path, each yielded value given to
        `collect`: the state it ends in, and whether it touched a graph."""
        return self._muted_trial(st, lambda trial: self.call_function(
            generator.function, generator.args, generator.kwargs, trial, yield_collector=collect))

    def call_touches_graph(self, function: Any, count: int, st: State) -> bool:
        """Whether calling the program's `function` with `count` unknown arguments (muted, on a
        copy of the path) may touch a graph: `map(lambda d: d * 2, lost_shape)` does not."""
        return self._muted_trial(st, lambda trial: self.call(function, [UNKNOWN] * count, {}, trial, None))[1]

    def _muted_trial(self, st: State, run: Callable[[State], Any]) -> Tuple[State, bool]:
        """`run` on a muted copy of the path, its findings dropped: the state it ends in, and
        whether it touched a graph (this one, or another tf.Graph it made or entered)."""
        trial = st.fork()
        trial.graph.muted = True
        saved = self.findings, self.warnings, dict(self.graph_states)
        self.findings, self.warnings = [], []
        try:
            run(trial)
        finally:
            others_touched = self._other_graphs_touched(saved[2])
            self.findings, self.warnings = saved[0], saved[1]
            self.runtime_graph.state = st.graph
        return trial, others_touched or _touched(st.graph, trial.graph)

    def _other_graphs_touched(self, before: Dict[object, Any]) -> bool:
        """A trial run made or entered another tf.Graph (`with tf.Graph().as_default():` in the
        generator): what it built there is not in the default graph's state. Those are restored."""
        touched = self.graph_states.keys() != before.keys() or any(
            self.graph_states[key] is not value for key, value in before.items())
        self.graph_states.clear()
        self.graph_states.update(before)
        return touched

    def generator_values(self, generator: GeneratorObject, st: State) -> Optional[List[Any]]:
        """What a generator yields, when it yields the same on every path and builds nothing in
        the graph (a list of layer specs): then looping over it is looping over a list. A
        generator that touches the graph interleaves with the loop body, so it stays unknown."""
        if generator.function is None:
            return None
        values: List[Any] = []
        certain = [True]

        def collect(value: Any, state: State) -> None:
            certain[0] = certain[0] and state.graph.path_certain and len(values) < MAX_UNROLL
            values.append(value)

        trial, touched = self._trial_run(generator, st, collect)
        if touched:
            st.graph.unknown_code_ran()  # its effects happen as the loop runs: not followed
        if touched or not trial.alive or not certain[0]:
            return None
        return values


def _touched(before: Any, after: Any) -> bool:
    return (len(after.vars) != len(before.vars) or after.havoc != before.havoc or
            after.names_in_use != before.names_in_use or after.counts != before.counts or
            after.current is not before.current or after.name_stack != before.name_stack or
            after.collections_known != before.collections_known)


def _runs_to_its_end(body: List[ast.stmt]) -> bool:
    """No break, continue or return of this loop's own, nor a yield (which would be the caller's)."""
    stack: List[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom)):
            return False
        if isinstance(node, (ast.Break, ast.Continue)):
            return False
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            stack.extend(n for n in ast.walk(node) if isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom)))
            continue  # their own break/continue are theirs
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return True
