"""numpy's dtypes as the analysis sees them: the scalar types (`np.float32`, a ModuleVal of
numpy), `np.dtype(...)` and an array's `.dtype` are one NumpyDtype. TF takes any of them where it
takes a dtype (`tf.placeholder(dtype=ob_space.dtype)`, tf.as_dtype reads the name), and RL code
compares them (`if dtype == np.int8:` in baselines' observation_placeholder)."""

from __future__ import annotations

from typing import Any, Optional

from scopelint.analysis.values import BuiltinFn, ModuleVal, NumpyDtype
from scopelint.semantics.dtypes import DType

# numpy's scalar types that TF converts (tf.as_dtype), by the name numpy's dtype reports
_TYPES = {name: name for name in (
    "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "complex64", "complex128")}
_TYPES.update(bool_="bool", float_="float64", int_="int64", double="float64", half="float16", single="float32")
_PYTHON_TYPES = {"float": "float64", "int": "int64", "bool": "bool", "complex": "complex128"}


def numpy_dtype(value: Any) -> Optional[NumpyDtype]:
    """The dtype a numpy scalar type or dtype stands for; None for anything else."""
    if isinstance(value, NumpyDtype):
        return value
    if isinstance(value, ModuleVal):
        root, _, name = value.qualname.partition(".")
        if root in ("numpy", "np") and name in _TYPES:
            return NumpyDtype(_TYPES[name])
    return None


def make_dtype(value: Any) -> Optional[NumpyDtype]:
    """`np.dtype(value)` for a numpy type, a dtype, a type name or a Python type; None if unknown."""
    if isinstance(value, str):
        name = _TYPES.get(value, value) if value not in _PYTHON_TYPES else _PYTHON_TYPES[value]
        return NumpyDtype(name) if name in _TYPES.values() else None
    if isinstance(value, BuiltinFn) and value.name in _PYTHON_TYPES:
        return NumpyDtype(_PYTHON_TYPES[value.name])
    return numpy_dtype(value)


def equal(left: Any, right: Any) -> Optional[bool]:
    """`left == right` between numpy dtypes, or a TF dtype and a numpy one (TF's DType.__eq__
    converts the other side with tf.as_dtype); None when either is not such a dtype."""
    ours, theirs = numpy_dtype(left), numpy_dtype(right)
    if ours is not None and theirs is not None:
        return ours.name == theirs.name
    if isinstance(left, DType) and theirs is not None:
        return not left.ref and left.base == theirs.name
    return None
