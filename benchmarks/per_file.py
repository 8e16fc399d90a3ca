"""What one scopelint checkout predicts for each file of a codebase, and its CPU time, to compare
two checkouts file by file (a change's speed and whether it moved any result):

    python benchmarks/per_file.py run OUT.json [DIR] [--step N] [--code CHECKOUT] [--files LIST]
    python benchmarks/per_file.py compare BEFORE.json AFTER.json

`run` analyses every Nth file of DIR in path order (default: every file of
benchmarks/.cache/codebase) with `api.check_path` in one process, timing each with
`time.process_time()`; CHECKOUT is the scopelint to measure (default: this one), e.g. a
`git worktree` of an older commit; LIST, a file of paths as OUT.json names them (`./pkg/mod.py`,
one a line), analyses those only (the files an earlier compare listed, again with a change).
Run the two checkouts at the same time, one per core: the machine's load moves both alike.
`compare` lists the files whose variables (name, shape, dtype, line, certainty, entry point) or
findings differ, and the CPU totals."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Dict, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, ".cache", "codebase")


def run(out: str, directory: str, step: int, code: str, only: Optional[str] = None) -> None:
    sys.path.insert(0, os.path.abspath(code))
    sys.setrecursionlimit(10_000)
    from scopelint import api
    from scopelint.config import load_config

    out = os.path.abspath(out)
    os.chdir(directory)
    config = load_config(".")
    files: Dict[str, Any] = {}
    paths = sorted(api.iter_python_files(["."]))[::step]
    if only is not None:
        with open(only) as handle:
            chosen = {line.strip() for line in handle if line.strip()}
        paths = [path for path in paths if path in chosen]
    for path in paths:
        begin = time.process_time()
        result = api.check_path(path, config)
        files[path] = {"cpu": time.process_time() - begin,
                       "variables": [[v.name, str(v.shape), v.dtype, v.line, v.certain, v.entry]
                                     for v in result.inventory],
                       "findings": [[d.line, d.code, d.message] for d in result.diagnostics]}
    with open(out, "w") as handle:
        json.dump(files, handle)
    variables = sum(len(f["variables"]) for f in files.values())
    known = sum(1 for f in files.values() for v in f["variables"] if "?" not in v[0])
    print("%d files, %.1f s CPU, %d variables, %d fully known names, %d findings"
          % (len(files), sum(f["cpu"] for f in files.values()), variables, known,
             sum(len(f["findings"]) for f in files.values())))


def compare(before_path: str, after_path: str) -> None:
    with open(before_path) as handle:
        before = json.load(handle)
    with open(after_path) as handle:
        after = json.load(handle)
    differing = 0
    for path in sorted(set(before) & set(after)):
        old, new = before[path], after[path]
        if old["variables"] == new["variables"] and old["findings"] == new["findings"]:
            continue
        differing += 1
        old_set = {json.dumps(v) for v in old["variables"]}
        new_set = {json.dumps(v) for v in new["variables"]}
        print("%s: %d -> %d variables (%d gone, %d new), %d -> %d findings"
              % (path, len(old_set), len(new_set), len(old_set - new_set), len(new_set - old_set),
                 len(old["findings"]), len(new["findings"])))
    print("%d files differ; CPU %.1f -> %.1f s" % (differing, sum(f["cpu"] for f in before.values()),
                                                   sum(f["cpu"] for f in after.values())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    runner = commands.add_parser("run")
    runner.add_argument("out")
    runner.add_argument("dir", nargs="?", default=DEFAULT_DIR)
    runner.add_argument("--step", type=int, default=1)
    runner.add_argument("--code", default=os.path.dirname(HERE))
    runner.add_argument("--files", default=None)
    comparer = commands.add_parser("compare")
    comparer.add_argument("before")
    comparer.add_argument("after")
    options = parser.parse_args()
    if options.command == "run":
        run(options.out, options.dir, options.step, options.code, options.files and os.path.abspath(options.files))
    else:
        compare(options.before, options.after)


if __name__ == "__main__":
    main()
