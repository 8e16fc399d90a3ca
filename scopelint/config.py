"""Configuration from `[tool.scopelint]` in pyproject.toml, and `# noqa` suppression.

    [tool.scopelint]
    select = ["SL1", "SL2"]      # codes or prefixes to report (default: every rule enabled by default)
    extend-select = ["SL002"]    # added to select (or to the default set)
    ignore = ["SL202"]           # codes or prefixes never reported
    exclude = ["build", "gen/*", "*_pb2.py"]   # globs of paths `check` and `report` skip
    per-file-ignores = { "tests/*" = ["SL101"] }
    follow-imports = true        # read the project's modules and installed packages a file imports
    work-budget = 1.0            # scales the work limits per file (2.0: twice the work before SL002)

Globs match a path relative to the pyproject.toml's directory (and as typed); a glob without a
`/` also matches any single directory or file name (`build` skips every `build/`). On the
command line, `--select` replaces the file's select and ignore, and `--ignore` adds to them.
Unknown keys and codes that name no rule get a warning, not an error. `# noqa` and
`# noqa: SL101` on the reported line suppress a finding.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

KNOWN_KEYS = {"select", "extend-select", "ignore", "exclude", "per-file-ignores", "follow-imports", "work-budget"}
NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


@dataclass(frozen=True)
class Config:
    select: Optional[Tuple[str, ...]] = None
    ignore: Tuple[str, ...] = ()
    exclude: Tuple[str, ...] = ()
    source: Optional[str] = None
    warnings: Tuple[str, ...] = field(default=())
    extend_select: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    follow_imports: bool = True  # read imported project modules and installed packages as source
    work_budget: float = 1.0  # scales the analysis's work limits per file

    @property
    def root(self) -> Optional[str]:
        """The directory relative paths in the configuration are relative to."""
        return os.path.dirname(self.source) if self.source else None

    def selects(self, code: str, path: Optional[str] = None) -> bool:
        from scopelint.rules import BY_CODE

        if any(code.startswith(prefix) for prefix in self.ignore if prefix):
            return False
        if path is not None:
            for pattern, codes in self.per_file_ignores:
                if self._matches(path, (pattern,)) and any(code.startswith(c) for c in codes):
                    return False
        if any(code.startswith(prefix) for prefix in self.extend_select if prefix):
            return True
        if self.select is not None:
            return any(code.startswith(prefix) for prefix in self.select if prefix)
        rule = BY_CODE.get(code)
        return rule.enabled if rule is not None else True

    def excludes(self, path: str) -> bool:
        return self._matches(path, self.exclude)

    def _matches(self, path: str, patterns: Sequence[str]) -> bool:
        if not patterns:
            return False
        forms = {_normalized(path)}
        root = self.root
        if root is not None:
            absolute = os.path.abspath(path)
            if absolute.startswith(os.path.join(root, "")):
                forms.add(_normalized(os.path.relpath(absolute, root)))
        parts = {part for form in forms for part in form.split("/") if part}
        for pattern in patterns:
            pattern = _normalized(pattern).rstrip("/")
            if any(fnmatch.fnmatch(form, pattern) for form in forms):
                return True
            if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in parts):
                return True
        return False

    def with_cli(self, select: Optional[str], ignore: Optional[str]) -> "Config":
        return with_overrides(self, select, ignore)


def _normalized(path: str) -> str:
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def unknown_codes(codes: Sequence[str]) -> List[str]:
    """Selectors that name no rule: neither a code nor a prefix of one (`SL999`, `XYZ`)."""
    from scopelint.rules import BY_CODE

    return [c for c in codes if not any(code.startswith(c) for code in BY_CODE)]


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
    warnings = ["%s: unknown key [tool.scopelint] %s (known: %s)" % (path, key, ", ".join(sorted(KNOWN_KEYS)))
                for key in table if key not in KNOWN_KEYS]
    per_file: List[Tuple[str, Tuple[str, ...]]] = []
    raw_per_file = table.get("per-file-ignores") or {}
    if isinstance(raw_per_file, dict):
        per_file = [(str(glob), _codes(codes) or ()) for glob, codes in raw_per_file.items()]
    else:
        warnings.append("%s: [tool.scopelint] per-file-ignores must be a table of glob = [codes]" % path)
    follow = table.get("follow-imports", True)
    budget = table.get("work-budget", 1.0)
    if not isinstance(follow, bool):
        warnings.append("%s: [tool.scopelint] follow-imports must be true or false" % path)
        follow = True
    if isinstance(budget, bool) or not isinstance(budget, (int, float)) or not 0 < budget <= 100:
        warnings.append("%s: [tool.scopelint] work-budget must be a number in (0, 100]" % path)
        budget = 1.0
    config = Config(
        follow_imports=follow,
        work_budget=float(budget),
        select=_codes(table.get("select")),
        ignore=_codes(table.get("ignore")) or (),
        exclude=tuple(str(p) for p in table.get("exclude", []) or []),
        source=path,
        extend_select=_codes(table.get("extend-select")) or (),
        per_file_ignores=tuple(per_file),
    )
    named = list(config.select or ()) + list(config.ignore) + list(config.extend_select) + \
        [c for _, codes in config.per_file_ignores for c in codes]
    warnings.extend("%s: [tool.scopelint] names no rule: %s (see `scopelint rules`)" % (path, code)
                    for code in unknown_codes(named))
    return dataclasses.replace(config, warnings=tuple(warnings))


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
    return dataclasses.replace(
        config,
        select=_codes(select) if select else config.select,
        ignore=base_ignore + (_codes(ignore) or ()),
        extend_select=() if select else config.extend_select,
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
