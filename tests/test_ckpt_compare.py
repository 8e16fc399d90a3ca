"""`scopelint ckpt`'s comparison, on inventories and checkpoint listings given as data: what
makes a restore fail, the likely counterpart of a missing variable, partly known names."""

from __future__ import annotations

from scopelint.api import InventoryEntry
from scopelint.checkpoint import CheckpointEntry
from scopelint.ckpt import compare, expected_variables


def var(name: str, shape: tuple = (3, 4), certain: bool = True, entry: object = None) -> InventoryEntry:
    return InventoryEntry(name, shape, "float32", 7, certain, entry, key=name[:-2])  # type: ignore[arg-type]


def key(name: str, shape: tuple = (3, 4), dtype: str = "float32") -> CheckpointEntry:
    return CheckpointEntry(name, dtype, shape)


def test_a_restore_succeeds_when_every_variable_is_there() -> None:
    result = compare(expected_variables([var("gen/w:0"), var("gen/b:0", (4,))]),
                     [key("gen/b", (4,)), key("gen/w"), key("gen/w/Adam"), key("global_step", (), "int64")])
    assert not result.restore_fails and len(result.matched) == 2
    assert [e.name for e in result.slots] == ["gen/w/Adam", "global_step"] and not result.unused


def test_missing_variables_get_their_counterpart_and_an_assignment_map() -> None:
    code = expected_variables([var("gen/w:0"), var("disc/w:0"), var("enc/dense/kernel:0"), var("d/w:0", (5,))])
    checkpoint = [key("model/gen/w"), key("disc_1/w"), key("encoder/dense/kernel"), key("dd/w", (6,))]
    result = compare(code, checkpoint)
    assert result.restore_fails
    how = {v.name: (g.name if g else None, h) for v, g, h in result.missing}
    assert how["gen/w"][0] == "model/gen/w" and "prefix" in how["gen/w"][1]
    assert how["disc/w"][0] == "disc_1/w" and "_1" in how["disc/w"][1]
    assert how["enc/dense/kernel"][0] == "encoder/dense/kernel" and "renamed" in how["enc/dense/kernel"][1]
    assert how["d/w"][0] is None  # another shape: not its counterpart
    assert result.assignment_map() == {"model/gen/w": "gen/w", "disc_1/w": "disc/w",
                                       "encoder/dense/kernel": "enc/dense/kernel"}


def test_shape_and_dtype_mismatches_fail_the_restore() -> None:
    result = compare(expected_variables([var("w:0", (3, 4))]), [key("w", (3, 5), "float16")])
    assert result.restore_fails
    assert result.mismatched[0][2] == "shape (3, 4) in the code, (3, 5) in the checkpoint; dtype float32 in the " \
                                      "code, float16 in the checkpoint"


def test_partly_known_names_and_some_paths_are_never_missing() -> None:
    code = expected_variables([var("layer_?/w:0"), var("maybe/w:0", certain=False)])
    result = compare(code, [key("layer_0/w"), key("other")])
    assert not result.restore_fails
    assert [v.name for v in result.uncertain] == ["maybe/w"] and [e.name for e in result.unused] == ["other"]


def test_partitioned_parts_are_one_checkpoint_key() -> None:
    code = expected_variables([var("emb/part_0:0", (5, 8)), var("emb/part_1:0", (5, 8))])
    assert [(e.name, e.shape) for e in code] == [("emb", (10, 8))]
    assert not compare(code, [CheckpointEntry("emb", "float32", (10, 8), sliced=True)]).restore_fails


def test_entry_picks_the_unit() -> None:
    inventory = [var("a:0"), var("b:0", entry="build")]
    assert [e.name for e in expected_variables(inventory)] == ["a"]
    assert [e.name for e in expected_variables(inventory, "build")] == ["b"]
