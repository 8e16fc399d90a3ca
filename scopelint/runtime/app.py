"""`tf.app` / `tf.flags` of the reference runtime: flags hold their defaults (the program runs
as `python FILE`, without arguments), and `tf.app.run()` calls `__main__.main(argv)`."""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Optional


class FlagValues:
    """tf.flags.FLAGS: attribute access gives the value a DEFINE_* call registered."""

    def __init__(self) -> None:
        object.__setattr__(self, "_values", {})

    def __getattr__(self, name: str) -> Any:
        values: Dict[str, Any] = object.__getattribute__(self, "_values")
        if name in values:
            return values[name]
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._values[name] = value

    def __call__(self, argv: List[str], known_only: bool = False) -> List[str]:
        return list(argv)

    def is_parsed(self) -> bool:
        return True

    def mark_as_parsed(self) -> None:
        return None


FLAGS = FlagValues()


def _define(convert: Callable[[Any], Any]) -> Callable[..., None]:
    def define(name: str, default: Any, help: Any = None, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        FLAGS._values[name] = convert(default) if default is not None else None

    return define


DEFINE_string = _define(str)
DEFINE_integer = _define(int)
DEFINE_float = _define(float)
DEFINE_boolean = _define(bool)
DEFINE_bool = DEFINE_boolean
DEFINE_list = _define(lambda v: v if isinstance(v, list) else str(v).split(","))
DEFINE_enum = _define(str)
DEFINE_multi_string = _define(lambda v: v if isinstance(v, list) else [v])
DEFINE_multi_integer = DEFINE_multi_string


def run(main: Optional[Callable[..., Any]] = None, argv: Optional[List[str]] = None) -> None:
    main = main or getattr(sys.modules.get("__main__"), "main")
    sys.exit(main(list(argv) if argv is not None else list(sys.argv)))
