"""`scopelint report`: a whole codebase's results, in one of several formats.

`Report` is the one model every format renders: findings per file (code, message, fix), the
variable inventory as a scope tree (what checkpoints of this code will hold), per-rule counts,
files skipped and why, and coverage (how many predicted names are fully known)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from scopelint import __version__

if TYPE_CHECKING:  # the command line imports FORMATS at start-up: not the analysis with it
    from scopelint.api import FileResult, InventoryEntry

FORMATS = ("text", "json", "markdown", "sarif", "html")


@dataclass(frozen=True)
class Report:
    results: Tuple[FileResult, ...]
    roots: Tuple[str, ...] = ()  # the paths the user gave
    version: str = __version__
    cached: int = 0

    @property
    def analysed(self) -> List[FileResult]:
        return [r for r in self.results if r.skipped is None]

    @property
    def skipped(self) -> List[FileResult]:
        return [r for r in self.results if r.skipped is not None]

    @property
    def findings(self) -> int:
        return sum(len(r.diagnostics) for r in self.results)

    def rule_counts(self) -> Dict[str, int]:
        counts = Counter(d.code for r in self.results for d in r.diagnostics)
        return dict(sorted(counts.items()))

    @property
    def incomplete(self) -> int:
        """Files whose analysis stopped at its work budget (SL002, off by default)."""
        return sum(1 for r in self.results if r.incomplete and r.skipped is None)

    @property
    def variables(self) -> int:
        return sum(len(r.inventory) for r in self.results)

    @property
    def fully_known(self) -> int:
        return sum(r.names_known for r in self.results)

    def coverage(self) -> float:
        """The share of predicted variable names that are fully known (1.0 with none)."""
        return self.fully_known / self.variables if self.variables else 1.0


@dataclass
class ScopeNode:
    """One scope of the inventory tree: its child scopes and the variables directly in it."""

    name: str
    children: Dict[str, "ScopeNode"] = field(default_factory=dict)
    variables: List[Tuple[str, InventoryEntry]] = field(default_factory=list)  # (leaf name, entry)

    def count(self) -> int:
        return len(self.variables) + sum(c.count() for c in self.children.values())


def format_shape(shape: Optional[Tuple[Any, ...]]) -> str:
    """`(3, ?)` as TF1 prints a TensorShape (a dim the analysis lost, "?" in the JSON, too); `?`
    for an unknown rank."""
    if shape is None:
        return "?"
    dims = ["?" if d is None else str(d) for d in shape]
    return "(%s)" % (dims[0] + "," if len(dims) == 1 else ", ".join(dims))


def scope_tree(entries: Sequence[InventoryEntry]) -> ScopeNode:
    """The variables as a tree of scopes (`gen/dense/kernel:0` under gen/ then dense/)."""
    root = ScopeNode("")
    for entry in entries:
        parts = entry.name.split("/")
        node = root
        for part in parts[:-1]:
            node = node.children.setdefault(part, ScopeNode(part))
        node.variables.append((parts[-1], entry))
    return root


def tree_lines(node: ScopeNode, indent: str = "") -> List[str]:
    """The tree as indented text lines: `scope/`, then `leaf  shape dtype  line N [entry] (on some paths)`."""
    out: List[str] = []
    for child in node.children.values():
        out.append("%s%s/" % (indent, child.name))
        out.extend(tree_lines(child, indent + "  "))
    for leaf, entry in node.variables:
        maybe = "  (on some paths)" if not entry.certain else ""
        where = "  [%s]" % entry.entry if entry.entry else ""
        out.append("%s%-24s %s %s  line %d%s%s" % (indent, leaf, format_shape(entry.shape), entry.dtype or "?",
                                                   entry.line, where, maybe))
    return out


def render(report: Report, fmt: str) -> str:
    """The report in one of FORMATS; each format is a module of this package with `render`."""
    import importlib

    module = importlib.import_module("scopelint.report." + ("jsonfmt" if fmt == "json" else fmt))
    text: str = module.render(report)
    return text
