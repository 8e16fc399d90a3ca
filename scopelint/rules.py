"""The rule catalog, as data: one frozen row per code. Codes are stable forever.

SL0xx: input and analysis notices. SL1xx: the line raises when the graph is built.
SL2xx: quiet or count-dependent mistakes that do not raise (or not on the first pass).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    title: str
    fix: str
    raises: bool
    enabled: bool = True
    tf_message: Optional[str] = None
    added: str = "0.1.0"
    pylint_id: str = ""


RULES: Tuple[Rule, ...] = (
    Rule("SL001", "not-analysed", "File could not be analysed",
         "Fix the syntax error, convert Python 2 code, or save the file as UTF-8.", False, pylint_id="E9401"),
    Rule("SL002", "analysis-incomplete", "Analysis stopped at its work budget",
         "Nothing to fix in your code; names past the cut-off are reported as unknown.", False, enabled=False,
         pylint_id="I9402"),
    Rule("SL101", "variable-exists", "Variable already exists",
         "Create it once and share it: pass reuse=True (or tf.AUTO_REUSE) to the enclosing "
         "tf.variable_scope on the later call, or give the two a different scope name.", True,
         tf_message="Variable %s already exists, disallowed. Did you mean to set reuse=True or "
                    "reuse=tf.AUTO_REUSE in VarScope?", pylint_id="E9411"),
    Rule("SL102", "variable-missing", "Variable does not exist",
         "Create the variable before sharing it (reuse=None on the first call), or use reuse=tf.AUTO_REUSE.",
         True, tf_message="Variable %s does not exist, or was not created with tf.get_variable(). Did you "
                          "mean to set reuse=tf.AUTO_REUSE in VarScope?", pylint_id="E9412"),
    Rule("SL103", "shape-mismatch", "Shared variable requested with another shape",
         "Request the shape the variable was created with, or give the new variable its own scope.", True,
         tf_message="Trying to share variable %s, but specified shape %s and found shape %s.",
         pylint_id="E9413"),
    Rule("SL104", "dtype-mismatch", "Shared variable requested with another dtype",
         "Pass the dtype the variable was created with (get_variable defaults to float32).", True,
         tf_message="Trying to share variable %s, but specified dtype %s and found dtype %s.",
         pylint_id="E9414"),
    Rule("SL105", "invalid-scope-arguments", "Invalid arguments to a variable-scope API",
         "Pass arguments the API accepts (see the message).", True, pylint_id="E9415"),
    Rule("SL106", "graph-finalized", "Variable created in a finalized graph",
         "Build the whole graph (variables, Saver, initializers, train ops) before the graph is finalized: "
         "before tf.train.Supervisor(...) or a MonitoredSession is created, or before graph.finalize().", True,
         tf_message="Graph is finalized and cannot be modified.", pylint_id="E9416"),
    Rule("SL107", "reset-nested-graph", "tf.reset_default_graph() inside a nested graph",
         "Call tf.reset_default_graph() outside every `with graph.as_default():` and `with tf.Session():` "
         "block, or build the new model in a graph of its own: `with tf.Graph().as_default():`.", True,
         tf_message="Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, "
                    "exit the nesting and create a new graph.", pylint_id="E9417"),
    Rule("SL111", "fixed-name-in-loop", "Fixed variable name created in a loop",
         "Make the name depend on the loop variable, or create the variable once before the loop, or "
         "reuse it from the second iteration on.", False, pylint_id="W9421"),
    Rule("SL201", "reuse-false-ignored", "reuse=False inside a reusing scope has no effect",
         "Reuse cannot be switched off inside a reusing scope; open the scope outside it, or remove "
         "reuse=False.", False, pylint_id="W9431"),
    Rule("SL202", "tf-variable-in-reuse-scope", "tf.Variable inside a reusing scope creates a new variable",
         "Use tf.get_variable to share the variable; tf.Variable never reuses and gets a _N suffix.", False,
         pylint_id="W9432"),
)

BY_CODE: Dict[str, Rule] = {rule.code: rule for rule in RULES}
