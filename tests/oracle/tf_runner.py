"""Run fixtures under real TensorFlow (tf.compat.v1, graph mode, RefVariables) and print
what happened as JSON, in the schema `scopelint run` uses.

Usage: python tests/oracle/tf_runner.py FILE   (with a python that has tensorflow-cpu)
       python tests/oracle/tf_runner.py --serve   (paths on stdin, one JSON answer per line:
       TF is imported once for many programs; tests/tf_oracle.py drives it)

Variables created are seen by wrapping RefVariable.__init__ (get_variable, tf.Variable and
partition parts alike, in whichever graph the program uses); shares through the variable
store's two getters; each event's line is the innermost frame in FILE. An exception from
TF's scope machinery becomes a diagnostic with TF's message; any other exception is
reported as the program's own failure.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
import threading
import traceback
from typing import Any, Callable, Dict, List, Optional, Tuple

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

from scopelint.semantics.errors import (  # noqa: E402 - pure Python, no TensorFlow
    API_SIGNATURE_ERROR, GRAPH_FINALIZED, NESTED_GRAPH_RESET,
)
from scopelint.source import module_paths  # noqa: E402

UNITS = re.compile(r"^#\s*fixture:\s*units=(\S+)", re.M)
CODES: List[Tuple[str, "re.Pattern[str]"]] = [
    ("SL101", re.compile(r"^Variable (\S+) already exists, disallowed")),
    ("SL101", re.compile(r"^Partitioned variable with name (\S+) already exists")),
    ("SL102", re.compile(r"^Variable (\S+) does not exist, or was not created")),
    ("SL102", re.compile(r"^PartitionedVariable (\S+) does not exist")),
    ("SL103", re.compile(r"^Trying to share variable (\S+), but specified shape")),
    ("SL103", re.compile(r"^Trying to reuse partitioned variable (\S+), but specified (?:shape|partitions)")),
    ("SL104", re.compile(r"^Trying to share variable (\S+), but specified dtype")),
    ("SL104", re.compile(r"^Trying to reuse partitioned variable (\S+), but specified dtype")),
]
# Where TF's scope machinery lives: a ValueError/TypeError raised in one of these files is a
# scope error (SL105)...
SCOPE_FILES = ("ops/variable_scope.py", "ops/template.py", "ops/partitioned_variables.py", "ops/ref_variable.py",
               "ops/variables.py", "ops/variable_v1.py", "ops/init_ops.py")
# ...and so is one raised by Graph.name_scope's name check, or by shape/dtype conversion of an
# argument a scope API was given. Anything else (a shape error in tf.matmul) is the program's.
NAME_SCOPE = ("framework/ops.py", ("name_scope",))
CONVERSION_FILES = ("framework/tensor_shape.py", "framework/dtypes.py")


def raised_by_scope_api(below: List[Any]) -> bool:
    """`below`: the traceback under the program's innermost frame, outermost first."""
    files = [f.filename.replace(os.sep, "/") for f in below]
    if not files or "/tensorflow/" not in files[-1]:
        return False
    raiser, function = files[-1], below[-1].name
    if raiser.endswith(SCOPE_FILES):
        return True
    if raiser.endswith(NAME_SCOPE[0]) and function in NAME_SCOPE[1]:
        return True
    return raiser.endswith(CONVERSION_FILES) and any(f.endswith(SCOPE_FILES) for f in files)


# Where this Python's own and installed modules live: any other module is the program's (its
# directory's, or a project's lib/ that the program put on sys.path).
_INSTALLED = tuple(os.path.realpath(p) + os.sep for p in {sys.prefix, sys.base_prefix, sys.exec_prefix})


def _programs_own(path: Any) -> bool:
    """Whether a module file is the program's, TF1-style code (not TF, tf_slim, the stdlib)."""
    if not isinstance(path, str) or not path:
        return False
    real = os.path.realpath(path)
    return not real.startswith(_INSTALLED) and "site-packages" not in real and "dist-packages" not in real


def load_tf() -> Any:
    import logging

    import tensorflow as real_tf

    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    v1 = real_tf.compat.v1
    v1.disable_v2_behavior()
    v1.logging.set_verbosity(v1.logging.ERROR)
    # Whole tracebacks: TF's filtering drops its own frames from errors raised inside the
    # functions tf.cond calls, and classification needs the frame that raised.
    real_tf.debugging.disable_traceback_filtering()
    _install_tf1_compat(v1)
    return v1


def _install_tf1_compat(v1: Any) -> None:
    """What TF 1.x had and TF 2.21 lacks, mapped onto its continuations (tf1-semantics §11.0):
    tf_slim's batch_norm imports `tf_keras.legacy_tf_layers`, which tf_keras 2.21 ships as
    `tf_keras.src.legacy_tf_layers`; `tf.contrib.slim`, `.layers`, `.framework` are tf_slim
    and `tf.contrib.rnn` is tf.nn's cells and RNN functions."""
    import types

    if not hasattr(v1, "estimator"):
        # TF 2.16 dropped tf.estimator: its mode keys live on in saved_model, its hooks in tf.train.
        from tensorflow.python.saved_model.model_utils.mode_keys import EstimatorModeKeys

        estimator = types.ModuleType("tensorflow.estimator")
        estimator.__dict__.update(ModeKeys=EstimatorModeKeys, SessionRunHook=v1.train.SessionRunHook,
                                  SessionRunArgs=v1.train.SessionRunArgs)
        v1.estimator = estimator
    for name in ("gfile", "logging", "app", "flags"):
        # TF 1.x's API modules were importable by path (`from tensorflow.gfile import Exists`:
        # transformer-xl's data_utils); TF 2.21's are tf.compat.v1's attributes only
        sys.modules.setdefault("tensorflow." + name, getattr(v1, name))
    try:
        import tf_keras.src.legacy_tf_layers as legacy
        from tf_keras.src.legacy_tf_layers import base, convolutional, core, normalization, pooling
    except ImportError:
        return
    sys.modules.setdefault("tf_keras.legacy_tf_layers", legacy)
    for module in (base, convolutional, core, normalization, pooling):
        sys.modules.setdefault("tf_keras.legacy_tf_layers." + module.__name__.rsplit(".", 1)[-1], module)
    try:
        import tf_slim
    except ImportError:
        return
    from tensorflow.python.framework import ops as framework_ops

    if not hasattr(framework_ops, "Tensor"):  # TF 1.x's ops.Tensor (tf_slim's batch_norm reads it)
        from tensorflow.python.framework import tensor as framework_tensor

        framework_ops.Tensor = framework_tensor.Tensor
    if not hasattr(framework_ops, "IndexedSlices"):  # TF 1.x's ops.IndexedSlices (tf_slim's optimize_loss)
        from tensorflow.python.framework import indexed_slices

        framework_ops.IndexedSlices = indexed_slices.IndexedSlices
    rnn = types.ModuleType("tensorflow.contrib.rnn")
    # dir(), not vars(): the module loads some cells (LSTMCell) lazily
    rnn.__dict__.update({k: getattr(v1.nn.rnn_cell, k) for k in dir(v1.nn.rnn_cell) if not k.startswith("_")})
    functions = ("dynamic_rnn", "bidirectional_dynamic_rnn", "static_rnn", "static_bidirectional_rnn", "raw_rnn")
    rnn.__dict__.update({k: getattr(v1.nn, k) for k in functions})
    contrib = types.ModuleType("tensorflow.contrib")
    contrib.__path__ = []  # type: ignore[attr-defined]
    data = types.ModuleType("tensorflow.contrib.data")  # TF 1.4-1.12's home of these transformations
    data.__dict__.update({k: getattr(v1.data.experimental, k) for k in (
        "map_and_batch", "shuffle_and_repeat", "prefetch_to_device", "copy_to_device", "ignore_errors", "unbatch",
        "parallel_interleave", "group_by_window")})
    data.__dict__.update(Dataset=v1.data.Dataset, Iterator=v1.data.Iterator, TextLineDataset=v1.data.TextLineDataset,
                         TFRecordDataset=v1.data.TFRecordDataset)
    tf1_seq2seq = _tf1_seq2seq()
    seq2seq, rnn_wrappers = tf1_seq2seq.install(v1)
    rnn.__dict__.update(rnn_wrappers)  # contrib.rnn's OutputProjectionWrapper...
    contrib.__dict__.update(slim=tf_slim, layers=tf_slim, framework=_framework(tf_slim, types), rnn=rnn,
                            legacy_seq2seq=_legacy_seq2seq(v1, types, tf1_seq2seq.linear_class(v1)), data=data,
                            training=_training(types), seq2seq=seq2seq, learn=_learn(types),
                            keras=v1.keras,  # TF 1.4's home of tf.keras
                            metrics=_contrib_metrics(v1, types))
    v1.contrib = contrib
    sys.modules["tensorflow.contrib"] = contrib  # `from tensorflow.contrib import layers`
    for name in ("slim", "layers", "framework", "rnn", "legacy_seq2seq", "data", "training", "seq2seq", "learn",
                 "keras", "metrics"):
        sys.modules["tensorflow.contrib." + name] = getattr(contrib, name)
    # TF 1.x's deep paths into contrib, as projects import them (`from
    # tensorflow.contrib.framework.python.ops import add_arg_scope`): tf_slim's modules
    import importlib

    for deep, module in (("framework.python", "tf_slim"), ("framework.python.ops", "tf_slim"),
                         ("framework.python.ops.arg_scope", "tf_slim.ops.arg_scope"),
                         ("framework.python.ops.variables", "tf_slim.ops.variables"),
                         ("layers.python", "tf_slim.layers"), ("layers.python.layers", "tf_slim.layers"),
                         ("layers.python.layers.layers", "tf_slim.layers.layers"),
                         ("layers.python.layers.initializers", "tf_slim.layers.initializers"),
                         ("layers.python.layers.regularizers", "tf_slim.layers.regularizers"),
                         ("layers.python.layers.utils", "tf_slim.layers.utils"),
                         ("slim.python", "tf_slim"), ("slim.python.slim", "tf_slim"),
                         ("rnn.python", rnn), ("rnn.python.ops", rnn), ("rnn.python.ops.core_rnn_cell", rnn)):
        sys.modules["tensorflow.contrib." + deep] = importlib.import_module(module) if isinstance(module, str) \
            else module
    # contrib's slim nets are tf_slim's (`from tensorflow.contrib.slim.python.slim.nets import resnet_v1`)
    import tf_slim.nets

    for nets in ("slim.nets", "slim.python.slim.nets"):
        sys.modules["tensorflow.contrib." + nets] = tf_slim.nets
        for name in ("alexnet", "inception", "inception_v1", "inception_v2", "inception_v3", "overfeat",
                     "resnet_utils", "resnet_v1", "resnet_v2", "vgg"):
            sys.modules["tensorflow.contrib.%s.%s" % (nets, name)] = importlib.import_module("tf_slim.nets." + name)
    # contrib.seq2seq's modules by their deep paths, each the one condensed module, and their
    # packages (`from tensorflow.contrib.seq2seq.python.ops import decoder`: Tacotron-2)
    python, ops = (types.ModuleType("tensorflow.contrib.seq2seq." + name) for name in ("python", "python.ops"))
    python.ops = ops  # type: ignore[attr-defined]
    sys.modules[python.__name__], sys.modules[ops.__name__] = python, ops
    for name in ("attention_wrapper", "basic_decoder", "beam_search_decoder", "decoder", "helper", "loss"):
        setattr(ops, name, seq2seq)
        sys.modules["tensorflow.contrib.seq2seq.python.ops." + name] = seq2seq


def _tf1_seq2seq() -> Any:
    """tests/oracle/tf1_seq2seq.py, beside this file (loaded by path: the runner is a script)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "scopelint_oracle_tf1_seq2seq", os.path.join(os.path.dirname(os.path.abspath(__file__)), "tf1_seq2seq.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _framework(tf_slim: Any, types: Any) -> Any:
    """tf.contrib.framework: tf_slim's arg_scope and variables, and TF 1.x's nest
    (tensorflow/python/util/nest.py, with its older name `is_sequence` that TF 2.x dropped)."""
    from tensorflow.python.util import nest as util_nest

    nest = types.ModuleType("tensorflow.contrib.framework.nest")
    nest.__dict__.update({k: getattr(util_nest, k) for k in dir(util_nest) if not k.startswith("_")})
    nest.is_sequence = util_nest.is_nested
    framework = types.ModuleType("tensorflow.contrib.framework")
    framework.__dict__.update({k: getattr(tf_slim, k) for k in dir(tf_slim) if not k.startswith("_")})
    framework.nest = nest
    sys.modules["tensorflow.contrib.framework.nest"] = nest
    return framework


def _contrib_metrics(v1: Any, types: Any) -> Any:
    """TF 1.x's tf.contrib.metrics streaming metrics (contrib/metrics/python/ops/metric_ops.py):
    tf.metrics' own, called with their arguments in contrib's order (predictions first)."""
    metrics = types.ModuleType("tensorflow.contrib.metrics")

    def streaming(metric: Any) -> Any:
        def streaming_metric(predictions: Any, labels: Any, weights: Any = None, metrics_collections: Any = None,
                             updates_collections: Any = None, name: Any = None) -> Any:
            return metric(labels=labels, predictions=predictions, weights=weights,
                          metrics_collections=metrics_collections, updates_collections=updates_collections, name=name)

        return streaming_metric

    for name in ("accuracy", "mean_absolute_error", "mean_squared_error", "root_mean_squared_error", "precision",
                 "recall"):
        setattr(metrics, "streaming_" + name, streaming(getattr(v1.metrics, name)))
    metrics.streaming_mean = v1.metrics.mean

    def streaming_mean_iou(predictions: Any, labels: Any, num_classes: Any, weights: Any = None,
                           metrics_collections: Any = None, updates_collections: Any = None, name: Any = None) -> Any:
        return v1.metrics.mean_iou(labels=labels, predictions=predictions, num_classes=num_classes, weights=weights,
                                   metrics_collections=metrics_collections, updates_collections=updates_collections,
                                   name=name)

    metrics.streaming_mean_iou = streaming_mean_iou
    return metrics


def _learn(types: Any) -> Any:
    """TF 1.x's tf.contrib.learn.ModeKeys (contrib/learn/python/learn/estimators/constants.py):
    INFER where tf.estimator says PREDICT, with the same values."""

    class ModeKeys(object):
        TRAIN = "train"
        EVAL = "eval"
        INFER = "infer"

    module = types.ModuleType("tensorflow.contrib.learn")
    module.ModeKeys = ModeKeys
    return module


def _training(types: Any) -> Any:
    """TF 1.15's tf.contrib.training.HParams (contrib/training/python/training/hparam.py), for
    scalar and list hyper-parameters and `parse` of scalars, as TF wrote it (TF 2.x dropped it)."""

    def parse_bool(value: str) -> bool:
        if value in ("true", "True"):
            return True
        if value in ("false", "False"):
            return False
        return bool(int(value))

    class HParams(object):
        def __init__(self, hparam_def: Any = None, model_structure: Any = None, **kwargs: Any) -> None:
            self._hparam_types: Dict[str, Tuple[type, bool]] = {}
            self._model_structure = model_structure
            for name, value in kwargs.items():
                self.add_hparam(name, value)

        def add_hparam(self, name: str, value: Any) -> None:
            if getattr(self, name, None) is not None:
                raise ValueError("Hyperparameter name is reserved: %s" % name)
            if isinstance(value, (list, tuple)):
                self._hparam_types[name] = (type(value[0]) if value else str, True)
            else:
                self._hparam_types[name] = (type(value), False)
            setattr(self, name, value)

        def set_hparam(self, name: str, value: Any) -> None:
            param_type, is_list = self._hparam_types[name]
            if is_list:
                setattr(self, name, list(value))
            elif param_type is float and isinstance(value, int):
                setattr(self, name, float(value))
            else:
                setattr(self, name, value)

        def del_hparam(self, name: str) -> None:
            if hasattr(self, name):
                delattr(self, name)
                del self._hparam_types[name]

        def parse(self, values: str) -> "HParams":
            if not values:
                return self
            for pair in values.split(","):
                name, _, text = pair.partition("=")
                name, text = name.strip(), text.strip()
                if name not in self._hparam_types:
                    raise ValueError("Unknown hyperparameter type for %s" % name)
                param_type = self._hparam_types[name][0]
                parsed: Any = parse_bool(text) if param_type is bool else param_type(text)
                self.set_hparam(name, parsed)
            return self

        def override_from_dict(self, values_dict: Dict[str, Any]) -> "HParams":
            for name, value in values_dict.items():
                self.set_hparam(name, value)
            return self

        def values(self) -> Dict[str, Any]:
            return {n: getattr(self, n) for n in self._hparam_types}

        def get(self, key: str, default: Any = None) -> Any:
            return getattr(self, key) if key in self._hparam_types else default

        def __contains__(self, key: str) -> bool:
            return key in self._hparam_types

    module = types.ModuleType("tensorflow.contrib.training")
    module.HParams = HParams
    return module


def _legacy_seq2seq(v1: Any, types: Any, Linear: Any) -> Any:  # noqa: C901,N803 - TF's names
    """TF 1.15's tensorflow/contrib/legacy_seq2seq/python/ops/seq2seq.py: rnn_decoder,
    attention_decoder (with core_rnn_cell's `Linear`) and the sequence losses, as TF wrote them
    (TF 2.x dropped contrib)."""
    def rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None):  # type: ignore
        with v1.variable_scope(scope or "rnn_decoder"):
            state = initial_state
            outputs = []
            prev = None
            for i, inp in enumerate(decoder_inputs):
                if loop_function is not None and prev is not None:
                    with v1.variable_scope("loop_function", reuse=True):
                        inp = loop_function(prev, i)
                if i > 0:
                    v1.get_variable_scope().reuse_variables()
                output, state = cell(inp, state)
                outputs.append(output)
                if loop_function is not None:
                    prev = output
        return outputs, state

    def attention_decoder(decoder_inputs, initial_state, attention_states, cell, output_size=None,  # type: ignore
                          num_heads=1, loop_function=None, dtype=None, scope=None, initial_state_attention=False):
        if not decoder_inputs:
            raise ValueError("Must provide at least 1 input to attention decoder.")
        if num_heads < 1:
            raise ValueError("With less than 1 heads, use a non-attention decoder.")
        if v1.compat.dimension_value(attention_states.get_shape()[2]) is None:
            raise ValueError("Shape[2] of attention_states must be known: %s" % attention_states.get_shape())
        if output_size is None:
            output_size = cell.output_size
        with v1.variable_scope(scope or "attention_decoder", dtype=dtype) as scope:
            dtype = scope.dtype
            batch_size = v1.shape(decoder_inputs[0])[0]
            attn_length = v1.compat.dimension_value(attention_states.get_shape()[1])
            if attn_length is None:
                attn_length = v1.shape(attention_states)[1]
            attn_size = v1.compat.dimension_value(attention_states.get_shape()[2])
            hidden = v1.reshape(attention_states, [-1, attn_length, 1, attn_size])
            hidden_features = []
            v = []
            attention_vec_size = attn_size
            for a in range(num_heads):
                k = v1.get_variable("AttnW_%d" % a, [1, 1, attn_size, attention_vec_size])
                hidden_features.append(v1.nn.conv2d(hidden, k, [1, 1, 1, 1], "SAME"))
                v.append(v1.get_variable("AttnV_%d" % a, [attention_vec_size]))
            state = initial_state

            def attention(query):  # type: ignore
                ds = []
                if v1.nest.is_nested(query):
                    query_list = v1.nest.flatten(query)
                    for q in query_list:
                        ndims = q.get_shape().ndims
                        if ndims:
                            assert ndims == 2
                    query = v1.concat(query_list, 1)
                for a in range(num_heads):
                    with v1.variable_scope("Attention_%d" % a):
                        y = Linear(query, attention_vec_size, True)(query)
                        y = v1.reshape(y, [-1, 1, 1, attention_vec_size])
                        s = v1.reduce_sum(v[a] * v1.tanh(hidden_features[a] + y), [2, 3])
                        a = v1.nn.softmax(s)
                        d = v1.reduce_sum(v1.reshape(a, [-1, attn_length, 1, 1]) * hidden, [1, 2])
                        ds.append(v1.reshape(d, [-1, attn_size]))
                return ds

            outputs = []
            prev = None
            batch_attn_size = v1.stack([batch_size, attn_size])
            attns = [v1.zeros(batch_attn_size, dtype=dtype) for _ in range(num_heads)]
            for a in attns:
                a.set_shape([None, attn_size])
            if initial_state_attention:
                attns = attention(initial_state)
            for i, inp in enumerate(decoder_inputs):
                if i > 0:
                    v1.get_variable_scope().reuse_variables()
                if loop_function is not None and prev is not None:
                    with v1.variable_scope("loop_function", reuse=True):
                        inp = loop_function(prev, i)
                input_size = v1.compat.dimension_value(inp.get_shape().with_rank(2)[1])
                if input_size is None:
                    raise ValueError("Could not infer input size from input: %s" % inp.name)
                inputs = [inp] + attns
                x = Linear(inputs, input_size, True)(inputs)
                cell_output, state = cell(x, state)
                if i == 0 and initial_state_attention:
                    with v1.variable_scope(v1.get_variable_scope(), reuse=True):
                        attns = attention(state)
                else:
                    attns = attention(state)
                with v1.variable_scope("AttnOutputProjection"):
                    inputs = [cell_output] + attns
                    output = Linear(inputs, output_size, True)(inputs)
                if loop_function is not None:
                    prev = output
                outputs.append(output)
        return outputs, state

    def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,  # type: ignore
                                 softmax_loss_function=None, name=None):
        if len(targets) != len(logits) or len(weights) != len(logits):
            raise ValueError("Lengths of logits, weights, and targets must be the same %d, %d, %d."
                             % (len(logits), len(weights), len(targets)))
        with v1.name_scope(name, "sequence_loss_by_example", logits + targets + weights):
            log_perp_list = []
            for logit, target, weight in zip(logits, targets, weights):
                if softmax_loss_function is None:
                    target = v1.reshape(target, [-1])
                    crossent = v1.nn.sparse_softmax_cross_entropy_with_logits(labels=target, logits=logit)
                else:
                    crossent = softmax_loss_function(labels=target, logits=logit)
                log_perp_list.append(crossent * weight)
            log_perps = v1.add_n(log_perp_list)
            if average_across_timesteps:
                total_size = v1.add_n(weights)
                total_size += 1e-12
                log_perps /= total_size
        return log_perps

    def sequence_loss(logits, targets, weights, average_across_timesteps=True,  # type: ignore
                      average_across_batch=True, softmax_loss_function=None, name=None):
        with v1.name_scope(name, "sequence_loss", logits + targets + weights):
            cost = v1.reduce_sum(sequence_loss_by_example(
                logits, targets, weights, average_across_timesteps=average_across_timesteps,
                softmax_loss_function=softmax_loss_function))
            if average_across_batch:
                batch_size = v1.shape(targets[0])[0]
                return cost / v1.cast(batch_size, cost.dtype)
            return cost

    module = types.ModuleType("tensorflow.contrib.legacy_seq2seq")
    module.__dict__.update(rnn_decoder=rnn_decoder, attention_decoder=attention_decoder,
                           sequence_loss_by_example=sequence_loss_by_example,
                           sequence_loss=sequence_loss)
    return module


class Observer:
    """Real TF with recording hooks, installed once per process; `observe` runs one program.

    Many programs run in one process (TF's import costs seconds): each unit starts in a fresh
    default graph, which also gives Keras fresh per-graph name counters; what a program adds
    to the process (its modules, flags, __main__, sys.path) is taken away after it."""

    def __init__(self) -> None:
        self.v1 = load_tf()
        # "origins": (store, key) -> frames of the call that put `key` into that store, the
        # origin of a later "already exists". Keyed by store key, not variable name: `a` is
        # stored as `a` even when its op is named `a_1` (a name scope `a/` was open).
        # "stores" keeps ids unique while a program runs.
        self.state: Dict[str, Any] = {"events": None, "origins": {}, "stores": [], "failing_store": None,
                                      "abspath": None}
        self._install_hooks()
        from absl import flags

        self.flags = flags.FLAGS
        self.builtin_flags = set(self.flags)
        self.builtin_modules = set(sys.modules)

    def frames_here(self) -> List[List[Any]]:
        abspath = self.state["abspath"]
        return [[f.lineno, f.name] for f in traceback.extract_stack() if f.filename == abspath]

    def record(self, action: str, variable: Any) -> None:
        if self.state["events"] is None:
            return
        frames = self.frames_here()
        shape = variable.get_shape()
        self.state["events"].append({
            "name": variable.name,
            "line": frames[-1][0] if frames else None,
            "action": action,
            "shape": None if shape.dims is None else [d if d is None else int(d) for d in shape.as_list()],
            "dtype": variable.dtype.base_dtype.name,
            "frames": frames,
        })

    def stored(self, store: Any, key: str) -> None:
        if self.state["events"] is None:
            return
        self.state["stores"].append(store)
        self.state["origins"].setdefault((id(store), key), self.frames_here())

    def _install_hooks(self) -> None:
        from tensorflow.python.ops import ref_variable
        from tensorflow.python.ops import variable_scope as vs_module

        observer = self
        original_init = ref_variable.RefVariable.__init__

        def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
            original_init(self, *args, **kwargs)
            observer.record("create", self)

        # On the class, not per graph: programs switch graphs (tf.Graph().as_default(),
        # tf.reset_default_graph()), which a variable_creator_scope would not follow.
        ref_variable.RefVariable.__init__ = recording_init

        # Keras layers in graph mode make resource variables (never through the store).
        from tensorflow.python.ops import resource_variable_ops

        resource_init = resource_variable_ops.ResourceVariable.__init__

        def recording_resource_init(self: Any, *args: Any, **kwargs: Any) -> None:
            resource_init(self, *args, **kwargs)
            if getattr(self, "_in_graph_mode", True):
                observer.record("create", self)

        resource_variable_ops.ResourceVariable.__init__ = recording_resource_init

        store = vs_module._VariableStore

        def watched(original: Any, table: Callable[[Any], Any], parts: Callable[[Any], Any]) -> Any:
            """A store getter that records shares, where keys were stored, and which store raised."""

            def getter(self: Any, name: Any, *args: Any, **kwargs: Any) -> Any:
                existed = name in table(self)
                try:
                    variable = original(self, name, *args, **kwargs)
                except Exception:
                    observer.state["failing_store"] = self
                    raise
                if existed:
                    for part in parts(variable):
                        observer.record("share", part)
                elif name in table(self):
                    observer.stored(self, name)
                return variable

            return getter

        store._get_single_variable = watched(store._get_single_variable, lambda s: s._vars, lambda v: [v])
        store._get_partitioned_variable = watched(store._get_partitioned_variable, lambda s: s._partitioned_vars,
                                                  list)

    def observe(self, path: str) -> Dict[str, Any]:
        abspath = os.path.abspath(path)
        self.state["abspath"] = abspath
        import builtins

        saved = (sys.modules.get("__main__"), list(sys.argv), list(sys.path), builtins.__import__)
        try:
            return self._run_program(path, abspath)
        finally:
            sys.modules["__main__"], sys.argv[:], sys.path[:] = saved[0], saved[1], saved[2]
            builtins.__import__ = saved[3]
            self._forget_program()

    def _forget_program(self) -> None:
        """Modules and flags the program defined would leak into the next one."""
        for name in [m for m in sys.modules if m not in self.builtin_modules]:
            if any(_programs_own(path) for path in module_paths(sys.modules[name])):
                del sys.modules[name]  # the program's own modules (a project's ops.py, its lib/)
        for flag in [f for f in self.flags if f not in self.builtin_flags]:
            delattr(self.flags, flag)
        self.flags.unparse_flags()  # a new `python FILE` parses its own argv when a flag is first read
        self.state.update(events=None, origins={}, stores=[], failing_store=None)

    def _run_program(self, path: str, abspath: str) -> Dict[str, Any]:
        v1, state = self.v1, self.state
        source = open(abspath, encoding="utf-8").read()
        original_import = __builtins__.__import__ if hasattr(__builtins__, "__import__") else __builtins__["__import__"]

        def tf_import(name: str, globals_: Any = None, locals_: Any = None, fromlist: Any = (), level: int = 0) -> Any:
            module = original_import(name, globals_, locals_, fromlist, level)
            if name == "tensorflow" and level == 0 and _programs_own((globals_ or {}).get("__file__")):
                return v1  # TF1-style programs: `import tensorflow as tf` means compat.v1
            return module

        import builtins
        import types

        program = types.ModuleType("__main__")
        program.__file__ = abspath
        program.__dict__["__builtins__"] = dict(vars(builtins), __import__=tf_import)
        # The project's other modules (model.py importing ops.py) are TF1-style too.
        builtins.__import__ = tf_import
        namespace: Dict[str, Any] = program.__dict__
        sys.modules["__main__"] = program  # tf.app.run() looks up __main__.main
        code = compile(source, abspath, "exec")
        units_match = UNITS.search(source)
        sys.argv = [abspath]
        sys.path.insert(0, os.path.dirname(abspath))
        results: List[Dict[str, Any]] = []

        def origins_of(store: Any) -> Dict[str, Any]:
            if store is None:
                return {}
            return {key: frames for (store_id, key), frames in state["origins"].items() if store_id == id(store)}

        def run_unit(entry: Optional[str], call: Any) -> None:
            events: List[Dict[str, Any]] = []
            state["events"], state["origins"], state["failing_store"] = events, {}, None
            unit: Dict[str, Any] = {"entry": entry, "variables": events, "diagnostics": [], "exception": None}

            def thread_died(args: Any) -> None:
                """A scope error ends the thread it is raised in: observed as a diagnostic."""
                diagnostics, _ = classify(args.exc_value, abspath, origins_of(state["failing_store"]))
                if diagnostics:
                    unit["diagnostics"].extend(diagnostics)
                else:
                    default_hook(args)

            default_hook, threading.excepthook = threading.excepthook, thread_died
            try:
                v1.reset_default_graph()
                call()
            except SystemExit:
                pass  # tf.app.run() ends with sys.exit(main(argv))
            except Exception as exc:  # noqa: BLE001 - everything the program raises is observed
                diagnostics, unit["exception"] = classify(exc, abspath, origins_of(state["failing_store"]))
                unit["diagnostics"].extend(diagnostics)
            finally:
                threading.excepthook = default_hook
            state["events"] = None
            results.append(unit)

        if units_match:
            run_unit(None, lambda: exec(code, namespace))
            results.clear()
            pattern = units_match.group(1)
            import ast

            names = [n.name for n in ast.parse(source).body
                     if isinstance(n, ast.FunctionDef) and fnmatch.fnmatchcase(n.name, pattern)]
            for name in names:
                run_unit(name, namespace[name])
        else:
            run_unit(None, lambda: exec(code, namespace))
        return {"file": path, "tensorflow": getattr(v1, "__version__", None), "units": results}


def where_to_fix(error_frames: List[Tuple[int, str]], origin: Optional[List[Tuple[int, str]]]) -> Tuple[int, str]:
    """The expectation's line, from TF's two tracebacks alone (written here, not imported from
    scopelint, so a mistake in scopelint's own choice shows): the error's program frame where
    its call path leaves the path that created the variable, or the innermost frame when
    nothing was created before or the paths never part (the same line running twice)."""
    for depth, frame in enumerate(error_frames):
        if origin is None or depth >= len(origin) or tuple(origin[depth]) != tuple(frame):
            return frame if origin else error_frames[-1]
    return error_frames[-1]


def classify(exc: BaseException, abspath: str, created: Dict[str, Any]) -> Tuple[List[Dict[str, Any]], Any]:
    """`created`: store key -> frames of the call that created it, in the store that raised."""
    tb = traceback.extract_tb(exc.__traceback__)
    in_file = [f for f in tb if f.filename == abspath]
    frames = [(f.lineno or 0, f.name) for f in in_file]
    message = str(exc.args[0]) if exc.args else str(exc)
    inner: BaseException = exc
    while message.startswith("in user code:") and getattr(inner, "ag_error_metadata", None) is not None \
            and type(inner.__context__) is type(inner):
        # TF 2.x's autograph re-raises an error from a function it converted (map_fn's) as a new
        # exception of the same type, its message "in user code:", the frames, then the original
        # one's: classify the original (tests/fixtures/control_flow/map_fn_reuse_missing.py)
        inner = inner.__context__
        message = str(inner.args[0]) if inner.args else str(inner)
    message = message.split(" Originally defined at:")[0]
    message = message.split("\n\noriginally defined at:")[0]
    code = None
    subject = None
    for candidate, regex in CODES:
        match = regex.match(message)
        if match:
            code, subject = candidate, match.group(1)
            break
    if code is None and isinstance(exc, TypeError) and API_SIGNATURE_ERROR.match(message):
        code = "SL105"
    if code is None and isinstance(exc, RuntimeError) and message == GRAPH_FINALIZED:
        code = "SL106"  # Graph._check_not_finalized: an op (a variable's, too) added to a finalized graph
    if code is None and isinstance(exc, AssertionError) and message == NESTED_GRAPH_RESET:
        code = "SL107"  # ops.reset_default_graph inside `with g.as_default()` or `with tf.Session()`
    if code is None and isinstance(exc, (ValueError, TypeError, RuntimeError)) and in_file:
        below = tb[tb.index(in_file[-1]) + 1:]  # the frames under the program's last line
        if raised_by_scope_api(below):
            code = "SL105"
    if code is None or not frames:
        line = frames[-1][0] if frames else None
        return [], {"type": type(exc).__name__, "message": message, "line": line}
    origin = None
    if subject is not None and code != "SL102":
        origin = created.get(subject) or created.get(subject + "/part_0")
        origin = [tuple(f) for f in origin] if origin else None
    chosen = where_to_fix(frames, origin)
    summary = in_file[frames.index(chosen)]
    colno = getattr(summary, "colno", None)
    return [{"code": code, "line": chosen[0], "col": colno + 1 if colno is not None else None,
             "message": message, "raised_line": frames[-1][0], "frames": [list(f) for f in frames]}], None


def serve(protocol: Any) -> None:
    """`--serve`: read program paths from stdin, one per line; answer each with one JSON line."""
    observer = Observer()
    protocol.write(json.dumps({"ready": True}) + "\n")
    protocol.flush()
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        try:
            answer: Dict[str, Any] = {"path": path, "result": observer.observe(path)}
        except BaseException as exc:  # noqa: BLE001 - one program's failure must not end the batch
            answer = {"path": path, "error": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))}
        protocol.write(json.dumps(answer) + "\n")
        protocol.flush()


if __name__ == "__main__":
    stdout = sys.stdout
    sys.stdout = sys.stderr  # the program's prints and TF's chatter stay off the JSON
    if sys.argv[1:] == ["--serve"]:
        serve(stdout)
    else:
        output = Observer().observe(sys.argv[1])
        # Flush now: left to interpreter shutdown, the buffered JSON was sometimes lost (the
        # program replaced __main__, which changes the order objects are finalized in).
        stdout.write(json.dumps(output) + "\n")
        stdout.flush()
