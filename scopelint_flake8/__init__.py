"""flake8 front end: `flake8 --select SL` runs scopelint on each file flake8 checks.

A thin adapter over `scopelint.api.check_source`: flake8 does selection (`--select`,
`--ignore`, `--extend-select`, `--per-file-ignores`) and `# noqa` itself, so every scopelint
finding is handed over; rules scopelint keeps off by default (SL002) are added to flake8's
default ignore list. A file the analysis cannot handle never fails flake8's run."""

from __future__ import annotations

import ast
from typing import Any, Iterator, List, Optional, Tuple

from scopelint import __version__

_FOLLOW_IMPORTS = True


class ScopelintChecker:
    name = "scopelint"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str, lines: Optional[List[str]] = None) -> None:
        self.filename = filename
        self.lines = lines or []

    @classmethod
    def add_options(cls, manager: Any) -> None:
        from scopelint.rules import RULES

        manager.add_option(
            "--scopelint-follow-imports", action="store", default="yes", choices=("yes", "no"),
            parse_from_config=True,
            help="scopelint: read the project's modules and installed packages a file imports (yes) or treat "
                 "them as unknown libraries (no: faster, fewer findings). Default: yes")
        manager.extend_default_ignore([rule.code for rule in RULES if not rule.enabled])

    @classmethod
    def parse_options(cls, options: Any) -> None:
        global _FOLLOW_IMPORTS
        _FOLLOW_IMPORTS = getattr(options, "scopelint_follow_imports", "yes") != "no"

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        from scopelint.api import check_source
        from scopelint.config import Config

        text = "".join(self.lines)
        path = self.filename if self.filename not in ("-", "stdin") else "<stdin>"
        # flake8 selects and applies noqa: hand over every finding.
        result = check_source(text, path, Config(select=("SL",), follow_imports=_FOLLOW_IMPORTS))
        for diag in result.diagnostics:
            yield diag.line, max(diag.col - 1, 0), "%s %s" % (diag.code, _one_line(diag.message)), type(self)


def _one_line(message: str) -> str:
    return " ".join(message.split())
