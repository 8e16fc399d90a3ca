"""TF 1.x's tf.contrib.learn mode keys (contrib/learn/python/learn/estimators/constants.py):
tf.estimator's values, with INFER where tf.estimator says PREDICT. Model code (nmt) branches on
`mode == tf.contrib.learn.ModeKeys.TRAIN` to add dropout, the loss and the optimizer."""


class ModeKeys(object):
    """Standard names for model modes."""

    TRAIN = "train"
    EVAL = "eval"
    INFER = "infer"
