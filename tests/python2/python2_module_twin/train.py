"""The Python 2 twin of tests/fixtures/projects/python2_module_twin/train.py: the same Python 3
program over a Python 2 model.py (test_python2.py), line for line the same, so that the two
analyses agree to the line."""
import tensorflow as tf

from model import Controller

controller = Controller(2, 32)  # creates: controller/layer_0/w:0, controller/layer_1/w:0, controller/emb:0, controller/out:0
again = Controller(1, 32)  # error: SL101
