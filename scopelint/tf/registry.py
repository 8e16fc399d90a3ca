"""Which TensorFlow names are modelled as source, and where: the one table both drivers read.

A model is a module under scopelint/tf/models/, written as TF1-style Python over the scope
intrinsics (`import tensorflow as tf`). The reference runtime executes it; the analysis
interprets it like the program's own code. Keys are canonical public names, as
`scopelint.analysis.tf_api.canonical` spells them (`tensorflow.compat.v1.layers.dense` and
`tensorflow.layers.dense` are one key); internal module paths that export the same objects
map onto them in `public_name`.
"""

from __future__ import annotations

import os
from typing import Dict, Optional, Tuple

MODELS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")

# namespace -> (model module, the names modelled there). In a complete namespace these are all
# the names TF exports, so `hasattr(tf.layers, name)` answers as TF does; in a partial one
# (PARTIAL) the other names keep the runtime's and the analysis's general treatment.
NAMESPACES: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "tensorflow.layers": ("layers", (
        "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "BatchNormalization", "Conv1D", "Conv2D",
        "Conv2DTranspose", "Conv3D", "Conv3DTranspose", "Dense", "Dropout", "Flatten", "InputSpec", "Layer",
        "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "SeparableConv1D", "SeparableConv2D", "average_pooling1d",
        "average_pooling2d", "average_pooling3d", "batch_normalization", "conv1d", "conv2d", "conv2d_transpose",
        "conv3d", "conv3d_transpose", "dense", "dropout", "flatten", "max_pooling1d", "max_pooling2d",
        "max_pooling3d", "separable_conv1d", "separable_conv2d",
    )),
    "tensorflow.nn.rnn_cell": ("rnn", (
        "BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell", "LSTMCell", "LSTMStateTuple",
        "MultiRNNCell", "RNNCell", "ResidualWrapper",
    )),
    "tensorflow.nn": ("rnn", (
        "dynamic_rnn", "bidirectional_dynamic_rnn", "static_rnn", "static_bidirectional_rnn",
    )),
    "tensorflow.train": ("train", (
        "Optimizer", "GradientDescentOptimizer", "AdamOptimizer", "MomentumOptimizer", "RMSPropOptimizer",
        "AdagradOptimizer", "ProximalAdagradOptimizer", "AdadeltaOptimizer", "FtrlOptimizer", "get_global_step",
        "create_global_step", "get_or_create_global_step",
    )),
}
PARTIAL = {"tensorflow.train", "tensorflow.nn"}

# Internal module paths (after `tensorflow.`) whose public objects are a namespace's.
_INTERNAL_PREFIXES = {
    "python.layers.": "tensorflow.layers",
    "python.keras.legacy_tf_layers.": "tensorflow.layers",
    "python.training.": "tensorflow.train",
    "python.ops.rnn_cell_impl.": "tensorflow.nn.rnn_cell",
    "python.ops.rnn_cell.": "tensorflow.nn.rnn_cell",
    "python.ops.rnn.": "tensorflow.nn",
    "contrib.rnn.": "tensorflow.nn.rnn_cell",
    "contrib.rnn.python.ops.rnn_cell.": "tensorflow.nn.rnn_cell",
    "contrib.rnn.python.ops.core_rnn_cell.": "tensorflow.nn.rnn_cell",
}

# Modules that are other names for modelled namespaces (the runtime serves them from those).
ALIAS_MODULES: Dict[str, Tuple[str, ...]] = {
    "tensorflow.contrib.rnn": ("tensorflow.nn.rnn_cell", "tensorflow.nn"),
    "tensorflow.python.ops.rnn_cell": ("tensorflow.nn.rnn_cell",),
    "tensorflow.python.ops.rnn_cell_impl": ("tensorflow.nn.rnn_cell",),
    "tensorflow.python.ops.rnn": ("tensorflow.nn",),
}

REGISTRY: Dict[str, Tuple[str, str]] = {
    namespace + "." + name: (module, name)
    for namespace, (module, names) in NAMESPACES.items() for name in names
}


def public_name(qualname: str) -> str:
    """`tensorflow.python.layers.core.dense` -> `tensorflow.layers.dense` (canonical spelling)."""
    rest = qualname[len("tensorflow."):] if qualname.startswith("tensorflow.") else None
    if rest is None:
        return qualname
    for prefix, namespace in _INTERNAL_PREFIXES.items():
        if rest.startswith(prefix):
            last = rest.rsplit(".", 1)[-1]
            for candidate in (namespace + "." + last, "tensorflow.nn." + last):  # contrib.rnn has both
                if candidate in REGISTRY:
                    return candidate
    return qualname


def lookup(qualname: str) -> Optional[Tuple[str, str]]:
    """(model module, attribute) for a canonical TF name that is modelled as source, else None."""
    return REGISTRY.get(public_name(qualname))


def is_model_namespace(qualname: str) -> bool:
    return qualname in NAMESPACES and qualname not in PARTIAL


def model_path(module: str) -> str:
    return os.path.join(MODELS_DIR, module + ".py")
