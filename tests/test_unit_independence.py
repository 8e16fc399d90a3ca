"""Each unit (the module body, each entry point) starts from TF's models as a fresh process
loads them: what one unit did to a model's module-level state (tf_slim's arg_scope stack) does
not reach the units after it, so an entry point's prediction does not depend on which entry
points come before it in the file."""

from scopelint.analysis import analyze_source
from scopelint.source import Source

BUILD = '''
def build():
    x = tf.placeholder(tf.float32, (None, 8, 8, 3))
    with slim.arg_scope([slim.conv2d], padding="SAME"):
        return slim.conv2d(x, 4, [3, 3], scope="c1")
'''

# Pops tf_slim's arg_scope stack more often than it pushes: the analysis loses track of the
# stack (Python would raise IndexError), for this unit only.
UNBALANCED = '''
def unbalanced():
    scope = slim.arg_scope([slim.conv2d], padding="VALID")
    scope.__exit__(None, None, None)
    scope.__exit__(None, None, None)
'''

HEADER = "import tensorflow as tf\nimport tf_slim as slim\n"


def _build_variables(source: str):
    analysis = analyze_source(Source("prog.py", HEADER + source), strict=True)
    return [(v["name"], v["shape"], v["dtype"]) for v in analysis.entries["build"].variables]


def test_an_entry_point_is_predicted_alike_after_one_that_lost_track_of_a_model_list():
    alone = _build_variables(BUILD)
    assert alone == [("c1/weights:0", [3, 3, 3, 4], "float32"), ("c1/biases:0", [4], "float32")]
    assert _build_variables(UNBALANCED + BUILD) == alone
