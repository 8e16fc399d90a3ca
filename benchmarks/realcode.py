"""scopelint on real third-party TF1 code (not part of the default tests; needs PyPI).

    python benchmarks/realcode.py [--tf-python PATH] [--no-crawl]

1. Downloads pinned TF1 libraries (no dependencies) into benchmarks/.cache/ and analyses every
   file: crashes, time, and every finding (each must be reviewed: a false positive is a bug).
2. Real programs from 8 projects, each a project directory built from a package's own files
   (unchanged, or functions cut verbatim from them) and a driver that runs them as the project
   does, about half with the mistake their users reported: stable-baselines' actor-critic (built a
   third time without reuse), dopamine's DQN (templates, slim, RMSProp), BERT's classifier with its
   own optimizer (and BertModel(scope="bert") built again for evaluation), GPT-2 trained, sampled
   with AUTO_REUSE and built again, tf-slim's nets (vgg_16,
   resnet_v1_50, resnet_v2_50, inception_v3, and vgg_16 built twice), OpenNMT-tf's self-attention
   and bidirectional RNN encoders (and each applied again without reuse), magenta's NSynth
   WaveNet autoencoder and fast-generation graph (and load_nsynth twice in one graph), TF-GAN's
   gan_model and gan_train_ops (and a root reuse_variables() leaking into them). The last three
   keep their package trees (package_tree), imported by the driver as the project's scripts do.
   Each is compared: static prediction, reference runtime and, given --tf-python (a python with
   tensorflow-cpu), real TensorFlow, on every variable's name, line, shape and dtype and every
   error; where the static inventory differs, the program's note says which names and why.
   Results go to benchmarks/results/realcode.json.
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
            "gpt-2-simple==0.8.1", "dopamine-rl==2.0.5", "OpenNMT-tf==1.25.3", "magenta==1.3.1",
            "tensorflow-gan==2.1.0"]
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


ONMT_ENCODER_DRIVER = '''import tensorflow as tf

from opennmt.encoders.{module} import {encoder}

encoder = {encoder}({arguments})
ids = tf.placeholder(tf.int64, [None, None])
length = tf.placeholder(tf.int32, [None])
with tf.variable_scope("{model}"):
    with tf.variable_scope("encoder"):
        embeddings = tf.get_variable("w_embs", [100, 32])
        inputs = tf.nn.embedding_lookup(embeddings, ids)
        outputs, state, encoded_length = encoder.encode(inputs, sequence_length=length,
                                                        mode=tf.estimator.ModeKeys.TRAIN)
{extra}'''

NSYNTH_DRIVER = '''import tensorflow as tf

from magenta.models.nsynth.wavenet import fastgen

net = fastgen.load_nsynth(batch_size=1, sample_length=5120)
{extra}'''

TFGAN_DRIVER = '''import tensorflow as tf

from tensorflow_gan.python import namedtuples
from tensorflow_gan.python import train as tfgan
from tensorflow_gan.python.losses import tuple_losses


def generator_fn(noise, is_training=True):
    net = tf.layers.dense(noise, 1024, activation=tf.nn.relu)
    net = tf.layers.batch_normalization(net, training=is_training)
    net = tf.layers.dense(net, 7 * 7 * 64, activation=tf.nn.relu)
    net = tf.reshape(net, [-1, 7, 7, 64])
    net = tf.layers.conv2d_transpose(net, 32, 4, strides=2, padding="same", activation=tf.nn.relu)
    net = tf.layers.conv2d_transpose(net, 1, 4, strides=2, padding="same")
    return tf.tanh(net)


def discriminator_fn(img, unused_conditioning):
    net = tf.layers.conv2d(img, 32, 4, strides=2, padding="same", activation=tf.nn.leaky_relu)
    net = tf.layers.conv2d(net, 64, 4, strides=2, padding="same", activation=tf.nn.leaky_relu)
    net = tf.layers.flatten(net)
    net = tf.layers.dense(net, 1024, activation=tf.nn.leaky_relu)
    return tf.layers.dense(net, 1)


images = tf.placeholder(tf.float32, [32, 28, 28, 1])
noise = tf.random_normal([32, 64])
gan_model = tfgan.gan_model(generator_fn, discriminator_fn, real_data=images, generator_inputs=noise)
{extra}gan_loss = namedtuples.GANLoss(tuple_losses.wasserstein_generator_loss(gan_model),
                               tuple_losses.wasserstein_discriminator_loss(gan_model))
train_ops = tfgan.gan_train_ops(gan_model, gan_loss,
                                generator_optimizer=tf.train.AdamOptimizer(0.001, beta1=0.5),
                                discriminator_optimizer=tf.train.AdamOptimizer(0.0001, beta1=0.5))
'''


def download(packages: Sequence[str] = tuple(PACKAGES)) -> Dict[str, str]:
    """Each pinned package, unpacked once into the cache: a wheel if there is one, else the sdist."""
    os.makedirs(CACHE, exist_ok=True)
    roots = {}
    for spec in packages:
        name, version = spec.split("==")
        name = name.replace("-", "_")
        target = os.path.join(CACHE, name)
        if os.path.isdir(target) and not _unpacked_is(target, version):
            target += "-" + version  # another pin's copy stays as it is (other tools read the cache)
        if not os.path.isdir(target):
            fetched = os.path.join(CACHE, "downloads", name)
            os.makedirs(fetched, exist_ok=True)
            if not [f for f in os.listdir(fetched) if "-%s." % version in f or "-%s-" % version in f]:
                subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", spec, "-d", fetched],
                               check=True)
            archive_name = sorted(f for f in os.listdir(fetched) if "-%s." % version in f or "-%s-" % version in f)[0]
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


def _unpacked_is(target: str, version: str) -> bool:
    """Whether the unpacked distribution is this version (its wheel's .dist-info, or its sdist's PKG-INFO)."""
    if any(entry.endswith("-%s.dist-info" % version) for entry in os.listdir(target)):
        return True
    info = os.path.join(target, "PKG-INFO")
    return os.path.isfile(info) and "\nVersion: %s\n" % version in _read(info)


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


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def package_tree(root: str, modules: Sequence[str], own_inits: Sequence[str] = (),
                 cut: Optional[Dict[str, Sequence[str]]] = None) -> Dict[str, str]:
    """A project's modules kept in their own package tree (path in the program -> text), each
    copied unchanged from the unpacked distribution at `root`, so the driver imports them as the
    project's scripts do. Every package on the way has an `__init__.py`: the distribution's own
    where listed in `own_inits`, else an empty one (the real ones import the whole library, and
    with it dependencies TF 2.21 lacks: tensorflow_probability, librosa, tf.contrib's others).
    `cut`: modules made of functions cut verbatim from the real one (module -> function names),
    kept with the real module's imports of TensorFlow and numpy."""
    files: Dict[str, str] = {}
    for module in list(modules) + list(cut or {}):
        parts = module.split("/")
        for depth in range(1, len(parts)):
            init = "/".join(parts[:depth] + ["__init__.py"])
            files.setdefault(init, _read(os.path.join(root, init)) if init in own_inits else "")
    for module in modules:
        files[module] = _read(os.path.join(root, module))
    for module, functions in (cut or {}).items():
        text = _read(os.path.join(root, module))
        imports = [line for line in text.splitlines()
                   if line.startswith(("import numpy", "import tensorflow", "from six"))]
        pieces = []
        for function in functions:
            start = text.index("\ndef %s(" % function) + 1
            end = text.find("\ndef ", start)
            pieces.append(text[start:end if end >= 0 else len(text)].rstrip() + "\n")
        files[module] = "\n".join(imports) + "\n\n\n" + "\n\n".join(pieces)
    return files


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
        {"name": "bert_scope_twice", "project": "bert", "files": {"modeling.py": bert, "optimization.py": bert},
         "main": BERT_DRIVER.replace("{extra}", "eval_model = modeling.BertModel(config=config, is_training=False, "
                                                "input_ids=input_ids, scope=\"bert\")\n").replace(
             "input_mask=input_mask)", "input_mask=input_mask, scope=\"bert\")", 1),
         "mistake": "BertModel(config, scope=\"bert\") built again for evaluation without reuse"},
        {"name": "gpt2_train_sample", "project": "gpt-2", "files": {"model.py": gpt2}, "main": GPT2_DRIVER,
         "mistake": "the model built again without reuse"},
    ]
    nets = [("vgg", "vgg_16", "vgg_arg_scope", 224), ("resnet_v1", "resnet_v1_50", "resnet_arg_scope", 224),
            ("resnet_v2", "resnet_v2_50", "resnet_arg_scope", 224),
            ("inception", "inception_v3", "inception_v3_arg_scope", 299)]
    out.extend(_more_projects(roots))
    for module, net, arg_scope, size in nets:
        out.append({"name": "slim_" + net, "project": "tf-slim", "files": {}, "mistake": None,
                    "main": SLIM_NET.format(module=module, net=net, arg_scope=arg_scope, size=size, extra="")})
    out.append({"name": "slim_vgg_16_twice", "project": "tf-slim", "files": {},
                "mistake": "the net built twice without reuse",
                "main": SLIM_NET.format(module="vgg", net="vgg_16", arg_scope="vgg_arg_scope", size=224,
                                        extra="again, _ = vgg.vgg_16(images, num_classes=10)\n")})
    return out


# Where the static inventory differs from TF (the runtime equals TF on all of them): which names
# are partly unknown, and why.
TFGAN_LEAK_NOTE = (
    "static: exact since #12's signature work (before: the first 40 names exact, the SL102 on global_step "
    "missed). tuple_losses' args_to_gan_model binds the loss function's arguments through "
    "inspect.signature and sets of names: the analysis follows both (analysis/signatures.py, sets.py; "
    "the set of strings it fills kwargs from is iterated by an order-free loop, unordered_loops.py), so "
    "the loss runs with its tensors known. If this program differs again, look there first")


def _more_projects(roots: Dict[str, str]) -> List[Dict[str, Any]]:
    """OpenNMT-tf's encoders, magenta's NSynth WaveNet autoencoder and TF-GAN's training
    functions, each kept as its package tree (package_tree)."""
    onmt = package_tree(roots["OpenNMT-tf==1.25.3"], [
        "opennmt/encoders/self_attention_encoder.py", "opennmt/encoders/encoder.py",
        "opennmt/encoders/rnn_encoder.py", "opennmt/layers/transformer.py", "opennmt/layers/common.py",
        "opennmt/layers/position.py", "opennmt/layers/reducer.py", "opennmt/layers/rnn.py",
        "opennmt/utils/compat.py", "opennmt/utils/misc.py", "opennmt/utils/cell.py"])
    transformer = dict(module="self_attention_encoder", encoder="SelfAttentionEncoder", model="transformer",
                       arguments="num_layers=2, num_units=32, num_heads=4, ffn_inner_dim=64")
    nsynth = package_tree(roots["magenta==1.3.1"], [
        "magenta/models/nsynth/wavenet/fastgen.py", "magenta/models/nsynth/wavenet/h512_bo16.py",
        "magenta/models/nsynth/wavenet/masked.py", "magenta/models/nsynth/reader.py"],
        cut={"magenta/models/nsynth/utils.py": ["mu_law", "inv_mu_law", "inv_mu_law_numpy", "trim_for_encoding",
                                                "causal_linear", "linear"]})
    tfgan = package_tree(roots["tensorflow-gan==2.1.0"], [
        "tensorflow_gan/python/train.py", "tensorflow_gan/python/namedtuples.py",
        "tensorflow_gan/python/contrib_utils.py", "tensorflow_gan/python/losses/losses_impl.py",
        "tensorflow_gan/python/losses/losses_wargs.py", "tensorflow_gan/python/losses/tuple_losses.py"],
        own_inits=["tensorflow_gan/python/losses/__init__.py"])
    return [
        {"name": "onmt_transformer_encoder", "project": "OpenNMT-tf", "files": onmt, "mistake": None,
         "main": ONMT_ENCODER_DRIVER.format(extra="", **transformer)},
        {"name": "onmt_encoder_twice", "project": "OpenNMT-tf", "files": onmt,
         "mistake": "the encoder applied again (for inference) in the same scope without reuse",
         "main": ONMT_ENCODER_DRIVER.format(extra='''with tf.variable_scope("{model}"):
    with tf.variable_scope("encoder"):
        inference = encoder.encode(inputs, sequence_length=length, mode=tf.estimator.ModeKeys.PREDICT)
'''.format(**transformer), **transformer)},
        {"name": "onmt_rnn_encoder", "project": "OpenNMT-tf", "files": onmt, "mistake": None,
         "main": ONMT_ENCODER_DRIVER.format(extra="", module="rnn_encoder", encoder="BidirectionalRNNEncoder",
                                            model="seq2seq", arguments="num_layers=2, num_units=32")},
        {"name": "onmt_rnn_encoder_twice", "project": "OpenNMT-tf", "files": onmt,
         "mistake": "the RNN encoder applied again (for inference) in the same scope without reuse",
         "main": ONMT_ENCODER_DRIVER.format(extra='''with tf.variable_scope("seq2seq"):
    with tf.variable_scope("encoder"):
        inference = encoder.encode(inputs, sequence_length=length, mode=tf.estimator.ModeKeys.PREDICT)
''', module="rnn_encoder", encoder="BidirectionalRNNEncoder", model="seq2seq",
                                            arguments="num_layers=2, num_units=32")},
        {"name": "nsynth_wavenet", "project": "magenta", "files": nsynth, "mistake": None,
         "main": NSYNTH_DRIVER.format(extra="with tf.Graph().as_default():  # as fastgen.synthesize does\n"
                                            "    fast = fastgen.load_fastgen_nsynth(batch_size=1)\n")},
        {"name": "nsynth_loaded_twice", "project": "magenta", "files": nsynth,
         "mistake": "load_nsynth called again in the same graph (encode() gives each call a fresh graph)",
         "main": NSYNTH_DRIVER.format(extra="again = fastgen.load_nsynth(batch_size=1, sample_length=5120)\n")},
        {"name": "tfgan_train", "project": "TF-GAN", "files": tfgan, "mistake": None,
         "main": TFGAN_DRIVER.format(extra="")},
        {"name": "tfgan_reuse_leak", "project": "TF-GAN", "files": tfgan,
         "static_note": TFGAN_LEAK_NOTE,
         "mistake": "reuse_variables() at the root, to sample, before the optimizers (DCGAN's leak)",
         "main": TFGAN_DRIVER.format(extra='''tf.get_variable_scope().reuse_variables()
with tf.variable_scope("Generator"):
    samples = generator_fn(noise, is_training=False)
''')},
    ]


def materialise(program: Dict[str, Any]) -> str:
    """The program's project directory in the cache, made afresh; returns its main file.
    `files`: a path in the program -> the directory holding it, or (package_tree) its text."""
    directory = os.path.join(CACHE, "programs", program["name"])
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for name, source in program["files"].items():
        target = os.path.join(directory, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.isdir(source):
            shutil.copyfile(os.path.join(source, name), target)
        else:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(source)
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
        done = subprocess.run([tf_python, os.path.join(ROOT, "tests", "oracle", "tf_runner.py"), os.path.abspath(path)],
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
        report["programs"][program["name"]] = dict(result, project=program["project"], mistake=program["mistake"],
                                                   static_note=program.get("static_note"))
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
        if not agree and program.get("static_note"):
            print("    " + program["static_note"])
    print("%d of %d programs exact" % (exact, len(report["programs"])))
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "realcode.json"), "w") as handle:
        json.dump(report, handle, indent=2)


if __name__ == "__main__":
    main()
