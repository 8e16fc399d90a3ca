"""What several models share, written once: Keras's layer code that tf.keras and tf.layers both
run (in TF, tf.layers' classes are Keras's over another base layer: tf_keras/src/legacy_tf_layers),
and nest's flattening and packing of lists and tuples.

A model imports it as `from scopelint.tf.models import _common`: both drivers serve that import
with this model as they run it (one instance per run, like any model), not with a Python module.
"""

import re

import tensorflow as tf


def flatten(structure):
    """nest.flatten for lists and tuples."""
    if isinstance(structure, (list, tuple)):
        flat = []
        for item in structure:
            flat.extend(flatten(item))
        return flat
    return [structure]


def pack_like(structure, flat):
    """nest.pack_sequence_as for lists and tuples: `flat`'s items in `structure`'s shape."""
    items = list(flat)

    def pack(part):
        if isinstance(part, (list, tuple)):
            return rebuilt(part, [pack(item) for item in part])
        return items.pop(0)

    return pack(structure)


def rebuilt(sequence, items):
    """`items` as a sequence of `sequence`'s type: a list, a tuple, or a namedtuple, which keeps
    its type (LSTMStateTuple)."""
    if hasattr(sequence, "_fields"):
        return sequence._replace(**dict(zip(sequence._fields, items)))
    return tuple(items) if isinstance(sequence, tuple) else items


def snake_case(name):
    """generic_utils.to_snake_case, as TF writes it: `Conv2DTranspose` -> `conv2d_transpose` (two
    regex substitutions, each one step of the analysis, where a loop over the name's characters
    cost a hundred steps per layer built)."""
    intermediate = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    if insecure[0] != "_":
        return insecure
    return "private" + insecure


def normalize_tuple(value, rank):
    """conv_utils.normalize_tuple."""
    if isinstance(value, int):
        return (value,) * rank
    return tuple(value)


def static_dims(shape):
    """A static shape as a list of ints and None, or None when its rank is unknown."""
    shape = tf.TensorShape(shape)
    if shape.ndims is None:
        return None
    return shape.as_list()


def computed_from(tensor, others):
    """`tensor`, computed from the tensors `others` as well (a value a loop carried or a
    TensorArray was given): gradients of a loss on it reach the variables they depend on."""
    for other in others:
        tensor = tensor + tf.cast(0.0 * tf.reduce_sum(tf.cast(other, tf.float32)), tensor.dtype)
    return tensor


def tf_data_format(data_format, rank):
    """conv_utils.convert_data_format: `channels_first` of rank 2 -> `NCHW`."""
    if data_format == "channels_first":
        return "NC" + "DHW"[3 - rank:]
    return "N" + "DHW"[3 - rank:] + "C"


class BaseLayer(object):
    """What Keras's layer and the legacy layer share: the weight lists. Each base makes its
    weights its own way (`add_weight`) and names and calls itself its own way (`__call__`)."""

    @property
    def trainable_weights(self):
        return self._trainable_weights if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return self._non_trainable_weights
        return self._trainable_weights + self._non_trainable_weights

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights
    variables = weights

    def _track_weight(self, variable, trainable):
        if trainable and self.trainable:
            self._trainable_weights.append(variable)
        else:
            self._non_trainable_weights.append(variable)
        return variable

    def build(self, input_shape):
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def apply(self, inputs, *args, **kwargs):
        return self.__call__(inputs, *args, **kwargs)


# Keras's layers, over whichever base layer makes their weights (`class Dense(_common.Dense,
# Layer)`: as in TF, where tf.layers.Dense is keras's Dense over the legacy base). These classes
# have no base of their own, so a method they lack is the base layer's.


def bias_and_activation(layer, outputs, data_format=None):
    if layer.use_bias:
        outputs = tf.nn.bias_add(outputs, layer.bias, data_format=data_format)
    if layer.activation is not None:
        return layer.activation(outputs)
    return outputs


def _configure_weights(layer, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                       bias_regularizer):
    """What Dense and Conv keep of their arguments for a kernel and a bias."""
    layer.activation = activation
    layer.use_bias = use_bias
    layer.kernel_initializer = kernel_initializer
    layer.bias_initializer = bias_initializer
    layer.kernel_regularizer = kernel_regularizer
    layer.bias_regularizer = bias_regularizer


class Dense(object):
    def _configure(self, units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                   bias_regularizer):
        self.units = int(units)
        _configure_weights(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer)

    def build(self, input_shape):
        dtype = tf.as_dtype(self.dtype or tf.float32)
        if not (dtype.is_floating or dtype.is_complex):
            raise TypeError("A Dense layer can only be built with a floating-point dtype. Received: dtype=%s"
                            % (dtype,))
        dims = static_dims(input_shape)
        last_dim = None if dims is None else dims[-1]
        if last_dim is None:  # unknown: false
            raise ValueError("The last dimension of the inputs to a Dense layer should be defined. Found None. "
                             "Full input shape received: %s" % (tf.TensorShape(input_shape),))
        self.kernel = self.add_weight("kernel", shape=[last_dim, self.units], initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, dtype=self.dtype, trainable=True)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.units], initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, dtype=self.dtype, trainable=True)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        rank = inputs.get_shape().ndims
        if rank == 2 or rank is None:
            outputs = tf.matmul(inputs, self.kernel)
        else:
            outputs = tf.tensordot(inputs, self.kernel, [[rank - 1], [0]])
        return bias_and_activation(self, outputs)


class Conv(object):
    """Keras's Conv base: `kernel` of kernel_size + (input channels, filters), then `bias`."""

    rank = 2

    def _configure(self, filters, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                   kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer):
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, self.rank)
        self.strides = normalize_tuple(strides, self.rank)
        self.padding = padding.lower()
        self.data_format = data_format or "channels_last"
        self.dilation_rate = normalize_tuple(dilation_rate, self.rank)
        _configure_weights(self, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer)

    def _input_channel(self, input_shape):
        dims = static_dims(input_shape)
        channel = None
        if dims is not None:
            channel = dims[1] if self.data_format == "channels_first" else dims[-1]
        if channel is None:  # unknown: false
            raise ValueError("The channel dimension of the inputs should be defined. The input_shape received is "
                             "%s, where axis %s (0-based) is the channel dimension, which found to be `None`."
                             % (tf.TensorShape(input_shape), 1 if self.data_format == "channels_first" else -1))
        return channel

    def _kernel_shape(self, input_channel):
        return self.kernel_size + (input_channel, self.filters)

    def build(self, input_shape):
        input_channel = self._input_channel(input_shape)
        self.kernel = self.add_weight(name="kernel", shape=self._kernel_shape(input_channel),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      trainable=True, dtype=self.dtype)
        self._build_bias()
        self.built = True

    def _build_bias(self):
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, trainable=True, dtype=self.dtype)
        else:
            self.bias = None

    def _convolve(self, inputs):
        return tf.nn.convolution(inputs, self.kernel, strides=list(self.strides), padding=self.padding.upper(),
                                 dilations=list(self.dilation_rate),
                                 data_format=tf_data_format(self.data_format, self.rank))

    def call(self, inputs):
        return bias_and_activation(self, self._convolve(inputs),
                                   "NCHW" if self.data_format == "channels_first" else "NHWC")


def deconv_output_length(length, filter_size, padding, stride, dilation=1, output_padding=None):
    """conv_utils.deconv_output_length."""
    if length is None:
        return None
    filter_size = filter_size + (filter_size - 1) * (dilation - 1)
    if output_padding is not None:
        pad = {"same": filter_size // 2, "valid": 0, "full": filter_size - 1}[padding]
        return (length - 1) * stride + filter_size - 2 * pad + output_padding
    if padding == "valid":
        return length * stride + max(filter_size - stride, 0)
    if padding == "full":
        return length * stride - (stride + filter_size - 2)
    return length * stride


class ConvTranspose(object):
    """Keras's Conv1DTranspose / Conv2DTranspose / Conv3DTranspose over its Conv: `kernel` of kernel_size +
    (filters, input channels), an output of deconv_output_length on each spatial side."""

    output_padding = None

    def _kernel_shape(self, input_channel):
        return self.kernel_size + (self.filters, input_channel)

    def _convolve(self, inputs):
        dims = static_dims(inputs.get_shape())
        first = self.data_format == "channels_first"
        sizes = [None] * self.rank if dims is None else (dims[2:] if first else dims[1:-1])
        paddings = self.output_padding or [None] * self.rank
        spatial = [deconv_output_length(sizes[i], self.kernel_size[i], self.padding, self.strides[i],
                                        self.dilation_rate[i], paddings[i]) for i in range(self.rank)]
        batch = None if dims is None else dims[0]
        output_shape = [batch, self.filters] + spatial if first else [batch] + spatial + [self.filters]
        if self.rank == 1:
            return tf.nn.conv1d_transpose(inputs, self.kernel, output_shape, self.strides[0],
                                          padding=self.padding.upper(),
                                          data_format="NCW" if self.data_format == "channels_first" else "NWC")
        transpose = tf.nn.conv2d_transpose if self.rank == 2 else tf.nn.conv3d_transpose
        return transpose(inputs, self.kernel, output_shape, [1] + list(self.strides) + [1],
                         padding=self.padding.upper(), data_format=tf_data_format(self.data_format, self.rank))


def add_depthwise_kernel(layer, input_dim):
    """A separable or depthwise convolution's `depthwise_kernel`: kernel_size + (input channels,
    depth_multiplier)."""
    layer.depthwise_kernel = layer.add_weight(
        name="depthwise_kernel", shape=layer.kernel_size + (input_dim, layer.depth_multiplier),
        initializer=layer.depthwise_initializer, regularizer=layer.depthwise_regularizer, trainable=True,
        dtype=layer.dtype)


class SeparableConv(object):
    """Keras's SeparableConv over its Conv: `depthwise_kernel`, `pointwise_kernel`, then `bias`."""

    def _configure_separable(self, depth_multiplier, depthwise_initializer, pointwise_initializer,
                             depthwise_regularizer, pointwise_regularizer):
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = depthwise_initializer
        self.pointwise_initializer = pointwise_initializer
        self.depthwise_regularizer = depthwise_regularizer
        self.pointwise_regularizer = pointwise_regularizer

    def build(self, input_shape):
        input_dim = self._input_channel(input_shape)
        add_depthwise_kernel(self, input_dim)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel", shape=(1,) * self.rank + (self.depth_multiplier * input_dim, self.filters),
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer, trainable=True,
            dtype=self.dtype)
        self._build_bias()
        self.built = True

    def _convolve(self, inputs):
        if self.rank == 1:
            expanded = tf.expand_dims(inputs, 1 if self.data_format == "channels_last" else 2)
            outputs = tf.nn.separable_conv2d(
                expanded, tf.expand_dims(self.depthwise_kernel, 0), tf.expand_dims(self.pointwise_kernel, 0),
                strides=[1, 1] + list(self.strides) + [1], padding=self.padding.upper(),
                dilations=[1] + list(self.dilation_rate),
                data_format="NHWC" if self.data_format == "channels_last" else "NCHW")
            return tf.squeeze(outputs, [1 if self.data_format == "channels_last" else 2])
        return tf.nn.separable_conv2d(inputs, self.depthwise_kernel, self.pointwise_kernel,
                                      strides=[1] + list(self.strides) + [1], padding=self.padding.upper(),
                                      dilations=list(self.dilation_rate),
                                      data_format=tf_data_format(self.data_format, 2))


class Flatten(object):
    def call(self, inputs):
        dims = static_dims(inputs.get_shape())
        if dims is None:
            return tf.reshape(inputs, [-1, -1])
        flat = 1
        for dim in dims[1:]:
            flat = None if flat is None or dim is None else flat * dim
        return tf.reshape(inputs, [-1 if dims[0] is None else dims[0], -1 if flat is None else flat])


class Dropout(object):
    def call(self, inputs, training=None):
        return tf.identity(inputs)  # the same shape; which units drop decides no name


class Pooling(object):
    """Pooling of `rank` dimensions, `pool_op` max or avg."""

    rank = 2
    pool_op = "max"

    def _configure(self, pool_size, strides, padding, data_format):
        self.pool_size = normalize_tuple(pool_size, self.rank)
        self.strides = normalize_tuple(strides if strides is not None else pool_size, self.rank)
        self.padding = padding.lower()
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        data_format = tf_data_format(self.data_format, self.rank)
        if self.data_format == "channels_first":
            window = [1, 1] + list(self.pool_size)
            steps = [1, 1] + list(self.strides)
        else:
            window = [1] + list(self.pool_size) + [1]
            steps = [1] + list(self.strides) + [1]
        if self.pool_op == "max":
            return tf.nn.max_pool(inputs, window, steps, self.padding.upper(), data_format=data_format)
        return tf.nn.avg_pool(inputs, window, steps, self.padding.upper(), data_format=data_format)


class BatchNormalization(object):
    def call(self, inputs, training=None):
        if not isinstance(self.axis, int):
            return tf.identity(inputs)
        return scaled_and_shifted(inputs, [self.axis], self.gamma, self.beta)


def scaled_and_shifted(inputs, axes, gamma, beta):
    """A normalisation's output: of the input's shape, computed from `gamma` and `beta` (either may
    be None) laid along `axes`, so that gradients reach them; the normalisation itself decides no
    name."""
    outputs = tf.identity(inputs)
    dims = static_dims(inputs.get_shape())
    if dims is None:
        return outputs
    axes = [axis + len(dims) if axis < 0 else axis for axis in axes]
    broadcast = [dims[i] if i in axes else 1 for i in range(len(dims))]
    if gamma is not None:
        outputs = outputs * tf.reshape(gamma, broadcast)
    if beta is not None:
        outputs = outputs + tf.reshape(beta, broadcast)
    return outputs
