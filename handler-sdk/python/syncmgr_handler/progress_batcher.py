"""callback/progressBatch (§5.4), where the host offers it: reports made while a batch is in flight
travel together in the next one, each still answered with its own verdict. A report made with no
batch in flight leaves at once, so batching never delays a lone report; 10,000 items' reports
cost a few dozen messages instead of 20,000 round trips. flush() sends what waits now, so that a
callback of another kind never overtakes a report made before it."""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, List, Optional

from .connection import Connection

Answered = Callable[[Optional[int]], None]


class ProgressBatcher:
    def __init__(self, connection: Connection, max_reports: int) -> None:
        self._connection = connection
        self._max_reports = max(1, max_reports)
        # Held while sending, so batches leave in the order their reports were made.
        self._lock = threading.RLock()
        self._reports: List[Dict[str, Any]] = []
        self._answers: List[Answered] = []
        self._in_flight = 0

    def add(self, report: Dict[str, Any], answered: Answered) -> None:
        with self._lock:
            self._reports.append(report)
            self._answers.append(answered)
            if self._in_flight == 0 or len(self._reports) >= self._max_reports:
                self.flush()

    def flush(self) -> None:
        with self._lock:
            if not self._reports:
                return
            reports, answers = self._reports, self._answers
            self._reports, self._answers = [], []
            self._in_flight += 1
            self._connection.request("callback/progressBatch", {"reports": reports}, lambda result, error: self._answered(answers, result))

    def _answered(self, answers: List[Answered], result: Optional[Dict[str, Any]]) -> None:
        hrs = result.get("hrs") if result is not None else None
        for index, answered in enumerate(answers):
            hr = hrs[index] if isinstance(hrs, list) and index < len(hrs) else None
            answered(hr if isinstance(hr, int) else None)  # refused or short: 'continue'
        with self._lock:
            self._in_flight -= 1
            if self._reports:
                self.flush()
