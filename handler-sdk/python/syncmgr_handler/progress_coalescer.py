"""Progress reports, pipelined and coalesced per item (the TypeScript SDK's ProgressCoalescer).

No report waits for the answer to another: `report` sends (or merges) and returns at once the latest
verdict for its item. At most one update per item is in flight; later updates are merged (later
fields win) and sent when it is answered, so reporting every byte costs one round trip at a time and
the last update is never dropped. A final status is never merged away: it goes at once, carrying
what waited. `settled` waits until every report was answered, before the phase's completion."""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, Optional, Set

from . import constants as c
from .structs import Verdict
from .wire import is_final

ProgressItem = Dict[str, Any]
# send(item_id, progress_item, answered): answered(hr or None) runs once, on any thread.
Send = Callable[[str, ProgressItem, Callable[[Optional[int]], None]], None]
OnVerdict = Callable[[Verdict, str], None]

VERDICTS = {c.S_SYNCMGR_CANCELITEM: Verdict.CANCEL_ITEM, c.S_SYNCMGR_CANCELALL: Verdict.CANCEL_ALL}


def verdict_of(hr: Optional[int]) -> Verdict:
    """Exact comparison (§3.2): any other code, or no answer, is 'continue'."""
    return VERDICTS.get(hr, Verdict.CONTINUE) if hr is not None else Verdict.CONTINUE


def merge(earlier: Optional[ProgressItem], later: ProgressItem) -> ProgressItem:
    if earlier is None:
        return later
    merged = {**earlier, **later}
    merged["mask"] = earlier["mask"] | later["mask"]
    return merged


class ProgressCoalescer:
    def __init__(self, send: Send, on_verdict: OnVerdict) -> None:
        self._send = send
        self._on_verdict = on_verdict
        # Held while sending too, so an item's reports leave in the order they were decided.
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._in_flight: Set[str] = set()
        self._waiting: Dict[str, ProgressItem] = {}
        self._latest: Dict[str, Verdict] = {}
        self._unanswered = 0

    def report(self, item_id: str, progress_item: ProgressItem) -> Verdict:
        with self._lock:
            if is_final(progress_item):
                self._send_one(item_id, merge(self._waiting.pop(item_id, None), progress_item), update=False)
            elif item_id in self._in_flight:
                self._waiting[item_id] = merge(self._waiting.get(item_id), progress_item)
            else:
                self._send_one(item_id, progress_item, update=True)
            return self._latest.get(item_id, Verdict.CONTINUE)

    def latest(self, item_id: str) -> Verdict:
        with self._lock:
            return self._latest.get(item_id, Verdict.CONTINUE)

    def wait_for_room(self, limit: int) -> None:
        """Blocks while `limit` or more reports are unanswered, so items do not run far ahead of a cancel."""
        with self._changed:
            self._changed.wait_for(lambda: self._unanswered < limit)

    def settled(self) -> None:
        """Blocks until every report made so far, and every merged update, was sent and answered."""
        self.wait_for_room(1)

    def _send_one(self, item_id: str, progress_item: ProgressItem, update: bool) -> None:
        self._unanswered += 1
        if update:
            self._in_flight.add(item_id)

        def answered(hr: Optional[int]) -> None:
            verdict = verdict_of(hr)
            self._on_verdict(verdict, item_id)
            with self._changed:
                self._latest[item_id] = verdict
                if update:
                    self._in_flight.discard(item_id)
                    waiting = self._waiting.pop(item_id, None)
                    if waiting is not None:
                        self._send_one(item_id, waiting, update=True)
                self._unanswered -= 1
                self._changed.notify_all()

        self._send(item_id, progress_item, answered)
