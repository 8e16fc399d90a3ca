# fixture: units=case_*
"""TensorFlow's partitioned_variables_test.py, graph mode: the slicing errors of
tf.create_partitioned_variables (testSomeErrors, one case per assertRaises), and reuse of a
partitioned variable with another partitioning."""
import tensorflow as tf


def initialized_value(var):
    return tf.cond(tf.is_variable_initialized(var), var.read_value, lambda: var.initial_value)


# from PartitionedVariablesTestCase.testSomeErrors (more slices than rows)
def case_some_errors_more_slices_than_rows():
    rnd = tf.Variable(tf.random_uniform([10, 43]))  # creates: Variable:0
    tf.create_partitioned_variables([10, 43], [11, 1], initialized_value(rnd))  # creates: PartitionedVariable/part_0:0, PartitionedVariable/part_1:0, PartitionedVariable/part_2:0, PartitionedVariable/part_3:0, PartitionedVariable/part_4:0, PartitionedVariable/part_5:0, PartitionedVariable/part_6:0, PartitionedVariable/part_7:0, PartitionedVariable/part_8:0, PartitionedVariable/part_9:0; error: SL105


# from PartitionedVariablesTestCase.testSomeErrors (far more slices than rows)
def case_some_errors_far_more_slices_than_rows():
    rnd = tf.Variable(tf.random_uniform([10, 43]))  # creates: Variable:0
    tf.create_partitioned_variables([10, 43], [20, 1], initialized_value(rnd))  # creates: PartitionedVariable/part_0:0, PartitionedVariable/part_1:0, PartitionedVariable/part_2:0, PartitionedVariable/part_3:0, PartitionedVariable/part_4:0, PartitionedVariable/part_5:0, PartitionedVariable/part_6:0, PartitionedVariable/part_7:0, PartitionedVariable/part_8:0, PartitionedVariable/part_9:0; error: SL105


# from PartitionedVariablesTestCase.testSomeErrors (more slices than columns)
def case_some_errors_more_slices_than_columns():
    rnd = tf.Variable(tf.random_uniform([10, 43]))  # creates: Variable:0
    tf.create_partitioned_variables([10, 43], [1, 50], initialized_value(rnd))  # creates: PartitionedVariable/part_0:0, PartitionedVariable/part_1:0, PartitionedVariable/part_2:0, PartitionedVariable/part_3:0, PartitionedVariable/part_4:0, PartitionedVariable/part_5:0, PartitionedVariable/part_6:0, PartitionedVariable/part_7:0, PartitionedVariable/part_8:0, PartitionedVariable/part_9:0, PartitionedVariable/part_10:0, PartitionedVariable/part_11:0, PartitionedVariable/part_12:0, PartitionedVariable/part_13:0, PartitionedVariable/part_14:0, PartitionedVariable/part_15:0, PartitionedVariable/part_16:0, PartitionedVariable/part_17:0, PartitionedVariable/part_18:0, PartitionedVariable/part_19:0, PartitionedVariable/part_20:0, PartitionedVariable/part_21:0, PartitionedVariable/part_22:0, PartitionedVariable/part_23:0, PartitionedVariable/part_24:0, PartitionedVariable/part_25:0, PartitionedVariable/part_26:0, PartitionedVariable/part_27:0, PartitionedVariable/part_28:0, PartitionedVariable/part_29:0, PartitionedVariable/part_30:0, PartitionedVariable/part_31:0, PartitionedVariable/part_32:0, PartitionedVariable/part_33:0, PartitionedVariable/part_34:0, PartitionedVariable/part_35:0, PartitionedVariable/part_36:0, PartitionedVariable/part_37:0, PartitionedVariable/part_38:0, PartitionedVariable/part_39:0, PartitionedVariable/part_40:0, PartitionedVariable/part_41:0, PartitionedVariable/part_42:0; error: SL105
