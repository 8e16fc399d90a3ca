"""The program (the same before and after): it builds the network nets.py defines."""
import tensorflow as tf

from nets import classifier

x = tf.ones([2, 5])
with tf.variable_scope("embed"):
    table = tf.get_variable("table", [5, 5])
logits = classifier(tf.matmul(x, table))
