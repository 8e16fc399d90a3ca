"""The variables a TensorFlow checkpoint holds (names, dtypes, shapes), read without TensorFlow.

A V2 checkpoint (what `tf.train.Saver` and `tf.train.Checkpoint` write) is `PREFIX.index` plus
`PREFIX.data-NNNNN-of-NNNNN`; the names, dtypes and shapes are all in the index, which is a
LevelDB-style table (TF's tensorflow/core/lib/io/table.cc, block.cc, format.cc):

    [data block][trailer] ... [metaindex block][trailer][index block][trailer][footer]

- footer (48 bytes): the metaindex and index BlockHandles (varint64 offset, varint64 size),
  zero padding to 40 bytes, then the magic 0xdb4775248b80fb57 (little-endian);
- trailer (5 bytes): the block's compression type (0 none; 1 snappy, which TF does not use for
  index tables) and the masked crc32c of the block and that type byte;
- block: entries (varint32 shared, non_shared, value_length; key delta; value), then the
  restart offsets (fixed32 each) and their count (fixed32);
- the index block maps a separator key to the BlockHandle of a data block; in the data blocks
  the key "" holds the BundleHeaderProto, every other key is a tensor name whose value is a
  BundleEntryProto (tensorflow/core/protobuf/tensor_bundle.proto), except the keys of a
  partitioned variable's slices (an OrderedCode beginning with a 0 byte), which TF's
  `list_variables` leaves out: the variable is listed under its full name and full shape.

`read_name_list` reads the same information from a plain text list, for checkpoints that
cannot be copied to where scopelint runs.
"""

from __future__ import annotations

import ast
import os
import re
import struct
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

__all__ = ["CheckpointEntry", "CheckpointError", "read_checkpoint", "read_name_list", "DTYPES"]


@dataclass(frozen=True)
class CheckpointEntry:
    name: str  # "generator/dense/kernel" (no ":0")
    dtype: Optional[str]  # "float32", ... (None for an unknown enum value, or not given in a name list)
    shape: Optional[Tuple[int, ...]]  # None when unknown rank (or not given in a name list)
    sliced: bool = False  # written as slices (a partitioned variable saved whole under its full name)


class CheckpointError(Exception):
    """Not a checkpoint, corrupt, or unreadable; the message is one line."""


# tensorflow/core/framework/types.proto: DataType -> tf.DType.name
DTYPES: Dict[int, str] = {
    1: "float32", 2: "float64", 3: "int32", 4: "uint8", 5: "int16", 6: "int8", 7: "string",
    8: "complex64", 9: "int64", 10: "bool", 11: "qint8", 12: "quint8", 13: "qint32", 14: "bfloat16",
    15: "qint16", 16: "quint16", 17: "uint16", 18: "complex128", 19: "float16", 20: "resource",
    21: "variant", 22: "uint32", 23: "uint64", 24: "float8_e5m2", 25: "float8_e4m3fn",
    26: "float8_e4m3fnuz", 27: "float8_e4m3b11fnuz", 28: "float8_e5m2fnuz", 29: "int4", 30: "uint4",
    31: "int2", 32: "uint2", 33: "float4_e2m1fn",
}
_REF = 100  # DT_FLOAT_REF = 101, ...: the same type as a reference

TABLE_MAGIC = 0xDB4775248B80FB57
FOOTER_SIZE = 48
BLOCK_TRAILER_SIZE = 5
_U32 = 0xFFFFFFFF
_U64 = 0xFFFFFFFFFFFFFFFF


class _Corrupt(Exception):
    """Internal: what is wrong with the table; read_checkpoint adds the file's name."""


# --- crc32c (Castagnoli), as TF's crc32c::Value and Mask -------------------------------------

def _crc32c_table() -> List[int]:
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc32c_table()


def crc32c(data: bytes, crc: int = 0) -> int:
    table = _CRC_TABLE
    crc ^= _U32
    for byte in data:
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ _U32


def masked_crc32c(data: bytes) -> int:
    crc = crc32c(data)
    return ((((crc >> 15) | (crc << 17)) & _U32) + 0xA282EAD8) & _U32


# --- varints and the protobuf wire format -----------------------------------------------------

def _varint(data: bytes, pos: int, limit: int, bits: int = 64) -> Tuple[int, int]:
    """(value, position after it). A varint longer than `bits` allows, or cut off at `limit`, is corrupt."""
    result = 0
    shift = 0
    while True:
        if pos >= limit:
            raise _Corrupt("a varint runs past the end of its data")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
        shift += 7
        if shift >= (35 if bits == 32 else 70):  # 5 or 10 bytes at most
            raise _Corrupt("a varint is too long")
    return result & (_U32 if bits == 32 else _U64), pos


def _signed64(value: int) -> int:
    return value - (1 << 64) if value & (1 << 63) else value


# A decoded message: field number -> the values (ints for varint/fixed fields, bytes for
# length-delimited ones), in order.
Message = Dict[int, List[object]]


def decode_message(data: bytes) -> Message:
    """The protobuf wire format, all fields kept by number (unknown ones too; groups are rejected)."""
    fields: Message = {}
    pos, end = 0, len(data)
    while pos < end:
        tag, pos = _varint(data, pos, end)
        number, wire = tag >> 3, tag & 7
        if number == 0:
            raise _Corrupt("a protobuf field has number 0")
        value: object
        if wire == 0:
            value, pos = _varint(data, pos, end)
        elif wire == 1:
            if pos + 8 > end:
                raise _Corrupt("a protobuf fixed64 field runs past the end of its message")
            value = struct.unpack_from("<Q", data, pos)[0]
            pos += 8
        elif wire == 2:
            length, pos = _varint(data, pos, end)
            if pos + length > end:
                raise _Corrupt("a protobuf length-delimited field runs past the end of its message")
            value = bytes(data[pos:pos + length])
            pos += length
        elif wire == 5:
            if pos + 4 > end:
                raise _Corrupt("a protobuf fixed32 field runs past the end of its message")
            value = struct.unpack_from("<I", data, pos)[0]
            pos += 4
        else:
            raise _Corrupt("a protobuf field has wire type %d" % wire)
        fields.setdefault(number, []).append(value)
    return fields


def _last_int(message: Message, number: int, default: int = 0) -> int:
    values = message.get(number)
    if not values:
        return default
    value = values[-1]  # proto3: the last one wins
    if not isinstance(value, int):
        raise _Corrupt("protobuf field %d is not a number" % number)
    return value


def _messages(message: Message, number: int) -> List[Message]:
    result = []
    for value in message.get(number, []):
        if not isinstance(value, bytes):
            raise _Corrupt("protobuf field %d is not a message" % number)
        result.append(decode_message(value))
    return result


def _dtype_name(enum: int) -> Optional[str]:
    if enum > _REF:
        enum -= _REF
    return DTYPES.get(enum)


def _shape(message: Message) -> Optional[Tuple[int, ...]]:
    """TensorShapeProto: dim = 2 (Dim: size = 1), unknown_rank = 3."""
    if _last_int(message, 3):
        return None
    return tuple(_signed64(_last_int(dim, 1)) for dim in _messages(message, 2))


def _entry(name: str, value: bytes) -> CheckpointEntry:
    """BundleEntryProto: dtype = 1, shape = 2, shard_id = 3, offset = 4, size = 5, crc32c = 6, slices = 7."""
    message = decode_message(value)
    shapes = _messages(message, 2)
    shape: Optional[Tuple[int, ...]] = _shape(shapes[-1]) if shapes else ()
    return CheckpointEntry(name, _dtype_name(_last_int(message, 1)), shape, sliced=bool(message.get(7)))


# --- the table ----------------------------------------------------------------------------------

def _handle(data: bytes, pos: int, limit: int) -> Tuple[int, int, int]:
    offset, pos = _varint(data, pos, limit)
    size, pos = _varint(data, pos, limit)
    return offset, size, pos


def _block(data: bytes, offset: int, size: int, what: str) -> bytes:
    end = offset + size
    if end + BLOCK_TRAILER_SIZE > len(data) - FOOTER_SIZE or offset < 0:
        raise _Corrupt("the %s block (offset %d, size %d) lies outside the file" % (what, offset, size))
    contents = bytes(data[offset:end])
    kind = data[end]
    expected = struct.unpack_from("<I", data, end + 1)[0]
    if masked_crc32c(contents + bytes([kind])) != expected:
        raise _Corrupt("the %s block at offset %d fails its crc32c check" % (what, offset))
    if kind == 1:
        raise _Corrupt("the %s block is snappy-compressed, which this reader does not support "
                       "(TensorFlow writes checkpoint indexes uncompressed)" % what)
    if kind != 0:
        raise _Corrupt("the %s block has unknown compression type %d" % (what, kind))
    return contents


def _block_entries(block: bytes, what: str) -> Iterator[Tuple[bytes, bytes]]:
    if len(block) < 4:
        raise _Corrupt("the %s block is too short" % what)
    restarts = struct.unpack_from("<I", block, len(block) - 4)[0]
    if restarts == 0 or (restarts + 1) * 4 > len(block):
        raise _Corrupt("the %s block has a bad restart count (%d)" % (what, restarts))
    limit = len(block) - (restarts + 1) * 4
    pos = 0
    key = b""
    while pos < limit:
        shared, pos = _varint(block, pos, limit, 32)
        non_shared, pos = _varint(block, pos, limit, 32)
        value_length, pos = _varint(block, pos, limit, 32)
        if shared > len(key) or pos + non_shared + value_length > limit:
            raise _Corrupt("an entry of the %s block is corrupt" % what)
        key = key[:shared] + block[pos:pos + non_shared]
        pos += non_shared
        yield key, block[pos:pos + value_length]
        pos += value_length


def read_table(data: bytes) -> Iterator[Tuple[bytes, bytes]]:
    """Every (key, value) of a TF/LevelDB table, in key order."""
    if len(data) < FOOTER_SIZE:
        raise _Corrupt("the file is %d bytes, shorter than a table's %d-byte footer" % (len(data), FOOTER_SIZE))
    footer = len(data) - FOOTER_SIZE
    magic = struct.unpack_from("<Q", data, footer + FOOTER_SIZE - 8)[0]
    if magic != TABLE_MAGIC:
        raise _Corrupt("bad magic number (a truncated file, or not a TensorFlow V2 checkpoint index)")
    _, _, pos = _handle(data, footer, footer + 40)  # the metaindex: nothing in it is needed
    index_offset, index_size, _ = _handle(data, pos, footer + 40)
    index = _block(data, index_offset, index_size, "index")
    previous: Optional[bytes] = None
    for separator, handle in _block_entries(index, "index"):
        offset, size, _ = _handle(handle, 0, len(handle))
        block = _block(data, offset, size, "data")
        for key, value in _block_entries(block, "data"):
            if previous is not None and key <= previous:
                raise _Corrupt("the table's keys are out of order")
            if key > separator:
                raise _Corrupt("a data block holds a key past its index entry")
            previous = key
            yield key, value


def parse_index(data: bytes) -> List[CheckpointEntry]:
    """The tensors of a checkpoint's .index contents, sorted by name (what tf.train.list_variables lists)."""
    entries: List[CheckpointEntry] = []
    for key, value in read_table(data):
        if key == b"":
            continue  # the BundleHeaderProto
        if key.startswith(b"\x00"):
            # A slice of a partitioned variable (checkpoint::EncodeTensorNameSlice: OrderedCode of
            # 0, the name, the rank, each extent): TF lists the variable under its full name only.
            continue
        entries.append(_entry(key.decode("utf-8", "replace"), value))
    entries.sort(key=lambda e: e.name)
    return entries


# --- finding the index --------------------------------------------------------------------------

_STATE_LINE = re.compile(r'^\s*model_checkpoint_path\s*:\s*"((?:[^"\\]|\\.)*)"\s*$', re.M)
_DATA_SUFFIX = re.compile(r"\.data-\d{5}-of-\d{5}$")


def _unescape(text: str) -> str:
    """A text-format proto string's C escapes."""
    try:
        raw = ast.literal_eval('b"' + text + '"')
    except (SyntaxError, ValueError):
        return text
    assert isinstance(raw, bytes)
    return raw.decode("utf-8", "replace")


def _latest_in(directory: str) -> str:
    state = os.path.join(directory, "checkpoint")
    if not os.path.isfile(state):
        indexes = sorted(n for n in os.listdir(directory) if n.endswith(".index"))
        if len(indexes) == 1:
            return os.path.join(directory, indexes[0][:-len(".index")])
        raise CheckpointError("%s: a directory without a `checkpoint` state file%s" % (
            directory, " and with several .index files" if indexes else ""))
    try:
        with open(state, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as exc:
        raise CheckpointError("%s: cannot read: %s" % (state, exc.strerror or exc)) from None
    match = _STATE_LINE.search(text)
    if not match or not match.group(1):
        raise CheckpointError("%s: names no model_checkpoint_path" % state)
    prefix = _unescape(match.group(1))
    if not os.path.isabs(prefix):
        return os.path.join(directory, prefix)
    if not os.path.exists(prefix + ".index"):
        # an absolute path from the machine that wrote it: the directory was copied
        moved = os.path.join(directory, os.path.basename(prefix))
        if os.path.exists(moved + ".index"):
            return moved
    return prefix


def index_path(prefix_or_path: str) -> str:
    """The .index file of a checkpoint given as its prefix, its .index (or a .data) file, or a directory."""
    path = os.fspath(prefix_or_path)
    if os.path.isdir(path):
        path = _latest_in(path)
    if path.endswith(".index") and os.path.isfile(path):
        return path
    data = _DATA_SUFFIX.search(path)
    if data and os.path.isfile(path):
        path = path[:data.start()]
    if os.path.isfile(path + ".index"):
        return path + ".index"
    if os.path.isfile(path):
        raise CheckpointError("%s: not a TensorFlow V2 checkpoint (no %s.index; a V1 checkpoint is one file, "
                              "not supported)" % (path, os.path.basename(path)))
    raise CheckpointError("%s: no such checkpoint (neither %s.index nor a directory exists)"
                          % (path, os.path.basename(path)))


def read_checkpoint(prefix_or_path: str) -> List[CheckpointEntry]:
    """Entries sorted by name, like tf.train.list_variables. Accepts the prefix (`model.ckpt-1000`),
    the `.index` file itself, or a directory holding a `checkpoint` state file (then the
    latest checkpoint it names, model_checkpoint_path, relative to that directory)."""
    index = index_path(prefix_or_path)
    try:
        with open(index, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise CheckpointError("%s: cannot read: %s" % (index, exc.strerror or exc)) from None
    try:
        return parse_index(data)
    except _Corrupt as exc:
        raise CheckpointError("%s: corrupt checkpoint index: %s" % (index, exc)) from None
    except (IndexError, struct.error, ValueError, RecursionError) as exc:  # a case the checks above missed
        raise CheckpointError("%s: corrupt checkpoint index (%s)" % (index, exc)) from None


# --- a plain text list ----------------------------------------------------------------------------

_DTYPE_NAMES = set(DTYPES.values()) | {"half", "float", "double"}
_DTYPE_ALIASES = {"half": "float16", "float": "float32", "double": "float64"}
_DTYPE_TOKEN = re.compile(r"(?<![\w.])(?:tf\.|<dtype:\s*')?([a-z][a-z0-9_]*)(?:'>)?(?![\w])")
_TENSOR_SUFFIX = re.compile(r":\d+$")


def _parse_shape(text: str) -> Optional[Tuple[int, ...]]:
    """`[3, 4]`, `(3, 4)`, `3,4`, `3 4`, `[]`, `()`, `(3,)`; None when `text` is not a shape."""
    text = text.strip()
    if text[:1] in ("[", "("):
        if text[-1:] != {"[": "]", "(": ")"}[text[0]]:
            return None
        text = text[1:-1]
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    if not all(re.fullmatch(r"\d+", t) for t in tokens):
        return None
    return tuple(int(t) for t in tokens)


def _name(text: str) -> str:
    return _TENSOR_SUFFIX.sub("", text.strip())


def _from_literal(value: object) -> Optional[List[CheckpointEntry]]:
    """`('name', [3, 4])`, `('name', 'float32', [3, 4])`, or a list of them (a printed list_variables)."""
    if isinstance(value, list) and all(isinstance(v, tuple) for v in value):
        result: List[CheckpointEntry] = []
        for item in value:
            entries = _from_literal(item)
            if entries is None:
                return None
            result.extend(entries)
        return result
    if not isinstance(value, tuple) or not value or not isinstance(value[0], str):
        return None
    name, rest = value[0], list(value[1:])
    dtype: Optional[str] = None
    shape: Optional[Tuple[int, ...]] = None
    for item in rest:
        if isinstance(item, str) and item.replace("tf.", "") in _DTYPE_NAMES and dtype is None:
            stripped = item.replace("tf.", "")
            dtype = _DTYPE_ALIASES.get(stripped, stripped)
        elif isinstance(item, (list, tuple)) and all(isinstance(d, int) for d in item) and shape is None:
            shape = tuple(int(d) for d in item)
        else:
            return None
    return [CheckpointEntry(_name(name), dtype, shape)]


def _parse_line(line: str) -> Optional[List[CheckpointEntry]]:
    if line.startswith(("(", "[")):
        try:
            value = ast.literal_eval(line)
        except (SyntaxError, ValueError):
            return None
        return _from_literal(value)
    parts = line.split(None, 1)
    name = _name(parts[0])
    if not name:
        return None
    rest = parts[1] if len(parts) > 1 else ""
    dtype: Optional[str] = None
    for match in _DTYPE_TOKEN.finditer(rest):
        if match.group(1) in _DTYPE_NAMES:
            if dtype is not None:
                return None
            dtype = _DTYPE_ALIASES.get(match.group(1), match.group(1))
            rest = rest[:match.start()] + " " + rest[match.end():]
            break
    rest = rest.strip()
    if not rest:
        return [CheckpointEntry(name, dtype, None)]
    shape = _parse_shape(rest)
    if shape is None:
        return None
    return [CheckpointEntry(name, dtype, shape)]


def read_name_list(path: str) -> List[CheckpointEntry]:
    """A plain text list for checkpoints users cannot copy: one variable per line, `name` or
    `name shape` or `name dtype shape`, shape like `[3, 4]` or `(3, 4)` or `3,4`; `#` comments and
    blank lines ignored; what `tf.train.list_variables` printed as Python tuples `('name', [3, 4])` also accepted."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CheckpointError("%s: cannot read: %s" % (path, reason)) from None
    if lines and "\x00" in "".join(lines[:1]):
        raise CheckpointError("%s: a binary file, not a list of variable names" % path)
    entries: List[CheckpointEntry] = []
    for number, raw in enumerate(lines, 1):
        line = _strip_comment(raw).strip().rstrip(",")
        if not line:
            continue
        parsed = _parse_line(line)
        if parsed is None:
            raise CheckpointError("%s:%d: cannot read %r as `name`, `name shape` or `name dtype shape`"
                                  % (path, number, raw.strip()))
        entries.extend(parsed)
    return entries


def _strip_comment(line: str) -> str:
    """Drop a `#` comment (not one inside a quoted name of a Python tuple)."""
    quote: Optional[str] = None
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#":
            return line[:i]
    return line


def format_entries(entries: Sequence[CheckpointEntry]) -> str:
    """The name-list form of `entries` (what read_name_list reads back)."""
    lines = []
    for entry in entries:
        fields = [entry.name]
        if entry.dtype is not None:
            fields.append(entry.dtype)
        if entry.shape is not None:
            fields.append("[%s]" % ", ".join(str(d) for d in entry.shape))
        lines.append(" ".join(fields))
    return "".join(line + "\n" for line in lines)
