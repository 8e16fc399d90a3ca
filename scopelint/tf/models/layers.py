"""tf.layers (tf.compat.v1.layers): TensorFlow's legacy layers, written as TensorFlow writes
them (tf_keras/src/legacy_tf_layers: base.py, core.py, convolutional.py, normalization.py,
pooling.py), over the scope intrinsics.

Both drivers run this source: the reference runtime executes it, the analysis interprets it
like the program's own code (its frames hidden, so what it creates lands on the caller's
line). What decides names is kept as TF has it: a layer captures its variable scope on first
use (`variable_scope(None, default_name=<snake class name>)`, or the string `name` given to
a functional form at construction), creates its weights through `get_variable` inside that
captured scope with `reuse=self.built or self._reuse`, and re-enters it with `reuse=True`
once built. Shapes and dtypes follow Keras's `build`.

Not modelled (they decide no variable name): Keras's per-graph layer-name counter, which
only names a layer's ops; input specs; constraints; mixed precision; batch renorm.
"""

import tensorflow as tf
from tensorflow.python.autograph.impl import api as autograph
from scopelint.tf.models import _common

_snake_case = _common.snake_case
_tuple = _common.normalize_tuple
_dims = _common.static_dims
_tf_data_format = _common.tf_data_format


def _conv_output_length(length, filter_size, padding, stride, dilation=1):
    """conv_utils.conv_output_length."""
    if length is None:
        return None
    dilated = filter_size + (filter_size - 1) * (dilation - 1)
    if padding in ("same", "causal"):
        out = length
    elif padding == "valid":
        out = length - dilated + 1
    else:
        out = length + dilated - 1
    return (out + stride - 1) // stride


class Layer(_common.BaseLayer):
    """legacy_tf_layers.base.Layer: a Keras layer whose weights live in a captured variable scope."""

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        scope = kwargs.pop("_scope", None)
        self._reuse = kwargs.pop("_reuse", None)
        self._trainable_weights = []
        self._non_trainable_weights = []
        self.built = False
        self.trainable = trainable
        self.dtype = None if dtype is None else tf.as_dtype(dtype)
        self._init_set_name(name)
        self._always_reuse_variable_scope = None
        if scope:
            with tf.variable_scope(scope) as captured_scope:
                self._scope = captured_scope
        else:
            self._scope = None
        self._current_scope = None

    def _init_set_name(self, name):
        if not name:
            self._base_name = _snake_case(self.__class__.__name__)
            # An unnamed layer takes a name from Keras's per-graph counter too (so the next
            # tf.keras Dense is `dense_1`); its variables are named from the variable scope.
            tf.add_to_collection("__keras_layer_names__", self._base_name)
        else:
            self._base_name = name
        self._name = self._base_name

    @property
    def name(self):
        return self._name

    @property
    def scope_name(self):
        if not self._scope:
            raise ValueError('No name available for layer scope because the layer "' + self._name +
                             '" has not been used yet. The scope name  is determined the first time the layer '
                             'instance is called. You must therefore call the layer before querying `scope_name`.')
        return self._scope.name

    def _set_scope(self, scope=None):
        if self._scope is None:
            # Captured lazily, on first use, in the scope current then.
            if self._reuse:
                with tf.variable_scope(scope if scope is not None else self._base_name) as captured_scope:
                    self._scope = captured_scope
            else:
                with tf.variable_scope(scope, default_name=self._base_name) as captured_scope:
                    self._scope = captured_scope

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None, trainable=None,
                   constraint=None, partitioner=None, **kwargs):
        if trainable is None:
            trainable = True
        if dtype is None:
            dtype = self.dtype or tf.float32
        self._set_scope(None)
        reuse = self.built or self._reuse
        with tf.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            if initializer is None:
                initializer = scope.initializer
            variable = tf.get_variable(name, shape, dtype=tf.as_dtype(dtype), initializer=initializer,
                                       trainable=trainable and self.trainable, partitioner=partitioner)
            if regularizer:
                with tf.name_scope(name + "/Regularizer"):
                    loss = regularizer(variable)
                if loss is not None:
                    tf.add_to_collection(tf.GraphKeys.REGULARIZATION_LOSSES, loss)
        return self._track_weight(variable, trainable)

    def _maybe_build(self, inputs):
        if not self.built:
            if self.dtype is None:
                self.dtype = inputs.dtype.base_dtype  # the first input's dtype, as TF1 layers infer it
            self.build(inputs.get_shape())
            self.built = True

    def __call__(self, inputs, *args, **kwargs):
        scope = kwargs.pop("scope", None)
        self._set_scope(scope)
        if self.built:
            if self._always_reuse_variable_scope is None:
                # Built: from now on the captured scope is always re-entered with reuse=True.
                self._always_reuse_variable_scope = tf.variable_scope(self._scope, reuse=True,
                                                                      auxiliary_name_scope=False)
            scope_context_manager = self._always_reuse_variable_scope
        else:
            scope_context_manager = tf.variable_scope(self._scope, reuse=self._reuse, auxiliary_name_scope=False)
        with scope_context_manager as scope:
            self._current_scope = scope
            # Keras's Layer.__call__ builds and calls in the layer's name scope, the captured variable
            # scope's original one re-entered: its ops are `batch_normalization/add`, not a root `add`.
            with tf.name_scope(scope.original_name_scope):
                self._maybe_build(inputs)
                # base_layer_v1 runs the `call` of a layer class of the program's (a cell, a
                # wrapper) converted by autograph: what it creates is the calling line's
                outputs = autograph.tf_convert(self.call, None)(inputs, *args, **kwargs)
        return outputs


# ---------------------------------------------------------------------------- core.py


class Dense(_common.Dense, Layer):
    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
                 name=None, **kwargs):
        super(Dense, self).__init__(trainable=trainable, name=name, **kwargs)
        self._configure(units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                        bias_regularizer)


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
          reuse=None):
    layer = Dense(units, activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
                  bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
                  bias_regularizer=bias_regularizer, activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable,
                  name=name, _scope=name, _reuse=reuse)
    return layer(inputs)


class Dropout(_common.Dropout, Layer):
    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super(Dropout, self).__init__(name=name, **kwargs)
        self.rate = rate


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    layer = Dropout(rate, noise_shape=noise_shape, seed=seed, name=name)
    return layer(inputs, training=training)


class Flatten(_common.Flatten, Layer):
    def __init__(self, data_format=None, name=None, **kwargs):
        super(Flatten, self).__init__(name=name, **kwargs)


def flatten(inputs, name=None, data_format="channels_last"):
    layer = Flatten(name=name, data_format=data_format)
    return layer(inputs)


# ---------------------------------------------------------------------------- convolutional.py


class _Conv(_common.Conv, Layer):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super(_Conv, self).__init__(trainable=trainable, name=name, **kwargs)
        self._configure(filters, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer)


class Conv1D(_Conv):
    rank = 1


class Conv2D(_Conv):
    rank = 2


class Conv3D(_Conv):
    rank = 3


class Conv2DTranspose(_common.ConvTranspose, _Conv):
    rank = 2


class Conv3DTranspose(Conv2DTranspose):
    rank = 3


class _SeparableConv(_common.SeparableConv, _Conv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer=tf.zeros_initializer(), depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super(_SeparableConv, self).__init__(filters, kernel_size, strides=strides, padding=padding,
                                             data_format=data_format, dilation_rate=dilation_rate,
                                             activation=activation, use_bias=use_bias,
                                             bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                                             trainable=trainable, name=name, **kwargs)
        self._configure_separable(depth_multiplier, depthwise_initializer, pointwise_initializer,
                                  depthwise_regularizer, pointwise_regularizer)


class SeparableConv1D(_SeparableConv):
    rank = 1


class SeparableConv2D(_SeparableConv):
    rank = 2


def _functional_conv(cls, inputs, filters, kernel_size, name, reuse, kwargs):
    layer = cls(filters, kernel_size, name=name, _scope=name, _reuse=reuse, **kwargs)
    return layer(inputs)


def conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last", dilation_rate=1,
           activation=None, use_bias=True, kernel_initializer=None, bias_initializer=tf.zeros_initializer(),
           kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
           bias_constraint=None, trainable=True, name=None, reuse=None):
    return _functional_conv(Conv1D, inputs, filters, kernel_size, name, reuse, dict(
        strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
        activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        trainable=trainable))


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
    return _functional_conv(Conv2D, inputs, filters, kernel_size, name, reuse, dict(
        strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
        activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        trainable=trainable))


def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=tf.zeros_initializer(), kernel_regularizer=None, bias_regularizer=None,
           activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True, name=None,
           reuse=None):
    return _functional_conv(Conv3D, inputs, filters, kernel_size, name, reuse, dict(
        strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
        activation=activation, use_bias=use_bias, kernel_initializer=kernel_initializer,
        bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
        trainable=trainable))


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                     activation=None, use_bias=True, kernel_initializer=None, bias_initializer=tf.zeros_initializer(),
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None):
    return _functional_conv(Conv2DTranspose, inputs, filters, kernel_size, name, reuse, dict(
        strides=strides, padding=padding, data_format=data_format, activation=activation, use_bias=use_bias,
        kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer, trainable=trainable))


def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid", data_format="channels_last",
                     activation=None, use_bias=True, kernel_initializer=None, bias_initializer=tf.zeros_initializer(),
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None):
    return _functional_conv(Conv3DTranspose, inputs, filters, kernel_size, name, reuse, dict(
        strides=strides, padding=padding, data_format=data_format, activation=activation, use_bias=use_bias,
        kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
        kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer, trainable=trainable))


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                     dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer=None,
                     pointwise_initializer=None, bias_initializer=tf.zeros_initializer(), depthwise_regularizer=None,
                     pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, trainable=True,
                     name=None, reuse=None):
    return _functional_conv(SeparableConv1D, inputs, filters, kernel_size, name, reuse, dict(
        strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
        depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
        depthwise_initializer=depthwise_initializer, pointwise_initializer=pointwise_initializer,
        bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
        pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer, trainable=trainable))


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                     dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True,
                     depthwise_initializer=None, pointwise_initializer=None, bias_initializer=tf.zeros_initializer(),
                     depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                     activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None,
                     bias_constraint=None, trainable=True, name=None, reuse=None):
    return _functional_conv(SeparableConv2D, inputs, filters, kernel_size, name, reuse, dict(
        strides=strides, padding=padding, data_format=data_format, dilation_rate=dilation_rate,
        depth_multiplier=depth_multiplier, activation=activation, use_bias=use_bias,
        depthwise_initializer=depthwise_initializer, pointwise_initializer=pointwise_initializer,
        bias_initializer=bias_initializer, depthwise_regularizer=depthwise_regularizer,
        pointwise_regularizer=pointwise_regularizer, bias_regularizer=bias_regularizer, trainable=trainable))


# ---------------------------------------------------------------------------- pooling.py


class _Pooling(_common.Pooling, Layer):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last", name=None, **kwargs):
        super(_Pooling, self).__init__(name=name, **kwargs)
        self._configure(pool_size, strides, padding, data_format)


class MaxPooling1D(_Pooling):
    rank = 1


class AveragePooling1D(_Pooling):
    rank = 1
    pool_op = "avg"


class MaxPooling2D(_Pooling):
    rank = 2


class AveragePooling2D(_Pooling):
    rank = 2
    pool_op = "avg"


class MaxPooling3D(_Pooling):
    rank = 3


class AveragePooling3D(_Pooling):
    rank = 3
    pool_op = "avg"


def _functional_pool(cls, inputs, pool_size, strides, padding, data_format, name):
    layer = cls(pool_size=pool_size, strides=strides, padding=padding, data_format=data_format, name=name)
    return layer(inputs)


def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _functional_pool(MaxPooling1D, inputs, pool_size, strides, padding, data_format, name)


def average_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _functional_pool(AveragePooling1D, inputs, pool_size, strides, padding, data_format, name)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _functional_pool(MaxPooling2D, inputs, pool_size, strides, padding, data_format, name)


def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _functional_pool(AveragePooling2D, inputs, pool_size, strides, padding, data_format, name)


def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _functional_pool(MaxPooling3D, inputs, pool_size, strides, padding, data_format, name)


def average_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _functional_pool(AveragePooling3D, inputs, pool_size, strides, padding, data_format, name)


# ---------------------------------------------------------------------------- normalization.py


class BatchNormalization(_common.BatchNormalization, Layer):
    """Keras's BatchNormalization (v1): `gamma`, `beta`, then the non-trainable moving statistics,
    created with the captured scope's partitioner switched off."""

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=tf.zeros_initializer(), gamma_initializer=tf.ones_initializer(),
                 moving_mean_initializer=tf.zeros_initializer(), moving_variance_initializer=tf.ones_initializer(),
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 renorm=False, renorm_clipping=None, renorm_momentum=0.99, fused=None, trainable=True,
                 virtual_batch_size=None, adjustment=None, name=None, **kwargs):
        super(BatchNormalization, self).__init__(name=name, trainable=trainable, **kwargs)
        self.axis = axis
        self.center = center
        self.scale = scale
        self.beta_initializer = beta_initializer
        self.gamma_initializer = gamma_initializer
        self.moving_mean_initializer = moving_mean_initializer
        self.moving_variance_initializer = moving_variance_initializer
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer

    def build(self, input_shape):
        dims = _dims(input_shape)
        if dims is None:  # unknown: false
            raise ValueError("Input has undefined rank.")
        ndims = len(dims)
        axes = list(self.axis) if isinstance(self.axis, (list, tuple)) else [self.axis]
        axes = [a + ndims if a < 0 else a for a in axes]
        for a in axes:
            if dims[a] is None:  # unknown: false
                raise ValueError("Input has undefined `axis` dimension. Received input with shape %s. Axis value: %s"
                                 % (tf.TensorShape(input_shape), self.axis))
        if len(axes) == 1:
            param_shape = (dims[axes[0]],)
        else:
            param_shape = [dims[i] if i in axes else 1 for i in range(ndims)]
        param_dtype = tf.float32 if self.dtype in (tf.float16, tf.bfloat16) or self.dtype is None else self.dtype
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=param_shape, dtype=param_dtype,
                                         initializer=self.gamma_initializer, regularizer=self.gamma_regularizer,
                                         trainable=True)
        else:
            self.gamma = None
        if self.center:
            self.beta = self.add_weight(name="beta", shape=param_shape, dtype=param_dtype,
                                        initializer=self.beta_initializer, regularizer=self.beta_regularizer,
                                        trainable=True)
        else:
            self.beta = None
        partitioner = None
        if self._scope:
            partitioner = self._scope.partitioner
            self._scope.set_partitioner(None)
        try:
            self.moving_mean = self.add_weight(name="moving_mean", shape=param_shape, dtype=param_dtype,
                                               initializer=self.moving_mean_initializer, trainable=False)
            self.moving_variance = self.add_weight(name="moving_variance", shape=param_shape, dtype=param_dtype,
                                                   initializer=self.moving_variance_initializer, trainable=False)
        finally:
            if partitioner:
                self._scope.set_partitioner(partitioner)
        self.built = True


def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=tf.zeros_initializer(), gamma_initializer=tf.ones_initializer(),
                        moving_mean_initializer=tf.zeros_initializer(),
                        moving_variance_initializer=tf.ones_initializer(), beta_regularizer=None,
                        gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, training=False,
                        trainable=True, name=None, reuse=None, renorm=False, renorm_clipping=None,
                        renorm_momentum=0.99, fused=None, virtual_batch_size=None, adjustment=None):
    layer = BatchNormalization(axis=axis, momentum=momentum, epsilon=epsilon, center=center, scale=scale,
                               beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
                               moving_mean_initializer=moving_mean_initializer,
                               moving_variance_initializer=moving_variance_initializer,
                               beta_regularizer=beta_regularizer, gamma_regularizer=gamma_regularizer,
                               trainable=trainable, name=name, _reuse=reuse, _scope=name)
    return layer(inputs, training=training)


class InputSpec(object):
    """Keras's InputSpec: what a layer accepts; it names nothing."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None, axes=None,
                 allow_last_axis_squeeze=False, name=None):
        self.dtype = dtype
        self.shape = shape
        self.ndim = ndim
        self.min_ndim = min_ndim
        self.axes = axes or {}
