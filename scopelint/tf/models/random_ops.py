"""tf.random.categorical (tensorflow/python/ops/random_ops.py): tf.multinomial under another name
scope and with its dtype argument third. ELECTRA's masking (pretrain_helpers.mask) samples the
positions to mask so, and gathers the masked ids by them."""

import tensorflow as tf


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    with tf.name_scope(name, "categorical", [logits]):
        return tf.multinomial(logits, num_samples, seed=seed, output_dtype=dtype)
