# fixture: units=case_*
"""TensorFlow's template_test.py, graph mode: a template's first call opens a uniquified
variable scope, later calls share the variables in it (plain, nested, internal scopes).
Each case defines its own copy of the test's helpers, so expectations stay in the case."""
import tensorflow as tf


# from TemplateTest.test_fails_gracefully
def case_fails_gracefully():
    for create_scope_now in [True, False]:
        def module_function_with_one_arg(inputs):
            w = tf.get_variable("w", shape=[1], initializer=tf.zeros_initializer())  # creates: f1/w:0, f1_1/w:0; shares: f1/w:0, f1_1/w:0
            return inputs * w

        templatized_function = tf.make_template("f1", module_function_with_one_arg,
                                                create_scope_now_=create_scope_now)
        data = tf.zeros([1])
        try:
            # a keyword the function does not take
            templatized_function(data, is_training=True)
        except TypeError:
            pass
        # the failed call left the template as it was: this call creates, the next shares
        templatized_function(data)
        templatized_function(data)


# from TemplateTest.test_fails_gracefully (the failing call itself, as the last statement)
def case_fails_gracefully_unsupported_kwarg():
    def module_function_with_one_arg(inputs):
        w = tf.get_variable("w", shape=[1], initializer=tf.zeros_initializer())
        return inputs * w

    templatized_function = tf.make_template("f1", module_function_with_one_arg)
    data = tf.zeros([1])
    templatized_function(data, is_training=True)  # error: SL105
