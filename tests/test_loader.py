"""Which imported modules the analysis reads: an installed package is followed only if it, or
a package it imports, imports TensorFlow (a word such as `tf` in a lexer is not that)."""

from __future__ import annotations

import os
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


def test_a_directory_of_installed_packages_the_program_adds_holds_libraries(tmp_path: Path) -> None:
    # gcn's driver: `sys.path.insert(0, "pylib")`, pip-installed networkx in it, inside the project
    (tmp_path / "pylib" / "networkx").mkdir(parents=True)
    (tmp_path / "pylib" / "networkx-3.6.1.dist-info").mkdir()
    (tmp_path / "pylib" / "networkx" / "__init__.py").write_text("import networkx.algorithms\n")
    (tmp_path / "lib" / "nets").mkdir(parents=True)
    (tmp_path / "lib" / "nets" / "__init__.py").write_text("")
    (tmp_path / "lib" / "nets" / "vgg.py").write_text("import tensorflow as tf\n")
    main = tmp_path / "train.py"
    main.write_text("")
    locator = loader.Locator(str(main))
    assert locator.locate("nets.vgg") is None  # not on the search path until the program adds lib/
    locator.add_roots([str(tmp_path / "pylib"), str(tmp_path / "lib")])
    networkx = locator.locate("networkx")
    vgg = locator.locate("nets.vgg")
    assert networkx == str(tmp_path / "pylib" / "networkx" / "__init__.py")
    assert vgg == str(tmp_path / "lib" / "nets" / "vgg.py")
    assert not locator.in_project(networkx)  # a library, though under the project's directory
    assert locator.in_project(vgg)
    assert not loader.installed_package_builds_graphs(networkx)


def test_an_optional_import_inside_a_function_does_not_make_a_package_reach_tf(tmp_path: Path) -> None:
    # networkx imports sympy only inside one algorithm; sympy may import TF
    site = tmp_path / "site-packages"
    (site / "graphlib2").mkdir(parents=True)
    (site / "graphlib2" / "__init__.py").write_text("def poly():\n    import symlib\n    return symlib\n")
    (site / "symlib.py").write_text("import tensorflow as tf\n")
    (site / "usesym").mkdir()
    (site / "usesym" / "__init__.py").write_text("import symlib\n")
    assert not loader.installed_package_builds_graphs(str(site / "graphlib2" / "__init__.py"))
    assert loader.installed_package_builds_graphs(str(site / "usesym" / "__init__.py"))  # at module level


def test_the_tree_cache_keeps_what_the_last_two_analyses_used_and_drops_older_trees_past_its_budget(
        tmp_path: Path) -> None:
    paths = []
    for name in ("a", "b", "c", "d"):
        module = tmp_path / (name + ".py")
        module.write_text("x = 1\n" * 10)  # 60 bytes each
        paths.append(str(module))
    cache = loader._TreeCache(budget=100)

    def get(path: str) -> object:
        stat = os.stat(path)
        return cache.get(path, stat.st_mtime_ns, stat.st_size)

    cache.new_analysis()
    first = get(paths[0])
    assert get(paths[0]) is first  # a hit: the same tree, whose nodes the analysis tells apart by identity
    cache.new_analysis()
    get(paths[1])  # past the budget, but the analysis before this one used a.py: kept
    assert len(cache.entries) == 2
    cache.new_analysis()
    get(paths[2])  # a.py was used two analyses ago: it goes; b.py stays
    assert [key[0] for key in cache.entries] == paths[1:3]
    assert cache.size == 120
    cache.new_analysis()
    get(paths[1])
    get(paths[3])  # c.py was used by the analysis before: over the budget, nothing can go
    assert [key[0] for key in cache.entries] == [paths[2], paths[1], paths[3]]
    assert get(paths[0]) is not first  # parsed again
