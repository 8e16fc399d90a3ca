"""Configuration from `[tool.scopelint]` in pyproject.toml, and `# noqa` suppression.

    [tool.scopelint]
    select = ["SL1", "SL2"]      # codes or prefixes to report (default: every rule enabled by default)
    ignore = ["SL202"]           # codes or prefixes never reported
    exclude = ["build/*", "*_pb2.py"]   # glob patterns of paths `check` skips

On the command line, `--select` replaces the file's select and ignore, and `--ignore` adds to
them. Unknown keys get a warning, not an error. `# noqa` and `# noqa: SL101` on the reported
line suppress a finding.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

KNOWN_KEYS = {"select", "ignore", "exclude"}
NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


@dataclass(frozen=True)
class Config:
    select: Optional[Tuple[str, ...]] = None
    ignore: Tuple[str, ...] = ()
    exclude: Tuple[str, ...] = ()
    source: Optional[str] = None
    warnings: Tuple[str, ...] = field(default=())

    def selects(self, code: str) -> bool:
        from scopelint.rules import BY_CODE

        if any(code.startswith(prefix) for prefix in self.ignore if prefix):
            return False
        if self.select is not None:
            return any(code.startswith(prefix) for prefix in self.select if prefix)
        rule = BY_CODE.get(code)
        return rule.enabled if rule is not None else True

    def excludes(self, path: str) -> bool:
        normalized = path.replace(os.sep, "/")
        return any(fnmatch.fnmatch(normalized, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern)
                   for pattern in self.exclude)


def find_pyproject(start: str) -> Optional[str]:
    directory = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_config(start: str) -> Config:
    path = find_pyproject(start)
    if path is None:
        return Config()
    table = _read_tool_table(path)
    if table is None:
        return Config(source=path)
    warnings = tuple("%s: unknown key [tool.scopelint] %s (known: %s)" % (path, key, ", ".join(sorted(KNOWN_KEYS)))
                     for key in table if key not in KNOWN_KEYS)
    return Config(
        select=_codes(table.get("select")),
        ignore=_codes(table.get("ignore")) or (),
        exclude=tuple(str(p) for p in table.get("exclude", []) or []),
        source=path,
        warnings=warnings,
    )


def _codes(value: Any) -> Optional[Tuple[str, ...]]:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    return tuple(str(v).strip().upper() for v in value if str(v).strip())


def _read_tool_table(path: str) -> Optional[Dict[str, Any]]:
    try:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python < 3.11
            import tomli as tomllib  # type: ignore[no-redef]
    except ImportError:  # pragma: no cover
        return None
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, ValueError):
        return None
    table = data.get("tool", {}).get("scopelint")
    return table if isinstance(table, dict) else None


def with_overrides(config: Config, select: Optional[str], ignore: Optional[str]) -> Config:
    """The command line wins: `--select` replaces the file's select and ignore; `--ignore` adds."""
    base_ignore = () if select else config.ignore
    return Config(
        select=_codes(select) if select else config.select,
        ignore=base_ignore + (_codes(ignore) or ()),
        exclude=config.exclude,
        source=config.source,
        warnings=config.warnings,
    )


def noqa_codes(line: str) -> Optional[Sequence[str]]:
    """None: no noqa. An empty list: a bare `# noqa` (everything). Otherwise the codes."""
    match = NOQA.search(line)
    if match is None:
        return None
    codes = match.group("codes")
    return [c.upper() for c in re.split(r"[,\s]+", codes) if c] if codes else []


def suppressed(code: str, line_text: str) -> bool:
    codes = noqa_codes(line_text)
    if codes is None:
        return False
    return not codes or any(code.startswith(c) for c in codes)


def filter_noqa(diagnostics: List[Any], source_lines: Sequence[str]) -> List[Any]:
    out = []
    for diag in diagnostics:
        index = diag.line - 1
        text = source_lines[index] if 0 <= index < len(source_lines) else ""
        if not suppressed(diag.code, text):
            out.append(diag)
    return out
