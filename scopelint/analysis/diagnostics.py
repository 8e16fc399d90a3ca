"""Reporting what the abstract interpreter finds: scope errors raised on a path (certain ones become
findings), warnings, fix sites in the analysed file, and the calls it could not follow (--explain)."""

from __future__ import annotations

import ast
import os
from typing import Optional

from scopelint.analysis import blindspots
from scopelint.analysis.analysis_state import AnalysisState, Finding, State
from scopelint.analysis.fix_sites import FixSite
from scopelint.analysis.scope_managers import _ScopeExit
from scopelint.analysis.work_limits import FOLLOWED_FILE, PROJECT
from scopelint.semantics import errors as scope_errors
from scopelint.semantics.locate import fix_frame
from scopelint.semantics.values import UNKNOWN


class Diagnostics(AnalysisState):
    """Mixin of the Interpreter: errors, warnings and blind spots."""

    def raised(self, exc: scope_errors.ScopeError, st: State) -> None:
        """A scope API raised on this path: report it if certain, and end the path."""
        frames = getattr(exc, "frames", None) or self._frames_tuple()
        catcher = next((t for t in reversed(self.tries) if t.catches_scope_errors), None)
        uncaught = catcher is None or catcher.reports_errors
        certain = st.graph.path_certain and uncaught and not self.second_iteration
        if self.second_iteration and exc.code == "SL101" and uncaught:
            loop_depth = self.loops[-1].frame_depth if self.loops else len(frames)
            at = frames[max(0, min(loop_depth, len(frames)) - 1)] if frames else (0, "")
            self.warnings.append(Finding(
                "SL111",
                "%s: a fixed name is created on every iteration of a loop whose trip count is unknown; "
                "the second iteration raises" % exc.message.split(",")[0], at[0], self._col_of(at), frames))
        if certain and frames:
            chosen = fix_frame(frames, exc.origin)
            finding = Finding(exc.code, exc.message, chosen[0], self._col_of(chosen), frames,
                              self.scope_sites.site_for(exc, st.graph))
            replacement = self._raised_while_unwinding(st) if not self._unwinding else None
            self.findings.append(replacement or finding)
        if catcher is not None:
            if not uncaught and st.graph.path_certain and not self.second_iteration:
                exc.frames = frames
                catcher.caught.append(exc)
            self._snapshot_raise(catcher, st)
        st.alive = False

    def _raised_while_unwinding(self, st: State) -> Optional[Finding]:
        """As a scope error propagates, the `with` blocks it leaves exit; one whose exit raises
        (a variable scope left open by a refused `__exit__`) replaces the error, as in Python.
        The exits are tried on a copy of the path; the last error they raise, if any, is what
        the program dies of."""
        exits = [c for c in self.cleanups if isinstance(c, _ScopeExit)]
        if not exits:
            return None
        probe = st.fork()
        probe.graph.muted = True
        saved = self.findings, self.warnings, self.runtime_graph.state, [list(f) for f in self.frames]
        self.findings, self.warnings = [], []
        self._unwinding = True
        try:
            for scope_exit in reversed(exits):
                probe.alive = True
                scope_exit(probe)
            produced = self.findings
        finally:
            self._unwinding = False
            self.findings, self.warnings, self.runtime_graph.state = saved[0], saved[1], saved[2]
            for frame, before in zip(self.frames, saved[3]):
                frame[:] = before
        return produced[-1] if produced else None

    def warn(self, code: str, message: str, node: ast.AST, site: Optional[FixSite] = None) -> None:
        frames = self._frames_tuple()
        if self.frames and len(self.frames[-1]) > 3:
            if self.frames[-1][3] != PROJECT or not frames:
                return  # in TF's code (a model) or an installed package's: not the program's to fix
            # in a module of the project: the user's code, reported (as TF's errors are) at the line
            # of this file the call went through (projects/warnings_in_project_module), naming the
            # module's line it is about, which is where to fix it
            where = self._followed_line(node)
            self.warnings.append(Finding(code, message + (" (in %s)" % where if where else ""), frames[-1][0],
                                         self._col_of(frames[-1]), frames))
            return
        line = getattr(node, "lineno", None) or (frames[-1][0] if frames else 0)
        self.warnings.append(Finding(code, message, line, getattr(node, "col_offset", 0) + 1, frames, site))

    def _followed_line(self, node: ast.AST) -> Optional[str]:
        """`net.py:9`: the followed module's file (relative to the analysed file's directory) and
        the line of `node` in it, where the running code is a function of one; else None (a
        module's body, whose import pushed no call: the innermost call is not its code)."""
        running_body = self.frames[-1][1] == "<module>"
        function = self.call_stack[-1] if self.call_stack and not running_body else None
        path = function.env.globals_env.vars.get(FOLLOWED_FILE) if function is not None else None
        line = getattr(node, "lineno", None)
        if not isinstance(path, str) or line is None:
            return None
        return "%s:%d" % (os.path.relpath(path, os.path.dirname(os.path.abspath(self.path))), line)

    def call_site_in_file(self, kind: str, node: Optional[ast.AST]) -> Optional[FixSite]:
        """The call `node` as a fix site, when it is the analysed file's own code."""
        if not isinstance(node, ast.Call) or not self.frames or len(self.frames[-1]) > 3:
            return None
        return FixSite(kind, node.lineno, node.col_offset)

    def _note_havoc(self, events_so_far: int) -> None:
        """Unknown code ran: remember the call, at the analysed file's line (--explain). A call
        in code the line calls is kept only when it leaves what the user would act on (a
        module not read, a TF API not modelled); `events_so_far` lets the unit keep only the
        calls after which variables or errors came, the ones that can matter to names."""
        if len(self.blindspots) >= blindspots.MAX_BLINDSPOTS:
            return
        last_visible = self._last_visible_frame()
        if last_visible is None:
            return
        line = last_visible[0]
        node, callee, depth = self.call_context[-1] if self.call_context else (None, None, 0)
        direct = node is not None and depth == len(self.frames) and len(self.frames[-1]) < 4 \
            and node.lineno == line
        if not direct and not blindspots.worth_naming_from_afar(callee):
            return
        message = blindspots.describe(node, callee, "" if direct else " (in code this line calls)")
        # One note a line for what is not followed inside it, or for values lost on it (`x.a().b()`).
        key = (line, message if direct and callee is not UNKNOWN else "")
        if key not in self.blindspots:
            col = node.col_offset + 1 if direct and node is not None else self._col_of(last_visible)
            self.blindspots[key] = blindspots.Blindspot(line, col, message, events_so_far)

    def note_certain_raise(self, st: State, what: str) -> None:
        """The program raises here (not a scope error) on every path the analysis sees: nothing
        after this line is predicted, which `--explain` says at the analysed file's line, whether
        or not anything was created after it (TF's batch_norm refusing channels the analysis
        could not compute would otherwise end an inventory silently)."""
        if not st.graph.path_certain or self.tries or self.second_iteration or self._unwinding or \
                self.alternative_depth or len(self.blindspots) >= blindspots.MAX_BLINDSPOTS:
            return
        last_visible = self._last_visible_frame()
        if last_visible is None:
            return
        message = "%s: the analysis takes this line to raise on every path, so nothing after it is predicted" % what
        key = (last_visible[0], message)
        if key not in self.blindspots:
            self.blindspots[key] = blindspots.Blindspot(last_visible[0], self._col_of(last_visible), message,
                                                        blindspots.ALWAYS)

    def note_module_unread(self, qualname: str, why: str) -> None:
        """An import the analysis did not follow for a limit of its own or a module it cannot
        parse (--explain, whether or not anything came after: an empty inventory is explained)."""
        last_visible = self._last_visible_frame()
        if last_visible is None or len(self.blindspots) >= blindspots.MAX_BLINDSPOTS:
            return
        message = "module %s was not read (%s): what it defines is unknown" % (qualname, why)
        key = (last_visible[0], message)
        if key not in self.blindspots:
            self.blindspots[key] = blindspots.Blindspot(last_visible[0], self._col_of(last_visible), message,
                                                        blindspots.ALWAYS)

    def _note_summarised_loop(self, count: int, st: State, limit: Optional[int] = None) -> None:
        """A loop of more iterations than the analysis unrolls ran as one of unknown length
        (--explain): names made in it are partly unknown, and its visible line says so."""
        last_visible = self._last_visible_frame()
        if last_visible is None or len(self.blindspots) >= blindspots.MAX_BLINDSPOTS:
            return
        message = "a loop of %d iterations was run as a loop of unknown length (scopelint unrolls at most %d)" % (
            count, limit or self._unroll_limit())
        key = (last_visible[0], message)
        if key not in self.blindspots:
            self.blindspots[key] = blindspots.Blindspot(last_visible[0], self._col_of(last_visible), message,
                                                        len(st.graph.events))
