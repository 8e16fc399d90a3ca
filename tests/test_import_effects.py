"""import_effects.defines_only: which module bodies only bind their own names (an import may wait
until a name is read) and which act beyond them at import time (they run at the import)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from scopelint.analysis.import_effects import defines_only

DEFINES_ONLY = {
    "imports, constants and functions": """
        import os
        import tensorflow as tf
        from .ops import conv
        UNITS = 4
        NAMES = ("a", "b")
        def build(x, units=UNITS):
            return tf.layers.dense(x, units)
        """,
    "classes with TF's decorators and plain ones": """
        import abc
        import six
        from tensorflow.python.util import deprecation
        @six.add_metaclass(abc.ABCMeta)
        class Model(object):
            scale = 2.0
            @property
            @deprecation.deprecated("2019-10-01", "use size")
            def width(self):
                return 1
        """,
    "data libraries' pure calls and its own tables": """
        import collections
        import logging
        import numpy as np
        Params = collections.namedtuple("Params", ["depth", "width"])
        logger = logging.getLogger(__name__)
        TABLE = np.arange(4)
        _REGISTRY = {}
        _REGISTRY["x"] = len(TABLE)
        """,
    "a main guard and an optional import": """
        try:
            import cv2
        except ImportError:
            cv2 = None
        def main():
            pass
        if __name__ == "__main__":
            main()
        """,
}

ACTS_AT_IMPORT = {
    "defines a flag": """
        import tensorflow as tf
        tf.app.flags.DEFINE_integer("units", 4, "")
        """,
    "builds a graph piece": """
        import tensorflow as tf
        step = tf.get_variable("step", [])
        """,
    "registers into another module": """
        from utils import registry
        @registry.register_model
        class Net(object):
            pass
        """,
    "calls its own function": """
        def make():
            return {}
        DEFAULTS = make()
        """,
    "changes the environment": """
        import os
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
        """,
    "extends sys.path": """
        import sys
        PATHS = sys.path.append("lib")
        """,
    "seeds numpy": """
        import numpy as np
        STATE = np.random.seed(0)
        """,
    "star import": """
        from ops import *
        """,
    "with statement": """
        import tensorflow as tf
        with tf.variable_scope("net"):
            pass
        """,
    "raises": """
        raise ImportError("no")
        """,
    "patches another module": """
        import tensorflow as tf
        tf.concat_v2 = tf.concat
        """,
}


def _tree(source: str) -> ast.Module:
    return ast.parse(textwrap.dedent(source))


@pytest.mark.parametrize("name", sorted(DEFINES_ONLY))
def test_defines_only(name: str) -> None:
    assert defines_only(_tree(DEFINES_ONLY[name])) is True


@pytest.mark.parametrize("name", sorted(ACTS_AT_IMPORT))
def test_acts_at_import(name: str) -> None:
    assert defines_only(_tree(ACTS_AT_IMPORT[name])) is False


def test_verdict_is_kept_on_the_tree() -> None:
    tree = _tree(DEFINES_ONLY["imports, constants and functions"])
    assert defines_only(tree) is True
    tree.body.append(ast.parse("print_things()").body[0])
    assert defines_only(tree) is True  # computed once per parsed tree, as the loader caches trees
