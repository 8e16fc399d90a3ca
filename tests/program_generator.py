"""Random TF1-style programs for differential testing (hypothesis strategies).

`programs()` draws the source text of a small, valid, deterministic TF1 program
(`import tensorflow as tf` at the top) from this grammar:

- nested `with tf.variable_scope(NAME, reuse=R)`, where NAME is a literal, a string built
  with %, .format, an f-string, "+" or str.join from loop variables, parameters and
  constants, a variable holding such a string, `s.name` of a captured scope, or a captured
  scope object (`as s`) re-entered later; R is None, True, False, tf.AUTO_REUSE, a
  function parameter, a loop-derived bool (`i > 0`), `self.built`, or read back from
  `tf.get_variable_scope().reuse`;
- `tf.variable_scope(None, default_name=...)`, `default_name` beside a name,
  `auxiliary_name_scope=False`, custom getters, entering `tf.get_variable_scope()`,
  a `tf.variable_scope(...)` object entered twice, `tf.name_scope` (also absolute,
  `s.original_name_scope`);
- `tf.get_variable(name, shape)` with small literal or parameter shapes (colliding names,
  mismatching shapes, `dtype=tf.int32`, a missing shape, initializers, partitioners),
  `tf.get_local_variable`, `tf.Variable(tf.zeros([2]), name=...)`, `tf.cond`,
  `tf.make_template`;
- `tf.get_variable_scope().reuse_variables()` and `s.reuse_variables()`;
- helper functions `def helperN(name, reuse=False, units=2)` (bodies from this grammar,
  `if` on their parameters, calls to earlier helpers), each called 1-3 times with varying
  arguments; small layer classes with a `build` method and a `built` flag;
- `for i in range(K)` (K = 1..3) and `for n in [...]` loops, `if` on constants, loop
  variables and parameters whose values are known, and the odd `try/except ValueError`.

Every name a statement reads is bound on every path that reaches it (no NameError), loops
always run, and nothing depends on hashing, time or randomness. A program may raise a
scope error: which one, and where, is part of what the differential tests compare.
"""

from __future__ import annotations

from typing import Any, List, Tuple

from hypothesis import strategies as st

SCOPE_NAMES = ["a", "b", "B", "blk", "blk_1", "enc", "x/y", "w"]
VAR_NAMES = ["w", "b", "W", "kernel", "x/y", "blk", "Variable", "cond", "zeros"]
DEFAULT_NAMES = ["blk", "a", "b", "B", "enc"]
REUSE = ["None", "None", "True", "False", "False", "tf.AUTO_REUSE", "tf.AUTO_REUSE"]
SHAPES = ["[]", "[1]", "[2]", "[2, 3]", "[3, 2]"]
MAX_DEPTH = 3


class Ctx:
    """What the next statement may read: names bound on every path to it."""

    def __init__(self) -> None:
        self.counter = 0
        self.helpers: List[Tuple[str, int]] = []  # (function name, number of helpers defined before it)
        self.blocks: List[str] = []  # helpers `blockN(scope, reuse=None)` that return their scope object
        self.classes: List[str] = []
        self.ints: List[str] = []  # int-valued names: loop variables, `units`, `self.units`
        self.strs: List[str] = []  # str-valued names: `name`, string variables, `for n in [...]`
        self.reuses: List[str] = []  # names holding a valid reuse value (`reuse`)
        self.bools: List[str] = []  # conditions whose value is known at each point
        self.scopes: List[str] = []  # captured VariableScope objects
        self.open_scopes: List[str] = []  # `as` targets of the scopes we are inside
        self.managers: List[str] = []  # tf.variable_scope(...) objects not yet entered
        self.instances: List[str] = []  # layer objects
        self.in_function = False

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    _LISTS = ("ints", "strs", "reuses", "bools", "scopes", "open_scopes", "managers", "instances")

    def save(self) -> Tuple[Any, ...]:
        return tuple(list(getattr(self, name)) for name in self._LISTS) + (self.in_function,)

    def restore(self, saved: Tuple[Any, ...]) -> None:
        for name, value in zip(self._LISTS, saved):
            setattr(self, name, list(value))
        self.in_function = saved[-1]


# ---------------------------------------------------------------------------- expressions

def _lit(draw: Any, pool: List[str]) -> str:
    return '"%s"' % draw(st.sampled_from(pool))


def _int_expr(draw: Any, ctx: Ctx) -> str:
    """A small positive int: a literal, or from a parameter or loop variable."""
    choices = ["lit", "lit"] + (["var", "var", "plus"] if ctx.ints else [])
    kind = draw(st.sampled_from(choices))
    if kind == "lit":
        return str(draw(st.integers(1, 3)))
    var = draw(st.sampled_from(ctx.ints))
    if kind == "var":
        return "%s + 1" % var if _is_loop_var(var) else var
    return "%s + %d" % (var, draw(st.integers(1, 2)))


def _is_loop_var(name: str) -> bool:
    return name.startswith("i") and name[1:].isdigit()


def _shape(draw: Any, ctx: Ctx) -> str:
    kind = draw(st.sampled_from(["lit"] * 4 + ["param", "scalar_int"]))
    if kind == "lit":
        return draw(st.sampled_from(SHAPES))
    if kind == "scalar_int":
        return str(draw(st.integers(1, 3)))  # shape=3 means [3]
    if draw(st.booleans()):
        return "[%s]" % _int_expr(draw, ctx)
    return "[%s, %s]" % (_int_expr(draw, ctx), _int_expr(draw, ctx))


def _str_expr(draw: Any, ctx: Ctx, pool: List[str]) -> str:
    """A name: a literal, or a string built from what is in reach."""
    styles = ["lit", "lit", "const_percent", "const_plus"]
    if ctx.ints:
        styles += ["int_percent", "int_format", "int_fstring", "int_plus", "int_join"]
    if ctx.strs:
        styles += ["str", "str", "str_percent", "str_format", "str_fstring", "str_plus"]
    if ctx.scopes or ctx.open_scopes:
        styles += ["scope_name"]
    if any(_is_loop_var(v) for v in ctx.ints):
        styles += ["index"]
    styles += ["ifexp"]
    style = draw(st.sampled_from(styles))
    base = draw(st.sampled_from(pool))
    if style == "lit":
        return '"%s"' % base
    if style == "index":  # loop variables stay below 3
        items = [draw(st.sampled_from(pool)) for _ in range(3)]
        return "%r[%s]" % (items, draw(st.sampled_from([v for v in ctx.ints if _is_loop_var(v)])))
    if style == "ifexp":
        return '"%s" if %s else "%s"' % (base, _condition(draw, ctx), draw(st.sampled_from(pool)))
    if style == "const_percent":
        return '"%%s_%%d" %% ("%s", %d)' % (base, draw(st.integers(0, 2)))
    if style == "const_plus":
        return '"%s" + "%s"' % (base, draw(st.sampled_from(["", "_1", "/a", "2"])))
    if style.startswith("int_"):
        var = draw(st.sampled_from(ctx.ints))
        if style == "int_percent":
            return '"%s_%%d" %% %s' % (base, var)
        if style == "int_format":
            return '"%s_{}".format(%s)' % (base, var)
        if style == "int_fstring":
            return 'f"%s_{%s}"' % (base, var)
        if style == "int_plus":
            return '"%s_" + str(%s)' % (base, var)
        return '"_".join(["%s", str(%s)])' % (base, var)
    if style.startswith("str"):
        var = draw(st.sampled_from(ctx.strs))
        if style == "str":
            return var
        if style == "str_percent":
            return '"%%s/%s" %% %s' % (base, var)
        if style == "str_format":
            return '"{}_%s".format(%s)' % (base, var)
        if style == "str_fstring":
            return 'f"{%s}_%s"' % (var, base)
        return '%s + "_%s"' % (var, base)
    # scope_name: the *string* name of a captured scope (resolved relative to the current scope)
    scope = draw(st.sampled_from(ctx.scopes + ctx.open_scopes))
    if draw(st.booleans()):
        return "%s.name" % scope
    return '%s.name + "_%s"' % (scope, base)


def _reuse_expr(draw: Any, ctx: Ctx) -> str:
    styles = ["lit"] * 5 + ["from_scope"]
    if ctx.reuses:
        styles += ["param"] * 3
    loop_vars = [v for v in ctx.ints if _is_loop_var(v)]
    if loop_vars:
        styles += ["loop"] * 2
    style = draw(st.sampled_from(styles))
    if style == "lit":
        return draw(st.sampled_from(REUSE))
    if style == "param":
        return draw(st.sampled_from(ctx.reuses))
    if style == "from_scope":
        return draw(st.sampled_from(["tf.get_variable_scope().reuse or None",
                                     "tf.get_variable_scope().reuse"]))
    var = draw(st.sampled_from(loop_vars))
    return draw(st.sampled_from(["%s > 0" % var, "bool(%s)" % var, "tf.AUTO_REUSE if %s else None" % var,
                                 "(%s > 0) or None" % var]))


def _condition(draw: Any, ctx: Ctx) -> str:
    conds = ["True", "False", "1 > 2", "len('ab') == 2"]
    for var in ctx.ints:
        conds += ["%s == 0" % var if _is_loop_var(var) else "%s > 1" % var, "%s %% 2 == 1" % var]
    for var in ctx.reuses:
        conds += [var, "not %s" % var, "%s is True" % var]
    for var in ctx.strs:
        conds += ['%s == "a"' % var, '%s.startswith("b")' % var]
    return draw(st.sampled_from(conds))


# ---------------------------------------------------------------------------- statements

def _block(draw: Any, ctx: Ctx, depth: int, indent: str, low: int = 1, high: int = 3) -> List[str]:
    lines: List[str] = []
    for _ in range(draw(st.integers(low, high))):
        lines.extend(_statement(draw, ctx, depth, indent))
    return lines


def _scoped_block(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    """A block whose bindings do not leak (the body of an `if`, `else` or `try`)."""
    saved = ctx.save()
    lines = _block(draw, ctx, depth, indent)
    ctx.restore(saved)
    return lines


def _with_body(draw: Any, ctx: Ctx, depth: int, indent: str, header: str, capture: str = "") -> List[str]:
    """`with HEADER [as capture]:` and a body; the capture is readable inside and after it."""
    if draw(st.integers(0, 9)) == 0 and header.endswith(")"):  # rarely: a header over two lines
        call, _, rest = header.partition("(")
        header = "%s(\n%s        %s" % (call, indent, rest)
    lines = [indent + "with %s%s:" % (header, " as %s" % capture if capture else "")]
    if capture:
        ctx.open_scopes.append(capture)
    lines += _block(draw, ctx, depth + 1, indent + "    ")
    if capture:
        ctx.open_scopes.remove(capture)
        ctx.scopes.append(capture)
    return lines


def _maybe_capture(draw: Any, ctx: Ctx) -> str:
    return ctx.fresh("s") if draw(st.integers(0, 2)) == 0 else ""


STATEMENT_KINDS = ["get_variable"] * 6 + ["tf_variable"] * 2 + [
    "initialized", "partitioned", "local", "cond", "reuse_variables", "str_var", "reuse_var", "current_scope",
    "comprehension"]
NESTING_KINDS = ["scope"] * 5 + ["default_scope"] * 2 + [
    "name_scope", "loop", "loop", "while", "if", "aux_scope", "default_with_name", "root_object", "manager",
    "getter_scope", "template_call", "closures", "try"]


def _statement(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    kinds = list(STATEMENT_KINDS)
    if depth < MAX_DEPTH:
        kinds += NESTING_KINDS
        if ctx.scopes:
            kinds += ["reenter", "reenter", "scope_name_scope"]
        if ctx.helpers:
            kinds += ["call_helper"] * 3
        if ctx.blocks:
            kinds += ["call_block"] * 2
        if ctx.instances:
            kinds += ["call_instance"] * 2
        if ctx.classes and not ctx.in_function:
            kinds += ["new_instance"]
    if ctx.scopes or ctx.open_scopes:
        kinds += ["scope_reuse_variables"]
    kind = draw(st.sampled_from(kinds))
    return globals()["_stmt_" + kind](draw, ctx, depth, indent)


def _stmt_get_variable(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    name = _str_expr(draw, ctx, VAR_NAMES)
    dtype = draw(st.sampled_from(["", "", "", ", dtype=tf.int32", ", dtype=tf.float32"]))
    form = draw(st.sampled_from(["positional"] * 20 + ["keywords"] * 5 + ["multiline"] * 3 + ["no_shape"]))
    if form == "no_shape":
        return [indent + "tf.get_variable(%s%s)" % (name, dtype)]
    shape = _shape(draw, ctx)
    if form == "keywords":
        return [indent + "tf.get_variable(name=%s, shape=%s%s)" % (name, shape, dtype)]
    if form == "multiline":
        return [indent + "tf.get_variable(", indent + "    %s," % name, indent + "    %s%s)" % (shape, dtype)]
    return [indent + "tf.get_variable(%s, %s%s)" % (name, shape, dtype)]


def _stmt_initialized(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    # (constant_initializer's value is an integer: any dtype takes it, the explicit one or the
    # scope's; 0.5 as an int32 is TF's own TypeError, not a scope error)
    init = draw(st.sampled_from(["tf.constant([1.0, 2.0])", "tf.constant(3)", "tf.zeros_initializer()",
                                 "tf.constant_initializer(2)", "tf.constant([[1, 2]], dtype=tf.float64)"]))
    shape = "" if init.startswith("tf.constant(") else ", %s" % draw(st.sampled_from(SHAPES[1:4]))
    dtype = draw(st.sampled_from(["", "", ", dtype=tf.float64", ", dtype=tf.int32"]))
    return [indent + "tf.get_variable(%s%s, initializer=%s%s)" % (_str_expr(draw, ctx, VAR_NAMES), shape, init, dtype)]


def _stmt_partitioned(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    rows = draw(st.integers(1, 6))
    if draw(st.booleans()):
        extra = draw(st.sampled_from(["", ", partitioner=None"]))
    else:
        extra = ", partitioner=tf.fixed_size_partitioner(%d)" % draw(st.integers(1, 4))
    return [indent + "tf.get_variable(%s, [%d, 2]%s)" % (_str_expr(draw, ctx, VAR_NAMES), rows, extra)]


def _stmt_local(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    return [indent + "tf.get_local_variable(%s, %s)" % (_str_expr(draw, ctx, VAR_NAMES), _shape(draw, ctx))]


def _stmt_cond(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    return [indent + "tf.cond(tf.placeholder(tf.bool, []), lambda: tf.get_variable(%s, [1]), "
            "lambda: tf.get_variable(%s, [1]))" % (_str_expr(draw, ctx, VAR_NAMES), _str_expr(draw, ctx, VAR_NAMES))]


def _stmt_tf_variable(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    shape = draw(st.sampled_from(SHAPES))
    kind = draw(st.sampled_from(["named", "named", "unnamed", "int"]))
    if kind == "unnamed":
        return [indent + "tf.Variable(tf.zeros(%s))" % shape]
    if kind == "int":
        name = _str_expr(draw, ctx, VAR_NAMES)
        return [indent + "tf.Variable(tf.zeros(%s, dtype=tf.int32), name=%s)" % (shape, name)]
    return [indent + "tf.Variable(tf.zeros(%s), name=%s)" % (shape, _str_expr(draw, ctx, VAR_NAMES))]


def _stmt_reuse_variables(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    return [indent + "tf.get_variable_scope().reuse_variables()"]


def _stmt_scope_reuse_variables(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    return [indent + "%s.reuse_variables()" % draw(st.sampled_from(ctx.scopes + ctx.open_scopes))]


def _stmt_str_var(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    var = ctx.fresh("n")
    value = _str_expr(draw, ctx, SCOPE_NAMES + VAR_NAMES)
    ctx.strs.append(var)
    lines = [indent + "%s = %s" % (var, value)]
    if draw(st.integers(0, 3)) == 0:
        lines.append(indent + '%s += "%s"' % (var, draw(st.sampled_from(["_1", "/a", "2"]))))
    return lines


def _stmt_reuse_var(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    var = ctx.fresh("r")
    line = indent + "%s = %s" % (var, _reuse_expr(draw, ctx))
    ctx.reuses.append(var)
    return [line]


def _stmt_current_scope(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    """The current scope object itself (the root at top level), not a copy."""
    var = ctx.fresh("s")
    ctx.scopes.append(var)
    return [indent + "%s = tf.get_variable_scope()" % var]


def _stmt_comprehension(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    var = ctx.fresh("i")
    ctx.ints.append(var)
    name = _str_expr(draw, ctx, VAR_NAMES)
    shape = _shape(draw, ctx)
    ctx.ints.remove(var)
    return [indent + "%s = [tf.get_variable(%s, %s) for %s in range(%d)]" % (
        ctx.fresh("v"), name, shape, var, draw(st.integers(1, 3)))]


def _stmt_while(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    var = ctx.fresh("i")
    ctx.ints.append(var)
    body = _block(draw, ctx, depth + 1, indent + "    ")
    ctx.ints.remove(var)
    return [indent + "%s = 0" % var, indent + "while %s < %d:" % (var, draw(st.integers(1, 3)))] + body + \
        [indent + "    %s += 1" % var]


def _stmt_closures(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    """Functions made in a loop and called after it: a lambda reads the loop variable's last
    value (late binding) unless it was bound as a default argument."""
    fns, var, fn = ctx.fresh("fns"), ctx.fresh("i"), ctx.fresh("f")
    ctx.ints.append(var)
    if ctx.helpers and draw(st.booleans()):
        helper, _ = draw(st.sampled_from(ctx.helpers))
        call = "%s(%s)" % (helper, _helper_args(draw, ctx))
    else:
        call = "tf.get_variable(%s, %s)" % (_str_expr(draw, ctx, VAR_NAMES), _shape(draw, ctx))
    ctx.ints.remove(var)
    bind = "%s=%s" % (var, var) if draw(st.booleans()) else ""
    lines = [indent + "%s = []" % fns, indent + "for %s in range(%d):" % (var, draw(st.integers(1, 3))),
             indent + "    %s.append(lambda %s: %s)" % (fns, bind, call)]
    call_indent = indent
    if depth + 1 < MAX_DEPTH and draw(st.booleans()):
        lines.append(indent + "with tf.variable_scope(%s, reuse=%s):" % (_str_expr(draw, ctx, SCOPE_NAMES),
                                                                         _reuse_expr(draw, ctx)))
        call_indent = indent + "    "
    return lines + [call_indent + "for %s in %s:" % (fn, fns), call_indent + "    %s()" % fn]


def _stmt_call_block(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    block = draw(st.sampled_from(ctx.blocks))
    if ctx.scopes and draw(st.booleans()):
        target = draw(st.sampled_from(ctx.scopes))
    else:
        target = _str_expr(draw, ctx, SCOPE_NAMES)
    args = target if draw(st.booleans()) else "%s, reuse=%s" % (target, _reuse_expr(draw, ctx))
    if draw(st.booleans()):
        var = ctx.fresh("s")
        ctx.scopes.append(var)
        return [indent + "%s = %s(%s)" % (var, block, args)]
    return [indent + "%s(%s)" % (block, args)]


def _stmt_scope(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    name = _str_expr(draw, ctx, SCOPE_NAMES + ([""] if draw(st.integers(0, 15)) == 0 else []))
    form = draw(st.sampled_from(["reuse"] * 6 + ["plain", "plain", "keyword", "dtype", "initializer"]))
    if form == "plain":
        header = "tf.variable_scope(%s)" % name
    elif form == "dtype":
        header = "tf.variable_scope(%s, dtype=%s)" % (name, draw(st.sampled_from(["tf.int32", "tf.float64"])))
    elif form == "initializer":
        header = "tf.variable_scope(%s, initializer=%s)" % (name, draw(st.sampled_from(
            ["tf.zeros_initializer()", "tf.constant_initializer(1)", "tf.ones_initializer()"])))
    elif form == "keyword":
        header = "tf.variable_scope(name_or_scope=%s, reuse=%s)" % (name, _reuse_expr(draw, ctx))
    else:
        header = "tf.variable_scope(%s, reuse=%s)" % (name, _reuse_expr(draw, ctx))
    return _with_body(draw, ctx, depth, indent, header, _maybe_capture(draw, ctx))


def _stmt_reenter(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    scope = draw(st.sampled_from(ctx.scopes))
    form = draw(st.integers(0, 5))
    if form == 0:
        header = "tf.variable_scope(%s)" % scope
    elif form == 1:
        header = "tf.variable_scope(%s, auxiliary_name_scope=False)" % scope
    else:
        header = "tf.variable_scope(%s, reuse=%s)" % (scope, _reuse_expr(draw, ctx))
    return _with_body(draw, ctx, depth, indent, header, _maybe_capture(draw, ctx))


def _stmt_default_scope(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    default = _lit(draw, DEFAULT_NAMES) if draw(st.integers(0, 3)) else _str_expr(draw, ctx, DEFAULT_NAMES)
    form = draw(st.sampled_from(["keyword"] * 4 + ["positional"] * 3 + ["reuse"]))
    if form == "positional":
        header = "tf.variable_scope(None, %s)" % default
    elif form == "reuse":  # reuse=True here is an error TF raises; False and None are fine
        header = "tf.variable_scope(None, default_name=%s, reuse=%s)" % (default, _reuse_expr(draw, ctx))
    else:
        header = "tf.variable_scope(None, default_name=%s)" % default
    return _with_body(draw, ctx, depth, indent, header, _maybe_capture(draw, ctx))


def _stmt_default_with_name(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    header = "tf.variable_scope(%s, default_name=%s, reuse=%s)" % (
        _str_expr(draw, ctx, SCOPE_NAMES), _lit(draw, DEFAULT_NAMES), _reuse_expr(draw, ctx))
    return _with_body(draw, ctx, depth, indent, header)


def _stmt_aux_scope(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    header = "tf.variable_scope(%s, auxiliary_name_scope=False)" % _str_expr(draw, ctx, SCOPE_NAMES)
    return _with_body(draw, ctx, depth, indent, header)


def _stmt_root_object(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    header = "tf.variable_scope(tf.get_variable_scope(), reuse=%s)" % _reuse_expr(draw, ctx)
    return _with_body(draw, ctx, depth, indent, header, _maybe_capture(draw, ctx))


def _stmt_manager(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    """A tf.variable_scope(...) object kept in a variable and entered once or twice."""
    var = ctx.fresh("vs")
    lines = [indent + "%s = tf.variable_scope(%s, reuse=%s)" % (var, _str_expr(draw, ctx, SCOPE_NAMES),
                                                                _reuse_expr(draw, ctx))]
    for _ in range(draw(st.integers(1, 2))):
        lines += [indent + "with %s:" % var] + _block(draw, ctx, depth + 1, indent + "    ")
    return lines


def _stmt_getter_scope(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    suffix = draw(st.sampled_from(["_a", "/ema"]))
    name = ctx.fresh("getter")
    lines = [indent + "def %s(getter, name, *args, **kwargs):" % name,
             indent + '    return getter(name + "%s", *args, **kwargs)' % suffix]
    header = "tf.variable_scope(%s, custom_getter=%s, reuse=%s)" % (_str_expr(draw, ctx, SCOPE_NAMES), name,
                                                                    _reuse_expr(draw, ctx))
    return lines + _with_body(draw, ctx, depth, indent, header)


def _stmt_template_call(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    name = ctx.fresh("tmpl")
    unique = draw(st.sampled_from(["", "", ', unique_name_="shared_tmpl"']))
    shape, template_name = draw(st.sampled_from(SHAPES)), draw(st.sampled_from(DEFAULT_NAMES))
    lines = [indent + "def %s_fn():" % name, indent + '    return tf.get_variable("w", %s)' % shape,
             indent + '%s = tf.make_template("%s", %s_fn%s)' % (name, template_name, name, unique)]
    lines += [indent + "%s()" % name for _ in range(draw(st.integers(1, 3)))]
    return lines


def _stmt_name_scope(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    form = draw(st.integers(0, 7))
    if form == 0:
        header = 'tf.name_scope("%s")' % draw(st.sampled_from(["a/", "a/b/", "blk/"]))  # absolute
    elif form == 1:
        header = "tf.name_scope(None, default_name=%s)" % _lit(draw, DEFAULT_NAMES)
    else:
        header = "tf.name_scope(%s)" % _str_expr(draw, ctx, SCOPE_NAMES)
    return _with_body(draw, ctx, depth, indent, header)


def _stmt_scope_name_scope(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    header = "tf.name_scope(%s.original_name_scope)" % draw(st.sampled_from(ctx.scopes))
    return _with_body(draw, ctx, depth, indent, header)


def _stmt_loop(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    if draw(st.integers(0, 3)) == 0:
        var = ctx.fresh("n")
        items = draw(st.lists(st.sampled_from(SCOPE_NAMES), min_size=1, max_size=3))
        header = "for %s in %r:" % (var, items)
        ctx.strs.append(var)
        body = _block(draw, ctx, depth + 1, indent + "    ")
        ctx.strs.remove(var)  # only read inside its loop
        return [indent + header] + body
    var = ctx.fresh("i")
    ctx.ints.append(var)
    body = _block(draw, ctx, depth + 1, indent + "    ")
    ctx.ints.remove(var)
    return [indent + "for %s in range(%d):" % (var, draw(st.integers(1, 3)))] + body


def _stmt_if(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    lines = [indent + "if %s:" % _condition(draw, ctx)] + _scoped_block(draw, ctx, depth + 1, indent + "    ")
    if draw(st.booleans()):
        lines += [indent + "else:"] + _scoped_block(draw, ctx, depth + 1, indent + "    ")
    return lines


def _stmt_try(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    return [indent + "try:"] + _scoped_block(draw, ctx, depth + 1, indent + "    ") + \
        [indent + "except ValueError:", indent + "    pass"]


def _helper_args(draw: Any, ctx: Ctx, literal_only: bool = False) -> str:
    if literal_only:
        saved = ctx.save()
        ctx.restore(Ctx().save())
    name = _str_expr(draw, ctx, SCOPE_NAMES)
    reuse = _reuse_expr(draw, ctx) if draw(st.booleans()) else None
    units = _int_expr(draw, ctx) if draw(st.booleans()) else None
    form = draw(st.sampled_from(["keywords"] * 6 + ["positional", "dict", "star"]))
    if literal_only:
        ctx.restore(saved)
    if form == "positional":  # helper(name, reuse, units)
        return ", ".join([name, reuse or "False"] + ([units] if units else []))
    if form == "dict":
        items = ['"name": %s' % name] + (['"reuse": %s' % reuse] if reuse else []) + \
            (['"units": %s' % units] if units else [])
        return "**{%s}" % ", ".join(items)
    args = [name if draw(st.integers(0, 3)) else "name=%s" % name]
    if form == "star":
        args = ["*[%s]" % name]
    if reuse:
        args.append("reuse=%s" % reuse)
    if units:
        args.append("units=%s" % units)
    return ", ".join(args)


def _stmt_call_helper(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    helper, _ = draw(st.sampled_from(ctx.helpers))
    return [indent + "%s(%s)" % (helper, _helper_args(draw, ctx))]


def _stmt_new_instance(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    var = ctx.fresh("layer")
    cls = draw(st.sampled_from(ctx.classes))
    line = indent + "%s = %s(%s, units=%s)" % (var, cls, _str_expr(draw, ctx, SCOPE_NAMES), _int_expr(draw, ctx))
    ctx.instances.append(var)
    return [line]


def _stmt_call_instance(draw: Any, ctx: Ctx, depth: int, indent: str) -> List[str]:
    return [indent + "%s()" % draw(st.sampled_from(ctx.instances))]


# ---------------------------------------------------------------------------- definitions

def _helper_def(draw: Any, ctx: Ctx) -> List[str]:
    name = ctx.fresh("helper")
    saved = ctx.save()
    ctx.restore(Ctx().save())
    ctx.in_function, ctx.strs, ctx.ints, ctx.reuses = True, ["name"], ["units"], ["reuse"]
    earlier = list(ctx.helpers)
    lines = ["def %s(name, reuse=False, units=2):" % name]
    opener = draw(st.sampled_from(["name", "name", "default", "none"]))
    if opener == "name":
        lines.append("    with tf.variable_scope(name, reuse=reuse):")
    elif opener == "default":
        lines.append("    with tf.variable_scope(None, default_name=name):")
    body_indent = "        " if opener != "none" else "    "
    body: List[str] = []
    if opener == "none" or draw(st.booleans()):
        body.append(body_indent + "tf.get_variable(%s, [units])" % ('"w"' if opener != "none" else "name"))
    body += _block(draw, ctx, 1, body_indent, low=0 if body else 1, high=3)
    if earlier and draw(st.booleans()):  # a call to an earlier helper, under a derived name
        callee, _ = draw(st.sampled_from(earlier))
        body.append(body_indent + "%s(%s)" % (callee, _helper_args(draw, ctx)))
    lines += body
    if draw(st.integers(0, 3)) == 0:
        lines.append(body_indent + "return tf.get_variable_scope().name")
    ctx.restore(saved)
    ctx.helpers.append((name, len(earlier)))
    return lines


def _block_def(draw: Any, ctx: Ctx) -> List[str]:
    """`def blockN(scope, reuse=None)`: builds under SCOPE (a string or a scope object) and
    returns the scope object it built in."""
    name = ctx.fresh("block")
    saved = ctx.save()
    ctx.restore(Ctx().save())
    ctx.in_function, ctx.reuses = True, ["reuse"]
    default = draw(st.booleans())
    lines = ["def %s(scope, reuse=None):" % name]
    if default and draw(st.booleans()):  # default_name when called with scope=None... never: always given
        lines.append('    with tf.variable_scope(scope, default_name="blk", reuse=reuse) as sc:')
    else:
        lines.append("    with tf.variable_scope(scope, reuse=reuse) as sc:")
    ctx.open_scopes.append("sc")
    lines += _block(draw, ctx, 1, "        ", low=1, high=3)
    lines.append("    return sc")
    ctx.restore(saved)
    ctx.blocks.append(name)
    return lines


def _class_def(draw: Any, ctx: Ctx) -> List[str]:
    name = ctx.fresh("Layer")
    saved = ctx.save()
    ctx.restore(Ctx().save())
    ctx.in_function, ctx.strs, ctx.ints = True, ["self.name"], ["self.units"]
    reuse = draw(st.sampled_from(["self.built", "self.built or None", "tf.AUTO_REUSE", "None"]))
    lines = ["class %s(object):" % name,
             "    def __init__(self, name, units=2):",
             "        self.name = name",
             "        self.units = units",
             "        self.built = False",
             "",
             "    def build(self):",
             '        tf.get_variable("kernel", [self.units, 2])']
    lines += _block(draw, ctx, 2, "        ", low=0, high=2)
    if draw(st.integers(0, 2)) == 0:  # keep the scope object of the first call and re-enter it
        lines[5:5] = ["        self.scope = None"]
        lines += ["",
                  "    def __call__(self):",
                  "        if self.scope is None:",
                  "            with tf.variable_scope(self.name) as scope:",
                  "                self.scope = scope",
                  "                self.build()",
                  "        else:",
                  "            with tf.variable_scope(self.scope, reuse=%s):" % draw(st.sampled_from(REUSE)),
                  "                self.build()",
                  "        self.built = True"]
    else:
        lines += ["",
                  "    def __call__(self):",
                  "        with tf.variable_scope(self.name, reuse=%s):" % reuse,
                  "            self.build()",
                  "        self.built = True"]
    ctx.restore(saved)
    ctx.classes.append(name)
    return lines


@st.composite
def programs(draw: Any) -> str:
    ctx = Ctx()
    lines = ["import tensorflow as tf", ""]
    for _ in range(draw(st.integers(0, 3))):
        lines += [""] + _helper_def(draw, ctx) + [""]
    if draw(st.integers(0, 2)) == 0:
        lines += [""] + _block_def(draw, ctx) + [""]
    if draw(st.integers(0, 3)) == 0:
        lines += [""] + _class_def(draw, ctx) + [""]
    chunks = [_statement(draw, ctx, 0, "") for _ in range(draw(st.integers(1, 5)))]
    # Every helper is called 1-3 times from the module body with literal arguments (placed
    # anywhere), besides the calls the grammar itself draws.
    for helper, _ in ctx.helpers:
        for _ in range(draw(st.integers(1, 3))):
            position = draw(st.integers(0, len(chunks)))
            chunks.insert(position, ["%s(%s)" % (helper, _helper_args(draw, ctx, literal_only=True))])
    for cls in ctx.classes:  # and every class gets an instance, called 1-3 times after its creation
        var = ctx.fresh("layer")
        position = draw(st.integers(0, len(chunks)))
        scope_name, units = _lit(draw, SCOPE_NAMES), draw(st.integers(1, 3))
        chunks.insert(position, ['%s = %s(%s, units=%d)' % (var, cls, scope_name, units)])
        for _ in range(draw(st.integers(1, 3))):
            chunks.insert(draw(st.integers(position + 1, len(chunks))), ["%s()" % var])
    for chunk in chunks:
        lines.extend(chunk)
    return "\n".join(lines) + "\n"
