# fixture: units=case_*
"""TensorFlow's variable_scope_test.py, VariableScopeWithCustomGetterTest: variable creator
scopes (a creator that renames, the arguments a creator receives from get_variable, and
creator scopes exited out of order). Graph-mode TF1 rewrites; the test's assertRaises
becomes a try/except whose handler makes a probe variable, and what a creator saw becomes a
probe tf.Variable whose name holds it."""
import tensorflow as tf


# from VariableScopeWithCustomGetterTest.testVariableCreator (the renaming creator)
def case_variable_creator_renames():
    variable_names = []

    def creator_a(next_creator, **kwargs):
        variable_names.append(kwargs.get("name", ""))
        return next_creator(**kwargs)  # creates: forced_name:0

    def creator_b(next_creator, **kwargs):
        kwargs["name"] = "forced_name"
        return next_creator(**kwargs)

    with tf.variable_creator_scope(creator_a):
        with tf.variable_creator_scope(creator_b):
            tf.Variable(1.0, name="one_name")
    tf.Variable(0.0, name="seen_" + variable_names[0])  # creates: seen_forced_name:0


# from VariableScopeWithCustomGetterTest.testVariableCreator (the arguments from get_variable)
def case_variable_creator_get_variable_arguments():
    seen = []

    def creater_c(next_creator, **kwargs):
        seen.append("%s_%s" % (kwargs["synchronization"].name, kwargs["aggregation"].name))
        return next_creator(**kwargs)  # creates: v:0

    with tf.variable_creator_scope(creater_c):
        tf.get_variable("v", [], synchronization=tf.VariableSynchronization.ON_WRITE,
                        aggregation=tf.VariableAggregation.MEAN)
    tf.Variable(0.0, name="seen_%d_%s" % (len(seen), seen[0]))  # creates: seen_1_ON_WRITE_MEAN:0


# from VariableScopeWithCustomGetterTest.testVariableCreatorNestingError
def case_variable_creator_nesting_error():
    def creator(next_creator, **kwargs):
        return next_creator(**kwargs)  # creates: probe_nesting_error:0

    scope = tf.variable_creator_scope(creator)
    scope.__enter__()
    with tf.variable_creator_scope(creator):
        try:
            scope.__exit__(None, None, None)
        except RuntimeError:
            tf.Variable(0.0, name="probe_nesting_error")
