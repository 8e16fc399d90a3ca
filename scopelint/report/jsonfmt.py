"""The JSON report (schema: docs/report-schema.json)."""

from __future__ import annotations

import json

from scopelint.report import Report

SCHEMA_VERSION = 1


def as_data(report: Report) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "scopelint_version": report.version,
        "roots": list(report.roots),
        "summary": {
            "files": len(report.results),
            "analysed": len(report.analysed),
            "skipped": len(report.skipped),
            "findings": report.findings,
            "variables": report.variables,
            "fully_known": report.fully_known,
            "coverage": round(report.coverage(), 4),
            "by_rule": report.rule_counts(),
        },
        "files": [result.as_json() for result in report.results],
    }


def render(report: Report) -> str:
    return json.dumps(as_data(report), indent=2)
