"""Models import each other (`from scopelint.tf.models import _common`): both drivers serve the
import with the model as they run it, one instance per run, and leave nothing behind."""

import ast
import sys

import scopelint.tf.models
from scopelint.analysis import models as analysis_models
from scopelint.analysis.interpreter import Interpreter
from scopelint.analysis.values import FunctionVal
from scopelint.runtime import modules
from scopelint.tf import registry

COMMON = registry.MODELS_PACKAGE + "._common"


def _defined_in(node: ast.AST, module: str) -> bool:
    return any(node is child for child in ast.walk(analysis_models.model_tree(module)))


def test_registry_names_model_modules_only():
    assert registry.model_module(COMMON) == "_common"
    assert registry.model_module(registry.MODELS_PACKAGE + ".layers") == "layers"
    assert registry.model_module(registry.MODELS_PACKAGE + ".no_such_model") is None
    assert registry.model_module("scopelint.tf._common") is None


def test_runtime_serves_one_instance_per_run_and_removes_it():
    with modules.installed():
        layers = modules.load_model("layers")
        keras = modules.load_model("keras")
        assert layers._common is keras._common is sys.modules[COMMON]
        assert layers._snake_case("Conv2DTranspose") == "conv2d_transpose"
    assert COMMON not in sys.modules
    assert not hasattr(scopelint.tf.models, "_common")
    with modules.installed():
        assert modules.load_model("layers")._common is not layers._common  # a fresh run, a fresh model


def test_analysis_reads_the_imported_model():
    interp = Interpreter(ast.parse(""), "<test>")
    helper = interp.model_value("layers", "_snake_case")
    assert isinstance(helper, FunctionVal)
    assert _defined_in(helper.node, "_common") and analysis_models.is_model_node(helper.node)
    assert interp.model_value("keras", "Layer").bases[0] is interp.model_value("layers", "Layer").bases[0]
