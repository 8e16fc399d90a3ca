"""The abstract interpreter's shared state, in one place: what every part of it (statements,
expressions, calls, control flow, imports) may read and change while one module is analysed,
and the per-path and per-construct records they pass around (State, CallContext, TryContext,
LoopContext), the work Budget and the Findings."""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from scopelint.analysis import blindspots, loader, path_journal, tf_api
from scopelint.analysis.fix_sites import FixSite, ScopeSites
from scopelint.analysis.values import ClassVal, DictVal, Env, FunctionVal, ListVal, MISSING, OpaqueVal, VarVal
from scopelint.runtime import context as runtime_context
from scopelint.runtime.variables import PartitionedVariable
from scopelint.semantics.graph import GraphState, StoredPartitioned, StoredVariable
from scopelint.semantics.locate import Frame


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
    catches_name_error: bool = False  # a handler names NameError or a base of it
    # the scope errors it caught that were certain but for the catch: a bare `raise` in the one
    # handler re-raises them (DCGAN's ops.linear notes the image size and re-raises)
    caught: List[Any] = field(default_factory=list)
    # a `try` statement's body's journal: the values made before the body that it changes, and
    # their states (by id) at each point where it raised or may have, which its handlers start from
    journal: Optional[path_journal.Journal] = None
    changes_at_raises: List[Dict[int, Any]] = field(default_factory=list)


@dataclass
class LoopContext:
    breaks: List[State] = field(default_factory=list)
    continues: List[State] = field(default_factory=list)
    cleanups_base: int = 0
    frame_depth: int = 0


class AnalysisState:
    """The fields of one module's analysis, shared by the Interpreter's parts (each a mixin of
    this class): its input, its results, the dynamic stacks of calls, loops, `try`s and `with`
    exits, the graphs, the modules followed and TF's models loaded. Only `__init__` creates fields."""

    # What is analysed, and how
    tree: ast.Module  # the analysed module
    path: str  # its path as given, and absolute
    abspath: str
    python2: bool  # Python 2 source (rewritten by scopelint.py2): `/` floors ints, xrange
    strict: bool  # tests: unknown syntax raises instead of being havocked
    follow_imports: bool  # False: imported modules are unknown libraries (faster, fewer findings)
    locator: loader.Locator  # finds the modules it imports (the project's, installed ones)

    # Work
    budget: Budget  # the file's steps (a call into an installed package swaps in its own, see _bounded)
    model_budget: Optional[Budget]  # the file's budget, while in a package's own
    incomplete: bool  # some work was cut short by a budget: results may miss variables

    # Results
    findings: List[Finding]  # certain errors
    warnings: List[Finding]
    blindspots: Dict[Tuple[int, str], blindspots.Blindspot]  # --explain: the calls not followed, by (line, message)
    _may_raise: int  # counts the points where the analysis cannot rule out an exception (may_raise)
    scope_sites: ScopeSites  # where the fix of a scope error would edit the file
    read_files: Set[str]  # files of the modules imported, directories listed: what the results depend on

    # The dynamic context of the code being interpreted (stacks pushed and popped as it runs)
    frames: List[List[Any]]  # [line, function, col(, hidden mark)]: the traceback so far
    frame_limits: List[int]  # autograph-converted functions report at the call line
    comprehension_sizes: List[int]
    call_stack: List[FunctionVal]  # the functions being interpreted (recursion limits)
    called: Set[int]  # id()s of the function nodes interpreted at least once (the others become entry points)
    undecorated: Dict[int, FunctionVal]  # def nodes under a decorator not seen into -> the undecorated function
    # class nodes whose __init__ ran out of an entry's budget -> (steps left, line it stopped at)
    spent_constructors: Dict[int, Tuple[float, int]]
    calls: List[CallContext]  # one per function call being interpreted: its returns
    call_context: List[Tuple[ast.Call, Any, int]]  # the call being evaluated (for --explain)
    loops: List[LoopContext]  # breaks and continues of the loops being run
    tries: List[TryContext]  # dynamic: a callee's raise reaches the caller's handler
    handling: List[Tuple[TryContext, Optional[str]]]  # the handlers running (their try, the name bound to the error)
    cleanups: List[Callable[[State], None]]  # exits of the `with` blocks open, innermost last
    local_envs: List[Env]  # the bindings of the functions being interpreted
    second_iteration: int  # > 0 while a loop of unknown trip count runs its second iteration
    journals: List[path_journal.Journal]  # the paths of undecided branches being run, innermost last
    alternative_depth: int  # calls (or reads) of Alternatives running (alternatives.MAX_NESTING)
    _unwinding: bool  # exits are running for a raise (a raise in them does not snapshot again)
    # `and`/`or` tests whose value is unknown but whose truth the later operands decide (Expressions.eval_test)
    decided_bool_ops: Dict[ast.BoolOp, bool]
    # values born before it (an entry point's constructor's, the module's) may have been changed
    # by code that ran before the entry, which the analysis did not see: 0 in the module's body
    entry_floor: int
    entry_raised: bool  # the entry point's call (or its class's constructor) raised on every path
    _active_state: Any  # the path a TF API call runs on (set by TfCalls)

    # Provided by the parts, called by the graphs this class makes
    _note_havoc: Callable[[int], None]  # Diagnostics: unknown code ran (--explain)

    # Graphs
    graph_states: Dict[object, Optional[GraphState]]  # tf.Graphs not the default now
    runtime_graph: runtime_context.Graph  # the runtime's graph, for the shape functions it runs

    # Modules
    module_env: Env  # the analysed module's globals
    flags: DictVal  # tf.app.flags defaults: the module runs as `python FILE`
    patched_modules: DictVal  # attributes set on modules not read (or TF's), by "module.name"
    tensor_attrs: DictVal  # attributes set on tensors, by (id, name)
    ever_patched: Set[str]  # the keys patched_modules has held (a path-dependent one reads as unknown)
    model_envs: Dict[str, Env]  # TF's models (scopelint.tf), loaded when first named
    model_initial: Dict[str, Dict[str, Any]]  # their module-level containers as loaded
    imported: Dict[str, Any]  # modules followed as source, by qualified name
    sys_modules_written: Set[Optional[str]]  # names the program set in sys.modules (None: any)
    pending_modules: Dict[int, ast.Module]  # passed-through packages whose body has not run yet
    running_modules: Set[int]  # followed modules whose body is running (an import cycle sees them half run)
    graph_free: Set[str]  # modules found but not followed: they never name TensorFlow
    open_namespaces: Set[int]  # ids of module envs given names the analysis could not say (dir() unknown)

    def touch(self, value: Any) -> None:
        """`value` (a list, dict, set, instance or class) is about to change: on a path of an
        undecided branch, note its state first if the branch's other paths share it."""
        if self.journals:
            journal = self.journals[-1]
            if value.born < journal.floor and id(value) not in journal.before:
                journal.before[id(value)] = (value, path_journal.state_of(value))

    def graph_free_name(self, qualname: str) -> bool:
        """A function or class of a library that builds no TF graph (tf_api.SAFE_MODULES), or
        of a project module not followed because it never names TensorFlow."""
        return tf_api.is_safe_module(qualname) or qualname.startswith(tuple(m + "." for m in self.graph_free))

    def __init__(self, tree: ast.Module, path: str, budget: Optional[Budget] = None, strict: bool = False,
                 python2: bool = False) -> None:
        self.tree = tree
        self.python2 = python2  # Python 2 source (rewritten by scopelint.py2): `/` floors ints, xrange
        self.module_python2 = python2  # the analysed file's (python2 is the running code's module's)
        self.path = path
        self.budget = budget or Budget()
        self.strict = strict  # tests: unknown syntax raises instead of being havocked
        self.frames: List[List[Any]] = []
        self.findings: List[Finding] = []
        self.warnings: List[Finding] = []
        self.called: Set[int] = set()
        self.undecorated: Dict[int, FunctionVal] = {}  # def nodes under a decorator not seen into -> the function
        self.spent_constructors: Dict[int, Tuple[float, int]] = {}
        self.call_stack: List[FunctionVal] = []
        self.calls: List[CallContext] = []
        self.loops: List[LoopContext] = []
        self.tries: List[TryContext] = []  # dynamic: a callee's raise reaches the caller's handler
        self.handling: List[Tuple[TryContext, Optional[str]]] = []
        self.graph_states: Dict[object, Optional[GraphState]] = {}  # tf.Graphs not the default now
        self._may_raise = 0  # counts the points where the analysis cannot rule out an exception
        self._unwinding = False
        self.cleanups: List[Callable[[State], None]] = []
        self.second_iteration = 0
        self.journals: List[path_journal.Journal] = []  # the paths of undecided branches being run, innermost last
        self.alternative_depth = 0
        self.decided_bool_ops = {}
        self.entry_floor = 0
        self.entry_raised = False
        self.local_envs: List[Env] = []
        self.frame_limits: List[int] = []  # autograph-converted functions report at the call line
        self.comprehension_sizes: List[int] = []  # item counts of the comprehension levels unrolling
        # --explain: the calls not followed, by (line, message); the call being evaluated
        self.blindspots: Dict[Tuple[int, str], blindspots.Blindspot] = {}
        self.call_context: List[Tuple[ast.Call, Any, int]] = []
        # tf.app.flags defaults (the module runs as `python FILE`), and what the program sets: a
        # DictVal, so that a flag set on one path of an undecided branch is journaled (path_journal)
        self.flags = DictVal({})
        self.flag_kinds: Dict[str, str] = {}  # each flag's DEFINE_* (flag_argv parses an argv by them)
        # attributes the program set on modules the analysis does not read, or TF's
        # (`tf.contrib.legacy_seq2seq.rnn_decoder = mine`), by "module.name"; and every key ever set
        self.patched_modules = DictVal({})
        # attributes the program set on tensors (tf_slim's `outputs.aliases`, which its nets' end_points
        # dicts are keyed by), by (id of the tensor, name); the tensors, kept so that no id is reused
        self.tensor_attrs = DictVal({})
        self.attributed_tensors: List[Any] = []
        self.ever_patched: Set[str] = set()
        self.module_env = Env()
        # `abc.ABC`, a base that adds nothing but its metaclass: a plain class (one per analysis,
        # so that `isinstance(model, ABC)` holds of its subclasses' instances)
        self.abc_class = ClassVal("ABC", "abc.ABC", {}, [])
        self.graph_nesting = 0  # `with g.as_default()` / `with tf.Session()` blocks open (SL107)
        self.model_envs: Dict[str, Env] = {}  # TF's models (scopelint.tf), loaded when first named
        self.model_initial: Dict[str, Dict[str, Any]] = {}  # their module-level containers as loaded
        self.imported: Dict[str, Any] = {}  # modules followed as source, by qualified name
        self.sys_modules_written: Set[Optional[str]] = set()  # names the program set in sys.modules (None: any)
        self.libraries_followed = 0  # how many of them are installed packages' (imports.MAX_FOLLOWED_MODULES)
        self.modules_unseen = False  # a module was imported and not read (a limit, a parse error): classes unseen
        self.pending_modules: Dict[int, ast.Module] = {}  # passed-through packages whose body has not run yet
        self.running_modules: Set[int] = set()
        self.graph_free: Set[str] = set()  # modules found but not followed: they never name TensorFlow
        self.open_namespaces: Set[int] = set()
        # those of the project's own: read when a name of theirs is (their constants, config classes)
        self.graph_free_project: Set[str] = set()
        self.read_files: Set[str] = set()  # files of the modules imported: what the results depend on
        self.follow_imports = True  # False: imported modules are unknown libraries (faster, fewer findings)
        self.model_budget: Optional[Budget] = None  # the file's budget, while in a package's own
        self.abspath = os.path.abspath(path)
        self.argv = ListVal([self.abspath])  # sys.argv: the program runs as `python FILE`
        self.sys_path = ListVal([os.path.dirname(self.abspath)])  # what the program adds is searched (loader)
        self.locator = loader.Locator(path)
        self.module_env.vars["__package__"] = self.locator.main_package
        self.module_env.vars["__name__"] = "__main__"
        # absolute, as Python (3.9 on) makes the __file__ of the script `python FILE` runs, and as the
        # runtime's is: `os.path.dirname(__file__)` joined with a data file's name finds it from any cwd
        self.module_env.vars["__file__"] = self.abspath
        self.runtime_graph = runtime_context.Graph()
        self.scope_sites = ScopeSites()
        self.incomplete = False

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

    @property
    def may_raise(self) -> int:
        return self._may_raise

    @may_raise.setter
    def may_raise(self, count: int) -> None:
        """Counted up where something may raise: each enclosing `try`'s handlers may start here."""
        if count > self._may_raise:
            for context in self.tries:
                self.note_changes_at_raise(context)
        self._may_raise = count

    def note_changes_at_raise(self, context: TryContext) -> None:
        """The states, now, of what the `try`'s body has changed so far in values made before it
        (in its journal, or in those of branches inside it): where its handlers may start."""
        journal = context.journal
        if journal is None:
            return  # a `with` that may swallow, or a thread's boundary: no handler reads them
        states: Dict[int, Any] = {}
        inside = False
        for open_journal in self.journals:
            inside = inside or open_journal is journal
            if inside:
                states.update((key, path_journal.state_of(value)) for key, (value, _) in open_journal.before.items()
                              if value.born < journal.floor)
        context.changes_at_raises.append(states)

    def _frames_tuple(self) -> Tuple[Frame, ...]:
        # autograph converts what converted code calls too: the outermost conversion decides
        frames = self.frames[: self.frame_limits[0]] if self.frame_limits else self.frames
        return tuple((int(f[0]), str(f[1])) for f in frames if len(f) < 4)  # 4 items: a model's, hidden

    def _last_visible_frame(self) -> Optional[Frame]:
        """`_frames_tuple()[-1]` (None when empty) without building the tuple: unknown code runs
        often, deep in TF's models, where the frames are many."""
        frames = self.frames
        end = min(self.frame_limits[0], len(frames)) if self.frame_limits else len(frames)
        for index in range(end - 1, -1, -1):
            if len(frames[index]) < 4:
                return int(frames[index][0]), str(frames[index][1])
        return None

    def _col_of(self, frame: Frame) -> int:
        for entry in self.frames:
            if entry[0] == frame[0] and entry[1] == frame[1]:
                return int(entry[2]) + 1
        return 1


def _wrap(record: Any) -> Any:
    if isinstance(record, StoredVariable):
        return VarVal(record)
    if isinstance(record, StoredPartitioned):
        # The runtime's object, over the analysis's parts: its attributes and methods are TF's
        # (`name`, `get_shape()`, iteration, `_concat()`), described once, in runtime/variables.py.
        return PartitionedVariable(record, [VarVal(part) for part in record.parts])
    return OpaqueVal("partitioned", inert=True)
