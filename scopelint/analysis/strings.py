"""String building as TF1 code does it (`%`, `.format`, f-strings, `+`, `"/".join`,
`str()`), over values that may be partly unknown: unknown pieces become `?` runs."""

from __future__ import annotations

import re
import string
from typing import Any, List, Optional, Sequence

from scopelint.analysis.values import AddressText, FunctionVal, ListVal, is_concrete
from scopelint.semantics.values import UNKNOWN, Pattern

MAX_STRING = 10_000  # longer strings are not worth tracking (`s = s + s` in a loop)

_PERCENT = re.compile(r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[-#0 +]*)(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d+))?"
                      r"[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])")


def capped(text: Any) -> Any:
    if isinstance(text, str) and len(text) > MAX_STRING:
        return Pattern.of(None)
    if isinstance(text, Pattern) and len(text.render()) > MAX_STRING:
        return Pattern.of(None)
    return text


def to_str(value: Any) -> Any:
    """str(value) for an abstract value: a str, or a Pattern."""
    if isinstance(value, str):
        return value
    if isinstance(value, Pattern):
        return value
    if is_concrete(value):
        return str(value)
    if isinstance(value, ListVal) and all(is_concrete(v) for v in value.items):
        items = [v for v in value.items]
        return str(tuple(items)) if value.is_tuple else str(items)
    if isinstance(value, FunctionVal):
        return AddressText.of_function(value)
    return Pattern.of(None)


def value_repr(value: Any) -> Optional[str]:
    """repr() of a variable (as TF prints a RefVariable) or of a list or tuple of known
    values and variables; None when some part is not known."""
    from scopelint.analysis.values import VarVal
    from scopelint.semantics.dtypes import DType
    from scopelint.semantics.errors import variable_repr

    if isinstance(value, VarVal):
        if value.name and value.shape_known and isinstance(value.dtype, DType):
            return variable_repr(value.name, value.get_shape(), value.dtype.as_ref.name)
        return None
    if is_concrete(value):
        return repr(value)
    if isinstance(value, ListVal):
        items = [value_repr(item) for item in value.items]
        if any(item is None for item in items):
            return None
        text = ", ".join(item for item in items if item is not None)
        if value.is_tuple:
            return "(%s%s)" % (text, "," if len(items) == 1 else "")
        return "[%s]" % text
    return None


def concat(*parts: Any) -> Any:
    pieces: List[Any] = []
    for part in parts:
        if isinstance(part, (str, Pattern)):
            pieces.append(part)
        else:
            pieces.append(None)
    return capped(Pattern.of(*pieces))


def percent_format(template: Any, args: Any) -> Any:
    """`template % args` where template is a str (or Pattern) and args may be unknown."""
    if not isinstance(template, str):
        return Pattern.of(None)
    if isinstance(args, ListVal) and args.is_tuple:
        values: Optional[List[Any]] = list(args.items)
    elif args is UNKNOWN:
        values = None
    else:
        values = [args]
    if values is not None and all(is_concrete(v) for v in values):
        try:
            return capped(template % tuple(values))
        except (TypeError, ValueError, KeyError):
            return UNKNOWN
    pieces: List[Any] = []
    pos = 0
    index = 0
    for match in _PERCENT.finditer(template):
        pieces.append(template[pos:match.start()])
        pos = match.end()
        if match.group("conv") == "%":
            pieces.append("%")
            continue
        if match.group("key") is not None or values is None or index >= len(values):
            pieces.append(None)
            index += 1
            continue
        value = values[index]
        index += 1
        if is_concrete(value):
            try:
                pieces.append(match.group(0) % (value,))
            except (TypeError, ValueError):
                pieces.append(None)
        elif isinstance(value, (str, Pattern)) and match.group("conv") in "sr" and not match.group("width"):
            pieces.append(value if match.group("conv") == "s" else None)
        elif match.group("conv") in "sr" and not match.group("width"):
            pieces.append(value_repr(value))  # a variable, or a list of them, in an error message
        else:
            pieces.append(None)
    pieces.append(template[pos:])
    return capped(Pattern.of(*pieces))


def format_method(template: Any, args: Sequence[Any], kwargs: dict) -> Any:
    """`template.format(*args, **kwargs)`."""
    if not isinstance(template, str):
        return Pattern.of(None)
    if all(is_concrete(v) for v in args) and all(is_concrete(v) for v in kwargs.values()):
        try:
            return capped(template.format(*args, **kwargs))
        except (IndexError, KeyError, ValueError, AttributeError, TypeError):
            return UNKNOWN
    pieces: List[Any] = []
    auto = 0
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return UNKNOWN
    for literal, field_name, spec, conversion in parsed:
        pieces.append(literal)
        if field_name is None:
            continue
        if field_name == "":
            key: Any = auto
            auto += 1
        elif field_name.isdigit():
            key = int(field_name)
        else:
            key = field_name
        if isinstance(key, int):
            value = args[key] if key < len(args) else UNKNOWN
        elif key in kwargs:
            value = kwargs[key]
        else:
            value = UNKNOWN  # attribute/index field names: not tracked
        pieces.append(_formatted(value, spec or "", conversion))
    return capped(Pattern.of(*pieces))


def _formatted(value: Any, spec: str, conversion: Optional[str]) -> Any:
    if is_concrete(value):
        try:
            if conversion == "r":
                value = repr(value)
            return format(value, spec)
        except (TypeError, ValueError):
            return None
    if isinstance(value, (str, Pattern)) and not spec and conversion in (None, "s"):
        return value
    return None


def fstring_piece(value: Any, spec: Any, conversion: int) -> Any:
    conv = {-1: None, 115: "s", 114: "r", 97: "a"}.get(conversion)
    if spec is not None and not isinstance(spec, str):
        return None
    return _formatted(value, spec or "", conv)


def join(separator: Any, items: Any) -> Any:
    if not isinstance(separator, str) or not isinstance(items, ListVal):
        return Pattern.of(None)
    pieces: List[Any] = []
    for index, item in enumerate(items.items):
        if index:
            pieces.append(separator)
        pieces.append(item if isinstance(item, (str, Pattern)) else None)
    return capped(Pattern.of(*pieces))
