"""A content-hash cache of per-file results, so that an unchanged file is not analysed twice.

An entry is keyed by the file's path and content, scopelint's version and the configuration;
it also records the size and mtime of every file the analysis read (followed imports), and is
used only while those are unchanged. Entries are written to a temporary file and renamed into
place, so concurrent runs (pre-commit runs hooks in parallel processes) never see half an
entry; an entry that cannot be read or parsed is ignored (and rewritten).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from typing import Any, Dict, List, Optional, Tuple

from scopelint import __version__
from scopelint.api import FileResult
from scopelint.config import Config

CACHE_DIR_NAME = ".scopelint_cache"


def default_directory(config: Config) -> str:
    return os.path.join(config.root or os.getcwd(), CACHE_DIR_NAME)


class ResultCache:
    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._digests: Dict[str, str] = {}

    def _entry_path(self, path: str, config: Config) -> Optional[str]:
        try:
            with open(path, "rb") as handle:
                content = handle.read()
        except OSError:
            return None
        fingerprint = repr((_code_version(), os.path.abspath(path), _config_key(config)))
        digest = hashlib.sha256(fingerprint.encode("utf-8") + b"\0" + content).hexdigest()
        return os.path.join(self.directory, digest[:2], digest[2:] + ".json")

    def get(self, path: str, config: Config) -> Optional[FileResult]:
        entry = self._entry_path(path, config)
        if entry is None:
            return None
        self._digests[path] = entry
        try:
            with open(entry, "r", encoding="utf-8") as handle:
                data = json.load(handle)
            if not all(_stat(dep) == tuple(stat) for dep, stat in data["dependency_stats"]):
                return None
            result = FileResult.from_json(data["result"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # missing, corrupt, or from another layout: analyse again
        return result if result.path == path else None

    def put(self, result: FileResult, config: Config) -> None:
        entry = self._digests.pop(result.path, None) or self._entry_path(result.path, config)
        if entry is None or (result.skipped or "").startswith("internal error"):
            return
        data = {"result": dict(result.as_json(), dependencies=list(result.dependencies)),
                "dependency_stats": [[dep, list(_stat(dep))] for dep in result.dependencies]}
        try:
            os.makedirs(os.path.dirname(entry), exist_ok=True)
            self._mark_directory()
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(entry), suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out)
            os.replace(temporary, entry)
        except OSError:
            pass  # a read-only checkout: no cache, same results

    def _mark_directory(self) -> None:
        """Keep the cache out of version control and backups, as pytest's and ruff's are."""
        marker = os.path.join(self.directory, ".gitignore")
        if not os.path.exists(marker):
            with open(marker, "w", encoding="utf-8") as handle:
                handle.write("# created by scopelint\n*\n")
            with open(os.path.join(self.directory, "CACHEDIR.TAG"), "w", encoding="utf-8") as handle:
                handle.write("Signature: 8a477f597d28d172789f06886806bc55\n# scopelint's result cache\n")


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """scopelint's version and the state of its own source files: a changed analyzer (a
    development checkout, a reinstall) never reads results an older one wrote."""
    package = os.path.dirname(os.path.abspath(__file__))
    stats = []
    for directory, _, names in os.walk(package):
        for name in sorted(names):
            if name.endswith((".py", ".json")):
                stats.append((os.path.relpath(os.path.join(directory, name), package),
                              _stat(os.path.join(directory, name))))
    return __version__ + ":" + hashlib.sha256(repr(sorted(stats)).encode()).hexdigest()[:16]


def _stat(path: str) -> Tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def _config_key(config: Config) -> List[Any]:
    return [config.select, config.ignore, config.extend_select, config.per_file_ignores, config.follow_imports,
            config.work_budget]
