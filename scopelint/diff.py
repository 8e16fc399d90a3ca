"""`scopelint diff`: the variables the working tree creates against those a git revision creates.

A checkpoint written by the code at REV holds REV's variables; the working tree's code restores
it only if every variable it creates is there under the same name, shape and dtype. So the old
inventory is compared as a checkpoint would be (scopelint.ckpt's comparison and its counterpart
matching): a variable the new code creates that REV lacks is renamed (its counterpart found) or
added; one with another shape or dtype is changed; an old one nothing creates now is removed
(harmless to a restore: the key is ignored). Names known only partly, variables made on some
paths only, and anything an incomplete analysis could have missed are uncertain, never reported
renamed, added or removed.

REV's files are read with git (`ls-tree`, `cat-file`) into a temporary directory, nothing checked
out, so the analysis of an old file follows its imports into the other modules as they were at
REV. Each file is compared unit by unit (its module body, each entry point), as `ckpt` compares.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from scopelint.api import FileResult, InventoryEntry, check_path, iter_python_files
from scopelint.checkpoint import CheckpointEntry
from scopelint.ckpt import Expected, assignment_map, compare, describe, expected_json, expected_variables
from scopelint.config import Config


class DiffError(Exception):
    """Not a git repository, an unknown revision, a path outside the repository: one line."""


# ---------------------------------------------------------------------------- git


def _git(args: Sequence[str], cwd: str, data: Optional[bytes] = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, timeout=600)
    except FileNotFoundError:
        raise DiffError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(message[-1] if message else "git %s failed" % args[0])
    return done.stdout


def repository_top(cwd: str) -> str:
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd)
    except DiffError:
        raise DiffError("%s is not in a git repository" % os.path.abspath(cwd)) from None
    return os.path.realpath(out.decode("utf-8", "surrogateescape").strip())


def resolve_revision(top: str, revision: str) -> str:
    """The commit `revision` names, or DiffError."""
    if revision.startswith("-"):
        raise DiffError("unknown revision %r" % revision)
    try:
        out = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], top)
    except DiffError:
        raise DiffError("unknown revision %r (not a commit in this repository)" % revision) from None
    return out.decode("ascii").strip()


def changed_python_files(top: str, commit: str) -> List[str]:
    """Repository-relative paths of the .py files that differ between `commit` and the working
    tree (`git diff --name-only`, renames as a deletion and an addition)."""
    out = _git(["diff", "--name-only", "--no-renames", "-z", commit, "--"], top)
    names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
    return sorted(n for n in names if n.endswith(".py"))


def importers(top: str, modules: Sequence[str]) -> List[str]:
    """The tracked .py files that import one of `modules` (repository-relative paths), directly or
    through each other: a scope renamed in `nets.py` renames the variables of the `train.py` that
    imports it. A textual pre-filter on the import lines (the analysis then follows them)."""
    tracked = _git(["ls-files", "-z", "--full-name", "--", ":/*.py"], top).decode("utf-8", "surrogateescape")
    remaining = sorted(set(n for n in tracked.split("\0") if n) - set(modules))
    stems = {_module_stem(m) for m in modules}
    found: List[str] = []
    while stems and remaining:
        pattern = re.compile(r"^[ \t]*(?:from|import)[ \t][^\n]*\b(?:%s)\b" % "|".join(map(re.escape, sorted(stems))),
                             re.M)
        stems = set()
        for name in list(remaining):
            try:
                with open(os.path.join(top, *name.split("/")), encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                continue
            if pattern.search(text):
                found.append(name)
                remaining.remove(name)
                stems.add(_module_stem(name))
    return found


def _module_stem(path: str) -> str:
    parts = path[:-3].split("/")
    return parts[-2] if parts[-1] == "__init__" and len(parts) > 1 else parts[-1]


def materialise(top: str, commit: str, destination: str) -> Set[str]:
    """Write every .py file of `commit` under `destination`, at its repository-relative path;
    return those paths. Plain files only (not symlinks, not submodules)."""
    listing = _git(["ls-tree", "-r", "-z", "--full-tree", commit], top).decode("utf-8", "surrogateescape")
    blobs: List[Tuple[str, str]] = []
    for record in listing.split("\0"):
        if not record:
            continue
        meta, path = record.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob" and mode in ("100644", "100755") and path.endswith(".py") and ".." not in path.split("/"):
            blobs.append((sha, path))
    if not blobs:
        return set()
    stream = _git(["cat-file", "--batch"], top, "".join(sha + "\n" for sha, _ in blobs).encode("ascii"))
    offset = 0
    for _, path in blobs:
        header_end = stream.index(b"\n", offset)
        size = int(stream[offset:header_end].split()[2])
        start = header_end + 1
        target = os.path.join(destination, *path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(stream[start:start + size])
        offset = start + size + 1  # the blob, then a newline
    return {path for _, path in blobs}


# ---------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Renamed:
    old: Expected
    new: Expected
    how: str


@dataclass(frozen=True)
class Changed:
    old: Expected
    new: Expected
    problem: str


@dataclass
class UnitDiff:
    """One file's module body or entry point, at REV and now."""

    path: str
    entry: Optional[str]
    renamed: List[Renamed] = field(default_factory=list)
    added: List[Expected] = field(default_factory=list)
    changed: List[Changed] = field(default_factory=list)
    removed: List[Expected] = field(default_factory=list)
    uncertain: List[Expected] = field(default_factory=list)  # partly known, on some paths, or maybe unseen

    @property
    def breaks_restore(self) -> bool:
        """A checkpoint written at REV lacks, or holds differently, a variable this code creates."""
        return bool(self.renamed or self.added or self.changed)

    @property
    def empty(self) -> bool:
        return not (self.breaks_restore or self.removed or self.uncertain)

    def assignment_map(self) -> Dict[str, str]:
        """For tf.train.init_from_checkpoint: the old name -> the new one, for each rename."""
        return assignment_map((r.old.name, r.new) for r in self.renamed)

    def as_json(self) -> Dict[str, Any]:
        return {
            "path": self.path, "entry": self.entry, "breaks_restore": self.breaks_restore,
            "renamed": [dict(expected_json(r.new), old_name=r.old.name, how=r.how) for r in self.renamed],
            "added": [expected_json(v) for v in self.added],
            "changed": [dict(expected_json(c.new), old=expected_json(c.old), problem=c.problem) for c in self.changed],
            "removed": [expected_json(v) for v in self.removed],
            "uncertain": [expected_json(v) for v in self.uncertain],
            "assignment_map": self.assignment_map(),
        }


def diff_unit(path: str, entry: Optional[str], old: Sequence[Expected], new: Sequence[Expected],
              old_complete: bool = True, new_complete: bool = True) -> UnitDiff:
    """Compare one unit's variables at REV (`old`) with now (`new`), as a restore of a checkpoint
    REV wrote would: the old variables stand for the checkpoint's keys."""
    result = UnitDiff(path, entry)
    old_by_name = {v.name: v for v in old}
    old_patterns = [v for v in old if "?" in v.name]
    comparison = compare(new, [CheckpointEntry(v.name, v.dtype, v.shape) for v in old])  # type: ignore[arg-type]
    claims: Dict[str, int] = {}
    for _, guess, _ in comparison.missing:
        if guess is not None:
            claims[guess.name] = claims.get(guess.name, 0) + 1
    counterparts: Set[str] = set()
    for var, guess, how in comparison.missing:
        counterpart = old_by_name.get(guess.name) if guess is not None else None
        if not old_complete or any(p.pattern.match(var.name) for p in old_patterns) or \
                (counterpart is not None and not counterpart.certain):
            result.uncertain.append(var)  # REV may create it after all
        elif counterpart is not None and claims[counterpart.name] == 1:
            result.renamed.append(Renamed(counterpart, var, how))
            counterparts.add(counterpart.name)
        else:
            result.added.append(var)  # no counterpart, or one two variables claim
    for var, key, problem in comparison.mismatched:
        if key.name in counterparts:
            result.added.append(var)  # a new variable took the name of one renamed (a layer shifted to `dense_1`)
        elif old_by_name[key.name].certain:
            result.changed.append(Changed(old_by_name[key.name], var, problem))
        else:
            result.uncertain.append(var)
    result.uncertain.extend(comparison.uncertain)
    for key in comparison.unused + comparison.slots:
        if key.name in counterparts:
            continue
        gone = old_by_name[key.name]
        (result.removed if new_complete and gone.certain else result.uncertain).append(gone)
    return result


# ---------------------------------------------------------------------------- a whole change


@dataclass
class DiffResult:
    base: str
    commit: str
    units: List[UnitDiff] = field(default_factory=list)
    files: List[str] = field(default_factory=list)  # compared, as given (relative to the current directory)
    notes: List[Tuple[str, str]] = field(default_factory=list)  # (path, what to know: absent at REV, not analysed)

    @property
    def breaks_restore(self) -> bool:
        return any(u.breaks_restore for u in self.units)

    def count(self, kind: str) -> int:
        return sum(len(getattr(u, kind)) for u in self.units)

    def headline(self) -> str:
        """`this change renames 14 variables; checkpoints written before it will not restore.`"""
        verbs = [("renamed", "renames"), ("added", "adds"), ("changed", "changes the shape or dtype of"),
                 ("removed", "removes")]
        parts = ["%s %d variable%s" % (verb, self.count(kind), "" if self.count(kind) == 1 else "s")
                 for kind, verb in verbs if self.count(kind)]
        if not parts:
            return "this change renames, adds or removes no variable: checkpoints written before it restore."
        said = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        if self.breaks_restore:
            return "this change %s; checkpoints written before it will not restore." % said
        return "this change %s; checkpoints written before it still restore (keys nothing creates are ignored)." \
            % said

    def as_json(self) -> Dict[str, Any]:
        return {
            "base": self.base, "commit": self.commit, "breaks_restore": self.breaks_restore,
            "headline": self.headline(),
            "counts": {k: self.count(k) for k in ("renamed", "added", "changed", "removed", "uncertain")},
            "files": self.files,
            "notes": [{"path": p, "note": n} for p, n in self.notes],
            "units": [u.as_json() for u in self.units if not u.empty],
        }


def diff_revision(base: str, paths: Sequence[str] = (), config: Optional[Config] = None,
                  cwd: Optional[str] = None) -> DiffResult:
    """The working tree's inventory against `base`'s, for `paths` (files or directories; default:
    the .py files changed since `base`). Paths are taken and shown relative to `cwd`."""
    cwd = os.path.abspath(cwd or os.getcwd())
    config = config if config is not None else Config()
    top = repository_top(cwd)
    commit = resolve_revision(top, base)
    result = DiffResult(base, commit)
    with tempfile.TemporaryDirectory(prefix="scopelint-diff-") as old_root:
        old_files = materialise(top, commit, old_root)
        for shown, relative in _files_to_compare(top, cwd, commit, paths, old_files, config):
            result.files.append(shown)
            here = os.path.join(top, *relative.split("/"))
            new = _analysed(here, config) if os.path.isfile(here) else None
            old = _analysed(os.path.join(old_root, *relative.split("/")), config) if relative in old_files else None
            if old is None:
                result.notes.append((shown, "absent at %s: every variable it creates is added" % base))
            if new is None:
                result.notes.append((shown, "deleted: every variable it created is removed"))
            unreadable = [(side, r.skipped) for side, r in (("at " + base, old), ("now", new))
                          if r is not None and r.skipped is not None]
            if unreadable:
                result.notes.extend((shown, "not analysed %s: %s" % (side, why)) for side, why in unreadable)
                continue
            result.units.extend(_diff_file(shown, old, new))
    return result


def _analysed(path: str, config: Config) -> FileResult:
    return check_path(path, config)


def _diff_file(shown: str, old: Optional[FileResult], new: Optional[FileResult]) -> Iterator[UnitDiff]:
    old_inventory: Sequence[InventoryEntry] = old.inventory if old is not None else ()
    new_inventory: Sequence[InventoryEntry] = new.inventory if new is not None else ()
    entries = sorted({v.entry for v in list(old_inventory) + list(new_inventory)}, key=lambda e: (e is not None, e))
    for entry in entries:
        yield diff_unit(shown, entry, expected_variables(old_inventory, entry),
                        expected_variables(new_inventory, entry), old_complete=old is None or not old.incomplete,
                        new_complete=new is None or not new.incomplete)


def _files_to_compare(top: str, cwd: str, commit: str, paths: Sequence[str], old_files: Set[str],
                      config: Config) -> List[Tuple[str, str]]:
    """(path as shown, repository-relative path) of each file to compare."""
    def shown(relative: str) -> str:
        return os.path.relpath(os.path.join(top, *relative.split("/")), cwd)

    if not paths:
        changed = changed_python_files(top, commit)
        return [(shown(r), r) for r in changed + importers(top, changed)]
    chosen: Dict[str, str] = {}
    for path in paths:
        absolute = os.path.realpath(os.path.join(cwd, path))
        relative = os.path.relpath(absolute, top).replace(os.sep, "/")
        if relative == ".." or relative.startswith("../"):
            raise DiffError("%s is outside the repository (%s)" % (path, top))
        if os.path.isdir(absolute):
            found = [os.path.relpath(os.path.realpath(f), top).replace(os.sep, "/")
                     for f in iter_python_files([absolute], config)]
            prefix = "" if relative == "." else relative + "/"
            found += [f for f in old_files if f.startswith(prefix)]  # deleted since
            for item in sorted(set(found)):
                chosen.setdefault(item, shown(item))
        elif os.path.isfile(absolute) or relative in old_files:
            chosen.setdefault(relative, path)
        else:
            raise DiffError("%s: no such file, now or at %s" % (path, commit[:12]))
    return [(name, relative) for relative, name in chosen.items()]


# ---------------------------------------------------------------------------- text


_SHOWN = 10  # uncertain names listed per unit in text; JSON has them all


def render_text(result: DiffResult) -> str:
    lines: List[str] = []
    for path, note in result.notes:
        lines.append("%s: %s" % (path, note))
    for unit in result.units:
        if unit.empty:
            continue
        where = unit.path + ("" if unit.entry is None else " [entry %s]" % unit.entry)
        lines.append(where)
        for renamed in unit.renamed:
            lines.append("  renamed: %s -> %s  (line %d)" % (renamed.old.name, describe(renamed.new), renamed.new.line))
            lines.append("      %s" % renamed.how)
        renamed_from = {r.old.name: r.new.name for r in unit.renamed}
        for var in unit.added:
            taken = "; it takes the name the renamed %s had" % renamed_from[var.name] if var.name in renamed_from \
                else ""
            lines.append("  added: %s  (line %d)%s" % (describe(var), var.line, taken))
        for change in unit.changed:
            problem = change.problem.replace("in the code", "now").replace("in the checkpoint", "before")
            lines.append("  changed: %s: %s  (line %d)" % (change.new.name, problem, change.new.line))
        for var in unit.removed:
            lines.append("  removed: %s" % describe(var))
        if unit.uncertain:
            lines.append("  not compared (%d): the name known only partly, made on some paths, or beyond the "
                         "analysis (not an error):" % len(unit.uncertain))
            lines.extend("    %s" % v.name for v in unit.uncertain[:_SHOWN])
            if len(unit.uncertain) > _SHOWN:
                lines.append("    ... and %d more" % (len(unit.uncertain) - _SHOWN))
        mapping = unit.assignment_map()
        if mapping:
            import json

            lines.append("  to restore a checkpoint written before: "
                         "tf.train.init_from_checkpoint(CKPT, assignment_map) with")
            lines.append("    " + json.dumps(mapping, indent=2).replace("\n", "\n    "))
    if not result.files:
        lines.append("no Python file changed since %s." % result.base)
    else:
        lines.append(result.headline())
    return "\n".join(lines)


def command(args: Any) -> int:
    """`scopelint diff` (the CLI's parsed arguments): prints the result; 0, 1 or 2."""
    import json
    import sys

    from scopelint.config import load_config

    try:
        config = load_config(args.paths[0] if args.paths else os.path.join(os.getcwd(), "_"))
        result = diff_revision(args.base, args.paths, config)
    except DiffError as exc:
        print("scopelint: %s" % exc, file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result.as_json(), indent=2))
    else:
        print(render_text(result))
    return 1 if result.breaks_restore else 0
