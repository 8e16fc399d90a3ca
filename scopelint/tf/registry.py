"""Which TensorFlow names are modelled as source, and where: the one table both drivers read.

A model is a module under scopelint/tf/models/, written as TF1-style Python over the scope
intrinsics (`import tensorflow as tf`). The reference runtime executes it; the analysis
interprets it like the program's own code. Keys are canonical public names, as
`scopelint.analysis.tf_api.canonical` spells them (`tensorflow.compat.v1.layers.dense` and
`tensorflow.layers.dense` are one key); internal module paths that export the same objects
map onto them in `public_name`.
"""

from __future__ import annotations

import functools
import json
import os
from typing import Any, Dict, FrozenSet, Optional, Sequence, Tuple

MODELS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")

# namespace -> ((model module, the names modelled there), ...). In a complete namespace these are all
# the names TF exports, so `hasattr(tf.layers, name)` answers as TF does; in a partial one
# (PARTIAL) the other names keep the runtime's and the analysis's general treatment.
_SLIM_LOSSES = (
    "add_loss", "get_losses", "get_regularization_losses", "get_total_loss", "compute_weighted_loss",
    "softmax_cross_entropy", "sparse_softmax_cross_entropy", "sigmoid_cross_entropy", "absolute_difference",
    "mean_squared_error",
)
_SLIM_UTILS = ("append_tensor_alias", "collect_named_outputs", "last_dimension", "convert_collection_to_dict")

# TF 1.x's public namespaces by the internal modules that hold them: `from tensorflow.python.platform
# import flags` is tf.flags (tf.app.flags), as projects of TF 1.4's time import it (attention_ocr's
# common_flags.py) and as tf_slim's training.py imports summary, in both drivers
PLATFORM_MODULES = {"tensorflow.python.platform.flags": "tensorflow.flags",
                    "tensorflow.python.platform.app": "tensorflow.app",
                    "tensorflow.python.platform.tf_logging": "tensorflow.logging",
                    "tensorflow.python.summary.summary": "tensorflow.summary"}

NAMESPACES: Dict[str, Tuple[Tuple[str, Tuple[str, ...]], ...]] = {
    "tensorflow": (("control_flow", ("cond", "case", "while_loop", "map_fn", "scan", "foldl", "foldr",
                                     "TensorArray")),
                   ("template", ("make_template",)),
                   ("queues", ("FIFOQueue", "PaddingFIFOQueue", "QueueBase", "RandomShuffleQueue", "ReaderBase",
                               "WholeFileReader", "TextLineReader", "TFRecordReader", "FixedLengthRecordReader",
                               "IdentityReader", "LMDBReader")),
                   ("image", ("read_file", "random_crop")),
                   ("tensor_spec", ("TensorSpec",)),
                   ("custom_gradient", ("custom_gradient", "RegisterGradient")),
                   ("strings", ("string_split",))),
    "tensorflow.layers": (("layers", (
        "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "BatchNormalization", "Conv1D", "Conv2D",
        "Conv2DTranspose", "Conv3D", "Conv3DTranspose", "Dense", "Dropout", "Flatten", "InputSpec", "Layer",
        "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "SeparableConv1D", "SeparableConv2D", "average_pooling1d",
        "average_pooling2d", "average_pooling3d", "batch_normalization", "conv1d", "conv2d", "conv2d_transpose",
        "conv3d", "conv3d_transpose", "dense", "dropout", "flatten", "max_pooling1d", "max_pooling2d",
        "max_pooling3d", "separable_conv1d", "separable_conv2d",
    )),),
    "tensorflow.nn.rnn_cell": (("rnn", (
        "BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell", "LSTMCell", "LSTMStateTuple",
        "MultiRNNCell", "RNNCell", "ResidualWrapper",
    )),),
    # rnn_cell_impl's own helpers, which cells and decoders of the program's call (Tacotron-2):
    # not tf.nn.rnn_cell's (the rest of the module is, ALIAS_MODULES)
    **{module: (("rnn", ("_zero_state_tensors", "assert_like_rnncell")),) for module in (
        "tensorflow.python.ops.rnn_cell_impl", "tensorflow.python.ops.rnn.rnn_cell_impl")},
    "tensorflow.nn": (("rnn", (
        "dynamic_rnn", "bidirectional_dynamic_rnn", "static_rnn", "static_bidirectional_rnn",
    )),),
    "tf_slim": (("slim", (
        "arg_scope", "add_arg_scope", "current_arg_scope", "has_arg_scope", "arg_scope_func_key", "variable",
        "model_variable", "add_model_variable", "get_variables", "get_model_variables", "get_trainable_variables",
        "get_local_variables",
        "get_variables_to_restore", "get_or_create_global_step", "get_global_step", "convolution", "convolution1d",
        "convolution2d", "convolution3d", "conv1d", "conv2d", "conv3d", "fully_connected", "linear", "batch_norm",
        "bias_add", "separable_convolution2d", "separable_conv2d", "convolution2d_in_plane", "conv2d_in_plane",
        "convolution2d_transpose", "conv2d_transpose",
        "layer_norm", "instance_norm", "max_pool2d", "avg_pool2d", "dropout", "flatten", "softmax", "one_hot_encoding",
        "spatial_softmax", "repeat",
        "stack", "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer",
        "l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "create_global_step",
        "optimize_loss", "OPTIMIZER_CLS_NAMES", "OPTIMIZER_SUMMARIES",
    )),),
    "tensorflow.keras.layers": (("keras", (
        "Layer", "Dense", "Conv1D", "Conv2D", "Conv3D", "BatchNormalization", "Embedding", "Flatten", "Dropout",
        "Activation", "MaxPooling2D", "AveragePooling2D", "MaxPool2D", "AvgPool2D", "Input", "LSTM", "GRU",
        "SimpleRNN", "LeakyReLU", "ReLU", "ELU", "Softmax", "ThresholdedReLU", "PReLU",
        "Conv2DTranspose", "Convolution2DTranspose", "MaxPooling1D", "AveragePooling1D", "MaxPool1D", "AvgPool1D",
        "GlobalAveragePooling1D", "GlobalMaxPooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
        "GlobalAvgPool1D", "GlobalMaxPool1D", "GlobalAvgPool2D", "GlobalMaxPool2D", "Reshape", "UpSampling2D",
        "ZeroPadding2D", "Cropping2D", "Permute", "RepeatVector", "Lambda", "Add", "Subtract", "Multiply", "Average",
        "Maximum", "Minimum", "Concatenate",
        "add", "subtract", "multiply", "average", "maximum", "minimum", "concatenate",
        "UpSampling1D", "ZeroPadding1D", "Cropping1D",
        "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout",
        "AlphaDropout", "Masking", "ActivityRegularization",
        "TimeDistributed", "Bidirectional",
        "Conv3DTranspose", "Convolution3DTranspose", "SeparableConv1D", "SeparableConv2D", "SeparableConvolution1D",
        "SeparableConvolution2D", "DepthwiseConv2D", "MaxPooling3D", "AveragePooling3D", "MaxPool3D", "AvgPool3D",
        "GlobalAveragePooling3D", "GlobalMaxPooling3D", "GlobalAvgPool3D", "GlobalMaxPool3D", "UpSampling3D",
        "ZeroPadding3D", "Cropping3D", "LayerNormalization", "Attention",
        "AdditiveAttention", "RNN", "LSTMCell", "GRUCell", "SimpleRNNCell", "StackedRNNCells",
        "DepthwiseConv1D", "Conv1DTranspose", "Convolution1DTranspose", "CuDNNLSTM", "CuDNNGRU", "ConvLSTM2D",
        "Wrapper",
        "enable_v2_dtype_behavior",
    )),),
    "tensorflow.keras": (("keras", ("Sequential", "Model", "Input")),),
    "tensorflow.keras.models": (("keras", ("Sequential", "Model")),),
    "tensorflow.keras.regularizers": (("keras", ("Regularizer", "L1L2", "L1", "L2", "l1", "l2", "l1_l2")),),
    "tensorflow.keras.backend": (("keras_backend", (
        "int_shape", "ndim", "shape", "epsilon", "floatx", "image_data_format", "cast", "concatenate", "stack",
        "reshape", "permute_dimensions", "expand_dims", "squeeze", "flatten", "tile", "transpose", "gather",
        "one_hot", "sum", "mean", "max", "min", "prod", "argmax", "square", "sqrt", "exp", "log", "abs", "pow",
        "clip", "maximum", "minimum", "sigmoid", "tanh", "softmax", "relu", "l2_normalize", "bias_add",
        "stop_gradient", "dot", "placeholder", "elu", "softplus", "softsign",
    )),),
    "tensorflow.keras.activations": (("keras_backend", (
        "relu", "sigmoid", "tanh", "softmax", "elu", "softplus", "softsign", "selu", "swish", "linear",
    )),),
    "tensorflow.train": (("queues", (
        "batch", "batch_join", "shuffle_batch", "shuffle_batch_join", "limit_epochs", "input_producer",
        "string_input_producer", "range_input_producer", "slice_input_producer",
    )), ("train", (
        "Optimizer", "GradientDescentOptimizer", "AdamOptimizer", "MomentumOptimizer", "RMSPropOptimizer",
        "AdagradOptimizer", "ProximalAdagradOptimizer", "AdadeltaOptimizer", "FtrlOptimizer", "get_global_step",
        "ExponentialMovingAverage",
        "create_global_step", "get_or_create_global_step",
        "exponential_decay", "inverse_time_decay", "natural_exp_decay", "polynomial_decay", "cosine_decay",
        "piecewise_constant",
    )),),
    "tensorflow.python.training.moving_averages": (("train", ("assign_moving_average", "ExponentialMovingAverage")),),
    "tensorflow.contrib.legacy_seq2seq": (("seq2seq", (
        "rnn_decoder", "attention_decoder", "sequence_loss_by_example", "sequence_loss")),),
    "tensorflow.estimator": (("estimator", ("ModeKeys",)),),
    "tensorflow.losses": (("losses", (
        "Reduction", "add_loss", "get_losses", "get_regularization_losses", "get_regularization_loss",
        "get_total_loss", "compute_weighted_loss", "sparse_softmax_cross_entropy", "softmax_cross_entropy",
        "sigmoid_cross_entropy", "mean_squared_error", "absolute_difference", "huber_loss",
    )),),
    # TF1's streaming metrics (the `_at_k` ones keep the general treatment)
    "tensorflow.metrics": (("metrics", (
        "mean", "mean_tensor", "accuracy", "mean_absolute_error", "mean_squared_error", "root_mean_squared_error",
        "mean_relative_error", "mean_cosine_distance", "percentage_below", "mean_per_class_accuracy", "mean_iou",
        "true_positives", "false_negatives", "false_positives", "true_negatives", "precision", "recall",
        "true_positives_at_thresholds", "false_negatives_at_thresholds", "true_negatives_at_thresholds",
        "false_positives_at_thresholds", "precision_at_thresholds", "recall_at_thresholds", "auc",
        "sensitivity_at_specificity", "specificity_at_sensitivity",
    )),),
    "tensorflow.queue": (("queues", ("FIFOQueue", "PaddingFIFOQueue", "QueueBase", "RandomShuffleQueue")),),
    # tf_slim's legacy losses, its layers' utils and its Dataset container (slim.losses,
    # slim.utils, slim.dataset in TF-slim's image classification scripts), by tf_slim's names and
    # by contrib's
    **{namespace: (("slim_extras", _SLIM_LOSSES),) for namespace in (
        "tf_slim.losses", "tensorflow.contrib.slim.losses", "tensorflow.contrib.losses")},
    **{namespace: (("slim_extras", _SLIM_UTILS),) for namespace in (
        "tf_slim.layers.utils", "tf_slim.utils", "tensorflow.contrib.slim.utils")},
    **{namespace: (("slim_extras", ("Dataset",)),) for namespace in (
        "tf_slim.data.dataset", "tf_slim.dataset", "tensorflow.contrib.slim.dataset")},
    **{namespace: (("slim_extras", ("prefetch_queue",)),) for namespace in (
        "tf_slim.data.prefetch_queue", "tf_slim.prefetch_queue", "tensorflow.contrib.slim.prefetch_queue")},
    **{namespace: (("slim_extras", ("tensor_description", "analyze_vars")),) for namespace in (
        "tf_slim.model_analyzer", "tensorflow.contrib.slim.model_analyzer",
        "tensorflow.contrib.slim.python.slim.model_analyzer")},
    # tf.nest, and TF 1.x's home of it with its older names (`nest.is_sequence`)
    "tensorflow.nest": (("nest", ("is_nested", "flatten", "pack_sequence_as", "map_structure",
                                  "assert_same_structure")),),
    "tensorflow.python.util.nest": (("nest", (
        "is_nested", "is_sequence", "is_nested_or_composite", "is_sequence_or_composite", "flatten",
        "pack_sequence_as", "map_structure", "assert_same_structure")),),
    # TF's internal functions that libraries call at import time or as decorators (tensorpack)
    "tensorflow.python.tf2": (("tf_internals", ("enabled", "enable", "disable")),),
    "tensorflow.python.autograph.impl.api": (("tf_internals", ("do_not_convert",)),),
    "tensorflow.autograph.experimental": (("tf_internals", ("do_not_convert",)),),
    "tensorflow.python.util.deprecation": (("tf_internals", (
        "deprecated", "deprecated_args", "deprecated_arg_values", "silence")),),
    "tensorflow.python.framework.test_util": (("tf_internals", ("InstallStackTraceHandler",)),),
    # contrib's add_arg_scope, as libraries vendor it (tflearn's vendor/arg_scope.py)
    "tensorflow.python.util.tf_decorator": (("tf_decorator", ("TFDecorator", "make_decorator", "unwrap")),),
    "tensorflow.data": (("data", (
        "Dataset", "TextLineDataset", "TFRecordDataset", "FixedLengthRecordDataset", "Iterator",
        "make_one_shot_iterator", "make_initializable_iterator", "get_output_shapes", "get_output_types",
    )),),
    "tensorflow.data.experimental": (("data", (
        "AUTOTUNE", "map_and_batch", "shuffle_and_repeat", "prefetch_to_device", "copy_to_device", "ignore_errors",
        "unbatch", "parallel_interleave", "group_by_window",
    )),),
    "tensorflow.image": (("image", (
        "decode_jpeg", "decode_png", "decode_bmp", "resize_images", "resize", "resize_bilinear", "resize_bicubic",
        "resize_area", "resize_nearest_neighbor", "resize_image_with_crop_or_pad", "resize_with_crop_or_pad",
        "decode_image", "ResizeMethod",
        "crop_to_bounding_box", "crop_and_resize", "non_max_suppression", "pad_to_bounding_box",
        "random_flip_left_right", "random_flip_up_down",
        "flip_left_right", "flip_up_down", "random_brightness", "random_contrast", "random_hue",
        "random_saturation", "adjust_brightness", "adjust_contrast", "per_image_standardization",
        "convert_image_dtype", "rgb_to_grayscale", "grayscale_to_rgb", "random_crop", "sample_distorted_bounding_box",
    )),),
    "tensorflow.io": (("image", ("read_file", "decode_jpeg", "decode_png", "decode_bmp")),),
    "tensorflow.gfile": (("files", ("GFile", "Open", "FastGFile", "Exists", "IsDirectory", "Glob")),),
    "tensorflow.random": (("random_ops", ("categorical",)),),
    "tensorflow.io.gfile": (("files", ("GFile", "exists", "isdir", "glob")),),
    "tensorflow.resource_loader": (("files", ("get_data_files_path",)),),
    "tensorflow.contrib.training": (("hparams", ("HParams",)),),
    "tensorflow.contrib.learn": (("contrib_learn", ("ModeKeys",)),),
    "tensorflow.contrib.seq2seq": (("contrib_seq2seq", (
        "AttentionMechanism", "LuongAttention", "BahdanauAttention", "AttentionWrapperState", "AttentionWrapper",
        "hardmax", "Helper", "CustomHelper", "TrainingHelper", "ScheduledEmbeddingTrainingHelper",
        "GreedyEmbeddingHelper", "SampleEmbeddingHelper", "Decoder", "BasicDecoderOutput", "BasicDecoder",
        "dynamic_decode", "sequence_loss", "tile_batch", "BeamSearchDecoder", "BeamSearchDecoderState",
        "BeamSearchDecoderOutput", "FinalBeamSearchDecoderOutput",
    )),),
    # TF 1.x's vocabulary tables (nmt's `lookup_ops.index_table_from_tensor`), also contrib.lookup's
    "tensorflow.python.ops.lookup_ops": (("lookup", (
        "index_table_from_tensor", "index_table_from_file", "index_to_string_table_from_tensor",
        "index_to_string_table_from_file",
    )),),
    # TF 1.x's streaming metrics: tf.metrics' own, predictions first (adversarial_text's eval_graph)
    "tensorflow.contrib.metrics": (("metrics", (
        "streaming_accuracy", "streaming_mean", "streaming_mean_absolute_error", "streaming_mean_squared_error",
        "streaming_root_mean_squared_error", "streaming_precision", "streaming_recall", "streaming_mean_iou",
    )),),
    # TF 1.x's home of contrib.rnn's wrappers that make variables of their own
    "tensorflow.contrib.rnn.python.ops.core_rnn_cell": (("rnn", (
        "OutputProjectionWrapper", "InputProjectionWrapper", "EmbeddingWrapper",
    )),),
}
PARTIAL = {"tensorflow", "tensorflow.train", "tensorflow.nn", "tf_slim", "tensorflow.keras.layers", "tensorflow.keras",
           "tensorflow.keras.models", "tensorflow.keras.regularizers",
           "tensorflow.keras.backend", "tensorflow.keras.activations",
           "tensorflow.estimator", "tensorflow.losses", "tensorflow.metrics", "tensorflow.contrib.metrics",
           "tensorflow.queue",
           "tensorflow.contrib.legacy_seq2seq",
           "tensorflow.data", "tensorflow.data.experimental", "tensorflow.image", "tensorflow.io",
           "tensorflow.gfile", "tensorflow.io.gfile", "tensorflow.random", "tensorflow.resource_loader",
           "tensorflow.contrib.training", "tensorflow.contrib.learn", "tensorflow.contrib.seq2seq",
           "tensorflow.contrib.rnn.python.ops.core_rnn_cell", "tensorflow.python.ops.lookup_ops",
           "tensorflow.nest", "tensorflow.python.util.nest",
           "tensorflow.python.autograph.impl.api", "tensorflow.autograph.experimental",
           "tensorflow.python.util.deprecation", "tensorflow.python.framework.test_util",
           "tensorflow.python.training.moving_averages",
           "tensorflow.python.util.tf_decorator",
           # tf_slim's modules of which slim_extras models a few names (the rest is tf_slim's own)
           "tf_slim.losses", "tensorflow.contrib.slim.losses", "tensorflow.contrib.losses", "tf_slim.layers.utils",
           "tf_slim.utils", "tensorflow.contrib.slim.utils", "tf_slim.data.dataset", "tf_slim.dataset",
           "tensorflow.contrib.slim.dataset", "tf_slim.data.prefetch_queue", "tf_slim.prefetch_queue",
           "tensorflow.contrib.slim.prefetch_queue",
           # (analyze_ops, which walks the graph's every op, stays tf_slim's)
           "tf_slim.model_analyzer", "tensorflow.contrib.slim.model_analyzer",
           "tensorflow.contrib.slim.python.slim.model_analyzer"}
# Of those, the modules tf_slim has: its source is read where it is found (installed, or the project
# itself); the model stands in where it is not (tf_slim not installed, contrib's paths).
SOURCE_FIRST = frozenset({"tf_slim.losses", "tf_slim.layers.utils", "tf_slim.data.dataset",
                          "tf_slim.data.prefetch_queue"})

# Models that stand for TF files of the scope machinery (the oracle's SCOPE_FILES: template.py):
# a ValueError, TypeError or RuntimeError raised from them is a scope error (SL105), reported
# on the program's line, as TF's own is.
SCOPE_MODELS = frozenset({"template"})

# Internal module paths (after `tensorflow.`) whose public objects are a namespace's.
_INTERNAL_PREFIXES = {
    "python.ops.cond.": "tensorflow",
    "python.ops.control_flow_ops.": "tensorflow",
    "python.ops.control_flow_case.": "tensorflow",
    "python.ops.while_loop.": "tensorflow",
    "python.ops.map_fn.": "tensorflow",
    "python.ops.tensor_array_ops.": "tensorflow",  # Tacotron-2's `tensor_array_ops.TensorArray`
    "python.ops.functional_ops.": "tensorflow",
    "python.ops.template.": "tensorflow",
    "python.ops.custom_gradient.": "tensorflow",
    "python.framework.ops.": "tensorflow",  # `@ops.RegisterGradient(name)` (tf-dann's flip_gradient)
    "python.ops.data_flow_ops.": "tensorflow",  # facenet's `data_flow_ops.FIFOQueue`
    "python.ops.metrics_impl.": "tensorflow.metrics",
    "python.ops.metrics.": "tensorflow.metrics",
    "python.layers.": "tensorflow.layers",
    "python.keras.legacy_tf_layers.": "tensorflow.layers",
    "python.training.": "tensorflow.train",
    "python.keras.layers.": "tensorflow.keras.layers",
    "python.ops.rnn_cell_impl.": "tensorflow.nn.rnn_cell",
    "python.ops.rnn_cell.": "tensorflow.nn.rnn_cell",
    "python.ops.rnn.": "tensorflow.nn",
    "contrib.rnn.python.ops.rnn_cell.": "tensorflow.nn.rnn_cell",
    "contrib.rnn.python.ops.core_rnn_cell.": "tensorflow.nn.rnn_cell",
    "contrib.seq2seq.python.ops.": "tensorflow.contrib.seq2seq",  # attention_wrapper, helper, basic_decoder...
}

# Modules that are other names for modelled namespaces (the runtime serves them from those).
ALIAS_MODULES: Dict[str, Tuple[str, ...]] = {
    "tensorflow.contrib.rnn": ("tensorflow.nn.rnn_cell", "tensorflow.nn",
                               "tensorflow.contrib.rnn.python.ops.core_rnn_cell"),
    "tensorflow.python.ops.rnn_cell": ("tensorflow.nn.rnn_cell",),
    "tensorflow.python.ops.rnn_cell_impl": ("tensorflow.nn.rnn_cell",),
    "tensorflow.python.ops.rnn": ("tensorflow.nn",),
    # rnn.py's own import of rnn_cell_impl, which tflearn imports from it
    # (`from tensorflow.python.ops.rnn import rnn_cell_impl`)
    "tensorflow.python.ops.rnn.rnn_cell_impl": ("tensorflow.nn.rnn_cell",),
    "tensorflow.contrib.slim": ("tf_slim",),
    # contrib.layers' layers module, which slim's star-imports bind (`slim.layers.conv2d` in
    # tensorflow/models' video_prediction; tf_slim.layers is a package serving the same names)
    "tensorflow.contrib.slim.layers": ("tf_slim",),
    # TF 1.4-1.12's home of tf.data's transformations (and of batch_and_drop_remainder, modelled there)
    "tensorflow.contrib.data": ("tensorflow.data.experimental", "tensorflow.data"),
    "tensorflow.contrib.layers": ("tf_slim",),
    "tensorflow.contrib.framework": ("tf_slim",),
    "tensorflow.contrib.lookup": ("tensorflow.python.ops.lookup_ops",),
    # TF 1.x's home of nest (nmt's `tf.contrib.framework.nest.map_structure`)
    "tensorflow.contrib.framework.nest": ("tensorflow.python.util.nest",),
    "tensorflow.contrib.layers.python.layers.layers": ("tf_slim",),
    "tensorflow.contrib.layers.python.layers.initializers": ("tf_slim",),
    "tensorflow.contrib.layers.python.layers.regularizers": ("tf_slim",),
    "tensorflow.contrib.framework.python.ops": ("tf_slim",),
    "tensorflow.contrib.framework.python.ops.arg_scope": ("tf_slim",),
    "tensorflow.contrib.layers.python.layers": ("tf_slim",),
    "tensorflow.contrib.framework.python.ops.variables": ("tf_slim",),
    "tf_slim.layers": ("tf_slim",),
    "tf_slim.layers.layers": ("tf_slim",),
    "tf_slim.layers.initializers": ("tf_slim",),
    "tf_slim.layers.regularizers": ("tf_slim",),
    "tf_slim.ops": ("tf_slim",),
    "tf_slim.ops.arg_scope": ("tf_slim",),
    "tf_slim.ops.variables": ("tf_slim",),
}

# TF 1.x's paths into packages that live on outside TF: contrib's slim nets are tf_slim's
# (`from tensorflow.contrib.slim.python.slim.nets import resnet_v1`). The runtime serves them with
# that package's modules and the analysis reads its source, as for `tf_slim.nets`.
PACKAGE_ALIASES: Dict[str, str] = {
    "tensorflow.contrib.slim.nets": "tf_slim.nets",
    "tensorflow.contrib.slim.python.slim.nets": "tf_slim.nets",
    # contrib.slim's training and evaluation loops (attention_ocr's `slim.learning.create_train_op`)
    **{prefix + name: "tf_slim." + name
       for prefix in ("tensorflow.contrib.slim.", "tensorflow.contrib.slim.python.slim.")
       for name in ("learning", "evaluation", "summaries", "queues", "model_analyzer", "metrics")},
    # SSD-Tensorflow's custom_layers: `from tensorflow.contrib.layers.python.layers import utils`
    "tensorflow.contrib.layers.python.layers.utils": "tf_slim.layers.utils",
    # TF-slim's datasets decode TFRecords with slim.tfexample_decoder (data only: no variable)
    "tensorflow.contrib.slim.tfexample_decoder": "tf_slim.data.tfexample_decoder",
    "tensorflow.contrib.slim.python.slim.data.tfexample_decoder": "tf_slim.data.tfexample_decoder",
    "tf_slim.tfexample_decoder": "tf_slim.data.tfexample_decoder",
    # TF 1.4-1.x's home of Keras, the same modules as tf.keras (adversarial_text's `K = tf.contrib.keras`)
    "tensorflow.contrib.keras": "tensorflow.keras",
}


def is_internal_module(qualname: str) -> bool:
    """`tensorflow.python.ops.variable_scope` (a module), not one of its attributes: TF's internal
    packages hold modules (tf_slim's `from tensorflow.python.training import optimizer`)."""
    rest = qualname[len("tensorflow."):] if qualname.startswith("tensorflow.") else ""
    return rest.startswith("python") and rest.count(".") <= 2


@functools.lru_cache(maxsize=4096)  # asked at every import and module attribute read
def package_alias(qualname: str) -> Optional[str]:
    """`tensorflow.contrib.slim.nets.vgg` -> `tf_slim.nets.vgg`; None for other names."""
    name = qualname.replace("tensorflow.compat.v1.", "tensorflow.", 1)
    for alias, target in PACKAGE_ALIASES.items():
        if name == alias or name.startswith(alias + "."):
            return target + name[len(alias):]
    return None


# Names in a namespace that are another name of a function of tf (`tf.initializers.zeros` is
# `tf.zeros_initializer`): namespace -> {name: the tf function's name}.
SAME_AS: Dict[str, Dict[str, str]] = {
    "tensorflow.initializers": {
        "constant": "constant_initializer", "zeros": "zeros_initializer", "ones": "ones_initializer",
        "random_normal": "random_normal_initializer", "random_uniform": "random_uniform_initializer",
        "truncated_normal": "truncated_normal_initializer", "glorot_uniform": "glorot_uniform_initializer",
        "glorot_normal": "glorot_normal_initializer", "variance_scaling": "variance_scaling_initializer",
        "orthogonal": "orthogonal_initializer", "he_normal": "he_normal_initializer",
        "he_uniform": "he_uniform_initializer", "identity": "identity_initializer",
    },
    "tensorflow.random": {"normal": "random_normal", "uniform": "random_uniform",
                          "truncated_normal": "truncated_normal", "shuffle": "random_shuffle"},
    "tensorflow.linalg": {"det": "matrix_determinant", "inv": "matrix_inverse", "transpose": "matrix_transpose",
                          "diag": "matrix_diag", "diag_part": "matrix_diag_part", "set_diag": "matrix_set_diag",
                          "tensor_diag": "diag", "tensor_diag_part": "diag_part",
                          "band_part": "matrix_band_part"},
    "tensorflow.math": {"divide_no_nan": "div_no_nan"},
}

# Roots of non-TensorFlow packages that hold modelled names (the runtime serves them).
MODEL_ROOTS = ("tf_slim",)

# Constructors that finalize a graph (no op can be added to it afterwards), each with the
# position of its `graph` parameter (None: they finalize the default graph). supervisor.py
# ends Supervisor.__init__ with `graph.finalize()`; monitored_session.py's session creator
# finalizes the default graph when a MonitoredSession is made.
FINALIZES_GRAPH: Dict[str, Optional[int]] = {
    "train.Supervisor": 0, "train.MonitoredTrainingSession": None, "train.MonitoredSession": None,
    "train.SingularMonitoredSession": None,
}


def finalized_graph_argument(name: str, args: Sequence[Any], kwargs: Dict[str, Any]) -> Any:
    """The graph argument given to one of FINALIZES_GRAPH's constructors (`train.Supervisor`);
    None when it takes none, or none was given: then it finalizes the default graph."""
    position = FINALIZES_GRAPH[name]
    if position is None:
        return None
    return kwargs.get("graph", args[position] if len(args) > position else None)


REGISTRY: Dict[str, Tuple[str, str]] = {
    namespace + "." + name: (module, name)
    for namespace, groups in NAMESPACES.items() for module, names in groups for name in names
}


def public_name(qualname: str) -> str:
    """`tensorflow.python.layers.core.dense` -> `tensorflow.layers.dense` (canonical spelling)."""
    module, _, last = qualname.rpartition(".")
    for namespace in ALIAS_MODULES.get(module.replace("tensorflow.compat.v1.", "tensorflow.", 1), ()):
        if namespace + "." + last in REGISTRY:
            return namespace + "." + last
    rest = qualname[len("tensorflow."):] if qualname.startswith("tensorflow.") else None
    if rest is None:
        return qualname
    for prefix, namespace in _INTERNAL_PREFIXES.items():
        if rest.startswith(prefix):
            candidate = namespace + "." + rest.rsplit(".", 1)[-1]
            if candidate in REGISTRY:
                return candidate
    return qualname


def lookup(qualname: str) -> Optional[Tuple[str, str]]:
    """(model module, attribute) for a canonical TF name that is modelled as source, else None."""
    return REGISTRY.get(public_name(qualname))


def exports(namespace: str) -> FrozenSet[str]:
    """The names modelled in a namespace (all its names, unless it is PARTIAL)."""
    return frozenset(name for _, names in NAMESPACES[namespace] for name in names)


def is_model_namespace(qualname: str) -> bool:
    return qualname in NAMESPACES and qualname not in PARTIAL


@functools.lru_cache(maxsize=1)
def _tf_names() -> Dict[str, FrozenSet[str]]:
    """The public names of tf.compat.v1 and of its direct submodules, taken from TensorFlow 2.21
    (the same as TF 1.15's but for `contrib` and `estimator`, added back): `hasattr(tf, name)`
    answers from this, so `try: tf.image_summary except AttributeError:` fallbacks take TF1's
    path (tf_names.json)."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tf_names.json"), encoding="utf-8") as f:
        return {namespace: frozenset(names) for namespace, names in json.load(f).items()}


def tf_is_namespace(qualname: str) -> Optional[bool]:
    """Whether `tensorflow.summary.image` is a module (False: a function of tf.summary); None
    when the table does not cover the parent."""
    parent = qualname.rpartition(".")[0]
    if parent not in _tf_names():
        return None
    return qualname in _tf_names()["__namespaces__"] or qualname in NAMESPACES or qualname in ALIAS_MODULES


def tf_attribute_not_module(qualname: str) -> bool:
    """Whether `importlib.import_module(qualname)` raises ImportError for a name of TF's: one its
    table lists as a function or class of a namespace (`tensorflow.compat.v1.train.AdamOptimizer`),
    not a module. (TF's internal packages, `tensorflow.python`, are in no namespace's list.)"""
    public = "tensorflow" + qualname[len("tensorflow.compat.v1"):] \
        if qualname.startswith("tensorflow.compat.v1.") else qualname
    return tf_has(public) is True and tf_is_namespace(public) is False


def tf_names(namespace: str) -> Optional[FrozenSet[str]]:
    """The names of one of TF's namespaces (what `dir(tf)` lists), or None if not covered."""
    return _tf_names().get(namespace)


def tf_has(qualname: str) -> Optional[bool]:
    """Whether TF's namespace has this name (`tensorflow.concat_v2`: False); None when the
    namespace is not one the table covers."""
    if qualname in NAMESPACES or qualname in ALIAS_MODULES or qualname in PACKAGE_ALIASES:
        return True  # a namespace scopelint models (`hasattr(tf.contrib, "legacy_seq2seq")`)
    namespace, _, name = qualname.rpartition(".")
    names = _tf_names().get(namespace)
    if names is None:
        return None
    return name in names or qualname in REGISTRY


def model_path(module: str) -> str:
    return os.path.join(MODELS_DIR, module + ".py")


# Models import each other by this package's name (`from scopelint.tf.models import _common`):
# both drivers serve such an import with the model as they run it, never with a Python module.
MODELS_PACKAGE = "scopelint.tf.models"


def model_module(qualname: str) -> Optional[str]:
    """`scopelint.tf.models._common` -> `_common`, the model a model imports; else None."""
    package, _, module = qualname.rpartition(".")
    if package != MODELS_PACKAGE or not os.path.isfile(model_path(module)):
        return None
    return module


def is_scope_model_file(path: str) -> bool:
    """Whether `path` is the source of a model in SCOPE_MODELS."""
    return any(os.path.abspath(path) == model_path(module) for module in SCOPE_MODELS)
