"""Enumerations as real Python enums: `IntEnum('Resize', ('NONE', 'WARP_RESIZE'))` (SSD-Tensorflow's
preprocessing) and `class Mode(enum.Enum): TRAIN = 1` with constant members only are made with
Python's enum module, whose classes and members are then known values: members compare,
hash and print as Python has them (`resize == Resize.WARP_RESIZE` is decided, `Mode.TRAIN is
Mode.EVAL` is False, an IntEnum member equals its int and an Enum member does not). A class
with methods, or a member whose value the analysis does not know, stays a class of the
program's over an unknown base, as before."""

from __future__ import annotations

import ast
import enum
from typing import Any, Dict, List, Optional

from scopelint.analysis.values import DictVal
from scopelint.semantics.values import UNKNOWN

# The factories of the enum module, by the qualified name the analysis reads them as.
FACTORIES = {"enum.%s" % kind: getattr(enum, kind) for kind in ("Enum", "IntEnum", "Flag", "IntFlag")}
_MISSING = object()


def is_enum_class(value: Any) -> bool:
    return isinstance(value, enum.EnumMeta)


def functional(factory_name: str, args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """`IntEnum(name, names)` with both known (plain Python values): the real class, else None."""
    if kwargs or len(args) != 2 or not isinstance(args[0], str):
        return None
    names = args[1]
    if not isinstance(names, (str, list, tuple, dict)):
        return None
    try:
        return FACTORIES[factory_name](args[0], names)
    except Exception:  # noqa: BLE001 - what Python would refuse (a duplicate name) stays unknown
        return None


def from_class_body(factory: Any, node: ast.ClassDef, members: Dict[str, Any]) -> Any:
    """`class Mode(enum.Enum): TRAIN = 1` whose body is member assignments only (and a docstring),
    each of a known plain value: the real class (`members`: the body's bindings), else None."""
    order: List[str] = []
    for statement in node.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring
        if isinstance(statement, ast.Pass):
            continue
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1 and
                isinstance(statement.targets[0], ast.Name)):
            return None
        order.append(statement.targets[0].id)
    values = [(name, members.get(name, _MISSING)) for name in order]
    if not values or any(not _plain(value) for _, value in values):
        return None
    try:
        return factory(node.name, values)
    except Exception:  # noqa: BLE001
        return None


def _plain(value: Any) -> bool:
    return isinstance(value, (int, float, str, bytes, bool)) or value is None


def attribute(cls: Any, name: str) -> Any:
    """`Resize.WARP_RESIZE`, `Resize.__name__`: a member or the class's name; anything else unknown."""
    member = cls.__members__.get(name)
    if member is not None:
        return member
    if name in ("__name__", "__qualname__"):
        return cls.__name__
    if name == "__members__":
        return DictVal(dict(cls.__members__))  # name -> member, in order (aliases too)
    return UNKNOWN


def item(cls: Any, key: Any) -> Any:
    """`Resize['WARP_RESIZE']`."""
    return cls.__members__.get(key, UNKNOWN) if isinstance(key, str) else UNKNOWN


def called(cls: Any, args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """`Resize(4)`: the member of that value (a value it has not raises ValueError: unknown here)."""
    if kwargs or len(args) != 1 or not _plain(args[0]):
        return UNKNOWN
    try:
        return cls(args[0])
    except Exception:  # noqa: BLE001
        return UNKNOWN


def members(cls: Any) -> Optional[List[Any]]:
    """`for mode in Mode:` its members, in definition order."""
    return list(cls)
