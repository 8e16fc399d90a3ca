"""Version strings compared as TF1 code picks its API by TF's version:
`LooseVersion(tf.VERSION) >= LooseVersion('1.0.0')` (universe-starter-agent), with distutils'
rules: runs of digits compare as numbers, runs of letters as strings, dots separate. tf.VERSION
is the runtime's (the TF the oracle runs), so the branch TF takes is the one analysed."""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass
from typing import Any, Optional, Tuple, Union

from scopelint.semantics.values import UNKNOWN

LOOSE_VERSION_NAMES = frozenset({"distutils.version.LooseVersion", "setuptools._distutils.version.LooseVersion"})

_ORDER = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
          ast.Eq: operator.eq, ast.NotEq: operator.ne}


@dataclass(frozen=True)
class LooseVersionVal:
    vstring: str
    version: Tuple[Union[int, str], ...]


def loose_version(text: Any) -> Any:
    """distutils.version.LooseVersion(text) of a known string."""
    if not isinstance(text, str):
        return UNKNOWN
    parts: list = []
    run = ""
    for char in text + ".":
        kind = "digit" if char.isdigit() else "alpha" if "a" <= char <= "z" else "dot" if char == "." else "other"
        if run and (kind != _kind(run[-1]) or kind == "dot"):
            parts.append(int(run) if run.isdigit() else run)
            run = ""
        if kind != "dot":
            run += char
    return LooseVersionVal(text, tuple(parts))


def _kind(char: str) -> str:
    return "digit" if char.isdigit() else "alpha" if "a" <= char <= "z" else "other"


def compare(op: ast.cmpop, left: Any, right: Any) -> Optional[bool]:
    """`left op right` between LooseVersions (or one and a string, which LooseVersion parses);
    None when not such a comparison, or when Python would raise (a number against letters)."""
    if not isinstance(left, LooseVersionVal) and not isinstance(right, LooseVersionVal):
        return None
    if isinstance(left, str):
        left = loose_version(left)
    if isinstance(right, str):
        right = loose_version(right)
    function = _ORDER.get(type(op))
    if function is None or not isinstance(left, LooseVersionVal) or not isinstance(right, LooseVersionVal):
        return None
    try:
        return bool(function(left.version, right.version))
    except TypeError:
        return None  # `[1, 'rc'] < [1, 0]`: Python 3 cannot order them
