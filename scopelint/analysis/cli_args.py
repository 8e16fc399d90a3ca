"""argparse as TF1 scripts use it for hyper-parameters. The analysis assumes the program runs
as `python FILE` (as it does for tf.app.flags): `sys.argv` is `[FILE]` and `parse_args()`
gives every option its default, unless the program set `sys.argv` itself (a driver that
builds each model in turn with `sys.argv = [..., "--model", name]`): then its words are parsed.
A namespace handed to code the analysis does not follow (`vars(args).update(config)`) may
have been changed there, and then reads as unknown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from scopelint.analysis.values import BuiltinFn, DictVal, FunctionVal, ListVal, OpaqueVal, birth, is_concrete
from scopelint.semantics.values import UNKNOWN

if TYPE_CHECKING:
    from scopelint.analysis.interpreter import Interpreter, State

# `type=bool` is bool(word): any non-empty word ("False" too) is True (CycleGAN-tensorflow's
# `--use_resnet`: tests/fixtures/patterns/argparse_type_bool.py)
_CONVERTERS = {"int": int, "float": float, "str": str, "bool": bool}
_ONE_VALUE_KEYWORDS = {"action", "help", "default", "dest", "type", "required", "metavar", "choices"}
_PARSER_METHODS = ("add_argument", "parse_args", "parse_known_args", "set_defaults", "add_argument_group",
                   "add_mutually_exclusive_group", "get_default", "register")


@dataclass(eq=False)
class ArgParserVal:
    """argparse.ArgumentParser(): the defaults its options declare, by destination."""

    defaults: Dict[str, Any] = field(default_factory=dict)
    # each option string ("--lr", "-l") -> (destination, how a word after it is read): a
    # converter name ("str", "int", "float"), "true"/"false" for store_true/_false, a function of
    # the program's (`type=str2bool`), None if unknown
    flags: Dict[str, Tuple[str, Any]] = field(default_factory=dict)
    choices: Dict[str, Any] = field(default_factory=dict)  # by destination, as given
    # the positional arguments in order: (destination, how its word is read, as for a flag)
    positionals: List[Tuple[str, Any]] = field(default_factory=list)
    # `parser.register("type", "bool", str2bool)` (tensorflow/nmt): `type="bool"` names it
    registered: Dict[Tuple[Any, Any], Any] = field(default_factory=dict)
    # an option's `nargs` ("+", "*", "?" or a count) and `const`, by destination
    nargs: Dict[str, Tuple[Any, Any]] = field(default_factory=dict)


@dataclass(eq=False)
class NamespaceVal:
    """What parse_args() returned, or argparse.Namespace(**values)."""

    values: Dict[str, Any]
    escaped: bool = False  # given to code that may have changed it
    born: int = field(default_factory=birth, repr=False)  # paths of a branch share it (path_journal)
    view: Optional[DictVal] = None  # `vars(args)`: a dict over the same values

    def read(self, name: str) -> Any:
        if self.escaped or self.view is not None and self.view.poisoned:
            return UNKNOWN
        return self.values.get(name, UNKNOWN)

    def as_dict(self) -> DictVal:
        """vars(namespace): its __dict__, which changes with it (`vars(args).update(config)`)."""
        if self.view is None:
            self.view = DictVal(self.values)
        return self.view


@dataclass(eq=False)
class NamespaceMethod:
    """A namespace's own methods, from argparse's _AttributeHolder: `_get_kwargs()`, which is
    `list(self.__dict__.items())` (pix2pix-tensorflow's main prints its options with `for k, v in
    a._get_kwargs()`: tests/fixtures/patterns/argparse_get_kwargs.py), and `_get_args()`, `[]`."""

    namespace: NamespaceVal
    name: str

    def invoke(self, interp: "Interpreter", args: List[Any], kwargs: Dict[str, Any], st: "State") -> Any:
        namespace = self.namespace
        if args or kwargs:
            return UNKNOWN
        if self.name == "_get_args":
            return ListVal([])
        if namespace.escaped or namespace.view is not None and namespace.view.poisoned:
            return UNKNOWN
        values = namespace.view.items if namespace.view is not None else namespace.values
        return ListVal([ListVal([name, value], True) for name, value in values.items()])


@dataclass(eq=False)
class ParserMethod:
    parser: ArgParserVal
    name: str

    def invoke(self, interp: "Interpreter", args: List[Any], kwargs: Dict[str, Any], st: "State") -> Any:
        parser = self.parser
        if self.name == "register":
            if len(args) == 3 and is_concrete(args[0]) and is_concrete(args[1]):
                parser.registered[(args[0], args[1])] = args[2]
            return None
        if self.name == "add_argument":
            converter = kwargs.get("type")
            if isinstance(converter, str) and ("type", converter) in parser.registered:
                kwargs = dict(kwargs, type=parser.registered[("type", converter)])
            destination, default = _option(args, kwargs)
            converter = kwargs.get("type")
            if isinstance(converter, FunctionVal) and isinstance(kwargs.get("default"), str):
                default = _converted(interp, converter, kwargs["default"], st)  # argparse converts a str default
            if destination is not None:
                parser.defaults[destination] = default
                reading = _reading(kwargs)
                if "choices" in kwargs:
                    parser.choices[destination] = kwargs["choices"]
                flags = [flag for flag in args if isinstance(flag, str) and flag.startswith("-")]
                for flag in flags:
                    parser.flags[flag] = (destination, reading)
                if not flags:
                    parser.positionals.append((destination, None if "nargs" in kwargs else reading))
                elif "nargs" in kwargs:
                    parser.nargs[destination] = (kwargs["nargs"], _plain(kwargs.get("const")))
            return None
        if self.name == "set_defaults":
            parser.defaults.update({k: _plain(v) for k, v in kwargs.items()})
            return None
        if self.name in ("add_argument_group", "add_mutually_exclusive_group"):
            return parser  # their options land in the same namespace
        if self.name == "get_default":
            return parser.defaults.get(args[0], UNKNOWN) if args and isinstance(args[0], str) else UNKNOWN
        given = args[0] if args else kwargs.get("args")
        if given is None:
            argv = interp.command_line(st)  # sys.argv: [FILE] unless the program set it
            given = ListVal(argv.items[1:]) if isinstance(argv, ListVal) and argv.items and not argv.poisoned \
                else UNKNOWN
        namespace = NamespaceVal(_parsed(parser, given, lambda function, word: _converted(interp, function, word, st)))
        if self.name == "parse_known_args":
            return ListVal([namespace, ListVal([])], True)
        return namespace


def _converted(interp: "Interpreter", function: FunctionVal, word: str, st: "State") -> Any:
    """What a converter of the program's (`def str2bool(v): return v.lower() in ("true", "1")`)
    makes of a word: run on a fork of the path; unknown unless it returns a plain value for
    certain (argparse turns its exceptions into a usage error)."""
    trial = st.fork()
    trial.graph.muted = True
    findings, warnings = interp.findings, interp.warnings
    try:
        value = interp.call(function, [word], {}, trial, None)
    finally:
        interp.findings, interp.warnings = findings, warnings
        interp.runtime_graph.state = st.graph
    if not trial.alive or not trial.graph.path_certain or not (is_concrete(value) or value is None):
        return UNKNOWN
    return value


def _parsed(parser: ArgParserVal, given: Any, convert: Any) -> Dict[str, Any]:
    """`parse_args(["--phase", "test"])`: the defaults, with what the words set; an option
    whose value is not read here (a list, a count, a custom type) is unknown, and everything is
    if the list is not known or has a word whose option is not known (an abbreviation, a
    value that starts with "-", a word past the positional arguments). A word that is no option
    is the next positional argument's (inference.py's `img_path model_weights --num-classes 21`)."""
    words = given.items if isinstance(given, ListVal) else None
    if words is None or not all(isinstance(w, str) for w in words):
        return {name: UNKNOWN for name in parser.defaults}
    values = dict(parser.defaults)
    remaining = list(words)
    positionals = list(parser.positionals)
    while remaining:
        word = remaining.pop(0)
        if not word.startswith("-"):
            if not positionals:
                return {name: UNKNOWN for name in parser.defaults}  # argparse exits: unrecognized
            destination, reading = positionals.pop(0)
            attached: Optional[str] = word
        else:
            flag, attached = word.split("=", 1) if word.startswith("--") and "=" in word else (word, None)
            known = parser.flags.get(flag)
            if known is None or word in ("-", "--"):
                return {name: UNKNOWN for name in parser.defaults}
            destination, reading = known
            if reading in ("true", "false") and attached is None:
                values[destination] = reading == "true"
                continue
            if reading is None or reading in ("true", "false"):
                return {name: UNKNOWN for name in parser.defaults}  # how many words it takes is not known
            if destination in parser.nargs:
                value = _words_value(parser, destination, reading, attached, remaining, convert)
                if value is UNKNOWN:
                    return {name: UNKNOWN for name in parser.defaults}
                values[destination] = value
                continue
            if attached is None:
                if not remaining or remaining[0].startswith("-"):
                    return {name: UNKNOWN for name in parser.defaults}
                attached = remaining.pop(0)
        value = _word_value(parser, destination, reading, attached, convert)
        if value is UNKNOWN:
            return {name: UNKNOWN for name in parser.defaults}  # a usage error, or a value not read here
        values[destination] = value
    return values


def _words_value(parser: ArgParserVal, destination: str, reading: Any, attached: Optional[str],
                 remaining: List[str], convert: Any) -> Any:
    """An option with `nargs` (StarGAN-Tensorflow's `--selected_attrs Black_Hair Male`, nargs="+"):
    it takes the words up to the next one that starts with "-" (all of them for "+" and "*", at
    most one for "?", exactly N for a count; only the attached one for `--opt=word`), as a list
    (one value, or `const` when there is none, for "?"). UNKNOWN for a usage error, for a
    variable count where the parser has positional arguments (which words argparse's pattern
    matching gives them is not followed here), and for a word read as unknown, removing
    nothing from `remaining` then."""
    count, const = parser.nargs[destination]
    if count not in ("+", "*", "?") and not (type(count) is int and count > 0) or \
            count in ("+", "*", "?") and parser.positionals:
        return UNKNOWN
    if attached is not None:
        words = [attached]
    else:
        words = []
        while len(words) < len(remaining) and not remaining[len(words)].startswith("-"):
            words.append(remaining[len(words)])
        if count == "?" or type(count) is int:
            words = words[:1 if count == "?" else count]
    if count == "+" and not words or type(count) is int and len(words) != count:
        return UNKNOWN  # argparse exits: expected one argument or more, expected N arguments
    items = [_word_value(parser, destination, reading, word, convert) for word in words]
    if any(item is UNKNOWN for item in items):
        return UNKNOWN
    if attached is None:
        del remaining[:len(words)]
    if count == "?":
        return items[0] if items else const
    return ListVal(items)


def _word_value(parser: ArgParserVal, destination: str, reading: Any, word: Any, convert: Any) -> Any:
    """The value an option or a positional argument takes from its word; UNKNOWN when it is not
    read here (how it takes words, a custom type that may raise) or argparse rejects it."""
    if reading is None or reading in ("true", "false"):
        return UNKNOWN
    if isinstance(reading, FunctionVal):
        value = convert(reading, word)  # UNKNOWN: it may have raised, a usage error
    else:
        try:
            value = _CONVERTERS[reading](word)
        except ValueError:
            return UNKNOWN  # argparse exits with a usage error
    choices = parser.choices.get(destination)
    if destination in parser.choices and not (isinstance(choices, ListVal) and value in choices.items):
        return UNKNOWN  # not one of them, or they are not known
    return value


def _reading(kwargs: Dict[str, Any]) -> Any:
    """How parse_args reads the word after an option (each word, with `nargs`), for the
    options read here."""
    action = kwargs.get("action")
    if action in ("store_true", "store_false") and set(kwargs) <= {"action", "help", "default", "dest"}:
        return action[len("store_"):]
    keywords = _ONE_VALUE_KEYWORDS | ({"nargs", "const"} if kwargs.get("nargs") == "?" else {"nargs"})
    if action not in (None, "store") or set(kwargs) - keywords:
        return None  # const without nargs="?", append, count, a custom action
    converter = kwargs.get("type")
    if converter is None:
        return "str"
    if isinstance(converter, FunctionVal):
        return converter
    name = converter.name if isinstance(converter, BuiltinFn) else None
    return name if name in _CONVERTERS else None


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
