"""Comparing two observations in the shared schema (static prediction vs. a real run)."""

from __future__ import annotations

import re
from typing import Any, Dict, List

from scopelint.report import format_shape

_VARIABLE_KEYS = ("name", "line", "action", "shape", "dtype")
_DIAGNOSTIC_KEYS = ("code", "line", "message")


def compare_runs(predicted: Dict[str, Any], observed: Dict[str, Any]) -> List[str]:
    """Differences between two `variables`/`diagnostics` lists, as readable lines."""
    out: List[str] = []
    pv = [tuple(v.get(k) for k in _VARIABLE_KEYS) for v in predicted.get("variables", [])]
    ov = [tuple(v.get(k) for k in _VARIABLE_KEYS) for v in observed.get("variables", [])]
    if pv != ov:
        for index in range(max(len(pv), len(ov))):
            p = pv[index] if index < len(pv) else None
            o = ov[index] if index < len(ov) else None
            if p != o:
                out.append("variable #%d: static %s, runtime %s" % (index + 1, _fmt(p), _fmt(o)))
    pd = [tuple(d.get(k) for k in _DIAGNOSTIC_KEYS) for d in predicted.get("diagnostics", [])]
    od = [tuple(d.get(k) for k in _DIAGNOSTIC_KEYS) for d in observed.get("diagnostics", [])]
    if len(pd) != len(od) or not all(p[:2] == o[:2] and _same_message(p[2], o[2]) for p, o in zip(pd, od)):
        out.append("errors: static predicts %s; the runtime raised %s" % (_errors(pd), _errors(od)))
    return out


def _same_message(predicted: Any, observed: Any) -> bool:
    """Equal, or equal but for the dimensions the analysis lost: `(?, 4)` in a predicted shape
    mismatch stands for the number the run printed."""
    if predicted == observed or not isinstance(predicted, str) or not isinstance(observed, str):
        return predicted == observed
    return "?" in predicted and re.fullmatch(re.escape(predicted).replace(r"\?", r"\d+"), observed) is not None


def _errors(items: List[Any]) -> str:
    if not items:
        return "none"
    return "; ".join("%s at line %s (%s)" % (code, line, message) for code, line, message in items)


def _fmt(item: Any) -> str:
    if item is None:
        return "nothing"
    name, line, action, shape, dtype = item
    dims = None if shape is None else tuple(shape)
    return "%s %s at line %s (shape %s, %s)" % (action, name, line, format_shape(dims), dtype or "?")
