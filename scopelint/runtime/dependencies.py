"""Which variables a tensor is computed from: what `tf.gradients` needs to give None for a
variable a loss does not reach (and so what optimizers make slots for).

Every tensor carries `deps`: a frozenset of the ids of the variable records it depends on,
or None when that is unknown (the result of an API the runtime does not model, a tensor the
analysis lost). The op functions and Tensor's operators are wrapped once, here, so each op
gives its result the union of its inputs' sets; `stop_gradient` gives the empty set.

Beside it, `gathered`: the variables it reaches through the params of a gather (an op that
declares `gathers_from`: tf.gather, embedding_lookup), whose gradients TF gives as
tf.IndexedSlices; and `maybe_slices`: the tensor stands for what may be one (such a gradient,
or computed from one: tf.clip_by_norm keeps it sparse).
"""

from __future__ import annotations

import functools
import operator
from typing import Any, Callable, Iterable, Iterator, Optional, Tuple

from scopelint.semantics.dtypes import DType

Deps = Optional[frozenset]
EMPTY: frozenset = frozenset()


def tensors_in(value: Any) -> Iterator[Any]:
    """The tensors in `value`: itself, or those of nested lists, tuples and dicts, and a
    partitioned variable's parts (TF converts one by its parts)."""
    from scopelint.runtime.tensors import Tensor
    from scopelint.runtime.variables import PartitionedVariable

    if isinstance(value, Tensor):
        yield value
    elif isinstance(value, (list, tuple, PartitionedVariable)):
        for item in value:
            yield from tensors_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from tensors_in(item)


def of(value: Any) -> Deps:
    """The union over the tensors in `value` (nested lists, tuples and dicts included) that can
    carry a gradient."""
    return union(getattr(tensor, "deps", None) for tensor in tensors_in(value) if _trainable(tensor))


def _trainable(tensor: Any) -> bool:
    """Whether a gradient can flow back into this tensor: TF backpropagates through float and
    complex tensors only (backprop_util.IsTrainable); an integer, bool or string one gets none
    (Cast's gradient is None from or to an integer type: `tf.cast(h, tf.int32)` fed to an
    Embedding leaves h's variables without gradients, so an optimizer makes them no slots).
    A tensor of unknown dtype may."""
    dtype = getattr(tensor, "dtype", None)
    if not isinstance(dtype, DType):
        return True
    return not (dtype.is_integer or dtype.is_bool or dtype.is_quantized or dtype.base == "string")


def union(sets: Iterable[Deps]) -> Deps:
    out: set = set()
    for deps in sets:
        if deps is None:
            return None
        out |= deps
    return frozenset(out)


def gathered_of(value: Any) -> Deps:
    """The union of `gathered` over the tensors in `value` (unknown where their deps are)."""
    return union(None if getattr(tensor, "deps", None) is None else getattr(tensor, "gathered", EMPTY)
                 for tensor in tensors_in(value) if _trainable(tensor))


def may_be_slices(value: Any) -> bool:
    """Whether TF may give a tf.IndexedSlices where the analysis holds this tensor, or holds one
    among these: a gradient of a variable read by a gather, or computed from one; one whose deps
    are unknown (what made it is); never a variable."""
    return any(getattr(tensor, "record", None) is None and (
        getattr(tensor, "deps", None) is None or getattr(tensor, "maybe_slices", False))
        for tensor in tensors_in(value))


def _attach(result: Any, deps: Deps, gathered: Deps, slices: bool, inputs: Any) -> None:
    from scopelint.runtime.tensors import Tensor

    if isinstance(result, Tensor):
        if getattr(result, "record", None) is None and result not in inputs:  # never a variable's own set
            result.deps = deps
            result.gathered = gathered
            result.maybe_slices = slices
    elif isinstance(result, (list, tuple)):
        for item in result:
            _attach(item, deps, gathered, slices, inputs)


def tracked(function: Callable[..., Any], cut: bool = False) -> Callable[..., Any]:
    """`function` whose tensor results depend on what its arguments depend on (`cut`: on nothing)."""

    @functools.wraps(function)
    def op(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        _attach(result, of_result(op, args, kwargs), gathered_of_result(op, args, kwargs),
                not cut and may_be_slices(list(args) + list(kwargs.values())),
                _identities(args + tuple(kwargs.values())))
        return result

    op.__wrapped_op__ = True  # type: ignore[attr-defined]
    op.__cuts_gradients__ = cut  # type: ignore[attr-defined]
    return op


# Python's operators, which on a tensor run Tensor's operator methods (ops, tracked as such)
_OPERATORS = frozenset((
    operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv, operator.mod, operator.pow,
    operator.matmul, operator.neg, operator.abs, operator.getitem, operator.and_, operator.or_, operator.invert,
    operator.lt, operator.le, operator.gt, operator.ge))


def of_result(function: Callable[..., Any], args: tuple, kwargs: dict) -> Deps:
    """What the result of a call of `function` depends on: for an op (tracked), what its data
    arguments depend on, whether or not the op could compute the result's shape (the analysis's
    op on a tensor of a lost shape); unknown for any other function."""
    if not getattr(function, "__wrapped_op__", False) and function not in _OPERATORS:
        return None
    if getattr(function, "__cuts_gradients__", False):
        return EMPTY
    data, data_keywords = data_arguments(function, args, kwargs)
    return union([of(data), of(data_keywords)])


def gathered_of_result(function: Callable[..., Any], args: tuple, kwargs: dict) -> Deps:
    """What the result of a call of `function` reaches through a gather's params: what its data
    arguments do, and for a gather all its `gathers_from` argument depends on."""
    if not getattr(function, "__wrapped_op__", False) and function not in _OPERATORS:
        return None
    if getattr(function, "__cuts_gradients__", False):
        return EMPTY
    data, data_keywords = data_arguments(function, args, kwargs)
    gathered = union([gathered_of(data), gathered_of(data_keywords)])
    where = getattr(function, "gathers_from", None)
    if where is not None:
        position, keyword = where
        gathered = union([gathered, of(args[position] if len(args) > position else kwargs.get(keyword))])
    return gathered


def data_arguments(function: Callable[..., Any], args: tuple, kwargs: dict) -> Tuple[tuple, dict]:
    """The arguments an op computes its result from: all but the control inputs it only waits for
    (`control_argument`: control_flow_ops.with_dependencies' `dependencies`), which carry no
    gradient (HMR's loss, made to wait for batch norm's update ops)."""
    where = getattr(function, "control_argument", None)
    if where is None:
        return args, kwargs
    position, keyword = where
    return args[:position] + args[position + 1:], {k: v for k, v in kwargs.items() if k != keyword}


class _identities(list):  # type: ignore[type-arg]
    """`x in inputs` by identity (tensors compare elementwise in TF, and not at all here)."""

    def __contains__(self, item: object) -> bool:
        return any(item is value for value in self)


def track_module(namespace: dict, skip: Iterable[str], cut: Iterable[str] = ()) -> None:
    """Wrap the public op functions of a runtime module in place."""
    skipped, cuts = set(skip), set(cut)
    for name, value in list(namespace.items()):
        if name.startswith("_") or name in skipped or isinstance(value, type) or not callable(value):
            continue
        if getattr(value, "__module__", "") != namespace.get("__name__") or getattr(value, "__wrapped_op__", False):
            continue
        namespace[name] = tracked(value, cut=name in cuts)
