"""The abstract interpreter: simulates a module's Python over abstract values, driving the
semantics core (scope stack, store, reuse flags) exactly as the reference runtime does.

An explicit evaluator (exec_<stmt>, eval_<expr>) over CPython's `ast`: branches it cannot
decide fork the state and join it after; loops over known iterables unroll, others run as
"zero, one or two iterations"; calls into the module's own functions are interpreted with
their arguments; code it cannot follow returns UNKNOWN and may "havoc" the variable store
(anything may exist afterwards), so that it never claims an error it cannot prove.

This module assembles the Interpreter from its parts, one concern each (issue #12); the state
they share is declared in analysis_state.AnalysisState:

    statements       simple statements and definitions (exec_block, assignment, def, class)
    control_flow     if, loops, return/break/continue, raise, try/except/finally
    with_statements  `with` blocks and the scopes they open; threads
    expressions      the eval dispatch, names, literals, operators
    attributes       `x.name` and `x[key]`
    generators       comprehensions, yield, generators' values
    calls            call dispatch, argument binding, interpreting a function's body
    imports          import statements, followed modules, TF's models
    diagnostics      errors, warnings, blind spots (--explain)
    work_limits      the budget, unroll limits, frames outside the analysed file
    tf_calls         TF API calls; builtin_calls: builtins and pure Python functions
"""

from __future__ import annotations

from typing import Any, List, Optional

from scopelint.analysis.analysis_state import (
    AnalysisState, Budget, CallContext, Finding, LoopContext, State, TryContext,
)
from scopelint.analysis.attributes import Attributes
from scopelint.analysis.builtin_calls import BuiltinCalls
from scopelint.analysis.calls import Calls
from scopelint.analysis.control_flow import ControlFlow
from scopelint.analysis.diagnostics import Diagnostics
from scopelint.analysis.expressions import Expressions
from scopelint.analysis.generators import Generators
from scopelint.analysis.imports import Imports, iter_nodes
from scopelint.analysis import mock_patches
from scopelint.analysis.markers import FlagsVal
from scopelint.analysis.statements import Statements
from scopelint.analysis.tf_calls import TfCalls
from scopelint.analysis.values import MISSING, ClassVal, FunctionVal, InstanceVal, birth
from scopelint.analysis.with_statements import WithStatements
from scopelint.analysis.work_limits import MAX_UNROLL, WorkLimits
from scopelint.runtime import context as runtime_context
from scopelint.semantics.graph import GraphState
from scopelint.semantics.values import UNKNOWN

# Names imported from here (by other modules, and by code written when this was one file).
__all__ = ["Interpreter", "State", "Budget", "Finding", "FlagsVal", "CallContext", "TryContext", "LoopContext",
           "MAX_UNROLL", "iter_nodes"]


class Interpreter(Statements, ControlFlow, WithStatements, Expressions, Attributes, Generators, Calls, Imports,
                  Diagnostics, WorkLimits, TfCalls, BuiltinCalls, AnalysisState):
    """Analyses one module. `run_module()` and `run_entry()` produce events and findings."""

    def run_module(self) -> GraphState:
        graph = self.new_graph()
        state = State(graph, self.module_env)
        self.frames = [[1, "<module>", 0]]
        with self._runtime_graph(state):
            self.exec_block(self.tree.body, state)
        return state.graph

    def run_entry(self, function: FunctionVal, owner: Optional[ClassVal], fresh: bool = False,
                  defaults: bool = True) -> GraphState:
        """An uncalled function with unknown arguments, or (`defaults`) with its parameters'
        defaults and unknown arguments for the others (its class constructed so too), which name
        what it builds as its author meant it (tf-slim's `resnet_v2_50(inputs, ...,
        scope='resnet_v2_50')`). `fresh`: as if called first in a fresh graph at the root scope
        (declared entry points). Otherwise its callers are elsewhere: any variable may already
        exist, and its position in the name scopes is unknown."""
        graph = self.new_graph()
        self.entry_raised = False
        if not fresh:
            graph.havoc = True  # callers elsewhere may have created anything; their reuse is assumed plain
            graph.root_known = False
        if id(function.node) in self.undecorated and graph.current is not None:
            # under a decorator the analysis cannot see into, which may open a reusing scope
            graph.reuse[graph.current.sid] = UNKNOWN
        state = State(graph, self.module_env)
        self.frames = []
        with self._runtime_graph(state):
            args: List[Any] = []
            if owner is not None and not _is_static(function):
                instance = InstanceVal(owner, attrs_complete=False)
                init = owner.lookup("__init__")
                if isinstance(init, FunctionVal) and init is not function:
                    if owner.node is not None and id(owner.node) in self.spent_constructors:
                        return self._out_of_budget(*self.spent_constructors[id(owner.node)])
                    self.frames = []
                    if self._constructor_calls(init, instance, function, state, defaults):
                        # the constructor calls it (kaffe's Network.__init__ runs the subclass's
                        # setup): it ran as programs run it, and what it made is the entry's;
                        # again on the built instance, it would make every variable a second
                        # time, as no program does
                        return state.graph
                    if self.budget.exhausted and owner.node is not None:
                        # every method entry of the class constructs it so, with unknown arguments
                        # and an entry's budget: each would run out the same, and its own body not run
                        self.spent_constructors[id(owner.node)] = (self.budget.steps, self.budget.stopped_at)
                args = [instance]
            self.frames = []
            patched = mock_patches.apply_patches(self, mock_patches.patch_decorators(function), state)
            if patched is None:
                return self.new_graph()  # it runs with something mocked that the analysis cannot find
            params = self._unknown_args(function, skip=len(args), defaulted=not defaults)
            keywords = {a.arg: UNKNOWN for a, default in zip(function.node.args.kwonlyargs, function.kw_defaults)
                        if default is MISSING or not defaults}
            self.entry_floor = birth()
            try:
                self.call_function(function, args + params, keywords, state, entry=True)
                self.entry_raised = self.entry_raised or not state.alive
            finally:
                mock_patches.restore(self, patched)
                self.entry_floor = 0
        return state.graph

    def _constructor_calls(self, init: FunctionVal, instance: InstanceVal, function: FunctionVal,
                           state: State, defaults: bool) -> bool:
        """Construct `instance` for a method entry (`init` with unknown arguments, or its defaults
        and unknown ones for the rest; what it makes is not the entry's unless it calls the entry),
        and tell whether the constructor called the entry `function` itself (`entry_raised`: it
        raised on every path)."""
        node_id = id(function.node)
        called_before = node_id in self.called  # (an earlier entry's constructor may have called it)
        self.called.discard(node_id)
        self.call_function(init, [instance] + self._unknown_args(init, skip=1, defaulted=not defaults), {}, state)
        self.entry_raised = not state.alive
        state.alive = True
        called = node_id in self.called
        if not called:
            del state.graph.events[:]
        if called_before:
            self.called.add(node_id)
        return called

    def _out_of_budget(self, steps_left: float, stopped_at: int) -> GraphState:
        """A method entry of a class whose construction ran out of an entry's budget before (in the
        same module state): what running it again would give, without running it: nothing, its
        budget spent (tensorflow_probability's Blockwise: nine entries of 0.9 s each)."""
        self.budget.spend(self.budget.steps - steps_left)
        self.budget.stopped_at = stopped_at
        self.incomplete = True
        return self.new_graph()

    @staticmethod
    def _unknown_args(function: FunctionVal, skip: int = 0, defaulted: bool = True) -> List[Any]:
        """Every positional parameter unknown (callers may pass anything), or (not `defaulted`)
        those without a default, which take it."""
        node = function.node
        positional = list(node.args.posonlyargs) + list(node.args.args)
        count = len(positional) if defaulted else len(positional) - len(function.defaults)
        return [UNKNOWN for _ in positional[skip:count]]

    def _runtime_graph(self, state: State) -> Any:
        """Shape ops are the runtime's own functions; they take op names from this graph."""
        interp = self

        class _Ctx:
            def __enter__(self) -> None:
                interp.runtime_graph.state = state.graph
                runtime_context._DEFAULTS.graphs.append(interp.runtime_graph)

            def __exit__(self, *exc: Any) -> None:
                runtime_context._DEFAULTS.graphs.remove(interp.runtime_graph)

        return _Ctx()


def _is_static(function: FunctionVal) -> bool:
    return getattr(function, "_kind", None) == "staticmethod"
