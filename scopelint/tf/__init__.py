"""TensorFlow's Python API modelled once: the registry of qualified names (registry.py) and
the models, TF1-style Python over the scope intrinsics (models/), which the reference runtime
executes and the analysis interprets."""
