"""After: the same network under a `model/` scope."""
import tensorflow as tf

x = tf.ones([2, 3])
with tf.variable_scope("model"):
    with tf.variable_scope("encoder"):
        code = tf.layers.dense(x, 2)
    with tf.variable_scope("decoder"):
        w = tf.get_variable("w", [2, 3])
        b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
out = tf.matmul(code, w) + b
