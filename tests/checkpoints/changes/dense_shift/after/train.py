"""After: a hidden dense layer added before it takes `dense/`; the old layer becomes `dense_1/`."""
import tensorflow as tf

x = tf.ones([2, 4])
hidden = tf.layers.dense(x, 4)
logits = tf.layers.dense(hidden, 3)
