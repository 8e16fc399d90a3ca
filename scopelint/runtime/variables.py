"""Variable objects handed to user code by the reference runtime."""

from __future__ import annotations

from typing import Any, List

from scopelint.runtime.tensors import Op, Tensor
from scopelint.semantics import errors
from scopelint.semantics.graph import StoredPartitioned, StoredVariable
from scopelint.semantics.shapes import TensorShape
from scopelint.semantics.values import render


def variable_deps(record: StoredVariable) -> Any:
    """A variable depends on itself, by name (None while its name is partly unknown)."""
    return frozenset([record.name]) if isinstance(record.name, str) else None


class Variable(Tensor):
    """A RefVariable as TF1 graph code sees it: name, shape, `float32_ref` dtype."""

    def __bool__(self) -> bool:
        return True  # unlike a tensor: a variable object is simply true (`v or ...`)

    def __init__(self, record: StoredVariable) -> None:  # noqa: D107 - no op registration here
        self.record = record
        self.name = render(record.name)
        self._shape = record.shape if record.shape is not None else TensorShape(None)
        self.dtype = record.dtype
        self.op = Op(self.name[:-2] if self.name.endswith(":0") else self.name, "VariableV2")
        self.initializer = Op(self.op.name + "/Assign", "Assign")
        self.trainable = True
        self.deps = variable_deps(record)

    def value(self) -> Tensor:
        return Tensor(self._shape, self.dtype.base_dtype, self.op.name + "/read", "Identity")

    read_value = value

    def initialized_value(self) -> Tensor:
        return self.value()

    @property
    def initial_value(self) -> Tensor:
        return Tensor(self._shape, self.dtype.base_dtype, self.op.name + "/Initializer/initial_value", "Const")

    def assign(self, value: Any, use_locking: Any = None, name: Any = None, read_value: bool = True) -> Tensor:
        return Tensor(self._shape, self.dtype.base_dtype, self.op.name + "/Assign", "Assign")

    assign_add = assign_sub = assign

    def load(self, value: Any, session: Any = None) -> None:
        return None

    def __repr__(self) -> str:
        return errors.variable_repr(self.name, self._shape, self.dtype.name)


class PartitionedVariable:
    """What get_variable returns for a partitioned variable: its parts, in order."""

    def __init__(self, record: StoredPartitioned, parts: List[Variable]) -> None:
        self.record = record
        self.name = record.key
        self.dtype = record.dtype
        self._parts = parts

    def get_shape(self) -> TensorShape:
        return self.record.shape

    @property
    def shape(self) -> TensorShape:
        return self.record.shape

    def __iter__(self) -> Any:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)

    def _get_variable_list(self) -> List[Variable]:
        return list(self._parts)

    def _get_partitions(self) -> List[int]:
        return list(self.record.partitions)

    def as_tensor(self) -> Tensor:
        return Tensor(self.record.shape, self.dtype, "concat", "ConcatV2")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.as_tensor(), name)
