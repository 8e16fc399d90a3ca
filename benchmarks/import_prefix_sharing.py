"""How much a run-wide cache of import states could save: each file's module body begins with
import statements, and a file whose first k of them are the same as an earlier file's in the
same directory (relative imports and the program's own directory decide what they import)
could start from that file's state after them instead of running them again.

    python benchmarks/import_prefix_sharing.py PREFIX [DIR]

Analyses every file of DIR (default: benchmarks/.cache/codebase) whose path starts with PREFIX
(`./tensor2tensor`), in path order, in this process, timing each leading import statement of
the module body; prints the CPU seconds of the whole run, of the import prefixes, and of the
prefixes an earlier file of the same directory began with (the most such a cache saves; its
own cost, copying the state, not counted)."""

from __future__ import annotations

import ast
import os
import sys
import time
from typing import Any, Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, ".cache", "codebase")


def _leading_imports(body: List[ast.stmt]) -> int:
    """How many statements at the start of `body` are imports (a docstring aside)."""
    count = 0
    for stmt in body:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            count += 1
            continue
        if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
            break
        count += 1
    return count


def main() -> int:
    sys.path.insert(0, os.path.dirname(HERE))
    sys.setrecursionlimit(10_000)
    from scopelint import api
    from scopelint.analysis.interpreter import Interpreter
    from scopelint.config import load_config

    prefix = sys.argv[1]
    os.chdir(sys.argv[2] if len(sys.argv) > 2 else DEFAULT_DIR)
    records: List[Tuple[str, List[str], List[float]]] = []
    run_module = Interpreter.run_module

    def timed_run_module(self: Any) -> Any:
        body = self.tree.body
        leading = _leading_imports(body)
        keys: List[str] = []
        times: List[float] = []
        for index in range(leading):
            if not isinstance(body[index], (ast.Import, ast.ImportFrom)):
                continue
            keys.append(ast.dump(body[index]))
            times.append(-time.process_time())
        records.append((os.path.dirname(self.abspath), keys, times))
        return run_module(self)

    # The leading imports' times: exec_block of the module body is run statement by statement
    # by run_module; each import statement at the top level is timed by wrapping exec_Import*.
    current: Dict[str, int] = {"index": 0}

    def timing(original: Any) -> Any:
        def run(self: Any, node: Any, st: Any) -> None:
            record = records[-1] if records else None
            top = record is not None and st.env is self.module_env and current["index"] < len(record[2]) and \
                ast.dump(node) == record[1][current["index"]]
            begin = time.process_time()
            original(self, node, st)
            if top and record is not None:
                record[2][current["index"]] = time.process_time() - begin
                current["index"] += 1
        return run

    Interpreter.run_module = timed_run_module  # type: ignore[method-assign]
    Interpreter.exec_Import = timing(Interpreter.exec_Import)  # type: ignore[method-assign]
    Interpreter.exec_ImportFrom = timing(Interpreter.exec_ImportFrom)  # type: ignore[method-assign]
    config = load_config(".")
    files = [path for path in sorted(api.iter_python_files(["."])) if path.startswith(prefix)]
    started = time.process_time()
    for path in files:
        current["index"] = 0
        api.check_path(path, config)
    total = time.process_time() - started
    seen = set()
    prefix_total = saveable = 0.0
    for directory, keys, times in records:
        spent = [max(t, 0.0) for t in times]
        prefix_total += sum(spent)
        shared = next((k for k in range(len(keys), 0, -1) if (directory, tuple(keys[:k])) in seen), 0)
        saveable += sum(spent[:shared])
        seen.update((directory, tuple(keys[:k])) for k in range(1, len(keys) + 1))
    print("%s: %d files, %.1f s CPU; leading imports %.1f s, of which an earlier file of the same "
          "directory began with %.1f s" % (prefix, len(files), total, prefix_total, saveable))
    return 0


if __name__ == "__main__":
    sys.exit(main())
