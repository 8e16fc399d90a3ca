"""Write a fixture's expectations from what real TensorFlow does (never from scopelint).

    python tools/annotate_fixture.py FILE...          rewrite the `creates/shares/error` clauses
    python tools/annotate_fixture.py --check FILE...  only report where the comments disagree

Runs tests/oracle/tf_runner.py with $SCOPELINT_TF_PYTHON (a python with tensorflow-cpu).
Prose comments and `warn:`/`static:`/`static_shape:` clauses (static-tier knowledge) are kept.
"""

from __future__ import annotations

import argparse
import io
import sys
import tokenize
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixture_spec import CLAUSE, compare, load_fixture  # noqa: E402
from tf_oracle import OracleError, tf_observe  # noqa: E402

KEEP = ("warn", "static", "static_shape", "fixture")


def observe(path: Path) -> Dict[str, Any]:
    try:
        return tf_observe(path)
    except OracleError as exc:
        raise SystemExit("%s: %s" % (path, exc))


def expectations_by_line(observed: Dict[str, Any]) -> Dict[int, List[str]]:
    clauses: Dict[int, Dict[str, List[str]]] = {}
    for unit in observed["units"]:
        if unit.get("exception"):
            raise SystemExit("the program raised %(type)s at line %(line)s: %(message)s" % unit["exception"])
        for var in unit["variables"]:
            kind = "creates" if var["action"] == "create" else "shares"
            clauses.setdefault(var["line"], {}).setdefault(kind, []).append(var["name"])
        for diag in unit["diagnostics"]:
            clauses.setdefault(diag["line"], {}).setdefault("error", []).append(diag["code"])
    out: Dict[int, List[str]] = {}
    for line, kinds in clauses.items():
        out[line] = ["%s: %s" % (kind, ", ".join(kinds[kind])) for kind in ("creates", "shares", "error")
                     if kind in kinds]
    return out


def rewrite(path: Path, wanted: Dict[int, List[str]]) -> str:
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    comments: Dict[int, tokenize.TokenInfo] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token
    for number in sorted(set(comments) | set(wanted)):
        text = lines[number - 1]
        kept: List[str] = []
        prose = ""
        if number in comments:
            token = comments[number]
            code_part = text[: token.start[1]].rstrip()
            segments = [seg.strip() for seg in token.string.split("#") if seg.strip()]
            prose_parts = []
            for segment in segments:
                clauses = [c.strip() for c in segment.split(";")]
                if CLAUSE.match(clauses[0]):
                    kept.extend(c for c in clauses if CLAUSE.match(c) and CLAUSE.match(c).group(1) in KEEP)
                else:
                    prose_parts.append(segment)
            prose = "  # ".join(prose_parts)
        else:
            code_part = text.rstrip()
        new = wanted.get(number, []) + kept
        if not code_part.strip():
            continue  # a comment on its own line is never an expectation target
        pieces = ([prose] if prose else []) + (["; ".join(new)] if new else [])
        lines[number - 1] = code_part + ("  # " + "  # ".join(pieces) if pieces else "")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    status = 0
    for name in args.files:
        path = Path(name)
        observed = observe(path)
        if args.check:
            differences = compare(load_fixture(path), observed, "tf")
            for line in differences:
                print(line)
            status |= bool(differences)
            continue
        path.write_text(rewrite(path, expectations_by_line(observed)), encoding="utf-8")
        print("annotated %s" % path)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
