"""The result cache: an unchanged file is not analysed again; a change to the file, to a module
it imports, or to the configuration is; a corrupt entry is ignored; concurrent writers are safe."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scopelint.api import check_paths
from scopelint.cache import ResultCache
from scopelint.config import Config

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "tests" / "fixtures" / "projects" / "gan_ops"


def _project(tmp_path: Path) -> Path:
    target = tmp_path / "gan"
    shutil.copytree(PROJECT, target)
    return target


def _touch_later(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text)
    if path.stat().st_mtime_ns == before:  # coarse clocks: make the change visible
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_second_run_is_served_from_the_cache_with_the_same_results(tmp_path: Path) -> None:
    project = _project(tmp_path)
    cache = ResultCache(str(tmp_path / "cache"))
    first = check_paths([str(project)], Config(), cache=cache)
    second = check_paths([str(project)], Config(), cache=ResultCache(str(tmp_path / "cache")))
    assert first.cached == 0 and second.cached == len(first.results) == 3
    assert [r.as_json() for r in second.results] == [r.as_json() for r in first.results]
    assert any(r.diagnostics for r in second.results)


def test_a_changed_import_or_config_invalidates(tmp_path: Path) -> None:
    project = _project(tmp_path)
    check_paths([str(project)], Config(), cache=ResultCache(str(tmp_path / "cache")))
    ops = project / "ops.py"
    _touch_later(ops, ops.read_text() + "\n# edited\n")
    again = check_paths([str(project)], Config(), cache=ResultCache(str(tmp_path / "cache")))
    # ops.py itself and every file that imports it (model.py, train.py) are analysed again.
    assert again.cached == 0
    other_config = check_paths([str(project)], Config(ignore=("SL101",)), cache=ResultCache(str(tmp_path / "cache")))
    assert other_config.cached == 0


def test_a_corrupt_entry_is_ignored(tmp_path: Path) -> None:
    project = _project(tmp_path)
    cache_dir = tmp_path / "cache"
    first = check_paths([str(project)], Config(), cache=ResultCache(str(cache_dir)))
    entries = [p for p in cache_dir.rglob("*.json")]
    assert len(entries) == 3
    for entry in entries:
        entry.write_text("{not json")
    again = check_paths([str(project)], Config(), cache=ResultCache(str(cache_dir)))
    assert again.cached == 0
    assert [r.as_json() for r in again.results] == [r.as_json() for r in first.results]
    assert (cache_dir / ".gitignore").read_text().strip().endswith("*")


def test_concurrent_reports_share_one_cache(tmp_path: Path) -> None:
    project = _project(tmp_path)
    command = [sys.executable, "-m", "scopelint", "report", str(project), "--format", "json", "--no-progress",
               "--cache-dir", str(tmp_path / "cache")]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 1 for run in runs), [o[1] for o in outputs]
    assert len({o[0] for o in outputs}) == 1  # every run wrote the same report
    # A later run (the same scopelint: in-process code may be another copy, installed by tox)
    # finds every file in the cache the concurrent ones wrote.
    warm = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert warm.stdout == outputs[0][0] and "3 from the cache" in warm.stderr, warm.stderr


def test_a_module_added_to_a_listed_package_invalidates(tmp_path: Path) -> None:
    """A package that imports its modules by listing its directory (pkgutil.iter_modules, as
    tensorpack's do): the result depends on the listing, so a module added there is seen."""
    project = tmp_path / "pkgs"
    shutil.copytree(ROOT / "tests" / "fixtures" / "projects" / "runtime_package_imports", project)
    train = str(project / "train.py")
    first = check_paths([train], Config(), cache=ResultCache(str(tmp_path / "cache")))
    again = check_paths([train], Config(), cache=ResultCache(str(tmp_path / "cache")))
    assert again.cached == 1
    assert any(dep.endswith("layerpkg") for dep in first.results[0].dependencies)
    listed = project / "layerpkg"
    before = listed.stat().st_mtime_ns
    (listed / "extra.py").write_text("import tensorflow as tf\n__all__ = []\nEXTRA = tf.get_variable('extra', [1])\n")
    if listed.stat().st_mtime_ns == before:  # coarse clocks: make the change visible
        os.utime(listed, ns=(before + 1_000_000, before + 1_000_000))
    after = check_paths([train], Config(), cache=ResultCache(str(tmp_path / "cache")))
    assert after.cached == 0
    names = [v["name"] for v in after.results[0].as_json()["inventory"]]
    assert "extra:0" in names and "extra:0" not in [v["name"] for v in first.results[0].as_json()["inventory"]]
