"""Benchmark: static analysis of one large generated TF1 module, against peers in the same run.

    python benchmarks/bench_analysis.py [--lines 5000] [--repeat 3]

Prints a table and writes benchmarks/results/analysis.json. Peers: CPython's ast.parse (the
gate), pyflakes (if installed), and the reference runtime executing the same module.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Dict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from generate_module import generate  # noqa: E402


def timed(function: Callable[[], Any], repeat: int) -> Dict[str, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"wall_s": min(walls), "cpu_s": min(cpus)}


def peak_rss_of(code: str) -> float:
    """Peak RSS in MB of a fresh interpreter running `code` (so peers do not share a heap)."""
    done = subprocess.run([sys.executable, "-c", code + "\nimport resource, sys\n"
                           "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
                          capture_output=True, text=True, cwd=os.path.dirname(HERE))
    return int(done.stdout.strip().splitlines()[-1]) / 1024.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = generate(args.lines, seed=1)
    lines = source.count("\n")
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "generated_model.py")
    with open(path, "w") as handle:
        handle.write(source)

    from scopelint.analysis import analyze_source
    from scopelint.runtime import run_file
    from scopelint.source import Source

    analysis = analyze_source(Source(path, source))
    results: Dict[str, Any] = {"file_lines": lines, "python": sys.version.split()[0], "measurements": {}}
    m = results["measurements"]
    m["ast.parse"] = timed(lambda: ast.parse(source), args.repeat)
    m["scopelint names (static)"] = timed(lambda: analyze_source(Source(path, source)), args.repeat)
    m["scopelint run (runtime)"] = timed(lambda: run_file(path), args.repeat)
    try:
        import pyflakes.api  # noqa: F401
        from pyflakes.api import check
        from pyflakes.reporter import Reporter
        import io

        m["pyflakes"] = timed(lambda: check(source, path, Reporter(io.StringIO(), io.StringIO())), args.repeat)
    except ImportError:
        m["pyflakes"] = None
    m["scopelint names (static)"]["peak_rss_mb"] = peak_rss_of(
        "from scopelint.analysis import analyze_source\nfrom scopelint.source import read_source\n"
        "analyze_source(read_source(%r))" % path)
    m["ast.parse"]["peak_rss_mb"] = peak_rss_of("import ast\nast.parse(open(%r).read())" % path)
    static = m["scopelint names (static)"]
    results["predicted_variables"] = len(analysis.module.variables) if analysis.module else 0
    results["findings"] = [(d.line, d.code) for d in analysis.all_findings()]
    results["incomplete"] = bool(analysis.module and analysis.module.incomplete)
    print("%d-line generated module, %d variables predicted, %d findings, incomplete=%s"
          % (lines, results["predicted_variables"], len(results["findings"]), results["incomplete"]))
    print("%-28s %10s %10s %12s %12s" % ("stage", "wall s", "cpu s", "lines/s", "peak RSS MB"))
    for name, value in m.items():
        if value is None:
            print("%-28s %10s" % (name, "not installed"))
            continue
        print("%-28s %10.3f %10.3f %12.0f %12s" % (name, value["wall_s"], value["cpu_s"], lines / value["wall_s"],
                                                   "%.0f" % value["peak_rss_mb"] if "peak_rss_mb" in value else "-"))
    if m.get("pyflakes"):
        print("static analysis / pyflakes wall-time ratio: %.2f" % (static["wall_s"] / m["pyflakes"]["wall_s"]))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "analysis.json"), "w") as handle:
        json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
