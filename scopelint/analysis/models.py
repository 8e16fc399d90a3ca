"""The analysis side of scopelint.tf: TF's library modelled as source (scopelint/tf/models/),
parsed once per process and interpreted like the program's own code. Frames inside a model
are hidden, as TF's own frames are in a traceback, so what a layer creates or raises is
reported on the program's line that called it."""

from __future__ import annotations

import ast
import functools
from typing import Set

from scopelint.tf import registry

# ids of the function, class and comprehension nodes of every parsed model (the trees live in the
# lru_cache below, so their ids stay valid for the life of the process).
_MODEL_NODES: Set[int] = set()
# ids of the `raise` statements and calls of models that stand for TF's scope machinery
# (registry.SCOPE_MODELS): what they raise, and a refused call of the program's function, is SL105.
_SCOPE_MODEL_NODES: Set[int] = set()
# ids of the calls of models that call a method of a value other than `self` (`shape.as_list()`,
# `inputs.get_shape()`): TF calls such methods of its own objects, never the program's code, so
# one of a value the analysis lost does not make the graph unknown.
_LIBRARY_METHOD_CALLS: Set[int] = set()
# ids of a model's `if` statements marked `# unknown: false`: a condition the analysis cannot
# decide there is taken as false (the shape of a variable it lost is as good as fully defined:
# a slot made one way, not on two paths; a layer's input channels as good as defined)
_UNKNOWN_MEANS_FALSE: Set[int] = set()
UNKNOWN_MEANS_FALSE_MARK = "# unknown: false"


@functools.lru_cache(maxsize=None)
def model_tree(module: str) -> ast.Module:
    path = registry.model_path(module)
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    tree = ast.parse(source, path)
    marked = {number for number, line in enumerate(source.splitlines(), 1) if UNKNOWN_MEANS_FALSE_MARK in line}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and node.lineno in marked:
            _UNKNOWN_MEANS_FALSE.add(id(node))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.GeneratorExp, ast.ClassDef)):
            _MODEL_NODES.add(id(node))
        if module in registry.SCOPE_MODELS and isinstance(node, (ast.Raise, ast.Call)):
            _SCOPE_MODEL_NODES.add(id(node))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not (
                isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
            _LIBRARY_METHOD_CALLS.add(id(node))
    return tree


def is_model_node(node: ast.AST) -> bool:
    return id(node) in _MODEL_NODES


def unknown_means_false(node: ast.AST) -> bool:
    return id(node) in _UNKNOWN_MEANS_FALSE


def calls_library_method(node: ast.AST) -> bool:
    return id(node) in _LIBRARY_METHOD_CALLS


def raises_scope_errors(node: ast.AST) -> bool:
    """A `raise` or call in a model of TF's scope machinery (template.py)."""
    return id(node) in _SCOPE_MODEL_NODES
