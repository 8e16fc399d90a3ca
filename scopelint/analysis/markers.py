"""Small values the interpreter's parts share: markers for properties, super(), graphs, the
flags of tf.app.flags and generator-based context managers, and the test for "may this object
build graph pieces"."""

from __future__ import annotations

from typing import Any, Dict, List

from scopelint.analysis import tf_api
from scopelint.analysis.cli_args import ArgParserVal, NamespaceVal
from scopelint.analysis.values import (
    Alternatives, ArrayVal, BoundMethod, BuiltinFn, ClassVal, DictVal, FunctionVal, InstanceVal, JoinedScalar, ListVal,
    ModuleVal, NumpyDtype, OpaqueVal, SetOfLost,
    is_concrete,
)
from scopelint.runtime.tensors import Tensor
from scopelint.semantics.values import UNKNOWN, Pattern


class Property:
    def __init__(self, getter: Any) -> None:
        self.getter = getter


class Super:
    def __init__(self, cls: ClassVal, receiver: Any) -> None:
        self.cls = cls
        self.receiver = receiver


class FlagsVal:
    """tf.app.flags.FLAGS (or absl's): attributes are the defaults DEFINE_* registered, or what
    the argv parsed gave them (tf_calls.parse_flags)."""


# the key of the analysis's flags dict that says they were parsed (no flag has this name)
FLAGS_PARSED = "\x00parsed"


class GraphVal:
    """A tf.Graph: `graph_id` names it (the GraphState.graph_id of its states)."""

    def __init__(self, graph_id: object) -> None:
        self.graph_id = graph_id


class GraphDefault:
    """`graph.as_default()`."""

    def __init__(self, graph: GraphVal) -> None:
        self.graph = graph


# A graph's context managers that place ops or order them, which name no variable.
_GRAPH_PLACEMENT = frozenset({"device", "colocate_with", "control_dependencies", "gradient_override_map", "container"})


class GraphMethod:
    def __init__(self, graph: GraphVal, name: str) -> None:
        self.graph = graph
        self.name = name

    def invoke(self, interp: Any, args: List[Any], kwargs: Dict[str, Any], st: Any) -> Any:
        from scopelint.semantics.values import UNKNOWN

        if self.name in ("finalize", "_unsafe_unfinalize"):
            interp.set_finalized(self.graph, self.name == "finalize", st)
            return None
        if self.name in _GRAPH_PLACEMENT:
            from scopelint.analysis.values import OpaqueVal

            return OpaqueVal(self.name)  # `g.device('/cpu:0')`: places ops, names nothing (a neutral context)
        if self.name == "unique_name":
            return interp.graph_unique_name(self.graph, args, kwargs, st)
        if self.name == "_get_control_flow_context" and not args and not kwargs:
            from scopelint.analysis.values import OpaqueVal

            # None, or the tf.cond/while_loop context the op is built in: the analysis does not say
            # which, but its methods (tensorpack's `ctx.IsXLAContext()`) build nothing
            return OpaqueVal("Graph._get_control_flow_context()", inert=True)
        if self.name == "get_name_scope" and not args and not kwargs:
            state = interp.held_graph_state(self.graph, st)
            return state.name_stack if state is not None else UNKNOWN
        return GraphDefault(self.graph) if self.name == "as_default" else UNKNOWN


class GeneratorObject(OpaqueVal):
    """What calling a generator function returns: nothing has run yet."""

    def __init__(self, function: Any = None, args: Any = None, kwargs: Any = None) -> None:
        super().__init__("generator")
        self.function, self.args, self.kwargs = function, args or [], kwargs or {}
        self.state = "fresh"  # "consumed" once looped over; "unknown" after a next()


class GeneratorFactory:
    def __init__(self, function: FunctionVal) -> None:
        self.function = function


class GeneratorCM:
    def __init__(self, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any]) -> None:
        self.function = function
        self.args = args
        self.kwargs = kwargs


def is_plain_data(value: Any) -> bool:
    """A value that cannot run code or enter a scope when a library receives it."""
    if value is UNKNOWN or value is None or is_concrete(value) or \
            isinstance(value, (Pattern, Tensor, ArrayVal, JoinedScalar)):
        return True
    if isinstance(value, NumpyDtype):  # `np.issubdtype(data.dtype, int)`: numpy reads it, runs nothing
        return True
    if isinstance(value, BuiltinFn):  # `type=int` for argparse
        return True
    if isinstance(value, (ArgParserVal, NamespaceVal)):
        return True
    if isinstance(value, ModuleVal):  # `np.float32`
        return tf_api.is_safe_module(value.qualname)
    if isinstance(value, OpaqueVal):
        return value.inert and not isinstance(value, SetOfLost)
    if isinstance(value, ListVal):
        return all(is_plain_data(v) for v in value.items)
    if isinstance(value, DictVal):
        return all(is_plain_data(v) for v in value.items.values())
    return False


def may_touch_graph(value: Any) -> bool:
    known = (OpaqueVal, InstanceVal, FunctionVal, BoundMethod, ClassVal, Alternatives)
    if type(value) is OpaqueVal and value.inert:
        return False  # data a library gave (a file's text, a session's results): its methods build nothing
    if value is UNKNOWN or isinstance(value, known):
        return True
    if isinstance(value, ModuleVal):
        return not tf_api.is_safe_module(value.qualname)
    return False


def render_text(value: Any) -> str:
    return value if isinstance(value, str) else value.render()
