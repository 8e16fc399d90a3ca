"""tf.metrics, TF1's streaming metrics (tensorflow/python/ops/metrics_impl.py), written as TF
writes them over the scope intrinsics.

What decides names is kept as TF has it. A metric's state is `metric_variable`s: `tf.Variable`s
(never get_variable: a reusing scope shares nothing and raises nothing), named in the current
name scope, not trainable, in LOCAL_VARIABLES and METRIC_VARIABLES only (a Saver leaves them
out, local_variables_initializer resets them). Each metric opens `variable_scope(name,
default_name, values)`, so a second `tf.metrics.accuracy` makes `accuracy_1/total`, and
precision/recall nest `true_positives/count`... as TF does. The value tensor and update op have
TF's dtypes and shapes; their numerics (the AUC's formula, a confusion matrix's counts) are
simplified where they decide neither.

TF's `_at_k` metrics (recall_at_k, precision_at_top_k...) are not modelled: they name their
variables after a name scope and keep the general treatment.
"""

import tensorflow as tf


def metric_variable(shape, dtype, validate_shape=True, name=None):
    return tf.Variable(lambda: _zeros(shape, dtype), trainable=False,
                       collections=[tf.GraphKeys.LOCAL_VARIABLES, tf.GraphKeys.METRIC_VARIABLES],
                       validate_shape=validate_shape, name=name)


def _zeros(shape, dtype):
    # array_ops.zeros converts the shape to a tensor: a TensorShape only when fully known
    # (mean_tensor of a batch of unknown size raises)
    if isinstance(shape, tf.TensorShape) and not shape.is_fully_defined():
        raise ValueError("Cannot convert a partially known TensorShape %s to a Tensor." % shape)
    return tf.zeros(shape, dtype)


def _last_dim_may_be_one(shape):
    return shape.as_list()[-1] in (None, 1)


def _remove_squeezable(labels, predictions):
    """confusion_matrix.remove_squeezable_dimensions(labels, predictions): the last dim of size 1
    of the one of rank one more is squeezed; where a rank is unknown, TF decides by a tf.cond at
    run time (a tensor of the same dtype)."""
    with tf.name_scope(None, "remove_squeezable_dimensions", [labels, predictions]):
        predictions = tf.convert_to_tensor(predictions)
        labels = tf.convert_to_tensor(labels)
        predictions_rank = predictions.get_shape().ndims
        labels_rank = labels.get_shape().ndims
        if labels_rank is not None and predictions_rank is not None:
            rank_diff = predictions_rank - labels_rank
            if rank_diff == 1 and _last_dim_may_be_one(predictions.get_shape()):
                predictions = tf.squeeze(predictions, [-1])
            elif rank_diff == -1 and _last_dim_may_be_one(labels.get_shape()):
                labels = tf.squeeze(labels, [-1])
        return labels, predictions


def _remove_squeezable_dimensions(predictions, labels, weights):
    predictions = tf.convert_to_tensor(predictions)
    if labels is not None:
        labels, predictions = _remove_squeezable(labels, predictions)
        predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    if weights is None:
        return predictions, labels, None
    weights = tf.convert_to_tensor(weights)
    weights_rank = weights.get_shape().ndims
    if weights_rank == 0:
        return predictions, labels, weights
    predictions_rank = predictions.get_shape().ndims
    if predictions_rank is not None and weights_rank is not None:
        if weights_rank - predictions_rank == 1:
            weights = tf.squeeze(weights, [-1])
        elif predictions_rank - weights_rank == 1:
            weights = tf.expand_dims(weights, [-1])
    return predictions, labels, weights


def _broadcast_weights(weights, values):
    """weights_broadcast_ops.broadcast_weights: weights of the values' shape."""
    return tf.multiply(weights, tf.ones_like(values))


def _aggregate_across_replicas(metrics_collections, metric_value_fn, *args):
    """Outside a DistributionStrategy: the value computed once, added to metrics_collections."""
    metric_value = metric_value_fn(None, *args)
    if metrics_collections:
        tf.add_to_collections(metrics_collections, metric_value)
    return metric_value


def _aggregate_variable(v, collections):
    return _aggregate_across_replicas(collections, lambda _, value: tf.identity(value), v)


def _add_update(updates_collections, update_op):
    if updates_collections:
        tf.add_to_collections(updates_collections, update_op)


def _rank_above_one(tensor):
    # TF compares `ndims > 1`, which raises TypeError for an unknown rank: left out here (a rank
    # the drivers lost is not one TF lacks)
    rank = tensor.get_shape().ndims
    return rank is not None and rank > 1


# ---------------------------------------------------------------------------- means


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    with tf.variable_scope(name, "mean", (values, weights)):
        values = tf.cast(values, tf.float32)
        total = metric_variable([], tf.float32, name="total")
        count = metric_variable([], tf.float32, name="count")
        if weights is None:
            num_values = tf.cast(tf.size(values), tf.float32)
        else:
            values, weights = _weighted(values, weights)
            num_values = tf.reduce_sum(weights)
        update_total_op = total.assign_add(tf.reduce_sum(values))
        with tf.control_dependencies([values]):
            update_count_op = count.assign_add(num_values)
        return _mean_of(total, count, update_total_op, update_count_op, metrics_collections, updates_collections)


def mean_tensor(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    with tf.variable_scope(name, "mean", (values, weights)):
        values = tf.cast(values, tf.float32)
        total = metric_variable(values.get_shape(), tf.float32, name="total_tensor")
        count = metric_variable(values.get_shape(), tf.float32, name="count_tensor")
        num_values = tf.ones_like(values)
        if weights is not None:
            values, weights = _weighted(values, weights)
            num_values = tf.multiply(num_values, weights)
        update_total_op = total.assign_add(values)
        with tf.control_dependencies([values]):
            update_count_op = count.assign_add(num_values)
        return _mean_of(total, count, update_total_op, update_count_op, metrics_collections, updates_collections)


def _weighted(values, weights):
    """mean's and mean_tensor's values times their weights, broadcast to them; and the weights."""
    values, _, weights = _remove_squeezable_dimensions(predictions=values, labels=None, weights=weights)
    weights = _broadcast_weights(tf.cast(weights, tf.float32), values)
    return tf.multiply(values, weights), weights


def _mean_of(total, count, update_total_op, update_count_op, metrics_collections, updates_collections):
    """mean's and mean_tensor's value and update op: total / count (0 where count is)."""

    def compute_mean(_, t, c):
        return tf.div_no_nan(t, tf.maximum(c, 0), name="value")

    mean_t = _aggregate_across_replicas(metrics_collections, compute_mean, total, count)
    update_op = tf.div_no_nan(update_total_op, tf.maximum(update_count_op, 0), name="update_op")
    _add_update(updates_collections, update_op)
    return mean_t, update_op


def accuracy(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    predictions.get_shape().assert_is_compatible_with(labels.get_shape())
    if labels.dtype != predictions.dtype:
        predictions = tf.cast(predictions, labels.dtype)
    is_correct = tf.cast(tf.equal(predictions, labels), tf.float32)
    return mean(is_correct, weights, metrics_collections, updates_collections, name or "accuracy")


def mean_absolute_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                        name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    absolute_errors = tf.abs(predictions - labels)
    return mean(absolute_errors, weights, metrics_collections, updates_collections, name or "mean_absolute_error")


def mean_squared_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                       name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    squared_error = tf.squared_difference(labels, predictions)
    return mean(squared_error, weights, metrics_collections, updates_collections, name or "mean_squared_error")


def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                            name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    mse, update_mse_op = mean_squared_error(labels, predictions, weights, None, None,
                                            name or "root_mean_squared_error")
    rmse = _aggregate_across_replicas(metrics_collections, lambda _, mse: tf.sqrt(mse), mse)
    update_rmse_op = tf.sqrt(update_mse_op)
    _add_update(updates_collections, update_rmse_op)
    return rmse, update_rmse_op


def mean_relative_error(labels, predictions, normalizer, weights=None, metrics_collections=None,
                        updates_collections=None, name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    predictions, normalizer = _remove_squeezable(predictions, normalizer)
    predictions.get_shape().assert_is_compatible_with(normalizer.get_shape())
    relative_errors = tf.where(tf.equal(normalizer, 0.0), tf.zeros_like(labels),
                               tf.divide(tf.abs(labels - predictions), normalizer))
    return mean(relative_errors, weights, metrics_collections, updates_collections, name or "mean_relative_error")


def mean_cosine_distance(labels, predictions, dim, weights=None, metrics_collections=None, updates_collections=None,
                         name=None):
    predictions, labels, weights = _remove_squeezable_dimensions(predictions=predictions, labels=labels,
                                                                 weights=weights)
    radial_diffs = tf.multiply(predictions, labels)
    radial_diffs = tf.reduce_sum(radial_diffs, axis=[dim], keepdims=True)
    mean_distance, update_op = mean(radial_diffs, weights, None, None, name or "mean_cosine_distance")
    mean_distance = tf.subtract(1.0, mean_distance)
    update_op = tf.subtract(1.0, update_op)
    if metrics_collections:
        tf.add_to_collections(metrics_collections, mean_distance)
    _add_update(updates_collections, update_op)
    return mean_distance, update_op


def percentage_below(values, threshold, weights=None, metrics_collections=None, updates_collections=None,
                     name=None):
    is_below_threshold = tf.cast(tf.less(values, threshold), tf.float32)
    return mean(is_below_threshold, weights, metrics_collections, updates_collections,
                name or "percentage_below_threshold")


# ---------------------------------------------------------------------------- per class


def mean_per_class_accuracy(labels, predictions, num_classes, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    with tf.variable_scope(name, "mean_accuracy", (predictions, labels, weights)):
        labels = tf.cast(labels, tf.int64)
        if _rank_above_one(labels):
            labels = tf.reshape(labels, [-1])
        if _rank_above_one(predictions):
            predictions = tf.reshape(predictions, [-1])
        predictions.get_shape().assert_is_compatible_with(labels.get_shape())
        total = metric_variable([num_classes], tf.float32, name="total")
        count = metric_variable([num_classes], tf.float32, name="count")
        # TF scatter-adds the examples' ones and hits by label: a [num_classes] update of each
        update_total_op = total.assign_add(tf.zeros([num_classes], tf.float32))
        update_count_op = count.assign_add(tf.zeros([num_classes], tf.float32))

        def compute_mean_accuracy(_, count, total):
            per_class_accuracy = tf.div_no_nan(count, tf.maximum(total, 0))
            return tf.reduce_mean(per_class_accuracy, name="mean_accuracy")

        mean_accuracy_v = _aggregate_across_replicas(metrics_collections, compute_mean_accuracy, count, total)
        update_op = tf.div_no_nan(update_count_op, tf.maximum(update_total_op, 0), name="update_op")
        _add_update(updates_collections, update_op)
        return mean_accuracy_v, update_op


def _streaming_confusion_matrix(labels, predictions, num_classes, weights=None):
    total_cm = metric_variable([num_classes, num_classes], tf.float64, name="total_confusion_matrix")
    # TF adds the batch's confusion_matrix of (labels, predictions): a [num_classes, num_classes] float64
    update_op = total_cm.assign_add(tf.zeros([num_classes, num_classes], tf.float64))
    return total_cm, update_op


def mean_iou(labels, predictions, num_classes, weights=None, metrics_collections=None, updates_collections=None,
             name=None):
    with tf.variable_scope(name, "mean_iou", (predictions, labels, weights)):
        predictions.get_shape().assert_is_compatible_with(labels.get_shape())
        total_cm, update_op = _streaming_confusion_matrix(labels, predictions, num_classes, weights)

        def compute_mean_iou(_, total_cm):
            cm_diag = tf.cast(tf.reduce_sum(total_cm, 0), tf.float32)  # TF: the IoU of the diagonal's classes
            return tf.reduce_mean(cm_diag, name="mean_iou")

        mean_iou_v = _aggregate_across_replicas(metrics_collections, compute_mean_iou, total_cm)
        _add_update(updates_collections, update_op)
        return mean_iou_v, update_op


# ---------------------------------------------------------------------------- counts


def _count_condition(values, weights=None, metrics_collections=None, updates_collections=None):
    count = metric_variable([], tf.float32, name="count")
    values = tf.cast(values, tf.float32)
    if weights is not None:
        values = tf.multiply(values, tf.cast(weights, tf.float32))
    value_tensor = _aggregate_variable(count, metrics_collections)
    update_op = count.assign_add(tf.reduce_sum(values))
    _add_update(updates_collections, update_op)
    return value_tensor, update_op


def _count(labels, predictions, weights, metrics_collections, updates_collections, name, default_name,
           label_value, prediction_value):
    """true_positives, false_negatives...: a `count` of the examples whose label and prediction
    are the given truths."""
    with tf.variable_scope(name, default_name, (predictions, labels, weights)):
        predictions, labels, weights = _remove_squeezable_dimensions(
            predictions=tf.cast(predictions, dtype=tf.bool), labels=tf.cast(labels, dtype=tf.bool), weights=weights)
        is_counted = tf.logical_and(tf.equal(labels, label_value), tf.equal(predictions, prediction_value))
        return _count_condition(is_counted, weights, metrics_collections, updates_collections)


def true_positives(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                   name=None):
    return _count(labels, predictions, weights, metrics_collections, updates_collections, name, "true_positives",
                  True, True)


def false_negatives(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                    name=None):
    return _count(labels, predictions, weights, metrics_collections, updates_collections, name, "false_negatives",
                  True, False)


def false_positives(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                    name=None):
    return _count(labels, predictions, weights, metrics_collections, updates_collections, name, "false_positives",
                  False, True)


def true_negatives(labels, predictions, weights=None, metrics_collections=None, updates_collections=None,
                   name=None):
    return _count(labels, predictions, weights, metrics_collections, updates_collections, name, "true_negatives",
                  False, False)


def _true_positive_ratio(labels, predictions, weights, metrics_collections, updates_collections, name,
                         default_name, other_count):
    """precision, tp / (tp + fp), and recall, tp / (tp + fn): true_positives and the other count in
    the metric's own scope, as TF makes them."""
    with tf.variable_scope(name, default_name, (predictions, labels, weights)):
        predictions, labels, weights = _remove_squeezable_dimensions(
            predictions=tf.cast(predictions, dtype=tf.bool), labels=tf.cast(labels, dtype=tf.bool), weights=weights)
        true_p, true_positives_update_op = true_positives(labels, predictions, weights)
        other, other_update_op = other_count(labels, predictions, weights)

        def compute(tp, count, name):
            return tf.where(tf.greater(tp + count, 0), tf.divide(tp, tp + count), 0, name)

        value = _aggregate_across_replicas(metrics_collections, lambda _, tp, count: compute(tp, count, "value"),
                                           true_p, other)
        update_op = compute(true_positives_update_op, other_update_op, "update_op")
        _add_update(updates_collections, update_op)
        return value, update_op


def precision(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
    return _true_positive_ratio(labels, predictions, weights, metrics_collections, updates_collections, name,
                                "precision", false_positives)


def recall(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
    return _true_positive_ratio(labels, predictions, weights, metrics_collections, updates_collections, name,
                                "recall", false_negatives)


# ---------------------------------------------------------------------------- at thresholds


_CONFUSION_NAMES = (("tp", "true_positives"), ("fn", "false_negatives"), ("tn", "true_negatives"),
                    ("fp", "false_positives"))


def _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=None, includes=None):
    """A [len(thresholds)] float32 counter per included entry, in TF's order (tp, fn, tn, fp)."""
    all_includes = ("tp", "fn", "tn", "fp")
    if includes is None:
        includes = all_includes
    else:
        for include in includes:
            if include not in all_includes:
                raise ValueError("Invalid key: %s" % include)
    predictions, labels, weights = _remove_squeezable_dimensions(
        predictions=tf.cast(predictions, tf.float32), labels=tf.cast(labels, dtype=tf.bool), weights=weights)
    num_thresholds = len(thresholds)
    predictions_2d = tf.reshape(predictions, [-1, 1])
    labels_2d = tf.reshape(tf.cast(labels, dtype=tf.bool), [1, -1])
    pred_is_pos = tf.greater(tf.tile(tf.transpose(predictions_2d), [num_thresholds, 1]),
                             tf.expand_dims(tf.constant(thresholds), 1))
    label_is_pos = tf.tile(labels_2d, [num_thresholds, 1])
    truths = {"tp": (label_is_pos, pred_is_pos), "fn": (label_is_pos, tf.logical_not(pred_is_pos)),
              "tn": (tf.logical_not(label_is_pos), tf.logical_not(pred_is_pos)),
              "fp": (tf.logical_not(label_is_pos), pred_is_pos)}
    values = {}
    update_ops = {}
    for key, variable_name in _CONFUSION_NAMES:
        if key in includes:
            variable = metric_variable([num_thresholds], tf.float32, name=variable_name)
            is_counted = tf.cast(tf.logical_and(truths[key][0], truths[key][1]), tf.float32)
            update_ops[key] = variable.assign_add(tf.reduce_sum(is_counted, 1))
            values[key] = variable
    return values, update_ops


def _count_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections, name,
                         key, default_name):
    with tf.variable_scope(name, default_name, (predictions, labels, weights)):
        values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights=weights,
                                                             includes=(key,))
        value = _aggregate_variable(values[key], metrics_collections)
        _add_update(updates_collections, update_ops[key])
        return value, update_ops[key]


def true_positives_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                                 updates_collections=None, name=None):
    return _count_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections,
                                name, "tp", "true_positives")


def false_negatives_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                                  updates_collections=None, name=None):
    return _count_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections,
                                name, "fn", "false_negatives")


def true_negatives_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                                 updates_collections=None, name=None):
    return _count_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections,
                                name, "tn", "true_negatives")


def false_positives_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                                  updates_collections=None, name=None):
    return _count_at_thresholds(labels, predictions, thresholds, weights, metrics_collections, updates_collections,
                                name, "fp", "false_positives")


def _true_positive_ratio_at_thresholds(labels, predictions, thresholds, weights, metrics_collections,
                                       updates_collections, name, default_name, other):
    """precision_at_thresholds, tp / (tp + fp), and recall_at_thresholds, tp / (tp + fn): one
    value a threshold, of the confusion matrix's `tp` and `other` counters."""
    with tf.variable_scope(name, default_name, (predictions, labels, weights)):
        values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights,
                                                             includes=("tp", other))
        prefix = default_name[:-len("_at_thresholds")] + "_"

        def compute(tp, count, name):
            return tf.divide(tp, 1e-7 + tp + count, name=prefix + name)

        value = _aggregate_across_replicas(metrics_collections,
                                           lambda _, values: compute(values["tp"], values[other], "value"), values)
        update_op = compute(update_ops["tp"], update_ops[other], "update_op")
        _add_update(updates_collections, update_op)
        return value, update_op


def precision_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    return _true_positive_ratio_at_thresholds(labels, predictions, thresholds, weights, metrics_collections,
                                              updates_collections, name, "precision_at_thresholds", "fp")


def recall_at_thresholds(labels, predictions, thresholds, weights=None, metrics_collections=None,
                         updates_collections=None, name=None):
    return _true_positive_ratio_at_thresholds(labels, predictions, thresholds, weights, metrics_collections,
                                              updates_collections, name, "recall_at_thresholds", "fn")


def _evenly_spaced_thresholds(num_thresholds):
    """num_thresholds thresholds from just below 0 to just above 1 (auc's, and sensitivity's)."""
    kepsilon = 1e-7
    thresholds = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
    return [0.0 - kepsilon] + thresholds + [1.0 + kepsilon]


def auc(labels, predictions, weights=None, num_thresholds=200, metrics_collections=None, updates_collections=None,
        curve="ROC", name=None, summation_method="trapezoidal", thresholds=None):
    with tf.variable_scope(name, "auc", (labels, predictions, weights)):
        if curve != "ROC" and curve != "PR":
            raise ValueError("Curve must be either ROC or PR. Curve %s is unknown." % curve)
        if thresholds is not None:
            thresholds = [0.0 - 1e-7] + sorted(thresholds) + [1.0 + 1e-7]
            num_thresholds = len(thresholds)
        else:
            thresholds = _evenly_spaced_thresholds(num_thresholds)
        values, update_ops = _confusion_matrix_at_thresholds(labels, predictions, thresholds, weights)

        def compute_auc(tp, fn, tn, fp, name):
            # TF raises here, for the value and again for the update op, on a method it lacks
            if summation_method not in ("trapezoidal", "careful_interpolation", "minoring", "majoring"):
                raise ValueError("Invalid summation_method: %s summation_method should be 'trapezoidal', "
                                 "'careful_interpolation', 'minoring', or 'majoring'." % summation_method)
            rec = tf.divide(tp + 1e-6, tp + fn + 1e-6)
            return tf.reduce_sum(tf.multiply(rec, tf.divide(fp, fp + tn + 1e-6)), name=name)

        auc_value = _aggregate_across_replicas(
            metrics_collections, lambda _, values: compute_auc(values["tp"], values["fn"], values["tn"],
                                                               values["fp"], "value"), values)
        update_op = compute_auc(update_ops["tp"], update_ops["fn"], update_ops["tn"], update_ops["fp"], "update_op")
        _add_update(updates_collections, update_op)
        return auc_value, update_op


def _rate_at(labels, predictions, weights, num_thresholds, metrics_collections, updates_collections, name,
             default_name, given, rate_of, rate_at):
    """sensitivity_at_specificity, specificity_at_sensitivity: the four counters over
    num_thresholds thresholds; the value is one rate (`rate_of`: its counters' keys) at the
    threshold where the other is nearest the given one (`rate_at`)."""
    with tf.variable_scope(name, default_name, (predictions, labels, weights)):
        values, update_ops = _confusion_matrix_at_thresholds(labels, predictions,
                                                             _evenly_spaced_thresholds(num_thresholds), weights)

        def compute(counters, name):
            hit, miss = counters[rate_at[0]], counters[rate_at[1]]
            index = tf.cast(tf.argmin(tf.abs(tf.divide(hit, hit + miss + 1e-7) - given), 0), tf.int32)
            numerator = tf.gather(counters[rate_of[0]], index)
            return tf.divide(numerator, numerator + tf.gather(counters[rate_of[1]], index) + 1e-7, name)

        value = _aggregate_across_replicas(metrics_collections, lambda _, values: compute(values, "value"), values)
        update_op = compute(update_ops, "update_op")
        _add_update(updates_collections, update_op)
        return value, update_op


def sensitivity_at_specificity(labels, predictions, specificity, weights=None, num_thresholds=200,
                               metrics_collections=None, updates_collections=None, name=None):
    if specificity < 0 or specificity > 1:
        raise ValueError("`specificity` must be in the range [0, 1]. Currently, `specificity` got %s."
                         % specificity)
    return _rate_at(labels, predictions, weights, num_thresholds, metrics_collections, updates_collections, name,
                    "sensitivity_at_specificity", specificity, ("tp", "fn"), ("tn", "fp"))


def specificity_at_sensitivity(labels, predictions, sensitivity, weights=None, num_thresholds=200,
                               metrics_collections=None, updates_collections=None, name=None):
    if sensitivity < 0 or sensitivity > 1:
        raise ValueError("`sensitivity` must be in the range [0, 1]. Currently, `sensitivity` is %s." % sensitivity)
    return _rate_at(labels, predictions, weights, num_thresholds, metrics_collections, updates_collections, name,
                    "specificity_at_sensitivity", sensitivity, ("tn", "fp"), ("tp", "fn"))


# ---------------------------------------------------------------------------- tf.contrib.metrics
# TF 1.x's streaming metrics (contrib/metrics/python/ops/metric_ops.py): tf.metrics' own, called
# with their arguments in contrib's order, predictions first (adversarial_text's eval_graph).


def _streaming(metric):
    def streaming_metric(predictions, labels, weights=None, metrics_collections=None, updates_collections=None,
                         name=None):
        return metric(labels, predictions, weights, metrics_collections, updates_collections, name)

    return streaming_metric


streaming_accuracy = _streaming(accuracy)
streaming_mean_absolute_error = _streaming(mean_absolute_error)
streaming_mean_squared_error = _streaming(mean_squared_error)
streaming_root_mean_squared_error = _streaming(root_mean_squared_error)
streaming_precision = _streaming(precision)
streaming_recall = _streaming(recall)
streaming_mean = mean


def streaming_mean_iou(predictions, labels, num_classes, weights=None, metrics_collections=None,
                       updates_collections=None, name=None):
    return mean_iou(labels, predictions, num_classes, weights, metrics_collections, updates_collections, name)
