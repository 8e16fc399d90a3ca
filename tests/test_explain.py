"""`--explain`: the calls the analysis did not follow, at the analysed file's lines, and only
those after which something was still created (the ones that can matter to names)."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from scopelint.api import FileResult, check_path

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path) -> Path:
    (tmp_path / "ops.py").write_text(textwrap.dedent('''\
        import tensorflow as tf
        import helper_not_installed


        def linear(x, n, name):
            with tf.variable_scope(name):
                w = tf.get_variable("w", [4, n])
                helper_not_installed.log(w)
                return tf.matmul(x, w)
        '''))
    main = tmp_path / "train.py"
    main.write_text(textwrap.dedent('''\
        import json
        import tensorflow as tf
        import mystery
        from ops import linear

        x = tf.placeholder(tf.float32, [None, 4])
        h = linear(x, 4, "fc")
        g = mystery.build(h)
        opt = tf.train.ProximalGradientDescentOptimizer(0.1)
        with tf.variable_scope("head"):
            w = tf.get_variable("w", [4, 2])
        opt.minimize(tf.reduce_sum(w))
        json.dump({"ok": 1}, open("x", "w"))
        '''))
    return main


def test_not_followed_calls_are_listed_at_the_users_lines(tmp_path: Path) -> None:
    result = check_path(str(_project(tmp_path)))
    notes = [(b.line, b.message) for b in result.not_followed]
    assert notes == [
        (7, "`helper_not_installed.log()` is in a module scopelint does not read (helper_not_installed) "
            "(in code this line calls)"),
        (8, "`mystery.build()` is in a module scopelint does not read (mystery)"),
    ]
    # After line 12 nothing is created: the optimizer it did not follow cannot change a name.
    assert all(b.line < 12 for b in result.not_followed)
    assert FileResult.from_json(result.as_json()).not_followed == result.not_followed


def test_names_and_check_print_the_explanation(tmp_path: Path) -> None:
    main = _project(tmp_path)
    names = subprocess.run([sys.executable, "-m", "scopelint", "names", "--explain", str(main)],
                           capture_output=True, text=True, cwd=ROOT)
    assert names.returncode == 0, names.stderr
    assert "Not followed" in names.stdout
    assert "  line 8: `mystery.build()` is in a module scopelint does not read (mystery)" in names.stdout
    check = subprocess.run([sys.executable, "-m", "scopelint", "check", "--explain", str(main)],
                           capture_output=True, text=True, cwd=ROOT)
    assert check.returncode == 0, check.stderr
    assert "%s:8:5: note: not followed: `mystery.build()`" % main in check.stdout
    as_json = subprocess.run([sys.executable, "-m", "scopelint", "check", "--explain", "--format", "json", str(main)],
                             capture_output=True, text=True, cwd=ROOT)
    data = json.loads(as_json.stdout)
    assert data["findings"] == []
    assert [(n["line"], n["path"]) for n in data["not_followed"]] == [(7, str(main)), (8, str(main))]


def test_a_file_followed_throughout_says_so(tmp_path: Path) -> None:
    path = tmp_path / "plain.py"
    path.write_text("import tensorflow as tf\nwith tf.variable_scope('a'):\n    tf.get_variable('v', [1])\n")
    names = subprocess.run([sys.executable, "-m", "scopelint", "names", "--explain", str(path)],
                           capture_output=True, text=True, cwd=ROOT)
    assert "No call scopelint could not follow came before a variable or error in" in names.stdout
    assert check_path(str(path)).not_followed == ()


def test_a_loop_longer_than_the_analysis_unrolls_is_named(tmp_path: Path) -> None:
    """300 layers made in a loop are predicted as `w?` (a loop of unknown length): --explain
    says why, at the loop's line; a comprehension unrolls further, up to 4096 items."""
    main = tmp_path / "deep.py"
    main.write_text(textwrap.dedent('''\
        import tensorflow as tf

        for i in range(300):
            tf.get_variable("w%d" % i, [2, 2])
        for i in range(3):
            tf.get_variable("v%d" % i, [1])
        vs = [tf.get_variable("u%d" % i, [2]) for i in range(5000)]
        '''))
    notes = [(b.line, b.message) for b in check_path(str(main)).not_followed]
    assert notes == [
        (3, "a loop of 300 iterations was run as a loop of unknown length (scopelint unrolls at most 256)"),
        (7, "a loop of 5000 iterations was run as a loop of unknown length (scopelint unrolls at most 4096)")]


def test_a_line_the_analysis_takes_to_raise_is_named(tmp_path: Path) -> None:
    """TF's batch_norm refuses a tensor of unknown channels (TF raises too): nothing after it is
    predicted, and `--explain` says where, though nothing was created after it. A `raise` of the
    program's own (an abstract method's) is the program's business, and is not named."""
    main = tmp_path / "train.py"
    main.write_text(textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        import tf_slim as slim


        class Base(object):
            def build(self):
                raise NotImplementedError


        x = tf.placeholder(tf.float32, [None, None])
        h = slim.batch_norm(x)
        w = tf.get_variable("after", [3])
        '''))
    result = check_path(str(main))
    assert [(b.line, b.message.split(":")[0]) for b in result.not_followed] == [
        (11, "TF raises ValueError('Inputs %s has undefined channels dimension %s.')")]
    assert not result.inventory


def test_names_explain_points_at_the_lines_whose_variables_are_partly_unknown(tmp_path: Path) -> None:
    # a size read from data: nothing was "not followed", yet the shape is partly unknown, and
    # --explain says where
    path = tmp_path / "data.py"
    path.write_text("import json\nimport tensorflow as tf\n\nsizes = json.load(open('sizes.json'))\n"
                    "tf.get_variable('w', [sizes['rows'], 3])\ntf.get_variable('b', [3])\n")
    names = subprocess.run([sys.executable, "-m", "scopelint", "names", "--explain", str(path)],
                           capture_output=True, text=True, cwd=ROOT)
    assert names.returncode == 0, names.stderr
    assert "Partly unknown" in names.stdout
    assert "  line 5: w:0 (shape): `tf.get_variable('w', [sizes['rows'], 3])`" in names.stdout
    assert "line 6" not in names.stdout.split("Partly unknown")[1]


def test_a_module_that_does_not_parse_is_named_where_it_was_imported(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import tensorflow as tf\n\ndef layer(:\n")
    path = tmp_path / "train.py"
    path.write_text("import tensorflow as tf\nfrom broken import layer\n\nlayer(tf.placeholder(tf.float32, [1]))\n")
    names = subprocess.run([sys.executable, "-m", "scopelint", "names", "--explain", str(path)],
                           capture_output=True, text=True, cwd=ROOT)
    assert names.returncode == 0, names.stderr
    assert "  line 2: module broken was not read (%s does not parse)" % (tmp_path / "broken.py") in names.stdout
