"""The semantics core: TF1 variable scopes, the variable store and naming rules, with TF's
exact errors. Imports neither libcst nor TensorFlow; both drivers use it."""
