"""easydict's EasyDict (easydict/__init__.py, 1.9 to 1.14), as the analysis reads it: the dict
whose items are also its attributes, in which detection and RL code keeps its configuration
(`cfg.TRAIN.SCOPE`, `cfg["ANCHOR_SCALES"]`). The library itself is read as data, never followed,
so without this a config's values, and every name built from them, were unknown.

The real class makes every attribute an item as well through `__setattr__`, which the analysis
does not run; here the attributes are the store, and the dict methods read them. A plain dict
assigned to an attribute later (`cfg.NET = {"units": 4}`) stays a dict here (easydict would
wrap it): reading `cfg.NET.units` is then unknown, never wrong."""


def _wrapped(value):
    """What easydict stores: a dict as an EasyDict, and lists and tuples with their dicts so."""
    if type(value) in (list, tuple):
        items = [EasyDict(x) if isinstance(x, dict) else x for x in value]
        return items if type(value) is list else tuple(items)
    if type(value) is dict:
        return EasyDict(value)
    return value


class EasyDict(dict):
    def __init__(self, d=None, **kwargs):
        if d is None:
            d = {}
        else:
            d = dict(d)
        if kwargs:
            d.update(**kwargs)
        for k, v in d.items():
            setattr(self, k, _wrapped(v))

    def __getitem__(self, key):
        return getattr(self, key)

    def __setitem__(self, key, value):
        setattr(self, key, _wrapped(value))

    def __contains__(self, key):
        return hasattr(self, key)

    def __iter__(self):
        return iter(list(self.__dict__))

    def __len__(self):
        return len(self.__dict__)

    def keys(self):
        return list(self.__dict__)

    def values(self):
        return [getattr(self, k) for k in self.__dict__]

    def items(self):
        return [(k, getattr(self, k)) for k in self.__dict__]

    def get(self, key, default=None):
        return getattr(self, key) if hasattr(self, key) else default

    def update(self, e=None, **f):
        d = dict(e) if e else {}
        d.update(f)
        for k in d:
            setattr(self, k, _wrapped(d[k]))

    def setdefault(self, key, default=None):
        if not hasattr(self, key):
            setattr(self, key, _wrapped(default))
        return getattr(self, key)

    def pop(self, k, *args):
        if hasattr(self, k):
            value = getattr(self, k)
            delattr(self, k)
            return value
        return args[0] if args else dict.pop(self, k)


edict = EasyDict
