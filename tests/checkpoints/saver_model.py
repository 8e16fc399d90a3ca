"""The graph tools/make_test_checkpoints.py saved as tests/checkpoints/saver/ (its saver_model,
as a program): `scopelint ckpt` on this file against that checkpoint restores cleanly."""
import tensorflow as tf

step = tf.train.get_or_create_global_step()
with tf.variable_scope("generator"):
    with tf.variable_scope("dense"):
        kernel = tf.get_variable("kernel", [3, 4])
        bias = tf.get_variable("bias", [4], initializer=tf.zeros_initializer())
    embedding = tf.get_variable("embedding", [5, 2], partitioner=tf.fixed_size_partitioner(2))
with tf.variable_scope("discriminator"):
    half = tf.get_variable("half", [2, 3], dtype=tf.float16)
    counts = tf.get_variable("counts", [3], dtype=tf.int32, initializer=tf.zeros_initializer(), trainable=False)
    tf.get_variable("vocab", [2], dtype=tf.string, initializer=tf.constant_initializer(["a", "b"]), trainable=False)
    tf.get_variable("scale", [], dtype=tf.float64, trainable=False)
loss = (tf.reduce_sum(tf.matmul(tf.ones([1, 3]), kernel) + bias) + tf.reduce_sum(embedding)
        + tf.cast(tf.reduce_sum(half), tf.float32) + tf.cast(tf.reduce_sum(counts), tf.float32))
train = tf.train.AdamOptimizer().minimize(loss, global_step=step)
