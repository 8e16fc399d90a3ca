"""inspect.signature() and inspect.getfullargspec() of the program's own functions: libraries
bind a callback's arguments by its parameter names and defaults (TF-GAN's args_to_gan_model),
which the analysis follows when it knows the function's definition. Anything else (a builtin,
a decorated or wrapped function, a class with its own __new__) stays unknown."""

from __future__ import annotations

import ast
import inspect
from typing import Any, List, Optional

from scopelint.analysis.values import (
    MISSING, BoundMethod, ClassVal, DictVal, FunctionVal, ListVal, ParameterVal, SignatureVal,
)
from scopelint.semantics.values import UNKNOWN

EMPTY = inspect.Parameter.empty
_KIND = inspect.Parameter

_FULLARGSPEC_FIELDS = ("args", "varargs", "varkw", "defaults", "kwonlyargs", "kwonlydefaults", "annotations")


def signature_of(callee: Any) -> Any:
    """inspect.signature(callee) as a SignatureVal, or UNKNOWN."""
    function, skip_first = _definition(callee, for_signature=True)
    if function is None:
        return UNKNOWN
    parameters = _parameters(function)
    if parameters is None:
        return UNKNOWN
    if skip_first:
        if not parameters or parameters[0].kind not in (_KIND.POSITIONAL_ONLY, _KIND.POSITIONAL_OR_KEYWORD):
            return UNKNOWN  # `def f(*args)` as a method: Python's answer depends on more than this
        parameters = parameters[1:]
    return SignatureVal(parameters)


def fullargspec_of(callee: Any) -> Any:
    """inspect.getfullargspec(callee) as a FullArgSpec tuple, or UNKNOWN. Unlike signature(), it
    keeps a bound method's first parameter."""
    function, _ = _definition(callee, for_signature=False)
    if function is None:
        return UNKNOWN
    parameters = _parameters(function)
    if parameters is None or any(p.annotation is not EMPTY for p in parameters):
        return UNKNOWN
    positional = [p for p in parameters if p.kind in (_KIND.POSITIONAL_ONLY, _KIND.POSITIONAL_OR_KEYWORD)]
    keyword_only = [p for p in parameters if p.kind is _KIND.KEYWORD_ONLY]
    varargs = next((p.name for p in parameters if p.kind is _KIND.VAR_POSITIONAL), None)
    varkw = next((p.name for p in parameters if p.kind is _KIND.VAR_KEYWORD), None)
    defaults = [p.default for p in positional if p.default is not EMPTY]
    kw_defaults = {p.name: p.default for p in keyword_only if p.default is not EMPTY}
    items = [ListVal([p.name for p in positional]), varargs, varkw,
             ListVal(defaults, is_tuple=True) if defaults else None,
             ListVal([p.name for p in keyword_only]), DictVal(kw_defaults) if kw_defaults else None, DictVal({})]
    return ListVal(items, is_tuple=True, fields=_FULLARGSPEC_FIELDS)


def parameters_mapping(signature: SignatureVal) -> DictVal:
    """Signature.parameters: an ordered mapping of names to Parameters (a mappingproxy; the
    analysis's dict is a fresh copy, so that changing it changes no signature)."""
    return DictVal({p.name: p for p in signature.parameters})


def parameter_attribute(parameter: ParameterVal, name: str) -> Any:
    if name in ("name", "kind", "default", "annotation"):
        return getattr(parameter, name)
    if name == "empty":
        return EMPTY
    if name in inspect._ParameterKind.__members__:
        return inspect._ParameterKind[name]  # `p.kind == p.POSITIONAL_OR_KEYWORD` (stylegan's Network inputs)
    return MISSING


def _definition(callee: Any, for_signature: bool) -> Any:
    """(the FunctionVal whose definition gives the parameters, whether its first is dropped)."""
    if isinstance(callee, BoundMethod) and _plain(callee.function):
        return callee.function, for_signature
    if isinstance(callee, FunctionVal) and _plain(callee):
        return callee, False
    if isinstance(callee, ClassVal) and for_signature:
        if callee.lookup("__new__") is not MISSING or _has_metaclass(callee):
            return None, False
        init = callee.lookup("__init__")
        if isinstance(init, FunctionVal) and _plain(init):
            return init, True
    return None, False


def _plain(function: FunctionVal) -> bool:
    """A function whose signature is its definition's: not a staticmethod/classmethod (bound
    differently) and not a wrapper carrying another function's signature (functools.wraps)."""
    return not function.decorated and not getattr(function, "_wraps", False) and \
        isinstance(function.node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))


def _has_metaclass(cls: ClassVal) -> bool:
    node = cls.node
    if node is None or any(k.arg == "metaclass" for k in node.keywords):
        return True
    return any(isinstance(base, ClassVal) and _has_metaclass(base) for base in cls.bases)


def _parameters(function: FunctionVal) -> Optional[List[ParameterVal]]:
    spec = function.node.args
    positional = list(spec.posonlyargs) + list(spec.args)
    if len(function.defaults) != len(spec.defaults) or len(function.kw_defaults) != len(spec.kwonlyargs):
        return None
    defaults: List[Any] = [EMPTY] * (len(positional) - len(function.defaults)) + list(function.defaults)
    out: List[ParameterVal] = []
    for index, arg in enumerate(positional):
        kind = _KIND.POSITIONAL_ONLY if index < len(spec.posonlyargs) else _KIND.POSITIONAL_OR_KEYWORD
        out.append(ParameterVal(arg.arg, kind, defaults[index], _annotation(arg)))
    if spec.vararg is not None:
        out.append(ParameterVal(spec.vararg.arg, _KIND.VAR_POSITIONAL, EMPTY, _annotation(spec.vararg)))
    for arg, default in zip(spec.kwonlyargs, function.kw_defaults):
        out.append(ParameterVal(arg.arg, _KIND.KEYWORD_ONLY, EMPTY if default is MISSING else default,
                                _annotation(arg)))
    if spec.kwarg is not None:
        out.append(ParameterVal(spec.kwarg.arg, _KIND.VAR_KEYWORD, EMPTY, _annotation(spec.kwarg)))
    return out


def _annotation(arg: ast.arg) -> Any:
    return EMPTY if arg.annotation is None else UNKNOWN  # the analysis does not evaluate annotations
