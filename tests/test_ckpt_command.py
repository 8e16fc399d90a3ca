"""`scopelint ckpt` end to end, against a checkpoint real TF wrote (tests/checkpoints/saver, made
by tools/make_test_checkpoints.py from the graph tests/checkpoints/saver_model.py builds)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scopelint.checkpoint import format_entries, read_checkpoint

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "tests" / "checkpoints" / "saver_model.py"
CHECKPOINT = ROOT / "tests" / "checkpoints" / "saver"


def ckpt(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scopelint", "ckpt", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_the_code_that_wrote_a_checkpoint_restores_it() -> None:
    proc = ckpt(str(MODEL), "--checkpoint", str(CHECKPOINT), "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and not data["restore_fails"], proc.stdout
    # every key but the optimizer's step counters is one the code creates
    assert data["matched"] == len(read_checkpoint(str(CHECKPOINT))) - len(data["slots"])
    assert not data["missing"] and not data["unused"] and not data["uncertain"]


def test_a_renamed_scope_is_caught_with_the_map_that_restores_it(tmp_path: Path) -> None:
    renamed = tmp_path / "model.py"
    renamed.write_text(MODEL.read_text().replace('"generator"', '"gen"'))
    proc = ckpt(str(renamed), "--checkpoint", str(CHECKPOINT), "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and data["restore_fails"]
    assert data["assignment_map"]["generator/dense/kernel"] == "gen/dense/kernel"
    assert data["assignment_map"]["generator/embedding/Adam"] == "gen/embedding/Adam"  # a partitioned slot
    text = ckpt(str(renamed), "--checkpoint", str(CHECKPOINT)).stdout
    assert "missing: gen/dense/kernel (3, 4) float32  (line 8)" in text and "a scope was renamed" in text


def test_a_changed_shape_fails_the_restore(tmp_path: Path) -> None:
    changed = tmp_path / "model.py"
    changed.write_text(MODEL.read_text().replace('"kernel", [3, 4]', '"kernel", [3, 5]'))
    data = json.loads(ckpt(str(changed), "--checkpoint", str(CHECKPOINT), "--format", "json").stdout)
    assert [(m["name"], m["problem"]) for m in data["mismatched"]][0] == (
        "generator/dense/kernel", "shape (3, 5) in the code, (3, 4) in the checkpoint")


def test_a_name_list_stands_in_for_the_checkpoint(tmp_path: Path) -> None:
    listing = tmp_path / "names.txt"
    listing.write_text(format_entries(read_checkpoint(str(CHECKPOINT))))
    proc = ckpt(str(MODEL), "--checkpoint", str(listing), "--names")
    assert proc.returncode == 0 and "the restore would succeed" in proc.stdout


def test_usage_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "model.ckpt.index"
    bad.write_bytes(b"not a checkpoint")
    for args in ([str(MODEL), "--checkpoint", str(bad)], [str(MODEL), "--checkpoint", str(CHECKPOINT),
                                                          "--entry", "nope"]):
        proc = ckpt(*args)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
