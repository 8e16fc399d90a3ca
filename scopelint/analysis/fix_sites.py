"""Where in the analysed file a fix would edit, as the interpretation learns it: the
`tf.variable_scope(...)` call behind each scope entry, and the `reuse_variables()` call that
set a root scope reusing. A finding carries the site its fix needs (scopelint/fix reads it
instead of re-deriving it from the text); a scope opened in TF's models, in another module or
by a call the analysis cannot place has no site, and then no fix is offered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from scopelint.semantics import errors as scope_errors

SCOPE_CALL = "variable_scope"  # the `tf.variable_scope(...)` call of the scope entry to change
REUSE_CALL = "reuse_variables"  # the `...reuse_variables()` call that set the root scope reusing


@dataclass(frozen=True)
class FixSite:
    """A call in the analysed file: `line` 1-based, `col` 0-based in UTF-8 bytes (as `ast`)."""

    kind: str  # SCOPE_CALL | REUSE_CALL
    line: int
    col: int


class ScopeSites:
    """Every variable scope entry of one analysis: its parent entry, and the call in the
    analysed file that opened it or set it reusing. Entries are VariableScope.sid values,
    unique per process, so forks of the state can share this record."""

    def __init__(self) -> None:
        self.parent: Dict[int, int] = {}
        self.opened_by: Dict[int, FixSite] = {}
        self.reuse_set_by: Dict[int, FixSite] = {}

    def entered(self, scope: Any, parent: Any, call: Optional[FixSite]) -> None:
        self.parent[scope.sid] = parent.sid
        if call is not None:
            self.opened_by[scope.sid] = call

    def reuse_set(self, scope: Any, call: FixSite) -> None:
        self.reuse_set_by[scope.sid] = call

    def chain(self, sid: int) -> List[int]:
        """The scope entries from the root down to `sid`."""
        out = [sid]
        while out[-1] in self.parent and len(out) < 10_000:
            out.append(self.parent[out[-1]])
        return out[::-1]

    def site_for(self, error: scope_errors.ScopeError, graph: Any) -> Optional[FixSite]:
        """The call a fix of `error` (raised with `graph.current` the scope in effect) edits."""
        if graph.current is None:
            return None
        now = self.chain(graph.current.sid)
        if isinstance(error, scope_errors.VariableExistsError) and error.origin_scope:
            # The first scope entry the failing call passes through that the first creation did
            # not: the second `with tf.variable_scope("D")` (or the one in a helper called twice).
            then = self.chain(error.origin_scope)
            for depth, sid in enumerate(now):
                if depth >= len(then) or then[depth] != sid:
                    return self.opened_by.get(sid)
            return None
        if isinstance(error, scope_errors.VariableMissingError):
            # The outermost scope that reuses; a root set reusing by `reuse_variables()` leaked.
            reusing = next((sid for sid in now if graph.reuse.get(sid) is True), None)
            if reusing is not None and reusing == now[0]:
                return self.reuse_set_by.get(reusing)
        return None
