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
    if isinstance(tensors, (list, tuple)) and len(outputs) != 1:
        return outputs
    return outputs[0]  # a queue of one component dequeues a tensor, not a list: `batch([image], 16)`


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


# The input producers (input.py): a queue of the rows given, for the readers and batchers after
# it. Each opens its name scope, and with `num_epochs` it counts the epochs in a local variable
# `<scope>/limit_epochs/epochs` (int64).

def limit_epochs(tensor, num_epochs=None, name=None):
    if num_epochs is None:
        return tensor
    if num_epochs <= 0:  # unknown: false
        raise ValueError("num_epochs must be > 0 not %d." % num_epochs)
    with tf.name_scope(name, "limit_epochs", [tensor]):
        zero64 = tf.constant(0, dtype=tf.int64)
        tf.Variable(zero64, name="epochs", trainable=False, collections=[tf.GraphKeys.LOCAL_VARIABLES])
        return tf.identity(tensor)


def input_producer(input_tensor, element_shape=None, num_epochs=None, shuffle=True, seed=None, capacity=32,
                   shared_name=None, summary_name=None, name=None, cancel_op=None):
    with tf.name_scope(name, "input_producer", [input_tensor]):
        input_tensor = tf.convert_to_tensor(input_tensor, name="input_tensor")
        element_shape = input_tensor.get_shape()[1:].merge_with(tf.TensorShape(element_shape))
        if not element_shape.is_fully_defined():  # unknown: false
            raise ValueError("Either `input_tensor` must have a fully defined shape "
                             "or `element_shape` must be specified")
        input_tensor = limit_epochs(input_tensor, num_epochs)
        return FIFOQueue(capacity=capacity, dtypes=[input_tensor.dtype.base_dtype], shapes=[element_shape])


def string_input_producer(string_tensor, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None,
                          name=None, cancel_op=None):
    not_null_err = "string_input_producer requires a non-null input tensor"
    if not isinstance(string_tensor, tf.Tensor) and not string_tensor:  # unknown: false
        raise ValueError(not_null_err)
    with tf.name_scope(name, "input_producer", [string_tensor]) as name:
        string_tensor = tf.convert_to_tensor(string_tensor, dtype=tf.string)
        return input_producer(string_tensor, [], num_epochs, shuffle, seed, capacity, shared_name,
                              "fraction_of_%d_full" % capacity, name, cancel_op)


def range_input_producer(limit, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None, name=None):
    with tf.name_scope(name, "input_producer", [limit]) as name:
        range_tensor = tf.range(limit)
        return input_producer(range_tensor, [], num_epochs, shuffle, seed, capacity, shared_name,
                              "fraction_of_%d_full" % capacity, name)


def slice_input_producer(tensor_list, num_epochs=None, shuffle=True, seed=None, capacity=32, shared_name=None,
                         name=None):
    with tf.name_scope(name, "input_producer", tensor_list):
        tensor_list = [tf.convert_to_tensor(t) for t in tensor_list]
        if not tensor_list:
            raise ValueError("Expected at least one tensor in slice_input_producer().")
        range_size = tf.shape(tensor_list[0])[0]
        queue = range_input_producer(range_size, num_epochs=num_epochs, shuffle=shuffle, seed=seed,
                                     capacity=capacity, shared_name=shared_name)
        index = queue.dequeue()
        return [tf.gather(t, index) for t in tensor_list]


# The readers (io_ops.py): each `read` of a queue of file names gives a (key, value) pair of
# string scalars, `read_up_to` vectors of them. No variable.

class ReaderBase(object):
    def __init__(self, reader_ref=None, supports_serialize=False):
        self._supports_serialize = supports_serialize

    def read(self, queue, name=None):
        return tf.placeholder(tf.string, []), tf.placeholder(tf.string, [])

    def read_up_to(self, queue, num_records, name=None):
        return tf.placeholder(tf.string, [None]), tf.placeholder(tf.string, [None])

    def num_records_produced(self, name=None):
        return tf.placeholder(tf.int64, [])

    def num_work_units_completed(self, name=None):
        return tf.placeholder(tf.int64, [])

    def serialize_state(self, name=None):
        return tf.placeholder(tf.string, [])

    def restore_state(self, state, name=None):
        return tf.no_op()

    def reset(self, name=None):
        return tf.no_op()

    @property
    def supports_serialize(self):
        return self._supports_serialize


class WholeFileReader(ReaderBase):
    def __init__(self, name=None):
        ReaderBase.__init__(self, supports_serialize=True)


class TextLineReader(ReaderBase):
    def __init__(self, skip_header_lines=None, name=None):
        ReaderBase.__init__(self)


class TFRecordReader(ReaderBase):
    def __init__(self, name=None, options=None):
        ReaderBase.__init__(self)


class FixedLengthRecordReader(ReaderBase):
    def __init__(self, record_bytes, header_bytes=None, footer_bytes=None, hop_bytes=None, name=None, encoding=None):
        ReaderBase.__init__(self)


class IdentityReader(ReaderBase):
    def __init__(self, name=None):
        ReaderBase.__init__(self, supports_serialize=True)


class LMDBReader(ReaderBase):
    def __init__(self, name=None, options=None):
        ReaderBase.__init__(self)
