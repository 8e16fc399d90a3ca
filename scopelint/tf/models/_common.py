"""What several models share, written once: Keras's layer code that tf.keras and tf.layers both
run (in TF, tf.layers' classes are Keras's over another base layer: tf_keras/src/legacy_tf_layers),
and nest's flattening of lists and tuples.

A model imports it as `from scopelint.tf.models import _common`: both drivers serve that import
with this model as they run it (one instance per run, like any model), not with a Python module.
"""

import tensorflow as tf


def flatten(structure):
    """nest.flatten for lists and tuples."""
    if isinstance(structure, (list, tuple)):
        flat = []
        for item in structure:
            flat.extend(flatten(item))
        return flat
    return [structure]


def snake_case(name):
    """base_layer.to_snake_case: `Conv2DTranspose` -> `conv2d_transpose`."""
    out = ""
    for index, char in enumerate(name):
        if char.isupper() and index > 0 and (not name[index - 1].isupper() or
                                             (index + 1 < len(name) and name[index + 1].islower())):
            if not name[index - 1].isdigit() or (index + 1 < len(name) and name[index + 1].islower()):
                out += "_"
        out += char.lower()
    if out[0] == "_":
        return "private" + out
    return out


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


# Each layer's computation, over whichever base layer made its weights (the layer's attributes
# as Keras's layer sets them: kernel, bias, use_bias, activation, data_format...).


def bias_and_activation(layer, outputs, data_format=None):
    if layer.use_bias:
        outputs = tf.nn.bias_add(outputs, layer.bias, data_format=data_format)
    if layer.activation is not None:
        return layer.activation(outputs)
    return outputs


def dense_last_dim(input_shape):
    """Dense.build: the input's last dimension, which must be known."""
    dims = static_dims(input_shape)
    last_dim = None if dims is None else dims[-1]
    if last_dim is None:
        raise ValueError("The last dimension of the inputs to a Dense layer should be defined. Found None. "
                         "Full input shape received: %s" % (tf.TensorShape(input_shape),))
    return last_dim


def dense_call(layer, inputs):
    rank = inputs.get_shape().ndims
    if rank == 2 or rank is None:
        outputs = tf.matmul(inputs, layer.kernel)
    else:
        outputs = tf.tensordot(inputs, layer.kernel, [[rank - 1], [0]])
    return bias_and_activation(layer, outputs)


def conv_input_channel(layer, input_shape):
    """Conv._get_input_channel: the channel dimension, which must be known."""
    dims = static_dims(input_shape)
    channel = None
    if dims is not None:
        channel = dims[1] if layer.data_format == "channels_first" else dims[-1]
    if channel is None:
        raise ValueError("The channel dimension of the inputs should be defined. The input_shape received is "
                         "%s, where axis %s (0-based) is the channel dimension, which found to be `None`."
                         % (tf.TensorShape(input_shape), 1 if layer.data_format == "channels_first" else -1))
    return channel


def convolve(layer, inputs):
    return tf.nn.convolution(inputs, layer.kernel, strides=list(layer.strides), padding=layer.padding.upper(),
                             dilations=list(layer.dilation_rate),
                             data_format=tf_data_format(layer.data_format, layer.rank))


def conv_bias_and_activation(layer, outputs):
    return bias_and_activation(layer, outputs, "NCHW" if layer.data_format == "channels_first" else "NHWC")


def flatten_call(inputs):
    dims = static_dims(inputs.get_shape())
    if dims is None:
        return tf.reshape(inputs, [-1, -1])
    flat = 1
    for dim in dims[1:]:
        flat = None if flat is None or dim is None else flat * dim
    return tf.reshape(inputs, [-1 if dims[0] is None else dims[0], -1 if flat is None else flat])


def pool_call(layer, inputs):
    """Pooling of `layer.rank` dimensions (`layer.pool_op` max or avg)."""
    data_format = tf_data_format(layer.data_format, layer.rank)
    if layer.data_format == "channels_first":
        window = [1, 1] + list(layer.pool_size)
        steps = [1, 1] + list(layer.strides)
    else:
        window = [1] + list(layer.pool_size) + [1]
        steps = [1] + list(layer.strides) + [1]
    if layer.pool_op == "max":
        return tf.nn.max_pool(inputs, window, steps, layer.padding.upper(), data_format=data_format)
    return tf.nn.avg_pool(inputs, window, steps, layer.padding.upper(), data_format=data_format)


def batch_norm_call(layer, inputs):
    # The normalisation itself is left out: only the shape and what the output depends on
    # (gamma and beta, so that gradients reach them) matter here.
    outputs = tf.identity(inputs)
    dims = static_dims(inputs.get_shape())
    axis = layer.axis if isinstance(layer.axis, int) else None
    if dims is None or axis is None:
        return outputs
    axis = axis + len(dims) if axis < 0 else axis
    broadcast = [dims[i] if i == axis else 1 for i in range(len(dims))]
    if layer.gamma is not None:
        outputs = outputs * tf.reshape(layer.gamma, broadcast)
    if layer.beta is not None:
        outputs = outputs + tf.reshape(layer.beta, broadcast)
    return outputs
