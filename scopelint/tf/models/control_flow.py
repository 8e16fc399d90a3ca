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
from tensorflow.python.ops import control_flow_ops
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
        result = _merged(true_fn(), false_fn())
    if not strict:
        result = _unpack_if_singleton(result)
    return result


def _merged(true_result, false_result):
    """cond's outputs: each tensor the Merge of the false branch's and the true one's (of the
    shape both allow: a dimension they disagree on is None), in the true branch's structure.
    What is not a tensor in both (an op, a TensorArray, a value the analysis lost, a structure
    of another length) is the true branch's: a lost value is no list to walk into."""
    if _is_tensor(true_result) and _is_tensor(false_result):  # unknown: false
        return control_flow_ops.merge([false_result, true_result])[0]
    if _sequences_alike(true_result, false_result):  # unknown: false
        return _common.rebuilt(true_result, [_merged(t, f) for t, f in zip(true_result, false_result)])
    return true_result


def _is_tensor(value):
    return isinstance(value, (tf.Tensor, tf.Variable))


def _sequences_alike(first, second):
    return isinstance(first, (list, tuple)) and isinstance(second, (list, tuple)) and len(first) == len(second)


# ---------------------------------------------------------------------------- control_flow_case.py


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    if not isinstance(pred_fn_pairs, (list, tuple, dict)):  # (Python 3's zip of Python 2 code, lfads)
        raise TypeError("'pred_fn_pairs' must be a list, tuple, or dict. Received: %s" % type(pred_fn_pairs))
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


# ---------------------------------------------------------------------------- tensor_array_ops.py


class TensorArray(object):
    """What TF's TensorArray decides about shapes (a loop body's reads, and what a loop stacks):
    its element shape, merged with each value written; a read is a tensor of that shape and a
    stack [size] + that shape, computed from what was written (gradients reach the variables
    that computed it). It makes no variable."""

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None, tensor_array_name=None,
                 handle=None, flow=None, infer_shape=True, element_shape=None, colocate_with_first_write_call=True,
                 name=None):
        self._dtype = tf.as_dtype(dtype)
        self._size = size
        self._dynamic_size = dynamic_size or False
        self._infer_shape = infer_shape
        self._element_shape = tf.TensorShape(element_shape)
        self._written = []

    @property
    def dtype(self):
        return self._dtype

    @property
    def element_shape(self):
        return self._element_shape

    @property
    def dynamic_size(self):
        return self._dynamic_size

    @property
    def flow(self):
        return self._element(tf.float32, [])

    def _element(self, dtype, shape):
        return _common.computed_from(tf.placeholder(dtype, shape), self._written)

    def _with(self, element_shape, value):
        """The array after `value` is written: its element shape merged with the value's, where
        the array infers shapes (TF's ValueError where they disagree)."""
        if self._infer_shape:
            element_shape = self._element_shape.merge_with(element_shape)
        else:
            element_shape = self._element_shape
        array = TensorArray(self._dtype, size=self._size, dynamic_size=self._dynamic_size,
                            infer_shape=self._infer_shape, element_shape=element_shape)
        array._written = self._written + [value]
        return array

    def identity(self):
        return self

    def size(self, name=None):
        if not self._dynamic_size and self._size is not None:
            return tf.convert_to_tensor(self._size, dtype=tf.int32)  # a fixed size is a constant
        return self._element(tf.int32, [])

    def read(self, index, name=None):
        return self._element(self._dtype, self._element_shape)

    def gather(self, indices, name=None):
        return self._element(self._dtype, tf.TensorShape([None]).concatenate(self._element_shape))

    def stack(self, name=None):
        return self.gather(None, name=name)

    def concat(self, name=None):
        return self._element(self._dtype, tf.TensorShape([None]).concatenate(self._element_shape[1:]))

    def write(self, index, value, name=None):
        value = tf.convert_to_tensor(value, dtype=self._dtype)
        return self._with(value.get_shape(), value)

    def unstack(self, value, name=None):
        value = tf.convert_to_tensor(value, dtype=self._dtype)
        return self._with(value.get_shape()[1:], value)

    def scatter(self, indices, value, name=None):
        return self.unstack(value, name=name)

    def split(self, value, lengths, name=None):
        value = tf.convert_to_tensor(value, dtype=self._dtype)
        return self._with(tf.TensorShape([None]).concatenate(value.get_shape()[1:]), value)

    def close(self, name=None):
        return tf.no_op()

    def grad(self, source, flow=None, name=None):
        return TensorArray(self._dtype, size=self._size, dynamic_size=self._dynamic_size,
                           infer_shape=self._infer_shape, element_shape=self._element_shape)


# ---------------------------------------------------------------------------- map_fn.py


def _leading(elems_flat):
    """The static size of the first axis of the elements (None if unknown)."""
    return elems_flat[0].get_shape()[0].value


def _count(elems_flat):
    """How many steps map_fn and scan take: the elements' static first dim, else their dynamic one
    (unknown to shape inference: the stacked results' first dim is None, not 1)."""
    n = _leading(elems_flat)
    return n if n is not None else tf.shape(elems_flat[0])[0]


def _stacked(value, n):
    """What map_fn and scan stack from each step's value: [n] + the value's shape."""
    value = tf.convert_to_tensor(value)
    rank = value.get_shape().ndims
    if rank is None:
        return tf.expand_dims(value, 0)
    return tf.tile(tf.expand_dims(value, 0), [n] + [1] * rank)


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False, infer_shape=True,
           name=None, fn_output_signature=None):
    elems_flat = [tf.convert_to_tensor(t) for t in _flatten(elems)]
    with tf.name_scope(name, "map", elems_flat):
        n = _count(elems_flat)
        results = []

        def compute(i, _):
            elems_value = _pack_like(elems, [t[0] for t in elems_flat])
            autographed_fn = autograph.tf_convert(fn, None)
            results.append(autographed_fn(elems_value))
            return (i + 1, _)

        while_loop(lambda i, _: i < 1, compute, (tf.constant(0), elems_flat))
        result = results[0]
        signature = fn_output_signature if fn_output_signature is not None else dtype
        if signature is None:
            return _pack_like(result, [_stacked(r, n) for r in _flatten(result)])
        flat = [_stacked(tf.cast(r, d.dtype if isinstance(d, tf.TensorSpec) else d), n)
                for r, d in zip(_leaves_like(signature, result), _flatten(signature))]
        return _pack_like(signature, flat)


def _leaves_like(signature, result):
    """map_fn's outputs with an output signature (`dtype`): TF checks that fn's result has the
    signature's structure and packs the stacked tensors in it, each of its dtype. So the result's
    parts are read where the signature has them, whatever the analysis lost of the result (a part
    lost is a tensor of the signature's dtype: SSD-Tensorflow's bboxes_nms_batch maps
    `dtype=(scores.dtype, bboxes.dtype)` over boxes whose rank the analysis lost)."""
    if isinstance(signature, (list, tuple)):
        leaves = []
        for index, part in enumerate(signature):
            leaves.extend(_leaves_like(part, result[index]))
        return leaves
    return [result]


# ---------------------------------------------------------------------------- functional_ops.py


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True, swap_memory=False, infer_shape=True,
         reverse=False, name=None):
    elems_flat = [tf.convert_to_tensor(t) for t in _flatten(elems)]
    with tf.name_scope(name, "scan", elems_flat):
        n = _count(elems_flat)
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
