"""The abstract interpreter: simulates a module's Python over abstract values, driving the
semantics core (scope stack, store, reuse flags) exactly as the reference runtime does.

An explicit evaluator (exec_<stmt>, eval_<expr>) over CPython's `ast`: branches it cannot
decide fork the state and join it after; loops over known iterables unroll, others run as
"zero, one or two iterations"; calls into the module's own functions are interpreted with
their arguments; code it cannot follow returns UNKNOWN and may "havoc" the variable store
(anything may exist afterwards), so that it never claims an error it cannot prove.
"""

from __future__ import annotations

import ast
import builtins
import math
import enum
import operator
import re
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from scopelint.analysis import blindspots, loader, models, strings, tf_api
from scopelint.analysis.fix_sites import REUSE_CALL, FixSite, ScopeSites
from scopelint.analysis.cli_args import ArgParserVal, NamespaceVal, ParserMethod, parser_attribute
from scopelint.analysis.builtin_calls import PURE_NUMERIC, BuiltinCalls, _ContainerMethod, _StrMethod, numpy_array
from scopelint.analysis.tf_calls import AUTOGRAPH_MODULE, TfCalls, unexpected_keyword
from scopelint.analysis.threads import ThreadMethod, ThreadVal, make_thread
from scopelint.analysis.markers import (
    GeneratorCM, GeneratorFactory, GeneratorObject, GraphDefault, GraphMethod, GraphVal, Property, Super,
    may_touch_graph, render_text,
)
from scopelint.analysis.values import (
    CreatorScopeCM, NamedTupleClass, SourceModuleVal, namedtuple_ancestor,
    MISSING, ApiFn, ArrayVal, AutographFn, BoundMethod, BuiltinFn, ClassVal, DictVal, Env, FunctionVal, InstanceVal,
    IteratorVal, LazyGen,
    ListVal, ModuleVal, NameScopeCM, OpaqueVal, PartialVal, PyCallable, ScopeCM, ScopeVal, VarVal,
    is_concrete, join_values, truth,
)

from scopelint.runtime import context as runtime_context
from scopelint.runtime.modules import TF_SUBMODULES as _TF_SUBMODULES
from scopelint.runtime.tensors import Op, Tensor
from scopelint.runtime.variables import PartitionedVariable
from scopelint.semantics import errors as scope_errors
from scopelint.semantics.dtypes import DType
from scopelint.semantics.graph import (
    GraphState, StoredPartitioned, StoredVariable, VariableScope, scope_collection_prefix,
)
from scopelint.semantics.locate import Frame, fix_frame
from scopelint.semantics.shapes import Dimension, TensorShape
from scopelint.semantics.values import AUTO_REUSE, UNKNOWN, Pattern, ReuseMode
from scopelint.tf import registry

MAX_UNROLL = 256
MAX_MODEL_UNROLL = 20_000
MAX_FOLLOWED_MODULES = 64  # modules followed per analysed file (its project's and installed ones)
PROJECT = "project"  # the hidden-frame marks of followed modules' code: the project's...
LIBRARY = "library"  # ...and an installed package's
FOLLOWED_FILE = "__scopelint_file__"  # a followed module's global: its path (no program writes it)
MAX_LIBRARY_UNROLL = 32  # an installed package's loops (retry and polling loops) unroll less
LIBRARY_CALL_STEPS = 20_000  # work per call into an installed package (a training loop is not followed)
# A step inside TF's models (a layer's few hundred) costs half of one of the program's: a
# model call is bounded work, and a file of 600 layers should not exhaust the budget.
MODEL_STEP_COST = 0.5
MAX_CALL_DEPTH = 24
MAX_RECURSION = 2  # frames of one function on the stack (unknown arguments fan out fast)...
MAX_KNOWN_RECURSION = 6  # ...or when every argument is known: a tree of known depth unrolls

# Calls that the analysis follows (an argparse namespace given to them stays known), and
# builtins that only read their arguments.
_FOLLOWED_CALLEES = (FunctionVal, BoundMethod, ClassVal, ParserMethod, PartialVal, AutographFn)
_NAMESPACE_READERS = frozenset({"getattr", "hasattr", "print", "str", "repr", "isinstance", "len", "id", "type",
                                "bool", "format"})

# Exception types whose handlers catch what TF's scope APIs raise (ValueError, TypeError)...
# RuntimeError: "Improper nesting of variable_scope." (a scope left by hand out of order).
_CATCHES_SCOPE_ERRORS = frozenset({"ValueError", "TypeError", "RuntimeError", "Exception", "BaseException",
                                   "StandardError"})
# ...and types known not to (builtins, tf.errors.*); any other name may be a subclass of them.
_OTHER_EXCEPTIONS = frozenset({
    "ArithmeticError", "AssertionError", "AttributeError", "EOFError", "FloatingPointError", "GeneratorExit",
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


@dataclass
class Budget:
    """Work limits for one module: running out makes results UNKNOWN, never an error."""

    steps: float = 400_000
    exhausted: bool = False
    stopped_at: int = 0  # the program line being analysed when the budget ran out (0: unknown)

    def spend(self, amount: float = 1) -> bool:
        self.steps -= amount
        if self.steps <= 0:
            self.exhausted = True
        return not self.exhausted


@dataclass(frozen=True)
class Finding:
    """A diagnostic the interpreter is certain of (or a warning), before rendering."""

    code: str
    message: str
    line: int
    col: int
    frames: Tuple[Frame, ...]
    site: Optional[FixSite] = None  # where its fix would edit the analysed file (scopelint/fix)


class FlagsVal:
    """tf.app.flags.FLAGS (or absl's): attributes are the defaults DEFINE_* registered."""


class _Stop(Exception):
    """Internal: the current path ends (an error was raised on it)."""


@dataclass
class State:
    """One path through the program: its graph, the current function's bindings, liveness."""

    graph: GraphState
    env: Env
    alive: bool = True
    escaped: bool = False  # it left by return/break/continue (not by raising)

    def fork(self, certain: bool = True) -> "State":
        graph = self.graph.fork()
        if not certain:
            graph.path_certain = False
        return State(graph, self.env.copy_chain(), self.alive)


@dataclass
class CallContext:
    returns: List[Tuple[Any, State]] = field(default_factory=list)
    function: Optional[FunctionVal] = None
    cleanups_base: int = 0
    yield_hook: Optional[Callable[[Any, State], None]] = None
    yield_collector: Optional[Callable[[Any, State], None]] = None  # every yield of a generator


@dataclass
class TryContext:
    """A `try` with handlers being executed: where its body raised, as the handlers see it."""

    catches_scope_errors: bool  # a handler catches ValueError/TypeError (or may: unknown types)
    cleanups_base: int
    scope: Any  # the variable scope and name scope the try runs in: where its handlers start
    name_stack: Any
    raised: List[GraphState] = field(default_factory=list)  # unwound to the try's level
    raised_certainly: bool = False  # one of those raises is reached on every path to the try
    reports_errors: bool = False  # a thread's boundary: what it catches still happened (and is reported)


@dataclass
class LoopContext:
    breaks: List[State] = field(default_factory=list)
    continues: List[State] = field(default_factory=list)
    cleanups_base: int = 0
    frame_depth: int = 0


class Interpreter(TfCalls, BuiltinCalls):
    """Analyses one module. `run_module()` and `run_entry()` produce events and findings."""

    def __init__(self, tree: ast.Module, path: str, budget: Optional[Budget] = None, strict: bool = False,
                 python2: bool = False) -> None:
        self.tree = tree
        self.python2 = python2  # Python 2 source (rewritten by scopelint.py2): `/` floors ints, xrange
        self.path = path
        self.budget = budget or Budget()
        self.strict = strict  # tests: unknown syntax raises instead of being havocked
        self.frames: List[List[Any]] = []
        self.findings: List[Finding] = []
        self.warnings: List[Finding] = []
        self.called: set = set()
        self.call_stack: List[FunctionVal] = []
        self.calls: List[CallContext] = []
        self.loops: List[LoopContext] = []
        self.tries: List[TryContext] = []  # dynamic: a callee's raise reaches the caller's handler
        self.graph_states: Dict[object, Optional[GraphState]] = {}  # tf.Graphs not the default now
        self.may_raise = 0  # counts the points where the analysis cannot rule out an exception
        self._unwinding = False
        self.cleanups: List[Callable[[State], None]] = []
        self.second_iteration = 0
        self.local_envs: List[Env] = []
        self.frame_limits: List[int] = []  # autograph-converted functions report at the call line
        # --explain: the calls not followed, by (line, message); the call being evaluated
        self.blindspots: Dict[Tuple[int, str], blindspots.Blindspot] = {}
        self.call_context: List[Tuple[ast.Call, Any, int]] = []
        self.flags: Dict[str, Any] = {}  # tf.app.flags defaults: the module runs as `python FILE`
        self.module_env = Env()
        self.model_envs: Dict[str, Env] = {}  # TF's models (scopelint.tf), loaded when first named
        self.model_initial: Dict[str, Dict[str, Any]] = {}  # their module-level containers as loaded
        self.imported: Dict[str, Any] = {}  # modules followed as source, by qualified name
        self.pending_modules: Dict[int, ast.Module] = {}  # passed-through packages whose body has not run yet
        self.graph_free: set = set()  # modules found but not followed: they never name TensorFlow
        self.read_files: set = set()  # files of the modules imported: what the results depend on
        self.follow_imports = True  # False: imported modules are unknown libraries (faster, fewer findings)
        self.model_budget: Optional[Budget] = None  # the file's budget, while in a package's own
        self.abspath = os.path.abspath(path)
        self.locator = loader.Locator(path)
        self.module_env.vars["__package__"] = self.locator.main_package
        self.module_env.vars["__name__"] = "__main__"
        self.module_env.vars["__file__"] = path
        self.runtime_graph = runtime_context.Graph()
        self.scope_sites = ScopeSites()
        self.incomplete = False

    # ------------------------------------------------------------------ entry points

    def graph_state_of(self, graph_id: object, outer: GraphState) -> GraphState:
        """The state to continue a graph in when it becomes the default again."""
        known = self.graph_states.get(graph_id, MISSING)
        if isinstance(known, GraphState):
            state = known.fork()
        else:
            state = self.new_graph()
            state.graph_id = graph_id
            state.havoc = known is None  # left on a path the analysis could not decide
        state.events, state.path_certain, state.muted = outer.events, outer.path_certain, outer.muted
        return state

    def new_graph(self) -> GraphState:
        graph = GraphState(events=[], frames=self._frames_tuple, wrap=lambda record: _wrap(record),
                           on_uncertainty=self._note_may_raise, on_havoc=self._note_havoc)
        return graph

    def _note_may_raise(self) -> None:
        self.may_raise += 1

    def _frames_tuple(self) -> Tuple[Frame, ...]:
        frames = self.frames[: self.frame_limits[-1]] if self.frame_limits else self.frames
        return tuple((int(f[0]), str(f[1])) for f in frames if len(f) < 4)  # 4 items: a model's, hidden

    def _col_of(self, frame: Frame) -> int:
        for entry in self.frames:
            if entry[0] == frame[0] and entry[1] == frame[1]:
                return int(entry[2]) + 1
        return 1

    def run_module(self) -> GraphState:
        graph = self.new_graph()
        state = State(graph, self.module_env)
        self.frames = [[1, "<module>", 0]]
        with self._runtime_graph(state):
            self.exec_block(self.tree.body, state)
        return state.graph

    def run_entry(self, function: FunctionVal, owner: Optional[ClassVal], fresh: bool = False) -> GraphState:
        """An uncalled function with unknown arguments. `fresh`: as if called first in a fresh
        graph at the root scope (declared entry points). Otherwise its callers are elsewhere:
        any variable may already exist, and its position in the name scopes is unknown."""
        graph = self.new_graph()
        if not fresh:
            graph.havoc = True  # callers elsewhere may have created anything; their reuse is assumed plain
            graph.root_known = False
        state = State(graph, self.module_env)
        self.frames = []
        with self._runtime_graph(state):
            args: List[Any] = []
            if owner is not None and not _is_static(function):
                instance = InstanceVal(owner, attrs_complete=False)
                init = owner.lookup("__init__")
                if isinstance(init, FunctionVal) and init is not function:
                    self.frames = []
                    self.call_function(init, [instance] + self._unknown_args(init, skip=1), {}, state)
                    state.alive = True
                    del state.graph.events[:]
                args = [instance]
            self.frames = []
            params = self._unknown_args(function, skip=len(args))
            keywords = {a.arg: UNKNOWN for a in function.node.args.kwonlyargs}
            self.call_function(function, args + params, keywords, state, entry=True)
        return state.graph

    @staticmethod
    def _unknown_args(function: FunctionVal, skip: int = 0) -> List[Any]:
        """Every parameter unknown, defaulted ones too: callers may pass anything."""
        node = function.node
        positional = list(node.args.posonlyargs) + list(node.args.args)
        return [UNKNOWN for _ in positional[skip:]]

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

    # ------------------------------------------------------------------ statements

    def exec_block(self, body: Sequence[ast.stmt], st: State) -> None:
        for stmt in body:
            if not st.alive:
                return
            if not self._spend(self._in_model()):
                self.incomplete = True
                st.graph.unknown_code_ran()
                return
            self.frames[-1][0] = stmt.lineno
            self.frames[-1][2] = stmt.col_offset
            method = getattr(self, "exec_" + type(stmt).__name__, None)
            if method is None:
                self._unsupported(stmt, st)
                continue
            if type(stmt) is ast.If and self._skips_raising_branch(stmt, st):
                continue
            method(stmt, st)

    def _skips_raising_branch(self, node: ast.If, st: State) -> bool:
        """`if <unknown>: raise ValueError(...)` outside any `try`: the raising path ends the
        program, so the rest runs on the other path alone, certain as before; run that path
        in place instead of forking the graph for a branch that only raises. (Argument checks
        in TF's models and in library code are of this form.)"""
        if self.tries or not _is_plain_raise(node.body) or node.orelse and _is_plain_raise(node.orelse):
            return False
        test = truth(self.eval(node.test, st))
        if not st.alive:
            return True
        if test is True:
            self.exec_block(node.body, st)
        else:
            self.exec_block(node.orelse, st)  # False, or unknown: the raising path ends here
        return True

    def _unsupported(self, node: ast.AST, st: State) -> None:
        if self.strict:
            raise NotImplementedError("scopelint interpreter: unsupported %s at line %s"
                                      % (type(node).__name__, getattr(node, "lineno", "?")))
        st.graph.unknown_code_ran()

    def exec_Expr(self, node: ast.Expr, st: State) -> None:
        self.eval(node.value, st)

    def exec_Pass(self, node: ast.Pass, st: State) -> None:
        return None

    def exec_Import(self, node: ast.Import, st: State) -> None:
        for alias in node.names:
            parts = alias.name.split(".")
            # `import a.b.c` runs a, a.b and a.b.c, binds `a` (or the whole with `as`). A package
            # only passed through runs when the program first reads a name of it (see _force).
            values = [self.import_module(".".join(parts[: i + 1]), st, passed_through=i < len(parts) - 1)
                      for i in range(len(parts))]
            if not st.alive:
                return
            st.env.assign(alias.asname or parts[0], values[-1] if alias.asname else values[0])

    def exec_ImportFrom(self, node: ast.ImportFrom, st: State) -> None:
        module = ("." * node.level) + (node.module or "")
        if node.level:
            absolute = self._absolute_module(node.level, node.module, st)
            if absolute is not None:
                module = absolute
        source = self.import_module(module, st, passed_through=True) if not module.startswith(".") \
            else ModuleVal(module)
        if not st.alive:
            return
        for alias in node.names:
            if isinstance(source, SourceModuleVal) and id(source) in self.pending_modules and alias.name != "*" \
                    and not {"*", alias.name} & _package_bindings(self.pending_modules[id(source)]):
                # `from pkg import sub` where pkg's __init__ binds no `sub` of its own: the submodule,
                # whatever the package's body does (it runs when a name of its own is read).
                submodule = self.import_module(source.qualname + "." + alias.name, st)
                if not st.alive:
                    return
                if isinstance(submodule, SourceModuleVal):
                    st.env.assign(alias.asname or alias.name, submodule)
                    continue
            if alias.name == "*":
                if module in ("tensorflow", "tensorflow.compat.v1"):
                    continue  # star imports of TF: names resolve through unknown globals
                if isinstance(source, SourceModuleVal):
                    self._force(source, st)
                    for name, value in source.env.vars.items():
                        if not name.startswith("_"):
                            st.env.assign(name, value)
                    continue
                st.graph.unknown_code_ran()
                continue
            value = self.get_attribute(source, alias.name, st)
            st.env.assign(alias.asname or alias.name, value)

    def _absolute_module(self, level: int, module: Optional[str], st: State) -> Optional[str]:
        """`from ..ops import conv` inside package `a.b`: `a.ops`."""
        package = st.env.globals_env.vars.get("__package__")
        if not isinstance(package, str) or not package:
            return None
        parts = package.split(".")
        if level - 1 >= len(parts):
            return None
        base = ".".join(parts[: len(parts) - (level - 1)])
        return base + "." + module if module else base

    def import_module(self, qualname: str, st: State, passed_through: bool = False,
                      even_graph_free: bool = False) -> Any:
        """What `import qualname` gives: TF and the names scopelint models are answered by the
        registry; a module found as source (the project's, an installed package's) is
        followed: its body runs once per analysis; anything else is an unknown library.
        `passed_through`: a parent package of the module imported (`a` of `import a.b`, and of
        `from a.b import c`): its body runs when a name of it is first read, not now. Most
        parent packages' names are never read (`from pkg.sub.mod import f`), and a package's
        __init__ that imports all its submodules is most of what a file's imports would run."""
        known = self.imported.get(qualname)
        if known is not None:
            if not passed_through and isinstance(known, SourceModuleVal):
                self._force(known, st)
            return known
        root = qualname.split(".")[0]
        if root == "tensorflow" or tf_api.is_safe_module(qualname) or qualname in registry.NAMESPACES or \
                qualname in registry.ALIAS_MODULES or len(self.imported) >= MAX_FOLLOWED_MODULES:
            return ModuleVal(qualname)
        path = self.locator.locate(qualname) if self.follow_imports else None
        if path is not None:
            self.read_files.add(path)
        graph_free = path is not None and not even_graph_free and (
            not loader.builds_graphs(path) if self.locator.in_project(path)
            else not loader.installed_package_builds_graphs(path))
        if graph_free:
            self.graph_free.add(qualname)
            return ModuleVal(qualname)
        tree = loader.parse_module(path) if path is not None and path != self.abspath else None
        if tree is None:
            return ModuleVal(qualname)
        env = Env()
        is_package = os.path.basename(path) == "__init__.py"
        env.vars.update(__name__=qualname, __file__=path,
                        __package__=qualname if is_package else qualname.rpartition(".")[0])
        env.vars[FOLLOWED_FILE] = path  # the code it defines is the followed module's, not the file's
        module = SourceModuleVal(qualname, env, path)
        self.imported[qualname] = module  # before its body runs: an import cycle sees it partly filled
        parent_name, _, last = qualname.rpartition(".")
        parent = self.imported.get(parent_name)
        if isinstance(parent, SourceModuleVal):
            parent.env.vars[last] = module
        if passed_through and is_package:
            self.pending_modules[id(module)] = tree
            return module
        self._run_module_body(module, tree, st)
        return module

    def _force(self, module: SourceModuleVal, st: State) -> None:
        """Run a passed-through package's body, now that one of its names is read. Its
        submodules imported meanwhile stay bound to their names, as Python binds them after
        the package's body ran."""
        tree = self.pending_modules.pop(id(module), None)
        if tree is None:
            return
        children = {name: value for name, value in module.env.vars.items() if isinstance(value, SourceModuleVal)
                    and value.qualname == module.qualname + "." + name}
        alive = st.alive
        self._run_module_body(module, tree, st)
        module.env.vars.update(children)
        st.alive = alive  # the package was imported earlier: its body raising here ends no path of the program

    def _run_module_body(self, module: SourceModuleVal, tree: ast.Module, st: State) -> None:
        path, env = module.path, module.env
        inner = State(st.graph, env, True)
        saved_frames, saved_loops, saved_calls = self.frames, self.loops, self.calls
        kind = PROJECT if self.locator.in_project(path) else LIBRARY
        self.frames, self.loops, self.calls = saved_frames + [[1, "<module>", 0, kind]], [], []
        try:
            self._bounded(kind, lambda: self.exec_block(tree.body, inner))
        finally:
            self.frames, self.loops, self.calls = saved_frames, saved_loops, saved_calls
        st.graph = inner.graph
        self.runtime_graph.state = st.graph
        if not inner.alive:
            st.alive = False  # its body raised: so does the import

    def exec_Assign(self, node: ast.Assign, st: State) -> None:
        value = self.eval(node.value, st)
        for target in node.targets:
            self.assign(target, value, st)

    def exec_AnnAssign(self, node: ast.AnnAssign, st: State) -> None:
        if node.value is not None:
            self.assign(node.target, self.eval(node.value, st), st)

    def exec_AugAssign(self, node: ast.AugAssign, st: State) -> None:
        current = self.eval(_load(node.target), st)
        operand = self.eval(node.value, st)
        if isinstance(current, ListVal) and not current.is_tuple and isinstance(node.op, (ast.Add, ast.Mult)):
            # `a += [...]` changes the list in place: every alias sees it
            items = self.iterate(operand, st) if isinstance(node.op, ast.Add) else None
            if items is not None:
                current.items.extend(items)
            elif isinstance(node.op, ast.Mult) and isinstance(operand, int) and 0 <= operand <= MAX_UNROLL:
                current.items[:] = current.items * operand
            else:
                current.poisoned = True
            self.assign(node.target, current, st)
            return
        if isinstance(current, DictVal) and isinstance(node.op, ast.BitOr):
            current.poisoned = True  # `d |= other`
        value = self.binary(node.op, current, operand, st)
        self.assign(node.target, value, st)

    def assign(self, target: ast.expr, value: Any, st: State) -> None:
        if isinstance(target, ast.Name):
            st.env.assign(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            starred = [i for i, e in enumerate(target.elts) if isinstance(e, ast.Starred)]
            if len(starred) == 1:
                # `*start, nx = shape_list(x)`: the starred name takes the middle, as a list
                whole = self.iterate(value, st) if isinstance(value, (ListVal, TensorShape, str)) else None
                before, after = starred[0], len(target.elts) - starred[0] - 1
                if whole is not None and len(whole) >= before + after:
                    middle = ListVal(list(whole[before: len(whole) - after]))
                    parts = list(whole[:before]) + [middle] + list(whole[len(whole) - after:])
                    for element, item in zip(target.elts, parts):
                        self.assign(element.value if isinstance(element, ast.Starred) else element, item, st)
                    return
            items = self.unpack(value, len(target.elts), st) if not starred else None
            if starred or items is None:
                for element in target.elts:
                    inner = element.value if isinstance(element, ast.Starred) else element
                    self.assign(inner, UNKNOWN, st)
                return
            for element, item in zip(target.elts, items):
                self.assign(element, item, st)
        elif isinstance(target, ast.Attribute):
            obj = self.eval(target.value, st)
            if isinstance(obj, InstanceVal):
                obj.attrs[target.attr] = value
            elif isinstance(obj, ClassVal):
                obj.attrs[target.attr] = value
            elif isinstance(obj, NamespaceVal):
                obj.values[target.attr] = value
            elif isinstance(obj, FlagsVal):
                self.flags[target.attr] = value
        elif isinstance(target, ast.Subscript):
            obj = self.eval(target.value, st)
            key = self.eval(target.slice, st)
            if isinstance(obj, DictVal):
                if is_concrete(key):
                    obj.items[key] = value
                else:
                    obj.poisoned = True  # a known key may have been overwritten
            elif isinstance(obj, ListVal):
                items = self.iterate(value, st) if isinstance(key, slice) else None
                if isinstance(key, int) and -len(obj.items) <= key < len(obj.items) and not obj.is_tuple:
                    obj.items[key] = value
                elif isinstance(key, slice) and items is not None and not obj.is_tuple:
                    try:
                        obj.items[key] = items
                    except ValueError:
                        obj.poisoned = True
                else:
                    obj.poisoned = True
        elif isinstance(target, ast.Starred):
            self.assign(target.value, UNKNOWN, st)

    def unpack(self, value: Any, count: int, st: State) -> Optional[List[Any]]:
        if isinstance(value, (IteratorVal, LazyGen, GeneratorObject, InstanceVal)):
            items = self.iterate(value, st)  # `names, sizes = zip(*specs)`
            return items if items is not None and len(items) == count else None
        if isinstance(value, ListVal):
            return list(value.items) if len(value.items) == count else None
        if isinstance(value, (TensorShape,)) and value.dims_tuple is not None and len(value.dims_tuple) == count:
            return [Dimension(d) for d in value.dims_tuple]
        if isinstance(value, Tensor):
            shape = value.get_shape()
            dims = shape.dims_tuple if isinstance(shape, TensorShape) else None
            if dims and dims[0] == count:
                return [self.real_call(value.__getitem__, [i], {}, st) for i in range(count)]
        if isinstance(value, (str, tuple, list)) and len(value) == count:
            return list(value)
        return None

    def exec_Delete(self, node: ast.Delete, st: State) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                st.env.vars.pop(target.id, None)
            elif isinstance(target, ast.Subscript):
                obj, key = self.eval(target.value, st), self.eval(target.slice, st)
                if isinstance(obj, ListVal) and not obj.is_tuple and isinstance(key, (int, slice)):
                    try:
                        del obj.items[key]
                    except IndexError:
                        obj.poisoned = True
                elif isinstance(obj, DictVal) and is_concrete(key):
                    obj.items.pop(key, None)
                elif isinstance(obj, (ListVal, DictVal)):
                    obj.poisoned = True

    def exec_Global(self, node: ast.Global, st: State) -> None:
        st.env.global_names.update(node.names)

    def exec_Nonlocal(self, node: ast.Nonlocal, st: State) -> None:
        st.env.nonlocal_names.update(node.names)

    def exec_Assert(self, node: ast.Assert, st: State) -> None:
        test = truth(self.eval(node.test, st))
        if test is False and st.alive:
            self._program_raised(st)
        elif test is None:
            self.may_raise += 1

    def exec_Raise(self, node: ast.Raise, st: State) -> None:
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
        context.raised_certainly = context.raised_certainly or st.graph.path_certain

    def exec_Return(self, node: ast.Return, st: State) -> None:
        value = self.eval(node.value, st) if node.value is not None else None
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

    def exec_FunctionDef(self, node: ast.FunctionDef, st: State) -> None:
        defaults = [self.eval(d, st) for d in node.args.defaults]
        kw_defaults = [self.eval(d, st) if d is not None else MISSING for d in node.args.kw_defaults]
        prefix = self.call_stack[-1].qualname + ".<locals>." if self.call_stack else ""
        function: Any = FunctionVal(node, st.env, defaults, kw_defaults, prefix + node.name)
        for decorator in reversed(node.decorator_list):
            function = self.apply_decorator(decorator, function, st)
        st.env.assign(node.name, function)

    exec_AsyncFunctionDef = exec_FunctionDef

    def apply_decorator(self, decorator: ast.expr, function: Any, st: State) -> Any:
        name = _dotted(decorator)
        if name in ("staticmethod", "classmethod"):
            if isinstance(function, FunctionVal):
                function.decorated = True
                setattr(function, "_kind", name)
            return function
        if name == "property":
            return Property(function)
        if name.endswith("contextmanager") and isinstance(function, FunctionVal):
            return GeneratorFactory(function)
        if isinstance(decorator, ast.Call) and _dotted(decorator.func).endswith("wraps"):
            return function  # functools.wraps(f) returns the wrapper itself, with f's metadata
        if isinstance(decorator, ast.Call) and _dotted(decorator.func).endswith("add_metaclass") and \
                isinstance(function, ClassVal):
            return function  # six.add_metaclass(ABCMeta): the same class, made with that metaclass
        if name in ("abstractmethod", "abstractproperty", "abc.abstractmethod", "abc.abstractproperty"):
            return Property(function) if name.endswith("abstractproperty") else function
        if name.endswith("lru_cache") or name.endswith("cache"):
            return UNKNOWN  # a cached function does not run again: its calls cannot be followed
        decorator_value = self.eval(decorator, st)
        if isinstance(decorator_value, (ApiFn, ModuleVal)) and \
                decorator_value.qualname.rsplit(".", 1)[-1] in ("function", "add_arg_scope"):
            return function  # tf.function, slim's add_arg_scope: the function as it is
        if isinstance(decorator_value, (FunctionVal, BoundMethod)):
            return self.call(decorator_value, [function], {}, st, decorator)
        return UNKNOWN

    def exec_ClassDef(self, node: ast.ClassDef, st: State) -> None:
        bases = [self.eval(b, st) for b in node.bases]
        known_bases: List[Any] = []
        for base in bases:
            if isinstance(base, BuiltinFn) and base.name == "object":
                continue
            known_bases.append(base)
        cls = ClassVal(node.name, node.name, {}, known_bases, node)
        body_env = Env(st.env, st.env.globals_env)
        body_state = State(st.graph, body_env, True)
        self.exec_block(node.body, body_state)
        st.graph = body_state.graph
        for key, value in body_env.vars.items():
            function_value = value.getter if isinstance(value, Property) else value
            if isinstance(function_value, FunctionVal) and function_value.env is body_env:
                # Methods defined here do not see the class body's names; functions made by a
                # decorator keep their own closure.
                function_value.qualname = node.name + "." + function_value.name
                function_value.env = st.env
            if isinstance(function_value, FunctionVal):
                setattr(function_value, "_owner", cls)
            cls.attrs[key] = value
        decorated: Any = cls
        for decorator in reversed(node.decorator_list):
            decorated = self.apply_decorator(decorator, decorated, st)
        st.env.assign(node.name, decorated)

    def exec_If(self, node: ast.If, st: State) -> None:
        test = truth(self.eval(node.test, st))
        if not st.alive:
            return
        if test is True:
            self.exec_block(node.body, st)
        elif test is False:
            self.exec_block(node.orelse, st)
        else:
            self.branch(st, [node.body, node.orelse])

    def branch(self, st: State, bodies: List[Sequence[ast.stmt]]) -> None:
        """Run each body on its own fork of the state, then join the survivors into st."""
        ends: List[State] = []
        for body in bodies:
            fork = st.fork(certain=False)
            self.exec_block(body, fork)
            ends.append(fork)
        self.join_into(st, ends)

    def join_into(self, st: State, ends: List[State]) -> None:
        alive = [e for e in ends if e.alive]
        if not alive:
            st.alive = False
            return
        # After a join where some path returned, broke or continued, what follows runs only on the
        # others: no longer certain. (A path that raised ends the program: the rest is certain.)
        certain = st.graph.path_certain and not any(e.escaped for e in ends if not e.alive)
        merged = alive[0]
        for other in alive[1:]:
            merged.graph.join(other.graph)
            for name in set(merged.env.vars) | set(other.env.vars):
                merged.env.vars[name] = join_values(merged.env.vars.get(name, UNKNOWN),
                                                    other.env.vars.get(name, UNKNOWN))
        merged.graph.path_certain = certain
        st.graph = merged.graph
        st.env.vars = merged.env.vars
        st.alive = True
        self.runtime_graph.state = st.graph

    def exec_For(self, node: ast.For, st: State) -> None:
        iterable = self.eval(node.iter, st)
        items = self.iterate(iterable, st)
        if _has_own_break(node):
            # A loop that may break leaves an iterator partly consumed, by an unknown amount.
            if isinstance(iterable, IteratorVal):
                iterable.remaining = None
            elif isinstance(iterable, (GeneratorObject, LazyGen)):
                iterable.state = "unknown"
        if items is None or len(items) > self._unroll_limit():
            self.unknown_loop(node, st, lambda s: self.assign(node.target, UNKNOWN, s))
            return
        pending = iter(items)

        def next_item() -> Optional[bool]:
            item = next(pending, MISSING)
            if item is MISSING:
                return False
            self.assign(node.target, item, st)
            return True

        self._unrolled_loop(node, st, next_item, lambda s: self.assign(node.target, UNKNOWN, s))

    def exec_While(self, node: ast.While, st: State) -> None:
        self._unrolled_loop(node, st, lambda: truth(self.eval(node.test, st)), lambda s: None)

    def _unrolled_loop(self, node: Any, st: State, next_step: Callable[[], Optional[bool]],
                       bind_unknown: Callable[[State], None]) -> None:
        """A loop whose iterations the analysis can count. `next_step()` starts the next one:
        True it runs, False the loop is done, None the analysis cannot tell (the rest of the
        loop then runs as one of unknown length)."""
        loop_certain = st.graph.path_certain
        iteration_certain = loop_certain  # false once an earlier iteration may have broken out
        context = self.calls[-1] if self.calls else None
        returns_before = len(context.returns) if context is not None else 0
        breaks: List[State] = []
        ended = False
        count = 0
        while st.alive:
            self.frames[-1][0] = node.lineno
            step = next_step() if count <= self._unroll_limit() else None
            if not st.alive:
                break
            if step is None:
                self.unknown_loop(node, st, bind_unknown)
                break
            if step is False:
                ended = True
                break
            count += 1
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
        """A loop whose trip count is unknown: zero, one or two iterations, joined."""
        start = st.fork(certain=True)
        runs: List[State] = []
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
        for run in runs:
            run.graph.muted = start.graph.muted
        self.join_into(st, [start] + runs)
        if st.alive and getattr(node, "orelse", None):
            self.exec_block(node.orelse, st)

    def exec_Try(self, node: ast.Try, st: State) -> None:
        if not node.handlers:
            self._try_finally(node, st)
            return
        certain = st.graph.path_certain
        before = st.fork(certain=False)
        context = TryContext(_handlers_catch_scope_errors(node.handlers), len(self.cleanups),
                             st.graph.current, st.graph.name_stack)
        may_raise_before = self.may_raise
        escapes_before = self._escapes()
        self.tries.append(context)
        try:
            self.exec_block(node.body, st)
        finally:
            self.tries.pop()
        uncertain = self.may_raise != may_raise_before
        entry = self._handler_entry(context, before, st.graph if st.alive else None, uncertain)
        if st.alive:
            self.exec_block(node.orelse, st)
        ends = [st]
        if entry is not None:
            # One handler, reached on every path: the body certainly raised and nothing else could.
            entry.path_certain = (certain and not uncertain and not st.alive and context.raised_certainly
                                  and len(node.handlers) == 1 and context.catches_scope_errors)
            for handler in node.handlers:
                fork = before.fork(certain=False)
                fork.graph = entry.fork()
                if handler.name:
                    fork.env.assign(handler.name, UNKNOWN)
                self.exec_block(handler.body, fork)
                ends.append(fork)
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
            if manager.graph.graph_id is st.graph.graph_id:
                body(manager.graph, st)  # it is the default graph already
                return
            saved = st.graph
            self.graph_states[saved.graph_id] = saved
            st.graph = self.graph_state_of(manager.graph.graph_id, saved)
            self.runtime_graph.state = st.graph

            def restore(state: State) -> None:
                # Entered again later, the graph goes on from here; a path the analysis could
                # not decide leaves it unknown (the other paths may have built something else).
                self.graph_states[state.graph.graph_id] = state.graph if state.graph.path_certain else None
                state.graph = saved  # the outer graph, untouched while the other was the default
                self.runtime_graph.state = saved

            self.cleanups.append(restore)
            try:
                body(manager.graph, st)
            finally:
                self.cleanups.pop()
            restore(st)
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
            body(UNKNOWN, st)
        else:
            # An unknown context manager may open a variable scope of unknown name and reuse,
            # and may swallow what its body raises (`contextlib.suppress(ValueError)`).
            self._swallowing(st, lambda: self.enter_context(ScopeCM(UNKNOWN, None, UNKNOWN, {}), node, body, st))

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
        entry = self._handler_entry(context, before, None, self.may_raise != may_raise_before)
        assert entry is not None
        self.join_into(st, ([st] if st.alive else []) + [State(entry, st.env, True)])
        if st.alive:
            st.graph.path_certain = certain and always

    def run_thread(self, target: Any, args: List[Any], kwargs: Dict[str, Any], st: State) -> None:
        """A thread runs `target` (threads.py): in a scope stack of its own, beyond the reach of
        the caller's `try` handlers and `with` blocks."""
        saved = self.tries, self.cleanups, self.frames
        # A thread's traceback starts at its target: the caller's frames are not in it.
        self.tries, self.cleanups, self.frames = [], [], [list(self.frames[-1][:3]) + [True]]
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
            self.tries, self.cleanups, self.frames = saved
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
        """A @contextmanager function: its `yield` runs the with-block body."""
        fired = []

        def on_yield(value: Any, inner: State) -> None:
            fired.append(True)
            saved_env = inner.env
            inner.env = st.env
            saved_frames = self.frames
            self.frames = self.frames[: manager.depth]
            try:
                body(value, inner)
            finally:
                self.frames = saved_frames
                st.env = inner.env
                inner.env = saved_env

        self.call_function(manager.function, manager.args, manager.kwargs, st, yield_hook=on_yield)
        if not fired:
            st.graph.unknown_code_ran()

    def exec_Match(self, node: Any, st: State) -> None:
        self._unsupported(node, st)

    # ------------------------------------------------------------------ errors

    def raised(self, exc: scope_errors.ScopeError, st: State) -> None:
        """A scope API raised on this path: report it if certain, and end the path."""
        frames = getattr(exc, "frames", None) or self._frames_tuple()
        catcher = next((t for t in reversed(self.tries) if t.catches_scope_errors), None)
        uncaught = catcher is None or catcher.reports_errors
        certain = st.graph.path_certain and uncaught and not self.second_iteration
        if self.second_iteration and exc.code == "SL101" and uncaught:
            loop_depth = self.loops[-1].frame_depth if self.loops else len(frames)
            at = frames[max(0, min(loop_depth, len(frames)) - 1)] if frames else (0, "")
            self.warnings.append(Finding(
                "SL111",
                "%s: a fixed name is created on every iteration of a loop whose trip count is unknown; "
                "the second iteration raises" % exc.message.split(",")[0], at[0], self._col_of(at), frames))
        if certain and frames:
            chosen = fix_frame(frames, exc.origin)
            finding = Finding(exc.code, exc.message, chosen[0], self._col_of(chosen), frames,
                              self.scope_sites.site_for(exc, st.graph))
            replacement = self._raised_while_unwinding(st) if not self._unwinding else None
            self.findings.append(replacement or finding)
        if catcher is not None:
            self._snapshot_raise(catcher, st)
        st.alive = False

    def _raised_while_unwinding(self, st: State) -> Optional[Finding]:
        """As a scope error propagates, the `with` blocks it leaves exit; one whose exit raises
        (a variable scope left open by a refused `__exit__`) replaces the error, as in Python.
        The exits are tried on a copy of the path; the last error they raise, if any, is what
        the program dies of."""
        exits = [c for c in self.cleanups if isinstance(c, _ScopeExit)]
        if not exits:
            return None
        probe = st.fork()
        probe.graph.muted = True
        saved = self.findings, self.warnings, self.runtime_graph.state, [list(f) for f in self.frames]
        self.findings, self.warnings = [], []
        self._unwinding = True
        try:
            for scope_exit in reversed(exits):
                probe.alive = True
                scope_exit(probe)
            produced = self.findings
        finally:
            self._unwinding = False
            self.findings, self.warnings, self.runtime_graph.state = saved[0], saved[1], saved[2]
            for frame, before in zip(self.frames, saved[3]):
                frame[:] = before
        return produced[-1] if produced else None

    def warn(self, code: str, message: str, node: ast.AST, site: Optional[FixSite] = None) -> None:
        if self.frames and len(self.frames[-1]) > 3:
            return  # in TF's code (a model): not the program's to fix
        frames = self._frames_tuple()
        line = getattr(node, "lineno", None) or (frames[-1][0] if frames else 0)
        self.warnings.append(Finding(code, message, line, getattr(node, "col_offset", 0) + 1, frames, site))

    def call_site_in_file(self, kind: str, node: Optional[ast.AST]) -> Optional[FixSite]:
        """The call `node` as a fix site, when it is the analysed file's own code."""
        if not isinstance(node, ast.Call) or not self.frames or len(self.frames[-1]) > 3:
            return None
        return FixSite(kind, node.lineno, node.col_offset)

    # ------------------------------------------------------------------ expressions

    def eval(self, node: Optional[ast.expr], st: State) -> Any:
        if node is None:
            return None
        frame = self.frames[-1] if self.frames else None
        if not self._spend(frame is not None and len(frame) > 3 and frame[3] is True):
            self.incomplete = True
            return UNKNOWN
        kind = type(node)
        if kind not in _EVAL_METHODS:  # each node type's method, looked up once per process
            _EVAL_METHODS[kind] = getattr(Interpreter, "eval_" + kind.__name__, None)
        method = _EVAL_METHODS[kind]
        if method is None:
            if self.strict:
                raise NotImplementedError("scopelint interpreter: unsupported %s" % kind.__name__)
            self.may_raise += 1
            return UNKNOWN
        value = method(self, node, st)
        if value is UNKNOWN and st.alive:
            self.may_raise += 1  # a value the analysis lost may be an exception it did not see
        return value

    def eval_Constant(self, node: ast.Constant, st: State) -> Any:
        if isinstance(node.value, str):
            return strings.capped(node.value)
        return node.value

    def eval_Name(self, node: ast.Name, st: State) -> Any:
        value = st.env.lookup(node.id)
        if value is not MISSING:
            return _visible(value)
        if hasattr(builtins, node.id):
            if node.id in ("True", "False", "None"):
                return getattr(builtins, node.id)
            return BuiltinFn(node.id)
        if self.python2 and node.id in _PYTHON2_BUILTINS:
            return BuiltinFn(_PYTHON2_BUILTINS[node.id])
        return UNKNOWN

    def eval_JoinedStr(self, node: ast.JoinedStr, st: State) -> Any:
        parts: List[Any] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
            elif isinstance(value, ast.FormattedValue):
                inner = self.eval(value.value, st)
                spec = self.eval(value.format_spec, st) if value.format_spec is not None else None
                parts.append(strings.fstring_piece(inner, spec, value.conversion))
        return strings.capped(Pattern.of(*parts))

    def eval_Tuple(self, node: ast.Tuple, st: State) -> Any:
        return ListVal(self._elements(node.elts, st), is_tuple=True)

    def eval_List(self, node: ast.List, st: State) -> Any:
        return ListVal(self._elements(node.elts, st))

    def eval_Set(self, node: ast.Set, st: State) -> Any:
        return ListVal(self._elements(node.elts, st))

    def _elements(self, elts: Sequence[ast.expr], st: State) -> List[Any]:
        out: List[Any] = []
        for element in elts:
            if isinstance(element, ast.Starred):
                value = self.eval(element.value, st)
                items = self.iterate(value, st)
                if items is None:
                    return [UNKNOWN] * 0 + [UNKNOWN]
                out.extend(items)
            else:
                out.append(self.eval(element, st))
        return out

    def eval_Dict(self, node: ast.Dict, st: State) -> Any:
        result = DictVal({})
        for key, value in zip(node.keys, node.values):
            if key is None:
                inner = self.eval(value, st)
                if isinstance(inner, DictVal):
                    result.items.update(inner.items)
                    result.complete = result.complete and inner.complete
                else:
                    result.complete = False
                continue
            k = self.eval(key, st)
            v = self.eval(value, st)
            if is_concrete(k):
                result.items[k] = v
            else:
                result.complete = False
        return result

    def eval_Lambda(self, node: ast.Lambda, st: State) -> Any:
        defaults = [self.eval(d, st) for d in node.args.defaults]
        kw_defaults = [self.eval(d, st) if d is not None else MISSING for d in node.args.kw_defaults]
        return FunctionVal(node, st.env, defaults, kw_defaults, "<lambda>")

    def eval_IfExp(self, node: ast.IfExp, st: State) -> Any:
        test = truth(self.eval(node.test, st))
        if test is True:
            return self.eval(node.body, st)
        if test is False:
            return self.eval(node.orelse, st)
        a_state, b_state = st.fork(certain=False), st.fork(certain=False)
        a = self.eval(node.body, a_state)
        b = self.eval(node.orelse, b_state)
        self.join_into(st, [a_state, b_state])
        return join_values(a, b)

    def eval_BoolOp(self, node: ast.BoolOp, st: State) -> Any:
        is_and = isinstance(node.op, ast.And)
        value: Any = None
        for index, operand in enumerate(node.values):
            value = self.eval(operand, st)
            t = truth(value)
            if index == len(node.values) - 1:
                return value
            if t is None:
                rest = [self.eval(v, st) for v in node.values[index + 1:]]
                if all(x is value for x in rest):
                    return value
                return UNKNOWN
            if is_and and not t:
                return value
            if not is_and and t:
                return value
        return value

    def eval_UnaryOp(self, node: ast.UnaryOp, st: State) -> Any:
        operand = self.eval(node.operand, st)
        if isinstance(node.op, ast.Not):
            t = truth(operand)
            return UNKNOWN if t is None else (not t)
        if is_concrete(operand) and not isinstance(operand, str):
            try:
                return {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert}[
                    type(node.op)](operand)
            except Exception:
                return UNKNOWN
        if isinstance(operand, Tensor):
            return self.real_call(operator.neg, [operand], {}, st)
        return UNKNOWN

    def eval_BinOp(self, node: ast.BinOp, st: State) -> Any:
        return self.binary(node.op, self.eval(node.left, st), self.eval(node.right, st), st)

    def binary(self, op: ast.operator, left: Any, right: Any, st: State) -> Any:
        if self.python2 and isinstance(op, ast.Div) and _is_int(left) and _is_int(right):
            op = ast.FloorDiv()  # Python 2: int / int floors
        if isinstance(op, ast.Mod) and isinstance(left, (str, Pattern)):
            return strings.percent_format(left, right)
        if isinstance(op, ast.Add) and isinstance(left, (str, Pattern)) and isinstance(right, (str, Pattern)):
            return strings.concat(left, right)
        if isinstance(op, ast.Add) and (isinstance(left, (str, Pattern)) or isinstance(right, (str, Pattern))):
            # str + unknown is a str that keeps the known side: `var.op.name + "/Adam"` is `?/Adam`
            return strings.concat(left, right) if UNKNOWN in (left, right) else UNKNOWN
        if isinstance(left, ListVal) and isinstance(right, ListVal) and isinstance(op, ast.Add):
            return ListVal(left.items + right.items, left.is_tuple)
        if isinstance(left, ListVal) and isinstance(right, int) and isinstance(op, ast.Mult) and right < 10_000:
            return ListVal(left.items * right, left.is_tuple)
        if is_concrete(left) and is_concrete(right) or isinstance(left, Tensor) or isinstance(right, Tensor):
            function = _BINOPS.get(type(op))
            if function is None:
                return UNKNOWN
            if isinstance(op, ast.Pow) and isinstance(right, int) and right > 64:
                return UNKNOWN
            if isinstance(op, ast.Mult) and isinstance(left, str) and isinstance(right, int) and right > 1000:
                return Pattern.of(None)
            if isinstance(left, Tensor) or isinstance(right, Tensor):
                return self.real_call(function, [left, right], {}, st)
            try:
                return strings.capped(function(left, right))
            except Exception:
                return UNKNOWN
        return UNKNOWN

    def eval_Compare(self, node: ast.Compare, st: State) -> Any:
        left = self.eval(node.left, st)
        result: Any = True
        for op, comparator in zip(node.ops, node.comparators):
            right = self.eval(comparator, st)
            outcome = self.compare(op, left, right)
            if isinstance(outcome, Tensor):
                return outcome if len(node.ops) == 1 else UNKNOWN  # an elementwise op, not a truth value
            if outcome is False:
                return False
            if outcome is UNKNOWN:
                result = UNKNOWN
            left = right
        return result

    def compare(self, op: ast.cmpop, left: Any, right: Any) -> Any:
        if isinstance(op, (ast.Is, ast.IsNot)):
            same = _identical(left, right)
            if same is None:
                return UNKNOWN
            return same if isinstance(op, ast.Is) else not same
        if isinstance(op, (ast.In, ast.NotIn)):
            if isinstance(right, ListVal) and is_concrete(left) and all(is_concrete(i) for i in right.items):
                found = left in right.items
            elif isinstance(right, DictVal) and is_concrete(left) and (right.complete or left in right.items):
                found = left in right.items
            elif isinstance(right, str) and isinstance(left, str):
                found = left in right
            else:
                return UNKNOWN
            return found if isinstance(op, ast.In) else not found
        if is_concrete(left) and is_concrete(right):
            try:
                return bool(_CMPOPS[type(op)](left, right))
            except Exception:
                return UNKNOWN
        if isinstance(op, (ast.Eq, ast.NotEq)) and left is None and right is not UNKNOWN:
            return isinstance(op, ast.NotEq) if not is_concrete(right) else (right is None) == isinstance(op, ast.Eq)
        ordering = isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE))
        if ordering and (isinstance(left, Tensor) or isinstance(right, Tensor)) and \
                all(isinstance(x, Tensor) or is_concrete(x) and x is not None for x in (left, right)):
            try:
                return _CMPOPS[type(op)](left, right)  # an elementwise comparison op (`i >= j - ns + nd`)
            except Exception:
                return UNKNOWN
        return UNKNOWN

    def eval_Attribute(self, node: ast.Attribute, st: State) -> Any:
        return self.get_attribute(self.eval(node.value, st), node.attr, st)

    def get_attribute(self, obj: Any, name: str, st: State) -> Any:
        if isinstance(obj, ModuleVal):
            if tf_api.tf_missing(obj.qualname, name):
                self._program_raised(st)  # AttributeError, as TF 1.x raises it (`tf.concat_v2`)
                return UNKNOWN
            since_read = self.imported.get(obj.qualname)
            if isinstance(since_read, SourceModuleVal):
                return self.get_attribute(since_read, name, st)  # a plain module read since (_graph_free_attribute)
            if obj.qualname in self.graph_free:
                # A package not followed because its __init__ builds nothing: `from pkg import sub`
                # and `pkg.sub` are its submodule, which may build (an empty __init__.py).
                submodule = self.import_module(obj.qualname + "." + name, st)
                if isinstance(submodule, SourceModuleVal) or submodule.qualname in self.graph_free:
                    return submodule
            return self.module_attribute(obj, name, st)
        if isinstance(obj, SourceModuleVal):
            if id(obj) in self.pending_modules:
                self._force(obj, st)
            found = obj.env.vars.get(name, MISSING)
            if found is not MISSING:
                return _visible(found)
            submodule = self.import_module(obj.qualname + "." + name, st)  # `pkg.sub` not yet imported
            return submodule if isinstance(submodule, SourceModuleVal) else UNKNOWN
        if isinstance(obj, InstanceVal):
            if name in obj.attrs:
                return _visible(obj.attrs[name])
            found = obj.cls.lookup(name)
            if found is MISSING:
                if name == "__class__":
                    return obj.cls
                return UNKNOWN
            return self.bind(found, obj, st)
        if isinstance(obj, ClassVal):
            found = obj.lookup(name)
            if found is MISSING:
                return obj.name if name in ("__name__", "__qualname__") else UNKNOWN
            if isinstance(found, FunctionVal) and getattr(found, "_kind", None) == "classmethod":
                return BoundMethod(found, obj)
            return found
        if isinstance(obj, Super):
            for base in obj.cls.bases:
                if isinstance(base, ClassVal):
                    found = base.lookup(name)
                    if found is not MISSING:
                        return self.bind(found, obj.receiver, st)
                else:
                    return UNKNOWN
            if name == "__init__":
                return BuiltinFn("object.__init__")
            return UNKNOWN
        if isinstance(obj, ScopeVal):
            return self.scope_attribute(obj, name, st)
        if isinstance(obj, FlagsVal):
            return self.flags.get(name, UNKNOWN)
        if isinstance(obj, ArgParserVal):
            return parser_attribute(obj, name)
        if isinstance(obj, _ExitStack):
            return _ExitStackMethod(obj, name)
        if isinstance(obj, ThreadVal):
            return ThreadMethod(obj, name)
        if isinstance(obj, (ScopeCM, NameScopeCM, CreatorScopeCM)) and name in ("__enter__", "__exit__"):
            return _ManualEntry(obj, name)
        if isinstance(obj, NamespaceVal):
            if name == "__dict__":
                obj.escaped = True
                return UNKNOWN
            return obj.read(name)
        if isinstance(obj, FunctionVal):
            if name in ("__name__", "__qualname__"):
                return obj.name
            return UNKNOWN
        if isinstance(obj, ApiFn):
            return self.module_attribute(ModuleVal(obj.qualname), name)
        if isinstance(obj, GraphVal):
            return GraphMethod(obj, name)
        if isinstance(obj, Op) and name in ("name", "type"):
            return getattr(obj, name)
        if isinstance(obj, PartitionedVariable):
            found = getattr(obj, name, MISSING)
            if found is MISSING:
                return OpaqueVal("partitioned." + name, inert=True)  # TF has none (`.op`): not followed
            return ListVal(list(found)) if isinstance(found, list) else found
        if obj is PartitionedVariable and name in ("__name__", "__qualname__"):
            return "PartitionedVariable"  # `type(v).__name__`, as TF's class is named
        if isinstance(obj, re.Match):
            return getattr(obj, name, UNKNOWN)
        if isinstance(obj, enum.Enum) and name in ("name", "value"):
            return getattr(obj, name)  # `kwargs["synchronization"].name` in a custom getter
        if isinstance(obj, DType) and name in ("min", "max"):
            try:
                return getattr(obj, name).item()  # `tf.float32.min`: numpy's scalar, as a number
            except TypeError:
                return UNKNOWN
        if isinstance(obj, (Tensor, str, TensorShape, Dimension)) or (is_concrete(obj) and obj is not None):
            if isinstance(obj, str) and name in ("format", "join"):
                return _StrMethod(obj, name)
            if isinstance(obj, Tensor) and not isinstance(obj, VarVal) and name in ("name",):
                return Pattern.of(None)
            if isinstance(obj, VarVal) and name in ("name", "op"):
                return _variable_name(obj.record.name, name == "op")
            try:
                found = getattr(obj, name)
                if isinstance(found, (list, tuple)):  # `shape.dims`: the analysis's own list
                    return ListVal(list(found), is_tuple=isinstance(found, tuple))
                return found
            except Exception:
                # A tensor's or variable's own methods (`w.assign(...)`) build ops, never scopes.
                return OpaqueVal("tensor." + name, inert=True) if isinstance(obj, Tensor) else UNKNOWN
        if isinstance(obj, Pattern) and name in ("format", "join", "lower", "upper", "strip", "replace"):
            return _StrMethod(obj, name)
        if isinstance(obj, DictVal) and self.python2 and name in ("iteritems", "iterkeys", "itervalues"):
            name = name[4:]  # Python 2's iterators: the same items
        if isinstance(obj, ListVal) and obj.fields is not None:
            if name in obj.fields:
                return _visible(obj.items[obj.fields.index(name)])
            if name == "_fields":
                return ListVal(list(obj.fields), is_tuple=True)
        if isinstance(obj, (DictVal, ListVal)):
            return _ContainerMethod(obj, name)  # one it does not model makes the container unknown
        if isinstance(obj, OpaqueVal):
            return OpaqueVal(obj.label + "." + name, obj.inert)
        if isinstance(obj, ArrayVal):
            if name == "shape":
                return ListVal(list(obj.shape), True)
            if name == "astype":
                return _ContainerMethod(obj, name)
            if name == "T":
                return ArrayVal(tuple(reversed(obj.shape)), obj.dtype)
            return OpaqueVal("ndarray." + name, inert=True)
        return UNKNOWN

    def bind(self, found: Any, receiver: Any, st: State) -> Any:
        if isinstance(found, FunctionVal):
            kind = getattr(found, "_kind", None)
            if kind == "staticmethod":
                return found
            if kind == "classmethod":
                return BoundMethod(found, receiver.cls if isinstance(receiver, InstanceVal) else receiver)
            return BoundMethod(found, receiver)
        if isinstance(found, Property):
            return self.call(found.getter, [receiver], {}, st, None)
        return found

    def module_attribute(self, module: ModuleVal, name: str, st: Optional[State] = None) -> Any:
        qualname = module.qualname + "." + name
        if qualname in _NUMERIC_CONSTANTS:
            return _NUMERIC_CONSTANTS[qualname]  # `np.sqrt(2 / np.pi)` in a gelu
        if qualname in _SIX_CONSTANTS:
            return _SIX_CONSTANTS[qualname]()  # `isinstance(act, six.string_types)`
        if name == "FLAGS" and (qualname.endswith("flags.FLAGS") and qualname.split(".")[0] in ("tensorflow", "absl")):
            return FlagsVal()
        if tf_api.is_tf_name(qualname):
            if tf_api.is_internal_module(qualname) or qualname == AUTOGRAPH_MODULE:
                return ModuleVal(qualname)
            value = tf_api.constant(qualname)
            if value is not None:
                return value
            canonical = tf_api.canonical(qualname)
            modelled = registry.lookup(canonical)
            if modelled is not None:
                return self.model_value(*modelled)
            if registry.is_model_namespace(canonical):
                return ModuleVal(canonical)
            short = tf_api.short_name(canonical) or ""
            if short in tf_api.SCOPE_APIS or tf_api.pure_function(canonical) is not None:
                return ApiFn(canonical)
            if name in _TF_SUBMODULES and registry.tf_is_namespace(canonical) is not False:
                return ModuleVal(qualname)
            return ApiFn(canonical)
        if qualname.startswith(registry.MODEL_ROOTS):
            modelled = registry.lookup(qualname)  # `tf_slim.conv2d`
            if modelled is not None:
                return self.model_value(*modelled)
            if st is not None and qualname not in registry.ALIAS_MODULES:
                followed = self.import_module(qualname, st)  # `tf_slim.nets`: read, not modelled
                if isinstance(followed, SourceModuleVal):
                    return followed
        return ModuleVal(qualname)

    def reset_model_state(self) -> None:
        """A fresh start for TF's models (as in a fresh process): module-level containers, such
        as tf_slim's arg_scope stack, back to what loading left in them."""
        for module, snapshot in self.model_initial.items():
            env = self.model_envs[module]
            for name, items in snapshot.items():
                value = env.vars.get(name)
                if isinstance(value, ListVal) and isinstance(items, list):
                    value.items[:] = items
                elif isinstance(value, DictVal) and isinstance(items, dict):
                    value.items.clear()
                    value.items.update(items)

    def _unroll_limit(self) -> int:
        """A model's loop over a known list (an optimizer over every trainable variable) runs in
        full; the program's own loops unroll up to MAX_UNROLL."""
        if self._in_model():
            return MAX_MODEL_UNROLL
        if self.frames and len(self.frames[-1]) > 3 and self.frames[-1][3] == LIBRARY:
            return MAX_LIBRARY_UNROLL
        return MAX_UNROLL

    def _spend(self, in_model: bool) -> bool:
        """One step of work; TF's models are charged to the file's budget even inside a call into
        an installed package (whose own budget bounds only the package's code)."""
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
        unknown (incomplete), and the analysis of the caller goes on."""
        entering = kind == LIBRARY and not (len(self.frames) > 1 and len(self.frames[-2]) > 3
                                            and self.frames[-2][3] == LIBRARY)
        if not entering:
            run()
            return
        outer, outer_model = self.budget, self.model_budget
        start = min(LIBRARY_CALL_STEPS, max(outer.steps, 0))
        self.budget = Budget(steps=start)
        self.model_budget = outer_model or outer
        try:
            run()
        finally:
            used, exhausted = start - max(self.budget.steps, 0), self.budget.exhausted
            self.budget, self.model_budget = outer, outer_model
            outer.spend(used)
            if exhausted:
                self.incomplete = True

    def model_value(self, module: str, attribute: str) -> Any:
        """A name of a TF model (scopelint/tf/models): its module body is run once per analysis."""
        env = self.model_envs.get(module)
        if env is None:
            env = self.model_envs[module] = Env()
            env.vars["__name__"] = "scopelint.tf.models." + module
            tree = models.model_tree(module)
            state = State(self.new_graph(), env)
            state.graph.muted = True
            saved = self.frames
            self.frames = [[1, "<model>", 0, True]]
            try:
                self.exec_block(tree.body, state)
            finally:
                self.frames = saved
            self.model_initial[module] = {name: _container_snapshot(value) for name, value in env.vars.items()
                                          if isinstance(value, (ListVal, DictVal))}
        value = env.lookup(attribute)
        return UNKNOWN if value is MISSING else value

    def scope_attribute(self, scope_val: ScopeVal, name: str, st: State) -> Any:
        scope = scope_val.scope
        if name == "name":
            return scope.name
        if name == "original_name_scope":
            return scope.original_name_scope
        if name == "reuse":
            return st.graph.reuse_of(scope)
        if name in ("reuse_variables", "set_initializer", "set_dtype", "set_partitioner", "set_custom_getter",
                    "set_regularizer", "set_caching_device", "set_use_resource", "global_variables",
                    "trainable_variables", "local_variables", "get_collection"):
            return _ScopeMethod(scope, name)
        if name in ("dtype", "initializer", "partitioner", "custom_getter", "regularizer"):
            return getattr(scope, name)
        return UNKNOWN

    def eval_Subscript(self, node: ast.Subscript, st: State) -> Any:
        obj = self.eval(node.value, st)
        key = self.eval(node.slice, st)
        return self.subscript(obj, key, st)

    def subscript(self, obj: Any, key: Any, st: State) -> Any:
        if isinstance(obj, ListVal):
            if isinstance(key, int) and -len(obj.items) <= key < len(obj.items):
                return _visible(obj.items[key])
            if isinstance(key, slice):
                return ListVal(obj.items[key], obj.is_tuple)
            return UNKNOWN
        if isinstance(obj, DictVal):
            if is_concrete(key) and key in obj.items:
                return _visible(obj.items[key])
            return UNKNOWN
        if isinstance(obj, ArrayVal):
            from scopelint.runtime.tensors import slice_shape

            real_key = self.to_python(key)
            try:
                sliced = slice_shape(TensorShape(list(obj.shape)), real_key) if real_key is not MISSING else None
            except Exception:  # noqa: BLE001 - an index numpy would refuse: unknown here
                sliced = None
            dims = sliced.dims_tuple if sliced is not None else None
            if dims is None or any(d is None for d in dims):
                return UNKNOWN
            return ArrayVal(tuple(dims), obj.dtype)
        if isinstance(obj, (str, TensorShape)) or isinstance(obj, Tensor):
            if self.to_python(key) is MISSING:
                return UNKNOWN
            return self.real_call(operator.getitem, [obj, key], {}, st)  # it converts the key itself
        if isinstance(obj, InstanceVal) and isinstance(obj.cls.lookup("__getitem__"), FunctionVal):
            return self.call(self.bind(obj.cls.lookup("__getitem__"), obj, st), [key], {}, st, None)
        return UNKNOWN

    def eval_Slice(self, node: ast.Slice, st: State) -> Any:
        parts = [self.eval(p, st) if p is not None else None for p in (node.lower, node.upper, node.step)]
        if all(p is None or isinstance(p, int) for p in parts):
            return slice(*parts)
        return UNKNOWN

    def eval_Starred(self, node: ast.Starred, st: State) -> Any:
        return self.eval(node.value, st)

    def eval_NamedExpr(self, node: ast.NamedExpr, st: State) -> Any:
        value = self.eval(node.value, st)
        self.assign(node.target, value, st)
        return value

    def eval_ListComp(self, node: ast.ListComp, st: State) -> Any:
        return self.comprehension(node.generators, lambda s: [self.eval(node.elt, s)], st)

    eval_SetComp = eval_ListComp

    def eval_GeneratorExp(self, node: ast.GeneratorExp, st: State) -> Any:
        """Lazy: the elements are computed when something consumes the generator."""
        env = st.env

        def run(consumer: State) -> Optional[List[Any]]:
            inner = State(consumer.graph, env, consumer.alive)
            # its own frame, as in CPython
            self.frames.append(self._frame(node, env, node.lineno, "<genexpr>", node.col_offset))
            try:
                result = self.comprehension(node.generators, lambda s: [self.eval(node.elt, s)], inner)
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
            if is_concrete(key):
                result.items[key] = value
            else:
                result.complete = False
        return result

    def comprehension(self, generators: List[ast.comprehension], element: Callable[[State], List[Any]],
                      st: State) -> Any:
        inner = State(st.graph, Env(st.env, st.env.globals_env), st.alive)
        out: List[Any] = []
        known = self._comprehend(generators, element, inner, out)
        st.graph = inner.graph
        st.alive = st.alive and inner.alive  # an element that raised ends the path
        return ListVal(out) if known else UNKNOWN

    def _comprehend(self, generators: List[ast.comprehension], element: Callable[[State], List[Any]],
                    st: State, out: List[Any]) -> bool:
        if not generators:
            out.extend(element(st))
            return True
        first = generators[0]
        items = self.iterate(self.eval(first.iter, st), st)
        if items is None or len(items) > self._unroll_limit():
            self.assign(first.target, UNKNOWN, st)
            fork = st.fork(certain=False)
            self._comprehend(generators[1:], element, fork, [])
            st.graph.join(fork.graph)
            return False
        known = True
        for item in items:
            self.assign(first.target, item, st)
            keep = True
            for condition in first.ifs:
                t = truth(self.eval(condition, st))
                if t is None:
                    known = False
                    keep = False
                    break
                if not t:
                    keep = False
                    break
            if keep:
                known = self._comprehend(generators[1:], element, st, out) and known
        return known

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

    # ------------------------------------------------------------------ calls

    def eval_Call(self, node: ast.Call, st: State) -> Any:
        if _mutates_unknown_container(node, st):
            # `required.add(name)` on a set whose contents the analysis lost: still a set, whose
            # methods build nothing; it stays unknown (a call on an unknown value would havoc).
            values = [self.eval(a.value if isinstance(a, ast.Starred) else a, st) for a in node.args]
            values += [self.eval(k.value, st) for k in node.keywords]
            _escape(values, {})
            return UNKNOWN
        callee = self.eval(node.func, st)
        args: List[Any] = []
        kwargs: Dict[str, Any] = {}
        unknown_spread = False
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                items = self.iterate(self.eval(arg.value, st), st)
                if items is None:
                    unknown_spread = True
                else:
                    args.extend(items)
            else:
                args.append(self.eval(arg, st))
        for keyword in node.keywords:
            value = self.eval(keyword.value, st)
            if keyword.arg is None:
                if isinstance(value, DictVal) and value.complete and all(isinstance(k, str) for k in value.items):
                    kwargs.update(value.items)
                else:
                    unknown_spread = True
            else:
                kwargs[keyword.arg] = value
        if not st.alive:
            return UNKNOWN
        self.frames[-1][0] = node.lineno
        self.frames[-1][2] = node.col_offset
        self.call_context.append((node, callee, len(self.frames)))
        try:
            if unknown_spread:
                if isinstance(callee, (FunctionVal, BoundMethod, ClassVal)) or may_touch_graph(callee):
                    st.graph.unknown_code_ran()
                return UNKNOWN
            literal_false = any(k.arg == "reuse" and isinstance(k.value, ast.Constant) and k.value.value is False
                                for k in node.keywords)
            return self.call(callee, args, kwargs, st, node, literal_reuse_false=literal_false)
        finally:
            self.call_context.pop()

    def _note_havoc(self, events_so_far: int) -> None:
        """Unknown code ran: remember the call, at the analysed file's line (--explain). A call
        in code the line calls is kept only when it leaves what the user would act on (a
        module not read, a TF API not modelled); `events_so_far` lets the unit keep only the
        calls after which variables or errors came, the ones that can matter to names."""
        if len(self.blindspots) >= blindspots.MAX_BLINDSPOTS:
            return
        visible = self._frames_tuple()
        if not visible:
            return
        line = visible[-1][0]
        node, callee, depth = self.call_context[-1] if self.call_context else (None, None, 0)
        direct = node is not None and depth == len(self.frames) and len(self.frames[-1]) < 4 \
            and node.lineno == line
        if not direct and not blindspots.worth_naming_from_afar(callee):
            return
        message = blindspots.describe(node, callee, "" if direct else " (in code this line calls)")
        # One note a line for what is not followed inside it, or for values lost on it (`x.a().b()`).
        key = (line, message if direct and callee is not UNKNOWN else "")
        if key not in self.blindspots:
            col = node.col_offset + 1 if direct and node is not None else self._col_of(visible[-1])
            self.blindspots[key] = blindspots.Blindspot(line, col, message, events_so_far)

    def call(self, callee: Any, args: List[Any], kwargs: Dict[str, Any], st: State, node: Optional[ast.AST],
             literal_reuse_false: bool = False) -> Any:
        if not isinstance(callee, _FOLLOWED_CALLEES) and not (
                isinstance(callee, BuiltinFn) and callee.name in _NAMESPACE_READERS):
            for value in list(args) + list(kwargs.values()):
                if isinstance(value, NamespaceVal):
                    value.escaped = True  # `vars(args).update(...)`: it may change there
        if isinstance(callee, FunctionVal):
            refused = unexpected_keyword(callee, kwargs) if node is not None and \
                models.raises_scope_errors(node) else None
            if refused is not None:
                # TF's template.py calling the program's function with a keyword it lacks: Python's
                # TypeError, raised in TF's frame, is the template's (SL105).
                self.raised(scope_errors.ScopeTypeError(refused), st)
                return UNKNOWN
            return self.call_function(callee, args, kwargs, st)
        if isinstance(callee, BoundMethod):
            return self.call_function(callee.function, [callee.receiver] + args, kwargs, st)
        if isinstance(callee, ClassVal):
            return self.instantiate(callee, args, kwargs, st, node)
        if isinstance(callee, NamedTupleClass):
            return callee.make(args, kwargs)
        if isinstance(callee, ApiFn):
            if tf_api.may_raise_unmodelled(callee.qualname) and not _cannot_fail(callee.qualname, args, kwargs):
                self.may_raise += 1
            return self.call_api(callee.qualname, args, kwargs, st, node, literal_reuse_false)
        if isinstance(callee, BuiltinFn):
            return self.call_builtin(callee.name, args, kwargs, st, node)
        if isinstance(callee, PyCallable):
            return self.real_call(callee.function, args, kwargs, st, scope_errors_propagate=True)
        if isinstance(callee, (_ScopeMethod, _StrMethod, _ContainerMethod, ParserMethod, _ExitStackMethod, _ManualEntry,
                               GraphMethod, ThreadMethod)):
            return callee.invoke(self, args, kwargs, st)
        if isinstance(callee, AutographFn):
            self.frame_limits.append(len(self.frames))
            try:
                return self.call(callee.function, args, kwargs, st, node)
            finally:
                self.frame_limits.pop()
        if isinstance(callee, PartialVal):
            return self.call(callee.function, callee.args + args, dict(callee.kwargs, **kwargs), st, node)
        if isinstance(callee, InstanceVal):
            method = callee.cls.lookup("__call__")
            if method is MISSING:
                return UNKNOWN
            return self.call(self.bind(method, callee, st), args, kwargs, st, node)
        if isinstance(callee, ModuleVal):
            root, _, last = callee.qualname.partition(".")
            short = callee.qualname.rsplit(".", 1)[-1]
            if root in ("numpy", "np", "math") and short in PURE_NUMERIC and not kwargs:
                python_args = [self.to_python(a) for a in args]
                if all(a is not MISSING for a in python_args):
                    try:
                        value = PURE_NUMERIC[short](*python_args)
                        return value if value is not None else UNKNOWN
                    except Exception:
                        return UNKNOWN
            if root in ("numpy", "np"):
                array = numpy_array(short, callee.qualname, args, kwargs, self)
                if array is not None:
                    return array
            if callee.qualname.startswith("absl.") and short in tf_api.FLAG_DEFINERS + ("run",):
                return self.program_support(short, args, kwargs, st, node)
            if callee.qualname in ("itertools.zip_longest", "six.moves.zip_longest"):
                return self.call_builtin("zip_longest", args, kwargs, st, node)
            if callee.qualname in ("six.with_metaclass", "future.utils.with_metaclass") and len(args) == 2 and \
                    not kwargs:
                return args[1]  # `class A(six.with_metaclass(ABCMeta, Base))`: A's base is Base
            if callee.qualname == "functools.partial" and args:
                return PartialVal(args[0], args[1:], kwargs)
            if callee.qualname == "argparse.ArgumentParser":
                return ArgParserVal()
            if callee.qualname == "collections.namedtuple":
                return _namedtuple_class(args, kwargs)
            if callee.qualname in ("copy.copy", "copy.deepcopy") and len(args) == 1:
                return _copied(args[0], callee.qualname.endswith("deepcopy"))
            if callee.qualname in _REGEX_FUNCTIONS and not kwargs and args and \
                    all(isinstance(a, (str, int)) for a in args):
                try:
                    return getattr(re, short)(*args)  # `re.match(r"^(.*):\d+$", name)` on a known name
                except (re.error, TypeError):
                    return UNKNOWN
            if callee.qualname in ("collections.OrderedDict", "collections.defaultdict") and \
                    (callee.qualname.endswith("OrderedDict") or not args):
                return self.make_dict(args if callee.qualname.endswith("OrderedDict") else [], kwargs, st)
            if callee.qualname in ("os.path.join", "posixpath.join") and args and all(isinstance(a, str) for a in args):
                import posixpath

                return posixpath.join(*args)  # TF1 code runs on POSIX; a `/` in a scope name nests it
            if callee.qualname == "threading.Thread":
                return make_thread(args, kwargs)
            if callee.qualname in ("contextlib.ExitStack", "contextlib2.ExitStack") and not args:
                return _ExitStack()
            if callee.qualname == "contextlib.suppress":
                return _Suppress(any(_may_catch_scope_errors(_exception_name(a)) for a in args))
            if not tf_api.is_safe_module(callee.qualname) and \
                    not callee.qualname.startswith(tuple(m + "." for m in self.graph_free)):
                _escape(args, kwargs)
                st.graph.unknown_code_ran()
                return UNKNOWN
            if not self.only_data(args, kwargs):
                followed = self._graph_free_attribute(callee.qualname, st)
                if followed is not None:
                    return self.call(followed, args, kwargs, st, node)
            return self._library_call(callee.qualname, args, kwargs, st)
        if callable(callee) and not isinstance(callee, (type,)) and getattr(callee, "__self__", None) is not None \
                and isinstance(callee.__self__, (Tensor, TensorShape, Dimension, str, int, float, re.Match,
                                                 PartitionedVariable)):
            return self.real_call(callee, args, kwargs, st)
        if isinstance(callee, GeneratorFactory):
            return GeneratorCM(callee.function, args, kwargs, len(self.frames))
        if isinstance(callee, (str, int, float, bool)) or callee is None:
            return UNKNOWN
        if isinstance(callee, OpaqueVal) and callee.inert:
            return self._library_call(callee.label, args, kwargs, st)
        _escape(args, kwargs)  # code the analysis does not follow may change what it is given
        if isinstance(callee, OpaqueVal):
            # A method of a TF object (`optimizer.minimize`): TF's code, which may create
            # variables but leaves the caller's reuse alone unless it runs the program's code.
            st.graph.unknown_code_ran(may_set_reuse=not self.only_data(args, kwargs))
            return OpaqueVal(callee.label + "()")
        # An object the analysis cannot see into: it may build graph pieces.
        if may_touch_graph(callee):
            st.graph.unknown_code_ran()
        return UNKNOWN

    def _graph_free_attribute(self, qualname: str, st: State) -> Any:
        """A function or class of a project module not followed because it builds nothing
        (`namedtuples.GANModel`), given the program's tensors or functions: what it does with
        them matters to what comes after, so the module is read now and the callee is its own."""
        module, _, name = qualname.rpartition(".")
        if module not in self.graph_free:
            return None
        self.graph_free.discard(module)
        followed = self.import_module(module, st, even_graph_free=True)
        if not isinstance(followed, SourceModuleVal):
            self.graph_free.add(module)
            return None
        found = followed.env.vars.get(name, MISSING)
        return None if found is MISSING else _visible(found)

    def _library_call(self, label: str, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        """A call into a library that builds no TF graph (numpy, argparse): harmless when it is
        given data; given the program's functions or scopes, it may run or enter them."""
        self.may_raise += 1
        if label.split(".")[0] in _INSPECTING_MODULES:
            return OpaqueVal(label + "()", inert=True)  # `inspect.signature(fn)` reads fn, never calls it
        _escape(args, kwargs)  # `random.shuffle(layers)`
        if not self.only_data(args, kwargs):
            if any(isinstance(v, (ScopeCM, NameScopeCM)) for v in list(args) + list(kwargs.values())):
                # `ExitStack().enter_context(tf.variable_scope(...))`: the scope may now be open.
                self._enter_unknown_scope(st)
            st.graph.unknown_code_ran()
            return UNKNOWN
        return OpaqueVal(label + "()", inert=True)

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

        trial = st.fork()
        trial.graph.muted = True
        saved = self.findings, self.warnings
        self.findings, self.warnings = [], []
        try:
            self.call_function(generator.function, generator.args, generator.kwargs, trial, yield_collector=collect)
        finally:
            self.findings, self.warnings = saved
            self.runtime_graph.state = st.graph
        before, after = st.graph, trial.graph
        touched = (len(after.vars) != len(before.vars) or after.havoc != before.havoc or
                   after.names_in_use != before.names_in_use or after.counts != before.counts or
                   after.current is not before.current or after.name_stack != before.name_stack)
        if touched:
            st.graph.unknown_code_ran()  # its effects happen as the loop runs: not followed
        if touched or not trial.alive or not certain[0]:
            return None
        return values

    def _enter_unknown_scope(self, st: State) -> None:
        try:
            st.graph.enter_variable_scope(UNKNOWN, None, UNKNOWN)
        except scope_errors.ScopeError:
            pass
        st.graph.name_stack = Pattern.of(None)

    def call_function(self, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any], st: State,
                      entry: bool = False, yield_hook: Optional[Callable[[Any, State], None]] = None,
                      yield_collector: Optional[Callable[[Any, State], None]] = None) -> Any:
        self.called.add(id(function.node))
        depth = sum(1 for f in self.call_stack if f.node is function.node)
        known = depth >= MAX_RECURSION and all(is_concrete(a) or isinstance(a, (InstanceVal, Tensor))
                                               for a in list(args) + list(kwargs.values()))
        limit = MAX_KNOWN_RECURSION if known or models.is_model_node(function.node) else MAX_RECURSION
        if self.budget.exhausted or len(self.call_stack) >= MAX_CALL_DEPTH or depth >= limit:
            self.incomplete = True  # cut off: deeper calls are not analysed
            st.graph.unknown_code_ran()
            return UNKNOWN
        node = function.node
        if yield_hook is None and yield_collector is None and _is_generator(node):
            return GeneratorObject(function, args, kwargs)
        local = Env(function.env, function.env.globals_env)
        if not self.bind_arguments(function, args, kwargs, local):
            st.graph.unknown_code_ran()
            return UNKNOWN
        name = function.name if not isinstance(node, ast.Lambda) else "<lambda>"
        frame = self._frame(node, function.env, node.lineno, name, 0)
        self.frames.append(frame)
        self.call_stack.append(function)
        self.local_envs.append(local)
        ctx = CallContext(function=function, cleanups_base=len(self.cleanups), yield_hook=yield_hook,
                          yield_collector=yield_collector)
        self.calls.append(ctx)
        saved_loops, self.loops = self.loops, []
        inner = State(st.graph, local, True)

        def run_body() -> None:
            if isinstance(node, ast.Lambda):
                value = self.eval(node.body, inner)
                if inner.alive:
                    ctx.returns.append((value, inner))
            else:
                self.exec_block(node.body, inner)
                if inner.alive:
                    ctx.returns.append((None, inner))

        try:
            self._bounded(frame[3] if len(frame) > 3 else None, run_body)
        finally:
            self.loops = saved_loops
            self.calls.pop()
            self.call_stack.pop()
            self.local_envs.pop()
            self.frames.pop()
        if not ctx.returns:
            st.alive = False
            return UNKNOWN
        certain = st.graph.path_certain
        first_value, first_state = ctx.returns[0]
        merged = first_state.graph
        value = first_value
        for other_value, other_state in ctx.returns[1:]:
            merged.join(other_state.graph)
            value = join_values(value, other_value)
        merged.path_certain = certain
        st.graph = merged
        self.runtime_graph.state = merged
        return value

    def bind_arguments(self, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any], local: Env) -> bool:
        spec = function.node.args
        positional = list(spec.posonlyargs) + list(spec.args)
        defaults = function.defaults
        first_default = len(positional) - len(defaults)
        remaining = dict(kwargs)
        for index, param in enumerate(positional):
            if index < len(args):
                local.vars[param.arg] = args[index]
            elif param.arg in remaining:
                local.vars[param.arg] = remaining.pop(param.arg)
            elif index >= first_default:
                local.vars[param.arg] = defaults[index - first_default]
            else:
                local.vars[param.arg] = UNKNOWN
        extra = args[len(positional):]
        if spec.vararg is not None:
            local.vars[spec.vararg.arg] = ListVal(list(extra), is_tuple=True)
        for param, default in zip(spec.kwonlyargs, function.kw_defaults):
            if param.arg in remaining:
                local.vars[param.arg] = remaining.pop(param.arg)
            else:
                local.vars[param.arg] = default if default is not MISSING else UNKNOWN
        if spec.kwarg is not None:
            local.vars[spec.kwarg.arg] = DictVal(dict(remaining))
        return True

    def instantiate(self, cls: ClassVal, args: List[Any], kwargs: Dict[str, Any], st: State,
                    node: Optional[ast.AST]) -> Any:
        record = namedtuple_ancestor(cls, constructed=True)
        if record is not None:
            return record.make(args, kwargs)  # `class Block(namedtuple('Block', [...]))` without its own __new__
        instance = InstanceVal(cls)
        init = cls.lookup("__init__")
        if init is MISSING:
            return instance
        if init is UNKNOWN:
            st.graph.unknown_code_ran()  # an unknown base class's constructor
            instance.attrs_complete = False
            return instance
        self.call(self.bind(init, instance, st), args, kwargs, st, node)
        return instance


# ---------------------------------------------------------------------------- helpers


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


_EVAL_METHODS: Dict[type, Any] = {}
_NUMERIC_CONSTANTS = {
    "%s.%s" % (module, name): value for module in ("numpy", "np", "math")
    for name, value in (("pi", math.pi), ("e", math.e), ("inf", math.inf), ("tau", math.tau))
}
# Libraries that look at the program's objects without calling them or changing them.
_INSPECTING_MODULES = frozenset({"inspect", "pprint", "logging", "warnings"})

_SIX_CONSTANTS: Dict[str, Callable[[], Any]] = {
    "six.string_types": lambda: ListVal([BuiltinFn("str")], is_tuple=True),
    "six.integer_types": lambda: ListVal([BuiltinFn("int")], is_tuple=True),
    "six.class_types": lambda: ListVal([BuiltinFn("type")], is_tuple=True),
    "six.text_type": lambda: BuiltinFn("str"), "six.binary_type": lambda: BuiltinFn("bytes"),
    "six.PY2": lambda: False, "six.PY3": lambda: True,
}
_REGEX_FUNCTIONS = {"re.match", "re.search", "re.fullmatch", "re.sub", "re.split", "re.findall", "re.escape"}


def _copied(value: Any, deep: bool) -> Any:
    """copy.copy / copy.deepcopy of a value the analysis knows (BERT deep-copies its config)."""
    if isinstance(value, InstanceVal):
        attrs = {k: _copied(v, True) if deep else v for k, v in value.attrs.items()}
        return InstanceVal(value.cls, attrs, value.attrs_complete)
    if isinstance(value, ListVal):
        return ListVal([_copied(v, True) if deep else v for v in value.items], value.is_tuple, value.poisoned,
                       value.fields)
    if isinstance(value, DictVal):
        copied = DictVal({k: _copied(v, True) if deep else v for k, v in value.items.items()})
        copied.complete = value.complete
        return copied
    return value


def _container_snapshot(value: Any) -> Any:
    return list(value.items) if isinstance(value, ListVal) else dict(value.items)


def _package_bindings(tree: ast.Module) -> frozenset:
    """The names a package's __init__ binds other than as its own submodules (`from . import
    sub` and `import pkg.sub` bind the submodule); "*" when a star import may bind any."""
    known = getattr(tree, "_scopelint_bindings", None)  # computed once per parsed tree
    if known is not None:
        return known
    names = set()
    for node in iter_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    names.add("*")
                elif node.level != 1 or node.module is not None or alias.asname not in (None, alias.name):
                    names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            names.update(alias.asname for alias in node.names if alias.asname)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
    if "*" in names or any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in
                           ("globals", "setattr", "exec", "eval", "__import__", "vars") for n in iter_nodes(tree)):
        names.add("*")
    result = frozenset(names)
    setattr(tree, "_scopelint_bindings", result)
    return result


def _is_plain_raise(body: Sequence[ast.stmt]) -> bool:
    """A body that only raises a new exception built from plain values (no call that could
    touch the graph besides the exception's constructor and str/repr/len/type)."""
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    calls = [n for n in ast.walk(exc) if isinstance(n, ast.Call)]
    return all(n is exc or isinstance(n.func, ast.Name) and n.func.id in ("str", "repr", "len", "type")
               for n in calls)


def _namedtuple_class(args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """collections.namedtuple(typename, field_names, defaults=...) with known names."""
    typename = args[0] if args else kwargs.get("typename")
    names = args[1] if len(args) > 1 else kwargs.get("field_names")
    if isinstance(names, str):
        fields = names.replace(",", " ").split()
    elif isinstance(names, ListVal) and all(isinstance(n, str) for n in names.items):
        fields = list(names.items)
    else:
        return UNKNOWN
    defaults = kwargs.get("defaults")
    default_items = tuple(defaults.items) if isinstance(defaults, ListVal) else ()
    return NamedTupleClass(typename if isinstance(typename, str) else "namedtuple", tuple(fields), default_items)


def _variable_name(name: Any, op: bool) -> Any:
    """A variable's `name` (`a/w:0`), or its `op` whose name is `a/w`, partly unknown or not."""
    if not isinstance(name, (str, Pattern)):
        name = Pattern.of(None)
    if not op:
        return name
    if isinstance(name, str):
        return Op(name[:-2] if name.endswith(":0") else name, "VariableV2")
    last = name.parts[-1]
    stem = name.parts[:-1] + ((last[:-2],) if isinstance(last, str) and last.endswith(":0") else (last, None))
    return Op(Pattern.of(*stem), "VariableV2")  # type: ignore[arg-type]


_CONTAINER_MUTATORS = frozenset({"append", "extend", "insert", "add", "discard", "remove", "update", "setdefault",
                                 "clear", "sort", "reverse"})


def _mutates_unknown_container(node: ast.Call, st: State) -> bool:
    """`name.append(...)` (a mutator) where `name` holds a list, set or dict the analysis lost."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in _CONTAINER_MUTATORS and isinstance(func.value, ast.Name)):
        return False
    value = st.env.lookup(func.value.id)
    return isinstance(value, (ListVal, DictVal)) and value.poisoned


def _visible(value: Any) -> Any:
    """A container changed where the analysis could not follow reads as unknown."""
    if isinstance(value, (ListVal, DictVal)) and value.poisoned:
        return UNKNOWN
    return value


def _escape(args: List[Any], kwargs: Dict[str, Any]) -> None:
    for value in list(args) + list(kwargs.values()):
        if isinstance(value, (ListVal, DictVal)) and not (isinstance(value, ListVal) and value.is_tuple):
            value.poisoned = True


def _cannot_fail(qualname: str, args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """A TF call that cannot raise given these arguments: `tf.is_variable_initialized(v)` of a
    variable (partitioned_variables_test's `initialized_value`, inside a `try`)."""
    given = list(args) + list(kwargs.values())
    return tf_api.short_name(qualname) == "is_variable_initialized" and len(given) == 1 and \
        isinstance(given[0], VarVal) and set(kwargs) <= {"variable"}


def _wrap(record: Any) -> Any:
    if isinstance(record, StoredVariable):
        return VarVal(record)
    if isinstance(record, StoredPartitioned):
        # The runtime's object, over the analysis's parts: its attributes and methods are TF's
        # (`name`, `get_shape()`, iteration, `_concat()`), described once, in runtime/variables.py.
        return PartitionedVariable(record, [VarVal(part) for part in record.parts])
    return OpaqueVal("partitioned", inert=True)


def _identical(left: Any, right: Any) -> Optional[bool]:
    if left is UNKNOWN or right is UNKNOWN or isinstance(left, Pattern) or isinstance(right, Pattern):
        return None
    if isinstance(left, (ModuleVal, OpaqueVal)) or isinstance(right, (ModuleVal, OpaqueVal)):
        return None  # `models.x is None`: an attribute of an unread module may be anything
    singletons = (None, True, False, AUTO_REUSE)
    if left in singletons and type(left) in (type(None), bool, ReuseMode) or \
            right in singletons and type(right) in (type(None), bool, ReuseMode):
        if isinstance(left, (InstanceVal,)) or isinstance(right, (InstanceVal,)):
            return False
        return left is right
    if isinstance(left, (int, str, float)) and isinstance(right, (int, str, float)):
        return None
    return left is right


def _is_neutral(manager: Any) -> bool:
    if isinstance(manager, OpaqueVal):
        return manager.label.split(".")[0] in tf_api.NEUTRAL_CONTEXTS or manager.label in tf_api.NEUTRAL_CONTEXTS
    return manager is None


def _is_generator(node: Any) -> bool:
    if isinstance(node, ast.Lambda):
        return False
    cached = getattr(node, "_scopelint_generator", None)  # on the node: ids are reused across trees
    if cached is None:
        cached = node._scopelint_generator = _is_generator_uncached(node)
    return bool(cached)


def _is_generator_uncached(node: Any) -> bool:
    for child in ast.walk(node):
        if isinstance(child, (ast.Yield, ast.YieldFrom)):
            # Only yields of this function count, not of nested functions.
            return _own_yield(node)
    return False


def _own_yield(function: Any) -> bool:
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        stack.extend(ast.iter_child_nodes(node))
    return False


class _Suppress:
    """contextlib.suppress(...): `catches_scope_errors` when a type may be ValueError/TypeError."""

    def __init__(self, catches_scope_errors: bool) -> None:
        self.catches_scope_errors = catches_scope_errors


def _may_catch_scope_errors(name: Optional[str]) -> bool:
    """Whether an exception type, by name, may catch the ValueError/TypeError/RuntimeError a
    scope API raises: those types, their bases, or a type the analysis does not know."""
    return name is None or name in _CATCHES_SCOPE_ERRORS or name not in _OTHER_EXCEPTIONS


def _handlers_catch_scope_errors(handlers: List[ast.excepthandler]) -> bool:
    """Whether a handler may catch a scope error (a bare `except` does)."""
    for handler in handlers:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        for item in types:
            name = item.id if isinstance(item, ast.Name) else item.attr if isinstance(item, ast.Attribute) else None
            if _may_catch_scope_errors(name):
                return True
    return False


def _exception_name(value: Any) -> Optional[str]:
    if isinstance(value, BuiltinFn):
        return value.name
    if isinstance(value, (ModuleVal, ApiFn)):
        return value.qualname.rsplit(".", 1)[-1]
    return None


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


def _is_static(function: FunctionVal) -> bool:
    return getattr(function, "_kind", None) == "staticmethod"


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _dotted(node.value) + "." + node.attr
    return ""


def _load(target: ast.expr) -> ast.expr:
    clone = ast.copy_location(type(target)(**{f: getattr(target, f) for f in target._fields}), target)
    if hasattr(clone, "ctx"):
        clone.ctx = ast.Load()  # type: ignore[attr-defined]
    return clone


_PYTHON2_BUILTINS = {"xrange": "range", "unicode": "str", "basestring": "str", "long": "int",
                     "raw_input": "input", "unichr": "chr"}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_BINOPS: Dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow, ast.MatMult: operator.matmul,
    ast.BitAnd: operator.and_, ast.BitOr: operator.or_, ast.BitXor: operator.xor, ast.LShift: operator.lshift,
    ast.RShift: operator.rshift,
}
_CMPOPS: Dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


def iter_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    return ast.walk(tree)
