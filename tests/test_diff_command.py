"""`scopelint diff` end to end over a temporary git repository: a fixture pair's `before/` committed,
its `after/` in the working tree. What must fail to restore is what real TF failed on when the
graph `after/train.py` builds restored the checkpoint `before/train.py` wrote
(tests/checkpoints/changes/CASE/checkpoint/restore.json, made by tools/make_test_checkpoints.py);
`scopelint ckpt` against that checkpoint must say the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Set

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHANGES = ROOT / "tests" / "checkpoints" / "changes"
ENV = dict(os.environ, PYTHONPATH=str(ROOT), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
           GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")

# What each change does to a name: the change the fixture pair makes, by its author's intent
# (`before/` -> `after/`). A renamed variable's counterpart must be the old name this maps.
INTENT: Dict[str, Callable[[str], str]] = {
    "renamed_scope": lambda old: old.replace("generator/", "gen/", 1),
    "added_prefix": lambda old: "model/" + old,
    "dense_shift": lambda old: old.replace("dense/", "dense_1/", 1),
    "imported_scope": lambda old: old.replace("classifier/", "head/", 1),
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def scopelint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scopelint", *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=300)


def repository(tmp: Path, case: str, subdirectory: str = "") -> Path:
    """A git repository with CASE's `before/` committed and its `after/` in the working tree."""
    repo = tmp / "repo"
    work = repo / subdirectory
    work.mkdir(parents=True)
    git(repo, "init", "-q")
    for name in os.listdir(CHANGES / case / "before"):
        shutil.copy(CHANGES / case / "before" / name, work / name)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "before")
    for name in os.listdir(CHANGES / case / "after"):
        shutil.copy(CHANGES / case / "after" / name, work / name)
    return work


def recorded(case: str) -> Dict[str, Any]:
    answer: Dict[str, Any] = json.loads((CHANGES / case / "checkpoint" / "restore.json").read_text())
    return answer


def breaking(data: Dict[str, Any]) -> Set[str]:
    """The new names `diff` says a checkpoint written at the base lacks or holds differently."""
    return {v["name"] for unit in data["units"] for kind in ("renamed", "added", "changed") for v in unit[kind]}


def assignment_map(data: Dict[str, Any]) -> Dict[str, str]:
    return {old: new for unit in data["units"] for old, new in unit["assignment_map"].items()}


@pytest.mark.parametrize("case", sorted(INTENT))
def test_diff_and_ckpt_report_what_tf_fails_to_restore(case: str, tmp_path: Path) -> None:
    fails = set(recorded(case)["restore_fails"])
    work = repository(tmp_path, case)
    proc = scopelint(work, "diff", "--base", "HEAD", "--format", "json")  # default: changed files and importers
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and data["breaks_restore"], proc.stdout + proc.stderr
    assert breaking(data) == fails
    mapping = assignment_map(data)
    # the values are store keys: an optimizer slot's ends in `/`, as init_from_checkpoint needs
    assert mapping
    assert {old: new.rstrip("/") for old, new in mapping.items()} == {old: INTENT[case](old) for old in mapping}
    added = {v["name"] for unit in data["units"] for v in unit["added"]}
    old_keys = [name for name, _ in recorded(case)["list_variables"]]
    assert added == fails - {INTENT[case](old) for old in old_keys}  # only dense_shift's new layer is added
    assert "will not restore" in data["headline"]

    checkpoint = CHANGES / case / "checkpoint"
    result = json.loads(scopelint(ROOT, "ckpt", str(CHANGES / case / "after" / "train.py"), "--checkpoint",
                                  str(checkpoint), "--format", "json").stdout)
    assert {v["name"] for v in result["missing"] + result["mismatched"]} == fails
    assert result["assignment_map"] == mapping


@pytest.mark.parametrize("case", sorted(INTENT))
def test_the_code_before_restores_its_own_checkpoint(case: str) -> None:
    """Its local variables (a Saver leaves them out) are not missing."""
    proc = scopelint(ROOT, "ckpt", str(CHANGES / case / "before" / "train.py"), "--checkpoint",
                     str(CHANGES / case / "checkpoint"), "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and not data["missing"] and not data["uncertain"], proc.stdout
    saved = {name for name, _ in recorded(case)["list_variables"]}
    assert not saved & set(recorded(case)["local_variables"])


def test_a_local_variable_is_neither_added_nor_renamed(tmp_path: Path) -> None:
    local = recorded("renamed_scope")["local_variables"]
    assert local  # the fixture has one, and TF's Saver left it out
    data = json.loads(scopelint(repository(tmp_path, "renamed_scope"), "diff", "--base", "HEAD", "--format",
                                "json").stdout)
    named = {v["name"] for unit in data["units"] for kind in ("renamed", "added", "removed", "uncertain")
             for v in unit[kind]}
    assert not named & {INTENT["renamed_scope"](n) for n in local} and not named & set(local)


def test_in_a_subdirectory_an_imported_module_at_the_base_is_read_too(tmp_path: Path) -> None:
    """train.py is unchanged; the scope it opens through nets.py is renamed. Old train.py's
    analysis must follow its import into the base's nets.py."""
    work = repository(tmp_path, "imported_scope", "src")
    proc = scopelint(work, "diff", "--base", "HEAD", "train.py")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "renamed: classifier/dense/kernel -> head/dense/kernel (5, 2) float32  (line 9)" in proc.stdout
    assert proc.stdout.rstrip().endswith("this change renames 2 variables; checkpoints written before it will not "
                                         "restore.")


def test_a_file_absent_at_the_base_adds_everything(tmp_path: Path) -> None:
    work = repository(tmp_path, "added_prefix")
    shutil.copy(CHANGES / "dense_shift" / "after" / "train.py", work / "extra.py")
    data = json.loads(scopelint(work, "diff", "--base", "HEAD", "extra.py", "--format", "json").stdout)
    assert data["notes"] == [{"path": "extra.py", "note": "absent at HEAD: every variable it creates is added"}]
    assert {v["name"] for v in data["units"][0]["added"]} == {"dense/kernel", "dense/bias", "dense_1/kernel",
                                                              "dense_1/bias"}


def test_nothing_changed_is_exit_0(tmp_path: Path) -> None:
    work = repository(tmp_path, "added_prefix")
    git(work, "stash", "-q")
    proc = scopelint(work, "diff", "--base", "HEAD")
    assert proc.returncode == 0 and "no Python file changed since HEAD" in proc.stdout
    proc = scopelint(work, "diff", "--base", "HEAD", "train.py")
    assert proc.returncode == 0 and "checkpoints written before it restore" in proc.stdout


@pytest.mark.parametrize("args, message", [
    (["--base", "nope"], "unknown revision 'nope'"),
    (["--base", "HEAD", "missing.py"], "missing.py: no such file, now or at"),
    (["--base", "HEAD", "/"], "is outside the repository"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, args: List[str], message: str) -> None:
    proc = scopelint(repository(tmp_path, "added_prefix"), "diff", *args)
    assert proc.returncode == 2 and message in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr


def test_not_a_git_repository(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "scopelint", "diff", "--base", "HEAD"], cwd=tmp_path,
                          env=dict(ENV, GIT_CEILING_DIRECTORIES=str(tmp_path.parent)), capture_output=True, text=True)
    assert proc.returncode == 2 and "is not in a git repository" in proc.stderr
