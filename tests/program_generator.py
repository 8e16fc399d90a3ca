"""Random TF1-style programs for differential testing (hypothesis strategies).

Programs are valid and deterministic: nested variable/name scopes with every reuse mode,
default names, captured scope objects re-entered later, get_variable with colliding names,
shapes and dtypes, tf.Variable, reuse_variables(), helpers called with varying arguments,
loops that build names with %, .format, f-strings and +, and branches on constants. They
may raise a scope error: which one, and where, is part of what is compared.
"""

from __future__ import annotations

from typing import List

from hypothesis import strategies as st

NAMES = ["a", "b", "blk", "w", "x/y", "B"]
REUSE = ["None", "True", "False", "tf.AUTO_REUSE"]
SHAPES = ["[1]", "[2]", "[2, 3]", "[]"]


class Ctx:
    def __init__(self) -> None:
        self.captured: List[str] = []
        self.helpers: List[str] = []
        self.counter = 0
        self.loop_vars: List[str] = []

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return "%s%d" % (prefix, self.counter)


def _name_expr(draw, ctx: Ctx) -> str:
    base = draw(st.sampled_from(NAMES))
    if ctx.loop_vars and draw(st.booleans()):
        var = draw(st.sampled_from(ctx.loop_vars))
        style = draw(st.sampled_from(["percent", "format", "fstring", "plus"]))
        if style == "percent":
            return '"%s_%%d" %% %s' % (base, var)
        if style == "format":
            return '"%s_{}".format(%s)' % (base, var)
        if style == "fstring":
            return 'f"%s_{%s}"' % (base, var)
        return '"%s_" + str(%s)' % (base, var)
    return '"%s"' % base


def _block(draw, ctx: Ctx, depth: int, indent: str) -> List[str]:
    count = draw(st.integers(min_value=1, max_value=3))
    lines: List[str] = []
    for _ in range(count):
        lines.extend(_statement(draw, ctx, depth, indent))
    return lines


def _statement(draw, ctx: Ctx, depth: int, indent: str) -> List[str]:
    kinds = ["get_variable", "get_variable", "tf_variable", "initialized", "partitioned", "local"]
    if depth < 3:
        kinds += ["scope", "scope", "default_scope", "name_scope", "loop", "if"]
        if ctx.captured:
            kinds.append("reenter")
        if ctx.helpers:
            kinds.append("call_helper")
        kinds += ["aux_scope", "cond", "template_call", "getter_scope", "default_with_name", "reuse_from_scope"]
    kinds.append("reuse_variables")
    kind = draw(st.sampled_from(kinds))
    inner = indent + "    "
    if kind == "get_variable":
        dtype = draw(st.sampled_from(["", "", ", dtype=tf.int32"]))
        shape = draw(st.sampled_from(SHAPES + ["None_shape"]))
        if shape == "None_shape":
            return [indent + "tf.get_variable(%s)" % _name_expr(draw, ctx)]
        return [indent + "tf.get_variable(%s, %s%s)" % (_name_expr(draw, ctx), shape, dtype)]
    if kind == "initialized":
        init = draw(st.sampled_from(["tf.constant([1.0, 2.0])", "tf.constant(3)", "tf.zeros_initializer()",
                                     "tf.constant_initializer(0.5)", "tf.constant([[1, 2]], dtype=tf.float64)"]))
        shape = "" if init.startswith("tf.constant(") else ", %s" % draw(st.sampled_from(SHAPES[:3]))
        dtype = draw(st.sampled_from(["", "", ", dtype=tf.float64", ", dtype=tf.int32"]))
        return [indent + "tf.get_variable(%s%s, initializer=%s%s)" % (_name_expr(draw, ctx), shape, init, dtype)]
    if kind == "partitioned":
        rows = draw(st.integers(1, 6))
        shards = draw(st.integers(1, 4))
        extra = draw(st.sampled_from(["", ", partitioner=None"])) if draw(st.booleans()) else \
            ", partitioner=tf.fixed_size_partitioner(%d)" % shards
        return [indent + "tf.get_variable(%s, [%d, 2]%s)" % (_name_expr(draw, ctx), rows, extra)]
    if kind == "local":
        return [indent + "tf.get_local_variable(%s, %s)" % (_name_expr(draw, ctx), draw(st.sampled_from(SHAPES)))]
    if kind == "aux_scope":
        return [indent + "with tf.variable_scope(%s, auxiliary_name_scope=False):" % _name_expr(draw, ctx)] + \
            _block(draw, ctx, depth + 1, inner)
    if kind == "default_with_name":
        return [indent + 'with tf.variable_scope(%s, default_name="%s", reuse=%s):'
                % (_name_expr(draw, ctx), draw(st.sampled_from(NAMES)), draw(st.sampled_from(REUSE)))] + \
            _block(draw, ctx, depth + 1, inner)
    if kind == "cond":
        return [indent + "tf.cond(tf.placeholder(tf.bool, []), lambda: tf.get_variable(%s, [1]), "
                "lambda: tf.get_variable(%s, [1]))" % (_name_expr(draw, ctx), _name_expr(draw, ctx))]
    if kind == "template_call":
        name = ctx.fresh("tmpl")
        calls = draw(st.integers(1, 3))
        unique = draw(st.sampled_from(["", ', unique_name_="shared_tmpl"']))
        base = draw(st.sampled_from(NAMES))
        lines = [indent + 'def %s_fn():' % name, indent + '    return tf.get_variable("w", [2])',
                 indent + '%s = tf.make_template("%s", %s_fn%s)' % (name, base, name, unique)]
        lines += [indent + "%s()" % name for _ in range(calls)]
        return lines
    if kind == "getter_scope":
        suffix = draw(st.sampled_from(["_a", "/ema"]))
        name = ctx.fresh("getter")
        return [indent + "def %s(getter, name, *args, **kwargs):" % name,
                indent + '    return getter(name + "%s", *args, **kwargs)' % suffix,
                indent + "with tf.variable_scope(%s, custom_getter=%s, reuse=%s):"
                % (_name_expr(draw, ctx), name, draw(st.sampled_from(REUSE)))] + _block(draw, ctx, depth + 1, inner)
    if kind == "tf_variable":
        return [indent + "tf.Variable(tf.zeros(%s), name=%s)" % (draw(st.sampled_from(SHAPES)), _name_expr(draw, ctx))]
    if kind == "reuse_variables":
        return [indent + "tf.get_variable_scope().reuse_variables()"]
    if kind in ("scope", "reenter"):
        if kind == "reenter":
            target = draw(st.sampled_from(ctx.captured))
        else:
            target = _name_expr(draw, ctx)
        reuse = draw(st.sampled_from(REUSE))
        capture = ""
        if kind == "scope" and depth == 0 and not ctx.loop_vars and draw(st.booleans()):
            name = ctx.fresh("s")
            capture = " as %s" % name
            body = _block(draw, ctx, depth + 1, inner)
            ctx.captured.append(name)
            return [indent + "with tf.variable_scope(%s, reuse=%s)%s:" % (target, reuse, capture)] + body
        return [indent + "with tf.variable_scope(%s, reuse=%s):" % (target, reuse)] + \
            _block(draw, ctx, depth + 1, inner)
    if kind == "default_scope":
        return [indent + 'with tf.variable_scope(None, default_name="%s"):' % draw(st.sampled_from(NAMES))] + \
            _block(draw, ctx, depth + 1, inner)
    if kind == "name_scope":
        name = draw(st.sampled_from(NAMES + ["a/", "a/b/"]))
        return [indent + 'with tf.name_scope("%s"):' % name] + _block(draw, ctx, depth + 1, inner)
    if kind == "reuse_from_scope":
        return [indent + "with tf.variable_scope(%s, reuse=tf.get_variable_scope().reuse or None):"
                % _name_expr(draw, ctx)] + _block(draw, ctx, depth + 1, inner)
    if kind == "loop":
        var = ctx.fresh("i")
        ctx.loop_vars.append(var)
        body = _block(draw, ctx, depth + 1, inner)
        ctx.loop_vars.pop()
        return [indent + "for %s in range(%d):" % (var, draw(st.integers(1, 3)))] + body
    if kind == "if":
        cond = draw(st.sampled_from(["True", "False", "1 > 2", "len('ab') == 2"]))
        lines = [indent + "if %s:" % cond] + _block(draw, ctx, depth + 1, inner)
        if draw(st.booleans()):
            lines += [indent + "else:"] + _block(draw, ctx, depth + 1, inner)
        return lines
    # call_helper
    helper = draw(st.sampled_from(ctx.helpers))
    args = [_name_expr(draw, ctx)]
    if draw(st.booleans()):
        args.append("reuse=%s" % draw(st.sampled_from(REUSE)))
    if draw(st.booleans()):
        args.append("units=%d" % draw(st.integers(1, 3)))
    return [indent + "%s(%s)" % (helper, ", ".join(args))]


@st.composite
def programs(draw) -> str:
    ctx = Ctx()
    lines = ["import tensorflow as tf", ""]
    for _ in range(draw(st.integers(0, 2))):
        name = ctx.fresh("helper")
        body_scope = draw(st.sampled_from(["name", "default"]))
        opener = ("with tf.variable_scope(name, reuse=reuse):" if body_scope == "name"
                  else 'with tf.variable_scope(None, default_name=name):')
        lines += ["", "def %s(name, reuse=False, units=2):" % name,
                  "    " + opener,
                  '        tf.get_variable("w", [units])',
                  '        tf.get_variable("b", [1])' if draw(st.booleans()) else "        pass",
                  ""]
        ctx.helpers.append(name)
    for _ in range(draw(st.integers(1, 4))):
        lines.extend(_statement(draw, ctx, 0, ""))
    return "\n".join(lines) + "\n"
