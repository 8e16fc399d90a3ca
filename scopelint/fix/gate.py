"""The check every fix passes before it is written: scopelint re-analyses the rewritten file,
and the fix stands only if the finding is gone, no finding appears that was not there, and
every variable the original creates keeps its name, shape and dtype, in the same order. A fix
of an error may add variables after them: those the error prevented (an optimizer's slots
once `minimize` no longer raises). Lines are not compared: a fix may shift them."""

from __future__ import annotations

from collections import Counter
from typing import Dict, List, Optional, Tuple

from scopelint.api import Diagnostic, FileResult, InventoryEntry

VariableKey = Tuple[str, Optional[Tuple[Optional[int], ...]], Optional[str], bool]


def finding_key(diagnostic: Diagnostic) -> Tuple[str, str, Optional[str]]:
    """What identifies a finding across a rewrite that moves lines."""
    return diagnostic.code, diagnostic.message, diagnostic.entry


def refusal(before: FileResult, after: FileResult, target: Diagnostic, prevents_variables: bool) -> Optional[str]:
    """Why the rewrite that produced `after` must not be written, or None when it may.
    `prevents_variables`: `target` is an error, which stopped the program where it raised."""
    if after.skipped is not None:
        return "the rewritten file could not be analysed: %s" % after.skipped
    if after.incomplete and not before.incomplete:
        return "the analysis of the rewritten file stopped at its work budget, so it could not be checked"
    old = Counter(finding_key(d) for d in before.diagnostics)
    new = Counter(finding_key(d) for d in after.diagnostics)
    if new[finding_key(target)] >= old[finding_key(target)]:
        return "the finding would remain"
    appeared = new - old
    for diagnostic in after.diagnostics:
        if finding_key(diagnostic) in appeared:
            return "the rewritten file would report %s at line %d: %s" % (
                diagnostic.code, diagnostic.line, diagnostic.message)
    return _renamed(_by_unit(before.inventory), _by_unit(after.inventory), prevents_variables)


def _by_unit(inventory: Tuple[InventoryEntry, ...]) -> Dict[Optional[str], List[VariableKey]]:
    units: Dict[Optional[str], List[VariableKey]] = {}
    for variable in inventory:
        units.setdefault(variable.entry, []).append((variable.name, variable.shape, variable.dtype, variable.certain))
    return units


def _renamed(before: Dict[Optional[str], List[VariableKey]], after: Dict[Optional[str], List[VariableKey]],
             may_add: bool) -> Optional[str]:
    for unit in sorted(set(before) | set(after), key=lambda u: u or ""):
        old, new = before.get(unit, []), after.get(unit, [])
        where = "the module body" if unit is None else unit
        for index, variable in enumerate(old):
            if index >= len(new):
                return "%s would no longer create %s" % (where, _describe(variable))
            if new[index] != variable:
                return "%s would create %s where it creates %s" % (where, _describe(new[index]), _describe(variable))
        if len(new) > len(old) and not may_add:
            return "%s would also create %s" % (where, _describe(new[len(old)]))
    return None


def _describe(variable: VariableKey) -> str:
    name, shape, dtype, certain = variable
    shape_text = "?" if shape is None else "(%s)" % ", ".join("?" if d is None else str(d) for d in shape)
    return "%s %s %s%s" % (name, shape_text, dtype or "?", "" if certain else " (on some paths)")
