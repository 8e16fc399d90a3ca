"""Oracle tier: for each fixture pair under tests/checkpoints/changes/, real TensorFlow saves the
graph `before/train.py` builds with tf.train.Saver, then restores that checkpoint into the graph
`after/train.py` builds, one variable at a time. The keys it fails on must be exactly those
`scopelint diff` (over a git repository holding the pair) and `scopelint ckpt` (against the fresh
checkpoint) report, and the assignment_map they print must restore, through
tf.train.init_from_checkpoint, each renamed variable to the value its counterpart saved.
The TF side is tools/make_test_checkpoints.py's, run afresh in one TF process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
from test_diff_command import CHANGES, INTENT, ROOT, assignment_map, breaking, repository, scopelint
from tf_oracle import tf_python

CASES = sorted(INTENT)

# Run with $SCOPELINT_TF_PYTHON: argv[1] a JSON list of [case directory, checkpoint prefix, assignment_map].
DRIVER = r'''
import json, os, sys
root = sys.argv[2]
sys.path.insert(0, os.path.join(root, "tools"))
sys.path.insert(0, os.path.join(root, "tests", "oracle"))
out = sys.stdout
sys.stdout = sys.stderr
import make_test_checkpoints as tool  # noqa: E402 - first: it sets TF_USE_LEGACY_KERAS
from tf_runner import load_tf  # noqa: E402 - tf.compat.v1 in graph mode, reference variables, the TF1 shims
tf = load_tf()
answers = []
for case, prefix, mapping in json.loads(sys.argv[1]):
    try:
        local = tool.save_program(tf, os.path.join(case, "before", "train.py"), prefix)
        after = os.path.join(case, "after", "train.py")
        answers.append({
            "list_variables": [name for name, _ in tf.train.list_variables(prefix)],
            "local_variables": local,
            "restore_fails": tool.restore_failures(tf, after, prefix),
            "restored_by_map": tool.restored_by_map(tf, after, prefix, mapping),
        })
    except Exception:
        import traceback
        answers.append({"error": traceback.format_exc()})
out.write(json.dumps(answers) + "\n")
out.flush()
'''


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> List[Tuple[Dict[str, Any], Path, Dict[str, Any]]]:
    """Per case: scopelint diff's JSON, the fresh checkpoint's prefix, what TF did."""
    diffs = []
    for case in CASES:
        work = repository(tmp_path_factory.mktemp(case), case)
        diffs.append(json.loads(scopelint(work, "diff", "--base", "HEAD", "--format", "json").stdout))
    root = tmp_path_factory.mktemp("checkpoints")
    jobs = [[str(CHANGES / case), str(root / case / "model.ckpt"), assignment_map(data)]
            for case, data in zip(CASES, diffs)]
    done = subprocess.run([tf_python(), "-c", DRIVER, json.dumps(jobs), str(ROOT)], capture_output=True, text=True,
                          timeout=900)
    if done.returncode != 0 or not done.stdout.strip():
        pytest.fail("the TF driver failed:\n" + done.stderr[-4000:])
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    return [(data, Path(job[1]), answer) for data, job, answer in zip(diffs, jobs, answers)]


@pytest.mark.oracle
@pytest.mark.parametrize("index", range(len(CASES)), ids=CASES)
def test_diff_and_ckpt_match_what_tf_fails_to_restore(index: int, observed: List[Any]) -> None:
    data, prefix, answer = observed[index]
    case = CASES[index]
    assert "error" not in answer, "TF failed:\n" + answer.get("error", "")
    fails = set(answer["restore_fails"])
    assert fails and breaking(data) == fails
    result = json.loads(scopelint(ROOT, "ckpt", str(CHANGES / case / "after" / "train.py"), "--checkpoint",
                                  str(prefix), "--format", "json").stdout)
    assert {v["name"] for v in result["missing"] + result["mismatched"]} == fails
    mapping = assignment_map(data)
    assert result["assignment_map"] == mapping
    assert {old: new.rstrip("/") for old, new in mapping.items()} == {old: INTENT[case](old) for old in mapping}
    # init_from_checkpoint with the map restores every renamed variable to its counterpart's value
    assert answer["restored_by_map"] == {new: True for new in mapping.values()}
    assert len(mapping) == len([v for unit in data["units"] for v in unit["renamed"]])  # every rename is mapped


@pytest.mark.oracle
@pytest.mark.parametrize("index", range(len(CASES)), ids=CASES)
def test_ckpt_leaves_out_what_the_saver_left_out(index: int, observed: List[Any]) -> None:
    """The code that wrote the checkpoint restores it: local variables (renamed_scope has one)
    are neither in the checkpoint nor expected by `ckpt`."""
    _, prefix, answer = observed[index]
    assert "error" not in answer, "TF failed:\n" + answer.get("error", "")
    assert not set(answer["local_variables"]) & set(answer["list_variables"])
    proc = scopelint(ROOT, "ckpt", str(CHANGES / CASES[index] / "before" / "train.py"), "--checkpoint", str(prefix),
                     "--format", "json")
    result = json.loads(proc.stdout)
    assert proc.returncode == 0 and not result["missing"] and not result["uncertain"], proc.stdout
    assert result["matched"] + len(result["slots"]) == len(answer["list_variables"])
