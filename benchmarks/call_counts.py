"""A measure of the analysis's work that the machine's load does not move: the number of Python
function calls (cProfile) it makes over a fixed sample of a codebase, with the variables, fully
known names and findings it reports there. Compare two checkouts on the same sample:

    python benchmarks/call_counts.py [DIR] [--step N] [--code CHECKOUT]

DIR defaults to benchmarks/.cache/codebase (the pinned libraries `realcode.py` downloads); the
sample is every Nth file in path order (default 16); CHECKOUT is the scopelint to measure
(default: this one), e.g. a `git worktree` of an older commit."""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, ".cache", "codebase")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", nargs="?", default=DEFAULT_DIR)
    parser.add_argument("--step", type=int, default=16)
    parser.add_argument("--code", default=os.path.dirname(HERE))
    options = parser.parse_args()
    sys.path.insert(0, os.path.abspath(options.code))
    sys.setrecursionlimit(10_000)
    from scopelint import api

    os.chdir(options.dir)
    files = sorted(api.iter_python_files(["."]))[0::options.step]
    variables = known = findings = 0
    profile = cProfile.Profile()
    started = time.process_time()
    profile.enable()
    for path in files:
        result = api.check_path(path)
        variables += len(result.inventory)
        known += sum(1 for v in result.inventory if "?" not in v.name)
        findings += len(result.diagnostics)
    profile.disable()
    print("scopelint at %s: %d files, %d variables, %d fully known names, %d findings, %.1fM Python calls "
          "(%.1f s CPU under the profiler)" % (os.path.dirname(api.__file__), len(files), variables, known, findings,
                                               pstats.Stats(profile).total_calls / 1e6,  # type: ignore[attr-defined]
                                               time.process_time() - started))


if __name__ == "__main__":
    main()
