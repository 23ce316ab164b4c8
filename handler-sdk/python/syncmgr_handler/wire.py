"""From the author's dataclasses to the protocol's JSON (§3.5), checking what the host would refuse.

A check fails with a HandlerSdkError whose message names the field, so the author sees at once why
(the SDK logs it on stderr, which the host keeps in the handler's fault)."""

from __future__ import annotations

import datetime
from typing import Any, Dict, Optional

from . import constants as c
from .errors import HandlerSdkError
from .guids import canonical_guid
from .structs import HandlerInfo, ItemStatus, ProgressUpdate, SyncItem

UINT32_MAX = 0xFFFFFFFF
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1

STATUS_VALUES = {
    ItemStatus.STOPPED: c.SYNCMGRSTATUS_STOPPED,
    ItemStatus.SKIPPED: c.SYNCMGRSTATUS_SKIPPED,
    ItemStatus.PENDING: c.SYNCMGRSTATUS_PENDING,
    ItemStatus.UPDATING: c.SYNCMGRSTATUS_UPDATING,
    ItemStatus.SUCCEEDED: c.SYNCMGRSTATUS_SUCCEEDED,
    ItemStatus.FAILED: c.SYNCMGRSTATUS_FAILED,
    ItemStatus.PAUSED: c.SYNCMGRSTATUS_PAUSED,
    ItemStatus.RESUMING: c.SYNCMGRSTATUS_RESUMING,
    ItemStatus.INDETERMINATE: c.SYNCMGRSTATUS_UPDATING_INDETERMINATE,
}


def handler_info_to_wire(info: HandlerInfo) -> Dict[str, Any]:
    name = info.handler_name
    if not isinstance(name, str) or not 1 <= len(name) <= c.MAX_HANDLER_NAME:
        raise HandlerSdkError(
            "INVALID_HANDLER_INFO", f"handler_name must be 1 to {c.MAX_HANDLER_NAME} characters, got {name!r}"
        )
    wire: Dict[str, Any] = {"handlerName": name, "handlerFlags": _uint32(info.handler_flags, "handler_flags", "INVALID_HANDLER_INFO")}
    if info.icon is not None:
        wire["icon"] = info.icon
    return wire


def item_to_wire(item: SyncItem) -> Dict[str, Any]:
    if not isinstance(item, SyncItem):
        raise HandlerSdkError("INVALID_ITEM", f"enum_items must yield SyncItem objects, got {type(item).__name__}")
    item_id = canonical_guid(item.item_id)
    if item_id is None:
        raise HandlerSdkError("INVALID_ITEM", f"item_id {item.item_id!r} is not a GUID (see stable_item_id)")
    name = item.item_name
    if not isinstance(name, str) or not 1 <= len(name) <= c.MAX_ITEM_NAME:
        raise HandlerSdkError("INVALID_ITEM", f"item_name must be 1 to {c.MAX_ITEM_NAME} characters, got {name!r}")
    flags = _uint32(item.flags, "flags", "INVALID_ITEM")
    wire: Dict[str, Any] = {"itemId": item_id, "itemName": name, "itemState": _uint32(item.item_state, "item_state", "INVALID_ITEM")}
    if item.icon is not None:
        wire["icon"] = item.icon
    if item.last_update is not None:
        wire["lastUpdate"] = _date_time(item.last_update)
        flags |= c.SYNCMGRITEM_LASTUPDATETIME
    wire["flags"] = flags
    return wire


def progress_to_wire(update: ProgressUpdate) -> Dict[str, Any]:
    """A SyncMgrProgressItem: each field given sets its mask bit; numbers are clamped to int32."""
    wire: Dict[str, Any] = {"mask": 0}
    if update.text is not None:
        wire["statusText"] = str(update.text)
        wire["mask"] |= c.PROGRESS_STATUSTEXT
    if update.status is not None:
        wire["statusType"] = STATUS_VALUES[ItemStatus(update.status)]
        wire["mask"] |= c.PROGRESS_STATUSTYPE
    if update.value is not None:
        wire["progValue"] = _int32(update.value)
        wire["mask"] |= c.PROGRESS_PROGVALUE
    if update.max is not None:
        wire["maxValue"] = _int32(update.max)
        wire["mask"] |= c.PROGRESS_MAXVALUE
    return wire


def is_final(progress_item: Dict[str, Any]) -> bool:
    return bool(progress_item["mask"] & c.PROGRESS_STATUSTYPE) and progress_item.get("statusType") in c.FINAL_STATUSES


def log_error_params(level: int, text: str, item_id: Optional[str], error_id: Optional[str]) -> Dict[str, Any]:
    params: Dict[str, Any] = {"errorLevel": level, "errorText": text}
    info: Dict[str, Any] = {"mask": 0}
    if error_id is not None:
        canonical = canonical_guid(error_id)
        if canonical is None:
            raise HandlerSdkError("INVALID_ITEM", f"error_id {error_id!r} is not a GUID")
        # An entry with an ErrorID is meant to be opened: make it actionable (§4.5).
        info.update(errorId=canonical, syncMgrErrorFlags=c.ERRORFLAG_ENABLEJUMPTEXT)
        info["mask"] |= c.LOGERROR_ERRORID | c.LOGERROR_ERRORFLAGS
    if item_id is not None:
        info["itemId"] = item_id
        info["mask"] |= c.LOGERROR_ITEMID
    if info["mask"]:
        params["logErrorInfo"] = info
    return params


def _uint32(value: object, name: str, code: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= UINT32_MAX:
        raise HandlerSdkError(code, f"{name} must be an integer from 0 to {UINT32_MAX}, got {value!r}")
    return value


def _int32(value: object) -> int:
    return max(INT32_MIN, min(INT32_MAX, int(value)))  # type: ignore[call-overload]


def _date_time(value: object) -> str:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value)
