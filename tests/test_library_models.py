"""Libraries other than TF modelled for the analysis (scopelint/analysis/library_models): gym's
spaces are known whether gym is installed or not, one model for the package and its submodules.
What they compute is checked against real gym and TF by the fixture misc/gym_spaces.py."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scopelint.analysis import analyze_source
from scopelint.analysis.library_models import library_model
from scopelint.source import Source


def names(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(text))
    result = analyze_source(Source(str(path), path.read_text()), strict=True).as_json()
    return {v["name"]: (tuple(v["shape"]) if v["shape"] is not None else None, v["dtype"])
            for v in result["variables"]}


def test_packages_and_their_submodules_share_one_model() -> None:
    assert library_model("gym.spaces")[0] == library_model("gym.spaces.box")[0] == "gym.spaces"
    assert library_model("gymnasium.spaces.discrete")[0] == "gymnasium.spaces"
    assert library_model("gym") is None and library_model("gym.envs") is None and library_model("gymx.spaces") is None


def test_gymnasium_spaces_are_known_where_it_is_not_installed(tmp_path: Path) -> None:
    # gymnasium is not installed here: without the model, its calls would be unknown code
    found = names(tmp_path, """
        import gymnasium
        import numpy as np
        import tensorflow as tf
        from gymnasium.spaces.discrete import Discrete

        ob = gymnasium.spaces.Box(low=0, high=255, shape=(6, 4), dtype=np.uint8)
        ac = gymnasium.spaces.Discrete(5)
        x = tf.placeholder(ob.dtype, (None,) + ob.shape)
        if isinstance(ac, Discrete):
            w = tf.get_variable("w", [x.shape[2].value, ac.n], dtype=x.dtype)
    """)
    assert found == {"w:0": ((4, 5), "uint8")}


def test_gym_make_is_known_where_the_package_is_not_installed(tmp_path: Path) -> None:
    # gymnasium is not installed here: `gymnasium.make` of a listed id still gives its spaces
    found = names(tmp_path, """
        import gymnasium
        import tensorflow as tf

        env = gymnasium.make("CartPole-v1")
        w = tf.get_variable("w", [env.observation_space.shape[0], env.action_space.n])
    """)
    assert found == {"w:0": ((4, 2), "float32")}
