"""Runs synchronize_item for every item of a run on `concurrency` worker threads, and reports each
item's final status itself, including items skipped or cancelled before they started.

A handler exception fails its item (the message is logged for the item), never the process."""

from __future__ import annotations

import sys
import threading
import traceback
from typing import Callable, List, Optional, Tuple

from .contexts import ItemContext
from .errors import ItemStoppedError
from .progress_coalescer import ProgressCoalescer
from .structs import ItemResult, ItemStatus, LogLevel, ProgressUpdate, SyncItem
from .sync_run import ItemControl
from .wire import progress_to_wire

SynchronizeItem = Callable[[SyncItem, ItemContext], Optional[ItemResult]]
ContextFor = Callable[[ItemControl], ItemContext]
# How many reports may be unanswered before another item starts: a cancel still stops the items
# after the next few, and unanswered requests do not pile up.
MAX_UNANSWERED = 64

DEFAULT_TEXTS = {
    ItemStatus.SUCCEEDED: "Succeeded",
    ItemStatus.FAILED: "Failed",
    ItemStatus.SKIPPED: "Skipped",
    ItemStatus.STOPPED: "Stopped",
}


def report_final(progress: ProgressCoalescer, item_id: str, status: ItemStatus, text: Optional[str] = None) -> None:
    progress.report(item_id, progress_to_wire(ProgressUpdate(text=text or DEFAULT_TEXTS[status], status=status)))


class ItemRunner:
    def __init__(self, controls: List[ItemControl], synchronize_item: SynchronizeItem, context_for: ContextFor, progress: ProgressCoalescer, concurrency: int) -> None:
        self._controls = controls
        self._synchronize_item = synchronize_item
        self._context_for = context_for
        self._progress = progress
        self._concurrency = max(1, concurrency)
        self._next = 0
        self._next_lock = threading.Lock()

    def run_all(self) -> None:
        """Returns once every item ended and its final status was sent (not necessarily answered)."""
        workers = [threading.Thread(target=self._drain, daemon=True, name=f"syncmgr-item-{n}") for n in range(min(self._concurrency, max(1, len(self._controls))))]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    def _take(self) -> Optional[ItemControl]:
        with self._next_lock:
            if self._next >= len(self._controls):
                return None
            self._next += 1
            return self._controls[self._next - 1]

    def _drain(self) -> None:
        control = self._take()
        while control is not None:
            self._progress.wait_for_room(MAX_UNANSWERED)
            if control.try_start():
                status, text = self._outcome(control)
                control.finish()
                report_final(self._progress, control.item_id, status, text)
            control = self._take()

    def _outcome(self, control: ItemControl) -> Tuple[ItemStatus, Optional[str]]:
        # mobsync reports before each item; the verdict is not awaited (pipelined).
        self._progress.report(control.item_id, progress_to_wire(ProgressUpdate(status=ItemStatus.UPDATING)))
        ctx = self._context_for(control)
        if control.item is None:
            text = f"item {control.item_id} was not listed by this handler"
            ctx.log_error(LogLevel.ERROR, text)
            return ItemStatus.FAILED, text
        try:
            result = self._synchronize_item(control.item, ctx)
        except ItemStoppedError as stopped:
            return ItemStatus(stopped.reason), None
        except Exception as error:  # a handler bug fails its item, never the process
            if control.stop_reason is not None:
                return ItemStatus(control.stop_reason), None
            traceback.print_exc(file=sys.stderr)
            text = f"{type(error).__name__}: {error}"
            ctx.log_error(LogLevel.ERROR, text)
            return ItemStatus.FAILED, text
        if result is None:
            # Returning early after a skip or cancel means the item stopped, not succeeded.
            return (ItemStatus(control.stop_reason) if control.stop_reason else ItemStatus.SUCCEEDED), None
        return ItemStatus(result.status), result.text
