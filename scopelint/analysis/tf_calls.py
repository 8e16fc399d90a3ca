"""How the interpreter answers calls into TensorFlow's scope APIs: variable_scope, name_scope,
get_variable, tf.Variable, make_template, and the intrinsics the models of TF's library use
(autograph.tf_convert). Shape-only ops are answered by the runtime's own implementations."""

from __future__ import annotations

import ast
import inspect
from typing import Any, Callable, Dict, List, Optional, Tuple

from scopelint.analysis import models, tf_api
from scopelint.analysis.fix_sites import SCOPE_CALL
from scopelint.analysis.values import (
    MISSING, ApiFn, ArrayVal, AutographFn, BoundMethod, ClassVal, CreatorScopeCM, DictVal, FunctionVal, InstanceVal,
    ListVal, ModuleVal, NameScopeCM,
    OpaqueVal, PyCallable, ScopeCM, ScopeVal, SessionVal, SetVal, UnknownTensor, VarVal, is_concrete, lost_dimension,
)
from scopelint.runtime.tensors import Tensor
from scopelint.semantics import errors as scope_errors
from scopelint.semantics import flag_argv
from scopelint.semantics.flag_argv import known_argv
from scopelint.analysis.markers import FLAGS_PARSED
from scopelint.semantics.graph import (
    COLLECTION_READERS, GraphState, StoredVariable, VariableScope, local_variable_collections, trainable_flag,
)
from scopelint.semantics.dtypes import FLOAT32, DType
from scopelint.semantics.shapes import LOST, Dimension, TensorShape
from scopelint.semantics.values import AUTO_REUSE, UNKNOWN, Pattern, ReuseMode
from scopelint.tf.registry import FINALIZES_GRAPH, finalized_graph_argument

from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.markers import GraphVal, is_plain_data, render_text


# autograph.tf_convert, an intrinsic of the models (map_fn calls its function through it).
AUTOGRAPH_MODULE = "tensorflow.python.autograph.impl.api"
AUTOGRAPH_CONVERT = AUTOGRAPH_MODULE[len("tensorflow."):] + ".tf_convert"
# variable_scope's, for make_template's model: a scope entered by name alone, a unique scope name.
PURE_VARIABLE_SCOPE = "python.ops.variable_scope._pure_variable_scope"
UNIQUE_VARIABLE_SCOPE = "python.ops.variable_scope._get_unique_variable_scope"


class TfCalls(AnalysisState):
    """Mixin of the Interpreter: calls whose callee is a TF API function."""

    _active_state: Any = None

    def call_api(self, qualname: str, args: List[Any], kwargs: Dict[str, Any], st: State, node: Optional[ast.AST],
                 literal_reuse_false: bool = False) -> Any:
        short = tf_api.short_name(qualname)
        graph = st.graph
        try:
            if short in ("variable_scope", "variable_op_scope"):
                if short == "variable_op_scope":
                    values = args.pop(0) if args else kwargs.pop("values", None)
                    kwargs["values"] = values
                manager = self.make_scope_cm(args, kwargs, st, literal_reuse_false)
                manager.call_site = self.call_site_in_file(SCOPE_CALL, node)
                return manager
            if short in ("name_scope", "op_scope"):
                name = args[0] if args else kwargs.get("name")
                default = args[1] if len(args) > 1 else kwargs.get("default_name")
                return NameScopeCM(default if name is None else name)
            if short == "get_variable":
                return self.api_get_variable(args, kwargs, st)
            if short == "get_local_variable":
                given = kwargs.get("collections", args[6] if len(args) > 6 else None)
                local = ListVal(local_variable_collections(given.items if isinstance(given, ListVal) else []))
                if given is not None and not isinstance(given, ListVal):
                    local = UNKNOWN
                kwargs = dict(kwargs, trainable=False, collections=local)
                return self.api_get_variable(args[:5], kwargs, st)
            if short in ("Variable", "VariableV1"):
                return self.api_tf_variable(args, kwargs, st, node)
            if short == "variable_creator_scope":
                creator = args[0] if args else kwargs.get("variable_creator", UNKNOWN)
                return CreatorScopeCM(creator)
            if short == "get_variable_scope":
                assert graph.current is not None
                return ScopeVal(graph.current)
            if short == "VariableScope":
                return self.api_variable_scope_object(args, kwargs, st)
            if short == PURE_VARIABLE_SCOPE:
                name = args[0] if args else kwargs.get("name_or_scope", UNKNOWN)
                getter = kwargs.get("custom_getter", args[1] if len(args) > 1 else None)
                return ScopeCM(name, None, None, {"custom_getter": self.to_core(getter)}, pure=True)
            if short == UNIQUE_VARIABLE_SCOPE:
                return graph._unique_variable_scope(args[0] if args else kwargs.get("prefix", UNKNOWN))
            if short == "create_partitioned_variables":
                return self.api_create_partitioned_variables(args, kwargs, st, node)
            if short in COLLECTION_READERS or short in ("get_collection", "get_collection_ref",
                                                        "add_to_collection", "add_to_collections"):
                return self.api_collections(short, args, kwargs, st)
            if short == AUTOGRAPH_CONVERT:
                function = args[0] if args else kwargs.get("f", UNKNOWN)
                inner = function.function if isinstance(function, BoundMethod) else function
                if isinstance(inner, FunctionVal) and models.is_model_node(inner.node):
                    return function  # TF's own code (a layer of TF's): autograph does not convert it
                return AutographFn(function)
            if short == "reset_default_graph":
                if self.graph_nesting:
                    # TF's AssertionError: a program's `except AssertionError` catches it
                    self.raised(scope_errors.NestedGraphResetError(scope_errors.NESTED_GRAPH_RESET), st)
                    return None
                fresh = self.new_graph()
                fresh.events = graph.events
                st.graph = fresh
                self.runtime_graph.state = fresh
                return None
            if short == "Graph":
                return GraphVal(object())
            if short == "get_default_graph":
                return GraphVal(graph.graph_id)
            if short == "fixed_size_partitioner":
                shards = args[0] if args else kwargs.get("num_shards", UNKNOWN)
                axis = args[1] if len(args) > 1 else kwargs.get("axis", 0)
                if isinstance(shards, int) and isinstance(axis, int):
                    from scopelint.semantics.graph import fixed_size_partitioner

                    return fixed_size_partitioner(shards, axis)
                return UNKNOWN
        except scope_errors.ScopeError as exc:
            self.raised(exc, st)
            return UNKNOWN
        if graph.finalized is True and short in tf_api.ALWAYS_ADDS_OP:
            self.raised(scope_errors.GraphFinalizedError(scope_errors.GRAPH_FINALIZED), st)
            return UNKNOWN
        if graph.finalized is True and not tf_api.adds_no_op(short) and short not in tf_api.NEUTRAL_CONTEXTS:
            # TF raises "Graph is finalized" at the first op; the analysis knows a variable's (the
            # core's check): after a call that may add another op, the rest may never run.
            graph.path_certain = False
        if short in FINALIZES_GRAPH:
            self.finalize_graph(finalized_graph_argument(short, args, kwargs), st)
            # A session, or what makes them (`sv.managed_session()`): runs the graph, never builds it
            return OpaqueVal("Session." + short, inert=True)
        if short in tf_api.NEUTRAL_CONTEXTS:
            # a session's methods (run, as_default, close) run or select graphs, never build them
            if short in ("Session", "InteractiveSession"):
                # (an InteractiveSession is no context manager in TF 2.x: its `with` makes no graph the default)
                return SessionVal("Session", True, self.session_graph(args, kwargs, st),
                                  interactive=short == "InteractiveSession")
            return OpaqueVal(short)
        if short == "get_default_session":
            return OpaqueVal("Session", inert=True)  # the default session, or None (baselines' get_session)
        last = (short or "").rsplit(".", 1)[-1]
        if (short or "").startswith(("app.", "flags.")) and last in tf_api.FLAG_DEFINERS + ("run",):
            return self.program_support(last, args, kwargs, st, node)
        function = tf_api.pure_function(qualname)
        if function is not None:
            return self.real_call(function, args, kwargs, st)
        if short is not None and tf_api.is_input_pipeline(short):
            return OpaqueVal(tf_api.INPUT_PIPELINE + short, inert=True)
        if short is not None and tf_api.pure_unmodelled_op(short):
            return OpaqueVal(short, inert=True)  # a tensor the analysis does not compute: its methods build nothing
        if short is not None and tf_api.creates_nothing(short):
            if short.startswith("losses."):
                # a loss function not modelled (losses.py): it may have added to its collection
                st.graph.collections["losses"] = UNKNOWN
            return OpaqueVal(short, inert=tf_api.returns_data(short))
        # A TF API scopelint does not model yet (layers, optimizers...): it may create variables.
        # It sets no reuse flag on the caller's scope, unless it runs code of the program's.
        st.graph.unknown_code_ran(may_set_reuse=not self.only_data(args, kwargs))
        return OpaqueVal(short or qualname)

    def finalize_graph(self, given: Any, st: State) -> None:
        """A Supervisor or MonitoredSession is made: it finalizes its graph (the default one
        unless a `graph` argument names another)."""
        if given is None:
            st.graph.finalized = True
        elif isinstance(given, GraphVal):
            self.set_finalized(given, True, st)
        elif st.graph.finalized is not True:
            st.graph.finalized = UNKNOWN  # some graph: perhaps the default one

    def session_graph(self, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        """The graph a tf.Session(target, graph, config) runs: the default one unless given."""
        given = kwargs.get("graph", args[1] if len(args) > 1 else None)
        if given is None:
            return st.graph.graph_id
        return given.graph_id if isinstance(given, GraphVal) else None

    def set_finalized(self, graph: GraphVal, finalized: Any, st: State) -> None:
        """`graph.finalize()`, `graph._unsafe_unfinalize()`, `graph._finalized = False` (BEGAN's
        way past a Supervisor's finalize): on a graph whose state the analysis holds."""
        state = self.held_graph_state(graph, st)
        if state is not None:
            state.finalized = finalized if isinstance(finalized, bool) else UNKNOWN

    def held_graph_state(self, graph: GraphVal, st: State) -> Optional[GraphState]:
        """The state of a graph the analysis holds (the default one, or one set aside), else None."""
        return st.graph if graph.graph_id is st.graph.graph_id else self.graph_states.get(graph.graph_id)

    def graph_unique_name(self, graph: GraphVal, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        """`graph.unique_name(name, mark_as_used=True)`: the name TF gives the next op of that name
        in the current name scope (stylegan's Network scope, `D` then `D_1`), marked as used."""
        name = kwargs.get("name", args[0] if args else None)
        mark = kwargs.get("mark_as_used", args[1] if len(args) > 1 else True)
        state = self.held_graph_state(graph, st)
        if state is None or not isinstance(name, (str, Pattern)) or not isinstance(mark, bool):
            return UNKNOWN
        return state.unique_name(name, mark)

    @staticmethod
    def only_data(args: List[Any], kwargs: Dict[str, Any]) -> bool:
        return all(is_plain_data(a) for a in args) and all(is_plain_data(v) for v in kwargs.values())

    def program_support(self, what: str, args: List[Any], kwargs: Dict[str, Any], st: "State",
                        node: Optional[ast.AST]) -> Any:
        """Flags keep their defaults and app.run() calls main(argv): the module runs as `python FILE`."""
        if what == "run":
            main = kwargs.get("main", args[0] if args else None)
            if main is None:
                main = self.module_env.lookup("main")
            argv = kwargs.get("argv", args[1] if len(args) > 1 else None)
            if argv is not None:
                self.parse_flags(argv, True, st)  # `tf.app.run(main, argv=[...])` parses it
                if not st.alive:
                    return None
            if isinstance(main, (FunctionVal, BoundMethod)):
                self.call(main, [UNKNOWN], {}, st, node)
                st.alive = False  # app.run() ends with sys.exit(main(argv))
            return None
        name = args[0] if args else kwargs.get("name")
        default = args[1] if len(args) > 1 else kwargs.get("default", UNKNOWN)
        if isinstance(name, str):
            self.touch(self.flags)
            if what == "DEFINE_list" and isinstance(default, str):
                default = ListVal(flag_argv.list_value(default))  # absl splits a list flag's default too
            elif is_concrete(default):
                try:
                    default = flag_argv.default_value(what, default, name)  # absl parses a default
                except flag_argv.FlagArgvError:
                    self._program_raised(st)
                    return None
            self.flags.items[name] = default if is_concrete(default) or isinstance(default, ListVal) else UNKNOWN
            self.flag_kinds[name] = what
        return None

    def parse_flags(self, argv: Any, known_only: Any, st: State) -> Any:
        """`FLAGS(argv)`: the values the argv gives the flags defined (flag_argv), from then on
        what reads give; what is left of the argv. An argv the analysis does not know leaves
        every flag unknown; one absl refuses raises (not a scope error)."""
        self.touch(self.flags)
        self.flags.items[FLAGS_PARSED] = True
        known = known_argv(self.to_python(argv))
        if known is None or not isinstance(known_only, bool):
            self.flags.poisoned = True
            return UNKNOWN
        try:
            values, left = flag_argv.parse(known, self.flag_kinds, known_only)
        except flag_argv.FlagArgvError:
            self._program_raised(st)
            return UNKNOWN
        self.flags.items.update({name: ListVal(list(value)) if isinstance(value, list) else value
                                 for name, value in values.items()})
        return ListVal(left)

    def make_scope_cm(self, args: List[Any], kwargs: Dict[str, Any], st: State, literal_false: bool) -> ScopeCM:
        names = ["name_or_scope", "default_name", "values", "initializer", "regularizer", "caching_device",
                 "partitioner", "custom_getter", "reuse", "dtype", "use_resource", "constraint",
                 "auxiliary_name_scope"]
        bound = _bind("variable_scope.__init__", names, args, kwargs, required=("name_or_scope",))
        for name in names[1:]:
            bound.setdefault(name, True if name == "auxiliary_name_scope" else None)
        name_or_scope = bound.pop("name_or_scope")
        if isinstance(name_or_scope, ScopeVal):
            name_or_scope = name_or_scope.scope
        elif not isinstance(name_or_scope, (str, Pattern, VariableScope)) and name_or_scope is not None:
            if name_or_scope is not UNKNOWN and not is_concrete(name_or_scope):
                name_or_scope = UNKNOWN
        default_name = bound.pop("default_name")
        reuse = bound.pop("reuse")
        if reuse is not None and reuse is not UNKNOWN and not isinstance(reuse, (bool, ReuseMode)):
            reuse = UNKNOWN if not is_concrete(reuse) else reuse
        bound.pop("values")
        graph = st.graph
        reuse = graph.check_scope_args(name_or_scope, default_name, reuse, bound["auxiliary_name_scope"])
        return ScopeCM(name_or_scope, default_name, reuse, {k: self.to_core(v) for k, v in bound.items()},
                       literal_reuse_false=literal_false)

    def api_variable_scope_object(self, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        """tf.VariableScope(reuse, name="", ...): a scope object of the default graph."""
        names = ["reuse", "name", "initializer", "regularizer", "caching_device", "partitioner", "custom_getter",
                 "name_scope", "dtype", "use_resource", "constraint"]
        bound = _bind("VariableScope.__init__", names, args, kwargs, required=("reuse",))
        settings = {k: self.to_core(v) for k, v in bound.items() if k not in ("reuse", "name", "name_scope")}
        return ScopeVal(st.graph.new_variable_scope(bound.get("reuse"), bound.get("name", ""),
                                                    bound.get("name_scope", ""), **settings))

    def to_core(self, value: Any) -> Any:
        """An argument as the semantics core takes it."""
        if isinstance(value, (FunctionVal, BoundMethod)):
            return self.as_python_callable(value)
        if isinstance(value, InstanceVal) and isinstance(value.cls.lookup("__call__"), FunctionVal):
            return self.as_python_callable(BoundMethod(value.cls.lookup("__call__"), value))  # a getter object
        if isinstance(value, ModuleVal) and value.qualname.split(".")[0] in ("numpy", "np"):
            from scopelint.semantics.dtypes import DTYPES

            numpy_name = value.qualname.rsplit(".", 1)[-1]  # `dtype=np.float64`
            return DTYPES[numpy_name] if numpy_name in DTYPES else UNKNOWN
        if isinstance(value, (ApiFn, ModuleVal)):
            enum_name, _, member = tf_api.canonical(value.qualname).rpartition(".")
            if enum_name.endswith((".VariableSynchronization", ".VariableAggregation")):
                from scopelint.runtime import api as runtime_api

                enum = getattr(runtime_api, enum_name.rsplit(".", 1)[-1])
                return getattr(enum, member, UNKNOWN)
            if isinstance(value, ApiFn):
                function = tf_api.pure_function(value.qualname)
                if isinstance(function, type) and issubclass(function, runtime_api_initializer()):
                    return function  # `initializer=tf.zeros_initializer`, the class: TF instantiates it
        if isinstance(value, ListVal):
            items = [self.to_core(v) for v in value.items]
            if any(v is UNKNOWN for v in items):
                return UNKNOWN
            return tuple(items) if value.is_tuple else items
        if isinstance(value, SetVal):  # tflearn's `collections=set([GLOBAL_VARIABLES, MODEL_VARIABLES])`
            return UNKNOWN if value.poisoned else set(value.values)
        if isinstance(value, (InstanceVal, ClassVal, ModuleVal, ApiFn, OpaqueVal, DictVal, ScopeVal)):
            return UNKNOWN
        return value

    def as_python_callable(self, function: Any) -> Callable[..., Any]:
        """A program function (custom getter) that the core can call."""
        interp = self

        def invoke(*args: Any, **kwargs: Any) -> Any:
            st = interp._active_state
            wrapped_args = [PyCallable(a) if callable(a) and not isinstance(a, (Tensor,)) else a for a in args]
            wrapped_kwargs = {k: PyCallable(v) if callable(v) and not isinstance(v, (Tensor, type)) and
                              k in ("getter",) else v for k, v in kwargs.items()}
            original = st.graph
            result = interp.call(function, wrapped_args, wrapped_kwargs, st, None)
            if isinstance(result, ListVal):
                result = interp.to_core(result)  # a partitioner's list of partitions
            if st.graph is not original:
                # The core is still running on `original` (it restores the name scope there when
                # get_variable returns): carry the path's state back into that object.
                original.absorb(st.graph)
                st.graph = original
                interp.runtime_graph.state = original
            return result

        signature = _signature_of(function)
        if signature is not None:
            invoke.__signature__ = signature  # type: ignore[attr-defined]  # the core asks what it accepts
        return invoke

    def api_create_partitioned_variables(self, args: List[Any], kwargs: Dict[str, Any], st: State,
                                         node: Optional[ast.AST]) -> Any:
        """partitioned_variables.create_partitioned_variables: keyed by the scope it opens."""
        bound = _bind("create_partitioned_variables", ["shape", "slicing", "initializer", "dtype", "trainable",
                                                       "collections", "name", "reuse"], args, kwargs,
                      required=("shape", "slicing", "initializer"))
        shape, slicing = self.to_core(bound["shape"]), self.to_core(bound["slicing"])
        if isinstance(shape, TensorShape) and shape.dims_tuple is not None:
            shape = list(shape.dims_tuple)  # `rnd.get_shape()`
        if not isinstance(shape, (list, tuple)) or not isinstance(slicing, (list, tuple)):
            st.graph.unknown_code_ran(may_set_reuse=False)
            return UNKNOWN
        if len(shape) != len(slicing):
            self.raised(scope_errors.ScopeValueError(
                "The 'shape' and 'slicing' of a partitioned Variable must have the length: shape: %s, slicing: %s"
                % (shape, slicing)), st)
            return UNKNOWN
        if len(shape) < 1:
            self.raised(scope_errors.ScopeValueError(
                "A partitioned Variable must have rank at least 1: shape: %s" % (shape,)), st)
            return UNKNOWN
        initializer = bound["initializer"]
        core_init = UNKNOWN if isinstance(initializer, (InstanceVal, OpaqueVal, ApiFn, ModuleVal)) \
            else self.to_core(initializer)
        dtype = self.to_core(bound.get("dtype", FLOAT32))
        if not _initializer_checked(core_init) or not all(_is_dim(d) or d is None for d in shape) \
                or not all(_is_dim(p) for p in slicing):
            # TF checks what the analysis cannot see here (an initializer it does not run, a
            # dimension's type): a `try` around the call must assume it may raise.
            self.may_raise += 1
        result: List[Any] = [UNKNOWN]

        def body(scope_val: Any, inner: State) -> None:
            graph = inner.graph
            saved, graph.name_stack = graph.name_stack, ""  # variables are named by their key alone
            self._active_state = inner
            try:
                record = graph.true_getter(
                    scope_val.scope.name, shape=list(shape), dtype=dtype, initializer=core_init,
                    reuse=graph.reuse_of(scope_val.scope), trainable=self.to_core(bound.get("trainable", True)),
                    collections=self.to_core(bound.get("collections")), partitioner=lambda **unused: list(slicing))
            except scope_errors.ScopeError as exc:
                graph.name_stack = saved
                self.raised(exc, inner)
                return
            graph.name_stack = saved
            parts = getattr(record, "parts", None)
            result[0] = ListVal([graph.wrap(p) for p in parts]) if parts is not None else UNKNOWN

        try:
            manager = ScopeCM(bound.get("name"), "PartitionedVariable", bound.get("reuse"), {})
        except scope_errors.ScopeError as exc:
            self.raised(exc, st)
            return UNKNOWN
        self.enter_context(manager, node or ast.Pass(), body, st)
        return result[0]

    def api_collections(self, short: str, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        """Graph collections, as the core keeps them: known while every path that filled them
        was followed."""
        graph = st.graph
        if short in ("add_to_collection", "add_to_collections"):
            keys = self.to_core(args[0] if args else kwargs.get("name", kwargs.get("names", UNKNOWN)))
            value = args[1] if len(args) > 1 else kwargs.get("value", UNKNOWN)
            graph.add_to_collections(keys if keys is not UNKNOWN else UNKNOWN,
                                     value.record if isinstance(value, VarVal) else value)
            return None
        if short == "get_collection_ref":
            graph.collections_known = False  # a live list: the program may change it anywhere
            # a plain list of what the collection holds, which the analysis does not know: its
            # methods (tf_slim's create_train_op appends its train op) run no code of TF's
            return ListVal([], poisoned=True)
        if short == "get_collection":
            key = args[0] if args else kwargs.get("key", UNKNOWN)
            scope = args[1] if len(args) > 1 else kwargs.get("scope")
        else:
            key = COLLECTION_READERS[short]
            scope = args[0] if args else kwargs.get("scope")
        return self.collection_value(graph, key, scope)

    def collection_value(self, graph: GraphState, key: Any, scope: Any) -> Any:
        items = graph.get_collection(key, scope)
        if items is UNKNOWN:
            return UNKNOWN
        return ListVal([graph.wrap(item) if isinstance(item, StoredVariable) else item for item in items],
                       grown=isinstance(key, str) and key in graph.collections_grown)

    def api_get_variable(self, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        names = ["name", "shape", "dtype", "initializer", "regularizer", "trainable", "collections",
                 "caching_device", "partitioner", "validate_shape", "use_resource", "custom_getter", "constraint",
                 "synchronization", "aggregation"]
        bound = _bind("get_variable", names, args, kwargs, required=("name",))
        if isinstance(bound.get("initializer"), DictVal) and bound["initializer"].complete:
            self._program_raised(st)  # `initializer={}`: TF's TypeError converting it to a tensor
            return UNKNOWN
        shape = bound.get("shape")
        bound["shape"] = self.shape_arg(shape)
        name = bound.pop("name")
        if not isinstance(name, (str, Pattern)):
            name = UNKNOWN
        core_kwargs = {k: self.to_core(v) for k, v in bound.items() if k in (
            "shape", "dtype", "initializer", "regularizer", "partitioner", "custom_getter", "constraint",
            "collections", "trainable", "synchronization", "aggregation", "validate_shape")}
        if isinstance(bound.get("initializer"), (InstanceVal, OpaqueVal, ApiFn, ModuleVal)) and \
                not isinstance(core_kwargs.get("initializer"), type):
            core_kwargs["initializer"] = UNKNOWN
        self._active_state = st
        result = st.graph.get_variable(name, **core_kwargs)
        return result

    def shape_arg(self, shape: Any) -> Any:
        if shape is None:
            return None
        if isinstance(shape, TensorShape):
            return shape
        if isinstance(shape, int) and not isinstance(shape, bool):
            return shape
        if isinstance(shape, ListVal):
            dims: List[Any] = []
            for item in shape.items:
                if item is None or (isinstance(item, int) and not isinstance(item, bool)):
                    dims.append(item)
                elif isinstance(item, Dimension):
                    dims.append(item.value)
                elif is_concrete(item) or _is_graph_tensor(item):
                    dims.append(item)  # e.g. 2.0 or tf.shape(x)[1]: the core raises TF's TypeError for it
                elif lost_dimension(item):
                    dims.append(LOST)  # `[len(vocab), 4]`: the other dims stay known
                else:
                    return UNKNOWN
            return dims
        if is_concrete(shape) or _is_graph_tensor(shape):
            return shape  # let the core raise TF's TypeError for a bad dimension
        return UNKNOWN

    def api_tf_variable(self, args: List[Any], kwargs: Dict[str, Any], st: State, node: Optional[ast.AST]) -> Any:
        initial = args[0] if args else kwargs.get("initial_value")
        name = kwargs.get("name", args[5] if len(args) > 5 else None)
        if not isinstance(name, (str, Pattern)) and name is not None:
            name = UNKNOWN
        if isinstance(initial, (FunctionVal, BoundMethod)):
            initial = self.call(initial, [], {}, st, node)
        shape = kwargs.get("shape")
        if isinstance(shape, (ListVal, TensorShape)):
            core_shape = self.shape_arg(shape)
            var_shape = TensorShape(core_shape) if core_shape is not UNKNOWN else None
        elif isinstance(initial, Tensor):
            shape = initial.get_shape()
            var_shape = shape if isinstance(shape, TensorShape) else None
        elif is_concrete(initial) or isinstance(initial, (ListVal, ArrayVal)):
            python_value = self.to_python(initial)
            from scopelint.runtime.tensors import shape_of

            var_shape = shape_of(python_value) if python_value is not MISSING else None
        else:
            var_shape = None
        dtype = kwargs.get("dtype")
        from scopelint.runtime.tensors import dtype_of
        from scopelint.semantics.dtypes import as_dtype

        python_initial = self.to_python(initial) if isinstance(initial, ListVal) else MISSING
        if dtype is not None and is_concrete(dtype):
            var_dtype: Any = as_dtype(dtype)
        elif isinstance(initial, UnknownTensor) and not isinstance(initial.dtype, DType):
            var_dtype = UNKNOWN  # a tensor the analysis lost: its dtype is not float32 for that
        elif isinstance(initial, (Tensor, ArrayVal)) or is_concrete(initial):
            var_dtype = dtype_of(initial)
        elif python_initial is not MISSING:
            var_dtype = dtype_of(python_initial)  # `tf.Variable([1.0, 2.0])`: as TF converts the list
        else:
            var_dtype = UNKNOWN
        graph = st.graph
        if graph.current is not None and graph.reuse_of(graph.current) in (True, AUTO_REUSE) and graph.path_certain:
            self.warn("SL202", "tf.Variable inside a reusing scope (%s) creates a new variable instead of sharing"
                      % (render_text(graph.current.name) or "the root scope"), node or ast.Pass())
        trainable = kwargs.get("trainable", args[1] if len(args) > 1 else None)
        synchronization = kwargs.get("synchronization", args[12] if len(args) > 12 else None)
        flag = trainable_flag(self.to_core(trainable), self.to_core(synchronization))
        collections = self.to_core(kwargs.get("collections", args[2] if len(args) > 2 else None))
        self._active_state = st  # a variable_creator_scope's creator runs in this state
        validate_shape = self.to_core(kwargs.get("validate_shape", args[3] if len(args) > 3 else True))
        return graph.wrap(graph.create_tf_variable(name, var_shape, var_dtype, trainable=flag,
                                                   collections=collections,
                                                   validate_shape=validate_shape if isinstance(validate_shape, bool)
                                                   else UNKNOWN))


def unexpected_keyword(function: Any, kwargs: Dict[str, Any]) -> Optional[str]:
    """Python's TypeError text when `function` (the program's) cannot take one of `kwargs`."""
    if not isinstance(function, FunctionVal) or function.decorated:
        return None
    spec = function.node.args
    if spec.kwarg is not None:
        return None
    names = {a.arg for a in list(spec.args) + list(spec.kwonlyargs)}
    for key in kwargs:
        if key not in names:
            return "%s() got an unexpected keyword argument '%s'" % (function.qualname, key)
    return None


def runtime_api_initializer() -> type:
    from scopelint.runtime.api import Initializer

    return Initializer


def _initializer_checked(initializer: Any) -> bool:
    """Whether the core sees every way TF may fail on this initializer of a partitioned
    variable: a value (the core checks it against the shape), or one of TF's initializers, which
    cannot fail on a fully defined shape, except a constant_initializer of a list (it may not fit a
    part). A function of the program's is not run by the core (TF runs it per part)."""
    if initializer is UNKNOWN:
        return False
    if not callable(initializer):
        return True
    if isinstance(initializer, runtime_api_initializer()):
        value = initializer.args[0] if initializer.args else initializer.kwargs.get("value", 0)
        return type(initializer).__name__ != "constant_initializer" or isinstance(value, (int, float))
    return False


def _is_dim(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _bind(function: str, names: List[str], args: List[Any], kwargs: Dict[str, Any],
          required: Tuple[str, ...]) -> Dict[str, Any]:
    """Bind a TF API call's arguments by its signature; refuse what Python would refuse, with
    Python's own TypeError text (the runtime's functions have the same signatures)."""
    bound: Dict[str, Any] = dict(zip(names, args))
    for name, value in kwargs.items():
        if name not in names:
            raise scope_errors.ScopeTypeError("%s() got an unexpected keyword argument '%s'" % (function, name))
        bound[name] = value
    missing = [name for name in required if name not in bound]
    if missing:
        raise scope_errors.ScopeTypeError("%s() missing %d required positional argument: '%s'"
                                          % (function, len(missing), missing[0]))
    return bound


def _signature_of(function: Any) -> Optional[inspect.Signature]:
    """The Python signature of an interpreted function (defaults stand in as None: the core
    only asks which parameters exist and which need an argument)."""
    receiver_taken = isinstance(function, BoundMethod)
    if receiver_taken:
        function = function.function
    if not isinstance(function, FunctionVal) or function.decorated:
        return None
    spec = function.node.args
    P = inspect.Parameter
    params: List[inspect.Parameter] = []
    positional = list(getattr(spec, "posonlyargs", [])) + list(spec.args)
    first_default = len(positional) - len(spec.defaults)
    for index, arg in enumerate(positional):
        if receiver_taken and index == 0:
            continue
        params.append(P(arg.arg, P.POSITIONAL_OR_KEYWORD, default=None if index >= first_default else P.empty))
    if spec.vararg is not None:
        params.append(P(spec.vararg.arg, P.VAR_POSITIONAL))
    for arg, default in zip(spec.kwonlyargs, spec.kw_defaults):
        params.append(P(arg.arg, P.KEYWORD_ONLY, default=P.empty if default is None else None))
    if spec.kwarg is not None:
        params.append(P(spec.kwarg.arg, P.VAR_KEYWORD))
    try:
        return inspect.Signature(params)
    except ValueError:
        return None


def _is_graph_tensor(value: Any) -> bool:
    """A tensor of the graph with its name known (not a value the analysis lost): no dimension for TF."""
    from scopelint.runtime.tensors import Opaque, Tensor

    return isinstance(value, Tensor) and not isinstance(value, Opaque) and bool(value.name)
