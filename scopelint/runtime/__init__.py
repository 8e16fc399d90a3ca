"""The reference runtime: a `tf`-shaped module over scopelint.semantics that runs TF1-style
programs for real under CPython (concrete values), to check the static predictions."""

from scopelint.runtime.runner import RunFailed, run_file

__all__ = ["RunFailed", "run_file"]
