"""tf.keras layers in a TF1 graph (tf_keras 2.x, v1 graph mode): how they name their variables,
written over the intrinsics.

Unlike tf.layers, a Keras layer ignores variable scopes and their reuse flag: it takes a name
from Keras's per-graph counter (`dense`, `dense_1`; an unnamed tf.layers layer takes one too),
enters that name as a *name scope* on each call (uniquified: `head`, then `head_1` for a second
layer of the same name, `s_1/d` when variable scope `s` is entered again), and on its first
call creates its weights as resource variables there (`dense/kernel`), never through
get_variable: so it never raises "already exists", and get_variable cannot find its weights.

Functional models: `Input` is a placeholder, each layer call is recorded (which layer made
which tensor from which), and `Model(inputs, outputs)` calling new inputs replays those calls:
the layers are built already, so it creates nothing and its outputs take the new batch size.

Recurrent layers (LSTM, GRU, SimpleRNN, RNN over Keras's cells) make their cell's weights in the
cell's name scope: a fixed name for the layers' own cells, the counter's for a cell made apart.

Weightless layers (Reshape, UpSampling, ZeroPadding and Cropping of 1-3 dimensions, pooling, the merges,
Lambda...) make nothing, but take a name from the same counter and give their outputs the static
shapes TF does, which the next layer's weights are made of.

A subclassed model's weights are those of the layers its attributes hold (Keras's tracking), then
its own.

Not modelled (they decide no variable name): the computation itself beyond shapes, masking,
training flags, compile/fit.
"""

import tensorflow as tf
from tensorflow.python.autograph.impl import api as autograph
from scopelint.tf.models import _common

_NAME_UIDS = "__keras_layer_names__"  # a graph collection: Keras keeps its counter per graph
# Every layer call, as (outputs, layer, inputs, args, kwargs): what a functional Model replays;
# and every keras.Input's placeholder with its InputLayer.
_LAYER_CALLS = []
_INPUT_LAYERS = []


def unique_layer_name(base_name):
    """backend.unique_object_name: `dense`, then `dense_1`, ... per graph."""
    count = tf.get_collection(_NAME_UIDS).count(base_name)
    tf.add_to_collection(_NAME_UIDS, base_name)
    if count == 0:
        return base_name
    return "%s_%d" % (base_name, count)


# What a layer's constructor takes besides its own arguments (base_layer's allowed kwargs that
# matter here): its name and dtype, and the input shape a Sequential builds it on when it is added
_BASE_KWARGS = ("name", "dtype", "trainable", "input_shape", "input_dim", "batch_input_shape", "batch_size")


def _base_kwargs(kwargs):
    return {k: v for k, v in kwargs.items() if k in _BASE_KWARGS}


def _batch_input_shape(kwargs):
    """The input shape a layer was given (`Dense(4, input_dim=8)`: (None, 8)), or None."""
    if kwargs.get("batch_input_shape") is not None:
        return tuple(kwargs["batch_input_shape"])
    shape = kwargs.get("input_shape")
    if shape is None and kwargs.get("input_dim") is not None:
        shape = (kwargs["input_dim"],)
    if shape is None:
        return None
    return (kwargs.get("batch_size"),) + tuple(shape)


def enable_v2_dtype_behavior():
    """A layer's weights are float32 unless it is given a dtype, as here already (TF 1.x's Keras
    and TF 2's; without this, TF 2.21's v1 mode takes the first input's dtype)."""


def _shapes_of(inputs):
    """What a layer builds on: its input's shape, or a list (tuple) of its inputs' shapes
    (adversarial_text's SoftmaxLoss called on `[lstm_out, labels, weights]`)."""
    if isinstance(inputs, list):
        return [_shapes_of(x) for x in inputs]
    if isinstance(inputs, tuple):
        return tuple(_shapes_of(x) for x in inputs)
    return inputs.get_shape()


class Layer(_common.BaseLayer):
    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        self.trainable = trainable
        self.built = False
        self.dtype = tf.float32 if dtype is None else tf.as_dtype(dtype)
        self._name = name if name else unique_layer_name(_common.snake_case(self.__class__.__name__))
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._batch_input_shape = _batch_input_shape(kwargs)

    @property
    def name(self):
        return self._name

    def get_config(self):
        return dict(name=self.name, trainable=self.trainable, dtype=self.dtype)

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None, trainable=True, **kwargs):
        dtype = tf.as_dtype(dtype or self.dtype)
        variable = tf.Variable(tf.zeros(shape, dtype=dtype), name=name, trainable=trainable and self.trainable)
        return self._track_weight(variable, trainable)

    def add_variable(self, *args, **kwargs):
        """TF 1.x's name of add_weight (deprecated, still there)."""
        return self.add_weight(*args, **kwargs)

    def __call__(self, inputs, *args, **kwargs):
        with tf.name_scope(self._name):
            if not self.built:
                self.build(_shapes_of(inputs))
                self.built = True
            # base_layer_v1 runs `call` converted by autograph: what it creates is the caller's line's
            outputs = autograph.tf_convert(self.call, None)(inputs, *args, **kwargs)
        return _recorded(outputs, self, inputs, args, kwargs)


class Wrapper(Layer):
    """keras.layers.Wrapper: a layer around another, built (in the wrapper's name scope, so its
    weights are named after the wrapper: `weight_norm/kernel`) when the wrapper is."""

    def __init__(self, layer, **kwargs):
        self.layer = layer
        super(Wrapper, self).__init__(**_base_kwargs(kwargs))

    def build(self, input_shape=None):
        if not self.layer.built:
            self.layer.build(input_shape)
            self.layer.built = True
        self.built = True

    # its own weights, then the wrapped layer's (Keras tracks the layer it holds)
    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return _deduplicated(self._trainable_weights + self.layer.trainable_weights)

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return _deduplicated(self._non_trainable_weights + self.layer.non_trainable_weights)
        return _deduplicated(self._trainable_weights + self._non_trainable_weights + self.layer.weights)

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights


def _recorded(outputs, layer, inputs, args, kwargs):
    """A layer's (or a model's) call, recorded for the functional Models that trace it."""
    _LAYER_CALLS.append((outputs, layer, inputs, args, kwargs))
    return outputs


class Dense(_common.Dense, Layer):
    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super(Dense, self).__init__(**kwargs)
        self._configure(units, activations_get(activation), use_bias, kernel_initializer, bias_initializer,
                        kernel_regularizer, bias_regularizer)


class _Conv(_common.Conv, Layer):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation=None, use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, **kwargs):
        super(_Conv, self).__init__(**_base_kwargs(kwargs))
        self._configure(filters, kernel_size, strides, padding, data_format, dilation_rate,
                        activations_get(activation), use_bias, kernel_initializer, bias_initializer,
                        kernel_regularizer, bias_regularizer)


class Conv1D(_Conv):
    rank = 1


class Conv2D(_Conv):
    rank = 2


class Conv3D(_Conv):
    rank = 3


class Conv2DTranspose(_common.ConvTranspose, _Conv):
    rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid", output_padding=None,
                 data_format=None, dilation_rate=1, **kwargs):
        super(Conv2DTranspose, self).__init__(filters, kernel_size, strides=strides, padding=padding,
                                              data_format=data_format, dilation_rate=dilation_rate, **kwargs)
        if output_padding is not None:
            self.output_padding = _common.normalize_tuple(output_padding, self.rank)


class Conv1DTranspose(Conv2DTranspose):
    rank = 1


class Conv3DTranspose(Conv2DTranspose):
    rank = 3


Convolution1DTranspose = Conv1DTranspose
Convolution2DTranspose = Conv2DTranspose
Convolution3DTranspose = Conv3DTranspose


class _SeparableConv(_common.SeparableConv, _Conv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 pointwise_initializer="glorot_uniform", bias_initializer="zeros", depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, **kwargs):
        super(_SeparableConv, self).__init__(filters, kernel_size, strides=strides, padding=padding,
                                             data_format=data_format, dilation_rate=dilation_rate,
                                             activation=activation, use_bias=use_bias,
                                             bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                                             **kwargs)
        self._configure_separable(depth_multiplier, depthwise_initializer, pointwise_initializer,
                                  depthwise_regularizer, pointwise_regularizer)


class SeparableConv1D(_SeparableConv):
    rank = 1


class SeparableConv2D(_SeparableConv):
    rank = 2


SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D


class _DepthwiseConv(_Conv):
    """MobileNet's depthwise convolution: `depthwise_kernel` of kernel_size + (input channels,
    depth_multiplier), then `bias` of input channels * depth_multiplier; of one dimension, a 2-D one
    of height 1."""

    def __init__(self, kernel_size, strides=1, padding="valid", depth_multiplier=1, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, depthwise_initializer="glorot_uniform",
                 bias_initializer="zeros", depthwise_regularizer=None, bias_regularizer=None, **kwargs):
        super(_DepthwiseConv, self).__init__(None, kernel_size, strides=strides, padding=padding,
                                             data_format=data_format, dilation_rate=dilation_rate,
                                             activation=activation, use_bias=use_bias,
                                             bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                                             **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = depthwise_initializer
        self.depthwise_regularizer = depthwise_regularizer

    def build(self, input_shape):
        input_dim = self._input_channel(input_shape)
        _common.add_depthwise_kernel(self, input_dim)
        self.filters = input_dim * self.depth_multiplier
        self._build_bias()
        self.built = True

    def _convolve(self, inputs):
        first = self.data_format == "channels_first"
        kernel, steps, dilations = self.depthwise_kernel, list(self.strides), list(self.dilation_rate)
        if self.rank == 1:
            inputs = tf.expand_dims(inputs, 2 if first else 1)
            kernel, steps, dilations = tf.expand_dims(kernel, 0), steps * 2, [1] + dilations
        strides = [1, 1] + steps if first else [1] + steps + [1]
        outputs = tf.nn.depthwise_conv2d(inputs, kernel, strides, self.padding.upper(), dilations=dilations,
                                         data_format=_common.tf_data_format(self.data_format, 2))
        return tf.squeeze(outputs, [2 if first else 1]) if self.rank == 1 else outputs


class DepthwiseConv1D(_DepthwiseConv):
    rank = 1


class DepthwiseConv2D(_DepthwiseConv):
    rank = 2


class BatchNormalization(_common.BatchNormalization, Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True, **kwargs):
        super(BatchNormalization, self).__init__(
            **_base_kwargs(kwargs))
        self.axis = axis
        self.center = center
        self.scale = scale

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        axis = self.axis + len(dims) if self.axis < 0 else self.axis
        param_shape = [dims[axis]]
        self.gamma = self.add_weight("gamma", shape=param_shape) if self.scale else None
        self.beta = self.add_weight("beta", shape=param_shape) if self.center else None
        self.moving_mean = self.add_weight("moving_mean", shape=param_shape, trainable=False)
        self.moving_variance = self.add_weight("moving_variance", shape=param_shape, trainable=False)
        self.built = True


class LayerNormalization(Layer):
    """`gamma` then `beta` of the input's sides along `axis` (an int or a list, in its order)."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, **kwargs):
        super(LayerNormalization, self).__init__(**_base_kwargs(kwargs))
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else [axis]
        self.center = center
        self.scale = scale

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        param_shape = [dims[axis] for axis in self.axis]
        self.gamma = self.add_weight("gamma", shape=param_shape) if self.scale else None
        self.beta = self.add_weight("beta", shape=param_shape) if self.center else None
        self.built = True

    def call(self, inputs):
        return _common.scaled_and_shifted(inputs, self.axis, self.gamma, self.beta)


class Embedding(Layer):
    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform", **kwargs):
        super(Embedding, self).__init__(**_base_kwargs(kwargs))
        self.input_dim = input_dim
        self.output_dim = output_dim

    def build(self, input_shape):
        self.embeddings = self.add_weight("embeddings", shape=[self.input_dim, self.output_dim])
        self.built = True

    def call(self, inputs):
        return tf.nn.embedding_lookup(self.embeddings, inputs)


class Flatten(_common.Flatten, Layer):
    def __init__(self, data_format=None, **kwargs):
        super(Flatten, self).__init__(**kwargs)


class Dropout(_common.Dropout, Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super(Dropout, self).__init__(**kwargs)
        self.rate = rate


class _SpatialDropout(Dropout):
    def __init__(self, rate, data_format=None, **kwargs):
        super(_SpatialDropout, self).__init__(rate, **kwargs)


class SpatialDropout1D(_SpatialDropout):
    pass


class SpatialDropout2D(_SpatialDropout):
    pass


class SpatialDropout3D(_SpatialDropout):
    pass


class _Noise(_common.Dropout, Layer):
    """A layer that perturbs its input (noise, dropout of another kind, a regularizer that only adds a
    loss) or only marks it (Masking): its output has the input's shape."""

    def __init__(self, *args, **kwargs):
        super(_Noise, self).__init__(**_base_kwargs(kwargs))


class GaussianNoise(_Noise):
    pass


class GaussianDropout(_Noise):
    pass


class AlphaDropout(_Noise):
    pass


class Masking(_Noise):
    pass


class ActivityRegularization(_Noise):
    pass


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super(Activation, self).__init__(**kwargs)
        self.activation = activations_get(activation)

    def call(self, inputs):
        return self.activation(inputs) if self.activation is not None else inputs


# Keras's advanced activations: weightless layers over one op (PReLU, below, has its `alpha`)
class LeakyReLU(Layer):
    def __init__(self, alpha=0.3, **kwargs):
        super(LeakyReLU, self).__init__(**kwargs)
        self.alpha = alpha

    def call(self, inputs):
        return tf.nn.leaky_relu(inputs, alpha=self.alpha)


class ReLU(Layer):
    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super(ReLU, self).__init__(**kwargs)
        self.max_value = max_value

    def call(self, inputs):
        return tf.nn.relu6(inputs) if self.max_value == 6 else tf.nn.relu(inputs)


class ELU(Layer):
    def __init__(self, alpha=1.0, **kwargs):
        super(ELU, self).__init__(**kwargs)
        self.alpha = alpha

    def call(self, inputs):
        return tf.nn.elu(inputs)


class Softmax(Layer):
    def __init__(self, axis=-1, **kwargs):
        super(Softmax, self).__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return tf.nn.softmax(inputs, axis=self.axis)


class ThresholdedReLU(Layer):
    def __init__(self, theta=1.0, **kwargs):
        super(ThresholdedReLU, self).__init__(**kwargs)
        self.theta = theta

    def call(self, inputs):
        return inputs * tf.cast(tf.greater(inputs, self.theta), inputs.dtype)


class PReLU(Layer):
    """`alpha` of the input's shape less its batch dimension, 1 on each shared axis."""

    def __init__(self, alpha_initializer="zeros", alpha_regularizer=None, alpha_constraint=None, shared_axes=None,
                 **kwargs):
        super(PReLU, self).__init__(**kwargs)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = list(shared_axes)
        else:
            self.shared_axes = [shared_axes]

    def build(self, input_shape):
        param_shape = list(tf.TensorShape(input_shape).as_list()[1:])
        if self.shared_axes is not None:
            for axis in self.shared_axes:
                param_shape[axis - 1] = 1
        self.alpha = self.add_weight("alpha", shape=param_shape)
        self.built = True

    def call(self, inputs):
        return tf.nn.relu(inputs) - self.alpha * tf.nn.relu(-inputs)


class _Pooling(_common.Pooling, Layer):
    """Keras's pooling layers of `rank` dimensions: a pool of 2 along each by default."""

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, **kwargs):
        super(_Pooling, self).__init__(**kwargs)
        self._configure(pool_size, strides, padding, data_format)


class MaxPooling2D(_Pooling):
    pool_op = "max"


class AveragePooling2D(_Pooling):
    pool_op = "avg"


MaxPool2D = MaxPooling2D
AvgPool2D = AveragePooling2D


class MaxPooling1D(_Pooling):
    rank = 1
    pool_op = "max"


class AveragePooling1D(_Pooling):
    rank = 1
    pool_op = "avg"


MaxPool1D = MaxPooling1D
AvgPool1D = AveragePooling1D


class MaxPooling3D(_Pooling):
    rank = 3
    pool_op = "max"


class AveragePooling3D(_Pooling):
    rank = 3
    pool_op = "avg"


MaxPool3D = MaxPooling3D
AvgPool3D = AveragePooling3D


class _GlobalPooling(Layer):
    """Global pooling over every spatial axis: `reduce` of them, kept as 1s with keepdims."""

    rank = 2
    reduce = None

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super(_GlobalPooling, self).__init__(**kwargs)
        self.data_format = data_format or "channels_last"
        self.keepdims = keepdims

    def call(self, inputs, mask=None):
        first = 2 if self.data_format == "channels_first" else 1
        axes = list(range(first, first + self.rank))
        if self.reduce == "max":
            return tf.reduce_max(inputs, axis=axes, keepdims=self.keepdims)
        return tf.reduce_mean(inputs, axis=axes, keepdims=self.keepdims)


class GlobalAveragePooling1D(_GlobalPooling):
    rank = 1


class GlobalMaxPooling1D(_GlobalPooling):
    rank = 1
    reduce = "max"


class GlobalAveragePooling2D(_GlobalPooling):
    pass


class GlobalMaxPooling2D(_GlobalPooling):
    reduce = "max"


class GlobalAveragePooling3D(_GlobalPooling):
    rank = 3


class GlobalMaxPooling3D(_GlobalPooling):
    rank = 3
    reduce = "max"


GlobalAvgPool1D = GlobalAveragePooling1D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalMaxPool2D = GlobalMaxPooling2D
GlobalAvgPool3D = GlobalAveragePooling3D
GlobalMaxPool3D = GlobalMaxPooling3D


# ---------------------------------------------------------------------------- weightless reshaping layers


def _pairs(value, rank=2):
    """ZeroPadding's padding and Cropping's cropping of 2 or 3 dimensions: an int, `rank` ints, or
    `rank` (before, after)."""
    if isinstance(value, int):
        return ((value, value),) * rank
    return tuple((side, side) if isinstance(side, int) else tuple(side) for side in value)


class Reshape(Layer):
    """Its input reshaped to (batch,) + target_shape: the batch dimension as the input's, a -1
    folded from the input's size where that is known (compute_output_shape, set in graph mode)."""

    def __init__(self, target_shape, **kwargs):
        super(Reshape, self).__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def _output_dims(self, input_dims):
        if None in input_dims[1:]:
            return [input_dims[0]] + [None if dim == -1 else dim for dim in self.target_shape]
        size = 1
        for dim in input_dims[1:]:
            size *= dim
        known = 1
        for dim in self.target_shape:
            known *= 1 if dim == -1 else dim
        if size != known and (-1 not in self.target_shape or known == 0 or size % known):
            raise ValueError("total size of new array must be unchanged, input_shape = %s, output_shape = %s"
                             % (list(input_dims[1:]), list(self.target_shape)))
        return [input_dims[0]] + [size // known if dim == -1 else dim for dim in self.target_shape]

    def call(self, inputs):
        outputs = tf.reshape(inputs, [tf.shape(inputs)[0]] + list(self.target_shape))
        input_dims = _common.static_dims(inputs.get_shape())
        if input_dims is not None:
            outputs.set_shape(self._output_dims(input_dims))
        return outputs


class UpSampling2D(Layer):
    """backend.resize_images: each image resized by `size`, nearest or bilinear."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super(UpSampling2D, self).__init__(**kwargs)
        self.size = _common.normalize_tuple(size, 2)
        self.data_format = data_format or "channels_last"
        self.interpolation = interpolation

    def call(self, inputs):
        first = self.data_format == "channels_first"
        if first:
            inputs = tf.transpose(inputs, [0, 2, 3, 1])
        dims = _common.static_dims(inputs.get_shape())
        if dims is not None and dims[1] is not None and dims[2] is not None:
            new_size = [dims[1] * self.size[0], dims[2] * self.size[1]]
        else:
            new_size = tf.shape(inputs)[1:3] * tf.constant(list(self.size))
        if self.interpolation == "bilinear":
            outputs = tf.image.resize_bilinear(inputs, new_size)
        else:
            outputs = tf.image.resize_nearest_neighbor(inputs, new_size)
        return tf.transpose(outputs, [0, 3, 1, 2]) if first else outputs


class ZeroPadding2D(Layer):
    rank = 2

    def __init__(self, padding=1, data_format=None, **kwargs):
        super(ZeroPadding2D, self).__init__(**kwargs)
        self.padding = _pairs(padding, self.rank)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        spatial = [list(pair) for pair in self.padding]
        if self.data_format == "channels_first":
            return tf.pad(inputs, [[0, 0], [0, 0]] + spatial)
        return tf.pad(inputs, [[0, 0]] + spatial + [[0, 0]])


class Cropping2D(Layer):
    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super(Cropping2D, self).__init__(**kwargs)
        self.cropping = _pairs(cropping)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        (top, bottom), (left, right) = self.cropping
        dims = _common.static_dims(inputs.get_shape())
        if dims is not None:
            first = 2 if self.data_format == "channels_first" else 1
            _check_cropping(inputs, dims[first], top + bottom, self.cropping)
            _check_cropping(inputs, dims[first + 1], left + right, self.cropping)
        bottom = -bottom if bottom else None
        right = -right if right else None
        if self.data_format == "channels_first":
            return inputs[:, :, top:bottom, left:right]
        return inputs[:, top:bottom, left:right, :]


class ZeroPadding3D(ZeroPadding2D):
    rank = 3


class Cropping3D(Layer):
    """Its input less `cropping` on each spatial side (no check of what is left, unlike Cropping2D)."""

    def __init__(self, cropping=1, data_format=None, **kwargs):
        super(Cropping3D, self).__init__(**kwargs)
        self.cropping = _pairs(cropping, 3)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        (d0, d1), (h0, h1), (w0, w1) = self.cropping
        d1, h1, w1 = [-end if end else None for end in (d1, h1, w1)]
        if self.data_format == "channels_first":
            return inputs[:, :, d0:d1, h0:h1, w0:w1]
        return inputs[:, d0:d1, h0:h1, w0:w1, :]


def _check_cropping(inputs, size, cropped, cropping):
    """A Cropping layer's ValueError: nothing would be left of a side of known size."""
    if size is not None and cropped >= size:
        raise ValueError("Argument `cropping` must be greater than the input shape. Received: inputs.shape=%s, "
                         "and cropping=%s" % (inputs.get_shape(), cropping))


class UpSampling1D(Layer):
    """backend.repeat_elements on the steps: (batch, steps * size, features)."""

    def __init__(self, size=2, **kwargs):
        super(UpSampling1D, self).__init__(**kwargs)
        self.size = int(size)

    def call(self, inputs):
        return _repeated(inputs, [self.size], 1)


def _repeated(inputs, sizes, first_axis):
    """backend.repeat_elements along consecutive axes from `first_axis`: each `sizes[i]` times
    longer (the values' order decides no name)."""
    for index, size in enumerate(sizes):
        inputs = tf.concat([inputs] * size, axis=first_axis + index)
    return inputs


class UpSampling3D(Layer):
    """backend.resize_volumes: each spatial axis `size` times longer."""

    def __init__(self, size=2, data_format=None, **kwargs):
        super(UpSampling3D, self).__init__(**kwargs)
        self.size = _common.normalize_tuple(size, 3)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        return _repeated(inputs, self.size, 2 if self.data_format == "channels_first" else 1)


class ZeroPadding1D(Layer):
    def __init__(self, padding=1, **kwargs):
        super(ZeroPadding1D, self).__init__(**kwargs)
        self.padding = _common.normalize_tuple(padding, 2)

    def call(self, inputs):
        return tf.pad(inputs, [[0, 0], list(self.padding), [0, 0]])


class Cropping1D(Layer):
    def __init__(self, cropping=(1, 1), **kwargs):
        super(Cropping1D, self).__init__(**kwargs)
        self.cropping = _common.normalize_tuple(cropping, 2)

    def call(self, inputs):
        start, end = self.cropping
        dims = _common.static_dims(inputs.get_shape())
        if dims is not None:
            _check_cropping(inputs, dims[1], start + end, self.cropping)
        return inputs[:, start:(-end if end else None), :]


class Permute(Layer):
    def __init__(self, dims, **kwargs):
        super(Permute, self).__init__(**kwargs)
        self.dims = tuple(dims)

    def call(self, inputs):
        return tf.transpose(inputs, perm=[0] + list(self.dims))


class RepeatVector(Layer):
    """backend.repeat: (batch, features) -> (batch, n, features)."""

    def __init__(self, n, **kwargs):
        super(RepeatVector, self).__init__(**kwargs)
        self.n = n

    def call(self, inputs):
        return tf.tile(tf.expand_dims(inputs, 1), [1, self.n, 1])


class Lambda(Layer):
    """Its function called on the inputs (with `arguments`), in the layer's name scope."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super(Lambda, self).__init__(**kwargs)
        self.function = function
        self.arguments = arguments or {}

    def call(self, inputs, mask=None, training=None):
        return self.function(inputs, **self.arguments)


def _each_step(inputs, function):
    """`function` of every step of a (batch, steps, ...) input, as one batch: its outputs of (batch,
    steps) + the function's output less its batch."""
    dims = inputs.get_shape().as_list()
    steps_less = dims[2:] if None not in dims[2:] else tf.shape(inputs)[2:]
    outputs = function(tf.reshape(inputs, tf.concat([[-1], steps_less], 0)))
    inner = outputs.get_shape().as_list()[1:]
    outputs = tf.reshape(outputs, tf.concat([tf.shape(inputs)[:2], tf.shape(outputs)[1:]], 0))
    outputs.set_shape(dims[:2] + inner)
    return outputs


class TimeDistributed(Layer):
    """Its layer applied to every step: built on the input less its steps axis inside the
    wrapper's name scope, so the layer's weights are the wrapper's (`time_distributed/kernel`),
    and its output of (batch, steps) + the layer's output less its batch."""

    def __init__(self, layer, **kwargs):
        super(TimeDistributed, self).__init__(**kwargs)
        self.layer = layer

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        if not self.layer.built:
            self.layer.build(tf.TensorShape([dims[0]] + dims[2:]))
            self.layer.built = True
        self.built = True

    def call(self, inputs, training=None, mask=None):
        return _each_step(inputs, self.layer.call)

    @property
    def trainable_weights(self):
        return self.layer.trainable_weights if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return self.layer.non_trainable_weights
        return self.layer.trainable_weights + self.layer.non_trainable_weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights


# ---------------------------------------------------------------------------- merging layers


class _Merge(Layer):
    """A merge of a list of tensors of one shape: inputs of smaller rank expanded at axis 1
    first, when every rank is known (base_merge's call)."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for other in inputs[1:]:
            output = self._merge_pair(output, other)
        return output

    def call(self, inputs):
        ranks = [x.get_shape().ndims for x in inputs]
        if None not in ranks:
            expanded = []
            for x, rank in zip(inputs, ranks):
                for _ in range(max(ranks) - rank):
                    x = tf.expand_dims(x, 1)
                expanded.append(x)
            inputs = expanded
        return self._merge_function(list(inputs))


class Add(_Merge):
    def _merge_pair(self, x, y):
        return x + y


class Subtract(_Merge):
    def _merge_function(self, inputs):
        return inputs[0] - inputs[1]


class Multiply(_Merge):
    def _merge_pair(self, x, y):
        return x * y


class Average(Add):
    def _merge_function(self, inputs):
        return super(Average, self)._merge_function(inputs) / len(inputs)


class Maximum(_Merge):
    def _merge_pair(self, x, y):
        return tf.maximum(x, y)


class Minimum(_Merge):
    def _merge_pair(self, x, y):
        return tf.minimum(x, y)


class Concatenate(Layer):
    def __init__(self, axis=-1, **kwargs):
        super(Concatenate, self).__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return tf.concat(list(inputs), axis=self.axis)


# The merges' functional forms: a new layer (taking its name from the counter) called on the inputs
def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


# ---------------------------------------------------------------------------- regularizers


class Regularizer(object):
    def __call__(self, x):
        return 0.0


class L1L2(Regularizer):
    """A penalty on a weight: a scalar loss the layer keeps (not in REGULARIZATION_LOSSES)."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = l1
        self.l2 = l2

    def __call__(self, x):
        return self.l1 * tf.reduce_sum(tf.abs(x)) + self.l2 * tf.reduce_sum(tf.square(x))


class L1(L1L2):
    def __init__(self, l1=0.01, **kwargs):
        super(L1, self).__init__(l1=kwargs.pop("l", l1))


class L2(L1L2):
    def __init__(self, l2=0.01, **kwargs):
        super(L2, self).__init__(l2=kwargs.pop("l", l2))


l1 = L1
l2 = L2


def l1_l2(l1=0.01, l2=0.01):
    return L1L2(l1=l1, l2=l2)


def activations_get(activation):
    """keras.activations.get: a name, a function or None."""
    if not isinstance(activation, str):
        return activation
    if activation == "linear":
        return None
    if activation == "relu":
        return tf.nn.relu
    if activation == "tanh":
        return tf.tanh
    if activation == "sigmoid":
        return tf.sigmoid
    if activation == "softmax":
        return tf.nn.softmax
    if activation == "elu":
        return tf.nn.elu
    if activation in ("selu", "softplus", "softsign", "swish"):
        return getattr(tf.nn, activation)
    return activation


def _deduplicated(weights):
    """Keras's _dedup_weights (and its layers' flattening): each once, where first listed (a layer two
    attributes hold)."""
    kept = []
    for weight in weights:
        if not any(weight is known for known in kept):
            kept.append(weight)
    return kept


def _layers_weights(model):
    """A model's weights, its layers' (trainable, non-trainable): none trainable once the model is
    set `trainable = False`, which Keras hands on to every layer."""
    trainable = [w for layer in model.layers for w in layer.trainable_weights]
    non_trainable = [w for layer in model.layers for w in layer.non_trainable_weights]
    if not model.trainable:
        return [], trainable + non_trainable
    return trainable, non_trainable


class Sequential(Layer):
    """A stack of layers called in order inside the model's own name scope (deferred build:
    the layers are named where the model is first called), unless its first layer was given an
    input shape: then each layer is built as it is added, on its own (`dense/kernel`, on the
    line that adds it), and calling the model creates nothing."""

    def __init__(self, layers=None, name=None):
        super(Sequential, self).__init__(name=name)
        self.layers = []
        self._output = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        if not self.layers and getattr(layer, "_batch_input_shape", None) is not None:
            self._output = tf.placeholder(layer.dtype, list(layer._batch_input_shape), name=layer.name + "_input")
        if self._output is not None:
            self._output = layer(self._output)
        self.layers.append(layer)

    def call(self, inputs, training=None):
        outputs = inputs
        for layer in self.layers:
            outputs = layer(outputs)
        return outputs

    def __call__(self, inputs, *args, **kwargs):
        with tf.name_scope(self._name):
            outputs = self.call(inputs)
        return _recorded(outputs, self, inputs, args, kwargs)

    @property
    def trainable_weights(self):
        return _layers_weights(self)[0]

    @property
    def non_trainable_weights(self):
        return _layers_weights(self)[1]

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights


# ---------------------------------------------------------------------------- recurrent layers


class _Cell(Layer):
    """Keras's recurrent cells (v1 graph mode): on build, `kernel` (input depth, gates * units),
    `recurrent_kernel` (units, gates * units) and `bias`, in the cell's name scope; its name from
    the counter (`lstm_cell`, `lstm_cell_1`) unless given, as a recurrent layer gives its own."""

    gates = 1
    states = 1

    def __init__(self, units, use_bias=True, **kwargs):
        super(_Cell, self).__init__(**_base_kwargs(kwargs))  # activations, initializers, dropout: no name
        self.units = units
        self.use_bias = use_bias
        self.output_size = units
        self.state_size = [units] * self.states if self.states > 1 else units

    def get_config(self):
        return dict(super(_Cell, self).get_config(), units=self.units, use_bias=self.use_bias)

    def _bias_shape(self):
        return [self.gates * self.units]

    def build(self, input_shape):
        input_dim = tf.TensorShape(input_shape).as_list()[-1]
        width = self.gates * self.units
        self.kernel = self.add_weight("kernel", [input_dim, width])
        self.recurrent_kernel = self.add_weight("recurrent_kernel", [self.units, width])
        self.bias = self.add_weight("bias", self._bias_shape()) if self.use_bias else None
        self.built = True

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        zeros = [tf.zeros([batch_size, self.units], dtype=dtype) for _ in range(self.states)]
        return zeros if self.states > 1 else zeros[0]

    def call(self, inputs, states, training=None):
        """One step, as tf.nn.dynamic_rnn runs the cell: its output and new states (a list where the
        states given are one), computed from all its weights."""
        state = states[0] if isinstance(states, (list, tuple)) else states
        output = tf.matmul(inputs, self.kernel[:, :self.units])
        output = output + tf.matmul(state, self.recurrent_kernel[:, :self.units])
        if self.bias is not None:
            output = output + tf.reshape(self.bias, [-1])[:self.units]
        if self.states > 1 or isinstance(states, (list, tuple)):
            return output, [output] * self.states
        return output, output

    def _run(self, sequence):
        """The cell over a (batch, steps, depth) sequence: its outputs (batch, steps, units) and final
        states, each computed from all the cell's weights (a loss on them has gradients, so slots, for
        each), with the shapes Keras gives them; the recurrence itself decides no name."""
        outputs = tf.einsum("btd,du->btu", sequence, self.kernel[:, :self.units])
        recurrent = tf.matmul(outputs[:, 0, :], self.recurrent_kernel[:, :self.units])
        outputs = outputs + tf.expand_dims(recurrent, 1)
        if self.bias is not None:
            outputs = outputs + tf.reshape(self.bias, [-1])[:self.units]
        last = outputs[:, -1, :]
        return outputs, [last] * self.states


class LSTMCell(_Cell):
    gates = 4
    states = 2


class GRUCell(_Cell):
    """reset_after (False by default in v1 graph mode) gives the bias a row for the input's gates and
    one for the recurrent's: (2, 3 * units)."""

    gates = 3

    def __init__(self, units, use_bias=True, reset_after=False, **kwargs):
        super(GRUCell, self).__init__(units, use_bias=use_bias, **kwargs)
        self.reset_after = reset_after

    def get_config(self):
        return dict(super(GRUCell, self).get_config(), reset_after=self.reset_after)

    def _bias_shape(self):
        if self.reset_after:
            return [2, self.gates * self.units]
        return [self.gates * self.units]


class SimpleRNNCell(_Cell):
    pass


class _CuDNNRNN(_Cell):
    """CuDNNLSTM / CuDNNGRU: a recurrent layer that is its own cell, its weights in its own name
    scope (`cu_dnnlstm/kernel`), its bias cuDNN's input and recurrent biases end to end."""

    def __init__(self, units, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 **kwargs):
        super(_CuDNNRNN, self).__init__(units, **kwargs)
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards

    def get_config(self):
        return dict(super(_CuDNNRNN, self).get_config(), return_sequences=self.return_sequences,
                    return_state=self.return_state, go_backwards=self.go_backwards)

    def _bias_shape(self):
        return [2 * self.gates * self.units]

    def call(self, inputs, mask=None, training=None, initial_state=None):
        return _rnn_outputs(self, *self._run(inputs))


class CuDNNLSTM(_CuDNNRNN):
    gates = 4
    states = 2


class CuDNNGRU(_CuDNNRNN):
    gates = 3


class ConvLSTM2D(_Conv):
    """A convolutional LSTM over (batch, steps) + images: `kernel` of kernel_size + (input channels,
    4 * filters), `recurrent_kernel` of kernel_size + (filters, 4 * filters) and `bias` in the layer's
    own name scope; each step convolved as Conv2D would, the state with `same` padding."""

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 activation="tanh", use_bias=True, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, **kwargs):
        super(ConvLSTM2D, self).__init__(filters, kernel_size, strides=strides, padding=padding,
                                         data_format=data_format, dilation_rate=dilation_rate, use_bias=use_bias,
                                         **kwargs)
        self.return_sequences = return_sequences
        self.return_state = return_state

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        channel = self._input_channel(dims[:1] + dims[2:])
        self.kernel = self.add_weight("kernel", self.kernel_size + (channel, 4 * self.filters))
        self.recurrent_kernel = self.add_weight("recurrent_kernel", self.kernel_size + (self.filters, 4 * self.filters))
        self.bias = self.add_weight("bias", (4 * self.filters,)) if self.use_bias else None
        self.built = True

    def _step(self, images):
        """One step's output for a batch of images, computed from all the weights."""
        data_format = _common.tf_data_format(self.data_format, 2)
        outputs = tf.nn.convolution(images, self.kernel[..., :self.filters], strides=list(self.strides),
                                    padding=self.padding.upper(), dilations=list(self.dilation_rate),
                                    data_format=data_format)
        outputs = outputs + tf.nn.convolution(outputs, self.recurrent_kernel[..., :self.filters], padding="SAME",
                                              data_format=data_format)
        if self.bias is not None:
            outputs = tf.nn.bias_add(outputs, self.bias[:self.filters], data_format=data_format)
        return outputs

    def call(self, inputs, mask=None, training=None, initial_state=None):
        sequence = _each_step(inputs, self._step)
        last = sequence[:, -1]
        return _rnn_outputs(self, sequence, [last, last])


def _rnn_outputs(layer, sequence, states):
    """A recurrent layer's outputs: the last step's, or every step's with return_sequences, followed by
    the final states with return_state."""
    outputs = sequence if layer.return_sequences else sequence[:, -1]
    if layer.return_state:
        return [outputs] + states
    return outputs


def _output_size(cell):
    """A cell's output depth: its output_size, else its (first) state's size (a cell of the program's
    own may have only a state_size)."""
    if hasattr(cell, "output_size"):
        return cell.output_size
    if isinstance(cell.state_size, (list, tuple)):
        return cell.state_size[0]
    return cell.state_size


def _run_cell(cell, sequence):
    """A cell over a (batch, steps, depth) sequence: Keras's own cells compute it (_run); a cell of the
    program's own is called on the first step from zero states (its step, inside the loop, is called as
    the layer: once built, it makes nothing), its output laid over every step."""
    if hasattr(cell, "_run"):
        return cell._run(sequence)
    sizes = cell.state_size if isinstance(cell.state_size, (list, tuple)) else [cell.state_size]
    batch = sequence.get_shape().as_list()[0]
    batch = tf.shape(sequence)[0] if batch is None else batch
    zeros = [tf.zeros([batch, size], dtype=sequence.dtype) for size in sizes]
    if getattr(cell, "_is_tf_rnn_cell", False) and len(zeros) == 1:
        zeros = zeros[0]  # a tf.nn cell of one state is given it alone, as Keras's RNN gives it
    output, states = cell(sequence[:, 0], zeros)
    outputs = tf.expand_dims(output, 1) + tf.zeros_like(sequence[:, :, :1])
    return outputs, list(states) if isinstance(states, (list, tuple)) else [states]


def _recreated(layer, **changes):
    """layer.__class__.from_config(layer.get_config()): an unbuilt copy of a layer and of its cells,
    named as they are unless `changes` say otherwise (Bidirectional's copies)."""
    return layer.__class__.from_config(dict(layer.get_config(), **changes))


class StackedRNNCells(Layer):
    """Cells run in turn: each builds in its own name scope inside the stack's
    (`stacked_rnn_cells/lstm_cell_1/kernel`) on the output of the one before."""

    def __init__(self, cells, **kwargs):
        super(StackedRNNCells, self).__init__(**_base_kwargs(kwargs))
        self.cells = list(cells)
        self.output_size = _output_size(self.cells[-1])
        self.state_size = [cell.state_size for cell in self.cells]

    def get_config(self):
        return dict(cells=self.cells, name=self.name)

    @classmethod
    def from_config(cls, config):
        return cls([_recreated(cell) for cell in config["cells"]], name=config["name"])

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        for cell in self.cells:
            with tf.name_scope(cell.name):
                if not cell.built:
                    cell.build(tf.TensorShape(dims))
            dims = dims[:-1] + [_output_size(cell)]
        self.built = True

    def _run(self, sequence):
        states = []
        for cell in self.cells:
            sequence, cell_states = _run_cell(cell, sequence)
            states.append(cell_states if len(cell_states) > 1 else cell_states[0])
        return sequence, states

    @property
    def trainable_weights(self):
        return [w for cell in self.cells for w in cell.trainable_weights] if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return [w for cell in self.cells for w in cell.non_trainable_weights]
        return [w for cell in self.cells for w in cell.weights]

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights


class RNN(Layer):
    """keras.layers.RNN over a cell (a list of cells is stacked): the cell builds in its own name
    scope inside the layer's (`rnn/lstm_cell/kernel`) on one step of the input; the layer's outputs
    are the last step's, or every step's with return_sequences, followed by the final states with
    return_state."""

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, time_major=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        super(RNN, self).__init__(**_base_kwargs(kwargs))
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards

    def get_config(self):
        return dict(cell=self.cell, return_sequences=self.return_sequences, return_state=self.return_state,
                    go_backwards=self.go_backwards, name=self.name)

    @classmethod
    def from_config(cls, config):
        if "cell" in config:  # LSTM and its kin make their own
            config = dict(config, cell=_recreated(config["cell"]))
        return cls(**config)

    def build(self, input_shape):
        dims = tf.TensorShape(input_shape).as_list()
        with tf.name_scope(self.cell.name):
            if not self.cell.built:
                self.cell.build(tf.TensorShape(dims[:1] + dims[2:]))
                self.cell.built = True
        self.built = True

    def call(self, inputs, mask=None, training=None, initial_state=None):
        return _rnn_outputs(self, *_run_cell(self.cell, inputs))

    @property
    def trainable_weights(self):
        return self.cell.trainable_weights if self.trainable else []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return self.cell.non_trainable_weights
        return self.cell.weights

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights


class _CellLayer(RNN):
    """keras.layers.LSTM / GRU / SimpleRNN: an RNN over a cell of its class, named by the class
    (`lstm_cell`: the counter is not consulted), given the layer's cell arguments, dtype and
    trainable flag."""

    cell_class = SimpleRNNCell

    def __init__(self, units, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, time_major=False, **kwargs):
        cell_kwargs = {k: v for k, v in kwargs.items() if k not in _BASE_KWARGS}
        cell = self.cell_class(units, name=_common.snake_case(self.cell_class.__name__), dtype=kwargs.get("dtype"),
                               trainable=kwargs.get("trainable", True), **cell_kwargs)
        super(_CellLayer, self).__init__(cell, return_sequences=return_sequences, return_state=return_state,
                                         go_backwards=go_backwards, **_base_kwargs(kwargs))

    def get_config(self):
        config = dict(self.cell.get_config(), **super(_CellLayer, self).get_config())
        config.pop("cell")
        return config


class LSTM(_CellLayer):
    cell_class = LSTMCell


class GRU(_CellLayer):
    cell_class = GRUCell


class SimpleRNN(_CellLayer):
    pass


class Bidirectional(Layer):
    """A recurrent layer run both ways: two copies of it named `forward_<name>` and
    `backward_<name>` (from its config, so the counter is not consulted), each making its weights
    in its own name scope inside the wrapper's; their outputs merged by `merge_mode`."""

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None, **kwargs):
        super(Bidirectional, self).__init__(**kwargs)
        self.forward_layer = _recreated(layer, name="forward_" + layer.name)
        if backward_layer is None:
            self.backward_layer = _recreated(layer, name="backward_" + layer.name, go_backwards=True)
        else:  # the layer given, renamed
            backward_layer._name = "backward_" + backward_layer.name
            self.backward_layer = backward_layer
        self.merge_mode = merge_mode
        self.return_state = layer.return_state

    def call(self, inputs, training=None, mask=None, initial_state=None):
        forward = self.forward_layer(inputs)
        backward = self.backward_layer(inputs)
        states = []
        if self.return_state:
            states = forward[1:] + backward[1:]
            forward, backward = forward[0], backward[0]
        if self.merge_mode == "concat":
            outputs = tf.concat([forward, backward], axis=-1)
        elif self.merge_mode == "sum":
            outputs = forward + backward
        elif self.merge_mode == "ave":
            outputs = (forward + backward) / 2
        elif self.merge_mode == "mul":
            outputs = forward * backward
        else:
            outputs = [forward, backward]
        if self.return_state:
            return (outputs if isinstance(outputs, list) else [outputs]) + states
        return outputs

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return self.forward_layer.trainable_weights + self.backward_layer.trainable_weights

    @property
    def non_trainable_weights(self):
        layers = [self.forward_layer, self.backward_layer]
        if self.trainable:
            return [w for layer in layers for w in layer.non_trainable_weights]
        return [w for layer in layers for w in layer.weights]

    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights


# ---------------------------------------------------------------------------- attention layers


class _DenseAttention(Layer):
    """Keras's dense attention over `[query, value]` or `[query, value, key]`: the value averaged by
    the softmax of the query's scores against the key, of (batch, query steps, value depth)."""

    def __init__(self, dropout=0.0, **kwargs):
        super(_DenseAttention, self).__init__(**_base_kwargs(kwargs))

    def call(self, inputs, mask=None, training=None, return_attention_scores=False, use_causal_mask=False):
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        weights = tf.nn.softmax(self._calculate_scores(query, key))
        outputs = tf.matmul(weights, value)
        if return_attention_scores:
            return outputs, weights
        return outputs


class Attention(_DenseAttention):
    """Luong-style attention: a scalar `scale` with use_scale, a scalar `concat_score_weight` for the
    concat score mode."""

    def __init__(self, use_scale=False, score_mode="dot", **kwargs):
        super(Attention, self).__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode

    def build(self, input_shape):
        self.scale = self.add_weight("scale", shape=()) if self.use_scale else None
        self.concat_score_weight = None
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight("concat_score_weight", shape=())
        self.built = True

    def _calculate_scores(self, query, key):
        if self.score_mode == "dot":
            scores = tf.matmul(query, key, transpose_b=True)
            return scores * self.scale if self.scale is not None else scores
        summed = tf.expand_dims(query, -2) + tf.expand_dims(key, -3)
        if self.scale is not None:
            summed = self.scale * summed
        return self.concat_score_weight * tf.reduce_sum(tf.tanh(summed), axis=-1)


class AdditiveAttention(_DenseAttention):
    """Bahdanau-style attention: `scale` of the value's depth with use_scale (the default)."""

    def __init__(self, use_scale=True, **kwargs):
        super(AdditiveAttention, self).__init__(**kwargs)
        self.use_scale = use_scale

    def build(self, input_shape):
        depth = tf.TensorShape(input_shape[1]).as_list()[-1]
        self.scale = self.add_weight("scale", shape=[depth]) if self.use_scale else None
        self.built = True

    def _calculate_scores(self, query, key):
        summed = tf.tanh(tf.expand_dims(query, -2) + tf.expand_dims(key, -3))
        if self.scale is not None:
            summed = self.scale * summed
        return tf.reduce_sum(summed, axis=-1)


# ---------------------------------------------------------------------------- functional models


def Input(shape=None, batch_size=None, name=None, dtype=None, sparse=False, tensor=None, **kwargs):
    """keras.Input: the placeholder of an InputLayer (which takes `input`, `input_1`... from the
    layer-name counter)."""
    layer_name = name if name else unique_layer_name("input")
    if tensor is None:
        tensor = tf.placeholder(tf.as_dtype(dtype or tf.float32), [batch_size] + list(shape or []), name=layer_name)
    _INPUT_LAYERS.append((tensor, InputLayer(layer_name)))
    return tensor


class InputLayer(Layer):
    """The layer keras.Input makes (named there): no weights, listed first in a model's layers."""

    def __init__(self, name):
        self._name = name
        self.trainable = True
        self.built = True
        self._trainable_weights = []
        self._non_trainable_weights = []


def _input_layer(tensor):
    for known, layer in _INPUT_LAYERS:
        if known is tensor:
            return layer
    return None


def _made_by(tensor):
    for outputs, layer, inputs, args, kwargs in _LAYER_CALLS:
        if outputs is tensor:
            return layer, inputs, args, kwargs
    return None


class Model(Layer):
    """keras.Model: functional (`Model(inputs, outputs)`) or subclassed (its own `call`)."""

    def __init__(self, *args, **kwargs):
        inputs = kwargs.pop("inputs", args[0] if len(args) > 0 else None)
        outputs = kwargs.pop("outputs", args[1] if len(args) > 1 else None)
        super(Model, self).__init__(name=kwargs.pop("name", None), **kwargs)
        self._inputs = inputs
        self._outputs = outputs
        self._layers = []
        if inputs is not None and outputs is not None:
            self.built = True
            for tensor in _common.flatten(inputs):
                input_layer = _input_layer(tensor)
                if input_layer is not None:
                    self._layers.append(input_layer)
            self._calls = self._trace(outputs)
            for _, layer, _, _, _ in self._calls:
                if not any(layer is known for known in self._layers):
                    self._layers.append(layer)

    def _tracked(self):
        """What Keras tracks of a subclassed model: each attribute holding a layer, or a list, tuple or
        dict of layers (a dict's by its sorted keys), as a group, in the order the attributes were set."""
        groups = []
        for value in self.__dict__.values():
            if isinstance(value, dict):
                value = [value[key] for key in sorted(value)]
            layers = [item for item in _common.flatten(value) if isinstance(item, Layer) and item is not self]
            if layers:
                groups.append(layers)
        return groups

    @property
    def layers(self):
        if self._outputs is not None:
            return self._layers
        return _deduplicated([layer for group in self._tracked() for layer in group])

    def _trace(self, outputs):
        """The layer calls between the model's inputs and outputs, in the order they ran."""
        found = []
        pending = list(_common.flatten(outputs))
        while pending:
            tensor = pending.pop()
            if any(tensor is t for t in _common.flatten(self._inputs)) or any(tensor is call[0] for call in found):
                continue
            made = _made_by(tensor)
            if made is None:
                continue
            layer, inputs, args, kwargs = made
            found.append((tensor, layer, inputs, args, kwargs))
            pending.extend(_common.flatten(inputs))
        return list(reversed(found))

    @property
    def trainable_weights(self):
        if self._outputs is not None:
            return _layers_weights(self)[0]
        if not self.trainable:
            return []
        return _deduplicated(self._tracked_weights("trainable_weights") + self._trainable_weights)

    @property
    def non_trainable_weights(self):
        if self._outputs is not None:
            return _layers_weights(self)[1]
        weights = self._tracked_weights("non_trainable_weights") + self._non_trainable_weights
        if not self.trainable:
            weights = self._tracked_weights("trainable_weights") + self._trainable_weights + weights
        return _deduplicated(weights)

    @property
    def weights(self):
        if self._outputs is not None:
            return self.trainable_weights + self.non_trainable_weights
        weights = []
        for group in self._tracked():  # a group's trainable weights, then its others
            weights += self._tracked_weights("trainable_weights", [group])
            weights += self._tracked_weights("non_trainable_weights", [group])
        return _deduplicated(weights + self._trainable_weights + self._non_trainable_weights)

    def _tracked_weights(self, kind, groups=None):
        """The weights of one kind of the layers a subclassed model tracks (of `groups`, by default all)."""
        groups = self._tracked() if groups is None else groups
        return [w for group in groups for layer in group for w in getattr(layer, kind)]

    # Layer's aliases of these name its own properties, not these.
    trainable_variables = trainable_weights
    non_trainable_variables = non_trainable_weights
    variables = weights

    def call(self, inputs, training=None):
        values = list(zip(_common.flatten(self._inputs), _common.flatten(inputs)))

        def value_of(tensor):
            for old, new in values:
                if old is tensor:
                    return new
            return tensor

        for tensor, layer, layer_inputs, args, kwargs in self._calls:
            if isinstance(layer_inputs, (list, tuple)):
                replayed = [value_of(t) for t in layer_inputs]
            else:
                replayed = value_of(layer_inputs)
            values.append((tensor, layer.call(replayed, *args, **kwargs)))
        if isinstance(self._outputs, (list, tuple)):
            return [value_of(t) for t in self._outputs]
        return value_of(self._outputs)

    def __call__(self, inputs, *args, **kwargs):
        # a model called in another functional model's graph is one of its layers (a GAN's
        # `Model(z, discriminator(generator(z)))`)
        with tf.name_scope(self._name):
            outputs = autograph.tf_convert(self.call, None)(inputs, *args, **kwargs)
        return _recorded(outputs, self, inputs, args, kwargs)

    def summary(self, *args, **kwargs):
        return None
