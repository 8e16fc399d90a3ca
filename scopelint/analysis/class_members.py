"""A class's own namespace as TF1 projects read their config classes through it:
`Config.__dict__[key]` (a missing key raises KeyError, which DQN-tensorflow's BaseModel
catches to fall back on) and `inspect.getmembers(Config)` (its `class_vars`: every attribute
of the class and its bases, sorted by name). Only for classes whose attributes the analysis
knows in full; anything else is unknown."""

from __future__ import annotations

import ast

from typing import Any, Callable, Dict, List, Optional

from scopelint.analysis.values import ClassVal, FunctionVal, InstanceVal, ListVal
from scopelint.semantics.values import UNKNOWN

# What every plain class has besides its own attributes (`object`'s, `__dict__`,
# `__module__`...): the names of this interpreter's, whose values the analysis leaves unknown.
_PLAIN_CLASS_NAMES = frozenset(dir(type("Plain", (object,), {})))


def _is_dunder(key: str) -> bool:
    return len(key) > 4 and key.startswith("__") and key.endswith("__")


def attribute_hook(obj: InstanceVal, name: str) -> Optional[FunctionVal]:
    """The `__getattr__` of the instance's class, which Python calls for `obj.name` the normal
    lookup did not find; None where there is none, where the instance may hold attributes the
    analysis lost (the lookup may then succeed), and for a special name (`with` and the
    protocols look those up on the class alone)."""
    hook = obj.cls.lookup("__getattr__")
    return hook if isinstance(hook, FunctionVal) and obj.attrs_complete and not _is_dunder(name) else None


def _mro(cls: ClassVal) -> Optional[List[ClassVal]]:
    """`cls` and its bases, depth first (enough for names: values come from the lookup), or None
    when one of them is not a class the analysis knows in full."""
    order: List[ClassVal] = []
    stack = [cls]
    while stack:
        current = stack.pop(0)
        if not isinstance(current, ClassVal) or not current.attrs_complete or current.node is None or \
                current.node.keywords or "__slots__" in current.attrs:
            return None  # a metaclass, slots or unknown base: other members
        if current not in order:
            order.append(current)
            stack.extend(current.bases)
    return order


class ClassDict:
    """`cls.__dict__`: the class's own attributes."""

    def __init__(self, cls: ClassVal) -> None:
        self.cls = cls

    def item(self, key: Any, raised: Callable[[], None]) -> Any:
        """`cls.__dict__[key]`; calls `raised` when it is certain to raise KeyError."""
        if not isinstance(key, str):
            return UNKNOWN
        if key in self.cls.attrs:
            return self.cls.attrs[key]
        if _is_dunder(key) or _mro(self.cls) is None:
            return UNKNOWN  # Python's own entries (`__module__`, `__doc__`...) or attributes it cannot name
        raised()
        return UNKNOWN


class SubclassesMethod:
    """`cls.__subclasses__()`: the classes whose class statement named it as a base, in the order
    they ran, as Python lists them (stable-baselines' `register_policy` finds a policy's base
    class so). Unknown where a subclass may have been made out of the analysis's sight: in a
    module imported but not read, by code it does not follow that was given the class, or in a
    module whose body the analysis has deferred (import_effects) that names the class as a base."""

    def __init__(self, cls: ClassVal) -> None:
        self.cls = cls

    def invoke(self, interp: Any, args: List[Any], kwargs: Dict[str, Any], st: Any) -> Any:
        if args or kwargs or not self.cls.subclasses_seen or interp.modules_unseen or \
                any(self.cls.name in _base_names(tree) for tree in interp.pending_modules.values()):
            return UNKNOWN
        return ListVal(list(self.cls.subclasses))


def _base_names(tree: ast.Module) -> frozenset:
    """The last names of the bases that a module's class statements name (`Base`, `mod.Base`)."""
    cached = getattr(tree, "_scopelint_base_names", None)
    if cached is None:
        cached = frozenset(
            base.id if isinstance(base, ast.Name) else base.attr
            for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            for base in node.bases if isinstance(base, (ast.Name, ast.Attribute)))
        setattr(tree, "_scopelint_base_names", cached)
    return cached  # type: ignore[no-any-return]


def getmembers(cls: Any, attribute: Callable[[Any, str], Any]) -> Any:
    """`inspect.getmembers(cls)`: (name, value) pairs sorted by name; `attribute(cls, name)` reads
    a value as `getattr` does. Unknown for anything but a class known in full."""
    mro = _mro(cls) if isinstance(cls, ClassVal) else None
    if mro is None:
        return UNKNOWN
    names = set(_PLAIN_CLASS_NAMES)
    for owner in mro:
        names.update(owner.attrs)
    return ListVal([ListVal([name, UNKNOWN if _is_dunder(name) else attribute(cls, name)], is_tuple=True)
                    for name in sorted(names)])
