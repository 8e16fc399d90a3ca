"""tf.custom_gradient as graph mode builds it (tensorflow/python/ops/custom_gradient.py,
_graph_mode_decorator): the decorated function keeps the function's name (make_decorator), and a
call runs the function on its arguments as tensors, then passes its result through one IdentityN
op whose gradient is the function's grad_fn. The result keeps its shapes and dtypes (stylegan's
leaky_relu, blur2d, upscale2d and downscale2d: the next layer's weights are shaped by them).

Not modelled: TF's TypeErrors for variables the function creates that are not resource variables
and for a grad_fn without a `variables` argument when the function reads variables (the analysis
does not see which variables a function reads); neither names a variable.

tf.RegisterGradient (tensorflow/python/framework/ops.py) too: a decorator that registers its
function as the gradient of an op type, for tf.gradients to call later; the function is returned
as it is (tf-dann's flip_gradient, the Python gradient reversal DANN and domain_separation users
put in place of a compiled op). TF's KeyError for a second registration of one op type is not
modelled: TF's registry is the process's, not a graph's."""
import tensorflow as tf
from tensorflow.python.util import tf_decorator
from scopelint.tf.models import _common


def custom_gradient(f=None):
    if f is None:
        return lambda f: custom_gradient(f=f)

    def decorated(*args, **kwargs):
        return _graph_mode_decorator(f, args, kwargs)

    return tf_decorator.make_decorator(f, decorated)


def _graph_mode_decorator(f, args, kwargs):
    if kwargs:
        raise ValueError("The custom_gradient decorator currently supports keywords "
                         "arguments only when eager execution is enabled.")
    args = [tf.convert_to_tensor(arg) for arg in args]  # nest.map_structure: the arguments are tensors
    result, grad_fn = f(*args)
    if isinstance(result, (list, tuple)):
        flat_result = _common.flatten(result)
        passed = tf.identity_n(flat_result + args)
        return _common.pack_like(result, passed[:len(flat_result)])
    return tf.identity_n([result] + args)[0]


class RegisterGradient(object):
    def __init__(self, op_type):
        if not isinstance(op_type, str):
            raise TypeError("op_type must be a string")
        self._op_type = op_type

    def __call__(self, f):
        return f
