"""Write scopelint's table of gym environments' spaces (what `gym.make(id)` gives TF1 code to
shape its placeholders with) from an installed gym, by making each registered environment.

    /path/to/python-with-gym tools/gym_env_spaces.py > scopelint/analysis/library_models/gym_envs.json

Only environments that gym can make here (no extra dependency missing) and whose observation
and action spaces are a Box or a Discrete are listed; `gym.make` of any other id stays unknown
to the analysis."""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any, Dict, Optional


def describe(space: Any) -> Optional[list]:
    import gym.spaces

    if isinstance(space, gym.spaces.Box):
        return ["Box", [int(d) for d in space.shape], str(space.dtype)]
    if isinstance(space, gym.spaces.Discrete):
        return ["Discrete", int(space.n)]
    return None


def main() -> int:
    warnings.simplefilter("ignore")
    import gym

    table: Dict[str, Any] = {}
    for env_id in sorted(gym.envs.registry.keys() if hasattr(gym.envs.registry, "keys") else
                         [spec.id for spec in gym.envs.registry.all()]):
        try:
            env = gym.make(env_id)
        except Exception:  # a dependency this machine lacks (box2d, mujoco, atari): not listed
            continue
        spaces = [describe(env.observation_space), describe(env.action_space)]
        env.close()
        if None not in spaces:
            table[env_id] = spaces
    rows = ["  %s: %s" % (json.dumps(env_id), json.dumps(table[env_id])) for env_id in sorted(table)]
    sys.stdout.write('{"gym": %s, "environments": {\n%s\n}}\n' % (json.dumps(gym.__version__), ",\n".join(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
