"""Simple statements and definitions: a block's statement dispatch, expression statements,
assignment and unpacking, `del`, `global`, `assert`, `def` (with decorators) and `class`."""

from __future__ import annotations

import ast
from typing import Any, Dict, List, Optional, Sequence

from scopelint.analysis import array_math, enums, memoized, tf_api
from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.imports import SYS_MODULES
from scopelint.analysis.instance_dict import InstanceDict
from scopelint.analysis.markers import GeneratorFactory, GeneratorObject, Property
from scopelint.analysis.memoized import LruCacheFactory
from scopelint.analysis.values import (
    ApiFn, BoundMethod, BuiltinFn, ClassVal, copy_wrapped_metadata, DictVal, Env, FunctionVal, InstanceVal, as_key,
    IteratorVal, LazyGen, ListVal, MISSING, ModuleVal, NOT_A_KEY, SetVal,
)
from scopelint.analysis.work_limits import MAX_UNROLL
from scopelint.runtime.tensors import Tensor
from scopelint.semantics.shapes import Dimension, TensorShape
from scopelint.semantics.values import UNKNOWN, Pattern


_EXEC_METHODS: Dict[type, Any] = {}


class Statements(AnalysisState):
    """Mixin of the Interpreter: exec_<stmt> of simple statements and definitions."""

    def exec_block(self, body: Sequence[ast.stmt], st: State) -> None:
        for stmt in body:
            if not st.alive:
                return
            frame = self.frames[-1]
            if not self._spend(len(frame) > 3 and frame[3] is True):  # _in_model(), inlined: once per statement
                self.incomplete = True
                st.graph.unknown_code_ran()
                return
            frame[0] = stmt.lineno
            frame[2] = stmt.col_offset
            kind = type(stmt)
            if kind not in _EXEC_METHODS:  # each statement type's method, looked up once per process
                _EXEC_METHODS[kind] = getattr(type(self), "exec_" + kind.__name__, None)
            method = _EXEC_METHODS[kind]
            if method is None:
                self._unsupported(stmt, st)
                continue
            if kind is ast.If and self._skips_raising_branch(stmt, st):
                continue
            method(self, stmt, st)

    def _skips_raising_branch(self, node: ast.If, st: State) -> bool:
        """`if <unknown>: raise ValueError(...)` outside any `try`: the raising path ends the
        program, so the rest runs on the other path alone, certain as before; run that path
        in place instead of forking the graph for a branch that only raises. (Argument checks
        in TF's models and in library code are of this form.)"""
        if self.tries or not _is_plain_raise(node.body) or node.orelse and _is_plain_raise(node.orelse):
            return False
        test = self.eval_test(node.test, st)
        if not st.alive:
            return True
        if test is True:
            self.exec_block(node.body, st)
        else:
            self.exec_block(node.orelse, st)  # False, or unknown: the raising path ends here
        return True

    def _unsupported(self, node: ast.AST, st: State) -> None:
        if self.strict:
            raise NotImplementedError("scopelint interpreter: unsupported %s at line %s"
                                      % (type(node).__name__, getattr(node, "lineno", "?")))
        st.graph.unknown_code_ran()

    def exec_Expr(self, node: ast.Expr, st: State) -> None:
        self.eval(node.value, st)

    def exec_Pass(self, node: ast.Pass, st: State) -> None:
        return None

    def exec_Assign(self, node: ast.Assign, st: State) -> None:
        # `f = relu if c else tanh` binds Alternatives as the branches' join would; unpacked or
        # stored in an item, they are unknown (set_attribute keeps them on instances and classes only)
        value = self.eval(node.value, st, keep=all(isinstance(t, (ast.Name, ast.Attribute)) for t in node.targets))
        for target in node.targets:
            self.assign(target, value, st)

    def exec_AnnAssign(self, node: ast.AnnAssign, st: State) -> None:
        if node.value is not None:
            self.assign(node.target, self.eval(node.value, st), st)

    def exec_AugAssign(self, node: ast.AugAssign, st: State) -> None:
        current = self.eval(_load(node.target), st)
        operand = self.eval(node.value, st)
        if isinstance(current, ListVal) and not current.is_tuple and isinstance(node.op, (ast.Add, ast.Mult)):
            # `a += [...]` changes the list in place: every alias sees it
            items = self.iterate(operand, st) if isinstance(node.op, ast.Add) else None
            if items is not None:
                current.items.extend(items)
            elif isinstance(node.op, ast.Mult) and isinstance(operand, int) and 0 <= operand <= MAX_UNROLL:
                current.items[:] = current.items * operand
            else:
                current.poisoned = True
            self.assign(node.target, current, st)
            return
        if isinstance(current, SetVal) and not current.frozen and isinstance(node.op, (ast.BitOr, ast.BitAnd, ast.Sub,
                                                                                       ast.BitXor)):
            changed = self.binary(node.op, current, operand, st)  # `s |= other` changes s in place
            if isinstance(changed, SetVal):
                current.values = changed.values
            else:
                current.poisoned = True
            self.assign(node.target, current, st)
            return
        if isinstance(current, DictVal) and isinstance(node.op, ast.BitOr):
            current.poisoned = True  # `d |= other`
        array_math.forget_items(current)  # `sizes += 1` writes into the array every alias sees
        value = self.binary(node.op, current, operand, st)
        self.assign(node.target, value, st)

    def assign(self, target: ast.expr, value: Any, st: State) -> None:
        if isinstance(target, ast.Name):
            if self.journals and (st.env.global_names or st.env.nonlocal_names):
                outer = st.env.target_of(target.id)
                if outer is not None:
                    self.touch(outer)  # `global x; x = 1` on a path of an undecided branch
            st.env.assign(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            starred = [i for i, e in enumerate(target.elts) if isinstance(e, ast.Starred)]
            if len(starred) == 1:
                # `*start, nx = shape_list(x)`: the starred name takes the middle, as a list
                whole = self.iterate(value, st) if isinstance(value, (ListVal, TensorShape, str)) else None
                before, after = starred[0], len(target.elts) - starred[0] - 1
                if whole is not None and len(whole) >= before + after:
                    middle = ListVal(list(whole[before: len(whole) - after]))
                    parts = list(whole[:before]) + [middle] + list(whole[len(whole) - after:])
                    for element, item in zip(target.elts, parts):
                        self.assign(element.value if isinstance(element, ast.Starred) else element, item, st)
                    return
            items = self.unpack(value, len(target.elts), st) if not starred else None
            if starred or items is None:
                for element in target.elts:
                    inner = element.value if isinstance(element, ast.Starred) else element
                    self.assign(inner, UNKNOWN, st)
                return
            for element, item in zip(target.elts, items):
                self.assign(element, item, st)
        elif isinstance(target, ast.Attribute):
            self.set_attribute(self.eval(target.value, st, keep=True), target.attr, value, st)
        elif isinstance(target, ast.Subscript) and self._is_namespace_call(target.value, st):
            key = self.eval(target.slice, st)
            if isinstance(key, str):
                self.touch(st.env.globals_env)
                st.env.globals_env.vars[key] = value
            else:
                self.open_namespaces.add(id(st.env.globals_env))  # it binds a name the analysis cannot say
        elif isinstance(target, ast.Subscript):
            obj = self.eval(target.value, st)
            key = self.eval(target.slice, st)
            if isinstance(obj, (DictVal, ListVal)):
                self.touch(obj)
            array_math.forget_items(obj)  # `sizes[0] = 7`
            if isinstance(obj, DictVal):
                if (held := as_key(key)) is not NOT_A_KEY:
                    obj.items[held] = value
                elif isinstance(key, Pattern) and not obj.poisoned:
                    # a name known in part (an optimizer's `named_slots[var.op.name]` of a variable so
                    # named): the keys it cannot be keep their values, and the dict stays readable
                    obj.set_pattern_key(key, value)
                else:
                    obj.poisoned = True  # a known key may have been overwritten
            elif isinstance(obj, ListVal):
                items = self.iterate(value, st) if isinstance(key, slice) else None
                if obj.grown:
                    obj.poisoned = True  # which item is at an index depends on how many times a loop ran
                elif isinstance(key, int) and -len(obj.items) <= key < len(obj.items) and not obj.is_tuple:
                    obj.items[key] = value
                elif isinstance(key, slice) and items is not None and not obj.is_tuple:
                    try:
                        obj.items[key] = items
                    except (ValueError, TypeError):  # (a float bound: Python raises TypeError)
                        obj.poisoned = True
                else:
                    obj.poisoned = True
            elif isinstance(obj, InstanceDict):
                obj.store(self, key, value)
            elif isinstance(obj, ModuleVal) and obj.qualname == SYS_MODULES:
                self.note_sys_modules_written(key)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, UNKNOWN, st)

    def _is_namespace_call(self, node: ast.expr, st: State) -> bool:
        """`globals()`, or `locals()` at module level: the module's namespace itself, so that
        `globals()[name] = value` binds the name (tensorpack's logger exports its logger's
        methods with `locals()[func] = getattr(_logger, func)`)."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args and not node.keywords
                and node.func.id in ("globals", "locals")):
            return False
        builtin = self.eval(node.func, st)
        return isinstance(builtin, BuiltinFn) and (builtin.name == "globals" or st.env is st.env.globals_env)

    def unpack(self, value: Any, count: int, st: State) -> Optional[List[Any]]:
        if isinstance(value, (IteratorVal, LazyGen, GeneratorObject, InstanceVal)):
            items = self.iterate(value, st)  # `names, sizes = zip(*specs)`
            return items if items is not None and len(items) == count else None
        if isinstance(value, ListVal):
            return list(value.items) if len(value.items) == count else None
        if isinstance(value, (TensorShape,)) and value.dims_tuple is not None and len(value.dims_tuple) == count:
            return [Dimension(d) for d in value.dims_tuple]
        if isinstance(value, Tensor):
            shape = value.get_shape()
            dims = shape.dims_tuple if isinstance(shape, TensorShape) else None
            if dims and dims[0] == count:
                return [self.real_call(value.__getitem__, [i], {}, st) for i in range(count)]
        if isinstance(value, (str, tuple, list)) and len(value) == count:
            return list(value)
        return None

    def exec_Delete(self, node: ast.Delete, st: State) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                st.env.vars.pop(target.id, None)
            elif isinstance(target, ast.Subscript) and self._is_namespace_call(target.value, st):
                key = self.eval(target.slice, st)
                if isinstance(key, str):
                    self.touch(st.env.globals_env)
                    st.env.globals_env.vars.pop(key, None)  # `del globals()[name]`
            elif isinstance(target, ast.Subscript):
                obj, key = self.eval(target.value, st), self.eval(target.slice, st)
                if isinstance(obj, (ListVal, DictVal)):
                    self.touch(obj)
                if isinstance(obj, ListVal) and not obj.is_tuple and isinstance(key, (int, slice)):
                    try:
                        del obj.items[key]
                    except (IndexError, TypeError):  # (a float bound: Python raises TypeError)
                        obj.poisoned = True
                elif isinstance(obj, DictVal) and (held := as_key(key)) is not NOT_A_KEY:
                    obj.items.pop(held, None)
                elif isinstance(obj, (ListVal, DictVal)):
                    obj.poisoned = True
                elif isinstance(obj, ModuleVal) and obj.qualname == SYS_MODULES:
                    self.note_sys_modules_written(key)

    def exec_Global(self, node: ast.Global, st: State) -> None:
        st.env.global_names.update(node.names)

    def exec_Nonlocal(self, node: ast.Nonlocal, st: State) -> None:
        st.env.nonlocal_names.update(node.names)

    def exec_Assert(self, node: ast.Assert, st: State) -> None:
        test = self.eval_test(node.test, st)
        if test is False and st.alive:
            self._program_raised(st)
        elif test is None:
            self.may_raise += 1

    def exec_FunctionDef(self, node: ast.FunctionDef, st: State) -> None:
        defaults = [self.eval(d, st) for d in node.args.defaults]
        kw_defaults = [self.eval(d, st) if d is not None else MISSING for d in node.args.kw_defaults]
        prefix = self.call_stack[-1].qualname + ".<locals>." if self.call_stack else ""
        function: Any = FunctionVal(node, st.env, defaults, kw_defaults, prefix + node.name)
        undecorated = function
        for decorator in reversed(node.decorator_list):
            function = self.apply_decorator(decorator, function, st)
        if function is UNKNOWN:
            # A decorator the analysis cannot see into: callers get an unknown value (it may cache,
            # skip or wrap the call), but the function's own body is still analysed, as an entry point.
            self.undecorated[id(node)] = undecorated
        st.env.assign(node.name, function)

    exec_AsyncFunctionDef = exec_FunctionDef

    def apply_decorator(self, decorator: ast.expr, function: Any, st: State) -> Any:
        name = _dotted(decorator)
        if name in ("staticmethod", "classmethod"):
            if isinstance(function, FunctionVal):
                function.decorated = True
                setattr(function, "_kind", name)
            return function
        if name == "property":
            return Property(function)
        if name.endswith("contextmanager") and isinstance(function, FunctionVal):
            return GeneratorFactory(function)
        if isinstance(decorator, ast.Call) and _dotted(decorator.func).endswith("wraps"):
            if isinstance(function, FunctionVal):
                setattr(function, "_wraps", True)  # inspect.signature() gives the wrapped function's
                wrapped = self.eval(decorator.args[0], st) if decorator.args else UNKNOWN
                copy_wrapped_metadata(function, wrapped)
            return function  # functools.wraps(f) returns the wrapper itself, with f's metadata
        if isinstance(decorator, ast.Call) and _dotted(decorator.func).endswith("add_metaclass") and \
                isinstance(function, ClassVal):
            return function  # six.add_metaclass(ABCMeta): the same class, made with that metaclass
        if name in ("abstractmethod", "abstractproperty", "abc.abstractmethod", "abc.abstractproperty"):
            return Property(function) if name.endswith("abstractproperty") else function
        decorator_value = self.eval(decorator, st)
        if isinstance(decorator_value, (ApiFn, ModuleVal)) and \
                decorator_value.qualname.rsplit(".", 1)[-1] in ("function", "add_arg_scope"):
            return function  # tf.function, slim's add_arg_scope: the function as it is
        if isinstance(decorator_value, ModuleVal) and tf_api.is_pytest_mark(decorator_value.qualname):
            return function  # `@pytest.mark.skipif(...)`: the mark is recorded on the function, which is returned
        if isinstance(decorator_value, ModuleVal):
            # `@registry.register` of a project module that names no TF (so not followed until now):
            # its code decides what the name is bound to, as for any function given the program's
            followed = self._graph_free_attribute(decorator_value.qualname, st)  # None for any other module
            if isinstance(followed, (FunctionVal, BoundMethod)):
                decorator_value = followed
        if isinstance(decorator_value, (FunctionVal, BoundMethod, LruCacheFactory)) or \
                memoized.is_lru_cache(decorator_value):
            return self.call(decorator_value, [function], {}, st, decorator)
        return UNKNOWN

    def exec_ClassDef(self, node: ast.ClassDef, st: State) -> None:
        bases = [self.eval(b, st) for b in node.bases]
        known_bases: List[Any] = []
        for base in bases:
            if isinstance(base, BuiltinFn) and base.name == "object":
                continue
            known_bases.append(base)
        factory = enums.FACTORIES.get(known_bases[0].qualname) if len(known_bases) == 1 and \
            isinstance(known_bases[0], ModuleVal) and not node.decorator_list and not node.keywords else None
        cls = ClassVal(node.name, node.name, {}, known_bases, node)
        for base in known_bases:
            if isinstance(base, ClassVal):
                base.subclasses.append(cls)
        body_env = Env(st.env, st.env.globals_env)
        body_state = State(st.graph, body_env, True)
        self.exec_block(node.body, body_state)
        st.graph = body_state.graph
        for key, value in body_env.vars.items():
            function_value = value.getter if isinstance(value, Property) else value
            if isinstance(function_value, FunctionVal) and function_value.env is body_env:
                # Methods defined here do not see the class body's names; functions made by a
                # decorator keep their own closure.
                function_value.qualname = node.name + "." + function_value.name
                function_value.env = st.env
            if isinstance(function_value, FunctionVal):
                setattr(function_value, "_owner", cls)
            cls.attrs[key] = value
        made = enums.from_class_body(factory, node, body_env.vars) if factory is not None else None
        if made is not None:
            st.env.assign(node.name, made)  # `class Mode(enum.Enum): TRAIN = 1`: Python's own enum
            return
        decorated: Any = cls
        for decorator in reversed(node.decorator_list):
            decorated = self.apply_decorator(decorator, decorated, st)
        st.env.assign(node.name, decorated)

    def exec_Match(self, node: Any, st: State) -> None:
        self._unsupported(node, st)


def _is_plain_raise(body: Sequence[ast.stmt]) -> bool:
    """A body that only raises a new exception built from plain values (no call that could
    touch the graph besides the exception's constructor and str/repr/len/type)."""
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc
    calls = [n for n in ast.walk(exc) if isinstance(n, ast.Call)]
    return all(n is exc or isinstance(n.func, ast.Name) and n.func.id in ("str", "repr", "len", "type")
               for n in calls)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return _dotted(node.value) + "." + node.attr
    return ""


def _load(target: ast.expr) -> ast.expr:
    clone = ast.copy_location(type(target)(**{f: getattr(target, f) for f in target._fields}), target)
    if hasattr(clone, "ctx"):
        clone.ctx = ast.Load()  # type: ignore[attr-defined]
    return clone
