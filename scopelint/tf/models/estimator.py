"""tf.estimator's mode keys (tensorflow_estimator/python/estimator/mode_keys.py, which are
tensorflow/python/saved_model/model_utils/mode_keys.py's EstimatorModeKeys): model code takes
`mode=tf.estimator.ModeKeys.TRAIN` as a default argument, and compares with it."""


class ModeKeys(object):
    """Standard names for Estimator model modes."""

    TRAIN = "train"
    EVAL = "eval"
    PREDICT = "infer"
