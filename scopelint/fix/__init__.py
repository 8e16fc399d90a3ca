"""`scopelint fix` and `check --fix`: source rewrites (libcst) for the findings a fix is known
for, each checked by re-analysis before it is written (docs/fixes.md). libcst is an optional
dependency (`pip install 'scopelint[fix]'`); the analysis never needs it."""

from __future__ import annotations

from typing import Optional

INSTALL_HINT = "pip install 'scopelint[fix]'  (or: pip install libcst)"


def libcst_missing() -> Optional[str]:
    """None when libcst can be imported; else what to tell the user."""
    try:
        import libcst  # noqa: F401
    except ImportError:
        return "fixes rewrite source with libcst, which is not installed: %s" % INSTALL_HINT
    return None
