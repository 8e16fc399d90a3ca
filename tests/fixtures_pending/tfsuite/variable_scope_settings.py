# fixture: units=case_*
"""TensorFlow's variable_scope_test.py, VariableScopeTest: what a variable scope carries to
the variables made in it (initializer, constraint, dtype, regularizer, caching device), set
at entry or later on the scope object, and variables built under control dependencies, in
tf.cond branches and under a device function. Graph-mode TF1 rewrites; assertions, sessions
and evaluations are dropped; probes put a dtype or a count into a variable name."""
import numpy as np
import tensorflow as tf


# from VariableScopeTest.testVarScopeRegularizer (probes: the number of regularization losses)
def case_var_scope_regularizer():
    init = tf.constant_initializer(0.3)

    def regularizer1(v):
        return tf.reduce_mean(v) + 0.1

    def regularizer2(v):
        return tf.reduce_mean(v) + 0.2

    with tf.variable_scope("tower3", regularizer=regularizer1) as tower:
        with tf.variable_scope("foo", initializer=init):
            tf.get_variable("v", [])  # creates: tower3/foo/v:0
            losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
            tf.Variable(0.0, name="losses_%d" % len(losses), trainable=False, collections=[])  # creates: tower3/foo/losses_1:0
        with tf.variable_scope(tower, initializer=init) as vs:
            tf.get_variable("u", [])  # creates: tower3/u:0
            vs.set_regularizer(regularizer2)
            tf.get_variable("w", [])  # creates: tower3/w:0
            tf.get_variable("x", [], regularizer=tf.no_regularizer)  # creates: tower3/x:0
            with tf.variable_scope("baz", regularizer=tf.no_regularizer):
                tf.get_variable("y", [])  # creates: tower3/baz/y:0
            vs.set_regularizer(tf.no_regularizer)
            tf.get_variable("z", [])  # creates: tower3/z:0
            losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
            tf.Variable(0.0, name="losses_%d" % len(losses), trainable=False, collections=[])  # creates: tower3/tower3/losses_3:0
        with tf.variable_scope("foo", reuse=True):
            tf.get_variable("v", [])  # shares: tower3/foo/v:0
            losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
            tf.Variable(0.0, name="losses_%d" % len(losses), trainable=False, collections=[])  # creates: tower3/foo_1/losses_3:0; warn: SL202
