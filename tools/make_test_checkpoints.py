"""Remake the tiny TensorFlow checkpoints under tests/checkpoints/ that tests/test_checkpoint_reader.py
reads with scopelint.checkpoint (no TensorFlow there), and those of tests/checkpoints/changes/:
each case's `before/train.py` saved with tf.train.Saver, and `restore.json` beside it recording
which keys real TF then fails to restore into the graph `after/train.py` builds (what
tests/test_diff_command.py checks `scopelint ckpt` and `scopelint diff` against). The oracle tier
(tests/test_diff_oracle.py) runs the same functions afresh.

Usage: /work/tfenv/bin/python tools/make_test_checkpoints.py   (a python with tensorflow-cpu)

Each checkpoint keeps only its `.index` file (the variables' names, dtypes and shapes; the values
in `.data-*` are not needed) and its directory's `checkpoint` state file; next to it,
`<prefix>.json` records what real TF read back: `tf.train.list_variables(prefix)` (names and
shapes, in its order) and each variable's dtype (`get_variable_to_dtype_map()`).
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sys
from typing import Any, Callable, Dict, List

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.layers: tf_keras, not Keras 3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "checkpoints")


def record(tf: Any, prefix: str) -> Dict[str, Any]:
    reader = tf.train.load_checkpoint(prefix)
    dtypes = reader.get_variable_to_dtype_map()
    return {
        "list_variables": [[name, list(shape)] for name, shape in tf.train.list_variables(prefix)],
        "dtypes": {name: dtype.name for name, dtype in sorted(dtypes.items())},
    }


def saver_model(tf: Any) -> None:
    """TF1 style: scopes, a partitioned variable, int64 step, float16, string, Adam slots. The
    graph is tests/checkpoints/saver_model.py's, run as written (the program `scopelint ckpt` is
    tested on), with `tf` as compat.v1."""
    program = os.path.join(OUT, "saver_model.py")
    with open(program, encoding="utf-8") as handle:
        source = handle.read().replace("import tensorflow as tf\n", "")
    namespace: Dict[str, Any] = {"tf": tf}
    exec(compile(source, program, "exec"), namespace)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(namespace["train"])
        tf.train.Saver(save_relative_paths=True).save(sess, os.path.join(OUT, "saver", "model.ckpt"),
                                                      global_step=1000, write_meta_graph=False)


def run_program(tf: Any, path: str) -> Dict[str, Any]:
    """Run the program `path` in the current graph with `tf` (compat.v1) as its `tensorflow`, and
    as that of the modules beside it that it imports; returns its namespace."""
    import builtins

    home = os.path.dirname(os.path.abspath(path))
    original_import = builtins.__import__

    def tf_import(name: str, globals_: Any = None, locals_: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        importer = str((globals_ or {}).get("__file__") or "")
        if name == "tensorflow" and level == 0 and importer.startswith(home + os.sep):
            return tf
        return original_import(name, globals_, locals_, fromlist, level)

    beside = {name[:-3] for name in os.listdir(home) if name.endswith(".py")}
    sys.path.insert(0, home)
    builtins.__import__ = tf_import
    try:
        namespace: Dict[str, Any] = {"__name__": "__main__", "__file__": os.path.abspath(path)}
        with open(path, encoding="utf-8") as handle:
            exec(compile(handle.read(), path, "exec"), namespace)
        return namespace
    finally:
        builtins.__import__ = original_import
        sys.path.remove(home)
        for name in beside:  # `before/nets.py` and `after/nets.py` are two modules
            sys.modules.pop(name, None)


def save_program(tf: Any, path: str, prefix: str) -> List[str]:
    """Build `path`'s graph afresh, save it with tf.train.Saver() at `prefix`; returns the names
    of its local variables (which a Saver leaves out). Float variables are saved filled with
    random values, none zero: a variable restored from one is then told from one initialised."""
    import numpy

    with tf.Graph().as_default():
        run_program(tf, path)
        with tf.Session() as sess:
            sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
            values = numpy.random.RandomState(0)
            for variable in tf.global_variables():
                if variable.dtype.base_dtype.is_floating:
                    shape = variable.shape.as_list()
                    variable.load(values.uniform(1.0, 2.0, size=shape).astype(variable.dtype.base_dtype.as_numpy_dtype),
                                  sess)
            tf.train.Saver().save(sess, prefix, write_meta_graph=False)
        return [v.op.name for v in tf.local_variables()]


def restore_failures(tf: Any, path: str, prefix: str) -> Dict[str, str]:
    """Build `path`'s graph afresh and restore each of its saved variables from `prefix` on its
    own (tf.train.Saver().restore stops at the first failure): checkpoint key -> the error
    class TF raised (NotFoundError: the key is missing; InvalidArgumentError: another shape or
    dtype)."""
    failures: Dict[str, str] = {}
    with tf.Graph().as_default():
        run_program(tf, path)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for variable in tf.global_variables():
                info = getattr(variable, "_save_slice_info", None)
                key = info.full_name if info is not None else variable.op.name
                try:
                    tf.train.Saver(var_list=[variable]).restore(sess, prefix)
                except (tf.errors.NotFoundError, tf.errors.InvalidArgumentError) as exc:
                    failures[key] = type(exc).__name__
    return failures


def restored_by_map(tf: Any, path: str, prefix: str, assignment_map: Dict[str, str]) -> Dict[str, bool]:
    """Build `path`'s graph afresh, apply tf.train.init_from_checkpoint(prefix, assignment_map),
    initialise: for each mapped variable, whether it now holds the checkpoint's value."""
    import numpy

    with tf.Graph().as_default():
        run_program(tf, path)
        tf.train.init_from_checkpoint(prefix, assignment_map)
        by_name = {v.op.name: v for v in tf.global_variables()}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return {new: bool(numpy.array_equal(sess.run(by_name[new.rstrip("/")]),
                                                tf.train.load_variable(prefix, old)))
                    for old, new in assignment_map.items()}


def change_case(tf: Any, case: str) -> None:
    """tests/checkpoints/changes/CASE: before/train.py saved (the index kept), and what real TF's
    restore into after/train.py's graph fails on."""
    directory = os.path.join(OUT, "changes", case, "checkpoint")
    prefix = os.path.join(directory, "model.ckpt")
    local = save_program(tf, os.path.join(OUT, "changes", case, "before", "train.py"), prefix)
    answer = dict(record(tf, prefix), local_variables=local,
                  restore_fails=restore_failures(tf, os.path.join(OUT, "changes", case, "after", "train.py"), prefix))
    with open(os.path.join(directory, "restore.json"), "w", encoding="utf-8") as out:
        json.dump(answer, out, indent=1, sort_keys=True)
        out.write("\n")


CHANGE_CASES = ("renamed_scope", "added_prefix", "dense_shift", "imported_scope")


def object_model(tf: Any) -> None:
    """tf.train.Checkpoint's object-based names (`.ATTRIBUTES/VARIABLE_VALUE`, the object graph)."""
    with tf.variable_scope("net"):
        w = tf.get_variable("w", [2, 2], use_resource=True)
        b = tf.get_variable("b", [2], use_resource=True)
    checkpoint = tf.train.Checkpoint(net=tf.train.Checkpoint(w=w, b=b))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        checkpoint.save(os.path.join(OUT, "object", "ckpt"), session=sess)


def main() -> None:
    import tensorflow.compat.v1 as tf  # type: ignore[import-untyped]

    tf.disable_v2_behavior()  # TF1: reference variables (a resource variable restores another shape silently)
    tf.logging.set_verbosity(tf.logging.ERROR)
    models: Dict[str, Callable[[Any], None]] = {"saver": saver_model, "object": object_model}
    for directory, build in models.items():
        path = os.path.join(OUT, directory)
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        with tf.Graph().as_default():
            build(tf)
        state = tf.train.get_checkpoint_state(path)
        prefix = state.model_checkpoint_path
        if not os.path.isabs(prefix):
            prefix = os.path.join(path, prefix)
        with open(prefix + ".json", "w", encoding="utf-8") as out:
            json.dump(record(tf, prefix), out, indent=1, sort_keys=True)
            out.write("\n")
        # Only the index is read by the tests; the tensors' values are not needed.
        for data in glob.glob(os.path.join(path, "*.data-*")) + glob.glob(os.path.join(path, "*.meta")):
            os.remove(data)
        print("wrote", os.path.relpath(prefix, ROOT), file=sys.stderr)
    for case in CHANGE_CASES:
        path = os.path.join(OUT, "changes", case, "checkpoint")
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
        change_case(tf, case)
        for data in glob.glob(os.path.join(path, "*.data-*")):
            os.remove(data)
        print("wrote", os.path.relpath(path, ROOT), file=sys.stderr)


if __name__ == "__main__":
    main()
