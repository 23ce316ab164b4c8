"""Typed errors: each carries a code saying which rule was broken, so callers test codes, not text."""

from __future__ import annotations

from typing import Optional


class HandlerSdkError(Exception):
    """The SDK refused what the handler gave it (a name too long, a bad GUID, a malformed prompt).

    Codes: INVALID_HANDLER_INFO, INVALID_ITEM, INVALID_NAMESPACE, INVALID_PROMPT, INVALID_HRESULT.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


class ItemStoppedError(Exception):
    """Raised by ItemContext.raise_if_stopped once the host skipped or cancelled the item."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the item was {reason}")
        self.reason = reason  # 'skipped' or 'stopped'


class FrameError(Exception):
    """The byte stream from the host is not a well-formed frame (§7): it cannot be trusted any more.

    Codes: NO_CONTENT_LENGTH, BAD_HEADER, HEADER_TOO_LONG, TOO_LARGE, TRUNCATED, NOT_JSON, NOT_JSONRPC.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


class RpcError(Exception):
    """A JSON-RPC error: raised by a request handler to refuse a request (§3.3)."""

    def __init__(self, code: int, message: str, data: Optional[object] = None) -> None:
        super().__init__(f"{message} (JSON-RPC error {code})")
        self.code = code
        self.message = message
        self.data = data


class ConnectionClosed(Exception):
    """The host closed the stream: no answer will come."""
