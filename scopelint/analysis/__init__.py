"""Static analysis: source text -> (ast gate) -> abstract interpretation of the module body
and of every uncalled function (entry points) -> events and findings. Executes nothing."""

from __future__ import annotations

import ast
import fnmatch
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from scopelint.analysis import blindspots, loader, path_journal
from scopelint.analysis.blindspots import Blindspot
from scopelint.analysis.fix_sites import FixSite
from scopelint.analysis.interpreter import Budget, Finding, Interpreter
from scopelint.analysis.memoized import CachedFunction
from scopelint.analysis.relevance import entry_may_matter
from scopelint.analysis.values import ClassVal, FunctionVal, InstanceVal
from scopelint.semantics.events import VariableCreated, VariableShared
from scopelint.semantics.graph import GraphState
from scopelint.semantics.values import UNKNOWN
from scopelint.schema import variable_json
from scopelint.py2 import modernize, remaining_error
from scopelint.source import Source, describe_syntax_error, looks_like_python2

MODULE_STEPS = 600_000
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
    site: Optional[FixSite] = field(default=None, compare=False)  # where a fix edits (scopelint/fix), if known

    def as_json(self) -> Dict[str, Any]:
        return {"code": self.code, "line": self.line, "col": self.col, "message": self.message,
                "raised_line": self.frames[-1][0] if self.frames else self.line,
                "frames": [list(f) for f in self.frames]}


@dataclass
class UnitResult:
    """One analysed execution: the module body (entry None) or one entry point."""

    entry: Optional[str]
    variables: List[Dict[str, Any]]
    diagnostics: List[Diagnostic]
    warnings: List[Diagnostic]
    incomplete: bool = False
    stopped_at: int = 0  # where a work budget ran out (0: unknown, or it did not)
    not_followed: List[Blindspot] = field(default_factory=list)  # calls the analysis could not see into

    def as_json(self) -> Dict[str, Any]:
        return {"variables": self.variables, "diagnostics": [d.as_json() for d in self.diagnostics],
                "warnings": [d.as_json() for d in self.warnings], "incomplete": self.incomplete,
                "not_followed": [b.as_json() for b in self.not_followed]}


@dataclass
class ModuleAnalysis:
    path: str
    module: Optional[UnitResult]
    entries: Dict[str, UnitResult] = field(default_factory=dict)
    notices: List[Diagnostic] = field(default_factory=list)
    dependencies: List[str] = field(default_factory=list)  # other files read (followed imports)
    entries_not_analysed: List[str] = field(default_factory=list)  # cut by the file's total work budget

    @property
    def incomplete(self) -> bool:
        units = ([self.module] if self.module else []) + list(self.entries.values())
        return bool(self.entries_not_analysed) or any(u.incomplete for u in units)

    def all_findings(self) -> List[Diagnostic]:
        """Errors and warnings of the module body and every entry point, each line once."""
        seen = set()
        out: List[Diagnostic] = []
        units = ([self.module] if self.module else []) + list(self.entries.values())
        notices = list(self.notices)
        for unit in units:
            if unit.incomplete:
                where = "the module body" if unit.entry is None else unit.entry
                notices.append(Diagnostic(self.path, unit.stopped_at or 1, 1, "SL002",
                                          "analysis of %s stopped at its work budget; names past that point are "
                                          "partly unknown" % where, (), unit.entry))
        for diag in notices + [d for u in units for d in u.diagnostics + u.warnings]:
            key = (diag.line, diag.code)
            if key not in seen:
                seen.add(key)
                out.append(diag)
        out.sort(key=lambda d: (d.line, d.col, d.code))
        return out

    def not_followed(self) -> List[Blindspot]:
        """The calls not followed, of the module body and every entry point, each once, by line."""
        units = ([self.module] if self.module else []) + list(self.entries.values())
        found = {(b.line, b.message): b for unit in units for b in unit.not_followed}
        return sorted(found.values(), key=lambda b: (b.line, b.col, b.message))

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
            "not_followed": [b.as_json() for b in module.not_followed] if module else [],
            "notices": [d.as_json() for d in self.notices],
            "entry_points": {name: unit.as_json() for name, unit in self.entries.items()},
        }


def analyze_source(source: Source, strict: bool = False, fresh_entries: Optional[str] = None,
                   follow_imports: bool = True, work_budget: float = 1.0) -> ModuleAnalysis:
    """`fresh_entries`: a glob of function names that are known to be called first in a fresh
    graph at the root scope, without arguments (a test harness's units); other entry points get
    an unknown context."""
    path = source.path
    if source.error is not None:
        return ModuleAnalysis(path, None, notices=[Diagnostic(path, 1, 1, "SL001", source.error)])
    python2 = False
    try:
        tree = ast.parse(source.text, filename=path)
    except SyntaxError as exc:
        # Python 2 (much TF1 code is): analysed once its syntax is rewritten, line for line.
        python2_like = looks_like_python2(source.text)
        modern = modernize(source.text) if python2_like else None
        if modern is None:
            # Python 2 that could not be rewritten: name what still fails once the rest is.
            blocking = (remaining_error(source.text) if python2_like else None) or exc
            message = describe_syntax_error(source.text, blocking, path=path)
            return ModuleAnalysis(path, None, notices=[Diagnostic(path, blocking.lineno or 1, (blocking.offset or 1),
                                                                  "SL001", message)])
        tree, python2 = ast.parse(modern, filename=path), True
    except (RecursionError, MemoryError, ValueError) as exc:
        return ModuleAnalysis(path, None, notices=[Diagnostic(path, 1, 1, "SL001", "not analysed: %s"
                                                              % (type(exc).__name__,))])
    return analyze_tree(tree, path, strict=strict, fresh_entries=fresh_entries, python2=python2,
                        follow_imports=follow_imports, work_budget=work_budget)


def analyze_tree(tree: ast.Module, path: str, strict: bool = False, fresh_entries: Optional[str] = None,
                 python2: bool = False, follow_imports: bool = True, work_budget: float = 1.0) -> ModuleAnalysis:
    """`work_budget` scales the work limits (MODULE_STEPS, ENTRY_STEPS, TOTAL_STEPS)."""
    module_steps, entry_steps, total_steps = (MODULE_STEPS * work_budget, ENTRY_STEPS * work_budget,
                                              TOTAL_STEPS * work_budget)
    loader.new_analysis()
    interp = Interpreter(tree, path, Budget(module_steps), strict=strict, python2=python2)
    interp.follow_imports = follow_imports
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 20_000))
    try:
        module_unit = _run_unit(interp, None, lambda: interp.run_module())
        analysis = ModuleAnalysis(path, module_unit)
        spent = module_steps - interp.budget.steps
        for name, function, owner in _entry_points(interp, tree):
            # (before the relevance test, which may load a model of TF's library: never on a spent budget)
            interp.budget = Budget(entry_steps)
            if not entry_may_matter(interp, function, owner):
                continue  # it cannot reach TF: its analysis would report nothing
            if spent >= total_steps:
                _cut(analysis, name, function)  # the file's work is spent: this one is not analysed
                continue
            fresh = fresh_entries is not None and fnmatch.fnmatchcase(name, fresh_entries)
            journal = path_journal.Journal(path_journal.new_floor())  # what it changes of the module's values
            unit = _run_unit(interp, name, lambda: interp.run_entry(function, owner, fresh), journal)
            spent += entry_steps - interp.budget.steps
            if (unit.diagnostics or unit.warnings or interp.entry_raised) and not fresh and spent < total_steps:
                # Run with its defaults, it is told a mistake that may be theirs alone: callers
                # elsewhere may pass anything (`def f(reuse=False)` that creates `w` twice raises
                # only for f(), f(reuse=True) shares), and defaults that always raise are not how
                # it is called (gpt-2's `sample_sequence(start_token=None, context=None)` asserts
                # that one is given). What it is told is what it does whatever it is given: its run
                # with unknown arguments (from the module's values as that run found them), whose
                # names stand with them.
                path_journal.undo(journal)
                interp.budget = Budget(entry_steps)
                unit = _run_unit(interp, name, lambda: interp.run_entry(function, owner, fresh, defaults=False))
                spent += entry_steps - interp.budget.steps
            analysis.entries[name] = unit
    finally:
        sys.setrecursionlimit(old_limit)
    analysis.dependencies = sorted(interp.read_files)
    for unit in ([analysis.module] if analysis.module else []) + list(analysis.entries.values()):
        for diag in unit.diagnostics + unit.warnings:
            object.__setattr__(diag, "path", path)
    return analysis


def _cut(analysis: ModuleAnalysis, name: str, function: FunctionVal) -> None:
    if not analysis.entries_not_analysed:
        analysis.notices.append(Diagnostic(
            analysis.path, function.node.lineno, function.node.col_offset + 1, "SL002",
            "analysis of the file stopped at its work budget: %s and the entry points after it were not "
            "analysed" % name, (), name))
    analysis.entries_not_analysed.append(name)


def _run_unit(interp: Interpreter, entry: Optional[str], run: Any,
              journal: Optional[path_journal.Journal] = None) -> UnitResult:
    interp.findings, interp.warnings, interp.incomplete = [], [], False
    interp.blindspots, interp.call_context = {}, []
    interp.frames, interp.loops, interp.calls, interp.cleanups, interp.tries = [], [], [], [], []
    # Graphs an earlier unit built may hold anything by the time this one runs.
    interp.graph_states = {graph_id: None for graph_id in interp.graph_states}
    interp.call_stack, interp.local_envs, interp.second_iteration = [], [], 0
    interp.journals = [journal] if journal is not None else []
    interp.alternative_depth = 0
    interp.graph_nesting = 0
    interp.comprehension_sizes = []
    interp.reset_model_state()
    try:
        graph: Optional[GraphState] = run()
    except RecursionError:
        graph = None
        interp.incomplete = True
    except Exception:
        # An analyzer bug must cost this unit its results, never the user's run (strict: tests see it).
        if interp.strict:
            raise
        graph = None
        interp.incomplete = True
        interp.findings = []
    events = graph.events if graph is not None else []
    variables = [variable_json(e, with_certainty=True) for e in events
                 if isinstance(e, (VariableCreated, VariableShared))]
    diagnostics = [_diagnostic(f, entry) for f in interp.findings]
    warnings = [_diagnostic(f, entry) for f in interp.warnings]
    return UnitResult(entry, variables, diagnostics, _dedupe(warnings), interp.incomplete or interp.budget.exhausted,
                      interp.budget.stopped_at, blindspots.that_mattered(list(interp.blindspots.values()), len(events)))


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
    return Diagnostic("", finding.line, finding.col, finding.code, finding.message, finding.frames, entry,
                      finding.site)


def _entry_points(interp: Interpreter, tree: ast.Module) -> List[Tuple[str, FunctionVal, Optional[ClassVal]]]:
    """Module-level functions and methods of module-level classes that nothing in the module
    refers to (a reference anywhere, a call or a callback, makes it not an entry point)."""
    referenced = _referenced_names(tree)
    defined = {id(n) for n in tree.body}
    out: List[Tuple[str, FunctionVal, Optional[ClassVal]]] = []
    for name, value in list(interp.module_env.vars.items()):
        value = _cached(value)
        if isinstance(value, FunctionVal) and id(value.node) in defined and id(value.node) not in interp.called \
                and name not in referenced:
            out.append((name, value, None))
        elif isinstance(value, ClassVal) and value.node is not None and id(value.node) in defined:
            for attr, member in value.attrs.items():
                function = _cached(getattr(member, "getter", member))
                if isinstance(function, FunctionVal) and id(function.node) not in interp.called and \
                        attr not in referenced:
                    out.append(("%s.%s" % (name, attr), function, value))
        elif isinstance(value, InstanceVal):
            continue
    out.extend(_undecorated_entry_points(interp, tree))
    out.sort(key=lambda item: item[1].node.lineno)
    return out


def _cached(value: Any) -> Any:
    """The function an lru_cache wraps (its calls are followed: it is an entry point as a plain
    function is), or the value."""
    return value.function if isinstance(value, CachedFunction) else value


def _undecorated_entry_points(interp: Interpreter,
                              tree: ast.Module) -> List[Tuple[str, FunctionVal, Optional[ClassVal]]]:
    """Functions and methods whose decorator the analysis cannot see into (a registry's, a
    library's wrapper): callers got an unknown value, so nothing followed a call into their body,
    which is analysed on its own."""
    out: List[Tuple[str, FunctionVal, Optional[ClassVal]]] = []
    env = interp.module_env.vars
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = interp.undecorated.get(id(statement))
            if function is not None and env.get(statement.name) is UNKNOWN and id(statement) not in interp.called:
                out.append((statement.name, function, None))
        elif isinstance(statement, ast.ClassDef) and isinstance(env.get(statement.name), ClassVal):
            owner = env[statement.name]
            for member in statement.body:
                function = interp.undecorated.get(id(member)) if isinstance(
                    member, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
                if function is not None and owner.attrs.get(member.name) is UNKNOWN and \
                        id(member) not in interp.called:
                    out.append(("%s.%s" % (statement.name, member.name), function, owner))
    return out


def _referenced_names(tree: ast.Module) -> set:
    """Names read anywhere (`f`, `self.f`, `obj.f`), except inside the function of that name
    itself: a recursive function nothing else calls is still an entry point."""
    names = set()
    for statement in tree.body:
        units = [statement]
        if isinstance(statement, ast.ClassDef):
            units = list(statement.body) + [ast.Module(body=statement.bases + statement.decorator_list,
                                                       type_ignores=[])]
        for unit in units:
            own = getattr(unit, "name", None) if isinstance(unit, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
            for node in ast.walk(unit):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id != own:
                    names.add(node.id)
                elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and node.attr != own:
                    names.add(node.attr)
    return names
