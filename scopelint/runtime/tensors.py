"""Placeholder tensors of the reference runtime: no values, only static shape and dtype,
carried through the common ops so that real code computing a variable's shape from its
input (`x.get_shape().as_list()[-1]`) still runs."""

from __future__ import annotations

import math
import numbers
import operator
from typing import Any, Callable, List, Optional, Sequence

from scopelint.semantics.dtypes import FLOAT32, INT32, DType, as_dtype
from scopelint.semantics.errors import OpInputError
from scopelint.semantics.shapes import LOST, Dimension, TensorShape, as_shape, has_lost_dims


# Ops that take no input in TF's graph: their `inputs` is known to be empty.
_SOURCE_OP_TYPES = frozenset({"Placeholder", "Const", "VariableV2"})


class Op:
    """The `.op` of a tensor: enough for `t.op.name` in user code."""

    def __init__(self, name: str, type_: str) -> None:
        self.name = name
        self.type = type_

    @property
    def inputs(self) -> tuple:
        """A source op's inputs: none (openai/baselines' tf_util.function takes a placeholder or a
        constant as an input by `len(inpt.op.inputs) == 0`). The runtime does not keep the graph's
        edges, so another op's inputs are not known: AttributeError, as before."""
        if self.type in _SOURCE_OP_TYPES:
            return ()
        raise AttributeError("the inputs of a %s op are not modelled" % self.type)

    def __repr__(self) -> str:
        return "<tf.Operation '%s' type=%s>" % (self.name, self.type)

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Runs it in a session (`tf.global_variables_initializer().run()`): the graph is unchanged."""
        return None


class Tensor:
    """A graph tensor: shape (TensorShape, maybe partly unknown), dtype, and the names of the
    variables it is computed from (`deps`, None when unknown; see runtime/dependencies.py)."""

    deps: Optional[frozenset] = frozenset()
    gathered: Optional[frozenset] = frozenset()  # (see runtime/dependencies.py)
    maybe_slices = False
    # A value TF's shape inference can never fold: a placeholder's, the size of a dimension of
    # tf.shape(x) that x's static shape leaves None, integer arithmetic over one (slice_shape)
    varying = False
    # How TF 2.21's errors print the type of a graph tensor (tensor_shape's "Dimension value must be ...").
    tf_type_repr = "<class 'tensorflow.python.framework.ops.SymbolicTensor'>"

    def __init__(self, shape: Any, dtype: Any = FLOAT32, name: str = "", op_type: str = "Op") -> None:
        self._shape = shape if isinstance(shape, TensorShape) else TensorShape(shape)
        self.dtype = as_dtype(dtype) if dtype is not None else FLOAT32
        self.op = Op(name, op_type)
        self.name = name + ":0" if name else ""

    # -- shape access, as TF1 code uses it
    @property
    def shape(self) -> TensorShape:
        return self._shape

    def get_shape(self) -> TensorShape:
        return self._shape

    def set_shape(self, shape: Any) -> None:
        self._shape = self._shape.merge_with(as_shape(shape))

    # the dims of its argument the analysis lost stay lost: the rank and the other dims are given
    set_shape.shape_argument = (0, "shape")  # type: ignore[attr-defined]

    @property
    def graph(self) -> Any:
        from scopelint.runtime import context

        return context.default_graph()

    def eval(self, *args: Any, **kwargs: Any) -> None:
        return None

    def __bool__(self) -> bool:
        raise TypeError(
            "Using a `tf.Tensor` as a Python `bool` is not allowed in Graph execution. "
            "Use Eager execution or decorate this function with @tf.function."
        )

    def __iter__(self) -> Any:
        dims = self._shape.dims_tuple
        if dims is None or not dims or dims[0] is None:
            raise TypeError("Tensor objects are only iterable when eager execution is enabled.")
        return iter([self[i] for i in range(dims[0])])

    def __len__(self) -> int:
        raise TypeError("len is not well defined for a symbolic Tensor.")

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self._shape, self.dtype.name)

    # -- arithmetic: broadcasting
    def _binary(self, other: Any, op_type: str, fold: Optional[Callable[[Any, Any], Any]] = None,
                reflected: bool = False) -> "Tensor":
        result = Tensor(broadcast(shape_of(self), shape_of(other)), self.dtype.base_dtype, op_name(op_type), op_type)
        if fold is not None:
            # TF's shape inference folds integer arithmetic on known scalars: `tf.shape(x)[0] * 3`
            # in a shape argument is that number
            mine, theirs = int_constant(self), int_constant(other)
            if mine is not None and theirs is not None:
                try:
                    result.constant_value = fold(theirs, mine) if reflected else fold(mine, theirs)
                except ZeroDivisionError:
                    pass
            result.varying = _varies(self) or _varies(other)
        return result

    def __add__(self, other: Any) -> "Tensor":
        return self._binary(other, "add", operator.add)

    def __radd__(self, other: Any) -> "Tensor":
        return self._binary(other, "add", operator.add, reflected=True)

    def __sub__(self, other: Any) -> "Tensor":
        return self._binary(other, "sub", operator.sub)

    def __rsub__(self, other: Any) -> "Tensor":
        return self._binary(other, "sub", operator.sub, reflected=True)

    def __mul__(self, other: Any) -> "Tensor":
        return self._binary(other, "mul", operator.mul)

    def __rmul__(self, other: Any) -> "Tensor":
        return self._binary(other, "mul", operator.mul, reflected=True)

    def __truediv__(self, other: Any) -> "Tensor":
        return self._true_division(other)

    def __rtruediv__(self, other: Any) -> "Tensor":
        return self._true_division(other)

    def _true_division(self, other: Any) -> "Tensor":
        result = self._binary(other, "truediv")
        result.dtype = true_division_dtype(result.dtype)
        return result

    def __floordiv__(self, other: Any) -> "Tensor":
        return self._binary(other, "floordiv", operator.floordiv)

    def __rfloordiv__(self, other: Any) -> "Tensor":
        return self._binary(other, "floordiv", operator.floordiv, reflected=True)

    def __mod__(self, other: Any) -> "Tensor":
        return self._binary(other, "mod")

    def __rmod__(self, other: Any) -> "Tensor":
        return self._binary(other, "mod")

    def __pow__(self, other: Any) -> "Tensor":
        return self._binary(other, "pow")

    # `10000 ** (tf.range(0, d, 2.0) / d)` (transformer-xl's inverse frequencies): the Python
    # number takes the tensor's dtype, as in tf.pow
    def __rpow__(self, other: Any) -> "Tensor":
        return self._binary(other, "pow")

    def __matmul__(self, other: Any) -> "Tensor":
        return matmul_shape_tensor(self, other)

    def __neg__(self) -> "Tensor":
        return Tensor(self._shape, self.dtype.base_dtype, op_name("Neg"), "Neg")

    def __abs__(self) -> "Tensor":
        return Tensor(self._shape, self.dtype.base_dtype, op_name("Abs"), "Abs")

    def _compare(self, other: Any) -> "Tensor":
        return Tensor(broadcast(shape_of(self), shape_of(other)), "bool", op_name("Less"), "Less")

    __lt__ = __le__ = __gt__ = __ge__ = _compare

    def __and__(self, other: Any) -> "Tensor":
        return self._compare(other)

    __or__ = __and__

    def __invert__(self) -> "Tensor":
        return Tensor(self._shape, "bool", op_name("LogicalNot"), "LogicalNot")

    def __getitem__(self, key: Any) -> "Tensor":
        _check_indices(key)
        item = Tensor(slice_shape(self._shape, key), self.dtype.base_dtype, op_name("strided_slice"), "StridedSlice")
        measured = getattr(self, "shape_value", None)
        if isinstance(measured, TensorShape) and measured.dims_tuple is not None and isinstance(key, int) and \
                not isinstance(key, bool) and -len(measured.dims_tuple) <= key < len(measured.dims_tuple):
            # TF's shape inference reads `tf.shape(x)[i]` as x's i-th dimension where that is known
            # (xlnet's `tf.one_hot(positions, depth=tf.shape(inp)[0])`, `tf.reshape(x, [tf.shape(x)[0], -1])`)
            dim = measured.dims_tuple[key]
            if dim is LOST or isinstance(dim, int):
                item.constant_value = dim
            elif dim is None:
                item.varying = True
        bounds = (key.start, key.stop, key.step) if isinstance(key, slice) else ()
        if isinstance(measured, TensorShape) and measured.dims_tuple is not None and isinstance(key, slice) and \
                all(isinstance(b, int) and not isinstance(b, bool) or b is None for b in bounds):
            # `tf.shape(x)[:-1]` reads as x's leading dims (constant_value_as_shape of a StridedSlice of a Shape),
            # and is a constant TF folds where x's shape is fully known
            item.shape_value = TensorShape(list(measured.dims_tuple)[key])
            if all(isinstance(dim, int) for dim in measured.dims_tuple):
                item.constant_value = list(measured.dims_tuple)[key]
        return item


# What TF's truediv casts integer operands to first (math_ops._TRUEDIV_TABLE): `ids / 2` is float64
_TRUE_DIVISION_DTYPES = {"int8": "float32", "uint8": "float32", "int16": "float32", "uint16": "float32",
                         "int32": "float64", "int64": "float64", "uint32": "float64", "uint64": "float64"}


def true_division_dtype(dtype: DType) -> DType:
    """The dtype of a true division of operands of `dtype`: float for integers."""
    cast = _TRUE_DIVISION_DTYPES.get(dtype.base_dtype.name)
    return as_dtype(cast) if cast is not None else dtype


def op_name(default: str, name: Optional[str] = None) -> str:
    """Take an op name from the current graph (it matters for later `_1` suffixes)."""
    from scopelint.runtime import context

    taken = context.state().register_op(name, default)
    return taken if isinstance(taken, str) else default


def shape_of(value: Any) -> TensorShape:
    if isinstance(value, Tensor):
        return value.get_shape()
    getter = getattr(value, "get_shape", None)
    if callable(getter):
        shape = getter()
        if isinstance(shape, TensorShape):
            return shape
    if isinstance(value, (int, float, bool, str, bytes, Dimension)):  # a string is a scalar of dtype string
        return TensorShape([])  # (TF converts a Dimension to a scalar: baselines' `tf.range(x.shape[0])`)
    numpy_shape = getattr(value, "shape", None)  # a numpy array
    if isinstance(numpy_shape, tuple) and all(isinstance(d, int) for d in numpy_shape):
        return TensorShape(list(numpy_shape))
    if isinstance(value, (list, tuple)):
        dims: List[Optional[int]] = [len(value)]
        if value:
            inner = shape_of(value[0])
            if inner.dims_tuple is None:
                return TensorShape(None)
            dims.extend(inner.dims_tuple)
        return TensorShape(dims)
    return TensorShape(None)


def numpy_dtype(value: Any) -> Optional[DType]:
    """The dtype of a numpy array or scalar (or the analysis's stand-in for one): TF keeps it
    (`tf.constant(np.zeros(3))` is float64)."""
    dtype = getattr(value, "dtype", None)
    name = getattr(dtype, "name", None)
    if isinstance(dtype, DType) or not isinstance(name, str):
        return None
    try:
        return as_dtype(name)
    except (TypeError, ValueError, KeyError):
        return None


def dtype_of(value: Any, default: DType = FLOAT32) -> DType:
    dtype = getattr(value, "dtype", None)
    if isinstance(dtype, DType):
        return dtype.base_dtype
    from_numpy = numpy_dtype(value)
    if from_numpy is not None:
        return from_numpy
    if isinstance(value, bool):
        return as_dtype("bool")
    if isinstance(value, int):
        return INT32 if -(2 ** 31) <= value < 2 ** 31 else as_dtype("int64")
    return default


def broadcast(a: TensorShape, b: TensorShape) -> TensorShape:
    if a.dims_tuple is None or b.dims_tuple is None:
        return TensorShape(None)
    x, y = list(a.dims_tuple), list(b.dims_tuple)
    rank = max(len(x), len(y))
    x = [1] * (rank - len(x)) + x
    y = [1] * (rank - len(y)) + y
    out: List[Optional[int]] = []
    for p, q in zip(x, y):
        if p is LOST or q is LOST:
            # TF's answer is the other side's dim unless that is 1 or None (then it is the lost one's)
            other = q if p is LOST else p
            out.append(LOST if other is None or other is LOST or other == 1 else other)
        elif p == 1:
            out.append(q)
        elif q == 1:
            out.append(p)
        elif p is None or q is None:
            out.append(p if q is None else q)
        elif p != q:
            # TF's shape function for every broadcasting op (UGATIT's AdaLIN `x * gamma` with
            # gamma made for another channel count)
            raise ValueError("Dimensions must be equal, but are %d and %d with input shapes: %s, %s" % (p, q, a, b))
        else:
            out.append(p)
    return TensorShape(out)


def matmul_shape_tensor(a: Any, b: Any, transpose_a: bool = False, transpose_b: bool = False,
                        name: Optional[str] = None) -> Tensor:
    sa, sb = shape_of(a), shape_of(b)
    for shape in (sa, sb):
        if shape.dims_tuple is not None and len(shape.dims_tuple) < 2:
            # TF's MatMul shape function; NTM-tensorflow's matmul helper catches it and reshapes
            raise ValueError("Shape must be rank 2 but is rank %d for MatMul with input shapes: %s, %s"
                             % (len(shape.dims_tuple), sa, sb))
    out: Any = None
    if sa.dims_tuple is not None and sb.dims_tuple is not None and len(sa.dims_tuple) >= 2 and len(sb.dims_tuple) >= 2:
        rows = sa.dims_tuple[-1] if transpose_a else sa.dims_tuple[-2]
        cols = sb.dims_tuple[-2] if transpose_b else sb.dims_tuple[-1]
        # the batch dimensions broadcast (BatchMatMulV2: [2, 1, 4, 3] @ [6, 3, 5] is [2, 6, 4, 5])
        batch = broadcast(TensorShape(sa.dims_tuple[:-2]), TensorShape(sb.dims_tuple[:-2])).dims_tuple or ()
        out = list(batch) + [rows, cols]
    return Tensor(out, dtype_of(a), op_name("MatMul", name), "MatMul")


def _check_indices(key: Any) -> None:
    """TF's array_ops._check_index over a tensor's subscript."""
    index = invalid_index(key)
    if index is not None:
        raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                        "tf.int32/tf.int64 tensors are valid indices, got %r" % (index,))


def invalid_index(key: Any) -> Optional[float]:
    """The index or slice bound of a tensor's subscript that TF refuses: a float (Python 3's
    `logits[:, :sampling_dim / 2]` in tensorflow/models' pcl_rl, Python 2 code); None if none."""
    for k in key if isinstance(key, tuple) else (key,):
        for index in (k.start, k.stop, k.step) if isinstance(k, slice) else (k,):
            if isinstance(index, float):  # numpy's float64 (of a true division) is one
                return index
    return None


def slice_shape(shape: TensorShape, key: Any) -> TensorShape:
    """The static shape of `x[key]`, as TF's StridedSlice shape function gives it
    (ValidateStridedSliceOp): TF packs the begins, the ends and the strides into three tensors
    and reads each only where it folds it whole. A stride it cannot fold leaves even the rank
    unknown; a begin or end it cannot fold (`x[:, :tf.shape(x)[1] // 2]` of an unknown width, a
    tensor index) leaves known only the dimensions a slice covers whole (`:`, `::2`), the ones
    after the key, and the new axes: every other sliced dimension is None, however constant its
    own bounds (pix2pix's `raw_input[:, :width//2, :]` keeps its 3 channels,
    tests/fixtures/shapes/slice_tensor_bounds.py). Where the runtime cannot tell whether TF folds
    a tensor bound (one not `varying`, of an op whose value it does not compute), those
    dimensions are LOST: a None there could claim errors TF does not raise."""
    if shape.dims_tuple is None:
        return TensorShape(None)
    dims = list(shape.dims_tuple)
    keys = tuple(slice(*(_folded(bound) for bound in (k.start, k.stop, k.step))) if isinstance(k, slice)
                 else _folded(k) for k in (key if isinstance(key, tuple) else (key,)))
    strides = [k.step for k in keys if isinstance(k, slice) and not _constant_bound(k.step)]
    if strides and all(_varies(step) for step in strides):
        return TensorShape(None)
    unfolded = [bound for k in keys if k is not None and k is not Ellipsis
                for bound in ((k.start, k.stop, k.step) if isinstance(k, slice) else (k,))
                if not _constant_bound(bound)]
    # what each non-whole slice of a known dimension is where a bound is not folded: None where
    # TF certainly cannot fold it, else unknown here
    unfolded_dim = None if all(_varies(bound) for bound in unfolded) else LOST
    out: List[Optional[int]] = []
    index = 0
    for pos, k in enumerate(keys):
        if k is Ellipsis:
            remaining = len([kk for kk in keys[pos + 1:] if kk is not None])
            while index < len(dims) - remaining:
                out.append(dims[index])
                index += 1
        elif k is None:
            out.append(1)
        elif isinstance(k, slice):
            if index >= len(dims):
                return TensorShape(None)
            dim = dims[index]
            whole = k.start is None and k.stop is None
            if dim is LOST or dim is None:
                out.append(dim)
            elif not whole and unfolded or not _constant_bound(k.step):
                out.append(unfolded_dim)
            elif any(bound is LOST for bound in (k.start, k.stop, k.step)):
                out.append(LOST)
            else:
                out.append(len(range(*k.indices(dim))))
            index += 1
        else:
            if type(k) is int and not unfolded and index < len(dims) and type(dims[index]) is int and \
                    not -dims[index] <= k < dims[index]:
                # TF folds every bound and knows the dimension: its shape function refuses the
                # index (ENAS's `skip[i]` of an architecture slice shorter than its loop)
                raise OpInputError("slice index %d of dimension %d out of bounds." % (k, index))
            index += 1  # an integer or tensor index drops the dimension
    out.extend(dims[index:])
    return TensorShape(out)


def _varies(value: Any) -> bool:
    """A value TF's shape inference can never fold (Tensor.varying)."""
    return getattr(value, "varying", False) is True


def _folded(bound: Any) -> Any:
    """A slice bound or index: its integer where TF reads one (a known Dimension, a numpy integer,
    a scalar tensor TF folds; LOST where the analysis lost what TF folds), else the bound itself."""
    value = int_constant(bound) if bound is not None and bound is not Ellipsis else None
    return bound if value is None else value


def _constant_bound(bound: Any) -> bool:
    """A (folded) bound TF reads as a constant: none, an integer, or LOST (one TF folds whose value
    the analysis lost)."""
    return bound is None or bound is LOST or type(bound) is int


def is_integer_scalar(value: Any) -> bool:
    """A Python or numpy integer, not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def int_constant(value: Any) -> Any:
    """An integer the shape functions know: a Python or numpy int, a known Dimension (TF converts
    both to a constant), LOST, or an integer scalar tensor's known value; None otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) or value is LOST:
        return value
    if isinstance(value, Dimension) and value.value is not None:
        return value.value  # `x.shape[1]`, which TF converts to that constant
    if is_integer_scalar(value):
        return int(value)  # a numpy integer (`nvec.sum()`)
    if isinstance(value, Tensor) and value.dtype.base_dtype.is_integer and shape_of(value).dims_tuple == ():
        constant = getattr(value, "constant_value", None)
        if constant is LOST or isinstance(constant, int) and not isinstance(constant, bool):
            return constant
    return None


def scalar_dim(value: "Tensor") -> Any:
    """A scalar tensor in a shape argument, as TF's shape inference reads it: its value where that
    is known (`tf.shape(x)[0]` of an x whose first dimension is known), LOST where the analysis
    lost it, else None."""
    constant = getattr(value, "constant_value", None)
    if shape_of(value).dims_tuple != ():
        return None
    if constant is LOST:
        return LOST
    return constant if isinstance(constant, int) and not isinstance(constant, bool) and constant >= 0 else None


def shape_from_argument(shape: Any) -> Any:
    """Shapes may hold Dimensions or tensors' static dims; keep them as TF would see them:
    a shape tensor of known length, or a list holding scalar tensors (`[tf.shape(x)[0], 4]`,
    which TF packs), gives unknown dimensions where the values are tensors. (What TF's
    constant_value_as_shape reads of a shape argument: tf.zeros', tf.fill's, a transposed
    convolution's output_shape.)"""
    if isinstance(shape, Tensor):
        measured = getattr(shape, "shape_value", None)  # `tf.random_normal(tf.shape(mu))`: mu's static shape
        if isinstance(measured, TensorShape) and measured.dims_tuple is not None:
            return list(measured.dims_tuple)
        value = getattr(shape, "constant_value", None)  # `tf.zeros(tf.constant([5, 4]))`: TF reads the constant
        if isinstance(value, (list, tuple)) and all(isinstance(d, int) and not isinstance(d, bool) and d >= 0
                                                    for d in value):
            return list(value)
        dims = shape.get_shape().dims_tuple
        return [None] * dims[0] if dims and isinstance(dims[0], int) else None
    if isinstance(shape, (list, tuple)) and any(isinstance(d, Tensor) for d in shape):
        return [scalar_dim(d) if isinstance(d, Tensor) else d for d in shape]
    return shape


def reshape_shape(shape: Any, target: Any) -> TensorShape:
    if isinstance(target, Tensor):
        measured = getattr(target, "shape_value", None)
        if isinstance(measured, TensorShape) and measured.dims_tuple is not None:
            return _reshape_partial(shape, list(measured.dims_tuple))
        dims = target.get_shape().dims_tuple
        if dims is not None and len(dims) == 1 and dims[0] is not None:
            return TensorShape([None] * dims[0])
        return TensorShape(None)
    try:
        wanted = [scalar_dim(d) if isinstance(d, Tensor) else d if d is LOST else int(d) if not isinstance(d, Dimension)
                  else d.value for d in target]
    except (TypeError, ValueError):
        return TensorShape(None)
    if any(_is_minus_one(d) for d in wanted):
        total = as_shape(shape).num_elements()
        others = [d for d in wanted if not _is_minus_one(d)]
        known: Any = 1
        for d in others:
            known = known * d if d is not None else known
        fill: Any = None
        if total is not None and all(d is not None for d in others):
            fill = LOST if total is LOST or known is LOST else total // known if known else None
        wanted = [fill if _is_minus_one(d) else d for d in wanted]
    return TensorShape(wanted)


def _is_minus_one(dim: Any) -> bool:
    return dim is not LOST and dim == -1


def _reshape_partial(shape: Any, wanted: List[Optional[int]]) -> TensorShape:
    """Reshape to a shape tensor whose value is partly known (tf.shape(x) of a partly known x):
    TF's Reshape shape function fills the one unknown dim when the input's size is known."""
    total = as_shape(shape).num_elements()
    unknown = [i for i, d in enumerate(wanted) if d is None]
    if total is not None and len(unknown) == 1 and (total is LOST or has_lost_dims(wanted)):
        wanted[unknown[0]] = LOST  # TF fills it from sizes the analysis lost
    elif total is not None and len(unknown) == 1:
        known = 1
        for d in wanted:
            known *= d if d is not None else 1
        if known and total % known == 0:
            wanted[unknown[0]] = total // known
    return TensorShape(wanted)


def reduced_dims(shape: TensorShape, axis: Any, keep: bool) -> Any:
    """The dims of a reduction over `axis` (None: all of them), as TF's shape functions give them:
    reducing all dims of an unknown rank gives a scalar; axes of unknown value keep the rank when
    kept (each dim unknown), else nothing is known."""
    if axis is None:
        if shape.dims_tuple is None:
            return None if keep else []
        return [1] * len(shape.dims_tuple) if keep else []
    if shape.dims_tuple is None:
        return None
    dims = list(shape.dims_tuple)
    if isinstance(axis, Tensor) and keep:
        return [None] * len(dims)
    if isinstance(axis, int) and not isinstance(axis, bool) or \
            isinstance(axis, (list, tuple)) and all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
        axes = {a + len(dims) if a < 0 else a for a in (axis if isinstance(axis, (list, tuple)) else [axis])}
        return [1 if i in axes else d for i, d in enumerate(dims)] if keep else \
            [d for i, d in enumerate(dims) if i not in axes]
    return None


def conv_output(size: Any, kernel: Any, stride: int, padding: Any, dilation: int = 1) -> Any:
    """One spatial dim of a convolution's or pool's output; `padding` is "SAME", "VALID" or an
    explicit (before, after) pair, which pads the input for a VALID window."""
    if size is None:
        return None
    if isinstance(padding, (list, tuple)):
        if not all(isinstance(p, int) for p in padding):
            return None
        size, padding = (size if size is LOST else size + sum(padding)), "VALID"
    if size is LOST or kernel is LOST and str(padding).upper() != "SAME":
        return LOST
    if str(padding).upper() == "SAME":
        return int(math.ceil(size / float(stride)))
    if kernel is None:
        return None
    effective = (kernel - 1) * dilation + 1
    return int(math.ceil((size - effective + 1) / float(stride)))


def spatial(strides: Any, rank: int) -> Sequence[int]:
    """Per-spatial-dim strides from TF's [1, s, s, 1] or an int."""
    if isinstance(strides, int):
        return [strides] * rank
    strides = list(strides)
    if len(strides) == rank + 2:
        return strides[1:-1]
    if len(strides) == 1:
        return strides * rank
    return strides


class Opaque(Tensor):
    """The result of an API the runtime does not model: absorbs attribute access and calls."""

    deps = None  # an unmodelled API's result: what it depends on is unknown

    def __init__(self, label: str = "opaque") -> None:
        self._shape = TensorShape(None)
        self.dtype = FLOAT32
        self.op = Op(label, "Opaque")
        self.name = label + ":0"

    def __getattr__(self, name: str) -> "Opaque":
        if name.startswith("__"):
            raise AttributeError(name)
        return Opaque(self.op.name + "." + name)

    def __call__(self, *args: Any, **kwargs: Any) -> "Opaque":
        return Opaque(self.op.name + "()")

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Any:
        return iter(())

    def __enter__(self) -> "Opaque":  # `with sv.managed_session() as sess:`
        return self

    def __exit__(self, *exc: Any) -> None:
        return None


def _track_operators() -> None:
    from scopelint.runtime.dependencies import tracked

    for name in ("__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
                 "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pow__", "__rpow__", "__matmul__",
                 "__neg__", "__abs__", "__getitem__",
                 "__and__", "__or__", "__invert__", "__lt__", "__le__", "__gt__", "__ge__"):
        method = Tensor.__dict__.get(name)
        if method is not None and not getattr(method, "__wrapped_op__", False):
            setattr(Tensor, name, tracked(method))


_track_operators()
