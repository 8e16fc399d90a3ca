"""`scopelint diff`'s comparison of two inventories, given as data: what is uncertain rather than
renamed, added or removed."""

from __future__ import annotations

from typing import Optional

from scopelint.ckpt import Expected
from scopelint.diff import diff_unit


def var(name: str, shape: tuple = (3, 4), certain: bool = True, key: Optional[str] = "") -> Expected:
    return Expected(name, shape, "float32", 5, certain and "?" not in name, name if key == "" else key)


def test_a_rename_an_addition_and_a_removal() -> None:
    result = diff_unit("m.py", None, [var("gen/w"), var("old/b", (2,))], [var("g/w"), var("new/b", (5,))])
    assert [(r.old.name, r.new.name) for r in result.renamed] == [("gen/w", "g/w")]
    assert [v.name for v in result.added] == ["new/b"] and [v.name for v in result.removed] == ["old/b"]
    assert result.breaks_restore and result.assignment_map() == {"gen/w": "g/w"}


def test_removals_alone_do_not_break_a_restore() -> None:
    result = diff_unit("m.py", None, [var("a"), var("b", (2,))], [var("a")])
    assert not result.breaks_restore and [v.name for v in result.removed] == ["b"]


def test_partly_known_or_some_paths_names_are_uncertain_on_either_side() -> None:
    old = [var("layer_?/w"), var("maybe/w", (7,), certain=False)]
    new = [var("layer_0/w"), var("other/w", (7,))]  # may be REV's layer_?/w; maybe/w
    result = diff_unit("m.py", None, old, new)
    assert not result.breaks_restore and not result.removed
    assert {v.name for v in result.uncertain} == {"layer_0/w", "other/w", "maybe/w", "layer_?/w"}


def test_an_incomplete_analysis_makes_its_side_uncertain() -> None:
    old, new = [var("a"), var("gone", (2,))], [var("a"), var("b", (5,))]
    assert not diff_unit("m.py", None, old, new, old_complete=False).breaks_restore
    assert not diff_unit("m.py", None, old, new, new_complete=False).removed


def test_two_variables_claiming_one_counterpart_are_added_not_renamed() -> None:
    result = diff_unit("m.py", None, [var("net/w")], [var("a/net/w"), var("b/net/w")])
    assert not result.renamed and {v.name for v in result.added} == {"a/net/w", "b/net/w"}


def test_a_variable_outside_the_store_is_renamed_but_not_mapped() -> None:
    result = diff_unit("m.py", None, [var("old/v", key=None)], [var("new/v", key=None)])
    assert len(result.renamed) == 1 and result.assignment_map() == {}
