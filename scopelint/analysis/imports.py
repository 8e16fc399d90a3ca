"""Modules: `import` and `from ... import`, following the project's and installed modules' source
(run once, bounded), attributes of modules, and TF's models (scopelint/tf/models) loaded by name."""

from __future__ import annotations

import ast
import inspect
import math
import os
import string
from typing import Any, Callable, Dict, Iterator, List, Optional

from scopelint.analysis import bindings, import_effects, loader, models, path_journal, tf_api
from scopelint.analysis.analysis_state import AnalysisState, State
from scopelint.analysis.markers import FlagsVal
from scopelint.analysis.library_models import library_model
from scopelint.analysis.tf_calls import AUTOGRAPH_MODULE
from scopelint.analysis.values import ApiFn, BuiltinFn, DictVal, Env, ListVal, MISSING, ModuleVal, SourceModuleVal
from scopelint.analysis.work_limits import FOLLOWED_FILE, LIBRARY, PROJECT, PYTHON2_MODULE
from scopelint.runtime.modules import TF_SUBMODULES as _TF_SUBMODULES
from scopelint.semantics.values import UNKNOWN
from scopelint.tf import registry


MAX_FOLLOWED_MODULES = 128  # installed packages' modules followed per analysed file (graph-free ones aside)
MAX_IMPORTED_MODULES = 256  # and in all, with its project's own
_NUMERIC_CONSTANTS = {
    "%s.%s" % (module, name): value for module in ("numpy", "np", "math")
    for name, value in (("pi", math.pi), ("e", math.e), ("inf", math.inf), ("tau", math.tau))
}
# `f[:, np.newaxis]`, `x[..., tf.newaxis]`
_NUMERIC_CONSTANTS.update({module + ".newaxis": None
                           for module in ("numpy", "np", "tensorflow", "tensorflow.compat.v1")})
# The string module's character sets, fixed in Python 3 (Python 2's locale-dependent `letters`,
# `lowercase`, `uppercase` are left out): the tensorflow_cookbook's siamese model sizes its one-hot
# vocabulary as `len(string.ascii_lowercase + '0123456789 ') + 1`.
_STRING_CONSTANTS = {"string." + name: getattr(string, name) for name in (
    "ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits", "octdigits", "punctuation",
    "whitespace", "printable")}
# inspect's sentinels and parameter kinds, as real objects (signatures.py gives Parameters them).
_INSPECT_CONSTANTS: Dict[str, Any] = dict(
    [("inspect._empty", inspect.Parameter.empty)] +
    [("inspect.%s.empty" % owner, inspect.Parameter.empty) for owner in ("Parameter", "Signature")] +
    [("inspect.Parameter.%s" % kind.name, kind) for kind in inspect._ParameterKind])
_VERSION_INFO_FIELDS = ("major", "minor", "micro", "releaselevel", "serial")
_SIX_CONSTANTS: Dict[str, Callable[[], Any]] = {
    "six.string_types": lambda: ListVal([BuiltinFn("str")], is_tuple=True),
    "six.integer_types": lambda: ListVal([BuiltinFn("int")], is_tuple=True),
    "six.class_types": lambda: ListVal([BuiltinFn("type")], is_tuple=True),
    "six.text_type": lambda: BuiltinFn("str"), "six.binary_type": lambda: BuiltinFn("bytes"),
    "six.PY2": lambda: False, "six.PY3": lambda: True,
    # six.moves' Python 3 builtins (`from six.moves import xrange`: cifar10's tower loop)
    **{"six.moves." + name: (lambda builtin=builtin: BuiltinFn(builtin)) for name, builtin in (
        ("xrange", "range"), ("range", "range"), ("zip", "zip"), ("map", "map"), ("filter", "filter"),
        ("input", "input"), ("reduce", "reduce"))},
}


SYS_MODULES = "sys.modules"
_WHOLE_DICT_WRITERS = frozenset({"update", "popitem", "clear"})  # dict methods whose first argument is no key


class Imports(AnalysisState):
    """Mixin of the Interpreter: imports, followed modules and TF's models."""

    def exec_Import(self, node: ast.Import, st: State) -> None:
        for alias in node.names:
            parts = alias.name.split(".")
            # `import a.b.c` runs a, a.b and a.b.c, binds `a` (or the whole with `as`). A package
            # only passed through runs when the program first reads a name of it (see _force).
            values = [self.import_module(".".join(parts[: i + 1]), st, passed_through=i < len(parts) - 1)
                      for i in range(len(parts))]
            if not st.alive:
                return
            st.env.assign(alias.asname or parts[0], values[-1] if alias.asname else values[0])

    def exec_ImportFrom(self, node: ast.ImportFrom, st: State) -> None:
        module = ("." * node.level) + (node.module or "")
        if node.level:
            absolute = self._absolute_module(node.level, node.module, st)
            if absolute is not None:
                module = absolute
        source = self.import_module(module, st, passed_through=True) if not module.startswith(".") \
            else ModuleVal(module)
        if not st.alive:
            return
        for alias in node.names:
            # `from pkg import sub` where pkg's __init__ binds no `sub` of its own: the submodule,
            # whatever the package's body does (it runs when a name of its own is read); and
            # `from im2txt import configuration`: a namespace package has no names but its modules
            if alias.name != "*" and (
                    isinstance(source, SourceModuleVal) and id(source) in self.pending_modules and
                    not {"*", alias.name} & _package_bindings(self.pending_modules[id(source)]) or
                    type(source) is ModuleVal and self.follow_imports and
                    self.locator.is_namespace_package(source.qualname)):
                submodule = self.import_module(source.qualname + "." + alias.name, st)
                if not st.alive:
                    return
                if isinstance(submodule, SourceModuleVal):
                    st.env.assign(alias.asname or alias.name, submodule)
                    continue
            if alias.name == "*":
                if module in ("tensorflow", "tensorflow.compat.v1"):
                    self.open_namespaces.add(id(st.env.globals_env))
                    continue  # star imports of TF: names resolve through unknown globals
                if isinstance(source, ModuleVal) and source.qualname in self.graph_free_project:
                    self.graph_free.discard(source.qualname)  # `from utils import *`: read it
                    source = self.import_module(source.qualname, st, even_graph_free=True)
                if isinstance(source, SourceModuleVal):
                    names = self.module_names(source, st)
                    exported = _star_names(names)
                    if exported is None:
                        self.open_namespaces.add(id(st.env.globals_env))  # it binds some of them
                        exported = _public_names(names)
                    for name in exported:
                        st.env.assign(name, names.get(name, UNKNOWN))
                    continue
                self.open_namespaces.add(id(st.env.globals_env))
                st.graph.unknown_code_ran()
                continue
            value = self.get_attribute(source, alias.name, st)
            st.env.assign(alias.asname or alias.name, value)

    def dunder_import(self, args: List[Any], kwargs: Dict[str, Any], st: State, node: Optional[ast.AST]) -> Any:
        """`__import__(name, globals(), locals(), fromlist, level)` of a known name (tensorpack's
        packages import each of their modules so, in a loop over iter_modules): the import
        statement it stands for. Its value is the top package; with a fromlist, or a relative
        name of one part, the module itself. None when the call is not of that form."""
        bound = dict(zip(("name", "globals", "locals", "fromlist", "level"), args))
        bound.update(kwargs)
        name, level, fromlist = bound.get("name"), bound.get("level", 0), bound.get("fromlist", ListVal([], True))
        if not isinstance(name, str) or type(level) is not int or level < 0 or not isinstance(fromlist, ListVal) or \
                fromlist.grown or fromlist.poisoned or len(bound) > 5:
            return None
        if level and not (isinstance(node, ast.Call) and len(node.args) > 1 and
                          self._is_namespace_call(node.args[1], st)):
            return None  # relative to the package of the globals it is given: this module's only
        absolute = self._absolute_module(level, name or None, st) if level else name
        if not absolute:
            return None
        parts = absolute.split(".")
        self.graph_free.discard(absolute)  # the program reads the module's namespace: read it too
        modules = [self.import_module(".".join(parts[: i + 1]), st, passed_through=i < len(parts) - 1,
                                      even_graph_free=i == len(parts) - 1) for i in range(len(parts))]
        if not st.alive:
            return UNKNOWN
        if fromlist.items or level and not name:
            return modules[-1]
        return modules[len(parts) - len(name.split(".")) if level else 0]

    def module_dir(self, module: SourceModuleVal, st: State) -> Any:
        """dir() of a followed module whose names the analysis all knows: its code binds none
        where the analysis cannot see it, and each is known to be bound (a global bound on some
        paths only is unknown after the join, _joined_binding: an unknown one must be bound
        unconditionally). Their sorted list, as dir() gives it."""
        names = self.module_names(module, st)
        tree = loader.parse_module(module.path)
        if tree is None or bindings.binds_hidden_names(tree) or id(module.env) in self.open_namespaces:
            return UNKNOWN
        certain = bindings.unconditional_globals(tree)
        if any(value is UNKNOWN and name not in certain for name, value in names.items()):
            return UNKNOWN
        return ListVal(sorted(set(name for name, value in names.items() if value is not MISSING and
                                  name not in (FOLLOWED_FILE, PYTHON2_MODULE)) | _MODULE_ATTRIBUTES))

    def _absolute_module(self, level: int, module: Optional[str], st: State) -> Optional[str]:
        """`from ..ops import conv` inside package `a.b`: `a.ops`."""
        package = st.env.globals_env.vars.get("__package__")
        if not isinstance(package, str) or not package:
            return None
        parts = package.split(".")
        if level - 1 >= len(parts):
            return None
        base = ".".join(parts[: len(parts) - (level - 1)])
        return base + "." + module if module else base

    def import_module(self, qualname: str, st: State, passed_through: bool = False,
                      even_graph_free: bool = False) -> Any:
        """What `import qualname` gives: TF and the names scopelint models are answered by the
        registry; a module found as source (the project's, an installed package's) is
        followed: its body runs once per analysis; anything else is an unknown library.
        `passed_through`: a parent package of the module imported (`a` of `import a.b`, and of
        `from a.b import c`): its body runs when a name of it is first read, not now. Most
        parent packages' names are never read (`from pkg.sub.mod import f`), and a package's
        __init__ that imports all its submodules is most of what a file's imports would run."""
        alias = registry.package_alias(qualname)
        if alias is not None:  # `tensorflow.contrib.slim.nets`: tf_slim's, read as its source
            return self.import_module(alias, st, passed_through, even_graph_free)
        known = self.imported.get(qualname)
        if known is not None:
            if not passed_through and isinstance(known, SourceModuleVal) and not self._defers(known):
                self._force(known, st)  # `import pkg` after `import pkg.sub`: pkg's body runs now
            return known
        modelled = library_model(qualname)
        if modelled is not None:
            return self._library_model(qualname, *modelled, st)
        root = qualname.split(".")[0]
        if qualname in registry.SOURCE_FIRST and self.follow_imports and self.locator.locate(qualname) is not None:
            pass  # tf_slim's own source, where it is installed (or is the project): read, not modelled
        elif root == "tensorflow" or tf_api.is_safe_module(qualname) or qualname in registry.NAMESPACES or \
                qualname in registry.ALIAS_MODULES or len(self.imported) >= MAX_IMPORTED_MODULES or \
                qualname == registry.MODELS_PACKAGE or registry.model_module(qualname) is not None:
            if len(self.imported) >= MAX_IMPORTED_MODULES:
                self.modules_unseen = True
                self.note_module_unread(qualname, "scopelint reads at most %d modules per file" % MAX_IMPORTED_MODULES)
            return ModuleVal(qualname)
        if self.follow_imports:
            self._search_program_path(st)
        path = self.locator.locate(qualname) if self.follow_imports else None
        in_project = path is not None and self.locator.in_project(path)
        if path is not None:
            self.read_files.add(path)
        graph_free = path is not None and not even_graph_free and (
            not loader.builds_graphs(path) if in_project else not loader.installed_package_builds_graphs(path))
        if graph_free:
            self.graph_free.add(qualname)
            if in_project:
                self.graph_free_project.add(qualname)
            return ModuleVal(qualname)
        # an installed package's: a large library (networkx) must not use up what the project's
        # own modules imported after it need
        library = path is not None and not in_project
        if library and self.libraries_followed >= MAX_FOLLOWED_MODULES:
            self.modules_unseen = True
            self.note_module_unread(qualname, "scopelint reads at most %d modules of installed packages per file"
                                    % MAX_FOLLOWED_MODULES)
            return ModuleVal(qualname)
        tree = loader.parse_module(path) if path is not None and path != self.abspath else None
        if tree is None:
            if path is not None and path != self.abspath:
                self.modules_unseen = True  # a module that does not parse: its classes are not seen
                self.note_module_unread(qualname, "%s does not parse" % path)
            return ModuleVal(qualname)
        is_package = os.path.basename(path) == "__init__.py"
        deferred = passed_through and is_package or import_effects.defines_only(tree)  # (see _force)
        self._import_parents(qualname, st)
        if not deferred:
            # Its body runs now, so its packages' bodies run first, as Python runs them: one
            # imported in it (tensorpack's registry, via `import tensorpack`) must find it whole.
            self._force_packages(qualname, st)
            known = self.imported.get(qualname)
            if known is not None:
                return known  # a package's body imported it (and counted it)
        if library:
            self.libraries_followed += 1
        module = _source_module(qualname, path, qualname if is_package else qualname.rpartition(".")[0], tree)
        self.imported[qualname] = module  # before its body runs: an import cycle sees it partly filled
        parent_name, _, last = qualname.rpartition(".")
        parent = self.imported.get(parent_name)
        if isinstance(parent, SourceModuleVal):
            parent.env.vars[last] = module
        if deferred:
            self.pending_modules[id(module)] = tree
            return module
        self._run_module_body(module, tree, st)
        return module

    def import_raises(self, qualname: str, st: State) -> bool:
        """Whether `importlib.import_module(qualname)` certainly raises ImportError: a name under
        a module read as source that is no submodule of it (`pkg.mod.fn`, as stylegan's
        get_module_from_obj_name tries the longest prefix first), or an attribute of one of TF's
        namespaces (`tensorflow.train.AdamOptimizer`). Where it cannot tell: False."""
        if registry.package_alias(qualname) is not None or qualname in self.imported:
            return False
        if qualname.split(".")[0] == "tensorflow":
            return registry.tf_attribute_not_module(qualname)
        if not self.follow_imports or library_model(qualname) is not None:
            return False
        self._search_program_path(st)
        return self.locator.is_certainly_absent(qualname)

    def module_names(self, module: SourceModuleVal, st: State) -> Dict[str, Any]:
        """A followed module's globals, its body run (if its import deferred it)."""
        self._force(module, st)
        return module.env.vars

    def run_deferred_body(self, module: SourceModuleVal) -> bool:
        """For a question about what a module holds (relevance.py): run its body now if its import
        deferred it for defining names only (it builds nothing, so it runs in a graph of its own).
        False for a passed-through package, whose body may act: it waits for the program."""
        if not self._defers(module):
            return False
        graph = self.runtime_graph.state
        self._force(module, State(self.new_graph(), module.env))
        self.runtime_graph.state = graph
        return True

    def _defers(self, module: SourceModuleVal) -> bool:
        tree = self.pending_modules.get(id(module))
        return tree is not None and import_effects.defines_only(tree)

    def _library_model(self, qualname: str, package: str, path: str, st: State) -> Any:
        """`gym.spaces` (and `gym.spaces.box`): the model of it, whether the library is
        installed or not, one module for the package and its submodules."""
        module = self.imported.get(package)
        if not isinstance(module, SourceModuleVal):
            tree = loader.parse_module(path)
            if tree is None:
                return ModuleVal(qualname)
            module = _source_module(package, path, package, tree)
            self.imported[package] = module
            self._run_module_body(module, tree, st)
        self.imported[qualname] = module
        return module

    def _search_program_path(self, st: State) -> None:
        """The directories the program added to sys.path, for the locator: a relative one is
        taken from the main file's directory (where scripts are run from) and the current one."""
        listed = self.get_attribute(ModuleVal("sys"), "path", st) if "sys.path" in self.ever_patched else self.sys_path
        if not isinstance(listed, ListVal) or listed.items is None or len(listed.items) < 2 or \
                listed.items == self.locator.searched:
            return  # nothing added, or nothing since the last import
        self.locator.searched = list(listed.items)
        base = os.path.dirname(self.abspath)
        directories = []
        for item in listed.items:
            if isinstance(item, str) and item:
                candidates = [item] if os.path.isabs(item) else [os.path.join(base, item), os.path.abspath(item)]
                directories.extend(os.path.normpath(c) for c in candidates)
        self.locator.add_roots(directories)

    def _import_parents(self, qualname: str, st: State) -> None:
        """Python imports `a` and `a.b` before `a.b.c`, whatever statement names `a.b.c` (`from
        a.b.c import f` too): bind the parent packages not imported yet, their bodies deferred
        (passed through), so that _force_packages runs them before this module's body. Were a
        parent's body to run later, from inside this module's (tensorpack's regularize imports
        tfutils, which imports `tensorpack`, whose body imports every model module), it would
        see this module half run, where Python gives it whole."""
        parts = qualname.split(".")
        for end in range(1, len(parts)):
            parent = ".".join(parts[:end])
            if parent not in self.imported:
                self.import_module(parent, st, passed_through=True)

    def _force_packages(self, qualname: str, st: State) -> None:
        """Run the deferred bodies of the packages `qualname` is in, outermost first."""
        parts = qualname.split(".")
        for end in range(1, len(parts)):
            package = self.imported.get(".".join(parts[:end]))
            if isinstance(package, SourceModuleVal):
                self._force(package, st)

    def _force(self, module: SourceModuleVal, st: State) -> None:
        """Run a module's body whose import did not run it, now that one of its names is read:
        a passed-through package's, and a module's whose body only defines its own names
        (import_effects.py), which most modules a program imports are; many of them are never
        read (an import of a whole library for one function, imports inside it for others).
        Its submodules imported meanwhile stay bound to their names, as Python binds them
        after the package's body ran. The body runs once for every path, as an import does.
        Its packages' bodies run first, as at an import."""
        if id(module) not in self.pending_modules:
            return
        self._force_packages(module.qualname, st)
        tree = self.pending_modules.pop(id(module), None)
        if tree is None:
            return
        children = {name: value for name, value in module.env.vars.items() if isinstance(value, SourceModuleVal)
                    and value.qualname == module.qualname + "." + name}
        alive, journals = st.alive, self.journals
        self.journals = []
        try:
            self._run_module_body(module, tree, st)
        finally:
            self.journals = journals
        module.env.vars.update(children)
        st.alive = alive  # the module was imported earlier: its body raising here ends no path of the program

    def _run_module_body(self, module: SourceModuleVal, tree: ast.Module, st: State) -> None:
        path, env = module.path, module.env
        inner = State(st.graph, env, True)
        saved_frames, saved_loops, saved_calls = self.frames, self.loops, self.calls
        kind = PROJECT if self.locator.in_project(path) else LIBRARY
        self.frames, self.loops, self.calls = saved_frames + [[1, "<module>", 0, kind]], [], []
        self.running_modules.add(id(module))
        saved_python2, self.python2 = self.python2, env.vars.get(PYTHON2_MODULE, self.module_python2)
        try:
            self._bounded(kind, lambda: self.exec_block(tree.body, inner))
        finally:
            self.frames, self.loops, self.calls = saved_frames, saved_loops, saved_calls
            self.python2 = saved_python2
            self.running_modules.discard(id(module))
        st.graph = inner.graph
        self.runtime_graph.state = st.graph
        if not inner.alive:
            st.alive = False  # its body raised: so does the import

    def loaded_module(self, name: Any, st: State) -> Any:
        """`sys.modules[name]`: a module imported so far that the analysis reads as source
        (dnnlib's is_top_level_function reads a function's module so); unknown for any other, and
        for a name the program itself put in (or took out of) sys.modules."""
        if not isinstance(name, str) or name in self.sys_modules_written or None in self.sys_modules_written:
            return UNKNOWN
        module = self.imported.get(name)
        if not isinstance(module, SourceModuleVal):
            return UNKNOWN
        if id(module) in self.pending_modules:
            self._force(module, st)
        return module

    def note_sys_modules_written(self, name: Any) -> None:
        """The program stored or deleted `sys.modules[name]` (None: a name the analysis does not know)."""
        self.sys_modules_written.add(name if isinstance(name, str) else None)

    def sys_modules_method_called(self, method: str, args: List[Any]) -> None:
        """`sys.modules.setdefault(name, stand_in)` (stylegan's _stubs.py), `.pop(name)`: that
        name may have changed; `.update(...)`, `.clear()`: any may have."""
        if method in bindings.DICT_WRITERS:
            self.note_sys_modules_written(args[0] if args and method not in _WHOLE_DICT_WRITERS else None)

    def module_attribute(self, module: ModuleVal, name: str, st: Optional[State] = None) -> Any:
        qualname = module.qualname + "." + name
        if qualname == "sys.argv":
            return self.argv
        if qualname == "sys.path":
            return self.sys_path
        if qualname == "sys.version_info":
            # the Python the code runs as (six.PY3's), of which the major version alone is known
            return ListVal([2 if self.python2 else 3] + [UNKNOWN] * 4, is_tuple=True, fields=_VERSION_INFO_FIELDS)
        if qualname in _NUMERIC_CONSTANTS:
            return _NUMERIC_CONSTANTS[qualname]  # `np.sqrt(2 / np.pi)` in a gelu
        if qualname in _STRING_CONSTANTS:
            return _STRING_CONSTANTS[qualname]
        if qualname in _INSPECT_CONSTANTS:
            return _INSPECT_CONSTANTS[qualname]
        if qualname in _SIX_CONSTANTS:
            return _SIX_CONSTANTS[qualname]()  # `isinstance(act, six.string_types)`
        if qualname == "abc.ABC":
            return self.abc_class  # stable-baselines' `class BaseRLModel(ABC)`
        if st is not None and library_model(qualname) is not None:
            return self.import_module(qualname, st)  # `gym.spaces` where gym is not installed
        if name == "FLAGS" and (qualname.endswith("flags.FLAGS") and qualname.split(".")[0] in ("tensorflow", "absl")):
            return FlagsVal()
        model = registry.model_module(module.qualname)
        if model is not None:
            return self.model_value(model, name)  # a name of a model another model imports
        if st is not None and registry.package_alias(qualname) is not None:
            return self.import_module(qualname, st)  # `tf.contrib.slim.nets`: tf_slim's
        if tf_api.is_tf_name(qualname):
            canonical = tf_api.canonical(qualname)
            modelled = registry.lookup(canonical)
            if modelled is not None:
                return self.model_value(*modelled)  # `tensorflow.python.tf2.enabled` too
            if registry.is_internal_module(qualname) or qualname == AUTOGRAPH_MODULE:
                return ModuleVal(qualname)
            value = tf_api.constant(qualname)
            if value is not None:
                return value
            if registry.is_model_namespace(canonical):
                return ModuleVal(canonical)
            short = tf_api.short_name(canonical) or ""
            if short in tf_api.SCOPE_APIS or tf_api.pure_function(canonical) is not None:
                return ApiFn(canonical)
            if name in _TF_SUBMODULES and registry.tf_is_namespace(canonical) is not False:
                return ModuleVal(qualname)
            return ApiFn(canonical)
        if qualname.startswith(registry.MODEL_ROOTS):
            modelled = registry.lookup(qualname)  # `tf_slim.conv2d`
            if modelled is not None:
                return self.model_value(*modelled)
            if st is not None and qualname not in registry.ALIAS_MODULES:
                followed = self.import_module(qualname, st)  # `tf_slim.nets`: read, not modelled
                if isinstance(followed, SourceModuleVal):
                    return followed
        return ModuleVal(qualname)

    def reset_model_state(self) -> None:
        """A fresh start for TF's models (as in a fresh process): module-level containers, such
        as tf_slim's arg_scope stack, back to what loading left in them."""
        for module, snapshot in self.model_initial.items():
            env = self.model_envs[module]
            for name, (kind, saved) in snapshot.items():
                value = env.vars.get(name)
                if type(value) is kind:
                    # the flags too: a unit that lost track of the list (an unmatched pop) must not
                    # leave it unknown to the units after it
                    path_journal.restore(value, saved)

    def model_value(self, module: str, attribute: str) -> Any:
        """A name of a TF model (scopelint/tf/models): its module body is run once per analysis."""
        env = self.model_envs.get(module)
        if env is None:
            env = self.model_envs[module] = Env()
            env.vars["__name__"] = "scopelint.tf.models." + module
            tree = models.model_tree(module)
            state = State(self.new_graph(), env)
            state.graph.muted = True
            saved = self.frames
            self.frames = [[1, "<model>", 0, True]]
            try:
                self.exec_block(tree.body, state)
            finally:
                self.frames = saved
            self.model_initial[module] = {name: (type(value), path_journal.state_of(value))
                                          for name, value in env.vars.items()
                                          if isinstance(value, (ListVal, DictVal))}
        value = env.lookup(attribute)
        return UNKNOWN if value is MISSING else value


def _star_names(names: Dict[str, Any]) -> Optional[List[str]]:
    """The names `from m import *` binds: those m's `__all__` lists (tensorpack's packages list
    their layers there, and keep their own STATICA_HACK out), or without one its names that
    do not start with an underscore. None when m has an `__all__` the analysis does not know."""
    exported = names.get("__all__", MISSING)
    if exported is MISSING:
        return _public_names(names)
    if isinstance(exported, ListVal) and not exported.poisoned and not exported.grown and \
            all(isinstance(n, str) for n in exported.items):
        return list(exported.items)
    return None


def _public_names(names: Dict[str, Any]) -> List[str]:
    """A module's names that do not start with an underscore (a star import's, without `__all__`)."""
    return [name for name in names if not name.startswith("_")]


# What dir() lists of any module besides the names its code binds.
_MODULE_ATTRIBUTES = frozenset({"__builtins__", "__cached__", "__doc__", "__file__", "__loader__", "__name__",
                                "__package__", "__spec__"})


def _source_module(qualname: str, path: str, package: str, tree: Optional[ast.Module]) -> SourceModuleVal:
    """A module read from `path`, before its body runs: its globals hold what Python gives a
    module's, the mark that the code it defines is the followed module's, not the file's, and
    whether that code is Python 2 (Interpreter.python2 while it runs): so marked where its syntax
    is Python 2's; one that Python 3 parses too runs as the analysed file does."""
    env = Env()
    env.vars.update(__name__=qualname, __file__=path, __package__=package)
    env.vars[FOLLOWED_FILE] = path
    if getattr(tree, "scopelint_python2", False):
        env.vars[PYTHON2_MODULE] = True
    return SourceModuleVal(qualname, env, path)


_NAMESPACE_WRITERS = frozenset({"globals", "setattr", "exec", "eval", "__import__", "vars"})


def _package_bindings(tree: ast.Module) -> frozenset:
    """The names a package's __init__ binds other than as its own submodules (`from . import
    sub` and `import pkg.sub` bind the submodule); "*" when a star import may bind any."""
    known = getattr(tree, "_scopelint_bindings", None)  # computed once per parsed tree
    if known is not None:
        return known
    names = set()
    for node in iter_nodes(tree):  # one walk: package __init__s are large (tfp's, tensorlayer's)
        kind = type(node)
        if kind is ast.Name:
            if type(node.ctx) is not ast.Load:
                names.add(node.id)
        elif kind is ast.Call:
            func = node.func
            if type(func) is ast.Name and func.id in _NAMESPACE_WRITERS:
                names.add("*")
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            names.add(node.name)
        elif kind is ast.ImportFrom:
            for alias in node.names:
                if alias.name == "*":
                    names.add("*")
                elif node.level != 1 or node.module is not None or alias.asname not in (None, alias.name):
                    names.add(alias.asname or alias.name)
        elif kind is ast.Import:
            names.update(alias.asname for alias in node.names if alias.asname)
        elif kind in (ast.Global, ast.Nonlocal):
            names.update(node.names)
    result = frozenset(names)
    setattr(tree, "_scopelint_bindings", result)
    return result


def iter_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    return ast.walk(tree)
