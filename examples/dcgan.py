"""A DCGAN-style training graph with the classic bug: the discriminator is built twice,
once for real and once for generated images, without sharing its variables."""
import tensorflow as tf


def generator(z):
    with tf.variable_scope("generator"):
        w = tf.get_variable("w", [z.get_shape().as_list()[-1], 784])
        b = tf.get_variable("b", [784], initializer=tf.zeros_initializer())
        return tf.nn.tanh(tf.matmul(z, w) + b)


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = x
        for i, units in enumerate([128, 64]):
            w = tf.get_variable("w%d" % i, [h.get_shape().as_list()[-1], units])
            h = tf.nn.relu(tf.matmul(h, w))
        w_out = tf.get_variable("w_out", [64, 1])
        return tf.matmul(h, w_out)


z = tf.placeholder(tf.float32, [None, 100])
images = tf.placeholder(tf.float32, [None, 784])
fake = generator(z)
d_real = discriminator(images)
d_fake = discriminator(fake)  # should be discriminator(fake, reuse=True)
