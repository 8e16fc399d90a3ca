"""argparse as TF1 scripts use it for hyper-parameters. The analysis assumes the program runs
as `python FILE` (as it does for tf.app.flags): `parse_args()` gives every option its default.
A namespace handed to code the analysis does not follow (`vars(args).update(config)`) may
have been changed there, and then reads as unknown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List

from scopelint.analysis.values import BuiltinFn, ListVal, OpaqueVal, birth, is_concrete
from scopelint.semantics.values import UNKNOWN

if TYPE_CHECKING:
    from scopelint.analysis.interpreter import Interpreter, State

_CONVERTERS = {"int": int, "float": float, "str": str}
_PARSER_METHODS = ("add_argument", "parse_args", "parse_known_args", "set_defaults", "add_argument_group",
                   "add_mutually_exclusive_group", "get_default")


@dataclass(eq=False)
class ArgParserVal:
    """argparse.ArgumentParser(): the defaults its options declare, by destination."""

    defaults: Dict[str, Any] = field(default_factory=dict)


@dataclass(eq=False)
class NamespaceVal:
    """What parse_args() returned, or argparse.Namespace(**values)."""

    values: Dict[str, Any]
    escaped: bool = False  # given to code that may have changed it
    born: int = field(default_factory=birth, repr=False)  # paths of a branch share it (path_journal)

    def read(self, name: str) -> Any:
        return UNKNOWN if self.escaped else self.values.get(name, UNKNOWN)


@dataclass(eq=False)
class ParserMethod:
    parser: ArgParserVal
    name: str

    def invoke(self, interp: "Interpreter", args: List[Any], kwargs: Dict[str, Any], st: "State") -> Any:
        parser = self.parser
        if self.name == "add_argument":
            destination, default = _option(args, kwargs)
            if destination is not None:
                parser.defaults[destination] = default
            return None
        if self.name == "set_defaults":
            parser.defaults.update({k: _plain(v) for k, v in kwargs.items()})
            return None
        if self.name in ("add_argument_group", "add_mutually_exclusive_group"):
            return parser  # their options land in the same namespace
        if self.name == "get_default":
            return parser.defaults.get(args[0], UNKNOWN) if args and isinstance(args[0], str) else UNKNOWN
        given = args[0] if args else kwargs.get("args")
        namespace = NamespaceVal(dict(parser.defaults) if given is None else _parsed(parser, given))
        if self.name == "parse_known_args":
            return ListVal([namespace, ListVal([])], True)
        return namespace


def _parsed(parser: ArgParserVal, given: Any) -> Dict[str, Any]:
    """`parse_args(["--phase", "test"])`: the options the list names are unknown (their values
    are not parsed here), the others keep their defaults; everything, if the list is not known."""
    words = given.items if isinstance(given, ListVal) else None
    if words is None or not all(isinstance(w, str) for w in words):
        return {name: UNKNOWN for name in parser.defaults}
    values = dict(parser.defaults)
    for word in words:
        if not word.startswith("-") or word == "-":
            continue  # an option's value, or a positional argument (whose default is unknown anyway)
        destination = word[2:].split("=", 1)[0].replace("-", "_") if word.startswith("--") else None
        if destination not in values:
            # a short flag, an abbreviation (`--ph` for `--phase`) or a `dest=` of its own: which
            # option it sets is not known here
            return {name: UNKNOWN for name in parser.defaults}
        values[destination] = UNKNOWN
    return values


def parser_attribute(parser: ArgParserVal, name: str) -> Any:
    if name in _PARSER_METHODS:
        return ParserMethod(parser, name)
    return OpaqueVal("argparse.ArgumentParser." + name, inert=True)


def _option(args: List[Any], kwargs: Dict[str, Any]) -> Any:
    """(destination, default value) of one add_argument call; destination None when unknown."""
    names = [a for a in args if isinstance(a, str)]
    if len(names) != len(args) or not names:
        return None, UNKNOWN
    flags = [n for n in names if n.startswith("-")]
    destination = kwargs.get("dest")
    if not isinstance(destination, str):
        if not flags:
            destination = names[0]
        else:
            longs = [f for f in flags if f.startswith("--")]
            destination = (longs[0] if longs else flags[0]).lstrip("-").replace("-", "_")
    if not flags or kwargs.get("required") is not None and kwargs.get("required") is not False:
        return destination, UNKNOWN  # given on the command line: unknown here
    action = kwargs.get("action")
    if "default" in kwargs:
        default = _plain(kwargs["default"])
    elif action == "store_true":
        default = False
    elif action == "store_false":
        default = True
    elif action is None or action in ("store", "append", "count"):
        default = None
    else:
        return destination, UNKNOWN
    converter = kwargs.get("type")
    if isinstance(default, str) and converter is not None:
        # argparse applies `type` to a string default
        function = _CONVERTERS.get(converter.name) if isinstance(converter, BuiltinFn) else None
        try:
            default = function(default) if function is not None else UNKNOWN
        except ValueError:
            default = UNKNOWN
    return destination, default


def _plain(value: Any) -> Any:
    return value if is_concrete(value) or value is None or isinstance(value, ListVal) else UNKNOWN
