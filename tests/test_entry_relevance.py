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
        (tmp_path / name).write_text(textwrap.dedent(text))
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(main))
    return analyze_source(Source(str(path), path.read_text()), strict=True)


def test_an_entry_point_that_cannot_reach_tf_is_not_analysed(tmp_path: Path) -> None:
    analysis = analyse(tmp_path, """
        import re
        import tensorflow as tf

        TABLE = {"a": 1}

        def tokens(text):
            return [TABLE.get(t, 0) for t in re.split(" ", text)]

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
}


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_every_way_to_reach_tf_keeps_the_entry_point(tmp_path: Path, channel: str) -> None:
    main, others, entry = CHANNELS[channel]
    analysis = analyse(tmp_path, main, others)
    assert entry in analysis.entries
    assert "SL101" in {d.code for d in analysis.all_findings()}
