"""The JSON schema that `scopelint run` (reference runtime) and `scopelint names` (static
analysis) share, so that their outputs diff directly."""

from __future__ import annotations

from typing import Any, Dict

from scopelint.semantics.shapes import to_json
from scopelint.semantics.values import render


def variable_json(event: Any, with_certainty: bool = False) -> Dict[str, Any]:
    """A VariableCreated/VariableShared event: name, line (innermost frame in the file), action."""
    item = {
        "name": render(event.name),
        "line": event.frames[-1][0] if event.frames else None,
        "action": event.action,
        "shape": to_json(event.shape),
        "dtype": event.dtype.name if hasattr(event.dtype, "name") else None,
    }
    if with_certainty:
        item["certain"] = event.certain
        saved = getattr(event, "saved", True)  # VariableShared: the variable as created
        item["saved"] = saved if isinstance(saved, bool) else None
        item["key"] = render(event.key) if event.key is not None else None
    return item
