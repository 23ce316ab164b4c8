"""The structs a handler author deals with, as dataclasses and string enums.

The enums are `str` subclasses, so `verdict == "cancel_all"` holds as well as `verdict is Verdict.CANCEL_ALL`.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import Any, Iterable, List, Optional, Union

from .constants import SYNCMGRITEMSTATE_CHECKED


class Verdict(str, enum.Enum):
    """The host's answer to a progress report (S_OK, S_SYNCMGR_CANCELITEM, S_SYNCMGR_CANCELALL)."""

    CONTINUE = "continue"
    CANCEL_ITEM = "cancel_item"
    CANCEL_ALL = "cancel_all"


class ItemStatus(str, enum.Enum):
    """SYNCMGRSTATUS by name."""

    PENDING = "pending"
    UPDATING = "updating"
    INDETERMINATE = "indeterminate"
    PAUSED = "paused"
    RESUMING = "resuming"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    SKIPPED = "skipped"
    STOPPED = "stopped"


class LogLevel(str, enum.Enum):
    INFORMATION = "information"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class SessionInfo:
    """What the host said in Initialize (and the environment)."""

    sync_mgr_flags: int
    event: str  # 'connect', 'pendingDisconnect', 'manual', 'idle', 'invoke', 'scheduled' or 'unknown'
    may_bother_user: bool
    settings: bool
    cookie: Optional[bytes]
    clsid: Optional[str]


@dataclass
class HandlerInfo:
    """GetHandlerInfo's answer: a name of 1 to 32 characters, SYNCMGRHANDLER_* flags, an icon."""

    handler_name: str
    handler_flags: int = 0
    icon: Optional[str] = None


@dataclass
class SyncItem:
    """An item as the handler lists it. `data` is the handler's own: synchronize_item gets this very object."""

    item_id: str
    item_name: str
    item_state: int = SYNCMGRITEMSTATE_CHECKED
    flags: int = 0
    icon: Optional[str] = None
    last_update: Optional[Union[str, datetime.datetime]] = None
    data: Any = None


@dataclass
class EnumItems:
    """enum_items' answer when the list is knowingly incomplete (S_SYNCMGR_MISSINGITEMS)."""

    items: Iterable[SyncItem]
    missing_items: bool = False


@dataclass
class ItemResult:
    """How an item ended; None from synchronize_item means succeeded."""

    status: ItemStatus = ItemStatus.SUCCEEDED
    text: Optional[str] = None


@dataclass
class ProgressUpdate:
    """A progress report; each field given sets its mask bit."""

    text: Optional[str] = None
    value: Optional[int] = None
    max: Optional[int] = None
    status: Optional[ItemStatus] = None


@dataclass
class PromptField:
    """One input of a prompt: kind 'text', 'secret' or 'confirm'."""

    name: str
    label: str
    kind: str = "text"
    default: Optional[Union[str, bool]] = None


@dataclass
class ShowErrorResult:
    """show_error's answer: items to prepare and synchronize again (S_SYNCMGR_RETRYSYNC)."""

    retry_item_ids: List[str] = field(default_factory=list)
