"""tf.gfile.GFile / tf.io.gfile.GFile (tensorflow/python/platform/gfile.py, lib/io/file_io.py):
TF's file object, which reads a local file as Python's does. BERT's, ALBERT's and ELECTRA's
configs are read so (`from_json_file`: `with tf.gfile.GFile(json_file, "r") as reader:
json.loads(reader.read())`), and their sizes name and shape every variable. Its queries of the
file system answer as os's do (adversarial_text's `if tf.gfile.Exists(vocab_freq_path)`).
tf.resource_loader's (platform/resource_loader.py) finds the files a module ships beside it."""
import glob as _glob
import inspect
import os
import sys


def GFile(name, mode="r"):
    return open(name, mode)


Open = GFile
FastGFile = GFile


def Exists(filename):
    return os.path.exists(filename)


def IsDirectory(dirname):
    return os.path.isdir(dirname)


def Glob(filename):
    return _glob.glob(filename)


exists, isdir, glob = Exists, IsDirectory, Glob


def get_data_files_path():
    """The directory of the calling module's file: domain_separation's grl_ops finds its
    compiled op library so (`tf.resource_loader.get_data_files_path()`)."""
    return os.path.dirname(inspect.getfile(sys._getframe(1)))
