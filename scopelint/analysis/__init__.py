"""Static analysis: source text -> (ast gate) -> abstract interpretation of the module body
and of every uncalled function (entry points) -> events and findings. Executes nothing."""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from scopelint.analysis.interpreter import Budget, Finding, Interpreter
from scopelint.analysis.values import ClassVal, FunctionVal, InstanceVal
from scopelint.semantics.events import VariableCreated, VariableShared
from scopelint.semantics.graph import GraphState
from scopelint.semantics.shapes import to_json
from scopelint.semantics.values import render
from scopelint.source import Source, describe_syntax_error

MODULE_STEPS = 400_000
ENTRY_STEPS = 100_000
TOTAL_STEPS = 2_000_000


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    frames: Tuple[Tuple[int, str], ...] = ()
    entry: Optional[str] = None

    def as_json(self) -> Dict[str, Any]:
        return {"code": self.code, "line": self.line, "col": self.col, "message": self.message,
                "frames": [list(f) for f in self.frames]}


@dataclass
class UnitResult:
    """One analysed execution: the module body (entry None) or one entry point."""

    entry: Optional[str]
    variables: List[Dict[str, Any]]
    diagnostics: List[Diagnostic]
    warnings: List[Diagnostic]
    incomplete: bool = False

    def as_json(self) -> Dict[str, Any]:
        return {"variables": self.variables, "diagnostics": [d.as_json() for d in self.diagnostics],
                "warnings": [d.as_json() for d in self.warnings], "incomplete": self.incomplete}


@dataclass
class ModuleAnalysis:
    path: str
    module: Optional[UnitResult]
    entries: Dict[str, UnitResult] = field(default_factory=dict)
    notices: List[Diagnostic] = field(default_factory=list)

    def all_findings(self) -> List[Diagnostic]:
        """Errors and warnings of the module body and every entry point, each line once."""
        seen = set()
        out: List[Diagnostic] = []
        units = ([self.module] if self.module else []) + list(self.entries.values())
        notices = list(self.notices)
        for unit in units:
            if unit.incomplete:
                where = "the module body" if unit.entry is None else unit.entry
                notices.append(Diagnostic(self.path, 1, 1, "SL002", "analysis of %s stopped at its work budget; "
                                          "names past that point are partly unknown" % where, (), unit.entry))
        for diag in notices + [d for u in units for d in u.diagnostics + u.warnings]:
            key = (diag.line, diag.code)
            if key not in seen:
                seen.add(key)
                out.append(diag)
        out.sort(key=lambda d: (d.line, d.col, d.code))
        return out

    def as_json(self) -> Dict[str, Any]:
        module = self.module
        return {
            "file": self.path,
            "entry": None,
            "variables": module.variables if module else [],
            "diagnostics": [d.as_json() for d in module.diagnostics] if module else [],
            "warnings": [d.as_json() for d in module.warnings] if module else [],
            "exception": None,
            "incomplete": bool(module and module.incomplete),
            "notices": [d.as_json() for d in self.notices],
            "entry_points": {name: unit.as_json() for name, unit in self.entries.items()},
        }


def analyze_source(source: Source, strict: bool = False) -> ModuleAnalysis:
    path = source.path
    if source.error is not None:
        return ModuleAnalysis(path, None, notices=[Diagnostic(path, 1, 1, "SL001", source.error)])
    try:
        tree = ast.parse(source.text, filename=path)
    except SyntaxError as exc:
        message = describe_syntax_error(source.text, exc)
        return ModuleAnalysis(path, None, notices=[Diagnostic(path, exc.lineno or 1, (exc.offset or 1), "SL001",
                                                              message)])
    except (RecursionError, MemoryError, ValueError) as exc:
        return ModuleAnalysis(path, None, notices=[Diagnostic(path, 1, 1, "SL001", "not analysed: %s"
                                                              % (type(exc).__name__,))])
    return analyze_tree(tree, path, strict=strict)


def analyze_tree(tree: ast.Module, path: str, strict: bool = False) -> ModuleAnalysis:
    interp = Interpreter(tree, path, Budget(MODULE_STEPS), strict=strict)
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 20_000))
    try:
        module_unit = _run_unit(interp, None, lambda: interp.run_module())
        analysis = ModuleAnalysis(path, module_unit)
        spent = MODULE_STEPS - interp.budget.steps
        for name, function, owner in _entry_points(interp, tree):
            if spent >= TOTAL_STEPS:
                break
            interp.budget = Budget(ENTRY_STEPS)
            analysis.entries[name] = _run_unit(interp, name, lambda: interp.run_entry(function, owner))
            spent += ENTRY_STEPS - interp.budget.steps
    finally:
        sys.setrecursionlimit(old_limit)
    for unit in ([analysis.module] if analysis.module else []) + list(analysis.entries.values()):
        for diag in unit.diagnostics + unit.warnings:
            object.__setattr__(diag, "path", path)
    return analysis


def _run_unit(interp: Interpreter, entry: Optional[str], run: Any) -> UnitResult:
    interp.findings, interp.warnings, interp.incomplete = [], [], False
    interp.frames, interp.loops, interp.calls, interp.cleanups = [], [], [], []
    interp.call_stack, interp.local_envs, interp.second_iteration = [], [], 0
    try:
        graph: Optional[GraphState] = run()
    except RecursionError:
        graph = None
        interp.incomplete = True
    events = graph.events if graph is not None else []
    variables = [_variable(e) for e in events if isinstance(e, (VariableCreated, VariableShared))]
    diagnostics = [_diagnostic(f, entry) for f in interp.findings]
    warnings = [_diagnostic(f, entry) for f in interp.warnings]
    return UnitResult(entry, variables, diagnostics, _dedupe(warnings), interp.incomplete or interp.budget.exhausted)


def _dedupe(items: List[Diagnostic]) -> List[Diagnostic]:
    seen = set()
    out = []
    for item in items:
        key = (item.line, item.code)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _diagnostic(finding: Finding, entry: Optional[str]) -> Diagnostic:
    return Diagnostic("", finding.line, finding.col, finding.code, finding.message, finding.frames, entry)


def _variable(event: Any) -> Dict[str, Any]:
    return {
        "name": render(event.name),
        "line": event.frames[-1][0] if event.frames else None,
        "action": event.action,
        "shape": to_json(event.shape),
        "dtype": event.dtype.name if hasattr(event.dtype, "name") else None,
        "certain": event.certain,
    }


def _entry_points(interp: Interpreter, tree: ast.Module) -> List[Tuple[str, FunctionVal, Optional[ClassVal]]]:
    """Module-level functions and methods of module-level classes that nothing called."""
    defined = {id(n) for n in tree.body}
    out: List[Tuple[str, FunctionVal, Optional[ClassVal]]] = []
    for name, value in list(interp.module_env.vars.items()):
        if isinstance(value, FunctionVal) and id(value.node) in defined and id(value.node) not in interp.called:
            out.append((name, value, None))
        elif isinstance(value, ClassVal) and value.node is not None and id(value.node) in defined:
            for attr, member in value.attrs.items():
                function = getattr(member, "getter", member)
                if isinstance(function, FunctionVal) and id(function.node) not in interp.called:
                    out.append(("%s.%s" % (name, attr), function, value))
        elif isinstance(value, InstanceVal):
            continue
    out.sort(key=lambda item: item[1].node.lineno)
    return out
