"""Small values the interpreter's parts share: markers for properties, super(), graphs and
generator-based context managers, and the test for "may this object build graph pieces"."""

from __future__ import annotations

from typing import Any, Dict, List

from scopelint.analysis import tf_api
from scopelint.analysis.values import BoundMethod, ClassVal, FunctionVal, InstanceVal, ModuleVal, OpaqueVal
from scopelint.semantics.values import UNKNOWN


class Property:
    def __init__(self, getter: Any) -> None:
        self.getter = getter


class Super:
    def __init__(self, cls: ClassVal, receiver: Any) -> None:
        self.cls = cls
        self.receiver = receiver


class GraphVal:
    pass


class GraphDefault:
    pass


class GeneratorObject(OpaqueVal):
    def __init__(self) -> None:
        super().__init__("generator")


class GeneratorFactory:
    def __init__(self, function: FunctionVal) -> None:
        self.function = function


class GeneratorCM:
    def __init__(self, function: FunctionVal, args: List[Any], kwargs: Dict[str, Any], depth: int) -> None:
        self.function = function
        self.args = args
        self.kwargs = kwargs
        self.depth = depth


def may_touch_graph(value: Any) -> bool:
    if value is UNKNOWN or isinstance(value, (OpaqueVal, InstanceVal, FunctionVal, BoundMethod, ClassVal)):
        return True
    if isinstance(value, ModuleVal):
        return not tf_api.is_safe_module(value.qualname)
    return False


def render_text(value: Any) -> str:
    return value if isinstance(value, str) else value.render()
