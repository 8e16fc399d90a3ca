"""`tf.nn` of the reference runtime: activations, convolutions and pools with static shapes."""

from __future__ import annotations

import collections
from typing import Any, Callable

from scopelint.semantics.dtypes import BOOL, FLOAT32, INT32, as_dtype
from scopelint.semantics.shapes import LOST, TensorShape
from scopelint.runtime.tensors import (
    Tensor, conv_output, dtype_of, int_constant, op_name, reduced_dims, shape_from_argument, shape_of, spatial,
)


def _same_shape(default: str) -> Callable[..., Tensor]:
    def make(features: Any, *args: Any, name: Any = None, **kwargs: Any) -> Tensor:
        return Tensor(shape_of(features), dtype_of(features), op_name(default, name), default)

    make.__name__ = default
    make.keeps_shape = True  # type: ignore[attr-defined]  # (the analysis keeps a lost input's known shape)
    return make


for _name, _type in (("relu", "Relu"), ("relu6", "Relu6"), ("elu", "Elu"), ("selu", "Selu"),
                     ("leaky_relu", "LeakyRelu"), ("sigmoid", "Sigmoid"), ("tanh", "Tanh"),
                     ("softmax", "Softmax"), ("log_softmax", "LogSoftmax"), ("softplus", "Softplus"),
                     ("softsign", "Softsign"), ("dropout", "dropout"), ("l2_normalize", "l2_normalize"),
                     ("bias_add", "BiasAdd"), ("local_response_normalization", "LRN"), ("lrn", "LRN"),
                     ("batch_normalization", "batchnorm"), ("crelu", "CRelu"), ("swish", "swish"),
                     ("gelu", "Gelu")):
    globals()[_name] = _same_shape(_type)
    globals()[_name].__name__ = _name  # TF's own (`tf.nn.sigmoid.__name__`, a config's activation)


def leaky_relu(features: Any, alpha: Any = 0.2, name: Any = None) -> Tensor:
    """tf.nn.leaky_relu casts integer features to float32 first."""
    dtype = dtype_of(features)
    return Tensor(shape_of(features), FLOAT32 if dtype.is_integer else dtype, op_name("LeakyRelu", name), "LeakyRelu")


def _loss(default: str) -> Callable[..., Tensor]:
    def make(*args: Any, name: Any = None, **kwargs: Any) -> Tensor:
        logits = kwargs.get("logits", args[1] if len(args) > 1 else args[0] if args else None)
        # the class axis (TF 1's `dim`, later `axis`) is reduced, the last one by default
        axis = kwargs.get("axis", kwargs.get("dim", -1))
        out = reduced_dims(shape_of(logits), axis, False) if shape_of(logits).dims_tuple else None
        return Tensor(out, dtype_of(logits), op_name(default, name), default)

    make.__name__ = default
    return make


for _name in ("softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
              "sparse_softmax_cross_entropy_with_logits"):
    globals()[_name] = _loss(_name)


def sigmoid_cross_entropy_with_logits(_sentinel: Any = None, labels: Any = None, logits: Any = None,
                                      name: Any = None) -> Tensor:
    return Tensor(shape_of(logits), dtype_of(logits), op_name("logistic_loss", name), "logistic_loss")


def weighted_cross_entropy_with_logits(labels: Any = None, logits: Any = None, pos_weight: Any = None,
                                       name: Any = None, targets: Any = None) -> Tensor:
    """Elementwise, as sigmoid_cross_entropy_with_logits (TF 1.x names its labels `targets`)."""
    return Tensor(shape_of(logits), dtype_of(logits), op_name("logistic_loss", name), "logistic_loss")


def l2_loss(t: Any, name: Any = None) -> Tensor:
    return Tensor([], dtype_of(t), op_name("L2Loss", name), "L2Loss")


def moments(x: Any, axes: Any, shift: Any = None, name: Any = None, keep_dims: Any = None,
            keepdims: Any = None) -> Any:
    out = reduced_dims(shape_of(x), axes, bool(keep_dims or keepdims))
    return (Tensor(out, dtype_of(x), op_name("moments", name), "Mean"), Tensor(out, dtype_of(x), "variance", "Mean"))


def fused_batch_norm(x: Any, scale: Any, offset: Any, mean: Any = None, variance: Any = None, epsilon: Any = 0.001,
                     data_format: Any = "NHWC", is_training: Any = True, name: Any = None,
                     exponential_avg_factor: Any = 1.0) -> Any:
    """(y shaped as x, the batch mean, the batch variance): the statistics are float32 vectors
    over x's channels (improved WGAN's tflib Batchnorm)."""
    dims = shape_of(x).dims_tuple
    channels = None
    if dims is not None and len(dims) == 4:
        channels = LOST if _layout_unknown(data_format) else dims[1] if _channels_first(data_format) else dims[3]
    scope = op_name("FusedBatchNorm", name)
    return (Tensor(shape_of(x), dtype_of(x), scope + "/FusedBatchNormV3", "FusedBatchNormV3"),
            Tensor([channels], FLOAT32, scope + "/FusedBatchNormV3:1", "FusedBatchNormV3"),
            Tensor([channels], FLOAT32, scope + "/FusedBatchNormV3:2", "FusedBatchNormV3"))


def _conv(input_shape: Any, kernel_spatial: Any, out_channels: Any, strides: Any, padding: Any,
          rank: int, dilations: Any = 1) -> Any:
    dims = input_shape.dims_tuple
    if dims is None or len(dims) != rank + 2:
        return None
    steps = spatial(strides, rank)
    rates = spatial(dilations if dilations is not None else 1, rank)
    pads = list(padding)[1:-1] if _explicit(padding, rank) else [padding] * rank
    out = [dims[0]]
    for i in range(rank):
        out.append(conv_output(dims[1 + i], kernel_spatial[i] if kernel_spatial else None, steps[i], pads[i], rates[i]))
    out.append(out_channels)
    return out


def _explicit(padding: Any, rank: int) -> bool:
    """Explicit padding: a (before, after) pair for each dimension of the input, batch and channels too."""
    return isinstance(padding, (list, tuple)) and len(padding) == rank + 2


def _channels_first(data_format: Any) -> bool:
    return isinstance(data_format, str) and data_format.startswith("NC")


def _layout_unknown(data_format: Any) -> bool:
    """A data format the analysis does not know (a string of unknown text: tensorpack's after `if
    tf.test.is_gpu_available()`): which dimension holds the channels is unknown, not NHWC's."""
    return data_format is not None and not isinstance(data_format, str)


def _formatted_conv(input_shape: Any, kernel_spatial: Any, out_channels: Any, strides: Any, padding: Any,
                    rank: int, dilations: Any, data_format: Any) -> Any:
    """_conv in either data format: NC... inputs are read and written channels-first."""
    if _layout_unknown(data_format):
        dims = input_shape.dims_tuple
        return None if dims is None or len(dims) != rank + 2 else [dims[0]] + [LOST] * (rank + 1)
    if not _channels_first(data_format):
        return _conv(input_shape, kernel_spatial, out_channels, strides, padding, rank, dilations)
    dims = input_shape.dims_tuple
    if dims is None or len(dims) != rank + 2:
        return None
    steps = strides if isinstance(strides, int) or strides is None or len(list(strides)) != rank + 2 \
        else list(strides)[2:]
    rates = dilations if dilations is None or isinstance(dilations, int) or len(list(dilations)) != rank + 2 \
        else list(dilations)[2:]
    if _explicit(padding, rank):
        padding = [padding[0]] + list(padding[2:]) + [padding[1]]  # read channels-last, as the input is
    last = _conv(TensorShape((dims[0],) + tuple(dims[2:]) + (dims[1],)), kernel_spatial, out_channels,
                 steps if steps is not None else 1, padding, rank, rates)
    return None if last is None else [last[0], last[-1]] + last[1:-1]


def convolution(input: Any = None, filter: Any = None, padding: Any = None, strides: Any = None,  # noqa: A002
                dilation_rate: Any = None, name: Any = None, data_format: Any = None, filters: Any = None,
                dilations: Any = None) -> Tensor:
    """tf.nn.convolution: N-d by the kernel's rank, in either data format. TF 1's parameters come
    padding first; TF 2's `convolution(input, filters, strides, padding)` is read too (a stride
    where the padding goes)."""
    explicit = isinstance(padding, (list, tuple)) and all(isinstance(pair, (list, tuple)) for pair in padding)
    if padding is not None and not isinstance(padding, str) and not explicit:
        padding, strides = (strides if strides is not None else "VALID"), padding
    kernel = shape_of(filters if filters is not None else filter).dims_tuple
    rank = len(kernel) - 2 if kernel else None
    out = None
    if rank is not None and rank > 0:
        out = _formatted_conv(shape_of(input), kernel[:rank], kernel[-1], strides if strides is not None else 1,
                              padding, rank, dilations if dilations is not None else dilation_rate, data_format)
    return Tensor(out, dtype_of(input), op_name("convolution", name), "Conv%dD" % (rank or 2))


def separable_conv2d(input: Any, depthwise_filter: Any, pointwise_filter: Any, strides: Any, padding: Any,  # noqa: A002
                     rate: Any = None, name: Any = None, data_format: Any = None, dilations: Any = None) -> Tensor:
    depthwise = shape_of(depthwise_filter).dims_tuple
    pointwise = shape_of(pointwise_filter).dims_tuple
    out = _formatted_conv(shape_of(input), depthwise[:2] if depthwise else None, pointwise[3] if pointwise else None,
                          strides, padding, 2, dilations if dilations is not None else rate, data_format)
    return Tensor(out, dtype_of(input), op_name("separable_conv2d", name), "Conv2D")


def conv2d(input: Any = None, filter: Any = None, strides: Any = None, padding: Any = None,  # noqa: A002
           use_cudnn_on_gpu: bool = True, data_format: str = "NHWC", dilations: Any = None, name: Any = None,
           filters: Any = None) -> Tensor:
    kernel = shape_of(filter if filter is not None else filters).dims_tuple
    out = _formatted_conv(shape_of(input), kernel[:2] if kernel else None, kernel[3] if kernel else None, strides,
                          padding, 2, dilations, data_format)
    return Tensor(out, dtype_of(input), op_name("Conv2D", name), "Conv2D")


def atrous_conv2d(value: Any = None, filters: Any = None, rate: Any = None, padding: Any = None,
                  name: Any = None) -> Tensor:
    """tf.nn.atrous_conv2d (deeplab-resnet's dilated blocks): a stride-1 convolution whose
    kernel taps are `rate` apart."""
    kernel = shape_of(filters).dims_tuple
    out = _conv(shape_of(value), kernel[:2] if kernel else None, kernel[3] if kernel else None, 1, padding, 2,
                rate)
    return Tensor(out, dtype_of(value), op_name("convolution", name), "Conv2D")


def conv1d(value: Any = None, filters: Any = None, stride: Any = 1, padding: Any = "SAME", use_cudnn_on_gpu: Any = None,
           data_format: Any = None, name: Any = None, input: Any = None, dilations: Any = None) -> Tensor:  # noqa: A002
    """tf.nn.conv1d: a 2-D convolution of height 1, in NWC or NCW."""
    kernel = shape_of(filters).dims_tuple
    out = _formatted_conv(shape_of(value if value is not None else input), kernel[:1] if kernel else None,
                          kernel[2] if kernel else None, stride, padding, 1, dilations, data_format)
    return Tensor(out, dtype_of(value if value is not None else input), op_name("conv1d", name), "Conv2D")


def conv3d(input: Any, filter: Any, strides: Any, padding: Any, name: Any = None,  # noqa: A002
           **kwargs: Any) -> Tensor:
    kernel = shape_of(filter).dims_tuple
    out = _conv(shape_of(input), kernel[:3] if kernel else None, kernel[4] if kernel else None, strides, padding, 3)
    return Tensor(out, dtype_of(input), op_name("Conv3D", name), "Conv3D")


def depthwise_conv2d(input: Any, filter: Any, strides: Any, padding: Any,  # noqa: A002
                     rate: Any = None, name: Any = None, data_format: Any = None, dilations: Any = None) -> Tensor:
    kernel = shape_of(filter).dims_tuple
    channels = kernel[2] * kernel[3] if kernel and kernel[2] is not None and kernel[3] is not None else None
    out = _formatted_conv(shape_of(input), kernel[:2] if kernel else None, channels, strides, padding, 2,
                          dilations if dilations is not None else rate, data_format)
    return Tensor(out, dtype_of(input), op_name("depthwise", name), "DepthwiseConv2dNative")


def conv2d_transpose(value: Any = None, filter: Any = None, output_shape: Any = None, strides: Any = None,  # noqa: A002
                     padding: str = "SAME", data_format: str = "NHWC", name: Any = None, **kwargs: Any) -> Tensor:
    value = value if value is not None else kwargs.get("input")
    return Tensor(_backprop_input_shape(value, output_shape), dtype_of(value), op_name("conv2d_transpose", name),
                  "Conv2DBackpropInput")


def _backprop_input_shape(value: Any, output_shape: Any) -> Any:
    """Conv2DBackpropInput's static shape in TF 2.x: output_shape's, but with the batch dimension
    of the input (out_backprop), in either data format. TF 1.x took all of output_shape, so
    carpedm20/DCGAN-tensorflow's generator, fed a z of shape [None, z_dim], fails in TF 2.21 at
    its `tf.reshape(deconv, deconv.get_shape())` (tests/fixtures/shapes/conv2d_transpose_batch.py).
    conv3d_transpose's Conv3DBackpropInputV2 keeps output_shape's."""
    shape = shape_from_argument(output_shape)
    dims = shape if isinstance(shape, list) else shape.dims_tuple if isinstance(shape, TensorShape) else None
    if not dims or value is None:
        return shape
    measured = shape_of(value)
    if not isinstance(measured, TensorShape):
        batch: Any = LOST  # (the analysis lost the input's shape)
    else:
        batch = measured.dims_tuple[0] if measured.dims_tuple else None
    return [batch] + list(dims)[1:]


def conv1d_transpose(input: Any = None, filters: Any = None, output_shape: Any = None,  # noqa: A002
                     strides: Any = None, padding: str = "SAME", data_format: str = "NWC", dilations: Any = None,
                     name: Any = None) -> Tensor:
    return Tensor(_backprop_input_shape(input, output_shape), dtype_of(input), op_name("conv1d_transpose", name),
                  "Conv2DBackpropInput")


def conv3d_transpose(value: Any = None, filter: Any = None, output_shape: Any = None,  # noqa: A002
                     strides: Any = None, padding: str = "SAME", data_format: str = "NDHWC", name: Any = None,
                     **kwargs: Any) -> Tensor:
    return Tensor(shape_from_argument(output_shape), dtype_of(value), op_name("conv3d_transpose", name),
                  "Conv3DBackpropInputV2")


def _pool(default: str) -> Callable[..., Tensor]:
    def make(value: Any = None, ksize: Any = None, strides: Any = None, padding: Any = None,
             data_format: str = "NHWC", name: Any = None, input: Any = None) -> Tensor:  # noqa: A002
        value = value if value is not None else input
        dims = shape_of(value).dims_tuple
        out = None
        if dims is not None and len(dims) >= 3:
            rank = len(dims) - 2
            first = _channels_first(data_format)
            window = ksize if isinstance(ksize, int) or len(list(ksize)) != rank + 2 else \
                (list(ksize)[2:] if first else list(ksize)[1:-1])
            out = _formatted_conv(shape_of(value), list(spatial(window, rank)), dims[1] if first else dims[-1],
                                  strides, padding, rank, None, data_format)
        return Tensor(out, dtype_of(value), op_name(default, name), default)

    make.__name__ = default
    return make


def pool(input: Any, window_shape: Any, pooling_type: Any, padding: Any, dilation_rate: Any = None,  # noqa: A002
         strides: Any = None, name: Any = None, data_format: Any = None, dilations: Any = None) -> Tensor:
    """tf.nn.pool: an N-d max or average pool over `window_shape` (the input's rank less two)."""
    dims = shape_of(input).dims_tuple
    out = None
    if dims is not None and len(dims) >= 3:
        channels = dims[1] if _channels_first(data_format) else dims[-1]
        out = _formatted_conv(shape_of(input), list(window_shape), channels, strides if strides is not None else 1,
                              padding, len(dims) - 2, dilations if dilations is not None else dilation_rate,
                              data_format)
    return Tensor(out, dtype_of(input), op_name(str(pooling_type).lower() + "_pool", name), "MaxPool")


def max_pool_with_argmax(input: Any, ksize: Any, strides: Any, padding: Any, data_format: Any = "NHWC",  # noqa: A002
                         Targmax: Any = None, name: Any = None, output_dtype: Any = None,  # noqa: N803 - TF's name
                         include_batch_in_index: bool = False) -> Any:
    """The max pool and, shaped as it, the int64 indices of each maximum: one MaxPoolWithArgmax op."""
    pooled = _pool("MaxPoolWithArgmax")(input, ksize, strides, padding, data_format=data_format, name=name)
    indices = Tensor(shape_of(pooled), as_dtype(output_dtype or Targmax or "int64"))
    indices.op, indices.name = pooled.op, pooled.op.name + ":1"
    return _MaxPoolWithArgmax(pooled, indices)


_MaxPoolWithArgmax = collections.namedtuple("MaxPoolWithArgmax", ["output", "argmax"])
max_pool = _pool("MaxPool")
avg_pool = _pool("AvgPool")
max_pool2d = max_pool
avg_pool2d = avg_pool
max_pool1d = max_pool
avg_pool1d = avg_pool
max_pool3d = _pool("MaxPool3D")
avg_pool3d = _pool("AvgPool3D")


def embedding_lookup(params: Any, ids: Any, partition_strategy: str = "mod", name: Any = None,
                     **kwargs: Any) -> Tensor:
    p = shape_of(params if not isinstance(params, (list, tuple)) else params[0]).dims_tuple
    i = shape_of(ids).dims_tuple
    out = list(i) + list(p[1:]) if p is not None and i is not None else None
    return Tensor(out, dtype_of(params if not isinstance(params, (list, tuple)) else params[0]),
                  op_name("embedding_lookup", name), "GatherV2")


embedding_lookup.gathers_from = (0, "params")  # type: ignore[attr-defined]


def _xw_shape(x: Any, weights: Any) -> Any:
    """The shape of `x @ weights` for 2-D operands (None where either rank is not 2)."""
    x_dims, w_dims = shape_of(x).dims_tuple, shape_of(weights).dims_tuple
    return [x_dims[0], w_dims[1]] if x_dims and w_dims and len(x_dims) == 2 and len(w_dims) == 2 else None


def xw_plus_b(x: Any, weights: Any, biases: Any, name: Any = None) -> Tensor:
    return Tensor(_xw_shape(x, weights), dtype_of(x), op_name("xw_plus_b", name), "BiasAdd")


def relu_layer(x: Any, weights: Any, biases: Any, name: Any = None) -> Tensor:
    """relu(x @ weights + biases), as tf.nn.relu_layer computes it (caffe-tensorflow's fc)."""
    return Tensor(_xw_shape(x, weights), dtype_of(x), op_name("relu_layer", name), "Relu")


def in_top_k(predictions: Any, targets: Any, k: Any, name: Any = None) -> Tensor:
    """Whether each target is among the k largest predictions of its row: bool, one a row."""
    dims = shape_of(predictions).dims_tuple
    return Tensor([dims[0]] if dims else None, BOOL, op_name("in_top_k", name), "InTopKV2")


_TopKV2 = collections.namedtuple("TopKV2", ["values", "indices"])


def top_k(input: Any, k: Any = 1, sorted: bool = True, name: Any = None) -> Any:  # noqa: A002 - TF's names
    """The k largest entries of each row of the last dimension, and their int32 indices: both the
    input's shape with k last (ALBERT's SQuAD head sizes its end-logit beam so); one TopKV2 op."""
    dims = shape_of(input).dims_tuple
    count = int_constant(k)  # an int, or a scalar TF folds (`tf.constant(4)`)
    out = list(dims[:-1]) + [count if isinstance(count, int) or count is LOST else None] if dims else None
    values = Tensor(out, dtype_of(input), op_name("TopKV2", name), "TopKV2")
    indices = Tensor(out, INT32)
    indices.op, indices.name = values.op, values.op.name + ":1"
    return _TopKV2(values, indices)


def _track_ops() -> None:
    from scopelint.runtime.dependencies import track_module

    track_module(globals(), skip=())


_track_ops()
