"""`obj.__dict__` of an instance the analysis follows, as far as TF1 code uses it to set
attributes: `self.__dict__.update(tensors)` (openai/baselines' PolicyWithValue keeps a policy's
extra tensors so), and to read them as a dict: `copy.deepcopy(self.__dict__)` (ELECTRA's
BertConfig.to_dict, whose result makes the generator's config). Any other use of it is unknown."""

from __future__ import annotations

from typing import Any, Callable, Dict, List

from scopelint.analysis.values import DictVal, InstanceVal
from scopelint.semantics.values import UNKNOWN

# Its methods that only read it: they answer as a dict of the attributes would
READERS = frozenset({"keys", "values", "items", "get", "copy"})


class InstanceDict:
    """`obj.__dict__`: its `update` and item assignment set the instance's attributes, and an
    item reads one (TF 1.4's FLAGS kept its values in `FLAGS.__dict__['__flags']`)."""

    def __init__(self, instance: InstanceVal) -> None:
        self.instance = instance

    def attribute(self, name: str) -> Any:
        return InstanceDictUpdate(self.instance) if name == "update" else UNKNOWN

    def snapshot(self) -> DictVal:
        """The dict as it is now: the instance's own attributes, in the order they were set;
        others may exist when something the analysis did not follow set attributes."""
        return DictVal(dict(self.instance.attrs), complete=self.instance.attrs_complete)

    def item(self, key: Any, raised: Callable[[], None]) -> Any:
        """`obj.__dict__[key]`: the instance's own attribute (never its class's). A key it lacks
        is unknown, not a KeyError: code the analysis did not follow may have set it."""
        if isinstance(key, str) and key in self.instance.attrs:
            return self.instance.attrs[key]
        return UNKNOWN

    def store(self, interp: Any, key: Any, value: Any) -> None:
        """`obj.__dict__[key] = value`: sets the attribute, past any `__setattr__`."""
        if not isinstance(key, str):
            _forget_attributes(interp, self.instance)  # an attribute the analysis cannot name
            return
        interp.touch(self.instance)
        self.instance.attrs[key] = value


class InstanceDictUpdate:
    def __init__(self, instance: InstanceVal) -> None:
        self.instance = instance

    def invoke(self, interp: Any, args: List[Any], kwargs: Dict[str, Any], st: Any) -> Any:
        if len(args) > 1:
            return UNKNOWN  # a TypeError
        known = not args or isinstance(args[0], DictVal) and args[0].complete and not args[0].poisoned and \
            all(isinstance(key, str) for key in args[0].items)
        if not known:
            _forget_attributes(interp, self.instance)  # attributes the analysis cannot name
            return None
        for name, value in list(args[0].items.items() if args else []) + list(kwargs.items()):
            interp.set_attribute(self.instance, name, value, st)
        return None


def _forget_attributes(interp: Any, instance: InstanceVal) -> None:
    """Attributes the analysis cannot name were set: any of the instance's may have changed."""
    interp.touch(instance)
    instance.attrs_complete = False
    for name in instance.attrs:
        instance.attrs[name] = UNKNOWN
