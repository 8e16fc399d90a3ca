"""Every name a module's code binds anywhere (at module level, in its functions and classes), to
tell a read of a name that nothing binds (NameError, as Python raises it) from one the analysis
merely did not see bound. None when the module can bind names the source does not spell: a star
import, `globals()`, `vars()`, `locals()`, `exec`, `eval`, `setattr`, `__builtins__` or
`sys.modules`."""

from __future__ import annotations

import ast
from typing import FrozenSet, Optional

_INJECTORS = frozenset({"globals", "vars", "locals", "exec", "eval", "setattr", "__builtins__", "builtins",
                        "__import__", "execfile"})


def bound_names(tree: ast.Module) -> Optional[FrozenSet[str]]:
    cached = getattr(tree, "_scopelint_bound", False)  # on the tree: a module is read many times
    if cached is False:
        cached = tree._scopelint_bound = _bound_names(tree)  # type: ignore[attr-defined]
    return cached  # type: ignore[no-any-return]


def _bound_names(tree: ast.Module) -> Optional[FrozenSet[str]]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id in _INJECTORS:
                return None
            if not isinstance(node.ctx, ast.Load):
                names.add(node.id)
        elif isinstance(node, ast.Attribute) and node.attr == "modules" and isinstance(node.value, ast.Name) \
                and node.value.id == "sys":
            return None
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    return None
                names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
    return frozenset(names)
