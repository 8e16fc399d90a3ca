"""Module objects that stand in for `tensorflow` (and its submodules) while a program runs
on the reference runtime, and the import hook that serves them."""

from __future__ import annotations

import functools
import os
import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from typing import Any, Dict, List, Optional, Sequence

from scopelint.runtime import api, app, nn
from scopelint.runtime.tensors import Opaque
from scopelint.semantics.values import AUTO_REUSE
from scopelint.source import find_module_file
from scopelint.tf import registry

# Namespaces of `tensorflow` (and of its internals): attribute access gives a module, not an op.
TF_SUBMODULES = {
    "compat", "v1", "v2", "nn", "rnn_cell", "train", "layers", "contrib", "python", "ops", "framework", "keras",
    "initializers", "random", "math", "linalg", "image", "data", "summary", "losses", "metrics", "app", "flags",
    "logging", "gfile", "io", "estimator", "saved_model", "slim", "rnn", "distributions", "signal", "sparse",
    "strings", "errors", "test", "graph_util", "tools", "core", "lite", "bitwise", "audio", "config", "dtypes",
    "variable_scope", "init_ops", "math_ops", "array_ops", "nn_ops", "state_ops", "variables", "control_flow_ops",
    "tensor_shape", "constant_op", "random_ops", "clip_ops", "embedding_ops", "partitioned_variables",
    "template", "platform", "util", "lookup", "tpu", "distribute", "profiler", "quantization", "sets", "user_ops",
    "autograph", "experimental", "feature_column", "queue", "resource_loader", "sysconfig", "version", "debugging",
    "nest", "queue_runner",
}


# Packages outside TF's internal ones (registry.is_internal_module) and the names in them that are
# modules, not ops or classes: contrib.seq2seq's (`from tensorflow.contrib.seq2seq.python.ops
# import decoder`: Tacotron-2)
_PACKAGES = {"tensorflow.contrib.seq2seq.python.ops": {
    "attention_wrapper", "basic_decoder", "beam_search_decoder", "decoder", "helper", "loss"}}

_RENAMED = {"slice": api.slice_, "tuple": api.tuple_, "range": api.range_, "Variable": api.Variable_,
            "AUTO_REUSE": AUTO_REUSE}


def _public(namespace: Any) -> Dict[str, Any]:
    return {k: v for k, v in vars(namespace).items() if not k.startswith("_")}


class ApiModule(types.ModuleType):
    """A module whose unknown attributes fall back to the tf namespace, then to opaque ops."""

    def __init__(self, name: str, own: Dict[str, Any], fallbacks: Sequence[Dict[str, Any]] = ()) -> None:
        super().__init__(name)
        self.__dict__.update(own)
        self.__path__: List[str] = []  # a package: submodule imports resolve through the hook
        self._fallbacks = list(fallbacks)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if registry.tf_has(_public_name(self.__name__) + "." + name) is False:
            raise AttributeError("module '%s' has no attribute '%s'" % (self.__name__, name))  # hasattr as in TF
        for table in self._fallbacks:
            if isinstance(table, ModelTable) and name in table:
                # a modelled name before a submodule of that name: contrib.framework.python.ops's
                # `arg_scope` is the function its __init__ star-imports, not the module
                return table[name]
        alias = registry.package_alias(self.__name__ + "." + name)
        if alias is not None:  # tf.contrib.slim.nets is tf_slim.nets
            return importlib.import_module(alias)
        if self.__name__ + "." + name in registry.ALIAS_MODULES:  # tf.contrib.layers is tf_slim's
            return importlib.import_module(self.__name__ + "." + name)
        submodule = sys.modules.get(self.__name__ + "." + name)
        if isinstance(submodule, types.ModuleType) and submodule.__name__.split(".")[0] == "tensorflow":
            return submodule  # one of this run's modules (an intrinsic's, tensorflow.python.autograph.impl.api)
        if name in _PACKAGES.get(self.__name__, ()) or registry.is_internal_module(self.__name__ + "." + name):
            # `from tensorflow.python.ops import variable_scope` means the module, not the class.
            return importlib.import_module(self.__name__ + "." + name)
        for table in self._fallbacks:
            if name in table:
                return table[name]
        if self.__path__ and (os.path.isfile(os.path.join(self.__path__[0], name + ".py")) or
                              os.path.isfile(os.path.join(self.__path__[0], name, "__init__.py"))):
            return importlib.import_module(self.__name__ + "." + name)  # tf_slim.layers.utils: real source
        if self.__name__.split(".")[0] == "tensorflow" and name in TF_SUBMODULES and \
                registry.tf_is_namespace(_public_name(self.__name__) + "." + name) is not False:
            return importlib.import_module(self.__name__ + "." + name)  # tf.summary.image is a function
        opaque = _opaque_function(self.__name__ + "." + name)
        setattr(self, name, opaque)
        return opaque


class ModelModule(types.ModuleType):
    """A TF namespace modelled as source (scopelint.tf.registry): its names are the models',
    loaded on first use; a name TF does not export there is an AttributeError, as in TF."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._exports = registry.exports(name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name not in self._exports:
            raise AttributeError("module '%s' has no attribute '%s'" % (self.__name__, name))
        value = _model_value(self.__name__, name)
        setattr(self, name, value)
        return value


class ModelTable(dict):  # type: ignore[type-arg]
    """The modelled names of a partly modelled namespace, as a fallback table of ApiModule."""

    def __init__(self, namespace: str) -> None:
        super().__init__()
        self._namespace = namespace
        self._exports = registry.exports(namespace)

    def __contains__(self, name: object) -> bool:
        return name in self._exports

    def __getitem__(self, name: str) -> Any:
        if not dict.__contains__(self, name):
            dict.__setitem__(self, name, _model_value(self._namespace, name))
        return dict.__getitem__(self, name)


class InternalModelTable(dict):  # type: ignore[type-arg]
    """The modelled names an internal module exports (`tensorflow.python.ops.data_flow_ops.FIFOQueue`
    is tf.FIFOQueue's model: registry.public_name)."""

    def __init__(self, module: str) -> None:
        super().__init__()
        self._module = module

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and registry.lookup(self._module + "." + name) is not None

    def __getitem__(self, name: str) -> Any:
        if not dict.__contains__(self, name):
            module, attribute = registry.lookup(self._module + "." + name)  # type: ignore[misc]
            dict.__setitem__(self, name, getattr(load_model(module), attribute))
        return dict.__getitem__(self, name)


def _model_value(namespace: str, name: str) -> Any:
    module, attribute = registry.REGISTRY[namespace + "." + name]
    return getattr(load_model(module), attribute)


@functools.lru_cache(maxsize=None)
def _model_code(module: str) -> types.CodeType:
    path = registry.model_path(module)
    with open(path, encoding="utf-8") as handle:
        return compile(handle.read(), path, "exec", dont_inherit=True)


def load_model(module: str) -> types.ModuleType:
    """Execute a model's source against the `tensorflow` module of this run (the import hook
    is installed while a program runs, so the model's `import tensorflow` finds it)."""
    tf = sys.modules.get("tensorflow")
    cache: Dict[str, types.ModuleType] = tf.__dict__.setdefault("_scopelint_models", {}) if tf is not None else {}
    if module in cache:  # one instance per run: tf_slim.layers and tf_slim.ops share one arg_scope stack
        return cache[module]
    loaded = types.ModuleType("scopelint.tf.models." + module)
    loaded.__file__ = registry.model_path(module)
    cache[module] = loaded
    exec(_model_code(module), loaded.__dict__)
    return loaded


def _public_name(module_name: str) -> str:
    return "tensorflow" + module_name[len("tensorflow.compat.v1"):] \
        if module_name.startswith("tensorflow.compat.v1") else module_name


def _without_missing(namespace: str, table: Dict[str, Any]) -> Dict[str, Any]:
    """A module's own names, less the runtime's helpers TF does not export (`tf.pack`)."""
    return {k: v for k, v in table.items() if registry.tf_has(namespace + "." + k) is not False}


class _OpaqueClass(type):
    """An unmodelled class of TF's whose constants absorb every use, as its instances do
    (adversarial_text's `aggregation_method=tf.AggregationMethod.EXPERIMENTAL_ACCUMULATE_N`)."""

    def __getattr__(cls, name: str) -> Any:
        if not name.isupper():
            raise AttributeError(name)
        return Opaque(cls.__name__ + "." + name)


def _opaque_function(qualname: str) -> Any:
    from scopelint.runtime import context

    short = qualname.rsplit(".", 1)[-1]
    public = qualname.replace("tensorflow.compat.v1.", "tensorflow.").replace("tensorflow.", "tf.", 1)

    def noted() -> None:
        if context._RUN is not None:
            context._RUN.unmodelled.add(public)

    if short[:1].isupper():
        # A class (an optimizer, a Saver...): instances absorb every use.
        def construct(self: Any, *args: Any, **kwargs: Any) -> None:
            noted()
            Opaque.__init__(self, short)

        return _OpaqueClass(short, (Opaque,), {"__init__": construct})

    def opaque(*args: Any, **kwargs: Any) -> Opaque:
        noted()
        return Opaque(short)

    opaque.__name__ = short
    opaque.__qualname__ = qualname
    return opaque


def _same_as(namespace: str, core: Dict[str, Any]) -> Dict[str, Any]:
    """A namespace's other names of tf's functions (registry.SAME_AS), as tf's own."""
    return {name: core[target] for name, target in registry.SAME_AS[namespace].items()}


def build_modules() -> Dict[str, types.ModuleType]:
    """Fresh module objects for one run (tf, tf.compat.v1, tf.nn, ...)."""
    core = _public(api)
    core.update(_RENAMED)
    core.update(api.DTYPE_EXPORTS)
    core.pop("DTYPE_EXPORTS", None)
    nn_table = _public(nn)
    tf = ApiModule("tensorflow", _without_missing("tensorflow", core), [nn_table])
    tf.__version__ = api.VERSION  # type: ignore[attr-defined]
    tf_nn = ApiModule("tensorflow.nn", _without_missing("tensorflow.nn", nn_table), [core])
    setattr(tf_nn, "rnn_cell", ApiModule("tensorflow.nn.rnn_cell", {}, []))
    initializers = ApiModule("tensorflow.initializers", _same_as("tensorflow.initializers", core), [core])
    random = ApiModule("tensorflow.random", dict(_same_as("tensorflow.random", core),
                                                 set_random_seed=api.set_random_seed), [core])
    math = ApiModule("tensorflow.math", _same_as("tensorflow.math", core), [core, nn_table])
    linalg = ApiModule("tensorflow.linalg", _same_as("tensorflow.linalg", core), [core])
    compat = ApiModule("tensorflow.compat", {"v1": tf}, [])
    setattr(compat, "v2", ApiModule("tensorflow.compat.v2", {}, [core]))
    tf.__dict__.update(nn=tf_nn, initializers=initializers, random=random, math=math, linalg=linalg, compat=compat)
    flags = ApiModule("tensorflow.flags", _public(app), [])
    tf.__dict__["flags"] = flags
    tf.__dict__["app"] = ApiModule("tensorflow.app", {"run": app.run, "flags": flags}, [])
    tf.__dict__["keras"] = ApiModule("tensorflow.keras", {}, [])
    modules: Dict[str, types.ModuleType] = {
        "tensorflow": tf,
        "tensorflow.compat": compat,
        "tensorflow.compat.v1": tf,
        "tensorflow.nn": tf_nn,
        "tensorflow.compat.v1.nn": tf_nn,
        "tensorflow.initializers": initializers,
        "tensorflow.random": random,
        "tensorflow.math": math,
        "tensorflow.linalg": linalg,
        "tensorflow.flags": flags,
        "tensorflow.app": tf.__dict__["app"],
        "tensorflow.app.flags": flags,
        # the intrinsics the models import by TF's own module names
        "tensorflow.python.autograph.impl.api": ApiModule("tensorflow.python.autograph.impl.api",
                                                          {"tf_convert": api._tf_convert}),
        "tensorflow.python.ops.variable_scope": ApiModule("tensorflow.python.ops.variable_scope", {
            "_pure_variable_scope": api._pure_variable_scope,
            "_get_unique_variable_scope": api._get_unique_variable_scope}, [core, nn_table]),
    }
    for namespace in registry.NAMESPACES:  # tf.layers, tf.train...: TF's own code, modelled as source
        existing = modules.get(namespace)
        if namespace in registry.PARTIAL and isinstance(existing, ApiModule):
            existing._fallbacks.insert(0, ModelTable(namespace))  # its other names are as before
            continue
        model_module: types.ModuleType = ModelModule(namespace)
        if namespace in registry.PARTIAL:
            model_module = ApiModule(namespace, {}, [ModelTable(namespace), core, nn_table])
        parent, _, attribute = namespace.rpartition(".")
        if parent in modules:
            setattr(modules[parent], attribute, model_module)
        modules[namespace] = modules[namespace.replace("tensorflow.", "tensorflow.compat.v1.", 1)] = model_module
    # TF 1.x's modules behind them, as projects import them (registry.PLATFORM_MODULES)
    modules.update({internal: modules[public] for internal, public in registry.PLATFORM_MODULES.items()
                    if public in modules})
    for alias, namespaces in registry.ALIAS_MODULES.items():
        own = (alias,) if alias in registry.NAMESPACES else ()  # its own names (rnn_cell_impl's helpers)
        modules[alias] = modules[alias.replace("tensorflow.", "tensorflow.compat.v1.", 1)] = ApiModule(
            alias, {}, [ModelTable(n) for n in own + namespaces] + [core, nn_table])
    for name, module in modules.items():
        if name.startswith(registry.MODEL_ROOTS):
            # tf_slim's modules that are not modelled (tf_slim.nets) load from the installed
            # package, if there is one: its source runs against these modules.
            origin = find_module_file(name, tuple(p for p in sys.path if p and os.path.isdir(p)))
            if origin is not None and origin.endswith("__init__.py"):
                module.__path__ = [os.path.dirname(origin)]
    return modules


class TensorFlowFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `tensorflow` and every `tensorflow.*` import from the runtime's modules."""

    def __init__(self, modules: Dict[str, types.ModuleType]) -> None:
        self.modules = modules

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Optional[importlib.machinery.ModuleSpec]:
        if registry.tf_attribute_not_module(fullname) and fullname not in self.modules:
            return None  # `tensorflow.train.AdamOptimizer` is a class: ImportError, as in TF
        if fullname == "tensorflow" or fullname.startswith("tensorflow.") or fullname in self.modules:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if registry.model_module(fullname) is not None:  # a model importing another: this run's instance
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        model = registry.model_module(spec.name)
        if model is not None:
            return load_model(model)
        alias = registry.package_alias(spec.name)
        if alias is not None:  # `from tensorflow.contrib.slim.python.slim.nets import vgg`: tf_slim's
            return importlib.import_module(alias)
        module = self.modules.get(spec.name)
        if module is None:
            tf = self.modules["tensorflow"]
            public = spec.name.replace("tensorflow.compat.v1.", "tensorflow.")
            # ...then the runtime's ops TF keeps in internal modules only (control_flow_ops'
            # with_dependencies, switch and merge), which the public modules leave out
            module = ApiModule(spec.name, {}, [InternalModelTable(public), _public_of(tf),
                                               _public_of(self.modules["tensorflow.nn"]), _public(api)])
            self.modules[spec.name] = module
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        return None


def _public_of(module: types.ModuleType) -> Dict[str, Any]:
    """A module's functions and classes, as a fallback table: not its submodules (`tf.image` is
    no `tf.summary.image`)."""
    return {k: v for k, v in vars(module).items() if not k.startswith("_") and not isinstance(v, types.ModuleType)}


def _served(name: str, modules: Dict[str, types.ModuleType]) -> bool:
    """Modules that belong to one run: TF's stand-ins, the models, and what imports them
    from a modelled package (tf_slim.nets)."""
    return name == "tensorflow" or name.startswith("tensorflow.") or name in modules or \
        name.startswith(tuple(root + "." for root in registry.MODEL_ROOTS)) or name in registry.MODEL_ROOTS or \
        registry.model_module(name) is not None


class installed:  # noqa: N801 - used as `with installed(): ...`
    """Install the finder and hide any real tensorflow modules for the duration."""

    def __init__(self) -> None:
        self.modules = build_modules()
        self.finder = TensorFlowFinder(self.modules)
        self.saved: Dict[str, types.ModuleType] = {}

    def __enter__(self) -> "installed":
        for name in list(sys.modules):
            if _served(name, self.modules):
                self.saved[name] = sys.modules.pop(name)
        sys.modules.update(self.modules)
        sys.meta_path.insert(0, self.finder)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.finder in sys.meta_path:
            sys.meta_path.remove(self.finder)
        for name in list(sys.modules):
            if _served(name, self.modules):
                del sys.modules[name]  # tf_slim.nets.vgg too: it holds this run's models
        package = sys.modules.get(registry.MODELS_PACKAGE)
        for name in list(vars(package)) if package is not None else ():
            if registry.model_module(registry.MODELS_PACKAGE + "." + name) is not None:
                delattr(package, name)  # the import bound this run's model on the real package
        sys.modules.update(self.saved)
