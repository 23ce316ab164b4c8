"""What a request handler returns, and the checks of params shared by the request modules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

from . import constants as c
from .errors import RpcError
from .guids import canonical_guid


@dataclass
class Reply:
    """The result to answer with, and work to start on a thread of its own once the answer is written
    (the asynchronous calls answer at once and complete later, §4.4)."""

    result: Dict[str, Any]
    after: Optional[Callable[[], None]] = None


def hr(value: int, **fields: Any) -> Reply:
    return Reply({"hr": value, **fields})


def int_param(params: Dict[str, Any], name: str, low: int = 0, high: int = 0xFFFFFFFF) -> int:
    value = params.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise RpcError(c.INVALID_PARAMS, f"{name} must be an integer from {low} to {high}")
    return value


def guid_param(params: Dict[str, Any], name: str) -> str:
    value = canonical_guid(params.get(name))
    if value is None:
        raise RpcError(c.INVALID_PARAMS, f"{name} must be a GUID")
    return value


def guid_list_param(params: Dict[str, Any], name: str) -> List[str]:
    values = params.get(name)
    ids = [canonical_guid(value) for value in values] if isinstance(values, list) else None
    if ids is None or any(item_id is None for item_id in ids):
        raise RpcError(c.INVALID_PARAMS, f"{name} must be an array of GUIDs")
    return [item_id for item_id in ids if item_id is not None]
