"""Which TF names mean what, for the interpreter: qualified-name canonicalisation, constants,
and the set of shape-only ops whose runtime implementation can be reused as-is.

Library knowledge lives here (astroid's "brains"), not in the interpreter.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, Optional

from scopelint.runtime import api as runtime_api
from scopelint.runtime import nn as runtime_nn
from scopelint.semantics.dtypes import DTYPES
from scopelint.semantics.graph import COLLECTION_READERS
from scopelint.semantics.values import AUTO_REUSE
from scopelint.tf import registry

TF = "tensorflow"

# Names handled by the interpreter itself (they touch scopes, the store or call functions).
SCOPE_APIS = {
    "variable_scope", "variable_op_scope", "name_scope", "op_scope", "get_variable", "get_local_variable",
    "Variable", "VariableV1", "get_variable_scope", "reset_default_graph", "Graph",
    "get_default_graph", "fixed_size_partitioner", "VariableScope", "AUTO_REUSE", "variable_creator_scope",
}

# APIs that never create variables or touch scopes: calling them needs no havoc.
NO_GRAPH_PREFIXES = (
    "app.", "flags.", "logging.", "summary.", "gfile.", "io.gfile.", "train.Saver", "train.SummaryWriter",
    "train.Coordinator", "train.start_queue_runners", "train.Supervisor", "train.latest_checkpoint",
    "train.NewCheckpointReader", "train.get_checkpoint_state", "train.checkpoint_exists",
    "train.replica_device_setter", "train.Server", "train.ClusterSpec",
    "train.list_variables", "Session", "InteractiveSession", "ConfigProto", "GPUOptions", "RunOptions",
    "RunMetadata", "global_variables_initializer", "local_variables_initializer", "initialize_all_variables",
    "variables_initializer", "set_random_seed", "random.set_random_seed", "test.", "errors.", "print", "Print",
    "assert_", "debugging.", "add_to_collection", "get_collection", "global_variables", "trainable_variables",
    "local_variables", "all_variables", "model_variables", "sysconfig.", "GraphKeys",
    # the machine's devices, asked to choose a data format or a tower count (tensorpack's
    # is_gpu_available, patched over tf.config's list_physical_devices)
    "config.", "python.client.device_lib.",
)
# Of those, the ones whose result builds nothing whatever the program does with it: checkpoint
# readers' data (a path, a CheckpointState proto, a reader of saved arrays, which the program
# hands to `os.path` and the like), a Saver (`saver.restore(sess, path)`) and an event writer.
_INERT_RESULTS = frozenset({"train.get_checkpoint_state", "train.latest_checkpoint", "train.checkpoint_exists",
                            "train.NewCheckpointReader", "train.list_variables", "train.Saver", "summary.FileWriter",
                            "train.SummaryWriter",
                            # protocol buffers of session options: data a session reads
                            "ConfigProto", "GPUOptions", "GraphOptions", "OptimizerOptions", "RunOptions",
                            "RunMetadata",
                            # a loaded op library: a module of op functions (`_grl_ops_module.gradient_reversal`)
                            "load_op_library"})
FLAG_DEFINERS = ("DEFINE_string", "DEFINE_integer", "DEFINE_float", "DEFINE_boolean", "DEFINE_bool", "DEFINE_list",
                 "DEFINE_enum", "DEFINE_multi_string", "DEFINE_multi_integer")


# Calls whose every failure the interpreter models (scope APIs) or that cannot fail on
# arguments the analysis knows (constants, initializers): any other TF call may raise where the
# analysis does not look (`tf.matmul` of mismatched shapes), which a `try` must assume.
_FAILURES_MODELLED = SCOPE_APIS | {
    "constant", "zeros", "ones", "placeholder", "reset_default_graph", "get_collection", "add_to_collection",
    "global_variables", "trainable_variables", "local_variables", "all_variables", "model_variables",
    # Its checks and the store's are the core's; what the core cannot see (an unknown shape,
    # slicing or initializer) counts as a possible raise where the interpreter models the call.
    "create_partitioned_variables",
}


def may_raise_unmodelled(qualname: str) -> bool:
    short = short_name(qualname)
    if short is None:
        return True
    return not (short in _FAILURES_MODELLED or short.endswith("_initializer") or short.startswith(
        ("initializers.", "logging.", "flags.", "app.flags.")))


# Ops and objects that create no variable when made (an optimizer creates its slots in
# `minimize`/`apply_gradients`, not in its constructor).
NO_VARIABLE_APIS = {
    "assign", "assign_add", "assign_sub", "scatter_update", "scatter_add", "scatter_sub", "gradients",
    "stop_gradient", "clip_by_global_norm", "clip_by_norm", "clip_by_value", "global_norm", "group", "no_op", "tuple",
    "train.get_global_step",
    # ops that read variables' state (a Supervisor's ready_op, universe-starter-agent's)
    "report_uninitialized_variables", "is_variable_initialized", "assert_variables_initialized",
    # a queue's runner (im2txt's prefetch_input_data): threads that run enqueue ops, no variable
    "train.QueueRunner", "train.queue_runner.QueueRunner", "train.add_queue_runner",
    "train.queue_runner.add_queue_runner",
    "python.framework.function.Defun",  # `@function.Defun(tf.float32)`: makes a decorator, nothing in the graph
    "python.util.all_util.make_all",  # a package's `__all__` (tf_slim.nets), from its docstring
    # slim's nets turn their end-points collection into a dict: it reads a collection, which the
    # analysis does not fill (the dict is unknown)
    "contrib.slim.utils.convert_collection_to_dict", "contrib.layers.utils.convert_collection_to_dict",
    # a compiled library of ops and kernels, registered (domain_separation's gradient reversal op):
    # its ops make no variable and call no code of the program's
    "load_op_library", "load_library",
}


# Tensor ops the runtime does not implement: they create no variable and call no code of the
# program's; their result is a tensor the analysis does not compute (an inert value). Whole
# namespaces of them, and names.
_PURE_OP_PREFIXES = ("image.", "linalg.", "math.", "strings.", "random.", "signal.", "bitwise.", "sparse.")
_PURE_OPS = frozenset({
    "to_bfloat16", "setdiff1d", "svd", "qr", "atan2", "betainc", "igamma", "igammac", "polygamma",
    "zeta", "bincount", "histogram_fixed_width",
    "string_to_number", "as_string", "decode_raw", "parse_example",
    "parse_single_example", "decode_csv",
    # feature specs for parse_example: plain configuration (CycleGAN-TensorFlow's reader)
    "FixedLenFeature", "VarLenFeature", "FixedLenSequenceFeature", "SparseFeature", "io.FixedLenFeature",
    "io.VarLenFeature", "io.FixedLenSequenceFeature", "io.SparseFeature",
    "extract_image_patches", "invert_permutation", "edit_distance",
    "confusion_matrix", "random_crop", "random_poisson",
    # sparse tensors (GCN's features and adjacency): no variable, a value the analysis does not compute
    "SparseTensor", "SparseTensorValue", "sparse_matmul",
    "sparse_retain", "sparse_reshape", "sparse_add", "sparse_reduce_sum", "sparse_softmax",
    "sparse_concat", "sparse_tensor_to_dense", "sparse_transpose", "sparse_reorder", "sparse_slice",
    # a sparse gradient remade from its parts (transformer-xl's average_grads_and_vars averaging
    # the towers' embedding gradients): values, indices and a dense shape, no variable
    "IndexedSlices",
})


def makes_tf_object(short: str) -> bool:
    """Of those, the ops and classes whose result is a TF object, never None (`tf.IndexedSlices`,
    `tf.norm`); not every function of tf's namespace (`tf.disable_v2_behavior()` gives None)."""
    return short in _PURE_OPS or short.startswith(_PURE_OP_PREFIXES) and not short.startswith("random.set_")


def pure_unmodelled_op(short: str) -> bool:
    """A tensor op of TF's that the runtime does not implement (`tf.image.resize_images`,
    `tf.norm`, `tf.py_func`: the function runs when the session does, not now)."""
    return makes_tf_object(short) or _top_level_op(short)


# The functions of tf's own namespace that run code of the program's (by their parameters in
# TF 2.21's tf.compat.v1: `fn`, `f`, `func`, `branch_fns`), register it, or change how TF
# builds what follows; the ones that make variables or scopes are modelled before this is asked
# (SCOPE_APIS, the registry's models: cond, while_loop, map_fn, make_template...).
_TOP_LEVEL_NOT_OPS = frozenset({
    "custom_gradient", "function", "grad_pass_through", "recompute_grad", "switch_case", "vectorized_map",
    "wrap_function", "nondifferentiable_batch_function", "register_tensor_conversion_function",
    "import_graph_def", "enable_v2_behavior", "load_op_library", "load_library", "load_file_system_library",
})


def _top_level_op(short: str) -> bool:
    """Any other function of tf's namespace is an op (`tf.rint`, `tf.div_no_nan`, `tf.scatter_nd_add`),
    or reads state (`tf.moving_average_variables`): it makes no variable and calls nothing of the
    program's. Classes (`tf.Variable`) are not functions."""
    if "." in short or not short[:1].islower() or short in _TOP_LEVEL_NOT_OPS:
        return False
    return registry.tf_has(TF + "." + short) is True and registry.tf_is_namespace(TF + "." + short) is False


# tf.data's input pipelines: datasets, their transformations and iterators build no variable
# of the graph's, and the functions given to `map`/`filter`/`flat_map` are traced into
# functions of their own (a variable made there is not one of the graph's scopes).
INPUT_PIPELINE = "tf.data:"
_INPUT_PIPELINE_PREFIXES = ("data.", "contrib.data.")


def is_input_pipeline(short: str) -> bool:
    return short.startswith(_INPUT_PIPELINE_PREFIXES)


# Lookup tables (vocabularies): resources, not variables; their methods map keys to ids.
LOOKUP_PREFIXES = ("lookup.", "contrib.lookup.", "python.ops.lookup_ops.")


def creates_nothing(short: str) -> bool:
    if short.startswith(LOOKUP_PREFIXES):
        return True
    if short in NO_VARIABLE_APIS or short.startswith("losses.") or short.startswith("nn.") and "rnn" not in short:
        return True
    if short.startswith("train.") and short.endswith("Optimizer") and short.count(".") == 1:
        return True
    last = short.rsplit(".", 1)[-1]
    if last.endswith(("_initializer", "_regularizer")) or ".initializers." in "." + short:
        return True  # `tf.contrib.layers.xavier_initializer()`: made now, used by get_variable later
    if short.startswith("contrib.") and last.startswith("summarize_"):
        return True  # `tf.contrib.layers.summarize_activation(fc1)`: summaries, as tf.summary's
    return short.startswith(NO_GRAPH_PREFIXES)


def returns_data(short: str) -> bool:
    """A TF call whose result is inert data: its attributes and methods build nothing (a file
    tf.gfile opened, used in a `with` too: slim's read_label_file)."""
    return short in _INERT_RESULTS or short.startswith(LOOKUP_PREFIXES) or short.startswith(_FILE_PREFIXES)


_FILE_PREFIXES = ("gfile.", "io.gfile.", "python_io.")


# Context managers that do not change names or reuse.
# Calls that add no op to the graph: on a finalized graph they do not raise. Any other TF call
# (tf.matmul, a Saver, tf.assign) may add one, and so may raise before a later line.
_OP_FREE_PREFIXES = (
    "app.", "flags.", "logging.", "gfile.", "io.gfile.", "test.", "errors.", "sysconfig.", "GraphKeys",
    "train.latest_checkpoint", "train.get_checkpoint_state", "train.checkpoint_exists", "train.NewCheckpointReader",
    "train.list_variables", "train.Coordinator", "train.start_queue_runners", "train.Server", "train.ClusterSpec",
    "ConfigProto", "GPUOptions", "GraphOptions", "OptimizerOptions", "RunOptions", "RunMetadata",
    "summary.FileWriter", "get_collection", "global_variables", "trainable_variables", "local_variables",
    "all_variables", "model_variables", "set_random_seed", "random.set_random_seed", "executing_eagerly",
    "disable_eager_execution", "disable_v2_behavior", "get_default_session", "config.", "python.client.device_lib.",
)


# ...and values that are no ops: dtypes, shapes, initializer and regularizer objects (they add
# ops when a variable calls them, and that variable's creation is what the core checks).
_OP_FREE_NAMES = frozenset({"as_dtype", "DType", "TensorShape", "Dimension", "dimension_value", "dimension_at_index",
                            "get_seed"})


# ...and calls that always add one (in graph mode, whatever their arguments): on a finalized
# graph they raise "Graph is finalized" themselves (universe-starter-agent's policy built after
# its Supervisor starts with a placeholder).
ALWAYS_ADDS_OP = frozenset({
    "placeholder", "placeholder_with_default", "constant", "zeros", "ones", "fill", "random_normal",
    "random_uniform", "truncated_normal", "global_variables_initializer", "local_variables_initializer",
    "variables_initializer", "initialize_all_variables", "assign", "assign_add", "assign_sub", "no_op",
})


def adds_no_op(short: Optional[str]) -> bool:
    if short is None:
        return False
    last = short.rsplit(".", 1)[-1]
    return short.startswith(_OP_FREE_PREFIXES) or short in _OP_FREE_NAMES or last.endswith(
        ("_initializer", "Initializer", "_regularizer")) or short.startswith(("initializers.", "keras.initializers."))


NEUTRAL_CONTEXTS = {
    "device", "control_dependencies", "colocate_with", "Session", "InteractiveSession", "GradientTape",
    "arg_scope", "gradient_override_map", "container", "init_scope",
}

_ALIASES = {
    namespace[len(TF) + 1:] + "." + name: target for namespace, names in registry.SAME_AS.items()
    for name, target in names.items()
}
_ALIASES.update({
    "math.add": "add", "math.multiply": "multiply",
    "keras.initializers.glorot_uniform": "glorot_uniform_initializer",
    "keras.initializers.he_normal": "he_normal_initializer",
})

_PURE_NAMES = {name for name in vars(runtime_api) if not name.startswith("_")} - SCOPE_APIS - {
    "Session", "InteractiveSession", "Template", "Graph", "Variable_", "VariableV1", "GraphKeys",
    "context", "core", "errors", "contextlib", "Op", "Tensor", "Any", "Callable", "Dict", "Iterator", "List",
    "Optional", "Initializer", "PartitionedVariable",
    # Collections: the analysis does not fill them, so what they hold is unknown to it.
    "get_collection", "get_collection_ref",
} - set(COLLECTION_READERS)
_NN_NAMES = {name for name in vars(runtime_nn) if not name.startswith("_") and callable(getattr(runtime_nn, name))} - {
    "Any", "Callable", "Tensor", "conv_output", "dtype_of", "int_constant", "op_name", "reduced_dims", "shape_of",
    "spatial"}

# `ops.get_collection(...)` of tensorflow.python.framework.ops (tf-faster-rcnn) is tf.get_collection
_COLLECTION_APIS = frozenset(COLLECTION_READERS) | {
    "get_collection", "get_collection_ref", "add_to_collection", "add_to_collections"}
_RENAMED = {"slice": "slice_", "tuple": "tuple_", "range": "range_"}
# registry.PLATFORM_MODULES below the TF module, each a prefix of the names in it
_PLATFORM_MODULES = {internal[len(TF) + 1:] + ".": public[len(TF) + 1:] + "."
                     for internal, public in registry.PLATFORM_MODULES.items()}
# `dtypes.float32` of tensorflow.python.framework.dtypes is tf.float32 (runtime_api.DTYPE_EXPORTS)
_DTYPE_NAMES = frozenset(DTYPES) | frozenset(runtime_api.DTYPE_EXPORTS)


@functools.lru_cache(maxsize=4096)
def canonical(qualname: str) -> str:
    """`tensorflow.compat.v1.nn.relu` -> `tensorflow.nn.relu`; TF internals -> public names."""
    if not (qualname == TF or qualname.startswith(TF + ".")):
        return qualname
    rest = qualname[len(TF) + 1:] if qualname != TF else ""
    while rest.startswith("compat.v1.") or rest.startswith("compat.v2."):
        rest = rest[len("compat.v1."):]
    if rest.startswith("python.") and ".GraphKeys" in rest:  # python.framework.ops.GraphKeys.X
        rest = rest[rest.index("GraphKeys"):]
    elif rest.startswith("python.") and rest.count(".") >= 3:  # python.ops.<module>.<name>
        last = rest.rsplit(".", 1)[-1]
        if last in SCOPE_APIS or last in _PURE_NAMES or last in _DTYPE_NAMES or last in _COLLECTION_APIS or \
                last in _PURE_OPS or last in NO_VARIABLE_APIS:
            rest = last  # the runtime serves TF's internal modules from tf's names, as here
        elif last in _NN_NAMES:
            rest = "nn." + last
    for internal, public in _PLATFORM_MODULES.items():
        if rest.startswith(internal):
            rest = public + rest[len(internal):]
    rest = _ALIASES.get(rest, rest)
    if rest.startswith(("math.", "linalg.", "dtypes.", "debugging.")) and rest.count(".") == 1:
        last = rest.split(".", 1)[1]  # tf.math.rsqrt is tf.rsqrt
        if _RENAMED.get(last, last) in _PURE_NAMES or last in _NN_NAMES or \
                rest.startswith("dtypes.") and last in _DTYPE_NAMES:
            rest = last
    return TF + "." + rest if rest else TF


def constant(qualname: str) -> Any:
    """The value of a TF constant (`tf.AUTO_REUSE`, `tf.float32`), or None."""
    name = canonical(qualname)
    short = name[len(TF) + 1:] if name.startswith(TF + ".") else None
    if short is None:
        return None
    if short == "AUTO_REUSE":
        return AUTO_REUSE
    if short in DTYPES:
        return DTYPES[short]
    if short in ("half", "double"):
        return runtime_api.DTYPE_EXPORTS[short]  # tf.half is tf.float16, named float16
    if short in ("VERSION", "__version__"):
        return runtime_api.VERSION
    if short.startswith("GraphKeys."):
        return getattr(runtime_api.GraphKeys, short.split(".", 1)[1], None)
    return None


def pure_function(qualname: str) -> Optional[Any]:
    """The runtime's implementation of a shape-only op, usable by the interpreter."""
    name = canonical(qualname)
    if not name.startswith(TF + "."):
        return None
    short = name[len(TF) + 1:]
    if _RENAMED.get(short, short) in _PURE_NAMES:  # tf.slice is the runtime's slice_
        return getattr(runtime_api, _RENAMED.get(short, short))
    if short.startswith("nn.") and short[3:] in _NN_NAMES:
        return getattr(runtime_nn, short[3:])
    if short in _NN_NAMES:
        return getattr(runtime_nn, short)
    return None


def short_name(qualname: str) -> Optional[str]:
    name = canonical(qualname)
    return name[len(TF) + 1:] if name.startswith(TF + ".") else None


# Modules whose functions never build TF graphs: calling them needs no havoc.
SAFE_MODULES = {
    "numpy", "np", "math", "os", "sys", "re", "json", "time", "logging", "argparse", "collections", "functools",
    "itertools", "random", "string", "pickle", "copy", "six", "absl", "glob", "shutil", "datetime", "pprint",
    "typing", "abc", "warnings", "io", "csv", "subprocess", "scipy", "operator", "inspect", "contextlib",
    "pathlib", "hashlib", "struct", "PIL", "cv2", "matplotlib", "tqdm", "h5py", "pandas", "sklearn", "codecs",
    "textwrap", "__future__", "future", "builtins", "enum", "dataclasses", "gzip", "zipfile", "tarfile",
    "urllib", "threading", "multiprocessing", "queue", "traceback", "platform", "signal", "uuid", "yaml",
    "oyaml",  # PyYAML keeping dicts' order (AttGAN's pylib saves its arguments with it)
    # the standard library's data, file and text modules: none calls the program's code or gives its objects
    "tempfile", "bz2", "lzma", "zlib", "base64", "binascii", "heapq", "bisect", "statistics", "fractions",
    "decimal", "numbers", "errno", "stat", "fnmatch", "locale", "calendar", "array", "getpass", "socket", "shlex",
    "difflib", "unicodedata", "configparser", "mimetypes", "secrets", "colorsys", "html", "xml", "sqlite3",
    "posixpath", "ntpath", "gc", "resource", "types", "weakref", "atexit",
    # third-party packages TF1 projects import beside TF, which never import it (MPI ranks, text
    # normalisation, audio and image files, terminal output)
    "mpi4py", "inflect", "unidecode", "librosa", "soundfile", "skimage", "imageio", "nltk", "termcolor",
    "colorama", "tabulate", "psutil", "requests", "gflags",
    # debuggers and profilers a script breaks into (hmr's config: `import ipdb; ipdb.set_trace()`),
    # and HDF5 files (hmr's `deepdish.io.load` of its mean parameters)
    "pdb", "ipdb", "IPython", "cProfile", "pstats", "timeit", "deepdish", "tables",
}


def is_pytest_mark(qualname: str) -> bool:
    """`pytest.mark.skipif`, `pytest.mark.slow`: a mark, which applied to a function or class
    returns it and calls nothing (pytest's MarkDecorator.__call__)."""
    return qualname.startswith("pytest.mark.") and qualname.count(".") == 2


# Functions that only read data, of modules not safe as a whole: pkgutil.iter_modules lists a
# directory's modules (tensorpack's dataflow packages loop over it), where walk_packages imports them.
SAFE_FUNCTIONS = {"pkgutil.iter_modules"}


# packages, beside SAFE_MODULES' top-level ones, of a namespace others share: protocol buffers'
# runtime, which generated `*_pb2` modules call at import (`_symbol_database.Default()`)
SAFE_PACKAGES = ("google.protobuf",)


def is_safe_module(qualname: str) -> bool:
    return qualname.split(".", 1)[0] in SAFE_MODULES or qualname in SAFE_FUNCTIONS or any(
        qualname == package or qualname.startswith(package + ".") for package in SAFE_PACKAGES)


# Library classes, of modules not safe as a whole, whose constructors given data touch no graph
# and run none of the program's code: a test case (unittest's looks its test method up, TF's adds
# a temporary directory and a session cache; setUp and the tests run only when called), which
# tensorflow-wavenet's test classes are, built by hand to build their graphs
GRAPH_FREE_CLASSES = frozenset({
    "unittest.TestCase", "unittest.case.TestCase", "tensorflow.test.TestCase",
    "tensorflow.python.framework.test_util.TensorFlowTestCase", "tensorflow.python.platform.test.TestCase",
})


def is_graph_free_class(qualname: str) -> bool:
    return canonical(qualname) in GRAPH_FREE_CLASSES


PURE_TABLE: Dict[str, Any] = {}


def is_tf_name(qualname: str) -> bool:
    """`tensorflow` or a name under it; not `tensorflow_gan` or `tensorflow_probability`."""
    return qualname == TF or qualname.startswith(TF + ".")


def tf_missing(module: str, name: str) -> bool:
    """Whether TF's namespace lacks `name` (tf_names.json): `tf.image_summary`, `tf.pack`."""
    if not is_tf_name(module) or name.startswith("__"):
        return False
    return registry.tf_has(canonical(module) + "." + name) is False
