"""tf.gfile.GFile / tf.io.gfile.GFile (tensorflow/python/platform/gfile.py, lib/io/file_io.py):
TF's file object, which reads a local file as Python's does. BERT's, ALBERT's and ELECTRA's
configs are read so (`from_json_file`: `with tf.gfile.GFile(json_file, "r") as reader:
json.loads(reader.read())`), and their sizes name and shape every variable."""


def GFile(name, mode="r"):
    return open(name, mode)


Open = GFile
FastGFile = GFile
