"""Loops over a set whose iteration order the analysis does not know (a set of strings: its
order is the strings' salted hashes'). When the loop's body is *order-free*, every order gives
the same result, so the analysis may run it in any one order: TF-GAN's args_to_gan_model fills a
keyword dict from a set of parameter names (`for arg in names: kwargs[arg] = values[arg]`).

Order-free, checked on the syntax and on the values bound before the loop: the body only
  - stores into a dict by the loop variable (`d[item] = <expr>`; distinct items: distinct keys),
  - asserts, tests with `if`, or does nothing,
and its expressions only read: names bound to data (no instances whose operators or items run
the program's code), constants, `in`/`not in`/`is`, `not`, `and`/`or`, subscripts. It assigns no
name, calls nothing, never breaks, continues or returns. The dicts it stores into are left with
keys in an unknown order (DictVal.unordered), and the loop variable, after the loop, is any item.
"""

from __future__ import annotations

import ast
from typing import Any, List, Optional, Set

from scopelint.analysis.values import MISSING, DictVal, Env, ListVal, SetVal, is_concrete
from scopelint.runtime.tensors import Tensor

# The largest set run this way (an order per run; the body is cheap).
MAX_ITEMS = 64
# The largest set whose loop, not order-free, runs in every order (3! = 6 paths, joined).
MAX_ORDERS_ITEMS = 3


def order_free_dicts(loop: ast.For, iterable: Any, env: Env) -> Optional[List[DictVal]]:
    """The dicts an order-free loop over `iterable` stores into (possibly none), or None when
    the loop is not one the analysis may run in an order of its choice."""
    if not isinstance(iterable, SetVal) or iterable.poisoned or len(iterable.values) > MAX_ITEMS:
        return None
    if not isinstance(loop.target, ast.Name) or loop.orelse:
        return None
    scan = _Scan(loop.target.id)
    if not all(scan.statement(s) for s in loop.body) or scan.stores & scan.reads:
        return None  # a dict stored into and read otherwise than by the item: its contents midway vary
    dicts: List[DictVal] = []
    for name in scan.reads | scan.keyed | scan.stores:
        value = env.lookup(name)
        if name in scan.stores and not (isinstance(value, DictVal) and not value.poisoned):
            return None
        if name in scan.keyed and not isinstance(value, (DictVal, SetVal)):
            return None  # an instance's __getitem__ or __contains__ would be program code
        if not _data(value):
            return None
        if isinstance(value, DictVal) and name in scan.stores:
            dicts.append(value)
    return dicts


def run_order(iterable: SetVal) -> List[Any]:
    """The order the analysis runs the items in (any would do: the body is order-free)."""
    return sorted(iterable.values, key=lambda item: (type(item).__name__, repr(item)))


def _data(value: Any) -> bool:
    """A value whose reads, membership tests and identity run no program code."""
    if value is MISSING:
        return False
    if isinstance(value, (DictVal, SetVal)):
        return True
    if isinstance(value, ListVal):
        return all(_data(item) or isinstance(item, Tensor) for item in value.items)
    return is_concrete(value)


class _Scan:
    """The syntactic check of a loop body, collecting the names it stores into by the loop
    variable (`stores`), reads by it (`keyed`: `d[item]`, `item in d`) and reads otherwise."""

    def __init__(self, variable: str) -> None:
        self.variable = variable
        self.stores: Set[str] = set()
        self.keyed: Set[str] = set()
        self.reads: Set[str] = set()

    def statement(self, node: ast.stmt) -> bool:
        if isinstance(node, ast.Pass):
            return True
        if isinstance(node, ast.Expr):
            return isinstance(node.value, ast.Constant)  # a docstring-like string
        if isinstance(node, ast.Assert):
            return self.test(node.test) and (node.msg is None or isinstance(node.msg, ast.Constant))
        if isinstance(node, ast.If):
            return self.test(node.test) and all(self.statement(s) for s in node.body + node.orelse)
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and
                    self._is_item(target.slice) and target.value.id != self.variable):
                return False
            self.stores.add(target.value.id)
            return self.reads_only(node.value)
        return False

    def test(self, node: ast.expr) -> bool:
        """A condition whose truth is a bool computed without program code (comparisons)."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.BoolOp):
            return all(self.test(n) for n in node.values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return self.test(node.operand)
        return isinstance(node, ast.Compare) and self.reads_only(node)

    def reads_only(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            if node.id != self.variable:
                self.reads.add(node.id)
            return True
        if isinstance(node, ast.Compare):
            if not all(isinstance(op, (ast.In, ast.NotIn, ast.Is, ast.IsNot)) for op in node.ops):
                return False
            if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) and self._is_item(node.left) \
                    and isinstance(node.comparators[0], ast.Name):
                self.keyed.add(node.comparators[0].id)  # `item in d`
                return True
            if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
                return False  # `x in y` of other operands: y's __contains__ may be the program's
            return all(self.reads_only(n) for n in [node.left] + node.comparators)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and self._is_item(node.slice):
            self.keyed.add(node.value.id)  # `d[item]`
            return True
        return False

    def _is_item(self, node: ast.expr) -> bool:
        return isinstance(node, ast.Name) and node.id == self.variable
