"""tf.TensorSpec (tensorflow/python/framework/tensor_spec.py): a tensor's shape, dtype and name,
without a tensor. tensorpack's ModelDesc.inputs() returns them, and its trainers make the
graph's placeholders from them (`tf.placeholder(spec.dtype, spec.shape, spec.name)`)."""

import tensorflow as tf


class TensorSpec(object):

    def __init__(self, shape, dtype=tf.float32, name=None):
        self._shape = tf.TensorShape(shape)
        self._dtype = tf.as_dtype(dtype)
        self._name = name

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    @classmethod
    def from_tensor(cls, tensor, name=None):
        return cls(tensor.shape, tensor.dtype, name or tensor.op.name)
