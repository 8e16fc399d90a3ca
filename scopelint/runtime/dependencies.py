"""Which variables a tensor is computed from: what `tf.gradients` needs to give None for a
variable a loss does not reach (and so what optimizers make slots for).

Every tensor carries `deps`: a frozenset of the ids of the variable records it depends on,
or None when that is unknown (the result of an API the runtime does not model, a tensor the
analysis lost). The op functions and Tensor's operators are wrapped once, here, so each op
gives its result the union of its inputs' sets; `stop_gradient` gives the empty set.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Iterable, Optional, Tuple

Deps = Optional[frozenset]
EMPTY: frozenset = frozenset()


def of(value: Any) -> Deps:
    """The union over the tensors in `value` (nested lists, tuples and dicts included)."""
    from scopelint.runtime.tensors import Tensor
    from scopelint.runtime.variables import PartitionedVariable

    if isinstance(value, Tensor):
        return getattr(value, "deps", None)
    if isinstance(value, (list, tuple, PartitionedVariable)):  # TF converts a partitioned one by its parts
        return union(of(v) for v in value)
    if isinstance(value, dict):
        return union(of(v) for v in value.values())
    return EMPTY


def union(sets: Iterable[Deps]) -> Deps:
    out: set = set()
    for deps in sets:
        if deps is None:
            return None
        out |= deps
    return frozenset(out)


def _attach(result: Any, deps: Deps, inputs: Any) -> None:
    from scopelint.runtime.tensors import Tensor

    if isinstance(result, Tensor):
        if getattr(result, "record", None) is None and result not in inputs:  # never a variable's own set
            result.deps = deps
    elif isinstance(result, (list, tuple)):
        for item in result:
            _attach(item, deps, inputs)


def tracked(function: Callable[..., Any], cut: bool = False) -> Callable[..., Any]:
    """`function` whose tensor results depend on what its arguments depend on (`cut`: on nothing)."""

    @functools.wraps(function)
    def op(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        data, data_keywords = data_arguments(function, args, kwargs)
        _attach(result, EMPTY if cut else union([of(data), of(data_keywords)]),
                _identities(args + tuple(kwargs.values())))
        return result

    op.__wrapped_op__ = True  # type: ignore[attr-defined]
    return op


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
