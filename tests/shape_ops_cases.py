"""Shape ops, one case a row: the inputs a case builds and the expression whose static shape and
dtype (a tensor, a list of tensors, a TensorShape, a Dimension or a plain value) it records.

The expected results are never written here: tools/record_shape_ops.py runs every case under
real TensorFlow and writes tests/shape_ops_expected.json; tests/test_shape_ops.py checks the
reference runtime against that file (default tier) and TF against it (oracle tier).

`program()` is the one program both run: `import tensorflow.compat.v1 as tf`, each case in a
fresh graph, results to the JSON file named by $SCOPELINT_SHAPE_OPS_OUT.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from typing import Any, Dict, List, Optional, Tuple

OUT_VARIABLE = "SCOPELINT_SHAPE_OPS_OUT"
EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shape_ops_expected.json")

# (case id, setup statements separated by ";", expression)
CASES: List[Tuple[str, str, str]] = [
    # reshape (runtime/api.py reshape, tensors.reshape_shape)
    ("reshape_minus_one", "x = tf.placeholder(tf.float32, [2, 3, 4])", "tf.reshape(x, [-1, 4])"),
    ("reshape_minus_one_unknown_batch", "x = tf.placeholder(tf.float32, [None, 3, 4])", "tf.reshape(x, [-1, 12])"),
    ("reshape_tf_shape_batch", "x = tf.placeholder(tf.float32, [None, 3, 4])",
     "tf.reshape(x, [tf.shape(x)[0], 12])"),
    ("reshape_tf_shape_batch_minus_one", "x = tf.placeholder(tf.float32, [None, 3, 4])",
     "tf.reshape(x, [tf.shape(x)[0], -1])"),
    ("reshape_from_shape_tensor",
     "x = tf.placeholder(tf.float32, [None, 3, 4]); y = tf.placeholder(tf.float32, [5, 12])",
     "tf.reshape(y, tf.shape(x))"),
    ("reshape_dims_from_get_shape", "x = tf.placeholder(tf.float32, [None, 3, 4])",
     "tf.reshape(x, [-1, x.get_shape()[1] * x.get_shape()[2]])"),
    ("reshape_scalar", "x = tf.placeholder(tf.int32, [1, 1])", "tf.reshape(x, [])"),
    # concat, stack, unstack, split
    ("concat_last_axis", "a = tf.placeholder(tf.float32, [None, 2]); b = tf.placeholder(tf.float32, [None, 3])",
     "tf.concat([a, b], axis=-1)"),
    ("concat_unknown_dim", "a = tf.placeholder(tf.float32, [None, 2]); b = tf.placeholder(tf.float32, [None, None])",
     "tf.concat([a, b], 1)"),
    ("concat_batch_axis", "a = tf.placeholder(tf.float32, [2, 3]); b = tf.placeholder(tf.float32, [None, 3])",
     "tf.concat([a, b], 0)"),
    ("concat_merges_other_dims", "a = tf.placeholder(tf.float32, [None, 3]); b = tf.placeholder(tf.float32, [4, 2])",
     "tf.concat([a, b], 1)"),
    ("stack_axis_1", "a = tf.placeholder(tf.float32, [None, 3])", "tf.stack([a, a, a], axis=1)"),
    ("stack_axis_minus_1", "a = tf.placeholder(tf.float32, [None, 3])", "tf.stack([a, a], axis=-1)"),
    ("unstack_time", "s = tf.placeholder(tf.float32, [None, 4, 3])", "tf.unstack(s, axis=1)"),
    ("split_even", "x = tf.placeholder(tf.float32, [None, 6])", "tf.split(x, 3, axis=1)"),
    ("split_sizes", "x = tf.placeholder(tf.float32, [None, 6])", "tf.split(x, [1, 5], axis=1)"),
    ("split_negative_axis", "x = tf.placeholder(tf.float32, [None, 4, 6])", "tf.split(x, 2, axis=-1)"),
    ("split_sizes_minus_one", "x = tf.placeholder(tf.float32, [None, 6])", "tf.split(x, [2, -1], 1)"),
    # matmul, tensordot, einsum
    ("matmul", "a = tf.placeholder(tf.float32, [None, 3]); w = tf.placeholder(tf.float32, [3, 4])",
     "tf.matmul(a, w)"),
    ("matmul_transpose_b", "a = tf.placeholder(tf.float32, [None, 3]); w = tf.placeholder(tf.float32, [4, 3])",
     "tf.matmul(a, w, transpose_b=True)"),
    ("matmul_transpose_a", "a = tf.placeholder(tf.float32, [3, None]); w = tf.placeholder(tf.float32, [3, 4])",
     "tf.matmul(a, w, transpose_a=True)"),
    ("matmul_both", "a = tf.placeholder(tf.float32, [3, 2]); w = tf.placeholder(tf.float32, [5, 3])",
     "tf.matmul(a, w, transpose_a=True, transpose_b=True)"),
    ("matmul_batched", "a = tf.placeholder(tf.float32, [7, 2, 3]); w = tf.placeholder(tf.float32, [7, 3, 4])",
     "tf.matmul(a, w)"),
    ("matmul_operator", "a = tf.placeholder(tf.float32, [None, 3]); w = tf.placeholder(tf.float32, [3, 2])",
     "a @ w"),
    ("tensordot_int", "a = tf.placeholder(tf.float32, [None, 4, 3]); w = tf.placeholder(tf.float32, [3, 5])",
     "tf.tensordot(a, w, 1)"),
    ("tensordot_axes", "a = tf.placeholder(tf.float32, [None, 4, 3]); w = tf.placeholder(tf.float32, [3, 5])",
     "tf.tensordot(a, w, [[2], [0]])"),
    ("einsum", "a = tf.placeholder(tf.float32, [None, 4, 3]); w = tf.placeholder(tf.float32, [3, 5])",
     "tf.einsum('btd,de->bte', a, w)"),
    ("einsum_ellipsis", "x = tf.placeholder(tf.float32, [None, 2, 3, 4])", "tf.einsum('...ij->...ji', x)"),
    ("einsum_ellipsis_broadcast",
     "a = tf.placeholder(tf.float32, [2, 1, 5, 7]); b = tf.placeholder(tf.float32, [3, 7, 4])",
     "tf.einsum('...ij,...jk->...ik', a, b)"),
    ("einsum_implicit_output", "a = tf.placeholder(tf.float32, [5, 7]); b = tf.placeholder(tf.float32, [7, 4])",
     "tf.einsum('ij,jk', a, b)"),
    ("top_k", "x = tf.placeholder(tf.float32, [None, 16])", "tf.nn.top_k(x, k=3)"),
    ("multinomial", "x = tf.placeholder(tf.float32, [None, 16])", "tf.multinomial(x, 4)"),
    ("random_categorical", "x = tf.placeholder(tf.float32, [2, 16])", "tf.random.categorical(x, 3, dtype=tf.int32)"),
    ("gather_nd_flat", "p = tf.placeholder(tf.float32, [32]); i = tf.placeholder(tf.int32, [6, 1])",
     "tf.gather_nd(p, i)"),
    ("gather_nd_slices", "p = tf.placeholder(tf.float32, [4, 5, 7]); i = tf.placeholder(tf.int32, [None, 2])",
     "tf.gather_nd(p, i)"),
    ("gather_nd_batch_dims", "p = tf.placeholder(tf.float32, [4, 5, 7]); i = tf.placeholder(tf.int32, [4, 3, 1])",
     "tf.gather_nd(p, i, batch_dims=1)"),
    # transpose, expand_dims, squeeze, tile, pad, slices
    ("transpose_default", "x = tf.placeholder(tf.float32, [None, 2, 3])", "tf.transpose(x)"),
    ("transpose_perm", "x = tf.placeholder(tf.float32, [None, 2, 3])", "tf.transpose(x, [1, 0, 2])"),
    ("expand_dims_last", "x = tf.placeholder(tf.float32, [None, 3])", "tf.expand_dims(x, -1)"),
    ("expand_dims_first", "x = tf.placeholder(tf.float32, [None, 3])", "tf.expand_dims(x, 0)"),
    ("expand_dims_list_axis", "x = tf.placeholder(tf.float32, [None, 3])", "tf.expand_dims(x, axis=[1])"),
    ("squeeze_all", "x = tf.placeholder(tf.float32, [1, None, 1, 3])", "tf.squeeze(x)"),
    ("squeeze_axis", "x = tf.placeholder(tf.float32, [None, 1, 3, 1])", "tf.squeeze(x, axis=[1])"),
    ("squeeze_negative_axis", "x = tf.placeholder(tf.float32, [None, 3, 1])", "tf.squeeze(x, -1)"),
    ("tile", "x = tf.placeholder(tf.float32, [None, 3])", "tf.tile(x, [2, 2])"),
    ("pad", "x = tf.placeholder(tf.float32, [None, 4, 4, 3])", "tf.pad(x, [[0, 0], [1, 1], [2, 2], [0, 0]])"),
    ("slice_minus_one", "x = tf.placeholder(tf.float32, [5, 6])", "tf.slice(x, [1, 2], [-1, 3])"),
    ("getitem_last", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x[:, -1]"),
    ("getitem_range", "x = tf.placeholder(tf.float32, [None, 6])", "x[:, 1:4]"),
    ("getitem_step", "x = tf.placeholder(tf.float32, [None, 7])", "x[:, ::2]"),
    ("getitem_ellipsis", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x[..., 0]"),
    ("getitem_newaxis", "x = tf.placeholder(tf.float32, [None, 3])", "x[:, None]"),
    # reductions
    ("reduce_mean_axis", "x = tf.placeholder(tf.float32, [None, 4, 3])", "tf.reduce_mean(x, axis=1)"),
    ("reduce_sum_keepdims", "x = tf.placeholder(tf.float32, [None, 4, 3])", "tf.reduce_sum(x, 1, keepdims=True)"),
    ("reduce_max_all", "x = tf.placeholder(tf.float32, [None, 4])", "tf.reduce_max(x)"),
    ("reduce_sum_list", "x = tf.placeholder(tf.float32, [None, 4, 3])", "tf.reduce_sum(x, [1, 2])"),
    ("reduce_mean_negative_keep_dims", "x = tf.placeholder(tf.float32, [None, 4, 3])",
     "tf.reduce_mean(x, axis=-1, keep_dims=True)"),
    ("reduce_all_keepdims", "x = tf.placeholder(tf.bool, [2, 3])", "tf.reduce_all(x, keepdims=True)"),
    ("argmax", "x = tf.placeholder(tf.float32, [None, 4])", "tf.argmax(x, axis=1)"),
    # tf.shape and friends; a static shape's dims feeding shapes
    ("tf_shape", "x = tf.placeholder(tf.float32, [None, 4, 3])", "tf.shape(x)"),
    ("tf_shape_slice", "x = tf.placeholder(tf.float32, [None, 4, 3])", "tf.shape(x)[0]"),
    ("tf_shape_range", "x = tf.placeholder(tf.float32, [None, 4, 3])", "tf.shape(x)[1:]"),
    ("tf_size", "x = tf.placeholder(tf.float32, [None, 4])", "tf.size(x)"),
    ("zeros_from_tf_shape", "x = tf.placeholder(tf.float32, [None, 4])", "tf.zeros([tf.shape(x)[0], 5])"),
    ("get_shape_as_list", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x.get_shape().as_list()[-1]"),
    ("get_shape_dim_value", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x.get_shape()[1].value"),
    ("get_shape_unknown_dim", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x.get_shape()[0].value"),
    ("shape_slice", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x.shape[1:]"),
    ("dimension_arithmetic", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x.shape[1] * x.shape[2] + 1"),
    ("dimension_unknown_arithmetic", "x = tf.placeholder(tf.float32, [None, 4, 3])", "x.shape[0] * 2"),
    ("shape_num_elements", "x = tf.placeholder(tf.float32, [2, 4, 3])", "x.get_shape().num_elements()"),
    ("shape_merge_with", "x = tf.placeholder(tf.float32, [None, 4])", "x.get_shape().merge_with([7, None])"),
    ("shape_concatenate", "x = tf.placeholder(tf.float32, [None, 4])", "x.get_shape().concatenate([5])"),
    ("shape_compatible", "x = tf.placeholder(tf.float32, [None, 4])", "x.get_shape().is_compatible_with([3, 4])"),
    ("shape_fully_defined", "x = tf.placeholder(tf.float32, [None, 4])", "x.get_shape().is_fully_defined()"),
    ("shape_ndims_unknown", "x = tf.placeholder(tf.float32)", "x.get_shape().ndims"),
    # element-wise, casts, misc
    ("broadcast_add", "a = tf.placeholder(tf.float32, [None, 1, 3]); b = tf.placeholder(tf.float32, [4, 1])",
     "a + b"),
    ("broadcast_scalar", "a = tf.placeholder(tf.float32, [None, 3])", "a * 2.0"),
    ("cast", "a = tf.placeholder(tf.float32, [None, 3])", "tf.cast(a, tf.int64)"),
    ("compare", "a = tf.placeholder(tf.float32, [None, 3])", "tf.greater(a, 0.5)"),
    ("range_int", "", "tf.range(5)"),
    ("range_float", "", "tf.range(0.0, 2.0, 0.5)"),
    ("one_hot", "i = tf.placeholder(tf.int32, [None, 4])", "tf.one_hot(i, 10)"),
    ("gather", "p = tf.placeholder(tf.float32, [10, 3]); i = tf.placeholder(tf.int32, [None, 4])",
     "tf.gather(p, i)"),
    ("sequence_mask", "n = tf.placeholder(tf.int32, [None])", "tf.sequence_mask(n, 6)"),
    ("where_select", "c = tf.placeholder(tf.bool, [None, 3]); a = tf.placeholder(tf.float32, [None, 3])",
     "tf.where(c, a, a)"),
    ("add_n", "a = tf.placeholder(tf.float32, [None, 3])", "tf.add_n([a, a, a])"),
    ("constant_nested", "", "tf.constant([[1, 2, 3], [4, 5, 6]])"),
    ("constant_float64", "import numpy as np", "tf.constant(np.zeros([2, 2]))"),
    ("zeros_like_int", "a = tf.placeholder(tf.int32, [None, 3])", "tf.zeros_like(a)"),
    # nn (runtime/nn.py)
    ("conv2d_same_stride",
     "x = tf.placeholder(tf.float32, [None, 7, 7, 3]); k = tf.placeholder(tf.float32, [3, 3, 3, 8])",
     "tf.nn.conv2d(x, k, [1, 2, 2, 1], 'SAME')"),
    ("conv2d_valid", "x = tf.placeholder(tf.float32, [None, 7, 7, 3]); k = tf.placeholder(tf.float32, [3, 3, 3, 8])",
     "tf.nn.conv2d(x, k, [1, 2, 2, 1], 'VALID')"),
    ("conv2d_nchw", "x = tf.placeholder(tf.float32, [None, 3, 8, 8]); k = tf.placeholder(tf.float32, [3, 3, 3, 4])",
     "tf.nn.conv2d(x, k, [1, 1, 2, 2], 'SAME', data_format='NCHW')"),
    ("conv1d", "x = tf.placeholder(tf.float32, [None, 10, 3]); k = tf.placeholder(tf.float32, [3, 3, 5])",
     "tf.nn.conv1d(x, k, 2, 'VALID')"),
    ("conv2d_transpose", "x = tf.placeholder(tf.float32, [2, 4, 4, 8]); k = tf.placeholder(tf.float32, [3, 3, 3, 8])",
     "tf.nn.conv2d_transpose(x, k, [2, 8, 8, 3], [1, 2, 2, 1])"),
    ("depthwise_conv2d",
     "x = tf.placeholder(tf.float32, [None, 8, 8, 3]); k = tf.placeholder(tf.float32, [3, 3, 3, 2])",
     "tf.nn.depthwise_conv2d(x, k, [1, 1, 1, 1], 'SAME')"),
    ("separable_conv2d",
     "x = tf.placeholder(tf.float32, [None, 8, 8, 3]); d = tf.placeholder(tf.float32, [3, 3, 3, 2]); "
     "p = tf.placeholder(tf.float32, [1, 1, 6, 5])", "tf.nn.separable_conv2d(x, d, p, [1, 1, 1, 1], 'VALID')"),
    ("max_pool", "x = tf.placeholder(tf.float32, [None, 7, 7, 3])",
     "tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID')"),
    ("avg_pool_same", "x = tf.placeholder(tf.float32, [None, 7, 7, 3])",
     "tf.nn.avg_pool(x, [1, 3, 3, 1], [1, 2, 2, 1], 'SAME')"),
    ("embedding_lookup", "p = tf.placeholder(tf.float32, [10, 4]); i = tf.placeholder(tf.int32, [None, 5])",
     "tf.nn.embedding_lookup(p, i)"),
    ("xw_plus_b", "x = tf.placeholder(tf.float32, [None, 3]); w = tf.placeholder(tf.float32, [3, 2]); "
     "b = tf.placeholder(tf.float32, [2])", "tf.nn.xw_plus_b(x, w, b)"),
    ("moments", "x = tf.placeholder(tf.float32, [None, 4, 4, 3])", "tf.nn.moments(x, [0, 1, 2])"),
    ("softmax", "x = tf.placeholder(tf.float32, [None, 5])", "tf.nn.softmax(x)"),
    ("sparse_xent", "x = tf.placeholder(tf.float32, [None, 5]); y = tf.placeholder(tf.int32, [None])",
     "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x)"),
    ("sigmoid_xent", "x = tf.placeholder(tf.float32, [None, 5])",
     "tf.nn.sigmoid_cross_entropy_with_logits(labels=x, logits=x)"),
    ("l2_loss", "x = tf.placeholder(tf.float32, [None, 5])", "tf.nn.l2_loss(x)"),
    ("bias_add", "x = tf.placeholder(tf.float32, [None, 4, 4, 3]); b = tf.placeholder(tf.float32, [3])",
     "tf.nn.bias_add(x, b)"),
    # ops that keep their input's shape (runtime/api.py _shape_keeping), clip_by_global_norm
    ("random_shuffle", "x = tf.placeholder(tf.int32, [None, 128])", "tf.random_shuffle(x)"),
    ("random_shuffle_unknown_rank", "x = tf.placeholder(tf.float64)", "tf.random.shuffle(x, seed=1)"),
    ("reverse", "x = tf.placeholder(tf.float16, [None, 7, 3])", "tf.reverse(x, [1])"),
    ("reverse_sequence", "x = tf.placeholder(tf.float32, [None, 7, 3]); n = tf.placeholder(tf.int64, [None])",
     "tf.reverse_sequence(x, n, seq_axis=1, batch_axis=0)"),
    ("sort", "x = tf.placeholder(tf.int64, [None, 7])", "tf.sort(x, direction='DESCENDING')"),
    ("argsort", "x = tf.placeholder(tf.float32, [None, 7])", "tf.argsort(x, axis=0)"),
    ("cumsum", "x = tf.placeholder(tf.float64, [None, 7])", "tf.cumsum(x, axis=1, exclusive=True)"),
    ("cumprod", "x = tf.placeholder(tf.int32, [4, None])", "tf.math.cumprod(x, reverse=True)"),
    ("matrix_band_part", "x = tf.placeholder(tf.float32, [None, 5, 5])", "tf.matrix_band_part(x, 0, -1)"),
    ("expm1", "x = tf.placeholder(tf.float64, [None, 2])", "tf.expm1(x)"),
    ("zeros_of_constant_shape", "s = tf.constant([5, 4])", "tf.zeros(s)"),
    ("random_normal_of_constant_shape", "s = tf.constant((2, 3), dtype=tf.int64)", "tf.random_normal(s)"),
    ("random_crop_of_constant_size", "x = tf.placeholder(tf.int32, [None, 9, 3])",
     "tf.random_crop(x, tf.constant([5, 4, 2]))"),
    ("leaky_relu_of_ints", "x = tf.placeholder(tf.int32, [None, 3])", "tf.nn.leaky_relu(x)"),
    ("leaky_relu", "x = tf.placeholder(tf.float16, [None, 3])", "tf.nn.leaky_relu(x, alpha=0.1, name='lr')"),
    ("clip_by_global_norm", "a = tf.placeholder(tf.float32, [3, 2]); b = tf.placeholder(tf.float32)",
     "tf.clip_by_global_norm([a, None, b], 5.0)[0]"),
    ("clip_by_global_norm_norm", "a = tf.placeholder(tf.float64, [3, 2])", "tf.clip_by_global_norm([a], 5.0)[1]"),
    # strided_slice and x[...] (tensors.slice_shape): tf.newaxis, negative steps, masks
    ('strided_slice', 'x = tf.placeholder(tf.float32, [10, 6])', 'tf.strided_slice(x, [1, 0], [9, 6], [2, 1])'),
    ('getitem_negative_step', 'x = tf.placeholder(tf.float32, [None, 7])', 'x[:, ::-1]'),
    ('getitem_negative_step_range', 'x = tf.placeholder(tf.float32, [None, 7])', 'x[:, 5:1:-2]'),
    ('getitem_negative_start', 'x = tf.placeholder(tf.float32, [None, 7])', 'x[:, -3:]'),
    ('getitem_out_of_range', 'x = tf.placeholder(tf.float32, [None, 7])', 'x[:, 2:100]'),
    ('getitem_ellipsis_middle', 'x = tf.placeholder(tf.float32, [None, 4, 5, 3])', 'x[0, ..., 1:]'),
    ('getitem_newaxis_ellipsis', 'x = tf.placeholder(tf.float32, [None, 4, 3])', 'x[..., tf.newaxis]'),
    ('getitem_newaxis_front', 'x = tf.placeholder(tf.float32, [4, 3])', 'x[tf.newaxis, :, tf.newaxis]'),
    ('getitem_unknown_dim_range', 'x = tf.placeholder(tf.float32, [None, None])', 'x[:, 1:3]'),
    ('getitem_unknown_dim_tail', 'x = tf.placeholder(tf.float32, [None, None])', 'x[:, 1:]'),
    ('getitem_tensor_index', 'x = tf.placeholder(tf.float32, [None, 4, 3]); i = tf.placeholder(tf.int32, [])',
     'x[:, i]'),
    ('getitem_tensor_stop', 'x = tf.placeholder(tf.float32, [None, 4, 3]); i = tf.placeholder(tf.int32, [])',
     'x[:, :i]'),
    ('getitem_scalar_int', 'x = tf.placeholder(tf.float32, [5])', 'x[-1]'),
    ('getitem_unknown_rank', 'x = tf.placeholder(tf.float32)', 'x[:, 0]'),
    ('getitem_partial_key', 'x = tf.placeholder(tf.float32, [None, 4, 3])', 'x[1:2]'),
    ('getitem_both_negative', 'x = tf.placeholder(tf.float32, [10])', 'x[-4:-1]'),
    ('getitem_empty', 'x = tf.placeholder(tf.float32, [10])', 'x[5:2]'),
    ('strided_slice_masks', 'x = tf.placeholder(tf.float32, [None, 6, 4])',
     'tf.strided_slice(x, [0, 1, 0], [0, 5, 2], [1, 2, 1], begin_mask=1, end_mask=5)'),
    ('strided_slice_shrink_newaxis', 'x = tf.placeholder(tf.float32, [None, 6, 4])',
     'tf.strided_slice(x, [0, 0, 2], [0, 0, 3], [1, 1, 1], begin_mask=1, end_mask=1, new_axis_mask=2, '
     'shrink_axis_mask=4)'),
    ('strided_slice_ellipsis', 'x = tf.placeholder(tf.float32, [None, 6, 4])',
     'tf.strided_slice(x, [0, 1], [0, 3], ellipsis_mask=1)'),
    # reductions (tensors.reduced_dims): negative and list axes, axes of unknown value, unknown ranks,
    # argmax's default axis
    ('reduce_sum_negative_list', 'x = tf.placeholder(tf.float32, [None, 4, 3])', 'tf.reduce_sum(x, [-1, -2])'),
    ('reduce_mean_tuple_keepdims', 'x = tf.placeholder(tf.float32, [None, 4, 4, 3])',
     'tf.reduce_mean(x, (1, 2), keepdims=True)'),
    ('reduce_sum_unknown_rank', 'x = tf.placeholder(tf.float32)', 'tf.reduce_sum(x, 1)'),
    ('reduce_sum_unknown_rank_all', 'x = tf.placeholder(tf.float32)', 'tf.reduce_sum(x)'),
    ('reduce_sum_tensor_axis', 'x = tf.placeholder(tf.float32, [None, 4]); a = tf.placeholder(tf.int32, [])',
     'tf.reduce_sum(x, a)'),
    ('reduce_sum_tensor_axis_keep', 'x = tf.placeholder(tf.float32, [None, 4]); a = tf.placeholder(tf.int32, [])',
     'tf.reduce_sum(x, a, keepdims=True)'),
    ('reduce_sum_reduction_indices', 'x = tf.placeholder(tf.float32, [None, 4])',
     'tf.reduce_sum(x, reduction_indices=[1])'),
    ('reduce_logsumexp', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.reduce_logsumexp(x, axis=-1)'),
    ('reduce_prod_keep', 'x = tf.placeholder(tf.float32, [3, 4])', 'tf.reduce_prod(x, 0, keep_dims=True)'),
    ('reduce_any', 'x = tf.placeholder(tf.bool, [None, 4])', 'tf.reduce_any(x, 1)'),
    ('reduce_min_empty_axis', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.reduce_min(x, [])'),
    ('reduce_euclidean_norm', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.norm(x, axis=1)'),
    ('norm_keepdims', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.norm(x, axis=-1, keepdims=True)'),
    ('norm_all', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.norm(x)'),
    ('count_nonzero', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.count_nonzero(x, 1)'),
    ('reduce_mean_int', 'x = tf.placeholder(tf.int32, [None, 4])', 'tf.reduce_mean(x, axis=0)'),
    ('argmax_negative', 'x = tf.placeholder(tf.float32, [None, 4, 3])', 'tf.argmax(x, -1)'),
    ('argmin_int32', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.argmin(x, 1, output_type=tf.int32)'),
    ('argmax_dimension', 'x = tf.placeholder(tf.float32, [None, 4])', 'tf.argmax(x, dimension=1)'),
    ('argmax_default_axis', 'x = tf.placeholder(tf.float32, [5, 4])', 'tf.argmax(x)'),
    ('math_argmax', 'x = tf.placeholder(tf.float32, [5, 4])', 'tf.math.argmax(x, axis=1)'),
    ('moments_keep', 'x = tf.placeholder(tf.float32, [None, 4, 3])', 'tf.nn.moments(x, [1], keep_dims=True)'),
    ('nn_moments_unknown_axes', 'x = tf.placeholder(tf.float32, [None, 4, 3])', 'tf.nn.moments(x, axes=[-1])'),
    # transpose (runtime/api.py transpose, matrix_transpose): tf.linalg.transpose swaps the last two dims
    ('transpose_unknown_rank', 'x = tf.placeholder(tf.float32)', 'tf.transpose(x, [1, 0])'),
    ('transpose_tuple_perm', 'x = tf.placeholder(tf.float32, [None, 2, 3, 4])', 'tf.transpose(x, (0, 3, 1, 2))'),
    ('transpose_rank1', 'x = tf.placeholder(tf.float32, [5])', 'tf.transpose(x)'),
    ('matrix_transpose', 'x = tf.placeholder(tf.float32, [None, 2, 3])', 'tf.matrix_transpose(x)'),
    ('linalg_transpose', 'x = tf.placeholder(tf.float32, [7, 2, 3])', 'tf.linalg.transpose(x)'),
    # matmul's batch dims broadcast (tensors.matmul_shape_tensor); tensordot and einsum forms
    ('matmul_batch_broadcast',
     'a = tf.placeholder(tf.float32, [None, 4, 2, 3]); w = tf.placeholder(tf.float32, [3, 5])',
     'tf.matmul(a, w)'),
    ('matmul_batch_broadcast_dims',
     'a = tf.placeholder(tf.float32, [2, 1, 4, 3]); w = tf.placeholder(tf.float32, [6, 3, 5])',
     'tf.matmul(a, w)'),
    ('matmul_adjoint_b', 'a = tf.placeholder(tf.float32, [None, 3]); w = tf.placeholder(tf.float32, [4, 3])',
     'tf.matmul(a, w, adjoint_b=True)'),
    ('matmul_batched_transpose',
     'a = tf.placeholder(tf.float32, [None, 8, 2, 3]); b = tf.placeholder(tf.float32, [None, 8, 5, 3])',
     'tf.matmul(a, b, transpose_b=True)'),
    ('matmul_unknown_rank', 'a = tf.placeholder(tf.float32); w = tf.placeholder(tf.float32, [3, 4])',
     'tf.matmul(a, w)'),
    ('linalg_matmul', 'a = tf.placeholder(tf.float32, [2, 3]); w = tf.placeholder(tf.float32, [3, 4])',
     'tf.linalg.matmul(a, w)'),
    ('batch_matmul_op', 'a = tf.placeholder(tf.float32, [7, 2, 3]); w = tf.placeholder(tf.float32, [7, 3, 4])',
     'a @ w'),
    ('tensordot_zero', 'a = tf.placeholder(tf.float32, [2, 3]); b = tf.placeholder(tf.float32, [4])',
     'tf.tensordot(a, b, 0)'),
    ('tensordot_two', 'a = tf.placeholder(tf.float32, [5, 2, 3]); b = tf.placeholder(tf.float32, [2, 3, 4])',
     'tf.tensordot(a, b, 2)'),
    ('tensordot_axes_pair_ints', 'a = tf.placeholder(tf.float32, [5, 2, 3]); b = tf.placeholder(tf.float32, [3, 4])',
     'tf.tensordot(a, b, axes=[2, 0])'),
    ('tensordot_negative_axes', 'a = tf.placeholder(tf.float32, [None, 2, 3]); b = tf.placeholder(tf.float32, [3, 4])',
     'tf.tensordot(a, b, [[-1], [0]])'),
    ('tensordot_middle', 'a = tf.placeholder(tf.float32, [5, 2, 3]); b = tf.placeholder(tf.float32, [4, 2])',
     'tf.tensordot(a, b, [[1], [1]])'),
    ('einsum_bert_attention',
     'q = tf.placeholder(tf.float32, [None, 7, 4, 8]); k = tf.placeholder(tf.float32, [None, 9, 4, 8])',
     "tf.einsum('BTNH,BFNH->BNFT', k, q)"),
    ('einsum_transpose', 'x = tf.placeholder(tf.float32, [None, 2, 3])', "tf.einsum('bij->bji', x)"),
    ('einsum_trace_like_sum', 'x = tf.placeholder(tf.float32, [None, 5])', "tf.einsum('bi->b', x)"),
    ('einsum_outer', 'a = tf.placeholder(tf.float32, [3]); b = tf.placeholder(tf.float32, [4])',
     "tf.einsum('i,j->ij', a, b)"),
    ('einsum_spaces', 'a = tf.placeholder(tf.float32, [5, 7]); b = tf.placeholder(tf.float32, [7, 4])',
     "tf.einsum('ij, jk -> ik', a, b)"),
    ('einsum_ellipsis_project',
     'x = tf.placeholder(tf.float32, [None, 6, 8]); w = tf.placeholder(tf.float32, [8, 4, 2])',
     "tf.einsum('...d,dnh->...nh', x, w)"),
    ('einsum_ellipsis_unknown_rank', 'x = tf.placeholder(tf.float32); w = tf.placeholder(tf.float32, [8, 4])',
     "tf.einsum('...d,dh->...h', x, w)"),
    ('einsum_broadcast_one', 'a = tf.placeholder(tf.float32, [1, 5, 7]); b = tf.placeholder(tf.float32, [None, 7, 4])',
     "tf.einsum('bij,bjk->bik', a, b)"),
]


def program() -> str:
    """The one program the runtime and TF both run over CASES."""
    lines = ["import json", "import os", "import tensorflow.compat.v1 as tf", "",
             "tf.disable_v2_behavior()", "",
             "",
             "def describe(value):",
             "    if isinstance(value, (list, tuple)):",
             "        return [describe(item) for item in value]",
             "    if hasattr(value, 'get_shape') and hasattr(value, 'dtype'):",
             "        shape = value.get_shape()",
             "        dims = None if shape.ndims is None else shape.as_list()",
             "        return {'shape': dims, 'dtype': value.dtype.base_dtype.name}",
             "    if hasattr(value, 'as_list') and hasattr(value, 'ndims'):",
             "        return {'tensor_shape': None if value.ndims is None else value.as_list()}",
             "    if type(value).__name__ == 'Dimension':",
             "        return {'dimension': value.value}",
             "    return {'value': value}",
             "",
             "",
             "results = {}"]
    for case_id, setup, expression in CASES:
        lines += ["", "tf.reset_default_graph()", "try:"]
        lines += ["    " + statement.strip() for statement in setup.split(";") if statement.strip()]
        lines += ["    results[%r] = describe(%s)" % (case_id, expression),
                  "except Exception as exc:  # noqa: BLE001 - recorded, the table must have none",
                  "    results[%r] = {'error': type(exc).__name__ + ': ' + str(exc)[:200]}" % case_id]
    lines += ["", "with open(os.environ[%r], 'w') as out:" % OUT_VARIABLE,
              "    json.dump(results, out, indent=1, sort_keys=True)", ""]
    return "\n".join(lines)


def run_program(python: Optional[str] = None) -> Dict[str, Any]:
    """The results of program(): under the reference runtime, or under `python` (one that has
    TensorFlow) in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        path, out = os.path.join(tmp, "shape_ops.py"), os.path.join(tmp, "shapes.json")
        with open(path, "w") as handle:
            handle.write(program())
        if python is None:
            from scopelint.runtime import run_file

            saved = os.environ.get(OUT_VARIABLE)
            os.environ[OUT_VARIABLE] = out
            try:
                observed = run_file(path)
            finally:
                if saved is None:
                    del os.environ[OUT_VARIABLE]
                else:
                    os.environ[OUT_VARIABLE] = saved
            if observed["exception"] is not None or observed["diagnostics"]:
                raise RuntimeError("the shape-ops program failed on the runtime: %s %s"
                                   % (observed["exception"], observed["diagnostics"]))
        else:
            env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", TF_USE_LEGACY_KERAS="1", **{OUT_VARIABLE: out})
            subprocess.run([python, path], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        with open(out) as handle:
            results: Dict[str, Any] = json.load(handle)
    return results
