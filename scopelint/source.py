"""Reading a file to analyse: bytes -> text, or the reason it cannot be analysed."""

from __future__ import annotations

import functools
import importlib.machinery
import io
import os
import re
import sys
import sysconfig
import tokenize
from dataclasses import dataclass
from typing import Any, List, Optional, Tuple


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    error: Optional[str] = None


def read_source(path: str) -> Source:
    """Decode strictly: a PEP 263 cookie or UTF-8 (with or without BOM); no guessing."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return Source(path, "", "no such file: %s" % path)
    except IsADirectoryError:
        return Source(path, "", "is a directory: %s" % path)
    except OSError as exc:
        return Source(path, "", "cannot read %s: %s" % (path, exc.strerror or exc))
    return decode_source(path, data)


def decode_source(path: str, data: bytes) -> Source:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return Source(path, "", "cannot decode %s: %s" % (path, exc.msg))
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return Source(path, "", "cannot decode %s as %s: %s" % (path, encoding, exc))
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(path, text)


_PY2_PATTERNS = (
    re.compile(r"^\s*print\s+[^\s(=]", re.M),  # print statement
    re.compile(r"^\s*except\s+[\w.]+\s*,\s*\w+\s*:", re.M),  # except X, e:
    re.compile(r"^\s*exec\s+[\"'\w]", re.M),  # exec statement
    re.compile(r"^\s*raise\s+[\w.]+\s*,", re.M),  # raise E, "msg"
    re.compile(r"`[^`\n]+`"),  # backtick repr
    re.compile(r"<>"),
    re.compile(r"\b0[0-7]+\b"),  # 0777 octal literal
    re.compile(r"\b\d+[lL]\b"),  # 10L long literal
)


def looks_like_python2(text: str) -> bool:
    """A cheap check, used only after the Python 3 parser has refused the file."""
    return any(pattern.search(text) for pattern in _PY2_PATTERNS)


def describe_syntax_error(text: str, exc: SyntaxError, not_done: str = "not analysed", path: str = "",
                          python2: str = "Python 2 syntax that scopelint could not rewrite") -> str:
    """Why a file did not parse, naming the line Python stopped at: Python 2 syntax only when
    that line has some (a Python 3 file's typo is a syntax error, whatever else it holds)."""
    lines = text.splitlines()
    line_text = lines[exc.lineno - 1] if exc.lineno and 0 < exc.lineno <= len(lines) else ""
    if path and not path.endswith((".py", ".pyw", ".pyi")) and "<" not in path:
        return "not Python source (syntax error at line %s: %s)" % (exc.lineno, exc.msg)
    if line_text and looks_like_python2(line_text):
        return "%s, %s (line %s: %s: %s)" % (python2, not_done, exc.lineno, exc.msg, line_text.strip()[:80])
    return "syntax error at line %s: %s" % (exc.lineno, exc.msg)


def module_paths(module: Any) -> List[str]:
    """Where a loaded module was read from: its file, or a namespace package's directories (whose
    path, left in sys.modules, would be recomputed from a parent package a later run lacks)."""
    found = getattr(module, "__file__", None)
    if isinstance(found, str):
        return [found]
    portions = getattr(getattr(module, "__path__", None), "_path", None)
    return [p for p in portions if isinstance(p, str)] if isinstance(portions, list) else []


@functools.lru_cache(maxsize=4096)
def find_module_file(qualname: str, roots: Tuple[str, ...]) -> Optional[str]:
    """The .py file `import qualname` would load from `roots` (a package's __init__.py), found
    without running anything, as Python's path finder searches, or None (not found, or not
    Python source: a C extension, a namespace package's directory)."""
    found = _search(qualname, roots)
    return found[0] if found is not None else None


@functools.lru_cache(maxsize=4096)
def is_namespace_package(qualname: str, roots: Tuple[str, ...]) -> bool:
    """Whether `import qualname` finds a namespace package (directories without __init__.py:
    im2txt's), whose submodules `from qualname import sub` loads."""
    found = _search(qualname, roots)
    return found is not None and found[0] is None and bool(found[1])


@functools.lru_cache(maxsize=4096)
def is_certainly_absent(qualname: str, roots: Tuple[str, ...]) -> bool:
    """Whether `import qualname` certainly raises ImportError: its parent is found as source and
    has no submodule of that name (a plain module has none; a regular package's directory holds
    no file or directory of it, and its __init__.py does not extend __path__). A top-level name,
    or one under an extension or a namespace package, may be found elsewhere: not certain."""
    parent, _, last = qualname.rpartition(".")
    found = _search(parent, roots) if parent else None
    if found is None or found[0] is None:
        return False
    origin, locations = found
    if not locations:
        return True  # `pkg.mod.fn`: a module's attribute, never a module
    try:
        with open(origin, "rb") as handle:
            if b"__path__" in handle.read():
                return False  # pkgutil.extend_path: its submodules may be anywhere
        return not any(entry == last or entry.startswith(last + ".")
                       for location in locations for entry in os.listdir(location))
    except OSError:
        return False


def _search(qualname: str, roots: Tuple[str, ...]) -> Optional[Tuple[Optional[str], List[str]]]:
    """The last step of the path finder's search for `qualname`: (its source file or None, the
    directories to search for its submodules); None when it is not found."""
    parts = qualname.split(".")
    if not all(_name_part(p) for p in parts):
        return None
    locations: List[str] = list(roots)
    origin: Optional[str] = None
    try:
        for index, part in enumerate(parts):
            if not locations:
                return None  # a module has no submodules
            origin, locations = _find_in(part, locations)
            if origin is None and not locations:
                return None
            if index == 0 and origin is None and _in_standard_library(part):
                return None  # the standard library's module, not the namespace package: not source we follow
    except (OSError, ValueError):
        return None
    return origin, locations


@functools.lru_cache(maxsize=1)
def _standard_library_dirs() -> Tuple[str, ...]:
    paths = sysconfig.get_paths()
    found = (paths["stdlib"], paths["platstdlib"], os.path.join(paths["platstdlib"], "lib-dynload"))
    return tuple(d for d in dict.fromkeys(found) if os.path.isdir(d))


@functools.lru_cache(maxsize=1024)
def _in_standard_library(name: str) -> bool:
    """Whether the standard library has a top-level module `name`: the path finder takes it over a
    namespace package of that name found earlier on sys.path (a project's `test/` directory without
    __init__.py: `from test import test_model` imports the standard library's test package and
    fails, tensorflow-wavenet's), as it keeps looking past namespace portions for a module."""
    if name in sys.builtin_module_names:
        return True
    return any(os.path.isfile(os.path.join(location, name, "__init__.py")) or
               any(os.path.isfile(os.path.join(location, name + suffix)) for suffix in (".py",) + _EXTENSION_SUFFIXES)
               for location in _standard_library_dirs())


def _name_part(part: str) -> bool:
    """A part of a module name the path finder looks up as a file or directory name: an
    identifier, or (through importlib.import_module) any name, `07_convnet_mnist` too."""
    return bool(part) and not any(c in part for c in ("/", "\\", "\0"))


def _find_in(name: str, locations: List[str]) -> Tuple[Optional[str], List[str]]:
    """One step of the search (importlib's FileFinder in each location, in order): a regular
    package (its __init__.py, and its directory to search next), a module file (.py, or an
    extension: no source), else the namespace package made of every directory of that name
    (spinningup's spinup/algos/tf1/, without __init__.py)."""
    portions: List[str] = []
    for location in locations:
        directory = os.path.join(location, name)
        is_dir = os.path.isdir(directory)
        if is_dir and os.path.isfile(os.path.join(directory, "__init__.py")):
            return os.path.join(directory, "__init__.py"), [directory]
        if any(os.path.isfile(os.path.join(location, name + suffix)) for suffix in _EXTENSION_SUFFIXES):
            return None, []
        if os.path.isfile(os.path.join(location, name + ".py")):
            return os.path.join(location, name + ".py"), []
        if is_dir:
            portions.append(directory)
    return None, portions


_EXTENSION_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES)
