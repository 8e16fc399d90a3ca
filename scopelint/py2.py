"""Python 2 source, rewritten so that Python 3's parser reads it with the same meaning for the
analysis. Much TF1 code is Python 2: print statements, `except E, e:`, `raise E, msg`, `0777`,
`10L`, `<>`. Rewrites stay on their lines, so every reported line is the file's own.

What the syntax cannot show (`/` between ints floors, `xrange`, `dict.iteritems`) the
interpreter handles in its Python 2 mode."""

from __future__ import annotations

import ast
import io
import tokenize
from typing import Iterator, List, Optional, Tuple

Edit = Tuple[Tuple[int, int], Tuple[int, int], str]  # (start, end, replacement), tokenize positions

_STATEMENT_STARTS = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL}
_OPEN, _CLOSE = "([{", ")]}"


def modernize(text: str) -> Optional[str]:
    """The rewritten text, or None when it still does not parse (or cannot be tokenized)."""
    rewritten = _rewrite(text)
    if rewritten is None:
        return None
    try:
        ast.parse(rewritten)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return rewritten


def remaining_error(text: str) -> Optional[SyntaxError]:
    """Where the rewritten text still fails to parse (lines are kept): the construct that
    could not be rewritten, or None."""
    rewritten = _rewrite(text)
    if rewritten is None:
        return None
    try:
        ast.parse(rewritten)
    except SyntaxError as exc:
        return exc
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def _rewrite(text: str) -> Optional[str]:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    edits: List[Edit] = []
    for index, token in enumerate(tokens):
        if token.type == tokenize.NAME and token.string in ("print", "exec") and _starts_statement(tokens, index):
            edits.extend(_call_statement(tokens, index))
        elif token.type == tokenize.NAME and token.string == "except":
            edits.extend(_except_clause(tokens, index))
        elif token.type == tokenize.NAME and token.string == "raise" and _starts_statement(tokens, index):
            edits.extend(_raise_statement(tokens, index))
        elif token.type == tokenize.OP and token.string == "<>":
            edits.append((token.start, token.end, "!="))
        elif token.type == tokenize.OP and token.string == "<" and index + 1 < len(tokens) and \
                tokens[index + 1].string == ">" and tokens[index + 1].start == token.end:
            edits.append((token.start, tokens[index + 1].end, "!="))  # how Python 3 tokenizes `<>`
        elif token.type == tokenize.NUMBER:
            edits.extend(_number(tokens, index))
    return _apply(text, edits)


def _starts_statement(tokens: List[tokenize.TokenInfo], index: int) -> bool:
    if index == 0:
        return True
    previous = tokens[index - 1]
    if previous.type in _STATEMENT_STARTS:
        return True
    return previous.type == tokenize.OP and previous.string in (":", ";") and _depth_before(tokens, index) == 0


def _depth_before(tokens: List[tokenize.TokenInfo], index: int) -> int:
    depth = 0
    for token in reversed(tokens[:index]):
        if token.type in (tokenize.NEWLINE,):
            break
        if token.type == tokenize.OP:
            if token.string in _CLOSE:
                depth -= 1
            elif token.string in _OPEN:
                depth += 1
    return max(depth, 0)


def _top_level(tokens: List[tokenize.TokenInfo], start: int, stop: int) -> Iterator[Tuple[int, tokenize.TokenInfo]]:
    """(position, token) for the tokens in [start, stop) outside any brackets."""
    depth = 0
    for position in range(start, stop):
        token = tokens[position]
        if token.type == tokenize.OP and token.string in _OPEN:
            depth += 1
        elif token.type == tokenize.OP and token.string in _CLOSE:
            depth -= 1
        elif depth == 0:
            yield position, token


def _statement_end(tokens: List[tokenize.TokenInfo], index: int) -> int:
    """Index of the token that ends the simple statement starting after `index`."""
    for position, token in _top_level(tokens, index + 1, len(tokens)):
        if token.type in (tokenize.NEWLINE, tokenize.COMMENT, tokenize.ENDMARKER) or token.string == ";":
            return position
    return len(tokens) - 1


def _call_statement(tokens: List[tokenize.TokenInfo], index: int) -> List[Edit]:
    """`print x, y` -> `print(x, y)`; `print >>f, x` -> `print(f, x)`; `exec code` -> `exec(code)`."""
    following = tokens[index + 1]
    if following.type == tokenize.OP and following.string in ("(", "=", ".", "[", ",", ")"):
        return []  # already a call (or not the statement at all)
    keyword = tokens[index]
    end = tokens[_statement_end(tokens, index)]
    if end.start == following.start:  # a bare `print`
        return [(keyword.end, keyword.end, "()")]
    edits: List[Edit] = [(keyword.end, following.start, "(")]
    if following.type == tokenize.OP and following.string == ">>":
        edits = [(keyword.end, tokens[index + 2].start, "(")]
    last = tokens[_statement_end(tokens, index) - 1]
    edits.append((last.end, last.end, ")"))
    return edits


def _except_clause(tokens: List[tokenize.TokenInfo], index: int) -> List[Edit]:
    """`except E, e:` -> `except E as e:` (a comma inside parentheses is a tuple of types)."""
    for position, token in _top_level(tokens, index + 1, _statement_end(tokens, index)):
        if token.string == ":":
            return []
        if token.string == ",":
            name, colon = tokens[position + 1], tokens[position + 2]
            if name.type == tokenize.NAME and colon.string == ":":
                return [(token.start, token.end, " as")]
            return []
    return []


def _raise_statement(tokens: List[tokenize.TokenInfo], index: int) -> List[Edit]:
    """`raise E, "message"` -> `raise E("message")`."""
    end = _statement_end(tokens, index)
    for _, token in _top_level(tokens, index + 1, end):
        if token.string == ",":
            last = tokens[end - 1]
            return [(token.start, token.end, "("), (last.end, last.end, ")")]
    return []


def _number(tokens: List[tokenize.TokenInfo], index: int) -> List[Edit]:
    """`0777` -> `0o777`; `10L` -> `10`."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is None or following.start != token.end:
        return []
    if following.type == tokenize.NAME and following.string in ("L", "l") and token.string.isdigit():
        return [(following.start, following.end, "")]
    if token.string == "0" and following.type == tokenize.NUMBER and following.string.isdigit():
        return [(token.start, following.end, "0o" + following.string)]
    return []


def _apply(text: str, edits: List[Edit]) -> str:
    lines = text.splitlines(keepends=True)
    # Right to left, so earlier positions stay valid.
    for (start_row, start_col), (end_row, end_col), replacement in sorted(edits, reverse=True):
        if start_row != end_row:
            continue  # rewrites never span lines
        line = lines[start_row - 1]
        lines[start_row - 1] = line[:start_col] + replacement + line[end_col:]
    return "".join(lines)
