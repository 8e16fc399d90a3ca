# fixture: units=case_*
"""TensorFlow's partitioned_variables_test.py (PartitionedVariablesTestCase), graph mode:
tf.create_partitioned_variables names its slices PartitionedVariable[_N]/part_K in the
current variable scope, whatever the name scope, and shares them under reuse."""
import tensorflow as tf


def initialized_value(var):
    return tf.cond(tf.is_variable_initialized(var), var.read_value, lambda: var.initial_value)


def iota_initializer(shape, dtype=tf.float32, partition_info=None):
    assert dtype == tf.float32
    if len(shape) == 1:
        return range(shape[0])
    val = iota_initializer(shape[1:], dtype)
    return [[(10**i) * v for v in val] for i in range(shape[0])]


# from PartitionedVariablesTestCase.testRandomInitValue
def case_random_init_value():
    rnd = tf.Variable(tf.random_uniform([200, 40]))  # creates: Variable:0
    vs = tf.create_partitioned_variables(rnd.get_shape(), [1, 10], initialized_value(rnd))  # creates: PartitionedVariable/part_0:0, PartitionedVariable/part_1:0, PartitionedVariable/part_2:0, PartitionedVariable/part_3:0, PartitionedVariable/part_4:0, PartitionedVariable/part_5:0, PartitionedVariable/part_6:0, PartitionedVariable/part_7:0, PartitionedVariable/part_8:0, PartitionedVariable/part_9:0
    return tf.concat(vs, 1)


# from PartitionedVariablesTestCase.testRandomInitUnevenPartitions
def case_random_init_uneven_partitions():
    rnd = tf.Variable(tf.random_uniform([20, 43], dtype=tf.float64))  # creates: Variable:0
    var_lists = [
        tf.create_partitioned_variables(rnd.get_shape(), [1, i], initialized_value(rnd))  # creates: PartitionedVariable/part_0:0, PartitionedVariable_1/part_0:0, PartitionedVariable_1/part_1:0, PartitionedVariable_2/part_0:0, PartitionedVariable_2/part_1:0, PartitionedVariable_2/part_2:0, PartitionedVariable_3/part_0:0, PartitionedVariable_3/part_1:0, PartitionedVariable_3/part_2:0, PartitionedVariable_3/part_3:0, PartitionedVariable_4/part_0:0, PartitionedVariable_4/part_1:0, PartitionedVariable_4/part_2:0, PartitionedVariable_4/part_3:0, PartitionedVariable_4/part_4:0, PartitionedVariable_5/part_0:0, PartitionedVariable_5/part_1:0, PartitionedVariable_5/part_2:0, PartitionedVariable_5/part_3:0, PartitionedVariable_5/part_4:0, PartitionedVariable_5/part_5:0, PartitionedVariable_6/part_0:0, PartitionedVariable_6/part_1:0, PartitionedVariable_6/part_2:0, PartitionedVariable_6/part_3:0, PartitionedVariable_6/part_4:0, PartitionedVariable_6/part_5:0, PartitionedVariable_6/part_6:0, PartitionedVariable_7/part_0:0, PartitionedVariable_7/part_1:0, PartitionedVariable_7/part_2:0, PartitionedVariable_7/part_3:0, PartitionedVariable_7/part_4:0, PartitionedVariable_7/part_5:0, PartitionedVariable_7/part_6:0, PartitionedVariable_7/part_7:0, PartitionedVariable_8/part_0:0, PartitionedVariable_8/part_1:0, PartitionedVariable_8/part_2:0, PartitionedVariable_8/part_3:0, PartitionedVariable_8/part_4:0, PartitionedVariable_8/part_5:0, PartitionedVariable_8/part_6:0, PartitionedVariable_8/part_7:0, PartitionedVariable_8/part_8:0
        for i in range(1, 10)
    ]
    return var_lists


# from PartitionedVariablesTestCase.testDegenerate
def case_degenerate():
    rnd = tf.Variable(tf.random_uniform([10, 43]))  # creates: Variable:0
    vs = tf.create_partitioned_variables(rnd.get_shape(), [1, 1], initialized_value(rnd))  # creates: PartitionedVariable/part_0:0
    return tf.concat(vs, 0)


# from PartitionedVariablesTestCase.testSliceSizeOne
def case_slice_size_one():
    rnd = tf.Variable(tf.random_uniform([10, 43]))  # creates: Variable:0
    vs = tf.create_partitioned_variables(rnd.get_shape(), [10, 1], initialized_value(rnd))  # creates: PartitionedVariable/part_0:0, PartitionedVariable/part_1:0, PartitionedVariable/part_2:0, PartitionedVariable/part_3:0, PartitionedVariable/part_4:0, PartitionedVariable/part_5:0, PartitionedVariable/part_6:0, PartitionedVariable/part_7:0, PartitionedVariable/part_8:0, PartitionedVariable/part_9:0
    return tf.concat(vs, 0)
