"""Sets of known items (SetVal): construction, operators and methods. Membership, len,
equality and set algebra are exact; iteration is known only for items whose hashes are the same
in every run (values.SetVal.ordered_items): a set of strings iterates in a per-process order."""

from __future__ import annotations

import ast
import operator
from typing import Any, Callable, Dict, List, Optional

from scopelint.analysis.values import ListVal, SetVal, set_item
from scopelint.semantics.values import UNKNOWN

_OPERATORS: Dict[type, Callable[[Any, Any], Any]] = {
    ast.Sub: operator.sub, ast.BitAnd: operator.and_, ast.BitOr: operator.or_, ast.BitXor: operator.xor}
_COMPARISONS: Dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
    ast.GtE: operator.ge}
READERS = frozenset({"intersection", "union", "difference", "symmetric_difference", "issubset", "issuperset",
                     "isdisjoint", "copy"})
_MUTATORS = frozenset({"add", "discard", "remove", "update", "intersection_update", "difference_update",
                       "symmetric_difference_update", "clear"})


def make_set(items: Optional[List[Any]], frozen: bool = False) -> Optional[SetVal]:
    """A SetVal of these items when every one is known and hashable; None otherwise."""
    if items is None or not all(set_item(i) for i in items):
        return None
    return SetVal(set(items), frozen)


def plain_values(value: Any, iterate: Callable[[Any], Optional[List[Any]]]) -> Optional[set]:
    """The items of an argument of set algebra (a set, or any iterable of known items)."""
    if isinstance(value, SetVal):
        return value.values
    items = iterate(value) if isinstance(value, ListVal) else None
    if items is None or not all(set_item(i) for i in items):
        return None
    return set(items)


def binary(op: ast.operator, left: SetVal, right: Any) -> Any:
    """`a - b`, `a & b`, `a | b`, `a ^ b` of two sets (the result's type is the left one's)."""
    function = _OPERATORS.get(type(op))
    if function is None or not isinstance(right, SetVal):
        return UNKNOWN
    return SetVal(function(left.values, right.values), left.frozen)


def compare(op: ast.cmpop, left: Any, right: Any) -> Any:
    """Comparisons with a set: ==, subset orders, and `x in s`."""
    if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, SetVal):
        if not set_item(left):
            return UNKNOWN
        return (left in right.values) == isinstance(op, ast.In)
    function = _COMPARISONS.get(type(op))
    if function is None:
        return UNKNOWN
    if isinstance(left, SetVal) and isinstance(right, SetVal):
        return bool(function(left.values, right.values))
    if isinstance(op, (ast.Eq, ast.NotEq)) and (isinstance(left, ListVal) or isinstance(right, ListVal)):
        return isinstance(op, ast.NotEq)  # a set never equals a list or tuple
    return UNKNOWN


def method(container: SetVal, name: str, args: List[Any], kwargs: Dict[str, Any],
           iterate: Callable[[Any], Optional[List[Any]]]) -> Any:
    """s.name(*args); returns UNKNOWN (and the caller poisons nothing: see `known_method`) when
    an argument is not a set of known items."""
    if kwargs:
        return UNKNOWN
    if name == "copy" and not args:
        return SetVal(set(container.values), container.frozen)
    if name in ("add", "discard", "remove"):
        if container.frozen or len(args) != 1 or not set_item(args[0]):
            return UNKNOWN
        if name == "remove" and args[0] not in container.values:
            return UNKNOWN  # KeyError: left to the caller's unknown
        getattr(container.values, name)(args[0])
        return None
    others = [plain_values(a, iterate) for a in args]
    if any(o is None for o in others):
        return UNKNOWN
    if name in READERS:
        try:
            result = getattr(container.values, name)(*others)
        except TypeError:
            return UNKNOWN
        return SetVal(result, container.frozen) if isinstance(result, set) else result
    if name in _MUTATORS and not container.frozen:
        getattr(container.values, name)(*others)
        return None
    return UNKNOWN


def is_mutator(name: str) -> bool:
    return name in _MUTATORS
