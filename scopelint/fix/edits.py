"""The source rewrites, on libcst's concrete syntax tree: everything outside the edited call or
statements (comments, blank lines, quotes, line breaks inside brackets) is written back as
it was. Each edit takes the analysed file's text and a FixSite, and returns the new text, or
raises NotFixable with the reason; whether a rewrite is right is the gate's to judge
(scopelint.fix.gate), not this module's."""

from __future__ import annotations

import io
import re
import tokenize
from collections import Counter
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple, Union

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, ParentNodeProvider, PositionProvider

from scopelint.analysis.fix_sites import FixSite

MAX_BRACKET_DEPTH = 100  # libcst's native parser can crash the process on deeply nested input
MAX_SOURCE_CHARS = 2_000_000
REUSE_ARG_POSITION = 8  # variable_scope(name_or_scope, default_name, values, initializer, regularizer,
# caching_device, partitioner, custom_getter, reuse, ...): a 9th positional argument is `reuse`


class NotFixable(Exception):
    """The rewrite cannot be made here; the message says why, for the user."""


@dataclass(frozen=True)
class Edit:
    text: str  # the whole file, rewritten
    summary: str  # what changed, for the user: "added reuse=tf.AUTO_REUSE to the tf.variable_scope at line 5"


class _Parsed:
    """A module's concrete syntax tree with the positions and parents of its nodes."""

    def __init__(self, text: str) -> None:
        _check_parsable(text)
        try:
            self.wrapper = MetadataWrapper(cst.parse_module(text))
        except cst.ParserSyntaxError as exc:
            raise NotFixable("libcst cannot parse the file: %s" % str(exc).splitlines()[0])
        self.module = self.wrapper.module
        self.text = text
        self.positions: Dict[cst.CSTNode, CodeRange] = dict(self.wrapper.resolve(PositionProvider))
        self.parents: Dict[cst.CSTNode, cst.CSTNode] = dict(self.wrapper.resolve(ParentNodeProvider))

    def call_at(self, site: FixSite, callee: str) -> cst.Call:
        """The call to `...callee` whose function starts where `ast` put the call (libcst counts
        columns in characters, `ast` in UTF-8 bytes)."""
        lines = re.split(r"\r\n|\r|\n", self.text)  # as the tokenizer counts lines (not str.splitlines)
        if not 0 < site.line <= len(lines):
            raise NotFixable("line %d is not in the file" % site.line)
        column = len(lines[site.line - 1].encode("utf-8")[: site.col].decode("utf-8", "replace"))
        for node, where in self.positions.items():
            if isinstance(node, cst.Call) and _callee_name(node) == callee:
                start = self.positions[node.func].start
                if (start.line, start.column) == (site.line, column):
                    return node
        raise NotFixable("no %s(...) call at line %d" % (callee, site.line))

    def code(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def statement_in_block(self, node: cst.CSTNode) -> Tuple[cst.CSTNode, Union[cst.Module, cst.IndentedBlock]]:
        """The statement containing `node` that is directly in a block (a module or an indented
        body), and that block."""
        while True:
            parent = self.parents.get(node)
            if parent is None:
                raise NotFixable("the call is in no statement")
            if isinstance(parent, (cst.Module, cst.IndentedBlock)) and node in parent.body:
                return node, parent
            node = parent


def _check_parsable(text: str) -> None:
    """Hand libcst only what it parses safely (see docs/conventions: deep nesting crashes it)."""
    if len(text) > MAX_SOURCE_CHARS:
        raise NotFixable("the file is too large to rewrite safely")
    depth = deepest = 0
    for char in text:  # an upper bound: brackets inside strings and comments count too
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(0, depth - 1)
    if deepest > MAX_BRACKET_DEPTH:
        raise NotFixable("brackets nest too deep to rewrite safely")


def _callee_name(call: cst.Call) -> Optional[str]:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return None


def _replace(module: cst.Module, old: cst.CSTNode, new: cst.CSTNode) -> str:
    replaced = module.deep_replace(old, new)
    assert isinstance(replaced, cst.Module)
    if Counter(_comments(replaced.code)) - Counter(_comments(module.code)) or \
            Counter(_comments(module.code)) - Counter(_comments(replaced.code)):
        raise NotFixable("the rewrite would not keep the file's comments as they are")
    return replaced.code


def _comments(code: str) -> List[str]:
    tokens = tokenize.generate_tokens(io.StringIO(code).readline)
    return [token.string for token in tokens if token.type == tokenize.COMMENT]


def _tf_module(parsed: _Parsed, qualifier: Optional[cst.BaseExpression]) -> Optional[str]:
    """How the file names the TF module that has variable_scope: the qualifier of the call
    (`tf` in `tf.variable_scope`), else what `tensorflow` (or its compat.v1) is imported as."""
    if qualifier is not None:
        return parsed.code(qualifier)
    for node in parsed.positions:
        if isinstance(node, cst.Import):
            for alias in node.names:
                dotted = parsed.code(alias.name)
                if dotted in ("tensorflow", "tensorflow.compat.v1"):
                    if alias.asname is not None:
                        return parsed.code(alias.asname.name)
                    if dotted == "tensorflow":
                        return dotted
        elif isinstance(node, cst.ImportFrom) and node.module is not None:
            if parsed.code(node.module) == "tensorflow.compat" and not isinstance(node.names, cst.ImportStar):
                for alias in node.names:
                    if parsed.code(alias.name) == "v1":
                        return parsed.code(alias.asname.name) if alias.asname is not None else "v1"
    return None


# ---------------------------------------------------------------------------- SL201


def remove_reuse_false(text: str, site: FixSite) -> Edit:
    """`tf.variable_scope("head", reuse=False)` -> `tf.variable_scope("head")`: TF reads
    reuse=False as None (inherit), so the scope and every name stay as they were."""
    parsed = _Parsed(text)
    call = parsed.call_at(site, "variable_scope")
    index = next((i for i, arg in enumerate(call.args) if arg.keyword is not None and arg.keyword.value == "reuse"),
                 None)
    value = call.args[index].value if index is not None else None
    if index is None or not (isinstance(value, cst.Name) and value.value == "False"):
        raise NotFixable("the tf.variable_scope call at line %d passes no literal reuse=False" % site.line)
    new_call = call.with_changes(args=_without(call, index))
    return Edit(_replace(parsed.module, call, new_call),
                "removed reuse=False from the tf.variable_scope at line %d: inside a reusing scope it has no "
                "effect, and the names stay the same" % site.line)


# ---------------------------------------------------------------------------- SL101


def add_reuse(text: str, site: FixSite, auto: bool) -> Edit:
    """`tf.variable_scope("D")` -> `tf.variable_scope("D", reuse=tf.AUTO_REUSE)` (auto) or
    `reuse=True`: the entry the second build passes through shares what the first created."""
    parsed = _Parsed(text)
    call = parsed.call_at(site, "variable_scope")
    qualifier = call.func.value if isinstance(call.func, cst.Attribute) else None
    if auto:
        module = _tf_module(parsed, qualifier)
        if module is None:
            raise NotFixable("cannot tell how the file names tensorflow, to write tf.AUTO_REUSE")
        value = "%s.AUTO_REUSE" % module
    else:
        value = "True"
    if any(arg.star for arg in call.args):
        raise NotFixable("the tf.variable_scope call at line %d passes *args or **kwargs" % site.line)
    positional = [arg for arg in call.args if arg.keyword is None]
    if len(positional) > REUSE_ARG_POSITION:
        raise NotFixable("the tf.variable_scope call at line %d passes reuse by position" % site.line)
    new_arg = cst.parse_expression("f(reuse=%s)" % value).args[0]  # type: ignore[attr-defined]
    args = list(call.args)
    given = next((i for i, arg in enumerate(args) if arg.keyword is not None and arg.keyword.value == "reuse"), None)
    if given is not None:
        current = args[given].value
        if not (isinstance(current, cst.Name) and current.value in ("None", "False")):
            raise NotFixable("the tf.variable_scope call at line %d sets reuse=%s: pass reuse=True where the second "
                             "build is made" % (site.line, parsed.code(current)))
        args[given] = args[given].with_changes(value=new_arg.value)
    else:
        args = _appended(call, new_arg)
    new_call = call.with_changes(args=args)
    return Edit(_replace(parsed.module, call, new_call),
                "added reuse=%s to the tf.variable_scope at line %d, which the second build passes through"
                % (value, site.line))


def pass_reuse_at_call(text: str, site: FixSite, failing_line: int) -> Edit:
    """`with tf.variable_scope("D", reuse=reuse)` in `def discriminator(x, reuse=False)`: the
    second build `discriminator(fake)` at the failing line gets `reuse=True` (DCGAN's fix)."""
    parsed = _Parsed(text)
    scope_call = parsed.call_at(site, "variable_scope")
    given = next((arg.value for arg in scope_call.args if arg.keyword is not None and arg.keyword.value == "reuse"),
                 None)
    function = _enclosing_function(parsed, scope_call)
    if not isinstance(given, cst.Name) or function is None:
        raise NotFixable("the tf.variable_scope call at line %d takes its reuse from no parameter" % site.line)
    params = list(function.params.params)
    index = next((i for i, p in enumerate(params) if p.name.value == given.value), None)
    default = params[index].default if index is not None else None
    if index is None or not (isinstance(default, cst.Name) and default.value in ("False", "None")):
        raise NotFixable("the reuse of the tf.variable_scope call at line %d is not a parameter of %s that defaults "
                         "to False or None" % (site.line, function.name.value))
    calls = [node for node, where in parsed.positions.items()
             if isinstance(node, cst.Call) and _callee_name(node) == function.name.value
             and where.start.line == failing_line]
    if len(calls) != 1:
        raise NotFixable("no single call of %s at line %d" % (function.name.value, failing_line))
    call = calls[0]
    bound_self = isinstance(call.func, cst.Attribute) and bool(params) and params[0].name.value in ("self", "cls")
    if any(arg.star for arg in call.args) or any(arg.keyword is not None and arg.keyword.value == given.value
                                                 for arg in call.args) \
            or len([a for a in call.args if a.keyword is None]) + bound_self > index:
        raise NotFixable("the call of %s at line %d passes %s already, or *args/**kwargs"
                         % (function.name.value, failing_line, given.value))
    new_arg = cst.parse_expression("f(%s=True)" % given.value).args[0]  # type: ignore[attr-defined]
    new_call = call.with_changes(args=_appended(call, new_arg))
    return Edit(_replace(parsed.module, call, new_call),
                "passed %s=True to the second %s(...) call, at line %d: the tf.variable_scope at line %d takes its "
                "reuse from it" % (given.value, function.name.value, failing_line, site.line))


def _enclosing_function(parsed: _Parsed, node: cst.CSTNode) -> Optional[cst.FunctionDef]:
    parent = parsed.parents.get(node)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        parent = parsed.parents.get(parent)
    return parent


def _without(call: cst.Call, index: int) -> List[cst.Arg]:
    """`call`'s arguments without the one at `index`. On a line of its own, its line goes and
    its comment stays there as a comment line."""
    args = list(call.args)
    removed = args.pop(index)
    trailing = removed.comma.whitespace_after if isinstance(removed.comma, cst.Comma) else removed.whitespace_after_arg
    before = args[index - 1] if index > 0 else None
    leading = before.comma.whitespace_after if before is not None and isinstance(before.comma, cst.Comma) else None
    if before is None or not isinstance(leading, cst.ParenthesizedWhitespace) \
            or not isinstance(trailing, cst.ParenthesizedWhitespace):
        if index == len(args) and args:
            # The last argument went: the one before it takes its comma (a trailing comma stays one).
            args[-1] = args[-1].with_changes(comma=removed.comma, whitespace_after_arg=removed.whitespace_after_arg)
        return args
    kept = [cst.EmptyLine(indent=leading.indent, whitespace=leading.last_line, comment=trailing.first_line.comment)] \
        if trailing.first_line.comment is not None else []
    merged = cst.ParenthesizedWhitespace(first_line=leading.first_line,
                                         empty_lines=list(leading.empty_lines) + kept + list(trailing.empty_lines),
                                         indent=trailing.indent, last_line=trailing.last_line)
    if isinstance(removed.comma, cst.Comma):
        before_comma = before.comma
        assert isinstance(before_comma, cst.Comma)  # `leading` is its whitespace
        args[index - 1] = before.with_changes(comma=before_comma.with_changes(whitespace_after=merged))
    else:  # it was the last argument, with no trailing comma: the one before it is the last now
        args[index - 1] = before.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=merged)
    return args


def _appended(call: cst.Call, new_arg: cst.Arg) -> List[cst.Arg]:
    """`call`'s arguments and `new_arg` after them, written as the call writes its own: on a
    line of its own after a trailing comma (one argument per line), else after `, `. Comments
    stay on the lines they were on."""
    args = list(call.args)
    if not args:
        return [new_arg]
    last = args[-1]
    if not isinstance(last.comma, cst.Comma):
        return args[:-1] + [last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), new_arg]
    closing = last.comma.whitespace_after
    indent = _argument_indent(args, call)
    if not isinstance(closing, cst.ParenthesizedWhitespace) or indent is None:
        return args[:-1] + [last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                            new_arg.with_changes(comma=last.comma)]
    # `last,  # comment` keeps its line; the new argument takes the line break before `)`.
    args[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=closing.with_changes(last_line=indent)))
    before_paren = cst.ParenthesizedWhitespace(first_line=cst.TrailingWhitespace(), empty_lines=(),
                                               indent=closing.indent, last_line=closing.last_line)
    return args + [new_arg.with_changes(comma=cst.Comma(whitespace_after=before_paren))]


def _argument_indent(args: Sequence[cst.Arg], call: cst.Call) -> Optional[cst.SimpleWhitespace]:
    """The whitespace that starts an argument's line in a call with one argument per line."""
    if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) \
            and isinstance(args[-2].comma.whitespace_after, cst.ParenthesizedWhitespace):
        return args[-2].comma.whitespace_after.last_line
    if isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        return call.whitespace_before_args.last_line
    return None


# ---------------------------------------------------------------------------- SL102


def scope_the_reuse(text: str, site: FixSite, failing_line: int) -> Edit:
    """Put the statements from a root `reuse_variables()` call up to the failing statement (the
    `minimize`) in `with tf.variable_scope(tf.get_variable_scope()):`: the flag is then set
    on that entry of the root scope and ends with it (TF's own multi-GPU CIFAR-10 fix). When
    the call is in a function and the failing line is not after it, the rest of the
    function's body is wrapped (the DCGAN `discriminator(..., reuse=True)` helper)."""
    parsed = _Parsed(text)
    call = parsed.call_at(site, "reuse_variables")
    receiver = call.func.value if isinstance(call.func, cst.Attribute) else None
    qualifier = None
    if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute) \
            and receiver.func.attr.value == "get_variable_scope":
        qualifier = receiver.func.value
    module = _tf_module(parsed, qualifier)
    if module is None:
        raise NotFixable("cannot tell how the file names tensorflow, to write tf.variable_scope")
    block, first, end = _reusing_part(parsed, call, failing_line)
    statements: List[cst.BaseStatement] = list(block.body)
    wrapped = statements[first:end]
    head = wrapped[0]
    scope = cst.parse_expression("%s.variable_scope(%s.get_variable_scope())" % (module, module))
    # Comments and blank lines above the first wrapped statement stay above the `with`.
    with_node = cst.With(
        items=[cst.WithItem(item=scope)],
        body=cst.IndentedBlock(body=[head.with_changes(leading_lines=())] + wrapped[1:]),
        leading_lines=getattr(head, "leading_lines", ()),
    )
    new_block = block.with_changes(body=statements[:first] + [with_node] + statements[end:])
    first_line = parsed.positions[head].start.line
    last_line = parsed.positions[wrapped[-1]].end.line
    return Edit(_replace(parsed.module, block, new_block),
                "put lines %d-%d in `with %s.variable_scope(%s.get_variable_scope()):`, so that the reuse flag set "
                "by reuse_variables() at line %d ends there" % (first_line, last_line, module, module, site.line))


def _reusing_part(parsed: _Parsed, call: cst.Call,
                  failing_line: int) -> Tuple[Union[cst.Module, cst.IndentedBlock], int, int]:
    """(block, first, end): the statements block.body[first:end] that run with the flag set."""
    node: cst.CSTNode = call
    while True:
        statement, block = parsed.statement_in_block(node)
        body: List[cst.CSTNode] = list(block.body)
        first = body.index(statement)
        for later in range(first + 1, len(body)):
            where = parsed.positions[body[later]]
            if where.start.line <= failing_line <= where.end.line:
                return block, first, later
        owner = parsed.parents.get(block)
        if isinstance(owner, cst.FunctionDef):
            return block, first, len(body)
        if isinstance(block, cst.Module) or isinstance(owner, cst.ClassDef):
            raise NotFixable("the failing line %d does not follow the reuse_variables() call in the same block"
                             % failing_line)
        node = owner if owner is not None else block
