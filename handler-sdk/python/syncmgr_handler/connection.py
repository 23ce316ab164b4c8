"""JSON-RPC 2.0 in both directions over one pair of streams (§3.1).

The reader loop runs on the thread that calls serve(); answers to the handler's own requests are
handed to their callbacks on that thread, so callbacks must be quick and never wait for the host.
Writes go through one lock, one frame per write, so threads never interleave bytes.
"""

from __future__ import annotations

import itertools
import sys
import threading
from typing import Any, BinaryIO, Callable, Dict, Optional, Tuple

from .constants import DEFAULT_MAX_MESSAGE_BYTES
from .errors import ConnectionClosed
from .framing import encode_frame, read_frame

# (result, error): exactly one is not None, except both None when the connection closed.
Answer = Tuple[Optional[Dict[str, Any]], Optional[Dict[str, Any]]]
AnswerCallback = Callable[[Optional[Dict[str, Any]], Optional[Dict[str, Any]]], None]
RequestHandler = Callable[[Dict[str, Any]], None]


class Connection:
    def __init__(self, reader: BinaryIO, writer: BinaryIO, max_read_bytes: int = DEFAULT_MAX_MESSAGE_BYTES) -> None:
        self._reader = reader
        self._writer = writer
        self._max_read_bytes = max_read_bytes
        self._write_lock = threading.Lock()
        self._pending_lock = threading.Lock()
        self._pending: Dict[Any, AnswerCallback] = {}
        self._ids = itertools.count(1)
        self._closed = False
        self._reader_thread: Optional[threading.Thread] = None

    @property
    def closed(self) -> bool:
        return self._closed

    def write(self, message: Dict[str, Any]) -> None:
        frame = encode_frame(message)
        with self._write_lock:
            try:
                self._writer.write(frame)
                self._writer.flush()
            except (BrokenPipeError, ValueError, OSError):
                self._closed = True  # the host is gone; the reader sees the end of stdin next

    def answer(self, request_id: Any, result: Dict[str, Any]) -> None:
        self.write({"jsonrpc": "2.0", "id": request_id, "result": result})

    def refuse(self, request_id: Any, code: int, message: str) -> None:
        self.write({"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}})

    def request(self, method: str, params: Dict[str, Any], on_answer: AnswerCallback) -> None:
        """Sends a request without waiting; on_answer runs on the reader thread when it is answered."""
        if self._closed:
            on_answer(None, None)
            return
        request_id = next(self._ids)
        with self._pending_lock:
            self._pending[request_id] = on_answer
        self.write({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})

    def call(self, method: str, params: Dict[str, Any]) -> Dict[str, Any]:
        """Sends a request and waits for its result. Never call it from the reader thread.

        Raises ConnectionClosed when the host goes away first, RuntimeError on an error answer or
        when called on the reader thread (the answer could never be read: a deadlock)."""
        if threading.current_thread() is self._reader_thread:
            raise RuntimeError(f"{method} cannot wait for the host from a quick call (initialize, enum_items…)")
        done = threading.Event()
        box: Dict[str, Any] = {}

        def answered(result: Optional[Dict[str, Any]], error: Optional[Dict[str, Any]]) -> None:
            box["result"], box["error"] = result, error
            done.set()

        self.request(method, params, answered)
        done.wait()
        if box["error"] is not None:
            raise RuntimeError(f"{method} was refused: {box['error']}")
        if box["result"] is None:
            raise ConnectionClosed(method)
        return box["result"]

    def serve(self, on_request: RequestHandler) -> None:
        """Reads until end of stream. Raises FrameError on a malformed stream."""
        self._reader_thread = threading.current_thread()
        try:
            while True:
                message = read_frame(self._reader, self._max_read_bytes)
                if message is None:
                    return
                self._dispatch(message, on_request)
        finally:
            self._close_pending()

    def _dispatch(self, message: Dict[str, Any], on_request: RequestHandler) -> None:
        if "method" in message:
            if "id" in message:  # a message without an id is a notification: ignored (§3.1)
                on_request(message)
            return
        with self._pending_lock:
            callback = self._pending.pop(message.get("id"), None)
        if callback is None:
            print(f"syncmgr_handler: an answer to no request of ours: id {message.get('id')!r}", file=sys.stderr)
            return
        result = message.get("result")
        error = message.get("error")
        if error is None and not isinstance(result, dict):
            error = {"code": -32603, "message": "the answer has no result object"}
        callback(result if error is None else None, error)

    def _close_pending(self) -> None:
        self._closed = True
        with self._pending_lock:
            pending, self._pending = self._pending, {}
        for callback in pending.values():
            callback(None, None)
