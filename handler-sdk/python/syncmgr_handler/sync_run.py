"""One prepareForSync's items and their cancellation: the state shared by prepare and synchronize.

Each item has a threading.Event set when the host skips it (setItemStatus SKIPPED) or cancels it
(S_SYNCMGR_CANCELITEM for it, S_SYNCMGR_CANCELALL for all); the first reason wins."""

from __future__ import annotations

import threading
from typing import Callable, Dict, List, Optional

from .structs import SyncItem, Verdict


OnStoppedPending = Callable[["ItemControl"], None]


class ItemControl:
    def __init__(self, item_id: str, item: Optional[SyncItem], on_stopped_pending: OnStoppedPending) -> None:
        self.item_id = item_id
        self.item = item  # None: the host named an item this process never listed
        self.state = "pending"  # then 'running', then 'done'
        self.stopped = threading.Event()
        self.stop_reason: Optional[str] = None  # 'skipped' or 'stopped'
        self._lock = threading.Lock()
        # Called when the item is stopped while still pending: its final status is reported at
        # once, so a skip in the prepare window is reported in that window (§4.4).
        self._on_stopped_pending = on_stopped_pending

    def stop(self, reason: str) -> None:
        with self._lock:
            if self.stop_reason is not None or self.state == "done":
                return
            self.stop_reason = reason
            self.stopped.set()
            finish_now = self.state == "pending"
            if finish_now:
                self.state = "done"
        if finish_now:
            self._on_stopped_pending(self)

    def try_start(self) -> bool:
        """Moves a pending, unstopped item to 'running'; False if it must not start."""
        with self._lock:
            if self.state != "pending" or self.stop_reason is not None:
                return False
            self.state = "running"
            return True

    def finish(self) -> None:
        with self._lock:
            self.state = "done"


class SyncRun:
    def __init__(self, item_ids: List[str], catalog: Dict[str, SyncItem], on_stopped_pending: OnStoppedPending) -> None:
        unique_ids = dict.fromkeys(item_ids)
        self.controls = [ItemControl(item_id, catalog.get(item_id), on_stopped_pending) for item_id in unique_ids]
        self._by_id = {control.item_id: control for control in self.controls}
        self.cancelled_all = False

    def control(self, item_id: str) -> Optional[ItemControl]:
        return self._by_id.get(item_id)

    def apply(self, verdict: Verdict, item_id: str) -> None:
        if verdict is Verdict.CANCEL_ALL:
            self.cancelled_all = True
            # Pending items first: stopping a running one wakes its worker, which must find the
            # next items already stopped rather than start them.
            for control in [c for c in self.controls if c.state == "pending"] + self.controls:
                control.stop("stopped")
        elif verdict is Verdict.CANCEL_ITEM:
            control = self._by_id.get(item_id)
            if control is not None:
                control.stop("stopped")

    def skip(self, item_id: str) -> None:
        control = self._by_id.get(item_id)
        if control is not None:
            control.stop("skipped")
