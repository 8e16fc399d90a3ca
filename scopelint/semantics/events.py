"""What running a program against the semantics core produces, in execution order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Tuple

from scopelint.semantics.dtypes import DType
from scopelint.semantics.locate import Frame
from scopelint.semantics.shapes import TensorShape
from scopelint.semantics.values import Text


@dataclass(frozen=True)
class VariableCreated:
    """A variable was created. `name` is the graph name (`foo/v:0`), `key` the store key
    (`foo/v`, None for tf.Variable). `certain` is False on a path the analysis could not
    rule in or out (a may-event)."""

    name: Text
    key: Optional[Text]
    shape: Optional[TensorShape]
    dtype: Optional[DType]
    frames: Tuple[Frame, ...]
    certain: bool = True
    via: str = "get_variable"
    trainable: Any = True  # False, or UNKNOWN: goes to the TRAINABLE_VARIABLES collection
    saved: Any = True  # in GLOBAL_VARIABLES, what tf.train.Saver() saves: False for a local variable; or UNKNOWN

    action = "create"


@dataclass(frozen=True)
class VariableShared:
    """get_variable returned an existing variable."""

    name: Text
    key: Text
    shape: Optional[TensorShape]
    dtype: Optional[DType]
    frames: Tuple[Frame, ...]
    certain: bool = True

    action = "share"


@dataclass(frozen=True)
class ScopeErrorRaised:
    """A scope API raised (certain) or may raise (not certain) `code` with TF's message."""

    code: str
    message: Optional[str]
    frames: Tuple[Frame, ...]
    origin: Optional[Tuple[Frame, ...]] = None
    certain: bool = True
