"""tf.string_split (tensorflow/python/ops/string_ops.py, TF 1.x): the tokens of a batch of
strings as a SparseTensor. Model code reads its `values`, a vector of strings of unknown length
(tensorflow/nmt's iterator splits each sentence so, then looks its words up in a vocabulary)."""

import collections

import tensorflow as tf

_SparseTensor = collections.namedtuple("SparseTensor", ("indices", "values", "dense_shape"))


def string_split(source, delimiter=" ", skip_empty=True, sep=None, result_type="SparseTensor", name=None):
    source = tf.convert_to_tensor(source, dtype=tf.string)
    if source.get_shape().ndims not in (None, 1):  # unknown: false
        raise ValueError("Shape must be rank 1 but is rank %d" % source.get_shape().ndims)
    return _SparseTensor(tf.placeholder(tf.int64, [None, 2]), tf.placeholder(tf.string, [None]),
                         tf.placeholder(tf.int64, [2]))
