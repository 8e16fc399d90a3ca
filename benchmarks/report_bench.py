"""`scopelint report` over a large real TF1 codebase: cold (every file analysed, all cores),
one core, and warm (the content-hash cache); and flake8 with and without the scopelint plugin.

    python benchmarks/report_bench.py [--repeat 1]

Downloads pinned TF1 libraries from PyPI (see realcode.py; cached in benchmarks/.cache/), and
writes benchmarks/results/report.json. The ratios are the point: warm/cold (the cache must make
a second run at least 20x faster), one core/all cores, flake8 with/without the plugin.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from typing import Any, Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from realcode import CACHE, download  # noqa: E402

CODEBASE = ["tensor2tensor==1.15.7", "magenta==1.3.1", "stable-baselines==2.10.2", "tf-slim==1.1.0",
            "tensorlayer==1.11.1", "bert-tensorflow==1.0.4", "gpt-2-simple==0.8.1", "dopamine-rl==2.0.5",
            "tflearn==0.5.0", "dm-sonnet==1.36", "tensorflow-probability==0.8.0", "tensorpack==0.11",
            "tensorflow-gan==2.0.0", "OpenNMT-tf==1.25.3"]


def timed(label: str, command: List[str], cwd: str) -> Dict[str, Any]:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    result = {"seconds": round(time.perf_counter() - start, 2), "exit": proc.returncode,
              "stderr_tail": proc.stderr.strip().splitlines()[-1:] if proc.stderr.strip() else []}
    print("%-24s %8.1f s  exit %s" % (label, result["seconds"], proc.returncode), flush=True)
    return result


def flake8_venvs() -> Dict[str, str]:
    """Two virtualenvs, flake8 alone and flake8 with scopelint installed from this checkout: a
    plugin installed beside flake8 runs on every file whatever --select says."""
    pythons = {}
    for name, extra in (("flake8-alone", []), ("flake8-scopelint", [os.path.dirname(HERE)])):
        venv = os.path.join(CACHE, name)
        python = os.path.join(venv, "bin", "python")
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            subprocess.run([python, "-m", "pip", "install", "--quiet", "flake8==7.3.0", *extra], check=True)
        elif extra:  # this checkout's current code
            subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", *extra],
                           check=True)
        pythons[name] = python
    return pythons


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    roots = download(CODEBASE)
    codebase = os.path.join(CACHE, "codebase")
    for spec, root in roots.items():  # one tree, as a monorepo would hold them
        target = os.path.join(codebase, spec.split("==")[0])
        if not os.path.isdir(target):
            shutil.copytree(root, target)
    files = sum(1 for d, _, names in os.walk(codebase) for n in names if n.endswith(".py"))
    cache_dir = os.path.join(CACHE, "report_cache")
    pythons = flake8_venvs()
    # scopelint as installed (not this checkout's files, which may change while it runs)
    scopelint = [pythons["flake8-scopelint"], "-m", "scopelint", "report", ".", "--format", "json", "-o",
                 os.path.join(CACHE, "report.json"), "--cache-dir", cache_dir]
    results: Dict[str, Any] = {"files": files, "cores": os.cpu_count(), "runs": []}
    print("%d files, %s cores" % (files, os.cpu_count()), flush=True)
    for _ in range(args.repeat):
        shutil.rmtree(cache_dir, ignore_errors=True)
        cold = timed("report, all cores", scopelint, codebase)
        warm = timed("report, cached", scopelint, codebase)
        one_core = timed("report, one core", scopelint + ["--jobs", "1", "--no-cache"], codebase)
        flake8 = ["-m", "flake8", "--isolated", "--select", "E9,F,SL", "."]
        flake8_plain = timed("flake8 alone", [pythons["flake8-alone"]] + flake8, codebase)
        flake8_plugin = timed("flake8 + scopelint", [pythons["flake8-scopelint"]] + flake8, codebase)
        results["runs"].append({"cold_all_cores": cold, "warm_cache": warm, "cold_one_core": one_core,
                                "flake8_without_plugin": flake8_plain, "flake8_with_plugin": flake8_plugin})
    best = {key: min(run[key]["seconds"] for run in results["runs"]) for key in results["runs"][0]}
    results["best"] = best
    results["ratios"] = {
        "cold_over_warm": round(best["cold_all_cores"] / max(best["warm_cache"], 1e-9), 1),
        "one_core_over_all_cores": round(best["cold_one_core"] / max(best["cold_all_cores"], 1e-9), 2),
        "flake8_with_over_without_plugin": round(
            best["flake8_with_plugin"] / max(best["flake8_without_plugin"], 1e-9), 2),
    }
    with open(os.path.join(CACHE, "report.json")) as handle:
        summary = json.load(handle)["summary"]
    results["report_summary"] = summary
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "report.json"), "w") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps({k: results[k] for k in ("files", "cores", "best", "ratios", "report_summary")}, indent=2))


if __name__ == "__main__":
    main()
