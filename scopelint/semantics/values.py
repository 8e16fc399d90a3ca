"""Values the semantics core accepts: concrete ones, and the few abstract ones the
interpreter passes where it cannot know a value (UNKNOWN, partly known names)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Tuple, Union


class _Unknown:
    """A value the abstract interpreter could not determine. One instance."""

    _instance: "_Unknown | None" = None

    def __new__(cls) -> "_Unknown":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value; test `is UNKNOWN` first")

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


class ReuseMode(enum.Enum):
    """tf.AUTO_REUSE. Truthy, like TF's `_ReuseMode.AUTO_REUSE` (p15:auto_reuse_is_truthy)."""

    AUTO_REUSE = 1

    def __bool__(self) -> bool:
        return True


AUTO_REUSE = ReuseMode.AUTO_REUSE

UNKNOWN_SEGMENT = None
"""A part of a name the interpreter could not determine; rendered as `?`."""


@dataclass(frozen=True)
class Pattern:
    """A partly known string: known text and unknown runs, e.g. `layer_` + ? + `/w`."""

    parts: Tuple[Union[str, None], ...]

    @staticmethod
    def of(*parts: "Text | None") -> "Text":
        flat: list[str | None] = []
        for part in parts:
            if isinstance(part, Pattern):
                flat.extend(part.parts)
            else:
                flat.append(part)
        merged: list[str | None] = []
        for part in flat:
            if part == "":
                continue
            if merged and isinstance(part, str) and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + part
            elif merged and part is None and merged[-1] is None:
                continue
            else:
                merged.append(part)
        if all(isinstance(p, str) for p in merged):
            return "".join(p for p in merged if p is not None)
        return Pattern(tuple(merged))

    def render(self) -> str:
        return "".join("?" if p is None else p for p in self.parts)

    def __str__(self) -> str:
        return self.render()

    def may_equal(self, text: str) -> bool:
        """Whether some filling of the unknown runs gives `text` (unknowns match any string)."""
        import re

        regex = "".join(".*" if p is None else re.escape(p) for p in self.parts)
        return re.fullmatch(regex, text, flags=re.DOTALL) is not None

    def may_start_with(self, prefix: str) -> bool:
        return _pattern_prefix(self, prefix)


def _pattern_prefix(pattern: Pattern, prefix: str) -> bool:
    """True when some filling of `pattern` starts with `prefix`."""
    rest = prefix
    for part in pattern.parts:
        if part is None:
            return True  # an unknown run can absorb the rest of the prefix
        if len(rest) <= len(part):
            return part.startswith(rest)
        if not rest.startswith(part):
            return False
        rest = rest[len(part):]
    return rest == ""


Text = Union[str, Pattern]
"""A name: fully known (`str`) or partly known (`Pattern`)."""


def is_known(value: object) -> bool:
    return value is not UNKNOWN and not isinstance(value, Pattern)


def render(text: Text) -> str:
    return text if isinstance(text, str) else text.render()


def concat(*parts: "Text | None") -> Text:
    return Pattern.of(*parts)


class VariableSynchronization(enum.Enum):
    """tf.VariableSynchronization: what a custom getter is handed (AUTO when not given)."""

    AUTO = 0
    NONE = 1
    ON_WRITE = 2
    ON_READ = 3


class VariableAggregation(enum.Enum):
    """tf.VariableAggregation: what a custom getter is handed (NONE when not given)."""

    NONE = 0
    SUM = 1
    MEAN = 2
    ONLY_FIRST_REPLICA = 3
    ONLY_FIRST_TOWER = 3
