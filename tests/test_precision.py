"""Precision: where a value or the code is unknown, scopelint says nothing rather than guess.

Each case pairs a program that certainly raises (the control: the finding must be there) with
a variant where the analysis cannot know, and must stay quiet. Codes are checked on lines.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Tuple

import pytest

from scopelint.analysis import ModuleAnalysis, analyze_source
from scopelint.source import Source

HEADER = "import tensorflow as tf\nimport models\n"

_SUBCLASSES = "class Base(object):\n    pass\nclass A(Base):\n    pass\n"
_ONE_SUBCLASS = "if len(Base.__subclasses__()) == 1:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n"

CASES = {
    "a context manager the analysis does not know may not be a session": (
        "with tf.Session():\n    tf.reset_default_graph()\n",
        "with models.session():\n    tf.reset_default_graph()\n",
        "SL107",
    ),
    "a subclass made by type() is one the analysis does not hold": (
        _SUBCLASSES + _ONE_SUBCLASS,
        _SUBCLASSES + "B = type('B', (Base,), {})\n" + _ONE_SUBCLASS,
        "SL101",
    ),
    "code the analysis does not follow was given the class": (
        _SUBCLASSES + _ONE_SUBCLASS,
        _SUBCLASSES + "models.register(Base)\n" + _ONE_SUBCLASS,
        "SL101",
    ),
    "unknown code may have created the variable": (
        "with tf.variable_scope('model', reuse=True):\n    tf.get_variable('w', [1])\n",
        "models.build()\nwith tf.variable_scope('model', reuse=True):\n    tf.get_variable('w', [1])\n",
        "SL102",
    ),
    "unknown code may have switched reuse on": (
        "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "tf.get_variable('w', [1])\nmodels.share_everything()\ntf.get_variable('w', [1])\n",
        "SL101",
    ),
    "an unmodelled layer API may have created it": (
        "with tf.variable_scope('dense', reuse=True):\n    tf.get_variable('kernel', [3, 4])\n",
        "x = tf.placeholder(tf.float32, [None, 3])\ny = tf.layers.dense(x, 4)\n"
        "with tf.variable_scope('dense', reuse=True):\n    tf.get_variable('kernel', [3, 4])\n",
        "SL102",
    ),
    "the error is caught": (
        "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "tf.get_variable('w', [1])\ntry:\n    tf.get_variable('w', [1])\nexcept ValueError:\n    pass\n",
        "SL101",
    ),
    "an unknown custom getter may rename": (
        "with tf.variable_scope('s', custom_getter=None):\n    tf.get_variable('w', [1])\n"
        "    tf.get_variable('w', [1])\n",
        "with tf.variable_scope('s', custom_getter=models.getter):\n    tf.get_variable('w', [1])\n"
        "    tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "an unknown custom getter composed with a known one": (
        "def g(getter, name, *a, **k):\n    return getter(name, *a, **k)\n"
        "with tf.variable_scope('s', custom_getter=g):\n    with tf.variable_scope('t', custom_getter=None):\n"
        "        tf.get_variable('w', [1])\n        tf.get_variable('w', [1])\n",
        "def g(getter, name, *a, **k):\n    return getter(name, *a, **k)\n"
        "with tf.variable_scope('s', custom_getter=g):\n    with tf.variable_scope('t', custom_getter=models.getter):\n"
        "        tf.get_variable('w', [1])\n        tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a library's context manager may swallow the error": (
        "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "import numpy as np\ntf.get_variable('w', [1])\nwith np.testing.assert_raises(ValueError):\n"
        "    tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a TF function the program replaced on some path": (
        "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "def mine(name, shape):\n    return None\nif models.flag:\n    tf.get_variable = mine\n"
        "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a re-raising handler reached by another exception too": (
        "tf.get_variable('w', [1])\ntry:\n    tf.get_variable('w', [1])\nexcept ValueError:\n    raise\n",
        "tf.get_variable('w', [1])\ntry:\n    models.check()\n    tf.get_variable('w', [1])\n"
        "except ValueError:\n    raise\n",
        "SL101",
    ),
    "a branch that may not run": (
        "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "if models.flag:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "SL101",
    ),
    "an identity test on an unknown value": (
        "tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "if models.x is None:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a loop that may run once": (
        "for i in range(2):\n    tf.get_variable('w', [1])\n",
        "for batch in models.batches():\n    tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a partly unknown name": (
        "with tf.variable_scope('layer_1', reuse=True):\n    tf.get_variable('w', [1])\n",
        "with tf.variable_scope('layer_%d' % models.depth, reuse=True):\n    tf.get_variable('w', [1])\n",
        "SL102",
    ),
    "an uncalled function's reuse parameter": (
        "def f(reuse=False):\n    with tf.variable_scope('a', reuse=reuse):\n"
        "        tf.get_variable('w', [1])\nf()\nf()\n",
        "def f(reuse=False):\n    with tf.variable_scope('a', reuse=reuse):\n"
        "        tf.get_variable('w', [1])\n        tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "an early return on an unknown condition": (
        "def get_w(flag):\n    return tf.get_variable('w', [3])\n\ndef build(flag):\n"
        "    tf.get_variable('w', [3])\n    get_w(flag)\n",
        "def get_w(flag):\n    if flag:\n        return None\n    return tf.get_variable('w', [3])\n\n"
        "def build(flag):\n    tf.get_variable('w', [3])\n    get_w(flag)\n",
        "SL101",
    ),
    "a break on an unknown condition": (
        "def build(flag):\n    tf.get_variable('w', [3])\n    for n in ['a', 'b']:\n"
        "        tf.get_variable('w', [3])\n",
        "def build(flag):\n    tf.get_variable('w', [3])\n    for n in ['a', 'b']:\n        if flag:\n"
        "            break\n        tf.get_variable('w', [3])\n",
        "SL101",
    ),
    "a continue on an unknown condition": (
        "def build(flag):\n    tf.get_variable('w', [3])\n    for n in ['a', 'b']:\n"
        "        tf.get_variable('w', [3])\n",
        "def build(flag):\n    tf.get_variable('w', [3])\n    for n in ['a', 'b']:\n        if flag:\n"
        "            continue\n        tf.get_variable('w', [3])\n",
        "SL101",
    ),
    "a loop that may have broken out before its last iteration": (
        "for n in ['a', 'b']:\n    if n == 'b':\n        break\n    tf.get_variable('w_' + n, [1])\n"
        "with tf.variable_scope('', reuse=True):\n    tf.get_variable('w_b', [1])\n",
        "for n in ['a', 'b']:\n    if models.stop(n):\n        break\n    tf.get_variable('w_' + n, [1])\n"
        "with tf.variable_scope('', reuse=True):\n    tf.get_variable('w_b', [1])\n",
        "SL102",
    ),
    "a collection the analysis does not fill": (
        "def get_w():\n    return tf.get_variable('w', [3])\n\nget_w()\nget_w()\n",
        "def get_w():\n    if tf.trainable_variables():\n        with tf.variable_scope('', reuse=True):\n"
        "            return tf.get_variable('w')\n    return tf.get_variable('w', [3])\n\nget_w()\nget_w()\n",
        "SL101",
    ),
    "a generator that builds variables as the loop runs": (
        "for n in ['g0', 'g1']:\n    tf.get_variable(n, [1])\n"
        "with tf.variable_scope('', reuse=True):\n    tf.get_variable('g2', [1])\n",
        "def layers():\n    for i in range(3):\n        yield tf.get_variable('g%d' % i, [1])\n\n"
        "for v in layers():\n    pass\nwith tf.variable_scope('', reuse=True):\n    tf.get_variable('g2', [1])\n",
        "SL102",
    ),
    "a list handed to code the analysis does not follow": (
        "sizes = [1]\ntf.get_variable('w', [2])\n"
        "with tf.variable_scope('', reuse=True):\n    tf.get_variable('w', [len(sizes)])\n",
        "import heapq\nsizes = [1]\nheapq.heappush(sizes, 5)\nmodels.fill(sizes)\ntf.get_variable('w', [2])\n"
        "with tf.variable_scope('', reuse=True):\n    tf.get_variable('w', [len(sizes)])\n",
        "SL103",
    ),
    "a shape the analysis lost is not TF's None": (
        "x = tf.placeholder(tf.float32, [None, None])\ntf.get_variable('w', [x.get_shape()[1].value, 4])\n",
        "x = models.features()\ntf.get_variable('w', [x.get_shape()[1].value, 4])\n",
        "SL105",
    ),
    "a variable whose shape the analysis lost is not one of unknown shape": (
        "x = tf.placeholder(tf.float32, [None])\n"
        "tf.get_variable('slot', shape=x.get_shape(), initializer=tf.zeros_initializer())\n",
        "w = tf.Variable(models.initial_weights())\n"
        "tf.get_variable('slot', shape=w.get_shape(), initializer=tf.zeros_initializer())\n",
        "SL105",
    ),
    "keywords spread from a dict the analysis lost may set a defaulted parameter": (
        "def build(name='w'):\n    tf.get_variable(name, [1])\n\nbuild()\nbuild()\n",
        "def build(name='w'):\n    tf.get_variable(name, [1])\n\nbuild()\nbuild(**models.options)\n",
        "SL101",
    ),
    "a positional argument after a spread the analysis lost is at no known position": (
        "def build(scope, name, size=1):\n    with tf.variable_scope(scope):\n        tf.get_variable(name, [1])\n\n"
        "build('s', 'w')\nbuild('s', 'w')\n",
        "def build(scope, name, size=1):\n    with tf.variable_scope(scope):\n        tf.get_variable(name, [1])\n\n"
        "build('s', 'w')\nbuild(*models.rest, 's', 'w')\n",
        "SL101",
    ),
    "a set of strings iterates in an order that varies between runs": (
        "names = []\nfor n in sorted({'a', 'b'}):\n    names.append(n)\n"
        "tf.get_variable(names[0], [1])\ntf.get_variable('a', [1])\n",
        "names = []\nfor n in {'a', 'b'}:\n    names.append(n)\n"
        "tf.get_variable(names[0], [1])\ntf.get_variable('a', [1])\n",
        "SL101",
    ),
    "a dict filled from a set of strings has its keys in an unknown order": (
        "d = {}\nfor n in sorted({'a', 'b'}):\n    d[n] = 1\ntf.get_variable(list(d)[0], [1])\n"
        "tf.get_variable('a', [1])\n",
        "d = {}\nfor n in {'a', 'b'}:\n    d[n] = 1\ntf.get_variable(list(d)[0], [1])\n"
        "tf.get_variable('a', [1])\n",
        "SL101",
    ),
    "after a loop over a set of strings, the loop variable is any item": (
        "for n in sorted({'a', 'b'}):\n    pass\ntf.get_variable(n, [1])\ntf.get_variable('b', [1])\n",
        "for n in {'a', 'b'}:\n    pass\ntf.get_variable(n, [1])\ntf.get_variable('b', [1])\n",
        "SL101",
    ),
    "a loop over a set of strings that reads what it fills depends on the order": (
        "d = {}\nfor n in sorted({'a', 'b'}):\n    if 'a' not in d:\n        d[n] = 1\n"
        "tf.get_variable(list(d)[0], [1])\ntf.get_variable('a', [1])\n",
        "d = {}\nfor n in {'a', 'b'}:\n    if 'a' not in d:\n        d[n] = 1\n"
        "tf.get_variable(list(d.keys())[0], [1])\ntf.get_variable('a', [1])\n",
        "SL101",
    ),
    "a set given to unknown code may have changed": (
        "s = {'a'}\nif 'a' in s:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "s = {'a'}\nmodels.fill(s)\nif 'a' in s:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "SL101",
    ),
    "inspect.signature of a functools.wraps wrapper is the wrapped function's": (
        "import inspect\ndef g(a):\n    return a\ndef f(*args, **kwargs):\n    return g(*args, **kwargs)\n"
        "if 'args' in inspect.signature(f).parameters:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "import functools\nimport inspect\ndef g(a):\n    return a\n@functools.wraps(g)\n"
        "def f(*args, **kwargs):\n    return g(*args, **kwargs)\n"
        "if 'args' in inspect.signature(f).parameters:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a shape method of a value that may be no tensor may be any code": (
        "w = tf.get_variable('w', [3])\nx = tf.reshape(w, models.shape)\nx.shape.assert_is_compatible_with(w.shape)\n"
        "tf.get_variable_scope().reuse_variables()\ntf.train.get_or_create_global_step()\n",
        "w = tf.get_variable('w', [3])\nx = models.value\nx.shape.assert_is_compatible_with(w.shape)\n"
        "tf.get_variable_scope().reuse_variables()\ntf.train.get_or_create_global_step()\n",
        "SL102",
    ),
    "a global a function rebinds through a `global` statement is not read from globals()": (
        "N = 'w'\ndef f():\n    N = 'v'\nf()\ntf.get_variable(globals()['N'], [1])\ntf.get_variable('w', [1])\n",
        "N = 'w'\ndef f():\n    global N\n    N = models.name\nf()\ntf.get_variable(globals()['N'], [1])\n"
        "tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "an object's own __eq__ may find a tensor in a list": (
        "x = tf.placeholder(tf.float32)\nif x in [1]:\n    tf.get_variable('w', [1])\ntf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "class Any(object):\n    def __eq__(self, other):\n        return True\n"
        "x = tf.placeholder(tf.float32)\nif x not in [Any()]:\n    tf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a class whose metaclass is the program's may define its own ==": (
        "class A(object):\n    pass\nif type(A()) not in [list]:\n    tf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "class M(type):\n    def __eq__(cls, other):\n        return True\n    __hash__ = type.__hash__\n"
        "class A(object, metaclass=M):\n    pass\nif type(A()) not in [list]:\n    tf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "which of TF's classes a tensor's type is depends on TF's version": (
        "x = tf.placeholder(tf.float32)\nif type(x) not in [list]:\n    tf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "x = tf.placeholder(tf.float32)\nif type(x) not in [tf.Tensor]:\n    tf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "two bound methods of one object are equal, though distinct objects": (
        "class A(object):\n    def f(self):\n        pass\na = A()\nif a == a:\n    tf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "class A(object):\n    def f(self):\n        pass\na = A()\nif a.f != a.f:\n    tf.get_variable('w', [1])\n"
        "tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "next() of a generator expression stops at a condition the analysis cannot decide": (
        "n = next((n for n in ['w', 'v'] if n == 'w'), None)\ntf.get_variable('w', [1])\ntf.get_variable(n, [1])\n",
        "n = next((n for n in ['w', 'v'] if n == models.name), 'v')\ntf.get_variable('w', [1])\n"
        "tf.get_variable(n, [1])\n",
        "SL101",
    ),
    "a list filled on one path of an undecided branch holds its item on that path only": (
        "names = []\nnames.append('a')\nfor n in names:\n    tf.get_variable(n, [1])\ntf.get_variable('a', [1])\n",
        "names = []\nif models.flag:\n    names.append('a')\nfor n in names:\n    tf.get_variable(n, [1])\n"
        "tf.get_variable('a', [1])\n",
        "SL101",
    ),
    "an attribute set on one path of an undecided branch is set on that path only": (
        "class Model(object):\n    def __init__(self):\n        self.built = False\nmodel = Model()\n"
        "model.built = True\nif model.built:\n    tf.get_variable('a', [1])\ntf.get_variable('a', [1])\n",
        "class Model(object):\n    def __init__(self):\n        self.built = False\nmodel = Model()\n"
        "if models.flag:\n    model.built = True\nif model.built:\n    tf.get_variable('a', [1])\n"
        "tf.get_variable('a', [1])\n",
        "SL101",
    ),
    "a dict entry set on one path of an undecided branch, inside a function": (
        "config = {'share': False}\ndef configure():\n    config['share'] = True\nconfigure()\n"
        "with tf.variable_scope('m', reuse=config['share']):\n    tf.get_variable('a', [1])\n",
        "config = {'share': False}\ndef configure():\n    if models.flag:\n        config['share'] = True\n"
        "configure()\nwith tf.variable_scope('m', reuse=config['share']):\n    tf.get_variable('a', [1])\n",
        "SL102",
    ),
    "a list grown by a loop of unknown length may hold fewer items": (
        "names = []\nfor i in range(2):\n    names.append('a')\nfor n in names:\n    tf.get_variable(n, [1])\n",
        "names = []\nfor i in range(models.count):\n    names.append('a')\nfor n in names:\n"
        "    tf.get_variable(n, [1])\n",
        "SL101",
    ),
    "a loop over a list grown by a loop of unknown length creates its variables on some paths only": (
        "names = []\nnames.append('a')\nnames.append('b')\nfor n in names:\n    tf.get_variable(n, [1])\n"
        "tf.get_variable('a', [1])\n",
        "names = []\nfor i in range(models.count):\n    names.append('b' if names else 'a')\nfor n in names:\n"
        "    tf.get_variable(n, [1])\ntf.get_variable('a', [1])\n",
        "SL101",
    ),
    "an attribute set by a while loop that may not run": (
        "class Model(object):\n    def __init__(self):\n        self.built = False\nmodel = Model()\n"
        "while True:\n    model.built = True\n    break\nif model.built:\n    tf.get_variable('a', [1])\n"
        "tf.get_variable('a', [1])\n",
        "class Model(object):\n    def __init__(self):\n        self.built = False\nmodel = Model()\n"
        "while models.flag:\n    model.built = True\n    break\nif model.built:\n    tf.get_variable('a', [1])\n"
        "tf.get_variable('a', [1])\n",
        "SL101",
    ),
    "a list changed in one arm of an undecided conditional expression": (
        "names = []\nnames.append('a') if True else None\nfor n in names:\n    tf.get_variable(n, [1])\n"
        "tf.get_variable('a', [1])\n",
        "names = []\nnames.append('a') if models.flag else None\nfor n in names:\n    tf.get_variable(n, [1])\n"
        "tf.get_variable('a', [1])\n",
        "SL101",
    ),
    "what the right side of an undecided `and` does happens on some paths only": (
        "True and tf.get_variable('a', [1])\ntf.get_variable('a', [1])\n",
        "models.flag and tf.get_variable('a', [1])\ntf.get_variable('a', [1])\n",
        "SL101",
    ),
    "a global a function sets on one path of an undecided branch": (
        "built = False\ndef build():\n    global built\n    built = True\nbuild()\nif built:\n"
        "    tf.get_variable('a', [1])\ntf.get_variable('a', [1])\n",
        "built = False\ndef build():\n    global built\n    if models.flag:\n        built = True\nbuild()\n"
        "if built:\n    tf.get_variable('a', [1])\ntf.get_variable('a', [1])\n",
        "SL101",
    ),
    "a decorator the analysis cannot see into may cache the call": (
        "def dense():\n    return tf.get_variable('w', [1])\n\ndense()\ndense()\n",
        "@models.memoized\ndef dense():\n    return tf.get_variable('w', [1])\n\ndense()\ndense()\n",
        "SL101",
    ),
    "one of the joined callables creates the variable, the other does not": (
        "def make(x):\n    tf.get_variable('w', [1])\n    return x\n\n"
        "f = make\nf(1)\ntf.get_variable('w', [1])\n",
        "def make(x):\n    tf.get_variable('w', [1])\n    return x\n\ndef keep(x):\n    return x\n\n"
        "f = make if models.flag else keep\nf(1)\ntf.get_variable('w', [1])\n",
        "SL101",
    ),
    "one of the joined callables creates what a later reuse reads": (
        "def other():\n    return tf.get_variable('u', [1])\n\n"
        "f = other\nf()\nwith tf.variable_scope('', reuse=True):\n    tf.get_variable('w', [1])\n",
        "def make():\n    return tf.get_variable('w', [1])\n\ndef other():\n    return tf.get_variable('u', [1])\n\n"
        "if models.flag:\n    f = make\nelse:\n    f = other\nf()\n"
        "with tf.variable_scope('', reuse=True):\n    tf.get_variable('w', [1])\n",
        "SL102",
    ),
    "a gradient clipped is shaped as it was, lost or not": (
        "g = tf.placeholder(tf.float32)\n(c,), n = tf.clip_by_global_norm([g], 5.0)\n"
        "tf.get_variable('c', c.shape)\n",
        "w = tf.get_variable('w', [4, 2])\nm = tf.gather_nd(w, tf.placeholder(tf.int32, [3, 2]))\n"
        "(c,), n = tf.clip_by_global_norm(tf.gradients(tf.reduce_sum(m), [w]), 5.0)\n"
        "tf.get_variable('c', c.shape)\n",
        "SL105",
    ),
    "a test method runs with what mock.patch.object replaced mocked": (
        "class Net:\n    def build(self):\n        with tf.variable_scope('net'):\n"
        "            tf.get_variable('w', [1])\nclass T:\n    def test_twice(self):\n"
        "        Net().build()\n        Net().build()\n",
        "from unittest import mock\nclass Net:\n    def build(self):\n        with tf.variable_scope('net'):\n"
        "            tf.get_variable('w', [1])\nclass T:\n    @mock.patch.object(Net, 'build')\n"
        "    def test_twice(self, _):\n        Net().build()\n        Net().build()\n",
        "SL101",
    ),
    "a test method under a mock.patch whose target the analysis cannot find": (
        "class T:\n    def test_twice(self):\n        tf.get_variable('w', [1])\n        tf.get_variable('w', [1])\n",
        "from unittest import mock\nclass T:\n    @mock.patch('nowhere.to.be.found')\n    def test_twice(self, _):\n"
        "        tf.get_variable('w', [1])\n        tf.get_variable('w', [1])\n",
        "SL101",
    ),
    "a call cut off at the call depth may have set what it was given": (
        "class Holder:\n    def __init__(self):\n        self.name = None\nh = Holder()\n"
        "with tf.variable_scope(h.name):\n    pass\n",
        "class Holder:\n    def __init__(self):\n        self.name = None\n"
        "def f0(h):\n    h.name = 'net'\n"
        + "".join("def f%d(h):\n    f%d(h)\n" % (i, i - 1) for i in range(1, 40))
        + "h = Holder()\nf39(h)\nwith tf.variable_scope(h.name):\n    pass\n",
        "SL105",
    ),
    "an op added to a finalized graph may have raised first": (
        "tf.get_default_graph().finalize()\ntf.get_variable('w', [1])\n",
        "x = tf.placeholder(tf.float32, [1])\ntf.get_default_graph().finalize()\ny = tf.square(x)\n"
        "tf.get_variable('w', [1])\n",
        "SL106",
    ),
    "a graph finalized on some paths only": (
        "tf.get_default_graph().finalize()\ntf.get_variable('w', [1])\n",
        "if models.ready():\n    tf.get_default_graph().finalize()\ntf.get_variable('w', [1])\n",
        "SL106",
    ),
    "a Supervisor of a graph the analysis does not know": (
        "sv = tf.train.Supervisor(logdir='/tmp/x')\ntf.get_variable('w', [1])\n",
        "sv = tf.train.Supervisor(models.graph(), logdir='/tmp/x')\ntf.get_variable('w', [1])\n",
        "SL106",
    ),
}


def entry_variable_names(analysis: ModuleAnalysis) -> List[Tuple[str, List[str]]]:
    """Each entry point's name and the names of the variables it creates, by entry name."""
    return [(name, [v["name"] for v in unit.variables]) for name, unit in sorted(analysis.entries.items())]


def analysis_of(body: str) -> ModuleAnalysis:
    return analyze_source(Source("case.py", HEADER + body), strict=True)


def codes(body: str) -> set:
    return {d.code for d in analysis_of(body).all_findings()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_control_raises_and_unknown_variant_is_quiet(name: str) -> None:
    control, unknown, code = CASES[name]
    assert code in codes(control), "the control must produce %s" % code
    assert code not in codes(unknown)


def test_an_entry_is_named_by_its_defaults_but_judged_with_any_arguments() -> None:
    """An entry point runs with its parameters' defaults, which name what it builds; where that
    run finds a mistake the defaults alone may make (`reuse=False` creating `w` twice), the
    entry runs again with every parameter unknown, from the module's values as they were before
    the first run (its `seen.append` undone), and that run's names and findings stand; so they
    do where its defaults always raise (gpt-2's `sample_sequence(start_token=None, context=None)`
    asserts that one is given), as no caller passes them."""
    analysis = analysis_of(
        "seen = []\n\n"
        "def named(units=3, scope='net'):\n    with tf.variable_scope(scope):\n"
        "        tf.get_variable('w', [units])\n\n"
        "def shared(reuse=False):\n    seen.append(1)\n    with tf.variable_scope('a', reuse=reuse):\n"
        "        tf.get_variable('w', [1])\n        tf.get_variable('w', [1])\n"
        "        if len(seen) == 1:\n            tf.get_variable('first', [1])\n\n"
        "def sample(start=None, context=None):\n    assert start is not None or context is not None\n"
        "    tf.get_variable('sampled', [1])\n")
    assert [(v["name"], v["shape"]) for v in analysis.entries["named"].variables] == [("net/w:0", [3])]
    assert analysis.all_findings() == []
    assert "a/first:0" in [v["name"] for v in analysis.entries["shared"].variables]
    assert [v["name"] for v in analysis.entries["sample"].variables] == ["sampled:0"]


def test_a_function_under_a_decorator_not_seen_into_is_still_analysed_on_its_own() -> None:
    """Callers of `@registry.register def build()` get an unknown value, but build's own body
    is an entry point (issue #13): its variables are predicted, and a mistake that raises
    whatever the decorator does is found. One that raises only if the decorator opened no
    reusing scope (it may: an `@auto_reuse`) is not claimed."""
    analysis = analysis_of(
        "@models.register\ndef build(x):\n    tf.get_variable('w', [1])\n    tf.get_variable('w', [1])\n\n"
        "class Net(object):\n    @models.deprecated('use call')\n    def apply(self, x):\n"
        "        tf.get_variable('v', [1])\n        with tf.variable_scope(None):\n            pass\n\n"
        "build(1)\n")
    assert {"build", "Net.apply"} <= set(analysis.entries)
    assert [v["key"].split("/")[-1] for v in analysis.entries["build"].variables] == ["w", "w"]
    assert [(d.code, d.line) for d in analysis.all_findings()] == [("SL105", 12)]


def test_what_every_path_of_a_branch_leaves_alike_stays_known() -> None:
    """A branch's paths share the lists and dicts made before it; where each path leaves them
    as it found them (tf_slim's arg_scope stack, pushed and popped) or changed alike, they stay
    known after the join: the layer after the branch is predicted exactly."""
    analysis = analysis_of(
        "import tf_slim as slim\nnames = []\nx = tf.placeholder(tf.float32, (None, 8, 8, 3))\n"
        "if models.flag:\n    with slim.arg_scope([slim.conv2d], padding='VALID'):\n        names.append('b')\n"
        "else:\n    names.append('b')\n"
        "net = slim.conv2d(x, 4, [3, 3], scope='c1')\nfor n in names:\n    tf.get_variable(n, [2])\n")
    assert analysis.module is not None
    assert [(v["name"], v["shape"], v["certain"]) for v in analysis.module.variables] == [
        ("c1/weights:0", [3, 3, 3, 4], True), ("c1/biases:0", [4], True), ("b:0", [2], True)]


def test_what_follows_a_with_whose_body_ran_to_its_end_is_certain() -> None:
    """A library's context manager may swallow a raise in its body (`np.testing.assert_raises`),
    so what follows runs whether or not the body raised; where the body also ran to its end, a
    mistake after the `with` is certain. Where every path of the body raised, what follows runs
    only if the manager swallowed it: not claimed."""
    head = "import numpy as np\ntf.get_variable('w', [1])\nwith np.errstate(all='ignore'):\n"
    maybe = head + "    if models.flag:\n        raise ValueError()\ntf.get_variable('w', [1])\n"
    assert [(d.code, d.line) for d in analysis_of(maybe).all_findings()] == [("SL101", 8)]
    always = head + "    raise ValueError()\ntf.get_variable('w', [1])\n"
    assert not analysis_of(always).all_findings()


def test_a_tensor_computed_from_a_lost_shape_keeps_its_op_name() -> None:
    """A tensor computed from a lost shape has an unknown shape, not an empty op name: moving
    averages over it used to claim SL105 "'/avg' is not a valid root scope name", which TF,
    where the op is named `m`, never raises."""
    analysis = analysis_of("y = tf.reduce_mean(tf.zeros([models.n, 2]), name='m')\n"
                           "ema = tf.train.ExponentialMovingAverage(0.9, name='avg')\nop = ema.apply([y])\n")
    assert not analysis.all_findings()


def test_hasattr_of_a_namespace_scopelint_models_is_decided() -> None:
    """`if not hasattr(tf.contrib, "legacy_seq2seq"): <a shim>` (scripts that run on TF 1.x and
    2.x): TF 1.15 has every namespace scopelint models, so the branch is decided and what
    follows stays certain."""
    analysis = analysis_of("if hasattr(tf.contrib, 'legacy_seq2seq'):\n    tf.get_variable('a', [1])\n")
    assert analysis.module is not None
    assert [(v["name"], v["certain"]) for v in analysis.module.variables] == [("a:0", True)]


def test_joined_callables_are_each_called_and_what_follows_stays_certain() -> None:
    """`f = relu if flag else leaky` then `f(x)`: each alternative runs on its own path, nothing is
    havocked, so a model built twice after the call is still a certain SL101."""
    analysis = analysis_of(
        "def leaky(x):\n    return x * 0.2\n\n"
        "f = tf.nn.relu if models.flag else leaky\nx = tf.placeholder(tf.float32, [None, 3])\n"
        "h = f(x)\ntf.layers.dense(h, 2, name='d')\ntf.layers.dense(h, 2, name='d')\n")
    assert analysis.module is not None
    assert [(v["name"], v["shape"], v["certain"]) for v in analysis.module.variables] == [
        ("d/kernel:0", [3, 2], True), ("d/bias:0", [2], True)]
    assert [(d.code, d.line) for d in analysis.all_findings()] == [("SL101", 10)]


def test_joined_callables_read_by_anything_but_a_call_are_unknown() -> None:
    """Only calls and attribute reads see the alternatives: `f is leaky`, `bool(f)` and a store
    into a list see an unknown value, so no branch on them is decided."""
    analysis = analysis_of(
        "def leaky(x):\n    return x\n\n"
        "f = tf.nn.relu if models.flag else leaky\n"
        "if f is leaky:\n    tf.get_variable('a', [1])\n"
        "if [f][0] is tf.nn.relu:\n    tf.get_variable('b', [1])\n")
    assert analysis.module is not None
    assert [(v["name"], v["certain"]) for v in analysis.module.variables] == [("a:0", False), ("b:0", False)]


def test_equality_is_identity_only_where_the_class_defines_no_eq() -> None:
    """A function or a plain object is never equal to a string; an object whose class defines
    __eq__ may be, so a branch on it stays undecided (names made on it are not certain)."""
    plain = analysis_of("def f():\n    pass\nif f == 'linear':\n    tf.get_variable('w', [1])\n")
    assert plain.module is not None and plain.module.variables == []
    custom = analysis_of("class Name:\n    def __eq__(self, other):\n        return True\n"
                         "if Name() == 'linear':\n    tf.get_variable('w', [1])\n")
    assert custom.module is not None and [v["certain"] for v in custom.module.variables] == [False]


def test_an_entry_point_does_not_take_a_list_its_constructor_left_empty_to_be_empty() -> None:
    """An entry point runs after code the analysis did not see, which may have filled the lists
    its class's constructor made (t2t's MultiProblem.dataset reads `self.task_list[0]`, which
    its subclasses and callers fill): no IndexError ends its path; a list the entry makes itself
    and reads past its end does raise (the control)."""
    analysis = analysis_of(
        "class Mix(object):\n    def __init__(self):\n        self.tasks = []\n\n"
        "    def build(self):\n        first = self.tasks[0]\n        tf.get_variable('w', [1])\n\n"
        "    def build_own(self):\n        mine = []\n        first = mine[0]\n        tf.get_variable('v', [1])\n")
    assert entry_variable_names(analysis) == [
        ("Mix.build", ["w:0"]), ("Mix.build_own", [])]


def test_an_entry_point_takes_any_extra_arguments_and_keywords() -> None:
    """An entry point's callers may pass any keywords and extra arguments: its **kwargs and *args
    hold what callers elsewhere may have passed (tensorflow-gan's progressive_gan build_model reads
    `kwargs['kernel_size']`): no KeyError or IndexError ends its path; a dict or tuple it makes
    itself and reads past its keys does raise (the control)."""
    analysis = analysis_of(
        "def build(*args, **kwargs):\n    size = kwargs['kernel_size']\n    first = args[0]\n"
        "    tf.get_variable('w', [1])\n\n"
        "def build_own():\n    mine = dict(a=1)\n    size = mine['kernel_size']\n    tf.get_variable('v', [1])\n")
    assert entry_variable_names(analysis) == [
        ("build", ["w:0"]), ("build_own", [])]


_NETWORK_BASE = (
    "import tensorflow as tf\n\n"
    "class Network(object):\n    def __init__(self, inputs):\n        self.inputs = inputs\n        self.setup()\n")


def test_a_method_entry_its_constructor_calls_is_not_run_again_on_the_built_instance(tmp_path: Path) -> None:
    """kaffe's Network.__init__ (another module) calls `self.setup()`, which each generated model
    defines and nothing in its own module calls: its entry runs it as the constructor does (and
    reports what that made), not a second time on the constructed instance, which would make
    every variable again (an SL101 no program raises). A method the constructor does not call
    is still run on it (the control)."""
    (tmp_path / "network.py").write_text(_NETWORK_BASE)
    source = ("import tensorflow as tf\nfrom network import Network\n\n"
              "class Model(Network):\n    def setup(self):\n        tf.get_variable('conv1', [3])\n\n"
              "    def rebuild(self):\n        tf.get_variable('conv1', [3])\n")
    path = tmp_path / "model.py"
    path.write_text(source)
    analysis = analyze_source(Source(str(path), source), strict=True)
    found = {(d.code, d.line) for d in analysis.all_findings()}
    assert ("SL101", 6) not in found
    assert ("SL101", 9) in found
    # what the constructor's call made is the entry's
    assert [(v["name"], v["line"]) for v in analysis.entries["Model.setup"].variables] == [("conv1:0", 6)]


def test_a_warning_from_a_project_module_names_the_line_it_is_about() -> None:
    """An opt-in warning raised in a module of the project is reported at the analysed file's
    line the call went through, and names the module's line where the fix goes."""
    from scopelint.api import check_path
    from scopelint.config import Config

    path = os.path.join(os.path.dirname(__file__), "fixtures", "projects", "warnings_in_project_module", "train.py")
    result = check_path(path, Config(select=("SL2",)))
    assert sorted((d.line, d.code, d.message.rsplit(" (in ", 1)[-1]) for d in result.diagnostics) == [
        (14, "SL201", "net.py:13)"), (14, "SL202", "net.py:12)")]
