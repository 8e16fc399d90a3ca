"""Expressions: the eval dispatch, names, literals and containers, boolean, unary, binary and
comparison operators."""

from __future__ import annotations

import ast
import enum
import builtins
import inspect
import operator
from typing import Any, Callable, Dict, List, Optional, Sequence

from scopelint.analysis import alternatives, array_math, bindings, loader, numpy_dtypes, sets, strings, tf_api, versions
from scopelint.analysis.work_limits import FOLLOWED_FILE
from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.work_limits import MODEL_STEP_COST
from scopelint.analysis.values import (
    AddressText, Alternatives, ApiFn, ArrayVal, BoundMethod, BuiltinFn, ClassVal, DictVal, Env, FunctionVal,
    InstanceVal, as_key, is_concrete, IteratorVal, join_values, JoinedScalar, ListVal,
    MISSING, NOT_A_KEY,
    ModuleVal, NumpyLoaded, OpaqueVal, OpResult, ParameterVal, SetVal, SignatureVal, TensorClassVal, truth,
    UnknownTensor, VarVal,
)
from scopelint.runtime.tensors import Opaque, Tensor
from scopelint.semantics.shapes import Dimension, TensorShape
from scopelint.semantics.values import AUTO_REUSE, Pattern, ReuseMode, UNKNOWN


_EVAL_METHODS: Dict[type, Any] = {}
_PYTHON2_BUILTINS = {"xrange": "range", "unicode": "str", "basestring": "str", "long": "int",
                     "raw_input": "input", "unichr": "chr"}
_PYTHON2_NAMES = frozenset(_PYTHON2_BUILTINS) | {
    "reduce", "file", "cmp", "execfile", "reload", "buffer", "apply", "intern", "coerce",
    # names tools put among the builtins: kernprof's `@profile`, gettext's `_`, IPython's
    "profile", "_", "get_ipython", "display"}
_BINOPS: Dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow, ast.MatMult: operator.matmul,
    ast.BitAnd: operator.and_, ast.BitOr: operator.or_, ast.BitXor: operator.xor, ast.LShift: operator.lshift,
    ast.RShift: operator.rshift,
}
_CMPOPS: Dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


class Expressions(AnalysisState):
    """Mixin of the Interpreter: eval and eval_<expr> of names, literals and operators."""

    def eval(self, node: Optional[ast.expr], st: State, keep: bool = False) -> Any:
        """The value of `node`. `keep`: the caller honours Alternatives (a callee, an attribute's
        object); to every other reader they are UNKNOWN."""
        if node is None:
            return None
        frame = self.frames[-1] if self.frames else None
        in_model = frame is not None and len(frame) > 3 and frame[3] is True
        budget = self.budget
        # _spend()'s common cases, inlined: eval runs for every node (in TF's models too)
        charged = (self.model_budget or budget) if in_model else budget
        cost = MODEL_STEP_COST if in_model else 1
        if not budget.exhausted and not charged.exhausted and charged.steps > cost:
            charged.steps -= cost
        elif not self._spend(in_model):
            self.incomplete = True
            return UNKNOWN
        kind = type(node)
        if kind not in _EVAL_METHODS:  # each node type's method, looked up once per process
            _EVAL_METHODS[kind] = getattr(type(self), "eval_" + kind.__name__, None)
        method = _EVAL_METHODS[kind]
        if method is None:
            if self.strict:
                raise NotImplementedError("scopelint interpreter: unsupported %s" % kind.__name__)
            self.may_raise += 1
            return UNKNOWN
        value = method(self, node, st)
        if type(value) is Alternatives and not keep or type(value) is JoinedScalar:
            value = UNKNOWN
        if value is UNKNOWN and st.alive:
            self.may_raise += 1  # a value the analysis lost may be an exception it did not see
        return value

    def eval_Constant(self, node: ast.Constant, st: State) -> Any:
        if isinstance(node.value, str):
            return strings.capped(node.value)
        return node.value

    def eval_Name(self, node: ast.Name, st: State) -> Any:
        value = st.env.lookup(node.id)
        if value is not MISSING:
            if isinstance(value, (ListVal, DictVal)) and value.poisoned:  # _visible(value), inlined: names are many
                return UNKNOWN
            return value
        if hasattr(builtins, node.id):
            if node.id in ("True", "False", "None"):
                return getattr(builtins, node.id)
            return BuiltinFn(node.id)
        if self.python2 and node.id in _PYTHON2_BUILTINS:
            return BuiltinFn(_PYTHON2_BUILTINS[node.id])
        if "builtins." + node.id in self.ever_patched:
            # a name the program put among the builtins (`builtins.basestring = str`, a Python 2
            # module's shim): what it set, on the paths that set it
            patched = self._patched(ModuleVal("builtins"), node.id)
            return UNKNOWN if patched is MISSING else patched
        if node.id in _PYTHON2_NAMES and any(context.catches_name_error for context in self.tries):
            # `try: xrange / except NameError: xrange = range` (rebar): Python 3 raises here, and
            # the program, expecting it, catches it
            self._program_raised(st)
            return UNKNOWN
        if self._bound_nowhere(node.id, st):
            self.note_certain_raise(st, "NameError: nothing in its module binds `%s`" % node.id)
            self._program_raised(st)  # NameError: `keras.layers...` in a module that never imports keras
        return UNKNOWN

    def _bound_nowhere(self, name: str, st: State) -> bool:
        """Whether nothing in the module whose code reads `name` binds it, and nothing can
        (bindings.py): the analysed module, or a module of the project or a library it follows,
        not TF's models. Python 2's builtins stay unknown values: such code may run under 2."""
        if name.startswith("__") or name in _PYTHON2_NAMES:
            return False
        tree = self.module_tree(st)
        bound = bindings.bound_names(tree) if tree is not None else None
        return bound is not None and name not in bound

    def module_tree(self, st: State) -> Optional[ast.Module]:
        """The source of the module whose code runs: the analysed one, or one of the project or a
        library it follows; None for TF's models."""
        globals_env = st.env.globals_env
        path = globals_env.vars.get(FOLLOWED_FILE)
        if isinstance(path, str):
            return loader.parse_module(path)
        return self.tree if globals_env is self.module_env else None

    def defining_module_name(self, env: Env) -> Any:
        """`function.__module__`: the `__name__` of the module whose code defined it (`__main__`
        for the analysed file's); unknown for TF's models, named after scopelint's modules."""
        globals_env = env.globals_env
        name = globals_env.vars.get("__name__")
        read_as_source = FOLLOWED_FILE in globals_env.vars or globals_env is self.module_env
        return name if read_as_source and isinstance(name, str) else UNKNOWN

    def eval_JoinedStr(self, node: ast.JoinedStr, st: State) -> Any:
        parts: List[Any] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
            elif isinstance(value, ast.FormattedValue):
                inner = self.eval(value.value, st)
                spec = self.eval(value.format_spec, st) if value.format_spec is not None else None
                parts.append(strings.fstring_piece(inner, spec, value.conversion))
        return strings.capped(Pattern.of(*parts))

    def eval_Tuple(self, node: ast.Tuple, st: State) -> Any:
        return ListVal(self._elements(node.elts, st), is_tuple=True)

    def eval_List(self, node: ast.List, st: State) -> Any:
        return ListVal(self._elements(node.elts, st))

    def eval_Set(self, node: ast.Set, st: State) -> Any:
        items = self._elements(node.elts, st)
        known = sets.make_set(items)
        return known if known is not None else ListVal(items)

    def _elements(self, elts: Sequence[ast.expr], st: State) -> List[Any]:
        out: List[Any] = []
        for element in elts:
            if isinstance(element, ast.Starred):
                value = self.eval(element.value, st)
                items = self.iterate(value, st)
                if items is None:
                    return [UNKNOWN] * 0 + [UNKNOWN]
                out.extend(items)
            else:
                out.append(self.eval(element, st))
        return out

    def eval_Dict(self, node: ast.Dict, st: State) -> Any:
        result = DictVal({})
        for key, value in zip(node.keys, node.values):
            if key is None:
                inner = self.eval(value, st)
                if isinstance(inner, DictVal):
                    result.items.update(inner.items)
                    result.complete = result.complete and inner.complete
                else:
                    result.complete = False
                continue
            k = self.eval(key, st)
            v = self.eval(value, st)
            if (held := as_key(k)) is not NOT_A_KEY:
                result.items[held] = v
            else:
                result.complete = False
        return result

    def eval_Lambda(self, node: ast.Lambda, st: State) -> Any:
        defaults = [self.eval(d, st) for d in node.args.defaults]
        kw_defaults = [self.eval(d, st) if d is not None else MISSING for d in node.args.kw_defaults]
        return FunctionVal(node, st.env, defaults, kw_defaults, "<lambda>")

    def eval_IfExp(self, node: ast.IfExp, st: State) -> Any:
        split = alternatives.optional_name(node.test, st)
        if split is not None:  # `MPI.COMM_WORLD if MPI is not None else None`
            return alternatives.each_option(self, st, *split, lambda fork: self.eval(node, fork, keep=True))
        test = self.eval_test(node.test, st)
        if test is True:
            return self.eval(node.body, st)
        if test is False:
            return self.eval(node.orelse, st)
        values: List[Any] = []

        def path(branch: ast.expr) -> Callable[[], State]:
            def run() -> State:
                fork = st.fork(certain=False)
                values.append(self.eval(branch, fork))
                return fork
            return run

        self.join_into(st, self.run_paths([path(node.body), path(node.orelse)]))
        return join_values(values[0], values[1], alternatives=True)

    def eval_test(self, node: ast.expr, st: State) -> Optional[bool]:
        """The truth of a test (`if`, `while`, `assert`, a conditional, a comprehension's `if`):
        an `and` whose value is unknown is still false when a later operand is, an `or` true when
        one is (`if vocab_file and embed_file:` with embed_file "")."""
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            t = self.eval_test(node.operand, st)
            return None if t is None else not t
        t = truth(self.eval(node, st))
        if t is None and isinstance(node, ast.BoolOp):
            return self.decided_bool_ops.pop(node, None)
        return t

    def eval_BoolOp(self, node: ast.BoolOp, st: State) -> Any:
        is_and = isinstance(node.op, ast.And)
        self.decided_bool_ops.pop(node, None)
        value: Any = None
        for index, operand in enumerate(node.values):
            value = self.eval(operand, st)
            t = truth(value)
            if index == len(node.values) - 1:
                return value
            if t is None:
                # the rest runs only on the paths where this operand does not decide: a fork
                rest: List[Any] = []

                def evaluated() -> State:
                    fork = st.fork(certain=False)
                    rest.extend(self.eval(v, fork) for v in node.values[index + 1:])
                    return fork

                self.join_into(st, self.run_paths([evaluated, lambda: st.fork(certain=False)]))
                if all(x is value for x in rest):
                    return value
                # this operand decides the value only when it is false (and) or true (or): if a
                # later one is that too, so is the value, whichever operand it is
                if (not is_and) in [truth(x) for x in rest]:
                    self.decided_bool_ops[node] = not is_and
                return UNKNOWN
            if is_and and not t:
                return value
            if not is_and and t:
                return value
        return value

    def eval_UnaryOp(self, node: ast.UnaryOp, st: State) -> Any:
        operand = self.eval(node.operand, st)
        if isinstance(node.op, ast.Not):
            t = truth(operand)
            return UNKNOWN if t is None else (not t)
        if is_concrete(operand) and not isinstance(operand, str):
            try:
                return {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert}[
                    type(node.op)](operand)
            except Exception:
                return UNKNOWN
        if isinstance(operand, Tensor):
            return self.real_call(operator.neg, [operand], {}, st)
        if isinstance(operand, ArrayVal) and not isinstance(node.op, ast.Invert):
            # `Box(low=-high, high=high)` (gym's Pendulum): numpy's negative keeps shape and dtype
            negated = array_math.ufunc("negative", [operand], {})
            return negated if negated is not None else UNKNOWN
        return UNKNOWN

    def eval_BinOp(self, node: ast.BinOp, st: State) -> Any:
        return self.binary(node.op, self.eval(node.left, st), self.eval(node.right, st), st)

    def binary(self, op: ast.operator, left: Any, right: Any, st: State) -> Any:
        if self.python2 and isinstance(op, ast.Div) and (_is_int(left) or isinstance(left, Dimension)) and \
                (_is_int(right) or isinstance(right, Dimension)):
            op = ast.FloorDiv()  # Python 2: int / int floors (and TF 1.x's Dimension's __div__ too)
        if isinstance(op, ast.Mod) and isinstance(left, (str, Pattern)):
            return strings.percent_format(left, right)
        if isinstance(op, ast.Add) and isinstance(left, (str, Pattern)) and isinstance(right, (str, Pattern)):
            return strings.concat(left, right)
        if isinstance(op, ast.Add) and (isinstance(left, (str, Pattern)) or isinstance(right, (str, Pattern))):
            # str + unknown is a str that keeps the known side: `var.op.name + "/Adam"` is `?/Adam`
            return strings.concat(left, right) if UNKNOWN in (left, right) else UNKNOWN
        if isinstance(op, ast.Div) and (
                isinstance(left, Dimension) and isinstance(right, (int, Dimension)) or
                isinstance(right, Dimension) and isinstance(left, int)):
            try:
                return operator.truediv(left, right)
            except TypeError:  # TF 1.x's Dimension refuses it (caffe-tensorflow's `c_i / group`)
                self._program_raised(st)
                return UNKNOWN
        if isinstance(left, SetVal):
            return sets.binary(op, left, right)
        if isinstance(op, ast.Add) and (isinstance(left, IteratorVal) and isinstance(right, (ListVal, IteratorVal)) or
                                        isinstance(left, ListVal) and isinstance(right, IteratorVal)):
            # TypeError: `pairs + zip(grads, tvars)`, Python 2 code run by Python 3 (tensorflow/models'
            # adversarial_text's optimize)
            self._program_raised(st)
            return UNKNOWN
        if isinstance(left, ListVal) and isinstance(right, ListVal) and isinstance(op, ast.Add):
            if left.view or right.view:
                self._program_raised(st)  # TypeError: `d.values() + [v]`, Python 2 code run by Python 3
                return UNKNOWN
            return ListVal(left.items + right.items, left.is_tuple, left.poisoned or right.poisoned,
                           grown=left.grown or right.grown)
        if isinstance(left, ListVal) and isinstance(right, int) and isinstance(op, ast.Mult) and right < 10_000:
            return ListVal(left.items * right, left.is_tuple, left.poisoned, grown=left.grown)
        if (isinstance(left, ArrayVal) or isinstance(right, ArrayVal)) and not (
                isinstance(left, Tensor) or isinstance(right, Tensor)):
            array = array_math.binary(op, left, right)  # `filter_values * gain`
            return array if array is not None else UNKNOWN
        if is_concrete(left) and is_concrete(right) or isinstance(left, Tensor) or isinstance(right, Tensor):
            function = _BINOPS.get(type(op))
            if function is None:
                return UNKNOWN
            if isinstance(op, ast.Pow) and isinstance(right, int) and right > 64:
                return UNKNOWN
            if isinstance(op, ast.Mult) and isinstance(left, str) and isinstance(right, int) and right > 1000:
                return Pattern.of(None)
            if isinstance(left, Tensor) or isinstance(right, Tensor):
                return self.real_call(function, [left, right], {}, st)
            try:
                return strings.capped(function(left, right))
            except Exception:
                return UNKNOWN
        return UNKNOWN

    def eval_Compare(self, node: ast.Compare, st: State) -> Any:
        left = self.eval(node.left, st)
        result: Any = True
        for op, comparator in zip(node.ops, node.comparators):
            right = self.eval(comparator, st)
            outcome = self._contains(op, left, right, st, node) if isinstance(op, (ast.In, ast.NotIn)) and \
                isinstance(right, InstanceVal) else self.compare(op, left, right)
            if isinstance(outcome, (Tensor, ArrayVal)):
                return outcome if len(node.ops) == 1 else UNKNOWN  # an elementwise op, not a truth value
            if outcome is False or outcome is None:
                return outcome  # a chain stops at the first false answer, and gives it
            if outcome is UNKNOWN:
                result = UNKNOWN
            left = right
        return result

    def _contains(self, op: ast.cmpop, left: Any, right: InstanceVal, st: State, node: ast.AST) -> Any:
        """`key in hparams`: the object's own __contains__, run."""
        answer = self.call_own_method(right, "__contains__", [left], st, node)
        found = None if answer is MISSING else truth(answer)
        if found is None:
            return UNKNOWN
        return found if isinstance(op, ast.In) else not found

    def compare(self, op: ast.cmpop, left: Any, right: Any) -> Any:
        if isinstance(op, (ast.Is, ast.IsNot)):
            same = _identical(left, right)
            if same is None:
                return UNKNOWN
            return same if isinstance(op, ast.Is) else not same
        if isinstance(left, SetVal) or isinstance(right, SetVal):
            return sets.compare(op, left, right)
        if (isinstance(left, ArrayVal) or isinstance(right, ArrayVal)) and not (
                isinstance(left, Tensor) or isinstance(right, Tensor)):
            array = array_math.compare(op, left, right)
            if array is not None:
                return array
        ordered = versions.compare(op, left, right)  # `LooseVersion(tf.VERSION) >= LooseVersion('1.0.0')`
        if ordered is not None:
            return ordered
        if isinstance(op, (ast.Eq, ast.NotEq)):
            same_dtype = numpy_dtypes.equal(left, right)  # `if dtype == np.int8:`
            if same_dtype is not None:
                return same_dtype == isinstance(op, ast.Eq)
        if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(left, AddressText) and isinstance(right, AddressText):
            return (left == right) == isinstance(op, ast.Eq)  # `arg_scope_func_key(op) == key`
        if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(left, BuiltinFn) and isinstance(right, BuiltinFn):
            return (left.name == right.name) == isinstance(op, ast.Eq)  # `type(value) == dict`
        if isinstance(op, (ast.Eq, ast.NotEq)) and _tensor_class_against_other(left, right):
            return isinstance(op, ast.NotEq)  # NTM-tensorflow's Linear: `type(input_) == np.ndarray`
        if isinstance(op, (ast.Eq, ast.NotEq)) and _same_api_function(left, right):
            return isinstance(op, ast.Eq)  # `scale = (nonlinearity == tf.nn.relu)`: the default argument
        if isinstance(op, (ast.In, ast.NotIn)):
            if isinstance(right, ListVal) and is_concrete(left) and all(is_concrete(i) for i in right.items):
                found = left in right.items
            elif isinstance(right, ListVal) and right.items is not None and not right.poisoned and \
                    _class_of_identity(left) and all(_class_of_identity(i) for i in right.items):
                # `type(value) in (list, tuple)` (tflearn's to_list, of an instance of the program's)
                found = any(_same_class(left, i) for i in right.items)
            elif isinstance(right, ListVal) and right.items is not None and not right.poisoned and \
                    isinstance(left, TensorClassVal) and all(_not_a_tf_class(i) for i in right.items):
                found = False  # `type(inference) not in [list, np.array]`
            elif isinstance(right, ListVal) and not right.poisoned and not right.grown and _graph_tensor(left):
                found = _tensor_among(left, right.items)  # `placeholder not in tf.get_collection(TARGETS)`
                if found is None:
                    return UNKNOWN
            elif isinstance(right, DictVal) and (key := as_key(left)) is not NOT_A_KEY and \
                    (held := right.may_hold(key)) is not None:
                found = held
            elif isinstance(right, DictVal) and isinstance(left, Pattern) and right.complete and not right.poisoned \
                    and not any(isinstance(key, str) and left.may_equal(key) for key in right.items):
                found = False  # a name known in part that no key can be (a slot's `var.op.name`)
            elif isinstance(right, DictVal) and right.complete and not right.poisoned and not right.items and \
                    isinstance(left, (Tensor, InstanceVal)):
                # no variable or object is in an empty dict (tflib's `while result in _param_aliases`);
                # an unknown key may be in a registry filled by code the analysis did not follow
                found = False
            elif isinstance(right, str) and isinstance(left, str):
                found = left in right
            else:
                return UNKNOWN
            return found if isinstance(op, ast.In) else not found
        if isinstance(op, (ast.Eq, ast.NotEq)) and (left is _EMPTY or right is _EMPTY):
            equal = _equals_empty(right if left is _EMPTY else left)
            return UNKNOWN if equal is None else equal == isinstance(op, ast.Eq)
        if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(left, ListVal) and isinstance(right, ListVal) and \
                _plain_sequence(left) and _plain_sequence(right):
            python = self.to_python(left), self.to_python(right)  # `list(params) == ["x", "y"]`
            return (python[0] == python[1]) == isinstance(op, ast.Eq)
        if isinstance(op, _ORDERINGS) and isinstance(left, ListVal) and isinstance(right, ListVal) and \
                left.is_tuple and right.is_tuple and not left.grown and not right.grown and \
                (not _plain_sequence(left) or not _plain_sequence(right)):
            # tuples partly known, ordered by their first items that differ: `sys.version_info >=
            # (2, 7, 0)` (the SWIG wrappers' import helper), whose minor version is the user's
            return _lexicographic(op, left, right)
        if isinstance(op, _ORDERINGS) and isinstance(left, ListVal) and isinstance(right, ListVal) and \
                _plain_sequence(left) and _plain_sequence(right):
            # `(int(_version[0]), int(_version[1])) >= (1, 3)` (tensorpack's libinfo): Python's
            # lexicographic order, or its TypeError (a tuple against a list, a str against an int)
            python = self.to_python(left), self.to_python(right)
            if any(side is MISSING for side in python):
                return UNKNOWN  # a list a loop grew: its items are not all known
            try:
                return bool(_CMPOPS[type(op)](*python))
            except TypeError:
                return UNKNOWN
        if is_concrete(left) and is_concrete(right):
            try:
                answer = _CMPOPS[type(op)](left, right)
            except Exception:
                return UNKNOWN
            return None if answer is None else bool(answer)  # TF's ordering of an unknown Dimension gives None
        if isinstance(op, (ast.Eq, ast.NotEq)) and (left is None or right is None):
            # `x != None` (glow's `if logdet != None:`): a tensor, a list, an object is not None;
            # a value of a library the analysis does not read may be
            other = right if left is None else left
            if other is UNKNOWN or isinstance(other, (OpaqueVal, ModuleVal)):
                return UNKNOWN
            return isinstance(op, ast.NotEq) if not is_concrete(other) else (other is None) == isinstance(op, ast.Eq)
        if isinstance(op, (ast.Eq, ast.NotEq)) and _equal_by_identity(left) and _equal_by_identity(right) and \
                not isinstance(left, BoundMethod) and not isinstance(right, BoundMethod):  # (`a.f == a.f` is True)
            # tflearn's duplicate_identical_ops: `if ops[i] == ops[j]` of two TrainOps: neither
            # defines ==, so Python falls back to identity
            return (left is right) == isinstance(op, ast.Eq)
        if isinstance(op, (ast.Eq, ast.NotEq)) and (
                _equal_by_identity(left) and is_concrete(right) or _equal_by_identity(right) and is_concrete(left)):
            # `activation == "linear"` of a function: functions, classes and instances of classes
            # without __eq__ compare by identity, so never equal to a string or a number
            return isinstance(op, ast.NotEq)
        if isinstance(op, (ast.Eq, ast.NotEq)) and _tensor_against_scalar(left, right):
            # TF1's graph-mode Tensor and Variable compare by identity (`Tensor.__eq__` is `self is
            # other` unless TF2's equality is on), so `if tf.reduce_sum(y, 1) == pad: break` is never taken
            return isinstance(op, ast.NotEq)
        ordering = isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE))
        if ordering and (isinstance(left, Tensor) or isinstance(right, Tensor)) and \
                all(isinstance(x, Tensor) or is_concrete(x) and x is not None for x in (left, right)):
            try:
                return _CMPOPS[type(op)](left, right)  # an elementwise comparison op (`i >= j - ns + nd`)
            except Exception:
                return UNKNOWN
        return UNKNOWN

    def eval_Slice(self, node: ast.Slice, st: State) -> Any:
        parts = [self.eval(p, st) if p is not None else None for p in (node.lower, node.upper, node.step)]
        # a known Dimension bound (`x[:, :y.shape[1]]`) is its integer, as its __index__ gives it
        parts = [p.value if isinstance(p, Dimension) and isinstance(p.value, int) else p for p in parts]
        if all(p is None or isinstance(p, (int, float)) or _slice_tensor(p) for p in parts):
            # (a float bound is the subscript's TypeError, where lists and tensors raise it; a
            # tensor bound, `x[:, :tf.shape(x)[1] // 2]`, slices a tensor: subscript() reads any
            # other value's slice by a tensor as unknown)
            return slice(*parts)
        return UNKNOWN

    def eval_Starred(self, node: ast.Starred, st: State) -> Any:
        return self.eval(node.value, st)

    def eval_NamedExpr(self, node: ast.NamedExpr, st: State) -> Any:
        value = self.eval(node.value, st)
        self.assign(node.target, value, st)
        return value


def _slice_tensor(value: Any) -> bool:
    """A tensor the runtime models as a slice bound: TF folds it where it can, and a bound it
    cannot fold leaves the sliced dimensions None (runtime.tensors.slice_shape). One whose shape
    and value the analysis lost is not: TF may fold it."""
    return isinstance(value, Tensor) and not isinstance(value, (UnknownTensor, Opaque))


def _visible(value: Any) -> Any:
    """A container changed where the analysis could not follow reads as unknown."""
    if isinstance(value, (ListVal, DictVal, SetVal)) and value.poisoned:
        return UNKNOWN
    return value


def _identical(left: Any, right: Any) -> Optional[bool]:
    if left is UNKNOWN or right is UNKNOWN:
        return None
    if isinstance(left, Pattern) or isinstance(right, Pattern):
        # a string of partly unknown text (joined paths' strings: tensorpack's data_format after
        # `if tf.test.is_gpu_available()`) is no singleton: `df is not None` holds
        other = right if isinstance(left, Pattern) else left
        return False if other is None or type(other) in (bool, ReuseMode) else None
    for one, other in ((left, right), (right, left)):
        if other is None and numpy_dtypes.numpy_dtype(one) is not None:
            return False  # `dtype is None` for dtype=np.float32
    if isinstance(left, NumpyLoaded) and right is None or isinstance(right, NumpyLoaded) and left is None:
        return False
    if left is None and isinstance(right, OpResult) or right is None and isinstance(left, OpResult):
        return False  # `grad is None` of what an op made
    if isinstance(left, (ModuleVal, OpaqueVal)) or isinstance(right, (ModuleVal, OpaqueVal)):
        return None  # `models.x is None`: an attribute of an unread module may be anything
    if isinstance(left, enum.Enum) or isinstance(right, enum.Enum):
        return left is right  # an enum's members are singletons (an IntEnum's is an int besides)
    singletons = (None, True, False, AUTO_REUSE)
    if left in singletons and type(left) in (type(None), bool, ReuseMode) or \
            right in singletons and type(right) in (type(None), bool, ReuseMode):
        if isinstance(left, (InstanceVal,)) or isinstance(right, (InstanceVal,)):
            return False
        return left is right
    if isinstance(left, (int, str, float)) and isinstance(right, (int, str, float)):
        return _identical_constants(left, right)
    if isinstance(left, BuiltinFn) and isinstance(right, BuiltinFn):
        return left.name == right.name  # `type(value) is dict`: each read of `dict` is a value of its own
    if isinstance(left, ApiFn) and isinstance(right, ApiFn):
        return True if _same_api_function(left, right) else None  # (two names may be one function)
    return _same_tensor(left, right)


def _same_api_function(left: Any, right: Any) -> bool:
    """Two reads of one TF function (`tf.nn.relu`, `tf.compat.v1.nn.relu`): each read is a value
    of its own, TF's function is one object (tensorflow/models' real_nvp: convnet's
    `nonlinearity=tf.nn.relu` default, compared with `tf.nn.relu` to decide its batch norms' gamma)."""
    return isinstance(left, ApiFn) and isinstance(right, ApiFn) and \
        tf_api.canonical(left.qualname) == tf_api.canonical(right.qualname)


# CPython's cached small ints: each value one object (tf_slim's `global_step is _USE_GLOBAL_STEP`
# for its sentinel 0, learning.py)
_SMALL_INTS = range(-5, 257)


def _identical_constants(left: Any, right: Any) -> Optional[bool]:
    """`is` between numbers or strings: never for different values; for equal ones only where
    CPython keeps one object per value (a string or a large int may be two equal objects)."""
    if left != left or right != right:
        return None  # a NaN is unequal to itself, and may be the same object
    if type(left) is not type(right) or left != right:
        return False
    if type(left) is int and left in _SMALL_INTS:
        return True
    return None


def _class_of_identity(value: Any) -> bool:
    """A builtin type, or a class of the program's with no metaclass but `type`: classes whose ==
    is identity."""
    if isinstance(value, BuiltinFn):
        return True
    return isinstance(value, ClassVal) and value.node is not None and not value.node.keywords and all(
        isinstance(base, BuiltinFn) and base.name == "object" or _class_of_identity(base) for base in value.bases)


def _not_a_tf_class(value: Any) -> bool:
    """A value no class of TF's is equal to: a builtin type or function, a class of the
    program's (_class_of_identity), an object of numpy's."""
    return _class_of_identity(value) or isinstance(value, ModuleVal) and value.qualname.split(".")[0] == "numpy"


def _tensor_class_against_other(left: Any, right: Any) -> bool:
    """type() of a tensor on one side and a class no TF class equals on the other."""
    return isinstance(left, TensorClassVal) and _not_a_tf_class(right) or \
        isinstance(right, TensorClassVal) and _not_a_tf_class(left)


def _same_class(one: Any, other: Any) -> bool:
    """Two classes _class_of_identity holds: builtins by name (each read of `list` is a value of its own)."""
    if isinstance(one, BuiltinFn) and isinstance(other, BuiltinFn):
        return one.name == other.name
    return one is other


def _graph_tensor(value: Any) -> bool:
    """A tensor or variable of the graph (not the result of an API the analysis does not model,
    which may be any object)."""
    return isinstance(value, Tensor) and not isinstance(value, Opaque)


def _tensor_among(tensor: Tensor, items: List[Any]) -> Optional[bool]:
    """`tensor in items`: a graph-mode tensor's == is identity, and a tensor's or a plain value's
    == with a tensor defers to it, so the tensor is there when it is one of the items and is
    not when the others are all tensors or plain values; None when some other object's __eq__
    would answer."""
    same = [_same_tensor(item, tensor) for item in items]
    if True in same:
        return True
    if None in same:
        return None
    if all(_graph_tensor(item) or isinstance(item, (int, float, str, bytes, type(None))) for item in items):
        return False
    return None


def _same_tensor(left: Any, right: Any) -> Optional[bool]:
    """`left is right`, where each read of a collection wraps its stored variables anew: two
    wrappers of one stored variable are one TF variable (ptn's `is_trainable = lambda x: x in
    tf.trainable_variables()`); of two records of one name (paths joined, or another graph's),
    the analysis cannot tell."""
    if left is right:
        return True
    if isinstance(left, VarVal) and isinstance(right, VarVal):
        if left == right:
            return True
        if isinstance(left.record.key, str) and left.record.key == right.record.key:
            return None
    return False


def _equal_by_identity(value: Any) -> bool:
    """A value of the program's whose `==` is identity: a function, a class, or an instance of a
    class (of the program's) that defines no __eq__."""
    if isinstance(value, (FunctionVal, BoundMethod)):
        return True
    if isinstance(value, InstanceVal):
        return value.cls.lookup("__eq__") is MISSING and all(isinstance(base, ClassVal) for base in value.cls.bases)
    return False


def _tensor_against_scalar(left: Any, right: Any) -> bool:
    """A tensor on one side, a plain Python scalar (not an array, not another tensor) on the other."""
    for tensor, other in ((left, right), (right, left)):
        if isinstance(tensor, Tensor) and type(other) in (int, float, bool, str, bytes):
            return True
    return False


_EMPTY = inspect.Parameter.empty


def _equals_empty(other: Any) -> Optional[bool]:
    """`param.default == param.empty`: the sentinel class equals only itself, unless the other
    side's own __eq__ (an instance's, a tensor's) or value is unknown."""
    if other is _EMPTY:
        return True
    if is_concrete(other) or isinstance(other, (ListVal, DictVal, SetVal, FunctionVal, ClassVal, SignatureVal,
                                                ParameterVal)):
        return False
    return None


_ORDERINGS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _lexicographic(op: ast.cmpop, left: ListVal, right: ListVal) -> Any:
    """Python's order of two tuples, where it is decided before their first unknown item."""
    if left.poisoned or right.poisoned:
        return UNKNOWN
    for a, b in zip(left.items, right.items):
        if not _plain_item(a) or not _plain_item(b):
            return UNKNOWN
        if a != b:
            try:
                return bool(_CMPOPS[type(op)](a, b))
            except TypeError:
                return UNKNOWN
    return bool(_CMPOPS[type(op)](len(left.items), len(right.items)))


def _plain_item(value: Any) -> bool:
    return is_concrete(value) and not isinstance(value, (TensorShape, Dimension))


def _plain_sequence(value: ListVal) -> bool:
    """A list or tuple of known plain items (numbers, strings, None, such lists): its == is Python's."""
    return not value.poisoned and all(
        _plain_sequence(item) if isinstance(item, ListVal) else is_concrete(item) and not isinstance(item, (
            TensorShape, Dimension)) for item in value.items)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
