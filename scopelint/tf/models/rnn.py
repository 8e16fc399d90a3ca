"""TF1's RNN cells and RNN functions, written as TensorFlow writes them
(tf_keras/src/layers/rnn/legacy_cells.py, legacy_cell_wrappers.py; tensorflow/python/ops/rnn.py),
over the legacy layer of scopelint/tf/models/layers.py.

What decides names is kept as TF has it: a cell is a legacy layer, so its variable scope is
captured on its first call with `default_name` its snake-case class name (`lstm_cell`, `gru_cell`);
a cell called with `scope=` uses that scope instead; MultiRNNCell wraps each cell in
`variable_scope("cell_%d")`; wrappers add no level. `dynamic_rnn` opens the string scope
`scope or "rnn"` (never uniquified, hence the classic `rnn/lstm_cell/kernel already exists`),
`bidirectional_dynamic_rnn` opens `bidirectional_rnn` with `fw` and `bw` inside, and
`static_rnn` sets reuse on its scope after the first step. In graph mode the loop body runs
once, so a cell is called once per RNN function.
"""

import collections

import tensorflow as tf

Layer = tf.layers.Layer  # models reach each other through the namespace they model


class LSTMStateTuple(collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    """(c, h): the state of an LSTM cell, a namedtuple as in TF (nest and while loops see its parts)."""

    __slots__ = ()

    @property
    def dtype(self):
        return self.c.dtype


def _last_dim(input_shape):
    shape = tf.TensorShape(input_shape)
    if shape.ndims is None or shape.as_list()[-1] is None:  # unknown: false
        raise ValueError("Expected inputs.shape[-1] to be known, received shape: %s" % (shape,))
    return shape.as_list()[-1]


def _zeros(batch, size, dtype):
    return tf.zeros([batch, size], dtype=dtype)


def _zero_state_tensors(state_size, batch_size, dtype):
    """rnn_cell_impl._zero_state_tensors, which cells written outside TF call for their own
    state (Tacotron-2's TacotronDecoderCell.zero_state): zeros of [batch_size] + each size of a
    nested state size (an int or a TensorShape; [None] for one of unknown rank)."""
    def get_state_shape(size):
        dims = tf.TensorShape(size)
        return tf.zeros([batch_size] + (dims.as_list() if dims.ndims is not None else [None]), dtype=dtype)
    return tf.nest.map_structure(get_state_shape, state_size)


def _hasattr(obj, attr_name):
    try:
        getattr(obj, attr_name)
    except Exception:
        return False
    else:
        return True


def assert_like_rnncell(cell_name, cell):
    """rnn_cell_impl.assert_like_rnncell, which decoders written outside TF call on the cell they
    are given (Tacotron-2's CustomDecoder): a TypeError unless it has what an RNN cell has."""
    conditions = [_hasattr(cell, "output_size"), _hasattr(cell, "state_size"),
                  _hasattr(cell, "get_initial_state") or _hasattr(cell, "zero_state"), callable(cell)]
    errors = ["'output_size' property is missing", "'state_size' property is missing",
              "either 'zero_state' or 'get_initial_state' method is required", "is not callable"]
    if not all(conditions):
        errors = [error for error, cond in zip(errors, conditions) if not cond]
        raise TypeError("The argument {!r} ({}) is not an RNNCell: {}.".format(cell_name, cell, ", ".join(errors)))


class RNNCell(Layer):
    """An RNN cell that is not a layer of its own (MultiRNNCell, the wrappers): its scope is the
    variable scope current at its first call, captured as a context-manager object."""

    _is_tf_rnn_cell = True  # what Keras's RNN layer tells a tf.nn cell by

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        super(RNNCell, self).__init__(trainable=trainable, name=name, dtype=dtype, **kwargs)
        self.rnncell_scope = None

    # abstract, as TF's: a cell defines its sizes, and RNNCell itself fails where its state is made
    # (char-rnn's `--model rnn` picks rnn.RNNCell: its zero_state raises before any variable)
    @property
    def state_size(self):
        raise NotImplementedError("Abstract method")

    @property
    def output_size(self):
        raise NotImplementedError("Abstract method")

    def __call__(self, inputs, state, scope=None):
        if scope is not None:
            with tf.variable_scope(scope) as captured:
                return Layer.__call__(self, inputs, state, scope=captured)
        if self.rnncell_scope is None:
            self.rnncell_scope = tf.variable_scope(tf.get_variable_scope())
        with self.rnncell_scope:
            return Layer.__call__(self, inputs, state)

    def zero_state(self, batch_size, dtype):
        size = self.state_size
        if isinstance(size, LSTMStateTuple):
            return LSTMStateTuple(_zeros(batch_size, size.c, dtype), _zeros(batch_size, size.h, dtype))
        if isinstance(size, tuple):
            return tuple(_zeros_state(batch_size, s, dtype) for s in size)
        return _zeros(batch_size, size, dtype)


def _zeros_state(batch_size, size, dtype):
    if isinstance(size, LSTMStateTuple):
        return LSTMStateTuple(_zeros(batch_size, size.c, dtype), _zeros(batch_size, size.h, dtype))
    return _zeros(batch_size, size, dtype)


class LayerRNNCell(RNNCell):
    """A cell that is a legacy layer: the layer's own scope rules apply."""

    def __call__(self, inputs, state, scope=None, *args, **kwargs):
        return Layer.__call__(self, inputs, state, scope=scope, *args, **kwargs)


class _UnitsCell(LayerRNNCell):
    """A cell whose output, and by default its state, is `num_units` wide."""

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units


class BasicRNNCell(_UnitsCell):
    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super(BasicRNNCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = activation or tf.tanh

    def build(self, inputs_shape):
        input_depth = _last_dim(inputs_shape)
        self._kernel = self.add_weight("kernel", shape=[input_depth + self._num_units, self._num_units])
        self._bias = self.add_weight("bias", shape=[self._num_units],
                                     initializer=tf.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        output = self._activation(tf.nn.bias_add(tf.matmul(tf.concat([inputs, state], 1), self._kernel), self._bias))
        return output, output


class GRUCell(_UnitsCell):
    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None, bias_initializer=None,
                 name=None, dtype=None, **kwargs):
        super(GRUCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._activation = activation or tf.tanh
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    def build(self, inputs_shape):
        input_depth = _last_dim(inputs_shape)
        self._gate_kernel = self.add_weight("gates/kernel", shape=[input_depth + self._num_units, 2 * self._num_units],
                                            initializer=self._kernel_initializer)
        self._gate_bias = self.add_weight("gates/bias", shape=[2 * self._num_units],
                                          initializer=self._bias_initializer or tf.constant_initializer(
                                              1.0, dtype=self.dtype))
        self._candidate_kernel = self.add_weight("candidate/kernel", shape=[input_depth + self._num_units,
                                                                            self._num_units],
                                                 initializer=self._kernel_initializer)
        self._candidate_bias = self.add_weight("candidate/bias", shape=[self._num_units],
                                               initializer=self._bias_initializer or tf.zeros_initializer(
                                                   dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        gates = tf.matmul(tf.concat([inputs, state], 1), self._gate_kernel)
        candidate = tf.matmul(tf.concat([inputs, state], 1), self._candidate_kernel)
        gates = tf.nn.bias_add(gates, self._gate_bias)
        # The gating itself is left out: the output keeps the shape and depends on every weight.
        new_h = self._activation(tf.nn.bias_add(candidate, self._candidate_bias)) + \
            0.0 * tf.reduce_sum(gates, axis=1, keepdims=True)
        return new_h, new_h


class BasicLSTMCell(_UnitsCell):
    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None,
                 dtype=None, **kwargs):
        super(BasicLSTMCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._state_is_tuple = state_is_tuple
        self._activation = activation or tf.tanh

    @property
    def state_size(self):
        if self._state_is_tuple:
            return LSTMStateTuple(self._num_units, self._num_units)
        return 2 * self._num_units

    def build(self, inputs_shape):
        input_depth = _last_dim(inputs_shape)
        self._kernel = self.add_weight("kernel", shape=[input_depth + self._num_units, 4 * self._num_units])
        self._bias = self.add_weight("bias", shape=[4 * self._num_units],
                                     initializer=tf.zeros_initializer(dtype=self.dtype))
        self.built = True

    def call(self, inputs, state):
        if self._state_is_tuple:
            c, h = state
        else:
            c, h = tf.split(state, 2, 1)
        gates = tf.nn.bias_add(tf.matmul(tf.concat([inputs, h], 1), self._kernel), self._bias)
        new_c = c + 0.0 * tf.reduce_sum(gates, axis=1, keepdims=True)  # the gating left out, not the weights
        new_h = self._activation(new_c)
        if self._state_is_tuple:
            return new_h, LSTMStateTuple(new_c, new_h)
        return new_h, tf.concat([new_c, new_h], 1)


class LSTMCell(LayerRNNCell):
    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None, num_proj=None,
                 proj_clip=None, num_unit_shards=None, num_proj_shards=None, forget_bias=1.0, state_is_tuple=True,
                 activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super(LSTMCell, self).__init__(_reuse=reuse, name=name, dtype=dtype, **kwargs)
        self._num_units = num_units
        self._use_peepholes = use_peepholes
        self._initializer = initializer
        self._num_proj = num_proj
        self._state_is_tuple = state_is_tuple
        self._activation = activation or tf.tanh
        self._output_size = num_proj if num_proj else num_units

    @property
    def state_size(self):
        if self._state_is_tuple:
            return LSTMStateTuple(self._num_units, self._output_size)
        return self._num_units + self._output_size

    @property
    def output_size(self):
        return self._output_size

    def build(self, inputs_shape):
        input_depth = _last_dim(inputs_shape)
        h_depth = self._num_proj if self._num_proj is not None else self._num_units
        self._kernel = self.add_weight("kernel", shape=[input_depth + h_depth, 4 * self._num_units],
                                       initializer=self._initializer)
        self._bias = self.add_weight("bias", shape=[4 * self._num_units],
                                     initializer=tf.zeros_initializer(dtype=self.dtype))
        if self._use_peepholes:
            self._w_f_diag = self.add_weight("w_f_diag", shape=[self._num_units], initializer=self._initializer)
            self._w_i_diag = self.add_weight("w_i_diag", shape=[self._num_units], initializer=self._initializer)
            self._w_o_diag = self.add_weight("w_o_diag", shape=[self._num_units], initializer=self._initializer)
        if self._num_proj is not None:
            self._proj_kernel = self.add_weight("projection/kernel", shape=[self._num_units, self._num_proj],
                                                initializer=self._initializer)
        self.built = True

    def call(self, inputs, state):
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = tf.slice(state, [0, 0], [-1, self._num_units])
            m_prev = tf.slice(state, [0, self._num_units], [-1, self._output_size])
        lstm_matrix = tf.nn.bias_add(tf.matmul(tf.concat([inputs, m_prev], 1), self._kernel), self._bias)
        c = c_prev + 0.0 * tf.reduce_sum(lstm_matrix, axis=1, keepdims=True)  # the gating left out
        if self._use_peepholes:
            c = c + self._w_f_diag * c_prev + self._w_i_diag * c_prev + self._w_o_diag * c_prev
        m = self._activation(c)
        if self._num_proj is not None:
            m = tf.matmul(m, self._proj_kernel)
        if self._state_is_tuple:
            return m, LSTMStateTuple(c, m)
        return m, tf.concat([c, m], 1)


class MultiRNNCell(RNNCell):
    def __init__(self, cells, state_is_tuple=True):
        super(MultiRNNCell, self).__init__()
        if not cells:
            raise ValueError("Must specify at least one cell for MultiRNNCell.")
        self._cells = cells
        self._state_is_tuple = state_is_tuple

    @property
    def state_size(self):
        if self._state_is_tuple:
            return tuple(cell.state_size for cell in self._cells)
        return sum(cell.state_size for cell in self._cells)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    def zero_state(self, batch_size, dtype):
        if self._state_is_tuple:
            return tuple(cell.zero_state(batch_size, dtype) for cell in self._cells)
        return RNNCell.zero_state(self, batch_size, dtype)

    def call(self, inputs, state):
        cur_inp = inputs
        new_states = []
        for i, cell in enumerate(self._cells):
            with tf.variable_scope("cell_%d" % i):
                if self._state_is_tuple:
                    cur_state = state[i]
                else:
                    cur_state = tf.placeholder(inputs.dtype, [None, cell.state_size])
                cur_inp, new_state = cell(cur_inp, cur_state)
                new_states.append(new_state)
        if self._state_is_tuple:
            return cur_inp, tuple(new_states)
        return cur_inp, tf.concat(new_states, 1)


class _RNNCellWrapper(RNNCell):
    """Wrappers run the wrapped cell's __call__ directly: they add no scope level."""

    def __init__(self, cell, *args, **kwargs):
        super(_RNNCellWrapper, self).__init__()
        self.cell = cell

    @property
    def state_size(self):
        return self.cell.state_size

    @property
    def output_size(self):
        return self.cell.output_size

    def zero_state(self, batch_size, dtype):
        return self.cell.zero_state(batch_size, dtype)

    def __call__(self, inputs, state, scope=None):
        return self.cell(inputs, state, scope=scope)


class DropoutWrapper(_RNNCellWrapper):
    pass


class ResidualWrapper(_RNNCellWrapper):
    pass


class DeviceWrapper(_RNNCellWrapper):
    pass


# ---------------------------------------------------------------------------- contrib/rnn core_rnn_cell.py


class _Linear(object):
    """core_rnn_cell._Linear: `kernel` and `bias` in the variable scope current when it is made
    (the calling cell's)."""

    def __init__(self, args, output_size, build_bias):
        if not isinstance(args, (list, tuple)):
            args = [args]
        total_arg_size = 0
        for arg in args:
            dims = arg.get_shape().as_list()
            if len(dims) != 2:  # unknown: false
                raise ValueError("linear is expecting 2D arguments: %s" % [a.get_shape() for a in args])
            if dims[1] is None:  # unknown: false
                raise ValueError("linear expects shape[1] to be provided for shape %s, but saw %s"
                                 % (arg.get_shape(), dims[1]))
            total_arg_size += dims[1]
        dtype = args[0].dtype
        with tf.variable_scope(tf.get_variable_scope()) as outer_scope:
            self._weights = tf.get_variable("kernel", [total_arg_size, output_size], dtype=dtype)
            self._biases = None
            if build_bias:
                with tf.variable_scope(outer_scope):
                    self._biases = tf.get_variable("bias", [output_size], dtype=dtype,
                                                   initializer=tf.constant_initializer(0.0, dtype=dtype))

    def __call__(self, args):
        if not isinstance(args, (list, tuple)):
            args = [args]
        res = tf.matmul(args[0] if len(args) == 1 else tf.concat(args, 1), self._weights)
        if self._biases is not None:
            res = tf.nn.bias_add(res, self._biases)
        return res


class _ContribWrapper(RNNCell):
    """contrib.rnn's wrappers are cells of their own (a scope level: `output_projection_wrapper`)."""

    def __init__(self, cell, reuse=None):
        super(_ContribWrapper, self).__init__(_reuse=reuse)
        self._cell = cell

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    def zero_state(self, batch_size, dtype):
        with tf.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            return self._cell.zero_state(batch_size, dtype)


class OutputProjectionWrapper(_ContribWrapper):
    def __init__(self, cell, output_size, activation=None, reuse=None):
        super(OutputProjectionWrapper, self).__init__(cell, reuse=reuse)
        if output_size < 1:  # unknown: false
            raise ValueError("Parameter output_size must be > 0: %d." % output_size)
        self._output_size = output_size
        self._activation = activation
        self._linear = None

    @property
    def output_size(self):
        return self._output_size

    def call(self, inputs, state):
        output, res_state = self._cell(inputs, state)
        if self._linear is None:
            self._linear = _Linear(output, self._output_size, True)
        projected = self._linear(output)
        if self._activation:
            projected = self._activation(projected)
        return projected, res_state


class InputProjectionWrapper(_ContribWrapper):
    def __init__(self, cell, num_proj, activation=None, input_size=None, reuse=None):
        super(InputProjectionWrapper, self).__init__(cell, reuse=reuse)
        self._num_proj = num_proj
        self._activation = activation
        self._linear = None

    def call(self, inputs, state):
        if self._linear is None:
            self._linear = _Linear(inputs, self._num_proj, True)
        projected = self._linear(inputs)
        if self._activation:
            projected = self._activation(projected)
        return self._cell(projected, state)


class EmbeddingWrapper(_ContribWrapper):
    def __init__(self, cell, embedding_classes, embedding_size, initializer=None, reuse=None):
        super(EmbeddingWrapper, self).__init__(cell, reuse=reuse)
        if embedding_classes <= 0 or embedding_size <= 0:  # unknown: false
            raise ValueError("Both embedding_classes and embedding_size must be greater than 0: %d, %d."
                             % (embedding_classes, embedding_size))
        self._embedding_classes = embedding_classes
        self._embedding_size = embedding_size
        self._initializer = initializer

    def call(self, inputs, state):
        initializer = self._initializer or tf.get_variable_scope().initializer or \
            tf.random_uniform_initializer(-3 ** 0.5, 3 ** 0.5)
        data_type = state[0].dtype if isinstance(state, tuple) else state.dtype
        embedding = tf.get_variable("embedding", [self._embedding_classes, self._embedding_size],
                                    initializer=initializer, dtype=data_type)
        embedded = tf.nn.embedding_lookup(embedding, tf.reshape(inputs, [-1]))
        return self._cell(embedded, state)


# ---------------------------------------------------------------------------- rnn.py


def _dims(tensor):
    shape = tensor.get_shape()
    return None if shape.ndims is None else shape.as_list()


def _time_step(inputs, time_major):
    """What the loop body sees of `inputs` at one step, [batch, depth]: a stand-in for TF's
    TensorArray read, with the same static shape."""
    dims = _dims(inputs)
    if dims is None:
        return tf.placeholder(inputs.dtype, [None, None]), None, None
    batch, time = (dims[1], dims[0]) if time_major else (dims[0], dims[1])
    # one step of the inputs: the outputs depend on what the inputs depend on (gradients reach the layers
    # that computed them: a bidirectional RNN under another RNN)
    step = inputs[0] if time_major else inputs[:, 0]
    return step, batch, time


def _outputs_over_time(output, batch, time, time_major):
    """The TensorArray of the body's outputs, stacked: [time, batch, size] or [batch, time, size].
    It is computed from the cell's variables, as TF's is: a loss on it has gradients for them."""
    dims = _dims(output)
    size = None if dims is None else dims[-1]
    stacked = tf.placeholder(output.dtype, [time, batch, size] if time_major else [batch, time, size])
    return stacked + tf.expand_dims(output, 0 if time_major else 1)


def _initial_state(cell, initial_state, batch, dtype, missing_dtype):
    """The state given, or the cell's initial (a Keras cell's) or zero state, which needs a dtype
    (`missing_dtype`: TF's message)."""
    if initial_state is not None:
        return initial_state
    if not dtype:  # unknown: false
        raise ValueError(missing_dtype)
    if getattr(cell, "get_initial_state", None) is not None:
        return cell.get_initial_state(inputs=None, batch_size=batch, dtype=dtype)
    return cell.zero_state(batch, dtype)


def _batch_size(inputs, batch, batch_axis):
    """The batch size TF's RNNs give the zero state (_best_effort_input_batch_size): the inputs'
    static one, else a dimension of their dynamic shape, unknown to shape inference (the final
    state's batch is None then, not 1)."""
    return batch if batch is not None else tf.shape(inputs)[batch_axis]


def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None, parallel_iterations=None,
                swap_memory=False, time_major=False, scope=None):
    with tf.variable_scope(scope or "rnn"):
        step, batch, time = _time_step(inputs, time_major)
        state = _initial_state(cell, initial_state, _batch_size(inputs, batch, 1 if time_major else 0), dtype,
                               "If there is no initial_state, you must give a dtype.")
        with tf.name_scope("while"):  # the while loop's body, built once: a Keras cell's weights are named in it
            output, final_state = cell(step, state)
        return _outputs_over_time(output, batch, time, time_major), final_state


def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None, initial_state_fw=None,
                              initial_state_bw=None, dtype=None, parallel_iterations=None, swap_memory=False,
                              time_major=False, scope=None):
    with tf.variable_scope(scope or "bidirectional_rnn"):
        with tf.variable_scope("fw") as fw_scope:
            output_fw, output_state_fw = dynamic_rnn(cell_fw, inputs, sequence_length=sequence_length,
                                                     initial_state=initial_state_fw, dtype=dtype,
                                                     time_major=time_major, scope=fw_scope)
        with tf.variable_scope("bw") as bw_scope:
            output_bw, output_state_bw = dynamic_rnn(cell_bw, inputs, sequence_length=sequence_length,
                                                     initial_state=initial_state_bw, dtype=dtype,
                                                     time_major=time_major, scope=bw_scope)
    return (output_fw, output_bw), (output_state_fw, output_state_bw)


def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None):
    if not inputs:  # unknown: false
        raise ValueError("inputs must not be empty")
    outputs = []
    with tf.variable_scope(scope or "rnn") as varscope:
        dims = _dims(inputs[0])
        batch = None if dims is None else dims[0]
        state = _initial_state(cell, initial_state, _batch_size(inputs[0], batch, 0), dtype,
                               "If no initial_state is provided, dtype must be specified")
        for time, input_ in enumerate(inputs):
            if time > 0:
                varscope.reuse_variables()
            output, state = cell(input_, state)
            outputs.append(output)
        return outputs, state


def static_bidirectional_rnn(cell_fw, cell_bw, inputs, initial_state_fw=None, initial_state_bw=None, dtype=None,
                             sequence_length=None, scope=None):
    with tf.variable_scope(scope or "bidirectional_rnn"):
        with tf.variable_scope("fw") as fw_scope:
            output_fw, output_state_fw = static_rnn(cell_fw, inputs, initial_state_fw, dtype, sequence_length,
                                                    scope=fw_scope)
        with tf.variable_scope("bw") as bw_scope:
            output_bw, output_state_bw = static_rnn(cell_bw, list(reversed(inputs)), initial_state_bw, dtype,
                                                    sequence_length, scope=bw_scope)
    outputs = [tf.concat([fw, bw], 1) for fw, bw in zip(output_fw, list(reversed(output_bw)))]
    return outputs, output_state_fw, output_state_bw
