"""Runs `unittest discover` on this folder (or the folder given as the argument) and prints one JSON line per test, for the jest bridge
(test/src/python-sdk.test.ts): {"id", "outcome": passed|failed|error|skipped, "message"}, then
{"summary": {"tests": N}}. Each line starts with a marker, so nothing else on stdout is mistaken
for a result. Exit code: 0 when every test passed, 1 otherwise."""

from __future__ import annotations

import json
import os
import sys
import unittest
from typing import Any, Optional

MARKER = "@@syncmgr-python-test "
HERE = os.path.dirname(os.path.abspath(__file__))


def emit(record: Any) -> None:
    out = sys.__stdout__
    assert out is not None
    out.write(MARKER + json.dumps(record) + "\n")
    out.flush()


class JsonResult(unittest.TestResult):
    def _record(self, test: unittest.TestCase, outcome: str, message: Optional[str] = None) -> None:
        emit({"id": test.id(), "outcome": outcome, "message": message})

    def addSuccess(self, test: unittest.TestCase) -> None:
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test: unittest.TestCase, err: Any) -> None:
        super().addFailure(test, err)
        self._record(test, "failed", self.failures[-1][1])

    def addError(self, test: unittest.TestCase, err: Any) -> None:
        super().addError(test, err)
        # An error in a module that failed to import is reported under a made-up test id.
        self._record(test, "error", self.errors[-1][1])  # type: ignore[arg-type]

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        super().addSkip(test, reason)
        self._record(test, "skipped", reason)


def main() -> int:
    folder = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
    suite = unittest.defaultTestLoader.discover(folder, top_level_dir=folder)
    result = JsonResult()
    suite.run(result)
    emit({"summary": {"tests": result.testsRun}})
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
