"""The abstract interpreter's work limits: steps charged to the budget, loop unrolling limits, the
frames of code outside the analysed file (TF's models, followed modules) and the budget of a call
into an installed package."""

from __future__ import annotations

import ast
from typing import Any, Callable, List

from scopelint.analysis import models
from scopelint.analysis.analysis_state import AnalysisState, Budget
from scopelint.analysis.values import Env


MAX_UNROLL = 256
# A comprehension's element is an expression, cheap next to a loop body (a training loop of 10k
# steps is a `for`): over a known list it is worth unrolling further, which keeps lists of a
# few hundred variables, a positional table of 300 rows, known. Nested comprehensions share
# it (their elements multiply: a 1000 x 512 table is half a million), down to a floor.
MAX_COMPREHENSION_UNROLL = 4096
MIN_NESTED_COMPREHENSION_UNROLL = 16
MAX_MODEL_UNROLL = 20_000
MAX_GRAPH_LOOP_UNROLL = 4096  # the program's loop over the graph's variables (control_flow._graph_objects_loop)
PROJECT = "project"  # the hidden-frame marks of followed modules' code: the project's...
LIBRARY = "library"  # ...and an installed package's
FOLLOWED_FILE = "__scopelint_file__"  # a followed module's global: its path (no program writes it)
# a followed module's global, True where its syntax is Python 2's (rewritten by scopelint.py2):
# its `xrange`, `/` between ints, `iteritems` keep their Python 2 meaning in its code, whatever
# the analysed file's Python
PYTHON2_MODULE = "__scopelint_python2__"
MAX_LIBRARY_UNROLL = 32  # an installed package's loops (retry and polling loops) unroll less
LIBRARY_CALL_STEPS = 20_000  # work per call into an installed package (a training loop is not followed)
# A step inside TF's models (a layer's few hundred) costs half of one of the program's: a
# model call is bounded work, and a file of 600 layers should not exhaust the budget.
MODEL_STEP_COST = 0.5


class WorkLimits(AnalysisState):
    """Mixin of the Interpreter: the budget and the frames it is charged by."""

    def _unroll_limit(self) -> int:
        """A model's loop over a known list (an optimizer over every trainable variable) runs in
        full; the program's own loops unroll up to MAX_UNROLL."""
        if self._in_model():
            return MAX_MODEL_UNROLL
        if self.frames and len(self.frames[-1]) > 3 and self.frames[-1][3] == LIBRARY:
            return MAX_LIBRARY_UNROLL
        return MAX_UNROLL

    def _comprehension_limit(self) -> int:
        """How many items a comprehension level unrolls, given the levels around it unrolling
        (`self.comprehension_sizes`, their item counts)."""
        limit = self._unroll_limit()
        if limit == MAX_MODEL_UNROLL:
            return limit
        # An installed package's too: a comprehension runs over a finite list (its retry and polling
        # loops are statements), and tf_slim's end_points dict is one over a net's every layer output.
        enclosing = 1
        for size in self.comprehension_sizes:
            enclosing *= max(size, 1)
        return max(MAX_COMPREHENSION_UNROLL // enclosing, MIN_NESTED_COMPREHENSION_UNROLL)

    def _spend(self, in_model: bool) -> bool:
        """One step of work; TF's models are charged to the file's budget even inside a call into
        an installed package (whose own budget bounds only the package's code)."""
        budget = self.budget
        if not budget.exhausted:  # the common case, Budget.spend() inlined: steps left, nothing to record
            charged, cost = ((self.model_budget or budget), MODEL_STEP_COST) if in_model else (budget, 1)
            if not charged.exhausted and charged.steps > cost:
                charged.steps -= cost
                return True
        if in_model:
            going = (self.model_budget or self.budget).spend(MODEL_STEP_COST) and not self.budget.exhausted
        else:
            going = self.budget.spend()
        if self.budget.exhausted and not self.budget.stopped_at:
            frames = self._frames_tuple()
            self.budget.stopped_at = frames[0][0] if frames else 0  # the unit's own statement
        return going

    def _in_model(self) -> bool:
        """In TF's code as scopelint models it (bounded work per call, not the program's)."""
        return bool(self.frames) and len(self.frames[-1]) > 3 and self.frames[-1][3] is True

    def _frame(self, node: ast.AST, env: Env, line: int, name: str, col: int) -> List[Any]:
        """A new frame for code defined in `env`. Frames outside the analysed file are hidden (a
        4th item), as a traceback line is only the file's: in TF's models (True) and in followed
        modules (PROJECT, LIBRARY)."""
        if models.is_model_node(node):
            return [line, name, col, True]
        path = env.globals_env.vars.get(FOLLOWED_FILE)
        if path is not None:
            return [line, name, col, PROJECT if self.locator.in_project(path) else LIBRARY]
        return [line, name, col]

    def _bounded(self, kind: Any, run: Callable[[], None]) -> None:
        """Run `run` (a call into, or the body of, a followed module); the outermost entry into
        an installed package gets LIBRARY_CALL_STEPS of work, after which what it does is
        unknown (incomplete), and the analysis of the caller goes on. So does each call a TF
        model makes back into the package (tflearn's LSTM cell, once per time step of
        static_rnn's loop), charged to the file's budget as the model's own steps are: the
        model's loop bounds that work, which is the graph TF builds."""
        caller = self.frames[-2] if len(self.frames) > 1 else []
        entering = kind == LIBRARY and not (len(caller) > 3 and caller[3] == LIBRARY)
        if not entering:
            run()
            return
        saved, outer_model = self.budget, self.model_budget
        # called back from a TF model: charged to the model's budget, as the model's own steps are
        outer = outer_model if len(caller) > 3 and caller[3] is True and outer_model is not None else saved
        start = min(LIBRARY_CALL_STEPS, max(outer.steps, 0))
        self.budget = Budget(steps=start)
        self.model_budget = outer_model or outer
        try:
            run()
        finally:
            used, exhausted = start - max(self.budget.steps, 0), self.budget.exhausted
            self.budget, self.model_budget = saved, outer_model
            outer.spend(used)
            if exhausted:
                self.incomplete = True
