"""Reading a file to analyse: bytes -> text, or the reason it cannot be analysed."""

from __future__ import annotations

import functools
import importlib.machinery
import io
import re
import tokenize
from dataclasses import dataclass
from typing import Optional, Tuple


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


@functools.lru_cache(maxsize=4096)
def find_module_file(qualname: str, roots: Tuple[str, ...]) -> Optional[str]:
    """The .py file `import qualname` would load from `roots` (a package's __init__.py), found
    without running anything (PathFinder given explicit directories), or None."""
    parts = qualname.split(".")
    if not all(p.isidentifier() for p in parts):
        return None
    try:
        spec = importlib.machinery.PathFinder.find_spec(parts[0], list(roots))
        for index in range(1, len(parts)):
            if spec is None or not spec.submodule_search_locations:
                return None
            spec = importlib.machinery.PathFinder.find_spec(".".join(parts[: index + 1]),
                                                            list(spec.submodule_search_locations))
    except (ImportError, OSError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return spec.origin
