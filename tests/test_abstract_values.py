"""Partly known strings and the abstract parts of the semantics core, which no concrete
run (runtime or TF) can exercise."""

from __future__ import annotations

from scopelint.analysis import strings
from scopelint.analysis.values import ListVal
from scopelint.semantics.graph import GraphState
from scopelint.semantics.values import AUTO_REUSE, UNKNOWN, Pattern


def test_pattern_merges_and_renders() -> None:
    assert Pattern.of("a", "b") == "ab"
    p = Pattern.of("layer_", None, "/w")
    assert isinstance(p, Pattern) and p.render() == "layer_?/w"
    assert p.may_equal("layer_3/w") and not p.may_equal("conv_3/w")
    assert p.may_start_with("layer_1") and not p.may_start_with("net/")


def test_percent_format_with_unknown_argument() -> None:
    assert strings.percent_format("layer_%d", 3) == "layer_3"
    assert strings.percent_format("layer_%d", UNKNOWN).render() == "layer_?"
    assert strings.percent_format("%s/%s", ListVal(["a", UNKNOWN], True)).render() == "a/?"


def test_format_and_join_with_unknowns() -> None:
    assert strings.format_method("block{}_{name}", [2], {"name": "x"}) == "block2_x"
    assert strings.format_method("block{}", [UNKNOWN], {}).render() == "block?"
    assert strings.join("/", ListVal(["a", UNKNOWN, "c"])).render() == "a/?/c"


def test_strings_are_capped() -> None:
    assert isinstance(strings.concat("x" * 6000, "y" * 6000), Pattern)


def test_unknown_reuse_never_raises_but_records_possible_errors() -> None:
    graph = GraphState()
    graph.get_variable("v", [1])
    token = graph.enter_variable_scope("", reuse=None)
    graph.exit_variable_scope(token)
    # reuse unknown on an existing variable: TF would raise or share; the core does neither claim.
    graph.reuse[graph.root.sid] = UNKNOWN
    shared = graph.get_variable("v", [1])
    assert shared.key == "v"
    assert [e.code for e in graph.events if hasattr(e, "code")] == ["SL101"]
    assert graph.events[-1].certain is False


def test_partly_known_names_are_may_events() -> None:
    graph = GraphState()
    token = graph.enter_variable_scope(Pattern.of("layer_", None), reuse=None)
    record = graph.get_variable("w", [2])
    graph.exit_variable_scope(token)
    assert record.name.render() == "layer_?/w:0"
    created = [e for e in graph.events if getattr(e, "action", None) == "create"]
    assert created and created[0].certain is False


def test_havoc_turns_missing_into_maybe() -> None:
    graph = GraphState()
    graph.havoc = True
    token = graph.enter_variable_scope("model", reuse=True)
    graph.get_variable("w", [1])  # would be SL102 without havoc; now only possible
    graph.exit_variable_scope(token)
    assert any(getattr(e, "code", None) == "SL102" and not e.certain for e in graph.events)


def test_join_makes_one_sided_variables_may_exist() -> None:
    graph = GraphState()
    left, right = graph.fork(), graph.fork()
    left.get_variable("a", [1])
    left.join(right)
    assert left.vars["a"].certain is False
    token = left.enter_variable_scope("", reuse=None)
    left.exit_variable_scope(token)
    left.get_variable("a", [1])  # may exist: no certain SL101
    assert left.vars["a"].certain is True


def test_auto_reuse_is_truthy() -> None:
    assert bool(AUTO_REUSE)


def test_collection_scope_against_partly_known_names() -> None:
    """get_collection(key, scope) of items whose names are partly known: TF matches the scope as
    a regex from the start of each name."""

    class Named:
        def __init__(self, name: object) -> None:
            self.name = name

    graph = GraphState()
    known, lost = Named(Pattern.of("clone_0/", None, "/value:0")), Named(Pattern.of(None, "/value:0"))
    for item in (known, lost):
        graph.add_to_collections("losses", item)
    assert graph.get_collection("losses", "") == [known, lost]  # "" matches every name
    assert graph.get_collection("losses", "clone_1") is UNKNOWN  # `lost` may start with it
    graph = GraphState()
    graph.add_to_collections("losses", known)
    assert graph.get_collection("losses", "clone_0") == [known]
    assert graph.get_collection("losses", "clone_1") == []
    assert graph.get_collection("losses", "clone_[01]") is UNKNOWN  # a regex of the program's
