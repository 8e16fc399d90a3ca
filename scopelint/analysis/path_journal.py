"""What the paths of a branch did to values they share.

The interpreter runs the paths of an undecided `if` one after the other, each on a fork of the
state. A fork copies the running frame's bindings only: lists, dicts, sets, instances and
classes made before the fork are shared by the paths. A change one path makes to them
(`names.append("a")`, `config["share"] = True`, `model.built = True`, or `built = True` under
`global built` in a function) must not be taken as made on the other path, nor after the join
as certain: Python makes it only where that path runs.

So each path keeps a journal of the shared values it changes, with their state before its
first change; when the path ends, their state is noted and the values go back to what they
were, for the next path. After the last path, each value takes the state all the paths that
go on agree on, or a join of their states where they differ (an item or attribute one path
changed is unknown; a list or set whose length differs is unknown as a whole, but a list the
paths only appended to, which holds the items appended, each on some paths). A value made on
a path (born after the fork) is that path's own and is not journaled.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from scopelint.analysis.cli_args import NamespaceVal
from scopelint.analysis.values import (
    ClassVal, DictVal, Env, FunctionVal, InstanceVal, ListVal, SetVal, birth, join_items, join_values,
)
from scopelint.semantics.values import UNKNOWN


class Journal:
    """One path's changes to values made before its branch forked (containers, instances,
    classes, the enclosing envs a `global`/`nonlocal` assignment writes): each one's state before."""

    __slots__ = ("floor", "before")

    def __init__(self, floor: int) -> None:
        self.floor = floor  # values born before it are shared with the other paths
        self.before: Dict[int, Tuple[Any, Any]] = {}


def new_floor() -> int:
    return birth()


def undo(journal: Journal) -> Dict[int, Any]:
    """End a path: the state it left each journaled value in, by id; the values go back to
    their state before it."""
    after = {key: state_of(value) for key, (value, _) in journal.before.items()}
    for value, before in journal.before.values():
        restore(value, before)
    return after


def state_of(value: Any) -> Any:
    if isinstance(value, ListVal):
        return (list(value.items), value.poisoned, value.grown)
    if isinstance(value, DictVal):
        return (dict(value.items), value.complete, value.poisoned, value.unordered, value.lost_keys)
    if isinstance(value, SetVal):
        return (set(value.values), value.poisoned)
    if isinstance(value, InstanceVal):
        return (dict(value.attrs), value.attrs_complete)
    if isinstance(value, Env):
        return (dict(value.vars),)  # an enclosing function's or the module's bindings (`global x`)
    if isinstance(value, NamespaceVal):
        return (dict(value.values), value.escaped)  # `args.lr = 0.1` on one path
    return (dict(value.attrs), value.attrs_complete)  # ClassVal, FunctionVal


def restore(value: Any, state: Any) -> None:
    if isinstance(value, ListVal):
        value.items[:] = state[0]
        value.poisoned, value.grown = state[1], state[2]
    elif isinstance(value, DictVal):
        value.items.clear()
        value.items.update(state[0])
        value.complete, value.poisoned, value.unordered, value.lost_keys = state[1], state[2], state[3], state[4]
    elif isinstance(value, SetVal):
        value.values.clear()
        value.values.update(state[0])
        value.poisoned = state[1]
    elif isinstance(value, InstanceVal):
        value.attrs.clear()
        value.attrs.update(state[0])
        value.attrs_complete = state[1]
    elif isinstance(value, Env):
        value.vars.clear()
        value.vars.update(state[0])
    elif isinstance(value, NamespaceVal):
        value.values.clear()
        value.values.update(state[0])
        value.escaped = state[1]
    else:  # ClassVal, FunctionVal
        value.attrs.clear()
        value.attrs.update(state[0])
        value.attrs_complete = state[1]


def _same(a: Any, b: Any) -> bool:
    """Two states with the same items, by identity (what the analysis knows of each item)."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if isinstance(x, list):
            if not isinstance(y, list) or len(x) != len(y) or any(i is not j for i, j in zip(x, y)):
                return False
        elif isinstance(x, dict):
            if not isinstance(y, dict) or x.keys() != y.keys() or any(x[k] is not y[k] for k in x):
                return False
        elif isinstance(x, set):
            if x != y:
                return False
        elif x is not y and x != y:
            return False
    return True


def merge(value: Any, states: List[Any], grown_as_last: bool = False) -> None:
    """Give `value` the state the paths that go on left it in: theirs if they agree, else a join.
    `grown_as_last`: a list, dict or set whose items differ in number or keys takes the last
    state, not an unknown one (after a loop of unknown trip count, which the analysis runs
    twice: the layers a `for size in sizes: cells.append(...)` builds are the ones it predicts,
    on some paths)."""
    first = states[0]
    if all(_same(first, other) for other in states[1:]):
        restore(value, first)
        return
    if grown_as_last and isinstance(value, (ListVal, DictVal, SetVal)) and (
            isinstance(value, SetVal) or len({len(state[0]) for state in states}) > 1 or
            isinstance(value, DictVal) and any(set(state[0]) != set(first[0]) for state in states)):
        last = states[-1]
        restore(value, (last[0], last[1], True) if isinstance(value, ListVal) else last)
        return
    if isinstance(value, ListVal):
        lengths = {len(state[0]) for state in states}
        if len(lengths) == 1:
            items = list(first[0])
            for state in states[1:]:
                items = [join_items(x, y) for x, y in zip(items, state[0])]
            restore(value, (items, any(state[1] for state in states), any(state[2] for state in states)))
        elif _appended_on_some_paths(states):
            # `if i < 2000: test.append(label) else: train.append(label)` (StarGAN's split): the
            # items the longest path appended, each on some paths only, as a loop of unknown
            # trip count grows a list (ListVal.grown)
            longest = max(states, key=lambda state: len(state[0]))
            restore(value, (list(longest[0]), False, True))
        else:
            restore(value, (list(first[0]), True, any(state[2] for state in states)))  # its length depends on the path
    elif isinstance(value, DictVal):
        keys = set(first[0])
        if all(set(state[0]) == keys for state in states):
            items = dict(first[0])
            for state in states[1:]:
                items = {key: join_values(items[key], state[0][key]) for key in items}
            restore(value, (items, all(s[1] for s in states), any(s[2] for s in states), any(s[3] for s in states),
                            _joined_lost_keys(states, ())))
        else:
            # a key some paths set and others not may be there or not: the dict holds the keys
            # every path has (their values joined) and may have others (wavenet's optional
            # `var['gc_embedding']`, then `var['dilated_stack'] = list()` on every path)
            common = set.intersection(*(set(state[0]) for state in states))
            items = {key: item for key, item in first[0].items() if key in common}
            for state in states[1:]:
                items = {key: join_values(items[key], state[0][key]) for key in items}
            others = tuple(key for state in states for key in state[0] if key not in common)
            restore(value, (items, False, any(s[2] for s in states), any(s[3] for s in states),
                            _joined_lost_keys(states, others)))
    elif isinstance(value, SetVal):
        restore(value, (set(first[0]), True))
    else:
        names = set().union(*(state[0] for state in states))
        attrs = {name: _joined_attribute([state[0].get(name, _ABSENT) for state in states]) for name in names}
        if isinstance(value, (InstanceVal, ClassVal, FunctionVal)):
            restore(value, (attrs, all(state[1] for state in states)))
        elif isinstance(value, NamespaceVal):
            restore(value, (attrs, any(state[1] for state in states)))
        else:
            restore(value, (attrs,))  # an env's bindings


def _appended_on_some_paths(states: List[Any]) -> bool:
    """Lists' states that differ only by items some paths appended: each a prefix of the longest."""
    longest = max((state[0] for state in states), key=len)
    return not any(state[1] for state in states) and all(
        all(item is longest[index] for index, item in enumerate(state[0])) for state in states)


_ABSENT = object()


def _joined_attribute(values: List[Any]) -> Any:
    if any(v is _ABSENT for v in values):
        return UNKNOWN  # set on one path only: reading it may raise AttributeError on the other
    joined = values[0]
    for other in values[1:]:
        joined = join_values(joined, other, alternatives=True)  # an attribute or a binding
    return joined


def _joined_lost_keys(states: List[Any], others: Tuple[Any, ...]) -> Optional[Tuple[Any, ...]]:
    """The keys a dict joined from these paths' states may hold beyond the items every path has
    (`others`, set on some paths only, and each path's own lost keys); None where some path's
    dict may hold any key."""
    if any(not state[1] and state[4] is None for state in states):
        return None
    # keys are hashable (concrete dict keys, frozen Patterns): a dict dedups them in order, in
    # linear time (tf-slim's end_points dicts join hundreds of keys over many paths)
    lost = dict.fromkeys(others)
    for state in states:
        if not state[1]:
            lost.update(dict.fromkeys(state[4]))
    return tuple(lost) if lost or not all(state[1] for state in states) else None
