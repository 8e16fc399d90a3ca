"""tf.keras.backend in a graph: the functions TF1-era Keras code calls on tensors (`K.int_shape`,
`K.concatenate`, `K.reshape`...), each TF's op over the same tensors, as Keras's backend writes
them. None makes a variable or takes a name from Keras's layer counter.

Not modelled (left unknown): the backend's variables (`variable`, `zeros`, `ones`... make
variables in graph mode), sessions and clear_session, the learning phase, rnn and the convolutions.
"""

import tensorflow as tf


def int_shape(x):
    """The static shape as a tuple of ints and None, or None when the rank is unknown."""
    shape = x.get_shape()
    if shape.ndims is None:
        return None
    return tuple(shape.as_list())


def ndim(x):
    return x.get_shape().ndims


def shape(x):
    return tf.shape(x)


def epsilon():
    return 1e-7


def floatx():
    return "float32"


def image_data_format():
    return "channels_last"


def cast(x, dtype):
    return tf.cast(x, dtype)


def concatenate(tensors, axis=-1):
    if axis < 0:
        rank = ndim(tensors[0])
        axis = axis % rank if rank else 0
    return tf.concat(list(tensors), axis)


def stack(x, axis=0):
    return tf.stack(x, axis=axis)


def reshape(x, shape):
    return tf.reshape(x, shape)


def permute_dimensions(x, pattern):
    return tf.transpose(x, perm=pattern)


def expand_dims(x, axis=-1):
    return tf.expand_dims(x, axis)


def squeeze(x, axis):
    return tf.squeeze(x, [axis])


def flatten(x):
    return tf.reshape(x, [-1])


def tile(x, n):
    return tf.tile(x, n)


def transpose(x):
    return tf.transpose(x)


def gather(reference, indices):
    return tf.gather(reference, indices)


def one_hot(indices, num_classes):
    return tf.one_hot(indices, depth=num_classes, axis=-1)


def sum(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return tf.reduce_sum(x, axis, keepdims)


def mean(x, axis=None, keepdims=False):
    return tf.reduce_mean(x, axis, keepdims)


def max(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return tf.reduce_max(x, axis, keepdims)


def min(x, axis=None, keepdims=False):  # noqa: A001 - Keras's name
    return tf.reduce_min(x, axis, keepdims)


def prod(x, axis=None, keepdims=False):
    return tf.reduce_prod(x, axis, keepdims)


def argmax(x, axis=-1):
    return tf.argmax(x, axis)


def square(x):
    return tf.square(x)


def sqrt(x):
    return tf.sqrt(x)


def exp(x):
    return tf.exp(x)


def log(x):
    return tf.log(x)


def abs(x):  # noqa: A001 - Keras's name
    return tf.abs(x)


def pow(x, a):  # noqa: A001 - Keras's name
    return tf.pow(x, a)


def clip(x, min_value, max_value):
    return tf.clip_by_value(x, min_value, max_value)


def maximum(x, y):
    return tf.maximum(x, y)


def minimum(x, y):
    return tf.minimum(x, y)


def sigmoid(x):
    return tf.sigmoid(x)


def tanh(x):
    return tf.tanh(x)


def softmax(x, axis=-1):
    return tf.nn.softmax(x, axis=axis)


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    return tf.nn.relu(x)


def l2_normalize(x, axis=None):
    return tf.nn.l2_normalize(x, axis=axis)


def bias_add(x, bias, data_format=None):
    return tf.nn.bias_add(x, bias, data_format="NCHW" if data_format == "channels_first" else None)


def stop_gradient(variables):
    if isinstance(variables, (list, tuple)):
        return [tf.stop_gradient(v) for v in variables]
    return tf.stop_gradient(variables)


def dot(x, y):
    """A matmul of 2-D tensors; of more dimensions, x's last axis against y's second to last
    (Keras's reshape and matmul, of the shape tensordot gives)."""
    x_rank, y_rank = ndim(x), ndim(y)
    if x_rank is not None and y_rank is not None and (x_rank > 2 or y_rank > 2):
        return tf.tensordot(x, y, [[x_rank - 1], [y_rank - 2]])
    return tf.matmul(x, y)


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None, ragged=False):
    if shape is None and ndim is not None:
        shape = (None,) * ndim
    return tf.placeholder(dtype or floatx(), shape, name=name)


def elu(x, alpha=1.0):
    return tf.nn.elu(x)


def softplus(x):
    return tf.nn.softplus(x)


def softsign(x):
    return tf.nn.softsign(x)


# tf.keras.activations besides the backend's own (relu, sigmoid, tanh, softmax, elu...)
def selu(x):
    return tf.nn.selu(x)


def swish(x):
    return tf.nn.swish(x)


def linear(x):
    return x
