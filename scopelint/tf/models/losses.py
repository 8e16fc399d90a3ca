"""tf.losses (tensorflow/python/ops/losses/losses_impl.py, util.py): the reduction constants
(library code takes `reduction=tf.compat.v1.losses.Reduction.SUM_BY_NONZERO_WEIGHTS` as a default
argument), and the loss functions with the collection they add their loss to."""

import tensorflow as tf


class Reduction(object):
    """Types of loss reduction."""

    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE, cls.SUM_OVER_NONZERO_WEIGHTS,
                cls.SUM_BY_NONZERO_WEIGHTS)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError("Invalid Reduction Key %s." % key)


# ---------------------------------------------------------------------------- util.py, losses_impl.py
# A loss function adds its loss to `loss_collection` (GraphKeys.LOSSES unless told otherwise):
# model_deploy-style code sums `get_collection(LOSSES)` and gradients through it reach the net.


def add_loss(loss, loss_collection=tf.GraphKeys.LOSSES):
    if loss_collection:
        tf.add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=tf.GraphKeys.LOSSES):
    return tf.get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    return tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name="total_regularization_loss"):
    losses = get_regularization_losses(scope)
    if losses:
        return tf.add_n(losses, name=name)
    return tf.constant(0.0)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    losses = get_losses(scope=scope)
    if add_regularization_losses:
        losses += get_regularization_losses(scope=scope)
    return tf.add_n(losses, name=name)


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=tf.GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    Reduction.validate(reduction)
    with tf.name_scope(scope, "weighted_loss", (losses, weights)):
        weighted_losses = tf.multiply(tf.cast(losses, tf.float32), tf.cast(weights, tf.float32))
        if reduction == Reduction.NONE:
            loss = weighted_losses
        else:
            loss = tf.reduce_sum(weighted_losses)
        add_loss(loss, loss_collection)
        return loss


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None, loss_collection=tf.GraphKeys.LOSSES,
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    with tf.name_scope(scope, "sparse_softmax_cross_entropy_loss", (logits, labels, weights)) as scope:
        losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction=reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=tf.GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    with tf.name_scope(scope, "softmax_cross_entropy_loss", (logits, onehot_labels, weights)) as scope:
        losses = tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.stop_gradient(onehot_labels), logits=logits,
                                                            name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction=reduction)


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=tf.GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    with tf.name_scope(scope, "sigmoid_cross_entropy_loss", (logits, multi_class_labels, weights)) as scope:
        losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.cast(multi_class_labels, logits.dtype),
                                                         logits=logits, name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction=reduction)


def mean_squared_error(labels, predictions, weights=1.0, scope=None, loss_collection=tf.GraphKeys.LOSSES,
                       reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    with tf.name_scope(scope, "mean_squared_error", (predictions, labels, weights)) as scope:
        losses = tf.squared_difference(tf.cast(predictions, tf.float32), tf.cast(labels, tf.float32))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction=reduction)


def absolute_difference(labels, predictions, weights=1.0, scope=None, loss_collection=tf.GraphKeys.LOSSES,
                        reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    with tf.name_scope(scope, "absolute_difference", (predictions, labels, weights)) as scope:
        losses = tf.abs(tf.subtract(tf.cast(predictions, tf.float32), tf.cast(labels, tf.float32)))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction=reduction)


def huber_loss(labels, predictions, weights=1.0, delta=1.0, scope=None, loss_collection=tf.GraphKeys.LOSSES,
               reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    with tf.name_scope(scope, "huber_loss", (predictions, labels, weights)) as scope:
        error = tf.subtract(tf.cast(predictions, tf.float32), tf.cast(labels, tf.float32))
        losses = tf.square(error)  # TF's quadratic/linear split: the same inputs, the same shape
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction=reduction)
