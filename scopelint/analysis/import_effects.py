"""Whether a module's body only defines things, so that following an import of it may wait until
a name of it is first read (imports.py): its body then runs once, later, and gives the same
bindings. A body that may act beyond its own names at import time -- build graph pieces, define
flags, register into another module, change sys.path, raise -- runs at the import, as Python
runs it. Decided from the source alone (the same answer for every program that imports it)."""

from __future__ import annotations

import ast
from typing import Dict, Iterable, List, Optional, Set

from scopelint.analysis.tf_api import is_safe_module

# Builtins that call nothing of the program's at import time, nor change anything but what
# they return (`map`/`filter` are lazy in Python 3; `property(f)` stores f).
_DEFINING_BUILTINS = frozenset({
    "dict", "list", "tuple", "set", "frozenset", "object", "property", "staticmethod", "classmethod", "len",
    "range", "int", "float", "str", "bool", "bytes", "type", "isinstance", "issubclass", "hasattr", "sorted",
    "min", "max", "sum", "abs", "zip", "enumerate", "map", "filter", "reversed", "repr", "format", "iter",
    "round", "divmod", "pow", "hash", "id", "chr", "ord", "any", "all", "complex", "slice", "print",
    "bytearray", "memoryview", "hex", "oct", "bin", "callable", "super", "NotImplemented",
})
# Calls into the data libraries that change state beyond what they return.
_STATEFUL_SAFE_CALLS = frozenset({
    "seed", "append", "insert", "extend", "update", "setdefault", "pop", "popitem", "remove", "clear",
    "register", "use", "basicConfig", "setLevel", "addHandler", "filterwarnings", "simplefilter", "putenv",
    "chdir", "makedirs", "mkdir", "set_printoptions", "setrecursionlimit", "rcParams", "add", "discard",
})
_CACHE_ATTRIBUTE = "_scopelint_definitions_only"


def defines_only(tree: ast.Module) -> bool:
    """Whether running `tree` as an imported module only binds its own names (computed once per tree)."""
    known = getattr(tree, _CACHE_ATTRIBUTE, None)
    if known is None:
        known = _Body().block(tree.body)
        setattr(tree, _CACHE_ATTRIBUTE, known)
    return known


class _Body:
    """One module body's statements, outside function bodies (which run only when called)."""

    def __init__(self) -> None:
        self.imported: Dict[str, str] = {}  # local name -> the module (or module.name) it came from
        self.defined: Set[str] = set()  # names the body binds otherwise

    def block(self, body: Iterable[ast.stmt]) -> bool:
        return all(self.statement(s) for s in body)

    def statement(self, node: ast.stmt) -> bool:
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    self.imported[alias.asname] = alias.name
                else:
                    self.imported[alias.name.split(".")[0]] = alias.name.split(".")[0]
            return True
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    return False  # binds names no one can list here
                self.imported[alias.asname or alias.name] = ("." * node.level) + (node.module or "") + "." + alias.name
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            parts: List[Optional[ast.expr]] = list(arguments.defaults) + list(arguments.kw_defaults)
            ok = all(self.decorator(d) for d in node.decorator_list) and \
                all(self.expression(e) for e in parts if e is not None)
            self.defined.add(node.name)
            return ok
        if isinstance(node, ast.ClassDef):
            ok = all(self.decorator(d) for d in node.decorator_list) and \
                all(self.expression(e) for e in node.bases + [k.value for k in node.keywords]) and self.block(node.body)
            self.defined.add(node.name)
            return ok
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            return all(self.target(t) for t in targets) and (value is None or self.expression(value))
        if isinstance(node, ast.Expr):
            return isinstance(node.value, ast.Constant)  # a docstring; a call here acts (`flags.DEFINE_...`)
        if isinstance(node, ast.If):
            if _is_main_guard(node.test):
                return self.block(node.orelse)  # an imported module's __name__ is never "__main__"
            return self.expression(node.test) and self.block(node.body) and self.block(node.orelse)
        if isinstance(node, ast.Try):
            return self.block(node.body) and all(
                (h.type is None or self.expression(h.type)) and self.block(h.body) for h in node.handlers) \
                and self.block(node.orelse) and self.block(node.finalbody)
        if isinstance(node, ast.For):
            return self.target(node.target) and self.expression(node.iter) and self.block(node.body) and \
                self.block(node.orelse)
        if isinstance(node, ast.Delete):
            return all(isinstance(t, ast.Name) for t in node.targets)
        if isinstance(node, ast.Assert):
            return self.expression(node.test)
        return isinstance(node, ast.Pass)  # with, while, raise, global, ...: may act; run at the import

    def target(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Name):
            self.defined.add(node.id)
            return True
        if isinstance(node, (ast.Tuple, ast.List)):
            return all(self.target(e) for e in node.elts)
        if isinstance(node, ast.Starred):
            return self.target(node.value)
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            root = _root_name(node)
            # `_REGISTRY["x"] = f`, `Model.default = 1` on its own names; not `tf.foo = ...`, `FLAGS.x = 1`
            return root is not None and root in self.defined and root not in self.imported and \
                self.expression(node.value) and \
                (not isinstance(node, ast.Subscript) or self.expression(node.slice))
        return False

    def expression(self, node: ast.expr) -> bool:
        for sub in _walk_outside_lambdas(node):
            if isinstance(sub, ast.Call) and not self.callee(sub.func):
                return False
            if isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await, ast.NamedExpr)):
                return False
        return True

    def decorator(self, node: ast.expr) -> bool:
        """A decorator is called with the function: `@property`, `@six.add_metaclass(ABCMeta)` and TF's
        (`@tf_export(...)`, which build nothing) only wrap it; a registry's registers it elsewhere."""
        called = node.func if isinstance(node, ast.Call) else node
        if self._from_tensorflow(called):
            return not isinstance(node, ast.Call) or \
                all(self.expression(e) for e in node.args + [k.value for k in node.keywords])
        return self.expression(node) and self.callee(called)

    def callee(self, func: ast.expr) -> bool:
        root = _root_name(func)
        if root is None:
            return False
        last = func.attr if isinstance(func, ast.Attribute) else root
        if root in self.imported:
            source = self.imported[root]
            if not is_safe_module(source) or source.split(".")[0] == "sys":
                return False
            return last not in _STATEFUL_SAFE_CALLS and not last.startswith("DEFINE")
        if root in self.defined:
            return False  # the module's own function or class, run at import: it may do anything
        return isinstance(func, ast.Name) and root in _DEFINING_BUILTINS

    def _from_tensorflow(self, func: ast.expr) -> bool:
        root = _root_name(func)
        source = self.imported.get(root or "", "")
        return source.split(".")[0] in ("tensorflow", "tf_slim") and root not in self.defined


def _root_name(node: ast.expr) -> Optional[str]:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _walk_outside_lambdas(node: ast.AST) -> Iterable[ast.AST]:
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        if isinstance(current, ast.Lambda):
            todo.extend(current.args.defaults)
            continue
        todo.extend(ast.iter_child_nodes(current))


def _is_main_guard(test: ast.expr) -> bool:
    return isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__" and \
        len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant) and \
        test.comparators[0].value == "__main__"
