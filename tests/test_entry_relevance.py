"""Entry points that cannot reach TF are not analysed (scopelint.analysis.relevance); every
way code can reach TF keeps its entry point analysed, with its findings."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Dict

import pytest

from scopelint.analysis import analyze_source
from scopelint.source import Source


def analyse(tmp_path: Path, main: str, others: Dict[str, str] = {}):
    for name, text in others.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text))
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(main))
    return analyze_source(Source(str(path), path.read_text()), strict=True)


def test_an_entry_point_that_cannot_reach_tf_is_not_analysed(tmp_path: Path) -> None:
    analysis = analyse(tmp_path, """
        import re
        import tensorflow as tf

        TABLE = {"a": 1}
        STOP_WORDS = {"the", "of"}

        def tokens(text):
            return [TABLE.get(t, 0) for t in re.split(" ", text) if t not in STOP_WORDS]

        class Parser:
            def __init__(self):
                self.seen = []

            def parse(self, text):
                self.seen.append(tokens(text))
                return len(self.seen)

        def build(x):
            return tf.get_variable("w", [1])
        """)
    assert sorted(analysis.entries) == ["build"]


def test_reading_init_is_no_submodule_import(tmp_path: Path) -> None:
    """`super().__init__` reads the attribute `__init__`; a package's own __init__.py is no
    submodule of it that the read would import."""
    analysis = analyse(tmp_path, """
        import tensorflow as tf
        import pkg

        class Reader(object):
            def __init__(self):
                super(Reader, self).__init__()

            def read(self, line):
                return pkg.text.words(line)

        def build(x):
            return tf.get_variable("w", [1])
        """, {"pkg/__init__.py": "from . import text\n", "pkg/text.py": """
        import re

        def words(line):
            return re.split(" ", line)
        """})
    assert sorted(analysis.entries) == ["build"]


# Each program reaches a builder that creates net/w twice through one channel.
CHANNELS = {
    "a global dict of functions": ("""
        import tensorflow as tf

        def twice():
            for _ in range(2):
                with tf.variable_scope("net"):
                    tf.get_variable("w", [1])

        BUILDERS = {"twice": twice}

        def run(name):
            BUILDERS["twice"]()
        """, {}, "run"),
    "an attribute set by __init__": ("""
        import tensorflow as tf

        def twice():
            for _ in range(2):
                with tf.variable_scope("net"):
                    tf.get_variable("w", [1])

        class Runner:
            def __init__(self):
                self.build = twice

            def go(self):
                self.build()
        """, {}, "Runner.go"),
    "a function-local import": ("""
        def run():
            import tensorflow as tf
            for _ in range(2):
                with tf.variable_scope("net"):
                    tf.get_variable("w", [1])
        """, {}, "run"),
    "a followed project module": ("""
        import ops

        def run():
            ops.twice()
        """, {"ops.py": """
        import tensorflow as tf

        def twice():
            for _ in range(2):
                with tf.variable_scope("net"):
                    tf.get_variable("w", [1])
        """}, "run"),
    "a method of another class, by attribute name": ("""
        import tensorflow as tf

        class Net:
            def twice(self):
                for _ in range(2):
                    with tf.variable_scope("net"):
                        tf.get_variable("w", [1])

        NET = Net()

        def run():
            NET.twice()
        """, {}, "run"),
    "TF read for logging and for a variable": ("""
        import tensorflow.compat.v1 as tf

        def run():
            tf.logging.info("building")
            for _ in range(2):
                with tf.variable_scope("net"):
                    tf.compat.v1.get_variable("w", [1])
        """, {}, "run"),
    "an object named tf whose gfile builds": ("""
        import tensorflow as real_tf

        class Builder:
            def gfile(self):
                for _ in range(2):
                    with real_tf.variable_scope("net"):
                        real_tf.get_variable("w", [1])

        tf = Builder()

        def run():
            tf.gfile()
        """, {}, "run"),
    "a layer of tf.layers beside math ops": ("""
        import tensorflow.compat.v1 as tf

        def run(x):
            y = tf.nn.relu(tf.matmul(x, x))
            tf.layers.dense(y, 2, name="d")
            tf.layers.dense(y, 2, name="d")
        """, {}, "run"),
    "TF's internal variable_scope module": ("""
        from tensorflow.python.ops import variable_scope as vs

        def run():
            for _ in range(2):
                with vs.variable_scope("net"):
                    vs.get_variable("w", [1])
        """, {}, "run"),
    "get_variable imported by name": ("""
        from tensorflow.compat.v1 import get_variable, variable_scope

        def run():
            for _ in range(2):
                with variable_scope("net"):
                    get_variable("w", [1])
        """, {}, "run"),
    "the TF module passed on as a value": ("""
        import tensorflow as tf

        def twice(lib):
            for _ in range(2):
                with lib.variable_scope("net"):
                    lib.get_variable("w", [1])

        def run():
            twice(tf.compat.v1)
        """, {}, "run"),
}


def test_tf_read_only_for_ops_that_build_no_variable_does_not_make_an_entry_point_relevant(tmp_path: Path) -> None:
    """Math and array ops (and DTypes) are answered as unmodelled APIs: they create no variable
    and raise no scope error in the analysis, so code that reaches TF only through them (a
    distribution's log_prob) reports nothing."""
    analysis = analyse(tmp_path, """
        import tensorflow.compat.v1 as tf

        class Normal(object):
            def __init__(self, loc, scale):
                self.loc, self.scale = loc, scale

            def log_prob(self, x):
                z = (tf.convert_to_tensor(x, dtype=tf.float32) - self.loc) / self.scale
                return -0.5 * tf.math.square(z) - tf.log(self.scale) - tf.nn.relu(z) * 0.0

        def standardize(x):
            mean, variance = tf.nn.moments(x, axes=[0])
            return tf.reshape((x - mean) * tf.rsqrt(variance), tf.shape(x))

        def build(x):
            return tf.get_variable("w", [1])
        """)
    assert sorted(analysis.entries) == ["build"]


def test_a_name_scope_stays_relevant_for_its_name_check(tmp_path: Path) -> None:
    """tf.name_scope raises on an invalid name (SL105) with no variable in sight."""
    analysis = analyse(tmp_path, """
        import tensorflow.compat.v1 as tf

        def loss(x):
            with tf.name_scope("my loss"):
                return tf.reduce_sum(x)
        """)
    assert sorted(analysis.entries) == ["loss"]
    assert [d.code for d in analysis.all_findings()] == ["SL105"]


def test_tf_read_only_for_files_and_logging_does_not_make_an_entry_point_relevant(tmp_path: Path) -> None:
    analysis = analyse(tmp_path, """
        import tensorflow.compat.v1 as tf

        class Vocabulary:
            def __init__(self, path):
                super().__init__()
                with tf.gfile.Open(path) as handle:
                    self.tokens = handle.read().split()
                tf.logging.info("%d tokens", len(self.tokens))

            def encode(self, text):
                return [self.tokens.index(t) for t in text.split() if tf.io.gfile.exists(t)]

        def build(x):
            return tf.get_variable("w", [1])
        """)
    assert sorted(analysis.entries) == ["build"]


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_every_way_to_reach_tf_keeps_the_entry_point(tmp_path: Path, channel: str) -> None:
    main, others, entry = CHANNELS[channel]
    analysis = analyse(tmp_path, main, others)
    assert entry in analysis.entries
    assert "SL101" in {d.code for d in analysis.all_findings()}


def test_every_entry_reaching_a_builder_through_math_ops_stays_relevant(tmp_path: Path) -> None:
    """Each `tf.a.b` the relevance test reads is answered by a new value; one freed must not
    pass for another (magenta's nade_test: the second test method was dropped)."""
    analysis = analyse(tmp_path, """
        import tensorflow.compat.v1 as tf
        from nade import Nade

        class NadeTest(tf.test.TestCase):
            def testInternalBias(self):
                nade = Nade(8, 6, internal_bias=True)
                return nade.log_prob(tf.random_normal(shape=(4, 8)))

            def testExternalBias(self):
                x = tf.random_normal(shape=(4, 8))
                b = tf.random_normal(shape=(4, 6))
                nade = Nade(8, 6)
                return nade.log_prob(x, b), nade.sample(b_enc=b)
        """, {"nade.py": """
        import math
        import tensorflow.compat.v1 as tf

        def _safe_log(tensor):
            return tf.log(1e-6 + tensor)

        class Nade(object):
            def __init__(self, num_dims, num_hidden, internal_bias=False, name="nade"):
                std = 1.0 / math.sqrt(num_dims)
                initializer = tf.truncated_normal_initializer(stddev=std)
                with tf.variable_scope(name):
                    self.w_enc = tf.get_variable("w_enc", [num_dims, 1, num_hidden], initializer=initializer)
                    if internal_bias:
                        self.b_enc = tf.get_variable("b_enc", [1, num_hidden], initializer=initializer)

            def log_prob(self, x, b_enc=None):
                batch_size = tf.shape(x)[0]
                if b_enc is None:
                    b_enc = tf.tile(self.b_enc, [batch_size, 1])
                p = tf.zeros([batch_size, 1])
                parts = tf.unstack(tf.reshape(tf.transpose(x), [8, batch_size, 1]))
                h = tf.sigmoid(tf.matmul(parts[0], tf.squeeze(self.w_enc, [1])) + b_enc)
                return _safe_log(tf.stack([p, tf.to_float(tf.greater_equal(h, 0.5))]))

            def sample(self, b_enc=None, n=None):
                batch_size = n or tf.shape(b_enc)[0]
                return tf.zeros([batch_size, 8])
        """})
    assert {"NadeTest.testInternalBias", "NadeTest.testExternalBias"} <= set(analysis.entries)
    assert all(unit.variables for unit in analysis.entries.values())


def test_free_names_follow_pythons_scopes() -> None:
    """The names a function reads from outside itself: its own locals (a comprehension's target,
    an assigned name, a closure's variable) are not the globals of those names."""
    import ast

    from scopelint.analysis.relevance import _free_names

    source = (
        "@deco(arg)\n"
        "def f(a, b=default, *rest, **options):\n"
        "    x = [convert(x) for x in items if keep]\n"
        "    def inner(q):\n"
        "        return q + x + outer\n"
        "    class C(Base):\n"
        "        k = 3\n"
        "        def m(self):\n"
        "            return k\n"
        "    try:\n"
        "        pass\n"
        "    except Error as e:\n"
        "        e\n"
        "    import os.path\n"
        "    global G\n"
        "    G = os\n"
        "    return (y := [v for v in x]), [lam for lam in (lambda t: t + u,)]\n")
    function = ast.parse(source).body[0]
    free = _free_names(function)
    assert {"deco", "arg", "default", "convert", "items", "keep", "outer", "Base", "k", "Error", "u"} <= free
    assert not {"a", "b", "rest", "options", "q", "e", "os", "inner", "C", "t", "lam"} & free
    plain = ast.parse("def g():\n    return [z for z in data]\n").body[0]
    assert _free_names(plain) == {"data"}
    outer = ast.parse("def h():\n    return [x for x in x if y for y in x]\n").body[0]
    assert _free_names(outer) == {"x"}  # the first iterable is read outside; `y` is the comprehension's own
