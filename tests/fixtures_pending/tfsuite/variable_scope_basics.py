# fixture: units=case_*
"""TensorFlow's variable_scope_test.py, VariableScopeTest: the variable store and what
get_variable does with initializers, dtypes and shapes. Graph-mode TF1 rewrites; the
assertions, sessions and evaluations are dropped. The tests that call the default variable
store directly (`_get_default_variable_store().get_variable(..., reuse=...)`) are written
with scopes, and once with a custom getter that hands the store reuse=None (get or create)."""
import numpy as np
import tensorflow as tf


def store_reuse(reuse):
    def custom_getter(getter, *args, **kwargs):
        kwargs["reuse"] = reuse
        return getter(*args, **kwargs)

    return custom_getter


# from VariableScopeTest.testInitFromNonTensorValue
def case_init_from_non_tensor_value():
    tf.get_variable("v4", initializer=4, dtype=tf.int32)  # creates: v4:0
    tf.get_variable("w4", initializer=np.array([1, 2, 3]), dtype=tf.int64)  # creates: w4:0
    try:
        tf.get_variable("x4", initializer={})
    except TypeError:
        tf.get_variable("probe_type_error", [1])  # creates: probe_type_error:0
