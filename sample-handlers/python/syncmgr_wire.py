"""JSON-RPC 2.0 over Content-Length frames (the framing vscode-jsonrpc writes), standard library only.

A frame is a header section -- "Content-Length: N\\r\\n", possibly other headers, then an empty
line -- followed by N bytes of UTF-8 JSON. Both sides send requests: the host calls the handler's
methods, and the handler calls the host back (progress, logError, completions), so a Connection
both serves incoming requests and waits for the answers to its own.
"""

import itertools
import json
import sys
import threading
import traceback

from syncmgr_constants import INTERNAL_ERROR, INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND

# A header line longer than this is not a header: the stream is out of step.
MAX_HEADER_LINE = 8192


def log(message):
    """Every diagnostic goes to stderr: stdout carries frames and nothing else."""
    print(f"tar-snapshot: {message}", file=sys.stderr, flush=True)


class FrameError(Exception):
    """The byte stream is not a well-formed frame, so it can no longer be trusted."""


class ConnectionClosed(Exception):
    """The peer closed the stream; no answer will come."""


class RpcError(Exception):
    """A JSON-RPC error: raised by a method handler to refuse a request, or received as an answer."""

    def __init__(self, code, message):
        super().__init__(f"{message} (JSON-RPC error {code})")
        self.code = code
        self.message = message


def read_frame(stream):
    """The body of the next frame as bytes, or None on a clean end of stream between frames."""
    content_length = None
    at_start = True
    while True:
        line = stream.readline(MAX_HEADER_LINE)
        if not line:
            if at_start:
                return None
            raise FrameError("end of stream inside a frame header")
        at_start = False
        if not line.endswith(b"\n"):
            raise FrameError(f"header line too long or unterminated: {line[:80]!r}")
        line = line.rstrip(b"\r\n")
        if not line:
            break
        name, colon, value = line.partition(b":")
        if not colon:
            raise FrameError(f"malformed header line {line[:80]!r}")
        if name.strip().lower() == b"content-length":  # other headers (Content-Type) are ignored
            value = value.strip()
            if not value.isdigit():
                raise FrameError(f"bad Content-Length value {value[:40]!r}")
            content_length = int(value)
    if content_length is None:
        raise FrameError("frame header without Content-Length")
    body = _read_exactly(stream, content_length)
    if len(body) < content_length:
        raise FrameError(f"end of stream after {len(body)} of {content_length} body bytes")
    return body


def _read_exactly(stream, count):
    chunks = []
    remaining = count
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def decode_body(body):
    """The JSON value of a frame body; a body that is not UTF-8 JSON desynchronises the stream."""
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FrameError(f"frame body is not UTF-8 JSON: {error}") from None


class FrameWriter:
    """Writes whole frames; the lock keeps frames from two threads from interleaving."""

    def __init__(self, stream):
        self._stream = stream
        self._lock = threading.Lock()

    def write(self, message):
        body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        frame = b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self._lock:
            try:
                self._stream.write(frame)
                self._stream.flush()
            except (BrokenPipeError, ValueError) as error:  # ValueError: the stream is closed
                raise ConnectionClosed(f"cannot write to the host: {error}") from None


class _PendingRequest:
    """One outgoing request waiting for its answer."""

    def __init__(self):
        self.done = threading.Event()
        self.result = None
        self.error = None


class Connection:
    """A JSON-RPC peer. serve() runs the reader loop on the calling thread; request() may be
    called from any other thread and blocks until the host answers."""

    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer
        self._methods = {}
        self._pending = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._closed = False

    def on(self, method, handler):
        """Serve `method` with handler(params: dict) -> result. The handler runs on the reader
        thread, so it must return promptly and must not call request()."""
        self._methods[method] = handler

    def request(self, method, params):
        """Send a request and return its result; raises RpcError or ConnectionClosed."""
        pending = _PendingRequest()
        with self._lock:
            if self._closed:
                raise ConnectionClosed(f"{method}: the connection is closed")
            request_id = next(self._ids)
            self._pending[request_id] = pending
        try:
            self._writer.write({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        except ConnectionClosed:
            with self._lock:
                self._pending.pop(request_id, None)
            raise
        pending.done.wait()
        if pending.error is not None:
            raise pending.error
        return pending.result

    def serve(self):
        """Read and dispatch messages until the stream ends; raises FrameError on a bad frame."""
        try:
            while True:
                body = read_frame(self._reader)
                if body is None:
                    return
                self._handle(decode_body(body))
        finally:
            self._fail_pending()

    def _handle(self, message):
        if not isinstance(message, dict):
            self._reply_error(None, INVALID_REQUEST, "a message must be a JSON object")
        elif "method" in message:
            self._dispatch(message)
        elif "id" in message and ("result" in message or "error" in message):
            self._route_response(message)
        else:
            self._reply_error(message.get("id"), INVALID_REQUEST, "neither a request nor a response")

    def _dispatch(self, message):
        method = message["method"]
        handler = self._methods.get(method) if isinstance(method, str) else None
        params = message.get("params")
        if "id" not in message:
            # A notification (e.g. $/cancelRequest): nothing to answer, and nothing we need.
            if handler is not None and isinstance(params, dict):
                self._call_quietly(handler, params, method)
            return
        request_id = message["id"]
        try:
            if handler is None:
                raise RpcError(METHOD_NOT_FOUND, f"method not found: {method}")
            if params is None:
                params = {}
            if not isinstance(params, dict):
                raise RpcError(INVALID_PARAMS, f"{method}: params must be one object")
            result = handler(params)
        except RpcError as error:
            self._reply_error(request_id, error.code, error.message)
            return
        except Exception as error:  # a bug in a handler must not kill the reader loop
            log(f"{method} raised:\n{traceback.format_exc()}")
            self._reply_error(request_id, INTERNAL_ERROR, f"{method}: {error}")
            return
        self._writer.write({"jsonrpc": "2.0", "id": request_id, "result": result})

    def _call_quietly(self, handler, params, method):
        try:
            handler(params)
        except Exception:
            log(f"notification {method} raised:\n{traceback.format_exc()}")

    def _reply_error(self, request_id, code, message):
        error = {"code": code, "message": message}
        self._writer.write({"jsonrpc": "2.0", "id": request_id, "error": error})

    def _route_response(self, message):
        response_id = message["id"]
        with self._lock:
            pending = self._pending.pop(response_id, None) if type(response_id) is int else None
        if pending is None:
            log(f"ignoring an answer to unknown request id {response_id!r}")
            return
        error = message.get("error")
        if error is not None:
            code = error.get("code", INTERNAL_ERROR) if isinstance(error, dict) else INTERNAL_ERROR
            text = error.get("message", "") if isinstance(error, dict) else str(error)
            pending.error = RpcError(code, text)
        else:
            pending.result = message.get("result")
        pending.done.set()

    def _fail_pending(self):
        """Release every thread waiting for an answer that can no longer come."""
        with self._lock:
            self._closed = True
            pending, self._pending = list(self._pending.values()), {}
        for request in pending:
            request.error = ConnectionClosed("the host closed the connection")
            request.done.set()
