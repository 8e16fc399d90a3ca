"""Libraries other than TensorFlow whose values decide what TF1 code builds, written as plain
Python for the analysis to read instead of the library's own source. The reference runtime runs
the real library."""

from __future__ import annotations

import functools
import json
import os
from typing import Any, Dict, Optional, Tuple

# package -> model file (in this directory); the package's submodules (`gym.spaces.box`) are the
# same model, so that `isinstance(space, gym.spaces.box.Box)` and `spaces.Box` agree
LIBRARY_MODELS = {"gym.spaces": "gym_spaces", "gymnasium.spaces": "gym_spaces", "easydict": "easydict_model"}


def library_model(qualname: str) -> Optional[Tuple[str, str]]:
    """(modelled package, path of its model) for a module of a modelled package; else None."""
    for package, model in LIBRARY_MODELS.items():
        if qualname == package or qualname.startswith(package + "."):
            return package, os.path.join(os.path.dirname(os.path.abspath(__file__)), model + ".py")
    return None


@functools.lru_cache(maxsize=1)
def _gym_environments() -> Dict[str, Any]:
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "gym_envs.json"), encoding="utf-8") as handle:
        return dict(json.load(handle)["environments"])


def gym_environment(env_id: str) -> Optional[Any]:
    """The observation and action spaces `gym.make(env_id)` gives, as [kind, ...] lists
    (gym_envs.json, made by tools/gym_env_spaces.py), or None for an id not listed there."""
    return _gym_environments().get(env_id)
