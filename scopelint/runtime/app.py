"""`tf.app` / `tf.flags` of the reference runtime: flags hold their defaults, or what an argv
gives them as absl parses it (scopelint.semantics.flag_argv): `FLAGS(argv)`, `tf.app.run(main,
argv)`, or `sys.argv` when a flag is first read (the program runs as `python FILE`, without
arguments, unless it sets `sys.argv`); `tf.app.run()` calls `__main__.main(argv)`."""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Optional

from scopelint.semantics.flag_argv import default_value, list_value, parse


class FlagValues:
    """tf.flags.FLAGS: attribute access gives the value a DEFINE_* call registered."""

    def __init__(self) -> None:
        object.__setattr__(self, "_values", {})
        object.__setattr__(self, "_kinds", {})  # name -> the DEFINE_* that defined it
        object.__setattr__(self, "_parsed", False)

    def __getattr__(self, name: str) -> Any:
        values: Dict[str, Any] = object.__getattribute__(self, "_values")
        if not object.__getattribute__(self, "_parsed") and name in values:
            self(list(sys.argv))  # TF 1.x's FLAGS parses sys.argv when first read (an unknown flag raises)
        if name in values:
            return values[name]
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._values[name] = value

    def __call__(self, argv: List[str], known_only: bool = False) -> List[str]:
        values, left = parse(list(argv), self._kinds, known_only)
        self._values.update(values)
        object.__setattr__(self, "_parsed", True)
        return left

    def is_parsed(self) -> bool:
        return bool(self._parsed)

    def mark_as_parsed(self) -> None:
        object.__setattr__(self, "_parsed", True)


FLAGS = FlagValues()


def reset() -> None:
    """A new program: no flag defined, nothing parsed."""
    FLAGS.__init__()  # type: ignore[misc]


def _listed(value: Any) -> List[Any]:
    return value if isinstance(value, list) else [value]


def _define(kind: str, convert: Callable[[Any], Any] = lambda v: v) -> Callable[..., None]:
    def define(name: str, default: Any, help: Any = None, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        default = default_value(kind, default, name)  # absl's parse of a default (may raise)
        FLAGS._values[name] = convert(default) if default is not None else None
        FLAGS._kinds[name] = kind

    return define


DEFINE_string = _define("DEFINE_string")
DEFINE_integer = _define("DEFINE_integer")
DEFINE_float = _define("DEFINE_float")
DEFINE_boolean = _define("DEFINE_boolean")
DEFINE_bool = DEFINE_boolean
DEFINE_list = _define("DEFINE_list", lambda v: v if isinstance(v, list) else list_value(str(v)))
DEFINE_enum = _define("DEFINE_enum", str)
DEFINE_multi_string = _define("DEFINE_multi_string", _listed)
DEFINE_multi_integer = _define("DEFINE_multi_integer", _listed)


def run(main: Optional[Callable[..., Any]] = None, argv: Optional[List[str]] = None) -> None:
    main = main or getattr(sys.modules.get("__main__"), "main")
    left = FLAGS(list(argv) if argv is not None else list(sys.argv), known_only=True)
    sys.exit(main(left))
