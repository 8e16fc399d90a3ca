"""The per-graph state of TF1 variable scopes and the operations on it.

One implementation of TensorFlow 2.21 compat.v1's `variable_scope.py` / `ops.py` naming
logic (== TF 1.15), driven concretely by the reference runtime and abstractly by the
interpreter. Abstract inputs are UNKNOWN values and partly known names (`Pattern`): a
check that depends on one of them cannot raise, it only records a may-event, and the
variable it touches is remembered as may-exist. A check that is certain raises the
ScopeError TF would raise, with TF's message.
"""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import operator
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple, Union

from scopelint.semantics import errors
from scopelint.semantics.dtypes import FLOAT32, DType, as_dtype
from scopelint.semantics.events import ScopeErrorRaised, VariableCreated, VariableShared
from scopelint.semantics.locate import Frame
from scopelint.semantics.shapes import TensorShape, as_shape, has_lost_dims, shape_of_python_value
from scopelint.semantics.values import VariableAggregation, VariableSynchronization
from scopelint.semantics.values import AUTO_REUSE, UNKNOWN, Pattern, Text, concat, is_known

VALID_OP_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$")
VALID_SCOPE_NAME = re.compile(r"^[A-Za-z0-9_.\\/>-]*$")

Reuse = Any  # False | True | AUTO_REUSE | UNKNOWN (a scope's own flag is never None)
Event = Union[VariableCreated, VariableShared, ScopeErrorRaised]
MAYBE = None  # the third truth value of the existence checks


def _absolute_scope_name(name: Optional[Text]) -> Optional[Text]:
    """`a/b` for a name ending in `/` (an absolute name scope, taken as the op's name), else None."""
    if isinstance(name, str):
        return name[:-1] if name.endswith("/") else None
    if isinstance(name, Pattern) and isinstance(name.parts[-1], str) and name.parts[-1].endswith("/"):
        return concat(*name.parts[:-1], name.parts[-1][:-1])
    return None


def join_name(prefix: Text, name: Text) -> Text:
    """`prefix/name`, or `name` at the root (prefix "")."""
    if isinstance(prefix, str) and prefix == "":
        return name
    return concat(prefix, "/", name)


class VariableScope:
    """A variable scope object. Identity matters: `reuse_variables()` flips the flag of
    this object only, and object re-entry reads it (tf1-semantics.md §4). The flag lives
    in the graph state (`GraphState.reuse`) so forking the state forks it too."""

    _ids = itertools.count(1)

    def __init__(
        self,
        name: Text,
        name_scope: Text,
        initializer: Any = None,
        regularizer: Any = None,
        caching_device: Any = None,
        partitioner: Any = None,
        custom_getter: Any = None,
        dtype: Any = FLOAT32,
        use_resource: Any = None,
        constraint: Any = None,
    ) -> None:
        self.sid = next(VariableScope._ids)
        self.name = name
        self.original_name_scope = name_scope
        self.initializer = initializer
        self.regularizer = regularizer
        self.caching_device = caching_device
        self.partitioner = partitioner
        self.custom_getter = custom_getter
        self.dtype = dtype
        self.use_resource = use_resource
        self.constraint = constraint

    def __repr__(self) -> str:
        return "<VariableScope %r>" % (self.name,)


@dataclass
class StoredVariable:
    """An entry of the variable store (`_VariableStore._vars`)."""

    key: Text
    name: Text
    shape: Optional[TensorShape]  # None: not known to the analysis
    dtype: Any  # DType (with ref) or UNKNOWN
    frames: Tuple[Frame, ...]
    certain: bool = True  # False: exists on some paths only
    scope_sid: int = 0  # the VariableScope entry it was created in (0: not known)


@dataclass
class StoredPartitioned:
    key: str
    shape: TensorShape
    dtype: DType
    partitions: List[int]
    parts: List[StoredVariable]


@dataclass
class ScopeToken:
    """What leaving a `variable_scope` block must undo."""

    by_object: bool
    new_name: Text
    old_scope: VariableScope
    entered: VariableScope
    counts_snapshot: Optional[Dict[str, Any]]
    old_stack: Optional[Text]  # None: no name scope was entered


def _validated_shape(shape: Optional[TensorShape], validate_shape: Any) -> Optional[TensorShape]:
    """A new variable's recorded shape: with validate_shape=False TF's is of unknown rank (a
    TensorShape(None), which the analysis knows as such); None when the analysis cannot tell."""
    if validate_shape is UNKNOWN:
        return None
    return shape if validate_shape else TensorShape(None)


class ThreadScopes(NamedTuple):
    """What TF keeps per thread (variable_scope._VariableScopeStore is a threading.local; the
    name stack and the variable creator stack are the graph's thread-local state)."""

    current: VariableScope
    counts: Dict[str, Any]
    pattern_counts: Set[Pattern]
    name_stack: Text
    creators: Tuple[Tuple[object, Any], ...]


THREAD_FIELDS = ThreadScopes._fields


def _may_match_scope(scope: str, name: Any) -> Any:
    """Whether get_collection's `scope` matches a partly known name: "" (model_deploy's scope of
    a single clone) matches every name; a plain-text scope matches when the name's known start
    begins with it, and does not when no filling of the name does; else UNKNOWN."""
    if scope == "":
        return True
    if not isinstance(name, Pattern) or re.escape(scope) != scope:  # a regex: its matches are not plain prefixes
        return UNKNOWN
    if not name.may_start_with(scope):
        return False
    first = name.parts[0]
    return True if isinstance(first, str) and first.startswith(scope) else UNKNOWN


@dataclass
class GraphState:
    """Everything one tf.Graph holds that variable naming depends on."""

    vars: Dict[str, StoredVariable] = field(default_factory=dict)
    pattern_vars: List[StoredVariable] = field(default_factory=list)
    partitioned: Dict[str, StoredPartitioned] = field(default_factory=dict)
    counts: Dict[str, Any] = field(default_factory=dict)  # scope name -> int | UNKNOWN
    pattern_counts: Set[Pattern] = field(default_factory=set)
    # scope name -> every opened scope name below it. Only grows, so forks share it: resetting
    # a count that another path never opened just writes the 0 that `.get(k, 0)` reads anyway.
    descendants: Dict[str, Set[str]] = field(default_factory=dict)
    # name -> an int, or UNKNOWN after a join; a partly unknown name (a Pattern) -> 1 once used
    names_in_use: Dict[Union[str, Pattern], Any] = field(default_factory=dict)
    # op name -> (store key, count): a variable the store holds on some paths only, and the use
    # count of its op name on the paths without it, where names_in_use says UNKNOWN only because
    # of it. get_variable creating it on those paths (AUTO_REUSE after `if c: get_variable("w")`)
    # names it `w` by that count, not `w?`. Never changed in place: forks share it.
    absent_counts: Dict[str, Tuple[str, int]] = field(default_factory=dict)
    name_stack: Text = ""
    reuse: Dict[int, Reuse] = field(default_factory=dict)
    root: VariableScope = field(default_factory=lambda: VariableScope("", ""))
    current: Optional[VariableScope] = None
    events: List[Event] = field(default_factory=list)
    frames: Callable[[], Tuple[Frame, ...]] = lambda: ()
    wrap: Callable[[Any], Any] = lambda record: record  # a driver's view of a stored variable
    # Called when this path may raise where the driver cannot tell (unknown code ran, an error
    # is possible but not certain): the interpreter's try/except needs to know.
    on_uncertainty: Callable[[], None] = lambda: None
    # Unknown code ran, with this many events so far: the interpreter notes where (--explain).
    on_havoc: Callable[[int], None] = lambda events: None
    path_certain: bool = True  # False on a branch the interpreter could not decide
    root_known: bool = True  # False: analysed at an unknown position (an entry point's callers)
    muted: bool = False  # a re-run only for its errors (an unknown loop's 2nd pass): no events
    havoc: bool = False  # code the analysis could not follow may have created any variable
    # Graph collections: key -> items (stored variables, or what the program added), or UNKNOWN
    # for a key that paths filled differently; `collections_known` False once code the
    # analysis could not follow may have added to any of them.
    collections: Dict[str, Any] = field(default_factory=dict)
    collections_known: bool = True
    # keys whose items some paths only added to the end (one branch created a variable): their
    # items are all the paths', each on some paths only (a `for` over them runs each uncertain)
    collections_grown: Set[str] = field(default_factory=set)
    graph_id: object = field(default_factory=object)  # which tf.Graph this is a state of (forks share it)
    # tf.variable_creator_scope's creators, innermost last (each a token, creator pair)
    creators: Tuple[Tuple[object, Any], ...] = ()
    # Graph.finalize() ran (a Supervisor's and a MonitoredSession's constructors call it): no op,
    # so no variable, can be added. UNKNOWN where paths differ, or where a call the analysis does
    # not model may have added an op first (and so raised before any later line).
    finalized: Any = False

    def __post_init__(self) -> None:
        if self.current is None:
            self.current = self.root
            self.reuse[self.root.sid] = False

    # ------------------------------------------------------------------ threads

    def enter_thread(self) -> "ThreadScopes":
        """A thread starts: it gets a scope stack of its own (a new root scope, no counts, an
        empty name scope, no variable creators) over the graph's one variable store. Returns
        the caller's, for `exit_thread`. (How the interpreter runs a thread's target.)"""
        saved = ThreadScopes(*(getattr(self, name) for name in THREAD_FIELDS))
        for name, value in zip(THREAD_FIELDS, self.new_thread_scopes()):
            setattr(self, name, value)
        return saved

    def exit_thread(self, saved: "ThreadScopes") -> None:
        for name, value in zip(THREAD_FIELDS, saved):
            setattr(self, name, value)

    def new_thread_scopes(self) -> "ThreadScopes":
        root = VariableScope("", "")
        self.reuse[root.sid] = False
        return ThreadScopes(root, {}, set(), "", ())

    # ------------------------------------------------------------------ copies, joins

    def fork(self) -> "GraphState":
        """An independent copy for one branch of the abstract interpreter."""
        return GraphState(
            vars=dict(self.vars),
            pattern_vars=list(self.pattern_vars),
            partitioned=dict(self.partitioned),
            counts=dict(self.counts),
            pattern_counts=set(self.pattern_counts),
            descendants=self.descendants,
            names_in_use=dict(self.names_in_use),
            absent_counts=self.absent_counts,
            name_stack=self.name_stack,
            reuse=dict(self.reuse),
            root=self.root,
            current=self.current,
            events=self.events,
            frames=self.frames,
            wrap=self.wrap,
            on_uncertainty=self.on_uncertainty,
            on_havoc=self.on_havoc,
            path_certain=self.path_certain,
            havoc=self.havoc,
            collections={k: v if v is UNKNOWN else list(v) for k, v in self.collections.items()},
            collections_known=self.collections_known,
            collections_grown=set(self.collections_grown),
            root_known=self.root_known,
            muted=self.muted,
            graph_id=self.graph_id,
            creators=self.creators,
            finalized=self.finalized,
        )

    def unknown_code_ran(self, may_set_reuse: bool = True) -> None:
        """Code the analysis could not follow ran here: it may have created any variable, and
        (unless it is TensorFlow's own library code, which opens scopes of its own and leaves
        the caller's alone) it may have called `tf.get_variable_scope().reuse_variables()`."""
        self.on_uncertainty()
        self.on_havoc(len(self.events))
        self.havoc = True
        self.collections_known = False
        if may_set_reuse and self.current is not None and self.reuse_of(self.current) is not True:
            self.reuse[self.current.sid] = UNKNOWN

    def absorb(self, other: "GraphState") -> None:
        """Become `other` (a later state of the same path), keeping this object's identity."""
        for item in dataclasses.fields(self):
            setattr(self, item.name, getattr(other, item.name))

    def join(self, other: "GraphState") -> None:
        """Merge `other` (another path to the same program point) into self."""
        other_vars = other.vars
        same_keys = self.vars.keys() == other_vars.keys()
        if self.absent_counts or other.absent_counts or not same_keys:
            self.absent_counts = self._joined_absent_counts(other)  # (from both sides as they were)
        for key in self.vars.keys() if same_keys else set(self.vars) | set(other_vars):
            mine, theirs = self.vars.get(key), other_vars.get(key)
            if mine is theirs:
                continue  # the common case: a variable neither path touched
            if mine is None or theirs is None:
                kept = mine or theirs
                assert kept is not None
                self.vars[key] = StoredVariable(kept.key, kept.name, kept.shape, kept.dtype, kept.frames, False,
                                                kept.scope_sid)
            elif mine != theirs:
                same_shape = mine.shape == theirs.shape
                same_dtype = mine.dtype == theirs.dtype
                self.vars[key] = StoredVariable(
                    key,
                    mine.name if mine.name == theirs.name else concat(key, None),
                    mine.shape if same_shape else None,
                    mine.dtype if same_dtype else UNKNOWN,
                    mine.frames,
                    mine.certain and theirs.certain,
                    mine.scope_sid,
                )
        self._join_pattern_vars(other.pattern_vars)
        for key, part in other.partitioned.items():
            self.partitioned.setdefault(key, part)
        if self.counts != other.counts:
            for key in set(self.counts) | set(other.counts):
                if self.counts.get(key, 0) != other.counts.get(key, 0):
                    self.counts[key] = UNKNOWN
        self.pattern_counts |= other.pattern_counts
        if self.names_in_use != other.names_in_use:  # a dict comparison in C first: usually equal
            for used in set(self.names_in_use) | set(other.names_in_use):
                if self.names_in_use.get(used, 0) != other.names_in_use.get(used, 0):
                    self.names_in_use[used] = UNKNOWN  # used a different number of times on the two paths
        self.havoc = self.havoc or other.havoc
        self.collections_known = self.collections_known and other.collections_known
        self.collections_grown |= other.collections_grown
        for key in set(self.collections) | set(other.collections):
            mine, theirs = self.collections.get(key, []), other.collections.get(key, [])
            if mine is not UNKNOWN and theirs is not UNKNOWN and len(mine) == len(theirs) and \
                    all(map(operator.is_, mine, theirs)):
                continue  # the common case, tested in C: the paths left it alike
            if mine is UNKNOWN or theirs is UNKNOWN or not all(self._same_item(a, b) for a, b in zip(mine, theirs)):
                self.collections[key] = UNKNOWN
                self.collections_grown.discard(key)
                continue
            # the same variable made on each path (`if x: w = get_variable("w") else: ...`) is its
            # joined record; what one path added to the end is kept, on some paths
            common = [a if a is b else self.vars.get(a.key, a) for a, b in zip(mine, theirs)]
            self.collections[key] = common + list(mine[len(common):]) + list(theirs[len(common):])
            if len(mine) != len(theirs):
                self.collections_grown.add(key)
        if self.finalized != other.finalized:
            self.finalized = UNKNOWN
        if self.name_stack != other.name_stack:
            self.name_stack = concat(None)
        if self.reuse != other.reuse:  # usually equal: compared in C before the per-scope merge
            for sid in set(self.reuse) | set(other.reuse):
                if self.reuse.get(sid) != other.reuse.get(sid):
                    self.reuse[sid] = UNKNOWN

    def _joined_absent_counts(self, other: "GraphState") -> Dict[str, Tuple[str, int]]:
        """absent_counts after joining `other` into self (called before anything is joined): an
        entry holds where, on each side, the variable is certainly there, or is absent with that
        count, or is there on some paths with that same entry."""
        candidates = dict(self.absent_counts)
        candidates.update(other.absent_counts)
        for key in self.vars.keys() ^ other.vars.keys():
            record = self.vars.get(key) or other.vars[key]
            if isinstance(key, str) and isinstance(record.name, str) and record.name.endswith(":0"):
                op = record.name[:-2].lower()
                count = (other if key in self.vars else self).names_in_use.get(op, 0)
                if isinstance(count, int) and not isinstance(count, bool):
                    candidates[op] = (key, count)
        joined: Dict[str, Tuple[str, int]] = {}
        for op, (key, count) in candidates.items():
            if all(side._absent_count_holds(op, key, count) for side in (self, other)):
                joined[op] = (key, count)
        return joined

    def _absent_count_holds(self, op: str, key: str, count: int) -> bool:
        record = self.vars.get(key)
        if record is None:
            return bool(self.names_in_use.get(op, 0) == count)
        return record.certain or self.absent_counts.get(op) == (key, count)

    def _join_pattern_vars(self, theirs: List[StoredVariable]) -> None:
        """Add the records of `theirs` that are not in this store's list. The two paths are
        forks of one state, so the lists share a prefix: it is compared in C (identity first),
        and only the tails are searched."""
        mine = self.pattern_vars
        common = min(len(mine), len(theirs))
        if mine[:common] != theirs[:common]:
            common = 0
        if len(theirs) > common:
            seen = {id(v) for v in mine[common:]}
            mine.extend(v for v in theirs[common:] if id(v) not in seen)

    def _same_item(self, a: Any, b: Any) -> bool:
        """Two paths' items of a collection at one place: the same, or the same variable (by key)."""
        return a is b or isinstance(a, StoredVariable) and isinstance(b, StoredVariable) and \
            isinstance(a.key, str) and a.key == b.key

    # ------------------------------------------------------------------ collections

    def add_to_collections(self, keys: Any, item: Any) -> None:
        """Graph.add_to_collections: `keys` a name or a sequence of names (each once)."""
        if isinstance(keys, str):
            keys = [keys]
        if not isinstance(keys, (list, tuple, set)):
            self.collections_known = False
            return
        for key in dict.fromkeys(keys):
            if not isinstance(key, str):
                self.collections_known = False
                continue
            items = self.collections.setdefault(key, [])
            if items is not UNKNOWN:
                items.append(item)

    def collect_variable(self, record: "StoredVariable", collections: Any, trainable: Any) -> None:
        """A new variable joins `collections` (default GLOBAL_VARIABLES), and TRAINABLE_VARIABLES
        when it is trainable (RefVariable._init_from_args)."""
        keys = ["variables"] if collections is None else collections
        if not isinstance(keys, (list, tuple, set)):
            self.collections_known = False
            return
        keys = list(keys)
        if trainable is UNKNOWN:
            self.collections["trainable_variables"] = UNKNOWN
        elif trainable and "trainable_variables" not in keys:
            keys.append("trainable_variables")
        self.add_to_collections(keys, record)

    def get_collection(self, key: Any, scope: Any = None) -> Any:
        """Graph.get_collection: a copy of the items, those whose name matches `scope` (a
        regex, from the start) when given; UNKNOWN when the analysis cannot know them."""
        if not self.collections_known or not isinstance(key, str):
            return UNKNOWN
        items = self.collections.get(key, [])
        if items is UNKNOWN:
            return UNKNOWN
        if scope is None:
            return list(items)
        if not isinstance(scope, str):
            return UNKNOWN
        regex = re.compile(scope)
        chosen = []
        for item in items:
            name = item.name if isinstance(item, StoredVariable) else getattr(item, "name", None)
            if name is None:
                continue  # items without a name are left out (as TF's AttributeError is)
            matches = bool(regex.match(name)) if isinstance(name, str) else _may_match_scope(scope, name)
            if matches is UNKNOWN:
                return UNKNOWN
            if matches:
                chosen.append(item)
        return chosen

    # ------------------------------------------------------------------ op names

    def unique_name(self, name: Text, mark_as_used: bool = True, absent_key: Optional[Text] = None) -> Text:
        """Graph.unique_name: names are compared case-insensitively (tf1-semantics §1).
        `absent_key`: the op of a variable get_variable creates under that key on the paths where
        the store lacks it (absent_counts)."""
        if self.name_stack:
            name = join_name(self.name_stack, name)
        if not isinstance(name, str):
            # Partly unknown: whether it was used before, and so its suffix, is known only for the
            # same pattern again (two unnamed tf.Variables in `layer?/`: the second is
            # `layer?/Variable_1`, so `layer?/Variable?`). A name that only may equal another keeps
            # its text: a guess at a suffix would make most names in unknown scopes unknown.
            pattern_key = Pattern(tuple(part.lower() if part is not None else None for part in name.parts))
            if self.absent_counts:  # a name it may be is no longer known to be free where a variable is absent
                self.absent_counts = {op: entry for op, entry in self.absent_counts.items()
                                      if not pattern_key.may_equal(op)}
            if pattern_key in self.names_in_use:
                return concat(name, None)
            if mark_as_used:
                self.names_in_use[pattern_key] = 1
            return name
        name_key = name.lower()
        i = self.names_in_use.get(name_key, 0)
        if name_key in self.absent_counts:
            if i is UNKNOWN and absent_key is not None and self.absent_counts[name_key] == (absent_key, 0):
                return name  # free where the variable is absent (its count stays a join's)
            # used again on these paths: what the count was where the variable is absent no longer is
            self.absent_counts = {op: entry for op, entry in self.absent_counts.items() if op != name_key}
        if i is UNKNOWN:
            return concat(name, None)  # `name` or `name_N`, depending on the path taken
        if mark_as_used:
            self.names_in_use[name_key] = i + 1
        if i > 0:
            base_name_key = name_key
            while name_key in self.names_in_use:
                if self.names_in_use[name_key] is UNKNOWN:
                    return concat(name, None)
                name_key = "%s_%d" % (base_name_key, i)
                i += 1
            if mark_as_used:
                self.names_in_use[name_key] = 1
            name = "%s_%d" % (name, i - 1)
        return name

    def enter_name_scope(self, name: Any) -> Tuple[Text, Text]:
        """Graph.name_scope(name): returns (scope string like `foo_1/`, stack to restore)."""
        old_stack = self.name_stack
        if name is UNKNOWN:
            name = concat(None)
        if name and isinstance(name, str):
            at_root = not self.name_stack
            regex, kind = (VALID_OP_NAME, "root scope") if at_root else (VALID_SCOPE_NAME, "scope")
            if at_root and not self.root_known and not regex.match(name) and VALID_SCOPE_NAME.match(name):
                self._note_possible_error("SL105", None)  # valid anywhere but at the root
            elif not regex.match(name):
                raise errors.ScopeValueError(
                    "'%s' is not a valid %s name. A %s name has to match the following pattern: %s"
                    % (name, kind, kind, regex.pattern)
                )
        if not name:
            new_stack: Text = ""
            returned: Text = ""
        elif isinstance(name, str) and name[-1] == "/":
            new_stack = name[:-1]
            returned = name
        else:
            new_stack = self.unique_name(name)
            returned = concat(new_stack, "/")
        self.name_stack = new_stack
        return returned, old_stack

    def _validate_op_name(self, name: Text) -> None:
        """Graph.name_scope's check, which creating a variable runs on its name (§1.3)."""
        if not isinstance(name, str) or not name:
            return
        at_root = not self.name_stack
        regex, kind = (VALID_OP_NAME, "root scope") if at_root else (VALID_SCOPE_NAME, "scope")
        if regex.match(name):
            return
        if at_root and not self.root_known and VALID_SCOPE_NAME.match(name):
            self._note_possible_error("SL105", None)
            return
        raise errors.ScopeValueError(
            "'%s' is not a valid %s name. A %s name has to match the following pattern: %s"
            % (name, kind, kind, regex.pattern)
        )

    def register_op(self, name: Optional[Text], default: str) -> Text:
        """An op created in the current name scope takes a name from the table."""
        self.check_not_finalized()
        absolute = _absolute_scope_name(name)
        if absolute is not None:
            return absolute
        return self.unique_name(name if name else default)

    def check_not_finalized(self) -> None:
        """Graph._check_not_finalized, which creating any op runs (a variable's included)."""
        if self.finalized is True:
            raise errors.GraphFinalizedError(errors.GRAPH_FINALIZED)
        if self.finalized is UNKNOWN:
            self._note_possible_error("SL106", errors.GRAPH_FINALIZED)

    # ------------------------------------------------------------------ variable scopes

    def reuse_of(self, scope: VariableScope) -> Reuse:
        return self.reuse.get(scope.sid, False)

    def reuse_variables(self, scope: VariableScope) -> None:
        self.reuse[scope.sid] = True

    def new_variable_scope(self, reuse: Any, name: Any = "", name_scope: Any = "", dtype: Any = FLOAT32,
                           **settings: Any) -> VariableScope:
        """`tf.VariableScope(reuse, name=...)` built by the program (stylegan's absolute scope,
        tensorpack's global step's): an object no scope stack holds, with its own reuse flag,
        which `variable_scope(obj)` enters by its full name."""
        if not isinstance(name, (str, Pattern)):
            name = concat(None)  # (TF checks nothing here: an odd name fails later, where it is used)
        if not isinstance(name_scope, (str, Pattern)):
            name_scope = concat(None)
        scope = VariableScope(name, name_scope, dtype=as_dtype(dtype) if is_known(dtype) else dtype, **settings)
        if reuse is not UNKNOWN and not (reuse is AUTO_REUSE or isinstance(reuse, bool) or reuse is None):
            reuse = UNKNOWN  # a value TF would keep as is and test for truth: the analysis says unknown
        self.reuse[scope.sid] = False if reuse is None else reuse
        return scope

    def check_scope_args(self, name_or_scope: Any, default_name: Any, reuse: Any, auxiliary_name_scope: Any) -> Any:
        """variable_scope.__init__'s checks, at construction. Returns the normalised reuse."""
        if default_name is None and name_or_scope is None:
            raise errors.ScopeTypeError("If default_name is None then name_or_scope is required")
        if reuse is False:
            reuse = None  # False and None are the same since TF 1.1 (p02:reuse_false_is_none)
        if not (reuse is True or reuse is None or reuse is AUTO_REUSE or reuse is UNKNOWN):
            raise errors.ScopeValueError("The reuse parameter must be True or False or None.")
        if not isinstance(auxiliary_name_scope, bool) and auxiliary_name_scope is not UNKNOWN:
            raise errors.ScopeTypeError(
                "The auxiliary_name_scope must be `True` or `False`, while get {}".format(auxiliary_name_scope)
            )
        return reuse

    def enter_variable_scope(
        self,
        name_or_scope: Any,
        default_name: Any = None,
        reuse: Any = None,
        initializer: Any = None,
        regularizer: Any = None,
        caching_device: Any = None,
        partitioner: Any = None,
        custom_getter: Any = None,
        dtype: Any = None,
        use_resource: Any = None,
        constraint: Any = None,
        auxiliary_name_scope: Any = True,
    ) -> ScopeToken:
        """variable_scope.__enter__ (_enter_scope_uncached + _pure_variable_scope.__enter__).
        `reuse` must already be normalised by check_scope_args."""
        overrides = dict(
            initializer=initializer, regularizer=regularizer, caching_device=caching_device,
            partitioner=partitioner, custom_getter=custom_getter, dtype=dtype,
            use_resource=use_resource, constraint=constraint,
        )
        old_stack: Optional[Text] = None
        entered_ns: Optional[Text] = None
        aux_off = auxiliary_name_scope is False
        if aux_off:
            # Re-enter the current name scope instead of opening one (tf1-semantics §2d).
            current_ns = self.name_stack
            target: Text = concat(current_ns, "/") if current_ns else ""
            entered_ns, old_stack = self.enter_name_scope(target)
        if name_or_scope is not None:
            by_object = isinstance(name_or_scope, VariableScope)
            if not (by_object or isinstance(name_or_scope, (str, Pattern)) or name_or_scope is UNKNOWN):
                raise errors.ScopeTypeError("VariableScope: name_or_scope must be a string or VariableScope.")
            if name_or_scope is UNKNOWN:
                name_or_scope = concat(None)
            if isinstance(name_or_scope, VariableScope):
                ns_name = _last_component(name_or_scope.name)
            else:
                ns_name = name_or_scope
            if entered_ns is None and ns_name:
                entered_ns, old_stack = self.enter_name_scope(ns_name)
            if isinstance(name_or_scope, VariableScope):
                return self._enter_pure_object(name_or_scope, reuse, overrides, old_stack)
            return self._enter_pure_string(name_or_scope, reuse, overrides, entered_ns, old_stack)
        if reuse is True or reuse is AUTO_REUSE:
            self._undo_name_scope(old_stack)
            raise errors.ScopeValueError("reuse=True cannot be used without a name_or_scope")
        if reuse is UNKNOWN:
            self._note_possible_error("SL105", "reuse=True cannot be used without a name_or_scope")
        if entered_ns is None:
            entered_ns, old_stack = self.enter_name_scope(default_name)
        unique = self._unique_variable_scope(default_name)
        return self._enter_pure_string(unique, None, overrides, entered_ns, old_stack)

    def enter_pure_variable_scope(self, name: Any, custom_getter: Any = None) -> ScopeToken:
        """variable_scope._pure_variable_scope(name, custom_getter=...).__enter__: a variable
        scope by name, opening no name scope (what make_template's create_scope_now_ does)."""
        overrides = dict(initializer=None, regularizer=None, caching_device=None, partitioner=None,
                         custom_getter=custom_getter, dtype=None, use_resource=None, constraint=None)
        return self._enter_pure_string(name, None, overrides, None, None)

    def _undo_name_scope(self, old_stack: Optional[Text]) -> None:
        if old_stack is not None:
            self.name_stack = old_stack

    def _enter_pure_string(
        self, name: Text, reuse: Any, overrides: Dict[str, Any], old_name_scope: Optional[Text],
        old_stack: Optional[Text],
    ) -> ScopeToken:
        old = self.current
        assert old is not None
        new_name = concat(old.name, "/", name) if old.name else name
        if reuse is UNKNOWN:
            new_reuse: Reuse = UNKNOWN
        else:
            new_reuse = reuse or self.reuse_of(old)  # Python `or`: reuse is inherited
        scope = VariableScope(
            new_name,
            name if old_name_scope is None else old_name_scope,
            initializer=old.initializer, regularizer=old.regularizer, caching_device=old.caching_device,
            partitioner=old.partitioner, custom_getter=old.custom_getter, dtype=old.dtype,
            use_resource=old.use_resource, constraint=overrides["constraint"],
        )
        self._apply_overrides(scope, overrides, old.custom_getter)
        self.reuse[scope.sid] = new_reuse
        self._open_count(new_name)
        self.current = scope
        return ScopeToken(False, new_name, old, scope, None, old_stack)

    def _enter_pure_object(
        self, captured: VariableScope, reuse: Any, overrides: Dict[str, Any], old_stack: Optional[Text]
    ) -> ScopeToken:
        old = self.current
        assert old is not None
        if reuse is UNKNOWN:
            new_reuse: Reuse = UNKNOWN
        else:
            new_reuse = reuse if reuse else self.reuse_of(captured)  # parent's flag is not inherited
        scope = VariableScope(
            captured.name, captured.original_name_scope,
            initializer=captured.initializer, regularizer=captured.regularizer,
            caching_device=captured.caching_device, partitioner=captured.partitioner,
            custom_getter=captured.custom_getter, dtype=captured.dtype,
            use_resource=captured.use_resource, constraint=overrides["constraint"],
        )
        self._apply_overrides(scope, overrides, captured.custom_getter)
        self.reuse[scope.sid] = new_reuse
        self._open_count(captured.name)
        snapshot = dict(self.counts)
        self.current = scope
        return ScopeToken(True, captured.name, old, scope, snapshot, old_stack)

    @staticmethod
    def _apply_overrides(scope: VariableScope, overrides: Dict[str, Any], old_getter: Any) -> None:
        for attr in ("initializer", "regularizer", "caching_device", "partitioner", "dtype", "use_resource"):
            if overrides[attr] is not None:
                value = overrides[attr]
                setattr(scope, attr, as_dtype(value) if attr == "dtype" and is_known(value) else value)
        if overrides["custom_getter"] is not None:
            scope.custom_getter = _wrap_custom_getter(overrides["custom_getter"], old_getter)

    def exit_variable_scope(self, token: ScopeToken) -> None:
        if self.current is not None and self.current.sid != token.entered.sid:
            # Leaving a scope while one opened inside it is still open (`__exit__` by hand):
            # TF refuses to restore the scope (the inner one stays current); the name scope
            # is left all the same (variable_scope.__exit__'s finally).
            self._undo_name_scope(token.old_stack)
            raise errors.ScopeRuntimeError("Improper nesting of variable_scope.")
        if token.by_object:
            assert token.counts_snapshot is not None
            self.counts = dict(token.counts_snapshot)  # forks may share the token
        else:
            self._close_subscopes(token.new_name)
        self.current = token.old_scope
        self._undo_name_scope(token.old_stack)

    def _open_count(self, name: Text) -> None:
        if isinstance(name, Pattern):
            self.pattern_counts.add(name)
            return
        count = self.counts.get(name, 0)
        self.counts[name] = UNKNOWN if count is UNKNOWN else count + 1
        if count == 0:
            parts = name.split("/")
            for end in range(1, len(parts)):
                self.descendants.setdefault("/".join(parts[:end]), set()).add(name)

    def _close_subscopes(self, name: Text) -> None:
        prefix = concat(name, "/")
        if isinstance(name, str) and isinstance(prefix, str):
            for key in self.descendants.get(name, ()):  # close_variable_subscopes: all below `name`
                if self.counts.get(key, 0) != 0:  # (an UNKNOWN count is reset too)
                    self.counts[key] = 0
            self.pattern_counts = {p for p in self.pattern_counts if not _certainly_starts_with(p, prefix)}
        elif isinstance(prefix, Pattern):
            for key, count in self.counts.items():
                if count != 0 and _pattern_prefix_of(prefix, key):
                    self.counts[key] = UNKNOWN  # may or may not have been reset

    def _count(self, name: Text) -> Any:
        if isinstance(name, Pattern):
            if self.pattern_counts or any(c != 0 and name.may_equal(k) for k, c in self.counts.items()):
                return UNKNOWN
            return 0
        count = self.counts.get(name, 0)
        if count == 0 and any(p.may_equal(name) for p in self.pattern_counts):
            return UNKNOWN
        return count

    def _unique_variable_scope(self, prefix: Any) -> Text:
        """_get_unique_variable_scope: `blk`, `blk_1`, ... from the scope-use counts (§5)."""
        if not isinstance(prefix, str):
            return concat(prefix if isinstance(prefix, Pattern) else None, None)
        current = self.current
        assert current is not None
        name = join_name(current.name, prefix)
        count = self._count(name)
        if count is UNKNOWN:
            return concat(prefix, None)
        if count == 0:
            return prefix
        idx = 1
        while True:
            count = self._count(concat(name, "_%d" % idx))
            if count is UNKNOWN:
                return concat(prefix, "_", None)
            if count == 0:
                return prefix + "_%d" % idx
            idx += 1

    # ------------------------------------------------------------------ variables

    def _note_possible_error(self, code: str, message: Optional[str]) -> None:
        self.on_uncertainty()
        self.events.append(ScopeErrorRaised(code, message, self.frames(), None, certain=False))

    def _emit(self, event: Event) -> None:
        if self.muted:
            return
        if not self.path_certain and event.certain:
            event = dataclasses.replace(event, certain=False)
        self.events.append(event)

    def _exists(self, key: Text) -> Optional[bool]:
        """True/False when certain, MAYBE otherwise."""
        if isinstance(key, str):
            found = self.vars.get(key)
            if found is not None:
                return True if found.certain else MAYBE
            if self.havoc or any(p.key.may_equal(key) for p in self.pattern_vars if isinstance(p.key, Pattern)):
                return MAYBE
            return False
        if self.havoc or any(key.may_equal(k) for k in self.vars) or self.pattern_vars:
            return MAYBE
        return False

    def _lookup(self, key: Text) -> Optional[StoredVariable]:
        return self.vars.get(key) if isinstance(key, str) else None

    def _store(self, record: StoredVariable) -> None:
        if isinstance(record.key, str):
            self.vars[record.key] = record
        else:
            self.pattern_vars.append(record)

    def get_variable(
        self,
        name: Any,
        shape: Any = None,
        dtype: Any = None,
        initializer: Any = None,
        regularizer: Any = None,
        trainable: Any = None,
        collections: Any = None,
        caching_device: Any = None,
        partitioner: Any = None,
        validate_shape: Any = True,
        use_resource: Any = None,
        custom_getter: Any = None,
        constraint: Any = None,
        reuse: Any = None,
        scope: Optional[VariableScope] = None,
        synchronization: Any = None,
        aggregation: Any = None,
    ) -> Any:
        """VariableScope.get_variable on the current (or given) scope."""
        scope = scope or self.current
        assert scope is not None
        if partitioner is None:
            partitioner = scope.partitioner
        if custom_getter is None:
            custom_getter = scope.custom_getter
        if reuse is None:
            reuse = self.reuse_of(scope)
        if name is UNKNOWN:
            name = concat(None)
        full_name = join_name(scope.name, name)
        saved_stack = self.name_stack
        self.name_stack = ""  # get_variable names ignore the name scope (§1)
        try:
            if dtype is not None and dtype is not UNKNOWN:
                dtype = as_dtype(dtype)
            if dtype is not None and initializer is not None and _is_constant(initializer):
                init_dtype = constant_dtype(initializer)
                if init_dtype is not UNKNOWN and dtype is not UNKNOWN and init_dtype.base_dtype != dtype:
                    raise errors.ScopeValueError(
                        "Initializer type '%s' and explicit dtype '%s' don't match." % (init_dtype, dtype)
                    )
            if initializer is None:
                initializer = scope.initializer
            if regularizer is None:
                regularizer = scope.regularizer
            if constraint is None:
                constraint = scope.constraint
            if dtype is None:
                # An initializer the driver could not see may be a constant that sets the dtype.
                dtype = UNKNOWN if initializer is UNKNOWN else scope.dtype
            return self._store_get_variable(
                full_name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                reuse=reuse, trainable=trainable, collections=collections, caching_device=caching_device,
                partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
                custom_getter=custom_getter, constraint=constraint, synchronization=synchronization,
                aggregation=aggregation,
            )
        finally:
            self.name_stack = saved_stack

    def _store_get_variable(self, name: Text, custom_getter: Any = None, **kwargs: Any) -> Any:
        """_VariableStore.get_variable: the custom getter (if any) wraps the true getter."""
        unknown = custom_getter is UNKNOWN or getattr(custom_getter, "partly_unknown", False)
        if custom_getter is not None and not unknown and not callable(custom_getter):
            raise errors.ScopeValueError("Passed a custom_getter which is not callable: %s" % (custom_getter,))
        dtype = kwargs.get("dtype")
        if isinstance(dtype, DType):
            kwargs["dtype"] = dtype.base_dtype
        if unknown:
            return self._through_unknown_getter(name, custom_getter, kwargs)
        if custom_getter is None:
            return self.wrap(self.true_getter(name, **kwargs))
        constraint = kwargs.pop("constraint", None)

        def getter(*args: Any, **getter_kwargs: Any) -> Any:
            return self.wrap(self.true_getter(*args, **getter_kwargs))

        getter_kwargs = dict(kwargs, getter=getter, name=name)
        # VariableScope.get_variable hands the getter TF's defaults, not None.
        if getter_kwargs.get("synchronization") is None:
            getter_kwargs["synchronization"] = VariableSynchronization.AUTO
        if getter_kwargs.get("aggregation") is None:
            getter_kwargs["aggregation"] = VariableAggregation.NONE
        if _accepts(custom_getter, "constraint"):
            getter_kwargs["constraint"] = constraint
        return custom_getter(**getter_kwargs)

    def _through_unknown_getter(self, name: Text, custom_getter: Any, kwargs: Dict[str, Any]) -> Any:
        """A getter the driver could not see (alone, or composed with known ones) may rename the
        variable, force or forbid reuse, or create nothing: the known part runs, as if the unknown
        getter passed the call on unchanged, and what it does is only possible (uncertain events;
        an error it would raise is possible, not certain)."""
        certain = self.path_certain
        self.path_certain = False
        try:
            if custom_getter is UNKNOWN:
                return self.wrap(self.true_getter(name, **kwargs))
            return self._store_get_variable(name, custom_getter=custom_getter.known, **kwargs)
        except errors.ScopeError as exc:
            self._note_possible_error(exc.code, exc.message)
            return UNKNOWN
        finally:
            self.path_certain = certain

    def true_getter(
        self, name: Any, shape: Any = None, dtype: Any = FLOAT32, initializer: Any = None,
        regularizer: Any = None, reuse: Any = None, trainable: Any = None, collections: Any = None,
        caching_device: Any = None, partitioner: Any = None, validate_shape: Any = True,
        use_resource: Any = None, constraint: Any = None, synchronization: Any = None,
        aggregation: Any = None,
    ) -> Any:
        """The store's `_true_getter`: partitioned or single variable."""
        is_scalar = isinstance(shape, (list, tuple)) and not shape
        if partitioner is UNKNOWN:
            return self._unknown_partitioning(name, shape, dtype)
        if partitioner is not None and not is_scalar:
            if not callable(partitioner):
                raise errors.ScopeValueError("Partitioner must be callable, but received: %s" % (partitioner,))
            return self._get_partitioned(name, partitioner, shape, dtype, initializer, reuse,
                                         trainable_flag(trainable, synchronization), collections)
        if reuse is True and partitioner is None and isinstance(name, str) and name in self.partitioned:
            return self._get_partitioned(name, None, shape, dtype, initializer, reuse)  # shares only
        if isinstance(name, str) and "%s/part_0" % name in self.vars:
            raise errors.ScopeValueError(
                "No partitioner was provided, but a partitioned version of the variable was found: "
                "%s/part_0. Perhaps a variable of the same name was already created with "
                "partitioning?" % name
            )
        before = len(self.vars)
        record = self._get_single(name, shape, dtype, initializer, reuse, trainable_flag(trainable, synchronization),
                                  collections, (synchronization, aggregation, validate_shape))
        if len(self.vars) > before and regularizer is not None and regularizer is not UNKNOWN and callable(regularizer):
            self._regularize(name, record, regularizer)
        return record

    def _regularize(self, name: Text, record: "StoredVariable", regularizer: Any) -> None:
        """A new variable's regularizer runs in name scope `<name>/Regularizer`; a loss it returns
        joins REGULARIZATION_LOSSES (tf.no_regularizer returns None)."""
        saved = self.name_stack
        self.name_stack = concat(name, "/Regularizer")
        try:
            loss = regularizer(self.wrap(record))
        finally:
            self.name_stack = saved
        if loss is not None and loss is not UNKNOWN:
            self.add_to_collections(["regularization_losses"], loss)

    def _get_single(self, name: Text, shape: Any, dtype: Any, initializer: Any, reuse: Any,
                    trainable: Any = True, collections: Any = None,
                    options: Tuple[Any, Any, Any] = (None, None, True)) -> StoredVariable:
        """_get_single_variable, with TF's order of checks (tf1-semantics §3). `options`:
        get_variable's synchronization, aggregation and validate_shape, which a creator scope is
        handed."""
        from_value = initializer is not None and _is_constant(initializer)
        if isinstance(initializer, (dict, set)):
            # Not a scope error: TF fails converting the value to a tensor (the program's TypeError).
            raise TypeError("Failed to convert elements of %r to Tensor. Consider casting elements to a supported "
                            "type. See https://www.tensorflow.org/api_docs/python/tf/dtypes for supported TF dtypes."
                            % (initializer,))
        if shape is not None and from_value:
            raise errors.ScopeValueError("If initializer is a constant, do not specify shape.")
        if dtype is not UNKNOWN:
            dtype = as_dtype(dtype)
        if shape is not None and shape is not UNKNOWN:
            shape = _checked_shape(shape)
        exists = self._exists(name)
        known_name = isinstance(name, str)
        if reuse is not UNKNOWN and exists is not MAYBE:
            # Every input is known: exactly TF's decision (§3 steps 7-8).
            if exists and reuse is False:
                found = self._lookup(name)
                assert found is not None and isinstance(name, str)
                raise errors.already_exists(name, found.frames, found.scope_sid)
            if exists:
                found = self._lookup(name)
                assert found is not None
                return self._share(found, shape, dtype, certain=True)
            if reuse is True:
                if known_name:
                    raise errors.does_not_exist(name)  # type: ignore[arg-type]
                self._note_possible_error("SL102", None)
                return self._share(self._assumed(name), shape, dtype, certain=False)
            return self._create(name, shape, dtype, initializer, from_value, certain=known_name,
                                trainable=trainable, collections=collections, options=options)
        # Existence or the reuse flag is not known: note what may raise, take the path on
        # which execution continues, and mark its event as a may-event.
        may_exist, may_be_missing = exists is not False, exists is not True
        may_forbid, may_require = reuse is UNKNOWN or reuse is False, reuse is UNKNOWN or reuse is True
        if may_exist and may_forbid:
            self._note_possible_error("SL101", None)
        if may_be_missing and may_require:
            self._note_possible_error("SL102", None)
        found = self._lookup(name)
        if found is not None and (reuse is True or exists is True):
            return self._share(found, shape, dtype, certain=False)
        if reuse is True:
            # TF only shares under reuse=True: if execution goes on, the variable existed.
            return self._share(self._assumed(name), shape, dtype, certain=False)
        try:
            return self._create(name, shape, dtype, initializer, from_value, certain=False, trainable=trainable,
                                collections=collections, options=options)
        except errors.ScopeError as exc:
            # A creation-time check, on a path where the variable may already exist (then TF shares).
            self._note_possible_error(exc.code, exc.message)
            return self._share(self._assumed(name), None, UNKNOWN, certain=False)

    def _assumed(self, key: Text) -> StoredVariable:
        """A variable the analysis cannot see but that must exist for the path to go on."""
        record = StoredVariable(key, concat(key, ":0"), None, UNKNOWN, self.frames(), True)
        self._store(record)
        return record

    def _share(self, found: StoredVariable, shape: Any, dtype: Any, certain: bool) -> StoredVariable:
        key = found.key
        if shape is not None:
            lost = shape is UNKNOWN or found.shape is None or has_lost_dims(shape) or has_lost_dims(found.shape)
            if lost and not (shape is not UNKNOWN and found.shape is not None and
                             not shape.is_compatible_with(found.shape)):
                # What TF compares is not all known here: a mismatch is possible, never certain.
                certain = False
                self._note_possible_error("SL103", None)
            elif not shape.is_compatible_with(found.shape):
                # (dims both know differ: TF raises here whatever the lost ones are; its message
                # prints them, this one `?`, and names the right variable, not a later one)
                if certain and isinstance(key, str):
                    raise errors.ShapeMismatchError(
                        "Trying to share variable %s, but specified shape %s and found shape %s."
                        % (key, shape, found.shape),
                        found.frames,
                    )
                self._note_possible_error("SL103", None)
        if dtype is UNKNOWN or found.dtype is UNKNOWN:
            certain = False
            self._note_possible_error("SL104", None)
        elif not dtype.is_compatible_with(found.dtype):
            if certain and isinstance(key, str):
                raise errors.DtypeMismatchError(
                    "Trying to share variable %s, but specified dtype %s and found dtype %s."
                    % (key, dtype.name, found.dtype.name),
                    found.frames,
                )
            self._note_possible_error("SL104", None)
        if not found.certain and isinstance(found.key, str):
            # Sharing succeeded, so on this path the variable exists for sure.
            self.vars[found.key] = dataclasses.replace(found, certain=True)
        self._emit(VariableShared(found.name, key, found.shape, _base(found.dtype), self.frames(), certain))
        return found

    def _create(
        self, key: Text, shape: Any, dtype: Any, initializer: Any, from_value: bool, certain: bool,
        trainable: Any = True, collections: Any = None, options: Tuple[Any, Any, Any] = (None, None, True),
    ) -> StoredVariable:
        if initializer is None:
            if shape is None:
                raise errors.ScopeValueError(
                    "Variable %s did not get an initializer, so its `shape` argument must be specified."
                    % render_text(key)
                )
            if dtype is not UNKNOWN and not (
                dtype.is_floating or dtype.is_integer or dtype.is_unsigned or dtype.is_bool or dtype.base == "string"
            ):
                raise errors.ScopeValueError(
                    "An initializer for variable %s of %s is required" % (render_text(key), dtype.base_dtype)
                )
            if shape is not UNKNOWN and not shape.is_fully_defined():
                raise errors.ScopeValueError(_INVALID_INITIALIZER)  # the default ones need a shape
            var_shape, var_dtype = shape, dtype
        elif from_value:
            var_dtype = constant_dtype(initializer)
            var_shape = constant_shape(initializer)
        elif initializer is UNKNOWN:
            var_shape, var_dtype = (None if shape is None or shape is UNKNOWN else shape), dtype
        else:
            if shape is not None and shape is not UNKNOWN and shape.is_fully_defined():
                var_shape, var_dtype = shape, dtype
            elif shape is UNKNOWN:
                var_shape, var_dtype = None, dtype
            elif _needs_no_arguments(initializer):
                value = initializer()
                var_shape, var_dtype = constant_shape(value), constant_dtype(value)
            else:
                raise errors.ScopeValueError(_INVALID_INITIALIZER)
        var_shape = _validated_shape(None if var_shape is UNKNOWN else var_shape, options[2])
        return self.new_variable(key, var_shape, var_dtype, name_scope_base=key, certain=certain, trainable=trainable,
                                 collections=collections, synchronization=options[0], aggregation=options[1])

    def enter_creator_scope(self, creator: Any) -> object:
        """tf.variable_creator_scope(creator): every variable made inside goes through it."""
        token = object()
        self.creators = self.creators + ((token, creator),)
        return token

    def exit_creator_scope(self, token: object) -> None:
        if not self.creators or self.creators[-1][0] is not token:
            raise errors.ScopeRuntimeError("Exiting variable_creator_scope without proper nesting.")
        self.creators = self.creators[:-1]

    def new_variable(
        self, key: Optional[Text], shape: Optional[TensorShape], dtype: Any, name_scope_base: Text,
        certain: bool = True, via: str = "get_variable", trainable: Any = True, collections: Any = None,
        synchronization: Any = None, aggregation: Any = None,
    ) -> StoredVariable:
        """A variable, through the creators of any tf.variable_creator_scope around (innermost
        called first; each may change the arguments, the name included)."""
        if not self.creators:
            return self._new_variable(key, shape, dtype, name_scope_base, certain, via, trainable, collections)
        made: List[StoredVariable] = []

        def base_creator(**kwargs: Any) -> Any:
            record = self._new_variable(key, shape, dtype, kwargs.get("name") or name_scope_base, certain, via,
                                        kwargs.get("trainable", trainable), collections)
            made.append(record)
            return self.wrap(record)

        chain: Any = base_creator
        for _, creator in self.creators:
            chain = _creator_link(creator, chain)
        chain(name=name_scope_base, initial_value=None, trainable=trainable, collections=collections,
              validate_shape=True, caching_device=None, dtype=dtype, shape=shape,
              synchronization=synchronization if synchronization is not None else VariableSynchronization.AUTO,
              aggregation=aggregation if aggregation is not None else VariableAggregation.NONE)
        if not made:
            return StoredVariable(key if key is not None else concat(None), concat(None, ":0"), shape, UNKNOWN,
                                  self.frames(), True)
        return made[-1]

    def _new_variable(
        self, key: Optional[Text], shape: Optional[TensorShape], dtype: Any, name_scope_base: Text,
        certain: bool = True, via: str = "get_variable", trainable: Any = True, collections: Any = None,
    ) -> StoredVariable:
        """Create the variable op: its name is uniquified like a name scope (`v_1` if `v`
        is taken, case-insensitively), the store key is not (§1)."""
        self.check_not_finalized()
        self._validate_op_name(name_scope_base)
        absolute = _absolute_scope_name(name_scope_base)
        if isinstance(name_scope_base, str) and not name_scope_base:
            # get_variable("") at the root: TF's name_scope("") is the root, and the op, given no
            # name, is named by its type
            saved, self.name_stack = self.name_stack, ""
            op_name: Text = self.unique_name("VariableV2")
            self.name_stack = saved
        elif absolute is not None:
            # `get_variable("")` in a scope (optimizer slots): the key `a/Adam/` is an absolute
            # name scope, so the op is `a/Adam`, taken as is, not uniquified (also when the
            # scope is partly unknown: `?/Adam?/` is the op `?/Adam?`).
            op_name = absolute
        elif key is not None and not isinstance(name_scope_base, str):
            # get_variable's op is named by its store key, which is new (else the store raised or
            # shared): a partly unknown key is its op's name as it is
            op_name = name_scope_base
        else:
            maybe_there = key is not None and isinstance(key, str) and key in self.vars and not self.vars[key].certain
            op_name = self.unique_name(name_scope_base, absent_key=key if maybe_there else None)
        for child in ("Initializer", "Assign", "read"):
            if isinstance(op_name, str):
                self.names_in_use.setdefault((op_name + "/" + child).lower(), 1)
        graph_name = concat(op_name, ":0")
        frames = self.frames()
        ref_dtype = dtype.as_ref if isinstance(dtype, DType) else dtype
        scope_sid = self.current.sid if self.current is not None else 0
        record = StoredVariable(key if key is not None else op_name, graph_name, shape, ref_dtype, frames, True,
                                scope_sid)
        if key is not None:
            self._store(record)
        self.collect_variable(record, collections, trainable)
        self._emit(VariableCreated(graph_name, key, shape, _base(ref_dtype), frames, certain, via, trainable,
                                   _saved_by_default(collections)))
        return record

    def create_tf_variable(self, name: Any, shape: Optional[TensorShape], dtype: Any, trainable: Any = True,
                           collections: Any = None, validate_shape: Any = True) -> StoredVariable:
        """tf.Variable: named in the current name scope, never stored, never reused (§6); with
        validate_shape=False its shape is unknown."""
        shape = _validated_shape(shape, validate_shape)
        if name is UNKNOWN:
            name = concat(None)
        if isinstance(name, str) and not name:
            # `name=""`: TF's name_scope("") resets to the root, and the op is named as
            # get_variable("")'s is (by its type), not by the default of a name left None
            return self.new_variable(None, shape, dtype, name_scope_base="", via="Variable", trainable=trainable,
                                     collections=collections)
        base = name if name else "Variable"
        if isinstance(base, str) and base.endswith("/"):
            # A name ending in "/" is used as-is (Graph.name_scope's absolute form).
            saved, self.name_stack = self.name_stack, ""
            try:
                return self.new_variable(None, shape, dtype, name_scope_base=base[:-1], via="Variable",
                                         trainable=trainable, collections=collections)
            finally:
                self.name_stack = saved
        return self.new_variable(None, shape, dtype, name_scope_base=base, via="Variable", trainable=trainable,
                                 collections=collections)

    # ------------------------------------------------------------------ partitioned

    def _unknown_partitioning(self, name: Text, shape: Any, dtype: Any) -> StoredVariable:
        key = concat(name, "/part_", None)
        return self.new_variable(key, None, dtype if dtype is not UNKNOWN else UNKNOWN, key, certain=False)

    def _get_partitioned(
        self, name: Text, partitioner: Any, shape: Any, dtype: Any, initializer: Any, reuse: Any,
        trainable: Any = True, collections: Any = None,
    ) -> Any:
        if not isinstance(name, str) or shape is UNKNOWN or has_lost_dims(shape) or dtype is UNKNOWN or \
                reuse is UNKNOWN:
            return self._unknown_partitioning(name, shape, dtype)
        dtype = as_dtype(dtype)
        from_value = initializer is not None and _is_constant(initializer)
        if name in self.vars:
            raise errors.ScopeValueError(
                "A partitioner was provided, but an unpartitioned version of the variable was found: %s.  "
                "Perhaps a variable of the same name was already created without partitioning?" % name
            )
        full_shape = as_shape(shape)
        if from_value:
            full_shape = full_shape.merge_with(constant_shape(initializer))
        partitions = None
        if not reuse or partitioner:
            partitions = _call_partitioner(partitioner, full_shape, dtype)
            if partitions is None:  # the driver could not see what the partitioner returned
                return self._unknown_partitioning(name, shape, dtype)
        existing = self.partitioned.get(name)
        if existing is not None:
            if reuse is False:
                raise errors.VariableExistsError(
                    "Partitioned variable with name %s already exists. Did you mean to set reuse=True or "
                    "reuse=tf.AUTO_REUSE in VarScope?" % name,
                    existing.parts[0].frames,
                )
            if not full_shape.is_compatible_with(existing.shape):
                raise errors.ShapeMismatchError(
                    "Trying to reuse partitioned variable %s, but specified shape %s and found shape %s."
                    % (name, full_shape, existing.shape),
                    existing.parts[0].frames,
                )
            if not dtype.is_compatible_with(existing.dtype):
                raise errors.DtypeMismatchError(
                    "Trying to reuse partitioned variable %s, but specified dtype %s and found dtype %s."
                    % (name, dtype.name, existing.dtype.name),
                    existing.parts[0].frames,
                )
            if partitions is not None and existing.partitions != partitions:
                raise errors.ShapeMismatchError(
                    "Trying to reuse partitioned variable %s, but specified partitions %s and found "
                    "partitions %s." % (name, partitions, existing.partitions),
                    existing.parts[0].frames,
                )
            for part in existing.parts:
                self._emit(VariableShared(part.name, part.key, part.shape, _base(part.dtype), self.frames(), True))
            return existing
        if reuse is True:
            raise errors.VariableMissingError(
                "PartitionedVariable %s does not exist, or was not created with tf.get_variable(). Did you "
                "mean to set reuse=False or reuse=tf.AUTO_REUSE in VarScope?" % name
            )
        assert partitions is not None
        slice_dim, num_slices = 0, 1
        for dim_index, count in enumerate(partitions):
            if count > 1:
                slice_dim, num_slices = dim_index, count
                break
        dims = full_shape.as_list()
        parts: List[StoredVariable] = []
        # Parts made from a value take the value's dtype (_get_single_variable: variable_dtype None).
        value_dtype = constant_dtype(initializer) if from_value else dtype
        if value_dtype is UNKNOWN:
            value_dtype = dtype
        excess = dims[slice_dim] % num_slices  # type: ignore[operator]
        base_len = dims[slice_dim] // num_slices  # type: ignore[operator]
        offset = 0
        for i in range(num_slices):
            part_dims = list(dims)
            part_dims[slice_dim] = base_len + (1 if i < excess else 0)
            part_name = "%s/part_%d" % (name, i)
            # TF opens this name scope before the part's variable op: an invalid name fails here
            self._validate_op_name(part_name + "/PartitionedInitializer")
            self.unique_name(part_name + "/PartitionedInitializer")
            full_dim = int(dims[slice_dim] or 0)
            if offset >= full_dim:
                # _PartitionInfo refuses an empty slice past the end (more slices than rows).
                var_offset = [offset if d == slice_dim else 0 for d in range(len(dims))]
                raise errors.ScopeValueError(
                    "Expected 0 <= offset < shape but found offset=%d, shape=%d for var_offset=%s, full_shape=%s"
                    % (offset, full_dim, var_offset, dims))
            offset += int(part_dims[slice_dim] or 0)
            parts.append(self._get_single(part_name, None if from_value else part_dims, dtype, None, reuse,
                                          trainable, collections)
                         if not from_value else self.new_variable(part_name, TensorShape(part_dims), value_dtype,
                                                                  part_name, trainable=trainable,
                                                                  collections=collections))
        record = StoredPartitioned(name, full_shape, dtype, list(partitions), parts)
        self.partitioned[name] = record
        return record


_INVALID_INITIALIZER = (
    "The initializer passed is not valid. It should be a callable with no arguments and the shape should not be "
    "provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined."
)


def _creator_link(creator: Any, next_creator: Any) -> Any:
    def link(**kwargs: Any) -> Any:
        return creator(next_creator, **kwargs)

    return link


def trainable_flag(trainable: Any, synchronization: Any) -> Any:
    """Whether a new variable joins TRAINABLE_VARIABLES: None means yes, unless it is
    synchronized ON_READ (variables.validate_synchronization_aggregation_trainable)."""
    if trainable is None:
        if synchronization is UNKNOWN:
            return UNKNOWN
        return getattr(synchronization, "name", synchronization) != "ON_READ"
    if trainable is UNKNOWN or isinstance(trainable, bool):
        return trainable
    # TF tests its truth (`tf.Variable(init, "b")` passes a name as `trainable`: a trainable variable)
    return bool(trainable) if isinstance(trainable, (int, float, str, bytes)) else UNKNOWN


# tf.global_variables() and the like: the collection each reads (VariableScope's methods of the
# same names read the same, under the scope's prefix).
COLLECTION_READERS = {"global_variables": "variables", "all_variables": "variables",
                      "trainable_variables": "trainable_variables", "local_variables": "local_variables",
                      "model_variables": "model_variables", "moving_average_variables": "moving_average_variables"}


def local_variable_collections(given: Sequence[Any]) -> List[Any]:
    """tf.get_local_variable's collections: the local variables', then those given (and it is
    never trainable)."""
    return [COLLECTION_READERS["local_variables"]] + list(given)


def scope_collection_prefix(scope_name: Text) -> Text:
    """The `scope` regex VariableScope.get_collection passes: `name/`, or "" at the root."""
    return concat(scope_name, "/") if scope_name != "" else ""


def render_text(text: Text) -> str:
    return text if isinstance(text, str) else text.render()


def _saved_by_default(collections: Any) -> Any:
    """Whether `tf.train.Saver()` saves a new variable: it saves the GLOBAL_VARIABLES collection,
    which `collections=None` means; a local variable (`get_local_variable`, `collections=[LOCAL_VARIABLES]`,
    tf.metrics' counters) is left out. UNKNOWN when the collections are not known."""
    if collections is None:
        return True
    if not isinstance(collections, (list, tuple, set)) or not all(isinstance(k, str) for k in collections):
        return UNKNOWN
    return "variables" in collections


def _base(dtype: Any) -> Any:
    return dtype.base_dtype if isinstance(dtype, DType) else dtype


def _last_component(name: Text) -> Text:
    if isinstance(name, str):
        return name.split("/")[-1]
    last = name.parts[-1]
    if isinstance(last, str) and "/" in last:
        return last.split("/")[-1]
    return concat(None)


def _certainly_starts_with(pattern: Pattern, prefix: str) -> bool:
    first = pattern.parts[0]
    return isinstance(first, str) and first.startswith(prefix)


def _pattern_prefix_of(prefix: Pattern, key: str) -> bool:
    """Whether `key` may start with some filling of `prefix`."""
    import re as _re

    regex = "".join(".*" if p is None else _re.escape(p) for p in prefix.parts)
    return _re.match(regex, key) is not None


def _wrap_custom_getter(custom_getter: Any, old_getter: Any) -> Any:
    """Nested scopes compose getters: the inner one runs first (§10)."""
    if old_getter is None:
        return custom_getter
    if custom_getter is UNKNOWN or old_getter is UNKNOWN or getattr(custom_getter, "partly_unknown", False) \
            or getattr(old_getter, "partly_unknown", False):
        return _PartlyUnknownGetter(_known_part(custom_getter), _known_part(old_getter))

    def wrapped_custom_getter(getter: Any, *args: Any, **kwargs: Any) -> Any:
        return custom_getter(_partial(old_getter, getter), *args, **kwargs)

    return wrapped_custom_getter


class _PartlyUnknownGetter:
    """Getters composed where some are unknown (UNKNOWN: the analysis could not see them): the
    known ones, composed, in `known` (None when none is). The store runs them and keeps what
    happens uncertain (GraphState._through_unknown_getter)."""

    partly_unknown = True

    def __init__(self, inner: Any, outer: Any) -> None:
        self.known = _wrap_custom_getter(inner, outer) if inner is not None else outer


def _known_part(getter: Any) -> Any:
    if getter is UNKNOWN:
        return None
    return getter.known if getattr(getter, "partly_unknown", False) else getter


def _partial(func: Any, first: Any) -> Any:
    def bound(*args: Any, **kwargs: Any) -> Any:
        return func(first, *args, **kwargs)

    return bound


def _accepts(func: Any, arg: str) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return arg in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def _needs_no_arguments(func: Any) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return all(
        p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        for p in params.values()
    )


def _is_constant(initializer: Any) -> bool:
    """A non-callable initializer is a value (tensor, number, list) used as-is."""
    if initializer is UNKNOWN:
        return False
    info = getattr(initializer, "scopelint_constant", None)
    if info is not None:
        return True
    return not callable(initializer)


def constant_dtype(value: Any) -> Any:
    """The dtype `tf.convert_to_tensor(value)` would give."""
    dtype = getattr(value, "dtype", None)
    if isinstance(dtype, DType):
        return dtype.base_dtype
    if dtype is UNKNOWN:
        return UNKNOWN
    numpy_name = getattr(dtype, "name", None)  # a numpy array, e.g. pretrained embeddings
    if isinstance(numpy_name, str):
        try:
            return as_dtype(numpy_name)
        except TypeError:
            return UNKNOWN
    probe = value
    while isinstance(probe, (list, tuple)) and probe:
        probe = probe[0]
    if isinstance(probe, bool):
        return as_dtype("bool")
    if isinstance(probe, int):
        return as_dtype("int32" if _fits_int32(value) else "int64")  # TF widens big Python ints
    if isinstance(probe, float):
        return FLOAT32
    if isinstance(probe, (str, bytes)):
        return as_dtype("string")
    if isinstance(probe, (list, tuple)):
        return FLOAT32
    return UNKNOWN


def _fits_int32(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_fits_int32(item) for item in value)
    return not isinstance(value, int) or -(2 ** 31) <= value < 2 ** 31


def constant_shape(value: Any) -> Optional[TensorShape]:
    getter = getattr(value, "get_shape", None)
    if callable(getter):
        shape = getter()
        return shape if isinstance(shape, TensorShape) else None
    if isinstance(value, (list, tuple, int, float, bool, str, bytes)):
        return TensorShape(list(shape_of_python_value(value)))
    numpy_shape = getattr(value, "shape", None)
    if isinstance(numpy_shape, tuple) and all(isinstance(d, int) for d in numpy_shape):
        return TensorShape(list(numpy_shape))
    return None


def _checked_shape(shape: Any) -> TensorShape:
    """tensor_shape.as_shape, raising TF's dimension errors as scope errors."""
    try:
        return as_shape(shape)
    except TypeError as exc:
        raise errors.ScopeTypeError(str(exc)) from None
    except ValueError as exc:
        raise errors.ScopeValueError(str(exc)) from None


def _call_partitioner(partitioner: Any, shape: TensorShape, dtype: DType) -> Optional[List[int]]:
    if not shape.is_fully_defined():
        raise errors.ScopeValueError(
            "Shape of a new partitioned variable must be fully defined, but instead was %s." % (shape,)
        )
    if (shape.ndims or 0) < 1:
        raise errors.ScopeValueError("A partitioned Variable must have rank at least 1, shape: %s" % shape)
    slicing = partitioner(shape=shape, dtype=dtype)
    if slicing is UNKNOWN or (isinstance(slicing, (list, tuple)) and any(p is UNKNOWN for p in slicing)):
        return None
    if not isinstance(slicing, (list, tuple)):
        raise errors.ScopeValueError("Partitioner must return a sequence, but saw: %s" % (slicing,))
    if len(slicing) != shape.ndims:
        raise errors.ScopeValueError(
            "Partitioner returned a partition list that does not match the Variable's rank: %s vs. %s"
            % (slicing, shape)
        )
    if any(p < 1 for p in slicing):
        raise errors.ScopeValueError("Partitioner returned zero partitions for some axes: %s" % (slicing,))
    if sum(p > 1 for p in slicing) > 1:
        raise errors.ScopeValueError(
            "Can only slice a variable along one dimension: shape: %s, partitioning: %s" % (shape, slicing)
        )
    return list(slicing)


def fixed_size_partitioner(num_shards: int, axis: int = 0) -> Callable[..., List[int]]:
    """tf.fixed_size_partitioner: min(num_shards, dim) shards along `axis` (p07)."""

    def _partitioner(shape: TensorShape, **unused_args: Any) -> List[int]:
        partitions = [1] * len(shape)
        dim = shape.dims_tuple[axis] if shape.dims_tuple else None
        partitions[axis] = min(num_shards, dim) if dim is not None else num_shards
        return partitions

    return _partitioner


Sites = Sequence[Frame]


class ThreadedGraphState(GraphState):
    """A GraphState used by real threads (the reference runtime): each thread that touches it
    sees its own THREAD_FIELDS, as TF's thread-local scope store does."""

    def __init__(self, **kwargs: Any) -> None:
        self._local = threading.local()
        super().__init__(**kwargs)


def _thread_field(name: str) -> property:
    def read(self: ThreadedGraphState) -> Any:
        local = self._local.__dict__
        if name not in local:
            local.update(zip(THREAD_FIELDS, self.new_thread_scopes()))
        return local[name]

    def write(self: ThreadedGraphState, value: Any) -> None:
        local = self._local.__dict__
        if name not in local:  # the constructor's own thread: its fields are set one by one
            local.update(zip(THREAD_FIELDS, (None, {}, set(), "", ())))
        local[name] = value

    return property(read, write, doc="per thread: " + name)


for _name in THREAD_FIELDS:
    setattr(ThreadedGraphState, _name, _thread_field(_name))
