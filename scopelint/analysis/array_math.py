"""numpy arithmetic on arrays the analysis knows the shape and dtype of (ArrayVal): initial
values built as `np.random.uniform(size=shape).astype("float32") * gain` (improved WGAN's
tflib), `np.sqrt(np.sum(np.square(w), axis=(0, 1, 2)))` (weight norm). Only the shape and the
dtype are computed, with numpy's broadcasting and its promotion of Python scalars (NEP 50: a
float32 array times a Python float stays float32); anything else is unknown (None)."""

from __future__ import annotations

import ast
import math
from typing import Any, Optional, Tuple, Union

from scopelint.analysis.values import ArrayVal, ListVal, NumpyDtype

_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_ORDERINGS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_FLOAT_RESULT = {"sqrt", "exp", "log", "tanh", "sin", "cos", "sigmoid", "log1p", "expm1"}
_SAME_DTYPE = {"square", "abs", "absolute", "negative", "sign"}
_REDUCTIONS = {"sum", "mean", "max", "min", "prod", "amax", "amin"}
# numpy's binary ufuncs, as the operators they are (`np.mod(np.arange(n), k)` is `np.arange(n) % k`)
_BINARY_UFUNCS = {"add": ast.Add(), "subtract": ast.Sub(), "multiply": ast.Mult(), "divide": ast.Div(),
                  "true_divide": ast.Div(), "floor_divide": ast.FloorDiv(), "mod": ast.Mod(),
                  "remainder": ast.Mod(), "power": ast.Pow()}
_SPLITS = {"split", "array_split"}
REDUCTIONS = frozenset(_REDUCTIONS)
# what a reduction of a 1-D integer array's known items is (numpy raises on an empty max or min)
_ITEM_REDUCTIONS = {"sum": sum, "prod": math.prod, "max": max, "min": min, "amax": max, "amin": min}
_INTEGER_BITS = {"int8": 8, "int16": 16, "int32": 32, "int64": 64,
                 "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64}


def integer_items(values: Any, dtype: str) -> Optional[Tuple[int, ...]]:
    """The items of a 1-D array of integer `dtype` made of `values`, as Python ints, when each is a
    Python int the dtype holds (numpy wraps or raises on the others); None otherwise."""
    bits = _INTEGER_BITS.get(dtype)
    if bits is None or not isinstance(values, (list, tuple)):
        return None
    low, high = (0, 2 ** bits) if dtype.startswith("u") else (-2 ** (bits - 1), 2 ** (bits - 1))
    if not all(isinstance(v, int) and not isinstance(v, bool) and low <= v < high for v in values):
        return None
    return tuple(values)


def astype(array: ArrayVal, dtype: str) -> ArrayVal:
    """`array.astype(dtype)`, `np.int32(array)`: the array in another dtype, its items kept while
    they are integers the new dtype holds (`lstm_size = np.int32(np.array([32, 64]))`)."""
    return ArrayVal(array.shape, NumpyDtype(dtype), integer_items(array.items, dtype))


def forget_items(value: Any) -> None:
    """`value` may have been written into (an item stored, `+=`, a method or a library given it,
    a view of it taken, which writes through): if it is an array, its items are no longer known."""
    if isinstance(value, ArrayVal):
        value.items = None


def _broadcast(a: Tuple[int, ...], b: Tuple[int, ...]) -> Optional[Tuple[int, ...]]:
    out = []
    for x, y in zip(reversed((1,) * (len(b) - len(a)) + a), reversed((1,) * (len(a) - len(b)) + b)):
        if x != y and 1 not in (x, y):
            return None  # numpy raises
        out.append(max(x, y) if 1 in (x, y) else x)
    return tuple(reversed(out))


def _is_float(name: str) -> bool:
    return name.startswith("float")


def binary(op: ast.operator, left: Any, right: Any) -> Optional[ArrayVal]:
    """`array op array`, `array op scalar`, `scalar op array`: the result's shape and dtype."""
    if isinstance(op, ast.MatMult):
        return _product("matmul", [left, right], {})
    if not isinstance(op, _ARITHMETIC):
        return None
    shape = _elementwise_shape(left, right)
    if shape is None:
        return None
    arrays = [v for v in (left, right) if isinstance(v, ArrayVal)]
    scalars = [v for v in (left, right) if not isinstance(v, ArrayVal)]
    names = [a.dtype.name for a in arrays]
    if len(arrays) == 2 and names[0] != names[1]:
        return None  # numpy's promotion between two array dtypes: not computed here
    name = names[0]
    if isinstance(op, ast.Div) and not _is_float(name):
        name = "float64"  # true division of ints
    elif scalars and isinstance(scalars[0], float) and not isinstance(scalars[0], bool) and not _is_float(name):
        name = "float64"  # an int array with a Python float
    return ArrayVal(shape, NumpyDtype(name))


def _product(name: str, args: Any, kwargs: Any) -> Optional[ArrayVal]:
    """np.matmul(a, b) (`a @ b`) and np.dot(a, b) of arrays of one dtype and known shapes, as
    numpy's rules give their shape: a 1-D operand is a row on the left and a column on the right,
    dropped from the result; matmul broadcasts the dimensions before the last two, dot takes at
    most two. ptn builds its camera matrices so (`np.matmul(extrinsic_matrix, intrinsic_matrix)`)."""
    if len(args) != 2 or kwargs or not all(isinstance(a, ArrayVal) and a.shape and
                                           all(isinstance(d, int) for d in a.shape) for a in args):
        return None
    left, right = args
    if left.dtype.name != right.dtype.name or name == "dot" and max(len(left.shape), len(right.shape)) > 2:
        return None  # numpy's promotion, or dot's sum over N-D arrays: not computed here
    a = left.shape if len(left.shape) > 1 else (1,) + left.shape
    b = right.shape if len(right.shape) > 1 else right.shape + (1,)
    batch = _broadcast(a[:-2], b[:-2])
    if a[-1] != b[-2] or batch is None:
        return None  # numpy raises
    shape = batch + (a[-2],) * (len(left.shape) > 1) + (b[-1],) * (len(right.shape) > 1)
    return ArrayVal(shape, left.dtype)


_PRODUCTS = {"matmul", "dot"}


def compare(op: ast.cmpop, left: Any, right: Any) -> Optional[ArrayVal]:
    """`array > scalar`, `array < array`: numpy's elementwise bools, of the broadcast shape
    (rebar's binarization `(np.random.rand(n, d) > 0.5).astype(np.float32)`)."""
    if not isinstance(op, _ORDERINGS):
        return None
    shape = _elementwise_shape(left, right)
    return None if shape is None else ArrayVal(shape, NumpyDtype("bool"))


def _elementwise_shape(left: Any, right: Any) -> Optional[Tuple[int, ...]]:
    """The broadcast shape of two arrays, or of an array and a Python number; None where a shape
    is unknown or numpy raises."""
    arrays = [v for v in (left, right) if isinstance(v, ArrayVal)]
    scalars = [v for v in (left, right) if not isinstance(v, ArrayVal)]
    known_shapes = all(isinstance(d, int) for a in arrays for d in a.shape)
    if any(not isinstance(s, (int, float)) for s in scalars) or not known_shapes:
        return None
    return tuple(arrays[0].shape) if len(arrays) == 1 else _broadcast(arrays[0].shape, arrays[1].shape)


def ufunc(name: str, args: Any, kwargs: Any) -> Union[ArrayVal, int, None]:
    """np.sqrt(a), np.square(a), np.sum(a, axis=...), np.matmul(a, b) of an ArrayVal; a.sum() is
    np.sum(a)."""
    if name in _PRODUCTS:
        return _product(name, args, kwargs)
    if not args or not isinstance(args[0], ArrayVal) or not all(isinstance(d, int) for d in args[0].shape):
        return None
    array = args[0]
    if name in _BINARY_UFUNCS:
        return binary(_BINARY_UFUNCS[name], args[0], args[1]) if len(args) == 2 and not kwargs else None
    if name in _SPLITS:
        return split(name, args, kwargs)
    if name in _FLOAT_RESULT or name in _SAME_DTYPE:
        if len(args) > 1 or kwargs:
            return None
        dtype = array.dtype.name if name in _SAME_DTYPE or _is_float(array.dtype.name) else "float64"
        return ArrayVal(array.shape, NumpyDtype(dtype))
    if name in _REDUCTIONS:
        axis = args[1] if len(args) > 1 else kwargs.get("axis")
        keep = kwargs.get("keepdims", False)
        number = _reduced_items(array, name, axis, len(args) > 2 or set(kwargs) - {"axis"})
        if number is not None:
            return number
        if set(kwargs) - {"axis", "keepdims"} or len(args) > 2 or not isinstance(keep, bool):
            return None
        rank = len(array.shape)
        if axis is None:
            axes = set(range(rank))
        else:
            items = getattr(axis, "items", [axis])
            if not all(isinstance(a, int) and -rank <= a < rank for a in items):
                return None
            axes = {a % rank for a in items}
        shape = tuple(1 if i in axes else d for i, d in enumerate(array.shape)) if keep else \
            tuple(d for i, d in enumerate(array.shape) if i not in axes)
        if not _is_float(array.dtype.name) and name in ("sum", "prod", "mean"):
            return None  # numpy widens integer sums to the platform's int, means to float64
        return ArrayVal(shape, array.dtype)
    return None


def split(name: str, args: Any, kwargs: Any) -> Optional[ListVal]:
    """np.split(a, sections_or_indices, axis=0) and np.array_split of an array of known shape: the
    list of its pieces along `axis`. A number of sections splits it in equal pieces (np.split raises
    where they cannot be; array_split gives the first `len % n` pieces one more item); a list of
    indices cuts it there, numpy clipping each to the axis (pixel-cnn's per-GPU label arrays are
    `np.split(np.mod(np.arange(batch_size * nr_gpu), num_labels), nr_gpu)`)."""
    array = args[0]
    if len(args) > 3 or set(kwargs) - {"indices_or_sections", "axis"} or len(args) > 1 and "indices_or_sections" in \
            kwargs or len(args) > 2 and "axis" in kwargs:
        return None
    how = args[1] if len(args) > 1 else kwargs.get("indices_or_sections")
    axis = args[2] if len(args) > 2 else kwargs.get("axis", 0)
    rank = len(array.shape)
    if not isinstance(axis, int) or isinstance(axis, bool) or not -rank <= axis < rank:
        return None
    axis %= rank
    length = array.shape[axis]
    if isinstance(how, int) and not isinstance(how, bool):
        if how <= 0 or name == "split" and length % how:
            return None  # numpy raises
        size, more = divmod(length, how)
        sizes = [size + (i < more) for i in range(how)]
    else:
        cuts = getattr(how, "items", None)
        if not isinstance(cuts, list) or not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0
                                                 for c in cuts):
            return None  # (a negative index counts from the end: not computed here)
        bounds = [0] + [min(c, length) for c in cuts] + [length]
        sizes = [max(end - start, 0) for start, end in zip(bounds, bounds[1:])]
    return ListVal([ArrayVal(array.shape[:axis] + (s,) + array.shape[axis + 1:], array.dtype) for s in sizes])


def _reduced_items(array: ArrayVal, name: str, axis: Any, other_arguments: Any) -> Optional[int]:
    """The sum, product, max or min of a 1-D integer array's known items over its one axis, as a
    Python int (numpy's integer scalar, which a shape takes alike): gym's MultiDiscrete space has
    `nvec.sum()` logits (openai/baselines' MultiCategoricalPdType); None otherwise."""
    reducer = _ITEM_REDUCTIONS.get(name)
    if reducer is None or array.items is None or other_arguments or axis not in (None, 0, -1) or \
            not array.items and reducer in (max, min):
        return None
    number = reducer(array.items)
    return number if -2 ** 63 <= number < 2 ** 63 else None  # numpy's int64 wraps past these


def tile(args: Any, kwargs: Any) -> Optional[ArrayVal]:
    """np.tile(a, reps) of an ArrayVal: the shape and the repetitions aligned on the right (the
    shorter padded with ones), multiplied (stylegan's _blur2d tiles its filter over the channels)."""
    if len(args) != 2 or kwargs or not isinstance(args[0], ArrayVal):
        return None
    array, reps = args
    reps = tuple(getattr(reps, "items", [reps]))
    if not all(isinstance(d, int) for d in array.shape) or \
            not all(isinstance(r, int) and not isinstance(r, bool) and r >= 0 for r in reps):
        return None
    rank = max(len(array.shape), len(reps))
    shape = (1,) * (rank - len(array.shape)) + tuple(array.shape)
    reps = (1,) * (rank - len(reps)) + reps
    return ArrayVal(tuple(d * r for d, r in zip(shape, reps)), array.dtype)


JOINS = frozenset({"concatenate", "stack", "vstack", "hstack"})


def _concatenated(shapes: Any, axis: Any) -> Optional[Tuple[int, ...]]:
    """np.concatenate's shape: one rank (at least 1), equal dims but on `axis`, which adds up."""
    rank = len(shapes[0])
    if rank == 0 or any(len(s) != rank for s in shapes) or not isinstance(axis, int) or \
            isinstance(axis, bool) or not -rank <= axis < rank:
        return None
    axis %= rank
    if any(s[i] != shapes[0][i] for s in shapes for i in range(rank) if i != axis):
        return None  # numpy raises
    return shapes[0][:axis] + (sum(s[axis] for s in shapes),) + shapes[0][axis + 1:]


def join(name: str, args: Any, kwargs: Any) -> Optional[ArrayVal]:
    """np.concatenate, np.stack, np.vstack and np.hstack of a list or tuple of arrays of known
    shapes and one dtype (GraphSAGE pads its features with `np.vstack([features, zeros])`)."""
    given = args[0] if args else kwargs.get("arrays", kwargs.get("tup"))
    items = getattr(given, "items", None)
    if not items or not all(isinstance(a, ArrayVal) and all(isinstance(d, int) for d in a.shape) for a in items):
        return None
    if len({a.dtype.name for a in items}) != 1:
        return None  # numpy's promotion between array dtypes: not computed here
    if name in ("concatenate", "stack"):
        if len(args) > 2 or set(kwargs) - {"axis", "arrays"}:
            return None
        axis = args[1] if len(args) > 1 else kwargs.get("axis", 0)
    elif len(args) > 1 or set(kwargs) - {"tup"}:
        return None
    shapes = [tuple(a.shape) for a in items]
    if name == "concatenate":
        shape = _concatenated(shapes, axis)
    elif name == "stack":
        rank = len(shapes[0])
        if any(s != shapes[0] for s in shapes) or not isinstance(axis, int) or isinstance(axis, bool) or \
                not -rank - 1 <= axis <= rank:
            return None
        axis %= rank + 1
        shape = shapes[0][:axis] + (len(shapes),) + shapes[0][axis:]
    elif name == "vstack":  # np.atleast_2d: (N,) is (1, N), a scalar (1, 1)
        shape = _concatenated([s if len(s) >= 2 else (1,) * (2 - len(s)) + s for s in shapes], 0)
    else:  # hstack: np.atleast_1d, then along axis 0 for 1-D arrays, else axis 1
        shapes = [s if s else (1,) for s in shapes]
        shape = _concatenated(shapes, 0 if len(shapes[0]) == 1 else 1)
    return ArrayVal(shape, items[0].dtype) if shape is not None else None
