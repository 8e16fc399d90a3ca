"""pylint front end: `pylint --load-plugins=scopelint_pylint` runs scopelint on each module pylint checks.

A thin adapter over `scopelint.api.check_source`: scopelint's own configuration
(`[tool.scopelint]` select/ignore/per-file-ignores) and `# noqa` are applied by the api; pylint
then applies its own message control (`--disable`, `# pylint: disable=scopelint-variable-exists`
or `disable=E9411`) because every finding is added with its line. One message per rule, built
from `scopelint.rules.RULES`: id `rule.pylint_id`, symbol `scopelint-<slug>`. Rules scopelint
keeps off by default (SL002) are registered off; `--enable=scopelint-analysis-incomplete` turns
them on in both tools. A module the analysis cannot handle never fails pylint's run.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple

from pylint.checkers import BaseRawFileChecker

from scopelint import __version__
from scopelint.rules import BY_CODE, RULES, Rule

if TYPE_CHECKING:  # pragma: no cover
    from astroid import nodes
    from pylint.lint import PyLinter

__all__ = ["ScopelintChecker", "register", "SYMBOL_PREFIX", "symbol", "message_definitions"]

SYMBOL_PREFIX = "scopelint-"


def symbol(rule: Rule) -> str:
    """The pylint symbol of a rule: `scopelint-variable-exists` for SL101."""
    return SYMBOL_PREFIX + rule.slug


def message_definitions() -> Dict[str, Tuple[str, str, str, Dict[str, Any]]]:
    """pylint's `msgs` table, one row per scopelint rule."""
    msgs: Dict[str, Tuple[str, str, str, Dict[str, Any]]] = {}
    for rule in RULES:
        if not rule.pylint_id:
            continue
        help_text = "%s (scopelint %s). %s" % (rule.title, rule.code, rule.fix)
        msgs[rule.pylint_id] = ("%s", symbol(rule), help_text, {"default_enabled": rule.enabled})
    return msgs


class ScopelintChecker(BaseRawFileChecker):
    """Reports scopelint's findings for the module as pylint messages."""

    name = "scopelint"
    version = __version__
    msgs = message_definitions()

    def __init__(self, linter: "PyLinter") -> None:
        super().__init__(linter)
        self._configs: Dict[str, Any] = {}

    def open(self) -> None:
        self._configs = {}

    def process_module(self, node: "nodes.Module") -> None:
        try:
            self._process(node)
        except Exception as exc:  # never fail pylint's run: say what broke, on this module
            self._report_internal_error(node, "%s: %s" % (type(exc).__name__, exc))

    # ------------------------------------------------------------------ internals

    def _process(self, node: "nodes.Module") -> None:
        from scopelint.api import check_source

        path = node.file or "<stdin>"
        data = self._read(node)
        if data is None:
            return  # nothing pylint itself could read either
        config = self._config(path)
        result = check_source(data, path, config)
        reported = set()
        for diag in result.diagnostics:
            rule = BY_CODE.get(diag.code)
            if rule is None or not rule.pylint_id:
                continue
            self.add_message(symbol(rule), line=diag.line, col_offset=max(diag.col - 1, 0),
                             args=(_text(diag.message, diag.frames, diag.line),))
            reported.add(diag.code)
        if result.skipped and result.skipped.startswith("internal error") and "SL001" not in reported \
                and config.selects("SL001", path):
            self._report_internal_error(node, result.skipped[len("internal error"):].lstrip(": "))

    @staticmethod
    def _read(node: "nodes.Module") -> Optional[bytes]:
        """The bytes pylint parsed (a file, or `--from-stdin`'s text)."""
        try:
            with node.stream() as stream:
                data = stream.read()
        except Exception:
            return None
        return data if isinstance(data, bytes) else str(data).encode("utf-8")

    def _config(self, path: str) -> Any:
        """scopelint's configuration for `path` (nearest pyproject.toml), plus rules scopelint keeps
        off by default that pylint has been told to enable (`--enable=scopelint-analysis-incomplete`)."""
        from scopelint.config import Config, load_config

        directory = os.path.dirname(os.path.abspath(path)) if path != "<stdin>" else os.getcwd()
        config = self._configs.get(directory)
        if config is None:
            try:
                config = load_config(directory)
            except Exception:
                config = Config()
            extra = tuple(rule.code for rule in RULES
                          if not rule.enabled and rule.pylint_id and self.linter.is_message_enabled(rule.pylint_id))
            if extra:
                config = dataclasses.replace(config, extend_select=tuple(config.extend_select) + extra)
            self._configs[directory] = config
        return config

    def _report_internal_error(self, node: "nodes.Module", what: str) -> None:
        rule = BY_CODE["SL001"]
        try:
            self.add_message(symbol(rule), line=1, col_offset=0,
                             args=("not analysed: internal error in scopelint: %s" % what,))
        except Exception:
            pass


def _text(message: str, frames: Tuple[Tuple[int, str], ...], line: int) -> str:
    text = " ".join(message.split())
    if frames and frames[-1][0] != line:
        text += " (raised at line %s in %s)" % (frames[-1][0], frames[-1][1])
    return text


def register(linter: "PyLinter") -> None:
    """pylint's plugin entry point (`--load-plugins=scopelint_pylint`)."""
    linter.register_checker(ScopelintChecker(linter))
