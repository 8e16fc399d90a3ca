"""The SARIF 2.1.0 report, as GitHub code scanning reads it (`github/codeql-action/upload-sarif`).

One run: the rule catalog as `tool.driver.rules`, one result per finding (its traceback frames as
related locations), and the files that could not be analysed as tool execution notifications.
Locations are relative to `%SRCROOT%` (the current directory) so code scanning maps them onto
the repository; `partialFingerprints` hash the finding and its source line, not its line number,
so a finding keeps its identity when code above it moves."""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
from pathlib import Path
from typing import Any, Dict, List, Optional

from scopelint.report import Report
from scopelint.rules import BY_CODE, RULES, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/scopelint/scopelint"
RULE_DOCS_BASE = INFORMATION_URI + "/blob/main/docs/rules/"
SRCROOT = "%SRCROOT%"


def rule_help_uri(code: str) -> str:
    return "%s%s.md" % (RULE_DOCS_BASE, code)


def _rule_level(rule: Rule) -> str:
    if not rule.enabled:
        return "none"
    return "error" if rule.raises else "warning"


def _result_level(code: str) -> str:
    rule = BY_CODE.get(code)
    if rule is None:
        return "warning"
    if not rule.enabled:  # reported only when selected explicitly: informational
        return "note"
    return "error" if rule.raises else "warning"


def _full_description(rule: Rule) -> str:
    if rule.raises:
        text = "%s. TensorFlow raises when the graph is built" % rule.title
        if rule.tf_message:
            text += ": ValueError: %s" % rule.tf_message
        return text + "."
    if rule.code.startswith("SL0"):
        return "%s (a notice about the analysis itself)." % rule.title
    return "%s. Does not raise, but the graph is not what the code suggests." % rule.title


def _rule_descriptor(rule: Rule) -> Dict[str, Any]:
    tags = ["tensorflow", "variable-scope", "correctness"]
    tags.append("error" if rule.raises else ("analysis" if rule.code.startswith("SL0") else "maintainability"))
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": _full_description(rule)},
        "help": {
            "text": "%s\n\nSee %s" % (rule.fix, rule_help_uri(rule.code)),
            "markdown": "**Fix:** %s\n\n[%s %s](%s)" % (rule.fix, rule.code, rule.slug, rule_help_uri(rule.code)),
        },
        "helpUri": rule_help_uri(rule.code),
        "defaultConfiguration": {"enabled": rule.enabled, "level": _rule_level(rule)},
        "properties": {
            "tags": tags,
            "precision": "high",
            "problem.severity": "error" if rule.raises else ("recommendation" if not rule.enabled else "warning"),
        },
    }


def artifact_location(path: str, root: Optional[str] = None) -> Dict[str, str]:
    """A path as SARIF wants it: relative to %SRCROOT% with forward slashes, URI-escaped; a file
    outside the root keeps its absolute `file:` URI (code scanning cannot map it anyway)."""
    root = os.path.abspath(root if root is not None else os.getcwd())
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        relative = None
    if relative is None or relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": Path(absolute).as_uri()}
    return {"uri": urllib.parse.quote(relative.replace(os.sep, "/"), safe="/"), "uriBaseId": SRCROOT}


class _Lines:
    """Source lines for fingerprints, each file read once; empty when unreadable."""

    def __init__(self) -> None:
        self._files: Dict[str, List[str]] = {}

    def line(self, path: str, number: int) -> str:
        if path not in self._files:
            from scopelint.source import read_source

            source = read_source(path)
            self._files[path] = source.text.splitlines() if source.error is None else []
        lines = self._files[path]
        return lines[number - 1] if 0 < number <= len(lines) else ""


def utf16_column(line_text: str, col: int) -> int:
    """The analysis counts columns in UTF-8 bytes (as Python's ast does); SARIF's default column
    kind counts UTF-16 code units. Same number on an ASCII line."""
    if not line_text or col <= 1:
        return max(col, 1)
    prefix = line_text.encode("utf-8")[:col - 1].decode("utf-8", "ignore")
    return len(prefix.encode("utf-16-le")) // 2 + 1


def line_hash(code: str, uri: str, message: str, line_text: str) -> str:
    """Stable across line moves: what was found, where (file) and the line's text, not its number."""
    key = "\0".join((code, uri, message, line_text.strip()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _physical(location: Dict[str, str], line: int, col: Optional[int] = None) -> Dict[str, Any]:
    region: Dict[str, int] = {"startLine": max(line, 1)}
    if col is not None:
        region["startColumn"] = max(col, 1)
    return {"physicalLocation": {"artifactLocation": dict(location), "region": region}}


def as_data(report: Report) -> Dict[str, Any]:
    rule_index = {rule.code: index for index, rule in enumerate(RULES)}
    lines = _Lines()
    results: List[Dict[str, Any]] = []
    for file_result in report.results:
        location = artifact_location(file_result.path)
        seen: Dict[str, int] = {}
        for diag in file_result.diagnostics:
            text = lines.line(file_result.path, diag.line)
            digest = line_hash(diag.code, location["uri"], diag.message, text)
            seen[digest] = seen.get(digest, 0) + 1  # identical findings in one file: told apart by order
            result: Dict[str, Any] = {"ruleId": diag.code}
            if diag.code in rule_index:
                result["ruleIndex"] = rule_index[diag.code]
            result.update({
                "level": _result_level(diag.code),
                "message": {"text": diag.message},
                "locations": [_physical(location, diag.line, utf16_column(text, diag.col))],
                "partialFingerprints": {"primaryLocationLineHash": "%s:%d" % (digest, seen[digest])},
            })
            if len(diag.frames) > 1:
                related = []
                for number, (line, function) in enumerate(diag.frames):
                    where = _physical(location, line)
                    where["id"] = number + 1
                    what = "raised here, in %s" if number == len(diag.frames) - 1 else "called from %s"
                    where["message"] = {"text": what % function}
                    related.append(where)
                result["relatedLocations"] = related
            if diag.entry:
                result["properties"] = {"entry": diag.entry}
            results.append(result)
    notifications = [
        {
            "level": "warning",
            "message": {"text": "%s not analysed: %s" % (r.path, r.skipped)},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}],
            "associatedRule": {"id": "SL001", "index": rule_index["SL001"]},
        }
        for r in report.skipped
    ]
    invocation: Dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: Dict[str, Any] = {
        "tool": {"driver": {
            "name": "scopelint",
            "version": report.version,
            "semanticVersion": report.version,
            "informationUri": INFORMATION_URI,
            "rules": [_rule_descriptor(rule) for rule in RULES],
        }},
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(os.getcwd())}},
        "invocations": [invocation],
        "results": results,
        "columnKind": "utf16CodeUnits",
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _directory_uri(path: str) -> str:
    uri = Path(os.path.abspath(path)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def render(report: Report) -> str:
    return json.dumps(as_data(report), indent=2)
