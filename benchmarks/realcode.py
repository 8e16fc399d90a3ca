"""scopelint on real third-party TF1 code (not part of the default tests; needs PyPI).

    python benchmarks/realcode.py [--tf-python PATH]

1. Downloads pinned TF1 libraries (no dependencies) into benchmarks/.cache/ and analyses every
   file: crashes, time, and every finding (each must be reviewed: a false positive is a bug).
2. Builds an actor-critic network the way stable-baselines' policies do, from its own source
   (common/tf_layers.py verbatim, nature_cnn and mlp_extractor from common/policies.py), plus a
   driver that builds the shared "step" model and then, wrongly, the model a third time; then
   compares the static prediction with the reference runtime and, given --tf-python (a python
   with tensorflow-cpu), with real TensorFlow.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from typing import Any, Dict, List

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

PACKAGES = ["stable-baselines==2.10.2", "tf-slim==1.1.0", "tensorlayer==1.11.1"]
CACHE = os.path.join(HERE, ".cache")

DRIVER = '''
obs = tf.placeholder(tf.float32, [None, 84, 84, 4])
with tf.variable_scope("model", reuse=False):
    pi_latent = nature_cnn(obs)
    pi_logits = linear(pi_latent, "pi", 6)
    value = linear(pi_latent, "vf", 1)
with tf.variable_scope("model", reuse=True):
    step_latent = nature_cnn(obs)
    step_logits = linear(step_latent, "pi", 6)
flat_obs = tf.placeholder(tf.float32, [None, 16])
with tf.variable_scope("mlp_model"):
    latent_pi, latent_vf = mlp_extractor(flat_obs, [64, dict(pi=[32], vf=[32])], tf.tanh)
with tf.variable_scope("model"):
    train_latent = nature_cnn(obs)
'''


def download() -> Dict[str, str]:
    os.makedirs(CACHE, exist_ok=True)
    roots = {}
    for spec in PACKAGES:
        name = spec.split("==")[0].replace("-", "_")
        target = os.path.join(CACHE, name)
        if not os.path.isdir(target):
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                            spec, "-d", CACHE], check=True)
            wheel = [f for f in os.listdir(CACHE) if f.startswith(name) and f.endswith(".whl")][0]
            with zipfile.ZipFile(os.path.join(CACHE, wheel)) as archive:
                archive.extractall(target)
        roots[spec] = target
    return roots


def crawl(root: str) -> Dict[str, Any]:
    from scopelint.analysis import analyze_source
    from scopelint.source import read_source

    files = sorted(os.path.join(d, f) for d, _, names in os.walk(root) for f in names if f.endswith(".py"))
    findings: List[Any] = []
    crashes: List[Any] = []
    lines = 0
    start = time.perf_counter()
    for path in files:
        source = read_source(path)
        lines += source.text.count("\n")
        try:
            analysis = analyze_source(source)
        except Exception as exc:  # a crash is a bug to report, not to hide
            crashes.append((path, repr(exc)))
            continue
        findings.extend((os.path.relpath(path, root), d.line, d.code, d.message)
                        for d in analysis.all_findings() if d.code not in ("SL001", "SL002"))
    return {"files": len(files), "lines": lines, "seconds": round(time.perf_counter() - start, 2),
            "crashes": crashes, "findings": findings}


def policy_program(root: str) -> str:
    common = os.path.join(root, "stable_baselines", "common")
    layers = open(os.path.join(common, "tf_layers.py")).read()
    policies = open(os.path.join(common, "policies.py")).read()
    nature = policies[policies.index("def nature_cnn"):policies.index("def mlp_extractor")]
    mlp = policies[policies.index("def mlp_extractor"):policies.index("class BasePolicy")]
    return "from itertools import zip_longest\n" + layers + "\n\n" + nature + mlp + DRIVER


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tf-python", help="a python with tensorflow-cpu, to compare with real TF")
    args = parser.parse_args()
    roots = download()
    report: Dict[str, Any] = {"crawl": {}}
    for spec, root in roots.items():
        result = crawl(root)
        report["crawl"][spec] = result
        print("%-26s %4d files %7d lines %6.2fs  crashes %d  findings %d"
              % (spec, result["files"], result["lines"], result["seconds"], len(result["crashes"]),
                 len(result["findings"])))
        for finding in result["findings"]:
            print("    finding:", finding)

    from scopelint.analysis import analyze_source
    from scopelint.runtime import run_file
    from scopelint.source import Source
    from scopelint.verify import compare_runs

    program = policy_program(roots["stable-baselines==2.10.2"])
    path = os.path.join(tempfile.mkdtemp(), "sb_policy.py")
    with open(path, "w") as handle:
        handle.write(program)
    static = analyze_source(Source(path, program)).as_json()
    runtime = run_file(path)
    report["policy"] = {"static_vs_runtime": compare_runs(static, runtime),
                        "variables": len(runtime["variables"]),
                        "errors": [(d["code"], d["line"]) for d in runtime["diagnostics"]]}
    print("stable-baselines policy: %d variables, errors %s; static vs runtime: %s"
          % (len(runtime["variables"]), report["policy"]["errors"], report["policy"]["static_vs_runtime"] or "agree"))
    if args.tf_python:
        done = subprocess.run([args.tf_python, os.path.join(ROOT, "tests", "oracle", "tf_runner.py"), path],
                              capture_output=True, text=True)
        observed = json.loads(done.stdout)["units"][0]
        report["policy"]["runtime_vs_tf"] = compare_runs(runtime, observed)
        print("stable-baselines policy: runtime vs real TF: %s" % (report["policy"]["runtime_vs_tf"] or "agree"))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "realcode.json"), "w") as handle:
        json.dump(report, handle, indent=2)


if __name__ == "__main__":
    main()
