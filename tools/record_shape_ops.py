"""Record what real TensorFlow infers for every shape-op case (tests/shape_ops_cases.py) into
tests/shape_ops_expected.json, the table the runtime is tested against.

    SCOPELINT_TF_PYTHON=/work/tfenv/bin/python python3 tools/record_shape_ops.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from shape_ops_cases import EXPECTED, run_program  # noqa: E402


def main() -> int:
    python = os.environ.get("SCOPELINT_TF_PYTHON", sys.executable)
    results = run_program(python)
    failed = {case: result for case, result in results.items() if isinstance(result, dict) and "error" in result}
    if failed:
        print("cases TF rejects (fix them, the table holds valid ops only):", file=sys.stderr)
        for case, result in sorted(failed.items()):
            print("  %s: %s" % (case, result["error"]), file=sys.stderr)
        return 1
    version = subprocess.run([python, "-c", "import tensorflow as tf; print(tf.__version__)"], check=True,
                             capture_output=True, text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    table = {"tensorflow": version.stdout.strip(), "cases": results}
    Path(EXPECTED).write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print("%d cases recorded from TF %s in %s" % (len(results), table["tensorflow"], EXPECTED))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
