"""gym's spaces (gym/spaces/*.py; gymnasium's are the same), as the analysis reads them: what
TF1 reinforcement-learning code reads of a space to build its graph (the shape and dtype of an
observation placeholder, the number of actions of a policy's head, `isinstance(ac_space,
spaces.Discrete)`). gym itself is read as data, never followed: its Box validates and
broadcasts with numpy calls the analysis does not compute. Where versions differ, this is gym
0.26; the attributes read here have had these values since gym 0.12 (Box's dtype float32)."""
import numpy as np


class Space(object):
    def __init__(self, shape=None, dtype=None, seed=None):
        self.shape = None if shape is None else tuple(shape)
        self.dtype = None if dtype is None else np.dtype(dtype)

    def sample(self, mask=None):
        return np.random.random_sample()  # a value the analysis does not know

    def contains(self, x):
        return bool(np.random.random_sample())

    def seed(self, seed=None):
        return [seed]

    def __contains__(self, x):
        return self.contains(x)


class Box(Space):
    def __init__(self, low, high, shape=None, dtype=np.float32, seed=None):
        if shape is not None:
            shape = tuple(int(dim) for dim in shape)
        elif isinstance(low, (int, float)) and isinstance(high, (int, float)):
            shape = (1,)
        elif isinstance(low, (int, float)):
            shape = high.shape
        else:
            shape = low.shape
        Space.__init__(self, shape, dtype, seed)
        # gym broadcasts scalar bounds to arrays of the space's shape, and casts them to its dtype
        self.low = np.full(shape, low, dtype=dtype) if isinstance(low, (int, float)) else low.astype(dtype)
        self.high = np.full(shape, high, dtype=dtype) if isinstance(high, (int, float)) else high.astype(dtype)


class Discrete(Space):
    def __init__(self, n, seed=None, start=0):
        self.n = int(n)
        self.start = int(start)
        Space.__init__(self, (), np.int64, seed)


class MultiDiscrete(Space):
    def __init__(self, nvec, dtype=np.int64, seed=None):
        self.nvec = np.array(nvec, dtype=dtype)
        Space.__init__(self, self.nvec.shape, dtype, seed)


class MultiBinary(Space):
    def __init__(self, n, seed=None):
        self.n = n
        Space.__init__(self, (n,) if isinstance(n, int) else tuple(n), np.int8, seed)


class Tuple(Space):
    def __init__(self, spaces, seed=None):
        self.spaces = tuple(spaces)
        Space.__init__(self, None, None, seed)

    def __getitem__(self, index):
        return self.spaces[index]

    def __len__(self):
        return len(self.spaces)


class Dict(Space):
    def __init__(self, spaces=None, seed=None, **spaces_kwargs):
        if spaces is None:
            spaces = spaces_kwargs
        if isinstance(spaces, dict):
            spaces = dict(sorted(spaces.items()))  # gym sorts the keys of a plain dict
        self.spaces = spaces
        Space.__init__(self, None, None, seed)

    def __getitem__(self, key):
        return self.spaces[key]

    def keys(self):
        return self.spaces.keys()

    def items(self):
        return self.spaces.items()

    def __len__(self):
        return len(self.spaces)


class MadeEnv(object):
    """What `gym.make(id)` gives, as the analysis reads it: its spaces, from gym_envs.json
    (tools/gym_env_spaces.py makes it from an installed gym); what its methods return at run
    time (observations, rewards) is data the analysis does not know."""

    def __init__(self, env_id, observation_space, action_space):
        self.observation_space = observation_space
        self.action_space = action_space
        self.unwrapped = self
        self.env_id = env_id

    def reset(self, *args, **kwargs):
        return np.random.random_sample()

    def step(self, action):
        return np.random.random_sample()

    def seed(self, seed=None):
        return [seed]

    def render(self, *args, **kwargs):
        return np.random.random_sample()

    def close(self):
        return None
