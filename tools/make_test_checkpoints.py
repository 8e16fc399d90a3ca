"""Remake the tiny TensorFlow checkpoints under tests/checkpoints/ that tests/test_checkpoint_reader.py
reads with scopelint.checkpoint (no TensorFlow there).

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
from typing import Any, Callable, Dict

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

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

    tf.disable_eager_execution()
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


if __name__ == "__main__":
    main()
