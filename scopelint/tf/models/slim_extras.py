"""tf_slim's helpers beside its layers, written as tf_slim writes them: the legacy losses
(tf_slim/losses/loss_ops.py: logits first, each loss added to GraphKeys.LOSSES), the layers'
utils (tf_slim/layers/utils.py: `collect_named_outputs` returns the tensor it is given,
`last_dimension` reads a static shape), model_analyzer's report of the variables (printed and
summed: the `show_all_variables()` of many GAN projects), and the Dataset container of tf_slim/data/dataset.py
(TF-slim's datasets/*.get_split make one; its attributes are what it is given). None of them
creates a variable; modelled so that what flows through them keeps its shape and dtype."""

import tensorflow as tf

from scopelint.tf.models import losses as _losses


# ---------------------------------------------------------------------------- losses/loss_ops.py
# The collection functions are tf.losses' own (tf_slim's call the same TF utilities).

add_loss = _losses.add_loss
get_losses = _losses.get_losses
get_regularization_losses = _losses.get_regularization_losses
get_total_loss = _losses.get_total_loss


def compute_weighted_loss(losses, weights=1.0, scope=None):
    with tf.name_scope(scope, "weighted_loss", [losses, weights]):
        losses = tf.to_float(losses)
        loss = tf.reduce_mean(tf.multiply(losses, tf.to_float(weights)))
        add_loss(loss)
        return loss


def softmax_cross_entropy(logits, onehot_labels, weights=1.0, label_smoothing=0, scope=None):
    with tf.name_scope(scope, "softmax_cross_entropy_loss", [logits, onehot_labels, weights]) as scope:
        onehot_labels = tf.cast(onehot_labels, logits.dtype)
        losses = tf.nn.softmax_cross_entropy_with_logits(labels=onehot_labels, logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope=scope)


def sparse_softmax_cross_entropy(logits, labels, weights=1.0, scope=None):
    with tf.name_scope(scope, "sparse_softmax_cross_entropy_loss", [logits, labels, weights]) as scope:
        losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope=scope)


def sigmoid_cross_entropy(logits, multi_class_labels, weights=1.0, label_smoothing=0, scope=None):
    with tf.name_scope(scope, "sigmoid_cross_entropy_loss", [logits, multi_class_labels, weights]) as scope:
        multi_class_labels = tf.cast(multi_class_labels, logits.dtype)
        losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=multi_class_labels, logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope=scope)


def absolute_difference(predictions, labels=None, weights=1.0, scope=None):
    with tf.name_scope(scope, "absolute_difference", [predictions, labels, weights]) as scope:
        losses = tf.abs(tf.subtract(tf.to_float(predictions), tf.to_float(labels)))
        return compute_weighted_loss(losses, weights, scope=scope)


def mean_squared_error(predictions, labels=None, weights=1.0, scope=None):
    with tf.name_scope(scope, "mean_squared_error", [predictions, labels, weights]) as scope:
        losses = tf.square(tf.subtract(tf.to_float(predictions), tf.to_float(labels)))
        return compute_weighted_loss(losses, weights, scope=scope)


# ---------------------------------------------------------------------------- layers/utils.py


def append_tensor_alias(tensor, alias):
    if alias[-1] == "/":
        alias = alias[:-1]
    if hasattr(tensor, "aliases"):
        tensor.aliases.append(alias)
    else:
        tensor.aliases = [alias]
    return tensor


def collect_named_outputs(collections, alias, outputs):
    if collections:
        append_tensor_alias(outputs, alias)
        tf.add_to_collections(collections, outputs)
    return outputs


def last_dimension(shape, min_rank=1):
    dims = shape.dims
    if dims is None:
        raise ValueError("dims of shape must be known but is None")
    if len(dims) < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
    value = dims[-1].value
    if value is None:
        raise ValueError("last dimension shape must be known but is None")
    return value


def convert_collection_to_dict(collection, clear_collection=False):
    output = {}
    for tensor in tf.get_collection(collection):
        for alias in getattr(tensor, "aliases", [tensor.op.name]):
            output[alias] = tensor
    return output


# ---------------------------------------------------------------------------- model_analyzer.py
# Modelled even where tf_slim is installed: its loop over every variable of a large graph
# outran the work a call into an installed package is given, and a call cut short may have
# done anything, so the scope errors after it went unreported.


def tensor_description(var):
    description = "(" + str(var.dtype.name) + " "
    sizes = var.get_shape()
    for i, size in enumerate(sizes):
        description += str(size)
        if i < len(sizes) - 1:
            description += "x"
    description += ")"
    return description


def analyze_vars(variables, print_info=False):
    if print_info:
        print("---------")
        print("Variables: name (type shape) [size]")
        print("---------")
    total_size = 0
    total_bytes = 0
    for var in variables:
        var_size = var.get_shape().num_elements() or 0
        var_bytes = var_size * var.dtype.size
        total_size += var_size
        total_bytes += var_bytes
        if print_info:
            print(var.name, tensor_description(var), "[%d, bytes: %d]" % (var_size, var_bytes))
    if print_info:
        print("Total size of variables: %d" % total_size)
        print("Total bytes of variables: %d" % total_bytes)
    return total_size, total_bytes


# ---------------------------------------------------------------------------- data/prefetch_queue.py


def prefetch_queue(tensors, capacity=8, num_threads=1, dynamic_pad=False, shared_name=None, name=None):
    if isinstance(tensors, dict):
        names = list(tensors.keys())
        tensor_list = list(tensors.values())
    else:
        names = None
        tensor_list = list(tensors)
    with tf.name_scope(name, "prefetch_queue", tensor_list) as name:
        dtypes = [t.dtype for t in tensor_list]
        shapes = [t.get_shape() for t in tensor_list]
        queue_class = tf.PaddingFIFOQueue if dynamic_pad else tf.FIFOQueue
        queue = queue_class(capacity=capacity, dtypes=dtypes, shapes=shapes, names=names, shared_name=shared_name)
        queue.enqueue(tensors)
        return queue


# ---------------------------------------------------------------------------- data/dataset.py


class Dataset(object):
    """Represents a Dataset specification."""

    def __init__(self, data_sources, reader, decoder, num_samples, items_to_descriptions, **kwargs):
        kwargs["data_sources"] = data_sources
        kwargs["reader"] = reader
        kwargs["decoder"] = decoder
        kwargs["num_samples"] = num_samples
        kwargs["items_to_descriptions"] = items_to_descriptions
        self.__dict__.update(kwargs)
