"""Command-line flags as absl parses them for `tf.app.flags` (TF 1.x's FLAGS is absl's): the
values an argv gives the flags defined, for the reference runtime and the analysis alike.

`FLAGS(['prog', '--dataset_name=flowers'])` and `tf.app.run(main, argv)` parse the argv they
are given; otherwise TF parses `sys.argv` when a flag is first read (the program runs as
`python FILE`, whose argv sets nothing, unless it sets `sys.argv` itself)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

# DEFINE_* -> how a value given on the command line is read
_BOOLEAN = ("DEFINE_boolean", "DEFINE_bool")
_TRUE = ("true", "t", "1")
_FALSE = ("false", "f", "0")


class FlagArgvError(ValueError):
    """absl's UnrecognizedFlagError or IllegalFlagValueError: the argv does not parse."""


def parse(argv: List[str], kinds: Dict[str, str], known_only: bool = False) -> Tuple[Dict[str, Any], List[str]]:
    """(the values the argv sets, by flag name; what is left of it: the program's name, the
    arguments that are not flags, and with `known_only` the flags not defined). `kinds`: each
    defined flag's DEFINE_* function name."""
    values: Dict[str, Any] = {}
    left = list(argv[:1])
    items = list(argv[1:])
    index = 0
    while index < len(items):
        arg = items[index]
        index += 1
        if arg == "--":
            left.extend(items[index:])
            break
        if not arg.startswith("-") or arg == "-":
            left.append(arg)  # a positional argument (absl parses GNU-style: flags may follow)
            continue
        name, equals, text = arg.lstrip("-").partition("=")
        kind = kinds.get(name)
        if kind is None and not equals and name.startswith("no") and kinds.get(name[2:]) in _BOOLEAN:
            values[name[2:]] = False  # `--nouse_gpu`
            continue
        if kind is None:
            if known_only:
                left.append(arg)
                continue
            raise FlagArgvError("Unknown command line flag '%s'" % name)
        if not equals:
            if kind in _BOOLEAN:
                values[name] = True
                continue
            if index >= len(items):
                raise FlagArgvError("Missing value for flag %s" % arg)
            text = items[index]
            index += 1
        values[name] = _value(kind, text, name)
    return values, left


def _value(kind: str, text: str, name: str) -> Any:
    try:
        if kind in _BOOLEAN:
            lowered = text.lower()
            if lowered in _TRUE or lowered in _FALSE:
                return lowered in _TRUE
            raise ValueError(text)
        if kind == "DEFINE_integer":
            return int(text, 0) if text.lower().startswith(("0x", "0o", "0b")) else int(text)
        if kind == "DEFINE_float":
            return float(text)
        if kind == "DEFINE_list":
            return list_value(text)
        if kind.startswith("DEFINE_multi"):
            raise ValueError(text)  # (a list of every occurrence: not followed here)
        return text  # DEFINE_string, DEFINE_enum
    except ValueError:
        raise FlagArgvError("Illegal value for flag --%s: %r" % (name, text)) from None


def default_value(kind: str, default: Any, name: str) -> Any:
    """A flag's default as absl's DEFINE_* parses it (Flag._set_default): None stays None, a
    string is read as an argv's value is, a number or bool of the flag's type is kept (a float
    flag's int made a float); another type raises IllegalFlagValueError, as absl does since TF
    1.5 (`DEFINE_string('momentum', 0.9, ...)`: tensorflow/models' attention_ocr, whose
    common_flags.py users of TF >= 1.5 found failing, fixed by its PR #3855). Lists, enums and
    multi flags keep what they are given."""
    if default is None or kind not in _BOOLEAN + ("DEFINE_string", "DEFINE_integer", "DEFINE_float"):
        return default
    if isinstance(default, str):
        return _value(kind, default, name)
    number = isinstance(default, (int, float)) and not isinstance(default, bool)
    if kind == "DEFINE_integer" and number and isinstance(default, int):
        return default
    if kind == "DEFINE_float" and number:
        return float(default)
    if kind in _BOOLEAN and isinstance(default, int) and default in (0, 1):
        return bool(default)
    raise FlagArgvError("flag --%s=%s: illegal default of type %s" % (name, default, type(default).__name__))


def list_value(text: str) -> List[str]:
    """A DEFINE_list flag's value from its text: absl's ListParser."""
    return [part.strip() for part in text.split(",")] if text else []


def known_argv(value: Any) -> Optional[List[str]]:
    """`value` as an argv of strings, or None."""
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return list(value)
    return None
