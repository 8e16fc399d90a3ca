"""Every name a module's code binds anywhere (at module level, in its functions and classes), to
tell a read of a name that nothing binds (NameError, as Python raises it) from one the analysis
merely did not see bound. None when the module can bind names the source does not spell: a star
import, `globals()`, `vars()`, `locals()`, `exec`, `eval`, `setattr`, `__builtins__` or
`sys.modules`."""

from __future__ import annotations

import ast
from typing import Dict, FrozenSet, List, Optional

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
        if isinstance(node, ast.Name) and node.id in _INJECTORS or _is_sys_modules(node) or _is_star_import(node):
            return None
        names.update(_names_bound_by(node))
    return frozenset(names)


def _is_sys_modules(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "modules" and isinstance(node.value, ast.Name) and \
        node.value.id == "sys"


def _is_star_import(node: ast.AST) -> bool:
    return isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)


DICT_WRITERS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"})


def stable_globals(tree: ast.Module) -> Optional[FrozenSet[str]]:
    """The module's names whose value never changes once bound: each bound by one statement of
    the module's body and nowhere else, so that a copy of `globals()` stays true for them. None
    when the module changes its globals through `globals()` itself (`globals()[name] = f`) or a
    star import may rebind any of them (in the live dict an earlier globals() gave)."""
    cached = getattr(tree, "_scopelint_stable_globals", False)
    if cached is False:
        cached = tree._scopelint_stable_globals = _stable_globals(tree)  # type: ignore[attr-defined]
    return cached  # type: ignore[no-any-return]


def _stable_globals(tree: ast.Module) -> Optional[FrozenSet[str]]:
    for node in ast.walk(tree):
        if _is_star_import(node):
            return None
        if _writes_globals(node):
            return None
    sites: Dict[str, int] = {}
    for name in _global_bindings(tree):
        sites[name] = sites.get(name, 0) + 1
    top = {name for statement in tree.body for name in _statement_binds(statement) if sites.get(name) == 1}
    return frozenset(top)


def settled_globals(tree: ast.Module) -> Optional[FrozenSet[str]]:
    """Once the module's body has run: its names that keep their value from then on, those
    bound by its own scope only (in an `if` and its `else` too: tensorpack's regularize binds
    `l2_regularizer` by TF's version), never by a function declaring them `global`. None when
    its functions write its globals through `globals()`."""
    cached = getattr(tree, "_scopelint_settled_globals", False)
    if cached is False:
        cached = tree._scopelint_settled_globals = _settled_globals(tree)  # type: ignore[attr-defined]
    return cached  # type: ignore[no-any-return]


def _settled_globals(tree: ast.Module) -> Optional[FrozenSet[str]]:
    module_scope = _scope_nodes(tree)
    in_module_scope = {id(node) for node in module_scope}
    for node in ast.walk(tree):
        if id(node) not in in_module_scope and _writes_globals(node):
            return None  # a function's `globals()[name] = f`
    rebound = {name for scope in ast.walk(tree) if isinstance(scope, _LOCAL_SCOPES)
               for node in ast.walk(scope) if isinstance(node, ast.Global) for name in node.names}
    return frozenset(name for node in module_scope for name in _names_bound_by(node)) - rebound


_LOCAL_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _global_bindings(tree: ast.Module) -> List[str]:
    """Every binding of a module global, once per site: those of the module's own scope, and,
    in a function or class that declares a name `global`, its bindings of that name. A function's
    parameter or local of the same name binds nothing global (tflearn's `momentum = Momentum`
    beside `def __init__(self, momentum=0.9)`)."""
    names = [name for node in _scope_nodes(tree) for name in _names_bound_by(node)]
    for scope in ast.walk(tree):
        if isinstance(scope, _LOCAL_SCOPES):
            declared = {name for node in ast.walk(scope) if isinstance(node, ast.Global) for name in node.names}
            names.extend(name for node in ast.walk(scope) if not isinstance(node, ast.Global)
                         for name in _names_bound_by(node) if name in declared)
    return names


def _scope_nodes(scope: ast.AST) -> List[ast.AST]:
    """The nodes of one scope: a nested def or class itself (it binds its name here), not its body."""
    nodes: List[ast.AST] = []
    pending = list(ast.iter_child_nodes(scope))
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, _LOCAL_SCOPES):
            pending.extend(node.decorator_list if not isinstance(node, ast.Lambda) else [])
            continue
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def _statement_binds(statement: ast.stmt) -> List[str]:
    """The names a statement of a module's body binds once it has run: a def, a class, an
    import, a plain assignment's names."""
    if isinstance(statement, ast.Assign):
        return [target.id for target in statement.targets if isinstance(target, ast.Name)]
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
        return _names_bound_by(statement)
    return []


# What binds a module's names where the analysis does not follow it (writes through globals()
# and locals() it follows, and marks a namespace open when it cannot name what they bind).
_HIDDEN_BINDERS = _INJECTORS - {"globals", "locals", "setattr", "__import__"}


def binds_hidden_names(tree: ast.Module) -> bool:
    """Whether the module's code may bind its own names where the analysis cannot see it."""
    cached = getattr(tree, "_scopelint_hidden_binders", None)
    if cached is None:
        cached = tree._scopelint_hidden_binders = any(  # type: ignore[attr-defined]
            isinstance(node, ast.Name) and node.id in _HIDDEN_BINDERS or _is_sys_modules(node)
            for node in ast.walk(tree))
    return cached  # type: ignore[no-any-return]


def unconditional_globals(tree: ast.Module) -> FrozenSet[str]:
    """The names the module's own top-level statements bind on every path through its body
    (assignments, imports, definitions outside any `if`, `try`, loop or `with`)."""
    cached = getattr(tree, "_scopelint_unconditional", None)
    if cached is None:
        names = set()
        for stmt in tree.body:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                if not isinstance(stmt, ast.AnnAssign) or stmt.value is not None:
                    names.update(n for target in targets for node in ast.walk(target) for n in _names_bound_by(node))
            elif isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                    and not _is_star_import(stmt):
                names.update(_names_bound_by(stmt))
        cached = tree._scopelint_unconditional = frozenset(names)  # type: ignore[attr-defined]
    return cached  # type: ignore[no-any-return]


def _names_bound_by(node: ast.AST) -> List[str]:
    """The names one node binds by itself (a def's name, not its body's; an assignment's are its
    Name nodes')."""
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [alias.asname or alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names)
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [node.name]
    if isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        return [node.name]
    if isinstance(node, ast.MatchMapping) and node.rest:
        return [node.rest]
    return []


def _writes_globals(node: ast.AST) -> bool:
    """`globals()[name] = value`, `del globals()[name]`, `globals().update(...)`."""
    return isinstance(node, (ast.Subscript, ast.Attribute)) and _is_globals_call(node.value) and (
        isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) or
        isinstance(node, ast.Attribute) and node.attr in DICT_WRITERS)


def _is_globals_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "globals"
