"""The `tf.compat.v1` surface of the reference runtime.

Scope APIs delegate to scopelint.semantics; everything else returns placeholder tensors
with static shapes. Anything not listed here resolves (through the module objects in
`modules.py`) to a generic op, so that programs using other TF APIs still run.
"""

from __future__ import annotations

import collections
import contextlib
import math
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from scopelint.runtime import context
from scopelint.runtime.tensors import (
    Op, Opaque, Tensor, broadcast, dtype_of, matmul_shape_tensor, numpy_dtype, op_name, reshape_shape,
    int_constant, is_integer_scalar, reduced_dims, scalar_dim, shape_from_argument, shape_of, slice_shape,
    true_division_dtype,
)
from scopelint.runtime.variables import Variable as RuntimeVariable
from scopelint.semantics import errors
from scopelint.semantics import graph as core
from scopelint.semantics.dtypes import DTYPES, FLOAT32, INT32, DType, as_dtype
from scopelint.semantics.shapes import LOST, Dimension, TensorShape, as_shape, joined_shape
from scopelint.semantics.values import AUTO_REUSE
from scopelint.semantics.values import Pattern as _Pattern

# ---------------------------------------------------------------------------- dtypes

# Exported into the tf namespace by modules.py (not as globals here: `bool` would shadow the builtin).
# The TensorFlow whose tf.compat.v1 the analysis follows, and the oracle runs (tf_names.json):
# `tf.__version__.startswith("2")` takes the branch it takes there.
VERSION = "2.21.0"
DTYPE_EXPORTS = dict(DTYPES, half=DTYPES["float16"], double=DTYPES["float64"])

# ---------------------------------------------------------------------------- scopes


class VariableScope:
    """The user's view of a scope object: reads its reuse flag from the graph state."""

    def __init__(self, reuse: Any, name: Any = "", initializer: Any = None, regularizer: Any = None,
                 caching_device: Any = None, partitioner: Any = None, custom_getter: Any = None,
                 name_scope: Any = "", dtype: Any = FLOAT32, use_resource: Any = None, constraint: Any = None) -> None:
        """tf.VariableScope(...) built by the program: a scope object of the default graph."""
        graph = context.default_graph()
        self._core = graph.state.new_variable_scope(
            reuse, name, name_scope, dtype, initializer=initializer, regularizer=regularizer,
            caching_device=caching_device, partitioner=partitioner, custom_getter=custom_getter,
            use_resource=use_resource, constraint=constraint)
        self._graph = graph

    @classmethod
    def viewing(cls, core_scope: core.VariableScope, graph: context.Graph) -> "VariableScope":
        """The view of a scope the graph state holds."""
        view = cls.__new__(cls)
        view._core, view._graph = core_scope, graph
        return view

    @property
    def name(self) -> str:
        return _text(self._core.name)

    @property
    def original_name_scope(self) -> str:
        return _text(self._core.original_name_scope)

    @property
    def reuse(self) -> Any:
        return self._graph.state.reuse_of(self._core)

    @property
    def dtype(self) -> Any:
        return self._core.dtype

    @property
    def initializer(self) -> Any:
        return self._core.initializer

    @property
    def partitioner(self) -> Any:
        return self._core.partitioner

    @property
    def custom_getter(self) -> Any:
        return self._core.custom_getter

    @property
    def regularizer(self) -> Any:
        return self._core.regularizer

    def reuse_variables(self) -> None:
        self._graph.state.reuse_variables(self._core)

    def set_initializer(self, initializer: Any) -> None:
        self._core.initializer = initializer

    def set_dtype(self, dtype: Any) -> None:
        self._core.dtype = as_dtype(dtype)

    def set_partitioner(self, partitioner: Any) -> None:
        self._core.partitioner = partitioner

    def set_custom_getter(self, custom_getter: Any) -> None:
        self._core.custom_getter = custom_getter

    def set_regularizer(self, regularizer: Any) -> None:
        self._core.regularizer = regularizer

    def set_caching_device(self, device: Any) -> None:
        self._core.caching_device = device

    def set_use_resource(self, use_resource: Any) -> None:
        self._core.use_resource = use_resource

    def get_variable(self, var_store: Any, name: Any, shape: Any = None, dtype: Any = None, **kwargs: Any) -> Any:
        return _get_variable(name, shape, dtype, scope=self._core, **kwargs)

    def global_variables(self) -> List[Any]:
        return self.get_collection(core.COLLECTION_READERS["global_variables"])

    def trainable_variables(self) -> List[Any]:
        return self.get_collection(core.COLLECTION_READERS["trainable_variables"])

    def local_variables(self) -> List[Any]:
        return self.get_collection(core.COLLECTION_READERS["local_variables"])

    def get_collection(self, name: str) -> List[Any]:
        return self._graph.get_collection(name, core.scope_collection_prefix(self.name))

    def __repr__(self) -> str:
        return "<tf.VariableScope '%s'>" % self.name


def _text(value: Any) -> str:
    return value if isinstance(value, str) else value.render()


def _proxy(core_scope: core.VariableScope) -> VariableScope:
    graph = context.default_graph()
    cache = graph.__dict__.setdefault("_scope_proxies", {})
    proxy = cache.get(core_scope.sid)
    if proxy is None:
        proxy = cache[core_scope.sid] = VariableScope.viewing(core_scope, graph)
    return proxy


def _unwrap(value: Any) -> Any:
    return value._core if isinstance(value, VariableScope) else value


def get_variable_scope() -> VariableScope:
    state = context.state()
    assert state.current is not None
    return _proxy(state.current)


class variable_scope:  # noqa: N801 - TF's name
    """tf.variable_scope: checks arguments when built, enters the scope on `with`."""

    def __init__(
        self, name_or_scope: Any, default_name: Any = None, values: Any = None, initializer: Any = None,
        regularizer: Any = None, caching_device: Any = None, partitioner: Any = None,
        custom_getter: Any = None, reuse: Any = None, dtype: Any = None, use_resource: Any = None,
        constraint: Any = None, auxiliary_name_scope: Any = True,
    ) -> None:
        self._name_or_scope = _unwrap(name_or_scope)
        self._default_name = default_name
        self._kwargs = dict(
            initializer=initializer, regularizer=regularizer, caching_device=caching_device,
            partitioner=partitioner, custom_getter=custom_getter, dtype=dtype, use_resource=use_resource,
            constraint=constraint, auxiliary_name_scope=auxiliary_name_scope,
        )
        self._reuse = context.state().check_scope_args(self._name_or_scope, default_name, reuse, auxiliary_name_scope)
        self._entries: List[Any] = []

    def __enter__(self) -> VariableScope:
        state = context.state()
        token = state.enter_variable_scope(self._name_or_scope, self._default_name, self._reuse, **self._kwargs)
        self._entries.append((state, token))
        return _proxy(token.entered)

    def __exit__(self, *exc: Any) -> None:
        state, token = self._entries[-1]
        state.exit_variable_scope(token)  # may refuse (improper nesting): the entry stays open
        self._entries.pop()


def variable_op_scope(values: Any, name_or_scope: Any, default_name: Any = None, **kwargs: Any) -> variable_scope:
    return variable_scope(name_or_scope, default_name=default_name, values=values, **kwargs)


class name_scope:  # noqa: N801 - TF's name
    """tf.compat.v1.name_scope: op names and tf.Variable names only (§6)."""

    def __init__(self, name: Any, default_name: Any = None, values: Any = None) -> None:
        if not (default_name is None or isinstance(default_name, str)):
            raise errors.ScopeTypeError(
                "`default_name` type (%s) is not a string type. You likely meant to pass this into the "
                "`values` kwarg." % type(default_name)
            )
        self._name = default_name if name is None else name
        self._default_name = default_name
        self._values = values
        self._entries: List[Any] = []

    def __enter__(self) -> str:
        if self._name is None and self._values is not None:
            raise errors.ScopeValueError(
                "At least one of name (%s) and default_name (%s) must be provided." % (self._name, self._default_name)
            )
        state = context.state()
        returned, old = state.enter_name_scope(self._name)
        self._entries.append((state, old))
        return _text(returned)

    def __exit__(self, *exc: Any) -> None:
        state, old = self._entries.pop()
        state.name_stack = old


op_scope = name_scope


def get_variable(
    name: Any, shape: Any = None, dtype: Any = None, initializer: Any = None, regularizer: Any = None,
    trainable: Any = None, collections: Any = None, caching_device: Any = None, partitioner: Any = None,
    validate_shape: Any = True, use_resource: Any = None, custom_getter: Any = None, constraint: Any = None,
    synchronization: Any = None, aggregation: Any = None,
) -> Any:
    return _get_variable(
        name, shape, dtype, initializer=initializer, regularizer=regularizer, trainable=trainable,
        collections=collections, caching_device=caching_device, partitioner=partitioner,
        validate_shape=validate_shape, use_resource=use_resource, custom_getter=custom_getter,
        constraint=constraint, synchronization=synchronization, aggregation=aggregation,
    )


def _get_variable(name: Any, shape: Any = None, dtype: Any = None, scope: Any = None, **kwargs: Any) -> Any:
    # The shape as given: TF converts it with tensor_shape.as_shape, where a tensor (`tf.shape(x)[1]`) is no
    # dimension and raises TF's TypeError (fixture misc/get_variable_shape_of_tensors.py).
    return context.default_graph().state.get_variable(name, shape, dtype, scope=scope, **kwargs)


def get_local_variable(name: Any, shape: Any = None, dtype: Any = None, initializer: Any = None,
                       regularizer: Any = None, trainable: Any = False, collections: Any = None, **kwargs: Any) -> Any:
    collections = core.local_variable_collections(collections or [])
    return _get_variable(name, shape, dtype, initializer=initializer, regularizer=regularizer,
                         trainable=False, collections=collections, **kwargs)


def create_partitioned_variables(shape: Any, slicing: Any, initializer: Any, dtype: Any = FLOAT32,
                                 trainable: Any = True, collections: Any = None, name: Any = None,
                                 reuse: Any = None) -> List[Any]:
    """partitioned_variables.create_partitioned_variables: the variable is keyed by the scope
    it opens (`name`, default-named PartitionedVariable), sliced as `slicing` says."""
    if len(shape) != len(slicing):
        raise errors.ScopeValueError("The 'shape' and 'slicing' of a partitioned Variable must have the length: "
                                     "shape: %s, slicing: %s" % (shape, slicing))
    if len(shape) < 1:
        raise errors.ScopeValueError("A partitioned Variable must have rank at least 1: shape: %s" % (shape,))
    with variable_scope(name, "PartitionedVariable", reuse=reuse) as scope:
        state = context.state()
        saved, state.name_stack = state.name_stack, ""  # variables are named by their key alone
        try:
            record = state.true_getter(
                scope.name, shape=list(shape), dtype=as_dtype(dtype), initializer=initializer,
                reuse=state.reuse_of(scope._core), trainable=trainable, collections=collections,
                partitioner=lambda **unused: list(slicing))
        finally:
            state.name_stack = saved
        return list(state.wrap(record))


from scopelint.semantics.values import VariableAggregation, VariableSynchronization  # noqa: E402,F401 - tf.* names


class _VariableFactory(type):
    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, RuntimeVariable)  # a PartitionedVariable is not one, as in TF


class Variable_(metaclass=_VariableFactory):  # noqa: N801
    """tf.Variable(initial_value, name=...): a new, never-shared variable (§6)."""

    def __new__(cls, initial_value: Any = None, trainable: Any = None, collections: Any = None,
                validate_shape: Any = True, caching_device: Any = None, name: Any = None,
                variable_def: Any = None, dtype: Any = None, expected_shape: Any = None,
                import_scope: Any = None, constraint: Any = None, use_resource: Any = None,
                synchronization: Any = None, aggregation: Any = None, shape: Any = None) -> Any:
        if initial_value is None:
            raise errors.ScopeValueError("initial_value must be specified.")
        value = initial_value() if callable(initial_value) and not isinstance(initial_value, Tensor) else initial_value
        var_shape = as_shape(shape) if shape is not None else shape_of(value)
        var_dtype = as_dtype(dtype) if dtype is not None else dtype_of(value)
        graph = context.default_graph()
        record = graph.state.create_tf_variable(name, var_shape, var_dtype,
                                                trainable=core.trainable_flag(trainable, synchronization),
                                                collections=collections, validate_shape=bool(validate_shape))
        return graph._wrap(record)


Variable = Variable_  # type: ignore[misc]
VariableV1 = Variable_


def _collection_reader(name: str, key: str) -> Callable[..., List[Any]]:
    def read(scope: Any = None) -> List[Any]:
        return context.default_graph().get_collection(key, scope)

    read.__name__ = read.__qualname__ = name
    return read


# tf.global_variables, tf.trainable_variables...: one reader per entry of the core's table.
globals().update({name: _collection_reader(name, key) for name, key in core.COLLECTION_READERS.items()})


def get_collection(key: Any, scope: Any = None) -> List[Any]:
    return context.default_graph().get_collection(str(key), scope)


def get_collection_ref(key: Any) -> List[Any]:
    return context.default_graph().get_collection_ref(str(key))


def add_to_collection(name: Any, value: Any) -> None:
    context.default_graph().add_to_collection(str(name), value)


def add_to_collections(names: Any, value: Any) -> None:
    """Graph.add_to_collections: one name, or each of several once."""
    for name in dict.fromkeys([names] if isinstance(names, str) else names):
        add_to_collection(name, value)


class GraphKeys:
    GLOBAL_VARIABLES = "variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    LOCAL_VARIABLES = "local_variables"
    MODEL_VARIABLES = "model_variables"
    UPDATE_OPS = "update_ops"
    REGULARIZATION_LOSSES = "regularization_losses"
    LOSSES = "losses"
    SUMMARIES = "summaries"
    GLOBAL_STEP = "global_step"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    METRIC_VARIABLES = "metric_variables"
    VARIABLES = "variables"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    TRAIN_OP = "train_op"
    SAVERS = "savers"
    QUEUE_RUNNERS = "queue_runners"
    ACTIVATIONS = "activations"
    WEIGHTS = "weights"
    BIASES = "biases"
    CONCATENATED_VARIABLES = "concatenated_variables"
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "local_init_op"
    READY_OP = "ready_op"
    SUMMARY_OP = "summary_op"


# ---------------------------------------------------------------------------- templates
# tf.make_template is modelled as source (scopelint/tf/models/template.py); these are the
# intrinsics it imports from TF's variable_scope module.


@contextlib.contextmanager
def _pure_variable_scope(name_or_scope: Any, custom_getter: Any = None) -> Iterator["VariableScope"]:
    """variable_scope._pure_variable_scope(name, custom_getter=...): a variable scope by name,
    opening no name scope."""
    state = context.state()
    token = state.enter_pure_variable_scope(name_or_scope, custom_getter)
    try:
        yield _proxy(token.entered)
    finally:
        state.exit_variable_scope(token)


def _get_unique_variable_scope(prefix: Any) -> Any:
    """variable_scope._get_unique_variable_scope: `prefix`, then `prefix_1`, ..."""
    return context.state()._unique_variable_scope(prefix)


# ---------------------------------------------------------------------------- partitioners


def fixed_size_partitioner(num_shards: int, axis: int = 0) -> Callable[..., List[int]]:
    return core.fixed_size_partitioner(num_shards, axis)


def min_max_variable_partitioner(max_partitions: int = 1, axis: int = 0, min_slice_size: int = 256 << 10,
                                 bytes_per_string_element: int = 16) -> Callable[..., List[int]]:
    """TF's partitioner: at least min_slice_size bytes a slice, at most max_partitions."""
    import math

    def _partitioner(shape: TensorShape, dtype: Any) -> List[int]:
        if axis >= len(shape):
            raise ValueError("Cannot partition variable along axis %s when shape is only %s" % (axis, shape))
        dtype = as_dtype(dtype)
        element_bytes = bytes_per_string_element if dtype.base == "string" else _SIZE.get(dtype.base, 4)
        partitions = shape.num_elements() * element_bytes / min_slice_size
        partitions_list = [1] * len(shape)
        partitions_list[axis] = max(1, min(shape.as_list()[axis], max_partitions, int(math.ceil(partitions))))
        return partitions_list

    return _partitioner


def variable_axis_size_partitioner(max_shard_bytes: int, axis: int = 0, bytes_per_string_element: int = 16,
                                   max_shards: Optional[int] = None) -> Callable[..., List[int]]:
    """TF's partitioner: as many shards as keep each under max_shard_bytes."""
    import math

    def _partitioner(shape: TensorShape, dtype: DType, **unused: Any) -> List[int]:
        dims = shape.as_list()
        element_bytes = bytes_per_string_element if dtype.base == "string" else _SIZE.get(dtype.base, 4)
        slice_elements = 1
        for index, dim in enumerate(dims):
            if index != axis:
                slice_elements *= dim or 1
        slices_per_shard = max(1, max_shard_bytes // (slice_elements * element_bytes))
        axis_shards = int(math.ceil(1.0 * dims[axis] / slices_per_shard))
        if max_shards:
            axis_shards = min(max_shards, axis_shards)
        partitions = [1] * len(dims)
        partitions[axis] = axis_shards
        return partitions

    return _partitioner


_SIZE = {"float16": 2, "bfloat16": 2, "float32": 4, "float64": 8, "int8": 1, "uint8": 1, "int16": 2,
         "uint16": 2, "int32": 4, "uint32": 4, "int64": 8, "uint64": 8, "bool": 1, "complex64": 8,
         "complex128": 16}


# ---------------------------------------------------------------------------- initializers


class Initializer:
    """An initializer object: callable, so get_variable accepts a shape with it."""

    shape_argument = (0, "shape")  # its call's dims the analysis lost stay lost (placeholder's below)

    def __init__(self, *args: Any, dtype: Any = None, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        self.dtype = as_dtype(dtype) if dtype is not None else None

    def __call__(self, shape: Any, dtype: Any = None, partition_info: Any = None) -> Tensor:
        return Tensor(as_shape(shape), dtype or self.dtype or FLOAT32, op_name(type(self).__name__), "Initializer")

    def get_config(self) -> Dict[str, Any]:
        return dict(self.kwargs)


def _initializer_class(name: str) -> type:
    return type(name, (Initializer,), {})


constant_initializer = _initializer_class("constant_initializer")
zeros_initializer = _initializer_class("zeros_initializer")
ones_initializer = _initializer_class("ones_initializer")
random_normal_initializer = _initializer_class("random_normal_initializer")
random_uniform_initializer = _initializer_class("random_uniform_initializer")
truncated_normal_initializer = _initializer_class("truncated_normal_initializer")
uniform_unit_scaling_initializer = _initializer_class("uniform_unit_scaling_initializer")
variance_scaling_initializer = _initializer_class("variance_scaling_initializer")
orthogonal_initializer = _initializer_class("orthogonal_initializer")
glorot_uniform_initializer = _initializer_class("glorot_uniform_initializer")
glorot_normal_initializer = _initializer_class("glorot_normal_initializer")
identity_initializer = _initializer_class("identity_initializer")
he_normal_initializer = _initializer_class("he_normal")
he_uniform_initializer = _initializer_class("he_uniform")


# ---------------------------------------------------------------------------- tensors and ops


def placeholder(dtype: Any, shape: Any = None, name: Any = None) -> Tensor:
    result = Tensor(shape, dtype, op_name("Placeholder", name), "Placeholder")
    result.varying = True  # fed at run time: TF never folds it
    return result


# Where an op that makes a tensor takes its dtype: (position, default). The analysis keeps that
# dtype where it lost the shape (builtin_calls._unknown_result).
placeholder.dtype_argument = (0, None)  # type: ignore[attr-defined]
# Where an op takes a shape: (position, keyword). The analysis passes the dims it lost there as
# shapes.LOST (builtin_calls._shape_argument_lost_dims), which the op keeps in its result's shape.
placeholder.shape_argument = (1, "shape")  # type: ignore[attr-defined]


def placeholder_with_default(input: Any, shape: Any, name: Any = None) -> Tensor:  # noqa: A002
    result = Tensor(shape, dtype_of(input), op_name("PlaceholderWithDefault", name), "PlaceholderWithDefault")
    result.varying = True  # fed at run time: TF never folds it
    return result


placeholder_with_default.shape_argument = (1, "shape")  # type: ignore[attr-defined]


def constant(value: Any, dtype: Any = None, shape: Any = None, name: Any = "Const",
             verify_shape: bool = False) -> Tensor:
    value_shape = as_shape(shape) if shape is not None else shape_of(value)
    value_dtype = as_dtype(dtype) if dtype is not None else _python_dtype(value)
    result = Tensor(value_shape, value_dtype, op_name("Const", name), "Const")
    if shape is None and isinstance(value, (list, tuple)):
        result.constant_value = value  # what TF's shape functions read back (tf.pad's paddings)
    elif shape is None and is_integer_scalar(value) and value_dtype.is_integer:
        result.constant_value = int(value)  # TF's shape inference folds it: `tf.constant(2) * n`
    return result


constant.dtype_argument = (1, None)  # type: ignore[attr-defined]
constant.shape_argument = (2, "shape")  # type: ignore[attr-defined]
constant.value_argument = (0, "value")  # type: ignore[attr-defined]


def _python_dtype(value: Any) -> DType:
    from_numpy = numpy_dtype(value)
    if from_numpy is not None:
        return from_numpy
    if core.constant_dtype(value) == as_dtype("int64"):
        return as_dtype("int64")  # a Python int too big for int32
    while isinstance(value, (list, tuple)) and value:
        value = value[0]
    if isinstance(value, Tensor):
        return value.dtype
    if isinstance(value, bool):
        return as_dtype("bool")
    if isinstance(value, int):
        return INT32
    if isinstance(value, (str, bytes)):
        return as_dtype("string")
    return FLOAT32


def convert_to_tensor(value: Any, dtype: Any = None, name: Any = None, **kwargs: Any) -> Tensor:
    if isinstance(value, Tensor):
        return value
    return constant(value, dtype=dtype, name=name or "Const")


convert_to_tensor.dtype_argument = (1, None)  # type: ignore[attr-defined]
convert_to_tensor.value_argument = (0, "value")  # type: ignore[attr-defined]


def _filled(default: str, *parameters: str) -> Callable[..., Tensor]:
    """An op of a given shape; `parameters`: what its signature holds between `shape` and
    `dtype` (`random_uniform(shape, minval=0, maxval=None, dtype=tf.float32, seed=None, name=None)`)."""
    names = parameters + ("dtype",) + (("seed",) if parameters else ()) + ("name",)

    def make(shape: Any, *args: Any, **kwargs: Any) -> Tensor:
        bound = dict(zip(names, args), **kwargs)
        dtype = bound.get("dtype")
        result = Tensor(shape_from_argument(shape), dtype if dtype is not None else FLOAT32,
                        op_name(default, bound.get("name")), default)
        if default in _SCALAR_FILLS and result.dtype.is_integer and shape_of(result).dims_tuple == ():
            # a constant subgraph TF's shape inference evaluates: `tf.ones([], tf.int32) * n`
            result.constant_value = _SCALAR_FILLS[default]
        return result

    make.__name__ = default
    make.dtype_argument = (1 + len(parameters), FLOAT32)  # type: ignore[attr-defined]
    make.shape_argument = (0, "shape")  # type: ignore[attr-defined]
    return make


_SCALAR_FILLS = {"zeros": 0, "ones": 1}
zeros = _filled("zeros")
ones = _filled("ones")
random_normal = _filled("random_normal", "mean", "stddev")
random_uniform = _filled("random_uniform", "minval", "maxval")
truncated_normal = _filled("truncated_normal", "mean", "stddev")
random_gamma = _filled("random_gamma", "alpha", "beta")


def fill(dims: Any, value: Any, name: Any = None) -> Tensor:
    result = Tensor(shape_from_argument(dims), dtype_of(value), op_name("Fill", name), "Fill")
    if is_integer_scalar(value) and shape_of(result).dims_tuple == ():
        result.constant_value = int(value)  # a constant subgraph, as tf.ones'
    return result


fill.shape_argument = (0, "dims")  # type: ignore[attr-defined]


def _like(default: str) -> Callable[..., Tensor]:
    def make(tensor: Any, dtype: Any = None, name: Any = None, **kwargs: Any) -> Tensor:
        return Tensor(shape_of(tensor), dtype or dtype_of(tensor), op_name(default, name), default)

    make.__name__ = default
    return make


zeros_like = _like("zeros_like")
ones_like = _like("ones_like")


def _passthrough(op_type: str) -> Callable[..., Tensor]:
    """`tf.identity(input, name=None)`, `tf.stop_gradient(input, name=None)`: the input's shape and
    dtype; the name is the second positional argument."""
    def make(input: Any, name: Any = None) -> Tensor:  # noqa: A002 - TF's parameter name
        return Tensor(shape_of(input), dtype_of(input), op_name(op_type, name), op_type)

    make.__name__ = op_type
    return make


identity = _passthrough("Identity")
stop_gradient = _passthrough("StopGradient")


def assign(ref: Any, value: Any, validate_shape: Any = None, use_locking: Any = None, name: Any = None) -> Tensor:
    """`tf.assign(ref, value)` (state_ops): the variable's shape (the value's, when the shape is not
    validated) and dtype."""
    shape = shape_of(value) if validate_shape is False else shape_of(ref)
    return Tensor(shape, dtype_of(ref), op_name("Assign", name), "Assign")


def _assigning(op_type: str) -> Callable[..., Tensor]:
    """`tf.assign_add(ref, value)`, `tf.assign_sub` (state_ops): the variable's shape and dtype
    (real_nvp's batch norm adds `0. * new_mean * new_var * new_step` to its output)."""
    def make(ref: Any, value: Any, use_locking: Any = None, name: Any = None) -> Tensor:
        return Tensor(shape_of(ref), dtype_of(ref), op_name(op_type, name), op_type)

    make.__name__ = op_type
    return make


assign_add = _assigning("AssignAdd")
assign_sub = _assigning("AssignSub")


def identity_n(input: Any, name: Any = None) -> List[Tensor]:  # noqa: A002 - TF's parameter name
    """`tf.identity_n(input, name=None)`: one IdentityN op, an output like each input."""
    op = op_name("IdentityN", name)
    return [Tensor(shape_of(tensor), dtype_of(tensor), op, "IdentityN") for tensor in input]


def _unary(default: str) -> Callable[..., Tensor]:
    def make(x: Any, *args: Any, name: Any = None, **kwargs: Any) -> Tensor:
        return Tensor(shape_of(x), dtype_of(x), op_name(default, name), default)

    make.__name__ = default
    make.keeps_shape = True  # type: ignore[attr-defined]  # (the analysis keeps a lost input's known shape)
    return make


for _op in ("abs", "negative", "sign", "square", "sqrt", "rsqrt", "exp", "log", "log1p", "sin", "cos",
            "tanh", "sigmoid", "floor", "ceil", "round", "reciprocal", "erf", "softplus", "clip_by_value",
            "clip_by_norm", "check_numerics", "logical_not", "lgamma", "digamma", "expm1"):
    globals()[_op] = _unary(_op.capitalize())


def _shape_keeping(default: str, op_type: str, name_at: int, dtype: Any = None) -> Callable[..., Tensor]:
    """An op whose result has its first argument's shape (and dtype, unless `dtype` is given):
    `tf.random_shuffle(value, seed=None, name=None)`, `tf.reverse(tensor, axis, name=None)`,
    `tf.sort(values, axis=-1, direction="ASCENDING", name=None)`; `name_at` is the position of
    TF's `name` parameter."""
    def make(x: Any, *args: Any, **kwargs: Any) -> Tensor:
        name = kwargs.get("name", args[name_at - 1] if len(args) >= name_at else None)
        return Tensor(shape_of(x), dtype if dtype is not None else dtype_of(x), op_name(default, name), op_type)

    make.__name__ = default
    return make


random_shuffle = _shape_keeping("RandomShuffle", "RandomShuffle", 2)
reverse = _shape_keeping("ReverseV2", "ReverseV2", 2)
reverse_v2 = reverse
reverse_sequence = _shape_keeping("ReverseSequence", "ReverseSequence", 4)
sort = _shape_keeping("sort", "Neg", 3)  # ops in a name scope "sort"
argsort = _shape_keeping("argsort", "TopKV2", 4, dtype=INT32)
cumsum = _shape_keeping("Cumsum", "Cumsum", 4)
cumprod = _shape_keeping("Cumprod", "Cumprod", 4)
matrix_band_part = _shape_keeping("MatrixBandPart", "MatrixBandPart", 3)


def py_func(func: Any, inp: Any, Tout: Any, stateful: bool = True, name: Any = None) -> Any:  # noqa: N803
    """The function runs when the session does: its results have the dtypes given, no static shape."""
    if isinstance(Tout, (list, tuple)):
        return [Tensor(None, as_dtype(t), op_name("PyFunc", name), "PyFunc") for t in Tout]
    return Tensor(None, as_dtype(Tout), op_name("PyFunc", name), "PyFunc")


numpy_function = py_func


def sparse_placeholder(dtype: Any, shape: Any = None, name: Any = None) -> Tensor:
    """A sparse tensor's stand-in: a tensor of its dense shape (what the ops below read)."""
    return Tensor(shape, dtype, op_name("Placeholder", name), "SparsePlaceholder")


def sparse_tensor_dense_matmul(sp_a: Any, b: Any, adjoint_a: bool = False, adjoint_b: bool = False,
                               name: Any = None) -> Tensor:
    rows = shape_of(sp_a).dims_tuple
    columns = shape_of(b).dims_tuple
    shape = [rows[1 if adjoint_a else 0] if rows and len(rows) == 2 else None,
             columns[0 if adjoint_b else 1] if columns and len(columns) == 2 else None]
    return Tensor(shape, dtype_of(b), op_name("SparseTensorDenseMatMul", name), "SparseTensorDenseMatMul")


def matrix_determinant(input: Any, name: Any = None) -> Tensor:  # noqa: A002
    """The determinants of a batch of square matrices: the shape less its last two dims."""
    dims = shape_of(input).dims_tuple
    return Tensor(list(dims[:-2]) if dims is not None and len(dims) >= 2 else None, dtype_of(input),
                  op_name("MatrixDeterminant", name), "MatrixDeterminant")


def matrix_inverse(input: Any, adjoint: bool = False, name: Any = None) -> Tensor:  # noqa: A002
    return Tensor(shape_of(input), dtype_of(input), op_name("MatrixInverse", name), "MatrixInverse")


def cast(x: Any, dtype: Any, name: Any = None) -> Tensor:
    result = Tensor(shape_of(x), as_dtype(dtype), op_name("Cast", name), "Cast")
    measured = getattr(x, "shape_value", None)
    if measured is not None and result.dtype.name in ("int32", "int64"):
        # TF's constant_value_as_shape reads through a cast to an integer: transformer-xl's
        # `tf.scatter_nd(idx, updates, tf.to_int64(tf.shape(y)))` is shaped as y
        result.shape_value = measured
    return result


cast.dtype_argument = (1, None)  # type: ignore[attr-defined]


def _cast_to(dtype: str, default: str) -> Callable[..., Tensor]:
    """TF1's `to_float(x, name="ToFloat")` and kin: a cast to one dtype."""
    def make(x: Any, name: Any = default) -> Tensor:
        return cast(x, dtype, name=name)

    make.__name__ = default
    make.dtype_argument = (2, as_dtype(dtype))  # type: ignore[attr-defined]
    return make


to_float, to_int32, to_int64, to_double = (_cast_to("float32", "ToFloat"), _cast_to("int32", "ToInt32"),
                                           _cast_to("int64", "ToInt64"), _cast_to("float64", "ToDouble"))


def _predicate(default: str) -> Callable[..., Tensor]:
    """`tf.is_nan(x)`, `tf.is_finite(x)`: a bool tensor of x's shape."""
    def make(x: Any, name: Any = None) -> Tensor:
        return Tensor(shape_of(x), DTYPES["bool"], op_name(default, name), default)

    make.__name__ = default
    return make


is_nan, is_finite, is_inf = _predicate("IsNan"), _predicate("IsFinite"), _predicate("IsInf")


COMPARISONS = frozenset({"Equal", "NotEqual", "Less", "Greater", "LessEqual", "GreaterEqual"})  # give bools


def _binary(default: str) -> Callable[..., Tensor]:
    def make(x: Any, y: Any, name: Any = None, **kwargs: Any) -> Tensor:
        dtype = DTYPES["bool"] if default in COMPARISONS else dtype_of(x, dtype_of(y))
        if default == "truediv":
            dtype = true_division_dtype(dtype)
        return Tensor(broadcast(shape_of(x), shape_of(y)), dtype, op_name(default, name), default)

    make.__name__ = default
    make.elementwise = default  # type: ignore[attr-defined]  # (the analysis keeps a lost result's dtype)
    return make


for _op, _type in (("add", "Add"), ("subtract", "Sub"), ("multiply", "Mul"), ("divide", "truediv"),
                   ("truediv", "truediv"), ("div", "div"), ("floordiv", "floordiv"), ("maximum", "Maximum"),
                   ("minimum", "Minimum"), ("pow", "Pow"), ("squared_difference", "SquaredDifference"),
                   ("sub", "Sub"), ("mul", "Mul"), ("realdiv", "RealDiv"), ("mod", "FloorMod"),
                   ("floormod", "FloorMod"), ("floor_div", "FloorDiv"), ("truncatediv", "TruncateDiv"),
                   ("truncatemod", "TruncateMod"), ("div_no_nan", "DivNoNan"),
                   ("equal", "Equal"), ("not_equal", "NotEqual"), ("less", "Less"), ("greater", "Greater"),
                   ("less_equal", "LessEqual"), ("greater_equal", "GreaterEqual"),
                   ("logical_and", "LogicalAnd"), ("logical_or", "LogicalOr")):
    globals()[_op] = _binary(_type)


def add_n(inputs: Any, name: Any = None) -> Tensor:
    inputs = list(inputs)
    if not inputs:  # (ptn's regularization_loss: a Python 3 filter object is true however empty)
        raise errors.OpInputError(errors.ADD_N_NO_INPUTS)
    return Tensor(shape_of(inputs[0]) if inputs else None, dtype_of(inputs[0]) if inputs else FLOAT32,
                  op_name("AddN", name), "AddN")


def matmul(a: Any, b: Any, transpose_a: bool = False, transpose_b: bool = False, adjoint_a: bool = False,
           adjoint_b: bool = False, a_is_sparse: bool = False, b_is_sparse: bool = False, name: Any = None,
           **kwargs: Any) -> Tensor:
    return matmul_shape_tensor(a, b, transpose_a or adjoint_a, transpose_b or adjoint_b, name)


matmul.elementwise = "MatMul"  # type: ignore[attr-defined]  # its operands have one dtype, as an elementwise op's


def range_(start: Any, limit: Any = None, delta: Any = 1, dtype: Any = None, name: Any = "range") -> Tensor:
    """tf.range: a vector, of known length when the bounds are Python numbers."""
    if limit is None:
        start, limit = 0, start
    # scalars TF folds count as numbers (`tf.range(tf.shape(x)[1])` of a known dimension)
    values = tuple(v if isinstance(v, (int, float)) or int_constant(v) is None else int_constant(v)
                   for v in (start, limit, delta))
    length: Any = None
    if any(v is LOST for v in values):
        length = LOST
    elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values) and values[2] != 0:
        length = max(0, int(math.ceil((values[1] - values[0]) / float(values[2]))))
    floating = any(isinstance(v, float) or isinstance(v, Tensor) and dtype_of(v).is_floating for v in values)
    out_dtype = as_dtype(dtype) if dtype is not None else (FLOAT32 if floating else INT32)
    return Tensor([length], out_dtype, op_name("range", name), "Range")


def einsum(equation: Any, *inputs: Any, name: Any = None, **kwargs: Any) -> Tensor:
    """Each output label has that label's dimension in the inputs (`abc,cde->abde`); an ellipsis
    stands for the inputs' leading dimensions, broadcast (`...ij->...ji`); without `->`, the
    labels used once in alphabetical order, after the ellipsis. An input of unknown rank gives
    an unknown shape, as TF's shape function does; a label that does not fit, or whose sizes
    differ, raises, as TF does."""
    terms, arrow, result = str(equation).replace(" ", "").partition("->")
    specs = terms.split(",")
    if len(specs) != len(inputs):
        raise ValueError("einsum: %d inputs for %r" % (len(inputs), equation))
    if not arrow:
        singles = sorted(c for c in set(terms) if c.isalpha() and terms.count(c) == 1)
        result = ("..." if "..." in terms else "") + "".join(singles)
    dtype = dtype_of(inputs[0]) if inputs else FLOAT32
    sizes: Dict[str, Any] = {}
    leading = TensorShape([])  # the ellipsis' dims
    for spec, value in zip(specs, inputs):
        dims = shape_of(value).dims_tuple
        if dims is None:
            return Tensor(None, dtype, op_name("einsum", name), "Einsum")
        labels = spec.replace("...", "")
        covered = len(dims) - len(labels)
        if covered < 0 or covered and "..." not in spec:
            raise ValueError("einsum: %r does not fit an input of rank %d" % (spec, len(dims)))
        start = spec.index("...") if "..." in spec else len(spec)
        leading = broadcast(leading, TensorShape(list(dims[start:start + covered])))
        for label, dim in zip(labels, dims[:start] + dims[start + covered:]):
            if isinstance(dim, int) and isinstance(sizes.get(label), int) and sizes[label] != dim:
                raise ValueError("Dimensions must be equal, but are %d and %d (einsum %r)"
                                 % (sizes[label], dim, equation))
            if sizes.get(label) is None or sizes[label] is LOST and isinstance(dim, int):
                sizes[label] = dim
    if any(label not in sizes for label in result.replace("...", "")):
        raise ValueError("einsum: an output label of %r is no input's" % equation)
    out: List[Any] = []
    for index, part in enumerate(result.split("...")):
        if index:
            out.extend(leading.dims_tuple or ())
        out.extend(sizes[label] for label in part)
    return Tensor(out, dtype, op_name("einsum", name), "Einsum")


def gradients(ys: Any, xs: Any, grad_ys: Any = None, name: Any = "gradients", **kwargs: Any) -> List[Any]:
    """d(ys)/d(xs): a tensor shaped like each x, or None for a variable ys do not depend on (when
    what ys depend on is unknown, every x is assumed reached)."""
    from scopelint.runtime import dependencies

    reached, gathered = dependencies.of(ys), dependencies.gathered_of(ys)
    in_part = {id(deps): tuple(name for name in deps if isinstance(name, _Pattern))
               for deps in (reached, gathered) if deps is not None}  # once: a loss may reach thousands
    grads: List[Any] = []
    for x in (xs if isinstance(xs, (list, tuple)) else [xs]):
        own = getattr(x, "deps", None)
        record = getattr(x, "record", None)
        if reached is not None and record is not None and own is not None and \
                not _may_reach(own, reached, in_part[id(reached)]):
            grads.append(None)
            continue
        grad = Tensor(shape_of(x), dtype_of(x), op_name("gradients", None), "Grad")
        grad.maybe_slices = gathered is None or own is None or \
            _may_reach(own, gathered, in_part[id(gathered)])  # TF's IndexedSlices
        grads.append(grad)
    return grads


def _may_reach(own: frozenset, reached: frozenset, patterns: Tuple[Any, ...]) -> bool:
    """Whether a variable (its deps: its name) may be among the variables `reached` names
    (`patterns`: those of them known in part). The analysis's variables of partly known names
    (`layer_?/dense/kernel`, a Pattern) are named by that pattern: one may be any variable whose
    name it may equal, and two patterns are not told apart."""
    if own & reached:
        return True
    for mine in own:
        if isinstance(mine, _Pattern):
            if patterns or any(isinstance(name, str) and mine.may_equal(name) for name in reached):
                return True
        elif isinstance(mine, str) and any(pattern.may_equal(mine) for pattern in patterns):
            return True
    return False


def global_norm(t_list: Any, name: Any = None) -> Tensor:
    """tf.global_norm: a scalar of the tensors' dtype (None items skipped), the Sqrt op
    `global_norm` in a name scope of its own (`global_norm`, or `name`)."""
    known = [t for t in t_list if t is not None]
    scope = op_name("global_norm", name)
    return Tensor([], dtype_of(known[0]) if known else FLOAT32, scope + "/global_norm", "Sqrt")


def clip_by_global_norm(t_list: Any, clip_norm: Any, use_norm: Any = None, name: Any = None) -> Any:
    """Each tensor clipped, shaped as it is (None stays None), and the global norm. TF computes
    the norm first, in a name scope of its own (`global_norm`, or `name`), then opens one name
    scope for the clipping (`clip_by_global_norm`, or `name` again, so `name_1`)."""
    t_list = list(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    scope = op_name("clip_by_global_norm", name)
    clipped = []
    for index, t in enumerate(t_list):
        if t is None:
            clipped.append(None)
            continue
        shape = shape_of(t)  # the analysis's tensor of a lost shape has no TensorShape: it mends the result
        clipped.append(Tensor(shape if isinstance(shape, TensorShape) else None, dtype_of(t),
                              "%s/%s/_%d" % (scope, scope, index), "Identity"))
    return clipped, use_norm


# Each item of `t_list` gives the item of the result's list at its index, by itself: the analysis
# passes items it lost as tensors of a lost shape, and takes them back lost from the result.
clip_by_global_norm.itemwise_argument = (0, "t_list")  # type: ignore[attr-defined]


def _assertion(default: str) -> Callable[..., Op]:
    def make(*args: Any, name: Any = None, **kwargs: Any) -> Op:
        return Op(op_name(default, name), "Assert")

    make.__name__ = default
    return make


for _assert in ("assert_less_equal", "assert_less", "assert_equal", "assert_greater", "assert_greater_equal",
                "assert_rank", "assert_rank_at_least", "assert_positive", "assert_non_negative", "assert_type",
                "assert_none_equal", "assert_near", "assert_integer", "assert_scalar"):
    globals()[_assert] = _assertion(_assert)


def tensordot(a: Any, b: Any, axes: Any, name: Any = None) -> Tensor:
    """Free dims of `a`, then free dims of `b`; `axes` is N (last N of a with first N of b)
    or a pair of axis lists."""
    a_dims, b_dims = shape_of(a).dims_tuple, shape_of(b).dims_tuple
    out: Any = None
    if a_dims is not None and b_dims is not None:
        if isinstance(axes, int) and not isinstance(axes, bool):
            a_axes, b_axes = list(range(len(a_dims) - axes, len(a_dims))), list(range(axes))
        elif isinstance(axes, (list, tuple)) and len(axes) == 2:
            a_axes = [axes[0]] if isinstance(axes[0], int) else list(axes[0])
            b_axes = [axes[1]] if isinstance(axes[1], int) else list(axes[1])
        else:
            a_axes = b_axes = None
        if a_axes is not None and b_axes is not None and all(isinstance(x, int) for x in a_axes + b_axes):
            a_axes = [_normalise_axis(x, len(a_dims)) for x in a_axes]
            b_axes = [_normalise_axis(x, len(b_dims)) for x in b_axes]
            out = [d for i, d in enumerate(a_dims) if i not in a_axes] + \
                  [d for i, d in enumerate(b_dims) if i not in b_axes]
    return Tensor(out, dtype_of(a), op_name("Tensordot", name), "Tensordot")


def reshape(tensor: Any, shape: Any, name: Any = None) -> Tensor:
    if isinstance(shape, TensorShape) and (shape.dims_tuple is None or any(d is None for d in shape.dims_tuple)):
        # a static shape TF cannot make a constant of (`tf.reshape(y, x.get_shape())` of an x
        # whose batch is unknown: carpedm20/DCGAN-tensorflow's deconv2d in TF 2.21,
        # tests/fixtures/shapes/conv2d_transpose_batch.py); a dimension the analysis lost is LOST,
        # never None, so the error is TF's on inputs the analysis does not fully know
        raise errors.OpInputError(
            "Tried to convert 'shape' to a tensor and failed. Error: Cannot convert %s to a Tensor." % (
                "an unknown TensorShape" if shape.dims_tuple is None else "a partially known TensorShape (%s)" %
                ", ".join("?" if d is None else str(d) for d in shape.dims_tuple)))
    return Tensor(reshape_shape(shape_of(tensor), shape), dtype_of(tensor), op_name("Reshape", name), "Reshape")


reshape.shape_argument = (1, "shape")  # type: ignore[attr-defined]


def _normalise_axis(axis: int, rank: int) -> int:
    return axis + rank if axis < 0 else axis


def concat(values: Any, axis: Any, name: Any = "concat") -> Tensor:
    # one tensor is one value, as TF's array_ops.concat wraps anything but a list or tuple (not
    # its slices along axis 0: tf-pose-estimation's `tf.concat(l1, axis=0)` of a stage's output)
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    shapes = [shape_of(v) for v in values]
    ranked = [s.dims_tuple for s in shapes if s.dims_tuple is not None]
    out: Any = None
    if ranked and isinstance(axis, Tensor) and all(len(dims) == len(ranked[0]) for dims in ranked):
        out = [None] * len(ranked[0])  # along an axis of unknown value: the rank only
    elif ranked and isinstance(axis, int) and all(len(dims) == len(ranked[0]) for dims in ranked):
        # an input of unknown rank takes the others' (its size along the axis is unknown)
        rank = len(ranked[0])
        ax = _normalise_axis(axis, rank)
        if 0 <= ax < rank:
            # the other dims are merged across the inputs (shape_shape_fns' ConcatV2: [None, 3] and [4, 2] on
            # axis 1 give [4, 5])
            dims = _merged_dims(ranked)
            sizes = [s.dims_tuple[ax] if s.dims_tuple is not None else None for s in shapes]
            dims[ax] = None if any(x is None for x in sizes) else sum(x for x in sizes if x is not None)
            out = dims
    result = Tensor(out, _inputs_dtype(values) if values else FLOAT32, op_name("concat", name), "ConcatV2")
    parts = [_shape_value_of(v) for v in values] if axis == 0 else []
    if parts and all(part is not None for part in parts):
        # What constant_value_as_shape reads back from a ConcatV2 of shapes: each part's dims
        # (`tf.reshape(x, tf.concat([tf.shape(x)[:-1], [heads, size]], 0))`)
        result.shape_value = TensorShape([d for part in parts for d in part])
    return result


def _shape_value_of(value: Any) -> Optional[List[Any]]:
    """A shape argument's dims as TF's constant_value_as_shape reads them (-1 and values it cannot
    fold are None), or None where it is not a vector."""
    dims = shape_from_argument(value)
    if not isinstance(dims, (list, tuple)):
        return None
    packed = [None if d is None else _packed_dim(d) for d in dims]
    return None if any(d is _NOT_A_DIM for d in packed) else packed


def _inputs_dtype(values: List[Any]) -> DType:
    """The dtype of a list input (op_def_library): a tensor's among them, else the first value's
    as converted (`tf.concat(([sos_id], ids), 0)` of int32 tensors is int32)."""
    for value in values:
        if isinstance(getattr(value, "dtype", None), DType):
            return dtype_of(value)
    return _python_dtype(values[0])


def _merged_dims(ranked: List[Tuple[Any, ...]]) -> List[Any]:
    """The dims of inputs of one rank that TF merges (ConcatV2's, Pack's): each a known size where any has one."""
    dims = list(ranked[0])
    for other in ranked[1:]:
        dims = [_merged_dim(d, o) for d, o in zip(dims, other)]
    return dims


def _merged_dim(a: Any, b: Any) -> Any:
    """Two inputs' dim that TF merges: a known size wins, then one the analysis lost (TF knows it),
    then TF's unknown."""
    for dim in (a, b):
        if isinstance(dim, int):
            return dim
    return LOST if a is LOST or b is LOST else None


def stack(values: Any, axis: int = 0, name: Any = "stack") -> Tensor:
    values = list(values)
    ranked = [dims for dims in (shape_of(v).dims_tuple for v in values) if dims is not None]
    out: Any = None
    if ranked and all(len(dims) == len(ranked[0]) for dims in ranked):
        dims = _merged_dims(ranked)  # (Pack's shape function merges its inputs' shapes)
        dims.insert(_normalise_axis(axis, len(dims) + 1), len(values))
        out = dims
    result = Tensor(out, dtype_of(values[0]) if values else FLOAT32, op_name("stack", name), "Pack")
    if axis == 0 and values and all(_packed_dim(v) is not _NOT_A_DIM for v in values):
        # What TF's constant_value_as_shape reads back from a Pack of scalars: each constant, None
        # for any other (`tf.reshape(z, tf.stack([batch, 7, 7, 128]))` has shape (?, 7, 7, 128))
        result.shape_value = TensorShape([_packed_dim(v) for v in values])
    return result


_NOT_A_DIM = object()


def _packed_dim(value: Any) -> Any:
    """A stacked item as a dimension: an int, LOST, a scalar tensor's constant value, or None for a
    scalar tensor of unknown value; _NOT_A_DIM for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None  # -1: TF's "any size"
    if value is LOST:
        return value
    if isinstance(value, Dimension):
        return value.value
    if isinstance(value, Tensor) and shape_of(value).dims_tuple == ():
        return scalar_dim(value)
    return _NOT_A_DIM


pack = stack


def parallel_stack(values: Any, name: Any = "parallel_stack") -> Tensor:
    """tf.parallel_stack: the first value's shape, the count of values before it."""
    values = list(values)
    dims = shape_of(values[0]).dims_tuple if values else None
    return Tensor(None if dims is None else [len(values)] + list(dims), dtype_of(values[0]) if values else FLOAT32,
                  op_name(name), "ParallelConcat")


def unstack(value: Any, num: Any = None, axis: int = 0, name: Any = "unstack") -> List[Tensor]:
    shape = shape_of(value)
    if shape.dims_tuple is None:
        raise ValueError("Cannot infer argument `num` from shape <unknown>")
    dims = list(shape.dims_tuple)
    ax = _normalise_axis(axis, len(dims))
    count = num if num is not None else dims[ax]
    rest = dims[:ax] + dims[ax + 1:]
    return [Tensor(rest, dtype_of(value), op_name("unstack", name), "Unpack") for _ in range(count or 0)]


unpack = unstack


def split(value: Any, num_or_size_splits: Any, axis: int = 0, num: Any = None, name: Any = "split") -> List[Tensor]:
    shape = shape_of(value)
    dims = list(shape.dims_tuple) if shape.dims_tuple is not None else None
    if isinstance(num_or_size_splits, Dimension) and num_or_size_splits.value is not None:
        num_or_size_splits = num_or_size_splits.value  # `tf.split(h, X.shape[0] // nenv, axis=1)` (baselines' lstm)
    if isinstance(num_or_size_splits, Tensor):
        # sizes a tensor computes: as many parts as it has items, each of a size TF may fold
        num_or_size_splits = _shape_value_of(num_or_size_splits)
        if num_or_size_splits is None:
            raise ValueError("Cannot infer argument `num` from shape <unknown>")
    if isinstance(num_or_size_splits, int):
        sizes: List[Any] = [None] * num_or_size_splits
        if dims is not None and dims[axis] is not None:
            sizes = [dims[axis] // num_or_size_splits] * num_or_size_splits
    else:
        sizes = list(num_or_size_splits)
        if sizes.count(-1) == 1 and dims is not None:  # one size of -1 takes what the others leave
            total = dims[_normalise_axis(axis, len(dims))]
            rest = [s for s in sizes if s != -1]
            known = total is not None and all(isinstance(s, int) for s in rest)
            sizes = [(total - sum(rest) if known else None) if s == -1 else s for s in sizes]
    out = []
    for size in sizes:
        part = None
        if dims is not None:
            part = list(dims)
            part[_normalise_axis(axis, len(dims))] = size
        out.append(Tensor(part, dtype_of(value), op_name("split", name), "Split"))
    return out


def _blocks(input: Any, block_size: Any, data_format: Any, to_space: bool) -> Any:  # noqa: A002
    """depth_to_space's (to_space) or space_to_depth's output dims: each block of `block_size`
    squared channels becomes a block of pixels, or the other way round."""
    dims = shape_of(input).dims_tuple
    if dims is None or len(dims) != 4 or not isinstance(block_size, int) or block_size < 2:
        return None
    first = data_format == "NCHW"
    batch, channels, height, width = (dims[0], dims[1], dims[2], dims[3]) if first else \
        (dims[0], dims[3], dims[1], dims[2])
    area = block_size * block_size

    def scaled(dim: Any, up: bool) -> Any:
        if dim is None:
            return None
        return dim * block_size if up else (dim // block_size if dim % block_size == 0 else None)

    if to_space:
        channels = channels // area if channels is not None and channels % area == 0 else None
        height, width = scaled(height, True), scaled(width, True)
    else:
        channels = channels * area if channels is not None else None
        height, width = scaled(height, False), scaled(width, False)
    return [batch, channels, height, width] if first else [batch, height, width, channels]


def depth_to_space(input: Any, block_size: Any, name: Any = None, data_format: Any = "NHWC") -> Tensor:  # noqa: A002
    return Tensor(_blocks(input, block_size, data_format, True), dtype_of(input), op_name("DepthToSpace", name),
                  "DepthToSpace")


def space_to_depth(input: Any, block_size: Any, name: Any = None, data_format: Any = "NHWC") -> Tensor:  # noqa: A002
    return Tensor(_blocks(input, block_size, data_format, False), dtype_of(input), op_name("SpaceToDepth", name),
                  "SpaceToDepth")


def transpose(a: Any, perm: Any = None, name: Any = "transpose", conjugate: bool = False) -> Tensor:
    shape = shape_of(a)
    out: Any = None
    if shape.dims_tuple is not None:
        dims = list(shape.dims_tuple)
        order = list(perm) if perm is not None else list(reversed(range(len(dims))))
        out = [dims[i] for i in order]
    elif isinstance(perm, (list, tuple)):
        out = [None] * len(perm)  # the rank is the permutation's
    return Tensor(out, dtype_of(a), op_name("transpose", name), "Transpose")


def matrix_transpose(a: Any, name: Any = "matrix_transpose", conjugate: bool = False) -> Tensor:
    """tf.linalg.transpose: the last two dimensions swapped, the batch ones kept."""
    dims = shape_of(a).dims_tuple
    out = None if dims is None or len(dims) < 2 else list(dims[:-2]) + [dims[-1], dims[-2]]
    return Tensor(out, dtype_of(a), op_name(name or "matrix_transpose") + "/transpose", "Transpose")


def expand_dims(input: Any, axis: Any = None, name: Any = None, dim: Any = None) -> Tensor:  # noqa: A002
    shape = shape_of(input)
    axis = axis if axis is not None else dim
    if isinstance(axis, (list, tuple)) and len(axis) == 1:
        axis = axis[0]  # `axis=[-1]`: TF takes a one-element list too (BERT's embedding_lookup)
    out: Any = None
    if shape.dims_tuple is not None and isinstance(axis, int):
        dims = list(shape.dims_tuple)
        dims.insert(_normalise_axis(axis, len(dims) + 1), 1)
        out = dims
    return Tensor(out, dtype_of(input), op_name("ExpandDims", name), "ExpandDims")


def squeeze(input: Any, axis: Any = None, name: Any = None, squeeze_dims: Any = None) -> Tensor:  # noqa: A002
    shape = shape_of(input)
    axis = axis if axis is not None else squeeze_dims
    out: Any = None
    if shape.dims_tuple is not None:
        dims = list(shape.dims_tuple)
        if axis is None:
            # an unknown dim may be 1: the rank is unknown then (TF's Squeeze shape function)
            out = None if None in dims else [d for d in dims if d != 1]
        else:
            axes = {_normalise_axis(a, len(dims)) for a in (axis if isinstance(axis, (list, tuple)) else [axis])}
            out = [d for i, d in enumerate(dims) if i not in axes]
    return Tensor(out, dtype_of(input), op_name("Squeeze", name), "Squeeze")


def _reduction(default: str) -> Callable[..., Tensor]:
    def make(input_tensor: Any, axis: Any = None, keepdims: Any = None, name: Any = None,
             reduction_indices: Any = None, keep_dims: Any = None, **kwargs: Any) -> Tensor:
        axis = axis if axis is not None else reduction_indices
        out = reduced_dims(shape_of(input_tensor), axis, bool(keepdims or keep_dims))
        return Tensor(out, dtype_of(input_tensor), op_name(default, name), default)

    make.__name__ = default
    return make


for _op, _type in (("reduce_sum", "Sum"), ("reduce_mean", "Mean"), ("reduce_max", "Max"), ("reduce_min", "Min"),
                   ("reduce_prod", "Prod"), ("reduce_any", "Any"), ("reduce_all", "All"),
                   ("reduce_logsumexp", "ReduceLogSumExp"), ("reduce_std", "reduce_std"),
                   ("reduce_variance", "reduce_variance")):
    globals()[_op] = _reduction(_type)


def _arg_reduction(default: str) -> Callable[..., Tensor]:
    """tf.argmax / tf.argmin: over `axis` (TF 1's `dimension`), the first one when neither is given."""
    def make(input: Any, axis: Any = None, name: Any = None, dimension: Any = None,  # noqa: A002 - TF's names
             output_type: Any = "int64") -> Tensor:
        axis = axis if axis is not None else dimension if dimension is not None else 0
        return Tensor(reduced_dims(shape_of(input), axis, False), as_dtype(output_type), op_name(default, name),
                      default)

    make.__name__ = default
    return make


argmax = _arg_reduction("ArgMax")
argmin = _arg_reduction("ArgMin")


def count_nonzero(input_tensor: Any = None, axis: Any = None, keepdims: Any = None, dtype: Any = "int64",
                  name: Any = None, reduction_indices: Any = None, keep_dims: Any = None,
                  input: Any = None) -> Tensor:  # noqa: A002 - TF's name
    """tf.count_nonzero: a reduction whose counts are of `dtype` (int64)."""
    axis = axis if axis is not None else reduction_indices
    source = input_tensor if input_tensor is not None else input
    out = reduced_dims(shape_of(source), axis, bool(keepdims or keep_dims))
    return Tensor(out, as_dtype(dtype), op_name("count_nonzero", name), "Sum")


_norm_shape = _reduction("norm")


def norm(tensor: Any, ord: Any = "euclidean", axis: Any = None, keepdims: Any = None, name: Any = None,  # noqa: A002
         keep_dims: Any = None) -> Tensor:
    """tf.norm: the reduced shape (a vector norm over one axis, a matrix norm over two)."""
    return _norm_shape(tensor, axis=axis, keepdims=keepdims, keep_dims=keep_dims, name=name)


def unknown_shape(rank: Any = None, **kwargs: Any) -> TensorShape:
    """tensor_shape.unknown_shape: dims all unknown, of the given rank (TF 1.x's `ndims`) or none
    (SSD-Tensorflow's tf_image sets it on an image its crop leaves unknown)."""
    if rank is None and "ndims" in kwargs:
        rank = kwargs.pop("ndims")
    if kwargs:
        raise TypeError("Unknown argument: %s" % kwargs)
    return TensorShape(None) if rank is None else TensorShape([None] * rank)


def dimension_value(dimension: Any) -> Any:
    """tensor_shape.dimension_value: a Dimension's value (None if unknown), anything else as given."""
    return dimension.value if isinstance(dimension, Dimension) else dimension


def shape(input: Any, name: Any = None, out_type: Any = INT32) -> Tensor:  # noqa: A002
    measured = shape_of(input)
    dims = measured.dims_tuple
    result = Tensor([len(dims)] if dims is not None else [None], out_type, op_name("Shape", name), "Shape")
    # What TF's constant_value_as_shape reads back from a Shape op: tf.reshape(y, tf.shape(x)).
    result.shape_value = measured
    return result


def rank(input: Any, name: Any = None) -> Tensor:  # noqa: A002
    return Tensor([], INT32, op_name("Rank", name), "Rank")


def size(input: Any, name: Any = None, out_type: Any = INT32) -> Tensor:  # noqa: A002
    return Tensor([], out_type, op_name("Size", name), "Size")


def tile(input: Any, multiples: Any, name: Any = None) -> Tensor:  # noqa: A002
    shape_in = shape_of(input)
    out: Any = None
    factors = _shape_value_of(multiples)  # `[tf.shape(x)[0], 1]`, `tf.stack([1, n, 1])`: what TF folds
    if shape_in.dims_tuple is not None and factors is not None:
        out = [d * m if d is not None and (isinstance(m, int) or m is LOST) else None
               for d, m in zip(shape_in.dims_tuple, factors)]
    elif shape_in.dims_tuple is not None and isinstance(multiples, Tensor):
        out = [None] * len(shape_in.dims_tuple)  # multiples of unknown value: the input's rank
    return Tensor(out, dtype_of(input), op_name("Tile", name), "Tile")


def meshgrid(*args: Any, **kwargs: Any) -> List[Tensor]:
    """One tensor per input, each of shape (the inputs' element counts), the first two swapped
    for the default indexing="xy"; a count TF cannot infer is None, one the analysis lost is LOST."""
    indexing = kwargs.get("indexing", "xy")
    sizes: List[Any] = []
    for arg in args:
        dims = shape_of(arg).dims_tuple
        if dims is None or any(d is None for d in dims):
            sizes.append(None)
        elif any(d is LOST for d in dims):
            sizes.append(LOST)
        else:
            sizes.append(math.prod(dims))
    if indexing == "xy" and len(sizes) > 1:
        sizes[0], sizes[1] = sizes[1], sizes[0]
    name = op_name("meshgrid", kwargs.get("name"))
    dtype = dtype_of(args[0]) if args else FLOAT32
    return [Tensor(list(sizes), dtype, name, "Mul") for _ in args]


def gather(params: Any, indices: Any, validate_indices: Any = None, name: Any = None, axis: Any = None,
           batch_dims: Any = 0) -> Tensor:
    """tf.gather: params' dims before `axis` (by default the batch dims), the indices' after their
    batch dims, then params' after `axis`."""
    p, i = shape_of(params), shape_of(indices)
    out: Any = None
    axis = batch_dims if axis is None else axis
    if p.dims_tuple is not None and i.dims_tuple is not None and isinstance(axis, int) and \
            isinstance(batch_dims, int):
        ax, batch = _normalise_axis(axis, len(p.dims_tuple)), _normalise_axis(batch_dims, len(i.dims_tuple))
        out = list(p.dims_tuple[:ax]) + list(i.dims_tuple[batch:]) + list(p.dims_tuple[ax + 1:])
    return Tensor(out, dtype_of(params), op_name("GatherV2", name), "GatherV2")


gather.gathers_from = (0, "params")  # type: ignore[attr-defined]


def multinomial(logits: Any, num_samples: Any, seed: Any = None, name: Any = None, output_dtype: Any = None) -> Tensor:
    """num_samples class ids drawn from each row of [batch, classes] logits: [batch, num_samples],
    int64 unless output_dtype says (tf.random.categorical is this with `dtype`: model random_ops)."""
    dims = shape_of(logits).dims_tuple
    samples = num_samples if isinstance(num_samples, int) and not isinstance(num_samples, bool) else None
    out = [dims[0], samples] if dims is not None and len(dims) == 2 else None
    dtype = as_dtype(output_dtype) if output_dtype is not None else as_dtype("int64")
    return Tensor(out, dtype, op_name("multinomial", name), "Multinomial")


def gather_nd(params: Any, indices: Any, name: Any = None, batch_dims: Any = 0) -> Tensor:
    """Slices of params at the index vectors of indices' last dimension: indices' leading shape,
    then params' dims past the batch dims and the index depth (ELECTRA's masking gathers the
    masked ids so); unknown when a rank or the index depth is, as TF's shape function gives."""
    p, i = shape_of(params).dims_tuple, shape_of(indices).dims_tuple
    out: Any = None
    if p is not None and i and isinstance(i[-1], int) and isinstance(batch_dims, int):
        out = list(i[:-1]) + list(p[batch_dims + i[-1]:])
    return Tensor(out, dtype_of(params), op_name("GatherNd", name), "GatherNd")


def boolean_mask(tensor: Any, mask: Any, name: Any = "boolean_mask", axis: Any = None) -> Tensor:
    """The entries where `mask` holds: the mask's dimensions of `tensor` (from `axis`) become one
    of unknown size, the others kept (transformer-xl's adaptive embedding, `tf.boolean_mask(x,
    mask)`). A mask of a rank not known here gives a shape not known (TF would raise on one of
    unknown rank; the rank may be one this runtime does not compute)."""
    dims, mask_dims = shape_of(tensor).dims_tuple, shape_of(mask).dims_tuple
    start = axis if isinstance(axis, int) else 0
    out: Any = None
    if dims is not None and mask_dims:
        start = start % len(dims) if start < 0 else start
        out = list(dims[:start]) + [None] + list(dims[start + len(mask_dims):])
    return Tensor(out, dtype_of(tensor), op_name("boolean_mask", name), "GatherV2")


def one_hot(indices: Any, depth: Any, on_value: Any = None, off_value: Any = None, axis: Any = None,
            dtype: Any = None, name: Any = None) -> Tensor:
    """The indices' shape with the depth inserted at `axis` (last by default): a depth given as a
    tensor of unknown value is an unknown dimension, the rank still known (xlnet's SQuAD head:
    `tf.one_hot(positions, depth=tf.shape(inp)[0])`, then einsum and concat before a dense layer).
    The dtype is `dtype`'s, else on_value's or off_value's, else float32."""
    dims = shape_of(indices).dims_tuple
    out: Any = None
    if dims is not None and (axis is None or isinstance(axis, int) and -1 <= axis <= len(dims)):
        depth_dim = _packed_dim(depth)
        out = list(dims)
        out.insert(len(dims) if axis is None or axis == -1 else axis, None if depth_dim is _NOT_A_DIM else depth_dim)
    given = on_value if on_value is not None else off_value
    out_dtype = as_dtype(dtype) if dtype is not None else dtype_of(given) if given is not None else FLOAT32
    return Tensor(out, out_dtype, op_name("one_hot", name), "OneHot")


one_hot.dim_argument = (1, "depth")  # type: ignore[attr-defined]


def eye(num_rows: Any, num_columns: Any = None, batch_shape: Any = None, dtype: Any = None,
        name: Any = None) -> Tensor:
    """batch_shape + [num_rows, num_columns]; a constant, so a loss through it reaches no
    variable by it (HMR's batch_rodrigues)."""
    columns = num_rows if num_columns is None else num_columns
    batch = list(batch_shape) if isinstance(batch_shape, (list, tuple)) else [] if batch_shape is None else None
    out = None if batch is None else [d if isinstance(d, int) else None for d in batch + [num_rows, columns]]
    return Tensor(out, as_dtype(dtype) if dtype is not None else FLOAT32, op_name("eye", name), "MatrixDiag")


def scatter_nd(indices: Any, updates: Any, shape: Any, name: Any = None) -> Tensor:
    """Zeros of `shape` with `updates` written at `indices`: updates' dtype (HMR's batch_skew)."""
    return Tensor(shape_from_argument(shape), dtype_of(updates), op_name("ScatterNd", name), "ScatterNd")


scatter_nd.shape_argument = (2, "shape")  # type: ignore[attr-defined]


def broadcast_to(input: Any, shape: Any, name: Any = None) -> Tensor:  # noqa: A002
    """The shape asked for, as TF reads the shape argument (its unknown entries unknown)."""
    return Tensor(_shape_value_of(shape), dtype_of(input), op_name("BroadcastTo", name), "BroadcastTo")


broadcast_to.shape_argument = (1, "shape")  # type: ignore[attr-defined]


def broadcast_static_shape(shape_x: Any, shape_y: Any) -> TensorShape:
    return broadcast(as_shape(shape_x), as_shape(shape_y))


def where_v2(condition: Any, x: Any = None, y: Any = None, name: Any = None) -> Tensor:
    """tf.where_v2 (SelectV2): the condition and both branches broadcast together."""
    if x is None:
        return where(condition, name=name)
    shape = broadcast(broadcast(shape_of(condition), shape_of(x)), shape_of(y))
    return Tensor(shape, _inputs_dtype([x, y]), op_name("SelectV2", name), "SelectV2")


def linspace(start: Any, stop: Any, num: Any, name: Any = None, axis: int = 0) -> Tensor:
    """`num` evenly spaced values: a vector of that length where num is known."""
    count = int_constant(num)
    return Tensor([count if isinstance(count, int) and count >= 0 or count is LOST else None],
                  _inputs_dtype([start, stop]), op_name("LinSpace", name), "LinSpace")


lin_space = linspace


def _segments(default: str, counted: bool) -> Callable[..., Tensor]:
    """A segment reduction: one row per segment (num_segments of them for the unsorted ones, else
    unknown), each shaped as data's dims after the segment ids'."""
    def make(data: Any, segment_ids: Any, *args: Any, name: Any = None, **kwargs: Any) -> Tensor:
        count: Any = None
        if counted:
            count = int_constant(args[0] if args else kwargs.get("num_segments"))
            args = args[1:]
        name = name if name is not None else args[0] if args else None
        dims, ids = shape_of(data).dims_tuple, shape_of(segment_ids).rank
        out = None if dims is None or ids is None else [count] + list(dims[ids:])
        return Tensor(out, dtype_of(data), op_name(default, name), default)

    make.__name__ = default
    return make


for _op, _type in (("segment_sum", "SegmentSum"), ("segment_mean", "SegmentMean"), ("segment_max", "SegmentMax"),
                   ("segment_min", "SegmentMin"), ("segment_prod", "SegmentProd")):
    globals()[_op] = _segments(_type, counted=False)
for _op, _type in (("unsorted_segment_sum", "UnsortedSegmentSum"), ("unsorted_segment_max", "UnsortedSegmentMax"),
                   ("unsorted_segment_min", "UnsortedSegmentMin"), ("unsorted_segment_prod", "UnsortedSegmentProd"),
                   ("unsorted_segment_mean", "UnsortedSegmentMean"),
                   ("unsorted_segment_sqrt_n", "UnsortedSegmentSqrtN")):
    globals()[_op] = _segments(_type, counted=True)


def diag(diagonal: Any, name: Any = None) -> Tensor:
    """tf.diag: a tensor whose shape is the diagonal's twice."""
    dims = shape_of(diagonal).dims_tuple
    return Tensor(None if dims is None else list(dims) * 2, dtype_of(diagonal), op_name("Diag", name), "Diag")


def diag_part(input: Any, name: Any = None) -> Tensor:  # noqa: A002
    """tf.diag_part: the first half of an even rank's dims."""
    dims = shape_of(input).dims_tuple
    out = None if dims is None or len(dims) % 2 else list(dims[:len(dims) // 2])
    return Tensor(out, dtype_of(input), op_name("DiagPart", name), "DiagPart")


def matrix_diag(diagonal: Any, name: Any = "diag", k: Any = 0, num_rows: Any = -1, num_cols: Any = -1,
                padding_value: Any = 0, align: str = "RIGHT_LEFT") -> Tensor:
    """tf.linalg.diag: a batch of square matrices, each with one vector of the diagonal's last dim."""
    dims = shape_of(diagonal).dims_tuple
    out = None if not dims or k != 0 or num_rows != -1 or num_cols != -1 else list(dims) + [dims[-1]]
    return Tensor(out, dtype_of(diagonal), op_name(name or "diag"), "MatrixDiagV3")


def matrix_diag_part(input: Any, name: Any = "diag_part", k: Any = 0, padding_value: Any = 0,  # noqa: A002
                     align: str = "RIGHT_LEFT") -> Tensor:
    """tf.linalg.diag_part: each matrix's main diagonal, as long as its shorter side."""
    dims = shape_of(input).dims_tuple
    out = None
    if dims is not None and len(dims) >= 2 and k == 0:
        rows, cols = dims[-2], dims[-1]
        out = list(dims[:-2]) + [min(rows, cols) if isinstance(rows, int) and isinstance(cols, int) else None]
    return Tensor(out, dtype_of(input), op_name(name or "diag_part"), "MatrixDiagPartV3")


def trace(x: Any, name: Any = None) -> Tensor:
    """tf.linalg.trace: one sum per matrix, the batch dims kept."""
    dims = shape_of(x).dims_tuple
    return Tensor(list(dims[:-2]) if dims is not None and len(dims) >= 2 else None, dtype_of(x),
                  op_name("Trace", name), "Sum")


matrix_set_diag = _shape_keeping("MatrixSetDiagV3", "MatrixSetDiagV3", 2)
cholesky = _shape_keeping("Cholesky", "Cholesky", 1)
roll = _shape_keeping("Roll", "Roll", 3)


def saturate_cast(value: Any, dtype: Any, name: Any = None) -> Tensor:
    return Tensor(shape_of(value), as_dtype(dtype), op_name("saturate_cast", name), "Cast")


def _space_batch(input: Any, block_shape: Any, paddings: Any, to_batch: bool) -> Any:  # noqa: A002
    """space_to_batch_nd's output dims (`to_batch`), or batch_to_space_nd's (`paddings` its crops):
    the batch times (divided by) the blocks' product, each padded (cropped) spatial dim divided by
    (times) its block."""
    dims = shape_of(input).dims_tuple
    blocks = _shape_value_of(block_shape)
    pads = [list(pair) for pair in paddings] if isinstance(paddings, (list, tuple)) else None
    if dims is None or blocks is None or pads is None or len(pads) != len(blocks) or \
            not all(isinstance(b, int) for b in blocks) or not all(isinstance(p, int) for pair in pads for p in pair):
        return None
    product = 1
    for block in blocks:
        product *= block
    batch = dims[0]
    out = [None if batch is None else batch * product if to_batch else batch // product]
    for i, block in enumerate(blocks):
        dim = dims[1 + i]
        out.append(None if dim is None else (dim + sum(pads[i])) // block if to_batch else dim * block - sum(pads[i]))
    return out + list(dims[1 + len(blocks):])


def space_to_batch_nd(input: Any, block_shape: Any, paddings: Any, name: Any = None) -> Tensor:  # noqa: A002
    return Tensor(_space_batch(input, block_shape, paddings, True), dtype_of(input),
                  op_name("SpaceToBatchND", name), "SpaceToBatchND")


def batch_to_space_nd(input: Any, block_shape: Any, crops: Any, name: Any = None) -> Tensor:  # noqa: A002
    return Tensor(_space_batch(input, block_shape, crops, False), dtype_of(input),
                  op_name("BatchToSpaceND", name), "BatchToSpaceND")


def space_to_batch(input: Any, paddings: Any, block_size: Any = None, name: Any = None,  # noqa: A002
                   block_shape: Any = None) -> Tensor:
    """TF 1's space_to_batch: one block size for both spatial dims."""
    blocks = [block_size, block_size] if block_shape is None else block_shape
    return Tensor(_space_batch(input, blocks, paddings, True), dtype_of(input), op_name("SpaceToBatchND", name),
                  "SpaceToBatchND")


def batch_to_space(input: Any, crops: Any, block_size: Any, name: Any = None,  # noqa: A002
                   block_shape: Any = None) -> Tensor:
    blocks = [block_size, block_size] if block_shape is None else block_shape
    return Tensor(_space_batch(input, blocks, crops, False), dtype_of(input), op_name("BatchToSpaceND", name),
                  "BatchToSpaceND")


def shape_n(input: Any, out_type: Any = INT32, name: Any = None) -> List[Tensor]:  # noqa: A002
    """tf.shape_n: one tf.shape per input, the outputs of one ShapeN op."""
    items = list(input)
    results = [Tensor([len(dims)] if dims is not None else [None], out_type, op_name("ShapeN", name), "ShapeN")
               for dims in (shape_of(item).dims_tuple for item in items[:1])]
    for index, item in enumerate(items[1:], 1):
        dims = shape_of(item).dims_tuple
        output = Tensor([len(dims)] if dims is not None else [None], out_type)
        output.op, output.name = results[0].op, "%s:%d" % (results[0].op.name, index)
        results.append(output)
    for result, item in zip(results, items):
        result.shape_value = shape_of(item)  # read back as a shape, as tf.shape's
    return results


def dynamic_partition(data: Any, partitions: Any, num_partitions: Any, name: Any = None) -> List[Tensor]:
    """num_partitions tensors, each some rows of data: an unknown count, then data's dims after the partitions'."""
    dims, rank = shape_of(data).dims_tuple, shape_of(partitions).rank
    out = None if dims is None or rank is None else [None] + list(dims[rank:])
    return [Tensor(out, dtype_of(data), op_name("DynamicPartition", name), "DynamicPartition")
            for _ in range(num_partitions)]


def dynamic_stitch(indices: Any, data: Any, name: Any = None) -> Tensor:
    """The data interleaved by the indices: the largest index + 1 rows where every index is a
    constant (TF's shape function folds them: NTM-tensorflow's circular convolution stitches
    `[i for i in xrange(size)]`), else an unknown count; then the data's dims after the indices'."""
    indices, data = list(indices), list(data)
    dims = shape_of(data[0]).dims_tuple if data else None
    rank = shape_of(indices[0]).rank if indices else None
    out = None if dims is None or rank is None else [_stitched_rows(indices)] + list(dims[rank:])
    return Tensor(out, dtype_of(data[0]) if data else FLOAT32, op_name("DynamicStitch", name), "DynamicStitch")


def _stitched_rows(indices: List[Any]) -> Any:
    """dynamic_stitch's row count: the largest constant index + 1; None (TF's unknown) where an
    index is a tensor of no constant value; LOST where an index is a value not known here."""
    values = _constant_ints(indices)
    if values is None or values is LOST:
        return values
    return max(values) + 1 if values else LOST


def _constant_ints(value: Any) -> Any:
    """The integers of a constant (a Python int, a nested list or numpy array of them, a tensor
    whose value TF knows), flattened; None for a tensor whose value TF does not know; LOST for a
    value not known here."""
    if isinstance(value, Tensor):
        value = getattr(value, "constant_value", None)
        if value is None:
            return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        ints: List[int] = []
        for item in value:
            inner = _constant_ints(item)
            if inner is None or inner is LOST:
                return inner
            ints.extend(inner)
        return ints
    return [value] if isinstance(value, int) and not isinstance(value, bool) else LOST


_Unique = collections.namedtuple("Unique", ["y", "idx"])


def unique(x: Any, out_idx: Any = INT32, name: Any = None) -> Any:
    """tf.unique: the distinct values (an unknown count) and each item's index among them."""
    values = Tensor([None], dtype_of(x), op_name("Unique", name), "Unique")
    indices = Tensor(shape_of(x), as_dtype(out_idx))
    indices.op, indices.name = values.op, values.op.name + ":1"
    return _Unique(values, indices)


def sparse_to_dense(sparse_indices: Any, output_shape: Any, sparse_values: Any, default_value: Any = 0,
                    validate_indices: bool = True, name: Any = None) -> Tensor:
    return Tensor(_shape_value_of(output_shape), dtype_of(sparse_values), op_name("SparseToDense", name),
                  "SparseToDense")


sparse_to_dense.shape_argument = (1, "output_shape")  # type: ignore[attr-defined]


def sequence_mask(lengths: Any, maxlen: Any = None, dtype: Any = None, name: Any = None) -> Tensor:
    """[...lengths' shape, maxlen]: the last dimension is known when maxlen is a Python int."""
    i = shape_of(lengths)
    length = _packed_dim(maxlen) if maxlen is not None else None  # an int, a Dimension, a scalar TF folds
    length = None if length is _NOT_A_DIM else length
    out = list(i.dims_tuple) + [length] if i.dims_tuple is not None else None
    return Tensor(out, as_dtype(dtype) if dtype is not None else DTYPES["bool"], op_name("SequenceMask", name),
                  "Cast")


def where(condition: Any, x: Any = None, y: Any = None, name: Any = None) -> Tensor:
    if x is None:
        # the coordinates of the true entries: one row each, as many columns as the condition's rank
        rank = shape_of(condition).rank
        return Tensor([None, rank] if rank is not None else None, as_dtype("int64"), op_name("Where", name), "Where")
    given = shape_of(x)
    # Select: x and y have one shape, so a fully defined x is the result's (y is not read)
    shape = given if given.is_fully_defined() else broadcast(given, shape_of(y))
    return Tensor(shape, dtype_of(x), op_name("Select", name), "Select")


def pad(tensor: Any, paddings: Any, mode: str = "CONSTANT", name: Any = None, constant_values: Any = 0) -> Tensor:
    shape_in = shape_of(tensor)
    out: Any = None
    if hasattr(paddings, "tolist"):
        paddings = paddings.tolist()  # a numpy array (cyclegan's `np.array([[0, 0], [3, 3], ...])`)
    elif isinstance(paddings, Tensor) and getattr(paddings, "constant_value", None) is not None:
        paddings = paddings.constant_value  # `tf.constant([[0, 0], [2, 2], ...])`, read as TF's constant_value
    elif isinstance(paddings, Tensor) or isinstance(paddings, (list, tuple)) and any(
            isinstance(p, Tensor) for row in paddings for p in (row if isinstance(row, (list, tuple)) else [row])):
        # values computed in the graph (a tensor, or a list holding tensors, `[[0, 0], [0, n -
        # tf.shape(x)[1]]]`, which TF packs into one): the rank is kept, each dimension unknown
        # (the analysis does not take this as TF's answer: TF may fold a constant it computes,
        # builtin_calls._touches_unknown)
        dims = shape_in.dims_tuple
        return Tensor([None] * len(dims) if dims is not None else None, dtype_of(tensor), op_name("Pad", name), "Pad")
    elif not isinstance(paddings, (list, tuple)):
        # the analysis's array of known shape and unknown values: every padded dimension is one
        # TF computes and the analysis lost
        dims = shape_in.dims_tuple
        return Tensor([LOST] * len(dims) if dims is not None else None, dtype_of(tensor), op_name("Pad", name), "Pad")
    if shape_in.dims_tuple is not None and isinstance(paddings, (list, tuple)):
        out = [d + sum(p) if d is not None else None for d, p in zip(shape_in.dims_tuple, paddings)]
    return Tensor(out, dtype_of(tensor), op_name("Pad", name), "Pad")


# Ops whose outputs TF's shape functions can never evaluate (constant folding stops at them): a
# value fed or computed when the session runs.
_NEVER_CONSTANT_OPS = frozenset({"Placeholder", "PlaceholderWithDefault", "PyFunc"})


def _never_constant(value: Tensor) -> bool:
    return value.op.type in _NEVER_CONSTANT_OPS


def slice_(input_: Any, begin: Any, size: Any, name: Any = None) -> Tensor:
    """tf.slice: a size of -1 takes the rest of that dimension (dim - begin)."""
    out: Any = None
    if isinstance(size, Tensor) and getattr(size, "constant_value", None) is not None:
        size = size.constant_value
    if isinstance(size, Tensor):
        # sizes computed (`tf.stack([-1, height - 20, width - 20, -1])`): one dimension per item,
        # each one TF may fold from the shapes it knows, which this does not compute
        extents = shape_of(size).dims_tuple
        if extents is not None and len(extents) == 1 and isinstance(extents[0], int):
            out = [None if _never_constant(size) else LOST] * extents[0]
    if isinstance(size, (list, tuple)):
        dims = shape_of(input_).dims_tuple
        starts = list(begin) if isinstance(begin, (list, tuple)) else [None] * len(size)
        out = []
        for index, extent in enumerate(size):
            if isinstance(extent, int) and extent >= 0:
                out.append(extent)
            elif extent == -1 and dims is not None and index < len(dims) and dims[index] is not None and \
                    index < len(starts) and isinstance(starts[index], int):
                out.append(dims[index] - starts[index])
            else:
                out.append(None)
    return Tensor(out, dtype_of(input_), op_name("Slice", name), "Slice")


newaxis = None  # `x[..., tf.newaxis]` inserts a dimension of size 1, as None does


def strided_slice(input_: Any, begin: Any, end: Any, strides: Any = None, begin_mask: int = 0, end_mask: int = 0,
                  ellipsis_mask: int = 0, new_axis_mask: int = 0, shrink_axis_mask: int = 0, var: Any = None,
                  name: Any = None) -> Tensor:
    """tf.strided_slice: the `x[...]` its masks spell (an index per set bit of shrink_axis_mask,
    `...`, `tf.newaxis`, or a slice whose masked bounds are open), shaped as that index is."""
    out: Any = None
    if isinstance(begin, (list, tuple)) and isinstance(end, (list, tuple)) and len(begin) == len(end) and \
            (strides is None or isinstance(strides, (list, tuple)) and len(strides) == len(begin)):
        steps = list(strides) if strides is not None else [1] * len(begin)
        key: List[Any] = []
        for i, (start, stop, step) in enumerate(zip(begin, end, steps)):
            if ellipsis_mask >> i & 1:
                key.append(Ellipsis)
            elif new_axis_mask >> i & 1:
                key.append(None)
            elif shrink_axis_mask >> i & 1:
                key.append(start)
            else:
                key.append(slice(None if begin_mask >> i & 1 else start, None if end_mask >> i & 1 else stop, step))
        out = slice_shape(shape_of(input_), tuple(key))
    return Tensor(out, dtype_of(input_), op_name("StridedSlice", name), "StridedSlice")


def group(*inputs: Any, name: Any = None) -> Op:
    return Op(op_name("group_deps", name), "NoOp")


def with_dependencies(dependencies: Any, output_tensor: Any, name: Any = None) -> Any:
    """control_flow_ops.with_dependencies: `output_tensor` once `dependencies` ran (an identity of
    the same shape and dtype; slim's preprocessing crops with it)."""
    if isinstance(output_tensor, Tensor):
        return Tensor(shape_of(output_tensor), dtype_of(output_tensor), op_name("control_dependency", name),
                      "Identity")
    return output_tensor


with_dependencies.control_argument = (0, "dependencies")  # type: ignore[attr-defined]


def switch(data: Any, pred: Any, dtype: Any = None, name: Any = None) -> Tuple[Tensor, Tensor]:
    """control_flow_ops.switch: `data` forwarded to one of its two outputs, (false, true), each of
    its shape and dtype (slim's inception preprocessing picks a resize method with it)."""
    data = convert_to_tensor(data, dtype=dtype)
    scope = op_name("Switch", name)
    return (Tensor(shape_of(data), dtype_of(data), scope, "Switch"),
            Tensor(shape_of(data), dtype_of(data), scope, "Switch"))


def merge(inputs: Any, name: Any = None) -> Tuple[Tensor, Tensor]:
    """control_flow_ops.merge: (the input that is ready, its index), of the shape all the inputs
    allow (the Merge op's shape function: shapes.joined_shape)."""
    tensors = [convert_to_tensor(value) for value in inputs]
    shape = shape_of(tensors[0])
    for other in tensors[1:]:
        shape = joined_shape(shape, shape_of(other))
    scope = op_name("Merge", name)
    return Tensor(shape, dtype_of(tensors[0]), scope, "Merge"), Tensor([], INT32, scope, "Merge")


def _all_reduce(reduction: str) -> Callable[..., List[Tensor]]:
    """nccl_ops.all_sum (all_prod, all_min, all_max): one NcclAllReduce op per tensor, each result
    like its input (stylegan's tflib.Optimizer sums its gradients across GPUs so). TF's
    ValueError for a tensor placed on no device is not modelled."""
    def make(tensors: Any) -> List[Tensor]:
        if not tensors:
            raise ValueError("Must pass >0 tensors to all reduce operations")
        return [Tensor(shape_of(tensor), dtype_of(tensor), op_name("NcclAllReduce", None), "NcclAllReduce")
                for tensor in tensors]

    make.__name__ = "all_" + reduction
    return make


all_sum = _all_reduce("sum")
all_prod = _all_reduce("prod")
all_min = _all_reduce("min")
all_max = _all_reduce("max")


def Assert(condition: Any, data: Any, summarize: Any = None, name: Any = None) -> Op:  # noqa: N802 - TF's name
    return Op(op_name("Assert", name), "Assert")


def no_op(name: Any = None) -> Op:
    return Op(op_name("NoOp", name), "NoOp")


def tuple_(tensors: Any, name: Any = None, control_inputs: Any = None) -> Any:
    return list(tensors)


tuple_.control_argument = (2, "control_inputs")  # type: ignore[attr-defined]


def control_dependencies(control_inputs: Any) -> Any:
    return contextlib.nullcontext()


def device(device_name: Any) -> Any:
    return contextlib.nullcontext()


def colocate_with(op: Any, ignore_existing: bool = False) -> Any:
    return contextlib.nullcontext()


# ---------------------------------------------------------------------------- control flow (§10b)
# tf.cond, tf.while_loop, tf.map_fn...: modelled as source (scopelint/tf/models/control_flow.py).


def _tf_convert(f: Any, ctx: Any = None, convert_by_default: bool = True, user_requested: bool = False) -> Any:
    """autograph.tf_convert, an intrinsic of the models: TF 2.x runs a function given to map_fn,
    or the `call` of a layer or cell class of the program's, converted, from a generated file, so
    what it creates or raises is attributed to the line that called map_fn or the layer."""
    from scopelint.tf.registry import MODELS_DIR

    code = getattr(getattr(f, "__func__", f), "__code__", None)
    if code is not None and code.co_filename.startswith(MODELS_DIR):
        return f  # TF's own code (a layer of TF's): autograph does not convert it

    def converted(*args: Any, **kwargs: Any) -> Any:
        run = context._RUN
        if run is None:
            return f(*args, **kwargs)
        with run.hide_deeper_frames():
            try:
                return f(*args, **kwargs)
            except Exception as exc:
                # the traceback TF shows runs through the generated file, not the program's
                # lines below this one (tests/fixtures/control_flow/map_fn_reuse_missing.py)
                context.hide_frames_below(exc, run.depth_limits[-1])
                raise

    return converted


# ---------------------------------------------------------------------------- graphs and sessions


Graph = context.Graph


def get_default_graph() -> context.Graph:
    return context.default_graph()


def reset_default_graph() -> None:
    context.reset_default_graph()


class Session:
    """Sessions run nothing here: the runtime builds graphs, it does not compute."""

    def __init__(self, target: Any = "", graph: Any = None, config: Any = None) -> None:
        self.graph = graph if graph is not None else context.default_graph()
        self._entered: List[Any] = []

    def __enter__(self) -> "Session":
        # TF's Session.__enter__ makes its graph the default (so tf.reset_default_graph() inside
        # is a nested reset); InteractiveSession does not, in TF 2.x's compat.v1
        entered = self.graph.as_default()
        entered.__enter__()
        self._entered.append(entered)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._entered:
            self._entered.pop().__exit__(*exc)
        return None

    def run(self, fetches: Any, *args: Any, **kwargs: Any) -> Any:
        """No values here: each fetch comes back as a placeholder that absorbs any use."""
        if isinstance(fetches, (list, tuple)):
            return type(fetches)(self.run(f) for f in fetches)
        if isinstance(fetches, dict):
            return {k: self.run(v) for k, v in fetches.items()}
        return None if fetches is None or isinstance(fetches, Op) else Opaque("value")

    def close(self) -> None:
        return None

    def as_default(self) -> Any:
        return contextlib.nullcontext(self)


InteractiveSession = Session


class _GraphFinalizer(Opaque):
    """tf.train.Supervisor and the MonitoredSessions (registry.FINALIZES_GRAPH): making one
    finalizes a graph; every other use (`managed_session()`, `run`, `should_stop()`) is absorbed."""

    api_name = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from scopelint.tf.registry import finalized_graph_argument

        Opaque.__init__(self, self.api_name)
        graph = finalized_graph_argument("train." + self.api_name, args, kwargs)
        (graph if graph is not None else context.default_graph()).finalize()


Supervisor = type("Supervisor", (_GraphFinalizer,), {"api_name": "Supervisor"})
MonitoredTrainingSession = type("MonitoredTrainingSession", (_GraphFinalizer,),
                                {"api_name": "MonitoredTrainingSession"})
MonitoredSession = type("MonitoredSession", (_GraphFinalizer,), {"api_name": "MonitoredSession"})
SingularMonitoredSession = type("SingularMonitoredSession", (_GraphFinalizer,),
                                {"api_name": "SingularMonitoredSession"})


def global_variables_initializer() -> Op:
    return Op(op_name("init"), "NoOp")


initialize_all_variables = global_variables_initializer


def local_variables_initializer() -> Op:
    return Op(op_name("init_1"), "NoOp")


def variables_initializer(var_list: Any, name: str = "init") -> Op:
    return Op(op_name(name), "NoOp")


def disable_v2_behavior() -> None:
    return None


def disable_eager_execution() -> None:
    return None


def enable_eager_execution(*args: Any, **kwargs: Any) -> None:
    return None


def executing_eagerly() -> bool:
    return False


def set_random_seed(seed: Any) -> None:
    return None


def get_seed(op_seed: Any) -> Any:
    return (None, None)


def as_dtype(type_value: Any) -> DType:  # noqa: F811 - tf.as_dtype
    from scopelint.semantics.dtypes import as_dtype as _as

    return _as(type_value)


__all_tensor_types__ = (Tensor, Dimension, TensorShape, AUTO_REUSE)


class variable_creator_scope:  # noqa: N801 - TF's name
    """tf.variable_creator_scope(creator): the graph's variables go through `creator`."""

    def __init__(self, variable_creator: Any) -> None:
        self._creator = variable_creator
        self._token: Any = None

    def __enter__(self) -> None:
        self._token = context.default_graph().state.enter_creator_scope(self._creator)

    def __exit__(self, *exc: Any) -> None:
        context.default_graph().state.exit_creator_scope(self._token)


def is_variable_initialized(variable: Any) -> Tensor:
    return Tensor([], "bool", op_name("IsVariableInitialized", None), "IsVariableInitialized")


def no_regularizer(_: Any) -> None:
    """tf.no_regularizer: turns a scope's regularizer off (no loss)."""
    return None


def _track_ops() -> None:
    """Op results depend on what their inputs depend on (runtime/dependencies.py)."""
    from scopelint.runtime.dependencies import track_module

    track_module(globals(), skip=(
        "get_variable", "get_local_variable", "create_partitioned_variables", "get_variable_scope",
        "get_collection", "get_collection_ref", "add_to_collection",
        "add_to_collections", "reset_default_graph", "get_default_graph", "variable_op_scope", "fixed_size_partitioner",
        "min_max_variable_partitioner", "variable_axis_size_partitioner", "control_dependencies", "device",
        "colocate_with", "as_dtype", "disable_v2_behavior", "disable_eager_execution", "enable_eager_execution",
        "executing_eagerly", "set_random_seed", "get_seed", "gradients", "tuple_", "group", "Supervisor",
        "MonitoredTrainingSession", "MonitoredSession", "SingularMonitoredSession") +
        tuple(core.COLLECTION_READERS),
        cut=("stop_gradient",))


_track_ops()
