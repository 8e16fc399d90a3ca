"""TF 1.x's vocabulary tables (tensorflow/python/ops/lookup_ops.py, also tf.contrib.lookup):
`index_table_from_tensor`/`_from_file` map strings to int64 ids, `index_to_string_table_from_*`
ids back to strings. A table is a resource, no variable; what model code reads back is its
lookup's result, shaped like the keys, of the table's value dtype (tensorflow/nmt casts the ids
of <s> and </s> to int32 and packs them into its target sequences)."""

import tensorflow as tf


class _VocabularyTable(object):
    def __init__(self, key_dtype, value_dtype, name=None):
        self._key_dtype = tf.as_dtype(key_dtype)
        self._value_dtype = tf.as_dtype(value_dtype)
        self._name = name

    @property
    def key_dtype(self):
        return self._key_dtype

    @property
    def value_dtype(self):
        return self._value_dtype

    @property
    def name(self):
        return self._name

    @property
    def initializer(self):
        return tf.no_op()

    @property
    def init(self):
        return self.initializer

    def size(self, name=None):
        return tf.placeholder(tf.int64, [])

    def lookup(self, keys, name=None):
        """The values of the keys: one per key, in the keys' shape."""
        keys = tf.convert_to_tensor(keys, dtype=self._key_dtype)
        return tf.placeholder(self._value_dtype, keys.get_shape())


def index_table_from_tensor(vocabulary_list, num_oov_buckets=0, default_value=-1, hasher_spec=None,
                            dtype=tf.string, name=None):
    return _VocabularyTable(dtype, tf.int64, name)


def index_table_from_file(vocabulary_file=None, num_oov_buckets=0, vocab_size=None, default_value=-1,
                          hasher_spec=None, key_dtype=tf.string, name=None, key_column_index=-2,
                          value_column_index=-1, delimiter="\t"):
    return _VocabularyTable(key_dtype, tf.int64, name)


def index_to_string_table_from_tensor(vocabulary_list, default_value="UNK", name=None):
    return _VocabularyTable(tf.int64, tf.string, name)


def index_to_string_table_from_file(vocabulary_file, vocab_size=None, default_value="UNK", name=None,
                                    key_column_index=-1, value_column_index=-2, delimiter="\t"):
    return _VocabularyTable(tf.int64, tf.string, name)
