"""scopelint on real third-party TF1 code (not part of the default tests; needs PyPI).

    python benchmarks/realcode.py [--tf-python PATH] [--no-crawl]

1. Downloads pinned TF1 libraries (no dependencies) into benchmarks/.cache/ and analyses every
   file: crashes, time, and every finding (each must be reviewed: a false positive is a bug).
2. Real programs, each a project directory built from a package's own files (unchanged, or
   functions cut verbatim from them) and a driver that runs them as the project does, some with
   the mistake their users reported: stable-baselines' actor-critic (built a third time without
   reuse), dopamine's DQN (templates, slim, RMSProp), BERT's classifier with its own optimizer,
   GPT-2 trained, sampled with AUTO_REUSE and built again, tf-slim's nets (vgg_16, resnet_v1_50,
   resnet_v2_50, inception_v3, and vgg_16 built twice). Each is compared: static prediction,
   reference runtime and, given --tf-python (a python with tensorflow-cpu), real TensorFlow, on
   every variable's name, line, shape and dtype and every error. Results go to
   benchmarks/results/realcode.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import textwrap
import time
import zipfile
import shutil
from typing import Any, Dict, List, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

PACKAGES = ["stable-baselines==2.10.2", "tf-slim==1.1.0", "tensorlayer==1.11.1", "bert-tensorflow==1.0.4",
            "gpt-2-simple==0.8.1", "dopamine-rl==2.0.5"]
CACHE = os.path.join(HERE, ".cache")

SB_DRIVER = '''
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

SLIM_NET = '''import tensorflow as tf
import tf_slim as slim
from tf_slim.nets import {module}

images = tf.placeholder(tf.float32, [2, {size}, {size}, 3])
with slim.arg_scope({module}.{arg_scope}()):
    logits, end_points = {module}.{net}(images, num_classes=10)
{extra}'''

BERT_DRIVER = '''import tensorflow as tf

import modeling
import optimization

config = modeling.BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                             intermediate_size=37)
input_ids = tf.placeholder(tf.int32, [2, 8])
input_mask = tf.placeholder(tf.int32, [2, 8])
model = modeling.BertModel(config=config, is_training=True, input_ids=input_ids, input_mask=input_mask)
output_layer = model.get_pooled_output()
hidden_size = output_layer.shape[-1].value
output_weights = tf.get_variable("output_weights", [3, hidden_size],
                                 initializer=tf.truncated_normal_initializer(stddev=0.02))
output_bias = tf.get_variable("output_bias", [3], initializer=tf.zeros_initializer())
logits = tf.nn.bias_add(tf.matmul(output_layer, output_weights, transpose_b=True), output_bias)
loss = tf.reduce_mean(logits)
{extra}'''

GPT2_DRIVER = '''import tensorflow as tf

import model

hparams = model.default_hparams()
hparams.override_from_dict({"n_vocab": 50, "n_ctx": 16, "n_embd": 8, "n_head": 2, "n_layer": 2})
context = tf.compat.v1.placeholder(tf.int32, [2, None])
output = model.model(hparams=hparams, X=context)
loss = tf.reduce_mean(input_tensor=tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=context[:, 1:], logits=output["logits"][:, :-1]))
all_vars = [v for v in tf.compat.v1.trainable_variables() if "model" in v.name]
train_vars = [v for v in all_vars if "/h" in v.name]
opt = tf.compat.v1.train.AdamOptimizer(learning_rate=0.0001)
opt_apply = opt.minimize(loss, var_list=train_vars)
sample = model.model(hparams=hparams, X=context[:, -1:], past=output["present"], reuse=tf.compat.v1.AUTO_REUSE)
again = model.model(hparams=hparams, X=context)  # the reported mistake: the model built again without reuse
'''

DOPAMINE_DRIVER = '''
class Agent(object):
    """DQNAgent's network construction (dqn_agent.py), with the agent's own methods."""

    def __init__(self, num_actions, network):
        self.num_actions = num_actions
        self.network = network
        self.state_ph = tf.placeholder(tf.uint8, (1, 84, 84, 4), name="state_ph")
        replay = collections.namedtuple("Replay", ["states", "next_states"])  # the replay buffer's tensors
        self._replay = replay(tf.placeholder(tf.uint8, (32, 84, 84, 4)), tf.placeholder(tf.uint8, (32, 84, 84, 4)))
        self.optimizer = tf.train.RMSPropOptimizer(learning_rate=0.00025, decay=0.95, momentum=0.0,
                                                   epsilon=0.00001, centered=True)
        self._build_networks()
        q = self._replay_net_outputs.q_values
        self._train_op = self.optimizer.minimize(tf.reduce_mean(q))

{methods}

agent = Agent(4, nature_dqn_network)
'''


def download(packages: Sequence[str] = tuple(PACKAGES)) -> Dict[str, str]:
    """Each pinned package, unpacked once into the cache: a wheel if there is one, else the sdist."""
    os.makedirs(CACHE, exist_ok=True)
    roots = {}
    for spec in packages:
        name = spec.split("==")[0].replace("-", "_")
        target = os.path.join(CACHE, name)
        if not os.path.isdir(target):
            fetched = os.path.join(CACHE, "downloads", name)
            os.makedirs(fetched, exist_ok=True)
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", spec, "-d", fetched],
                           check=True)
            archive_name = sorted(os.listdir(fetched))[0]
            archive_path = os.path.join(fetched, archive_name)
            if archive_name.endswith(".whl"):
                with zipfile.ZipFile(archive_path) as archive:
                    archive.extractall(target)
            else:
                with tarfile.open(archive_path) as archive:
                    archive.extractall(target, filter="data")
                inner = os.path.join(target, os.listdir(target)[0])  # the sdist's top directory
                for entry in os.listdir(inner):
                    shutil.move(os.path.join(inner, entry), target)
                os.rmdir(inner)
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


def _between(text: str, first: str, last: Optional[str]) -> str:
    return text[text.index(first):text.index(last) if last else len(text)]


def programs(roots: Dict[str, str]) -> List[Dict[str, Any]]:
    """Real model code driven as its projects drive it: each is a project directory (the
    package's own files, unchanged, and a driver), some with the mistake their users reported."""
    sb = os.path.join(roots["stable-baselines==2.10.2"], "stable_baselines", "common")
    bert = os.path.join(roots["bert-tensorflow==1.0.4"], "bert")
    gpt2 = os.path.join(roots["gpt-2-simple==0.8.1"], "gpt_2_simple", "src")
    dopamine = os.path.join(roots["dopamine-rl==2.0.5"], "dopamine")
    sb_layers = open(os.path.join(sb, "tf_layers.py")).read()
    sb_policies = open(os.path.join(sb, "policies.py")).read()
    atari = open(os.path.join(dopamine, "discrete_domains", "atari_lib.py")).read()
    dqn = open(os.path.join(dopamine, "agents", "dqn", "dqn_agent.py")).read()
    dqn_methods = "\n".join("    " + line if line else line for line in textwrap.dedent(
        _between(dqn, "  def _get_network_type(self):", "  def _build_replay_buffer")).splitlines())
    out: List[Dict[str, Any]] = [
        {"name": "sb_actor_critic", "project": "stable-baselines", "files": {},
         "main": "import tensorflow as tf\nimport numpy as np\nfrom itertools import zip_longest\n" + sb_layers +
                 "\n\n" + _between(sb_policies, "def nature_cnn", "class BasePolicy") + SB_DRIVER,
         "mistake": "the shared model built a third time without reuse"},
        # Differs from TF today: minimize(loss) with no var_list gives slots to every trainable variable in
        # scopelint, where TF skips the target network's (its loss reaches it only through stop_gradient).
        {"name": "dopamine_dqn", "project": "dopamine", "files": {},
         "main": "import collections\nimport tensorflow as tf\nslim = tf.contrib.slim\n\n" +
                 _between(atari, "def nature_dqn_network", "def rainbow_network") +
                 DOPAMINE_DRIVER.replace("{methods}", dqn_methods),
         "mistake": None},
        {"name": "bert_classifier", "project": "bert", "files": {"modeling.py": bert, "optimization.py": bert},
         "main": BERT_DRIVER.replace("{extra}",
                                     "train_op = optimization.create_optimizer(loss, 1e-4, 100, 10, False)\n"),
         "mistake": None},
        {"name": "bert_built_twice", "project": "bert", "files": {"modeling.py": bert, "optimization.py": bert},
         "main": BERT_DRIVER.replace("{extra}", "eval_model = modeling.BertModel(config=config, is_training=False, "
                                                "input_ids=input_ids)\n"),
         "mistake": None},  # a second BertModel is `bert_1`: default_name, no error (a common surprise)
        {"name": "gpt2_train_sample", "project": "gpt-2", "files": {"model.py": gpt2}, "main": GPT2_DRIVER,
         "mistake": "the model built again without reuse"},
    ]
    nets = [("vgg", "vgg_16", "vgg_arg_scope", 224), ("resnet_v1", "resnet_v1_50", "resnet_arg_scope", 224),
            ("resnet_v2", "resnet_v2_50", "resnet_arg_scope", 224),
            ("inception", "inception_v3", "inception_v3_arg_scope", 299)]
    for module, net, arg_scope, size in nets:
        out.append({"name": "slim_" + net, "project": "tf-slim", "files": {}, "mistake": None,
                    "main": SLIM_NET.format(module=module, net=net, arg_scope=arg_scope, size=size, extra="")})
    out.append({"name": "slim_vgg_16_twice", "project": "tf-slim", "files": {},
                "mistake": "the net built twice without reuse",
                "main": SLIM_NET.format(module="vgg", net="vgg_16", arg_scope="vgg_arg_scope", size=224,
                                        extra="again, _ = vgg.vgg_16(images, num_classes=10)\n")})
    return out


def materialise(program: Dict[str, Any]) -> str:
    """The program's project directory in the cache; returns its main file."""
    directory = os.path.join(CACHE, "programs", program["name"])
    os.makedirs(directory, exist_ok=True)
    for name, source_dir in program["files"].items():
        shutil.copyfile(os.path.join(source_dir, name), os.path.join(directory, name))
    path = os.path.join(directory, "main.py")
    with open(path, "w") as handle:
        handle.write(program["main"])
    return path


def compare_program(path: str, tf_python: Optional[str]) -> Dict[str, Any]:
    from scopelint.analysis import analyze_source
    from scopelint.runtime import run_file
    from scopelint.source import read_source
    from scopelint.verify import compare_runs

    start = time.perf_counter()
    static = analyze_source(read_source(path)).as_json()
    static_seconds = time.perf_counter() - start
    runtime = run_file(path)
    result: Dict[str, Any] = {
        "variables": len(runtime["variables"]), "errors": [(d["code"], d["line"]) for d in runtime["diagnostics"]],
        "runtime_exception": runtime["exception"], "static_vs_runtime": compare_runs(static, runtime),
        "static_seconds": round(static_seconds, 2), "unmodelled": runtime.get("unmodelled", [])}
    if tf_python:
        done = subprocess.run([tf_python, os.path.join(ROOT, "tests", "oracle", "tf_runner.py"), path],
                              capture_output=True, text=True, cwd=os.path.dirname(path))
        observed = json.loads(done.stdout)["units"][0]
        result["tf_variables"] = len(observed["variables"])
        result["tf_errors"] = [(d["code"], d["line"]) for d in observed["diagnostics"]]
        result["tf_exception"] = observed["exception"]
        result["runtime_vs_tf"] = compare_runs(runtime, observed)
        result["static_vs_tf"] = compare_runs(static, observed)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tf-python", help="a python with tensorflow-cpu, to compare with real TF")
    parser.add_argument("--no-crawl", action="store_true", help="only the programs")
    args = parser.parse_args()
    roots = download()
    report: Dict[str, Any] = {"crawl": {}, "programs": {}}
    if not args.no_crawl:
        for spec, root in roots.items():
            result = crawl(root)
            report["crawl"][spec] = result
            print("%-26s %4d files %7d lines %6.2fs  crashes %d  findings %d"
                  % (spec, result["files"], result["lines"], result["seconds"], len(result["crashes"]),
                     len(result["findings"])))
            for finding in result["findings"]:
                print("    finding:", finding)
    exact = 0
    for program in programs(roots):
        result = compare_program(materialise(program), args.tf_python)
        report["programs"][program["name"]] = dict(result, project=program["project"], mistake=program["mistake"])
        agree = not result["static_vs_runtime"] and not result.get("runtime_vs_tf") and not result.get("static_vs_tf")
        exact += agree
        verdict = ("static = runtime = TF" if args.tf_python else "static = runtime") if agree else "DIFFERS"
        print("%-20s %-16s %4d variables  errors %-14s static %5.2fs  %s" % (
            program["name"], program["project"], result["variables"], result["errors"] or "-",
            result["static_seconds"], verdict))
        for key in ("static_vs_runtime", "runtime_vs_tf", "static_vs_tf"):
            for line in result.get(key, [])[:3]:
                print("    %s: %s" % (key, line))
        if result["runtime_exception"]:
            print("    runtime exception:", result["runtime_exception"])
    print("%d of %d programs exact" % (exact, len(report["programs"])))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "realcode.json"), "w") as handle:
        json.dump(report, handle, indent=2)


if __name__ == "__main__":
    main()
