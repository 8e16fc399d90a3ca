"""scopelint.checkpoint against checkpoints real TF wrote (tests/checkpoints/, made by
tools/make_test_checkpoints.py, which also recorded what tf.train.list_variables and the dtype
map returned for each): no TensorFlow needed here."""

from __future__ import annotations

import json
import os
import shutil
import struct
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import pytest

from scopelint.checkpoint import (CheckpointEntry, CheckpointError, crc32c, masked_crc32c, read_checkpoint,
                                  read_name_list)

CHECKPOINTS = Path(__file__).resolve().parent / "checkpoints"
SAVER = CHECKPOINTS / "saver" / "model.ckpt-1000"
OBJECT = CHECKPOINTS / "object" / "ckpt-1"
PREFIXES = [SAVER, OBJECT]


def expected(prefix: Path) -> List[Tuple[str, str, Tuple[int, ...]]]:
    recorded: Dict[str, Any] = json.loads(Path(str(prefix) + ".json").read_text(encoding="utf-8"))
    return [(name, recorded["dtypes"][name], tuple(shape)) for name, shape in recorded["list_variables"]]


def observed(entries: Sequence[CheckpointEntry]) -> List[Tuple[str, Any, Any]]:
    return [(e.name, e.dtype, e.shape) for e in entries]


@pytest.mark.parametrize("prefix", PREFIXES, ids=[p.parent.name for p in PREFIXES])
def test_agrees_with_list_variables(prefix: Path) -> None:
    assert observed(read_checkpoint(str(prefix))) == expected(prefix)


@pytest.mark.parametrize("prefix", PREFIXES, ids=[p.parent.name for p in PREFIXES])
def test_index_path_and_directory_forms(prefix: Path) -> None:
    whole = read_checkpoint(str(prefix))
    assert read_checkpoint(str(prefix) + ".index") == whole
    assert read_checkpoint(str(prefix.parent)) == whole
    assert read_checkpoint(prefix.parent) == whole  # type: ignore[arg-type]  # a Path works too


def test_saver_checkpoint_details() -> None:
    entries = {e.name: e for e in read_checkpoint(str(SAVER))}
    assert "" not in entries
    sliced = sorted(name for name, e in entries.items() if e.sliced)
    assert sliced == ["generator/embedding", "generator/embedding/Adam", "generator/embedding/Adam_1"]
    assert entries["generator/embedding"] == CheckpointEntry("generator/embedding", "float32", (5, 2), True)
    assert entries["global_step"] == CheckpointEntry("global_step", "int64", ())
    assert entries["discriminator/vocab"].dtype == "string"
    assert entries["discriminator/half"].dtype == "float16"
    assert not any("part_" in name for name in entries)


def test_directory_with_an_absolute_path_from_another_machine(tmp_path: Path) -> None:
    shutil.copy(str(SAVER) + ".index", tmp_path / "model.ckpt-1000.index")
    (tmp_path / "checkpoint").write_text('model_checkpoint_path: "/elsewhere/run7/model.ckpt-1000"\n'
                                         'all_model_checkpoint_paths: "/elsewhere/run7/model.ckpt-1000"\n')
    assert read_checkpoint(str(tmp_path)) == read_checkpoint(str(SAVER))


def test_directory_names_the_latest(tmp_path: Path) -> None:
    shutil.copy(str(SAVER) + ".index", tmp_path / "model.ckpt-1000.index")
    shutil.copy(str(OBJECT) + ".index", tmp_path / "model.ckpt-2000.index")
    (tmp_path / "checkpoint").write_text('model_checkpoint_path: "model.ckpt-2000"\n'
                                         'all_model_checkpoint_paths: "model.ckpt-1000"\n'
                                         'all_model_checkpoint_paths: "model.ckpt-2000"\n')
    assert read_checkpoint(str(tmp_path)) == read_checkpoint(str(OBJECT))


def test_data_file_path_is_accepted(tmp_path: Path) -> None:
    shutil.copy(str(SAVER) + ".index", tmp_path / "m.index")
    (tmp_path / "m.data-00000-of-00001").write_bytes(b"")
    assert read_checkpoint(str(tmp_path / "m.data-00000-of-00001")) == read_checkpoint(str(SAVER))


def test_crc32c() -> None:
    assert crc32c(b"123456789") == 0xE3069283  # the standard check value
    assert masked_crc32c(b"") == 0xA282EAD8


def one_line_error(path: Any) -> str:
    with pytest.raises(CheckpointError) as info:
        read_checkpoint(str(path))
    message = str(info.value)
    assert "\n" not in message and message
    return message


def corrupt_copy(tmp_path: Path, change: Any) -> Path:
    data = bytearray((Path(str(SAVER) + ".index")).read_bytes())
    data = change(data)
    target = tmp_path / "bad.index"
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("cut", [0, 10, 47, 48, 100, -1, -5, -48, -49])
def test_truncated(tmp_path: Path, cut: int) -> None:
    path = corrupt_copy(tmp_path, lambda d: d[:cut])
    assert "bad.index" in one_line_error(path)


def test_bad_magic(tmp_path: Path) -> None:
    path = corrupt_copy(tmp_path, lambda d: d[:-1] + b"\x00")
    assert "magic" in one_line_error(path)


def test_every_flipped_byte_is_an_error_or_harmless(tmp_path: Path) -> None:
    """A flipped byte anywhere: CheckpointError, never another exception; in a block, the crc catches it."""
    original = bytearray(Path(str(SAVER) + ".index").read_bytes())
    whole = read_checkpoint(str(SAVER))
    target = tmp_path / "bad.index"
    unnoticed: List[int] = []
    for i in range(len(original)):
        data = bytearray(original)
        data[i] ^= 0x20
        target.write_bytes(bytes(data))
        try:
            entries = read_checkpoint(str(target))
        except CheckpointError as exc:
            assert "\n" not in str(exc)
            continue
        # unnoticed only where nothing is read from: the metaindex block (as in TF), the footer's padding
        assert entries == whole, i
        unnoticed.append(i)
    assert len(unnoticed) < 80, unnoticed


def test_flipped_byte_in_a_block_fails_the_crc(tmp_path: Path) -> None:
    path = corrupt_copy(tmp_path, lambda d: d[:20] + bytes([d[20] ^ 1]) + d[21:])
    assert "crc32c" in one_line_error(path)


def test_not_a_checkpoint(tmp_path: Path) -> None:
    assert "no such checkpoint" in one_line_error(tmp_path / "missing")
    v1 = tmp_path / "model.ckpt"
    v1.write_bytes(b"old V1 checkpoint")
    assert "not a TensorFlow V2 checkpoint" in one_line_error(v1)
    text = tmp_path / "notes.index"
    text.write_text("hello, this is not a table\n" * 10)
    assert "magic" in one_line_error(text)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "checkpoint" in one_line_error(empty)
    (empty / "checkpoint").write_text("garbage\n")
    assert "model_checkpoint_path" in one_line_error(empty)


# --- a synthetic table: several data blocks, restarts, unknown proto fields -------------------

def varint(n: int) -> bytes:
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field(number: int, wire: int, payload: bytes) -> bytes:
    return varint(number << 3 | wire) + payload


def bundle_entry(dtype: int, shape: Sequence[int], unknown_rank: bool = False) -> bytes:
    dims = b"".join(field(2, 2, varint(len(d)) + d) for d in (field(1, 0, varint(n)) for n in shape))
    shape_proto = dims + (field(3, 0, varint(1)) if unknown_rank else b"")
    return (field(1, 0, varint(dtype)) + field(2, 2, varint(len(shape_proto)) + shape_proto)
            + field(4, 0, varint(123)) + field(5, 0, varint(456)) + field(6, 5, struct.pack("<I", 7))
            + field(99, 1, b"\x01" * 8) + field(98, 2, varint(3) + b"abc"))  # unknown fields are skipped


def block(entries: Sequence[Tuple[bytes, bytes]], restart_interval: int = 3) -> bytes:
    out = bytearray()
    restarts: List[int] = []
    previous = b""
    for i, (key, value) in enumerate(entries):
        shared = 0
        if i % restart_interval == 0:
            restarts.append(len(out))
        else:
            while shared < min(len(key), len(previous)) and key[shared] == previous[shared]:
                shared += 1
        out += varint(shared) + varint(len(key) - shared) + varint(len(value)) + key[shared:] + value
        previous = key
    for r in restarts or [0]:
        out += struct.pack("<I", r)
    out += struct.pack("<I", len(restarts or [0]))
    return bytes(out)


def table(blocks: Sequence[Sequence[Tuple[bytes, bytes]]], compression: int = 0) -> bytes:
    out = bytearray()

    def put(contents: bytes) -> bytes:
        handle = varint(len(out)) + varint(len(contents))
        out.extend(contents + bytes([compression]) + struct.pack("<I", masked_crc32c(contents + bytes([compression]))))
        return handle

    index = [(entries[-1][0], put(block(entries))) for entries in blocks]
    meta = put(block([]))
    index_handle = put(block(index, 1))
    footer = meta + index_handle
    out += footer + b"\x00" * (40 - len(footer)) + struct.pack("<Q", 0xDB4775248B80FB57)
    return bytes(out)


def test_synthetic_multi_block_table(tmp_path: Path) -> None:
    names = ["scope/layer_%02d/%s" % (i, part) for i in range(12) for part in ("bias", "kernel")]
    header = (b"", field(1, 0, varint(1)))
    entries = [(n.encode(), bundle_entry(1 + i % 3, [i + 1, 2])) for i, n in enumerate(names)]
    entries.append((b"zz/unknown", bundle_entry(7, [], unknown_rank=True)))
    entries.append((b"zz/weird", bundle_entry(1000, [])))
    entries.append(("zz/\u00e9t\u00e9".encode(), bundle_entry(19, [-1])))
    everything = [header] + entries
    path = tmp_path / "synthetic.index"
    path.write_bytes(table([everything[:5], everything[5:17], everything[17:]]))
    got = read_checkpoint(str(tmp_path / "synthetic"))
    want: List[Tuple[str, Any, Any]] = [(n, ["float32", "float64", "int32"][i % 3], (i + 1, 2))
                                        for i, n in enumerate(names)]
    want += [("zz/unknown", "string", None), ("zz/weird", None, ()), ("zz/\u00e9t\u00e9", "float16", (-1,))]
    assert observed(got) == want


def test_snappy_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "s.index").write_bytes(table([[(b"a", bundle_entry(1, [2]))]], compression=1))
    assert "snappy" in one_line_error(tmp_path / "s")


# --- name lists -----------------------------------------------------------------------------------

def test_name_list_forms(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    path.write_text("\n".join([
        "# variables of the production model",
        "",
        "generator/dense/kernel",
        "generator/dense/bias [4]",
        "generator/conv/w (3, 3, 1, 8)   # a comment",
        "generator/conv/b 8",
        "d/w 3,4",
        "d/b float32 [4]",
        "d/h\tfloat16\t(2, 3)",
        "global_step int64 []",
        "d/v:0 tf.string (2,)",
        "d/x [2, 3] float64",
        "('beta1_power', [])",
        "('beta2_power', [])",
        "('embedding', [5, 2]),",
        "[('a/b', [1]), ('a/c', [])]",
    ]) + "\n")
    assert read_name_list(str(path)) == [
        CheckpointEntry("generator/dense/kernel", None, None),
        CheckpointEntry("generator/dense/bias", None, (4,)),
        CheckpointEntry("generator/conv/w", None, (3, 3, 1, 8)),
        CheckpointEntry("generator/conv/b", None, (8,)),
        CheckpointEntry("d/w", None, (3, 4)),
        CheckpointEntry("d/b", "float32", (4,)),
        CheckpointEntry("d/h", "float16", (2, 3)),
        CheckpointEntry("global_step", "int64", ()),
        CheckpointEntry("d/v", "string", (2,)),
        CheckpointEntry("d/x", "float64", (2, 3)),
        CheckpointEntry("beta1_power", None, ()),
        CheckpointEntry("beta2_power", None, ()),
        CheckpointEntry("embedding", None, (5, 2)),
        CheckpointEntry("a/b", None, (1,)),
        CheckpointEntry("a/c", None, ()),
    ]


def test_name_list_round_trips_a_checkpoint(tmp_path: Path) -> None:
    from scopelint.checkpoint import format_entries

    entries = read_checkpoint(str(SAVER))
    path = tmp_path / "names.txt"
    path.write_text(format_entries(entries))
    assert read_name_list(str(path)) == [CheckpointEntry(e.name, e.dtype, e.shape) for e in entries]


@pytest.mark.parametrize("line", ["w [3, 4", "w (3, 4]", "w three", "w float32 int32 [1]", "('w', 'x', 'y')"])
def test_name_list_errors(tmp_path: Path, line: str) -> None:
    path = tmp_path / "names.txt"
    path.write_text("ok [1]\n" + line + "\n")
    with pytest.raises(CheckpointError) as info:
        read_name_list(str(path))
    assert str(info.value).startswith(str(path) + ":2:") and "\n" not in str(info.value)


def test_name_list_unreadable(tmp_path: Path) -> None:
    with pytest.raises(CheckpointError, match="cannot read"):
        read_name_list(str(tmp_path / "missing.txt"))
    binary = tmp_path / "model.index"
    binary.write_bytes(Path(str(SAVER) + ".index").read_bytes())
    with pytest.raises(CheckpointError):
        read_name_list(str(binary))


def test_checkpoints_stay_tiny() -> None:
    total = sum(f.stat().st_size for f in CHECKPOINTS.rglob("*") if f.is_file())
    assert total < 200_000
    assert not [f for f in CHECKPOINTS.rglob("*.data-*")]
    assert os.path.isfile(CHECKPOINTS / "saver" / "checkpoint")
