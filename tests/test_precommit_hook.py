"""The pre-commit hook as users meet it: `pre-commit try-repo` installs this checkout into its
own virtualenv (from the package registry) and runs the `scopelint` hook of
.pre-commit-hooks.yaml on a project's files.

try-repo reads a git repository at a commit. Given a checkout with uncommitted changes it
commits tracked files' changes into a shadow copy but leaves untracked files out, so the test
snapshots the working tree (tracked and untracked, minus ignored files) into a fresh
repository: what is tested is the code as it is on disk, committed or not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Tuple

import pre_commit  # noqa: F401  (a test dependency: missing, this module fails rather than skips)
import pytest

ROOT = Path(__file__).resolve().parent.parent
CLEAN = '''import tensorflow as tf


def dense(x, units, reuse=False):
    with tf.variable_scope("dense", reuse=reuse):
        w = tf.get_variable("w", [x.get_shape().as_list()[-1], units])
        return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 4])
y1 = dense(x, 2)
y2 = dense(x, 2, reuse=True)
'''


def _env() -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and not k.startswith("PRE_COMMIT")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid", GIT_CONFIG_NOSYSTEM="1")
    env["HOME"] = os.environ.get("HOME", "/tmp")
    return env


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args], cwd=cwd,
                   env=_env(), check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> Tuple[Path, Path]:
    """(snapshot of this checkout as a one-commit repository, a user's project repository)."""
    snapshot = tmp_path_factory.mktemp("scopelint-snapshot")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True, timeout=60).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree stays out
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _git(snapshot, "init", "-q")
    _git(snapshot, "add", "-A")
    _git(snapshot, "commit", "-q", "-m", "snapshot of the working tree")

    project = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "examples" / "dcgan.py", project / "buggy.py")
    (project / "clean.py").write_text(CLEAN)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "project")
    return snapshot, project


def try_repo(snapshot: Path, project: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), "scopelint", "--verbose",
                           "--color=never", "--files", *files], cwd=project, env=_env(), capture_output=True,
                          text=True, timeout=600)


def test_hook_fails_on_the_buggy_file_and_passes_the_clean_one(repos: Tuple[Path, Path]) -> None:
    snapshot, project = repos
    buggy = try_repo(snapshot, project, "buggy.py")
    out = buggy.stdout + buggy.stderr
    assert buggy.returncode == 1, out
    assert "buggy.py:27:10: SL101 Variable discriminator/w0 already exists" in out, out
    assert "Failed" in out and "Traceback" not in out, out

    clean = try_repo(snapshot, project, "clean.py")
    out = clean.stdout + clean.stderr
    assert clean.returncode == 0, out
    assert "Passed" in out and "SL1" not in out, out
