"""functools.lru_cache and functools.cache in the analysis: a call of the cached function runs it
the first time it is given equal arguments, and gives back what that run returned afterwards,
without running it (tensorpack's `graph_memoized` get_global_step_var, called from every
optimizer, creates global_step once per graph).

The cache is a DictVal keyed by the arguments, so undecided branches journal and join it as any
dict. A call hits or misses only where the analysis can tell the arguments equal to, or
different from, every cached call's: numbers, strings, None, tuples of them, and objects Python
compares by identity (the program's functions, classes and plain instances, a graph). Anywhere
else the function may or may not run: its call is unknown code, and so is the cache after it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from scopelint.analysis.markers import GraphVal
from scopelint.analysis.values import ClassVal, DictVal, FunctionVal, InstanceVal, ListVal, MISSING, ModuleVal
from scopelint.semantics.values import UNKNOWN

if TYPE_CHECKING:
    from scopelint.analysis.interpreter import Interpreter, State

_DEFAULT_MAXSIZE = 128  # lru_cache's
_PLAIN_TYPES = (type(None), bool, int, float, str, bytes)
_KEYWORDS_MARK = object()  # separates positional arguments from keyword ones in a key, as functools' own


class LruCacheFactory:
    """`functools.lru_cache(maxsize=None)`: a decorator that caches the function it is given."""

    def __init__(self, maxsize: Optional[int], typed: bool) -> None:
        self.maxsize, self.typed = maxsize, typed


class CachedFunction:
    """A function wrapped by lru_cache: the function, how many results it keeps, and the cache
    (argument key -> the first run's result; in least recently used order)."""

    def __init__(self, function: Any, maxsize: Optional[int], typed: bool) -> None:
        self.function, self.maxsize, self.typed = function, maxsize, typed
        self.cache = DictVal({})


class CacheClear:
    """`cached.cache_clear`."""

    def __init__(self, cached: CachedFunction) -> None:
        self.cached = cached

    def invoke(self, interp: Interpreter, args: List[Any], kwargs: Dict[str, Any], st: State) -> Any:
        interp.touch(self.cached.cache)
        self.cached.cache.items.clear()
        self.cached.cache.complete, self.cached.cache.poisoned = True, False
        return None


class _Identity:
    """A key part for an object Python compares by identity; it holds the object, so that its id
    is not reused while the cache holds the key."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Identity) and other.value is self.value

    def __hash__(self) -> int:
        return id(self.value)


def is_lru_cache(value: Any) -> bool:
    """functools' caching decorators, as the program names them."""
    return isinstance(value, ModuleVal) and value.qualname in ("functools.lru_cache", "functools.cache")


def decorator(qualname: str, args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """`functools.cache(f)`, `functools.lru_cache(f)` (the function cached) and
    `functools.lru_cache(maxsize=None, typed=False)` (the decorator); MISSING for a form the
    analysis does not model (a maxsize it does not know)."""
    if qualname == "functools.cache":
        return CachedFunction(args[0], None, False) if len(args) == 1 and not kwargs else MISSING
    if len(args) == 1 and not kwargs and callable_value(args[0]):
        return CachedFunction(args[0], _DEFAULT_MAXSIZE, False)
    names = ("maxsize", "typed")
    if len(args) > len(names) or set(kwargs) - set(names) or set(kwargs) & set(names[:len(args)]):
        return MISSING
    bound = dict(zip(names, args), **kwargs)
    maxsize, typed = bound.get("maxsize", _DEFAULT_MAXSIZE), bound.get("typed", False)
    if not (maxsize is None or type(maxsize) is int) or type(typed) is not bool:
        return MISSING
    return LruCacheFactory(maxsize, typed)


def callable_value(value: Any) -> bool:
    from scopelint.analysis.values import BoundMethod, PartialVal

    return isinstance(value, (FunctionVal, BoundMethod, PartialVal, CachedFunction))


def call(interp: Interpreter, cached: CachedFunction, args: List[Any], kwargs: Dict[str, Any], st: State,
         node: Any) -> Any:
    cache = cached.cache
    key = _key(args, kwargs, cached.typed)
    known_cache = cache.complete and not cache.poisoned
    if key is not None and key in cache.items:
        if cached.maxsize is not None:
            interp.touch(cache)
            cache.items[key] = cache.items.pop(key)  # now the most recently used
        return cache.items[key]
    if not known_cache or (key is None and cache.items):
        # a hit or a miss, the analysis cannot tell: the function may run
        interp.touch(cache)
        cache.complete, cache.lost_keys = False, None
        st.graph.unknown_code_ran()
        return UNKNOWN
    result = interp.call(cached.function, args, kwargs, st, node)
    if not st.alive or cached.maxsize is not None and cached.maxsize <= 0:
        return result  # what raised is not cached; nor is anything with maxsize=0
    interp.touch(cache)
    if key is None:
        cache.complete, cache.lost_keys = False, None  # cached under arguments the analysis cannot compare
        return result
    cache.items[key] = result
    if cached.maxsize is not None and len(cache.items) > cached.maxsize:
        del cache.items[next(iter(cache.items))]  # the least recently used
    return result


def attribute(interp: Interpreter, cached: CachedFunction, name: str, st: State) -> Any:
    """The wrapper's attributes: cache_clear, `__wrapped__`, and the function's own (update_wrapper
    copied them)."""
    if name == "cache_clear":
        return CacheClear(cached)
    if name == "__wrapped__":
        return cached.function
    if name in ("cache_info", "cache_parameters"):
        return UNKNOWN
    return interp.get_attribute(cached.function, name, st)


def _key(args: List[Any], kwargs: Dict[str, Any], typed: bool) -> Optional[Tuple[Any, ...]]:
    """The call's cache key as functools makes it (keywords in the order given, after the
    positional ones; each argument's type too when `typed`), or None where an argument's
    equality is not known."""
    parts: List[Any] = []
    for value in list(args) + ([_KEYWORDS_MARK] if kwargs else []) + [v for pair in kwargs.items() for v in pair]:
        part = value if value is _KEYWORDS_MARK else _key_part(value)
        if part is None:
            return None
        parts.append(part)
    if typed:
        parts.extend(type(v) if type(v) in _PLAIN_TYPES else _Identity(type(v)) for v in list(args) +
                     list(kwargs.values()))
    return tuple(parts)


def _key_part(value: Any) -> Any:
    if type(value) in _PLAIN_TYPES:
        return (value,)  # (a None argument is a known key; None itself means unknown)
    if isinstance(value, ListVal) and value.is_tuple and not value.poisoned and not value.grown:
        items = [_key_part(item) for item in value.items]
        return None if any(item is None for item in items) else tuple(items)
    if isinstance(value, (FunctionVal, ClassVal)):
        return _Identity(value)
    if isinstance(value, InstanceVal) and all(value.cls.lookup(name) is MISSING for name in ("__eq__", "__hash__")):
        return _Identity(value)  # a plain object: equal to itself alone
    if isinstance(value, GraphVal) and value.graph_id is not None:
        return _Identity(value.graph_id)
    return None
