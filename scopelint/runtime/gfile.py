"""`tf.gfile` / `tf.io.gfile` of the reference runtime: a file opened for reading is the real
file, as the program run for real reads it (xlnet's XLNetConfig: `with tf.gfile.Open(json_path)
as f: json.load(f)`); a file opened for writing, and the namespace's other functions, stay opaque
(the runtime writes nothing to disk)."""

from __future__ import annotations

from typing import Any

from scopelint.runtime.tensors import Opaque

_READ_MODES = ("r", "rb", "rt")


def GFile(name: Any, mode: str = "r") -> Any:
    if mode in _READ_MODES:
        return open(name, mode)
    return Opaque("GFile")


Open = GFile
FastGFile = GFile
