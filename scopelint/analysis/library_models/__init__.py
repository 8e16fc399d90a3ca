"""Libraries other than TensorFlow whose values decide what TF1 code builds, written as plain
Python for the analysis to read instead of the library's own source. The reference runtime runs
the real library."""

from __future__ import annotations

import os
from typing import Optional, Tuple

# package -> model file (in this directory); the package's submodules (`gym.spaces.box`) are the
# same model, so that `isinstance(space, gym.spaces.box.Box)` and `spaces.Box` agree
LIBRARY_MODELS = {"gym.spaces": "gym_spaces", "gymnasium.spaces": "gym_spaces", "easydict": "easydict_model"}


def library_model(qualname: str) -> Optional[Tuple[str, str]]:
    """(modelled package, path of its model) for a module of a modelled package; else None."""
    for package, model in LIBRARY_MODELS.items():
        if qualname == package or qualname.startswith(package + "."):
            return package, os.path.join(os.path.dirname(os.path.abspath(__file__)), model + ".py")
    return None
