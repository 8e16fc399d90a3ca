"""tf.train's optimizers and global step, written as TensorFlow writes them
(tensorflow/python/training: optimizer.py, slot_creator.py, adam.py, momentum.py, rmsprop.py,
adagrad.py, adadelta.py, ftrl.py, proximal_adagrad.py, training_util.py), over the scope
intrinsics.

What decides names is kept as TF has it. A slot is `get_variable("")` inside
`variable_scope(None, default_name=<variable's op name>/<optimizer name>)`, opened in the
variable scope current at `minimize`/`apply_gradients`: so a second slot of the same optimizer
name is `Adam_1`, a slot made inside `variable_scope("model")` is `model/model/w/Adam`, and a
reuse flag left on by `reuse_variables()` makes the slot "does not exist" (DCGAN's
`Variable d_h0_conv/w/Adam/ does not exist`). Adam's `beta1_power`/`beta2_power` are
`tf.Variable`s, named in the current name scope.

A variable the loss does not depend on gets no gradient and so no slot, as in TF (with
`var_list` omitted, a GAN's generator loss reaches the discriminator's variables, a DQN's loss
does not reach its target network behind stop_gradient); where what the loss depends on is
unknown, every variable is assumed reached.
"""

import tensorflow as tf


# ---------------------------------------------------------------------------- slot_creator.py


def _create_slot_var(val, shape, dtype, validate_shape=True):
    scope = tf.get_variable_scope()
    partitioner = scope.partitioner
    scope.set_partitioner(None)  # slots are never partitioned
    shape = shape if callable(val) else None  # a value gives its own shape
    slot = tf.get_variable("", shape=shape, dtype=dtype, initializer=val, trainable=False,
                           validate_shape=validate_shape)
    scope.set_partitioner(partitioner)
    return slot


def create_slot(primary, val, name):
    validate_shape = val.get_shape().is_fully_defined()
    with tf.variable_scope(None, default_name=primary.op.name + "/" + name):
        return _create_slot_var(val, None, None, validate_shape)


def create_slot_with_initializer(primary, initializer, shape, dtype, name):
    with tf.variable_scope(None, default_name=primary.op.name + "/" + name):
        return _create_slot_var(initializer, shape, dtype)


def create_zeros_slot(primary, name, dtype=None):
    if dtype is None:
        dtype = primary.dtype.base_dtype
    slot_shape = primary.get_shape()
    if not slot_shape.is_fully_defined():  # unknown: false
        # A primary of a partly known shape (validate_shape=False): the slot takes its value's shape.
        val = tf.zeros(tf.shape(primary.initial_value), dtype=dtype)
        return create_slot(primary, val, name)
    return create_slot_with_initializer(primary, tf.zeros_initializer(), slot_shape, dtype, name)


# ---------------------------------------------------------------------------- optimizer.py


class Optimizer(object):
    GATE_NONE = 0
    GATE_OP = 1
    GATE_GRAPH = 2

    def __init__(self, use_locking, name):
        if not name:
            raise ValueError("Must specify the optimizer name")
        self._use_locking = use_locking
        self._name = name
        self._slots = {}
        self._non_slot_dict = {}

    def get_name(self):
        return self._name

    def minimize(self, loss, global_step=None, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                 colocate_gradients_with_ops=False, name=None, grad_loss=None):
        grads_and_vars = self.compute_gradients(loss, var_list=var_list, gate_gradients=gate_gradients,
                                                aggregation_method=aggregation_method,
                                                colocate_gradients_with_ops=colocate_gradients_with_ops,
                                                grad_loss=grad_loss)
        return self.apply_gradients(grads_and_vars, global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None, gate_gradients=GATE_OP, aggregation_method=None,
                          colocate_gradients_with_ops=False, grad_loss=None):
        if var_list is None:
            var_list = tf.trainable_variables() + tf.get_collection(tf.GraphKeys.TRAINABLE_RESOURCE_VARIABLES)
        else:
            var_list = list(var_list)
        if not var_list:
            raise ValueError("No variables to optimize.")
        # tf.gradients gives None for a variable the loss does not depend on.
        return list(zip(tf.gradients(loss, var_list), var_list))

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        grads_and_vars = tuple(grads_and_vars)
        if not grads_and_vars:
            raise ValueError("No variables provided.")
        var_list = [v for g, v in grads_and_vars if g is not None]
        if not var_list:
            raise ValueError("No gradients provided for any variable: %s." % ([str(v) for _, v in grads_and_vars],))
        # TF creates the slots under init_scope(), which in a graph keeps the variable scope and
        # the name scope: slots are named where apply_gradients is called.
        self._create_slots(var_list)
        with tf.name_scope(name, self._name) as scope_name:
            self._prepare()
            return tf.no_op(name=scope_name)  # the update ops (and global_step's increment) create no variable

    def get_slot(self, var, name):
        named_slots = self._slots.get(name, None)
        if not named_slots:
            return None
        return named_slots.get(var.op.name, None)

    def get_slot_names(self):
        return sorted(self._slots.keys())

    def variables(self):
        slots = []
        for name in sorted(self._slots.keys()):
            slots.extend(self._slots[name].values())
        return list(self._non_slot_dict.values()) + slots

    def _create_slots(self, var_list):
        pass

    def _prepare(self):
        pass

    def _slot_dict(self, slot_name):
        named_slots = self._slots.get(slot_name, None)
        if named_slots is None:
            named_slots = {}
            self._slots[slot_name] = named_slots
        return named_slots

    def _get_or_make_slot_with_initializer(self, var, initializer, shape, dtype, slot_name, op_name):
        named_slots = self._slot_dict(slot_name)
        if var.op.name not in named_slots:
            named_slots[var.op.name] = create_slot_with_initializer(var, initializer, shape, dtype, op_name)
        return named_slots[var.op.name]

    def _zeros_slot(self, var, slot_name, op_name):
        named_slots = self._slot_dict(slot_name)
        if var.op.name not in named_slots:
            named_slots[var.op.name] = create_zeros_slot(var, op_name)
        return named_slots[var.op.name]

    def _create_non_slot_variable(self, initial_value, name, colocate_with):
        variable = self._non_slot_dict.get(name, None)
        if variable is None:
            variable = tf.Variable(initial_value, name=name, trainable=False)
            self._non_slot_dict[name] = variable
        return variable

    def _get_non_slot_variable(self, name, graph=None):
        return self._non_slot_dict.get(name, None)


class GradientDescentOptimizer(Optimizer):
    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super(GradientDescentOptimizer, self).__init__(use_locking, name)
        self._learning_rate = learning_rate


class AdamOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False, name="Adam"):
        super(AdamOptimizer, self).__init__(use_locking, name)
        self._lr = learning_rate
        self._beta1 = beta1
        self._beta2 = beta2
        self._epsilon = epsilon

    def _create_slots(self, var_list):
        self._create_non_slot_variable(self._beta1, "beta1_power", var_list[0])
        self._create_non_slot_variable(self._beta2, "beta2_power", var_list[0])
        for v in var_list:
            self._zeros_slot(v, "m", self._name)
            self._zeros_slot(v, "v", self._name)


class MomentumOptimizer(Optimizer):
    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super(MomentumOptimizer, self).__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._momentum = momentum

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "momentum", self._name)


class RMSPropOptimizer(Optimizer):
    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False,
                 name="RMSProp"):
        super(RMSPropOptimizer, self).__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._centered = centered

    def _create_slots(self, var_list):
        for v in var_list:
            self._get_or_make_slot_with_initializer(v, tf.ones_initializer(dtype=v.dtype.base_dtype), v.get_shape(),
                                                    v.dtype.base_dtype, "rms", self._name)
            if self._centered:
                self._zeros_slot(v, "mg", self._name)
            self._zeros_slot(v, "momentum", self._name)


class AdagradOptimizer(Optimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s" % initial_accumulator_value)
        super(AdagradOptimizer, self).__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value

    def _create_slots(self, var_list):
        for v in var_list:
            dtype = v.dtype.base_dtype
            init = tf.constant_initializer(self._initial_accumulator_value, dtype=dtype)
            self._get_or_make_slot_with_initializer(v, init, v.get_shape(), dtype, "accumulator", self._name)


class ProximalAdagradOptimizer(AdagradOptimizer):
    def __init__(self, learning_rate, initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, use_locking=False, name="ProximalAdagrad"):
        super(ProximalAdagradOptimizer, self).__init__(learning_rate, initial_accumulator_value, use_locking, name)


class AdadeltaOptimizer(Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False, name="Adadelta"):
        super(AdadeltaOptimizer, self).__init__(use_locking, name)
        self._lr = learning_rate

    def _create_slots(self, var_list):
        for v in var_list:
            self._zeros_slot(v, "accum", self._name)
            self._zeros_slot(v, "accum_update", self._name)


class FtrlOptimizer(Optimizer):
    def __init__(self, learning_rate, learning_rate_power=-0.5, initial_accumulator_value=0.1,
                 l1_regularization_strength=0.0, l2_regularization_strength=0.0, use_locking=False, name="Ftrl",
                 accum_name=None, linear_name=None, l2_shrinkage_regularization_strength=0.0, beta=None):
        super(FtrlOptimizer, self).__init__(use_locking, name)
        self._learning_rate = learning_rate
        self._initial_accumulator_value = initial_accumulator_value
        self._accum_name = accum_name
        self._linear_name = linear_name

    def _create_slots(self, var_list):
        for v in var_list:
            init = tf.constant_initializer(self._initial_accumulator_value, dtype=v.dtype.base_dtype)
            self._get_or_make_slot_with_initializer(v, init, v.get_shape(), v.dtype.base_dtype, "accum",
                                                    self._accum_name or self._name)
            self._zeros_slot(v, "linear", self._linear_name or self._name)


# ---------------------------------------------------------------------------- moving_averages.py


class ExponentialMovingAverage(object):
    """A shadow slot `<var>/<name>` per variable or tensor, made where apply() is called: under a
    scope left reusing, apply() raises "does not exist" (batch norm's moving averages in a
    reused tower). The shadow is initialised from the variable in TF; that decides no name."""

    def __init__(self, decay, num_updates=None, zero_debias=False, name="ExponentialMovingAverage"):
        self._decay = decay
        self._num_updates = num_updates
        self._zero_debias = zero_debias
        self._name = name
        # the averages by the op name of what they average: TF keys them by reference, and
        # get_variable gives the same variable when it shares (here another object of that name)
        self._averages = {}

    @property
    def name(self):
        return self._name

    def apply(self, var_list=None):
        if var_list is None:
            var_list = tf.trainable_variables()
        debiased = []  # the averages of tensors, with zero_debias: debiased by two more variables
        for var in var_list:
            if var.dtype.base_dtype not in (tf.bfloat16, tf.float16, tf.float32, tf.float64):
                raise TypeError("The variables must be half, float, or double: %s" % var.name)
            if self._average_of(var) is None:
                if isinstance(var, tf.Variable):
                    average = create_slot_with_initializer(var, tf.zeros_initializer(), var.get_shape(),
                                                           var.dtype.base_dtype, self._name)
                    tf.add_to_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES, var)
                else:
                    average = create_zeros_slot(var, self._name)
                    if self._zero_debias:
                        debiased.append(average)
                self._averages[var.op.name] = average
        with tf.name_scope(self._name) as scope:
            for average in debiased:  # in var_list's order, as assign_moving_average runs
                with tf.name_scope(None, "AssignMovingAvg"):
                    _zero_debias(average)
            return tf.no_op(name=scope)

    def _average_of(self, var):
        return self._averages.get(var.op.name)

    def average(self, var):
        return self._average_of(var)

    def average_name(self, var):
        return var.op.name + "/" + self._name

    def variables_to_restore(self, moving_avg_variables=None):
        return dict((self.average_name(v), v) for v in tf.global_variables())


def assign_moving_average(variable, value, decay, zero_debias=True, name=None):
    """moving_averages.assign_moving_average: `variable -= (variable - value) * (1 - decay)`; with
    zero_debias (its default), the update is debiased by two more variables (tensorpack's
    add_moving_summary, slim's and tensorpack's batch norm)."""
    with tf.name_scope(name, "AssignMovingAvg", [variable, value, decay]) as scope:
        if zero_debias:
            _zero_debias(variable)
        return variable.assign_sub((variable - value) * (1.0 - decay), name=scope)


def _zero_debias(unbiased_var):
    """moving_averages._zero_debias: `biased` and `local_step` in a variable scope named after the
    average (opened inside the current one: `scope1/scope2/scope1/scope2/foo/biased`), uniquified
    against the scope's variables unless it reuses."""
    with tf.variable_scope(unbiased_var.op.name):
        scope = tf.get_variable_scope()
        tf.get_variable(_maybe_get_unique(scope, "biased"), initializer=tf.zeros_initializer(),
                        shape=unbiased_var.get_shape(), dtype=unbiased_var.dtype.base_dtype, trainable=False)
        tf.get_variable(_maybe_get_unique(scope, "local_step"), shape=[], dtype=unbiased_var.dtype.base_dtype,
                        initializer=tf.zeros_initializer(), trainable=False)


def _maybe_get_unique(scope, name):
    if scope.reuse:
        return name
    taken = [x.op.name for x in scope.global_variables()]
    full_name = scope.name + "/" + name
    if full_name not in taken:
        return name
    idx = 1
    while full_name + ("_%d" % idx) in taken:
        idx += 1
    return name + ("_%d" % idx)


# ---------------------------------------------------------------------------- training_util.py


# ---------------------------------------------------------------------------- learning_rate_decay.py


def _decayed_rate(learning_rate, name, default):
    """A schedule's value in graph mode: a scalar of the rate's dtype, made in the name scope
    `name or default` and named after it (learning_rate_schedule's `__call__`)."""
    with tf.name_scope(name or default) as scope:
        rate = tf.convert_to_tensor(learning_rate, name="initial_learning_rate")
        return tf.identity(rate, name=scope)


def exponential_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    return _decayed_rate(learning_rate, name, "ExponentialDecay")


def inverse_time_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    return _decayed_rate(learning_rate, name, "InverseTimeDecay")


def natural_exp_decay(learning_rate, global_step, decay_steps, decay_rate, staircase=False, name=None):
    return _decayed_rate(learning_rate, name, "NaturalExpDecay")


def polynomial_decay(learning_rate, global_step, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False,
                     name=None):
    return _decayed_rate(learning_rate, name, "PolynomialDecay")


def cosine_decay(learning_rate, global_step, decay_steps, alpha=0.0, name=None):
    return _decayed_rate(learning_rate, name, "CosineDecay")


def piecewise_constant(x, boundaries, values, name=None):
    return _decayed_rate(values[0], name, "PiecewiseConstant")


def get_global_step(graph=None):
    collection = tf.get_collection(tf.GraphKeys.GLOBAL_STEP)
    if len(collection) == 1:
        return collection[0]
    return None


def create_global_step(graph=None):
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with tf.name_scope(None):
        return tf.get_variable(tf.GraphKeys.GLOBAL_STEP, shape=[], dtype=tf.int64,
                               initializer=tf.zeros_initializer(), trainable=False,
                               collections=[tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP])


def get_or_create_global_step(graph=None):
    global_step_tensor = get_global_step(graph)
    if global_step_tensor is None:
        global_step_tensor = create_global_step(graph)
    return global_step_tensor
