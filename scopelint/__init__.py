"""scopelint: predicts TF1 variable names and variable-scope errors before the graph is built."""

__version__ = "0.1.0"
