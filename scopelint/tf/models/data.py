"""tf.data's datasets and iterators (tensorflow/python/data/ops/dataset_ops.py, iterator_ops.py,
readers.py, experimental/ops/batching.py, shuffle_ops.py, prefetching_ops.py, interleave_ops.py),
written as TF 1.15 infers their elements over the runtime's ops.

A dataset creates no variable of the graph's. What matters is its element: the dtypes and
static shapes that `iterator.get_next()` gives, which model code reads back (a convolution's
input channels after `decode_jpeg(channels=3)` and `resize_images`). A function given to `map`,
`flat_map`, `interleave` or `filter` is traced as TF traces it, in a graph of its own, on
placeholders of the element's specs: its ops, and any variable it makes, are not the graph's.
"""

import tensorflow as tf

AUTOTUNE = -1


class _Spec(object):
    """One component of an element: a dtype and a static shape."""

    def __init__(self, dtype, shape):
        self.dtype = dtype
        self.shape = tf.TensorShape(shape)


_MAX_NESTING = 3  # deeper than TF pipelines nest: a structure the analysis lost stops here


def _map_structure(function, structure, depth=0):
    if depth < _MAX_NESTING and isinstance(structure, dict):
        return {key: _map_structure(function, value, depth + 1) for key, value in structure.items()}
    if depth < _MAX_NESTING and isinstance(structure, tuple):
        return tuple(_map_structure(function, value, depth + 1) for value in structure)
    return function(structure)


def _spec_of(value):
    if isinstance(value, _Spec):
        return value
    tensor = tf.convert_to_tensor(value)
    return _Spec(tensor.dtype.base_dtype, tensor.get_shape())


def _element_of(value):
    """normalize_element: tuples and dicts are structure; a list is one tensor."""
    return _map_structure(_spec_of, value)


def _returned(value):
    """What a traced function returned, as an element: TF makes a returned list a tuple."""
    if isinstance(value, list):
        value = tuple(value)
    return _element_of(value)


def _placeholders(element):
    return _map_structure(lambda spec: tf.placeholder(spec.dtype, spec.shape), element)


def _trace(function, element):
    """The function called on the element, in a graph of its own (dataset_ops.StructuredFunctionWrapper)."""
    with tf.Graph().as_default():
        arguments = _placeholders(element)
        if isinstance(arguments, tuple):
            return function(*arguments)
        return function(arguments)


def _prepend(element, dimension):
    return _map_structure(lambda spec: _Spec(spec.dtype, tf.TensorShape([dimension]).concatenate(spec.shape)),
                          element)


def _drop_first(element):
    return _map_structure(lambda spec: _Spec(spec.dtype, spec.shape[1:]), element)


def _constant_int(value):
    """The value of a Python int (a tensor's value is not known statically)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _shape_of_structure(element):
    return _map_structure(lambda spec: spec.shape, element)


def _type_of_structure(element):
    return _map_structure(lambda spec: spec.dtype, element)


class _Structured(object):
    """What datasets and iterators share: the element's structure of dtypes and shapes."""

    def __init__(self, element):
        self._element = element

    @property
    def output_shapes(self):
        return _shape_of_structure(self._element)

    @property
    def output_types(self):
        return _type_of_structure(self._element)


class Dataset(_Structured):
    """DatasetV1: every transformation is a new dataset with the element TF infers."""

    # ------------------------------------------------------------------ sources

    @staticmethod
    def from_tensors(tensors):
        return Dataset(_element_of(tensors))

    @staticmethod
    def from_tensor_slices(tensors):
        return Dataset(_drop_first(_element_of(tensors)))

    @staticmethod
    def from_generator(generator, output_types, output_shapes=None, args=None):
        if output_shapes is None:
            output_shapes = _map_structure(lambda dtype: None, output_types)
        return Dataset(_map_structure_pair(output_types, output_shapes))

    @staticmethod
    def range(*args):
        return Dataset(_Spec(tf.int64, []))

    @staticmethod
    def zip(datasets):
        return Dataset(_map_structure(lambda dataset: dataset._element, datasets))

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None):
        return Dataset(_Spec(tf.string, []))

    # ------------------------------------------------------------------ transformations

    def map(self, map_func, num_parallel_calls=None):
        return Dataset(_returned(_trace(map_func, self._element)))

    def flat_map(self, map_func):
        return Dataset(_trace(map_func, self._element)._element)

    def interleave(self, map_func, cycle_length=AUTOTUNE, block_length=1, num_parallel_calls=None):
        return Dataset(_trace(map_func, self._element)._element)

    def filter(self, predicate):
        _trace(predicate, self._element)
        return Dataset(self._element)

    def batch(self, batch_size, drop_remainder=False):
        return Dataset(_prepend(self._element, _constant_int(batch_size) if drop_remainder is True else None))

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None, drop_remainder=False):
        if padded_shapes is None:
            padded = self._element
        else:
            padded = _map_structure_pair(self.output_types, padded_shapes)
        return Dataset(_prepend(padded, _constant_int(batch_size) if drop_remainder is True else None))

    def unbatch(self):
        return Dataset(_drop_first(self._element))

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=None):
        return Dataset(self._element)

    def repeat(self, count=None):
        return Dataset(self._element)

    def prefetch(self, buffer_size):
        return Dataset(self._element)

    def cache(self, filename=""):
        return Dataset(self._element)

    def take(self, count):
        return Dataset(self._element)

    def skip(self, count):
        return Dataset(self._element)

    def shard(self, num_shards, index):
        return Dataset(self._element)

    def with_options(self, options):
        return Dataset(self._element)

    def concatenate(self, dataset):
        return Dataset(_map_structure_pair(self.output_types, _most_specific(self._element, dataset._element)))

    def apply(self, transformation_func):
        return transformation_func(self)

    # ------------------------------------------------------------------ iterators

    def make_one_shot_iterator(self):
        return Iterator(self._element)

    def make_initializable_iterator(self, shared_name=None):
        return Iterator(self._element)


def _map_structure_pair(types, shapes, depth=0):
    if depth < _MAX_NESTING and isinstance(types, dict):
        return {key: _map_structure_pair(types[key], shapes[key], depth + 1) for key in types}
    if depth < _MAX_NESTING and isinstance(types, tuple):
        return tuple(_map_structure_pair(dtype, shape, depth + 1) for dtype, shape in zip(types, shapes))
    return _Spec(tf.as_dtype(types), shapes)


def _most_specific(first, second, depth=0):
    """The shapes both elements are compatible with (concatenate's)."""
    if depth < _MAX_NESTING and isinstance(first, dict):
        return {key: _most_specific(first[key], second[key], depth + 1) for key in first}
    if depth < _MAX_NESTING and isinstance(first, tuple):
        return tuple(_most_specific(a, b, depth + 1) for a, b in zip(first, second))
    mine, theirs = first.shape, second.shape
    if mine.ndims is None or theirs.ndims is None or mine.ndims != theirs.ndims:
        return tf.TensorShape(None)
    return tf.TensorShape([a if a == b else None for a, b in zip(mine.as_list(), theirs.as_list())])


class TextLineDataset(Dataset):
    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None):
        Dataset.__init__(self, _Spec(tf.string, []))


class TFRecordDataset(Dataset):
    def __init__(self, filenames, compression_type=None, buffer_size=None, num_parallel_reads=None):
        Dataset.__init__(self, _Spec(tf.string, []))


class FixedLengthRecordDataset(Dataset):
    def __init__(self, filenames, record_bytes, header_bytes=None, footer_bytes=None, buffer_size=None,
                 compression_type=None, num_parallel_reads=None):
        Dataset.__init__(self, _Spec(tf.string, []))


class Iterator(_Structured):
    """iterator_ops.Iterator: `get_next()` gives tensors of the element's specs."""

    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None, output_classes=None):
        if output_shapes is None:
            output_shapes = _map_structure(lambda dtype: None, output_types)
        return Iterator(_map_structure_pair(output_types, output_shapes))

    @staticmethod
    def from_string_handle(string_handle, output_types, output_shapes=None, output_classes=None):
        return Iterator.from_structure(output_types, output_shapes)

    @property
    def initializer(self):
        return tf.no_op(name="MakeIterator")

    def make_initializer(self, dataset, name=None):
        return tf.no_op(name=name or "make_initializer")

    def string_handle(self, name=None):
        return tf.placeholder(tf.string, [], name=name or "IteratorToStringHandle")

    def get_next(self, name=None):
        return _map_structure(lambda spec: tf.placeholder(spec.dtype, spec.shape, name=name or "IteratorGetNext"),
                              self._element)


def make_one_shot_iterator(dataset):
    return dataset.make_one_shot_iterator()


def make_initializable_iterator(dataset, shared_name=None):
    return dataset.make_initializable_iterator(shared_name)


def get_output_shapes(dataset_or_iterator):
    return dataset_or_iterator.output_shapes


def get_output_types(dataset_or_iterator):
    return dataset_or_iterator.output_types


# ---------------------------------------------------------------------------- experimental


def map_and_batch(map_func, batch_size, num_parallel_batches=None, drop_remainder=False, num_parallel_calls=None):
    return lambda dataset: dataset.map(map_func).batch(batch_size, drop_remainder)


def shuffle_and_repeat(buffer_size, count=None, seed=None):
    return lambda dataset: dataset.shuffle(buffer_size, seed).repeat(count)


def prefetch_to_device(device, buffer_size=None):
    return lambda dataset: dataset


def copy_to_device(target_device, source_device="/cpu:0"):
    return lambda dataset: dataset


def ignore_errors():
    return lambda dataset: dataset


def unbatch():
    return lambda dataset: dataset.unbatch()


def group_by_window(key_func, reduce_func, window_size=None, window_size_func=None):
    """grouping.py's _GroupByWindowDataset: its element is the one of the dataset reduce_func makes
    of a window (a dataset of the input's element) and its int64 key, both traced as TF traces them."""

    def transformation(dataset):
        _trace(key_func, dataset._element)
        with tf.Graph().as_default():
            reduced = reduce_func(tf.placeholder(tf.int64, []), Dataset(dataset._element))
        return Dataset(reduced._element)

    return transformation


def parallel_interleave(map_func, cycle_length, block_length=1, sloppy=False, buffer_output_elements=None,
                        prefetch_input_elements=None):
    return lambda dataset: dataset.interleave(map_func, cycle_length, block_length)
