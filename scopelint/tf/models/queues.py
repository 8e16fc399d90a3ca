"""tf.FIFOQueue and the other queues (tensorflow/python/ops/data_flow_ops.py), written as TF
writes them over the runtime's ops: a queue creates no variable, but what it dequeues has the
shapes and dtypes the queue was declared with, which model code reads back
(`d.get_shape().as_list()[2]` after a matmul of a dequeued state, in NSynth's fast WaveNet)."""

import tensorflow as tf


def _as_type_list(dtypes):
    if not isinstance(dtypes, (list, tuple)):
        return [tf.as_dtype(dtypes)]  # a single dtype
    return [tf.as_dtype(dtype) for dtype in dtypes]


def _as_shape_list(shapes, dtypes):
    if shapes is None:
        return None
    if isinstance(shapes, tf.TensorShape):
        shapes = [shapes]
    if not isinstance(shapes, (tuple, list)):
        raise TypeError("Shapes must be a TensorShape or a list or tuple of TensorShapes, got %s instead."
                        % type(shapes))
    if all(shape is None or isinstance(shape, int) for shape in shapes):
        shapes = [shapes]  # a single shape
    return [tf.TensorShape(shape) for shape in shapes]


class QueueBase(object):
    """Base class for queue implementations."""

    def __init__(self, dtypes, shapes, names, queue_ref=None, name="queue"):
        self._dtypes = dtypes
        self._shapes = shapes if shapes is not None else [tf.TensorShape(None) for _ in dtypes]
        self._names = names
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def dtypes(self):
        return self._dtypes

    @property
    def shapes(self):
        return self._shapes

    @property
    def names(self):
        return self._names

    def _dequeued(self, name, leading):
        outputs = [tf.placeholder(dtype, leading.concatenate(shape), name=name)
                   for dtype, shape in zip(self._dtypes, self._shapes)]
        if self._names:
            return dict(zip(self._names, outputs))
        if len(outputs) == 1:
            return outputs[0]
        return outputs

    def enqueue(self, vals, name=None):
        return tf.no_op(name=name or "%s_enqueue" % self._name)

    def enqueue_many(self, vals, name=None):
        return tf.no_op(name=name or "%s_EnqueueMany" % self._name)

    def dequeue(self, name=None):
        return self._dequeued(name or "%s_Dequeue" % self._name, tf.TensorShape([]))

    def dequeue_many(self, n, name=None):
        return self._dequeued(name or "%s_DequeueMany" % self._name,
                              tf.TensorShape([n if isinstance(n, int) else None]))

    def dequeue_up_to(self, n, name=None):
        return self._dequeued(name or "%s_DequeueUpTo" % self._name, tf.TensorShape([None]))

    def close(self, cancel_pending_enqueues=False, name=None):
        return tf.no_op(name=name or "%s_Close" % self._name)

    def size(self, name=None):
        return tf.placeholder(tf.int32, [], name=name or "%s_Size" % self._name)


class FIFOQueue(QueueBase):
    """A queue implementation that dequeues elements in first-in first-out order."""

    def __init__(self, capacity, dtypes, shapes=None, names=None, shared_name=None, name="fifo_queue"):
        dtypes = _as_type_list(dtypes)
        QueueBase.__init__(self, dtypes, _as_shape_list(shapes, dtypes), names, name=name)


class PaddingFIFOQueue(QueueBase):
    """A FIFOQueue that supports batching variable-sized tensors by padding."""

    def __init__(self, capacity, dtypes, shapes, names=None, shared_name=None, name="padding_fifo_queue"):
        dtypes = _as_type_list(dtypes)
        QueueBase.__init__(self, dtypes, _as_shape_list(shapes, dtypes), names, name=name)


class RandomShuffleQueue(QueueBase):
    """A queue implementation that dequeues elements in a random order."""

    def __init__(self, capacity, min_after_dequeue, dtypes, shapes=None, names=None, seed=None,
                 shared_name=None, name="random_shuffle_queue"):
        dtypes = _as_type_list(dtypes)
        QueueBase.__init__(self, dtypes, _as_shape_list(shapes, dtypes), names, name=name)
