"""The pipeline every front end calls (pyflakes' api.py is the model): a source text or a path
in, one `FileResult` out, never an exception. `scopelint check`/`report`, the flake8 and pylint
plugins and the pre-commit hook are thin adapters over `check_source`, `check_path` and
`check_paths`; select/ignore, per-file ignores, `# noqa` and de-duplication happen here, once.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from scopelint.analysis import Diagnostic
from scopelint.analysis.blindspots import Blindspot
from scopelint.config import Config, filter_noqa, load_config
from scopelint.source import Source, decode_source, read_source

__all__ = ["Diagnostic", "FileResult", "InventoryEntry", "check_source", "check_path", "check_paths",
           "iter_python_files", "Config", "load_config"]


@dataclass(frozen=True)
class InventoryEntry:
    """A variable the code creates: what a checkpoint of it will hold."""

    name: str
    shape: Optional[Tuple[Union[int, None, str], ...]]  # None: unknown rank; a dim "?": one the analysis lost
    dtype: Optional[str]
    line: int
    certain: bool  # False: created only on some paths
    entry: Optional[str]  # None: the module body; else the entry point that creates it
    saved: Optional[bool] = True  # in GLOBAL_VARIABLES, what tf.train.Saver() saves (False: a local variable)
    key: Optional[str] = None  # its variable store key (init_from_checkpoint finds it by); None: tf.Variable's

    @property
    def known(self) -> bool:
        """The whole name is predicted (no `?` in it)."""
        return "?" not in self.name


@dataclass(frozen=True)
class FileResult:
    path: str
    diagnostics: Tuple[Diagnostic, ...] = ()  # reported: selected, not noqa'd, each (line, code) once
    inventory: Tuple[InventoryEntry, ...] = ()
    skipped: Optional[str] = None  # why the file was not analysed; None when it was
    incomplete: bool = False  # a work budget cut the analysis short
    dependencies: Tuple[str, ...] = ()  # other files the analysis read (followed imports)
    suppressed: int = 0  # findings a `# noqa` or the configuration hid
    graph_free: bool = False  # names no TF and imports nothing that could: not analysed (cheap)
    not_followed: Tuple[Blindspot, ...] = ()  # calls the analysis could not see into (--explain)

    @property
    def names_known(self) -> int:
        return sum(1 for v in self.inventory if v.known)

    def as_json(self) -> Dict[str, Any]:
        return {
            "path": self.path,
            "diagnostics": [dict(d.as_json(), path=self.path) for d in self.diagnostics],
            "inventory": [{"name": v.name, "shape": list(v.shape) if v.shape is not None else None,
                           "dtype": v.dtype, "line": v.line, "certain": v.certain, "entry": v.entry,
                           "saved": v.saved, "key": v.key}
                          for v in self.inventory],
            "skipped": self.skipped,
            "incomplete": self.incomplete,
            "suppressed": self.suppressed,
            "coverage": {"variables": len(self.inventory), "fully_known": self.names_known},
            "not_followed": [b.as_json() for b in self.not_followed],
        }

    @classmethod
    def from_json(cls, data: Dict[str, Any]) -> "FileResult":
        diagnostics = tuple(
            Diagnostic(data["path"], d["line"], d["col"], d["code"], d["message"],
                       tuple((int(f[0]), str(f[1])) for f in d.get("frames", ())), d.get("entry"))
            for d in data["diagnostics"])
        inventory = tuple(
            InventoryEntry(v["name"], tuple(v["shape"]) if v["shape"] is not None else None, v["dtype"], v["line"],
                           v["certain"], v["entry"], v.get("saved", True), v.get("key"))
            for v in data["inventory"])
        not_followed = tuple(Blindspot(b["line"], b["col"], b["message"]) for b in data.get("not_followed", ()))
        return cls(data["path"], diagnostics, inventory, data["skipped"], data["incomplete"],
                   tuple(data.get("dependencies", ())), data.get("suppressed", 0), not_followed=not_followed)


def check_source(text: Union[str, bytes], path: str = "<stdin>", config: Optional[Config] = None) -> FileResult:
    """Analyse one module's source (bytes are decoded as Python does: PEP 263 or UTF-8)."""
    config = config if config is not None else Config()
    if isinstance(text, bytes):
        source = decode_source(path, text)
    else:
        source = Source(path, text[1:] if text.startswith("\ufeff") else text)
    return _check(source, config)


def check_path(path: str, config: Optional[Config] = None) -> FileResult:
    """Analyse one file; its configuration is the nearest pyproject.toml's unless given."""
    config = config if config is not None else load_config(path)
    return _check(read_source(path), config)


def reported_findings(findings: List[Diagnostic], text: str, config: Config, path: str) -> List[Diagnostic]:
    """What a front end reports of a file's findings: not `# noqa`'d, selected by the config."""
    return [d for d in filter_noqa(findings, text.splitlines()) if config.selects(d.code, path)]


def _check(source: Source, config: Config) -> FileResult:
    try:
        return _analyse(source, config)
    except Exception as exc:  # an analyzer bug costs this file its results, never the caller's run
        return FileResult(source.path, skipped="internal error: %s: %s" % (type(exc).__name__, exc))


def _analyse(source: Source, config: Config) -> FileResult:
    from scopelint.analysis import analyze_source
    from scopelint.analysis.loader import may_build_graphs

    if source.error is None and not may_build_graphs(source.text.encode("utf-8", "replace")):
        return FileResult(source.path, graph_free=True)
    analysis = analyze_source(source, strict=False, follow_imports=config.follow_imports,
                              work_budget=config.work_budget)
    findings = analysis.all_findings()
    reported = reported_findings(findings, source.text, config, source.path)
    inventory: List[InventoryEntry] = []
    units = ([analysis.module] if analysis.module else []) + list(analysis.entries.values())
    for unit in units:
        for var in unit.variables:
            if var["action"] == "create":
                shape = tuple(var["shape"]) if var["shape"] is not None else None
                inventory.append(InventoryEntry(var["name"], shape, var["dtype"], var["line"] or 0,
                                                bool(var.get("certain", True)), unit.entry, var.get("saved", True),
                                                var.get("key")))
    skipped = next((n.message for n in analysis.notices if n.code == "SL001"), None)
    return FileResult(
        source.path,
        diagnostics=tuple(reported),
        inventory=tuple(inventory),
        skipped=skipped,
        incomplete=analysis.incomplete,
        dependencies=tuple(analysis.dependencies),
        suppressed=len(findings) - len(reported),
        not_followed=tuple(analysis.not_followed()),
    )


# ---------------------------------------------------------------------------- many files

# Directories no one means when they say "check this codebase".
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "dist-packages", "build", "dist",
                          "venv", "env", "virtualenv", ".tox", ".nox", ".eggs", "__pypackages__"})


def _is_virtualenv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def iter_python_files(paths: Sequence[str], config: Optional[Config] = None) -> Iterator[str]:
    """The .py files under `paths`, in order: a file named explicitly is always yielded (unless
    excluded); directories skip hidden, virtualenv and build directories and excluded paths."""
    config = config if config is not None else Config()
    for path in paths:
        if not os.path.isdir(path):
            if not config.excludes(path):
                yield path
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                             and not d.endswith(".egg-info") and not _is_virtualenv(os.path.join(root, d))
                             and not config.excludes(os.path.join(root, d)))
            for name in sorted(names):
                if name.endswith(".py"):
                    candidate = os.path.join(root, name)
                    if not config.excludes(candidate):
                        yield candidate


def _check_for_pool(args: Tuple[int, str, Config]) -> Tuple[int, FileResult]:
    result = check_path(args[1], args[2])
    _settle_heap()
    return args[0], result


FILES_PER_FULL_COLLECTION = 100
_files_settled = 0


def _settle_heap() -> None:
    """Between two files of a run of many: collect the cyclic garbage the file's analysis left,
    then freeze what remains (the cache of parsed modules, TF's models: millions of objects that
    each collection of the oldest generation would traverse again: 18% of the CPU time over
    tensor2tensor's and tensorflow_probability's models, 8% with them frozen). A frozen object
    that becomes garbage is freed by its reference count unless it is in a cycle: every
    FILES_PER_FULL_COLLECTION files all are unfrozen first, and such cycles collected."""
    global _files_settled
    _files_settled += 1
    if _files_settled % FILES_PER_FULL_COLLECTION == 0:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


@dataclass
class CheckRun:
    """What `check_paths` did: results in path order, and how many came from the cache."""

    results: List[FileResult] = field(default_factory=list)
    cached: int = 0


def check_paths(paths: Sequence[str], config: Optional[Config] = None, jobs: int = 1,
                cache: Optional[Any] = None, progress: Optional[Callable[[int, int], None]] = None) -> CheckRun:
    """Analyse every Python file under `paths` (`jobs` processes; a `ResultCache` skips files
    whose content, dependencies, scopelint version and configuration are unchanged)."""
    config = config if config is not None else (load_config(paths[0]) if paths else Config())
    files = list(iter_python_files(paths, config))
    run = CheckRun()
    slots: List[Optional[FileResult]] = [None] * len(files)
    todo: List[int] = []
    for index, path in enumerate(files):
        hit = cache.get(path, config) if cache is not None else None
        if hit is not None:
            slots[index] = hit
            run.cached += 1
        else:
            todo.append(index)
    done = len(files) - len(todo)
    if progress:
        progress(done, len(files))
    for index, result in _run_all([files[i] for i in todo], todo, config, jobs):
        slots[index] = result
        if cache is not None:
            cache.put(result, config)
        done += 1
        if progress:
            progress(done, len(files))
    run.results = [r for r in slots if r is not None]
    return run


def _run_all(files: List[str], indices: List[int], config: Config, jobs: int) -> Iterable[Tuple[int, FileResult]]:
    if jobs <= 1 or len(files) < 2:
        for number, (index, path) in enumerate(zip(indices, files)):
            if number:
                _settle_heap()
            yield index, check_path(path, config)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    # In path order: neighbouring files import the same project modules, which a worker has
    # parsed already (ordering by size measured slower: 178 s against 151 s on 2,361 files).
    work = [(index, path, config) for index, path in zip(indices, files)]
    with context.Pool(processes=min(jobs, len(files)), maxtasksperchild=500) as pool:
        yield from pool.imap_unordered(_check_for_pool, work, chunksize=1)
