"""Content-Length framing (PROTOCOL.md §2.1), the base protocol of LSP, as bytes in and bytes out."""

from __future__ import annotations

import json
from typing import IO, Any, Dict, Optional

from .constants import DEFAULT_MAX_MESSAGE_BYTES
from .errors import FrameError

# §2.1: the header part stays under 1024 bytes.
MAX_HEADER_BYTES = 1024


def encode_frame(message: Dict[str, Any]) -> bytes:
    """One frame: the header and the UTF-8 body, to be written in one write."""
    body = json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frame(stream: IO[bytes], max_bytes: int = DEFAULT_MAX_MESSAGE_BYTES) -> Optional[Dict[str, Any]]:
    """The next message, or None at a clean end of stream between frames. Raises FrameError."""
    length = _read_header(stream)
    if length is None:
        return None
    if length > max_bytes:
        raise FrameError("TOO_LARGE", f"Content-Length {length} is above the limit of {max_bytes} bytes")
    body = _read_exactly(stream, length)
    try:
        message = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FrameError("NOT_JSON", f"the body is not UTF-8 JSON: {error}") from None
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
        raise FrameError("NOT_JSONRPC", "the body is not one JSON-RPC 2.0 object")
    return message


def _read_header(stream: IO[bytes]) -> Optional[int]:
    length: Optional[int] = None
    seen = 0
    while True:
        line = stream.readline(MAX_HEADER_BYTES + 1)
        if not line:
            if seen == 0:
                return None
            raise FrameError("TRUNCATED", "end of stream inside a frame header")
        seen += len(line)
        if seen > MAX_HEADER_BYTES:
            raise FrameError("HEADER_TOO_LONG", f"the header part is over {MAX_HEADER_BYTES} bytes")
        if not line.endswith(b"\r\n"):
            raise FrameError("BAD_HEADER", f"a header line does not end in CRLF: {line[:80]!r}")
        line = line[:-2]
        if not line:
            break
        name, colon, value = line.partition(b":")
        if not colon:
            raise FrameError("BAD_HEADER", f"not a header line: {line[:80]!r}")
        if name.strip().lower() == b"content-length":
            text = value.strip()
            if not text.isdigit():
                raise FrameError("BAD_HEADER", f"Content-Length is not a number: {text[:40]!r}")
            length = int(text)
    if length is None:
        raise FrameError("NO_CONTENT_LENGTH", "a frame without a Content-Length header")
    return length


def _read_exactly(stream: IO[bytes], length: int) -> bytes:
    chunks = []
    remaining = length
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            raise FrameError("TRUNCATED", f"end of stream {remaining} bytes before the end of a body")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
