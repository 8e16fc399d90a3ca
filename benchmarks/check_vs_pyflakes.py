"""One job of `scopelint check` against pyflakes on the same files, in one run.

    python benchmarks/check_vs_pyflakes.py [DIR] [--step N]

DIR defaults to benchmarks/.cache/codebase (the pinned libraries `realcode.py` downloads).
pyflakes runs before and after scopelint (a subprocess each; the machine's load moves both, and
the mean of the two is the yardstick); scopelint analyses every file in this process, as
`scopelint check` does with one job, timing each. Prints CPU seconds, the ratio, peak RSS and
the slowest ten files with what made them slow (budget-bound or not, variables predicted).
`--step N` takes every Nth file (a quicker sample; pyflakes then gets the same files).
`--pylint` also times `pylint -E` (errors only: its inference, which follows imports as
scopelint does, without the style checks) on the same files, one job, after scopelint: a peer
of scopelint's kind beside pyflakes, which reads each file alone."""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from typing import List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, ".cache", "codebase")


def _peer_cpu(command: List[str], files: List[str], cwd: str) -> float:
    """CPU seconds of `python -m <command> FILES...`, run in chunks of 500 files."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for start in range(0, len(files), 500):  # argument lists stay short
        subprocess.run([sys.executable, "-m"] + command + files[start:start + 500], cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _pyflakes_cpu(files: List[str], cwd: str) -> float:
    return _peer_cpu(["pyflakes"], files, cwd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=DEFAULT_DIR)
    parser.add_argument("--step", type=int, default=1)
    parser.add_argument("--pylint", action="store_true", help="also time pylint -E on the same files")
    args = parser.parse_args()
    from scopelint import api
    from scopelint.config import load_config

    root = os.path.abspath(args.directory)
    os.chdir(root)
    files = list(api.iter_python_files(["."]))[:: args.step]
    config = load_config(".")
    flakes_before = _pyflakes_cpu(files, root)
    timings: List[Tuple[float, str, bool, int]] = []
    variables = findings = 0
    started = time.process_time()
    for path in files:
        begin = time.process_time()
        result = api.check_path(path, config)
        timings.append((time.process_time() - begin, path, result.incomplete, len(result.inventory)))
        variables += len(result.inventory)
        findings += len(result.diagnostics)
    scopelint_cpu = time.process_time() - started
    flakes_after = _pyflakes_cpu(files, root)
    flakes = (flakes_before + flakes_after) / 2
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("%d files under %s" % (len(files), root))
    print("pyflakes CPU s: %.1f before, %.1f after (mean %.1f)" % (flakes_before, flakes_after, flakes))
    print("scopelint CPU s: %.1f, one job (%.1fx pyflakes), peak RSS %.0f MB" % (
        scopelint_cpu, scopelint_cpu / flakes if flakes else float("inf"), peak_mb))
    if args.pylint:
        pylint = _peer_cpu(["pylint", "-E", "--jobs=1", "--persistent=n", "--score=n"], files, root)
        print("pylint -E CPU s: %.1f (scopelint is %.2fx pylint -E), its peak RSS %.0f MB" % (
            pylint, scopelint_cpu / pylint if pylint else float("inf"),
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
    print("variables predicted: %d, findings: %d" % (variables, findings))
    print("slowest ten:")
    for seconds, path, incomplete, count in sorted(timings, reverse=True)[:10]:
        state = "budget-bound" if incomplete else "complete"
        print("  %6.2f s  %-14s %5d variables  %s" % (seconds, state, count, path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
