"""Oracle tier: fixture programs run under real TensorFlow and saved with tf.train.Saver; what
scopelint.checkpoint reads from each checkpoint must be what tf.train.list_variables (names,
shapes) and the reader's dtype map say. One TF process runs them all, each in a fresh graph."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
from tf_oracle import tf_python

from scopelint.checkpoint import read_checkpoint

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
# (fixture, the case function to call; None: the module body is the program)
PROGRAMS: List[Tuple[str, Any]] = [
    ("train/optimizers.py", "case_adam_twice_and_momentum"),
    ("train/moving_averages.py", "case_apply_to_trainable_variables"),
    ("partitioned/fixed_size_names.py", None),
    ("partitioned/scope_partitioner.py", None),
    ("layers/tf_layers_conv.py", "case_conv_stack"),
    ("layers/tf_layers_functional.py", "case_float64_inputs_make_float64_weights"),
    ("layers/tf_layers_objects.py", "case_two_named_instances_do_not_collide"),
]

# Run with $SCOPELINT_TF_PYTHON: argv[1] a JSON list of [fixture path, case or null, checkpoint prefix].
DRIVER = r'''
import builtins, json, os, sys, traceback
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, os.path.join(sys.argv[2], "oracle"))
out = sys.stdout
sys.stdout = sys.stderr
from tf_runner import load_tf  # noqa: E402 - tf.compat.v1 in graph mode, with the TF1 shims
tf = load_tf()
original_import = builtins.__import__
answers = []
for path, case, prefix in json.loads(sys.argv[1]):
    home = os.path.dirname(os.path.abspath(path)) + os.sep

    def tf_import(name, globals_=None, locals_=None, fromlist=(), level=0):
        module = original_import(name, globals_, locals_, fromlist, level)
        if name == "tensorflow" and level == 0 and str((globals_ or {}).get("__file__") or "").startswith(home):
            return tf
        return module

    try:
        tf.reset_default_graph()
        namespace = {"__name__": "__fixture__", "__file__": os.path.abspath(path),
                     "__builtins__": dict(vars(builtins), __import__=tf_import)}
        exec(compile(open(path, encoding="utf-8").read(), path, "exec"), namespace)
        if case:
            namespace[case]()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.train.Saver().save(sess, prefix, write_meta_graph=False)
        reader = tf.train.load_checkpoint(prefix)
        answers.append({
            "list_variables": [[n, list(s)] for n, s in tf.train.list_variables(prefix)],
            "dtypes": {n: d.name for n, d in reader.get_variable_to_dtype_map().items()},
        })
    except Exception:
        answers.append({"error": traceback.format_exc()})
out.write(json.dumps(answers) + "\n")
out.flush()
'''


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> List[Tuple[Path, Dict[str, Any]]]:
    root = tmp_path_factory.mktemp("checkpoints")
    jobs = [[str(FIXTURES / path), case, str(root / ("%d" % i) / "model.ckpt")]
            for i, (path, case) in enumerate(PROGRAMS)]
    done = subprocess.run([tf_python(), "-c", DRIVER, json.dumps(jobs), str(TESTS)], capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0 or not done.stdout.strip():
        pytest.fail("the TF driver failed:\n" + done.stderr[-4000:])
    answers: List[Dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])
    return [(Path(job[2]), answer) for job, answer in zip(jobs, answers)]


@pytest.mark.oracle
@pytest.mark.parametrize("index", range(len(PROGRAMS)), ids=["%s::%s" % p for p in PROGRAMS])
def test_reader_agrees_with_tensorflow(index: int, saved: List[Tuple[Path, Dict[str, Any]]]) -> None:
    prefix, answer = saved[index]
    assert "error" not in answer, "the program failed under TF:\n" + answer.get("error", "")
    entries = read_checkpoint(str(prefix))
    assert entries
    assert [(e.name, list(e.shape or ())) for e in entries] == [(n, s) for n, s in answer["list_variables"]]
    assert all(e.shape is not None for e in entries)
    assert {e.name: e.dtype for e in entries} == answer["dtypes"]
    assert read_checkpoint(str(prefix.parent)) == entries  # the `checkpoint` state file Saver wrote
    partitioned = PROGRAMS[index][0].startswith("partitioned/")
    assert any(e.sliced for e in entries) == partitioned
