"""Variable objects handed to user code by the reference runtime."""

from __future__ import annotations

from typing import Any, Iterator, List

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
    """What get_variable returns for a partitioned variable: TF's `variables.PartitionedVariable`
    (graph mode), with its surface and no more: the parts in order, `name` without `:0`, the
    requested dtype and full shape; no `op` or `graph` (it is not a tensor, nor a tf.Variable);
    a tensor only through `as_tensor()` / `_concat()`, which create TF's ops and names."""

    def __init__(self, record: StoredPartitioned, parts: List[Any]) -> None:
        self._variable_list = list(parts)
        self._name = record.key
        self._shape = record.shape
        self._dtype = record.dtype
        self._partitions = list(record.partitions)
        self._as_tensor = None

    def __iter__(self) -> Iterator[Any]:
        return iter(self._variable_list)

    def __len__(self) -> int:
        num_partition_axes = len(self._partition_axes())
        if num_partition_axes > 1:
            raise ValueError("Cannot get a length for %d > 1 partition axes" % num_partition_axes)
        return len(self._variable_list)

    def _partition_axes(self) -> List[int]:
        if all(p == 1 for p in self._partitions):
            return [0]
        return [i for i, p in enumerate(self._partitions) if p > 1]

    def _concat(self) -> Tensor:
        from scopelint.runtime import api

        if len(self._variable_list) == 1:
            with api.name_scope(None):
                return api.identity(self._variable_list[0], name=self._name)  # type: ignore[no-any-return]
        partition_axes = self._partition_axes()
        if len(partition_axes) > 1:
            raise NotImplementedError(
                "Cannot concatenate along more than one dimension: %s.  Multi-axis partition concat is not "
                "supported" % str(partition_axes))
        with api.name_scope(self._name + "/ConcatPartitions/"):
            concatenated = api.concat(self._variable_list, partition_axes[0])
        with api.name_scope(None):
            return api.identity(concatenated, name=self._name)  # type: ignore[no-any-return]

    def as_tensor(self) -> Tensor:
        return self._concat()  # under control_dependencies(None): no names change

    @staticmethod
    def _TensorConversionFunction(v: Any, dtype: Any = None, name: Any = None,  # noqa: N802 - TF's name
                                  as_ref: bool = False) -> Tensor:
        if dtype is not None and not dtype.is_compatible_with(v.dtype):
            raise ValueError("Incompatible type conversion requested to type '%s' for variable of type '%s'"
                             % (dtype.name, v.dtype.name))
        if as_ref:
            raise NotImplementedError("PartitionedVariable doesn't support being used as a reference.")
        return v.as_tensor()  # type: ignore[no-any-return]

    @property
    def name(self) -> str:
        return self._name

    @property
    def dtype(self) -> Any:
        return self._dtype

    @property
    def shape(self) -> TensorShape:
        return self.get_shape()

    @property
    def _distribute_strategy(self) -> None:
        return None

    def get_shape(self) -> TensorShape:
        return self._shape

    def _get_variable_list(self) -> List[Any]:
        return self._variable_list

    def _get_partitions(self) -> List[int]:
        return self._partitions

    def _apply_assign_fn(self, assign_fn: Any, value: Any) -> List[Any]:
        partition_axes = self._partition_axes()
        if len(partition_axes) > 1:
            raise NotImplementedError(
                "Cannot do assign action along more than one dimension: %s.  Multi-axis partition assign action "
                "is not supported " % str(partition_axes))
        if isinstance(value, list):
            assert len(value) == len(self._variable_list)
            value_list = value
        elif isinstance(value, PartitionedVariable):
            value_list = list(value)
        else:
            from scopelint.runtime import api

            axis = partition_axes[0]
            sizes = [var.get_shape().dims_tuple[axis] for var in self._variable_list]
            value_list = api.split(value, sizes, axis=axis)
        return [assign_fn(var, value_list[idx]) for idx, var in enumerate(self._variable_list)]

    def assign(self, value: Any, use_locking: Any = False, name: Any = None, read_value: bool = True) -> List[Any]:
        return self._assign_each("assign", value, use_locking, name, read_value)

    def assign_add(self, value: Any, use_locking: Any = False, name: Any = None, read_value: bool = True) -> List[Any]:
        return self._assign_each("assign_add", value, use_locking, name, read_value)

    def assign_sub(self, value: Any, use_locking: Any = False, name: Any = None, read_value: bool = True) -> List[Any]:
        return self._assign_each("assign_sub", value, use_locking, name, read_value)

    def _assign_each(self, method: str, value: Any, use_locking: Any, name: Any, read_value: bool) -> List[Any]:
        assigned = self._apply_assign_fn(
            lambda var, part: getattr(var, method)(part, use_locking=use_locking, name=name, read_value=read_value),
            value)
        return assigned if read_value else [a.op for a in assigned]
