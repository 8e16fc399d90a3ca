"""ENAS's controllers, Python 2 modules (print statements), loop over `xrange` and divide ints
with `/`: twin of tests/fixtures/projects/python2_module_twin/model.py."""
import tensorflow as tf


class Controller(object):
    def __init__(self, num_layers, lstm_size):
        print "-" * 80
        with tf.variable_scope("controller"):
            for layer_id in xrange(num_layers):
                with tf.variable_scope("layer_{}".format(layer_id)):
                    tf.get_variable("w", [2 * lstm_size, 4 * lstm_size])
            for name, size in sorted({"emb": lstm_size / 3, "out": lstm_size}.iteritems()):
                tf.get_variable(name, [size])
