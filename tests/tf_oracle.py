"""Client of the TF runner (tests/oracle/tf_runner.py): real TensorFlow observing programs.

Importing TF costs seconds, so one runner process (`--serve`) observes many programs, each
in fresh graphs. `observe_many` spreads a batch over several such processes; a process that
dies (a crash inside TF) is replaced and the program it was running is reported as failed.
The python that has TensorFlow is $SCOPELINT_TF_PYTHON, else the current one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Union

RUNNER = Path(__file__).resolve().parent / "oracle" / "tf_runner.py"
PathLike = Union[str, Path]


class OracleError(RuntimeError):
    pass


def tf_python() -> str:
    return os.environ.get("SCOPELINT_TF_PYTHON", sys.executable)


class TFWorker:
    """One long-lived runner process."""

    def __init__(self) -> None:
        self.log = tempfile.TemporaryFile(mode="w+")  # TF's chatter: a pipe nobody reads would fill up
        self.process = subprocess.Popen([tf_python(), str(RUNNER), "--serve"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.log, text=True, bufsize=1)
        ready = self._read()
        if not ready.get("ready"):
            raise OracleError("the TF runner did not start:\n" + self._log_tail())

    def _log_tail(self) -> str:
        self.log.seek(0)
        return self.log.read()[-4000:]

    def _read(self) -> Dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise OracleError("the TF runner died:\n" + self._log_tail())
        answer: Dict[str, Any] = json.loads(line)
        return answer

    def observe(self, path: PathLike) -> Dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(str(path) + "\n")
        self.process.stdin.flush()
        answer = self._read()
        if "error" in answer:
            raise OracleError("the TF runner failed on %s:\n%s" % (path, answer["error"]))
        result: Dict[str, Any] = answer["result"]
        return result

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


_shared: Optional[TFWorker] = None
_shared_lock = threading.Lock()


def tf_observe(path: PathLike) -> Dict[str, Any]:
    """One program under real TF, in the process-wide shared worker."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.process.poll() is not None:
            _shared = TFWorker()
        try:
            return _shared.observe(path)
        except OracleError:
            if _shared.process.poll() is not None:
                _shared = None
            raise


def observe_many(paths: Sequence[PathLike], jobs: int = 0) -> Dict[str, Union[Dict[str, Any], OracleError]]:
    """Every program under real TF, `jobs` worker processes at once (default: the cores).
    Keyed by str(path); a program the runner failed on maps to its OracleError."""
    jobs = jobs or min(len(paths), os.cpu_count() or 1) or 1
    queue: List[PathLike] = list(paths)
    results: Dict[str, Union[Dict[str, Any], OracleError]] = {}
    lock = threading.Lock()

    def work() -> None:
        worker: Optional[TFWorker] = None
        while True:
            with lock:
                if not queue:
                    break
                path = queue.pop(0)
            try:
                if worker is None or worker.process.poll() is not None:
                    worker = TFWorker()
                outcome: Union[Dict[str, Any], OracleError] = worker.observe(path)
            except OracleError as exc:
                outcome = exc
            with lock:
                results[str(path)] = outcome
        if worker is not None:
            worker.close()

    threads = [threading.Thread(target=work) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
