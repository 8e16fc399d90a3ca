"""A test method under `@mock.patch(...)` / `@mock.patch.object(...)` runs with those attributes
replaced by mocks: a patched function does nothing the analysis can know (TF-GAN's cyclegan test
patches `tfgan.gan_train`, so its MonitoredTrainingSession never finalizes the graph). The
entry point is analysed with each patched attribute unknown, and the attributes are restored
afterwards for the entry points after it. A patch whose target the analysis cannot find makes
the entry point's results unreliable: it is not analysed."""

from __future__ import annotations

import ast
from typing import Any, List, Optional, Tuple

from scopelint.analysis.statements import _dotted
from scopelint.analysis.values import MISSING, ClassVal, FunctionVal, InstanceVal, ModuleVal, SourceModuleVal
from scopelint.semantics.values import UNKNOWN

# (where the attribute lives, its name, what it held: MISSING for nothing)
Saved = Tuple[Any, str, Any]


def patch_decorators(function: FunctionVal) -> List[ast.Call]:
    """The `@mock.patch(...)` family on the function (`patch.dict` changes a dict: ignored)."""
    found = []
    for decorator in getattr(function.node, "decorator_list", []):
        if not isinstance(decorator, ast.Call):
            continue
        name = _dotted(decorator.func)
        if name == "patch" or name.endswith((".patch", "patch.object", "patch.multiple")):
            found.append(decorator)
    return found


def apply_patches(interp: Any, decorators: List[ast.Call], st: Any) -> Optional[List[Saved]]:
    """Make each patched attribute unknown; None if a target cannot be found."""
    saved: List[Saved] = []
    for decorator in decorators:
        name = _dotted(decorator.func)
        if name.endswith("patch.multiple"):
            target = interp.eval(decorator.args[0], st) if decorator.args else UNKNOWN
            names = [k.arg for k in decorator.keywords if k.arg is not None]
        elif name.endswith("patch.object"):
            target = interp.eval(decorator.args[0], st) if decorator.args else UNKNOWN
            attribute = interp.eval(decorator.args[1], st) if len(decorator.args) > 1 else UNKNOWN
            names = [attribute] if isinstance(attribute, str) else []
        else:
            path = interp.eval(decorator.args[0], st) if decorator.args else UNKNOWN
            if not isinstance(path, str) or "." not in path:
                return _undo(interp, saved)
            target, names = _owner_of(interp, path, st), [path.rsplit(".", 1)[1]]
        if isinstance(target, str):  # patch.multiple("pkg.mod", f=...)
            target = _owner_of(interp, target + ".x", st)
        if not names:
            return _undo(interp, saved)
        for attribute in names:
            entry = _replace(interp, target, attribute, st)
            if entry is None:
                return _undo(interp, saved)
            saved.append(entry)
    return saved


def restore(interp: Any, saved: List[Saved]) -> None:
    for holder, attribute, old in reversed(saved):
        if holder is interp.patched_modules:
            interp.patched_modules.items.pop(attribute, None)
            if old is not MISSING:
                interp.patched_modules.items[attribute] = old
            else:
                interp.ever_patched.discard(attribute)
        elif old is MISSING:
            holder.pop(attribute, None)
        else:
            holder[attribute] = old


def _undo(interp: Any, saved: List[Saved]) -> None:
    restore(interp, saved)
    return None


def _owner_of(interp: Any, path: str, st: Any) -> Any:
    """What holds the last name of `pkg.mod.Class.attr`: the longest prefix the project or an
    installed package has as a module, then attributes below it."""
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = interp.import_module(".".join(parts[:cut]), st)
        if isinstance(module, SourceModuleVal) or (isinstance(module, ModuleVal) and cut == len(parts) - 1):
            owner = module
            for part in parts[cut:-1]:
                owner = interp.get_attribute(owner, part, st)
            return owner
    return UNKNOWN


def _replace(interp: Any, target: Any, attribute: str, st: Any) -> Optional[Saved]:
    if isinstance(target, SourceModuleVal):
        if id(target) in interp.pending_modules:
            interp._force(target, st)  # its body runs first: what the patch replaces is there
        store = target.env.vars
    elif isinstance(target, (ClassVal, InstanceVal)):
        store = target.attrs
    elif isinstance(target, ModuleVal):
        key = target.qualname + "." + attribute
        old = interp.patched_modules.items.get(key, MISSING)
        interp.patched_modules.items[key] = UNKNOWN
        interp.ever_patched.add(key)
        return (interp.patched_modules, key, old)
    else:
        return None
    old = store.get(attribute, MISSING)
    store[attribute] = UNKNOWN
    return (store, attribute, old)
