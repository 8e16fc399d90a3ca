"""The exceptions TF's scope APIs raise, each tagged with its scopelint code.

Messages are TF 2.21 compat.v1's text exactly (tf1-semantics.md §2-§9); the runtime
raises them as ValueError/TypeError so user code that catches them behaves as under TF.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence, Tuple

from scopelint.semantics.locate import Frame


class ScopeError(Exception):
    """Base: an error raised by a TF variable-scope API. `code` is the scopelint rule."""

    code = "SL105"

    def __init__(self, message: str, origin: Optional[Sequence[Frame]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.origin = tuple(origin) if origin is not None else None
        self.frames: Optional[Tuple[Frame, ...]] = None  # set by a driver that knows them

    def __str__(self) -> str:
        return self.message


class ScopeValueError(ScopeError, ValueError):
    code = "SL105"


class ScopeTypeError(ScopeError, TypeError):
    code = "SL105"


class ScopeRuntimeError(ScopeError, RuntimeError):
    code = "SL105"


class GraphFinalizedError(ScopeRuntimeError):
    code = "SL106"


GRAPH_FINALIZED = "Graph is finalized and cannot be modified."


class NestedGraphResetError(ScopeError, AssertionError):
    """tf.reset_default_graph() while a graph is the default by `with g.as_default()` or `with
    tf.Session()`: TF's AssertionError (a program's `except AssertionError` catches it)."""

    code = "SL107"


NESTED_GRAPH_RESET = ("Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, "
                      "exit the nesting and create a new graph.")


class VariableExistsError(ScopeValueError):
    code = "SL101"
    origin_scope = 0  # the scope entry (VariableScope.sid) the existing variable was created in; 0: unknown


class VariableMissingError(ScopeValueError):
    code = "SL102"


class ShapeMismatchError(ScopeValueError):
    code = "SL103"


class DtypeMismatchError(ScopeValueError):
    code = "SL104"


def already_exists(key: str, origin: Optional[Sequence[Frame]], origin_scope: int = 0) -> VariableExistsError:
    """`origin_scope`: the scope entry (VariableScope.sid) the existing variable was created in."""
    error = VariableExistsError(
        "Variable %s already exists, disallowed. Did you mean to set reuse=True or "
        "reuse=tf.AUTO_REUSE in VarScope?" % key,
        origin,
    )
    error.origin_scope = origin_scope
    return error


def does_not_exist(key: str) -> VariableMissingError:
    return VariableMissingError(
        "Variable %s does not exist, or was not created with tf.get_variable(). "
        "Did you mean to set reuse=tf.AUTO_REUSE in VarScope?" % key
    )


def template_created_trainable(variables: Sequence[str]) -> ScopeValueError:
    """`variables`: the reprs of the trainable variables a later template call created."""
    return ScopeValueError(
        "Trainable variable created when calling a template after the first time, perhaps you used tf.Variable "
        "when you meant tf.get_variable: [%s]" % ", ".join(variables)
    )


def variable_repr(name: str, shape: object, dtype_name: str) -> str:
    """A RefVariable's repr, as TF prints it in messages."""
    return "<tf.Variable '%s' shape=%s dtype=%s>" % (name, shape, dtype_name)


# A TypeError Python raises when a scope API is called with arguments its signature refuses
# (`tf.get_variable("v", reuse=True)`): no TF frame is on the stack, but it is SL105 too.
API_SIGNATURE_ERROR = re.compile(
    r"^(get_variable|get_local_variable|variable_scope\.__init__|name_scope\.__init__|make_template)\(\) "
    r"(got an unexpected keyword argument|missing \d+ required|takes)"
)


class OpInputError(ValueError):
    """An op's ValueError on inputs the driver knows, raised where TF raises it (tf.add_n of no
    inputs): no scope error, so no diagnostic, but the program stops there; any other exception
    of a runtime op only tells the analysis that it cannot compute the op's value."""


ADD_N_NO_INPUTS = "Inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape."
