"""TensorFlow dtypes as the scope APIs see them: names, kinds, reprs used in messages."""

from __future__ import annotations

import importlib
import re

from dataclasses import dataclass
from typing import Any, Dict

_FLOATING = {"float16", "bfloat16", "float32", "float64", "half", "double"}
_INTEGER = {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}
_COMPLEX = {"complex64", "complex128"}
_QUANTIZED = {"qint8", "quint8", "qint16", "quint16", "qint32"}
_ALIASES = {"half": "float16", "double": "float64", "float": "float32", "int": "int32"}


@dataclass(frozen=True)
class DType:
    """A dtype; `ref` marks the `_ref` type that RefVariables report (`float32_ref`)."""

    base: str
    ref: bool = False

    @property
    def name(self) -> str:
        return self.base + ("_ref" if self.ref else "")

    @property
    def base_dtype(self) -> "DType":
        return DType(self.base) if self.ref else self

    @property
    def as_ref(self) -> "DType":
        return DType(self.base, True)

    @property
    def is_floating(self) -> bool:
        return self.base in _FLOATING

    @property
    def is_integer(self) -> bool:
        return self.base in _INTEGER

    @property
    def is_unsigned(self) -> bool:
        return self.base.startswith("uint")

    @property
    def is_bool(self) -> bool:
        return self.base == "bool"

    @property
    def is_complex(self) -> bool:
        return self.base in _COMPLEX

    @property
    def is_quantized(self) -> bool:
        return self.base in _QUANTIZED

    @property
    def as_numpy_dtype(self) -> Any:
        """numpy's scalar type (`np.float16` for tf.half), as TF's DType has it; TF1 tests build
        their arrays with it. numpy is imported only when this is read."""
        numpy = importlib.import_module("numpy")
        return getattr(numpy, {"string": "object_", "bool": "bool_"}.get(self.base, self.base))

    @property
    def size(self) -> int:
        """Bytes per item, as TF's DType.size (0 for a string, which has none fixed);
        slim.model_analyzer sums the variables' bytes with it."""
        if self.base in ("bool", "string"):
            return 1 if self.base == "bool" else 0
        return int(re.search(r"\d+$", self.base).group()) // 8  # type: ignore[union-attr]

    @property
    def min(self) -> Any:
        """The lowest value of the type, as TF's DType gives it (numpy's finfo/iinfo); masks
        are built with `tf.float32.min`."""
        return self._limit("min")

    @property
    def max(self) -> Any:
        return self._limit("max")

    def _limit(self, which: str) -> Any:
        if self.is_bool:
            return which == "max"
        numpy = importlib.import_module("numpy")
        if self.is_floating and self.base != "bfloat16":
            return getattr(numpy.finfo(self.as_numpy_dtype), which)
        if self.is_integer and not self.is_quantized:
            return getattr(numpy.iinfo(self.as_numpy_dtype), which)
        raise TypeError("Cannot find %s value of %s." % ("minimum" if which == "min" else "maximum", self))

    def __eq__(self, other: object) -> bool:
        # TF's DType.__eq__ converts the other side (`x.dtype == np.uint8`, `== "float32"`)
        if other is None:
            return False
        if not isinstance(other, DType):
            try:
                other = as_dtype(other)
            except TypeError:
                return False
        return self.base == other.base and self.ref == other.ref

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash((self.base, self.ref))

    def is_compatible_with(self, other: "DType") -> bool:
        return self.base == other.base

    def __str__(self) -> str:
        return "<dtype: '%s'>" % self.name

    def __repr__(self) -> str:
        return "tf." + self.name


DTYPE_NAMES = sorted((_FLOATING | _INTEGER | _COMPLEX | _QUANTIZED | {"bool", "string"}) - set(_ALIASES))
DTYPES: Dict[str, DType] = {name: DType(name) for name in DTYPE_NAMES}
FLOAT32 = DTYPES["float32"]
INT32 = DTYPES["int32"]
FLOAT64 = DTYPES["float64"]
BOOL = DTYPES["bool"]
STRING = DTYPES["string"]


def as_dtype(value: object) -> DType:
    """tf.as_dtype for the values user code passes (DType, names, Python types)."""
    if isinstance(value, DType):
        return value
    if isinstance(value, str):
        name = _ALIASES.get(value, value)
        if name.endswith("_ref") and name[:-4] in DTYPES:
            return DTYPES[name[:-4]].as_ref
        if name in DTYPES:
            return DTYPES[name]
    if value is float:
        return FLOAT32
    if value is int:
        return INT32
    if value is bool:
        return BOOL
    if value is str or value is bytes:
        return STRING
    found = getattr(value, "__name__", None) or getattr(value, "name", None)
    if isinstance(found, str) and _ALIASES.get(found, found) in DTYPES:
        return DTYPES[_ALIASES.get(found, found)]
    raise TypeError("Cannot convert %r to EagerTensor of dtype" % (value,))
