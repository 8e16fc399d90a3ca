"""Which imported modules the analysis reads: an installed package is followed only if it, or
a package it imports, imports TensorFlow (a word such as `tf` in a lexer is not that)."""

from __future__ import annotations

from pathlib import Path

from scopelint.analysis import loader


def test_an_installed_package_that_never_imports_tf_is_not_followed(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    (site / "plainlib").mkdir(parents=True)
    (site / "plainlib" / "__init__.py").write_text("import helperlib\ntf = 'a word, not TensorFlow'\n")
    (site / "helperlib.py").write_text("import os\n")
    (site / "netlib").mkdir()
    (site / "netlib" / "__init__.py").write_text("import plainlib\nfrom . import layers\n")
    (site / "netlib" / "layers.py").write_text("import deeplib\n")
    (site / "deeplib.py").write_text("import tensorflow as tf\n")
    assert not loader.installed_package_builds_graphs(str(site / "plainlib" / "__init__.py"))
    assert loader.installed_package_builds_graphs(str(site / "netlib" / "__init__.py"))  # through deeplib
