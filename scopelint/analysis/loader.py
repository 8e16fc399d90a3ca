"""Finding and parsing the modules a program imports: its project's modules and installed
packages, read as source and never imported (finding a module must not run it:
`importlib.util.find_spec("pkg.sub")` executes `pkg/__init__.py`, while PathFinder given
explicit directories only looks at the file system).

Search roots are those of `python FILE`: the file's directory first, then the root of the
package the file sits in (so `from pkg.ops import conv` resolves when the file is pkg/model.py),
then the site-packages directories of the Python running scopelint."""

from __future__ import annotations

import ast
import collections
import functools
import os
import re
import sys
from typing import Any, Iterator, List, Optional, Tuple

from scopelint.source import find_module_file, is_certainly_absent, is_namespace_package

MAX_MODULE_BYTES = 2_000_000  # larger files are not followed (generated code, vendored blobs)


def package_of(path: str) -> Tuple[Optional[str], str]:
    """(dotted package of the file, or None; the directory its top package sits in)."""
    directory = os.path.dirname(os.path.abspath(path))
    parts: List[str] = []
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        parts.insert(0, os.path.basename(directory))
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return (".".join(parts) or None), directory


@functools.lru_cache(maxsize=1)
def _site_dirs() -> Tuple[str, ...]:
    """Where installed packages are: site-packages, and the directories its .pth files add after
    it (an editable install's source tree)."""
    site = [index for index, p in enumerate(sys.path) if "site-packages" in p or "dist-packages" in p]
    return tuple(p for p in sys.path[site[0]:] if p and os.path.isdir(p)) if site else ()


@functools.lru_cache(maxsize=1)
def _pythonpath_dirs() -> Tuple[str, ...]:
    """The directories of PYTHONPATH, which Python searches after the script's own and before
    site-packages (TF's models/research and slim are used so)."""
    listed = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    return tuple(os.path.abspath(p) for p in listed if p and os.path.isdir(p))


@functools.lru_cache(maxsize=1024)
def _holds_installed(directory: str) -> bool:
    try:
        return any(name.endswith(".dist-info") for name in os.listdir(directory))  # not a source tree's egg-info
    except OSError:
        return False


class Locator:
    """Where `import X` would find X's source for one analysed file."""

    def __init__(self, main_path: str) -> None:
        main_dir = os.path.dirname(os.path.abspath(main_path))
        self.main_package, package_root = package_of(main_path)
        roots = [main_dir]
        if package_root not in roots:
            roots.append(package_root)
        # a source tree on PYTHONPATH is the project's; a directory of installed packages there
        # (`pip install --target`) holds libraries
        listed = [d for d in _pythonpath_dirs() if d not in roots]
        self.project_roots = tuple(os.path.join(r, "") for r in roots + [d for d in listed if not _holds_installed(d)])
        self.roots = roots + listed + [d for d in _site_dirs() if d not in roots and d not in listed]
        self.library_roots: Tuple[str, ...] = tuple(os.path.join(d, "") for d in listed if _holds_installed(d))
        self.searched: List[Any] = []  # the program's sys.path as add_roots last saw it (imports.py)

    def add_roots(self, directories: List[str]) -> None:
        """Directories the program put on sys.path (`sys.path.insert(0, lib_dir)`): searched
        first, and what is found there is the project's."""
        new = [d for d in directories if d not in self.roots and os.path.isdir(d)]
        if new:
            self.roots = new + self.roots
            # a directory of installed packages (`pip install --target`) holds libraries, even inside
            # the project's directory
            self.project_roots = tuple(os.path.join(d, "") for d in new if not _holds_installed(d)) + \
                self.project_roots
            self.library_roots += tuple(os.path.join(d, "") for d in new if _holds_installed(d))

    def in_project(self, path: str) -> bool:
        """A module of the analysed file's project (not an installed package)."""
        return path.startswith(self.project_roots) and not path.startswith(self.library_roots) and not any(
            part in ("site-packages", "dist-packages") for part in path.split(os.sep))

    def locate(self, qualname: str) -> Optional[str]:
        """The module's .py file (a package's __init__.py), or None."""
        return find_module_file(qualname, tuple(self.roots))

    def is_namespace_package(self, qualname: str) -> bool:
        return is_namespace_package(qualname, tuple(self.roots))

    def is_certainly_absent(self, qualname: str) -> bool:
        return is_certainly_absent(qualname, tuple(self.roots))


_TF_WORDS = re.compile(rb"tensorflow|tf_slim|keras|\btf\b|variable_scope|get_variable")
# a command-line flag defined (absl's, gflags', tf.app.flags'): FLAGS is shared with the graph code
_FLAG_DEFINITIONS = re.compile(rb"\bDEFINE_\w+\s*\(")
# sys.path changed: the program's later imports are found where this module puts them
_SYS_PATH = re.compile(rb"\bsys\.path\b")
_IMPORTS = re.compile(rb"^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import|import[ \t]+([\w., \t]+))", re.M)
_MODULE_LEVEL_IMPORTS = re.compile(rb"^(?:from[ \t]+([.\w]+)[ \t]+import|import[ \t]+([\w., \t]+))", re.M)


@functools.lru_cache(maxsize=1024)
def builds_graphs(path: str) -> bool:
    """Whether a module may touch a TF graph: it names TensorFlow, defines command-line flags (the
    graph code reads them from the FLAGS they share: hmr's src/config.py), imports anything
    beyond the standard library and plain data libraries (it may re-export the project's TF
    code), or changes sys.path (tf-faster-rcnn's tools/_init_paths.py puts ../lib on it, where
    the script then finds its nets). Other modules (a tokenizer, a data reader) are not followed:
    calls into them are a library's, which run the program's code only when given the program's
    functions or objects."""
    try:
        with open(path, "rb") as handle:
            text = handle.read()
    except OSError:
        return True
    return may_build_graphs(text) or _SYS_PATH.search(text) is not None


def may_build_graphs(text: bytes) -> bool:
    """`builds_graphs` on a module's bytes."""
    if _TF_WORDS.search(text) or _FLAG_DEFINITIONS.search(text):
        return True
    # a relative import (`from . import`, root "") or the project's own module may re-export TF code
    return any(True for _ in _unplain_imports(text))


@functools.lru_cache(maxsize=1)
def _plain_modules() -> frozenset:
    """The standard library and the data libraries (tf_api.SAFE_MODULES): they build no graph."""
    from scopelint.analysis.tf_api import SAFE_MODULES

    return frozenset(SAFE_MODULES) | frozenset(getattr(sys, "stdlib_module_names", ()))


def _unplain_imports(text: bytes, module_level: bool = False) -> Iterator[str]:
    """The top-level names a module imports beyond the plain modules ("" for a relative import);
    only those of unindented import statements if `module_level`."""
    plain = _plain_modules()
    for match in (_MODULE_LEVEL_IMPORTS if module_level else _IMPORTS).finditer(text):
        names = match.group(1) or match.group(2) or b""
        for name in names.decode("ascii", "replace").split(","):
            root = name.strip().split(" ")[0].split(".")[0]
            if root not in plain:
                yield root


MAX_PACKAGE_SCAN_FILES = 4000  # past this, an installed package is assumed to build graphs
# How an installed package reaches TF: it imports it (a word like `tf` in a lexer's keyword
# list is not that); packages it imports are judged the same way, transitively.
_TF_IMPORT = re.compile(rb"^[ \t]*(?:from|import)[ \t]+(?:tensorflow|tf_slim|tf_keras|keras)\b"
                        rb"|import_module\(\s*['\"](?:tensorflow|tf_slim|keras)", re.M)


def installed_package_builds_graphs(path: str) -> bool:
    """For a module of an installed package: whether the package, or any installed package it
    imports (transitively), names TensorFlow. IPython, requests or a protobuf runtime never do:
    their modules are not followed (their module-level `import`s would otherwise be, each
    judged alone, since each imports its own package)."""
    top = _top_package_dir(path)
    if top is None:
        return builds_graphs(path)
    return _package_builds_graphs(top)


def _top_package_dir(path: str) -> Optional[str]:
    """site-packages/IPython for site-packages/IPython/core/alias.py (None outside site-packages)."""
    parts = os.path.abspath(path).split(os.sep)
    for index in range(len(parts) - 1, -1, -1):
        # site-packages, or a directory of packages installed elsewhere (`pip install --target`)
        if parts[index] in ("site-packages", "dist-packages") or \
                index < len(parts) - 1 and _holds_installed(os.sep.join(parts[: index + 1]) or os.sep):
            if index + 1 >= len(parts):
                return None
            top = os.sep.join(parts[: index + 2])
            return top if os.path.isdir(top) or top.endswith(".py") else None
    return None


@functools.lru_cache(maxsize=256)
def _package_scan(top: str) -> Tuple[bool, Tuple[str, ...]]:
    """(does any .py file of the package name TF, the top-level names of what it imports)."""
    own = os.path.basename(top)[:-3] if top.endswith(".py") else os.path.basename(top)
    imported = set()
    scanned = 0
    walked = [(os.path.dirname(top), [], [os.path.basename(top)])] if top.endswith(".py") else os.walk(top)
    for directory, dirs, names in walked:
        dirs[:] = [d for d in dirs if d not in ("tests", "test", "__pycache__")]
        for name in names:
            if not name.endswith(".py"):
                continue
            scanned += 1
            if scanned > MAX_PACKAGE_SCAN_FILES:
                return True, ()
            try:
                with open(os.path.join(directory, name), "rb") as handle:
                    text = handle.read()
            except OSError:
                return True, ()
            if _TF_IMPORT.search(text):
                return True, ()
            # what it imports when imported (unindented): an import inside a function or a `try`
            # is optional (networkx's `import sympy` in one algorithm); the package's own such
            # imports of TF still count (the check above)
            imported.update(root for root in _unplain_imports(text, module_level=True) if root and root != own)
    return False, tuple(sorted(imported))


@functools.lru_cache(maxsize=256)
def _package_builds_graphs(top: str) -> bool:
    """Whether `top`, or any installed package reachable through its imports, imports TF."""
    site = os.path.dirname(top)
    todo, seen = [top], {top}
    while todo:
        names_tf, imports = _package_scan(todo.pop())
        if names_tf:
            return True
        for name in imports:
            other = os.path.join(site, name)
            if not os.path.isdir(other):
                other += ".py"  # a single-module distribution (typing_extensions)
                if not os.path.isfile(other):
                    continue  # not installed here: that import fails, or finds what is judged on its own
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return False


# How much parsed source the cache of module trees keeps between files, as the files' sizes: a
# tree costs about 30 bytes of memory a byte of source, and the modules two consecutive files of
# one project import are most of what the next needs (each is parsed once over the benchmark's
# corpus with 4 MB, against about 7 parses each with a cache of nothing).
CACHED_SOURCE_BYTES = 4_000_000


class _TreeCache:
    """Parsed modules by file version, least recently used first. The trees the current file's
    analysis or the one before used are kept whatever their size (the next file of a project
    imports most of them again); the others go, oldest first, past CACHED_SOURCE_BYTES. Eviction
    is safe: what the analysis derives from a tree is stored on the tree itself."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.entries: "collections.OrderedDict[Tuple[str, int, int], Tuple[Optional[ast.Module], int]]" = \
            collections.OrderedDict()  # key -> (tree, serial of the analysis that last used it)
        self.size = 0
        self.serial = 0

    def new_analysis(self) -> None:
        self.serial += 1

    def get(self, path: str, mtime: int, size: int) -> Optional[ast.Module]:
        key = (path, mtime, size)
        found = self.entries.get(key)
        if found is not None:
            self.entries[key] = (found[0], self.serial)
            self.entries.move_to_end(key)
            return found[0]
        tree = _parse(path)
        self.entries[key] = (tree, self.serial)
        self.size += size
        if self.size > self.budget:
            self._evict()
        return tree

    def _evict(self) -> None:
        # Least recently used first: past the first tree the last two analyses used, every
        # tree is one of theirs (a use moves a tree to the end), so the scan stops there.
        while self.size > self.budget and self.entries:
            key, (_, used) = next(iter(self.entries.items()))
            if used >= self.serial - 1:
                break
            del self.entries[key]
            self.size -= key[2]

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0


_TREES = _TreeCache(CACHED_SOURCE_BYTES)


def new_analysis() -> None:
    """A file's analysis begins: the trees of the one before it stay cached."""
    _TREES.new_analysis()


def parse_module(path: str) -> Optional[ast.Module]:
    """The module's tree (cached per file version), or None when it cannot be read as Python."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if stat.st_size > MAX_MODULE_BYTES:
        return None
    return _TREES.get(path, stat.st_mtime_ns, stat.st_size)


def _parse(path: str) -> Optional[ast.Module]:
    from scopelint.py2 import modernize
    from scopelint.source import looks_like_python2, read_source

    source = read_source(path)
    if source.error is not None:
        return None
    try:
        try:
            tree = ast.parse(source.text, path)
        except SyntaxError:
            modern = modernize(source.text) if looks_like_python2(source.text) else None
            if modern is None:
                return None
            tree = ast.parse(modern, path)  # a Python 2 module of the project, rewritten line for line
            tree.scopelint_python2 = True  # type: ignore[attr-defined]  # (imports._source_module)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return tree
