"""tf.make_template and its Template, as graph mode builds them (tensorflow/python/ops/
template.py), over the scope intrinsics.

The first call opens a variable scope (`name_`, uniquified: `tmpl`, `tmpl_1`) and creates; later
calls re-enter that scope with reuse=True and share. `create_scope_now_=True` captures the
scope at construction, without a name scope (`_pure_variable_scope`). A later call that creates
a trainable variable (a `tf.Variable`) is TF's ValueError, and a failed first call leaves the
template as it was. This file stands for TF's template.py, one of the files whose errors are
scope errors (SL105): what it raises, and a call of the program's function that Python refuses
(`f() got an unexpected keyword argument`), is reported on the program's line.
"""

import functools

import tensorflow as tf
from tensorflow.python.ops import variable_scope


def make_template(name_, func_, create_scope_now_=False, unique_name_=None, custom_getter_=None,
                  create_graph_function_=False, **kwargs):
    if kwargs:
        func_ = functools.partial(func_, **kwargs)
    return Template(name_, func_, create_scope_now=create_scope_now_, unique_name=unique_name_,
                    custom_getter=custom_getter_)


class Template(object):
    def __init__(self, name, func, create_scope_now=False, unique_name=None, custom_getter=None,
                 create_graph_function=False):
        self._func = func
        self._name = name
        self._unique_name = unique_name
        self._custom_getter = custom_getter
        if name is None:
            raise ValueError("name cannot be None.")
        if create_scope_now:
            with variable_scope._pure_variable_scope(
                    (self._unique_name or variable_scope._get_unique_variable_scope(self._name)),
                    custom_getter=self._custom_getter) as vs:
                self._variable_scope = vs
        else:
            self._variable_scope = None
        self._variables_created = False
        self._first_call = True

    def _call_func(self, args, kwargs):
        if self._variables_created:
            trainable_at_start = len(tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES))
            result = self._func(*args, **kwargs)
            trainable_variables = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)
            if trainable_at_start != len(trainable_variables):
                raise ValueError("Trainable variable created when calling a template after the first time, perhaps "
                                 "you used tf.Variable when you meant tf.get_variable: %s"
                                 % (trainable_variables[trainable_at_start:],))
        elif self._first_call:
            # TF sets _first_call before the call and back if it raises (for a parallel call
            # from another thread); single-threaded, this is the same: a failed first call
            # leaves the template as it was.
            result = self._func(*args, **kwargs)
            self._first_call = False
            self._variables_created = True
        else:
            result = self._func(*args, **kwargs)
        return result

    def __call__(self, *args, **kwargs):
        if self._variable_scope:
            with tf.variable_scope(self._variable_scope, reuse=not self._first_call):
                return self._call_func(args, kwargs)
        with tf.variable_scope(self._unique_name, self._name, custom_getter=self._custom_getter) as vs:
            self._variable_scope = vs
            return self._call_func(args, kwargs)

    @property
    def name(self):
        return self._name

    @property
    def func(self):
        return self._func

    @property
    def variable_scope(self):
        return self._variable_scope

    @property
    def variable_scope_name(self):
        if self._variable_scope:
            name = self._variable_scope.name
            if not name or name[-1] == "/":
                return name
            return name + "/"

    @property
    def variables(self):
        return self.global_variables + self.local_variables

    @property
    def trainable_variables(self):
        if self._variables_created:
            return tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, self.variable_scope_name)
        return []

    @property
    def non_trainable_variables(self):
        global_variables = self.global_variables
        trainable_variables = self.trainable_variables
        return [x for x in global_variables if x not in trainable_variables]

    @property
    def global_variables(self):
        if self._variables_created:
            return tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, self.variable_scope_name)
        return []

    @property
    def local_variables(self):
        if self._variables_created:
            return tf.get_collection(tf.GraphKeys.LOCAL_VARIABLES, self.variable_scope_name)
        return []
