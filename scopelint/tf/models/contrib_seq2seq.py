"""TF 1.x's tf.contrib.seq2seq, the dynamic decoder API (tensorflow/contrib/seq2seq/python/ops/
attention_wrapper.py, helper.py, basic_decoder.py, decoder.py in TF 1.15), written as TF writes it
where that decides variables:

- an attention mechanism makes its Dense layers when constructed (`memory_layer`, and Bahdanau's
  `query_layer`, uniquified like any unnamed-scope layer) and runs `memory_layer` on the memory
  there and then, so `memory_layer/kernel` lives in the scope current at construction;
- scoring opens `variable_scope(None, default_name="bahdanau_attention"|"luong_attention")` in the
  cell's scope and makes `attention_v` (+ `attention_g`, `attention_b` when normalized) or
  Luong's `attention_g` when scaled;
- AttentionWrapper is an RNN cell: its scope is `attention_wrapper` at its first call, with the
  wrapped cell and the `attention_layer` Dense inside;
- `dynamic_decode` opens `variable_scope(scope, default_name="decoder")` and builds its while
  loop's body, `decoder.step`, once (graph mode), like `dynamic_rnn` (rnn.py).

What only computes values (masks, sampling) keeps the shapes and dtypes TF gives.
"""

import collections

import tensorflow as tf
from tensorflow.python.ops import rnn_cell_impl
from scopelint.tf.models import _common

Dense = tf.layers.Dense
Layer = tf.layers.Layer
RNNCell = tf.nn.rnn_cell.RNNCell
_zero_state_tensors = rnn_cell_impl._zero_state_tensors
TensorArray = tf.TensorArray


def _depends_on(tensor, others):
    """`tensor`, computed from `others` as well: a while loop's outputs depend on what its state
    carries from step to step (gradients reach the attention's variables through it)."""
    return _common.computed_from(tensor, [other for other in others if not isinstance(other, TensorArray)])


# ---------------------------------------------------------------------------- attention_wrapper.py


class AttentionMechanism(object):
    pass


def _prepare_memory(memory, memory_sequence_length, check_inner_dims_defined):
    memory = tf.convert_to_tensor(memory, name="memory")
    if check_inner_dims_defined and not memory.get_shape()[2:].is_fully_defined():  # unknown: false
        raise ValueError("Expected memory %s to have fully defined inner dims, but saw shape: %s"
                         % (memory.name, memory.get_shape()))
    return memory


class _BaseAttentionMechanism(AttentionMechanism):
    def __init__(self, query_layer, memory, probability_fn, memory_sequence_length=None, memory_layer=None,
                 check_inner_dims_defined=True, score_mask_value=None, custom_key_value_fn=None, name=None):
        if query_layer is not None and not isinstance(query_layer, Layer):
            raise TypeError("query_layer is not a Layer: %s" % type(query_layer).__name__)
        if memory_layer is not None and not isinstance(memory_layer, Layer):
            raise TypeError("memory_layer is not a Layer: %s" % type(memory_layer).__name__)
        self._query_layer = query_layer
        self._memory_layer = memory_layer
        self.dtype = memory_layer.dtype
        if not callable(probability_fn):
            raise TypeError("probability_fn must be callable, saw type: %s" % type(probability_fn).__name__)
        self._probability_fn = probability_fn
        with tf.name_scope(name, "BaseAttentionMechanismInit", [memory]):
            self._values = _prepare_memory(memory, memory_sequence_length, check_inner_dims_defined)
            self._keys = self.memory_layer(self._values) if self.memory_layer else self._values
            if custom_key_value_fn is not None:
                self._keys, self._values = custom_key_value_fn(self._keys, self._values)
            dims = _common.static_dims(self._keys.get_shape())
            self._batch_size = dims[0] if dims is not None and dims[0] is not None else tf.shape(self._keys)[0]
            self._alignments_size = dims[1] if dims is not None and dims[1] is not None else \
                tf.shape(self._keys)[1]

    @property
    def memory_layer(self):
        return self._memory_layer

    @property
    def query_layer(self):
        return self._query_layer

    @property
    def values(self):
        return self._values

    @property
    def keys(self):
        return self._keys

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def alignments_size(self):
        return self._alignments_size

    @property
    def state_size(self):
        return self._alignments_size

    def initial_alignments(self, batch_size, dtype):
        size = self._alignments_size if isinstance(self._alignments_size, int) else None
        return tf.zeros([batch_size, size], dtype=dtype) if size is not None else \
            tf.placeholder(dtype, [None, None])

    def initial_state(self, batch_size, dtype):
        return self.initial_alignments(batch_size, dtype)


def _luong_score(query, keys, scale):
    depth = query.get_shape()[-1]
    key_units = keys.get_shape()[-1]
    if depth != key_units:  # unknown: false
        raise ValueError(
            "Incompatible or unknown inner dimensions between query and keys.  Query (%s) has units: %s.  "
            "Keys (%s) have units: %s.  Perhaps you need to set num_units to the keys' dimension (%s)?"
            % (query, depth, keys, key_units, key_units))
    score = tf.squeeze(tf.matmul(tf.expand_dims(query, 1), keys, transpose_b=True), [1])
    if scale is not None:
        score = scale * score
    return score


class LuongAttention(_BaseAttentionMechanism):
    def __init__(self, num_units, memory, memory_sequence_length=None, scale=False, probability_fn=None,
                 score_mask_value=None, dtype=None, custom_key_value_fn=None, name="LuongAttention"):
        if probability_fn is None:
            probability_fn = tf.nn.softmax
        if dtype is None:
            dtype = tf.float32
        super(LuongAttention, self).__init__(
            query_layer=None, memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
            memory=memory, probability_fn=lambda score, _: probability_fn(score),
            memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
            custom_key_value_fn=custom_key_value_fn, name=name)
        self._num_units = num_units
        self._scale = scale
        self._name = name

    def __call__(self, query, state):
        with tf.variable_scope(None, "luong_attention", [query]):
            attention_g = None
            if self._scale:
                attention_g = tf.get_variable("attention_g", dtype=query.dtype, initializer=tf.ones_initializer,
                                              shape=())
            score = _luong_score(query, self._keys, attention_g)
        alignments = self._probability_fn(score, state)
        return alignments, alignments


def _bahdanau_score(processed_query, keys, attention_v, attention_g=None, attention_b=None):
    processed_query = tf.expand_dims(processed_query, 1)
    if attention_g is not None and attention_b is not None:
        normed_v = attention_g * attention_v * tf.rsqrt(tf.reduce_sum(tf.square(attention_v)))
        return tf.reduce_sum(normed_v * tf.tanh(keys + processed_query + attention_b), [2])
    return tf.reduce_sum(attention_v * tf.tanh(keys + processed_query), [2])


class BahdanauAttention(_BaseAttentionMechanism):
    def __init__(self, num_units, memory, memory_sequence_length=None, normalize=False, probability_fn=None,
                 score_mask_value=None, dtype=None, custom_key_value_fn=None, name="BahdanauAttention"):
        if probability_fn is None:
            probability_fn = tf.nn.softmax
        if dtype is None:
            dtype = tf.float32
        super(BahdanauAttention, self).__init__(
            query_layer=Dense(num_units, name="query_layer", use_bias=False, dtype=dtype),
            memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
            memory=memory, probability_fn=lambda score, _: probability_fn(score),
            custom_key_value_fn=custom_key_value_fn, memory_sequence_length=memory_sequence_length,
            score_mask_value=score_mask_value, name=name)
        self._num_units = num_units
        self._normalize = normalize
        self._name = name

    def __call__(self, query, state):
        with tf.variable_scope(None, "bahdanau_attention", [query]):
            processed_query = self.query_layer(query) if self.query_layer else query
            attention_v = tf.get_variable("attention_v", [self._num_units], dtype=query.dtype)
            attention_g = None
            attention_b = None
            if self._normalize:
                attention_g = tf.get_variable("attention_g", dtype=query.dtype,
                                              initializer=tf.constant_initializer((1. / self._num_units) ** 0.5),
                                              shape=())
                attention_b = tf.get_variable("attention_b", [self._num_units], dtype=query.dtype,
                                              initializer=tf.zeros_initializer())
            score = _bahdanau_score(processed_query, self._keys, attention_v, attention_g=attention_g,
                                    attention_b=attention_b)
        alignments = self._probability_fn(score, state)
        return alignments, alignments


_STATE_FIELDS = ("cell_state", "attention", "time", "alignments", "alignment_history", "attention_state")


class AttentionWrapperState(collections.namedtuple("AttentionWrapperState", _STATE_FIELDS)):
    def clone(self, **kwargs):
        return self._replace(**kwargs)


def hardmax(logits, name=None):
    with tf.name_scope(name, "Hardmax", [logits]):
        logits = tf.convert_to_tensor(logits, name="logits")
        depth = logits.get_shape().as_list()[-1]
        return tf.one_hot(tf.argmax(logits, -1), depth, dtype=logits.dtype)


def _compute_attention(attention_mechanism, cell_output, attention_state, attention_layer):
    alignments, next_attention_state = attention_mechanism(cell_output, state=attention_state)
    context_ = tf.squeeze(tf.matmul(tf.expand_dims(alignments, 1), attention_mechanism.values), [1])
    if attention_layer is not None:
        attention = attention_layer(tf.concat([cell_output, context_], 1))
    else:
        attention = context_
    return attention, alignments, next_attention_state


def _concat_inputs(inputs, attention):
    return tf.concat([inputs, attention], -1)


class AttentionWrapper(RNNCell):
    def __init__(self, cell, attention_mechanism, attention_layer_size=None, alignment_history=False,
                 cell_input_fn=None, output_attention=True, initial_cell_state=None, name=None, attention_layer=None,
                 attention_fn=None):
        super(AttentionWrapper, self).__init__(name=name)
        if isinstance(attention_mechanism, (list, tuple)):
            self._is_multi = True
            attention_mechanisms = tuple(attention_mechanism)
        else:
            self._is_multi = False
            if not isinstance(attention_mechanism, AttentionMechanism):
                raise TypeError("attention_mechanism must be an AttentionMechanism or list of multiple "
                                "AttentionMechanism instances, saw type: %s" % type(attention_mechanism).__name__)
            attention_mechanisms = (attention_mechanism,)
        if cell_input_fn is None:
            cell_input_fn = _concat_inputs
        if attention_layer_size is not None and attention_layer is not None:
            raise ValueError("Only one of attention_layer_size and attention_layer should be set")
        if attention_layer_size is not None:
            if isinstance(attention_layer_size, (list, tuple)):
                sizes = tuple(attention_layer_size)
            else:
                sizes = (attention_layer_size,)
            if len(sizes) != len(attention_mechanisms):
                raise ValueError("If provided, attention_layer_size must contain exactly one integer per "
                                 "attention_mechanism, saw: %d vs %d" % (len(sizes), len(attention_mechanisms)))
            self._attention_layers = tuple(
                Dense(size, name="attention_layer", use_bias=False, dtype=attention_mechanisms[i].dtype)
                for i, size in enumerate(sizes))
            self._attention_layer_size = sum(sizes)
        elif attention_layer is not None:
            if isinstance(attention_layer, (list, tuple)):
                self._attention_layers = tuple(attention_layer)
            else:
                self._attention_layers = (attention_layer,)
            self._attention_layer_size = sum(layer.units for layer in self._attention_layers)
        else:
            self._attention_layers = None
            self._attention_layer_size = sum(m.values.get_shape().as_list()[-1] for m in attention_mechanisms)
        self._attention_fn = attention_fn if attention_fn is not None else _compute_attention
        self._cell = cell
        self._attention_mechanisms = attention_mechanisms
        self._cell_input_fn = cell_input_fn
        self._output_attention = output_attention
        self._alignment_history = alignment_history
        self._initial_cell_state = initial_cell_state

    def _item_or_tuple(self, seq):
        t = tuple(seq)
        if self._is_multi:
            return t
        return t[0]

    @property
    def output_size(self):
        if self._output_attention:
            return self._attention_layer_size
        return self._cell.output_size

    @property
    def state_size(self):
        return AttentionWrapperState(
            cell_state=self._cell.state_size, time=tf.TensorShape([]), attention=self._attention_layer_size,
            alignments=self._item_or_tuple(a.alignments_size for a in self._attention_mechanisms),
            attention_state=self._item_or_tuple(a.state_size for a in self._attention_mechanisms),
            alignment_history=self._item_or_tuple(a.alignments_size if self._alignment_history else ()
                                                  for a in self._attention_mechanisms))

    def zero_state(self, batch_size, dtype):
        with tf.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
            if self._initial_cell_state is not None:
                cell_state = self._initial_cell_state
            else:
                # TF calls the cell's get_initial_state, which is its zero_state for RNN cells
                cell_state = self._cell.zero_state(batch_size, dtype)
            initial_alignments = [m.initial_alignments(batch_size, dtype) for m in self._attention_mechanisms]
            histories = []
            for alignment in initial_alignments:
                if self._alignment_history:
                    histories.append(TensorArray(dtype, size=0, dynamic_size=True, element_shape=alignment.shape))
                else:
                    histories.append(())
            return AttentionWrapperState(
                cell_state=cell_state, time=tf.zeros([], dtype=tf.int32),
                attention=_zero_state_tensors(self._attention_layer_size, batch_size, dtype),
                alignments=self._item_or_tuple(initial_alignments),
                attention_state=self._item_or_tuple(m.initial_state(batch_size, dtype)
                                                    for m in self._attention_mechanisms),
                alignment_history=self._item_or_tuple(histories))

    def call(self, inputs, state):
        if not isinstance(state, AttentionWrapperState):
            raise TypeError("Expected state to be instance of AttentionWrapperState. Received type %s instead."
                            % type(state))
        cell_inputs = self._cell_input_fn(inputs, state.attention)
        cell_output, next_cell_state = self._cell(cell_inputs, state.cell_state)
        if self._is_multi:
            previous_attention_state = state.attention_state
            previous_alignment_history = state.alignment_history
        else:
            previous_attention_state = [state.attention_state]
            previous_alignment_history = [state.alignment_history]
        all_alignments = []
        all_attentions = []
        all_attention_states = []
        maybe_all_histories = []
        for i, attention_mechanism in enumerate(self._attention_mechanisms):
            attention_layer = self._attention_layers[i] if self._attention_layers else None
            attention, alignments, next_attention_state = self._attention_fn(
                attention_mechanism, cell_output, previous_attention_state[i], attention_layer)
            if self._alignment_history:
                alignment_history = previous_alignment_history[i].write(state.time, alignments)
            else:
                alignment_history = ()
            all_attention_states.append(next_attention_state)
            all_alignments.append(alignments)
            all_attentions.append(attention)
            maybe_all_histories.append(alignment_history)
        attention = tf.concat(all_attentions, 1)
        next_state = AttentionWrapperState(
            time=state.time + 1, cell_state=next_cell_state, attention=attention,
            attention_state=self._item_or_tuple(all_attention_states),
            alignments=self._item_or_tuple(all_alignments),
            alignment_history=self._item_or_tuple(maybe_all_histories))
        if self._output_attention:
            return attention, next_state
        return cell_output, next_state


# ---------------------------------------------------------------------------- helper.py


def _read_step(inputs, time_major):
    """One step of batch- or time-major inputs, [batch, ...]: what TF's TensorArray read gives."""
    if time_major:
        return inputs[0]
    return inputs[:, 0]


class Helper(object):
    """The interface a decoder's helper implements (TF's is abstract)."""

    @property
    def batch_size(self):
        raise NotImplementedError

    @property
    def sample_ids_shape(self):
        raise NotImplementedError

    @property
    def sample_ids_dtype(self):
        raise NotImplementedError

    def initialize(self, name=None):
        raise NotImplementedError

    def sample(self, time, outputs, state, name=None):
        raise NotImplementedError

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        raise NotImplementedError


class CustomHelper(Helper):
    def __init__(self, initialize_fn, sample_fn, next_inputs_fn, sample_ids_shape=None, sample_ids_dtype=None):
        self._initialize_fn = initialize_fn
        self._sample_fn = sample_fn
        self._next_inputs_fn = next_inputs_fn
        self._batch_size = None
        self._sample_ids_shape = tf.TensorShape(sample_ids_shape or [])
        self._sample_ids_dtype = sample_ids_dtype or tf.int32

    @property
    def batch_size(self):
        if self._batch_size is None:
            raise ValueError("batch_size accessed before initialize was called")
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return self._sample_ids_shape

    @property
    def sample_ids_dtype(self):
        return self._sample_ids_dtype

    def initialize(self, name=None):
        with tf.name_scope(name, "%sInitialize" % type(self).__name__):
            (finished, next_inputs) = self._initialize_fn()
            if self._batch_size is None:
                self._batch_size = tf.size(finished)
        return (finished, next_inputs)

    def sample(self, time, outputs, state, name=None):
        with tf.name_scope(name, "%sSample" % type(self).__name__, (time, outputs, state)):
            return self._sample_fn(time=time, outputs=outputs, state=state)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        with tf.name_scope(name, "%sNextInputs" % type(self).__name__, (time, outputs, state)):
            return self._next_inputs_fn(time=time, outputs=outputs, state=state, sample_ids=sample_ids)


class TrainingHelper(Helper):
    def __init__(self, inputs, sequence_length, time_major=False, name=None):
        with tf.name_scope(name, "TrainingHelper", [inputs, sequence_length]):
            inputs = tf.convert_to_tensor(inputs, name="inputs")
            self._inputs = inputs
            self._time_major = time_major
            self._sequence_length = tf.convert_to_tensor(sequence_length, name="sequence_length")
            if self._sequence_length.get_shape().ndims != 1:  # unknown: false
                raise ValueError("Expected sequence_length to be a vector, but received shape: %s"
                                 % self._sequence_length.get_shape())
            self._batch_size = tf.size(sequence_length)

    @property
    def inputs(self):
        return self._inputs

    @property
    def sequence_length(self):
        return self._sequence_length

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return tf.TensorShape([])

    @property
    def sample_ids_dtype(self):
        return tf.int32

    def initialize(self, name=None):
        with tf.name_scope(name, "TrainingHelperInitialize"):
            finished = tf.equal(0, self._sequence_length)
            return (finished, _read_step(self._inputs, self._time_major))

    def sample(self, time, outputs, name=None, **unused_kwargs):
        with tf.name_scope(name, "TrainingHelperSample", [time, outputs]):
            return tf.cast(tf.argmax(outputs, axis=-1), tf.int32)

    def next_inputs(self, time, outputs, state, name=None, **unused_kwargs):
        with tf.name_scope(name, "TrainingHelperNextInputs", [time, outputs, state]):
            finished = (time + 1 >= self._sequence_length)
            return (finished, _read_step(self._inputs, self._time_major), state)


class ScheduledEmbeddingTrainingHelper(TrainingHelper):
    def __init__(self, inputs, sequence_length, embedding, sampling_probability, time_major=False, seed=None,
                 scheduling_seed=None, name=None):
        with tf.name_scope(name, "ScheduledEmbeddingSamplingWrapper", [embedding, sampling_probability]):
            if callable(embedding):
                self._embedding_fn = embedding
            else:
                self._embedding_fn = lambda ids: tf.nn.embedding_lookup(embedding, ids)
            self._sampling_probability = tf.convert_to_tensor(sampling_probability, name="sampling_probability")
            if self._sampling_probability.get_shape().ndims not in (0, 1):  # unknown: false
                raise ValueError("sampling_probability must be either a scalar or a vector. saw shape: %s"
                                 % (self._sampling_probability.get_shape()))
            super(ScheduledEmbeddingTrainingHelper, self).__init__(
                inputs=inputs, sequence_length=sequence_length, time_major=time_major, name=name)

    def sample(self, time, outputs, state, name=None):
        with tf.name_scope(name, "ScheduledEmbeddingTrainingHelperSample", [time, outputs, state]):
            return tf.cast(tf.argmax(outputs, axis=-1), tf.int32)  # the ids sampled, or -1: [batch] int32

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        with tf.name_scope(name, "ScheduledEmbeddingTrainingHelperSample", [time, outputs, state, sample_ids]):
            finished, base_next_inputs, state = TrainingHelper.next_inputs(self, time=time, outputs=outputs,
                                                                           state=state, name=name)
            # the sampled ids' embeddings, scattered into the next inputs
            next_inputs = _depends_on(base_next_inputs, [self._embedding_fn(sample_ids)])
            return (finished, next_inputs, state)


class GreedyEmbeddingHelper(Helper):
    def __init__(self, embedding, start_tokens, end_token):
        if callable(embedding):
            self._embedding_fn = embedding
        else:
            self._embedding_fn = lambda ids: tf.nn.embedding_lookup(embedding, ids)
        self._start_tokens = tf.convert_to_tensor(start_tokens, dtype=tf.int32, name="start_tokens")
        self._end_token = tf.convert_to_tensor(end_token, dtype=tf.int32, name="end_token")
        if self._start_tokens.get_shape().ndims != 1:  # unknown: false
            raise ValueError("start_tokens must be a vector")
        self._batch_size = tf.size(start_tokens)
        if self._end_token.get_shape().ndims != 0:  # unknown: false
            raise ValueError("end_token must be a scalar")
        self._start_inputs = self._embedding_fn(self._start_tokens)

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def sample_ids_shape(self):
        return tf.TensorShape([])

    @property
    def sample_ids_dtype(self):
        return tf.int32

    def initialize(self, name=None):
        return (tf.tile([False], [self._batch_size]), self._start_inputs)

    def sample(self, time, outputs, state, name=None):
        return tf.cast(tf.argmax(outputs, axis=-1), tf.int32)

    def next_inputs(self, time, outputs, state, sample_ids, name=None):
        finished = tf.equal(sample_ids, self._end_token)
        # tf.cond builds both branches: the start inputs (made already) and the embedded samples
        next_inputs = self._embedding_fn(sample_ids)
        return (finished, next_inputs, state)


class SampleEmbeddingHelper(GreedyEmbeddingHelper):
    def __init__(self, embedding, start_tokens, end_token, softmax_temperature=None, seed=None):
        super(SampleEmbeddingHelper, self).__init__(embedding, start_tokens, end_token)
        self._softmax_temperature = softmax_temperature
        self._seed = seed


# ---------------------------------------------------------------------------- decoder.py, basic_decoder.py


class Decoder(object):
    """The interface dynamic_decode runs (TF's is abstract)."""

    @property
    def batch_size(self):
        raise NotImplementedError

    @property
    def output_size(self):
        raise NotImplementedError

    @property
    def output_dtype(self):
        raise NotImplementedError

    def initialize(self, name=None):
        raise NotImplementedError

    def step(self, time, inputs, state, name=None):
        raise NotImplementedError

    def finalize(self, outputs, final_state, sequence_lengths):
        """What dynamic_decode returns: as decoded, unless a decoder finalizes (beam search's)."""
        return outputs, final_state

    @property
    def tracks_own_finished(self):
        return False


BasicDecoderOutput = collections.namedtuple("BasicDecoderOutput", ("rnn_output", "sample_id"))


class BasicDecoder(Decoder):
    def __init__(self, cell, helper, initial_state, output_layer=None):
        if not isinstance(helper, Helper):
            raise TypeError("helper must be a Helper, received: %s" % type(helper))
        if output_layer is not None and not isinstance(output_layer, Layer):
            raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
        self._cell = cell
        self._helper = helper
        self._initial_state = initial_state
        self._output_layer = output_layer

    @property
    def batch_size(self):
        return self._helper.batch_size

    @property
    def output_size(self):
        size = self._cell.output_size
        if self._output_layer is not None:
            size = self._output_layer.units
        return BasicDecoderOutput(rnn_output=size, sample_id=self._helper.sample_ids_shape)

    @property
    def output_dtype(self):
        dtype = _common.flatten(self._initial_state)[0].dtype
        return BasicDecoderOutput(dtype, self._helper.sample_ids_dtype)

    def initialize(self, name=None):
        return self._helper.initialize() + (self._initial_state,)

    def step(self, time, inputs, state, name=None):
        with tf.name_scope(name, "BasicDecoderStep", (time, inputs, state)):
            cell_outputs, cell_state = self._cell(inputs, state)
            if self._output_layer is not None:
                cell_outputs = self._output_layer(cell_outputs)
            sample_ids = self._helper.sample(time=time, outputs=cell_outputs, state=cell_state)
            (finished, next_inputs, next_state) = self._helper.next_inputs(
                time=time, outputs=cell_outputs, state=cell_state, sample_ids=sample_ids)
        outputs = BasicDecoderOutput(cell_outputs, sample_ids)
        return (outputs, next_state, next_inputs, finished)


# ---------------------------------------------------------------------------- beam_search_decoder.py
# What decides variables: the cell called on the batch and beams merged, the output layer on its
# [batch, beam, depth] outputs. The beam selection keeps TF's shapes, not its values.


def _reshaped(t, shape, static):
    reshaped = tf.reshape(t, tf.concat(shape, 0))
    reshaped.set_shape(static)
    return reshaped


def _tile_one(t, multiplier):
    t = tf.convert_to_tensor(t, name="t")
    dims = _common.static_dims(t.get_shape())
    if dims is None or not dims:  # unknown: false (TF raises: "t must have statically known rank")
        return tf.tile(tf.expand_dims(t, 1), [1, multiplier])
    tiled = tf.tile(tf.expand_dims(t, 1), [1, multiplier] + [1] * (len(dims) - 1))
    batch = dims[0] * multiplier if isinstance(dims[0], int) else None
    return _reshaped(tiled, ([tf.shape(t)[0] * multiplier], tf.shape(t)[1:]), [batch] + dims[1:])


def tile_batch(t, multiplier, name=None):
    """Each batch entry `multiplier` times: [batch, ...] -> [batch * multiplier, ...]."""
    with tf.name_scope(name, "tile_batch", _common.flatten(t) + [multiplier]):
        return _common.pack_like(t, [_tile_one(part, multiplier) for part in _common.flatten(t)])


BeamSearchDecoderState = collections.namedtuple("BeamSearchDecoderState", (
    "cell_state", "log_probs", "finished", "lengths", "accumulated_attention_probs"))
BeamSearchDecoderOutput = collections.namedtuple("BeamSearchDecoderOutput", ("scores", "predicted_ids", "parent_ids"))
FinalBeamSearchDecoderOutput = collections.namedtuple("FinalBeamDecoderOutput", (
    "predicted_ids", "beam_search_decoder_output"))


class BeamSearchDecoder(Decoder):
    def __init__(self, cell, embedding, start_tokens, end_token, initial_state, beam_width, output_layer=None,
                 length_penalty_weight=0.0, coverage_penalty_weight=0.0, reorder_tensor_arrays=True):
        if output_layer is not None and not isinstance(output_layer, Layer):
            raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
        self._cell = cell
        self._output_layer = output_layer
        self._beam_width = beam_width
        if callable(embedding):
            self._embedding_fn = embedding
        else:
            self._embedding_fn = lambda ids: tf.nn.embedding_lookup(embedding, ids)
        start_tokens = tf.convert_to_tensor(start_tokens, dtype=tf.int32, name="start_tokens")
        if start_tokens.get_shape().ndims != 1:  # unknown: false
            raise ValueError("start_tokens must be a vector")
        self._end_token = tf.convert_to_tensor(end_token, dtype=tf.int32, name="end_token")
        if self._end_token.get_shape().ndims != 0:  # unknown: false
            raise ValueError("end_token must be a scalar")
        self._batch_size = tf.size(start_tokens)
        dims = _common.static_dims(start_tokens.get_shape())
        self._static_batch = dims[0] if dims else None
        self._initial_cell_state = self._map(self._split_batch_beams, initial_state)
        self._start_tokens = tf.tile(tf.expand_dims(start_tokens, 1), [1, beam_width])
        self._start_inputs = self._embedding_fn(self._start_tokens)
        self._finished = tf.one_hot(tf.zeros_like(start_tokens), depth=beam_width, on_value=False, off_value=True,
                                    dtype=tf.bool)

    @staticmethod
    def _map(function, structure):
        return _common.pack_like(structure, [function(part) for part in _common.flatten(structure)])

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def tracks_own_finished(self):
        return True

    @property
    def output_size(self):
        shape = tf.TensorShape([self._beam_width])
        return BeamSearchDecoderOutput(shape, shape, shape)

    @property
    def output_dtype(self):
        return BeamSearchDecoderOutput(_common.flatten(self._initial_cell_state)[0].dtype, tf.int32, tf.int32)

    def _split_batch_beams(self, t):
        """[batch * beam, ...] -> [batch, beam, ...] (a scalar, or a tensor of unknown rank, as it is)."""
        dims = _common.static_dims(t.get_shape())
        if dims is None or not dims:
            return t
        return _reshaped(t, ([self._batch_size, self._beam_width], tf.shape(t)[1:]),
                         [self._static_batch, self._beam_width] + dims[1:])

    def _merge_batch_beams(self, t):
        """[batch, beam, ...] -> [batch * beam, ...]."""
        dims = _common.static_dims(t.get_shape())
        if dims is None or len(dims) < 2:
            return t
        batch = self._static_batch * self._beam_width if isinstance(self._static_batch, int) else None
        return _reshaped(t, ([self._batch_size * self._beam_width], tf.shape(t)[2:]), [batch] + dims[2:])

    def initialize(self, name=None):
        dtype = _common.flatten(self._initial_cell_state)[0].dtype
        log_probs = tf.one_hot(tf.zeros([self._batch_size], dtype=tf.int32), depth=self._beam_width,
                               on_value=tf.convert_to_tensor(0.0, dtype=dtype),
                               off_value=tf.convert_to_tensor(-float("inf"), dtype=dtype), dtype=dtype)
        lengths = tf.zeros([self._batch_size, self._beam_width], dtype=tf.int64)
        state = BeamSearchDecoderState(self._initial_cell_state, log_probs, self._finished, lengths, ())
        return (self._finished, self._start_inputs, state)

    def step(self, time, inputs, state, name=None):
        with tf.name_scope(name, "BeamSearchDecoderStep", (time, inputs, state)):
            inputs = self._map(self._merge_batch_beams, inputs)
            cell_state = self._map(self._merge_batch_beams, state.cell_state)
            cell_outputs, next_cell_state = self._cell(inputs, cell_state)
            cell_outputs = self._map(self._split_batch_beams, cell_outputs)
            next_cell_state = self._map(self._split_batch_beams, next_cell_state)
            if self._output_layer is not None:
                cell_outputs = self._output_layer(cell_outputs)
            # [batch, beam] scores, words and parents, as top_k over the flattened beams gives them
            total = tf.expand_dims(state.log_probs, 2) + tf.nn.log_softmax(cell_outputs)
            scores = tf.reduce_max(total, axis=2)
            word_ids = tf.cast(tf.argmax(total, axis=2), tf.int32)
            parent_ids = tf.zeros_like(word_ids)
            finished = tf.logical_or(state.finished, tf.equal(word_ids, self._end_token))
            lengths = state.lengths + tf.cast(tf.logical_not(state.finished), tf.int64)
            next_state = BeamSearchDecoderState(next_cell_state, scores, finished, lengths, ())
            next_inputs = self._embedding_fn(word_ids)
        return (BeamSearchDecoderOutput(scores, word_ids, parent_ids), next_state, next_inputs, finished)

    def finalize(self, outputs, final_state, sequence_lengths):
        return FinalBeamSearchDecoderOutput(outputs.predicted_ids, outputs), final_state


def _over_time(step_output, time_major, carried):
    """A step's output stacked by the loop's TensorArray: [time, batch, ...], or batch major."""
    dims = _common.static_dims(step_output.get_shape())
    if dims is None:
        return tf.placeholder(step_output.dtype)
    stacked = tf.placeholder(step_output.dtype, [None] + dims) + tf.expand_dims(step_output, 0)
    stacked = _depends_on(stacked, carried)
    if time_major or len(dims) < 1:
        return stacked
    return tf.transpose(stacked, [1, 0] + list(range(2, len(dims) + 1)))


def dynamic_decode(decoder, output_time_major=False, impute_finished=False, maximum_iterations=None,
                   parallel_iterations=32, swap_memory=False, scope=None):
    if not isinstance(decoder, Decoder):
        raise TypeError("Expected decoder to be type Decoder, but saw: %s" % type(decoder))
    with tf.variable_scope(scope, "decoder"):
        if maximum_iterations is not None:
            maximum_iterations = tf.convert_to_tensor(maximum_iterations, dtype=tf.int32, name="maximum_iterations")
            if maximum_iterations.get_shape().ndims != 0:  # unknown: false
                raise ValueError("maximum_iterations must be a scalar")
        initial_finished, initial_inputs, initial_state = decoder.initialize()
        initial_time = tf.constant(0, dtype=tf.int32)
        # the while loop's body, built once in graph mode
        outputs, next_state, next_inputs, _ = decoder.step(initial_time, initial_inputs, initial_state)
        carried = _common.flatten(next_state) + _common.flatten(next_inputs)
        final_outputs = _common.pack_like(outputs, [_over_time(output, output_time_major, carried)
                                                    for output in _common.flatten(outputs)])
        final_sequence_lengths = tf.zeros_like(initial_finished, dtype=tf.int32)
        final_outputs, next_state = decoder.finalize(final_outputs, next_state, final_sequence_lengths)
    return final_outputs, next_state, final_sequence_lengths


# ---------------------------------------------------------------------------- loss.py


def sequence_loss(logits, targets, weights, average_across_timesteps=True, average_across_batch=True,
                  sum_over_timesteps=False, sum_over_batch=False, softmax_loss_function=None, name=None):
    with tf.name_scope(name, "sequence_loss", [logits, targets, weights]):
        num_classes = tf.shape(logits)[2]
        logits_flat = tf.reshape(logits, [-1, num_classes])
        targets = tf.reshape(targets, [-1])
        if softmax_loss_function is None:
            crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits_flat)
        else:
            crossent = softmax_loss_function(labels=targets, logits=logits_flat)
        crossent = crossent * tf.reshape(weights, [-1])
        if average_across_timesteps and average_across_batch or sum_over_timesteps and sum_over_batch:
            return tf.reduce_sum(crossent)
        crossent = tf.reshape(crossent, tf.shape(logits)[0:2])
        if average_across_timesteps or sum_over_timesteps:
            return tf.reduce_sum(crossent, axis=[1])
        if average_across_batch or sum_over_batch:
            return tf.reduce_sum(crossent, axis=[0])
        return crossent
