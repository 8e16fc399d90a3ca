"""What the analysis could not see, said in the user's terms (`names --explain`,
`check --explain`): the calls it did not follow, each at the line of the analysed file that
led to it. A call not followed may have created any variable, so the names after it are
partly unknown, and errors it would hide are not reported.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from scopelint.analysis import tf_api
from scopelint.tf import registry
from scopelint.analysis.values import ApiFn, BoundMethod, ClassVal, FunctionVal, ModuleVal, OpaqueVal
from scopelint.semantics.values import UNKNOWN

MAX_BLINDSPOTS = 200  # per unit: the first ones explain the rest
ALWAYS = -1  # a Blindspot's events_before: it matters whatever came after it (the program ended there)
_MAX_CALLEE_TEXT = 60


@dataclass(frozen=True)
class Blindspot:
    line: int
    col: int
    message: str
    events_before: int = field(default=0, compare=False)  # the unit's events when it happened

    def as_json(self) -> Dict[str, Any]:
        return {"line": self.line, "col": self.col, "message": self.message}


def worth_naming_from_afar(callee: Any) -> bool:
    """Inside code a line calls, only a module not read or a TF API not modelled is named: the
    user can act on those (install the module, check the API); the rest is library detail."""
    return isinstance(callee, (ApiFn, ModuleVal))


def that_mattered(found: List[Blindspot], events: int) -> List[Blindspot]:
    """The blind spots after which the unit still created, shared or raised something."""
    return [b for b in found if b.events_before < events]


def describe(node: Optional[ast.Call], callee: Any, where: str) -> str:
    """Why the call at `node` (the innermost call being evaluated when unknown code ran) was
    not followed. `where`: a note on the file it sits in, when that is not the analysed file."""
    text = _callee_text(node)
    if isinstance(callee, ApiFn):
        public = tf_api.canonical(callee.qualname).replace("tensorflow.", "tf.", 1)
        reason = "%s is not modelled: it may create variables" % public
    elif isinstance(callee, OpaqueVal):
        reason = "%s is a method of an object scopelint does not model (%s)" % (text, _owner(callee.label))
    elif isinstance(callee, ModuleVal) and tf_api.is_safe_module(callee.qualname):
        reason = "%s was given the program's own objects, which it may call" % text
    elif isinstance(callee, ModuleVal):
        reason = "%s is in a module scopelint does not read (%s)" % (text, callee.qualname.split(".")[0])
    elif isinstance(callee, (FunctionVal, BoundMethod, ClassVal)):
        reason = "%s was called with arguments scopelint could not unpack (*args/**kwargs)" % text
    elif callee is UNKNOWN and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        reason = "the value of `%s` is unknown here (a parameter, or a value scopelint lost), so %s was not " \
                 "followed" % (_shortened(node.func.value), text)
    elif callee is UNKNOWN:
        reason = "what %s calls is unknown here" % text
    else:
        reason = "%s could not be followed" % text
    return reason + where


def _owner(label: str) -> str:
    """`train.FtrlOptimizer.minimize` -> `tf.train.FtrlOptimizer`: the object, in TF's spelling."""
    owner = label.rsplit(".", 1)[0] if "." in label else label
    if registry.tf_has("tensorflow." + owner):
        return "tf." + owner
    return owner


def _callee_text(node: Optional[ast.Call]) -> str:
    return "a call" if node is None else "`%s()`" % _shortened(node.func)


def _shortened(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # an odd node from Python 2 conversion: say less, never fail
        return "?"
    return text if len(text) <= _MAX_CALLEE_TEXT else text[:_MAX_CALLEE_TEXT - 3] + "..."
