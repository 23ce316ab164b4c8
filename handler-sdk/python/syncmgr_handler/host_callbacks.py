"""The handler's calls to the host (§5.4), over the connection, respecting who holds the callback.

Between setProgressCallback {enabled:false} (or before {enabled:true}) the handler MUST NOT call the
host: logError, deleteLogError, progress and establishConnection are then dropped (with a line on
stderr). UI calls and completions are sent regardless: a settings instance makes them while
showProperties is open without ever holding the callback (§4.3)."""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, Optional

from . import constants as c

# Small enough that a handler reporting in a tight loop keeps a batch in flight while it goes on.
REPORTS_PER_BATCH = 256
from .connection import Connection
from .errors import ConnectionClosed
from .progress_batcher import ProgressBatcher


class HostCallbacks:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.enabled = False
        self._batcher: Optional[ProgressBatcher] = None

    def offer_batches(self, max_reports: int) -> None:
        """The handshake offered callback/progressBatch with at most this many reports."""
        self._batcher = ProgressBatcher(self._connection, min(max_reports, REPORTS_PER_BATCH))

    def log_error(self, params: Dict[str, Any]) -> None:
        self._call_if_held("callback/logError", params)

    def delete_log_error(self, error_id: str) -> None:
        self._call_if_held("callback/deleteLogError", {"errorId": error_id})

    def establish_connection(self, connection: Optional[str]) -> bool:
        result = self._call_if_held("callback/establishConnection", {"connection": connection})
        return result is not None and result.get("hr") == c.S_OK

    def enable_modeless(self, enable: bool) -> bool:
        result = self._call("callback/enableModeless", {"enable": enable})
        return result is not None and result.get("hr") == c.S_OK

    def prompt(self, params: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        return self._call("callback/prompt", params)

    def progress(self, item_id: str, progress_item: Dict[str, Any], answered: Callable[[Optional[int]], None]) -> None:
        if not self.enabled:
            answered(None)
            return

        report = {"itemId": item_id, "progressItem": progress_item}
        if self._batcher is not None:
            self._batcher.add(report, answered)
            return

        def on_answer(result: Optional[Dict[str, Any]], error: Optional[Dict[str, Any]]) -> None:
            if error is not None:
                print(f"syncmgr_handler: callback/progress for {item_id} was refused: {error}", file=sys.stderr)
            answered(result.get("hr") if result is not None else None)

        self._connection.request("callback/progress", report, on_answer)

    def complete(self, method: str, params: Dict[str, Any]) -> None:
        """Sends a phase's completion without waiting for its answer (it is always {hr:0})."""
        self._flush_reports()
        self._connection.request(method, params, lambda _result, _error: None)

    def _call_if_held(self, method: str, params: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        if not self.enabled:
            print(f"syncmgr_handler: {method} dropped: the handler does not hold the callback now", file=sys.stderr)
            return None
        return self._call(method, params)

    def _flush_reports(self) -> None:
        # Reports made before another callback go before it (§5.4).
        if self._batcher is not None:
            self._batcher.flush()

    def _call(self, method: str, params: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        self._flush_reports()
        try:
            return self._connection.call(method, params)
        except ConnectionClosed:
            return None
        except RuntimeError as refused:  # refused by the host (e.g. OutOfPhase): the handler goes on
            print(f"syncmgr_handler: {refused}", file=sys.stderr)
            return None
