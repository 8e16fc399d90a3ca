"""Functions of TF's internal modules that libraries call at import time or as decorators
(tensorpack's compat and libinfo, its BatchNorm): they build nothing, and a TF1-style program
runs with TF 2.x behaviour off (TF 1.x's default; `disable_v2_behavior()` in TF 2.x).

tensorflow/python/tf2.py, autograph/impl/api.py's do_not_convert, util/deprecation.py's
decorators and silence(), framework/test_util.py's InstallStackTraceHandler."""

_v2_behavior = [False]


def enabled():
    return _v2_behavior[0]


def enable():
    _v2_behavior[0] = True


def disable():
    _v2_behavior[0] = False


def do_not_convert(func=None):
    """The function itself, run as written (autograph converts nothing in graph-mode TF1 code);
    with no function, the decorator that gives it."""
    if func is None:
        return do_not_convert
    return func


def _keep(func):
    return func


def deprecated(date, instructions, warn_once=True):
    return _keep


def deprecated_args(date, instructions, *deprecated_arg_names_or_tuples, **kwargs):
    return _keep


def deprecated_arg_values(date, instructions, warn_once=True, **deprecated_kwargs):
    return _keep


class silence(object):  # noqa: N801 - TF's name
    """A context that turns deprecation warnings off."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def InstallStackTraceHandler():  # noqa: N802 - TF's name
    return None
