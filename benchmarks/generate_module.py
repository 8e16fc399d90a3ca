"""Generate a large TF1-style module (default ~5,000 lines) for the analysis benchmark:
helper layers, model classes with build methods, loops that build names, nested and re-entered
scopes, reuse idioms, and a few genuine scope errors. Deterministic for a given seed."""

from __future__ import annotations

import argparse
import random
from typing import List

HEADER = '''import tensorflow as tf


def dense(x, units, name, reuse=None):
    with tf.variable_scope(name, reuse=reuse):
        w = tf.get_variable("kernel", [x.get_shape().as_list()[-1], units])
        b = tf.get_variable("bias", [units], initializer=tf.zeros_initializer())
        return tf.nn.relu(tf.matmul(x, w) + b)


def conv(x, filters, name, k=3):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [k, k, x.get_shape().as_list()[-1], filters])
        return tf.nn.conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME")

'''


def block(index: int, rng: random.Random) -> List[str]:
    kind = rng.choice(["mlp", "cnn", "model_class", "towers", "shared", "default_names"])
    n = index
    if kind == "mlp":
        sizes = [rng.choice([8, 16, 32]) for _ in range(rng.randint(2, 5))]
        return [
            "def mlp_%d(x, reuse=False):" % n,
            "    with tf.variable_scope('mlp_%d', reuse=reuse):" % n,
            "        for i, units in enumerate(%r):" % sizes,
            "            x = dense(x, units, 'layer_%d' % i)",
            "        return x",
            "",
            "",
            "x_%d = tf.placeholder(tf.float32, [None, %d])" % (n, rng.choice([4, 8, 16])),
            "y_%d = mlp_%d(x_%d)" % (n, n, n),
            "y_%d_again = mlp_%d(x_%d, reuse=True)" % (n, n, n),
            "",
        ]
    if kind == "cnn":
        return [
            "def cnn_%d(images):" % n,
            "    with tf.variable_scope('cnn_%d', reuse=tf.AUTO_REUSE):" % n,
            "        h = conv(images, 8, 'c1')",
            "        h = tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], 'SAME')",
            "        h = conv(h, 16, 'c2')",
            "        flat = tf.reshape(h, [-1, 8 * 8 * 16])",
            "        return dense(flat, 10, 'logits')",
            "",
            "",
            "img_%d = tf.placeholder(tf.float32, [4, 16, 16, 3])" % n,
            "logits_%d = cnn_%d(img_%d)" % (n, n, n),
            "logits_%d_b = cnn_%d(img_%d)" % (n, n, n),
            "",
        ]
    if kind == "model_class":
        bug = rng.random() < 0.3
        lines = [
            "class Model%d(object):" % n,
            "    def __init__(self, hidden):",
            "        self.hidden = hidden",
            "        self.built = False",
            "",
            "    def __call__(self, x):",
            "        with tf.variable_scope('model_%d', reuse=%s):" % (n, "False" if bug else "self.built"),
            "            h = dense(x, self.hidden, 'h')",
            "            out = dense(h, 1, 'out')",
            "        self.built = True",
            "        return out",
            "",
            "",
        ]
        # A planted bug sits in a builder nothing calls (an entry point), so the module body runs on.
        caller = ["def build_%d():" % n, "    m = Model%d(%d)" % (n, rng.choice([4, 8])),
                  "    a = m(tf.placeholder(tf.float32, [None, 3]))",
                  "    return m(tf.placeholder(tf.float32, [None, 3]))", "", ""] if bug else [
            "m_%d = Model%d(%d)" % (n, n, rng.choice([4, 8])),
            "a_%d = m_%d(tf.placeholder(tf.float32, [None, 3]))" % (n, n),
            "b_%d = m_%d(tf.placeholder(tf.float32, [None, 3]))" % (n, n), ""]
        return lines + caller
    if kind == "towers":
        return [
            "with tf.variable_scope('towers_%d'):" % n,
            "    for gpu in range(%d):" % rng.randint(2, 4),
            "        with tf.variable_scope('shared', reuse=gpu > 0):",
            "            with tf.name_scope('tower_%d' % gpu):",
            "                w = tf.get_variable('w', [16, 16])",
            "                b = tf.get_variable('b', [16])",
            "",
        ]
    if kind == "shared":
        return [
            "with tf.variable_scope('emb_%d') as emb_scope_%d:" % (n, n),
            "    table_%d = tf.get_variable('table', [1000, 32])" % n,
            "with tf.variable_scope('encoder_%d'):" % n,
            "    with tf.variable_scope(emb_scope_%d, reuse=True):" % n,
            "        tf.get_variable('table', [1000, 32])",
            "    tf.get_variable('proj', [32, 32])",
            "",
        ]
    return [
        "with tf.variable_scope('blocks_%d'):" % n,
        "    for _ in range(%d):" % rng.randint(2, 4),
        "        with tf.variable_scope(None, default_name='blk'):",
        "            tf.get_variable('w', [3, 3])",
        "",
    ]


def generate(lines: int, seed: int) -> str:
    rng = random.Random(seed)
    out = HEADER.splitlines()
    index = 0
    while len(out) < lines:
        out.extend(block(index, rng))
        index += 1
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with open(args.output, "w") as handle:
        handle.write(generate(args.lines, args.seed))


if __name__ == "__main__":
    main()
