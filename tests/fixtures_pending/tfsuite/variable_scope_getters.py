# fixture: units=case_*
"""TensorFlow's variable_scope_test.py, VariableScopeWithCustomGetterTest: custom getters on
a scope (identity, reuse-dependent, one that makes two variables, nested getters) and the
synchronization/aggregation arguments they receive. Graph-mode TF1 rewrites; what the test
checks on the getter's result or on its call count becomes a probe tf.Variable whose name
holds it."""
import tensorflow as tf


# from VariableScopeWithCustomGetterTest.testSynchronizationAndAggregationWithCustomGetter
def case_synchronization_and_aggregation_with_custom_getter():
    seen = []

    def custom_getter(getter, *args, **kwargs):
        seen.append("%s_%s" % (kwargs["synchronization"].name, kwargs["aggregation"].name))
        return getter(*args, **kwargs)  # creates: scope/v:0, scope/v1:0

    with tf.variable_scope("scope", custom_getter=custom_getter):
        tf.get_variable("v", [1])
    tf.Variable(0.0, name="seen_" + seen[-1])  # creates: seen_AUTO_NONE:0
    with tf.variable_scope("scope", custom_getter=custom_getter):
        tf.get_variable("v1", [1], synchronization=tf.VariableSynchronization.ON_READ,
                        aggregation=tf.VariableAggregation.MEAN)
    tf.Variable(0.0, name="seen_" + seen[-1])  # creates: seen_ON_READ_MEAN:0
    tf.Variable(0.0, name="called_%d" % len(seen))  # creates: called_2:0


# from VariableScopeWithCustomGetterTest.testCustomGetterWithReuse
def case_custom_getter_with_reuse():
    def custom_getter(getter, *args, **kwargs):
        var = getter(*args, **kwargs)  # creates: scope/v:0; shares: scope/v:0
        if kwargs["reuse"]:
            return tf.identity(var, name="reused")
        else:
            return tf.identity(var, name="not_reused")

    with tf.variable_scope("scope", custom_getter=custom_getter) as scope:
        v = tf.get_variable("v", [1])
    with tf.variable_scope(scope, reuse=True):
        v2 = tf.get_variable("v", [1])
    tf.Variable(0.0, name=v.op.name + "_probe")  # creates: not_reused_probe:0
    tf.Variable(0.0, name=v2.op.name + "_probe")  # creates: reused_probe:0


# from VariableScopeWithCustomGetterTest.testGetterThatCreatesTwoVariablesAndSumsThem
def case_getter_that_creates_two_variables_and_sums_them():
    def custom_getter(getter, name, *args, **kwargs):
        g_0 = getter("%s/0" % name, *args, **kwargs)  # creates: scope/v/0:0
        g_1 = getter("%s/1" % name, *args, **kwargs)  # creates: scope/v/1:0
        with tf.name_scope("custom_getter"):
            return g_0 + g_1

    with tf.variable_scope("scope", custom_getter=custom_getter):
        v = tf.get_variable("v", [1, 2, 3])
    tf.Variable(0.0, name=v.op.name + "_probe")  # creates: custom_getter/add_probe:0


# from VariableScopeWithCustomGetterTest.testNestedCustomGetters
def case_nested_custom_getters():
    def sum_getter(getter, name, *args, **kwargs):
        g_0 = getter("%s/sum_0" % name, *args, **kwargs)
        g_1 = getter("%s/sum_1" % name, *args, **kwargs)
        with tf.name_scope("sum_getter"):
            return g_0 + g_1

    def prod_getter(getter, name, *args, **kwargs):
        g_0 = getter("%s/prod_0" % name, *args, **kwargs)  # creates: prod_scope/sum_scope/inner_sum_scope/v/sum_0/sum_0/prod_0:0, prod_scope/sum_scope/inner_sum_scope/v/sum_0/sum_1/prod_0:0, prod_scope/sum_scope/inner_sum_scope/v/sum_1/sum_0/prod_0:0, prod_scope/sum_scope/inner_sum_scope/v/sum_1/sum_1/prod_0:0
        g_1 = getter("%s/prod_1" % name, *args, **kwargs)  # creates: prod_scope/sum_scope/inner_sum_scope/v/sum_0/sum_0/prod_1:0, prod_scope/sum_scope/inner_sum_scope/v/sum_0/sum_1/prod_1:0, prod_scope/sum_scope/inner_sum_scope/v/sum_1/sum_0/prod_1:0, prod_scope/sum_scope/inner_sum_scope/v/sum_1/sum_1/prod_1:0
        with tf.name_scope("prod_getter"):
            return g_0 * g_1

    with tf.variable_scope("prod_scope", custom_getter=prod_getter):
        with tf.variable_scope("sum_scope", custom_getter=sum_getter):
            with tf.variable_scope("inner_sum_scope", custom_getter=sum_getter):
                v = tf.get_variable("v", [1, 2, 3])
    tf.Variable(0.0, name=v.op.name + "_probe")  # creates: sum_getter_2/add_probe:0
