"""tensorflow/python/util/tf_decorator.py as libraries that vendor contrib's add_arg_scope call it
(tflearn's vendor/arg_scope.py: `return tf_decorator.make_decorator(func, func_with_args)`).
make_decorator returns the decorator function itself, carrying the target's name, docstring and
attributes and a `_tf_decorator` record of the target; calling it calls the decorator function
only. unwrap walks those records back to the innermost target. Neither creates a variable."""
import functools


class TFDecorator(object):
    def __init__(self, decorator_name, target, decorator_doc="", decorator_argspec=None):
        self.decorator_name = decorator_name
        self.decorated_target = target
        self.decorator_doc = decorator_doc
        self.decorator_argspec = decorator_argspec

    def __call__(self, *args, **kwargs):
        return self.decorated_target(*args, **kwargs)


def make_decorator(target, decorator_func, decorator_name=None, decorator_doc="", decorator_argspec=None):
    # TF keeps an attribute decorator_func already has where update_wrapper takes the target's;
    # they differ only for an attribute both set
    functools.update_wrapper(decorator_func, target)
    decorator_func._tf_decorator = TFDecorator(decorator_name, target, decorator_doc, decorator_argspec)
    decorator_func.__original_wrapped__ = target
    return decorator_func


def unwrap(maybe_tf_decorator):
    decorators = []
    cur = maybe_tf_decorator
    while True:
        if isinstance(cur, TFDecorator):
            decorators.append(cur)
        elif hasattr(cur, "_tf_decorator") and isinstance(cur._tf_decorator, TFDecorator):
            decorators.append(cur._tf_decorator)
        else:
            break
        cur = decorators[-1].decorated_target
    return decorators, cur
