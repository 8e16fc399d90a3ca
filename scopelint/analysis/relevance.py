"""Whether an entry point can matter: every variable, error and warning the analysis reports
comes from TF's scope machinery (a TF name, a modelled library such as tf_slim, a variable or
scope value). An entry point whose reachable code can reach none of them produces nothing but
costs its analysis (a pure-Python parser's tests, a tokenizer): it is not analysed.

The test is conservative and cheap. From the entry function, it follows what the code can
reach: each name it reads is looked up where the function was defined (a global, a closure
variable, another module's function as followed), and the value found is examined in full:
functions (their code, in turn), classes and instances (the members whose names the reachable
code reads as attributes, and every dunder), containers, followed modules (the names read from
them). Any TF-bound value, any value of a kind it does not know, any import inside a function
of a module not yet followed, and any package whose body has not run yet make the entry point
relevant. TF itself counts only where the code reads a TF name the analysis answers with
scope machinery: a scope API (`tf.get_variable`, `tf.variable_scope`, `tf.Variable`...), a
model of TF's library (layers, slim, Keras, cells, optimizers, control flow), or TF read as a
whole value. A TF name it answers as an unmodelled API (`tf.matmul`, `tf.gfile.Open`,
`tf.logging.info`) creates no variable and raises no scope error in the analysis: code that
reaches TF only that way (math libraries, a tokenizer's tests) reports nothing."""

from __future__ import annotations

import ast
import enum
import functools
import os
from typing import Any, Dict, List, Optional, Set, Tuple

from scopelint.analysis import models, tf_api
from scopelint.analysis.tf_calls import AUTOGRAPH_CONVERT, PURE_VARIABLE_SCOPE, UNIQUE_VARIABLE_SCOPE
from scopelint.analysis.cli_args import ArgParserVal, NamespaceVal
from scopelint.analysis.interpreter import FlagsVal
from scopelint.analysis.markers import GeneratorFactory, GeneratorObject, Property, Super
from scopelint.analysis.memoized import CachedFunction, LruCacheFactory
from scopelint.analysis.values import (
    MISSING, ApiFn, ArrayVal, BoundMethod, BuiltinFn, ClassVal, DictVal, FunctionVal, InstanceVal, ListVal, ModuleVal,
    NamedTupleClass, NumpyDtype, OpaqueVal, PartialVal, SetVal, SourceModuleVal,
)
from scopelint.semantics.dtypes import DType
from scopelint.semantics.values import UNKNOWN, Pattern
from scopelint.tf import registry

_PLAIN = (type(None), bool, int, float, complex, str, bytes, Pattern, enum.Enum, enum.EnumMeta, NumpyDtype, ArrayVal,
          BuiltinFn,
          NamedTupleClass, ArgParserVal, NamespaceVal, FlagsVal, DType, LruCacheFactory)
# builtins that read an attribute named by their second argument
_ATTRIBUTE_READERS = frozenset({"getattr", "hasattr", "setattr", "delattr"})
_ANY_ATTRIBUTE = frozenset({"vars", "dir", "__dict__", "__getattribute__", "globals", "locals"})


class Relevant(Exception):
    """Raised as soon as the reachable code may reach TF's scope machinery."""


# TF's APIs that build nothing in a graph: file and logging utilities, flags, test helpers
# (paths below the TF module, after an optional `compat.v1.`).
_INERT_TF_PATHS = frozenset({
    ("gfile",), ("io", "gfile"), ("logging",), ("flags",), ("app", "flags"), ("errors",),
    ("compat", "as_text"), ("compat", "as_bytes"), ("compat", "as_str"), ("compat", "as_str_any"),
    ("compat", "path_to_str"), ("test", "get_temp_dir"), ("test", "main"), ("resource_loader",), ("VERSION",),
    ("__version__",),
})
_TF_MODULES = frozenset({"tensorflow", "tensorflow.compat.v1"})


def _inert_tf_path(path: List[str]) -> bool:
    """Whether `x.<path>` reads one of TF's inert utilities, if `x` is the TF module."""
    if path[:2] == ["compat", "v1"]:
        path = path[2:]
    return any(tuple(path[: len(inert)]) == inert for inert in _INERT_TF_PATHS)


class _Refs:
    """What a function's code refers to: the names it reads, the attribute names it reads
    (None: any, through `getattr(x, name)` and the like), the modules it imports, the names
    read only as the root of an inert TF path (`tf` of `tf.gfile.Open`), and for each name read
    only as the root of attribute paths, those paths (`tf`: (`nn`, `relu`), (`get_variable`,))."""

    __slots__ = ("names", "attributes", "imports", "inert_roots", "tf_paths")

    def __init__(self, node: ast.AST) -> None:
        names: Set[str] = set()
        attributes: Optional[Set[str]] = set()
        imports: List[Tuple[int, str, Tuple[str, ...]]] = []
        root_paths: Dict[int, Tuple[str, ...]] = {}  # Name node -> the attribute path it is the root of
        for child in ast.walk(node):
            kind = type(child)
            if kind is ast.Name:
                names.add(child.id)  # type: ignore[attr-defined]
                if child.id in _ANY_ATTRIBUTE:  # type: ignore[attr-defined]
                    attributes = None
            elif kind is ast.Attribute:
                _note_attribute_path(child, root_paths)  # type: ignore[arg-type]
                if attributes is not None:
                    attributes.add(child.attr)  # type: ignore[attr-defined]
                if child.attr in _ANY_ATTRIBUTE:  # type: ignore[attr-defined]
                    attributes = None
            elif kind is ast.Call:
                func = child.func  # type: ignore[attr-defined]
                if isinstance(func, ast.Name) and func.id in _ATTRIBUTE_READERS and attributes is not None:
                    key = child.args[1] if len(child.args) > 1 else None  # type: ignore[attr-defined]
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        attributes.add(key.value)
                    else:
                        attributes = None
            elif kind is ast.Import:
                imports.extend((0, alias.name, ()) for alias in child.names)  # type: ignore[attr-defined]
            elif kind is ast.ImportFrom:
                imports.append((child.level, child.module or "",  # type: ignore[attr-defined]
                                tuple(alias.name for alias in child.names)))  # type: ignore[attr-defined]
        self.names = frozenset(names & _free_names(node))  # a local of its own is not the global of that name
        self.attributes = frozenset(attributes) if attributes is not None else None
        self.imports = tuple(imports)
        paths: Dict[str, Optional[Set[Tuple[str, ...]]]] = {}  # name -> the paths read below it (None: read bare)
        for child in ast.walk(node):
            if type(child) is ast.Name:
                name = child.id  # type: ignore[attr-defined]
                path = root_paths.get(id(child), ())
                known = paths.get(name, set())
                if known is not None and path:
                    known.add(path)
                    paths[name] = known
                else:
                    paths[name] = None
        self.tf_paths = {name: frozenset(found) for name, found in paths.items() if found is not None}
        self.inert_roots = frozenset(name for name, found in self.tf_paths.items()
                                     if all(_inert_tf_path(list(path)) for path in found))


_FUNCTION_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_SCOPES = _FUNCTION_SCOPES + (ast.ClassDef,) + _COMPREHENSIONS


def _free_names(function: ast.AST) -> Set[str]:
    """The names a function reads from outside itself, as Python's scoping resolves them: a name
    its own scope (or an enclosing one within it) binds is its local (`x` of `[f(x) for x in
    obj]`, a local `model`), not the global of that name. Anything unusual counts as free."""
    free: Set[str] = set()
    if isinstance(function, _SCOPES):
        _nested_reads(function, frozenset(), frozenset(), free)  # its decorators and defaults too
    else:
        free.update(n.id for n in ast.walk(function) if isinstance(n, ast.Name))
    return free


def _own_nodes(scope: ast.AST) -> List[ast.AST]:
    """The nodes of a scope's own code: its body, not the nested scopes in it (themselves
    included, for their parts evaluated here: decorators, defaults, bases, a first iterable)."""
    if isinstance(scope, _COMPREHENSIONS):
        generators = scope.generators  # type: ignore[attr-defined]
        # (the first iterable is the enclosing scope's: `[x for x in x]` reads the outer x)
        roots: List[ast.AST] = [g.target for g in generators] + [g.iter for g in generators[1:]]
        roots += [test for g in generators for test in g.ifs]
        roots += [scope.key, scope.value] if isinstance(scope, ast.DictComp) else [scope.elt]  # type: ignore
    elif isinstance(scope, ast.Lambda):
        roots = [scope.body]
    else:
        roots = list(scope.body)  # type: ignore[attr-defined]
    out: List[ast.AST] = []
    todo = list(roots)
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, _SCOPES):
            continue  # its own code is its scope's
        todo.extend(ast.iter_child_nodes(node))
    return out


def _bound_names(scope: ast.AST, own: List[ast.AST]) -> Set[str]:
    """What a scope binds: parameters, assigned, deleted, imported, caught names, nested defs and
    classes; minus the names it declares global or nonlocal."""
    bound: Set[str] = set()
    if isinstance(scope, _FUNCTION_SCOPES):
        spec = scope.args
        bound.update(a.arg for a in spec.posonlyargs + spec.args + spec.kwonlyargs)
        bound.update(a.arg for a in (spec.vararg, spec.kwarg) if a is not None)
    declared: Set[str] = set()
    for node in own:
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not scope:
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, ast.MatchAs) and node.name or isinstance(node, ast.MatchStar) and node.name:
            bound.add(node.name)  # type: ignore[arg-type]
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bound.add(node.rest)
    return bound - declared


def _scope_reads(scope: ast.AST, visible: frozenset, free: Set[str]) -> None:
    """Add to `free` the names read in `scope` that neither it nor `visible` binds."""
    own = _own_nodes(scope)
    if isinstance(scope, _COMPREHENSIONS):
        bound = {n.id for g in scope.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
    else:
        bound = _bound_names(scope, own)
    if any(isinstance(n, ast.Name) and n.id in ("exec", "eval") for n in own):
        bound = set()  # code in a string may read anything
    # (a walrus in a comprehension binds in the function around it, which does not see it as its
    # own here: the reads of that name count as free, which is safe)
    inner = visible | frozenset(bound)
    # a class's names are not visible in its methods; a comprehension's first iterable, a def's
    # decorators and defaults, a class's bases are read in the enclosing scope
    for node in own:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in inner:
            free.add(node.id)
        elif isinstance(node, _SCOPES) and node is not scope:
            _nested_reads(node, inner, visible if isinstance(scope, ast.ClassDef) else inner, free)


def _nested_reads(node: ast.AST, here: frozenset, enclosing: frozenset, free: Set[str]) -> None:
    """A scope nested in another: the parts evaluated where it stands are read with `here`'s
    names, its own code with what encloses it (`enclosing`, which leaves out a class's names)."""
    outside: List[ast.AST] = []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        spec = node.args
        outside += [d for d in spec.defaults + spec.kw_defaults if d is not None]
        if not isinstance(node, ast.Lambda):
            outside += node.decorator_list
            outside += [a.annotation for a in spec.posonlyargs + spec.args + spec.kwonlyargs if a.annotation]
            outside += [node.returns] if node.returns else []
    elif isinstance(node, ast.ClassDef):
        outside += node.bases + [k.value for k in node.keywords] + node.decorator_list
    elif isinstance(node, _COMPREHENSIONS):
        outside.append(node.generators[0].iter)
    todo = list(outside)
    while todo:
        child = todo.pop()
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load) and child.id not in here:
            free.add(child.id)
        elif isinstance(child, _SCOPES):
            _nested_reads(child, here, here, free)  # a lambda among the defaults
        else:
            todo.extend(ast.iter_child_nodes(child))
    if isinstance(node, _COMPREHENSIONS):
        enclosing = here  # a comprehension sees the scope it stands in, a class's too
    _scope_reads(node, enclosing, free)


def _note_attribute_path(node: ast.Attribute, root_paths: Dict[int, Tuple[str, ...]]) -> None:
    """For `a.b.c` rooted at a name: the path (`b`, `c`) the name is read for. The outermost
    attribute of a chain is met first (ast.walk is breadth-first) and decides."""
    path: List[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        path.insert(0, current.attr)
        current = current.value
    if isinstance(current, ast.Name) and id(current) not in root_paths:
        root_paths[id(current)] = tuple(path)


def _refs(node: ast.AST) -> _Refs:
    refs = getattr(node, "_scopelint_refs", None)  # once per parsed function
    if refs is None:
        refs = _Refs(node)
        setattr(node, "_scopelint_refs", refs)
    return refs


def tf_bound_module(qualname: str) -> bool:
    """A module value the analysis answers from TF or its models (others are libraries it
    does not follow: calling them runs none of the program's scope code)."""
    return qualname.split(".", 1)[0] == "tensorflow" or qualname.startswith(registry.MODEL_ROOTS)


class _Query:
    """One relevance question: the values reached so far, the attribute names read."""

    def __init__(self, interp: Any, into_models: bool = False) -> None:
        self.interp = interp
        self.into_models = into_models  # read TF's models' own helpers, not take them for TF
        # by id, holding each value: the ApiFns made for `tf.a.b` paths are new objects, and a
        # freed one's id may be reused by the next
        self.seen: Dict[int, Any] = {}
        self.todo: List[Any] = []
        self.attributes: Set[str] = set()
        self.any_attribute = False
        self.holders: List[Tuple[Any, Dict[str, Any]]] = []  # (owner, its members by name)
        self.taken: Set[Tuple[int, str]] = set()

    def reaches_tf(self, values: List[Any]) -> bool:
        self.todo.extend(values)
        try:
            while self.todo:
                while self.todo:
                    self.value(self.todo.pop())
                self.members()
        except Relevant:
            return True
        return False

    def members(self) -> None:
        """The members of classes, instances and modules reached whose names are read."""
        for owner, members in self.holders:
            for name, member in list(members.items()):
                key = (id(owner), name)
                if key in self.taken:
                    continue
                if self.any_attribute or name in self.attributes or (name.startswith("__") and name.endswith("__")):
                    self.taken.add(key)
                    self.todo.append(member)
            if isinstance(owner, SourceModuleVal) and owner.path.endswith("__init__.py"):
                # `pkg.sub` not imported yet: reading it imports (follows) it (`x.__init__` is no
                # submodule, though the package's own __init__.py stands beside its submodules)
                if self.any_attribute or any(name not in members and not name.startswith("__")
                                             and _has_submodule(owner.path, name) for name in self.attributes):
                    raise Relevant()

    def value(self, value: Any) -> None:
        if value is UNKNOWN or value is MISSING or isinstance(value, _PLAIN):
            return
        key = id(value)
        if key in self.seen:
            return
        self.seen[key] = value
        if isinstance(value, FunctionVal):
            self.function(value)
        elif isinstance(value, (ListVal, SetVal, tuple, list, set, frozenset)):
            self.todo.extend(value.items if isinstance(value, ListVal) else
                             value.values if isinstance(value, SetVal) else value)
        elif isinstance(value, DictVal):
            self.todo.extend(value.items.keys())
            self.todo.extend(value.items.values())
        elif isinstance(value, ClassVal):
            # a base the analysis does not know as a class (`tf.test.TestCase`) answers every
            # name it may define with UNKNOWN (ClassVal.lookup): only known classes run code
            self.todo.extend(base for base in value.bases if isinstance(base, ClassVal))
            self.holders.append((value, value.attrs))
        elif isinstance(value, InstanceVal):
            self.todo.append(value.cls)
            self.holders.append((value, value.attrs))
        elif isinstance(value, BoundMethod):
            self.todo.extend((value.function, value.receiver))
        elif isinstance(value, PartialVal):
            self.todo.append(value.function)
            self.todo.extend(value.args)
            self.todo.extend(value.kwargs.values())
        elif isinstance(value, Property):
            self.todo.append(value.getter)
        elif isinstance(value, CachedFunction):
            self.todo.append(value.function)
            self.todo.extend(value.cache.items.values())
        elif isinstance(value, Super):
            self.todo.extend((value.cls, value.receiver))
        elif isinstance(value, GeneratorFactory):
            self.todo.append(value.function)
        elif isinstance(value, GeneratorObject):
            self.todo.append(value.function)
            self.todo.extend(value.args)
            self.todo.extend(value.kwargs.values())
        elif isinstance(value, SourceModuleVal):
            if id(value) in self.interp.pending_modules and not self.interp.run_deferred_body(value):
                raise Relevant()  # a passed-through package's body runs when a name of it is read
            self.holders.append((value, value.env.vars))
        elif isinstance(value, ModuleVal):
            if tf_bound_module(value.qualname):
                raise Relevant()
        elif isinstance(value, OpaqueVal):
            if not value.inert:
                raise Relevant()
        elif isinstance(value, ApiFn):
            if api_builds(value.qualname):
                raise Relevant()
        else:
            raise Relevant()  # TF-bound (an API, a scope, a variable, a template) or unknown

    def function(self, function: FunctionVal) -> None:
        node = function.node
        if models.is_model_node(node) and not self.into_models:
            raise Relevant()
        refs = _refs(node)
        if refs.attributes is None:
            self.any_attribute = True
        else:
            self.attributes.update(refs.attributes)
        env = function.env
        for name in refs.names:
            found = env.lookup(name)
            if found is MISSING or (name in refs.inert_roots and isinstance(found, ModuleVal)
                                    and found.qualname in _TF_MODULES):
                continue  # `tf` read only for tf.gfile, tf.logging and the like
            paths = refs.tf_paths.get(name)
            if paths is not None and isinstance(found, ModuleVal) and _is_tf(found.qualname):
                # `tf` read only as the root of `tf.a.b`: what the analysis answers for each
                self.todo.extend(self.tf_name(found, path) for path in paths)
                continue
            self.todo.append(found)
        self.todo.extend(function.defaults)
        self.todo.extend(function.kw_defaults)
        for level, module, names in refs.imports:
            self.imported(level, module, names, env)

    def tf_name(self, module: ModuleVal, path: Tuple[str, ...]) -> Any:
        """What the analysis answers for `module.<path>` (a TF module): it reads attributes of
        TF's modules and APIs as the interpreter does, without importing anything."""
        value: Any = module
        for part in path:
            if not isinstance(value, (ModuleVal, ApiFn)) or not _is_tf(value.qualname):
                break  # an attribute of a modelled value (a layer class's) or a constant's
            value = self.interp.module_attribute(ModuleVal(value.qualname), part)
        return value

    def imported(self, level: int, module: str, names: Tuple[str, ...], env: Any) -> None:
        """An import inside a function: harmless when it gives a module already followed (then
        what it binds is examined), a data library's, or one found not to build graphs."""
        if level:
            package = env.globals_env.vars.get("__package__")
            if not isinstance(package, str) or not package:
                raise Relevant()
            parts = package.split(".")
            if level - 1 >= len(parts):
                raise Relevant()
            base = ".".join(parts[: len(parts) - (level - 1)])
            module = base + "." + module if module else base
        for qualname in [module] + [module + "." + name for name in names if name != "*"]:
            if tf_bound_module(qualname):
                raise Relevant()
        if tf_api.is_safe_module(module) or module in self.interp.graph_free:
            return
        followed = self.interp.imported.get(module)
        if not isinstance(followed, SourceModuleVal):
            raise Relevant()  # not followed yet: the call may follow it now
        self.todo.append(followed)
        self.attributes.update(names)
        if "*" in names:
            self.any_attribute = True


def _is_tf(qualname: str) -> bool:
    return qualname.split(".", 1)[0] == "tensorflow"


# The TF APIs the interpreter answers with scope machinery (tf_calls.call_api): every other TF
# name it answers as an unmodelled API, whose call creates no variable and raises no scope
# error there (only havoc, which reports nothing by itself). Models of TF's library are
# FunctionVals and ClassVals of scopelint/tf/models, relevant as such.
_BUILDING_APIS = (tf_api.SCOPE_APIS | {"create_partitioned_variables", "app.run", PURE_VARIABLE_SCOPE,
                                       UNIQUE_VARIABLE_SCOPE, AUTOGRAPH_CONVERT})


@functools.lru_cache(maxsize=4096)
def api_builds(qualname: str) -> bool:
    """Whether a call of the TF API `qualname` (an ApiFn) can report anything."""
    short = tf_api.short_name(qualname)
    return short is None or short in _BUILDING_APIS or short.rsplit(".", 1)[-1] in _BUILDING_APIS


@functools.lru_cache(maxsize=4096)
def _has_submodule(init_path: str, name: str) -> bool:
    directory = os.path.dirname(init_path)
    return os.path.isfile(os.path.join(directory, name + ".py")) or \
        os.path.isfile(os.path.join(directory, name, "__init__.py"))


def model_helper_reaches_tf(interp: Any, function: FunctionVal) -> bool:
    """Whether a function of TF's models (nest.flatten's model) may reach TF's scope machinery:
    its own code is read as a program's is."""
    return _Query(interp, into_models=True).reaches_tf([function])


def entry_may_matter(interp: Any, function: FunctionVal, owner: Optional[ClassVal]) -> bool:
    """Whether analysing `function` as an entry point (a method of `owner`: on an instance
    built by its __init__) may report anything: False only when it cannot reach TF."""
    values: List[Any] = [function]
    if owner is not None:
        values.append(InstanceVal(owner, attrs_complete=False))
    return _Query(interp).reaches_tf(values)
