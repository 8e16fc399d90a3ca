"""tf_slim (= tf.contrib.slim, tf.contrib.layers, tf.contrib.framework): its layers, arg_scope
and variables, written as tf_slim writes them (tf_slim/layers/layers.py, tf_slim/ops/arg_scope.py,
tf_slim/ops/variables.py), over the scope intrinsics.

What decides names is kept as tf_slim has it: each layer opens
`variable_scope(scope, <Default>, [inputs], reuse=reuse)` (`Conv`, `fully_connected`,
`BatchNorm`, `SeparableConv2d`, `Conv2d_transpose`, `LayerNorm`, `BiasAdd`, `Dropout`), so an
explicit scope is a string that is not uniquified and a default one is; its variables are
model variables `weights` and `biases` (none when a normalizer_fn is given or
biases_initializer is None), in the order tf_slim creates them; `repeat` and `stack` name
their layers `<scope>/<scope>_<i>` with `Repeat`/`Stack` and the layer function's __name__ as
defaults; `arg_scope` supplies keyword defaults to functions decorated with `add_arg_scope`.

tf_slim builds its layers from TF's core layers with a custom getter that renames `kernel` to
`weights`; the model creates the renamed variables directly, which gives the same names,
shapes, collections and reuse.
"""

import tensorflow as tf

from scopelint.tf.models import slim_extras


# ---------------------------------------------------------------------------- ops/arg_scope.py

_ARGSTACK = [{}]


def current_arg_scope():
    return _ARGSTACK[-1]


def arg_scope_func_key(op):
    return getattr(op, "_key_op", None) or op.__name__


def has_arg_scope(func):
    return getattr(func, "_key_op", None) is not None


class _ArgScopedFunction(object):
    """add_arg_scope(func): a callable that takes its keyword defaults from the current arg_scope."""

    def __init__(self, func):
        self.func = func
        self.__name__ = func.__name__
        self._key_op = func.__name__

    def __call__(self, *args, **kwargs):
        current_scope = current_arg_scope()
        if self._key_op in current_scope:
            current_args = dict(current_scope[self._key_op])
            current_args.update(kwargs)
            return self.func(*args, **current_args)
        return self.func(*args, **kwargs)


def add_arg_scope(func):
    return _ArgScopedFunction(func)


class arg_scope(object):  # noqa: N801 - tf_slim's name
    def __init__(self, list_ops_or_scope, **kwargs):
        if isinstance(list_ops_or_scope, dict):
            if kwargs:
                raise ValueError("When attempting to re-use a scope by suppling a dictionary, kwargs must be empty.")
            self._scope = dict(list_ops_or_scope)
            return
        if not isinstance(list_ops_or_scope, (list, tuple)):
            raise TypeError("list_ops_or_scope must either be a list/tuple or reused scope (i.e. dict)")
        current_scope = dict(current_arg_scope())
        for op in list_ops_or_scope:
            if not has_arg_scope(op):
                raise ValueError("%s is not decorated with @add_arg_scope" % (op.__name__,))
            key = arg_scope_func_key(op)
            if key in current_scope:
                current_kwargs = dict(current_scope[key])
                current_kwargs.update(kwargs)
                current_scope[key] = current_kwargs
            else:
                current_scope[key] = dict(kwargs)
        self._scope = current_scope

    def __enter__(self):
        _ARGSTACK.append(self._scope)
        return self._scope

    def __exit__(self, *exc_info):
        _ARGSTACK.pop()
        return False


# ---------------------------------------------------------------------------- ops/variables.py


def _collections(collections):
    return list(collections) if collections is not None else [tf.GraphKeys.GLOBAL_VARIABLES]


def _variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True, collections=None,
              caching_device=None, device=None, partitioner=None, custom_getter=None, use_resource=None,
              synchronization=None, aggregation=None):
    return tf.get_variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                           trainable=trainable, collections=_collections(collections),
                           caching_device=caching_device, partitioner=partitioner)


def _model_variable(name, shape=None, dtype=tf.float32, initializer=None, regularizer=None, trainable=True,
                    collections=None, caching_device=None, device=None, partitioner=None, custom_getter=None,
                    use_resource=None, synchronization=None, aggregation=None):
    collections = list(collections or []) + [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.MODEL_VARIABLES]
    return _variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                     trainable=trainable, collections=collections, caching_device=caching_device,
                     partitioner=partitioner)


def _layer_variable(name, shape, dtype, initializer, regularizer, trainable, collections):
    """A layer's own variable: what tf_slim's layer getter asks model_variable for, passing every
    argument (so an arg_scope on model_variable changes nothing here)."""
    collections = (list(collections) if collections else []) + _MODEL_COLLECTIONS
    return tf.get_variable(name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
                           trainable=trainable, collections=collections)


_MODEL_COLLECTIONS = [tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.MODEL_VARIABLES]

variable = add_arg_scope(_variable)
variable.__name__ = variable._key_op = "variable"
model_variable = add_arg_scope(_model_variable)
model_variable.__name__ = model_variable._key_op = "model_variable"


def add_model_variable(var):
    """A variable made elsewhere (a layer of the program's own: ptn's conv3d_transpose) joins
    MODEL_VARIABLES, once."""
    if var not in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES):
        tf.add_to_collection(tf.GraphKeys.MODEL_VARIABLES, var)


def get_variables(scope=None, suffix=None, collection=tf.GraphKeys.GLOBAL_VARIABLES):
    if isinstance(scope, tf.VariableScope):
        scope = scope.name  # `get_variables(vs)` of `with tf.variable_scope("G") as vs` (BEGAN)
    if suffix is not None:
        if ":" not in suffix:
            suffix += ":"
        scope = (scope or "") + ".*" + suffix
    return tf.get_collection(collection, scope)


def get_model_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, tf.GraphKeys.MODEL_VARIABLES)


def get_trainable_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, tf.GraphKeys.TRAINABLE_VARIABLES)


def get_local_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, tf.GraphKeys.LOCAL_VARIABLES)


def get_variables_to_restore(include=None, exclude=None):
    return tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)


def get_or_create_global_step(graph=None):
    return tf.train.get_or_create_global_step(graph)


def create_global_step(graph=None):
    return tf.train.create_global_step(graph)


def get_global_step(graph=None):
    return tf.train.get_global_step(graph)


# ---------------------------------------------------------------------------- layers/layers.py


def _dims(inputs):
    shape = inputs.get_shape()
    return None if shape.ndims is None else shape.as_list()


def _spatial(value, rank):
    if isinstance(value, int):
        return [value] * rank
    # `net.get_shape()[1:3]` (a TensorShape: its Dimensions), as inception's final pools give it
    return [v if isinstance(v, int) else getattr(v, "value", v) for v in value]


def _channels(inputs, channels_first):
    dims = _dims(inputs)
    channel = None if dims is None else (dims[1] if channels_first else dims[-1])
    if channel is None:  # unknown: false
        raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
    return channel


def _variable_collections(collections, name):
    if isinstance(collections, dict):
        return collections.get(name, None)
    return collections


def _weights_and_biases(kernel_shape, num_outputs, dtype, normalizer_fn, weights_initializer, weights_regularizer,
                        biases_initializer, biases_regularizer, variables_collections, trainable):
    weights = _layer_variable("weights", kernel_shape, dtype, weights_initializer, weights_regularizer, trainable,
                              _variable_collections(variables_collections, "weights"))
    if normalizer_fn or not biases_initializer:
        return weights, None
    return weights, _layer_variable("biases", [num_outputs], dtype, biases_initializer, biases_regularizer, trainable,
                                    _variable_collections(variables_collections, "biases"))


def _collected(collections, alias, outputs):
    """utils.collect_named_outputs: a layer's output joins `outputs_collections`, aliased by its
    scope's name; slim's nets make their end_points dict of that collection."""
    return slim_extras.collect_named_outputs(collections, alias, outputs)


def _finish(outputs, normalizer_fn, normalizer_params, activation_fn):
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return outputs


def _convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
                 activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None, weights_initializer=None,
                 weights_regularizer=None, biases_initializer=tf.zeros_initializer(), biases_regularizer=None,
                 reuse=None, variables_collections=None, outputs_collections=None, trainable=True, scope=None,
                 conv_dims=None):
    if data_format not in (None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"):
        raise ValueError("Invalid data_format: %r" % (data_format,))
    with tf.variable_scope(scope, "Conv", [inputs], reuse=reuse) as sc:
        rank = inputs.get_shape().ndims
        if conv_dims is not None and rank is not None and conv_dims + 2 != rank:
            raise ValueError("Convolution expects input with rank %d, got %d" % (conv_dims + 2, rank))
        if rank not in (3, 4, 5):
            raise ValueError("Convolution not supported for input with rank", rank)
        first = data_format is not None and data_format.startswith("NC")
        channels = _channels(inputs, first)
        spatial = rank - 2
        weights, biases = _weights_and_biases(
            _spatial(kernel_size, spatial) + [channels, num_outputs], num_outputs, inputs.dtype.base_dtype,
            normalizer_fn, weights_initializer, weights_regularizer, biases_initializer, biases_regularizer,
            variables_collections, trainable)
        outputs = tf.nn.convolution(inputs, weights, strides=_spatial(stride, spatial), padding=padding.upper(),
                                    dilations=_spatial(rate, spatial), data_format=data_format)
        if biases is not None:
            outputs = tf.nn.bias_add(outputs, biases, data_format="NCHW" if first else "NHWC")
        return _collected(outputs_collections, sc.name, _finish(outputs, normalizer_fn, normalizer_params,
                                                                activation_fn))


def _convolution_of_rank(rank):
    """tf_slim's convolution1d/2d/3d: `convolution` with the input's rank checked."""
    def convolution_n(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
                      activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                      weights_initializer=None, weights_regularizer=None, biases_initializer=tf.zeros_initializer(),
                      biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                      trainable=True, scope=None):
        return _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate, activation_fn,
                            normalizer_fn, normalizer_params, weights_initializer, weights_regularizer,
                            biases_initializer, biases_regularizer, reuse, variables_collections,
                            outputs_collections, trainable, scope, conv_dims=rank)
    return convolution_n


_convolution1d = _convolution_of_rank(1)
_convolution2d = _convolution_of_rank(2)
_convolution3d = _convolution_of_rank(3)


def _fully_connected(inputs, num_outputs, activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                     weights_initializer=None, weights_regularizer=None, biases_initializer=tf.zeros_initializer(),
                     biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                     trainable=True, scope=None):
    if not isinstance(num_outputs, int):
        raise ValueError("num_outputs type should be one of %s, got %s." % ((int,), type(num_outputs)))
    with tf.variable_scope(scope, "fully_connected", [inputs], reuse=reuse) as sc:
        dims = _dims(inputs)
        last = None if dims is None else dims[-1]
        if last is None:  # unknown: false
            raise ValueError("The last dimension of the inputs to a Dense layer should be defined. Found None.")
        weights, biases = _weights_and_biases(
            [last, num_outputs], num_outputs, inputs.dtype.base_dtype, normalizer_fn, weights_initializer,
            weights_regularizer, biases_initializer, biases_regularizer, variables_collections, trainable)
        if len(dims) == 2:
            outputs = tf.matmul(inputs, weights)
        else:
            outputs = tf.tensordot(inputs, weights, [[len(dims) - 1], [0]])
        if biases is not None:
            outputs = tf.nn.bias_add(outputs, biases)
        return _collected(outputs_collections, sc.name, _finish(outputs, normalizer_fn, normalizer_params,
                                                                activation_fn))


def _batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
                param_initializers=None, param_regularizers=None, updates_collections=tf.GraphKeys.UPDATE_OPS,
                is_training=True, reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
                batch_weights=None, fused=None, data_format="NHWC", zero_debias_moving_mean=False, scope=None,
                renorm=False, renorm_clipping=None, renorm_decay=0.99, adjustment=None):
    dims = _dims(inputs)
    rank = None if dims is None else len(dims)
    default_updates = updates_collections == tf.GraphKeys.UPDATE_OPS
    fused_path = fused is not False and batch_weights is None and not renorm and rank in (2, 4) and \
        adjustment is None and (zero_debias_moving_mean or rank == 2 or not default_updates)
    # The default path builds TF's core BatchNormalization layer, which creates gamma before beta;
    # the fused kernel and the remaining path create beta first.
    gamma_first = not fused_path and batch_weights is None and default_updates and not zero_debias_moving_mean
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with tf.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        if rank is None:  # unknown: false
            raise ValueError("Inputs %s has undefined rank." % (inputs.name,))
        axis = 1 if data_format == "NCHW" and rank > 2 else rank - 1
        channel = dims[axis]
        if channel is None:  # unknown: false
            raise ValueError("Inputs %s has undefined channels dimension %s." % (inputs.name, dims))
        shape = [channel]
        dtype = inputs.dtype.base_dtype
        initializers = param_initializers or {}
        regularizers = param_regularizers or {}
        names = ["gamma"] if scale and gamma_first else []
        if center:
            names.append("beta")
        if scale and not gamma_first:
            names.append("gamma")
        made = {}
        for name in names:
            made[name] = _layer_variable(name, shape, dtype, initializers.get(name), regularizers.get(name),
                                         trainable, _variable_collections(variables_collections, name))
        # The moving statistics are never partitioned: tf_slim re-enters the scope with its partitioner
        # off (assign_moving_average does not support partitioned variables).
        with tf.variable_scope(tf.get_variable_scope()) as local_scope:
            local_scope.set_partitioner(None)
            for name in ("moving_mean", "moving_variance"):
                made[name] = _layer_variable(name, shape, dtype, initializers.get(name), regularizers.get(name),
                                             False, _variable_collections(variables_collections, name))
        # The normalisation itself is left out: only the shape and what the output depends on
        # (gamma and beta, so that gradients reach them) matter here.
        broadcast = [channel if i == axis else 1 for i in range(rank)]
        outputs = tf.identity(inputs)
        if scale:
            outputs = outputs * tf.reshape(made["gamma"], broadcast)
        if center:
            outputs = outputs + tf.reshape(made["beta"], broadcast)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collected(outputs_collections, sc.name, outputs)


def _bias_add(inputs, activation_fn=None, initializer=tf.zeros_initializer(), regularizer=None, reuse=None,
              variables_collections=None, outputs_collections=None, trainable=True, data_format="NHWC", scope=None):
    with tf.variable_scope(scope, "BiasAdd", [inputs], reuse=reuse) as sc:
        channels = _channels(inputs, data_format == "NCHW")
        biases = _layer_variable("biases", [channels], inputs.dtype.base_dtype, initializer, regularizer, trainable,
                                 _variable_collections(variables_collections, "biases"))
        outputs = tf.nn.bias_add(inputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collected(outputs_collections, sc.name, outputs)


def _separable_convolution2d(inputs, num_outputs, kernel_size, depth_multiplier=1, stride=1, padding="SAME",
                             data_format="NHWC", rate=1, activation_fn=tf.nn.relu, normalizer_fn=None,
                             normalizer_params=None, weights_initializer=None, pointwise_initializer=None,
                             weights_regularizer=None, biases_initializer=tf.zeros_initializer(),
                             biases_regularizer=None, reuse=None, variables_collections=None,
                             outputs_collections=None, trainable=True, scope=None):
    with tf.variable_scope(scope, "SeparableConv2d", [inputs], reuse=reuse) as sc:
        first = data_format is not None and data_format.startswith("NC")
        channels = _channels(inputs, first)
        kernel = _spatial(kernel_size, 2)
        dtype = inputs.dtype.base_dtype
        depthwise = _layer_variable("depthwise_weights", kernel + [channels, depth_multiplier], dtype,
                                    weights_initializer, weights_regularizer, trainable,
                                    _variable_collections(variables_collections, "weights"))
        strides = [1] + _spatial(stride, 2) + [1]
        if num_outputs is not None:
            pointwise = _layer_variable("pointwise_weights", [1, 1, channels * depth_multiplier, num_outputs], dtype,
                                        pointwise_initializer or weights_initializer, weights_regularizer, trainable,
                                        _variable_collections(variables_collections, "weights"))
            outputs = tf.nn.separable_conv2d(inputs, depthwise, pointwise, strides, padding.upper(),
                                             dilations=_spatial(rate, 2), data_format=data_format)
            out_channels = num_outputs
        else:
            outputs = tf.nn.depthwise_conv2d(inputs, depthwise, strides, padding.upper())
            out_channels = channels * depth_multiplier
        if not normalizer_fn and biases_initializer:
            biases = _layer_variable("biases", [out_channels], dtype, biases_initializer, biases_regularizer, trainable,
                                     _variable_collections(variables_collections, "biases"))
            outputs = tf.nn.bias_add(outputs, biases, data_format=data_format)
        return _collected(outputs_collections, sc.name, _finish(outputs, normalizer_fn, normalizer_params,
                                                                activation_fn))


def _convolution2d_in_plane(inputs, kernel_size, stride=1, padding="SAME", activation_fn=tf.nn.relu,
                            normalizer_fn=None, normalizer_params=None, weights_initializer=None,
                            weights_regularizer=None, biases_initializer=tf.zeros_initializer(),
                            biases_regularizer=None, reuse=None, variables_collections=None,
                            outputs_collections=None, trainable=True, scope=None):
    # one kh x kw filter shared by every input channel (tiled into a depthwise convolution)
    with tf.variable_scope(scope, "ConvInPlane", [inputs], reuse=reuse) as sc:
        dtype = inputs.dtype.base_dtype
        kernel = _spatial(kernel_size, 2)
        channels = _channels(inputs, False)
        weights = _layer_variable("weights", kernel + [1, 1], dtype, weights_initializer, weights_regularizer,
                                  trainable, _variable_collections(variables_collections, "weights"))
        depthwise = tf.tile(weights, [1, 1, channels, 1])
        outputs = tf.nn.depthwise_conv2d(inputs, depthwise, [1] + _spatial(stride, 2) + [1], padding)
        if normalizer_fn is None and biases_initializer is not None:
            biases = _layer_variable("biases", [channels], dtype, biases_initializer, biases_regularizer, trainable,
                                     _variable_collections(variables_collections, "biases"))
            outputs = tf.nn.bias_add(outputs, biases)
        return _collected(outputs_collections, sc.name, _finish(outputs, normalizer_fn, normalizer_params,
                                                                activation_fn))


def _convolution2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format="NHWC",
                             activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                             weights_initializer=None, weights_regularizer=None,
                             biases_initializer=tf.zeros_initializer(), biases_regularizer=None, reuse=None,
                             variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    with tf.variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse) as sc:
        first = data_format is not None and data_format.startswith("NC")
        channels = _channels(inputs, first)
        kernel = _spatial(kernel_size, 2)
        steps = _spatial(stride, 2)
        weights, biases = _weights_and_biases(
            kernel + [num_outputs, channels], num_outputs, inputs.dtype.base_dtype, normalizer_fn,
            weights_initializer, weights_regularizer, biases_initializer, biases_regularizer, variables_collections,
            trainable)
        dims = _dims(inputs)
        sizes = [None, None] if dims is None else (dims[2:] if first else dims[1:3])
        spatial = []
        for i in range(2):
            size = sizes[i]
            if size is None:
                spatial.append(None)
            elif padding.upper() == "VALID":
                spatial.append(size * steps[i] + max(kernel[i] - steps[i], 0))
            else:
                spatial.append(size * steps[i])
        batch = None if dims is None else dims[0]
        output_shape = [batch, num_outputs] + spatial if first else [batch] + spatial + [num_outputs]
        outputs = tf.nn.conv2d_transpose(inputs, weights, output_shape, [1] + steps + [1], padding=padding.upper(),
                                         data_format=data_format)
        if biases is not None:
            outputs = tf.nn.bias_add(outputs, biases, data_format=data_format)
        return _collected(outputs_collections, sc.name, _finish(outputs, normalizer_fn, normalizer_params,
                                                                activation_fn))


def _layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None, variables_collections=None,
                outputs_collections=None, trainable=True, begin_norm_axis=1, begin_params_axis=-1, scope=None):
    with tf.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        dims = _dims(inputs)
        if dims is None:  # unknown: false
            raise ValueError("Inputs %s has undefined rank." % (inputs.name,))
        params_shape = dims[begin_params_axis:]
        dtype = inputs.dtype.base_dtype
        outputs = tf.identity(inputs)
        if center:
            beta = _layer_variable("beta", params_shape, dtype, tf.zeros_initializer(), None, trainable,
                                   _variable_collections(variables_collections, "beta"))
            outputs = outputs + beta
        if scale:
            gamma = _layer_variable("gamma", params_shape, dtype, tf.ones_initializer(), None, trainable,
                                    _variable_collections(variables_collections, "gamma"))
            outputs = outputs * gamma
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collected(outputs_collections, sc.name, outputs)


def _instance_norm(inputs, center=True, scale=True, epsilon=1e-6, activation_fn=None, param_initializers=None,
                   reuse=None, variables_collections=None, outputs_collections=None, trainable=True,
                   data_format="NHWC", scope=None):
    dims = _dims(inputs)
    if dims is None:  # unknown: false
        raise ValueError("Inputs %s has undefined rank." % (inputs.name,))
    if data_format not in ("NCHW", "NHWC"):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with tf.variable_scope(scope, "InstanceNorm", [inputs], reuse=reuse) as sc:
        channels = dims[1] if data_format == "NCHW" else dims[-1]
        if channels is None:  # unknown: false
            raise ValueError("Inputs %s has undefined channels dimension %s." % (inputs.name, [channels]))
        # NCHW's params are reshaped to broadcast over the channels axis, not the last
        params_shape_broadcast = [1, channels] + [1] * (len(dims) - 2) if data_format == "NCHW" else None
        dtype = inputs.dtype.base_dtype
        initializers = param_initializers or {}
        outputs = tf.identity(inputs)
        if center:
            beta = _layer_variable("beta", [channels], dtype, initializers.get("beta", tf.zeros_initializer()), None,
                                   trainable, _variable_collections(variables_collections, "beta"))
            if params_shape_broadcast:
                beta = tf.reshape(beta, params_shape_broadcast)
            outputs = outputs + beta
        if scale:
            gamma = _layer_variable("gamma", [channels], dtype, initializers.get("gamma", tf.ones_initializer()),
                                    None, trainable, _variable_collections(variables_collections, "gamma"))
            if params_shape_broadcast:
                gamma = tf.reshape(gamma, params_shape_broadcast)
            outputs = outputs * gamma
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collected(outputs_collections, sc.name, outputs)


def _pool(inputs, kernel_size, stride, padding, data_format, outputs_collections, scope, default_name, kind):
    with tf.name_scope(scope, default_name, [inputs]) as sc:
        first = data_format is not None and data_format.startswith("NC")
        window = _spatial(kernel_size, 2)
        steps = _spatial(stride, 2)
        ksize = [1, 1] + window if first else [1] + window + [1]
        strides = [1, 1] + steps if first else [1] + steps + [1]
        pool = tf.nn.max_pool if kind == "max" else tf.nn.avg_pool
        return _collected(outputs_collections, sc, pool(inputs, ksize, strides, padding.upper(),
                                                        data_format=data_format))


def _max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC", outputs_collections=None,
                scope=None):
    return _pool(inputs, kernel_size, stride, padding, data_format, outputs_collections, scope, "MaxPool2D", "max")


def _avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format="NHWC", outputs_collections=None,
                scope=None):
    return _pool(inputs, kernel_size, stride, padding, data_format, outputs_collections, scope, "AvgPool2D", "avg")


def _dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None, scope=None,
             seed=None):
    with tf.variable_scope(scope, "Dropout", [inputs]) as sc:
        return _collected(outputs_collections, sc.name, tf.identity(inputs))


def _flatten(inputs, outputs_collections=None, scope=None):
    with tf.name_scope(scope, "Flatten", [inputs]) as sc:
        dims = _dims(inputs)
        if dims is None or len(dims) < 2:  # unknown: false
            raise ValueError("Inputs must have a least 2 dimensions.")
        flat = 1
        for dim in dims[1:]:
            flat = None if flat is None or dim is None else flat * dim
        return _collected(outputs_collections, sc, tf.reshape(
            inputs, [-1 if dims[0] is None else dims[0], -1 if flat is None else flat]))


def _softmax(logits, scope=None):
    with tf.variable_scope(scope, "softmax", [logits]):
        return tf.nn.softmax(logits)


def _one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, outputs_collections=None, scope=None):
    with tf.name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
        return _collected(outputs_collections, sc, tf.one_hot(labels, num_classes, on_value=on_value,
                                                              off_value=off_value))


def _spatial_softmax(features, temperature=None, name=None, variables_collections=None, trainable=True,
                     data_format="NHWC"):
    """Each channel's expected (x, y) under a softmax over its spatial extent, divided by a scalar
    `temperature` model variable: [batch, 2 * channels], the batch as TF's reshapes by the
    input's dynamic shape leave it (tcn's embedder). The coordinates' values are left out."""
    with tf.variable_scope(name, "spatial_softmax"):
        shape = tf.shape(features)
        dims = _dims(features)
        if data_format == "NHWC":
            height, width, channels = shape[1], shape[2], None if dims is None else dims[3]
        elif data_format == "NCHW":
            channels, height, width = None if dims is None else dims[1], shape[2], shape[3]
        else:
            raise ValueError("data_format has to be either NCHW or NHWC.")
        if channels is None:  # unknown: false
            raise ValueError("The num_channels dimension of the inputs to `spatial_softmax` should be defined. "
                             "Found `None`.")
        with tf.name_scope("spatial_softmax_op", "spatial_softmax_op", [features]):
            initializer = tf.ones_initializer() if temperature is None else tf.constant_initializer(temperature)
            collections = _variable_collections(variables_collections, "temperature") if trainable else None
            temperature = model_variable("temperature", shape=(), dtype=tf.float32, initializer=initializer,
                                         collections=collections, trainable=trainable)
            if data_format != "NCHW":
                features = tf.transpose(features, [0, 3, 1, 2])
            attention = tf.nn.softmax(tf.reshape(features, [-1, height * width]) / temperature)
            expected = tf.reduce_sum(attention, [1], keepdims=True)
            keypoints = tf.reshape(tf.concat([expected, expected], 1), [-1, channels * 2])
            keypoints.set_shape([None, channels * 2])
            return keypoints


def _named(func, name):
    """add_arg_scope under the public name tf_slim's function has (`convolution2d` for conv2d)."""
    scoped = add_arg_scope(func)
    scoped.__name__ = scoped._key_op = name
    return scoped


convolution = _named(_convolution, "convolution")
convolution1d = _named(_convolution1d, "convolution1d")
convolution2d = _named(_convolution2d, "convolution2d")
convolution3d = _named(_convolution3d, "convolution3d")
conv1d = convolution1d
conv2d = convolution2d
conv3d = convolution3d
fully_connected = _named(_fully_connected, "fully_connected")
linear = fully_connected
batch_norm = _named(_batch_norm, "batch_norm")
bias_add = _named(_bias_add, "bias_add")
separable_convolution2d = _named(_separable_convolution2d, "separable_convolution2d")
convolution2d_in_plane = _named(_convolution2d_in_plane, "convolution2d_in_plane")
conv2d_in_plane = convolution2d_in_plane
separable_conv2d = separable_convolution2d
convolution2d_transpose = _named(_convolution2d_transpose, "convolution2d_transpose")
conv2d_transpose = convolution2d_transpose
layer_norm = _named(_layer_norm, "layer_norm")
instance_norm = _named(_instance_norm, "instance_norm")
max_pool2d = _named(_max_pool2d, "max_pool2d")
avg_pool2d = _named(_avg_pool2d, "avg_pool2d")
dropout = _named(_dropout, "dropout")
flatten = _named(_flatten, "flatten")
softmax = _named(_softmax, "softmax")
one_hot_encoding = _named(_one_hot_encoding, "one_hot_encoding")
spatial_softmax = _named(_spatial_softmax, "spatial_softmax")


def repeat(inputs, repetitions, layer, *args, **kwargs):
    scope = kwargs.pop("scope", None)
    with tf.variable_scope(scope, "Repeat", [inputs]):
        if scope is None:
            scope = getattr(layer, "__name__", None) or "repeat"
        outputs = inputs
        for i in range(repetitions):
            kwargs["scope"] = scope + "_" + str(i + 1)
            outputs = layer(outputs, *args, **kwargs)
        return outputs


def stack(inputs, layer, stack_args, **kwargs):
    scope = kwargs.pop("scope", None)
    if not isinstance(stack_args, (list, tuple)):
        raise ValueError("stack_args need to be a list or tuple")
    with tf.variable_scope(scope, "Stack", [inputs]):
        if scope is None:
            scope = getattr(layer, "__name__", None) or "stack"
        outputs = inputs
        for i in range(len(stack_args)):
            kwargs["scope"] = scope + "_" + str(i + 1)
            layer_args = stack_args[i]
            if not isinstance(layer_args, (list, tuple)):
                layer_args = [layer_args]
            outputs = layer(outputs, *layer_args, **kwargs)
        return outputs


# ---------------------------------------------------------------------------- layers/optimizers.py

OPTIMIZER_CLS_NAMES = {
    "Adagrad": tf.train.AdagradOptimizer,
    "Adam": tf.train.AdamOptimizer,
    "Ftrl": tf.train.FtrlOptimizer,
    "Momentum": lambda learning_rate: tf.train.MomentumOptimizer(learning_rate, momentum=0.9),
    "RMSProp": tf.train.RMSPropOptimizer,
    "SGD": tf.train.GradientDescentOptimizer,
}

OPTIMIZER_SUMMARIES = ["learning_rate", "loss", "gradients", "gradient_norm", "global_gradient_norm"]


def optimize_loss(loss, global_step, learning_rate, optimizer, gradient_noise_scale=None, gradient_multipliers=None,
                  clip_gradients=None, learning_rate_decay_fn=None, update_ops=None, variables=None, name=None,
                  summaries=None, colocate_gradients_with_ops=False, increment_global_step=True):
    """tf_slim's: the optimizer's slots and a float rate's variable in `OptimizeLoss/`. Noise,
    multipliers and summaries change gradients' values and add ops, never variables."""
    loss = tf.convert_to_tensor(loss)
    if global_step is None:
        global_step = tf.train.get_global_step()
    with tf.variable_scope(name, "OptimizeLoss", [loss, global_step]):
        lr = None
        if learning_rate is not None:
            if isinstance(learning_rate, float):
                if learning_rate < 0.0:
                    raise ValueError("Invalid learning_rate %s." % learning_rate)
                lr = tf.get_variable("learning_rate", [], trainable=False,
                                     initializer=tf.constant_initializer(learning_rate))
            elif isinstance(learning_rate, (bool, int, str)):
                raise ValueError("Learning rate should be 0d Tensor or float. Got %s of type %s"
                                 % (str(learning_rate), str(type(learning_rate))))
            else:
                lr = learning_rate  # a 0-d tensor
        if learning_rate is not None and learning_rate_decay_fn is not None:
            if global_step is None:
                raise ValueError("global_step is required for learning_rate_decay_fn.")
            lr = learning_rate_decay_fn(lr, global_step)
        if isinstance(optimizer, str):
            if lr is None:
                raise ValueError("Learning rate is None, but should be specified if optimizer is string (%s)."
                                 % optimizer)
            if optimizer not in OPTIMIZER_CLS_NAMES:
                raise ValueError("Optimizer name should be one of [%s], you provided %s."
                                 % (", ".join(OPTIMIZER_CLS_NAMES), optimizer))
            opt = OPTIMIZER_CLS_NAMES[optimizer](learning_rate=lr)
        elif isinstance(optimizer, tf.train.Optimizer):
            opt = optimizer
        elif callable(optimizer):
            # a subclass of Optimizer (learning_rate is its first parameter) or a function of the rate
            opt = optimizer(lr) if learning_rate is not None else optimizer()
        else:
            raise ValueError("Unrecognized optimizer: should be string, subclass of Optimizer, instance of "
                             "subclass of Optimizer or function with one argument. Got %s." % str(optimizer))
        if variables is None:
            variables = tf.trainable_variables()
        gradients = opt.compute_gradients(loss, variables, colocate_gradients_with_ops=colocate_gradients_with_ops)
        if isinstance(clip_gradients, float):
            grads, variables = zip(*gradients)
            clipped, _ = tf.clip_by_global_norm(grads, clip_gradients)
            gradients = list(zip(clipped, variables))
        elif callable(clip_gradients):
            gradients = clip_gradients(gradients)
        elif clip_gradients is not None:
            raise ValueError("Unknown type %s for clip_gradients" % type(clip_gradients))
        grad_updates = opt.apply_gradients(gradients, global_step=global_step if increment_global_step else None,
                                           name="train")
        with tf.control_dependencies([grad_updates]):
            return tf.identity(loss)


# ---------------------------------------------------------------------------- initializers, regularizers


def xavier_initializer(uniform=True, seed=None, dtype=tf.float32):
    return tf.glorot_uniform_initializer(seed=seed, dtype=dtype) if uniform else \
        tf.glorot_normal_initializer(seed=seed, dtype=dtype)


xavier_initializer_conv2d = xavier_initializer


def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None, dtype=tf.float32):
    return tf.variance_scaling_initializer(scale=factor, seed=seed, dtype=dtype)


def _regularizer(scale, kind):
    def regularize(weights):
        with tf.name_scope(None, kind, [weights]):
            return tf.reduce_sum(weights) * scale
    return regularize


def l1_regularizer(scale, scope=None):
    return _regularizer(scale, "l1_regularizer")


def l2_regularizer(scale, scope=None):
    return _regularizer(scale, "l2_regularizer")


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    return _regularizer(scale_l1, "l1_l2_regularizer")
