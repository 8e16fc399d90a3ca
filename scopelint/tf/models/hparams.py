"""tf.contrib.training.HParams (tensorflow/contrib/training/python/training/hparam.py, TF 1.15):
a set of named hyper-parameters, as attributes, typed by their first value. Tacotron and many
TTS and NMT projects keep their whole configuration in one; `hparams.parse(args.hparams)`
overrides some from a "name=value,..." string (empty by default).

Scalars only: a list-valued hyper-parameter keeps its value, but parsing a new one for it is not
modelled (its value then reads as whatever the string gave, split on commas)."""


def _kind(value):
    """The type a hyper-parameter keeps: its first value's (bool before int: a bool is an int)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _parse_bool(value):
    if value in ("true", "True"):
        return True
    if value in ("false", "False"):
        return False
    return bool(int(value))


_RESERVED = ("add_hparam", "set_hparam", "del_hparam", "parse", "override_from_dict", "values", "get",
             "to_json", "parse_json", "to_proto", "from_proto")


class HParams(object):
    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._hparam_types = {}
        self._model_structure = model_structure
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        if name in _RESERVED or name in self._hparam_types:
            raise ValueError("Hyperparameter name is reserved: %s" % name)
        if isinstance(value, (list, tuple)):
            self._hparam_types[name] = (_kind(value[0]) if value else "str", True)
        else:
            self._hparam_types[name] = (_kind(value), False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        param_type, is_list = self._hparam_types[name]
        if is_list:
            setattr(self, name, list(value))
        elif param_type == "float" and isinstance(value, int):
            setattr(self, name, float(value))
        else:
            setattr(self, name, value)

    def del_hparam(self, name):
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        if not values:
            return self
        for pair in values.split(","):
            name, _, text = pair.partition("=")
            name = name.strip()
            if name not in self._hparam_types:
                raise ValueError("Unknown hyperparameter type for %s" % name)
            param_type, is_list = self._hparam_types[name]
            text = text.strip()
            if param_type == "bool":
                value = _parse_bool(text)
            elif param_type == "int":
                value = int(text)
            elif param_type == "float":
                value = float(text)
            else:
                value = text
            self.set_hparam(name, value)
        return self

    def override_from_dict(self, values_dict):
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def values(self):
        return {name: getattr(self, name) for name in self._hparam_types}

    def get(self, key, default=None):
        if key in self._hparam_types:
            return getattr(self, key)
        return default

    def __contains__(self, key):
        return key in self._hparam_types
