"""Attribute access and subscripts: attributes of instances, classes, variables, tensors, scopes and
other values (with method binding), and indexing and slicing of known containers."""

from __future__ import annotations

import ast
import enum
import operator
import re
from typing import Any, List, Optional, Union

from scopelint.analysis import alternatives, array_math, enums, loader, memoized, signatures, tf_api
from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.builtin_calls import _ContainerMethod, _NamedTupleMethod, _StrMethod, is_read_file, ReadFileText
from scopelint.analysis.cli_args import ArgParserVal, NamespaceMethod, NamespaceVal, parser_attribute
from scopelint.analysis.expressions import _is_int, _visible
from scopelint.analysis.class_members import attribute_hook, ClassDict, SubclassesMethod
from scopelint.analysis.imports import SYS_MODULES
from scopelint.analysis import instance_dict
from scopelint.analysis.instance_dict import InstanceDict
from scopelint.analysis.memoized import CachedFunction
from scopelint.analysis.markers import FLAGS_PARSED, FlagsVal, GraphMethod, GraphVal, Property, Super
from scopelint.analysis.scope_managers import _ExitStack, _ExitStackMethod, _ManualEntry, _ScopeMethod
from scopelint.analysis.threads import ThreadMethod, ThreadVal
from scopelint.analysis.values import Alternatives, NamedTupleClass, ParameterVal, SessionVal, SetVal, SignatureVal
from scopelint.analysis.values import (
    ApiFn, ArrayVal, BoundMethod, BuiltinFn, ClassVal, CreatorScopeCM, DictVal, FunctionVal, InstanceVal, is_concrete,
    as_key, IteratorVal, join_values, ListVal, LOST_KEYWORDS, MISSING, ModuleVal, NameScopeCM, NumpyDtype, NumpyLoaded,
    OpaqueVal, NOT_A_KEY, PartialVal, ScopeCM, ScopeVal, SourceModuleVal, UnknownTensor, VarVal,
)
from scopelint.runtime import dependencies
from scopelint.runtime.tensors import invalid_index, Op, Opaque, Tensor
from scopelint.runtime.variables import PartitionedVariable
from scopelint.semantics.dtypes import DType
from scopelint.semantics.shapes import LOST, Dimension, TensorShape
from scopelint.semantics.values import Pattern, UNKNOWN


class Attributes(AnalysisState):
    """Mixin of the Interpreter: `x.name` and `x[key]`."""

    def eval_Attribute(self, node: ast.Attribute, st: State) -> Any:
        return self.get_attribute(self.eval(node.value, st, keep=True), node.attr, st)

    def set_attribute(self, obj: Any, name: str, value: Any, st: State) -> None:
        """`obj.name = value` (and `setattr`), journaled for the paths of undecided branches. A
        module's attribute is its global (`ops.conv = my_conv`: its functions then call that);
        one of a module the analysis does not read, or of TF, is read back as set."""
        if isinstance(value, Alternatives) and not isinstance(obj, (InstanceVal, ClassVal)):
            value = UNKNOWN  # only the program's objects keep them (values.Alternatives)
        if isinstance(obj, Alternatives):
            # one of them gets it: on each, the attribute is what it was or the new value
            for option in obj.options:
                if isinstance(option, (InstanceVal, ClassVal)):
                    self.touch(option)
                    option.attrs[name] = join_values(option.attrs.get(name, UNKNOWN), value)
            return
        if isinstance(obj, (InstanceVal, ClassVal, FunctionVal)):
            self.touch(obj)
            obj.attrs[name] = value
        elif isinstance(obj, DictVal) and obj.cls is not None:
            method = obj.cls.lookup("__setattr__", below_dict=True)
            if isinstance(method, FunctionVal):
                self.call(self.bind(method, obj, st), [name, value], {}, st, None)  # EasyDict's `self[name] = value`
            else:
                obj.attrs_lost = True  # in its instance __dict__, which the analysis does not hold
        elif isinstance(obj, NamespaceVal):
            self.touch(obj)
            obj.values[name] = value
        elif isinstance(obj, FlagsVal):
            self.touch(self.flags)
            self.flags.items[name] = value
        elif isinstance(obj, SourceModuleVal):
            if id(obj) in self.pending_modules:
                self._force(obj, st)  # its body ran at import, before this assignment
            self.touch(obj.env)
            obj.env.vars[name] = value
        elif isinstance(obj, GraphVal) and name == "_finalized":
            self.set_finalized(obj, value, st)
        elif isinstance(obj, Tensor) and not isinstance(obj, (VarVal, Opaque)):
            self.touch(self.tensor_attrs)
            self.tensor_attrs.items[(id(obj), name)] = value
            self.attributed_tensors.append(obj)
        elif isinstance(obj, (ModuleVal, ApiFn)):
            # a TF class's too: tflearn adds its keys to TF's (`tf.GraphKeys.TRAIN_OPS = 'trainops'`)
            self.touch(self.patched_modules)
            self.patched_modules.items[obj.qualname + "." + name] = value
            self.ever_patched.add(obj.qualname + "." + name)

    def _patched(self, module: Union[ModuleVal, ApiFn], name: str) -> Any:
        """What the program set `module.name` to, MISSING if nothing (UNKNOWN if only some paths did)."""
        key = module.qualname + "." + name
        if key not in self.ever_patched:
            return MISSING
        if key in self.patched_modules.items:
            return _visible(self.patched_modules.items[key])
        return UNKNOWN if self.patched_modules.poisoned or not self.patched_modules.complete else MISSING

    def command_line(self, st: State) -> Any:
        """sys.argv as the program left it: `[FILE]`, unless it set or changed it."""
        return self.get_attribute(ModuleVal("sys"), "argv", st)

    def _plain_command_line(self, st: State) -> bool:
        argv = self.command_line(st) if "sys.argv" in self.ever_patched else self.argv
        return isinstance(argv, ListVal) and not argv.poisoned and argv.items == [self.abspath]

    def get_attribute(self, obj: Any, name: str, st: State) -> Any:
        if isinstance(obj, Alternatives):
            return alternatives.attribute(self, obj, name, st)
        if type(obj) is BuiltinFn and obj.name == "object" and name == "__new__":
            return BuiltinFn("object.__new__")  # dnnlib's Network.clone: `object.__new__(Network)`
        if type(obj) is BuiltinFn and obj.name in _IMMUTABLE_TYPES and not name.startswith("_"):
            # `str.upper` (mapped over a file's text): Python's own method, which builds nothing
            method = getattr(_IMMUTABLE_TYPES[obj.name], name, None)
            return method if method is not None else UNKNOWN
        if isinstance(obj, ModuleVal):
            patched = self._patched(obj, name) if self.ever_patched else MISSING
            if patched is not MISSING:
                return patched
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
                if obj.qualname in self.graph_free_project:
                    # A module of the project's that builds nothing: its values matter (`len(symbols)`,
                    # an hparams class over argparse), so it is read when a name of it is.
                    followed = self._graph_free_attribute(obj.qualname + "." + name, st)
                    if followed is not None:
                        return followed
            return self.module_attribute(obj, name, st)
        if isinstance(obj, SourceModuleVal):
            if id(obj) in self.pending_modules:
                self._force(obj, st)
            found = obj.env.vars.get(name, MISSING)
            if found is not MISSING:
                return _visible(found)
            if name == "__dict__":
                # dnnlib's is_top_level_function, tensorpack's `p.__dict__[k]`
                return self.namespace_dict(loader.parse_module(obj.path), obj.env,
                                           settled=id(obj) not in self.running_modules)
            submodule = self.import_module(obj.qualname + "." + name, st)  # `pkg.sub` not yet imported
            if isinstance(submodule, SourceModuleVal) or isinstance(submodule, ModuleVal) and \
                    submodule.qualname in self.graph_free:
                return submodule  # an empty `pkg/sub/__init__.py`: its submodules are read through it
            return UNKNOWN
        if isinstance(obj, InstanceVal):
            if name in obj.attrs:
                return _visible(obj.attrs[name])
            found = obj.cls.lookup(name)
            if found is MISSING:
                if name == "__class__":
                    return obj.cls
                if name == "__dict__":
                    return InstanceDict(obj)
                hook = attribute_hook(obj, name)
                if hook is not None:
                    # Python calls the class's `__getattr__` only now, when the normal lookup failed
                    # (tensorpack's `LinearWrap(x).Conv2D(...)` finds its layer in a registry so)
                    return self.call(self.bind(hook, obj, st), [name], {}, st, None)
                return UNKNOWN
            return self.bind(found, obj, st)
        if isinstance(obj, IteratorVal) and not name.startswith("__"):
            # AttributeError: Python 3's map, zip, filter and enumerate give iterators, no lists
            # (`map(tf.reduce_mean, [...]).extend(...)`, Python 2 code: tensorflow/models' rebar)
            self._program_raised(st)
            return UNKNOWN
        if isinstance(obj, InstanceDict):
            if name in instance_dict.READERS:  # `self.__dict__.items()`
                return self.get_attribute(obj.snapshot(), name, st)
            return obj.attribute(name)
        if isinstance(obj, ClassVal):
            found = obj.lookup(name)
            if found is MISSING:
                if name == "__dict__":
                    return ClassDict(obj)
                if name == "__subclasses__":
                    return SubclassesMethod(obj)
                return obj.name if name in ("__name__", "__qualname__") else UNKNOWN
            if isinstance(found, FunctionVal) and getattr(found, "_kind", None) == "classmethod":
                return BoundMethod(found, obj)
            return found
        if isinstance(obj, Super):
            below_dict = isinstance(obj.receiver, DictVal)
            for base in obj.cls.bases:
                if isinstance(base, ClassVal):
                    found = base.lookup(name, below_dict)
                    if found is not MISSING:
                        return self.bind(found, obj.receiver, st)
                elif below_dict and isinstance(base, BuiltinFn) and base.name == "dict":
                    # dict.__init__ of an existing dict adds to it, as update() does
                    return _ContainerMethod(obj.receiver, "update" if name == "__init__" else name)
                elif isinstance(base, ModuleVal) and name == "__init__" and self.graph_free_name(base.qualname):
                    # a graph-free library class's constructor (tensorpack's LazyLoader(types.ModuleType)):
                    # called on the arguments alone, as instantiate treats it
                    return self.get_attribute(base, name, st)
                else:
                    return UNKNOWN
            if name == "__init__":
                return BuiltinFn("object.__init__")
            return UNKNOWN
        if isinstance(obj, ScopeVal):
            return self.scope_attribute(obj, name, st)
        if isinstance(obj, FlagsVal):
            if not self.flags.poisoned and self.flags.items.get(FLAGS_PARSED) is not True and name in self.flags.items:
                # TF parses sys.argv when a flag is first read: `python FILE`'s sets nothing, one
                # the program set is parsed as absl does (a flag it does not define raises)
                if self._plain_command_line(st):
                    self.touch(self.flags)
                    self.flags.items[FLAGS_PARSED] = True
                else:
                    self.parse_flags(self.command_line(st), False, st)
                    if not st.alive:
                        return UNKNOWN
            if self.flags.poisoned:
                return UNKNOWN
            return self.flags.items.get(name, UNKNOWN)
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
            if name in ("_get_kwargs", "_get_args"):
                return NamespaceMethod(obj, name)
            return obj.read(name)
        if isinstance(obj, SignatureVal):
            if name == "parameters":
                return signatures.parameters_mapping(obj)
            return signatures.EMPTY if name == "empty" else OpaqueVal("Signature." + name, inert=True)
        if isinstance(obj, ParameterVal):
            found = signatures.parameter_attribute(obj, name)
            return OpaqueVal("Parameter." + name, inert=True) if found is MISSING else found
        if isinstance(obj, FunctionVal):
            if name in obj.attrs:
                return _visible(obj.attrs[name])
            if name in ("__name__", "__qualname__"):
                return obj.name
            if name == "__module__":
                return self.defining_module_name(obj.env)
            return UNKNOWN
        if isinstance(obj, ApiFn):
            patched = self._patched(obj, name) if self.ever_patched else MISSING
            if patched is not MISSING:
                return patched
            if name == "__name__" and tf_api.short_name(obj.qualname):
                return obj.qualname.rsplit(".", 1)[-1]  # `tf.nn.relu.__name__` (a config's activation)
            return self.module_attribute(ModuleVal(obj.qualname), name)
        if isinstance(obj, GraphVal):
            return GraphMethod(obj, name)
        if isinstance(obj, CachedFunction):
            return memoized.attribute(self, obj, name, st)
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
        if enums.is_enum_class(obj):
            return enums.attribute(obj, name)
        if isinstance(obj, enum.Enum) and name in ("name", "value"):
            return getattr(obj, name)  # `kwargs["synchronization"].name` in a custom getter
        if isinstance(obj, DType) and name in ("min", "max"):
            try:
                bound = getattr(obj, name)
                # `tf.float32.min`: numpy's scalar, as a number (an int dtype's is a Python int already)
                return bound.item() if hasattr(bound, "item") else bound
            except TypeError:
                return UNKNOWN
        if isinstance(obj, Tensor) and (id(obj), name) in self.tensor_attrs.items:
            return _visible(self.tensor_attrs.items[(id(obj), name)])
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
                return UNKNOWN if found is LOST else found  # `x.shape[0].value` of a dimension the analysis lost
            except Exception:
                # A tensor's or variable's own methods (`w.assign(...)`) build ops, never scopes.
                return OpaqueVal("tensor." + name, inert=True) if isinstance(obj, Tensor) else UNKNOWN
        if isinstance(obj, Op):
            # an operation's methods run it in a session (`tf.global_variables_initializer().run()`)
            return OpaqueVal("op." + name, inert=True)
        if isinstance(obj, Pattern) and name in ("format", "join", "lower", "upper", "strip", "replace"):
            return _StrMethod(obj, name)
        if isinstance(obj, DictVal) and self.python2 and name in ("iteritems", "iterkeys", "itervalues"):
            name = name[4:]  # Python 2's iterators: the same items
        if isinstance(obj, DictVal) and obj.cls is not None:
            return self._dict_subclass_attribute(obj, name, st)
        if isinstance(obj, NamedTupleClass):
            if name == "_make":
                return _NamedTupleMethod(obj, name)
            if name == "_fields":
                return ListVal(list(obj.fields), is_tuple=True)
        if isinstance(obj, ListVal) and obj.fields is not None:
            if name in obj.fields:
                return _visible(obj.items[obj.fields.index(name)])
            if name == "_fields":
                return ListVal(list(obj.fields), is_tuple=True)
            if name in ("_replace", "_asdict"):
                return _NamedTupleMethod(obj, name)
            found = obj.cls.lookup(name) if obj.cls is not None else MISSING
            if found is not MISSING and found is not UNKNOWN:
                return self.bind(found, obj, st)  # a method or property of the namedtuple's subclass
        if isinstance(obj, (DictVal, ListVal, SetVal)):
            return _ContainerMethod(obj, name)  # one it does not model makes the container unknown
        if isinstance(obj, SessionVal) and name == "graph" and obj.graph_id is not None:
            return GraphVal(obj.graph_id)  # `sess.graph.finalize()`
        if isinstance(obj, OpaqueVal):
            if name == "read" and is_read_file(obj):
                return ReadFileText(obj)
            return OpaqueVal(obj.label + "." + name, obj.inert)
        if isinstance(obj, ArrayVal):
            if name == "shape":
                return ListVal(list(obj.shape), True)
            if name == "astype" or name in array_math.REDUCTIONS:
                return _ContainerMethod(obj, name)  # (a reduction reads the array, never writes it)
            if name == "T":
                array_math.forget_items(obj)  # a view, as a slice is
                return ArrayVal(tuple(reversed(obj.shape)), obj.dtype)
            if name == "dtype":
                return obj.dtype
            if name == "ndim":
                return len(obj.shape)
            array_math.forget_items(obj)  # its method may write into it, or give a view that does
            return OpaqueVal("ndarray." + name, inert=True)
        if isinstance(obj, NumpyDtype):
            return obj.name if name == "name" else OpaqueVal("dtype." + name, inert=True)
        if isinstance(obj, PartialVal):
            return _partial_attribute(obj, name)
        return UNKNOWN

    def _dict_subclass_attribute(self, obj: DictVal, name: str, st: State) -> Any:
        """`d.name` of an instance of the program's subclass of dict: its class's method, else
        dict's, else what the class's __getattr__ gives (EasyDict's `self[name]`)."""
        found = obj.cls.lookup(name, below_dict=True)
        if found is not MISSING:
            return self.bind(found, obj, st)
        if name == "__class__":
            return obj.cls
        if hasattr(dict, name) and not name.startswith("__"):
            return _ContainerMethod(obj, name)
        fallback = obj.cls.lookup("__getattr__", below_dict=True)
        if obj.attrs_lost or not isinstance(fallback, FunctionVal):
            return UNKNOWN
        return self.call(self.bind(fallback, obj, st), [name], {}, st, None)

    def call_own_method(self, obj: Any, name: str, args: List[Any], st: State, node: Optional[ast.AST]) -> Any:
        """`obj.<name>(*args)` for an instance whose class defines that method as a function (its own
        `__getitem__`, `__iter__`, `__len__`, `__contains__`), run; MISSING for any other value."""
        method = obj.cls.lookup(name) if isinstance(obj, InstanceVal) else MISSING
        if not isinstance(method, FunctionVal):
            return MISSING
        return self.call(self.bind(method, obj, st), args, {}, st, node)

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
        if isinstance(found, Alternatives):
            return alternatives.bind(self, found, receiver, st)
        if isinstance(found, CachedFunction) and isinstance(receiver, InstanceVal):
            return PartialVal(found, [receiver], {})  # an lru_cache'd method: the instance is part of the key
        return found

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
        if not isinstance(obj, Tensor) and _tensor_bounded(key):
            # only a tensor reads a tensor bound (expressions.eval_Slice); to anything else (a list,
            # whose slice by a tensor is TF's TypeError, a class's own __getitem__) the key is
            # unknown, as before the analysis kept such slices
            key = UNKNOWN
        if isinstance(obj, ListVal):
            if obj.grown:
                # which item is at an index depends on how many times a loop ran: the one value
                # all its items are (xlnet's `[None] * n_layer`), or a tensor computed as one of them
                if (key is UNKNOWN or _is_int(key)) and _same_constant(obj.items):
                    return obj.items[0]
                return _one_of_tensors(obj.items) if key is UNKNOWN or _is_int(key) else UNKNOWN
            if isinstance(key, int) and -len(obj.items) <= key < len(obj.items):
                return _visible(obj.items[key])
            if isinstance(key, int) and not obj.poisoned and obj.born >= self.entry_floor:
                # IndexError past the end of a list whose length is certain (pcl_rl's `all_obs[0]`
                # of the list a consumed zip left empty, Python 2 code run by Python 3); one whose
                # length depends on the path (poisoned) may hold the item, and so may one an entry
                # point finds made (its constructor's, the module's), which code run before the
                # entry may have filled (t2t's MultiProblem.dataset reads `self.task_list[0]` of the
                # list its subclasses' constructors and callers fill)
                self._program_raised(st)
                return UNKNOWN
            if isinstance(key, slice):
                try:
                    return ListVal(obj.items[key], obj.is_tuple)
                except TypeError:  # a float bound (`items[:n / 2]`, Python 2 code run by Python 3)
                    self._program_raised(st)
                    return UNKNOWN
            return _one_of_tensors(obj.items) if key is UNKNOWN else UNKNOWN
        if isinstance(obj, DictVal):
            held = as_key(key)
            if held is not NOT_A_KEY and held in obj.items:
                return _visible(obj.items[held])
            if obj.default_factory is not None and held is not NOT_A_KEY and obj.complete and not obj.poisoned:
                # a defaultdict's missing key: the factory's value, stored under it
                made = self.call(obj.default_factory, [], {}, st, None)
                self.touch(obj)
                obj.items[held] = made
                return made
            if _missing_key(obj, key) and obj.born >= self.entry_floor:
                # KeyError: a plain dict of known keys, made on this run (as for a list's
                # IndexError above): SRGAN-tensorflow's `end_points[scope + 'vgg_19/conv5/conv5_4']`,
                # a key tf_slim's end_points dict (aliased by variable scope) does not have
                self._program_raised(st)
            return UNKNOWN
        if isinstance(obj, ArrayVal):
            from scopelint.runtime.tensors import slice_shape

            real_key = self.to_python(key)
            if obj.items is not None and type(real_key) is int and -len(obj.items) <= real_key < len(obj.items):
                return obj.items[real_key]  # `lstm_size[0]`: a Python int, as a loop over the array yields
            array_math.forget_items(obj)  # a slice is a view: what is written into it is written into obj
            try:
                sliced = slice_shape(TensorShape(list(obj.shape)), real_key) if real_key is not MISSING else None
            except Exception:  # noqa: BLE001 - an index numpy would refuse: unknown here
                sliced = None
            dims = sliced.dims_tuple if sliced is not None else None
            if dims is None or any(d is None for d in dims):
                return UNKNOWN
            return ArrayVal(tuple(dims), obj.dtype)
        if isinstance(obj, (str, TensorShape)) or isinstance(obj, Tensor):
            python_key = self.to_python(key)
            if python_key is MISSING:
                return _slice_at_lost_index(obj)
            if isinstance(obj, Tensor) and invalid_index(python_key) is not None:
                self._program_raised(st)  # TypeError, as TF's _check_index raises it
                return UNKNOWN
            return self.real_call(operator.getitem, [obj, key], {}, st)  # it converts the key itself
        if isinstance(obj, (ClassDict, InstanceDict)):
            return obj.item(key, lambda: self._program_raised(st))  # KeyError
        if isinstance(obj, ModuleVal) and obj.qualname == SYS_MODULES:
            return self.loaded_module(key, st)
        if isinstance(obj, NumpyLoaded):
            return NumpyLoaded(obj.label + "[]", inert=True)  # an array of a file numpy loaded
        if enums.is_enum_class(obj):
            return enums.item(obj, key)  # `Resize['WARP_RESIZE']`
        found = self.call_own_method(obj, "__getitem__", [key], st, None)
        return UNKNOWN if found is MISSING else found


def _partial_attribute(partial: PartialVal, name: str) -> Any:
    """A functools.partial's `func`, `args` and `keywords` (AttGAN's `D.func.trainable_variables`,
    the network object the partial wraps: fixture constructs/partial_attributes.py). Python makes a
    partial of a partial one partial: its func the innermost, its args and keywords both together."""
    chain = [partial]
    while isinstance(chain[-1].function, PartialVal):
        chain.append(chain[-1].function)
    if name == "func":
        return chain[-1].function
    if name == "args":
        return ListVal([arg for link in reversed(chain) for arg in link.args], is_tuple=True)
    if name == "keywords":
        if len(chain) == 1:
            keywords = partial.kwargs  # the partial's own dict: a write to it changes its calls
        else:
            keywords = {}
            for link in reversed(chain):
                keywords.update(link.kwargs)
        return UNKNOWN if LOST_KEYWORDS in keywords else DictVal(keywords)
    return UNKNOWN


def _tensor_bounded(key: Any) -> bool:
    """A subscript key with a slice bounded by a tensor (expressions._slice_tensor)."""
    keys = key.items if isinstance(key, ListVal) else (key,)
    return any(isinstance(k, slice) and any(isinstance(b, Tensor) for b in (k.start, k.stop, k.step)) for k in keys)


def _missing_key(obj: DictVal, key: Any) -> bool:
    """A key of a plain type certainly not in a dict whose every key is known, which no code the
    analysis lost changed, and which no subclass (its __missing__) or factory stands behind."""
    return type(key) in (str, int, bool, float, bytes, type(None)) and key not in obj.items and obj.complete \
        and not obj.poisoned and not obj.attrs_lost and obj.cls is None and obj.default_factory is None


def _same_constant(items: List[Any]) -> bool:
    """Items that are all one Python constant (None, a number or string)."""
    return bool(items) and is_concrete(items[0]) and all(
        type(item) is type(items[0]) and item == items[0] for item in items)


def _one_of_tensors(items: List[Any]) -> Any:
    """An item of a list of tensors at an index the analysis lost (`results[parent[i]]` in HMR's
    forward kinematics, the parents read from a pickle): a tensor computed from what one of them
    is, so from no variable none of them depends on; of their dtype when they agree."""
    if not items or not all(isinstance(item, Tensor) and not isinstance(item, Opaque) for item in items):
        return UNKNOWN
    one = UnknownTensor()
    dtypes = {item.dtype.base_dtype if isinstance(item.dtype, DType) else None for item in items}
    if len(dtypes) == 1 and None not in dtypes:
        one.dtype = dtypes.pop()
    one.deps = dependencies.union(getattr(item, "deps", None) for item in items)
    one.gathered = dependencies.gathered_of(list(items))
    one.maybe_slices = dependencies.may_be_slices(list(items))
    return one


def _slice_at_lost_index(obj: Any) -> Any:
    """A tensor's slice at an index the analysis lost (`Js[:, parent[i]]`, parent read from HMR's
    SMPL pickle) is a tensor of its dtype, computed from it alone: the index is an integer, which
    carries no gradient. Anything else, or what an unmodelled API gave, is unknown."""
    if not isinstance(obj, Tensor) or isinstance(obj, Opaque):
        return UNKNOWN
    sliced = UnknownTensor()
    if isinstance(obj.dtype, DType):
        sliced.dtype = obj.dtype.base_dtype
    sliced.deps = getattr(obj, "deps", None)
    return sliced


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


_IMMUTABLE_TYPES = {"str": str, "bytes": bytes, "int": int, "float": float}
