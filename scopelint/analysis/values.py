"""Abstract values of the interpreter.

Concrete Python values the analysis knows exactly (ints, strs, None, TensorShape, DType...)
are represented by themselves. Partly known strings are `Pattern`s; anything unknown is
`UNKNOWN`, which absorbs every operation (astroid's "uninferable"). The classes below stand
for the program's own objects: functions, classes, instances, containers, and TF values.
"""

from __future__ import annotations

import ast
import enum
import itertools
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Tuple

from scopelint.analysis.fix_sites import FixSite
from scopelint.runtime import dependencies
from scopelint.runtime.tensors import Op, Opaque, Tensor
from scopelint.semantics.dtypes import DType
from scopelint.semantics.graph import StoredVariable, VariableScope
from scopelint.semantics.shapes import LOST, Dimension, TensorShape, as_shape, either_shape
from scopelint.semantics.values import UNKNOWN, Pattern, ReuseMode

CONCRETE_TYPES = (int, float, str, bool, type(None), bytes, TensorShape, Dimension, DType, ReuseMode, complex,
                  enum.Enum)  # (an enum's members: analysis/enums.py)


def is_concrete(value: Any) -> bool:
    return isinstance(value, CONCRETE_TYPES)


def is_key(value: Any) -> bool:
    """A dict key the analysis holds: a concrete value, a class of the program's, which Python
    hashes and compares by identity (stable-baselines' `_policy_registry[ActorCriticPolicy]`), the
    str() of a function (tflearn's arg_scope registry, keyed by `str(func)`), a variable (one
    per stored variable: VarVal.__eq__), or a graph tensor, which TF1 hashes and compares by
    identity (ENAS's `branches[tf.equal(count, 0)] = lambda: y` for tf.case), and a function or
    an object of a class without __eq__ and __hash__, which Python hashes by identity (mobilenet's
    conv_defs keyed by slim's layers). A lookup of a tensor key that is not held is no KeyError
    the analysis claims (attributes._missing_key): two of its values may stand for one tensor of
    the program's (nor of a function or object: aliased_key)."""
    return isinstance(value, CONCRETE_TYPES) or \
        isinstance(value, (ClassVal, AddressText, VarVal, Tensor, FunctionVal)) or _hashed_by_identity(value)


def _hashed_by_identity(value: Any) -> bool:
    """An instance of a class of the program's (or a model's: tf_slim's add_arg_scope wrapper of
    slim.conv2d) that defines neither __eq__ nor __hash__: Python hashes it by identity."""
    return isinstance(value, InstanceVal) and all(isinstance(base, ClassVal) for base in value.cls.bases) and \
        all(value.cls.lookup(name) is MISSING for name in ("__eq__", "__hash__"))


NOT_A_KEY: Any = object()  # as_key's answer for a value a DictVal cannot hold as a key


@dataclass(frozen=True)
class ApiFnKey:
    """A TF function the analysis does not model (`tf.nn.relu6`), as a dict key: Python hashes a
    function by identity, and every reading of `tf.nn.relu6` is the one object, while the
    analysis makes an ApiFn per reading; so the key is its qualified name. key_value gives the
    program its function back."""

    qualname: str


def aliased_key(key: Any) -> bool:
    """A key of a function or plain object (or a tuple holding one): Python compares it by
    identity, and where two of the analysis's values may stand for one object of the program's
    (a model's function reached two ways) a key it does not hold may still be in the dict: a
    miss says nothing. mobilenet's conv_defs are keyed by tuples of slim's layer functions
    (slim/arg_scope_defaults_keyed_by_functions)."""
    if type(key) is tuple:
        return any(aliased_key(item) for item in key)
    return isinstance(key, (FunctionVal, ApiFnKey, InstanceVal))


def as_key(value: Any) -> Any:
    """The key a DictVal holds for `value`: the value itself when is_key, and for a plain tuple of
    such keys a Python tuple, which hashes and compares item by item as the program's tuple does
    (tensorflow-vgg's `self.var_dict[(name, idx)] = var`: constructs/dict_keyed_by_tuples.py);
    NOT_A_KEY for anything else. key_value gives the program its tuple back."""
    if is_key(value):
        return value
    if isinstance(value, ApiFn):
        return ApiFnKey(value.qualname)
    if isinstance(value, ListVal) and value.is_tuple and value.fields is None and value.namedtuple is None \
            and value.cls is None and not value.poisoned and not value.grown:
        items = tuple(as_key(item) for item in value.items)
        if all(item is not NOT_A_KEY for item in items):
            return items
    return NOT_A_KEY


def key_value(key: Any) -> Any:
    """A key of a DictVal as the program reads it back (keys(), items(), a loop): a tuple key is
    the tuple value it was made from."""
    if type(key) is tuple:
        return ListVal([key_value(item) for item in key], is_tuple=True)
    if isinstance(key, ApiFnKey):
        return ApiFn(key.qualname)
    return key


@dataclass(frozen=True, eq=False)
class AddressText(Pattern):
    """str() of an object Python prints with its address (`<function variable at 0x7f..>`): text
    the analysis cannot know, but equal to the str() of the same object and to nothing else, so
    that a registry keyed by it answers `key in registry` (tflearn's vendored add_arg_scope)."""

    owner: Any = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AddressText) and other.owner is self.owner

    def __hash__(self) -> int:
        return id(self.owner)

    @staticmethod
    def of_function(function: "FunctionVal") -> "AddressText":
        qualname = function.attrs.get("__qualname__", function.qualname)  # functools.wraps renames it
        name = qualname if isinstance(qualname, str) else None
        return AddressText(("<function ", name, " at ", None, ">"), function)


# The order in which mutable values are made: a value made before a branch's paths forked is
# shared by them (path_journal.py), one made on a path is that path's own.
_BIRTHS = itertools.count()


def birth() -> int:
    return next(_BIRTHS)


@dataclass(eq=False)
class ListVal:
    """A list or tuple whose items are abstract values; `items` None when unknown length."""

    items: List[Any]
    is_tuple: bool = False
    poisoned: bool = False  # changed where the analysis could not follow: reads are unknown
    fields: Optional[Tuple[str, ...]] = None  # a namedtuple's field names, in order
    born: int = field(default_factory=birth, repr=False)
    # grown by a loop of unknown trip count: its items are what the two iterations the analysis
    # ran put in it, and a loop over it runs each of them on some paths only
    grown: bool = False
    # a Python 3 dict's keys(), values() or items(): iterable, but `+` with a list is a TypeError
    view: bool = False
    namedtuple: Any = None  # the NamedTupleClass that made it (`isinstance(params, SSDParams)`)
    cls: Any = None  # the program's class deriving from that namedtuple, whose methods it has


@dataclass(eq=False)
class NamedTupleClass:
    """collections.namedtuple(name, fields): calling it gives a tuple with named items."""

    name: str
    fields: Tuple[str, ...]
    defaults: Tuple[Any, ...] = ()

    def make(self, args: List[Any], kwargs: Dict[str, Any]) -> "ListVal":
        items = list(args[: len(self.fields)])
        tail = self.fields[len(items):]
        padding = [UNKNOWN] * (len(tail) - len(self.defaults)) + list(self.defaults)
        for offset, field_name in enumerate(tail):
            items.append(kwargs.get(field_name, padding[offset] if offset < len(padding) else UNKNOWN))
        return ListVal(items, is_tuple=True, fields=self.fields, namedtuple=self)


def namedtuple_ancestor(cls: "ClassVal", constructed: bool = False) -> Optional[NamedTupleClass]:
    """The namedtuple a class of the program's derives from (`class GANModel(namedtuple(...))`).
    `constructed`: only when nothing between overrides construction (`__new__`/`__init__`), so
    that calling the class makes that namedtuple's tuple."""
    if constructed and ("__new__" in cls.attrs or "__init__" in cls.attrs):
        return None
    for base in cls.bases:
        if isinstance(base, NamedTupleClass):
            return base
        if isinstance(base, ClassVal):
            found = namedtuple_ancestor(base, constructed)
            if found is not None:
                return found
    return None


@dataclass(eq=False)
class DictVal:
    items: Dict[Any, Any]  # concrete keys only
    complete: bool = True  # False: other keys may exist
    poisoned: bool = False  # changed where the analysis could not follow: reads are unknown
    unordered: bool = False  # keys inserted in an order the analysis does not know: iteration is unknown
    born: int = field(default_factory=birth, repr=False)
    cls: Any = None  # the program's subclass of dict it is an instance of (dnnlib.EasyDict), whose methods it has
    attrs_lost: bool = False  # an attribute was set on it past the dict (its instance __dict__): reads are unknown
    default_factory: Any = None  # a collections.defaultdict's: called for a missing key, as Python does
    # when not complete: the keys (concrete, or Pattern: partly known strings) it may hold beyond
    # `items`, if the analysis knows that these are all (`slots[var.op.name] = ...` of a name it
    # lost in part); None: any key may be there
    lost_keys: Optional[Tuple[Any, ...]] = None

    def may_hold(self, key: Any) -> Optional[bool]:
        """Whether a concrete key is in it: True, False, or None (the analysis cannot say)."""
        if key in self.items:
            return True
        if aliased_key(key):
            return None
        if self.complete:
            return False
        if self.lost_keys is None:
            return None
        return None if any(_may_be_key(lost, key) for lost in self.lost_keys) else False

    def set_pattern_key(self, key: Pattern, value: Any) -> None:
        """`d[key] = value` for a partly known string: a key it may overwrite holds either value
        after; the key itself is held among the lost ones (then reads of it are unknown)."""
        for known in self.items:
            if isinstance(known, str) and key.may_equal(known):
                self.items[known] = join_values(self.items[known], value)
        if self.complete or (self.lost_keys is not None and key not in self.lost_keys):
            self.lost_keys = (self.lost_keys or ()) + (key,)
        self.complete = False


def _may_be_key(lost: Any, key: Any) -> bool:
    if isinstance(lost, Pattern):
        return isinstance(key, str) and lost.may_equal(key)
    return bool(lost == key)


# Items whose hash, hence whose place in a set's iteration order, is the same in every run (str
# and bytes hashes are salted per process: PYTHONHASHSEED).
_STABLE_HASH_TYPES = (int, float, bool)


def set_item(value: Any) -> bool:
    """A value a SetVal can hold: concrete and hashable."""
    return isinstance(value, (int, float, bool, str, bytes, type(None))) and not isinstance(value, ReuseMode)


@dataclass(eq=False)
class SetVal:
    """A set or frozenset of known items (strings, numbers), held as a real Python set so that
    membership, len and set algebra are exact. Its iteration order is known only when every
    item's hash is the same in every run (numbers): a set of strings iterates in an order that
    varies between runs, so the analysis claims none (`ordered_items()` is None)."""

    values: set
    frozen: bool = False
    poisoned: bool = False  # changed where the analysis could not follow: reads are unknown
    born: int = field(default_factory=birth, repr=False)

    def ordered_items(self) -> Optional[List[Any]]:
        if len(self.values) <= 1 or all(isinstance(v, _STABLE_HASH_TYPES) for v in self.values):
            return list(self.values)
        return None


@dataclass(eq=False)
class SignatureVal:
    """inspect.signature(f) of a function the analysis knows: its parameters, in order."""

    parameters: List["ParameterVal"]


@dataclass(eq=False)
class ParameterVal:
    """An inspect.Parameter: `default` is the evaluated default or inspect.Parameter.empty;
    `kind` the real inspect._ParameterKind."""

    name: str
    kind: Any
    default: Any
    annotation: Any


@dataclass(eq=False)
class ModuleVal:
    """An imported module, by qualified name (`tensorflow`, `tensorflow.nn`, `numpy`)."""

    qualname: str


@dataclass(eq=False)
class CreatorScopeCM:
    """tf.variable_creator_scope(creator), not yet entered."""

    creator: Any


@dataclass(eq=False)
class SourceModuleVal:
    """A module the analysis follows into (a module of the program's project, an installed
    package): its module body has run in `env`."""

    qualname: str
    env: "Env"
    path: str


@dataclass(eq=False)
class FunctionVal:
    node: Any  # ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
    env: "Env"
    defaults: List[Any]
    kw_defaults: List[Any]
    qualname: str
    decorated: bool = False
    # attributes the program set on the function object (slim's `vgg_16.default_image_size = 224`)
    attrs: Dict[str, Any] = field(default_factory=dict, repr=False)
    attrs_complete: bool = True  # False once code the analysis does not follow was given it
    born: int = field(default_factory=birth, repr=False)

    @property
    def name(self) -> str:
        return getattr(self.node, "name", "<lambda>")


_WRAPPER_NAMES = ("__name__", "__qualname__", "__module__", "__doc__")


def copy_wrapped_metadata(wrapper: FunctionVal, wrapped: Any) -> None:
    """functools.update_wrapper (and @functools.wraps): the wrapped function's name, qualified
    name and attributes on the wrapper, which is what `wrapper.__name__` then reads (tensorpack
    keys its layer registry and argscope by it); unknown where the wrapped function is."""
    if isinstance(wrapped, FunctionVal):
        wrapper.attrs.update(wrapped.attrs)
        wrapper.attrs.setdefault("__name__", wrapped.name)
        wrapper.attrs.setdefault("__qualname__", wrapped.qualname)
        wrapper.attrs_complete = wrapper.attrs_complete and wrapped.attrs_complete
    elif isinstance(wrapped, ClassVal):
        wrapper.attrs["__name__"] = wrapper.attrs["__qualname__"] = wrapped.name
    else:
        for name in _WRAPPER_NAMES:
            wrapper.attrs[name] = UNKNOWN
        wrapper.attrs_complete = False
    wrapper.attrs["__wrapped__"] = wrapped


@dataclass(eq=False)
class BoundMethod:
    function: FunctionVal
    receiver: Any


@dataclass(eq=False)
class ClassVal:
    name: str
    qualname: str
    attrs: Dict[str, Any]
    bases: List[Any]
    node: Optional[ast.ClassDef] = None
    born: int = field(default_factory=birth, repr=False)
    attrs_complete: bool = True  # False once something may have set attributes the analysis cannot name
    subclasses: List["ClassVal"] = field(default_factory=list, repr=False)  # made by class statements, in order
    subclasses_seen: bool = True  # False once code the analysis does not follow may have subclassed it

    def lookup(self, name: str, below_dict: bool = False) -> Any:
        """The class attribute `name` (MISSING: none). `below_dict`: of a subclass of dict
        (derives_from_dict), in the program's classes only: dict's own are the container's."""
        if name in self.attrs:
            found = self.attrs[name]
            if isinstance(found, Alternatives) and name.startswith("__"):
                return UNKNOWN  # the protocol code that reads dunders knows single values only
            return found
        for base in self.bases:
            if isinstance(base, ClassVal):
                found = base.lookup(name, below_dict)
                if found is not _MISSING:
                    return found
            elif not (below_dict and _is_dict_or_object(base)):
                return UNKNOWN  # an unknown base class may define anything
        return _MISSING

    def library_bases(self) -> List[Any]:
        """Its ancestors that are not the program's classes (`logging.Formatter`, `object`)."""
        return [outside for base in self.bases
                for outside in (base.library_bases() if isinstance(base, ClassVal) else [base])]

    def program_defines(self, name: str) -> bool:
        """Whether it or one of the program's classes it derives from defines `name`."""
        return name in self.attrs or any(isinstance(base, ClassVal) and base.program_defines(name)
                                         for base in self.bases)

    def derives_from_dict(self) -> bool:
        """`class EasyDict(dict)`: dict among its ancestors, and none but the program's classes
        and object besides, none of which redefines how Python's syntax reads or fills a dict
        (`d[k]`, `k in d`, iteration, len): its instances are dicts (DictVal.cls), whose items
        the analysis's own dict operations read. (easydict's model keeps its items as attributes.)"""
        return _known_ancestors(self) and _reaches_dict(self) and \
            all(self.lookup(name, below_dict=True) is _MISSING for name in _DICT_PROTOCOL)


_DICT_PROTOCOL = ("__new__", "__getitem__", "__setitem__", "__delitem__", "__contains__", "__iter__", "__len__",
                  "__missing__", "keys", "__eq__", "__getattribute__")


def _is_dict_type(base: Any) -> bool:
    return isinstance(base, BuiltinFn) and base.name == "dict"


def _is_dict_or_object(base: Any) -> bool:
    return isinstance(base, BuiltinFn) and base.name in ("dict", "object")


def _known_ancestors(cls: ClassVal) -> bool:
    return all(isinstance(base, ClassVal) and _known_ancestors(base) or _is_dict_or_object(base) for base in cls.bases)


def _reaches_dict(cls: ClassVal) -> bool:
    return any(_is_dict_type(base) or isinstance(base, ClassVal) and _reaches_dict(base) for base in cls.bases)


@dataclass(eq=False)
class InstanceVal:
    cls: ClassVal
    attrs: Dict[str, Any] = field(default_factory=dict)
    attrs_complete: bool = True  # False once something unknown may have set attributes
    born: int = field(default_factory=birth, repr=False)


@dataclass(eq=False)
class ScopeVal:
    """A VariableScope object (from `as scope` or tf.get_variable_scope())."""

    scope: VariableScope


@dataclass(eq=False)
class ScopeCM:
    """`tf.variable_scope(...)` before it is entered: checked arguments, ready to enter."""

    name_or_scope: Any
    default_name: Any
    reuse: Any
    kwargs: Dict[str, Any]
    literal_reuse_false: bool = False
    call_site: Optional[FixSite] = None  # the `tf.variable_scope(...)` call in the analysed file that made it
    pure: bool = False  # variable_scope._pure_variable_scope: a variable scope by name alone, no name scope


@dataclass(eq=False)
class NameScopeCM:
    name: Any


@dataclass(eq=False)
class VarVal(Tensor):
    """A variable returned by get_variable / tf.Variable."""

    record: StoredVariable

    def __post_init__(self) -> None:
        # A shape or dtype the analysis lost is UNKNOWN, never TF's "unknown shape" or float32:
        # those would claim errors (an optimizer's slot "initializer passed is not valid", a
        # dtype mismatch) that TF need not raise.
        self.shape_known = self.record.shape is not None
        self._shape = self.record.shape if self.record.shape is not None else TensorShape(None)
        self.dtype = self.record.dtype if isinstance(self.record.dtype, DType) else UNKNOWN
        self.name = self.record.name if isinstance(self.record.name, str) else ""
        # (by name; a name known in part by its Pattern, which gradients compare as such)
        self.deps = frozenset([self.record.name]) if isinstance(self.record.name, (str, Pattern)) else None

    def get_shape(self) -> Any:  # type: ignore[override]
        return self._shape if self.shape_known else UNKNOWN

    @property
    def shape(self) -> Any:  # type: ignore[override]
        return self.get_shape()

    # A variable's reads, as the runtime's Variable has them: tensors of its shape and dtype.
    def value(self) -> Tensor:
        if not self.shape_known or not isinstance(self.dtype, DType):
            read: Tensor = UnknownTensor()
        else:
            read = Tensor(self._shape, self.dtype.base_dtype, "", "Identity")
        read.deps = self.deps
        return read

    read_value = value
    initialized_value = value

    # One variable of a graph is one Python object in TF (get_variable with reuse returns it), which
    # graph mode hashes and compares by identity: the analysis's VarVals of one stored variable (one
    # per event, one per read of a collection) are that one object, as a dict's key (rebar's
    # `if v not in eta: eta[v] = ...` over compute_gradients' pairs) and to `==`.
    def __hash__(self) -> int:
        return id(self.record)

    def __eq__(self, other: object) -> bool:
        return self is other or isinstance(other, VarVal) and other.record is self.record

    @property
    def initial_value(self) -> Tensor:
        if not self.shape_known or not isinstance(self.dtype, DType):
            return UnknownTensor()
        return Tensor(self._shape, self.dtype.base_dtype, "", "Const")


@dataclass(eq=False)
class BuiltinFn:
    name: str


@dataclass(eq=False)
class PyCallable:
    """A Python callable handed to the program by the semantics core (a custom getter's
    `getter`, a partitioner): calling it runs it for real on abstract arguments."""

    function: Any


@dataclass(eq=False)
class ApiFn:
    """A TF API function or class, by qualified name (`tensorflow.get_variable`)."""

    qualname: str


@dataclass(eq=False)
class OpaqueVal:
    """An object from code the analysis does not follow (an optimizer, a session): every
    use gives UNKNOWN, and calling its methods may touch the graph, unless it is `inert`: a
    value of a library that never builds TF graphs (numpy, argparse) or a tensor's method."""

    label: str
    inert: bool = False


@dataclass(eq=False)
class OpResult(OpaqueVal):
    """What one of TF's ops or classes the analysis does not compute made (a tensor, an
    IndexedSlices, a feature spec): inert, and never None."""

    inert: bool = True


@dataclass(eq=False)
class TensorClassVal(OpaqueVal):
    """type() of a graph tensor or variable: one of TF's classes, so none of the builtin types,
    numpy's objects or the program's classes (tflearn's `type(inference) not in [list,
    np.array]`); otherwise opaque: which class it is, tf.Tensor or a subclass, depends on TF's
    version and mode."""


@dataclass(eq=False)
class SetOfLost(OpaqueVal):
    """`set(values)` of values the analysis lost (tf.get_collection's, once an unmodelled call may
    have added to it): a builtin set, whose methods (`a.issubset(b)`, as tf_slim's
    create_train_op checks UPDATE_OPS) run no program code and build nothing; its items are as
    unknown as its sources, so it is no plain data."""

    inert: bool = True


def item_of_lost(iterable: Any) -> Any:
    """What a loop over a value the analysis cannot list binds, and what `list()` or
    `filter(None, ...)` of it gives: for a library's inert data (the lines of a file tf.gfile
    read, an ndarray's rows), inert data too; else UNKNOWN."""
    if isinstance(iterable, OpaqueVal) and iterable.inert and not isinstance(iterable, SetOfLost):
        return OpaqueVal(iterable.label + "[item]", inert=True)
    return UNKNOWN


@dataclass(eq=False)
class NumpyLoaded(OpaqueVal):
    """What `np.load(path)` gives where pickles are not allowed (numpy's default): an ndarray, a
    memmap or an NpzFile, and an item of it an ndarray; never None (sequence_tagging's
    `if embeddings is None` on `np.load(path)["embeddings"]`). So do np.loadtxt and
    np.genfromtxt: an ndarray."""


@dataclass(eq=False)
class SessionVal(OpaqueVal):
    """A tf.Session: it runs graphs and never builds them; `graph_id` names the graph it runs
    (`sess.graph`), None where the analysis does not know it. `interactive`: a
    tf.InteractiveSession, which is no context manager in TF 2.x (its `with` makes no graph the
    default)."""

    graph_id: Any = None
    interactive: bool = False


def lost_dimension(item: Any) -> bool:
    """An item of a shape list whose value the analysis lost: UNKNOWN, or a value of a library
    it does not follow (`[np.random.randint(3, 9), 4]`). TF takes it as a dimension (or raises
    for something that is none): it is shapes.LOST."""
    return item is UNKNOWN or isinstance(item, OpaqueVal)


@dataclass(eq=False)
class ProgressBarVal(OpaqueVal):
    """A progress bar over a known iterable (`tqdm(range(n))`): it yields the iterable's items,
    and its methods (`set_description`, `update`) draw and build nothing."""

    items: List[Any] = field(default_factory=list)


@dataclass(eq=False)
class IteratorVal:
    """A one-shot iterator (`iter(...)`, `zip(...)`, `enumerate(...)` in Python 3): what is left
    of it, or None once partly consumed where the analysis lost count."""

    remaining: Optional[List[Any]]


@dataclass(eq=False)
class LazyGen:
    """A generator expression: nothing runs until it is consumed (`run` does it, once)."""

    run: Any  # Callable[[State], Optional[List[Any]]]
    state: str = "fresh"  # "consumed", or "unknown" after a next() the analysis cannot follow


@dataclass(eq=False)
class AutographFn:
    """A function converted by autograph.tf_convert: TF 2.x runs it from a generated file, so
    what it creates or raises is attributed to the line that called the converting API."""

    function: Any


@dataclass(eq=False)
class PartialVal:
    """functools.partial(function, *args, **kwargs)."""

    function: Any
    args: List[Any]
    kwargs: Dict[str, Any]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING = _Missing()
MISSING = _MISSING
# A call's keyword that is no name: the program spread a dict the analysis lost (`f(x, **options)`)
# into a function collecting `**kwargs`, whose dict then holds keys it does not know.
LOST_KEYWORDS = "\x00lost keywords"


class Env:
    """A variable scope of the program (function locals, module globals), chained."""

    __slots__ = ("vars", "parent", "globals_env", "nonlocal_names", "global_names", "born", "origin")

    def __init__(self, parent: Optional["Env"] = None, globals_env: Optional["Env"] = None) -> None:
        self.vars: Dict[str, Any] = {}
        self.parent = parent
        self.globals_env = globals_env if globals_env is not None else self
        self.nonlocal_names: set = set()
        self.global_names: set = set()
        self.born = birth()
        self.origin = self  # the env this one is a branch's copy of (copy_chain), transitively

    def lookup(self, name: str) -> Any:
        env: Optional[Env] = self
        while env is not None:
            if name in env.vars:
                return env.vars[name]
            env = env.parent
        return _MISSING

    def target_of(self, name: str) -> Optional["Env"]:
        """The enclosing env `assign(name, ...)` writes to (`global`, `nonlocal`), or None for
        this env's own."""
        if name in self.global_names:
            return self.globals_env
        if name in self.nonlocal_names:
            env = self.parent
            while env is not None:
                if name in env.vars:
                    return env
                env = env.parent
        return None

    def assign(self, name: str, value: Any) -> None:
        if name in self.global_names or name in self.nonlocal_names:  # (the common case stays one test)
            target = self.target_of(name)
            if target is not None:
                target.vars[name] = value
                return
        self.vars[name] = value

    def copy_chain(self) -> "Env":
        """A copy of this frame's own bindings (parents shared): enough to fork a branch."""
        clone = Env.__new__(Env)  # every field set here: __init__'s empty containers would be thrown away
        clone.vars = dict(self.vars)
        clone.parent = self.parent
        clone.globals_env = clone if self.globals_env is self else self.globals_env
        clone.nonlocal_names = set(self.nonlocal_names)
        clone.global_names = set(self.global_names)
        clone.born = birth()  # the fork's own
        clone.origin = self.origin
        return clone


def truth(value: Any) -> Optional[bool]:
    """Python truthiness when known; None when unknown."""
    if isinstance(value, (Alternatives, JoinedScalar)):
        return None
    if value is UNKNOWN or isinstance(value, Pattern):
        if isinstance(value, Pattern) and any(isinstance(p, str) and p for p in value.parts):
            return True  # a string with known non-empty text is non-empty
        return None
    if isinstance(value, ReuseMode):
        return True
    if isinstance(value, (int, float, str, bool, type(None), bytes, complex)):
        return bool(value)
    if isinstance(value, TensorShape):
        return value.dims_tuple is None or len(value.dims_tuple) > 0
    if isinstance(value, Dimension):
        return None if value.value is None or value.value is LOST else bool(value.value)
    if isinstance(value, ListVal):
        return bool(value.items)
    if isinstance(value, SetVal):
        return bool(value.values)
    if isinstance(value, DictVal):
        return True if value.items else (None if not value.complete else False)
    if isinstance(value, VarVal):
        return True  # a variable object is true (`v or tf.get_variable(...)` never runs the right side)
    if isinstance(value, Tensor):
        return None  # a graph tensor has no truth value (TF raises)
    if isinstance(value, InstanceVal):
        return None if value.cls.lookup("__bool__") is not _MISSING or value.cls.lookup("__len__") is not _MISSING \
            else True
    if isinstance(value, (OpaqueVal, ModuleVal)):
        # tf.train.latest_checkpoint(...), or `models.flag`: an attribute of a module the
        # analysis does not read may be any value
        return None
    return True


def join_values(a: Any, b: Any, alternatives: bool = False) -> Any:
    """The value after a merge of two paths. `alternatives`: two different known callables (or
    instances) are kept as `Alternatives` rather than lost; only where the joined value is a
    binding (a name, an attribute, a call's or a conditional expression's value) that reads of
    it convert on sight, never inside a list or dict, whose items builtins read directly."""
    if a is b:
        return a
    if is_concrete(a) and is_concrete(b) and type(a) is type(b) and a == b:
        return a
    if isinstance(a, ListVal) and isinstance(b, ListVal) and len(a.items) == len(b.items):
        return ListVal([join_items(x, y) for x, y in zip(a.items, b.items)], a.is_tuple)
    if isinstance(a, (str, Pattern)) and isinstance(b, (str, Pattern)):
        return Pattern.of(None)
    if type(a) in (Tensor, UnknownTensor) and type(b) in (Tensor, UnknownTensor) and a.dtype == b.dtype and (
            a.dtype is not UNKNOWN or type(a) is type(b) is Tensor):
        # (one of a lost shape keeps a known dtype: tensorpack's BatchNorm of a lost rank)
        return _joined_tensor(a, b)
    if isinstance(a, OpaqueVal) and isinstance(b, OpaqueVal) and a.inert and b.inert and a.label == b.label:
        return a  # the default session or a new one (baselines' get_session): opaque either way, building nothing
    if _tf_object(a) and _tf_object(b):
        return OpResult("tensor")  # tf_slim's clipped gradient, a tensor or a new IndexedSlices
    if alternatives:
        found = alternatives_of([a, b])
        if found is not _MISSING:
            return found
    return UNKNOWN


@dataclass(frozen=True)
class JoinedScalar:
    """A list's item that two paths set to different numbers of one Python type: `label.append(1.0)`
    on one side of an undecided `if`, `label.append(0.0)` on the other (StarGAN's attribute labels).
    Converting the list to a tensor reads its type (the tensor's dtype) and that it is no list (the
    tensor's shape); to every other reader it is UNKNOWN: `Interpreter.eval` converts it as it
    reads it out of the list, and builtins reading items directly take it for a value they do not
    know (it is not concrete). `sample`: one of the numbers (ints joined only when all fit int32,
    or none does: that decides a tensor's dtype)."""

    sample: Any


def _scalar_kind(value: Any) -> Any:
    """What of a number decides the dtype of a tensor made of it: its type (an int's, whether it
    fits int32); None for other values."""
    sample = value.sample if isinstance(value, JoinedScalar) else value
    if type(sample) is int:
        return int, -(2 ** 31) <= sample < 2 ** 31
    return type(sample) if type(sample) in (float, bool) else None


def join_items(a: Any, b: Any) -> Any:
    """Two paths' items at one index of a list: a number of one kind when both are (JoinedScalar)."""
    kind = _scalar_kind(a)
    if kind is not None and kind == _scalar_kind(b) and not (is_concrete(a) and a == b):
        return a if isinstance(a, JoinedScalar) else JoinedScalar(a)
    return join_values(a, b)


MAX_ALTERNATIVES = 4


@dataclass(eq=False)
class Alternatives:
    """One of a few known values, depending on the path an undecided branch took: `act =
    tf.nn.relu if c else tf.nn.tanh`, `trainer = MpiAdamOptimizer(...)` or `AdamOptimizer(...)`.

    Only calls and attribute reads honour it (calls.call_alternatives, attributes): each
    alternative runs on its own uncertain path, as an undecided `if`'s bodies do, and the results
    are joined. Everything else sees UNKNOWN: `Interpreter.eval` converts it unless its caller
    asked for it (a callee, an attribute's object), and the value never sits in a list or dict.
    Alternatives never nest (`alternatives_of` flattens them); options are all callables, all
    instances or all modules, or None besides them (`try: from mpi4py import MPI` / `except
    ImportError: MPI = None`), 2 to MAX_ALTERNATIVES of them, none the same as another. Using the
    None option raises on its path; an `if` that tests the name runs once per option
    (control_flow.Statements.exec_If), so that `if MPI is not None:` is decided on each path."""

    options: Tuple[Any, ...]


_CALLABLE_OPTIONS = (FunctionVal, BoundMethod, ClassVal, ApiFn)


def _option_kind(value: Any) -> Optional[str]:
    if isinstance(value, _CALLABLE_OPTIONS):
        return "callable"
    if type(value) is InstanceVal:
        return "instance"
    if isinstance(value, (ModuleVal, SourceModuleVal)):
        return "module"  # `try: from mpi4py import MPI` / `except ImportError: MPI = None`
    return None


def _same_option(a: Any, b: Any) -> bool:
    if a is b:
        return True
    if isinstance(a, ApiFn) and isinstance(b, ApiFn):
        return a.qualname == b.qualname
    if isinstance(a, BoundMethod) and isinstance(b, BoundMethod):
        return a.function is b.function and a.receiver is b.receiver
    if type(a) is ModuleVal and type(b) is ModuleVal:
        return a.qualname == b.qualname
    return False


def alternatives_of(values: List[Any]) -> Any:
    """The value that is one of `values` (flattening Alternatives among them): that value when
    they are all the same, Alternatives when they are a few known callables or instances, else
    MISSING."""
    options: List[Any] = []
    for value in values:
        for option in value.options if isinstance(value, Alternatives) else (value,):
            if option is not None and _option_kind(option) is None:
                return _MISSING
            if not any(_same_option(option, known) for known in options):
                options.append(option)
    if len(options) == 1:
        return options[0]
    kinds = {_option_kind(option) for option in options if option is not None}
    if len(options) > MAX_ALTERNATIVES or len(kinds) != 1:
        return _MISSING
    return Alternatives(tuple(options))


def _tf_object(value: Any) -> bool:
    """A graph tensor the analysis holds (no variable), or what an op it does not compute made."""
    return isinstance(value, OpResult) or \
        isinstance(value, Tensor) and not isinstance(value, (VarVal, Opaque))  # (an Opaque stands for anything)


def _joined_tensor(a: Tensor, b: Tensor) -> Tensor:
    """One of two tensors, by the path an undecided branch took: of the shape both allow."""
    shapes = a.get_shape(), b.get_shape()
    shape = either_shape(*shapes) if all(isinstance(s, TensorShape) for s in shapes) else None
    joined = Tensor(shape, a.dtype, "", "Merge") if shape is not None else UnknownTensor()
    if shape is None:
        joined.dtype = a.dtype
    joined.deps = None if a.deps is None or b.deps is None else a.deps | b.deps
    joined.gathered = dependencies.gathered_of([a, b])
    joined.maybe_slices = dependencies.may_be_slices([a, b])
    return joined


class UnknownTensor(Tensor):
    """A tensor whose shape the analysis lost (an unmodelled op, an unknown argument). Unlike a
    TF tensor of unknown shape, reading its shape gives UNKNOWN, not `None` dims: a `None` read
    from here would claim TF errors (e.g. "initializer passed is not valid") that need not happen."""

    def __init__(self, op: Any = None) -> None:
        super().__init__(None, "float32", "", "Unknown")
        self.dtype = UNKNOWN  # nor is its dtype known (`tf.constant(array[:10])`)
        self.deps = None  # nor the variables it is computed from
        # its op's, when the op is known (`tf.reduce_mean(x, name="xent")`); else unknown, never
        # "": an EMA over it would claim that `"" + "/avg"` is an invalid scope name
        self.op = op if op is not None else Op(Pattern.of(None), "Unknown")
        self.name = op.name + ":0" if op is not None and isinstance(op.name, str) else Pattern.of(None)

        self.refined: Optional[TensorShape] = None  # what `set_shape` said of it

    def get_shape(self) -> Any:  # type: ignore[override]
        return UNKNOWN if self.refined is None else self.refined

    @property
    def shape(self) -> Any:  # type: ignore[override]
        return self.get_shape()

    def set_shape(self, shape: Any) -> None:
        """`anchors.set_shape([None, 4])` (tf-faster-rcnn's anchors, computed with numpy): TF merges
        the given shape into the op's, raising if they disagree, so the rank and the given dims
        are the tensor's; a dim given as None is the op's own, which the analysis lost."""
        given = as_shape(shape)
        if given.dims_tuple is None:
            return
        given = TensorShape([LOST if d is None else d for d in given.dims_tuple])
        # a second set_shape merges as TF's does (a known dim wins over a lost one; a conflict raises)
        self.refined = self._shape = given if self.refined is None else self.refined.merge_with(given)


@dataclass(frozen=True)
class NumpyDtype:
    name: str


@dataclass(eq=False)
class ArrayVal:
    """A numpy array the analysis knows the shape and dtype of (an initializer such as
    pretrained embeddings): the core reads `.shape` and `.dtype.name` as it does for numpy."""

    shape: tuple
    dtype: NumpyDtype
    # the items of a 1-D integer array the analysis computed (np.arange), as Python ints: a loop
    # over it runs once per item, as over range() (HMR's `for i in np.arange(num_stage)`)
    items: Optional[tuple] = None

    def __iter__(self) -> Iterator[int]:
        """Its items, as numpy iterates an array, for TF's functions the core runs on it (baselines'
        MultiCategoricalPd splits its logits by `tf.split(flat, np.array(nvec, dtype=np.int32))`);
        an array whose items are not known is a value they cannot read: TypeError."""
        if self.items is None:
            raise TypeError("the items of this array are not known")
        return iter(self.items)
