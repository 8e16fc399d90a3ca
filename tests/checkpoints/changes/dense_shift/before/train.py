"""Before: one unnamed dense layer (`dense/`)."""
import tensorflow as tf

x = tf.ones([2, 4])
logits = tf.layers.dense(x, 3)
