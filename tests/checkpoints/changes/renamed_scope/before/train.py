"""Before: a generator scope, trained with Adam; a local step counter (not saved by a Saver)."""
import tensorflow as tf

x = tf.ones([2, 4])
with tf.variable_scope("generator"):
    hidden = tf.layers.dense(x, 4, activation=tf.nn.relu)
    w = tf.get_variable("w", [4, 2])
    seen = tf.get_local_variable("seen", [], dtype=tf.int64, initializer=tf.zeros_initializer())
loss = tf.reduce_sum(tf.matmul(hidden, w))
train = tf.train.AdamOptimizer().minimize(loss)
