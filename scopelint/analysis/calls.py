"""Calls: evaluating a call's arguments, dispatching on the callee (the program's functions and
classes, TF's API, builtins, libraries), binding arguments to parameters, interpreting a function's
body in a new frame, and instantiating classes."""

from __future__ import annotations

import ast
import json
import pkgutil
import posixpath
import re
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple

from scopelint.analysis import (
    alternatives, array_math, class_members, enums, library_models, memoized, models, numpy_dtypes, path_journal,
    signatures, tf_api, versions,
)
from scopelint.analysis.analysis_state import AnalysisState, CallContext, State
from scopelint.analysis.imports import SYS_MODULES
from scopelint.analysis.work_limits import PYTHON2_MODULE
from scopelint.analysis.instance_dict import InstanceDict, InstanceDictUpdate
from scopelint.analysis.class_members import SubclassesMethod
from scopelint.analysis.builtin_calls import (
    _ContainerMethod, _NamedTupleMethod, _plain_class, _StrMethod, numpy_array, PURE_NUMERIC, read_data_file,
    ReadFileText,
)
from scopelint.analysis.cli_args import ArgParserVal, NamespaceMethod, NamespaceVal, ParserMethod
from scopelint.analysis.control_flow import _may_catch_scope_errors
from scopelint.analysis.expressions import _visible
from scopelint.analysis.markers import (
    FlagsVal, GeneratorCM, GeneratorFactory, GeneratorObject, GraphMethod, is_plain_data, may_touch_graph,
)
from scopelint.analysis.memoized import CacheClear, CachedFunction, LruCacheFactory
from scopelint.analysis.scope_managers import _ExitStack, _ExitStackMethod, _ManualEntry, _ScopeMethod, _Suppress
from scopelint.analysis.tf_calls import unexpected_keyword
from scopelint.analysis.threads import make_thread, ThreadMethod, thread_init_runs_nothing
from scopelint.analysis.values import (
    Alternatives, alternatives_of, ApiFn, ArrayVal, AutographFn, birth, BoundMethod, BuiltinFn, ClassVal,
    copy_wrapped_metadata, DictVal, Env,
    FunctionVal, InstanceVal, is_concrete, key_value,
    join_values, ListVal, LOST_KEYWORDS, MISSING, ModuleVal, namedtuple_ancestor, NamedTupleClass, NameScopeCM,
    NumpyLoaded, OpaqueVal, PartialVal,
    ProgressBarVal, PyCallable, ScopeCM, SetOfLost, SetVal, SourceModuleVal, VarVal,
)
from scopelint.runtime.api import Initializer
from scopelint.runtime.tensors import Tensor
from scopelint.runtime.variables import PartitionedVariable
from scopelint.semantics import errors as scope_errors
from scopelint.semantics.dtypes import DType
from scopelint.semantics.shapes import Dimension, TensorShape
from scopelint.semantics.values import UNKNOWN, Pattern


MAX_CALL_DEPTH = 32
MAX_RECURSION = 2  # frames of one function on the stack (unknown arguments fan out fast)...
MAX_KNOWN_RECURSION = 6  # ...or when every argument is known: a tree of known depth unrolls
MAX_STRUCTURAL_RECURSION = 12  # ...or TF's layer call on a different layer at each level (cells in cells)
# Calls that the analysis follows (an argparse namespace given to them stays known), and
# builtins that only read their arguments.
_FOLLOWED_CALLEES = (FunctionVal, BoundMethod, ClassVal, ParserMethod, NamespaceMethod, PartialVal, AutographFn,
                     InstanceVal, CachedFunction)
_NAMESPACE_READERS = frozenset({"getattr", "hasattr", "print", "str", "repr", "isinstance", "len", "id", "type",
                                "bool", "format", "vars"})
# Libraries that look at the program's objects without calling them or changing them.
_INSPECTING_MODULES = frozenset({"inspect", "pprint", "logging", "warnings"})
_SIGNATURE_READERS = {"inspect.signature": signatures.signature_of, "inspect.getfullargspec": signatures.fullargspec_of}
_REGEX_FUNCTIONS = {"re.match", "re.search", "re.fullmatch", "re.sub", "re.split", "re.findall", "re.escape"}
# six's Python 3 helpers over a dict's views: (the method, whether it returns an iterator over it)
_SIX_DICT_METHODS = {"six.%s%s" % (prefix, method): (method, prefix == "iter")
                     for prefix in ("iter", "view") for method in ("items", "values", "keys")}
# six's text helpers, as on Python 3: what each coerces a string to
_SIX_TEXT = {"six.ensure_str": str, "six.ensure_text": str, "six.ensure_binary": bytes}
_CONTAINER_MUTATORS = frozenset({"append", "extend", "insert", "add", "discard", "remove", "update", "setdefault",
                                 "clear", "sort", "reverse"})
_CONTAINER_READERS = frozenset({"intersection", "union", "difference", "symmetric_difference", "issubset",
                                "issuperset", "isdisjoint", "copy", "keys", "values", "items", "get", "index", "count"})


class Calls(AnalysisState):
    """Mixin of the Interpreter: calls and the frames they push."""

    def eval_Call(self, node: ast.Call, st: State) -> Any:
        if _mutates_unknown_container(node, st):
            # `required.add(name)`, `required.intersection(names)` on a set whose contents the analysis
            # lost: still a set, whose methods build nothing; it stays unknown (a call on an unknown
            # value would havoc).
            values = [self.eval(a.value if isinstance(a, ast.Starred) else a, st) for a in node.args]
            values += [self.eval(k.value, st) for k in node.keywords]
            _escape(values, {})
            return UNKNOWN
        callee = self.eval(node.func, st, keep=True)
        if callee is UNKNOWN and _lost_shape_method(node, st):
            # `x.shape.assert_is_compatible_with(y)` where x is a tensor of a shape the analysis lost:
            # a TensorShape's method, which may raise but creates nothing.
            for arg in list(node.args) + [k.value for k in node.keywords]:
                self.eval(arg.value if isinstance(arg, ast.Starred) else arg, st)
            self.may_raise += 1
            return UNKNOWN
        args: List[Any] = []
        kwargs: Dict[str, Any] = {}
        unknown_spread = False
        star_lost = False  # a `*rest` the analysis lost (not only a `**options`)
        positions_lost = False  # a positional argument after a `*rest` the analysis lost: at no known position
        # The program's own functions take a value that is one of a few (Alternatives) as it is: their
        # `if comm is None:` is then decided on each option's path, as the caller's would be. So do the
        # constructors of its plain classes, and of TF's modelled ones (tf.layers.dense's Dense given
        # xlnet's `activation`, tf.nn.relu or its gelu): no builtin container holds what they are given.
        keep = type(callee) is FunctionVal or type(callee) is BoundMethod and type(callee.function) is FunctionVal \
            or type(callee) is ClassVal and _plain_class(callee)
        for arg in node.args:
            positions_lost = positions_lost or star_lost
            if isinstance(arg, ast.Starred):
                items = self.iterate(self.eval(arg.value, st), st)
                if items is None:
                    unknown_spread = star_lost = True
                else:
                    args.extend(items)
            else:
                args.append(self.eval(arg, st, keep=keep))
        for keyword in node.keywords:
            value = self.eval(keyword.value, st, keep=keep and keyword.arg is not None)
            if keyword.arg is None:
                if isinstance(value, DictVal) and value.complete and all(isinstance(k, str) for k in value.items) \
                        and (not value.unordered or _binds_by_name_only(callee)):
                    kwargs.update(value.items)
                else:
                    unknown_spread = True
            else:
                kwargs[keyword.arg] = value
        if not st.alive:
            return UNKNOWN
        self.frames[-1][0], self.frames[-1][2] = call_position(node)
        self.call_context.append((node, callee, len(self.frames)))
        try:
            rest = _unknown_rest(callee, args, kwargs, star_lost) if unknown_spread and not positions_lost else None
            if rest is not None:
                self.may_raise += 1  # Python's TypeError, where what it spreads does not fit the parameters
                return self.call(callee, args, rest, st, node, keep=True)
            if unknown_spread:
                if isinstance(callee, (FunctionVal, BoundMethod, ClassVal, Alternatives)) or may_touch_graph(callee):
                    st.graph.unknown_code_ran()
                return UNKNOWN
            literal_false = any(k.arg == "reuse" and isinstance(k.value, ast.Constant) and k.value.value is False
                                for k in node.keywords)
            return self.call(callee, args, kwargs, st, node, literal_reuse_false=literal_false, keep=True)
        finally:
            self.call_context.pop()

    def call(self, callee: Any, args: List[Any], kwargs: Dict[str, Any], st: State, node: Optional[ast.AST],
             literal_reuse_false: bool = False, keep: bool = False) -> Any:
        """Call `callee`. `keep`: the caller honours Alternatives in the result (eval_Call, whose
        eval converts them for every other reader); code that reads the result itself gets UNKNOWN."""
        if isinstance(callee, Alternatives):
            result = self.call_alternatives(callee, args, kwargs, st, node, literal_reuse_false)
        else:
            result = self._call_one(callee, args, kwargs, st, node, literal_reuse_false)
        return UNKNOWN if not keep and isinstance(result, Alternatives) else result

    def call_alternatives(self, callee: Alternatives, args: List[Any], kwargs: Dict[str, Any], st: State,
                          node: Optional[ast.AST], literal_reuse_false: bool = False) -> Any:
        """Call one of a few known callables (alternatives.py)."""
        return alternatives.on_each_nested(
            self, callee, st,
            alternatives.none_raises(
                self, lambda option, fork: self.call(option, args, kwargs, fork, node, literal_reuse_false, keep=True)),
            lambda: self._call_one(UNKNOWN, args, kwargs, st, node))  # unknown code, as before alternatives

    def _call_one(self, callee: Any, args: List[Any], kwargs: Dict[str, Any], st: State, node: Optional[ast.AST],
                  literal_reuse_false: bool = False) -> Any:
        if not isinstance(callee, _FOLLOWED_CALLEES) and not (
                isinstance(callee, BuiltinFn) and callee.name in _NAMESPACE_READERS) and not (
                isinstance(callee, BuiltinFn) and callee.name == "setattr" and len(args) > 1 and
                isinstance(args[1], str)) and not (
                isinstance(callee, ModuleVal) and callee.qualname in ("copy.copy", "copy.deepcopy",
                                                                      "argparse.Namespace", "types.SimpleNamespace")):
            for value in list(args) + list(kwargs.values()):
                if isinstance(value, NamespaceVal):
                    value.escaped = True  # `vars(args).update(...)`: it may change there
        if enums.is_enum_class(callee):
            return enums.called(callee, [self.to_python(a) for a in args], kwargs)  # `Resize(4)`
        if isinstance(callee, FlagsVal):
            # `FLAGS(['prog', '--model_name=resnet_v1_50'])`, `FLAGS(argv, known_only=True)`
            return self.parse_flags(args[0] if args else kwargs.get("argv", UNKNOWN),
                                    kwargs.get("known_only", args[1] if len(args) > 1 else False), st)
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
        if isinstance(callee, Initializer):
            return self.real_call(callee, args, kwargs, st)  # `tf.zeros_initializer()([3])`: its value, a tensor
        if isinstance(callee, (_ScopeMethod, _StrMethod, _ContainerMethod, ParserMethod, NamespaceMethod,
                               _ExitStackMethod, _ManualEntry,
                               GraphMethod, ThreadMethod, _NamedTupleMethod, InstanceDictUpdate,
                               SubclassesMethod, CacheClear, ReadFileText)):
            return callee.invoke(self, args, kwargs, st)
        if isinstance(callee, AutographFn):
            self.frame_limits.append(len(self.frames))
            try:
                return self.call(callee.function, args, kwargs, st, node)
            finally:
                self.frame_limits.pop()
        if isinstance(callee, PartialVal):
            return self.call(callee.function, callee.args + args, dict(callee.kwargs, **kwargs), st, node)
        if isinstance(callee, CachedFunction):
            return memoized.call(self, callee, args, kwargs, st, node)
        if isinstance(callee, LruCacheFactory) and len(args) == 1 and not kwargs:
            return CachedFunction(args[0], callee.maxsize, callee.typed)  # `@functools.lru_cache(maxsize=None)`
        if isinstance(callee, InstanceVal):
            method = callee.cls.lookup("__call__")
            if method is MISSING:
                return UNKNOWN
            return self.call(self.bind(method, callee, st), args, kwargs, st, node)
        if isinstance(callee, ModuleVal):
            root, _, last = callee.qualname.partition(".")
            short = callee.qualname.rsplit(".", 1)[-1]
            if callee.qualname.rpartition(".")[0] == SYS_MODULES:
                self.sys_modules_method_called(short, args)
            if root in ("numpy", "np") and args and isinstance(args[0], ArrayVal) and "." not in last:
                scalar_type = numpy_dtypes.numpy_dtype(callee)
                if scalar_type is not None and len(args) == 1 and not kwargs:
                    return array_math.astype(args[0], scalar_type.name)  # `np.int32(np.array([32, 64]))`
                computed = array_math.ufunc(short, args, kwargs)  # `np.sqrt(np.sum(np.square(w), axis=0))`
                if computed is not None:
                    return computed
            if root in ("numpy", "np") and short == "tile" and "." not in last:
                tiled = array_math.tile(args, kwargs)
                if tiled is not None:
                    return tiled
            if root in ("numpy", "np") and short in array_math.JOINS and "." not in last:
                joined = array_math.join(short, args, kwargs)  # `np.vstack([features, np.zeros(...)])`
                if joined is not None:
                    return joined
            if root in ("numpy", "np", "math") and short in PURE_NUMERIC and not kwargs:
                python_args = [self.to_python(a) for a in args]
                if all(a is not MISSING for a in python_args):
                    try:
                        value = PURE_NUMERIC[short](*python_args)
                        return value if value is not None else UNKNOWN
                    except Exception:
                        return UNKNOWN
            if callee.qualname in _PATH_FUNCTIONS and not kwargs and args and all(isinstance(a, str) for a in args):
                try:
                    return _from_path_function(_PATH_FUNCTIONS[callee.qualname](*args))
                except (TypeError, ValueError):
                    return UNKNOWN
            if callee.qualname in _SOURCE_FILE_TESTS and len(args) == 1 and not kwargs and _is_source_path(args[0]):
                self.read_files.add(posixpath.dirname(args[0]))  # (a cached result depends on the listing)
                return posixpath.isfile(args[0])  # `os.path.isfile(join(dir, name + '.py'))` of a listed module
            if callee.qualname == "pkgutil.iter_modules" and len(args) == 1 and not kwargs:
                listed = _modules_in(args[0])
                if listed is not None:
                    self.read_files.update(args[0].items)  # a module added there changes what is imported
                    return listed
            if callee.qualname in _JSON_LOAD and len(args) == 1 and not kwargs:
                text = read_data_file(args[0])  # `with open("wavenet_params.json") as f: json.load(f)`
                if text is not None:
                    args = [text]
            if callee.qualname in _JSON_LOADS | _JSON_LOAD and len(args) == 1 and not kwargs and \
                    isinstance(args[0], (str, bytes)):
                try:  # `json.loads('{"dilations": [1, 2], "channels": 8}')`: hyperparameters in a literal
                    return _from_literal(json.loads(args[0]))  # (objects are dicts, arrays lists)
                except (ValueError, RecursionError):  # not JSON, or nested past Python's stack
                    return UNKNOWN
            if callee.qualname in _GYM_MAKERS and args and isinstance(args[0], str):
                env = self._gym_env(args[0], st)  # (gym installed here or not, as its spaces' model)
                if env is not None:
                    return env
            if callee.qualname == "ast.literal_eval" and len(args) == 1 and not kwargs and isinstance(args[0], str):
                try:  # tf-faster-rcnn's `cfg_from_list(["ANCHOR_SCALES", "[8,16,32]"])`: a literal, parsed
                    return _from_literal(ast.literal_eval(args[0]))
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    return UNKNOWN
            if callee.qualname in ("sys.exit", "os._exit"):
                self._program_raised(st)  # SystemExit (a handler of it may go on), or the process ends
                return UNKNOWN
            if callee.qualname in _JSON_DUMPS and args and not set(kwargs) - _JSON_DUMPS_OPTIONS:
                dumped = self._json_dumps(args[0], kwargs, st)
                if dumped is not None:
                    return dumped
            if callee.qualname in ("numpy.dtype", "np.dtype") and len(args) == 1 and not kwargs:
                made = numpy_dtypes.make_dtype(args[0])
                if made is not None:
                    return made
            if root in ("numpy", "np"):
                array = numpy_array(short, callee.qualname, args, kwargs, self)
                if array is not None:
                    return array
            if callee.qualname.startswith("absl.") and short in tf_api.FLAG_DEFINERS + ("run",):
                return self.program_support(short, args, kwargs, st, node)
            if callee.qualname in versions.LOOSE_VERSION_NAMES and len(args) == 1 and not kwargs:
                return versions.loose_version(args[0])
            if callee.qualname in ("functools.reduce", "six.moves.reduce", "_functools.reduce"):
                return self.call_builtin("reduce", args, kwargs, st, node)
            if callee.qualname in _SIX_DICT_METHODS and len(args) == 1 and not kwargs:
                # `six.iteritems(kwargs)` is `iter(kwargs.items())`: the dict's own method (tensorpack's layers)
                method, iterator = _SIX_DICT_METHODS[callee.qualname]
                view = self.call(self.get_attribute(args[0], method, st), [], {}, st, node)
                return self.call_builtin("iter", [view], {}, st, node) if iterator else view
            if callee.qualname in _SIX_TEXT and len(args) == 1 and not kwargs:
                return _six_text(callee.qualname, args[0])
            if callee.qualname in ("itertools.zip_longest", "six.moves.zip_longest"):
                return self.call_builtin("zip_longest", args, kwargs, st, node)
            if callee.qualname in ("six.with_metaclass", "future.utils.with_metaclass") and len(args) == 2 and \
                    not kwargs:
                return args[1]  # `class A(six.with_metaclass(ABCMeta, Base))`: A's base is Base
            if tf_api.is_pytest_mark(callee.qualname):
                # `pytest.mark.skipif(...)(fn)` is fn; given anything else, it is a mark with arguments
                if len(args) == 1 and not kwargs and isinstance(args[0], (FunctionVal, ClassVal)):
                    return args[0]
                return callee
            if memoized.is_lru_cache(callee):
                made = memoized.decorator(callee.qualname, args, kwargs)
                if made is not MISSING:
                    return made
            if callee.qualname == "functools.partial" and args:
                return PartialVal(args[0], args[1:], kwargs)
            if callee.qualname == "functools.update_wrapper" and len(args) >= 2:
                # it copies the wrapped function's name and docstring onto the wrapper, calling
                # neither (slim's mobilenet_v1 `wrapped_partial`): the wrapper, nothing run
                if isinstance(args[0], FunctionVal):
                    self.touch(args[0])
                    copy_wrapped_metadata(args[0], args[1])
                return args[0]
            if callee.qualname == "importlib.import_module" and len(args) == 1 and not kwargs and \
                    isinstance(args[0], str) and args[0] and not args[0].startswith("."):
                # facenet's `importlib.import_module(args.model_def)`: the module, followed as an import
                if self.import_raises(args[0], st):
                    self._program_raised(st)  # ImportError: `pkg.mod.fn` is no module
                    return UNKNOWN
                return self.import_module(args[0], st)
            if callee.qualname == "argparse.ArgumentParser":
                return ArgParserVal()
            if callee.qualname in ("argparse.Namespace", "types.SimpleNamespace") and not args:
                return NamespaceVal(dict(kwargs))  # `argparse.Namespace(lr=0.1, depth=3)`: a config object
            if callee.qualname == "collections.namedtuple":
                return _namedtuple_class(args, kwargs)
            if callee.qualname in ("copy.copy", "copy.deepcopy") and len(args) == 1:
                return _copied(args[0], callee.qualname.endswith("deepcopy"))
            if callee.qualname == "random.choice" and len(args) == 1 and not kwargs:
                return _chosen(args[0])
            if callee.qualname in _REGEX_FUNCTIONS and not kwargs and args and \
                    all(isinstance(a, (str, int)) for a in args):
                try:
                    return getattr(re, short)(*args)  # `re.match(r"^(.*):\d+$", name)` on a known name
                except (re.error, TypeError):
                    return UNKNOWN
            if callee.qualname == "collections.OrderedDict":
                return self.make_dict(args, kwargs, st)
            if callee.qualname == "collections.defaultdict":
                made = self.make_dict(args[1:], kwargs, st)  # `defaultdict(dict)`: tensorpack's argscope
                made.default_factory = args[0] if args else None
                return made
            if callee.qualname == "threading.Thread":
                return make_thread(args, kwargs)
            if callee.qualname == "threading.Thread.__init__" and thread_init_runs_nothing(args, kwargs):
                return None  # a Thread subclass's `threading.Thread.__init__(self)`: it only records its arguments
            if callee.qualname in _PROGRESS_BARS:
                bar = self._progress_bar(short, args, kwargs, st, node)
                if bar is not None:
                    return bar
            if callee.qualname in ("contextlib.ExitStack", "contextlib2.ExitStack") and not args:
                return _ExitStack()
            if callee.qualname == "contextlib.suppress":
                return _Suppress(any(_may_catch_scope_errors(_exception_name(a)) for a in args))
            if not self.graph_free_name(callee.qualname):
                _escape(args, kwargs)
                st.graph.unknown_code_ran()
                return UNKNOWN
            if not self.only_data(args, kwargs):
                followed = self._graph_free_attribute(callee.qualname, st)
                if followed is not None:
                    return self.call(followed, args, kwargs, st, node)
            return self._library_call(callee.qualname, args, kwargs, st)
        if callable(callee) and not isinstance(callee, (type,)) and _method_of_plain_value(callee):
            if _fails_rank_check(callee, args, kwargs):
                self._program_raised(st)  # ValueError: `kl.get_shape().assert_has_rank(1)` of a rank-2 shape
                return UNKNOWN
            return self.real_call(callee, args, kwargs, st)
        if isinstance(callee, GeneratorFactory):
            return GeneratorCM(callee.function, args, kwargs)
        if isinstance(callee, (str, int, float, bool)) or callee is None:
            return UNKNOWN
        if isinstance(callee, OpaqueVal) and callee.inert:
            if callee.label.startswith(tf_api.INPUT_PIPELINE):
                return OpaqueVal(callee.label + "()", inert=True)  # `dataset.map(parse).batch(8)`
            if callee.label.startswith("Session."):
                # `sess.run(tf.variables_initializer(...))`: a session runs the graph it is given, never builds
                return OpaqueVal(callee.label + "()", inert=True)
            return self._library_call(callee.label, args, kwargs, st)
        _escape(args, kwargs)  # code the analysis does not follow may change what it is given
        if isinstance(callee, OpaqueVal):
            # A method of a TF object (`optimizer.minimize`): TF's code, which may create
            # variables but leaves the caller's reuse alone unless it runs the program's code.
            st.graph.unknown_code_ran(may_set_reuse=not self.only_data(args, kwargs))
            return OpaqueVal(callee.label + "()")
        # An object the analysis cannot see into: it may build graph pieces.
        if may_touch_graph(callee) and not (node is not None and (models.calls_library_method(node) or
                                                                  _reads_shape(node))):
            st.graph.unknown_code_ran()
        return UNKNOWN

    def _progress_bar(self, short: str, args: List[Any], kwargs: Dict[str, Any], st: State,
                      node: Optional[ast.AST]) -> Optional[ProgressBarVal]:
        """`tqdm(range(n))`, `trange(n)`: loops over it run over the items (kwargs only draw)."""
        if short == "trange":
            iterable = self.call_builtin("range", args, {}, st, node)
        else:
            iterable = args[0] if args else kwargs.get("iterable")
        if not isinstance(iterable, ListVal) or iterable.grown:
            return None
        return ProgressBarVal("tqdm." + short + "()", True, list(iterable.items))

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
        found = self.module_names(followed, st).get(name, MISSING)
        return None if found is MISSING else _visible(found)

    def _gym_env(self, env_id: str, st: State) -> Any:
        """`gym.make(env_id)` of an environment gym_envs.json lists: the model's MadeEnv with its
        spaces (spinningup and baselines shape their placeholders by them); None otherwise."""
        spaces = library_models.gym_environment(env_id)
        model = self.import_module("gym.spaces", st) if spaces is not None else None
        if not isinstance(model, SourceModuleVal):
            return None
        names = self.module_names(model, st)
        made = [self.call(names["Box"], [0.0, 1.0], {"shape": ListVal(list(space[1]), True), "dtype": space[2]},
                          st, None) if space[0] == "Box" else self.call(names["Discrete"], [space[1]], {}, st, None)
                for space in spaces]
        env = self.call(names["MadeEnv"], [env_id] + made, {}, st, None)
        if isinstance(env, InstanceVal):
            env.attrs_complete = False  # a wrapper's other attributes (`env.spec`, `_max_episode_steps`)
        return env

    def _json_dumps(self, value: Any, kwargs: Dict[str, Any], st: State) -> Any:
        """json.dumps of a value the analysis knows: its text, or the TypeError it raises on a
        function or an object of the program's (spinningup's `is_json_serializable` tries it);
        None when it cannot tell."""
        plain = _json_plain(value)
        if plain is _NOT_JSON:
            self._program_raised(st)
            return UNKNOWN
        options = {key: self.to_python(option) for key, option in kwargs.items()}
        if plain is MISSING or any(option is MISSING for option in options.values()):
            return None
        try:
            return json.dumps(plain, **options)
        except (TypeError, ValueError):
            return None

    def _library_call(self, label: str, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        """A call into a library that builds no TF graph (numpy, argparse): harmless when it is
        given data; given the program's functions or scopes, it may run or enter them."""
        self.may_raise += 1
        if label in enums.FACTORIES:
            made = enums.functional(label, [self.to_python(a) for a in args],
                                    {k: self.to_python(v) for k, v in kwargs.items()})
            if made is not None:
                return made  # `IntEnum('Resize', ('NONE', 'WARP_RESIZE'))`
        if label in _DEFERRED_CALLERS:
            # `atexit.register(close_log)`: kept to be called when the program exits, not now
            return args[0] if label == "atexit.register" and args else OpaqueVal(label + "()", inert=True)
        if label.split(".")[0] in _INSPECTING_MODULES:
            if label == "inspect.getmembers" and len(args) == 1 and not kwargs:
                members = class_members.getmembers(args[0], lambda cls, name: self.get_attribute(cls, name, st))
                if members is not UNKNOWN:
                    return members
            if label in _SOURCE_FILE_READERS and len(args) == 1 and not kwargs:
                path = _source_file_of(args[0])  # `getsourcefile(lambda: 0)`: this module's file, for sys.path
                if path is not None:
                    return posixpath.abspath(path) if label == "inspect.getabsfile" else path
            if label in _SIGNATURE_READERS and len(args) == 1 and not kwargs:
                known = _SIGNATURE_READERS[label](args[0])
                if known is not UNKNOWN:
                    return known
            return OpaqueVal(label + "()", inert=True)  # `inspect.signature(fn)` reads fn, never calls it
        if label not in _READ_ONLY_CALLS:
            _escape(args, kwargs)  # `random.shuffle(layers)`
        if not self.only_data(args, kwargs):
            if any(isinstance(v, (ScopeCM, NameScopeCM)) for v in list(args) + list(kwargs.values())):
                # `ExitStack().enter_context(tf.variable_scope(...))`: the scope may now be open.
                self._enter_unknown_scope(st)
            elif self._callbacks_build_nothing(list(args) + list(kwargs.values()), st):
                return UNKNOWN  # (what it gives may be what they returned: not data)
            st.graph.unknown_code_ran()
            return UNKNOWN
        if label in ("numpy.load", "np.load") and kwargs.get("allow_pickle", False) is False or \
                label in _NUMPY_TEXT_READERS:
            return NumpyLoaded(label + "()", inert=True)
        return OpaqueVal(label + "()", inert=True)

    def _callbacks_build_nothing(self, given: List[Any], st: State) -> bool:
        """A library that builds no graph, given data and the program's functions (TF's cifar10
        tutorial's `urlretrieve(DATA_URL, filepath, _progress)`): whatever it calls them with, and
        however often, the program is left as it was when each, called with unknown arguments (on
        a muted copy of the path), touches no graph, changes none of the program's values made
        before (a list, an instance, a global) and returns data.
        Fixture constructs/library_callback_builds_nothing.py."""
        callbacks = [value for value in given if not is_plain_data(value)]
        functions = [callback.function if type(callback) is BoundMethod else callback for callback in callbacks]
        if not all(type(function) is FunctionVal and _plain_parameters(function) for function in functions):
            return False
        for callback, function in zip(callbacks, functions):
            spec = function.node.args
            count = len(spec.posonlyargs) + len(spec.args) - (1 if type(callback) is BoundMethod else 0)
            returned: List[Any] = []
            journal = path_journal.Journal(path_journal.new_floor())
            self.journals.append(journal)
            try:
                _, touched = self._muted_trial(
                    st, lambda trial: returned.append(self.call(callback, [UNKNOWN] * count, {}, trial, None)))
            finally:
                self.journals.pop()
            changed = bool(journal.before)  # it wrote to the program's values: how often is unknown
            path_journal.undo(journal)
            if touched or changed or not all(is_plain_data(value) for value in returned):
                return False
        return bool(callbacks)

    def _forget_what_it_may_change(self, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any]) -> None:
        """A call not analysed (cut off at the call depth) may have set what it was given: the
        attributes its own body assigns on its first parameter (Layer._set_scope sets
        `self._scope`) are unknown after it, as lists and dicts given to unknown code are."""
        _escape(args, kwargs)
        receiver = args[0] if args else None
        if isinstance(receiver, InstanceVal):
            assigned = _attributes_assigned_on_first_parameter(function.node)
            if assigned:
                self.touch(receiver)
                for name in assigned:
                    receiver.attrs[name] = UNKNOWN

    def _on_new_receiver(self, function: FunctionVal, args: List[Any]) -> bool:
        """A layer's method whose every frame on the stack has another layer as `self` than this
        call's; or the `__call__` of a model's wrapper of a function on another function than each
        of its frames on the stack: tf_slim's add_arg_scope, whose layers call other layers
        (mobilenet's mobilenet -> mobilenet_base -> expanded_conv -> separable_conv2d ->
        batch_norm, each through its arg-scoped wrapper: slim/arg_scoped_functions_nested_deep)."""
        receiver = args[0] if args else None
        if not isinstance(receiver, InstanceVal) or not (
                isinstance(receiver.cls.lookup("call"), FunctionVal) or function.name == "__call__"):
            return False  # (a layer or cell: it has a `call`)
        params = list(function.node.args.posonlyargs) + list(function.node.args.args)
        if not params:
            return False
        for caller, env in zip(self.call_stack, self.local_envs):
            if caller.node is function.node and env.vars.get(params[0].arg, MISSING) is receiver:
                return False
        return True

    def call_function(self, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any], st: State,
                      entry: bool = False, yield_hook: Optional[Callable[[Any, State], None]] = None,
                      yield_collector: Optional[Callable[[Any, State], None]] = None) -> Any:
        self.called.add(id(function.node))
        depth = sum(1 for f in self.call_stack if f.node is function.node)
        known = depth >= MAX_RECURSION and all(_known_argument(a) for a in list(args) + list(kwargs.values()))
        # A model of TF's recurses over structures (nest's flatten over nested lists of unknown
        # leaves) deeper than unknown code may, but not over plain data lost whole, where each
        # level would branch again on what it is and the cut costs nothing but the value
        # (tensorflow_probability's Distribution methods convert their unknown arguments by
        # nest.map_structure: 5,461 calls of _packed per method)
        model = models.is_model_node(function.node)
        nothing: Optional[bool] = None  # _builds_nothing(), asked at most once
        if model and depth >= MAX_RECURSION and any(a is UNKNOWN for a in args):
            nothing = _builds_nothing(self, function, args, kwargs)
        structural = model and not nothing
        limit = MAX_KNOWN_RECURSION if known or structural else MAX_RECURSION
        if depth >= limit and limit == MAX_KNOWN_RECURSION and model and self._on_new_receiver(function, args):
            limit = MAX_STRUCTURAL_RECURSION  # TF's layer call on cells in cells (wrappers of wrappers)
        if self.budget.exhausted or len(self.call_stack) >= MAX_CALL_DEPTH or depth >= limit:
            if not self.budget.exhausted and depth >= limit and (model or limit == MAX_RECURSION) and (
                    nothing if nothing is not None else _builds_nothing(self, function, args, kwargs)):
                # its value is lost, and what it may change of its arguments; nothing else is
                # (spinningup's convert_json recursing into a config value the analysis lost). A
                # recursion over known values cut off may never end: what follows stays unknown.
                if not model:
                    _escape(args, kwargs)
                return UNKNOWN
            self.incomplete = True  # cut off: deeper calls are not analysed
            st.graph.unknown_code_ran()
            self._forget_what_it_may_change(function, args, kwargs)
            if any(isinstance(a, (InstanceVal, ListVal, DictVal)) for a in list(args) + list(kwargs.values())):
                st.graph.path_certain = False  # what it did to them is not known: nor is what follows
            return UNKNOWN
        node = function.node
        if yield_hook is None and yield_collector is None and _is_generator(node):
            return GeneratorObject(function, args, kwargs)
        defined_in = function.env
        current = st.env.globals_env
        if defined_in is defined_in.globals_env and current is not defined_in and current.origin is defined_in.origin:
            # a module-level function reads the module's names as this path has them: a branch of
            # module-level code runs on a copy of them (`X = 5` in the branch, then `make()`)
            defined_in = current
        local = Env(defined_in, defined_in.globals_env)
        if not self.bind_arguments(function, args, kwargs, local, entry):
            st.graph.unknown_code_ran()
            return UNKNOWN
        name = function.name if not isinstance(node, ast.Lambda) else "<lambda>"
        frame = self._frame(node, function.env, node.lineno, name, 0)
        self.frames.append(frame)
        # a followed module of Python 2 syntax runs as Python 2 (its `xrange` loop called from a
        # Python 3 file: ENAS's controllers); any other code as the analysed file's Python
        saved_python2 = self.python2
        self.python2 = defined_in.globals_env.vars.get(PYTHON2_MODULE, self.module_python2)
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
            self.python2 = saved_python2
        if not ctx.returns:
            st.alive = False
            return UNKNOWN
        certain = st.graph.path_certain
        first_value, first_state = ctx.returns[0]
        merged = first_state.graph
        value = first_value
        for other_value, other_state in ctx.returns[1:]:
            merged.join(other_state.graph)
            value = join_values(value, other_value, alternatives=True)
        merged.path_certain = certain
        st.graph = merged
        self.runtime_graph.state = merged
        return value

    def bind_arguments(self, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any], local: Env,
                       entry: bool = False) -> bool:
        """`entry`: an entry point's, whose *args tuple is taken as its callers give it when they
        pass no extra arguments, but as made before the entry ran: callers elsewhere may have
        passed some, so reading past its end raises nothing certain. A **kwargs dict is taken
        so for every call (`kwargs.get('reuse', False)` reads the default), never to raise a
        certain KeyError: an entry's keywords, passed on by `f(**kwargs)`, are what callers
        elsewhere gave (tensorflow-gan's progressive_gan `build_model(..., **kwargs)` hands them
        to get_stage_info, which reads `kwargs['num_resolutions']`)."""
        spec = function.node.args
        positional = list(spec.posonlyargs) + list(spec.args)
        defaults = function.defaults
        first_default = len(positional) - len(defaults)
        remaining = dict(kwargs)
        keywords_lost = remaining.pop(LOST_KEYWORDS, False)
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
        if spec.vararg is not None:  # (Alternatives never sit in a tuple or dict: values.Alternatives)
            local.vars[spec.vararg.arg] = ListVal([_no_alternatives(a) for a in extra], is_tuple=True,
                                                  born=0 if entry else birth())
        for param, default in zip(spec.kwonlyargs, function.kw_defaults):
            if param.arg in remaining:
                local.vars[param.arg] = remaining.pop(param.arg)
            else:
                local.vars[param.arg] = default if default is not MISSING else UNKNOWN
        if spec.kwarg is not None:
            local.vars[spec.kwarg.arg] = DictVal({k: _no_alternatives(v) for k, v in remaining.items()},
                                                 complete=not keywords_lost, born=0)
        return True

    def instantiate(self, cls: ClassVal, args: List[Any], kwargs: Dict[str, Any], st: State,
                    node: Optional[ast.AST]) -> Any:
        record = namedtuple_ancestor(cls, constructed=True)
        if record is not None:
            made = record.make(args, kwargs)  # `class Block(namedtuple('Block', [...]))` without its own __new__
            made.cls = cls if cls.attrs else None  # its methods and properties (LSTMStateTuple's dtype)
            return made
        if cls.derives_from_dict():
            return self._new_dict(cls, args, kwargs, st, node)
        instance = InstanceVal(cls)
        init = cls.lookup("__init__")
        if init is MISSING:
            return instance
        if init is UNKNOWN:
            if cls.program_defines("__init__") or not (
                    self._graph_free_classes(cls.library_bases()) and self.only_data(args, kwargs)):
                st.graph.unknown_code_ran()  # an unknown base class's constructor
            instance.attrs_complete = False
            return instance
        self.call(self.bind(init, instance, st), args, kwargs, st, node)
        return instance

    def _graph_free_classes(self, classes: List[Any]) -> bool:
        """Builtin types and classes of libraries that build no TF graph (tensorpack's logger's
        `_MyFormatter(logging.Formatter)`), and a test case's (tf.test.TestCase): their
        constructors, given data, leave the scopes alone (calls to them are library calls,
        _library_call)."""
        return all(isinstance(c, BuiltinFn) or isinstance(c, ModuleVal) and self.graph_free_name(c.qualname) or
                   isinstance(c, (ModuleVal, ApiFn)) and tf_api.is_graph_free_class(c.qualname) for c in classes)

    def _new_dict(self, cls: ClassVal, args: List[Any], kwargs: Dict[str, Any], st: State,
                  node: Optional[ast.AST]) -> DictVal:
        """An instance of the program's subclass of dict (dnnlib's `EasyDict(dict)`): a dict
        with the class's methods, filled by its __init__ or by dict's."""
        made = DictVal({}, cls=cls)
        init = cls.lookup("__init__", below_dict=True)
        if init is MISSING:
            _dict_init(made, self.make_dict(args, kwargs, st))
        else:
            self.call(self.bind(init, made, st), args, kwargs, st, node)
        return made


def _dict_init(made: DictVal, filled: DictVal) -> None:
    made.items.update(filled.items)
    made.complete, made.unordered = filled.complete, filled.unordered


def _builds_nothing(interp: Any, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """A function recursing on a value the analysis lost (nest.flatten of a lost `elems` in
    map_fn, a config walker), cut off: when neither it nor what it is given can reach TF's
    scope machinery, the calls not analysed build nothing."""
    from scopelint.analysis.relevance import model_helper_reaches_tf

    return all(is_plain_data(a) for a in list(args) + list(kwargs.values())) and \
        not model_helper_reaches_tf(interp, function)


# TensorShape's checks of its rank: where the rank is known, whether they raise is certain
_RANK_CHECKS = frozenset({"assert_has_rank", "with_rank", "with_rank_at_least", "with_rank_at_most"})


def _fails_rank_check(callee: Any, args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """`shape.assert_has_rank(2)` (with_rank...) of a shape whose rank is known and another."""
    shape = getattr(callee, "__self__", None)
    if not isinstance(shape, TensorShape) or getattr(callee, "__name__", "") not in _RANK_CHECKS or kwargs or \
            len(args) != 1 or not isinstance(args[0], int) or isinstance(args[0], bool) or shape.dims_tuple is None:
        return False
    try:
        callee(args[0])
    except ValueError:
        return True
    return False


def _method_of_plain_value(callee: Any) -> bool:
    """`name.split`, `shape.as_list` (bound to a value the analysis holds as a Python object), or
    `str.upper` (unbound, of an immutable builtin type): run for real."""
    receiver = getattr(callee, "__self__", None)
    if receiver is not None:
        return isinstance(receiver, (Tensor, TensorShape, Dimension, str, int, float, re.Match, PartitionedVariable))
    return getattr(callee, "__objclass__", None) in (str, bytes, int, float)


def _no_alternatives(value: Any) -> Any:
    return UNKNOWN if type(value) is Alternatives else value


def _chosen(sequence: Any) -> Any:
    """random.choice of a list or tuple the analysis knows: the item every choice agrees on, or a
    few known instances or callables as Alternatives (pcl_rl's GymWrapper.get_one picks one of
    its envs, all made alike); else unknown. It reads the sequence and calls nothing of its items."""
    if not isinstance(sequence, ListVal) or sequence.poisoned or sequence.grown or not sequence.items:
        return UNKNOWN
    found = alternatives_of(sequence.items)
    if found is not MISSING:
        return found
    chosen = sequence.items[0]
    for item in sequence.items[1:]:
        chosen = join_values(chosen, item)
    return chosen


def _copied(value: Any, deep: bool) -> Any:
    """copy.copy / copy.deepcopy of a value the analysis knows (BERT deep-copies its config)."""
    if isinstance(value, InstanceDict):
        return _copied(value.snapshot(), deep)  # a plain dict of the attributes, no longer the instance's
    if isinstance(value, InstanceVal):
        attrs = {k: _copied(v, True) if deep else v for k, v in value.attrs.items()}
        return InstanceVal(value.cls, attrs, value.attrs_complete)
    if isinstance(value, ListVal):
        return ListVal([_copied(v, True) if deep else v for v in value.items], value.is_tuple, value.poisoned,
                       value.fields, namedtuple=value.namedtuple, cls=value.cls)
    if isinstance(value, DictVal):
        # (a defaultdict's copy keeps its factory, an EasyDict's is one)
        return DictVal({k: _copied(v, True) if deep else v for k, v in value.items.items()}, value.complete,
                       default_factory=value.default_factory, cls=value.cls)
    if isinstance(value, NamespaceVal):  # char-rnn's `saved_args = copy.copy(args)`
        return NamespaceVal({k: _copied(v, True) if deep else v for k, v in value.values.items()}, value.escaped)
    return value


def _six_text(qualname: str, value: Any) -> Any:
    """six.ensure_str(s) and the like of a string the analysis knows, or knows in part (ALBERT's
    optimizers name their slots from `six.ensure_str(param.name)`): that string, or its bytes
    decoded (or text encoded) as UTF-8, six's default."""
    wanted = _SIX_TEXT[qualname]
    if isinstance(value, wanted) or wanted is str and isinstance(value, Pattern):
        return value
    try:
        return value.decode() if isinstance(value, bytes) else value.encode() if isinstance(value, str) else UNKNOWN
    except UnicodeError:
        return UNKNOWN  # (six raises: the program stops here)


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


def _unknown_rest(callee: Any, args: List[Any], kwargs: Dict[str, Any], star_lost: bool) -> Optional[Dict[str, Any]]:
    """`f(*rest)` or `f(**options)`, where the analysis lost what `rest` or `options` holds, of a
    function of the program's: it runs with every parameter not given explicitly unknown (a
    defaulted one too: `options` may set it), as keywords. Only `options` lost: its `*args` are
    the positional ones given, and its `**kwargs` holds keys the analysis does not know
    (LOST_KEYWORDS; tensorpack's layer decorators pass argscope's keywords on so). None where that
    cannot be said (no such function, or a `rest` lost where it collects *args or **kwargs)."""
    function = callee.function if isinstance(callee, BoundMethod) else callee
    if not isinstance(function, FunctionVal):
        return None
    spec = function.node.args
    positional = list(spec.posonlyargs) + list(spec.args)
    given = len(args) + (1 if isinstance(callee, BoundMethod) else 0)
    if star_lost and (spec.vararg is not None or spec.kwarg is not None or given > len(positional)):
        return None
    if given > len(positional) and spec.vararg is None:
        return None  # Python's TypeError
    rest = dict(kwargs)
    for param in positional[given:] + list(spec.kwonlyargs):
        rest.setdefault(param.arg, UNKNOWN)
    if spec.kwarg is not None:
        rest[LOST_KEYWORDS] = True
    return rest


def _mutates_unknown_container(node: ast.Call, st: State) -> bool:
    """`name.append(...)` (a mutator) or `name.intersection(...)` (a reader) where `name` holds a
    list, set or dict the analysis lost, or a set made of values it lost: a builtin container's
    method, which builds nothing."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and (func.attr in _CONTAINER_MUTATORS or func.attr in _CONTAINER_READERS)):
        return False
    value = _held_by(func.value, st)
    return isinstance(value, (ListVal, DictVal, SetVal)) and value.poisoned or isinstance(value, SetOfLost)


def _held_by(node: ast.expr, st: State) -> Any:
    """What `name` or `name.attr...` holds (`self.train` of StarGAN's data loader), read without
    running anything: a property or an unknown object gives MISSING."""
    if isinstance(node, ast.Name):
        return st.env.lookup(node.id)
    if isinstance(node, ast.Attribute):
        holder = _held_by(node.value, st)
        if isinstance(holder, InstanceVal):
            return holder.attrs.get(node.attr, MISSING)
    return MISSING


# TensorShape's methods: they compare, merge or check shapes, and never build graph pieces.
_SHAPE_METHODS = frozenset({
    "assert_is_compatible_with", "assert_same_rank", "assert_has_rank", "assert_is_fully_defined",
    "is_compatible_with", "is_fully_defined", "merge_with", "concatenate", "with_rank", "with_rank_at_least",
    "with_rank_at_most", "as_list", "most_specific_compatible_shape", "num_elements"})


def _lost_shape_method(node: ast.Call, st: State) -> bool:
    """`name.shape.<method>(...)` or `name.get_shape().<method>(...)` where `name` holds a tensor
    (the analysis's, of a shape it lost) and <method> is one of TensorShape's."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in _SHAPE_METHODS):
        return False
    shape = func.value
    if isinstance(shape, ast.Call) and not shape.args and not shape.keywords:
        shape = shape.func
        if not (isinstance(shape, ast.Attribute) and shape.attr == "get_shape"):
            return False
    elif not (isinstance(shape, ast.Attribute) and shape.attr == "shape"):
        return False
    if not isinstance(shape.value, ast.Name):
        return False
    tensor = st.env.lookup(shape.value.id)
    return isinstance(tensor, Tensor)


_SOURCE_FILE_READERS = frozenset({"inspect.getsourcefile", "inspect.getfile", "inspect.getabsfile"})


def _source_file_of(value: Any) -> Optional[str]:
    """The file a function or module of the program's was read from (its module's `__file__`),
    or None."""
    if isinstance(value, BoundMethod):
        value = value.function
    if isinstance(value, SourceModuleVal):
        env = value.env
    elif isinstance(value, FunctionVal):
        env = value.env.globals_env
    else:
        return None
    path = env.vars.get("__file__")
    return path if isinstance(path, str) else None


def _known_argument(value: Any, depth: int = 0) -> bool:
    """An argument a recursion over known data is given: a known value, an object or function of
    the program's, a tensor, or a list or dict of them (spinningup's convert_json walks its
    config's dicts, lists and functions this way)."""
    if is_concrete(value) or isinstance(value, (InstanceVal, Tensor, FunctionVal, ClassVal, BoundMethod, ApiFn)):
        return True
    if depth > 4:
        return False
    if isinstance(value, ListVal):
        return not value.grown and not value.poisoned and all(_known_argument(v, depth + 1) for v in value.items)
    if isinstance(value, DictVal):
        return value.complete and not value.poisoned and \
            all(_known_argument(v, depth + 1) for v in [key_value(k) for k in value.items] + list(value.items.values()))
    return False


def _binds_by_name_only(callee: Any) -> bool:
    """A function of the program's without **kwargs: the order its keyword arguments come in
    (a dict's whose order the analysis does not know) changes nothing."""
    function = callee.function if isinstance(callee, BoundMethod) else callee
    return isinstance(function, FunctionVal) and function.node.args.kwarg is None


# os.path's functions of strings alone (`os.path.join(os.path.dirname(__file__), "lib")` for
# sys.path), as POSIX has them (TF1 code runs on POSIX; a `/` in a scope name nests it):
# abspath takes the directory scopelint runs in for the program's.
_PATH_FUNCTIONS = {module + "." + name: getattr(posixpath, name) for module in ("os.path", "posixpath") for name in (
    "join", "dirname", "basename", "abspath", "normpath", "split", "splitext")}


# A source file of the program's exists at run time as it does now: the analysis reads it as it is.
_SOURCE_FILE_TESTS = frozenset({"os.path.isfile", "os.path.exists", "posixpath.isfile", "posixpath.exists"})


def _is_source_path(path: Any) -> bool:
    return isinstance(path, str) and path.endswith(".py") and posixpath.isabs(path) and \
        posixpath.isdir(posixpath.dirname(path))


def _modules_in(paths: Any) -> Any:
    """pkgutil.iter_modules of known directories (tensorpack's packages import each of their
    modules in a loop over it): the modules found there, as (finder, name, ispkg) tuples. It
    lists the directories, importing nothing; None when they are not known directories."""
    if not (isinstance(paths, ListVal) and not paths.grown and not paths.poisoned and
            all(isinstance(path, str) and posixpath.isabs(path) and posixpath.isdir(path) for path in paths.items)):
        return None
    found = pkgutil.iter_modules(list(paths.items))
    return ListVal([ListVal([OpaqueVal("pkgutil.ModuleInfo.module_finder", inert=True), module.name, module.ispkg],
                            is_tuple=True) for module in found])


def _from_path_function(result: Any) -> Any:
    return ListVal(list(result), is_tuple=True) if isinstance(result, tuple) else result


_JSON_LOADS = frozenset({"json.loads", "simplejson.loads", "ujson.loads"})
_JSON_LOAD = frozenset({"json.load", "simplejson.load", "ujson.load"})
_GYM_MAKERS = frozenset(package + name for package in ("gym", "gymnasium")
                        for name in (".make", ".envs.make", ".envs.registration.make"))
_JSON_DUMPS = frozenset({"json.dumps", "simplejson.dumps", "ujson.dumps"})
_JSON_DUMPS_OPTIONS = frozenset({"indent", "separators", "sort_keys", "ensure_ascii", "allow_nan", "skipkeys"})
_NOT_JSON = object()  # a value json.dumps refuses (TypeError) whatever else it is given


def _json_plain(value: Any) -> Any:
    """A known value as the plain Python data json.dumps reads; _NOT_JSON when it holds a
    function, class or instance of the program's, a TF function or a tensor; MISSING when some
    part is unknown."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (FunctionVal, ClassVal, BoundMethod, PartialVal, ApiFn, Tensor)) or \
            isinstance(value, InstanceVal) and _plain_class(value.cls):  # (no dict or list subclass)
        return _NOT_JSON
    if isinstance(value, ListVal) and not value.grown and not value.poisoned:
        items = [_json_plain(item) for item in value.items]
    elif isinstance(value, DictVal) and value.complete and not value.poisoned:
        keys = list(value.items)
        if not all(key is None or isinstance(key, (bool, int, float, str)) for key in keys):
            return MISSING
        items = [_json_plain(item) for item in value.items.values()]
    else:
        return MISSING
    if _NOT_JSON in items:
        return _NOT_JSON
    if MISSING in items:
        return MISSING
    return dict(zip(keys, items)) if isinstance(value, DictVal) else items


def _from_literal(value: Any) -> Any:
    """What ast.literal_eval or json.loads gives, as the analysis's values (tuples and lists are
    ListVals, dicts DictVals, sets SetVals of known items)."""
    if isinstance(value, (list, tuple)):
        return ListVal([_from_literal(item) for item in value], is_tuple=isinstance(value, tuple))
    if isinstance(value, dict):
        return DictVal({key: _from_literal(item) for key, item in value.items()})
    if isinstance(value, (set, frozenset)):
        return SetVal(set(value), isinstance(value, frozenset))
    return value


# tqdm's progress bars: iterating one iterates what it wraps.
_PROGRESS_BARS = frozenset("tqdm.%s%s" % (module, name) for name in ("tqdm", "trange")
                           for module in ("", "auto.", "autonotebook.", "notebook.", "std.")) | {"tqdm.tqdm_notebook"}


# Library functions that read what they are given and never change it (`json.dumps(vars(args))`
# to save a config): the containers keep their known contents.
_READ_ONLY_CALLS = frozenset({
    "json.dump", "json.dumps", "pickle.dump", "pickle.dumps", "yaml.dump", "yaml.safe_dump", "oyaml.dump",
    "oyaml.safe_dump", "pprint.pprint", "pprint.pformat", "copy.copy", "copy.deepcopy", "os.path.join",
    "os.path.exists", "os.path.isfile", "os.path.isdir", "os.makedirs", "os.mkdir", "np.array", "numpy.array",
    "np.asarray", "numpy.asarray",
})


# numpy's readers of text files: an ndarray, never None (AttGAN's CelebA labels,
# fixture constructs/numpy_text_not_none.py)
_NUMPY_TEXT_READERS = frozenset({"numpy.loadtxt", "np.loadtxt", "numpy.genfromtxt", "np.genfromtxt"})


# Library functions that keep the callable they are given for later (at exit, on a signal),
# without calling it: what the program builds after them is not in doubt.
_DEFERRED_CALLERS = frozenset({"atexit.register", "atexit.unregister", "signal.signal"})


def _attributes_assigned_on_first_parameter(node: Any) -> List[str]:
    """`self.x = ...`, `self.x += ...`, `with ... as self.x` in the function's own body."""
    cached = getattr(node, "_scopelint_self_attributes", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    params = list(node.args.posonlyargs) + list(node.args.args) if hasattr(node, "args") else []
    found: List[str] = []
    if params:
        first = params[0].arg
        for child in ast.walk(node):
            if isinstance(child, ast.Attribute) and isinstance(child.ctx, ast.Store) and \
                    isinstance(child.value, ast.Name) and child.value.id == first and child.attr not in found:
                found.append(child.attr)
    setattr(node, "_scopelint_self_attributes", found)
    return found


def _escape(args: List[Any], kwargs: Dict[str, Any]) -> None:
    for value in list(args) + list(kwargs.values()):
        if isinstance(value, (ListVal, DictVal)) and not (isinstance(value, ListVal) and value.is_tuple) or \
                isinstance(value, SetVal) and not value.frozen:
            value.poisoned = True
        elif isinstance(value, ClassVal):
            value.subclasses_seen = False  # (class_members.SubclassesMethod)
        elif isinstance(value, FunctionVal):
            value.attrs_complete = False  # it may have set attributes on the function
        array_math.forget_items(value)  # `np.random.shuffle(sizes)`


# Methods that only TF's tensors and shapes, strings, files and numpy arrays have, which read
# or refine a value: called on a value the analysis lost (`x.get_shape()[-1]` of an unmodelled
# op's result, `line.split()` of a line read from a file), they build nothing.
_PLAIN_METHODS = frozenset({
    "get_shape", "as_list", "is_fully_defined", "is_compatible_with", "merge_with", "with_rank",
    "with_rank_at_least", "with_rank_at_most", "num_elements", "set_shape", "concatenate", "assert_has_rank",
    "assert_is_compatible_with", "assert_same_rank", "as_proto",
    "split", "rsplit", "strip", "rstrip", "lstrip", "lower", "upper", "startswith", "endswith", "splitlines",
    "encode", "decode", "isdigit", "isalpha", "zfill", "ljust", "rjust",
    "readline", "readlines", "tolist", "astype", "flatten", "ravel", "argsort", "nonzero",
    "tocoo", "tocsr", "tocsc", "todense", "toarray",  # scipy.sparse (GCN's adjacency)
    # a numpy array's (char-rnn's batches: `xdata.reshape(batch_size, -1)` of a file's ids), a
    # dict's, a str's and a file's: data in, data out
    "reshape", "copy", "mean", "sum", "std", "var", "prod", "max", "min", "argmax", "argmin", "clip", "round",
    "cumsum", "squeeze", "transpose", "item", "tobytes", "tostring", "replace", "format", "join", "keys",
    "values", "items", "get", "read", "write", "close",
    # a tf.Variable's: an assign op, its value (DQN-tensorflow copies its nets with
    # `t_w[name].assign(w[name])` over a dict whose keys depend on a flag); no variable, no scope
    "assign", "assign_add", "assign_sub", "read_value", "initialized_value", "eval",
})


def _reads_shape(node: ast.AST) -> bool:
    """A call of one of _PLAIN_METHODS, or a list's reordering with no argument (`labels.reverse()`
    of a list that `random.shuffle` made unknown, in brightmart's seq2seq): it runs no code of
    the program's."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    return node.func.attr in _PLAIN_METHODS or node.func.attr in ("reverse", "sort") and not node.args and \
        not node.keywords


def _cannot_fail(qualname: str, args: List[Any], kwargs: Dict[str, Any]) -> bool:
    """A TF call that cannot raise given these arguments: `tf.is_variable_initialized(v)` of a
    variable (partitioned_variables_test's `initialized_value`, inside a `try`), and the Merge of
    tensors of one dtype that tf.cond's model adds (its shape function takes any shapes), so a
    cond inside a `try` adds no path to its handler."""
    short = tf_api.short_name(qualname)
    given = list(args) + list(kwargs.values())
    if short == "is_variable_initialized":
        return len(given) == 1 and isinstance(given[0], VarVal) and set(kwargs) <= {"variable"}
    if short == "merge" and len(args) == 1 and not kwargs and isinstance(args[0], ListVal):
        dtypes = [getattr(tensor, "dtype", None) for tensor in args[0].items]
        return bool(dtypes) and all(isinstance(dtype, DType) and dtype.base_dtype == dtypes[0].base_dtype
                                    for dtype in dtypes)
    return False


def _plain_parameters(function: FunctionVal) -> bool:
    """A function (not a generator) whose parameters are positional or defaulted keywords: what
    any caller passes binds to them, so calling it with unknown positional values covers it."""
    spec = function.node.args
    return spec.vararg is None and spec.kwarg is None and all(default is not None for default in spec.kw_defaults) \
        and not _is_generator(function.node)


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


def _exception_name(value: Any) -> Optional[str]:
    if isinstance(value, BuiltinFn):
        return value.name
    if isinstance(value, (ModuleVal, ApiFn)):
        return value.qualname.rsplit(".", 1)[-1]
    return None


def call_position(node: ast.Call) -> Tuple[int, int]:
    """(line, col) a traceback gives a call: from Python 3.11, a method call's is its method
    name's (`Adam(0.1) \\` then `.minimize(loss)` on the next line: that line), as the
    compiler places the call there; any other call's is where its expression starts."""
    func = node.func
    if _METHOD_CALL_AT_NAME and isinstance(func, ast.Attribute) and func.end_lineno is not None and \
            func.end_lineno != node.lineno and func.end_col_offset is not None:
        return func.end_lineno, max(func.end_col_offset - len(func.attr), 0)
    return node.lineno, node.col_offset


_METHOD_CALL_AT_NAME = sys.version_info >= (3, 11)
