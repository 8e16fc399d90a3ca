"""Dimensions the analysis lost (shapes.LOST): what the core and the runtime's shape functions
decide with them. No concrete run (runtime or TF) makes one, so they are pinned here."""

from __future__ import annotations

import pytest

from scopelint.runtime.tensors import broadcast, conv_output, reshape_shape
from scopelint.semantics.errors import ShapeMismatchError
from scopelint.semantics.graph import GraphState
from scopelint.semantics.shapes import LOST, Dimension, TensorShape, from_json, to_json


def test_a_lost_dim_absorbs_arithmetic_and_refuses_decisions() -> None:
    assert LOST * 3 is LOST and 2 + LOST is LOST and LOST // 2 is LOST
    for decide in (lambda: LOST == 3, lambda: bool(LOST), lambda: int(LOST), lambda: LOST < 3, lambda: 3 in [LOST]):
        with pytest.raises(TypeError):
            decide()
    assert (Dimension(LOST) * 2).value is LOST and (Dimension(LOST) + None).value is None
    with pytest.raises(TypeError):
        Dimension(LOST) == 4  # noqa: B015 - the comparison is the point


def test_shapes_with_lost_dims_print_compare_and_merge() -> None:
    shape = TensorShape([LOST, 4])
    assert str(shape) == "(?, 4)" and str(TensorShape([None, 4])) == "(None, 4)"
    assert to_json(shape) == ["?", 4] and from_json(["?", 4]) == shape
    assert shape.is_fully_defined() and shape.num_elements() is LOST
    assert shape.is_compatible_with([7, 4]) and not shape.is_compatible_with([7, 5])
    assert not shape.is_compatible_with([LOST])  # the rank is known
    assert shape.merge_with([7, None]).as_list() == [7, 4]
    assert shape == TensorShape([LOST, 4]) and shape != TensorShape([7, 4])  # the same facts, not values


def test_shape_functions_keep_what_does_not_depend_on_a_lost_dim() -> None:
    assert broadcast(TensorShape([LOST, 4]), TensorShape([3, 1])).as_list() == [3, 4]
    assert broadcast(TensorShape([LOST]), TensorShape([1])).as_list() == [LOST]
    assert conv_output(LOST, 3, 1, "VALID") is LOST and conv_output(8, LOST, 2, "SAME") == 4
    assert reshape_shape(TensorShape([2, LOST, 3]), [-1, 3]).as_list() == [LOST, 3]
    assert reshape_shape(TensorShape([2, 6]), [LOST, -1]).as_list() == [LOST, LOST]
    assert reshape_shape(TensorShape([None, 6]), [-1, LOST]).as_list() == [None, LOST]


def test_sharing_with_a_lost_dim_is_a_mismatch_only_on_dims_both_know() -> None:
    """A lost dim that may match is never a certain mismatch; known dims that differ are one,
    whatever the lost dim is (TF raises), printed with `?` where TF prints the number."""
    graph = GraphState()
    graph.get_variable("v", [LOST, 4])
    token = graph.enter_variable_scope("", reuse=True)
    shared = graph.get_variable("v", [7, 4])  # TF compares 7 with the dim the analysis lost
    assert shared.shape == TensorShape([LOST, 4])
    errors = [e for e in graph.events if hasattr(e, "code")]
    assert [(e.code, e.certain) for e in errors] == [("SL103", False)]
    assert graph.events[-1].certain is False  # the share itself
    with pytest.raises(ShapeMismatchError, match=r"specified shape \(7, 5\) and found shape \(\?, 4\)"):
        graph.get_variable("v", [7, 5])
    graph.exit_variable_scope(token)
