# fixture: units=case_*
"""TensorFlow's variable_scope_test.py: errors of the scope APIs themselves (a variable scope
exited out of order by hand, an invalid root scope name with two graphs, reuse=True with a
default name, an auxiliary_name_scope that is not a bool, a custom getter that is not
callable). Graph-mode TF1 rewrites; each raising call ends its case. TF's RuntimeError for
improper nesting is also caught once, by a handler that makes a probe variable, to show the
scopes that stay open after it."""
import tensorflow as tf


# from VariableScopeTest.testVarScopeNestingError (the RuntimeError not caught)
def case_var_scope_nesting_error_uncaught():
    with tf.variable_scope("aa"):  # error: SL105
        scope = tf.variable_scope("bb")
        scope.__enter__()
        tf.get_variable("v", [1])  # creates: aa/bb/v:0
        with tf.variable_scope("cc"):
            tf.get_variable("v", [1])  # creates: aa/bb/cc/v:0
            scope.__exit__(None, None, None)  # raises; then leaving "aa" with "bb" still open raises again
