"""Static shapes: TensorShape's conversions, compatibility and printing, with TF's errors.

A dimension is an int, None (TF's own unknown dimension) or LOST: a dimension TF knows but the
static analysis could not compute (`[len(os.listdir(d)), 4]`). Only the analysis makes LOST; the
runtime never sees it. LOST prints as `?`, keeps its place through the shape functions that
handle it, and fails loudly (TypeError) anywhere a decision would depend on its value, so that
such a shape function's result becomes unknown instead of guessed."""

from __future__ import annotations

from typing import Any, Iterator, List, Optional, Sequence, Tuple, Union


class LostDim:
    """The one LOST dimension. Arithmetic on it is LOST; comparing it with anything but itself,
    its truth and its integer value raise TypeError (a caller must not decide on it)."""

    _instance: Optional["LostDim"] = None

    def __new__(cls) -> "LostDim":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def _absorb(self, *other: object) -> "LostDim":
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _absorb
    __floordiv__ = __rfloordiv__ = __truediv__ = __rtruediv__ = __mod__ = __rmod__ = _absorb
    __neg__ = __pos__ = __ceil__ = __floor__ = _absorb

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        raise TypeError("a dimension the analysis lost has no known value")

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return id(self)

    def __bool__(self) -> bool:
        raise TypeError("a dimension the analysis lost has no known value")

    def __index__(self) -> int:
        raise TypeError("a dimension the analysis lost has no known value")

    __int__ = __index__

    def __reduce__(self) -> str:
        return "LOST"

    def __repr__(self) -> str:
        return "?"

    __str__ = __repr__


# Typed Any: it stands where a dimension's int would, and whatever decides on a dimension either
# tests for it or fails with TypeError (the docstring above).
LOST: Any = LostDim()

Dim = Optional[int]


def is_lost(value: object) -> bool:
    return value is LOST


def has_lost_dims(shape: object) -> bool:
    """A TensorShape (or list of dims) holding a dimension the analysis lost."""
    dims = shape.dims_tuple if isinstance(shape, TensorShape) else shape
    return isinstance(dims, (list, tuple)) and any(d is LOST for d in dims)


class Dimension:
    """tf.Dimension: an int or None, as taken from `x.get_shape()[i]` in TF1 code."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = _as_dim(value)

    def __index__(self) -> int:
        if self.value is None:
            raise TypeError("Dimension value is unknown")
        return self.value.__index__()

    def __int__(self) -> int:
        return self.__index__()

    def __eq__(self, other: object) -> bool:
        other_value = other.value if isinstance(other, Dimension) else other
        if self.value is LOST or other_value is LOST:
            raise TypeError("a dimension the analysis lost has no known value")
        if self.value is None or other_value is None:
            return False
        return bool(self.value == other_value)

    def __hash__(self) -> int:
        return hash(self.value)

    def _compare(self, other: object, op: str) -> Optional[bool]:
        """TF's ordering of dimensions: None (falsy) when either is unknown (`min(x.shape[2:])`)."""
        other_value = Dimension(other).value
        if self.value is LOST or other_value is LOST:
            raise TypeError("a dimension the analysis lost has no known value")
        if self.value is None or other_value is None:
            return None
        return bool(getattr(int(self.value), op)(other_value))

    def __lt__(self, other: object) -> Optional[bool]:
        return self._compare(other, "__lt__")

    def __le__(self, other: object) -> Optional[bool]:
        return self._compare(other, "__le__")

    def __gt__(self, other: object) -> Optional[bool]:
        return self._compare(other, "__gt__")

    def __ge__(self, other: object) -> Optional[bool]:
        return self._compare(other, "__ge__")

    def _binary(self, other: object, op: str) -> "Dimension":
        other_value = other.value if isinstance(other, Dimension) else other
        if self.value is None or other_value is None:
            return Dimension(None)
        if self.value is LOST or other_value is LOST:
            return Dimension(LOST)
        return Dimension(int(getattr(int(self.value), op)(other_value)))

    def __add__(self, other: object) -> "Dimension":
        return self._binary(other, "__add__")

    __radd__ = __add__

    def __sub__(self, other: object) -> "Dimension":
        return self._binary(other, "__sub__")

    def __mul__(self, other: object) -> "Dimension":
        return self._binary(other, "__mul__")

    __rmul__ = __mul__

    def __floordiv__(self, other: object) -> "Dimension":
        return self._binary(other, "__floordiv__")

    def __truediv__(self, other: object) -> "Dimension":
        """TF 1.x's Dimension refuses true division, with this message."""
        raise TypeError("unsupported operand type(s) for /: 'Dimension' and '%s', please use // instead"
                        % type(other).__name__)

    def __rtruediv__(self, other: object) -> "Dimension":
        raise TypeError("unsupported operand type(s) for /: '%s' and 'Dimension', please use // instead"
                        % type(other).__name__)

    def __str__(self) -> str:
        return "?" if self.value is None else str(self.value)

    def __repr__(self) -> str:
        return "Dimension(%s)" % self.value


def _as_dim(value: object) -> Dim:
    if value is None or value is LOST:
        return value
    if isinstance(value, Dimension):
        return value.value
    if not hasattr(type(value), "__index__"):  # a bool is an int to TF (tests/fixtures/shapes/dimension_of_bool.py)
        # a driver's tensor class says how TF prints its type (`tf_type_repr`)
        type_repr = getattr(type(value), "tf_type_repr", None) or repr(type(value))
        raise TypeError(
            "Dimension value must be integer or None or have an __index__ method, "
            "got value '%r' with type '%s'" % (value, type_repr)
        )
    dim = int(value.__index__())  # type: ignore[attr-defined]
    if dim < 0:
        raise ValueError("Dimension %d must be >= 0" % dim)
    return dim


class TensorShape:
    """tf.TensorShape: unknown rank (dims None) or a tuple of dims (each int, None or LOST)."""

    __slots__ = ("dims_tuple",)

    def __init__(self, dims: object) -> None:
        if isinstance(dims, TensorShape):
            self.dims_tuple: Optional[Tuple[Dim, ...]] = dims.dims_tuple
        elif dims is None:
            self.dims_tuple = None
        elif isinstance(dims, (list, tuple)):
            self.dims_tuple = tuple(_as_dim(d) for d in dims)
        else:
            # A scalar integer means a 1-D shape (p06:shape_int_scalar).
            self.dims_tuple = (_as_dim(dims),)

    @property
    def ndims(self) -> Optional[int]:
        return None if self.dims_tuple is None else len(self.dims_tuple)

    rank = ndims

    @property
    def dims(self) -> Optional[List[Dimension]]:
        return None if self.dims_tuple is None else [Dimension(d) for d in self.dims_tuple]

    def as_list(self) -> List[Dim]:
        if self.dims_tuple is None:
            raise ValueError("as_list() is not defined on an unknown TensorShape.")
        return list(self.dims_tuple)

    def is_fully_defined(self) -> bool:
        # A lost dimension counts as defined: the analysis takes TF's "must be fully defined"
        # checks on it as passed (as models' `# unknown: false` do), never as a certain error.
        return self.dims_tuple is not None and all(d is not None for d in self.dims_tuple)

    def is_compatible_with(self, other: object) -> bool:
        other = as_shape(other)
        if self.dims_tuple is None or other.dims_tuple is None:
            return True
        if len(self.dims_tuple) != len(other.dims_tuple):
            return False
        # A lost dimension may be anything: only dimensions both sides know can make shapes incompatible.
        return all(a is None or b is None or a is LOST or b is LOST or a == b
                   for a, b in zip(self.dims_tuple, other.dims_tuple))

    def merge_with(self, other: object) -> "TensorShape":
        other = as_shape(other)
        if self.dims_tuple is None:
            return other
        if other.dims_tuple is None:
            return self
        if not self.is_compatible_with(other):
            raise ValueError("Shapes %s and %s are not compatible" % (self, other))
        return TensorShape([_merged_dim(a, b) for a, b in zip(self.dims_tuple, other.dims_tuple)])

    def with_rank(self, rank: int) -> "TensorShape":
        """TensorShape.with_rank: this shape merged with one of `rank` unknown dims."""
        try:
            return self.merge_with(TensorShape([None] * rank))
        except ValueError:
            raise ValueError("Shape %s must have rank %d" % (self, rank)) from None

    def with_rank_at_least(self, rank: int) -> "TensorShape":
        if self.dims_tuple is not None and len(self.dims_tuple) < rank:
            raise ValueError("Shape %s must have rank at least %d" % (self, rank))
        return self

    def with_rank_at_most(self, rank: int) -> "TensorShape":
        if self.dims_tuple is not None and len(self.dims_tuple) > rank:
            raise ValueError("Shape %s must have rank at most %d" % (self, rank))
        return self

    def assert_has_rank(self, rank: int) -> None:
        if self.dims_tuple is not None and len(self.dims_tuple) != rank:
            raise ValueError("Shape %s must have rank %d" % (self, rank))

    def assert_is_compatible_with(self, other: object) -> None:
        if not self.is_compatible_with(other):
            raise ValueError("Shapes %s and %s are incompatible" % (self, as_shape(other)))

    def concatenate(self, other: object) -> "TensorShape":
        other = as_shape(other)
        if self.dims_tuple is None or other.dims_tuple is None:
            return TensorShape(None)
        return TensorShape(list(self.dims_tuple) + list(other.dims_tuple))

    __add__ = concatenate

    def num_elements(self) -> Dim:
        """The product of the dims: None when one is TF's None, LOST when one is lost."""
        if not self.is_fully_defined():
            return None
        if has_lost_dims(self):
            return LOST  # type: ignore[no-any-return]
        total = 1
        for d in self.dims_tuple or ():
            total *= d  # type: ignore[operator]
        return total

    def __len__(self) -> int:
        if self.dims_tuple is None:
            raise ValueError("Cannot take the length of shape with unknown rank.")
        return len(self.dims_tuple)

    def __iter__(self) -> Iterator[Dimension]:
        if self.dims_tuple is None:
            raise ValueError("Cannot iterate over a shape with unknown rank.")
        return iter([Dimension(d) for d in self.dims_tuple])

    def __getitem__(self, key: Union[int, slice]) -> Union[Dimension, "TensorShape"]:
        if self.dims_tuple is None:
            return TensorShape(None) if isinstance(key, slice) else Dimension(None)
        if isinstance(key, slice):
            return TensorShape(list(self.dims_tuple[key]))
        return Dimension(self.dims_tuple[key])

    def __eq__(self, other: object) -> bool:
        try:
            other = as_shape(other)
        except (TypeError, ValueError):
            return NotImplemented
        return same_dims(self.dims_tuple, other.dims_tuple)

    def __hash__(self) -> int:
        return hash(self.dims_tuple)

    def __str__(self) -> str:
        if self.dims_tuple is None:
            return "<unknown>"
        if len(self.dims_tuple) == 1:
            return "(%s,)" % self.dims_tuple[0]
        return "(%s)" % ", ".join(str(d) for d in self.dims_tuple)

    def __repr__(self) -> str:
        if self.dims_tuple is None:
            return "TensorShape(None)"
        return "TensorShape(%r)" % [d for d in self.dims_tuple]


def _merged_dim(a: Dim, b: Dim) -> Dim:
    """merge_with's dimension: a known one wins over TF's None and over a lost one."""
    if a is None or a is LOST and b is not None:
        return b
    return a


def joined_shape(a: TensorShape, b: TensorShape) -> TensorShape:
    """The shape of a tensor that is one of two (the Merge op's shape function, and the join of
    an undecided branch's two tensors): unknown where the ranks differ or either is unknown; a
    dimension TF's None where they differ, lost where one is lost (the analysis cannot tell)."""
    left, right = a.dims_tuple, b.dims_tuple
    if left is None or right is None or len(left) != len(right):
        return TensorShape(None)
    return TensorShape([_joined_dim(x, y) for x, y in zip(left, right)])


def _joined_dim(x: Dim, y: Dim) -> Dim:
    if x is y:
        return x
    if x is None or y is None:
        return None
    if x is LOST or y is LOST:
        return LOST
    return x if x == y else None


def either_shape(a: TensorShape, b: TensorShape) -> Optional[TensorShape]:
    """The shape of a value that is one of two tensors by the path an undecided branch of the
    program took (not TF's Merge, joined_shape): on each path TF knows the dimension, so one the
    two differ in is lost to the analysis, never TF's None (which would claim that a layer's
    input channels are undefined: tensorpack's cifar convnet transposes its images after `if
    tf.test.is_gpu_available()`). None where the ranks differ, or one is unknown and the other not."""
    left, right = a.dims_tuple, b.dims_tuple
    if left is None or right is None:
        return a if left is None and right is None else None
    if len(left) != len(right):
        return None
    return TensorShape([x if x is y or x is not LOST and y is not LOST and x is not None and y is not None and x == y
                        else LOST for x, y in zip(left, right)])


def same_dims(a: Optional[Tuple[Dim, ...]], b: Optional[Tuple[Dim, ...]]) -> bool:
    """The same dims, a lost one equal only to a lost one (the same facts, as when two paths'
    variables are joined), never compared by value."""
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(x is y or x is not LOST and y is not LOST and x == y for x, y in zip(a, b))


def as_shape(value: object) -> TensorShape:
    return value if isinstance(value, TensorShape) else TensorShape(value)


LOST_JSON = "?"


def to_json(shape: Optional[TensorShape]) -> Optional[List[Any]]:
    """A shape as the inventory JSON prints it: a list (TF's None dims null, lost ones "?"),
    or null for an unknown rank or a shape the analysis lost."""
    if shape is None or shape.dims_tuple is None:
        return None
    return [LOST_JSON if d is LOST else d for d in shape.dims_tuple]


def from_json(dims: Optional[Sequence[Any]]) -> TensorShape:
    """The TensorShape of a JSON shape (to_json's inverse)."""
    if dims is None:
        return TensorShape(None)
    return TensorShape([LOST if d == LOST_JSON else d for d in dims])


def shape_of_python_value(value: object) -> Sequence[int]:
    """The shape of a nested list constant (as tf.convert_to_tensor sees it)."""
    dims: List[int] = []
    while isinstance(value, (list, tuple)):
        dims.append(len(value))
        if not value:
            break
        value = value[0]
    return dims
