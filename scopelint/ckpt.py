"""`scopelint ckpt`: the variables code will create, against what a checkpoint holds.

A restore (`tf.train.Saver().restore`, `init_from_checkpoint`) fails when the code creates a
variable the checkpoint lacks ("Key generator/dense/kernel not found in checkpoint") or holds
with another shape or dtype. This compares the static inventory with a checkpoint's keys and,
for each variable missing, looks for its likely counterpart: the same variable under a prefix
added or dropped, a `_1` suffix, or a renamed scope. Names known only partly (`layer_?/w`) are
matched as patterns and never reported missing; neither are variables created on some paths
only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple, Union

from scopelint.api import InventoryEntry
from scopelint.checkpoint import CheckpointEntry
from scopelint.semantics.shapes import LOST_JSON

# Checkpoint keys that no model code creates by name: optimizer slots and bookkeeping.
_SLOT = re.compile(r"/(Adam(_\d+)?|Momentum|RMSProp(_\d+)?|Adagrad|Adadelta(_\d+)?|Ftrl(_\d+)?"
                   r"|ExponentialMovingAverage)$")
_BOOKKEEPING = re.compile(r"(^|/)(global_step|beta1_power|beta2_power)(_\d+)?$")
# `emb/part_1` and its optimizer slot `emb/part_1/Adam`: saved whole as `emb` and `emb/Adam`.
_PART = re.compile(r"^(?P<base>.*?)/part_(?P<index>\d+)(?P<rest>/.*)?$")


@dataclass(frozen=True)
class Expected:
    """A variable the code creates, as a checkpoint names it (no `:0`; partitioned parts joined)."""

    name: str
    shape: Optional[Tuple[Union[int, None, str], ...]]  # a dim "?": one the analysis lost
    dtype: Optional[str]
    line: int
    certain: bool  # created on every path, and its whole name is known
    key: Optional[str] = None  # what init_from_checkpoint finds it by (the variable store's key); None: not there

    @property
    def pattern(self) -> "re.Pattern[str]":
        return re.compile("^" + ".*".join(re.escape(part) for part in self.name.split("?")) + "$")


@dataclass
class Comparison:
    matched: List[Tuple[Expected, CheckpointEntry]] = field(default_factory=list)
    missing: List[Tuple[Expected, Optional[CheckpointEntry], str]] = field(default_factory=list)  # (var, guess, how)
    mismatched: List[Tuple[Expected, CheckpointEntry, str]] = field(default_factory=list)
    uncertain: List[Expected] = field(default_factory=list)  # partly known or on some paths, not found
    unused: List[CheckpointEntry] = field(default_factory=list)  # keys nothing creates
    slots: List[CheckpointEntry] = field(default_factory=list)  # optimizer slots, global step

    @property
    def restore_fails(self) -> bool:
        return bool(self.missing or self.mismatched)

    def assignment_map(self) -> Dict[str, str]:
        """For tf.train.init_from_checkpoint: checkpoint name -> the code's name, for each
        missing variable with a counterpart."""
        return assignment_map((guess.name, var) for var, guess, _ in self.missing if guess is not None)

    def as_json(self) -> Dict[str, Any]:
        var = expected_json

        def key(e: CheckpointEntry) -> Dict[str, Any]:
            return {"name": e.name, "shape": list(e.shape) if e.shape is not None else None, "dtype": e.dtype}

        return {
            "restore_fails": self.restore_fails,
            "matched": len(self.matched),
            "missing": [dict(var(v), counterpart=key(g) if g else None, how=how) for v, g, how in self.missing],
            "mismatched": [dict(var(v), checkpoint=key(e), problem=p) for v, e, p in self.mismatched],
            "uncertain": [var(v) for v in self.uncertain],
            "unused": [key(e) for e in self.unused],
            "slots": [key(e) for e in self.slots],
            "assignment_map": self.assignment_map(),
        }


def assignment_map(pairs: Iterable[Tuple[str, Expected]]) -> Dict[str, str]:
    """tf.train.init_from_checkpoint's map: checkpoint key -> the variable's store key (it looks
    names up in the variable store: an optimizer slot's key ends in `/`). A variable outside the
    store (made by tf.Variable) is left out: only tf.train.Saver({key: variable}) restores it."""
    return {old: var.key for old, var in pairs if var.key is not None}


def expected_json(var: Expected) -> Dict[str, Any]:
    return {"name": var.name, "shape": list(var.shape) if var.shape is not None else None, "dtype": var.dtype,
            "line": var.line}


def describe(var: Expected) -> str:
    """`gen/dense/kernel (3, 4) float32`"""
    return "%s %s %s" % (var.name, _shape(var.shape), var.dtype or "?")


def expected_variables(inventory: Sequence[InventoryEntry], entry: Optional[str] = None) -> List[Expected]:
    """The inventory of one unit (the module body, or the entry point `entry`), as checkpoint
    keys: `:0` dropped, the parts of a partitioned variable joined into one (TF saves it whole,
    as slices). Local variables are left out: tf.train.Saver() saves GLOBAL_VARIABLES only;
    a variable whose collections are unknown is uncertain."""
    chosen = [v for v in inventory if v.entry == entry and v.saved is not False]
    out: List[Expected] = []
    parts: Dict[str, List[InventoryEntry]] = {}
    for item in chosen:
        name = item.name[:-2] if item.name.endswith(":0") else item.name
        match = _PART.match(name)
        if match and "?" not in match.group("base"):
            parts.setdefault(match.group("base") + (match.group("rest") or ""), []).append(item)
            continue
        out.append(Expected(name, item.shape, item.dtype, item.line, _certain(item) and "?" not in name, item.key))
    for base, items in parts.items():
        # init_from_checkpoint finds a partitioned variable's parts by its full name
        key = base if all(i.key is not None for i in items) else None
        out.append(Expected(base, _joined_shape([i.shape for i in items]), items[0].dtype, items[0].line,
                            all(_certain(i) for i in items), key))
    return out


def _certain(item: InventoryEntry) -> bool:
    return item.certain and item.saved is True


def _joined_shape(shapes: List[Optional[Tuple[Union[int, None, str], ...]]]) -> Optional[Tuple[Any, ...]]:
    """The full shape of a partitioned variable from its parts' shapes (joined on the one axis
    they differ on, or the first, as fixed_size_partitioner splits)."""
    if any(s is None for s in shapes) or len({len(s) for s in shapes if s is not None}) != 1:
        return None
    known = [s for s in shapes if s is not None]
    rank = len(known[0])
    if rank == 0:
        return None
    axes = [a for a in range(rank) if len({s[a] for s in known}) > 1]
    axis = axes[0] if len(axes) == 1 else 0
    if any(s[axis] is None for s in known):
        return None
    return tuple(sum(s[axis] for s in known) if a == axis else known[0][a] for a in range(rank))


def compare(expected: Sequence[Expected], checkpoint: Sequence[CheckpointEntry]) -> Comparison:
    result = Comparison()
    by_name = {e.name: e for e in checkpoint}
    used: Set[str] = set()
    # Keys the code restores by name: never another variable's counterpart. A key whose namesake
    # now has another shape can be (a layer shifted to `dense_1`, a new `dense` in its place).
    restored = {v.name for v in expected if v.name in by_name and not _mismatch(v, by_name[v.name])}
    for var in expected:
        if "?" in var.name:
            found = [e for e in checkpoint if var.pattern.match(e.name)]
            if found:
                used.update(e.name for e in found)
            else:
                result.uncertain.append(var)
            continue
        entry = by_name.get(var.name)
        if entry is None:
            if var.certain:
                guess, how = _counterpart(var, checkpoint, restored)
                result.missing.append((var, guess, how))
            else:
                result.uncertain.append(var)
            continue
        used.add(entry.name)
        problem = _mismatch(var, entry)
        if problem and var.certain:
            result.mismatched.append((var, entry, problem))
        else:
            result.matched.append((var, entry))
    for entry in checkpoint:
        if entry.name in used:
            continue
        if _SLOT.search(entry.name) or _BOOKKEEPING.search(entry.name):
            result.slots.append(entry)
        else:
            result.unused.append(entry)
    return result


def _mismatch(var: Expected, entry: CheckpointEntry) -> str:
    if var.shape is not None and entry.shape is not None and len(var.shape) == len(entry.shape) and \
            all(_dims_agree(a, b) for a, b in zip(var.shape, entry.shape)):
        shape_ok = True
    else:
        shape_ok = var.shape is None or entry.shape is None
    problems = []
    if not shape_ok:
        problems.append("shape %s in the code, %s in the checkpoint" % (_shape(var.shape), _shape(entry.shape)))
    if var.dtype and entry.dtype and var.dtype != entry.dtype:
        problems.append("dtype %s in the code, %s in the checkpoint" % (var.dtype, entry.dtype))
    return "; ".join(problems)


def _dims_agree(a: Any, b: Any) -> bool:
    """A dimension against another: one the analysis lost ("?", in either inventory `diff` compares)
    or left unknown agrees with any."""
    return a is None or a == LOST_JSON or b == LOST_JSON or a == b


def _shape(shape: Optional[Tuple[Any, ...]]) -> str:
    from scopelint.report import format_shape

    return format_shape(shape)


def _counterpart(var: Expected, checkpoint: Sequence[CheckpointEntry],
                 created: Set[str]) -> Tuple[Optional[CheckpointEntry], str]:
    """The checkpoint key this variable most likely was, and how the name changed."""
    is_slot = bool(_SLOT.search(var.name))
    candidates = [e for e in checkpoint if e.name not in created and not _BOOKKEEPING.search(e.name)
                  and bool(_SLOT.search(e.name)) == is_slot and not _mismatch(var, e)]
    name = var.name
    for entry in candidates:
        if entry.name.endswith("/" + name):
            return entry, "the checkpoint has a prefix the code drops: %s" % entry.name[: -len(name)]
        if name.endswith("/" + entry.name):
            return entry, "the code adds a prefix: %s" % name[: -len(entry.name)]
    stem = re.sub(r"_\d+(?=/|$)", "", name)
    for entry in candidates:
        if re.sub(r"_\d+(?=/|$)", "", entry.name) == stem:
            return entry, "a numbered scope (`_1`) differs"
    segments = name.split("/")
    renamed = [e for e in candidates if len(e.name.split("/")) == len(segments) and
               sum(a != b for a, b in zip(e.name.split("/"), segments)) == 1]
    if len(renamed) == 1:
        return renamed[0], "a scope was renamed"
    return None, ""


def render_text(path: str, checkpoint: str, result: Comparison) -> str:
    lines = ["%s against %s: %d variable%s found%s" % (
        path, checkpoint, len(result.matched), "" if len(result.matched) == 1 else "s",
        "; the restore would fail." if result.restore_fails else "; the restore would succeed.")]
    for var, guess, how in result.missing:
        lines.append("  missing: %s  (line %d)" % (describe(var), var.line))
        if guess is not None:
            lines.append("      likely the checkpoint's %s: %s" % (guess.name, how))
    for var, entry, problem in result.mismatched:
        lines.append("  mismatch: %s: %s  (line %d)" % (var.name, problem, var.line))
    if result.uncertain:
        lines.append("  not found, but the name is known only partly or made on some paths (not an error):")
        lines.extend("    %s  (line %d)" % (v.name, v.line) for v in result.uncertain)
    if result.unused:
        lines.append("  checkpoint keys the code does not create (%d):" % len(result.unused))
        lines.extend("    %s %s" % (e.name, _shape(e.shape)) for e in result.unused[:50])
        if len(result.unused) > 50:
            lines.append("    ... and %d more" % (len(result.unused) - 50))
    if result.slots:
        lines.append("  optimizer slots and step counters in the checkpoint: %d (restored only if the code makes "
                     "them)" % len(result.slots))
    mapping = result.assignment_map()
    if mapping:
        import json

        lines.append("  to restore these anyway, tf.train.init_from_checkpoint(%r, assignment_map):" % checkpoint)
        lines.append("    " + json.dumps(mapping, indent=2).replace("\n", "\n    "))
    return "\n".join(lines)
