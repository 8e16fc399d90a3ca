"""Fix one file: analyse it, and for each finding a fix is known for (SL101, SL102, SL201),
rewrite the source (scopelint.fix.edits), re-analyse the rewrite and keep it only if the gate
(scopelint.fix.gate) passes; then look again, since the fixed file may offer another. A
finding whose fix is not offered or not safe is reported with the reason."""

from __future__ import annotations

import ast
import codecs
import io
import tokenize
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Set, Tuple, Union

from scopelint.analysis.fix_sites import FixSite
from scopelint.api import Config, Diagnostic, FileResult, check_path, check_source, load_config
from scopelint.fix import edits
from scopelint.fix.gate import finding_key, refusal
from scopelint.source import decode_source

FIXABLE = ("SL101", "SL102", "SL201")
# Why a finding of that code got no fix when the analysis knows no site for it.
NO_SITE = {
    "SL101": "the failing call enters no `with tf.variable_scope(...)` of this file that the first creation did "
             "not (both are in one scope entry, or the entry is TensorFlow's or another module's)",
    "SL102": "no reuse_variables() call of this file left the root scope reusing",
    "SL201": "the reuse=False is not passed to a tf.variable_scope(...) call of this file",
}


@dataclass(frozen=True)
class Applied:
    code: str
    line: int  # the finding's line in the text the fix was made on
    summary: str


@dataclass(frozen=True)
class Refused:
    code: str
    line: int
    reason: str


@dataclass
class FileFix:
    path: str
    original: str
    fixed: str
    result: FileResult  # the analysis of `fixed`
    applied: List[Applied] = field(default_factory=list)
    refused: List[Refused] = field(default_factory=list)
    encoding: str = "utf-8"  # how the file is written back: as it was read
    bom: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def write(self) -> None:
        data = self.fixed.encode(self.encoding)
        with open(self.path, "wb") as handle:
            handle.write(codecs.BOM_UTF8 + data if self.bom else data)


def fix_path(path: str, config: Optional[Config] = None) -> FileFix:
    """`fix_source` on a file, decoded as the analysis decodes it; a file it cannot decode is
    only analysed (its SL001 says why)."""
    config = config if config is not None else load_config(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return FileFix(path, "", "", check_path(path, config))
    source = decode_source(path, data)
    if source.error is not None:
        return FileFix(path, "", "", check_source(data, path, config))
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    outcome = fix_source(source.text, path, config)
    outcome.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
    outcome.bom = data.startswith(codecs.BOM_UTF8)
    return outcome


Rewrite = Callable[[str], edits.Edit]


def fix_source(text: str, path: str, config: Optional[Config] = None) -> FileFix:
    """Every fix for `text` that passes the gate, applied one after the other."""
    config = config if config is not None else Config()
    result = check_source(text, path, config)
    outcome = FileFix(path, text, text, result)
    if result.skipped is not None or result.graph_free or not _parses(text):
        return outcome
    tried: Set[Tuple[str, str, Optional[str]]] = set()
    while True:
        target = next((d for d in outcome.result.diagnostics if d.code in FIXABLE and finding_key(d) not in tried),
                      None)
        if target is None:
            return outcome
        tried.add(finding_key(target))
        made = _fix_one(outcome.fixed, outcome.result, target, path, config)
        if isinstance(made, Refused):
            outcome.refused.append(made)
            continue
        applied, outcome.fixed, outcome.result = made
        outcome.applied.append(applied)


def _parses(text: str) -> bool:
    """The `ast` gate: only Python 3 that CPython parses is handed to libcst (Python 2 source
    is analysed after a rewrite, which a fix cannot write back)."""
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _fix_one(text: str, result: FileResult, target: Diagnostic, path: str,
             config: Config) -> Union[Refused, Tuple[Applied, str, FileResult]]:
    site = target.site
    if site is None:
        return Refused(target.code, target.line, "no fix offered: %s" % NO_SITE[target.code])
    not_offered: List[str] = []
    refused: List[str] = []
    for rewrite in candidate_rewrites(target, site):
        try:
            edit = rewrite(text)
        except edits.NotFixable as exc:
            not_offered.append("no fix offered: %s" % exc)
            continue
        after = check_source(edit.text, path, config)
        why = refusal(result, after, target, prevents_variables=target.code != "SL201")
        if why is None:
            return Applied(target.code, target.line, edit.summary), edit.text, after
        refused.append("not fixed: %s; %s" % (edit.summary, why))
    # The last rewrite the gate refused says most (AUTO_REUSE after reuse=True); else why none could be made.
    return Refused(target.code, target.line, (refused[-1:] or not_offered[:1] or ["no fix offered"])[0])


def candidate_rewrites(target: Diagnostic, site: FixSite) -> List[Rewrite]:
    """The rewrites to try for `target`, the most specific first."""
    if target.code == "SL201":
        return [lambda text: edits.remove_reuse_false(text, site)]
    if target.code == "SL101":
        # reuse=True when that entry only ever shares; AUTO_REUSE when it also makes the first build;
        # a scope whose reuse is the helper's parameter gets it from the second call.
        return [lambda text: edits.add_reuse(text, site, auto=False),
                lambda text: edits.add_reuse(text, site, auto=True),
                lambda text: edits.pass_reuse_at_call(text, site, target.line)]
    return [lambda text: edits.scope_the_reuse(text, site, target.line)]
