"""TF 1.15's tf.contrib.seq2seq (its dynamic decoder: contrib/seq2seq/python/ops/
{attention_wrapper,basic_decoder,decoder,helper}.py) and contrib.rnn's projection and embedding
wrappers (contrib/rnn/python/ops/core_rnn_cell.py), condensed for the oracle runner: TF 2.21
dropped contrib. What decides variables is kept as TF 1.15 has it (the layers, scopes and
names, the `decoder` scope around a real tf.while_loop, the checks that raise); what only
computes values (masking, monotonic attention, beam search) is left out.

`install(v1)` returns the `tensorflow.contrib.seq2seq` module and the contrib.rnn additions,
built over TF 2.21's tf.compat.v1 (`v1`): its legacy layers and RNN cells are TF 1.15's.
"""

from __future__ import annotations

import abc
import collections
import math
import types
from typing import Any, Dict, Tuple


def install(v1: Any) -> Tuple[types.ModuleType, Dict[str, Any]]:  # noqa: C901 - one module's worth of classes
    tf = v1
    nest = tf.nest
    Dense = tf.layers.Dense
    LayerBase = tf.layers.Layer
    RNNCell = tf.nn.rnn_cell.RNNCell

    def dimension_value(dimension: Any) -> Any:
        return getattr(dimension, "value", dimension)

    def concat(prefix: Any, suffix: Any, static: bool = False) -> Any:
        """rnn_cell_impl._concat: a batch size (a number or a scalar tensor) before a state size."""
        parts = []
        for part in (prefix, suffix):
            if isinstance(part, tf.Tensor):
                value = tf.get_static_value(part)
                parts.append((tf.expand_dims(part, 0) if part.shape.ndims == 0 else part, value))
            else:
                shape = tf.TensorShape(part)
                parts.append((tf.constant(shape.as_list(), dtype=tf.int32) if shape.is_fully_defined() else None,
                              shape.as_list() if shape.ndims is not None else None))
        if static:
            shape = tf.TensorShape(parts[0][1]).concatenate(parts[1][1])
            return shape.as_list() if shape.ndims is not None else None
        if parts[0][0] is None or parts[1][0] is None:
            raise ValueError("Provided a prefix or suffix of None: %s and %s" % (prefix, suffix))
        return tf.concat((parts[0][0], parts[1][0]), 0)

    def zero_state_tensors(state_size: Any, batch_size: Any, dtype: Any) -> Any:
        """rnn_cell_impl._zero_state_tensors."""
        def get_state_shape(s: Any) -> Any:
            zeros = tf.zeros(concat(batch_size, s), dtype=dtype)
            zeros.set_shape(concat(batch_size, s, static=True))
            return zeros
        return nest.map_structure(get_state_shape, state_size)

    def transpose_batch_time(x: Any) -> Any:
        """rnn._transpose_batch_time, for tensors of known rank."""
        rank = x.get_shape().ndims
        if rank is not None and rank < 2:
            return x
        return tf.transpose(x, [1, 0] + list(range(2, rank)))

    def unstack_ta(inp: Any) -> Any:
        return tf.TensorArray(dtype=inp.dtype, size=tf.shape(inp)[0],
                              element_shape=inp.get_shape()[1:]).unstack(inp)

    # ------------------------------------------------------------------ attention_wrapper.py

    class AttentionMechanism(object):
        @property
        def alignments_size(self) -> Any:
            raise NotImplementedError

        @property
        def state_size(self) -> Any:
            raise NotImplementedError

    def prepare_memory(memory: Any, memory_sequence_length: Any, check_inner_dims_defined: bool) -> Any:
        memory = nest.map_structure(lambda m: tf.convert_to_tensor(m, name="memory"), memory)
        if memory_sequence_length is not None:
            memory_sequence_length = tf.convert_to_tensor(memory_sequence_length, name="memory_sequence_length")
        if check_inner_dims_defined:
            def check_dims(m: Any) -> None:
                if not m.get_shape()[2:].is_fully_defined():
                    raise ValueError("Expected memory %s to have fully defined inner dims, but saw shape: %s"
                                     % (m.name, m.get_shape()))
            nest.map_structure(check_dims, memory)
        if memory_sequence_length is None:
            return memory
        first = nest.flatten(memory)[0]
        seq_len_mask = tf.sequence_mask(memory_sequence_length, maxlen=tf.shape(first)[1], dtype=first.dtype)

        def maybe_mask(m: Any) -> Any:
            extra_ones = tf.ones(m.get_shape().ndims - 2, dtype=tf.int32)
            return m * tf.reshape(seq_len_mask, tf.concat((tf.shape(seq_len_mask), extra_ones), 0))
        return nest.map_structure(maybe_mask, memory)

    def maybe_mask_score(score: Any, memory_sequence_length: Any, score_mask_value: Any) -> Any:
        if memory_sequence_length is None:
            return score
        mask = tf.sequence_mask(memory_sequence_length, maxlen=tf.shape(score)[1])
        return tf.where(mask, score, score_mask_value * tf.ones_like(score))

    class BaseAttentionMechanism(AttentionMechanism):
        def __init__(self, query_layer: Any, memory: Any, probability_fn: Any, memory_sequence_length: Any = None,
                     memory_layer: Any = None, check_inner_dims_defined: bool = True, score_mask_value: Any = None,
                     custom_key_value_fn: Any = None, name: Any = None) -> None:
            if query_layer is not None and not isinstance(query_layer, LayerBase):
                raise TypeError("query_layer is not a Layer: %s" % type(query_layer).__name__)
            if memory_layer is not None and not isinstance(memory_layer, LayerBase):
                raise TypeError("memory_layer is not a Layer: %s" % type(memory_layer).__name__)
            self._query_layer = query_layer
            self._memory_layer = memory_layer
            self.dtype = memory_layer.dtype
            if not callable(probability_fn):
                raise TypeError("probability_fn must be callable, saw type: %s" % type(probability_fn).__name__)
            if score_mask_value is None:
                score_mask_value = tf.as_dtype(self._memory_layer.dtype).as_numpy_dtype(-float("inf"))
            self._probability_fn = lambda score, prev: probability_fn(
                maybe_mask_score(score, memory_sequence_length, score_mask_value), prev)
            with tf.name_scope(name, "BaseAttentionMechanismInit", nest.flatten(memory)):
                self._values = prepare_memory(memory, memory_sequence_length, check_inner_dims_defined)
                self._keys = self.memory_layer(self._values) if self.memory_layer else self._values
                if custom_key_value_fn is not None:
                    self._keys, self._values = custom_key_value_fn(self._keys, self._values)
                self._batch_size = dimension_value(self._keys.shape[0]) or tf.shape(self._keys)[0]
                self._alignments_size = dimension_value(self._keys.shape[1]) or tf.shape(self._keys)[1]

        memory_layer = property(lambda self: self._memory_layer)
        query_layer = property(lambda self: self._query_layer)
        values = property(lambda self: self._values)
        keys = property(lambda self: self._keys)
        batch_size = property(lambda self: self._batch_size)
        alignments_size = property(lambda self: self._alignments_size)
        state_size = property(lambda self: self._alignments_size)

        def initial_alignments(self, batch_size: Any, dtype: Any) -> Any:
            return zero_state_tensors(self._alignments_size, batch_size, dtype)

        def initial_state(self, batch_size: Any, dtype: Any) -> Any:
            return self.initial_alignments(batch_size, dtype)

    def luong_score(query: Any, keys: Any, scale: Any) -> Any:
        depth = query.get_shape()[-1]
        key_units = keys.get_shape()[-1]
        if depth != key_units:
            raise ValueError(
                "Incompatible or unknown inner dimensions between query and keys.  Query (%s) has units: %s.  "
                "Keys (%s) have units: %s.  Perhaps you need to set num_units to the keys' dimension (%s)?"
                % (query, depth, keys, key_units, key_units))
        score = tf.squeeze(tf.matmul(tf.expand_dims(query, 1), keys, transpose_b=True), [1])
        return score if scale is None else scale * score

    class LuongAttention(BaseAttentionMechanism):
        def __init__(self, num_units: Any, memory: Any, memory_sequence_length: Any = None, scale: bool = False,
                     probability_fn: Any = None, score_mask_value: Any = None, dtype: Any = None,
                     custom_key_value_fn: Any = None, name: str = "LuongAttention") -> None:
            probability_fn = probability_fn or tf.nn.softmax
            dtype = dtype or tf.float32
            super(LuongAttention, self).__init__(
                query_layer=None, memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
                memory=memory, probability_fn=lambda score, _: probability_fn(score),
                memory_sequence_length=memory_sequence_length, score_mask_value=score_mask_value,
                custom_key_value_fn=custom_key_value_fn, name=name)
            self._num_units, self._scale, self._name = num_units, scale, name

        def __call__(self, query: Any, state: Any) -> Any:
            with tf.variable_scope(None, "luong_attention", [query]):
                attention_g = None
                if self._scale:
                    attention_g = tf.get_variable("attention_g", dtype=query.dtype,
                                                  initializer=tf.ones_initializer, shape=())
                score = luong_score(query, self._keys, attention_g)
            alignments = self._probability_fn(score, state)
            return alignments, alignments

    def bahdanau_score(processed_query: Any, keys: Any, attention_v: Any, attention_g: Any = None,
                       attention_b: Any = None) -> Any:
        processed_query = tf.expand_dims(processed_query, 1)
        if attention_g is not None and attention_b is not None:
            normed_v = attention_g * attention_v * tf.rsqrt(tf.reduce_sum(tf.square(attention_v)))
            return tf.reduce_sum(normed_v * tf.tanh(keys + processed_query + attention_b), [2])
        return tf.reduce_sum(attention_v * tf.tanh(keys + processed_query), [2])

    class BahdanauAttention(BaseAttentionMechanism):
        def __init__(self, num_units: Any, memory: Any, memory_sequence_length: Any = None, normalize: bool = False,
                     probability_fn: Any = None, score_mask_value: Any = None, dtype: Any = None,
                     custom_key_value_fn: Any = None, name: str = "BahdanauAttention") -> None:
            probability_fn = probability_fn or tf.nn.softmax
            dtype = dtype or tf.float32
            super(BahdanauAttention, self).__init__(
                query_layer=Dense(num_units, name="query_layer", use_bias=False, dtype=dtype),
                memory_layer=Dense(num_units, name="memory_layer", use_bias=False, dtype=dtype),
                memory=memory, probability_fn=lambda score, _: probability_fn(score),
                custom_key_value_fn=custom_key_value_fn, memory_sequence_length=memory_sequence_length,
                score_mask_value=score_mask_value, name=name)
            self._num_units, self._normalize, self._name = num_units, normalize, name

        def __call__(self, query: Any, state: Any) -> Any:
            with tf.variable_scope(None, "bahdanau_attention", [query]):
                processed_query = self.query_layer(query) if self.query_layer else query
                attention_v = tf.get_variable("attention_v", [self._num_units], dtype=query.dtype)
                attention_g = attention_b = None
                if self._normalize:
                    attention_g = tf.get_variable(
                        "attention_g", dtype=query.dtype,
                        initializer=tf.constant_initializer(math.sqrt(1. / self._num_units)), shape=())
                    attention_b = tf.get_variable("attention_b", [self._num_units], dtype=query.dtype,
                                                  initializer=tf.zeros_initializer())
                score = bahdanau_score(processed_query, self._keys, attention_v, attention_g, attention_b)
            alignments = self._probability_fn(score, state)
            return alignments, alignments

    class AttentionWrapperState(collections.namedtuple("AttentionWrapperState", (
            "cell_state", "attention", "time", "alignments", "alignment_history", "attention_state"))):
        def clone(self, **kwargs: Any) -> Any:
            def with_same_shape(old: Any, new: Any) -> Any:
                if isinstance(old, tf.Tensor) and isinstance(new, tf.Tensor):
                    new.set_shape(old.get_shape())  # tensor_util.with_same_shape: the old static shape
                return new
            return nest.map_structure(with_same_shape, self, super(AttentionWrapperState, self)._replace(**kwargs))

    def hardmax(logits: Any, name: Any = None) -> Any:
        with tf.name_scope(name, "Hardmax", [logits]):
            logits = tf.convert_to_tensor(logits, name="logits")
            depth = dimension_value(logits.get_shape()[-1])
            if depth is None:
                depth = tf.shape(logits)[-1]
            return tf.one_hot(tf.argmax(logits, -1), depth, dtype=logits.dtype)

    def compute_attention(attention_mechanism: Any, cell_output: Any, attention_state: Any,
                          attention_layer: Any) -> Any:
        alignments, next_attention_state = attention_mechanism(cell_output, state=attention_state)
        context_ = tf.squeeze(tf.matmul(tf.expand_dims(alignments, 1), attention_mechanism.values), [1])
        if attention_layer is not None:
            attention = attention_layer(tf.concat([cell_output, context_], 1))
        else:
            attention = context_
        return attention, alignments, next_attention_state

    class AttentionWrapper(RNNCell):
        def __init__(self, cell: Any, attention_mechanism: Any, attention_layer_size: Any = None,
                     alignment_history: bool = False, cell_input_fn: Any = None, output_attention: bool = True,
                     initial_cell_state: Any = None, name: Any = None, attention_layer: Any = None,
                     attention_fn: Any = None) -> None:
            super(AttentionWrapper, self).__init__(name=name)
            if isinstance(attention_mechanism, (list, tuple)):
                self._is_multi = True
                attention_mechanisms = attention_mechanism
                for mechanism in attention_mechanisms:
                    if not isinstance(mechanism, AttentionMechanism):
                        raise TypeError("attention_mechanism must contain only instances of AttentionMechanism, "
                                        "saw type: %s" % type(mechanism).__name__)
            else:
                self._is_multi = False
                if not isinstance(attention_mechanism, AttentionMechanism):
                    raise TypeError("attention_mechanism must be an AttentionMechanism or list of multiple "
                                    "AttentionMechanism instances, saw type: %s" % type(attention_mechanism).__name__)
                attention_mechanisms = (attention_mechanism,)
            if cell_input_fn is None:
                cell_input_fn = lambda inputs, attention: tf.concat([inputs, attention], -1)  # noqa: E731
            elif not callable(cell_input_fn):
                raise TypeError("cell_input_fn must be callable, saw type: %s" % type(cell_input_fn).__name__)
            if attention_layer_size is not None and attention_layer is not None:
                raise ValueError("Only one of attention_layer_size and attention_layer should be set")
            if attention_layer_size is not None:
                sizes = tuple(attention_layer_size if isinstance(attention_layer_size, (list, tuple))
                              else (attention_layer_size,))
                if len(sizes) != len(attention_mechanisms):
                    raise ValueError("If provided, attention_layer_size must contain exactly one integer per "
                                     "attention_mechanism, saw: %d vs %d" % (len(sizes), len(attention_mechanisms)))
                self._attention_layers = tuple(
                    Dense(size, name="attention_layer", use_bias=False, dtype=attention_mechanisms[i].dtype)
                    for i, size in enumerate(sizes))
                self._attention_layer_size = sum(sizes)
            elif attention_layer is not None:
                self._attention_layers = tuple(attention_layer if isinstance(attention_layer, (list, tuple))
                                               else (attention_layer,))
                if len(self._attention_layers) != len(attention_mechanisms):
                    raise ValueError("If provided, attention_layer must contain exactly one layer per "
                                     "attention_mechanism, saw: %d vs %d"
                                     % (len(self._attention_layers), len(attention_mechanisms)))
                self._attention_layer_size = sum(
                    dimension_value(layer.compute_output_shape(
                        [None, cell.output_size + dimension_value(mechanism.values.shape[-1])])[-1])
                    for layer, mechanism in zip(self._attention_layers, attention_mechanisms))
            else:
                self._attention_layers = None
                self._attention_layer_size = sum(dimension_value(m.values.shape[-1]) for m in attention_mechanisms)
            self._attention_fn = attention_fn or compute_attention
            self._cell = cell
            self._attention_mechanisms = attention_mechanisms
            self._cell_input_fn = cell_input_fn
            self._output_attention = output_attention
            self._alignment_history = alignment_history
            with tf.name_scope(name, "AttentionWrapperInit"):
                if initial_cell_state is None:
                    self._initial_cell_state = None
                else:
                    self._initial_cell_state = nest.map_structure(
                        lambda s: tf.identity(s, name="check_initial_cell_state"), initial_cell_state)

        def _item_or_tuple(self, seq: Any) -> Any:
            t = tuple(seq)
            return t if self._is_multi else t[0]

        @property
        def output_size(self) -> Any:
            return self._attention_layer_size if self._output_attention else self._cell.output_size

        @property
        def state_size(self) -> Any:
            return AttentionWrapperState(
                cell_state=self._cell.state_size, time=tf.TensorShape([]), attention=self._attention_layer_size,
                alignments=self._item_or_tuple(a.alignments_size for a in self._attention_mechanisms),
                attention_state=self._item_or_tuple(a.state_size for a in self._attention_mechanisms),
                alignment_history=self._item_or_tuple(a.alignments_size if self._alignment_history else ()
                                                      for a in self._attention_mechanisms))

        def zero_state(self, batch_size: Any, dtype: Any) -> Any:
            with tf.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
                if self._initial_cell_state is not None:
                    cell_state = self._initial_cell_state
                else:
                    cell_state = self._cell.get_initial_state(batch_size=batch_size, dtype=dtype)
                cell_state = nest.map_structure(lambda s: tf.identity(s, name="checked_cell_state"), cell_state)
                initial_alignments = [m.initial_alignments(batch_size, dtype) for m in self._attention_mechanisms]
                return AttentionWrapperState(
                    cell_state=cell_state, time=tf.zeros([], dtype=tf.int32),
                    attention=zero_state_tensors(self._attention_layer_size, batch_size, dtype),
                    alignments=self._item_or_tuple(initial_alignments),
                    attention_state=self._item_or_tuple(m.initial_state(batch_size, dtype)
                                                        for m in self._attention_mechanisms),
                    alignment_history=self._item_or_tuple(
                        tf.TensorArray(dtype, size=0, dynamic_size=True, element_shape=alignment.shape)
                        if self._alignment_history else () for alignment in initial_alignments))

        def call(self, inputs: Any, state: Any) -> Any:
            if not isinstance(state, AttentionWrapperState):
                raise TypeError("Expected state to be instance of AttentionWrapperState. Received type %s instead."
                                % type(state))
            cell_inputs = self._cell_input_fn(inputs, state.attention)
            cell_output, next_cell_state = self._cell(cell_inputs, state.cell_state)
            cell_output = tf.identity(cell_output, name="checked_cell_output")
            if self._is_multi:
                previous_attention_state, previous_alignment_history = state.attention_state, state.alignment_history
            else:
                previous_attention_state, previous_alignment_history = [state.attention_state], \
                    [state.alignment_history]
            all_alignments, all_attentions, all_attention_states, maybe_all_histories = [], [], [], []
            for i, attention_mechanism in enumerate(self._attention_mechanisms):
                attention, alignments, next_attention_state = self._attention_fn(
                    attention_mechanism, cell_output, previous_attention_state[i],
                    self._attention_layers[i] if self._attention_layers else None)
                alignment_history = previous_alignment_history[i].write(state.time, alignments) \
                    if self._alignment_history else ()
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
            return (attention if self._output_attention else cell_output), next_state

    # ------------------------------------------------------------------ helper.py

    class Helper(abc.ABC):
        @abc.abstractproperty
        def batch_size(self) -> Any:
            raise NotImplementedError

        @abc.abstractproperty
        def sample_ids_shape(self) -> Any:
            raise NotImplementedError

        @abc.abstractproperty
        def sample_ids_dtype(self) -> Any:
            raise NotImplementedError

        @abc.abstractmethod
        def initialize(self, name: Any = None) -> Any:
            pass

        @abc.abstractmethod
        def sample(self, time: Any, outputs: Any, state: Any, name: Any = None) -> Any:
            pass

        @abc.abstractmethod
        def next_inputs(self, time: Any, outputs: Any, state: Any, sample_ids: Any, name: Any = None) -> Any:
            pass

    class CustomHelper(Helper):
        def __init__(self, initialize_fn: Any, sample_fn: Any, next_inputs_fn: Any, sample_ids_shape: Any = None,
                     sample_ids_dtype: Any = None) -> None:
            self._initialize_fn, self._sample_fn, self._next_inputs_fn = initialize_fn, sample_fn, next_inputs_fn
            self._batch_size = None
            self._sample_ids_shape = tf.TensorShape(sample_ids_shape or [])
            self._sample_ids_dtype = sample_ids_dtype or tf.int32

        @property
        def batch_size(self) -> Any:
            if self._batch_size is None:
                raise ValueError("batch_size accessed before initialize was called")
            return self._batch_size

        sample_ids_shape = property(lambda self: self._sample_ids_shape)
        sample_ids_dtype = property(lambda self: self._sample_ids_dtype)

        def initialize(self, name: Any = None) -> Any:
            with tf.name_scope(name, "%sInitialize" % type(self).__name__):
                (finished, next_inputs) = self._initialize_fn()
                if self._batch_size is None:
                    self._batch_size = tf.size(finished)
            return (finished, next_inputs)

        def sample(self, time: Any, outputs: Any, state: Any, name: Any = None) -> Any:
            with tf.name_scope(name, "%sSample" % type(self).__name__, (time, outputs, state)):
                return self._sample_fn(time=time, outputs=outputs, state=state)

        def next_inputs(self, time: Any, outputs: Any, state: Any, sample_ids: Any, name: Any = None) -> Any:
            with tf.name_scope(name, "%sNextInputs" % type(self).__name__, (time, outputs, state)):
                return self._next_inputs_fn(time=time, outputs=outputs, state=state, sample_ids=sample_ids)

    class TrainingHelper(Helper):
        def __init__(self, inputs: Any, sequence_length: Any, time_major: bool = False, name: Any = None) -> None:
            with tf.name_scope(name, "TrainingHelper", [inputs, sequence_length]):
                inputs = tf.convert_to_tensor(inputs, name="inputs")
                self._inputs = inputs
                if not time_major:
                    inputs = nest.map_structure(transpose_batch_time, inputs)
                self._input_tas = nest.map_structure(unstack_ta, inputs)
                self._sequence_length = tf.convert_to_tensor(sequence_length, name="sequence_length")
                if self._sequence_length.get_shape().ndims != 1:
                    raise ValueError("Expected sequence_length to be a vector, but received shape: %s"
                                     % self._sequence_length.get_shape())
                self._zero_inputs = nest.map_structure(lambda inp: tf.zeros_like(inp[0, :]), inputs)
                self._batch_size = tf.size(sequence_length)

        batch_size = property(lambda self: self._batch_size)
        sample_ids_shape = property(lambda self: tf.TensorShape([]))
        sample_ids_dtype = property(lambda self: tf.int32)

        def initialize(self, name: Any = None) -> Any:
            with tf.name_scope(name, "TrainingHelperInitialize"):
                finished = tf.equal(0, self._sequence_length)
                next_inputs = tf.cond(tf.reduce_all(finished), lambda: self._zero_inputs,
                                      lambda: nest.map_structure(lambda inp: inp.read(0), self._input_tas))
                return (finished, next_inputs)

        def sample(self, time: Any, outputs: Any, name: Any = None, **unused_kwargs: Any) -> Any:
            with tf.name_scope(name, "TrainingHelperSample", [time, outputs]):
                return tf.cast(tf.argmax(outputs, axis=-1), tf.int32)

        def next_inputs(self, time: Any, outputs: Any, state: Any, name: Any = None, **unused_kwargs: Any) -> Any:
            with tf.name_scope(name, "TrainingHelperNextInputs", [time, outputs, state]):
                next_time = time + 1
                finished = (next_time >= self._sequence_length)
                next_inputs = tf.cond(tf.reduce_all(finished), lambda: self._zero_inputs,
                                      lambda: nest.map_structure(lambda inp: inp.read(next_time), self._input_tas))
                return (finished, next_inputs, state)

    class ScheduledEmbeddingTrainingHelper(TrainingHelper):
        def __init__(self, inputs: Any, sequence_length: Any, embedding: Any, sampling_probability: Any,
                     time_major: bool = False, seed: Any = None, scheduling_seed: Any = None,
                     name: Any = None) -> None:
            with tf.name_scope(name, "ScheduledEmbeddingSamplingWrapper", [embedding, sampling_probability]):
                if callable(embedding):
                    self._embedding_fn = embedding
                else:
                    self._embedding_fn = lambda ids: tf.nn.embedding_lookup(embedding, ids)
                self._sampling_probability = tf.convert_to_tensor(sampling_probability, name="sampling_probability")
                if self._sampling_probability.get_shape().ndims not in (0, 1):
                    raise ValueError("sampling_probability must be either a scalar or a vector. saw shape: %s"
                                     % (self._sampling_probability.get_shape()))
                self._seed, self._scheduling_seed = seed, scheduling_seed
                super(ScheduledEmbeddingTrainingHelper, self).__init__(
                    inputs=inputs, sequence_length=sequence_length, time_major=time_major, name=name)

        def sample(self, time: Any, outputs: Any, state: Any, name: Any = None) -> Any:
            with tf.name_scope(name, "ScheduledEmbeddingTrainingHelperSample", [time, outputs, state]):
                select_sample = tf.random_uniform([self.batch_size], seed=self._scheduling_seed) < \
                    self._sampling_probability
                sampled = tf.squeeze(tf.multinomial(outputs, 1, seed=self._seed, output_dtype=tf.int32), [1])
                return tf.where(select_sample, sampled, tf.fill([self.batch_size], -1))

        def next_inputs(self, time: Any, outputs: Any, state: Any, sample_ids: Any, name: Any = None) -> Any:
            with tf.name_scope(name, "ScheduledEmbeddingTrainingHelperSample", [time, outputs, state, sample_ids]):
                (finished, base_next_inputs, state) = super(ScheduledEmbeddingTrainingHelper, self).next_inputs(
                    time=time, outputs=outputs, state=state, sample_ids=sample_ids, name=name)

                def maybe_sample() -> Any:
                    where_sampling = tf.cast(tf.where(sample_ids > -1), tf.int32)
                    where_not_sampling = tf.cast(tf.where(sample_ids <= -1), tf.int32)
                    sampled_next_inputs = self._embedding_fn(tf.gather_nd(sample_ids, where_sampling))
                    inputs_not_sampling = tf.gather_nd(base_next_inputs, where_not_sampling)
                    base_shape = tf.shape(base_next_inputs)
                    return tf.scatter_nd(indices=where_sampling, updates=sampled_next_inputs, shape=base_shape) + \
                        tf.scatter_nd(indices=where_not_sampling, updates=inputs_not_sampling, shape=base_shape)

                next_inputs = tf.cond(tf.reduce_all(finished), lambda: base_next_inputs, maybe_sample)
                return (finished, next_inputs, state)

    class GreedyEmbeddingHelper(Helper):
        def __init__(self, embedding: Any, start_tokens: Any, end_token: Any) -> None:
            if callable(embedding):
                self._embedding_fn = embedding
            else:
                self._embedding_fn = lambda ids: tf.nn.embedding_lookup(embedding, ids)
            self._start_tokens = tf.convert_to_tensor(start_tokens, dtype=tf.int32, name="start_tokens")
            self._end_token = tf.convert_to_tensor(end_token, dtype=tf.int32, name="end_token")
            if self._start_tokens.get_shape().ndims != 1:
                raise ValueError("start_tokens must be a vector")
            self._batch_size = tf.size(start_tokens)
            if self._end_token.get_shape().ndims != 0:
                raise ValueError("end_token must be a scalar")
            self._start_inputs = self._embedding_fn(self._start_tokens)

        batch_size = property(lambda self: self._batch_size)
        sample_ids_shape = property(lambda self: tf.TensorShape([]))
        sample_ids_dtype = property(lambda self: tf.int32)

        def initialize(self, name: Any = None) -> Any:
            return (tf.tile([False], [self._batch_size]), self._start_inputs)

        def sample(self, time: Any, outputs: Any, state: Any, name: Any = None) -> Any:
            if not isinstance(outputs, tf.Tensor):
                raise TypeError("Expected outputs to be a single Tensor, got: %s" % type(outputs))
            return tf.argmax(outputs, axis=-1, output_type=tf.int32)

        def next_inputs(self, time: Any, outputs: Any, state: Any, sample_ids: Any, name: Any = None) -> Any:
            finished = tf.equal(sample_ids, self._end_token)
            next_inputs = tf.cond(tf.reduce_all(finished), lambda: self._start_inputs,
                                  lambda: self._embedding_fn(sample_ids))
            return (finished, next_inputs, state)

    class SampleEmbeddingHelper(GreedyEmbeddingHelper):
        def __init__(self, embedding: Any, start_tokens: Any, end_token: Any, softmax_temperature: Any = None,
                     seed: Any = None) -> None:
            super(SampleEmbeddingHelper, self).__init__(embedding, start_tokens, end_token)
            self._softmax_temperature, self._seed = softmax_temperature, seed

        def sample(self, time: Any, outputs: Any, state: Any, name: Any = None) -> Any:
            if not isinstance(outputs, tf.Tensor):
                raise TypeError("Expected outputs to be a single Tensor, got: %s" % type(outputs))
            logits = outputs if self._softmax_temperature is None else outputs / self._softmax_temperature
            return tf.squeeze(tf.multinomial(logits, 1, seed=self._seed, output_dtype=tf.int32), [1])

    # ------------------------------------------------------------------ decoder.py, basic_decoder.py

    class Decoder(abc.ABC):
        @property
        def batch_size(self) -> Any:
            raise NotImplementedError

        @property
        def output_size(self) -> Any:
            raise NotImplementedError

        @property
        def output_dtype(self) -> Any:
            raise NotImplementedError

        @abc.abstractmethod
        def initialize(self, name: Any = None) -> Any:
            raise NotImplementedError

        @abc.abstractmethod
        def step(self, time: Any, inputs: Any, state: Any, name: Any = None) -> Any:
            raise NotImplementedError

        def finalize(self, outputs: Any, final_state: Any, sequence_lengths: Any) -> Any:
            raise NotImplementedError

        @property
        def tracks_own_finished(self) -> bool:
            return False

    class BasicDecoderOutput(collections.namedtuple("BasicDecoderOutput", ("rnn_output", "sample_id"))):
        pass

    class BasicDecoder(Decoder):
        def __init__(self, cell: Any, helper: Any, initial_state: Any, output_layer: Any = None) -> None:
            if not isinstance(helper, Helper):
                raise TypeError("helper must be a Helper, received: %s" % type(helper))
            if output_layer is not None and not isinstance(output_layer, LayerBase):
                raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
            self._cell, self._helper, self._initial_state, self._output_layer = cell, helper, initial_state, \
                output_layer

        @property
        def batch_size(self) -> Any:
            return self._helper.batch_size

        def _rnn_output_size(self) -> Any:
            size = self._cell.output_size
            if self._output_layer is None:
                return size
            with_unknown_batch = nest.map_structure(lambda s: tf.TensorShape([None]).concatenate(s), size)
            layer_output_shape = self._output_layer.compute_output_shape(with_unknown_batch)
            return nest.map_structure(lambda s: s[1:], layer_output_shape)

        @property
        def output_size(self) -> Any:
            return BasicDecoderOutput(rnn_output=self._rnn_output_size(), sample_id=self._helper.sample_ids_shape)

        @property
        def output_dtype(self) -> Any:
            dtype = nest.flatten(self._initial_state)[0].dtype
            return BasicDecoderOutput(nest.map_structure(lambda _: dtype, self._rnn_output_size()),
                                      self._helper.sample_ids_dtype)

        def initialize(self, name: Any = None) -> Any:
            return self._helper.initialize() + (self._initial_state,)

        def step(self, time: Any, inputs: Any, state: Any, name: Any = None) -> Any:
            with tf.name_scope(name, "BasicDecoderStep", (time, inputs, state)):
                cell_outputs, cell_state = self._cell(inputs, state)
                if self._output_layer is not None:
                    cell_outputs = self._output_layer(cell_outputs)
                sample_ids = self._helper.sample(time=time, outputs=cell_outputs, state=cell_state)
                (finished, next_inputs, next_state) = self._helper.next_inputs(
                    time=time, outputs=cell_outputs, state=cell_state, sample_ids=sample_ids)
            return (BasicDecoderOutput(cell_outputs, sample_ids), next_state, next_inputs, finished)

    # beam_search_decoder.py: what decides variables (the cell called on the merged batch and
    # beams, the output layer on its [batch, beam, depth] outputs) and the shapes; the beam
    # selection keeps TF's shapes but not its values (no gather of the state, no penalties)
    def tile_batch(t: Any, multiplier: int, name: Any = None) -> Any:
        def tile_one(t: Any) -> Any:
            t = tf.convert_to_tensor(t, name="t")
            if t.shape.ndims is None or t.shape.ndims < 1:
                raise ValueError("t must have statically known rank")
            shape_t = tf.shape(t)
            tiling = [1] * (t.shape.ndims + 1)
            tiling[1] = multiplier
            batch = dimension_value(t.shape[0])
            tiled = tf.tile(tf.expand_dims(t, 1), tiling)
            tiled = tf.reshape(tiled, tf.concat(([shape_t[0] * multiplier], shape_t[1:]), 0))
            tiled.set_shape(tf.TensorShape([batch * multiplier if batch is not None else None]).concatenate(
                t.shape[1:]))
            return tiled

        with tf.name_scope(name, "tile_batch", nest.flatten(t) + [multiplier]):
            return nest.map_structure(tile_one, t)

    class BeamSearchDecoderState(collections.namedtuple("BeamSearchDecoderState", (
            "cell_state", "log_probs", "finished", "lengths", "accumulated_attention_probs"))):
        pass

    class BeamSearchDecoderOutput(collections.namedtuple("BeamSearchDecoderOutput", (
            "scores", "predicted_ids", "parent_ids"))):
        pass

    class FinalBeamSearchDecoderOutput(collections.namedtuple("FinalBeamDecoderOutput", (
            "predicted_ids", "beam_search_decoder_output"))):
        pass

    class BeamSearchDecoder(Decoder):
        def __init__(self, cell: Any, embedding: Any, start_tokens: Any, end_token: Any, initial_state: Any,
                     beam_width: int, output_layer: Any = None, length_penalty_weight: float = 0.0,
                     coverage_penalty_weight: float = 0.0, reorder_tensor_arrays: bool = True) -> None:
            if output_layer is not None and not isinstance(output_layer, LayerBase):
                raise TypeError("output_layer must be a Layer, received: %s" % type(output_layer))
            self._cell, self._output_layer, self._beam_width = cell, output_layer, beam_width
            self._embedding_fn = embedding if callable(embedding) else (
                lambda ids: tf.nn.embedding_lookup(embedding, ids))
            start_tokens = tf.convert_to_tensor(start_tokens, dtype=tf.int32, name="start_tokens")
            if start_tokens.get_shape().ndims != 1:
                raise ValueError("start_tokens must be a vector")
            self._end_token = tf.convert_to_tensor(end_token, dtype=tf.int32, name="end_token")
            if self._end_token.get_shape().ndims != 0:
                raise ValueError("end_token must be a scalar")
            self._batch_size = tf.size(start_tokens)
            self._initial_cell_state = nest.map_structure(self._maybe_split_batch_beams, initial_state,
                                                          self._cell.state_size)
            self._start_tokens = tf.tile(tf.expand_dims(start_tokens, 1), [1, beam_width])
            self._start_inputs = self._embedding_fn(self._start_tokens)
            self._finished = tf.one_hot(tf.zeros_like(start_tokens), depth=beam_width, on_value=False,
                                        off_value=True, dtype=tf.bool)

        @property
        def batch_size(self) -> Any:
            return self._batch_size

        @property
        def tracks_own_finished(self) -> bool:
            return True

        @property
        def output_size(self) -> Any:
            return BeamSearchDecoderOutput(tf.TensorShape([self._beam_width]), tf.TensorShape([self._beam_width]),
                                           tf.TensorShape([self._beam_width]))

        @property
        def output_dtype(self) -> Any:
            return BeamSearchDecoderOutput(nest.flatten(self._initial_cell_state)[0].dtype, tf.int32, tf.int32)

        def _static_size(self, s: Any) -> Any:
            """A state size as a shape: a tensor's (an attention's alignments size) is its value's."""
            return tf.TensorShape(tf.get_static_value(s)) if isinstance(s, tf.Tensor) else tf.TensorShape(s)

        def _split_batch_beams(self, t: Any, s: Any) -> Any:
            s = self._static_size(s)
            t_shape = tf.shape(t)
            reshaped = tf.reshape(t, tf.concat(([self._batch_size, self._beam_width], t_shape[1:]), 0))
            expected = tf.TensorShape([tf.get_static_value(self._batch_size), self._beam_width]).concatenate(s)
            if not reshaped.shape.is_compatible_with(expected):
                raise ValueError("Unexpected behavior when reshaping between beam width and batch size.  "
                                 "The reshaped tensor has shape: %s.  We expected it to have shape "
                                 "(batch_size, beam_width, depth) == %s.  Perhaps you forgot to create a "
                                 "zero_state with batch_size=encoder_batch_size * beam_width?"
                                 % (reshaped.shape, expected))
            reshaped.set_shape(expected)
            return reshaped

        def _merge_batch_beams(self, t: Any, s: Any) -> Any:
            s = self._static_size(s)
            t_shape = tf.shape(t)
            reshaped = tf.reshape(t, tf.concat(([self._batch_size * self._beam_width], t_shape[2:]), 0))
            static_batch = tf.get_static_value(self._batch_size)
            reshaped.set_shape(tf.TensorShape([static_batch * self._beam_width if static_batch is not None
                                               else None]).concatenate(s))
            return reshaped

        def _maybe_split_batch_beams(self, t: Any, s: Any) -> Any:
            return self._split_batch_beams(t, s) if t.shape.ndims is not None and t.shape.ndims >= 1 else t

        def _maybe_merge_batch_beams(self, t: Any, s: Any) -> Any:
            return self._merge_batch_beams(t, s) if t.shape.ndims is not None and t.shape.ndims >= 2 else t

        def initialize(self, name: Any = None) -> Any:
            dtype = nest.flatten(self._initial_cell_state)[0].dtype
            log_probs = tf.one_hot(tf.zeros([self._batch_size], dtype=tf.int32), depth=self._beam_width,
                                   on_value=tf.convert_to_tensor(0.0, dtype=dtype),
                                   off_value=tf.convert_to_tensor(-float("inf"), dtype=dtype), dtype=dtype)
            state = BeamSearchDecoderState(self._initial_cell_state, log_probs, self._finished,
                                           tf.zeros([self._batch_size, self._beam_width], dtype=tf.int64), ())
            return (self._finished, self._start_inputs, state)

        def step(self, time: Any, inputs: Any, state: Any, name: Any = None) -> Any:
            with tf.name_scope(name, "BeamSearchDecoderStep", (time, inputs, state)):
                inputs = nest.map_structure(lambda inp: self._merge_batch_beams(inp, inp.shape[2:]), inputs)
                cell_state = nest.map_structure(self._maybe_merge_batch_beams, state.cell_state,
                                                self._cell.state_size)
                cell_outputs, next_cell_state = self._cell(inputs, cell_state)
                cell_outputs = nest.map_structure(lambda out: self._split_batch_beams(out, out.shape[1:]),
                                                  cell_outputs)
                next_cell_state = nest.map_structure(self._maybe_split_batch_beams, next_cell_state,
                                                     self._cell.state_size)
                if self._output_layer is not None:
                    cell_outputs = self._output_layer(cell_outputs)
                total = tf.expand_dims(state.log_probs, 2) + tf.nn.log_softmax(cell_outputs)
                scores, indices = tf.nn.top_k(tf.reshape(total, [self._batch_size, -1]), k=self._beam_width)
                static_batch = tf.get_static_value(self._batch_size)
                scores.set_shape([static_batch, self._beam_width])
                indices.set_shape([static_batch, self._beam_width])
                vocab_size = tf.shape(cell_outputs)[-1]
                word_ids = tf.cast(tf.math.floormod(indices, vocab_size), tf.int32)
                parent_ids = tf.cast(tf.math.floordiv(indices, vocab_size), tf.int32)
                finished = tf.logical_or(state.finished, tf.equal(word_ids, self._end_token))
                lengths = state.lengths + tf.cast(tf.logical_not(state.finished), tf.int64)
                next_state = BeamSearchDecoderState(next_cell_state, scores, finished, lengths, ())
                next_inputs = tf.cond(tf.reduce_all(finished), lambda: self._start_inputs,
                                      lambda: self._embedding_fn(word_ids))
            return (BeamSearchDecoderOutput(scores, word_ids, parent_ids), next_state, next_inputs, finished)

        def finalize(self, outputs: Any, final_state: Any, sequence_lengths: Any) -> Any:
            return FinalBeamSearchDecoderOutput(outputs.predicted_ids, outputs), final_state

    def dynamic_decode(decoder: Any, output_time_major: bool = False, impute_finished: bool = False,
                       maximum_iterations: Any = None, parallel_iterations: int = 32, swap_memory: bool = False,
                       scope: Any = None) -> Any:
        if not isinstance(decoder, Decoder):
            raise TypeError("Expected decoder to be type Decoder, but saw: %s" % type(decoder))
        with tf.variable_scope(scope, "decoder") as varscope:
            if varscope.caching_device is None:
                varscope.set_caching_device(lambda op: op.device)
            if maximum_iterations is not None:
                maximum_iterations = tf.convert_to_tensor(maximum_iterations, dtype=tf.int32,
                                                          name="maximum_iterations")
                if maximum_iterations.get_shape().ndims != 0:
                    raise ValueError("maximum_iterations must be a scalar")
            initial_finished, initial_inputs, initial_state = decoder.initialize()
            zero_outputs = nest.map_structure(lambda s, d: zero_state_tensors(s, decoder.batch_size, d),
                                              decoder.output_size, decoder.output_dtype)
            if maximum_iterations is not None:
                initial_finished = tf.logical_or(initial_finished, 0 >= maximum_iterations)
            initial_sequence_lengths = tf.zeros_like(initial_finished, dtype=tf.int32)
            initial_time = tf.constant(0, dtype=tf.int32)

            def shape(batch_size: Any, from_shape: Any) -> Any:
                if not isinstance(from_shape, tf.TensorShape) or from_shape.ndims == 0:
                    return None
                batch_size = tf.get_static_value(tf.convert_to_tensor(batch_size, name="batch_size"))
                return tf.TensorShape([batch_size]).concatenate(from_shape)

            initial_outputs_ta = nest.map_structure(
                lambda s, d: tf.TensorArray(dtype=d, size=0, dynamic_size=True,
                                            element_shape=shape(decoder.batch_size, s)),
                decoder.output_size, decoder.output_dtype)

            def condition(unused_time: Any, unused_outputs_ta: Any, unused_state: Any, unused_inputs: Any,
                          finished: Any, unused_sequence_lengths: Any) -> Any:
                return tf.logical_not(tf.reduce_all(finished))

            def body(time: Any, outputs_ta: Any, state: Any, inputs: Any, finished: Any,
                     sequence_lengths: Any) -> Any:
                (next_outputs, decoder_state, next_inputs, decoder_finished) = decoder.step(time, inputs, state)
                if decoder.tracks_own_finished:
                    next_finished = decoder_finished
                else:
                    next_finished = tf.logical_or(decoder_finished, finished)
                next_sequence_lengths = tf.where(tf.logical_not(finished),
                                                 tf.fill(tf.shape(sequence_lengths), time + 1), sequence_lengths)
                nest.assert_same_structure(state, decoder_state)
                nest.assert_same_structure(outputs_ta, next_outputs)
                nest.assert_same_structure(inputs, next_inputs)
                if impute_finished:
                    emit = nest.map_structure(lambda out, zero: tf.where(finished, zero, out), next_outputs,
                                              zero_outputs)

                    def maybe_copy_state(new: Any, cur: Any) -> Any:
                        if isinstance(cur, tf.TensorArray):
                            return new
                        new.set_shape(cur.shape)
                        return new if new.shape.ndims == 0 else tf.where(finished, cur, new)
                    next_state = nest.map_structure(maybe_copy_state, decoder_state, state)
                else:
                    emit, next_state = next_outputs, decoder_state
                outputs_ta = nest.map_structure(lambda ta, out: ta.write(time, out), outputs_ta, emit)
                return (time + 1, outputs_ta, next_state, next_inputs, next_finished, next_sequence_lengths)

            res = tf.while_loop(condition, body, loop_vars=(initial_time, initial_outputs_ta, initial_state,
                                                            initial_inputs, initial_finished,
                                                            initial_sequence_lengths),
                                parallel_iterations=parallel_iterations, maximum_iterations=maximum_iterations,
                                swap_memory=swap_memory)
            final_outputs = nest.map_structure(lambda ta: ta.stack(), res[1])
            final_state, final_sequence_lengths = res[2], res[5]
            try:
                final_outputs, final_state = decoder.finalize(final_outputs, final_state, final_sequence_lengths)
            except NotImplementedError:
                pass
            if not output_time_major:
                final_outputs = nest.map_structure(transpose_batch_time, final_outputs)
        return final_outputs, final_state, final_sequence_lengths

    def sequence_loss(logits: Any, targets: Any, weights: Any, average_across_timesteps: bool = True,
                      average_across_batch: bool = True, sum_over_timesteps: bool = False,
                      sum_over_batch: bool = False, softmax_loss_function: Any = None, name: Any = None) -> Any:
        """loss.py: the weighted cross-entropy, reduced as asked (no variable)."""
        if len(logits.get_shape()) != 3:
            raise ValueError("Logits must be a [batch_size x sequence_length x logits] tensor")
        with tf.name_scope(name, "sequence_loss", [logits, targets, weights]):
            num_classes = tf.shape(logits)[2]
            logits_flat = tf.reshape(logits, [-1, num_classes])
            targets = tf.reshape(targets, [-1])
            if softmax_loss_function is None:
                crossent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=targets, logits=logits_flat)
            else:
                crossent = softmax_loss_function(labels=targets, logits=logits_flat)
            crossent *= tf.reshape(weights, [-1])
            if average_across_timesteps and average_across_batch:
                crossent = tf.reduce_sum(crossent) / (tf.reduce_sum(weights) + 1e-12)
            elif sum_over_timesteps and sum_over_batch:
                crossent = tf.reduce_sum(crossent)
            else:
                crossent = tf.reshape(crossent, tf.shape(logits)[0:2])
                if average_across_timesteps or sum_over_timesteps:
                    crossent = tf.reduce_sum(crossent, axis=[1])
                elif average_across_batch or sum_over_batch:
                    crossent = tf.reduce_sum(crossent, axis=[0])
            return crossent

    seq2seq = types.ModuleType("tensorflow.contrib.seq2seq")
    seq2seq.__dict__.update(
        AttentionMechanism=AttentionMechanism, LuongAttention=LuongAttention, BahdanauAttention=BahdanauAttention,
        AttentionWrapperState=AttentionWrapperState, AttentionWrapper=AttentionWrapper, hardmax=hardmax,
        Helper=Helper, CustomHelper=CustomHelper, TrainingHelper=TrainingHelper,
        ScheduledEmbeddingTrainingHelper=ScheduledEmbeddingTrainingHelper,
        GreedyEmbeddingHelper=GreedyEmbeddingHelper, SampleEmbeddingHelper=SampleEmbeddingHelper, Decoder=Decoder,
        BasicDecoderOutput=BasicDecoderOutput, BasicDecoder=BasicDecoder, dynamic_decode=dynamic_decode,
        sequence_loss=sequence_loss, tile_batch=tile_batch, BeamSearchDecoder=BeamSearchDecoder,
        BeamSearchDecoderState=BeamSearchDecoderState, BeamSearchDecoderOutput=BeamSearchDecoderOutput,
        FinalBeamSearchDecoderOutput=FinalBeamSearchDecoderOutput)
    return seq2seq, _core_rnn_cell_wrappers(tf, RNNCell)


def linear_class(tf: Any) -> Any:
    """core_rnn_cell._Linear: `kernel` and `bias` in the variable scope current when it is made
    (the wrappers' and legacy_seq2seq's attention_decoder's)."""

    class Linear(object):
        def __init__(self, args: Any, output_size: int, build_bias: bool) -> None:
            if not isinstance(args, (list, tuple)):
                args = [args]
            total_arg_size = 0
            for shape in [a.get_shape() for a in args]:
                if shape.ndims != 2:
                    raise ValueError("linear is expecting 2D arguments: %s" % [a.get_shape() for a in args])
                if shape[1] is None or getattr(shape[1], "value", shape[1]) is None:
                    raise ValueError("linear expects shape[1] to be provided for shape %s, but saw %s"
                                     % (shape, shape[1]))
                total_arg_size += int(shape[1])
            dtype = args[0].dtype
            with tf.variable_scope(tf.get_variable_scope()) as outer_scope:
                self._weights = tf.get_variable("kernel", [total_arg_size, output_size], dtype=dtype)
                if build_bias:
                    with tf.variable_scope(outer_scope) as inner_scope:
                        inner_scope.set_partitioner(None)
                        self._biases = tf.get_variable("bias", [output_size], dtype=dtype,
                                                       initializer=tf.constant_initializer(0.0, dtype=dtype))
            self._args_count, self._build_bias = len(args), build_bias

        def __call__(self, args: Any) -> Any:
            if not isinstance(args, (list, tuple)):
                args = [args]
            res = tf.matmul(args[0] if len(args) == 1 else tf.concat(args, 1), self._weights)
            return tf.nn.bias_add(res, self._biases) if self._build_bias else res

    return Linear


def _core_rnn_cell_wrappers(tf: Any, RNNCell: Any) -> Dict[str, Any]:  # noqa: N803 - TF's class name
    """contrib/rnn/python/ops/core_rnn_cell.py: the wrappers that make variables of their own,
    with `_Linear`'s `kernel` and `bias` in the cell's scope."""

    Linear = linear_class(tf)

    class OutputProjectionWrapper(RNNCell):
        def __init__(self, cell: Any, output_size: int, activation: Any = None, reuse: Any = None) -> None:
            super(OutputProjectionWrapper, self).__init__(_reuse=reuse)
            if output_size < 1:
                raise ValueError("Parameter output_size must be > 0: %d." % output_size)
            self._cell, self._output_size, self._activation, self._linear = cell, output_size, activation, None

        state_size = property(lambda self: self._cell.state_size)
        output_size = property(lambda self: self._output_size)

        def zero_state(self, batch_size: Any, dtype: Any) -> Any:
            with tf.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
                return self._cell.zero_state(batch_size, dtype)

        def call(self, inputs: Any, state: Any) -> Any:
            output, res_state = self._cell(inputs, state)
            if self._linear is None:
                self._linear = Linear(output, self._output_size, True)
            projected = self._linear(output)
            if self._activation:
                projected = self._activation(projected)
            return projected, res_state

    class InputProjectionWrapper(RNNCell):
        def __init__(self, cell: Any, num_proj: int, activation: Any = None, input_size: Any = None,
                     reuse: Any = None) -> None:
            super(InputProjectionWrapper, self).__init__(_reuse=reuse)
            self._cell, self._num_proj, self._activation, self._linear = cell, num_proj, activation, None

        state_size = property(lambda self: self._cell.state_size)
        output_size = property(lambda self: self._cell.output_size)

        def zero_state(self, batch_size: Any, dtype: Any) -> Any:
            with tf.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
                return self._cell.zero_state(batch_size, dtype)

        def call(self, inputs: Any, state: Any) -> Any:
            if self._linear is None:
                self._linear = Linear(inputs, self._num_proj, True)
            projected = self._linear(inputs)
            if self._activation:
                projected = self._activation(projected)
            return self._cell(projected, state)

    class EmbeddingWrapper(RNNCell):
        def __init__(self, cell: Any, embedding_classes: int, embedding_size: int, initializer: Any = None,
                     reuse: Any = None) -> None:
            super(EmbeddingWrapper, self).__init__(_reuse=reuse)
            if embedding_classes <= 0 or embedding_size <= 0:
                raise ValueError("Both embedding_classes and embedding_size must be greater than 0: %d, %d."
                                 % (embedding_classes, embedding_size))
            self._cell, self._embedding_classes, self._embedding_size = cell, embedding_classes, embedding_size
            self._initializer = initializer

        state_size = property(lambda self: self._cell.state_size)
        output_size = property(lambda self: self._cell.output_size)

        def zero_state(self, batch_size: Any, dtype: Any) -> Any:
            with tf.name_scope(type(self).__name__ + "ZeroState", values=[batch_size]):
                return self._cell.zero_state(batch_size, dtype)

        def call(self, inputs: Any, state: Any) -> Any:
            with tf.device("/cpu:0"):
                if self._initializer:
                    initializer = self._initializer
                elif tf.get_variable_scope().initializer:
                    initializer = tf.get_variable_scope().initializer
                else:
                    initializer = tf.random_uniform_initializer(-math.sqrt(3), math.sqrt(3))
                data_type = state[0].dtype if isinstance(state, tuple) else state.dtype
                embedding = tf.get_variable("embedding", [self._embedding_classes, self._embedding_size],
                                            initializer=initializer, dtype=data_type)
                embedded = tf.nn.embedding_lookup(embedding, tf.reshape(inputs, [-1]))
                return self._cell(embedded, state)

    return {"OutputProjectionWrapper": OutputProjectionWrapper, "InputProjectionWrapper": InputProjectionWrapper,
            "EmbeddingWrapper": EmbeddingWrapper}
