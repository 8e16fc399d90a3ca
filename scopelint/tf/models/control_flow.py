"""tf.cond, tf.case, tf.while_loop, tf.map_fn, tf.scan, tf.foldl and tf.foldr as graph mode
builds them (tensorflow/python/ops: cond.py, control_flow_case.py, while_loop.py, map_fn.py,
functional_ops.py), over the scope intrinsics.

At build time every function given to them is called once, inside the op's name scope: both
branches of a cond (the true one first), every action of a case (nested conds, the default
deepest), a while_loop's condition then its body, and map_fn's, scan's and the folds' function
from inside a while_loop (so a `tf.Variable` there is named `map/while/...`). Variable scopes
are untouched: `get_variable` inside a branch names the variable as outside.

map_fn calls its function through autograph, as TF 2.x does: what the function creates or
raises is attributed to the map_fn line, the converted function's frames being TF's.
"""

import tensorflow as tf
from tensorflow.python.autograph.impl import api as autograph
from scopelint.tf.models import _common

_flatten = _common.flatten
_pack_like = _common.pack_like


def _unpack_if_singleton(value):
    if isinstance(value, (list, tuple)) and len(value) == 1:
        return value[0]
    return value


# ---------------------------------------------------------------------------- cond.py


def _branch(fn, deprecated_fn, name, deprecated_name):
    """cond's branch given by its name or by its deprecated one (`fn1`), not both."""
    if deprecated_fn is not None:
        if fn is not None:
            raise TypeError("cond(): '%s' and '%s' may not be set simultaneously." % (name, deprecated_name))
        return deprecated_fn
    if fn is None:
        raise TypeError("cond(): '%s' argument required" % name)
    return fn


def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    true_fn = _branch(true_fn, fn1, "true_fn", "fn1")
    false_fn = _branch(false_fn, fn2, "false_fn", "fn2")
    with tf.name_scope(name, "cond", [pred]):
        result = true_fn()
        false_fn()
    if not strict:
        result = _unpack_if_singleton(result)
    return result


# ---------------------------------------------------------------------------- control_flow_case.py


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    if isinstance(pred_fn_pairs, dict):
        pairs = list(pred_fn_pairs.items())
    else:
        pairs = list(pred_fn_pairs)
    predicates = [pair[0] for pair in pairs]
    actions = [pair[1] for pair in pairs]
    with tf.name_scope(name, "case", [predicates]):
        if default is None:
            # _case_create_default_action: the last action is the default.
            default = actions[-1]
            predicates, actions = predicates[:-1], actions[:-1]

        def nested(index):
            if index == len(actions):
                return default
            return lambda: cond(predicates[index], true_fn=actions[index], false_fn=nested(index + 1),
                                strict=strict)

        return nested(0)()


# ---------------------------------------------------------------------------- while_loop.py


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True,
               swap_memory=False, name=None, maximum_iterations=None, return_same_structure=False):
    with tf.name_scope(name, "while", loop_vars):
        args = loop_vars if isinstance(loop_vars, (list, tuple)) else [loop_vars]
        cond(*args)
        return body(*args)


# ---------------------------------------------------------------------------- map_fn.py


def _leading(elems_flat):
    """The static size of the first axis of the elements (None if unknown)."""
    return elems_flat[0].get_shape()[0].value


def _stacked(value, n):
    """What map_fn and scan stack from each step's value: [n] + the value's shape."""
    value = tf.convert_to_tensor(value)
    rank = value.get_shape().ndims
    if n is None or rank is None:
        return tf.expand_dims(value, 0)
    return tf.tile(tf.expand_dims(value, 0), [n] + [1] * rank)


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False, infer_shape=True,
           name=None, fn_output_signature=None):
    elems_flat = [tf.convert_to_tensor(t) for t in _flatten(elems)]
    with tf.name_scope(name, "map", elems_flat):
        n = _leading(elems_flat)
        results = []

        def compute(i, _):
            elems_value = _pack_like(elems, [t[0] for t in elems_flat])
            autographed_fn = autograph.tf_convert(fn, None)
            results.append(autographed_fn(elems_value))
            return (i + 1, _)

        while_loop(lambda i, _: i < 1, compute, (tf.constant(0), elems_flat))
        result = results[0]
        return _pack_like(result, [_stacked(r, n) for r in _flatten(result)])


# ---------------------------------------------------------------------------- functional_ops.py


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, infer_shape=True,
         reverse=False, name=None):
    elems_flat = [tf.convert_to_tensor(t) for t in _flatten(elems)]
    with tf.name_scope(name, "scan", elems_flat):
        n = _leading(elems_flat)
        step = -1 if reverse else 0
        if initializer is None:
            a = _pack_like(elems, [t[step] for t in elems_flat])
        else:
            a = initializer
        results = []

        def compute(i, a_flat, tas):
            packed_elems = _pack_like(elems, [t[step] for t in elems_flat])
            results.append(fn(a, packed_elems))
            return (i + 1, a_flat, tas)

        while_loop(lambda i, _1, _2: i < 1, compute, (tf.constant(0), _flatten(a), []))
        result = results[0]
        return _pack_like(result, [_stacked(r, n) for r in _flatten(result)])


def _fold(fn, elems, initializer, name, default_name, step):
    with tf.name_scope(name, default_name, [elems]):
        elems_flat = [tf.convert_to_tensor(t) for t in _flatten(elems)]
        if initializer is None:
            a = _pack_like(elems, [t[step] for t in elems_flat])
        else:
            a = initializer
        results = []

        def compute(i, a):
            elem_i = _pack_like(elems, [t[step] for t in elems_flat])
            results.append(fn(a, elem_i))
            return [i + 1, a]

        while_loop(lambda i, a: i < 1, compute, [tf.constant(0), a])
        return results[0]


def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, name=None):
    return _fold(fn, elems, initializer, name, "foldl", 0)


def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, name=None):
    return _fold(fn, elems, initializer, name, "foldr", -1)
