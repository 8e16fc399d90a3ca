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


# ---------------------------------------------------------------------------- input.py
# tf.train.batch and its kin (tensorflow/python/training/input.py): a queue and its runners,
# no variable. What they give has the shapes given (`shapes=`) or the tensors' own (less their
# first dimension with `enqueue_many`), under a batch dimension: the batch size if it is a
# Python int and no smaller final batch is allowed, else unknown.


def _batch_dimension(batch_size, allow_smaller_final_batch):
    if isinstance(batch_size, int) and not isinstance(batch_size, bool) and not allow_smaller_final_batch:
        return batch_size
    return None


def _flat(tensors):
    if isinstance(tensors, dict):
        return [tensors[key] for key in sorted(tensors)]
    if isinstance(tensors, (list, tuple)):
        return list(tensors)
    return [tensors]


def _restructured(tensors, outputs):
    if isinstance(tensors, dict):
        return dict(zip(sorted(tensors), outputs))
    if isinstance(tensors, (list, tuple)):
        return outputs
    return outputs[0]


def _dtype_of(value):
    """A tensor's dtype; a list of tensors (facenet's images, enqueued many) packs to theirs."""
    if isinstance(value, (list, tuple)) and value:
        return _dtype_of(value[0])
    return tf.convert_to_tensor(value).dtype.base_dtype


def _batched(tensors, batch_size, enqueue_many, shapes, allow_smaller_final_batch, name):
    leading = tf.TensorShape([_batch_dimension(batch_size, allow_smaller_final_batch)])
    given = _flat(shapes) if isinstance(shapes, (list, tuple, dict)) else None
    outputs = []
    for index, value in enumerate(_flat(tensors)):
        if shapes is not None:
            shape = tf.TensorShape(given[index] if given is not None else shapes)
        else:
            shape = tf.convert_to_tensor(value).get_shape()
            if enqueue_many:
                shape = shape[1:]
        outputs.append(tf.placeholder(_dtype_of(value), leading.concatenate(shape), name=name))
    return _restructured(tensors, outputs)


def batch(tensors, batch_size, num_threads=1, capacity=32, enqueue_many=False, shapes=None, dynamic_pad=False,
          allow_smaller_final_batch=False, shared_name=None, name=None):
    return _batched(tensors, batch_size, enqueue_many, shapes, allow_smaller_final_batch, name or "batch")


def batch_join(tensors_list, batch_size, capacity=32, enqueue_many=False, shapes=None, dynamic_pad=False,
               allow_smaller_final_batch=False, shared_name=None, name=None):
    return _batched(tensors_list[0], batch_size, enqueue_many, shapes, allow_smaller_final_batch,
                    name or "batch_join")


def shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, num_threads=1, seed=None, enqueue_many=False,
                  shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    return _batched(tensors, batch_size, enqueue_many, shapes, allow_smaller_final_batch, name or "shuffle_batch")


def shuffle_batch_join(tensors_list, batch_size, capacity, min_after_dequeue, seed=None, enqueue_many=False,
                       shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
    return _batched(tensors_list[0], batch_size, enqueue_many, shapes, allow_smaller_final_batch,
                    name or "shuffle_batch_join")
