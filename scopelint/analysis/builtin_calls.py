"""Python's builtins as the interpreter models them, and "real calls": running a pure
function (a shape op of the runtime, a str method) on arguments that are fully known."""

from __future__ import annotations

import ast
import builtins
import operator
import itertools
import os
import math
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from scopelint.analysis import array_math, bindings, enums, numpy_dtypes, sets, strings, tf_api
from scopelint.analysis.markers import GeneratorObject
from scopelint.analysis.values import aliased_key, item_of_lost, IteratorVal, LazyGen
from scopelint.analysis.values import (
    MISSING, ApiFn, ArrayVal, BoundMethod, BuiltinFn, ClassVal, DictVal, Env, FunctionVal, InstanceVal,
    JoinedScalar, ListVal, NOT_A_KEY,
    ModuleVal, NamedTupleClass, OpaqueVal, PartialVal, ProgressBarVal, ScopeVal, SetOfLost, SetVal, SourceModuleVal,
    TensorClassVal,
    UnknownTensor, VarVal, as_key, is_concrete, key_value, lost_dimension, truth,
)
from scopelint.runtime import dependencies
from scopelint.runtime.api import COMPARISONS, Initializer
from scopelint.runtime.tensors import Op, Opaque, Tensor, reshape_shape
from scopelint.runtime.variables import PartitionedVariable
from scopelint.tf import registry
from scopelint.semantics import errors as scope_errors
from scopelint.semantics.dtypes import DType, as_dtype
from scopelint.semantics.shapes import LOST, Dimension, TensorShape
from scopelint.semantics.values import UNKNOWN, Pattern

from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.class_members import attribute_hook
from scopelint.analysis.cli_args import NamespaceVal
from scopelint.analysis.instance_dict import InstanceDict
from scopelint.analysis.markers import Property, Super, is_plain_data, may_touch_graph

if TYPE_CHECKING:
    from scopelint.analysis.interpreter import Interpreter


class BuiltinCalls(AnalysisState):
    """Mixin of the Interpreter: builtins, iteration, and calls of pure Python functions."""

    def call_builtin(self, name: str, args: List[Any], kwargs: Dict[str, Any], st: State,
                     node: Optional[ast.AST]) -> Any:
        if name == "type" and len(args) == 1 and not kwargs and isinstance(args[0], InstanceVal):
            return args[0].cls
        if name == "type" and len(args) == 1 and not kwargs and isinstance(args[0], DictVal) and args[0].cls:
            return args[0].cls  # an instance of the program's subclass of dict
        if name == "type" and len(args) == 1 and not kwargs and isinstance(args[0], PartitionedVariable):
            return PartitionedVariable
        if name == "type" and len(args) == 1 and not kwargs and isinstance(args[0], Tensor) and \
                not isinstance(args[0], Opaque):
            return TensorClassVal("type of a tensor")
        if name == "type" and len(args) == 1 and not kwargs:
            plain = _plain_type(args[0])
            if plain is not None:
                return BuiltinFn(plain)  # `type(value) in (list, tuple)` (easydict's)
        if name in ("exit", "quit"):
            self._program_raised(st)  # site's exit(): SystemExit, as sys.exit raises it
            return UNKNOWN
        if name == "range":
            if all(isinstance(a, int) and not isinstance(a, bool) for a in args) and not kwargs and args:
                r = range(*args)
                if len(r) <= 100_000:
                    return ListVal(list(r))
            return UNKNOWN
        if name in _CONSUMERS and len(args) == 1 and isinstance(args[0], (IteratorVal, LazyGen, GeneratorObject)):
            items = self.iterate(args[0], st)  # `sum(d * d for d in dims)`: consumed here
            if items is None:
                return UNKNOWN
            args = [ListVal(items)]
        if name == "next" and args:
            return self.advance(args[0], args[1] if len(args) > 1 else MISSING, st)
        if name == "len":
            value = args[0] if args else UNKNOWN
            if isinstance(value, ListVal):
                return len(value.items) if not value.grown else UNKNOWN
            if isinstance(value, DictVal) and value.complete:
                return len(value.items)
            if isinstance(value, SetVal):
                return len(value.values)
            if isinstance(value, ArrayVal) and value.shape and isinstance(value.shape[0], int):
                return value.shape[0]  # (a 0-d array has no len: TypeError)
            if enums.is_enum_class(value):
                return len(value)
            if isinstance(value, (str, TensorShape, PartitionedVariable)):
                return self.real_call(len, [value], {}, st)
            count = self.call_own_method(value, "__len__", [], st, node)  # a config class of layer specs
            return count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else UNKNOWN
        if name == "zip_longest":
            lists = [self.iterate(a, st) for a in args]
            if any(x is None for x in lists):
                return UNKNOWN
            fill = kwargs.get("fillvalue")
            return ListVal([ListVal(list(group), True)
                            for group in itertools.zip_longest(*lists, fillvalue=fill)])  # type: ignore[arg-type]
        if name in ("set", "frozenset", "sorted") and len(args) == 1 and isinstance(args[0], SetVal):
            return self._from_set(name, args[0], kwargs)
        if name in ("set", "frozenset") and not kwargs and len(args) <= 1:
            known = sets.make_set(self.iterate(args[0], st) if args else [], frozen=name == "frozenset")
            if known is not None:
                return known  # `set(names)`: exact membership, len and algebra; its order is the hashes'
            name = "set"
        if name in ("enumerate", "zip", "reversed", "list", "tuple", "iter") and not kwargs and args and \
                any(isinstance(a, ListVal) and a.grown for a in args):
            grown = _over_grown(name, [self.loop_items(a, st) for a in args])
            if grown is not None:
                return grown
        if name in ("enumerate", "zip", "reversed", "sorted", "list", "tuple", "set", "iter"):
            if name == "enumerate":
                items = self.iterate(args[0], st) if args else None
                start = args[1] if len(args) > 1 else kwargs.get("start", 0)
                if items is None or not isinstance(start, int):
                    return UNKNOWN
                return IteratorVal([ListVal([start + i, item], True) for i, item in enumerate(items)])
            if name == "zip":
                lists = [self.iterate(a, st) for a in args]
                if any(x is None for x in lists):
                    return UNKNOWN
                pairs = [ListVal(list(group), True) for group in zip(*lists)]  # type: ignore[arg-type]
                return ListVal(pairs) if self.python2 else IteratorVal(pairs)  # type: ignore[attr-defined]
            items = self.iterate(args[0], st) if args else []
            if items is None:
                lost = args[0] if args else UNKNOWN  # `set(signature.parameters)`: a library's inert value
                if name == "set":
                    return _data_set([lost])
                return item_of_lost(lost)  # `list(f.read().split())`: the items of data are data
            if name == "reversed":
                return IteratorVal(list(reversed(items)))
            if name == "iter":
                return IteratorVal(list(items))
            if name == "sorted":
                if set(kwargs) - {"key", "reverse"}:
                    return UNKNOWN
                order = self.sort_order(items, kwargs.get("key"), kwargs.get("reverse", False), st)
                return UNKNOWN if order is None else ListVal([items[k] for k in order])
            if name == "set" and not all(isinstance(i, int) for i in items):
                return _data_set(items)  # a set of strings iterates in hash order, which varies between runs
            return ListVal(list(items), is_tuple=(name == "tuple"))
        if name == "dict":
            return self.make_dict(args, kwargs, st)
        if name == "str":
            return strings.to_str(args[0]) if args else ""
        if name in ("int", "float", "bool", "abs", "round", "min", "max", "sum", "repr", "divmod", "pow", "chr",
                    "ord", "hex"):
            values = args
            if len(args) == 1 and isinstance(args[0], ListVal):
                values = [ListVal(args[0].items)]
            if name in ("sum", "min", "max") and len(args) == 1 and isinstance(args[0], ArrayVal) and \
                    args[0].items is not None:
                values = [ListVal(list(args[0].items))]  # `sum(nvec)`: over the array's known items
            python = [self.to_python(v) for v in values]
            if any(p is MISSING for p in python) or kwargs:
                if name == "bool" and args:
                    t = truth(args[0])
                    return UNKNOWN if t is None else t
                return UNKNOWN
            try:
                return getattr(builtins, name)(*python)
            except Exception:
                return UNKNOWN
        if name == "isinstance":
            return _isinstance(args[0] if args else UNKNOWN, args[1] if len(args) > 1 else UNKNOWN)
        if name == "issubclass" and len(args) == 2 and not kwargs:
            return _issubclass(args[0], args[1])
        if name == "type" and len(args) == 3 and isinstance(args[1], ListVal):
            for base in args[1].items:  # a class made so is one the analysis does not hold
                if isinstance(base, ClassVal):
                    base.subclasses_seen = False
            return UNKNOWN
        if name in ("hasattr",):
            return self.has_attribute(args[0] if args else UNKNOWN, args[1] if len(args) > 1 else UNKNOWN, st)
        if name == "getattr":
            obj = args[0] if args else UNKNOWN
            attr = args[1] if len(args) > 1 else UNKNOWN
            if isinstance(attr, str):
                if len(args) > 2 and (obj is None or is_concrete(obj)) and not hasattr(obj, attr):
                    return args[2]  # `getattr(dim, "value", dim)` of a plain int: the default
                if len(args) > 2 and isinstance(obj, InstanceVal) and attr not in obj.attrs and \
                        obj.cls.lookup(attr) is MISSING and attribute_hook(obj, attr) is not None:
                    return UNKNOWN  # its `__getattr__`'s value, or the default where that raises AttributeError
                if len(args) > 2 and self.has_attribute(obj, attr, st) is False:
                    return args[2]  # tflearn's `getattr(op, '_key_op', str(op))` of a plain function
                value = self.get_attribute(obj, attr, st)
                if value is UNKNOWN and len(args) > 2:
                    return UNKNOWN
                return value
            return UNKNOWN
        if name == "setattr":
            obj = args[0] if args else UNKNOWN
            attr = args[1] if len(args) > 1 else UNKNOWN
            if isinstance(attr, str):
                self.set_attribute(obj, attr, args[2] if len(args) > 2 else UNKNOWN, st)
            elif isinstance(obj, (InstanceVal, ClassVal)):
                self.touch(obj)
                obj.attrs_complete = False
            return None
        if name == "super":
            if self.call_stack and self.local_envs:
                function = self.call_stack[-1]
                owner = getattr(function, "_owner", None)
                spec = function.node.args
                params = list(spec.posonlyargs) + list(spec.args)
                receiver = self.local_envs[-1].vars.get(params[0].arg, MISSING) if params else MISSING
                if isinstance(owner, ClassVal) and receiver is not MISSING:
                    return Super(owner, receiver)
            return UNKNOWN
        if name == "dir" and len(args) == 1 and isinstance(args[0], SourceModuleVal):
            return self.module_dir(args[0], st)  # type: ignore[attr-defined]
        if name == "__import__":
            imported = self.dunder_import(args, kwargs, st, node)  # type: ignore[attr-defined]
            if imported is not None:
                return imported
        if name == "dir" and len(args) == 1 and isinstance(args[0], ModuleVal) and \
                tf_api.is_tf_name(args[0].qualname):
            names = registry.tf_names(tf_api.canonical(args[0].qualname))  # `"concat_v2" in dir(tf)`
            if names is not None:
                return ListVal(sorted(names))
        if name == "filter" and len(args) == 2 and (args[0] is None or isinstance(args[0], BuiltinFn)) and \
                isinstance(args[1], OpaqueVal) and args[1].inert:
            return item_of_lost(args[1])  # `filter(None, lines)` of a file's lines: data
        if name in ("map", "filter") and len(args) >= 2:
            # Eager here (Python 3's are lazy, but TF1 code consumes them at once: `q, k, v = map(...)`).
            lists = [self.iterate(a, st) for a in args[1:]]
            if all(items is not None for items in lists):
                function, results = args[0], []
                for group in zip(*lists):  # type: ignore[misc]
                    if name == "map":
                        results.append(self.call(function, list(group), {}, st, node))  # type: ignore[attr-defined]
                        continue
                    keep = truth(self.call(function, [group[0]], {}, st, node)) if function is not None \
                        else truth(group[0])  # type: ignore[attr-defined]
                    if keep is None:
                        return UNKNOWN
                    if keep:
                        results.append(group[0])
                return IteratorVal(results)
        if name == "reduce" and len(args) in (2, 3) and not kwargs:
            # functools.reduce (Python 2's builtin): `reduce(lambda x, y: x * y, shape[1:])`
            items = self.iterate(args[1], st)
            if items is None or len(args) == 2 and not items:
                return UNKNOWN  # an empty sequence without initial value is a TypeError
            items = list(items)
            accumulated = args[2] if len(args) == 3 else items.pop(0)
            for item in items:
                accumulated = self.call(args[0], [accumulated, item], {}, st, node)  # type: ignore[attr-defined]
            return accumulated
        if name in ("any", "all") and len(args) == 1 and not kwargs and isinstance(args[0], ListVal):
            # the items are computed already (a generator was consumed above): order does not matter
            answers = [truth(item) for item in args[0].items]
            decisive = name == "any"  # any() is decided by a true item, all() by a false one
            if decisive in answers:
                return decisive
            return UNKNOWN if None in answers else not decisive
        if name == "callable" and len(args) == 1 and not kwargs:
            return _callable(args[0])
        if name == "vars" and len(args) == 1 and not kwargs and isinstance(args[0], NamespaceVal):
            return args[0].as_dict()
        if name == "locals" and not args and not kwargs and st.env is not st.env.globals_env:
            # a function's locals() (spinningup's `logger.save_config(locals())`): a new dict of
            # the names its frame has bound, as they are now
            return DictVal({key: value for key, value in st.env.vars.items() if value is not MISSING})
        if name == "globals" and not args and not kwargs:
            return self.module_globals(st)
        if name == "open":
            # its methods read and write bytes, never the graph; a file it names for reading is
            # kept by name, for json.load of a project's hyperparameters (read_data_file)
            return opened_file(args, kwargs, os.path.dirname(self.abspath))
        if name in ("print", "object.__init__", "id", "type", "callable", "vars", "dir", "hash", "open", "input",
                    "format", "any", "all", "map", "filter", "next", "issubclass", "NotImplementedError",
                    "ValueError", "TypeError", "Exception", "RuntimeError", "KeyError", "AssertionError",
                    "AttributeError", "IndexError", "StopIteration"):
            if name in ("map", "filter") and args:
                # the function runs on each item; a lost iterable is data (as a loop over it is),
                # unless the program's own code makes the items
                made_by_program = any(isinstance(a, (FunctionVal, BoundMethod, GeneratorObject, LazyGen, InstanceVal))
                                      for a in args[1:])
                if made_by_program or may_touch_graph(args[0]) and not (
                        isinstance(args[0], (FunctionVal, BoundMethod)) and
                        not self.call_touches_graph(args[0], len(args) - 1, st)):  # type: ignore[attr-defined]
                    st.graph.unknown_code_ran()
            elif name in ("any", "all", "next"):
                for arg in args:
                    if isinstance(arg, (FunctionVal, BoundMethod)) or may_touch_graph(arg):
                        st.graph.unknown_code_ran()
            return UNKNOWN
        if name == "property":
            return Property(args[0] if args else UNKNOWN)
        if name in ("staticmethod", "classmethod"):
            return args[0] if args else UNKNOWN
        if name == "object":
            return OpaqueVal("object")
        if name == "object.__new__" and len(args) == 1 and not kwargs and isinstance(args[0], ClassVal) and \
                _plain_class(args[0]):
            return InstanceVal(args[0])  # an instance whose __init__ has not run (a builtin base would refuse)
        return UNKNOWN

    def has_attribute(self, obj: Any, attr: Any, st: State) -> Any:
        """hasattr(obj, attr): True, False, or UNKNOWN."""
        if isinstance(obj, InstanceVal) and isinstance(attr, str):
            if attr in obj.attrs:
                return True
            found = _class_has(obj.cls, attr, object)
            if found is False and attribute_hook(obj, attr) is not None:
                return UNKNOWN  # its `__getattr__` answers, unless it raises AttributeError
            return found if found is not False or obj.attrs_complete else UNKNOWN
        if isinstance(obj, ClassVal) and isinstance(attr, str):
            return _class_has(obj, attr, type)  # DQN-tensorflow's `if hasattr(config, k): setattr(...)`
        if isinstance(obj, SourceModuleVal) and isinstance(attr, str):
            listed = self.module_dir(obj, st)  # type: ignore[attr-defined]
            return attr in listed.items if isinstance(listed, ListVal) else UNKNOWN
        if isinstance(obj, FunctionVal) and isinstance(attr, str) and attr in obj.attrs:
            return True  # slim's nets_factory: `if hasattr(func, 'default_image_size')`
        if isinstance(obj, FunctionVal) and isinstance(attr, str) and obj.attrs_complete and \
                not attr.startswith("__") and not hasattr(_plain_function, attr):
            return False  # an attribute no function has and the program did not set
        if isinstance(attr, str) and isinstance(obj, (Dimension, TensorShape, str, int, float, bool, type(None),
                                                      PartitionedVariable)):
            return hasattr(obj, attr)  # `hasattr(x.shape[-1], "value")`: TF1 or TF2 dims
        if isinstance(attr, str) and (isinstance(obj, ListVal) and not obj.view or isinstance(obj, DictVal)):
            return _container_has(obj, attr)  # nest's `hasattr(structure, "_fields")`: a namedtuple
        if isinstance(attr, str) and isinstance(obj, ModuleVal) and tf_api.is_tf_name(obj.qualname):
            if tf_api.tf_missing(obj.qualname, attr):
                return False
            return True if registry.tf_has(tf_api.canonical(obj.qualname) + "." + attr) else UNKNOWN
        if attr == "__call__" and not isinstance(obj, InstanceVal):
            return _callable(obj)  # tflearn's `get(identifier)`: `if hasattr(identifier, '__call__')`
        if attr in _FUNCTION_NAMES and (isinstance(obj, (FunctionVal, ClassVal)) or
                                        isinstance(obj, ApiFn) and attr == "__name__" and
                                        tf_api.short_name(obj.qualname) is not None):
            return True  # every function and class has its name (spinningup's convert_json reads it)
        if attr == "__name__" and isinstance(obj, Tensor) and not isinstance(obj, Opaque):
            return False  # a tensor has a `name`, not a `__name__`
        if isinstance(obj, Tensor) and (id(obj), attr) in self.tensor_attrs.items:
            return True  # set by the program on every path (tf_slim's `tensor.aliases`)
        if isinstance(obj, Tensor) and not isinstance(obj, (Opaque, VarVal)) and isinstance(attr, str) and \
                not attr.startswith("_") and attr not in _TENSOR_ATTRIBUTES and not self.tensor_attrs.poisoned:
            return False  # one TF's tensors lack, which the program did not set on this one
        return UNKNOWN

    def module_globals(self, st: State) -> Any:
        """globals() (tflearn's `get_from_module(identifier, globals(), ...)` looks its activations
        and optimizers up in it)."""
        return self.namespace_dict(self.module_tree(st), st.env.globals_env)

    def namespace_dict(self, tree: Optional[ast.Module], globals_env: Env, settled: bool = False) -> Any:
        """A module's namespace as a dict (globals(), `module.__dict__`): the names of its source
        `tree` that keep their value once bound (bindings.stable_globals; `settled`: the module's
        body has run, bindings.settled_globals), as they are now in `globals_env`; other keys
        unknown."""
        stable = (bindings.settled_globals(tree) if settled else bindings.stable_globals(tree)) \
            if tree is not None else None
        if stable is None:
            # a dict all the same: its methods (tensorpack's `globals().pop(name, None)`) run no code
            return DictVal({}, complete=False)
        names = globals_env.vars
        return DictVal({key: names[key] for key in stable if names.get(key, MISSING) is not MISSING}, complete=False)

    def loop_items(self, value: Any, st: State) -> Optional[List[Any]]:
        """What a loop over `value` runs on: `iterate`, and a list a loop of unknown trip count grew
        as well (the items its paths put in it; the loop runs each on some paths only)."""
        return list(value.items) if isinstance(value, ListVal) and value.grown else self.iterate(value, st)

    def iterate(self, value: Any, st: State) -> Optional[List[Any]]:
        if isinstance(value, ListVal):
            # a list a loop of unknown trip count grew holds an unknown number of items: only a loop
            # over it reads them (each on some paths: exec_For, comprehensions)
            return list(value.items) if not value.grown else None
        if isinstance(value, ProgressBarVal):
            return list(value.items)
        if isinstance(value, IteratorVal):
            items, value.remaining = value.remaining, []  # one pass consumes it
            return items
        if isinstance(value, GeneratorObject):
            if value.state != "fresh":
                return [] if value.state == "consumed" else None
            values = self.generator_values(value, st)  # type: ignore[attr-defined]
            value.state = "consumed" if values is not None else "unknown"
            return values
        if isinstance(value, LazyGen):
            if value.state != "fresh":
                return [] if value.state == "consumed" else None
            value.state = "consumed"
            return value.run(st)  # type: ignore[no-any-return]
        if isinstance(value, DictVal):
            return [key_value(key) for key in value.items] if value.complete and not value.unordered else None
        if enums.is_enum_class(value):
            return enums.members(value)
        if isinstance(value, SetVal):
            return value.ordered_items()
        if isinstance(value, str):
            return list(value)
        if isinstance(value, TensorShape):
            if value.dims_tuple is None:
                return None
            return [Dimension(d) for d in value.dims_tuple]
        if isinstance(value, PartitionedVariable):
            return list(value)  # its parts, in order
        if isinstance(value, ArrayVal) and value.items is not None:
            return list(value.items)
        # A class of the program's (or a model's, such as LSTMStateTuple) with its own __iter__.
        iterator = self.call_own_method(value, "__iter__", [], st, None)  # type: ignore[attr-defined]
        return None if iterator is MISSING else self.iterate(iterator, st)

    def sort_order(self, items: List[Any], key: Any, reverse: Any, st: State) -> Optional[List[int]]:
        """The order `sorted(items, key=key, reverse=reverse)` puts the items in (their indices),
        or None when the analysis cannot tell: a key function runs on each item, as Python's does
        (`key=lambda v: v.name` sorts variables by their known names)."""
        if not isinstance(reverse, bool):
            return None
        if key is not None:
            call = self.call  # type: ignore[attr-defined]
            keys = [self.to_python(call(key, [item], {}, st, None)) for item in items]
            if not all(_orderable(k) for k in keys):
                return None
        else:
            keys = [self.to_python(i) for i in items]
            if any(k is MISSING for k in keys):
                # (key, value) pairs with distinct known keys sort by their keys alone
                keys = [self.to_python(i.items[0]) if isinstance(i, ListVal) and i.items else MISSING for i in items]
                if any(k is MISSING for k in keys) or len(set(map(repr, keys))) != len(keys):
                    return None
        try:
            return sorted(range(len(items)), key=lambda k: keys[k], reverse=reverse)
        except TypeError:
            return None

    def _from_set(self, name: str, source: SetVal, kwargs: Dict[str, Any]) -> Any:
        """set(s), frozenset(s), sorted(s) of a set of known items (sorted order is the items' own)."""
        if name != "sorted":
            return SetVal(set(source.values), name == "frozenset") if not kwargs else UNKNOWN
        reverse = kwargs.get("reverse", False)
        if set(kwargs) - {"reverse"} or not isinstance(reverse, bool):
            return UNKNOWN
        try:
            return ListVal(sorted(source.values, reverse=reverse))
        except TypeError:
            return UNKNOWN

    def make_dict(self, args: List[Any], kwargs: Dict[str, Any], st: State) -> DictVal:
        """dict(...) / OrderedDict(...): from a dict, from (key, value) pairs, from keywords."""
        result = DictVal({})
        if args:
            source = args[0].snapshot() if isinstance(args[0], InstanceDict) else args[0]  # `dict(self.__dict__)`
            pairs = self.iterate(source, st) if not isinstance(source, DictVal) else None
            if isinstance(source, DictVal):
                result.items.update(source.items)
                result.complete = source.complete
                result.unordered = source.unordered
            elif pairs is not None and all(isinstance(p, ListVal) and len(p.items) == 2 and
                                           as_key(p.items[0]) is not NOT_A_KEY for p in pairs):
                for pair in pairs:
                    result.items[as_key(pair.items[0])] = pair.items[1]
            else:
                result.complete = False
        result.items.update(kwargs)
        return result

    def advance(self, iterator: Any, default: Any, st: State) -> Any:
        """next(iterator[, default])."""
        if isinstance(iterator, IteratorVal) and iterator.remaining is not None:
            if iterator.remaining:
                return iterator.remaining.pop(0)
            return default if default is not MISSING else UNKNOWN
        if isinstance(iterator, LazyGen) and iterator.state == "fresh":
            # `next((item for item in tags if item["tag"] == tag), None)` (tflearn's get_summary):
            # runs the generator expression up to its first element; what is left is not followed
            first = iterator.run(st, 1)
            if first is not None:
                iterator.state = "unknown" if first else "consumed"
                if first:
                    return first[0]
                return default if default is not MISSING else UNKNOWN
        if isinstance(iterator, (GeneratorObject, LazyGen)):
            # Runs the body to its next yield: not followed, and what is left is unknown.
            iterator.state = "unknown"
            st.graph.unknown_code_ran()
        return UNKNOWN

    def to_python(self, value: Any) -> Any:
        """An abstract value as a plain Python value, or MISSING when it is not fully known."""
        if is_concrete(value) or isinstance(value, (Tensor, Op, slice, PartitionedVariable)):
            return value  # an Op: a control dependency (`with_dependencies([assertion], t)`)
        if isinstance(value, ListVal):
            if value.grown:
                return MISSING
            items = [self.to_python(v) for v in value.items]
            if any(i is MISSING for i in items):
                return MISSING
            return tuple(items) if value.is_tuple else items
        if value is Ellipsis or isinstance(value, ArrayVal):
            return value  # an ArrayVal answers .shape and .dtype.name as numpy does
        if value is LOST:
            return value  # a dimension of a shape argument (_lost_dims), kept by the shape function
        dtype = numpy_dtypes.numpy_dtype(value)
        if dtype is not None:
            return dtype  # `dtype=np.float32`: TF's functions read the dtype's name (tf.as_dtype)
        return MISSING

    def _itemwise_lost_as_tensors(self, function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Tuple[
            List[Any], Dict[str, Any]]:
        """An op that maps a list item by item (`itemwise_argument`: `tf.clip_by_global_norm(grads,
        5.0)`) with some items lost (a tower's average, a tensor or None: transformer-xl's
        average_grads_and_vars): the others are mapped, each lost one taken as a tensor of a lost
        shape here (_itemwise_lost gives it back as lost)."""
        given = _itemwise_list(function, args, kwargs)
        if given is None or given.grown or given.poisoned:
            return args, kwargs
        items = ListVal([UnknownTensor() if self.to_python(item) is MISSING else item for item in given.items],
                        given.is_tuple)
        return _replace_argument(function.itemwise_argument, args, kwargs, items)

    def _value_argument_stand_in(self, function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Tuple[
            List[Any], Dict[str, Any], Optional[Tuple[int, ...]]]:
        """A list converted to a tensor (`value_argument`: tf.constant, tf.convert_to_tensor) whose
        numbers the analysis lost but whose nesting it knows: the labels StarGAN appends, 1.0 or
        0.0 (JoinedScalar), one per attribute, for each line of a file (a list grown by a loop of
        unknown trip count). The op runs on a stand-in of the same nesting and types, whose shape
        and dtype are TF's; `lost_axes`, the axes whose length the analysis does not know (a grown
        list's), for _converted_stand_in. None when the list is known (the op runs on it) or its
        nesting is not."""
        where = getattr(function, "value_argument", None)
        given = _argument_at(where, args, kwargs) if where is not None else None
        if not isinstance(given, ListVal) or self.to_python(given) is not MISSING:
            return args, kwargs, None
        found = _stand_in(given, 0)
        if found is None:
            return args, kwargs, None
        stand_in, lost_axes = found
        if _argument_at(getattr(function, "shape_argument", (-1, "")), args, kwargs) is not None:
            lost_axes = ()  # `tf.constant(rows, shape=[n, 3])`: the shape given is the tensor's
        args, kwargs = _replace_argument(where, args, kwargs, stand_in)
        return args, kwargs, lost_axes

    def _control_inputs_known(self, function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Tuple[
            List[Any], Dict[str, Any]]:
        """Control inputs the analysis lost (`with_dependencies([tf.group(*update_ops)], loss)`) as
        none: the op only waits for them, its result is computed from its other arguments."""
        where = getattr(function, "control_argument", None)
        if where is None or self.to_python(_argument_at(where, args, kwargs)) is not MISSING:
            return args, kwargs
        return _replace_argument(where, args, kwargs, ListVal([]))

    def real_call(self, function: Any, args: List[Any], kwargs: Dict[str, Any], st: State,
                  scope_errors_propagate: bool = False) -> Any:
        """Run a pure Python function of the runtime (a shape op) on known arguments."""
        given = args, kwargs
        args, kwargs, lost_axes = self._value_argument_stand_in(function, args, kwargs)
        args, kwargs = _shape_argument_lost_dims(function, args, kwargs)
        args, kwargs = self._itemwise_lost_as_tensors(function, args, kwargs)
        args, kwargs = self._control_inputs_known(function, args, kwargs)
        py_args = [self.to_python(a) if not isinstance(a, (Pattern,)) else a for a in args]
        py_kwargs = {k: self.to_python(v) if not isinstance(v, Pattern) else v for k, v in kwargs.items()}
        missing = any(a is MISSING for a in py_args) or any(v is MISSING for v in py_kwargs.values())
        if missing and isinstance(function, type) and issubclass(function, Initializer):
            return _initializer_of_lost_values(function, py_args, py_kwargs)
        if not scope_errors_propagate and missing:
            return _with_dependencies(_unknown_result(function, args, kwargs), function, args, kwargs)
        if scope_errors_propagate:
            py_args = [a if b is MISSING else b for a, b in zip(args, py_args)]
            py_kwargs = {k: (kwargs[k] if v is MISSING else v) for k, v in py_kwargs.items()}
        if not scope_errors_propagate:
            py_args = [_of_unknown_rank(a) for a in py_args]
            py_kwargs = {k: _of_unknown_rank(v) for k, v in py_kwargs.items()}
        self.runtime_graph.state = st.graph
        try:
            self._active_state = st
            result = function(*py_args, **py_kwargs)
        except scope_errors.ScopeError as exc:
            if scope_errors_propagate:
                if getattr(exc, "frames", None) is None:
                    exc.frames = self._frames_tuple()  # where it was raised, before frames unwind
                raise
            self.raised(exc, st)
            return UNKNOWN
        except RecursionError:
            raise
        except scope_errors.OpInputError:
            self._program_raised(st)  # TF's own error, where TF raises it (tf.add_n([]))
            return UNKNOWN
        except ValueError:
            if not _shapes_fully_known(args, kwargs):
                return _with_dependencies(_unknown_result(function, args, kwargs), function, args, kwargs)
            # TF's own shape check, on inputs whose every dimension is known (not joined or lost by
            # the analysis): TF raises it too, and a handler may catch it (NTM-tensorflow's matmul
            # helper reshapes a vector operand so)
            self._program_raised(st)
            return UNKNOWN
        except Exception:
            return _with_dependencies(_unknown_result(function, args, kwargs), function, args, kwargs)
        if st.graph is not self.runtime_graph.state:
            st.graph = self.runtime_graph.state
        if lost_axes is not None and isinstance(result, Tensor):
            return _converted_stand_in(result, lost_axes)
        if isinstance(result, tuple):
            result = _itemwise_lost(function, *given, result)
        if isinstance(result, Tensor) and _touches_unknown(function, args, kwargs):
            # computed from a lost shape: its own shape is not TF's either (its op's name may be),
            # but its dtype is, when the dtypes of all its inputs are known
            # The variables it is computed from are the runtime op's, known when its inputs' are (a
            # pickle-initialised variable of a lost shape is still one variable: HMR's SMPL model)
            name = getattr(function, "__name__", "")
            partial = _partial_result(function, args, kwargs) if name in ("reshape", "where", "pad") else None
            if partial is not None:
                partial.deps = result.deps
                return partial  # `tf.reshape(lost, [n * 10, 10, 40])`: the dims the shape fixes
            op = getattr(result, "op", None)
            lost = UnknownTensor(op if isinstance(op, Op) else None)
            lost.deps = result.deps
            if _input_dtypes_known(function, args, kwargs) or name in _SHAPE_KEEPING_CASTS:
                lost.dtype = result.dtype  # (a cast's is the dtype it casts to, whatever its input's)
            elif (dtype := _elementwise_dtype(function, args)) is not None:
                lost.dtype = dtype  # (its operands' one dtype)
            shape = _shape_of_argument(function, args, kwargs) or (
                result.get_shape() if _elementwise_of_shaped(function, args, kwargs) else None)
            if shape is not None:
                lost.refined = lost._shape = shape  # computed from the inputs' shapes alone, all known
            source = args[0] if args else kwargs.get("x")
            if (name in _SHAPE_KEEPING_CASTS or getattr(function, "keeps_shape", False)) and \
                    isinstance(source, UnknownTensor) and source.refined is not None:
                # a cast, or an op whose result is shaped like its input (`tf.nn.relu`, `tf.nn.bias_add`,
                # `tf.sqrt`), keeps the shape set_shape or reshape gave, whatever its dtype
                lost.refined = lost._shape = source.refined
            return lost
        return _from_python(result)


class _StrMethod:
    def __init__(self, text: Any, name: str) -> None:
        self.text = text
        self.name = name

    def invoke(self, interp: Interpreter, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        if self.name == "format":
            return strings.format_method(self.text, args, kwargs)
        if self.name == "join":
            items = args[0] if args else UNKNOWN
            if isinstance(items, (IteratorVal, LazyGen, GeneratorObject)):
                listed = interp.iterate(items, st)  # `"x".join(str(d) for d in dims)`: consumed here
                items = ListVal(listed) if listed is not None else UNKNOWN
            return strings.join(self.text, items)
        return Pattern.of(None)


class _NamedTupleMethod:
    """`params._replace(num_classes=5)` (SSD-Tensorflow's default params), `params._asdict()`,
    and the class's `OPTIONS._make((8, 64))` (CycleGAN-tensorflow's options)."""

    def __init__(self, value: Union[ListVal, NamedTupleClass], name: str) -> None:
        self.value = value
        self.name = name

    def invoke(self, interp: Interpreter, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        if isinstance(self.value, NamedTupleClass):  # _make(iterable)
            items = interp.iterate(args[0], st) if len(args) == 1 and not kwargs else None
            if items is None or len(items) != len(self.value.fields):
                return UNKNOWN  # Python raises TypeError for a wrong count: not modelled
            return self.value.make(items, {})
        fields = self.value.fields or ()
        if self.name == "_asdict":
            return DictVal(dict(zip(fields, self.value.items))) if not args and not kwargs else UNKNOWN
        if args or not set(kwargs) <= set(fields):
            return UNKNOWN  # Python raises ValueError for a field the tuple lacks: not modelled
        items = [kwargs.get(name, item) for name, item in zip(fields, self.value.items)]
        return ListVal(items, is_tuple=True, fields=self.value.fields, namedtuple=self.value.namedtuple,
                       cls=self.value.cls)


# Methods of list, dict and set that read without changing the container.
_READER_METHODS = frozenset({"get", "keys", "values", "items", "index", "count", "copy", "__contains__", "__len__",
                             "__getitem__", "__iter__"}) | frozenset(sets.READERS)


class _ContainerMethod:
    def __init__(self, container: Any, name: str) -> None:
        self.container = container
        self.name = name

    def invoke(self, interp: Interpreter, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        c = self.container
        if isinstance(c, ArrayVal) and self.name == "astype":  # ndarray.astype(dtype)
            dtype = _numpy_dtype(args[0] if args else kwargs.get("dtype"), "")
            return array_math.astype(c, dtype) if dtype else OpaqueVal("ndarray", inert=True)
        if isinstance(c, ArrayVal):  # `nvec.sum()`, as np.sum(nvec)
            reduced = array_math.ufunc(self.name, [c] + args, kwargs)
            return reduced if reduced is not None else OpaqueVal("ndarray", inert=True)
        if isinstance(c, (ListVal, DictVal, SetVal)) and self.name not in _READER_METHODS:
            interp.touch(c)  # about to change: an undecided branch's other paths must not see it
        if isinstance(c, ListVal):
            return self._list_method(interp, c, args, kwargs, st)
        if isinstance(c, DictVal):
            return self._dict_method(interp, c, args, kwargs, st)
        if isinstance(c, SetVal):
            result = sets.method(c, self.name, args, kwargs, lambda value: interp.iterate(value, st))
            if result is UNKNOWN and (sets.is_mutator(self.name) or self.name not in sets.READERS):
                c.poisoned = True  # a change the analysis does not model: what the set holds is unknown
            return result
        return UNKNOWN

    def _list_method(self, interp: Interpreter, c: ListVal, args: List[Any], kwargs: Dict[str, Any],
                     st: State) -> Any:
        name = self.name
        if name in ("index", "count") and len(args) == 1 and is_concrete(args[0]) and \
                all(is_concrete(i) for i in c.items):
            try:
                return getattr(c.items, name)(args[0])
            except ValueError:
                return UNKNOWN
        if name == "copy" and not args:
            return ListVal(list(c.items))
        if c.is_tuple:
            return UNKNOWN
        if name == "append" and len(args) == 1:
            c.items.append(args[0])
            return None
        if name == "extend" and len(args) == 1:
            items = interp.iterate(args[0], st)
            if items is None:
                c.poisoned = True
            else:
                c.items.extend(items)
            return None
        if name == "insert" and len(args) == 2 and isinstance(args[0], int):
            c.items.insert(args[0], args[1])
            return None
        if name == "pop" and c.items and (not args or isinstance(args[0], int)):
            try:
                return c.items.pop(args[0] if args else -1)
            except IndexError:
                return UNKNOWN
        if name == "remove" and len(args) == 1 and is_concrete(args[0]) and all(is_concrete(i) for i in c.items):
            if args[0] in c.items:
                c.items.remove(args[0])
                return None
        if name == "clear" and not args:
            c.items.clear()
            return None
        if name in ("add", "discard") and len(args) == 1 and is_concrete(args[0]) and \
                all(is_concrete(i) for i in c.items):  # a set's
            if name == "add" and args[0] not in c.items:
                c.items.append(args[0])
            elif name == "discard" and args[0] in c.items:
                c.items.remove(args[0])
            return None
        if name == "reverse" and not args:
            c.items.reverse()
            return None
        if name == "sort" and not args and not set(kwargs) - {"key", "reverse"}:
            order = interp.sort_order(c.items, kwargs.get("key"), kwargs.get("reverse", False), st)
            if order is not None:
                c.items[:] = [c.items[k] for k in order]
                return None
        c.poisoned = True  # a change the analysis does not model: what the list holds is unknown
        return UNKNOWN

    def _dict_method(self, interp: Interpreter, c: DictVal, args: List[Any], kwargs: Dict[str, Any],
                     st: State) -> Any:
        name = self.name
        key = as_key(args[0]) if args and name in ("get", "pop", "setdefault") else NOT_A_KEY
        if name == "get" and key is not NOT_A_KEY:
            if key in c.items:
                return c.items[key]
            if c.complete and not aliased_key(key):
                return args[1] if len(args) > 1 else kwargs.get("default")
            return UNKNOWN
        if name == "pop" and key is not NOT_A_KEY:
            if key in c.items:
                return c.items.pop(key)
            if c.complete and not aliased_key(key):
                return args[1] if len(args) > 1 else UNKNOWN
            return UNKNOWN
        if name == "setdefault" and key is not NOT_A_KEY:
            if key not in c.items and (not c.complete or aliased_key(key)):
                c.poisoned = True
                return UNKNOWN
            return c.items.setdefault(key, args[1] if len(args) > 1 else None)
        if name == "update" and len(args) <= 1:
            other = interp.make_dict(args, kwargs, st)
            c.items.update(other.items)
            if not other.complete:
                c.poisoned = True  # unknown keys may have overwritten known ones
            return None
        if name in ("items", "keys", "values") and c.unordered:
            return UNKNOWN  # keys inserted in an order the analysis does not know
        view = not interp.python2  # Python 2's are lists
        if name == "items" and c.complete and not args:
            return ListVal([ListVal([key_value(k), v], True) for k, v in c.items.items()], view=view)
        if name == "keys" and c.complete and not args:
            return ListVal([key_value(k) for k in c.items], view=view)
        if name == "values" and c.complete and not args:
            return ListVal(list(c.items.values()), view=view)
        if name in ("items", "keys", "values"):
            return UNKNOWN
        if name == "clear" and not args:
            c.items.clear()
            c.complete = True
            return None
        if name == "copy" and not args:
            return DictVal(dict(c.items), c.complete, unordered=c.unordered, default_factory=c.default_factory)
        if name not in _READER_METHODS:  # (`get` of a key the analysis does not know reads only)
            c.poisoned = True  # a change the analysis does not model (popitem, ...)
        return UNKNOWN


def _initializer_of_lost_values(cls: type, args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """`tf.constant_initializer(np.random.randn())` (tflearn's single_unit): an initializer all
    the same, so a variable it makes has the shape and dtype it is given; its values are lost
    (UNKNOWN), and so is it where its own dtype is."""
    if kwargs.get("dtype") is MISSING:
        return UNKNOWN
    try:
        return cls(*[UNKNOWN if a is MISSING else a for a in args],
                   **{k: UNKNOWN if v is MISSING else v for k, v in kwargs.items()})
    except Exception:  # noqa: BLE001 - arguments the initializer does not take: TF's error, not followed
        return UNKNOWN


def _from_python(value: Any) -> Any:
    if isinstance(value, list):
        return ListVal([_from_python(v) for v in value])
    if isinstance(value, tuple):
        fields = getattr(value, "_fields", None)  # a runtime op's namedtuple (tf.nn.top_k's TopKV2)
        return ListVal([_from_python(v) for v in value], is_tuple=True,
                       fields=tuple(fields) if isinstance(fields, tuple) else None)
    if value is LOST:
        return UNKNOWN  # `shape.as_list()[0]`: a dimension the analysis lost is an unknown value to the program
    return value


def _shape_argument_lost_dims(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Tuple[List[Any],
                                                                                               Dict[str, Any]]:
    """The shape argument of a runtime op that takes one (`tf.placeholder(tf.float32, [None, n])`,
    `tf.reshape(x, [-1, n])`), with the dims the analysis lost (UNKNOWN items) as LOST, which the
    op keeps in its result's shape where it would have computed with the value; so too a single
    dimension argument (`dim_argument`) the analysis lost."""
    one = getattr(function, "dim_argument", None)
    if one is not None and _argument_at(one, args, kwargs) is UNKNOWN:
        # a single dimension (`tf.one_hot(label_map, len(color_value_dict))`, the dict read from
        # a file: SPADE-Tensorflow's segmentation maps): lost, the rank of the result still known
        args, kwargs = _replace_argument(one, args, kwargs, LOST)
    where = getattr(function, "shape_argument", None)
    if where is None:
        return args, kwargs
    return _replace_argument(where, args, kwargs, _lost_dims(_argument_at(where, args, kwargs)))


def _stand_in(value: Any, axis: int) -> Optional[Tuple[Any, Tuple[int, ...]]]:
    """A plain value of `value`'s nesting and item types, standing for it in a conversion to a
    tensor, and the axes of a list grown by a loop of unknown trip count (its length lost), from
    `axis` on; None when the nesting is not known (an unknown item may be a list)."""
    if isinstance(value, JoinedScalar):
        return value.sample, ()
    if isinstance(value, Pattern):
        return value.render(), ()  # a string: its text does not matter to the tensor's shape
    if isinstance(value, (int, float, bool, str, bytes)):
        return value, ()
    if not isinstance(value, ListVal) or value.poisoned or value.view or value.fields is not None:
        return None
    found = [_stand_in(item, axis + 1) for item in value.items]
    known = [item for item in found if item is not None]
    if len(known) < len(found):
        return None
    if not value.grown:
        return ListVal([stand_in for stand_in, _ in known]), tuple(sorted({a for _, lost in known for a in lost}))
    # the items it holds on some paths (two iterations put them in it): alike, they stand for every item
    if not known or any(_nesting(item) != _nesting(known[0]) for item in known):
        return None
    stand_in, lost = known[0]
    return ListVal([stand_in]), (axis,) + lost


def _nesting(found: Tuple[Any, Tuple[int, ...]]) -> Any:
    """A stand-in's nesting and item types, with the axes whose length is lost."""
    def shape(value: Any) -> Any:
        if isinstance(value, ListVal):
            return tuple(shape(item) for item in value.items)
        return type(value)
    return shape(found[0]), found[1]


def _converted_stand_in(result: Tensor, lost_axes: Tuple[int, ...]) -> UnknownTensor:
    """The tensor the op made of a stand-in (_stand_in), as the analysis knows the real one: its
    dtype and shape, the lost axes' lengths lost, its values not known."""
    dims = result.get_shape().dims_tuple
    if dims is None:
        converted = UnknownTensor()
        converted.dtype = result.dtype
    else:
        converted = _partly_known(TensorShape([LOST if axis in lost_axes else dim for axis, dim in enumerate(dims)]),
                                  result.dtype)
    converted.op = result.op
    converted.name = result.name
    converted.deps = result.deps
    return converted


def _argument_at(where: Tuple[int, str], args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """The argument a runtime op declares by (position, keyword) (`shape_argument`,
    `control_argument`, `itemwise_argument`), as given; None when it is not."""
    position, keyword = where
    return args[position] if len(args) > position else kwargs.get(keyword)


def _replace_argument(where: Tuple[int, str], args: List[Any], kwargs: Dict[str, Any], value: Any) -> Tuple[
        List[Any], Dict[str, Any]]:
    """The arguments with the one declared by `where` replaced by `value`, where it is given."""
    position, keyword = where
    if len(args) > position:
        return list(args[:position]) + [value] + list(args[position + 1:]), kwargs
    if keyword in kwargs:
        return args, dict(kwargs, **{keyword: value})
    return args, kwargs


def _with_dependencies(result: Any, function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """An op's result the analysis could not compute is still computed from its inputs alone (an
    op the runtime could not run on a lost shape, `tf.matmul(a, w)` with w of a pickle's shape;
    `tf.stack(results)` of a list a loop of unknown trip count grew: HMR's SMPL), so it depends
    on what they depend on, where that is known of each."""
    if isinstance(result, UnknownTensor):
        inputs = tuple(_dependency_inputs(a) for a in args), {k: _dependency_inputs(v) for k, v in kwargs.items()}
        result.deps = dependencies.of_result(function, *inputs)
        result.gathered = dependencies.gathered_of_result(function, *inputs)
        result.maybe_slices = dependencies.may_be_slices(list(inputs[0]) + list(inputs[1].values()))
    return result


# values that are a tensor (dependencies.of reads its own) or hold none (an op's configuration)
_NO_TENSOR_INSIDE = (Tensor, Op, ArrayVal, Pattern, DType, Dimension, TensorShape, slice, JoinedScalar)


def _dependency_inputs(value: Any) -> Any:
    """`value` as dependencies.of reads it: the items of a list, grown or not, each in turn; a
    value that may be or hold a tensor the analysis lost as one whose dependencies are unknown."""
    if isinstance(value, ListVal):
        return [_dependency_inputs(item) for item in value.items]
    if isinstance(value, _NO_TENSOR_INSIDE) or is_concrete(value) or value is LOST or value is Ellipsis:
        return value
    return UnknownTensor()


def _lost_dims(shape: Any) -> Any:
    if isinstance(shape, ListVal) and not shape.poisoned and any(lost_dimension(item) for item in shape.items):
        return ListVal([LOST if lost_dimension(item) else item for item in shape.items], shape.is_tuple)
    return shape


_NAMEDTUPLE_ATTRIBUTES = frozenset({"_fields", "_replace", "_asdict", "_make", "_field_defaults"})


def _container_has(container: Any, attr: str) -> Any:
    """hasattr of a list, tuple, namedtuple or dict the analysis holds: what Python's own types
    have, a namedtuple's fields and helpers besides; unknown for a class of the program's
    deriving from a namedtuple (its own attributes)."""
    if isinstance(container, DictVal):
        return hasattr({}, attr)
    if container.fields is not None:
        if attr in container.fields or attr in _NAMEDTUPLE_ATTRIBUTES:
            return True
        if container.cls is not None:
            return UNKNOWN
    return hasattr(() if container.is_tuple else [], attr)


def _of_unknown_rank(value: Any) -> Any:
    """A tensor of a lost shape and a known dtype as an op's input: a runtime tensor of that dtype
    and of unknown rank, which the op's shape function reads as TF's would (it has no TensorShape
    of its own), so that the op's result has its dtype (a convolution of a slice at an unknown
    index: ptn's rotator); real_call loses the result's shape again (_touches_unknown)."""
    if not isinstance(value, UnknownTensor) or value.refined is not None or not isinstance(value.dtype, DType):
        return value
    proxy = Tensor(None, value.dtype, "", "Unknown")
    proxy.deps = value.deps
    return proxy


def _touches_unknown(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> bool:
    if _select_of_known(function, args):
        return False  # `tf.where(mask, inputs, lost)`: the result is shaped like inputs (runtime.api.where)
    paddings = args[1] if len(args) > 1 else kwargs.get("paddings")
    if getattr(function, "__name__", "") == "pad" and (isinstance(paddings, Tensor) and getattr(
            paddings, "constant_value", None) is None or _holds_tensor(paddings)):
        return True  # paddings computed: what TF folds of them is not known here
    values = list(args) + list(kwargs.values()) + [getattr(function, "__self__", None)]
    for value in values:
        if _lost_shape(value):
            return True
        if isinstance(value, ListVal) and any(_lost_shape(item) for item in value.items):
            return True
    return False


def _holds_tensor(value: Any) -> bool:
    """A list (of lists) with a tensor among its items: `[[0, 0], [0, n - tf.shape(x)[1]]]`."""
    items = value.items if isinstance(value, ListVal) else None
    return items is not None and any(isinstance(item, Tensor) or _holds_tensor(item) for item in items)


def _input_dtypes_known(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """Whether every tensor among a call's inputs has a known dtype (a runtime op computes its
    result's dtype from theirs, whatever their shapes)."""
    pending = list(args) + list(kwargs.values()) + [getattr(function, "__self__", None)]
    while pending:
        value = pending.pop()
        if isinstance(value, ListVal):
            pending.extend(value.items)
        elif isinstance(value, Tensor) and not isinstance(value.dtype, DType):
            return False
    return True


def _shapes_fully_known(args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """Whether every tensor among the arguments (and the items of a list of them) has a shape
    whose every dimension the analysis knows, and at least one tensor is there."""
    tensors = [item for value in list(args) + list(kwargs.values())
               for item in (value.items if isinstance(value, ListVal) else [value]) if isinstance(item, Tensor)]
    return bool(tensors) and all(
        not _lost_shape(t) and t.get_shape().dims_tuple is not None and
        all(isinstance(d, int) for d in t.get_shape().dims_tuple) for t in tensors)


def _lost_shape(value: Any) -> bool:
    """A tensor whose shape the analysis lost: an UnknownTensor, or a variable of a shape it could
    not compute (its kernel in `tf.nn.conv2d(x, kernel)` must not give TF's unknown channels)."""
    if isinstance(value, UnknownTensor):
        # unless `set_shape` gave it a rank, and its dtype is known: then it is a tensor of a partly
        # known shape, its lost dims shapes.LOST, which the runtime's ops carry through
        return value.refined is None or not isinstance(value.dtype, DType)
    return isinstance(value, VarVal) and not value.shape_known


def _itemwise_list(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Optional[ListVal]:
    """The list an op maps item by item (its `itemwise_argument`), as given; None for other ops."""
    where = getattr(function, "itemwise_argument", None)
    given = _argument_at(where, args, kwargs) if where is not None else None
    return given if isinstance(given, ListVal) else None


def _itemwise_lost(function: Any, args: List[Any], kwargs: Dict[str, Any], result: Tuple[Any, ...]) -> Tuple[
        Any, ...]:
    """`tf.clip_by_global_norm(grads, 5.0)`: a tensor clipped is shaped as it was, so one whose
    shape the analysis lost stays lost (and keeps its dtype), and an item lost stays lost; the
    others are the runtime's."""
    given = _itemwise_list(function, args, kwargs)
    if given is None or given.items is None or len(result) != 2 or len(given.items) != len(result[0]):
        return result
    items, (clipped, norm) = given.items, result
    out = []
    for item, tensor in zip(items, clipped):
        if not isinstance(item, Tensor) and item is not None:
            tensor = UNKNOWN  # lost, and maybe None (no gradient), which stays None clipped
        elif tensor is not None and _lost_shape(item):
            lost = UnknownTensor(tensor.op)
            dtype = getattr(item, "dtype", None)
            lost.dtype = dtype if isinstance(dtype, DType) else UNKNOWN
            tensor = lost
        out.append(tensor)
    return out, norm


def _select_of_partly_known(args: List[Any], kwargs: Dict[str, Any]) -> Optional[UnknownTensor]:
    """`tf.where(cond, x, y)` (TF1's Select) with one of x and y lost: TF merges their shapes, so
    the dims the other one knows are the result's (Kyubyong's Transformer masks a sinusoid table
    the analysis could not compute: `tf.where(tf.equal(inputs, 0), inputs, table)` is shaped like
    inputs); a dim it leaves to TF may be the lost one's, so lost. None when neither, or both,
    is a tensor of known rank, or the call is not `where(cond, x, y)`."""
    if len(args) != 3 or kwargs:
        return None
    known = [t for t in args[1:] if isinstance(t, Tensor) and not _lost_shape(t)]
    if len(known) != 1 or not all(t is UNKNOWN or isinstance(t, Tensor) for t in args[1:]):
        return None
    dims = known[0].get_shape().dims_tuple
    if dims is None:
        return None
    dtype = known[0].dtype.base_dtype if isinstance(known[0].dtype, DType) else UNKNOWN
    return _partly_known(TensorShape([LOST if d is None else d for d in dims]), dtype)


def _select_of_known(function: Any, args: List[Any]) -> bool:
    """`tf.where(condition, x, y)` with x of a fully defined shape: TF's result has x's shape."""
    return getattr(function, "__name__", "") == "where" and len(args) == 3 and isinstance(args[1], Tensor) and \
        not isinstance(args[1], UnknownTensor) and args[1].get_shape().is_fully_defined()


def _over_grown(name: str, lists: List[Optional[List[Any]]]) -> Optional[ListVal]:
    """`enumerate(cells)`, `zip(cells, sizes)`, `list(cells)` of a list a loop of unknown trip
    count grew (ListVal.grown), given each argument's loop items: the items it holds on the paths
    the analysis ran, grown too, so that a loop over the result (MultiRNNCell's over its cells)
    runs each on some paths only."""
    if any(items is None for items in lists):
        return None
    if name == "enumerate":
        if len(lists) != 1:
            return None
        items: List[Any] = [ListVal([index, item], True) for index, item in enumerate(lists[0])]
    elif name == "zip":
        items = [ListVal(list(group), True) for group in zip(*lists)]  # type: ignore[arg-type]
    elif len(lists) == 1:
        items = list(reversed(lists[0])) if name == "reversed" else list(lists[0])  # type: ignore[arg-type]
    else:
        return None
    return ListVal(items, is_tuple=name == "tuple", grown=True)


def _partial_result(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Optional[UnknownTensor]:
    """What TF knows of an op's result when an input is lost but the other arguments fix its
    shape, from the runtime's shape functions: `tf.reshape(lost, [4, 15])` has that shape (a -1
    lost), and `tf.concat([x, lost], 1)` is the runtime's concat with the lost tensor taken as
    one of x's rank whose dims are all lost (they agree with x's but on the axis), x's dtype.
    None for any other op."""
    name = getattr(function, "__name__", "")
    if name == "where":
        return _select_of_partly_known(args, kwargs)
    if name == "pad":
        return _padded_by_computed(args, kwargs)
    if name == "reshape":
        shape = args[1] if len(args) > 1 else kwargs.get("shape")
        source = args[0] if args else kwargs.get("tensor")
        if shape is UNKNOWN and isinstance(source, Tensor) and isinstance(source.dtype, DType):
            # `tf.reshape(image, tf.stack([300, 300, channels]))` with the stack lost: a reshape
            # keeps its input's dtype whatever the shape (SSD-Tensorflow's preprocessing); the
            # shape is lost, not TF's unknown rank (BERT's get_shape_list would take it to raise)
            result = UnknownTensor()
            result.dtype = source.dtype.base_dtype
            return result
        items = shape.items if isinstance(shape, ListVal) and not shape.grown else None
        # (a dim computed in the graph, `batch_size * 10`, is one TF may infer from the input's size:
        # lost here, as the input's size is)
        if items is None or not all(isinstance(d, int) and not isinstance(d, bool) or d is LOST or d is UNKNOWN or
                                    isinstance(d, Tensor) for d in items):
            return None
        if isinstance(source, Tensor) and not _lost_shape(source):
            return None  # the runtime's reshape ran on it and refused it (TF raises too)
        wanted = reshape_shape(TensorShape(None), [LOST if d is UNKNOWN or isinstance(d, Tensor) else d
                                                   for d in items]).dims_tuple
        if wanted is None:
            return None
        dtype = source.dtype.base_dtype if isinstance(source, Tensor) and isinstance(source.dtype, DType) else UNKNOWN
        return _partly_known(TensorShape([LOST if d is None else d for d in wanted]), dtype)
    if name == "concat":
        values = args[0] if args else kwargs.get("values")
        axis = args[1] if len(args) > 1 else kwargs.get("axis")
        items = values.items if isinstance(values, ListVal) and not values.grown else None
        if not items or not isinstance(axis, int) or not all(isinstance(t, Tensor) for t in items) or \
                not any(_lost_shape(t) for t in items):
            return None  # (none lost: the runtime's concat ran on them and refused them, as TF does)
        known = [t for t in items if not _lost_shape(t) and t.get_shape().dims_tuple is not None]
        dtypes = {t.dtype.base_dtype for t in items if isinstance(t.dtype, DType)}
        if not known or len(dtypes) != 1:
            return None
        dtype = dtypes.pop()
        rank = len(known[0].get_shape().dims_tuple)
        stand_ins = [Tensor([LOST] * rank, dtype) if _lost_shape(t) else t for t in items]
        try:
            result = function(stand_ins, axis)
        except (TypeError, ValueError):
            return None
        return _partly_known(result.get_shape(), dtype) if result.get_shape().dims_tuple is not None else None
    return None


# The runtime's ops whose result's shape is their shape argument, whatever their other inputs
_SHAPE_FROM_ARGUMENT = frozenset({"fill", "scatter_nd", "zeros", "ones", "random_normal", "random_uniform",
                                  "truncated_normal", "constant"})


def _shape_of_argument(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Optional[TensorShape]:
    """The shape of `tf.fill(dims, value)`, `tf.scatter_nd(indices, updates, shape)` and the like
    when the shape argument is known and another input is lost (a fill value read from a
    vocabulary file: ELECTRA's masking); None for any other op or shape."""
    if getattr(function, "__name__", "") not in _SHAPE_FROM_ARGUMENT:
        return None
    given = _argument_at(function.shape_argument, args, kwargs)
    items = given.items if isinstance(given, ListVal) and not given.grown and not given.poisoned else None
    if items is None or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 or d is LOST
                                for d in items):
        return None
    return TensorShape(list(items))


def _elementwise_of_shaped(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """An elementwise op (or matmul) whose operands' shapes are all known, some dtype lost: the
    runtime computed its result's shape from their shapes alone."""
    if _elementwise_kind(function) is None or kwargs:
        return False
    return all(not _lost_shape(a) or isinstance(a, UnknownTensor) and a.refined is not None for a in args)


def _padded_by_computed(args: List[Any], kwargs: Dict[str, Any]) -> Optional[UnknownTensor]:
    """`tf.pad(x, paddings)` with paddings computed in the graph (`tf.stack([0, tf.maximum(n -
    tf.shape(x)[0], 0)])`) or lost: TF folds what it can of them, so each dim may be known to it
    or not, lost here; the rank and the dtype are the input's whatever the paddings (TF's Pad).
    SSD-Tensorflow's tf_extended.pad_axis pads so, by a size computed from a shape list, then
    reshapes the result to a shape stacked from known ints, which TF knows whole. None when the
    input's dtype is lost; a tensor of its dtype and a lost shape when its rank is."""
    source = args[0] if args else kwargs.get("tensor")
    if not isinstance(source, Tensor) or not isinstance(source.dtype, DType):
        return None
    dims = None if _lost_shape(source) else source.get_shape().dims_tuple
    if dims is None:
        result = UnknownTensor()
        result.dtype = source.dtype.base_dtype
        return result
    return _partly_known(TensorShape([LOST] * len(dims)), source.dtype.base_dtype)


def _partly_known(shape: TensorShape, dtype: Any) -> UnknownTensor:
    result = UnknownTensor()
    result.refined = result._shape = shape
    result.dtype = dtype
    return result


def _unknown_result(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Any:
    result = _unknown_result_of(function, args, kwargs)
    shape = _shape_of_argument(function, args, kwargs)
    if shape is not None and isinstance(result, UnknownTensor) and result.refined is None:
        result.refined = result._shape = shape  # `tf.fill([B, N], lost)`: a value lost, its shape given
    return result


def _unknown_result_of(function: Any, args: List[Any], kwargs: Dict[str, Any]) -> Any:
    name = getattr(function, "__name__", "")
    if name in ("py_func", "numpy_function"):
        # `tf.py_func(fn, inputs, tf.uint8)`: fn runs with the session; the dtypes are the ones given
        given = args[2] if len(args) > 2 else kwargs.get("Tout")
        dtypes = given.items if isinstance(given, ListVal) else [given]
        if all(isinstance(d, DType) for d in dtypes):
            return _from_python(function(None, [], list(dtypes) if isinstance(given, ListVal) else given))
        return UNKNOWN
    if name == "reshape":
        partial = _partial_result(function, args, kwargs)
        if partial is not None:
            return partial  # `tf.reshape(lost, tf.stack([tf.shape(lost)[0], -1]))` (tensorpack's batch_flatten)
    if name in _DTYPE_OF_OPERANDS:
        operands = [a for a in args[:2] if isinstance(a, Tensor)]
        dtypes = {a.dtype.base_dtype if isinstance(a.dtype, DType) else None for a in operands}
        if len(dtypes) == 1 and None not in dtypes:
            result = UnknownTensor()
            result.dtype = dtypes.pop()  # a layer's matmul and bias of a lost rank (tensorpack's FullyConnected)
            return result
    if name == "shape" and len(args) == 1 and "out_type" not in kwargs:
        result = UnknownTensor()
        result.dtype = as_dtype("int32")
        return result
    if name in ("stack", "parallel_stack", "concat"):
        joined = _joined_items_dtype(args[0] if args else kwargs.get("values"))
        if joined is not None:
            result = UnknownTensor()
            result.dtype = joined  # `tf.stack([tf.shape(lost)[0], -1])`: int32 (tensorpack's batch_flatten)
            return result
    if _select_of_known(function, args) and not kwargs:
        result = function(args[1], args[1], args[1])  # shaped like x; y is lost
        result.deps = None  # and what y depends on is not known
        return result
    if name == "where":
        partial = _partial_result(function, args, kwargs)
        if partial is not None:
            return partial  # `tf.where(mask, inputs, lost)`: inputs' dims (what y depends on not known)
    if name == "split":
        # sizes partly lost (spinningup's MpiAdamOptimizer splits its flat gradient by the
        # variables' sizes): still one part per size, of the value's dtype, shapes lost
        sizes = args[1] if len(args) > 1 else kwargs.get("num_or_size_splits")
        value = args[0] if args else kwargs.get("value")
        if isinstance(sizes, ListVal) and not sizes.grown and not sizes.poisoned:
            parts = [UnknownTensor() for _ in sizes.items]
            if isinstance(value, Tensor) and isinstance(value.dtype, DType):
                for part in parts:
                    part.dtype = value.dtype.base_dtype
            return ListVal(parts)
    if name == "gradients" and len(args) > 1 and isinstance(args[1], ListVal):
        # A variable the runtime can tell the loss does not depend on has no gradient (in a list
        # of variables some made on some paths only: `var_list=tf.trainable_variables()` after
        # an undecided branch); any other is assumed reached.
        grads: List[Any] = []
        for x in args[1].items:
            grad: Any = UnknownTensor()
            if isinstance(args[0], Tensor) and isinstance(x, Tensor) and not kwargs and len(args) == 2:
                try:
                    grad = function(args[0], [x])[0]
                except Exception:  # noqa: BLE001 - what the runtime cannot take stays assumed reached
                    grad = UnknownTensor()
            grads.append(grad)
        return ListVal(grads, grown=args[1].grown)
    partial = _partial_result(function, args, kwargs)
    if partial is not None:
        return partial
    dtype_argument = getattr(function, "dtype_argument", None)  # runtime.api's tensor-making ops
    if dtype_argument is not None:
        # a shape lost, a dtype given (`tf.placeholder(tf.int32, shape=adj.shape)`): the dtype is known
        position, default = dtype_argument
        given = args[position] if len(args) > position else kwargs.get("dtype", default)
        result = UnknownTensor()
        if given is not None and is_concrete(given) or isinstance(given, DType):
            try:
                result.dtype = as_dtype(given).base_dtype
            except (TypeError, ValueError):
                pass
        return result
    if isinstance(getattr(function, "__self__", None), Tensor):
        return UnknownTensor()
    if name in _DTYPE_OF_PARAMS or name in _DTYPE_OF_INPUT:
        result = UnknownTensor()
        dtype = _dtype_of_first_input(name, args, kwargs)
        if dtype is not None:
            result.dtype = dtype
        return result
    if any(isinstance(a, Tensor) for a in args):
        result = UnknownTensor()
        dtype = _elementwise_dtype(function, args)
        if dtype is not None:
            result.dtype = dtype
        return result
    if getattr(function, "__annotations__", {}).get("return") in ("Tensor", Tensor):
        # an op of the runtime's, which makes a tensor whatever it is given (never None):
        # `tf.add_n(losses)` of losses the analysis lost is still a tensor
        result = UnknownTensor()
        if name in _DTYPE_OF_VALUES:
            values = args[0] if args else kwargs.get("inputs", kwargs.get("values"))
            items = values.items if isinstance(values, ListVal) and not values.grown else [UNKNOWN]
            dtypes = {v.dtype.base_dtype if isinstance(v, Tensor) and isinstance(v.dtype, DType) else None
                      for v in items}
            if len(dtypes) == 1 and None not in dtypes:
                result.dtype = dtypes.pop()
        return result
    return UNKNOWN


def _dtype_of_first_input(name: str, args: List[Any], kwargs: Dict[str, Any]) -> Optional[DType]:
    """The dtype of an op whose result has its first input's, whatever its other inputs are
    (_DTYPE_OF_PARAMS, _DTYPE_OF_INPUT); None for any other op, or a first input's dtype lost.
    `embedding_lookup(params, ids)` with ids lost (a vocabulary table's lookup): params' dtype (a
    list of shards: theirs, if they agree); `tf.transpose(x)`, `tf.slice(x, ...)` and the like of a
    tensor whose shape is lost (GraphSAGE's adjacency table sampled), `tf.reshape(x, shape)` to a
    shape computed from a lost one (SSD-Tensorflow's tf_extended.pad_axis): x's dtype."""
    if name not in _DTYPE_OF_PARAMS and name not in _DTYPE_OF_INPUT:
        return None
    params = args[0] if args else next((kwargs[k] for k in _INPUT_KEYWORDS if k in kwargs), None)
    shards = params.items if isinstance(params, ListVal) and not params.grown else [params]
    dtypes = {p.dtype.base_dtype if isinstance(p, Tensor) and isinstance(p.dtype, DType) else None for p in shards}
    if len(dtypes) == 1 and None not in dtypes and (len(shards) == 1 or name in _DTYPE_OF_PARAMS):
        return dtypes.pop()
    return None


# ops whose result has the dtype of the tensors they are given (in a list, their first argument)
_DTYPE_OF_VALUES = frozenset({"add_n", "concat", "stack", "parallel_stack", "accumulate_n"})
_DTYPE_OF_PARAMS = frozenset({"embedding_lookup", "gather"})
# the runtime's ops (by their function's name) whose result has their first input's dtype,
# whatever its shape: tf.identity, stop_gradient, transpose, reverse, squeeze, expand_dims, tile,
# pad, random_shuffle, reduce_max/min/sum/prod, clip_by_value, depth_to_space, space_to_depth, slice;
# the convolutions and poolings (slim's conv2d of an input whose rank is lost passes strides it
# computed from that rank: ptn's rotator encodes a view picked at an unknown index)
_DTYPE_OF_INPUT = frozenset({
    "Identity", "StopGradient", "transpose", "ReverseV2", "squeeze", "expand_dims", "tile", "pad", "RandomShuffle",
    "reshape", "Max", "Min", "Sum", "Prod", "Clip_by_value", "depth_to_space", "space_to_depth", "slice_",
    "convolution", "conv1d", "conv2d", "conv3d", "atrous_conv2d", "depthwise_conv2d", "separable_conv2d", "pool",
    "MaxPool", "AvgPool", "MaxPool3D", "AvgPool3D",
})
_INPUT_KEYWORDS = ("params", "input", "x", "tensor", "value", "a", "input_tensor", "t")
_SHAPE_KEEPING_CASTS = frozenset({"cast", "to_float", "to_int32", "to_int64", "to_double", "saturate_cast"})
# `open(path)` for reading: the label of its file, with the path relative to the analysed file's
# directory (the program runs as `python FILE` from there)
_READ_FILE = "file:"
MAX_DATA_FILE_BYTES = 1 << 20


def opened_file(args: List[Any], kwargs: Dict[str, Any], directory: str) -> OpaqueVal:
    """A file `open(path, mode)` opens (tf.gfile's GFile too: its model calls open): kept by its
    path when it is opened for reading by a known one, for json.load (read_data_file); inert
    either way."""
    path = args[0] if args else kwargs.get("file")
    mode = args[1] if len(args) > 1 else kwargs.get("mode")
    if isinstance(path, str) and (mode is None or mode in ("r", "rt")):
        return OpaqueVal(_READ_FILE + os.path.join(directory, path), inert=True)
    return OpaqueVal("file", inert=True)


def is_read_file(value: Any) -> bool:
    """A file the program opened for reading by a known path (`open`, above)."""
    return isinstance(value, OpaqueVal) and value.label.startswith(_READ_FILE)


def read_data_file(value: Any) -> Optional[str]:
    """The text of such a file, when it exists beside the analysed file and is small: a project's
    data, read, not run (tensorflow-wavenet's wavenet_params.json)."""
    if not is_read_file(value):
        return None
    path = value.label[len(_READ_FILE):]
    try:
        if os.path.getsize(path) > MAX_DATA_FILE_BYTES:
            return None
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


class ReadFileText:
    """`f.read()` of a file the program opened for reading by a known path (`with
    tf.gfile.GFile(json_file, "r") as reader: text = reader.read()`: BERT's and ALBERT's configs
    from_json_file): its text, or unknown past read_data_file's limits."""

    def __init__(self, opened: OpaqueVal) -> None:
        self.opened = opened

    def invoke(self, interp: Any, args: List[Any], kwargs: Dict[str, Any], st: Any) -> Any:
        text = read_data_file(self.opened) if not args and not kwargs else None
        return text if text is not None else UNKNOWN


_ELEMENTWISE_OPERATORS = {operator.add: "Add", operator.sub: "Sub", operator.mul: "Mul", operator.matmul: "MatMul",
                          operator.floordiv: "floordiv", operator.mod: "FloorMod", operator.pow: "Pow",
                          operator.truediv: "truediv"}


def _elementwise_kind(function: Any) -> Optional[str]:
    kind = _ELEMENTWISE_OPERATORS.get(function) if callable(function) and not isinstance(function, type) \
        else None
    return kind or getattr(function, "elementwise", None)


# Ops whose result has the one dtype of their tensor operands (the first two arguments),
# whatever the shapes and the other arguments: what the analysis keeps of them when it cannot
# run them (an operand of a lost rank).
_DTYPE_OF_OPERANDS = frozenset({
    "matmul", "tensordot", "bias_add", "Identity", "identity", "dropout", "relu", "relu6", "elu", "selu",
    "leaky_relu", "sigmoid", "tanh", "softplus", "softsign", "softmax", "log_softmax", "transpose", "squeeze",
    "expand_dims", "tile", "getitem", "l2_normalize", "clip_by_value", "stop_gradient",
})


def _joined_items_dtype(items: Any) -> Optional[DType]:
    """The dtype of a stack or concat of `items`: their tensors' one known dtype, the Python
    numbers among them converting to it (an int to any, a float to a floating one)."""
    if not isinstance(items, ListVal) or items.grown or items.poisoned:
        return None
    dtypes = {i.dtype.base_dtype if isinstance(i, Tensor) and isinstance(i.dtype, DType) else None
              for i in items.items if isinstance(i, Tensor)}
    if len(dtypes) != 1 or None in dtypes:
        return None
    dtype = dtypes.pop()
    for item in items.items:
        if isinstance(item, Tensor):
            continue
        if isinstance(item, bool) or not isinstance(item, (int, float)) or \
                isinstance(item, float) and not dtype.is_floating:
            return None
    return dtype


def _elementwise_dtype(function: Any, args: List[Any]) -> Optional[DType]:
    """An elementwise op of tensors whose shape is lost (`x * table`): TF requires its operands'
    dtypes to agree, so the result has theirs (a comparison, bool); a true division of integers
    is float in TF, so it is left unknown."""
    kind = _elementwise_kind(function)
    if kind is None:
        return None
    dtypes = {a.dtype.base_dtype for a in args if isinstance(a, Tensor) and isinstance(a.dtype, DType)}
    if len(dtypes) != 1:
        return None
    dtype = dtypes.pop()
    if kind in COMPARISONS:
        return as_dtype("bool")
    if kind in ("truediv", "div") and not dtype.is_floating:
        return None
    return dtype


def _orderable(key: Any) -> bool:
    """A sort key Python orders by value: a string, a number, or a tuple or list of them (not a
    tensor, whose comparison builds an op)."""
    if isinstance(key, (tuple, list)):
        return all(_orderable(k) for k in key)
    return isinstance(key, (str, bytes, int, float)) and key is not MISSING


_FUNCTION_NAMES = frozenset({"__name__", "__qualname__", "__module__"})
_BUILTIN_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "tuple": tuple,
                  "dict": dict, "set": set, "bytes": bytes, "object": object}


def _subclass_of(cls: ClassVal, option: ClassVal) -> Any:
    """Whether the program's class `cls` derives from `option` (UNKNOWN past an unknown base)."""
    if cls is option:
        return True
    # A namedtuple base (`class GANModel(collections.namedtuple(...))`) is no class of the program's.
    return _any_of([_subclass_of(base, option) if isinstance(base, ClassVal) else
                    False if isinstance(base, NamedTupleClass) else UNKNOWN for base in cls.bases])


def _any_of(answers: List[Any]) -> Any:
    """`or` of answers that may be unknown: True if one is, False if all are, else UNKNOWN."""
    if True in answers:
        return True
    return UNKNOWN if any(a is not False for a in answers) else False


def _plain_function() -> None:
    """What every function object has (hasattr of a function the program did not give `attr`)."""


# The public attributes of a graph tensor (dir() of one in TF 2.21's compat.v1).
_TENSOR_ATTRIBUTES = frozenset({
    "OVERLOADABLE_OPERATORS", "consumers", "device", "dtype", "eval", "experimental_ref", "get_shape", "graph",
    "name", "ndim", "op", "ref", "set_shape", "shape", "value_index"})


def _class_has(cls: ClassVal, attr: str, builtin: type) -> Any:
    """Whether the program's class (or, `builtin` object, its instances) has `attr`: its own
    attributes or its bases', or what every class or object has (`__init__`, `mro`); unknown past
    a base the analysis does not know, or a class changed where it could not follow."""
    for owner in [cls] + list(cls.bases):
        if isinstance(owner, ClassVal):
            found = _class_has(owner, attr, builtin) if owner is not cls else (attr in cls.attrs or None)
            if found is True or found is UNKNOWN:
                return found
            if not owner.attrs_complete:
                return UNKNOWN
        elif not (isinstance(owner, BuiltinFn) and owner.name == "object"):
            return UNKNOWN  # an unknown base may define anything
    if hasattr(builtin, attr) or hasattr(object, attr):
        return True
    return UNKNOWN if attr.startswith("__") else False


def _issubclass(cls: Any, classes: Any) -> Any:
    """issubclass() of a class of the program's and classes of the program's (stable-baselines'
    `register_policy` finds a policy's base so); anything else is unknown."""
    options = classes.items if isinstance(classes, ListVal) and classes.is_tuple else [classes]
    if not isinstance(cls, ClassVal) or not options or not all(isinstance(o, ClassVal) for o in options):
        return UNKNOWN
    return _any_of([_subclass_of(cls, option) for option in options])


def _modelled_optimizer(cls: ClassVal) -> bool:
    """A class of the models (tf/models/train.py) deriving from their tf.train.Optimizer."""
    from scopelint.analysis import models

    if not (isinstance(cls.node, ast.ClassDef) and models.is_model_node(cls.node)):
        return False
    return cls.name == "Optimizer" or any(isinstance(b, ClassVal) and _modelled_optimizer(b) for b in cls.bases)


def _unmodelled_optimizer_class(qualname: str) -> bool:
    short = tf_api.short_name(qualname) or ""
    return short.endswith("Optimizer") and registry.lookup(tf_api.canonical(qualname)) is None


def _data_set(sources: List[Any]) -> Any:
    """A set whose contents or order the analysis cannot follow: a builtin set still, whose
    methods (`a.intersection(b)`) run no program code and build nothing; made of data (strings,
    tensors, a library's inert values), its items are data too, else unknown."""
    if sources and all(is_plain_data(v) and v is not UNKNOWN for v in sources):
        return OpaqueVal("set", inert=True)
    return SetOfLost("set")


def _ancestor_fields(cls: ClassVal) -> Optional[Tuple[str, ...]]:
    from scopelint.analysis.values import namedtuple_ancestor

    ancestor = namedtuple_ancestor(cls)
    return ancestor.fields if ancestor is not None else None


def _no_tuple(value: Any) -> bool:
    """A value no tuple, hence no namedtuple, can be: None, a number or string, a dict, a tensor."""
    return value is None or is_concrete(value) and not isinstance(value, tuple) or \
        isinstance(value, (DictVal, Pattern, ArrayVal)) or isinstance(value, Tensor) and not isinstance(value, Opaque)


class _ProgramObject:
    """The Python type of a class or function object of the program's (or of one of TF's
    initializers, or an iterator), as isinstance() sees it against the builtin types: an object,
    and none of them."""


# TF's classes whose instances the analysis holds as its own tensors and variables: no Python
# value, object or function of the program's, or initializer is one (tflearn's variable()
# `if not callable(initializer) and isinstance(initializer, tf.Tensor): shape = None`)
_TENSOR_CLASSES = frozenset({"Tensor", "Variable", "VariableV1", "SparseTensor", "IndexedSlices", "RaggedTensor",
                             "Operation"})


def _tensor_class(option: Any) -> bool:
    return isinstance(option, ApiFn) and tf_api.short_name(option.qualname) in _TENSOR_CLASSES


def _plain_class(cls: ClassVal) -> bool:
    """A class of the program's whose bases are all known classes of the program's (or object):
    no builtin value is an instance of it."""
    return all(isinstance(base, ClassVal) and _plain_class(base) or
               isinstance(base, BuiltinFn) and base.name == "object" for base in cls.bases)


def _isinstance(value: Any, classes: Any) -> Any:
    """isinstance() when both the value's type and the classes are known."""
    options = classes.items if isinstance(classes, ListVal) else [classes]
    if value is UNKNOWN or isinstance(value, Pattern) and False:
        return UNKNOWN
    if options and all(isinstance(o, ModuleVal) and o.qualname == "types.ModuleType" for o in options):
        return _is_module(value)
    if options and all(isinstance(o, NamedTupleClass) for o in options):
        # `isinstance(params, Params)` for a namedtuple class: None, a number, a string, a dict or
        # a plain tuple is none; a namedtuple of other fields is of another class
        if value is None or is_concrete(value) or isinstance(value, (DictVal, Tensor)) or \
                isinstance(value, ListVal) and (value.fields is None or all(o.fields != value.fields for o in options)):
            return False
        if isinstance(value, ListVal) and any(value.namedtuple is o for o in options):
            return True  # made by that very class (`SSDNet.default_params._replace(...)`)
        if isinstance(value, ListVal) and isinstance(value.namedtuple, NamedTupleClass):
            return False  # made by another namedtuple class of the same fields (slim's Conv / DepthSepConv)
        return UNKNOWN
    if any(isinstance(o, ClassVal) for o in options):
        answers = []
        for option in options:
            if isinstance(option, ClassVal) and isinstance(value, (InstanceVal, DictVal, ListVal)) and \
                    value.cls is not None:
                answers.append(_subclass_of(value.cls, option))  # a ListVal's: its namedtuple-derived class
            elif isinstance(option, ClassVal) and _ancestor_fields(option) is not None and _no_tuple(value):
                answers.append(False)  # `isinstance(size, LSTMStateTuple)` of a cell's int state size
            elif isinstance(option, ClassVal) and isinstance(value, ListVal) and value.fields is not None and \
                    _ancestor_fields(option) not in (None, value.fields):
                answers.append(False)  # a namedtuple of other fields (a GANModel is no CycleGANModel)
            elif isinstance(option, ClassVal) and _plain_class(option) and (
                    is_concrete(value) or isinstance(value, (ListVal, DictVal, Pattern, Tensor, ArrayVal))):
                answers.append(False)
            elif isinstance(option, ClassVal) and _plain_class(option) and \
                    isinstance(value, (ClassVal, FunctionVal, BoundMethod)):
                answers.append(False)  # a class or function object: an instance of type (no plain class)
            elif isinstance(option, BuiltinFn) and option.name in _BUILTIN_TYPES and isinstance(value, InstanceVal) \
                    and _plain_class(value.cls):
                answers.append(option.name == "object")
            else:
                answers.append(_isinstance(value, option) if not isinstance(option, ClassVal) else UNKNOWN)
        return _any_of(answers)
    if isinstance(value, InstanceVal) and _modelled_optimizer(value.cls) and options and all(
            isinstance(o, ApiFn) and _unmodelled_optimizer_class(o.qualname) for o in options):
        # TF's optimizers derive from tf.train.Optimizer directly: a modelled one (Adam) is no
        # instance of another optimizer class (SyncReplicasOptimizer), modelled or not.
        return False
    if isinstance(value, PartitionedVariable) and options and all(
            isinstance(o, ApiFn) and tf_api.short_name(o.qualname) in ("Variable", "VariableV1", "Tensor")
            for o in options):
        return False  # TF's PartitionedVariable is neither a tf.Variable nor a tensor
    # `isinstance(scope, tf.VariableScope)` (a scope object, or a name or None) and
    # `isinstance(shapes, tf.TensorShape)` (a shape, or a tuple of dims): TF classes whose
    # instances the analysis holds as values of its own type
    for class_name, value_type in (("VariableScope", ScopeVal), ("TensorShape", TensorShape)):
        classes = [o for o in options if isinstance(o, ApiFn) and tf_api.short_name(o.qualname) == class_name]
        if not classes:
            continue
        if isinstance(value, value_type):
            return True
        if isinstance(value, (ListVal, DictVal, Pattern)) or is_concrete(value) or \
                isinstance(value, Tensor) and not isinstance(value, Opaque):
            others = [o for o in options if o not in classes]
            return _isinstance(value, ListVal(others, True)) if others else False
    if isinstance(value, Tensor) and not isinstance(value, Opaque):  # an Opaque stands for anything
        return _tensor_isinstance(value, options)
    if isinstance(value, ApiFn) and options and all(isinstance(o, BuiltinFn) and o.name in ("dict", "list", "tuple")
                                                    for o in options):
        return False  # TF exports no dict, list or tuple (a config's `activation=tf.nn.relu`)
    if isinstance(value, ArrayVal) and any(isinstance(o, ModuleVal) and o.qualname == "numpy.ndarray" for o in options):
        return True  # a numpy array the analysis knows (gym's Box reads its bounds' shape so)
    if isinstance(value, ListVal):
        python_type: Any = tuple if value.is_tuple else list
    elif isinstance(value, DictVal):
        python_type = dict
    elif isinstance(value, Pattern):
        python_type = str
    elif is_concrete(value):
        python_type = type(value)
    elif isinstance(value, ScopeVal):
        python_type = ScopeVal  # a VariableScope is no str, list or number (`isinstance(scope, str)`)
    elif isinstance(value, Tensor) and not isinstance(value, Opaque):
        python_type = Tensor  # a graph tensor is no list, tuple, dict, str or number (`isinstance(x, (list, tuple))`)
    elif isinstance(value, ArrayVal) or isinstance(value, InstanceVal) and _plain_class(value.cls) or \
            isinstance(value, Initializer):
        # a numpy array, an instance of a class of the program's, an initializer: none of the
        # builtin types (`isinstance(x, (tuple, dict))`, tflearn's `isinstance(initializer, str)`)
        python_type = _ProgramObject
    elif isinstance(value, ApiFn) and tf_api.pure_function(value.qualname) is not None:
        # one of TF's ops (a Keras layer's `activation=tf.nn.relu`): a function, no str, number or list
        python_type = _ProgramObject
    elif isinstance(value, (IteratorVal, LazyGen, GeneratorObject)):
        # Python 3's zip, map, enumerate and generators are none of the builtin types (lfads, Python
        # 2 code, hands tf.case a zip, which TF refuses as no list, tuple or dict)
        python_type = _ProgramObject
    elif isinstance(value, (ClassVal, FunctionVal, BoundMethod, PartialVal)):
        # a class, function or functools.partial of the program's is no str (`isinstance(policy, str)`)
        if options and all(isinstance(o, ModuleVal) and o.qualname == "functools.partial" for o in options):
            return isinstance(value, PartialVal)
        python_type = _ProgramObject
    else:
        return UNKNOWN
    answers = []
    for option in options:
        if isinstance(option, BuiltinFn) and option.name in _BUILTIN_TYPES:
            answers.append(issubclass(python_type, _BUILTIN_TYPES[option.name]))
        elif _tensor_class(option) and python_type is not Tensor:
            answers.append(False)  # tflearn's `isinstance(metric, tf.Tensor)` of a metric's name or None
        else:
            return UNKNOWN
    return any(answers)


def _is_module(value: Any) -> Any:
    """`isinstance(value, types.ModuleType)` (tensorpack's LinearWrap tells `.tf.nn` from
    `.tf.nn.leaky_relu` so): a module read as source or named is one; TF's functions and classes,
    the program's functions, classes and objects, tensors, containers and constants are not."""
    if isinstance(value, SourceModuleVal):
        return True
    if isinstance(value, (ModuleVal, ApiFn)):
        # (an attribute of a module the analysis does not read may be anything: TF's table says)
        qualname = tf_api.canonical(value.qualname)
        if qualname in ("tensorflow", "tensorflow.compat", "tensorflow.compat.v1", "tensorflow.compat.v2"):
            return True
        namespace = registry.tf_is_namespace(qualname) if qualname.startswith("tensorflow.") else None
        return UNKNOWN if namespace is None else namespace
    if isinstance(value, (FunctionVal, BoundMethod, ClassVal, ListVal, DictVal, Pattern, BuiltinFn)) or \
            is_concrete(value) or value is None or isinstance(value, Tensor) and not isinstance(value, Opaque) or \
            isinstance(value, InstanceVal) and _plain_class(value.cls):
        return False
    return UNKNOWN


def _tensor_isinstance(value: Tensor, options: List[Any]) -> Any:
    """A tensor is no Python container, number or numpy array; a variable (VarVal) is a
    tf.Variable and, as TF1's RefVariable and TF2's ResourceVariable are, not a tf.Tensor."""
    from scopelint.analysis.values import VarVal

    answers: List[Any] = []
    for option in options:
        short = tf_api.short_name(option.qualname) if isinstance(option, ApiFn) else None
        if isinstance(option, BuiltinFn) and option.name in _BUILTIN_TYPES:
            answers.append(option.name == "object")
        elif short == "Tensor":
            answers.append(not isinstance(value, VarVal))
        elif short in ("Variable", "VariableV1"):
            answers.append(isinstance(value, VarVal))
        elif short == "IndexedSlices":
            # what TF gives as one: a gradient of a variable a gather read, or computed from one
            answers.append(UNKNOWN if dependencies.may_be_slices(value) else False)
        elif isinstance(option, ModuleVal) and option.qualname == "numpy.ndarray":
            answers.append(False)  # BERT-style get_shape_list's `isinstance(tensor, np.ndarray)` (ELECTRA)
        else:
            answers.append(UNKNOWN)
    return _any_of(answers)


# Numeric helpers of numpy and math, on fully known numbers only (shape arithmetic in models).
def _power(base: Any, exponent: Any) -> Any:
    """np.power of two Python numbers, as numpy computes it (ints to a non-negative int power stay ints)."""
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (base, exponent)):
        return None
    if isinstance(base, int) and isinstance(exponent, int):
        return base ** exponent if exponent >= 0 else None  # numpy refuses negative integer powers
    return float(base) ** exponent


def _isscalar(value: Any) -> Any:
    """np.isscalar of a Python value: numbers and strings are; containers, arrays (0-d ones too),
    tensors and None are not (spinningup's `(length, shape) if np.isscalar(shape) else ...`)."""
    if isinstance(value, (bool, int, float, complex, str, bytes)):
        return True
    if value is None or isinstance(value, (list, tuple, dict, ArrayVal, Tensor)):
        return False
    return None


PURE_NUMERIC = {
    "isscalar": _isscalar,
    "prod": lambda *a: math.prod(a[0]) if a and isinstance(a[0], (list, tuple)) else None,
    "product": lambda *a: math.prod(a[0]) if a and isinstance(a[0], (list, tuple)) else None,
    "sqrt": math.sqrt, "ceil": math.ceil, "floor": math.floor, "log": math.log, "log2": math.log2,
    "exp": math.exp, "abs": abs, "int32": int, "int64": int, "float32": float,
    # a Transformer's positional table: `pos / np.power(10000, (i - i % 2) / d_model)`
    "power": _power, "sin": math.sin, "cos": math.cos,
}


_CONSUMERS = frozenset({"sum", "min", "max", "any", "all", "len"})
_NUMPY_CONSTRUCTORS = {"zeros", "ones", "empty", "full", "eye", "identity", "array", "asarray"}
_NUMPY_RANDOM = {"randn", "rand", "normal", "uniform", "standard_normal", "random"}


def _numpy_dtype(value: Any, default: str) -> Optional[str]:
    if value is None:
        return default or None
    name = value.qualname.rsplit(".", 1)[-1] if hasattr(value, "qualname") else value
    if isinstance(value, BuiltinFn):
        name = {"float": "float64", "int": "int64", "bool": "bool"}.get(value.name, value.name)
    if isinstance(value, type) and value.__module__ == "numpy":  # `dtype.as_numpy_dtype`: numpy's own type
        name = {"bool_": "bool"}.get(value.__name__, value.__name__)
    if isinstance(name, str) and name in ("float16", "float32", "float64", "int8", "int16", "int32", "int64",
                                          "uint8", "bool", "complex64", "complex128"):
        return name
    return None


def _callable(value: Any) -> Any:
    """callable(value): known for the program's functions and classes, TF's API, and objects
    whose class is known (a model's initializer instance has `__call__`)."""
    from scopelint.analysis.memoized import CachedFunction
    from scopelint.analysis.values import AutographFn, PartialVal, PyCallable

    if isinstance(value, (FunctionVal, BoundMethod, ClassVal, ApiFn, BuiltinFn, PyCallable, PartialVal, AutographFn,
                          CachedFunction)):
        return True
    if isinstance(value, InstanceVal):
        found = value.cls.lookup("__call__")
        return UNKNOWN if found is UNKNOWN else found is not MISSING  # an unknown base may define it
    if value is None or is_concrete(value) or isinstance(value, (ListVal, DictVal, Tensor, TensorShape, Pattern)):
        return False
    if value is UNKNOWN or isinstance(value, OpaqueVal):
        return UNKNOWN
    return builtins.callable(value)  # an object of the runtime's (an initializer, a dtype)


_MAX_ARRAY_ITEMS = 100_000  # as range(): a longer array is iterated as one of unknown items


def numpy_array(short: str, qualname: str, args: List[Any], kwargs: Dict[str, Any], interp: Any) -> Optional[Any]:
    """np.zeros((50, 8), dtype=np.float32) and friends, when the shape is known; None otherwise."""
    from scopelint.analysis.values import ArrayVal, NumpyDtype

    if short in _NUMPY_RANDOM and ".random." in qualname:
        if short in ("randn", "rand"):
            if not args:
                return None  # a Python float, not an array: TF takes it as float32
            dims = args
        else:
            position = 0 if short in ("standard_normal", "random") else 2  # (size) or (loc, scale, size)
            dims = [kwargs.get("size", args[position] if len(args) > position else None)]
        shape = _dims(dims[0] if len(dims) == 1 and not isinstance(dims[0], int) else ListVal(list(dims), True),
                      interp)
        return ArrayVal(shape, NumpyDtype("float64")) if shape is not None else None
    if short in _NUMPY_RANDOM_INTEGERS and ".random." in qualname:
        return _random_integers(short, args, kwargs, interp)
    if short == "arange" and args and all(isinstance(a, int) and not isinstance(a, bool) for a in args[:3]):
        if len(args) > 3 or (len(args) == 3 and args[2] == 0):
            return None
        dtype = _numpy_dtype(kwargs.get("dtype"), "int64")
        values = range(*args)
        items = tuple(values) if dtype and dtype.startswith(("int", "uint")) and len(values) <= _MAX_ARRAY_ITEMS \
            else None
        return ArrayVal((len(values),), NumpyDtype(dtype), items) if dtype else None
    if short == "qr" and ".linalg." in qualname and len(args) == 1 and isinstance(args[0], ArrayVal) and \
            len(args[0].shape) == 2 and all(isinstance(d, int) for d in args[0].shape) and \
            kwargs.get("mode", "reduced") == "reduced":
        # glow's orthogonal init: `np.linalg.qr(np.random.randn(c, c))[0]`, (M, K) and (K, N)
        rows, columns = args[0].shape
        inner = min(rows, columns)
        float64 = NumpyDtype("float64")
        return ListVal([ArrayVal((rows, inner), float64), ArrayVal((inner, columns), float64)], True)
    if short not in _NUMPY_CONSTRUCTORS:
        return None
    first = args[0] if args else kwargs.get("shape", kwargs.get("object"))
    if short in ("array", "asarray") and isinstance(first, ArrayVal):
        # `np.array(a)` of an array the analysis knows (BERT's get_shape_list of an ndarray): its
        # shape, of its dtype unless one is given
        dtype = _numpy_dtype(kwargs.get("dtype"), first.dtype.name)
        if short == "asarray" and dtype == first.dtype.name:
            return first  # the array itself, not a copy: what is written into either is in both
        return array_math.astype(first, dtype) if dtype else None
    if short in ("array", "asarray"):
        value = interp.to_python(first)
        if value is MISSING or not isinstance(value, (list, tuple, int, float)):
            return None
        from scopelint.semantics.shapes import shape_of_python_value

        probe = value
        while isinstance(probe, (list, tuple)) and probe:
            probe = probe[0]
        default = "int64" if isinstance(probe, int) and not isinstance(probe, bool) else "float64"
        dtype = _numpy_dtype(kwargs.get("dtype"), default)
        if not dtype:
            return None
        shape = tuple(shape_of_python_value(value))
        return ArrayVal(shape, NumpyDtype(dtype), array_math.integer_items(value, dtype) if len(shape) == 1 else None)
    shape = _dims(first, interp) if short not in ("eye", "identity") else _eye_shape(short, args, kwargs)
    default = "float64"
    if short == "full":  # numpy takes the dtype from the fill value
        fill = args[1] if len(args) > 1 else kwargs.get("fill_value")
        default = {bool: "bool", int: "int64", float: "float64"}.get(type(fill), "")
    position = _NUMPY_DTYPE_POSITION.get(short, 1)
    dtype = _numpy_dtype(kwargs.get("dtype", args[position] if len(args) > position else None), default)
    if shape is None or dtype is None:
        return None
    return ArrayVal(shape, NumpyDtype(dtype))


# where the dtype goes among the positional arguments: `np.zeros(shape, dtype)`, `np.full(shape,
# fill_value, dtype)`, `np.eye(N, M, k, dtype)`
_NUMPY_DTYPE_POSITION = {"full": 2, "eye": 3}


def _eye_shape(short: str, args: List[Any], kwargs: Dict[str, Any]) -> Optional[Tuple[int, int]]:
    """np.identity(n) is (n, n); np.eye(N, M=None) is (N, M), or (N, N) without M (wavenet's
    one-hot embedding table is `np.identity(n=shape[0], dtype=np.float32)`)."""
    rows = args[0] if args else kwargs.get("N" if short == "eye" else "n")
    columns = (args[1] if len(args) > 1 else kwargs.get("M")) if short == "eye" else None
    if columns is None:
        columns = rows
    if not all(isinstance(d, int) and not isinstance(d, bool) for d in (rows, columns)):
        return None
    return rows, columns


_NUMPY_RANDOM_INTEGERS = {"choice": 1, "randint": 2, "permutation": None}  # -> where the size goes


def _random_integers(short: str, args: List[Any], kwargs: Dict[str, Any], interp: Any) -> Optional[Any]:
    """np.random.choice(n, size), randint(low, high, size) and permutation(n): arrays of int64 (of
    the population's dtype, for an array's choice or permutation) whose values are unknown, and
    whose shape is the size; their items are integers, so indexing a tensor with one drops a
    dimension (ptn picks its views as `images[n, np.random.choice(num_views, k)[i]]`). Without a
    size they are scalars of unknown value: unknown here (numpy_random_scalars.py)."""
    from scopelint.analysis.values import ArrayVal, NumpyDtype

    population = args[0] if args else kwargs.get("a", kwargs.get("low", kwargs.get("x")))
    if short == "randint":
        dtype = _numpy_dtype(kwargs.get("dtype", args[3] if len(args) > 3 else None), "int64")
    elif isinstance(population, ArrayVal) and len(population.shape) == 1:
        dtype = population.dtype.name
    else:
        dtype = "int64" if isinstance(population, int) and not isinstance(population, bool) else None
    if short == "permutation":
        length = population.shape[0] if isinstance(population, ArrayVal) else population
        shape = (length,) if isinstance(length, int) and len(args) == 1 and not kwargs else None
    else:
        position = _NUMPY_RANDOM_INTEGERS[short]
        size = kwargs.get("size", args[position] if len(args) > position else None)
        shape = _dims(size, interp) if size is not None else None
    return ArrayVal(shape, NumpyDtype(dtype)) if shape is not None and dtype else None


def _dims(value: Any, interp: Any) -> Optional[tuple]:
    """numpy's shape argument: ints, or TF1's Dimensions of known value (`np.zeros(x.get_shape()[1])`
    in improved WGAN's batchnorm: numpy takes them through __index__)."""
    python = interp.to_python(value)
    python = [_dim_int(d) for d in python] if isinstance(python, (list, tuple)) else _dim_int(python)
    if isinstance(python, int) and not isinstance(python, bool):
        return (python,)
    if isinstance(python, list) and all(isinstance(d, int) and not isinstance(d, bool) for d in python):
        return tuple(python)
    return None


def _dim_int(value: Any) -> Any:
    return value.value if isinstance(value, Dimension) and isinstance(value.value, int) else value


def _plain_type(value: Any) -> Optional[str]:
    """The builtin type of a value the analysis holds as plain data, by name; None when it is not
    one for certain (a namedtuple, a dict view, a string partly unknown, an unknown value)."""
    if type(value) in (bool, int, float, complex, str, bytes):
        return type(value).__name__
    if isinstance(value, ListVal) and value.fields is None and not value.view:
        return "tuple" if value.is_tuple else "list"
    if isinstance(value, DictVal):
        return "dict"
    return None
